"""The golden-output guard: the records and summaries of every gold set, byte for byte.

A change that must not change what svodka finds keeps these green. A change that does
(a new rule, a fixed bug) re-baselines them in its own commit, with the quality figures
in the message:

    pytest tests/test_golden.py --update-golden

Each set is extracted as ``svodka extract`` does (built-in plugins only, one process) and
written as one JSON line per input: its id, status, records and summary sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svodka.components import ReadOptions
from svodka.manager import Plugins
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import process
from svodka.read.inputs import read_inputs

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
ROOT = HERE.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

SETS = {  # golden name -> input, relative to the repository (or to the shared corpus)
    **{
        f"corpus_{p.stem}": p
        for p in sorted((HERE / "corpus").glob("*.jsonl"))
        if not p.name.endswith(".gold.jsonl")
    },
    **{
        p.stem: p
        for p in sorted((HERE / "blind").glob("blind_*.jsonl"))
        if not p.name.endswith(".gold.jsonl")
    },
    "examples": ROOT / "examples" / "articles",
    "bench_sample": GOLDEN / "inputs" / "bench_sample.jsonl",
    "shared_articles": SHARED_CORPUS / "articles.jsonl",
    "shared_real": SHARED_CORPUS / "real.jsonl",
}


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins(autoload=False)


def golden_text(source: Path, plugins: Plugins) -> str:
    """One JSON line per input of ``source``: what svodka made of it."""
    items = read_inputs([str(source)], plugins.readers, ReadOptions(offline=True))
    lexicon = Lexicon.from_plugins(plugins)
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lines = []
    for outcome in process(items, plugins.extractors.values(), lexicon, owners, time_limit=0):
        article = outcome.article
        entry = {
            "id": article.id if article is not None else None,
            "status": outcome.status,
            "records": [r.to_dict() for r in outcome.records],
            "summary": [e.text for e in outcome.summary],
        }
        lines.append(json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n")
    return "".join(lines)


@pytest.mark.parametrize("name", sorted(SETS))
def test_golden(name: str, plugins: Plugins, request: pytest.FixtureRequest) -> None:
    source = SETS[name]
    if not source.exists():
        pytest.skip(f"{source} is not here")
    text = golden_text(source, plugins)
    expected = GOLDEN / f"{name}.jsonl"
    if request.config.getoption("--update-golden"):
        expected.write_text(text, encoding="utf-8")
        return
    assert expected.exists(), f"no golden output for {name}: run with --update-golden"
    want = expected.read_text(encoding="utf-8").splitlines(keepends=True)
    got = text.splitlines(keepends=True)
    for i, (a, b) in enumerate(zip(want, got, strict=False)):
        assert b == a, f"{name}: line {i + 1} (article {json.loads(a)['id']}) changed"
    assert len(got) == len(want), f"{name}: {len(got)} inputs, golden has {len(want)}"
