"""One benchmark stage, timed in a process of its own; ``run.py`` starts one per stage and size.

Each stage prints one JSON object on its last line of standard output: seconds of the timed
part, what it processed, the seconds of its set-up (loading dictionaries, models or the
outcomes it exports), and memory read from ``/proc/self/status``: ``rss_before_mb`` just
before the timed part and ``peak_mb``, the peak resident size during it (the peak is reset
through ``/proc/self/clear_refs`` before the timed part, so what set-up took does not count
when the kernel allows the reset; ``peak_reset`` says whether it did).

Stages:

- ``parse``: reading (svodka's JSON Lines reader) and parsing (razdel, pymorphy3) of every
  article; nothing kept.
- ``extract``: reading, parsing, then every built-in extractor, normalisation (finalise) and
  the summary, article by article as ``process_article`` does; the parsing and extraction
  parts are timed apart (extraction includes the summary, also given on its own). The
  outcomes are pickled to ``--outcomes`` (outside the timing) for the export stages.
- ``jsonl``, ``xlsx``, ``brief``: the exporter writing the run's outcomes as ``svodka run``
  calls it, with the outcomes on disk in svodka's spool (filled first, outside the timing;
  each pass of the exporter over them reads them back): records.jsonl, facts.xlsx,
  brief.docx.
- ``razdel``: razdel's sentences and tokens over the same texts (loaded first), line by line
  as svodka's parser splits them: the floor under any parsing.
- ``natasha``: natasha's segmenter, morphology tagger, NER tagger and the normalisation of
  every span it finds, over the first ``--sample`` texts. Run with OPENBLAS_NUM_THREADS=1
  (and OMP_, MKL_) in the environment: numpy reads them when it loads.

``--cpu K`` pins the process to core K.

    python benchmarks/stages.py STAGE --corpus corpus.jsonl [--outcomes F] [--out DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def memory() -> dict[str, float]:
    """Resident and peak resident size of this process, in MiB (Linux)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"rss": peak, "peak": peak}
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return {"rss": int(values["VmRSS"]) / 1024, "peak": int(values["VmHWM"]) / 1024}


def reset_peak() -> bool:
    """Reset the peak resident size to the current one (Linux 4.0 and later)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Timed:
    """The timed part of a stage: memory before and peak during, seconds."""

    def __enter__(self) -> Timed:
        gc.collect()
        self.reset = reset_peak()
        self.before = memory()["rss"]
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        self.peak = memory()["peak"]

    def result(self, **extra: object) -> dict:
        return {
            "seconds": round(self.seconds, 4),
            "rss_before_mb": round(self.before, 1),
            "peak_mb": round(self.peak, 1),
            "peak_reset": self.reset,
            **extra,
        }


def _plugins():
    from svodka.manager import load_plugins
    from svodka.normalize.lexicon import Lexicon

    plugins = load_plugins(autoload=False)
    return plugins, Lexicon.from_plugins(plugins)


def _warm(lexicon, extractors=()) -> None:
    """Load the morphology, the gazetteers and what extractors load on first use (what any
    first article pays for)."""
    from svodka.model.article import Article
    from svodka.pipeline import extract, settle
    from svodka.text.parse import parse

    settle(lexicon)  # as svodka extract and run do before the first article
    text = "Министр обороны Армении Сурен Папикян провёл переговоры в Москве 5 мая 2025 года."
    doc = parse(Article(id="warm-up", text=text), lexicon)
    _ = doc.mentions
    extract(doc, extractors)


def _articles(plugins, corpus: Path) -> Iterator:
    from svodka.components import InputError, ReadOptions
    from svodka.read.inputs import read_inputs

    for item in read_inputs([str(corpus)], plugins.readers, ReadOptions()):
        if isinstance(item, InputError):
            raise SystemExit(f"cannot read the corpus: {item}")
        yield item


def stage_parse(args: argparse.Namespace) -> dict:
    from svodka.text.parse import parse

    start = time.perf_counter()
    plugins, lexicon = _plugins()
    _warm(lexicon)
    setup = time.perf_counter() - start
    articles = sentences = tokens = 0
    with Timed() as timed:
        for article in _articles(plugins, args.corpus):
            doc = parse(article, lexicon)
            articles += 1
            sentences += len(doc.sentences)
            tokens += len(doc.tokens)
    return timed.result(
        setup_seconds=round(setup, 3), articles=articles, sentences=sentences, tokens=tokens
    )


def stage_extract(args: argparse.Namespace) -> dict:
    from svodka.normalize.records import finalise
    from svodka.pipeline import ArticleOutcome, extract
    from svodka.report.summarize import summarize
    from svodka.text.parse import parse

    start = time.perf_counter()
    plugins, lexicon = _plugins()
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    _warm(lexicon, extractors)
    setup = time.perf_counter() - start
    clock = time.perf_counter
    parse_s = extract_s = summary_s = dump_s = 0.0
    articles = records = errors = 0
    sample: dict | None = None
    sink = args.outcomes.open("wb") if args.outcomes else None
    try:
        with Timed() as timed:
            for article in _articles(plugins, args.corpus):
                t0 = clock()
                doc = parse(article, lexicon)
                t1 = clock()
                found, problems = extract(doc, extractors, owners)
                found = finalise(found, doc)
                t_summary = clock()
                summary = summarize(doc, found)
                t2 = clock()
                outcome = ArticleOutcome(
                    article.source or article.id, article, found, problems, summary=summary
                )
                parse_s += t1 - t0
                extract_s += t2 - t1
                summary_s += t2 - t_summary
                articles += 1
                records += len(found)
                errors += len(problems)
                if sink is not None:
                    pickle.dump(outcome, sink, protocol=pickle.HIGHEST_PROTOCOL)
                    dump_s += clock() - t2
                if articles == args.sample:
                    sample = {
                        "articles": articles,
                        "parse_seconds": round(parse_s, 4),
                        "extract_seconds": round(extract_s, 4),
                    }
    finally:
        if sink is not None:
            sink.close()
    return timed.result(
        setup_seconds=round(setup, 3),
        articles=articles,
        records=records,
        extractor_errors=errors,
        parse_seconds=round(parse_s, 4),
        extract_seconds=round(extract_s, 4),
        summary_seconds=round(summary_s, 4),  # part of extract_seconds
        # what is left of the loop: the reader, and the bookkeeping of this benchmark
        read_seconds=round(timed.seconds - parse_s - extract_s - dump_s, 4),
        pickle_seconds=round(dump_s, 4),
        sample=sample,
    )


def _pickled(path: Path) -> Iterator:
    with path.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def _load_run(path: Path, spool_dir: Path | None = None):
    """The run of the pickled outcomes at ``path``, as ``svodka run`` gives it to exporters:
    outcomes on disk in a :class:`svodka.run.spool.Spool` (in memory where svodka has none)."""
    from svodka.pipeline import Run

    try:
        from svodka.run.spool import Spool
    except ImportError:  # an svodka that holds a run's outcomes in memory
        outcomes = list(_pickled(path))
    else:
        outcomes = Spool(_pickled(path), directory=str(spool_dir) if spool_dir else None)
    plugins, _ = _plugins()
    return Run(
        outcomes,
        inputs=["corpus.jsonl"],
        plugins=[p.to_dict() for p in plugins.info()],
        options={"lang": "ru", "template": None},
        manager=plugins,
    )


def _stage_export(args: argparse.Namespace, exporter) -> dict:
    start = time.perf_counter()
    run = _load_run(args.outcomes, args.out)
    articles = records = 0
    for outcome in run.outcomes:
        articles += 1
        records += len(outcome.records)
    setup = time.perf_counter() - start
    target = args.out / exporter.filename
    try:
        with Timed() as timed:
            exporter.export(run, target)
    finally:
        close = getattr(run.outcomes, "close", None)
        if close is not None:
            close()
    return timed.result(
        setup_seconds=round(setup, 3),
        articles=articles,
        records=records,
        outcomes=type(run.outcomes).__name__,
        output_mb=round(target.stat().st_size / 1e6, 2),
    )


def stage_jsonl(args: argparse.Namespace) -> dict:
    from svodka.plugins.exporters.jsonl import JsonlExporter

    return _stage_export(args, JsonlExporter())


def stage_xlsx(args: argparse.Namespace) -> dict:
    from svodka.plugins.exporters.tables import XlsxExporter

    return _stage_export(args, XlsxExporter())


def stage_brief(args: argparse.Namespace) -> dict:
    from svodka.plugins.exporters.brief import BriefExporter

    return _stage_export(args, BriefExporter())


def _texts(corpus: Path, limit: int | None = None) -> list[str]:
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(texts) >= limit:
                break
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def stage_razdel(args: argparse.Namespace) -> dict:
    from razdel import sentenize, tokenize

    lines = re.compile(r"[^\r\n]+")
    start = time.perf_counter()
    texts = _texts(args.corpus)
    setup = time.perf_counter() - start
    sentences = tokens = 0
    sample = None
    with Timed() as timed:
        for n, text in enumerate(texts, 1):
            for line in lines.finditer(text):
                for sent in sentenize(line.group()):
                    sentences += 1
                    tokens += sum(1 for _ in tokenize(sent.text))
            if n == args.sample:
                sample = {"articles": n, "seconds": round(time.perf_counter() - timed.start, 4)}
    return timed.result(
        setup_seconds=round(setup, 3),
        articles=len(texts),
        sentences=sentences,
        tokens=tokens,
        sample=sample,
    )


def stage_natasha(args: argparse.Namespace) -> dict:
    texts = _texts(args.corpus, args.sample)
    start = time.perf_counter()
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    segmenter, morph_vocab = Segmenter(), MorphVocab()
    embedding = NewsEmbedding()
    morph_tagger, ner_tagger = NewsMorphTagger(embedding), NewsNERTagger(embedding)
    Doc("Прогрев.").segment(segmenter)
    setup = time.perf_counter() - start
    spans = tokens = 0
    with Timed() as timed:
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph_tagger)
            doc.tag_ner(ner_tagger)
            for span in doc.spans:
                span.normalize(morph_vocab)
            spans += len(doc.spans)
            tokens += len(doc.tokens)
    import natasha
    import numpy

    threads = {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    return timed.result(
        setup_seconds=round(setup, 3),
        articles=len(texts),
        tokens=tokens,
        spans=spans,
        natasha=getattr(natasha, "__version__", None) or _version("natasha"),
        numpy=numpy.__version__,
        threads=threads,
    )


def _version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


STAGES = {
    "parse": stage_parse,
    "extract": stage_extract,
    "jsonl": stage_jsonl,
    "xlsx": stage_xlsx,
    "brief": stage_brief,
    "razdel": stage_razdel,
    "natasha": stage_natasha,
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", choices=sorted(STAGES))
    ap.add_argument("--corpus", type=Path, help="the corpus (JSON Lines)")
    ap.add_argument("--outcomes", type=Path, help="pickled outcomes: written by extract")
    ap.add_argument("--out", type=Path, default=Path("."), help="folder for exported files")
    ap.add_argument("--sample", type=int, default=500, help="articles of the sample")
    ap.add_argument("--cpu", type=int, help="pin this process to this core")
    args = ap.parse_args(argv)
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    result = STAGES[args.stage](args)
    result["stage"] = args.stage
    result["cpus"] = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
