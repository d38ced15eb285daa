"""--jobs: the same outcomes in the same order as one process, failures reported alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import svodka
from svodka import parallel
from svodka.article import Article
from svodka.cli import cli
from svodka.components import Extractor, InputError
from svodka.parallel import SMALL, process_parallel
from svodka.pipeline import process
from svodka.records import Role
from svodka.testing import plugins_with

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def corpus(n: int) -> list[Article | InputError]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    items: list[Article | InputError] = [
        Article(id=f"a{i:03d}", text=texts[i % len(texts)], published="2025-10-31")
        for i in range(n)
    ]
    items.insert(7, InputError("feed.jsonl:8", "not valid JSON"))
    return items


class Picky(Extractor):
    """Fails on one article, finds a role in the others."""

    name = "picky"
    record_types = ("role",)

    def extract(self, doc):
        if doc.article.id == "a013":
            raise ValueError("cannot read this one")
        return [Role(article=doc.article.id, person="Тест Тестов", position="посол")]


class PickyPlugin:
    @svodka.hookimpl
    def register_extractors(self, register):
        register(Picky())


def dump(outcomes) -> list:
    return [
        (o.source, o.failure, o.errors, [r.to_dict() for r in o.records], o.summary)
        for o in outcomes
    ]


def test_parallel_outcomes_equal_serial_ones_in_order() -> None:
    from svodka.normalize.lexicon import Lexicon

    plugins = plugins_with(PickyPlugin())
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lexicon = Lexicon.from_plugins(plugins)
    items = corpus(3 * SMALL)
    serial = dump(process(items, extractors, lexicon, owners))
    spread = dump(process_parallel(items, extractors, lexicon, owners, jobs=2))
    assert spread == serial
    assert [o[0] for o in spread][:9] == [f"a{i:03d}" for i in range(7)] + ["feed.jsonl:8", "a007"]
    failing = next(o for o in spread if o[0] == "a013")
    assert "picky" in failing[2][0] and "cannot read this one" in failing[2][0]


def test_small_inputs_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from svodka.normalize.lexicon import Lexicon

    def no_pool(*args, **kwargs):
        raise AssertionError("no worker processes for a small input")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    plugins = plugins_with(PickyPlugin())
    outcomes = list(
        process_parallel(
            corpus(3), plugins.extractors.values(), Lexicon.from_plugins(plugins), jobs=2
        )
    )
    assert len(outcomes) == 4


def test_cli_jobs_give_byte_identical_output(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(2 * SMALL + 5):
            fh.write(json.dumps({"id": f"n{i}", "text": texts[i % 2], "published": "2025-10-31"}))
            fh.write("\n")
        fh.write("{broken\n")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"records-{jobs}.jsonl"
        result = CliRunner().invoke(cli, ["extract", str(feed), "--jobs", jobs, "-o", str(out)])
        assert result.exit_code == 1  # the broken line
        assert f"{feed}:{2 * SMALL + 6}" in result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 2 * SMALL
