"""svodka's quality on every gold set it can see, as the README's table.

    python benchmarks/quality.py [--shared ../shared/corpus] [--json out.json]

Each set is extracted with ``svodka extract -j 1`` and scored with ``svodka eval --json``,
the commands a user runs. Sets: the shared corpus's ``articles.jsonl`` and ``real.jsonl``
(beside the checkout), ``tests/blind/blind_*`` and ``tests/corpus/*`` (each of those scored
on the types its gold file holds). Prints a Markdown table: F1 per type, micro P/R/F1 and
slot accuracy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("role", "meeting", "agreement", "membership", "event", "quote")


def gold_sets(shared: Path) -> list[tuple[str, Path, Path, list[str]]]:
    """(name, articles, gold, types scored: all when empty), in the README's order."""
    found = []
    for name, articles, gold in (
        ("shared corpus", shared / "articles.jsonl", shared / "gold.jsonl"),
        ("shared real", shared / "real.jsonl", shared / "real.gold.jsonl"),
    ):
        if articles.is_file() and gold.is_file():
            found.append((name, articles, gold, []))
    for gold in sorted((ROOT / "tests" / "blind").glob("*.gold.jsonl")):
        found.append(
            (gold.name.split(".")[0], gold.with_name(gold.name.replace(".gold", "")), gold, [])
        )
    for gold in sorted((ROOT / "tests" / "corpus").glob("*.gold.jsonl")):
        with gold.open(encoding="utf-8") as fh:
            types = sorted({json.loads(line)["type"] for line in fh if line.strip()})
        name = "tests/corpus/" + gold.name.split(".")[0]
        found.append((name, gold.with_name(gold.name.replace(".gold", "")), gold, types))
    return found


def score(articles: Path, gold: Path, types: list[str], work: Path) -> dict:
    """``svodka eval --json`` of ``svodka extract`` on these articles."""
    records = work / (articles.stem + ".records.jsonl")
    svodka = [sys.executable, "-m", "svodka"]
    subprocess.run(
        [*svodka, "extract", str(articles), "-o", str(records), "-j", "1"],
        check=True,
        capture_output=True,
    )
    typed = [arg for t in types for arg in ("--type", t)]
    done = subprocess.run(
        [*svodka, "eval", "--json", *typed, str(records), str(gold)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def table(results: dict[str, dict]) -> str:
    """The Markdown table of these scores."""
    head = ["corpus", *TYPES, "P", "R", "micro F1", "slot accuracy"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, r in results.items():
        cells = [name]
        for t in TYPES:
            s = r["types"].get(t)
            cells.append(f"{s['f1']:.3f}" if s and (s["tp"] + s["fp"] + s["fn"]) else "")
        micro, slots = r["micro"], r["slot_accuracy"]
        cells += [f"{micro['precision']:.3f}", f"{micro['recall']:.3f}", f"**{micro['f1']:.3f}**"]
        cells.append(f"{slots['correct']}/{slots['total']}" if slots["total"] else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles, gold, types in gold_sets(args.shared):
            results[name] = score(articles, gold, types, Path(tmp))
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
