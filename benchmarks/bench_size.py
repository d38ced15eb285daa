"""Time per KB against article size: one article from 1 KB to 10 MB, text to records.

The target is a flat time per KB: no pass of parsing or extraction may grow with the square
of an article. Each size is measured in a process of its own, after a warm-up article (the
morphology, the gazetteers and what extractors load on first use), with
``process_article`` as a run calls it (parse, every built-in extractor, normalisation, the
summary) and no time budget. Two kinds of text, made from the seed articles (the shared
corpus beside the repository, else ``examples/articles``) repeated to the size:

- ``prose``: the articles as they are, sentences and paragraphs;
- ``no-stops``: the same words with every full stop, "!", "?", ";" and line break made a
  comma: one "sentence" of the whole size, which the parser cuts at ``SENTENCE_CAP``.

Prints a table (seconds, ms per KB, sentences, records, peak resident memory of the
process) and, with ``--json FILE``, writes the rows.

    python benchmarks/bench_size.py [--sizes 1,10,100,1000,10000] [--kinds prose,no-stops]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
EXAMPLES = ROOT / "examples" / "articles"
KINDS = ("prose", "no-stops")


def seed_text() -> str:
    """The seed articles' texts, one paragraph each."""
    if SHARED.is_file():
        lines = SHARED.read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return "\n".join(" ".join(t.split()) for t in texts)


def make_text(kind: str, size: int) -> str:
    """A text of ``size`` characters of the given kind."""
    seed = seed_text()
    if kind == "no-stops":
        seed = re.sub(r"\s*[.!?…;\r\n]+\s*", ", ", seed)
    sep = "\n" if kind == "prose" else ", "
    text = (seed + sep) * (size // (len(seed) + len(sep)) + 1)
    return text[:size].rstrip()


def peak_mb() -> float:
    """The peak resident size of this process so far, in MiB (Linux; else ru_maxrss)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)[1]) / 1024
    except (OSError, TypeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, kb: float) -> dict:
    """One article of ``kb`` KB (thousands of characters) through process_article."""
    from svodka.manager import load_plugins
    from svodka.model.article import Article
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process_article

    plugins = load_plugins(autoload=False)
    extractors = list(plugins.extractors.values())
    lexicon = Lexicon.from_plugins(plugins)
    process_article(Article(id="warm-up", text=make_text("prose", 3000)), extractors, lexicon)
    text = make_text(kind, int(kb * 1000))
    article = Article(id=f"{kind}-{kb:g}", text=text, published="2025-10-31")
    start = time.perf_counter()
    outcome = process_article(article, extractors, lexicon)
    seconds = time.perf_counter() - start
    return {
        "kind": kind,
        "kb": len(text) / 1000,
        "seconds": round(seconds, 3),
        "ms_per_kb": round(seconds * 1e6 / len(text), 3),
        "records": len(outcome.records),
        "errors": len(outcome.errors),
        "peak_mb": round(peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000,10000", help="KB, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], float(args.one[1]))))
        return
    rows = []
    print(f"{'kind':<9} {'KB':>9} {'seconds':>9} {'ms/KB':>7} {'records':>7} {'peak MB':>8}")
    for kind in args.kinds.split(","):
        for kb in args.sizes.split(","):
            done = subprocess.run(
                [sys.executable, __file__, "--one", kind, kb],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(
                f"{row['kind']:<9} {row['kb']:>9,.0f} {row['seconds']:>9.2f} "
                f"{row['ms_per_kb']:>7.2f} {row['records']:>7} {row['peak_mb']:>8.0f}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
