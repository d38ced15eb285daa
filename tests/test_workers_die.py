"""A worker process that dies (kill -9, the OOM killer, os._exit, a crash) costs one article."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import svodka
from svodka.components import Extractor, InputError
from svodka.model.article import Article
from svodka.model.records import Role
from svodka.pipeline import process
from svodka.run import parallel
from svodka.run.parallel import SMALL, process_parallel
from svodka.testing import plugins_with

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the killer is inherited"
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def corpus(n: int) -> list[Article | InputError]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    items: list[Article | InputError] = [
        Article(id=f"k{i:03d}", text=texts[i % len(texts)], published="2025-10-31")
        for i in range(n)
    ]
    items.insert(5, InputError("feed.jsonl:6", "not valid JSON"))
    return items


def _die_by_exit() -> None:
    os._exit(1)


def _die_by_sigkill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class Killer(Extractor):
    """Ends its worker process on the chosen articles; a role on the others."""

    name = "killer"
    record_types = ("role",)

    def __init__(self, poison: set[str], how) -> None:
        self.poison, self.how = poison, how

    def extract(self, doc):
        if doc.article.id in self.poison and multiprocessing.parent_process() is not None:
            self.how()
        return [Role(article=doc.article.id, person="Тест Тестов", position="посол")]


class KillerPlugin:
    def __init__(self, killer: Killer) -> None:
        self.killer = killer

    @svodka.hookimpl
    def register_extractors(self, register):
        register(self.killer)


def dump(outcomes) -> list:
    return [
        (o.source, o.status, o.failure, o.errors, [r.to_dict() for r in o.records], o.summary)
        for o in outcomes
    ]


def _run(poison: set[str], how, n: int = 3 * SMALL) -> tuple[list, list]:
    """(serial outcomes, outcomes over two workers) with a killer on ``poison``."""
    from svodka.normalize.lexicon import Lexicon

    plugins = plugins_with(KillerPlugin(Killer(poison, how)))
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lexicon = Lexicon.from_plugins(plugins)
    items = corpus(n)
    serial = dump(process(items, extractors, lexicon, owners))
    spread = dump(process_parallel(items, extractors, lexicon, owners, jobs=2))
    return serial, spread


@pytest.mark.parametrize(
    ("how", "reason"),
    [(_die_by_sigkill, "killed by signal 9 (SIGKILL)"), (_die_by_exit, "exited with status 1")],
)
def test_an_article_that_kills_its_worker_fails_alone(how, reason: str) -> None:
    serial, spread = _run({"k040"}, how)
    assert [o[0] for o in spread] == [o[0] for o in serial]
    poisoned = next(o for o in spread if o[0] == "k040")
    assert poisoned[1] == "failed"
    assert poisoned[2] == (
        f"k040: article 'k040' not processed: the worker process processing it died ({reason})"
    )
    assert poisoned[4] == []
    others = [o for o in spread if o[0] != "k040"]
    assert others == [o for o in serial if o[0] != "k040"]
    assert sum(o[1] == "processed" for o in others) == 3 * SMALL - 1
    assert parallel._lifelines == set()


def test_several_poison_articles_in_several_chunks_fail_each_alone() -> None:
    poison = {"k001", "k002", f"k{parallel.CHUNK + 3:03d}", f"k{3 * SMALL + 4:03d}"}
    serial, spread = _run(poison, _die_by_sigkill, n=4 * SMALL)
    assert [o[0] for o in spread] == [o[0] for o in serial]
    failed = {o[0] for o in spread if o[1] == "failed"}
    assert failed == poison | {"feed.jsonl:6"}
    assert [o for o in spread if o[0] not in poison] == [o for o in serial if o[0] not in poison]


def test_a_worker_killed_once_from_outside_costs_nothing(tmp_path: Path) -> None:
    """A death that does not come back (the OOM killer, a stray kill): the chunk is retried."""
    mark = tmp_path / "killed"

    def once() -> None:
        try:
            fd = os.open(mark, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.close(fd)
        _die_by_sigkill()

    serial, spread = _run({"k020"}, once)
    assert mark.exists()
    assert spread == serial


def test_run_writes_its_outputs_and_report_when_a_worker_dies(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from svodka.cli import cli
    from svodka.manager import Plugins

    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(2 * SMALL):
            fh.write(json.dumps({"id": f"n{i}", "text": texts[i % 2], "published": "2025-10-31"}))
            fh.write("\n")
    plugins = Plugins(autoload=False)
    plugins.register(KillerPlugin(Killer({"n7"}, _die_by_sigkill)), name="killer")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["run", str(feed), "-j", "2", "-o", str(out)], obj={"plugins": plugins}
    )
    assert result.exit_code == 1, result.output
    assert "died (killed by signal 9 (SIGKILL))" in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = [a["status"] for a in report["articles"]]
    assert statuses.count("failed") == 1 and statuses[7] == "failed"
    assert statuses.count("processed") == 2 * SMALL - 1
    assert (out / "records.jsonl").exists()
