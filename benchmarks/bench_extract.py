"""Extraction speed: KB of article text per second through `svodka extract`, one core.

Builds a corpus of N articles from a seed corpus (by default the shared corpus, else
examples/articles): each article is a seeded reshuffle of the seed's sentences, so the
vocabulary is realistic but no two articles are the same text. Then times
``svodka extract`` on it in a subprocess (reading, parsing, all built-in extractors,
JSON Lines output; start-up included) and, in-process, the extraction step alone.

    python benchmarks/bench_extract.py [--articles 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "articles.jsonl"


def seed_articles() -> list[dict]:
    if SHARED.is_file():
        return [json.loads(line) for line in SHARED.open(encoding="utf-8")]
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": None}
        for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))
    ]


def build_corpus(n: int, seed: int) -> list[dict]:
    """N articles, each a reshuffle of paragraphs drawn from the seed articles."""
    rng = random.Random(seed)
    seeds = seed_articles()
    paragraphs = [p for a in seeds for p in a["text"].split("\n") if p.strip()]
    corpus = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        k = max(3, len(base["text"].split("\n")) // 2)
        text = "\n".join(rng.sample(paragraphs, k=min(k, len(paragraphs))))
        corpus.append(
            {
                "id": f"bench-{i:06d}",
                "title": base.get("title"),
                "outlet": base.get("outlet"),
                "published": base.get("published"),
                "text": text,
            }
        )
    return corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    corpus = build_corpus(args.articles, args.seed)
    size_kb = sum(len(a["text"].encode("utf-8")) for a in corpus) / 1024
    env = {**os.environ, "SVODKA_DISABLE_PLUGIN_AUTOLOAD": "1", "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus), encoding="utf-8"
        )
        out = Path(tmp) / "records.jsonl"
        svodka = Path(sys.executable).with_name("svodka")
        cmd = [str(svodka) if svodka.exists() else "svodka", "extract", str(src), "-o", str(out)]
        if sys.platform.startswith("linux"):
            cmd = ["taskset", "-c", "0", *cmd]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode not in (0, 1):  # 1: some article or plugin failed, still timed
            sys.exit(f"svodka extract failed:\n{proc.stderr}")
        records = sum(1 for _ in out.open(encoding="utf-8"))

    from svodka.manager import load_plugins
    from svodka.model.article import Article
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process_article

    plugins = load_plugins(autoload=False)
    lexicon = Lexicon.from_plugins(plugins)
    extractors = list(plugins.extractors.values())
    articles = [Article(id=a["id"], text=a["text"], published=a["published"]) for a in corpus]
    process_article(articles[0], extractors, lexicon)  # load dictionaries and gazetteers
    t0 = time.perf_counter()
    for article in articles:
        process_article(article, extractors, lexicon)
    step = time.perf_counter() - t0

    print(f"corpus: {len(corpus)} articles, {size_kb:.0f} KB of text (seed {args.seed})")
    print(
        f"svodka extract (one core, start-up included): {wall:.2f} s, "
        f"{size_kb / wall:.0f} KB/s, {len(corpus) / wall:.0f} articles/s, {records} records"
    )
    print(
        f"parse + extract step alone: {size_kb / step:.0f} KB/s, "
        f"{len(corpus) / step:.0f} articles/s"
    )


if __name__ == "__main__":
    main()
