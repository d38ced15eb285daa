"""A brief of one month from a store of 100,000 articles: its time and peak memory.

Builds the store (unless ``--store`` names one already built with the same figures), then
runs ``svodka brief --store STORE --from <month start> --to <month end> -o FILE`` as a child
process, ``--repeat`` times, and reports the wall time and the child's peak resident memory
(``ru_maxrss`` of ``os.wait4``) of each. Targets: under 30 s, under 500 MiB.

The store: ``--distinct`` articles of the benchmark corpus (benchmarks/corpus.py: seed
articles with other persons, countries, dates and lengths) are extracted once each; the
``--articles`` articles of the store are those, each again and again, spread evenly over one
year (``--year``) with new ids, links and publication dates, and a line of their own at the
end of the text (so that every text, hence every content hash, differs). The records of a
copy are its original's, with full dates moved by as many days as its publication date was:
a dated meeting, event or agreement is a new fact in each copy, while a role or a
membership is the same fact reported again, with more sources, as in a year of news. They
are written through the store's own writer (svodka.store.write.Batch), one batch (one
transaction, as one ``svodka run``) per week (``--batch-days``). With ``--store`` the store
and the extracted distinct articles are kept, and reused by the next run with the same
figures.

    python benchmarks/store_brief.py [--articles 100000] [--distinct 10000] [--month 2025-06]
        [--store /tmp/bench-store.db] [--repeat 3] [--keep brief.docx]
"""

from __future__ import annotations

import argparse
import calendar
import dataclasses
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_module  # noqa: E402 - benchmarks/ is not a package

from svodka.model.article import Article  # noqa: E402
from svodka.model.records import FIELD_KINDS, Record  # noqa: E402
from svodka.pipeline import ArticleOutcome  # noqa: E402

TARGET_SECONDS = 30.0
TARGET_MIB = 500.0


def extract_distinct(n: int, seed: int, cache: Path | None = None) -> list[ArticleOutcome]:
    """The first ``n`` articles of the benchmark corpus, each extracted once (in this
    process, as ``svodka run -j 1`` would); kept in ``cache`` (a pickle) for the next build
    with the same figures."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            kept = pickle.load(fh)
        if kept["n"] == n and kept["seed"] == seed and kept["svodka"] == _version():
            return kept["outcomes"]
    outcomes = _extract(n, seed)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump({"n": n, "seed": seed, "svodka": _version(), "outcomes": outcomes}, fh)
    return outcomes


def _version() -> str:
    from svodka import __version__

    return __version__


def _extract(n: int, seed: int) -> list[ArticleOutcome]:
    from svodka.manager import Plugins
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process_article, settle

    plugins = Plugins(autoload=False)
    lexicon = Lexicon.from_plugins(plugins)
    settle(lexicon)
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    templates = corpus_module.annotate(corpus_module.seed_articles())
    outcomes = []
    for item in corpus_module.iter_corpus(n, seed, templates):
        article = Article(
            id=item["id"],
            text=item["text"],
            title=item["title"],
            outlet=item["outlet"],
            published=item["published"],
            url=item["url"],
        )
        outcomes.append(process_article(article, extractors, lexicon, owners))
    return outcomes


def _moved(value: object, days: int) -> object:
    """A full ISO date moved by ``days``; anything else as it is."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        except ValueError:
            return value
    return value


def copy_of(original: ArticleOutcome, i: int, published: dt.date) -> ArticleOutcome:
    """Article ``i`` of the store: a copy of ``original`` published on ``published``."""
    article = original.article
    assert article is not None
    key = f"store-{i:06d}"
    base = article.published
    days = 0
    if base and len(base) >= 10:
        days = (published - dt.date.fromisoformat(base[:10])).days
    copy = dataclasses.replace(
        article,
        id=key,
        text=f"{article.text}\n\nМатериал № {i} ленты за {published.isoformat()}.",
        published=published.isoformat(),
        url=f"https://news.example.org/store/{i:06d}",
        source=f"bench:{i}",
    )
    records: list[Record] = []
    for record in original.records:
        kinds = {**FIELD_KINDS, **record.spec.kinds}
        moved = {
            name: _moved(value, days)
            for name, value in record.values().items()
            if kinds.get(name) == "date"
        }
        records.append(dataclasses.replace(record, article=key, id="", **moved))
    return ArticleOutcome(
        copy.source, copy, records, errors=list(original.errors), summary=original.summary
    )


def days_of(year: int) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    return [start + dt.timedelta(days=d) for d in range((dt.date(year + 1, 1, 1) - start).days)]


def articles_by_day(n: int, year: int) -> Iterator[tuple[dt.date, range]]:
    """The store's articles ``0..n-1`` spread evenly over the days of ``year``."""
    days = days_of(year)
    bounds = [len(days) and (n * d) // len(days) for d in range(len(days) + 1)]
    for d, day in enumerate(days):
        yield day, range(bounds[d], bounds[d + 1])


def batches(n: int, year: int, days: int) -> Iterator[list[tuple[dt.date, range]]]:
    """The days of :func:`articles_by_day` in runs of ``days`` days."""
    run: list[tuple[dt.date, range]] = []
    for day, numbers in articles_by_day(n, year):
        run.append((day, numbers))
        if len(run) == days:
            yield run
            run = []
    if run:
        yield run


def build_store(
    path: Path,
    n: int,
    distinct: int,
    seed: int,
    year: int,
    days: int,
    cache: Path | None,
    until: dt.date | None = None,
) -> dict:
    """Write the store (see the module doc), one batch per ``days`` days, the batches up to
    ``until`` only if given; what it took and holds."""
    from svodka.manager import Plugins
    from svodka.store.store import open_store
    from svodka.store.write import Batch, Versions

    t0 = time.perf_counter()
    originals = extract_distinct(distinct, seed, cache)
    extracted = time.perf_counter() - t0
    print(f"{distinct} distinct articles extracted in {extracted:.0f} s", file=sys.stderr)
    plugins = Plugins(autoload=False)
    versions = Versions.of(plugins)
    types = plugins.record_types
    con = open_store(path)
    t1 = time.perf_counter()
    try:
        for run in batches(n, year, days):
            first = run[0][0]
            if until is not None and first > until:
                break
            started = dt.datetime.combine(first, dt.time(6), tzinfo=dt.timezone.utc)
            inputs = [f"bench:{first.isoformat()}"]
            with Batch(con, path, versions, types, inputs, {}, started=started) as batch:
                for day, numbers in run:
                    for i in numbers:
                        batch.add(copy_of(originals[i % distinct], i, day))
                batch.commit()
            done = run[-1][1].stop
            print(
                f"  {first}: {done} articles in {time.perf_counter() - t1:.0f} s", file=sys.stderr
            )
        counts = {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "records", "facts", "runs")
        }
    finally:
        con.close()
    return {
        "articles": n,
        "distinct": distinct,
        "seed": seed,
        "year": year,
        "batch_days": days,
        "until": until.isoformat() if until else None,
        "extract_seconds": round(extracted, 1),
        "write_seconds": round(time.perf_counter() - t1, 1),
        "bytes": path.stat().st_size,
        **{f"{table}_rows": count for table, count in counts.items()},
    }


def timed(args: Sequence[str]) -> tuple[float, float, int]:
    """Run a command; its wall seconds, peak resident memory (MiB) and exit status."""
    t0 = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - t0
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({process.returncode}):\n{err.decode()}")
    return seconds, usage.ru_maxrss / 1024, process.returncode


def brief_command(store: Path, month: str, output: Path) -> list[str]:
    year, number = (int(part) for part in month.split("-"))
    last = calendar.monthrange(year, number)[1]
    return [
        sys.executable,
        "-m",
        "svodka",
        "brief",
        "--store",
        str(store),
        "--from",
        f"{month}-01",
        "--to",
        f"{month}-{last:02d}",
        "-o",
        str(output),
    ]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--distinct", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument(
        "--batch-days", type=int, default=7, help="days of articles written by one batch"
    )
    ap.add_argument(
        "--until",
        type=dt.date.fromisoformat,
        default=None,
        help="YYYY-MM-DD: write only the batches that start by then (a smaller store with the "
        "same first months)",
    )
    ap.add_argument("--extracted", type=Path, default=None, help="keep the extracted articles here")
    ap.add_argument("--month", default=None, help="YYYY-MM (default: June of --year)")
    ap.add_argument("--store", type=Path, default=None, help="keep the store here (reused)")
    ap.add_argument("--repeat", type=int, default=3, help="briefs to time (0: build only)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the last brief here")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    month = args.month or f"{args.year}-06"
    with tempfile.TemporaryDirectory(prefix="svodka-store-bench-") as tmp:
        store = args.store or Path(tmp) / "store.db"
        info_path = Path(f"{store}.bench.json")
        wanted = {
            "articles": args.articles,
            "distinct": args.distinct,
            "seed": args.seed,
            "year": args.year,
            "batch_days": args.batch_days,
            "until": args.until.isoformat() if args.until else None,
        }
        info = json.loads(info_path.read_text()) if info_path.is_file() else None
        if store.exists() and info and all(info.get(k) == v for k, v in wanted.items()):
            print(f"reusing {store}", file=sys.stderr)
        else:
            for suffix in ("", "-wal", "-shm", ".bench.json"):
                Path(f"{store}{suffix}").unlink(missing_ok=True)
            cache = args.extracted or (Path(f"{store}.extracted.pickle") if args.store else None)
            info = build_store(
                store,
                args.articles,
                args.distinct,
                args.seed,
                args.year,
                args.batch_days,
                cache,
                args.until,
            )
            if args.store:
                info_path.write_text(json.dumps(info, indent=1))
        if not args.repeat:
            print(json.dumps(info, indent=1))
            return
        output = args.keep or Path(tmp) / "brief.docx"
        runs = []
        for _ in range(args.repeat):
            seconds, mib, status = timed(brief_command(store, month, output))
            runs.append({"seconds": round(seconds, 2), "peak_mib": round(mib, 1), "status": status})
            print(f"  brief {month}: {seconds:.1f} s, {mib:.0f} MiB", file=sys.stderr)
        result = {
            "store": info,
            "month": month,
            "command": " ".join(brief_command(Path("STORE"), month, Path("brief.docx"))[2:]),
            "runs": runs,
            "best_seconds": min(r["seconds"] for r in runs),
            "peak_mib": max(r["peak_mib"] for r in runs),
            "targets": {"seconds": TARGET_SECONDS, "mib": TARGET_MIB},
        }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    s = result["store"]
    print(
        f"store: {s['articles_rows']:,} articles ({s['distinct']:,} distinct texts extracted), "
        f"{s['records_rows']:,} records, {s['facts_rows']:,} facts, {s['bytes'] / 2**20:,.0f} MiB"
        f"{', up to ' + s['until'] if s.get('until') else ''}; "
        f"built in {s['extract_seconds'] + s['write_seconds']:.0f} s"
    )
    ok_time = result["best_seconds"] < TARGET_SECONDS
    ok_mem = result["peak_mib"] < TARGET_MIB
    print(
        f"brief of {month}: {result['best_seconds']:.1f} s (target < {TARGET_SECONDS:g} s: "
        f"{'met' if ok_time else 'MISSED'}), peak {result['peak_mib']:.0f} MiB "
        f"(target < {TARGET_MIB:g} MiB: {'met' if ok_mem else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
