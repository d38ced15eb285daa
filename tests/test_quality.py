"""Regression floor: `svodka eval` over every gold file the repository can see.

The shared corpus (``../shared/corpus`` beside the checkout) and this repository's own
test articles (``tests/corpus/*.jsonl`` with ``*.gold.jsonl``) are run through the real
CLI, and the scores must stay above the floors. The shared corpus is annotated for every
type; each of our own files for the types its gold file holds (one fact family each), so
it is scored on those types only.
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
BLIND = ROOT / "tests" / "blind"

F1_FLOOR = 0.90
SLOT_FLOOR = 0.90
# Articles written, with gold for every type, by people who had not seen the rules.
# All three have since been read to find classes of errors (blind_b last, in the work on the
# whole field), so none is held out any more. Floors sit just under the scores measured
# when they were set (README, "Quality").
BLIND_FLOORS = {"blind_a": (0.97, 0.97), "blind_b": (0.95, 0.92), "blind_c": (0.89, 0.85)}
# The shared corpus's 40 real articles of the whole field (0.652 on its first run).
REAL_FLOOR = (0.92, 0.90)


def _corpora() -> list[tuple[str, Path, Path, list[str]]]:
    found = []
    if (SHARED / "articles.jsonl").is_file():
        found.append(("shared", SHARED / "articles.jsonl", SHARED / "gold.jsonl", []))
    for gold in sorted(OWN.glob("*.gold.jsonl")):
        articles = gold.with_name(gold.name.replace(".gold.jsonl", ".jsonl"))
        with gold.open(encoding="utf-8") as fh:
            types = sorted({json.loads(line)["type"] for line in fh if line.strip()})
        found.append((gold.name.removesuffix(".gold.jsonl"), articles, gold, types))
    return found


def _score(articles: Path, gold: Path, types: list[str], tmp_path: Path) -> dict:
    runner = CliRunner()
    records = tmp_path / "records.jsonl"
    result = runner.invoke(cli, ["extract", str(articles), "-o", str(records)])
    assert result.exit_code == 0, result.output
    options = [arg for t in types for arg in ("--type", t)]
    result = runner.invoke(cli, ["eval", "--json", *options, str(records), str(gold)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("name", "articles", "gold", "types"), _corpora(), ids=[c[0] for c in _corpora()]
)
def test_eval_floor(
    name: str, articles: Path, gold: Path, types: list[str], tmp_path: Path
) -> None:
    report = _score(articles, gold, types, tmp_path)
    micro = report["micro"]
    assert micro["f1"] >= F1_FLOOR, f"{name}: micro F1 {micro['f1']:.3f} < {F1_FLOOR}"
    slots = report["slot_accuracy"]
    if slots["total"]:
        assert slots["accuracy"] >= SLOT_FLOOR, f"{name}: slot accuracy {slots['accuracy']:.3f}"


def test_shared_corpus_is_scored_when_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not beside this checkout")
    assert any(corpus[0] == "shared" for corpus in _corpora())


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_floor(name: str, tmp_path: Path) -> None:
    report = _score(BLIND / f"{name}.jsonl", BLIND / f"{name}.gold.jsonl", [], tmp_path)
    f1_floor, slot_floor = BLIND_FLOORS[name]
    assert report["micro"]["f1"] >= f1_floor, f"{name}: micro F1 {report['micro']['f1']:.3f}"
    assert report["slot_accuracy"]["accuracy"] >= slot_floor, name


def test_real_articles_floor(tmp_path: Path) -> None:
    if not (SHARED / "real.jsonl").is_file():
        pytest.skip(f"{SHARED / 'real.jsonl'} is not beside this checkout")
    report = _score(SHARED / "real.jsonl", SHARED / "real.gold.jsonl", [], tmp_path)
    f1_floor, slot_floor = REAL_FLOOR
    assert report["micro"]["f1"] >= f1_floor, f"real: micro F1 {report['micro']['f1']:.3f}"
    assert report["slot_accuracy"]["accuracy"] >= slot_floor, "real: slot accuracy"
