"""Speed of the shared layer: fact lines, consolidation and summaries.

The records are the shared corpus's gold records (every built-in type), repeated with new
article ids so that consolidation has real work: each copy is a new source of the same
facts. It reports seconds and microseconds per item for

- ``fact_line`` in Russian and in English (built-in templates, and through a plugin
  manager's ``register_fact_templates`` hook);
- ``consolidate`` over all the records;
- ``summarize`` over the parsed articles of the corpus (parsing not counted).

    python benchmarks/bench_fact_lines.py [--copies 100] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from svodka.model.article import Article
from svodka.model.facts import consolidate
from svodka.model.records import BUILTIN_TYPES, Record, record_from_dict
from svodka.report.render import fact_line
from svodka.report.summarize import summarize
from svodka.testing import builtin_lexicon, plugins_with

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def timed(label: str, count: int, call: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {count:>7} items {seconds:8.3f} s {1e6 * seconds / count:9.1f} µs/item")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=SHARED)
    args = parser.parse_args()

    types = {cls.type: cls for cls in BUILTIN_TYPES}
    gold_lines = (args.corpus / "gold.jsonl").read_text("utf-8").splitlines()
    gold = [record_from_dict(json.loads(line), types) for line in gold_lines]
    records: list[Record] = [
        dataclasses.replace(r, article=f"{r.article}#{n}") for n in range(args.copies) for r in gold
    ]
    print(f"{len(gold)} gold records × {args.copies} copies = {len(records)} records")

    timed("fact_line ru", len(records), lambda: [fact_line(r) for r in records])
    timed("fact_line en", len(records), lambda: [fact_line(r, "en") for r in records])
    from svodka.plugins import fact_templates

    with plugins_with(fact_templates, builtins=False) as plugins:
        timed(
            "fact_line ru via the hook",
            len(records),
            lambda: [fact_line(r, plugins=plugins) for r in records],
        )
    facts = timed("consolidate", len(records), lambda: consolidate(records))
    print(f"  → {len(facts)} facts, {max(len(f.sources) for f in facts)} sources at most")

    from svodka.text.parse import parse

    articles = [
        json.loads(line)
        for line in (args.corpus / "articles.jsonl").read_text("utf-8").splitlines()
    ]
    docs = [
        parse(
            Article(**{k: a[k] for k in ("id", "title", "outlet", "published", "text")}),
            builtin_lexicon(),
        )
        for a in articles
    ]
    timed("summarize (no records)", len(docs), lambda: [summarize(d, []) for d in docs])


if __name__ == "__main__":
    main()
