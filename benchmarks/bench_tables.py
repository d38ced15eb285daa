"""Excel and CSV export speed and memory: N records through ``facts.xlsx`` and ``csv/``.

The records are the shared corpus's own (extracted once, every type, real evidence
sentences), repeated with new article ids: ten records an article (or spread over a fixed
number of articles with ``--articles``), each article with a title, outlet, publication
date, url and summary. For each N it reports

- seconds to write the workbook and the CSV folder from records held in memory, as
  ``svodka run`` has them;
- the exporter's peak memory (tracemalloc) while it writes records that are generated on
  the fly, so that only what the exporter itself holds is counted: flat when it streams.

    python benchmarks/bench_tables.py [--records 10000 100000] [--articles 1000] [--lang ru]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

from svodka.model.records import Record
from svodka.plugins.exporters.csvfiles import write_csv_folder
from svodka.plugins.exporters.workbook import write_workbook
from svodka.report.tabular import ArticleRow, TableSource

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
PER_ARTICLE = 10


def seed_records() -> list[Record]:
    """The records of the shared corpus (or of the example articles)."""
    from svodka.components import ReadOptions
    from svodka.manager import Plugins
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process
    from svodka.read.inputs import read_inputs

    plugins = Plugins(autoload=False)
    inputs = [str(SHARED)] if SHARED.is_file() else [str(ROOT / "examples" / "articles")]
    items = read_inputs(inputs, plugins.readers, ReadOptions())
    outcomes = process(items, plugins.extractors.values(), Lexicon.from_plugins(plugins))
    return [r for o in outcomes for r in o.records]


def articles(n: int) -> list[ArticleRow]:
    return [
        ArticleRow(
            id=f"bench-{i:06d}",
            title=f"Министры обороны обсудили сотрудничество, выпуск {i}",
            outlet="ТАСС",
            published=f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            url=f"https://example.org/news/{i}?utm_source=svodka&q=оборона",
            summary="Министры обороны двух стран обсудили военное сотрудничество. " * 3,
            status="processed",
            source=f"bench.jsonl:{i + 1}",
        )
        for i in range(n)
    ]


def records(seeds: list[Record], n: int, n_articles: int) -> Callable[[], Iterator[Record]]:
    per_article = -(-n // n_articles)

    def generate() -> Iterator[Record]:
        for i in range(n):
            yield dataclasses.replace(
                seeds[i % len(seeds)], article=f"bench-{i // per_article:06d}", id=f"r{i}"
            )

    return generate


def measure(seeds: list[Record], n: int, n_articles: int, lang: str, out: Path) -> dict:
    held = list(records(seeds, n, n_articles)())
    result: dict = {"records": n, "articles": n_articles}
    for name, write, target in (
        ("xlsx", write_workbook, out / "facts.xlsx"),
        ("csv", write_csv_folder, out / "csv"),
    ):
        source = TableSource(articles(n_articles), lambda: iter(held), lang=lang, inputs=["bench"])
        start = time.perf_counter()
        write(source, target)
        result[f"{name}_seconds"] = round(time.perf_counter() - start, 2)
        size = (
            target.stat().st_size
            if target.is_file()
            else sum(p.stat().st_size for p in target.iterdir())
        )
        result[f"{name}_mb"] = round(size / 1e6, 1)
    held.clear()
    for name, write, target in (
        ("xlsx", write_workbook, out / "facts-mem.xlsx"),
        ("csv", write_csv_folder, out / "csv-mem"),
    ):
        source = TableSource(
            articles(n_articles), records(seeds, n, n_articles), lang=lang, inputs=["bench"]
        )
        tracemalloc.start()
        write(source, target)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        result[f"{name}_peak_mb"] = round(peak / 1e6, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument(
        "--articles", type=int, help=f"articles (default: one per {PER_ARTICLE} records)"
    )
    ap.add_argument("--lang", choices=["ru", "en"], default="ru")
    args = ap.parse_args()
    seeds = seed_records()
    print(f"{len(seeds)} seed records; Python {sys.version.split()[0]}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.records:
            n_articles = args.articles or -(-n // PER_ARTICLE)
            print(json.dumps(measure(seeds, n, n_articles, args.lang, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
