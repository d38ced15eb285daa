"""Regression floor: `svodka eval` over every gold file the repository can see.

The shared corpus (``../shared/corpus`` beside the checkout) and this repository's own
test articles (``tests/corpus/*.jsonl`` with ``*.gold.jsonl``) are run through the real
CLI, and the scores must stay above the floors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from svodka.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
OWN = ROOT / "tests" / "corpus"

F1_FLOOR = 0.90
SLOT_FLOOR = 0.90


def _corpora() -> list[tuple[str, Path, Path]]:
    found = []
    if (SHARED / "articles.jsonl").is_file():
        found.append(("shared", SHARED / "articles.jsonl", SHARED / "gold.jsonl"))
    for gold in sorted(OWN.glob("*.gold.jsonl")):
        articles = gold.with_name(gold.name.replace(".gold.jsonl", ".jsonl"))
        found.append((gold.name.removesuffix(".gold.jsonl"), articles, gold))
    return found


def _score(articles: Path, gold: Path, tmp_path: Path) -> dict:
    runner = CliRunner()
    records = tmp_path / "records.jsonl"
    result = runner.invoke(cli, ["extract", str(articles), "-o", str(records)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["eval", "--json", str(records), str(gold)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    "name,articles,gold", _corpora(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_eval_floor(name: str, articles: Path, gold: Path, tmp_path: Path) -> None:
    report = _score(articles, gold, tmp_path)
    micro = report["micro"]
    assert micro["f1"] >= F1_FLOOR, f"{name}: micro F1 {micro['f1']:.3f} < {F1_FLOOR}"
    slots = report["slot_accuracy"]
    if slots["total"]:
        assert slots["accuracy"] >= SLOT_FLOOR, f"{name}: slot accuracy {slots['accuracy']:.3f}"


def test_shared_corpus_is_scored_when_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not beside this checkout")
    assert any(name == "shared" for name, _, _ in _corpora())
