"""svodka's benchmark suite: speed, memory and linearity of every stage, one command.

    python benchmarks/run.py [--sizes 1000 10000 100000] [--seed 7] [--natasha-sample 500]
                             [--out benchmarks/results.json] [--against CHECKOUT --rounds 3]

For each size N it builds a corpus of N articles (``corpus.py``: seeded, realistic variants
of the shared corpus's articles) and times, each in a fresh process pinned to one core
(``stages.py``): reading+parsing, extraction (every built-in extractor, normalisation,
summary), JSON Lines export, Excel export and the Word brief; and, on the same texts,
razdel's sentences and tokens alone (the floor). natasha's pipeline (segmenter, morphology,
NER, name normalisation; one thread, one core) runs once on the first ``--natasha-sample``
articles, which svodka and razdel are also timed on. Then the start-up of ``svodka --help``
and ``svodka plugins``.

It prints a table (articles/s, records/s, KB/s, milliseconds per article, peak memory), the
cost per article at each N against the smallest N (linear cost: ratios near 1), the ratios
to razdel and natasha, and the targets met or missed; and writes all of it as JSON (--out).

``--against CHECKOUT`` times text to records (parse + extract) of another svodka tree too
(its own ``.venv``; e.g. ``git worktree add ../base main`` and ``pip install -e .`` in it),
in turn with this one on the same corpora, and prints the ratio of the best KB/s of each.

natasha is optional: ``pip install -e '.[bench]'`` (or ``pip install natasha``); without it
that comparison is skipped. Peak memory is read from /proc (Linux).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as corpus_module  # noqa: E402 - benchmarks/ is not a package

ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
}
SVODKA_STAGES = ("parse", "extract", "jsonl", "xlsx", "brief")
ALL_STAGES = (*SVODKA_STAGES, "razdel", "natasha", "startup")
TARGETS = {"kb_per_s": 300.0, "natasha_ratio": 8.0, "razdel_ratio": 3.0, "startup_s": 0.5}
ROWS = (  # (key, label, counts records)
    ("parse", "reading+parsing", False),
    ("extract", "extraction", True),
    ("text_to_records", "parsing+extraction", True),
    ("jsonl", "JSON Lines export", True),
    ("xlsx", "Excel export", True),
    ("brief", "Word brief", True),
    ("razdel", "razdel only (floor)", False),
)


# -- running stages --------------------------------------------------------------------------


def _limits(memory_gb: float | None):
    def apply() -> None:
        if memory_gb:
            import resource

            limit = int(memory_gb * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_stage(
    stage: str,
    *,
    corpus: Path | None = None,
    outcomes: Path | None = None,
    out: Path | None = None,
    sample: int = 500,
    cpu: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    memory_gb: float | None = None,
    one_thread: bool = True,
    checkout: Path = ROOT,
) -> dict:
    """One stage in a fresh process: its JSON result, or {"error": ...}. With ``one_thread``
    the BLAS and OpenMP libraries are told to use one thread. ``checkout``: the svodka tree
    whose ``benchmarks/stages.py`` runs, with its own ``.venv`` (this one: this tree's
    interpreter)."""
    python = sys.executable if checkout == ROOT else str(checkout / ".venv" / "bin" / "python")
    script = checkout / "benchmarks" / "stages.py"
    cmd = [python, str(script), stage, "--sample", str(sample)]
    for flag, value in (("--corpus", corpus), ("--outcomes", outcomes), ("--out", out)):
        if value is not None:
            cmd += [flag, str(value)]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd,
            env={**os.environ, **(ONE_THREAD if one_thread else {}), **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limits(memory_gb) if os.name == "posix" else None,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s (--timeout)"}
    wall = time.perf_counter() - started
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit status {proc.returncode}: {tail}", "wall_seconds": round(wall, 1)}
    result = json.loads(lines[-1])
    result["wall_seconds"] = round(wall, 1)
    return result


def startup_times(repeat: int, cpu: int | None) -> dict:
    """Best of ``repeat`` wall times of ``svodka --help`` and ``svodka plugins``, and which
    heavy modules ``svodka plugins`` imports."""
    exe = Path(sys.executable).with_name("svodka")
    svodka = str(exe) if exe.exists() else shutil.which("svodka")
    if svodka is None:
        return {"error": "no svodka command on PATH"}
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    result: dict = {"command": svodka, "repeat": repeat}
    for name, args in (("help", ["--help"]), ("plugins", ["plugins"])):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([svodka, *args], capture_output=True, preexec_fn=pin, check=False)
            times.append(time.perf_counter() - start)
        result[name] = {
            "best": round(min(times), 3),
            "median": round(sorted(times)[repeat // 2], 3),
        }
    probe = (
        "import sys\nfrom svodka.cli import cli\n"
        "try:\n    cli.main(['plugins'], prog_name='svodka', standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pymorphy3', 'razdel', 'docx', 'openpyxl', 'jinja2', 'numpy')\n"
        "print(repr([m for m in heavy if m in sys.modules]), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    loaded = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "[]"
    result["plugins_imports"] = json.loads(loaded.replace("'", '"'))
    result["morphology_loaded"] = "pymorphy3" in result["plugins_imports"]
    return result


# -- figures ---------------------------------------------------------------------------------


def quadratic_estimate(points: dict[int, float], n: int) -> float | None:
    """Seconds at ``n`` by ``a*N + b*N**2`` fitted (least squares) to measured (N, seconds)."""
    if len(points) < 2:
        return None
    s11 = sum(x**2 for x in points)
    s12 = sum(x**3 for x in points)
    s22 = sum(x**4 for x in points)
    t1 = sum(x * y for x, y in points.items())
    t2 = sum(x**2 * y for x, y in points.items())
    det = s11 * s22 - s12 * s12
    if det == 0:
        return None
    a = (t1 * s22 - t2 * s12) / det
    b = (s11 * t2 - s12 * t1) / det
    return round(a * n + b * n * n, 1)


def _rate(count: float, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds > 0 else None


def figures(n: int, info: dict, results: dict[str, dict]) -> dict[str, dict]:
    """Per stage: seconds, articles/s, records/s, KB/s, ms per article, memory."""
    kb = info["text_bytes"] / 1024
    extract = results.get("extract", {})
    records = extract.get("records")
    timed: dict[str, tuple[float, dict]] = {}
    for key in ("parse", "jsonl", "xlsx", "brief", "razdel"):
        r = results.get(key)
        if r and "seconds" in r:
            timed[key] = (r["seconds"], r)
    if "seconds" in extract:
        timed["extract"] = (extract["extract_seconds"], extract)
        timed["text_to_records"] = (extract["parse_seconds"] + extract["extract_seconds"], extract)
    rows = {}
    for key, (seconds, r) in timed.items():
        with_records = key in ("extract", "text_to_records", "jsonl", "xlsx", "brief")
        rows[key] = {
            "n": n,
            "seconds": round(seconds, 3),
            "articles_per_s": _rate(n, seconds),
            "records_per_s": _rate(records, seconds) if with_records and records else None,
            "kb_per_s": _rate(kb, seconds)
            if key in ("parse", "extract", "text_to_records", "razdel")
            else None,
            "ms_per_article": round(1000 * seconds / n, 4),
            "peak_mb": r.get("peak_mb"),
            "stage_mb": round(r["peak_mb"] - r["rss_before_mb"], 1),
        }
    return rows


def against(
    n: int, info: dict, other: Path, rounds: int, common: dict, corpus: Path, outcomes: Path
) -> dict:
    """Text to records (parse + extract) of this tree and of ``other``, the same corpus,
    ``rounds`` times in turn (this, other, this, ...); the best KB/s of each and their ratio."""
    kb = info["text_bytes"] / 1024
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, checkout in (("this", ROOT), ("other", other)):
            r = run_stage("extract", corpus=corpus, outcomes=outcomes, checkout=checkout, **common)
            if "error" in r:
                return {"error": f"{name} ({checkout}): {r['error']}"}
            seconds = r["parse_seconds"] + r["extract_seconds"]
            best[name] = max(best.get(name, 0.0), kb / seconds)
    return {
        "n": n,
        "other": str(other),
        "other_commit": _commit(other),
        "rounds": rounds,
        "this_kb_per_s": round(best["this"], 1),
        "other_kb_per_s": round(best["other"], 1),
        "ratio": round(best["this"] / best["other"], 3),
    }


def linearity(table: dict[int, dict[str, dict]]) -> dict[str, dict]:
    """Milliseconds per article at each N, and their ratio to the smallest N's."""
    out: dict[str, dict] = {}
    sizes = sorted(table)
    for key, _label, _ in ROWS:
        costs = {n: table[n][key]["ms_per_article"] for n in sizes if key in table[n]}
        if not costs:
            continue
        base_n = min(costs)
        out[key] = {
            "ms_per_article": costs,
            "ratio_to_smallest": {n: round(c / costs[base_n], 2) for n, c in costs.items()},
            "smallest": base_n,
        }
    return out


def comparison(
    sample: int, table: dict, stages: dict, natasha: dict | None, natasha_mt: dict | None
) -> dict:
    """svodka, razdel and natasha on the same first ``sample`` articles."""
    n = min((n for n in stages if n >= sample), default=None)
    if n is None:
        return {"error": f"no corpus has {sample} articles for the comparison"}
    extract = stages[n].get("extract", {}).get("sample")
    razdel = stages[n].get("razdel", {}).get("sample")
    out: dict = {"articles": sample, "from_corpus": n}
    if extract:
        out["svodka_seconds"] = round(extract["parse_seconds"] + extract["extract_seconds"], 3)
        out["svodka_extraction_only_seconds"] = extract["extract_seconds"]
    if razdel:
        out["razdel_seconds"] = razdel["seconds"]
    for key, result in (("natasha", natasha), ("natasha_default_threads", natasha_mt)):
        if result and "seconds" in result:
            out[f"{key}_seconds"] = result["seconds"]
            out[f"{key}_setup_seconds"] = result["setup_seconds"]
            out[f"{key}_peak_mb"] = result["peak_mb"]
        elif result:
            out[f"{key}_error"] = result.get("error")
    for key in ("svodka", "razdel", "natasha", "natasha_default_threads"):
        if f"{key}_seconds" in out:
            out[f"{key}_articles_per_s"] = _rate(sample, out[f"{key}_seconds"])
    if "svodka_seconds" in out and "natasha_seconds" in out:
        out["natasha_over_svodka"] = round(out["natasha_seconds"] / out["svodka_seconds"], 2)
    if "svodka_seconds" in out and "razdel_seconds" in out:
        out["svodka_over_razdel"] = round(out["svodka_seconds"] / out["razdel_seconds"], 2)
    return out


def targets(table: dict, compare: dict, startup: dict | None) -> list[dict]:
    found = []
    for n, rows in sorted(table.items()):
        row = rows.get("text_to_records")
        if row:
            found.append(
                {
                    "target": f"parsing+extraction >= {TARGETS['kb_per_s']:.0f} KB/s (N={n})",
                    "measured": row["kb_per_s"],
                    "met": row["kb_per_s"] >= TARGETS["kb_per_s"],
                }
            )
    if "natasha_over_svodka" in compare:
        found.append(
            {
                "target": f">= {TARGETS['natasha_ratio']:.0f}x faster than natasha "
                f"(first {compare['articles']} articles)",
                "measured": compare["natasha_over_svodka"],
                "met": compare["natasha_over_svodka"] >= TARGETS["natasha_ratio"],
            }
        )
    if "svodka_over_razdel" in compare:
        found.append(
            {
                "target": f"<= {TARGETS['razdel_ratio']:.0f}x the razdel-only time "
                f"(first {compare['articles']} articles)",
                "measured": compare["svodka_over_razdel"],
                "met": compare["svodka_over_razdel"] <= TARGETS["razdel_ratio"],
            }
        )
    for n, rows in sorted(table.items()):
        if "text_to_records" in rows and "razdel" in rows:
            ratio = round(rows["text_to_records"]["seconds"] / rows["razdel"]["seconds"], 2)
            found.append(
                {
                    "target": f"<= {TARGETS['razdel_ratio']:.0f}x the razdel-only time (N={n})",
                    "measured": ratio,
                    "met": ratio <= TARGETS["razdel_ratio"],
                }
            )
    if startup and "help" in startup:
        for name in ("help", "plugins"):
            best = startup[name]["best"]
            found.append(
                {
                    "target": f"svodka {'--help' if name == 'help' else name} starts in "
                    f"< {TARGETS['startup_s']} s",
                    "measured": best,
                    "met": best < TARGETS["startup_s"],
                }
            )
    return found


# -- report ----------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def report(results: dict) -> str:
    meta = results["meta"]
    lines = [
        f"svodka {meta['svodka']} benchmark, {meta['date']}: seed {meta['seed']}, "
        f"{meta['seed_articles']} seed articles from {meta['seed_source']}",
        f"Python {meta['python']} on {meta['cpu_model']} ({meta['cores']} cores), "
        f"every stage pinned to core {meta['cpu']}; KB = 1,024 bytes of article text (UTF-8)",
        "",
        f"{'corpus':>9} {'MB text':>8} {'KB/article':>10}  sha256",
    ]
    for n, info in sorted(results["corpus"].items(), key=lambda kv: int(kv[0])):
        lines.append(
            f"{int(n):>9,} {info['text_bytes'] / 1e6:>8.1f} "
            f"{info['text_bytes'] / 1024 / info['articles']:>10.2f}  {info['sha256'][:16]}"
        )
    lines += [
        "",
        f"{'stage':<22}{'N':>9}{'seconds':>10}{'articles/s':>12}{'records/s':>11}{'KB/s':>9}"
        f"{'ms/article':>12}{'peak MiB':>10}{'+stage':>8}",
    ]
    table = results["table"]
    for key, label, _ in ROWS:
        for n in sorted(table, key=int):
            row = table[n].get(key)
            if row is None:
                continue
            lines.append(
                f"{label:<22}{int(n):>9,}{row['seconds']:>10.2f}{_num(row['articles_per_s']):>12}"
                f"{_num(row['records_per_s']):>11}{_num(row['kb_per_s']):>9}"
                f"{row['ms_per_article']:>12.3f}{_num(row['peak_mb']):>10}"
                f"{_num(row['stage_mb']):>8}"
            )
    shares = []
    for n, stages in sorted(results["stages"].items(), key=lambda kv: int(kv[0])):
        extract = stages.get("extract", {})
        if extract.get("extract_seconds"):
            share = 100 * extract["summary_seconds"] / extract["extract_seconds"]
            shares.append(f"N={int(n):,}: {share:.0f}%")
    if shares:
        lines.append(
            "extraction = extractors + normalisation + summary (process_article less parsing); "
            f"the summary's share: {', '.join(shares)}"
        )
    lin = results["linearity"]
    sizes = sorted({int(n) for v in lin.values() for n in v["ms_per_article"]})
    if len(sizes) > 1:
        lines += ["", "cost per article (ms) at each N, and its ratio to the smallest N:"]
        head = "".join(f"{n:>10,}" for n in sizes) + "".join(
            f"{f'{n // 1000}k/{sizes[0] // 1000}k' if sizes[0] >= 1000 else f'{n}/{sizes[0]}':>10}"
            for n in sizes[1:]
        )
        lines.append(f"{'stage':<22}{head}")
        for key, label, _ in ROWS:
            if key not in lin:
                continue
            costs = {int(n): c for n, c in lin[key]["ms_per_article"].items()}
            ratios = {int(n): r for n, r in lin[key]["ratio_to_smallest"].items()}
            cells = "".join(f"{_num(costs.get(n), 3):>10}" for n in sizes)
            cells += "".join(f"{_num(ratios.get(n), 2):>10}" for n in sizes[1:])
            lines.append(f"{label:<22}{cells}")
    comp = results.get("comparison", {})
    if comp and "error" not in comp:
        lines += ["", f"on the same first {comp['articles']} articles (one core):"]
        for key, label in (
            ("razdel", "razdel only (sentences, tokens)"),
            ("svodka", "svodka parsing+extraction"),
            ("natasha", "natasha pipeline, 1 thread"),
            ("natasha_default_threads", "natasha pipeline, default threads"),
        ):
            if f"{key}_seconds" in comp:
                lines.append(
                    f"  {label:<36}{comp[f'{key}_seconds']:>8.2f} s "
                    f"{_num(comp[f'{key}_articles_per_s']):>8} articles/s"
                )
            elif f"{key}_error" in comp:
                lines.append(f"  {label:<36}failed: {comp[f'{key}_error']}")
        if "natasha_over_svodka" in comp:
            lines.append(f"  natasha time / svodka time: {comp['natasha_over_svodka']:.2f}")
        if "svodka_over_razdel" in comp:
            lines.append(f"  svodka time / razdel time: {comp['svodka_over_razdel']:.2f}")
    for n, a in sorted(results.get("against", {}).items()):
        if "error" in a:
            lines += ["", f"against another checkout at N={n:,}: failed: {a['error']}"]
            continue
        lines += [
            "",
            f"text to records at N={n:,}, best of {a['rounds']} turns each: this tree "
            f"{a['this_kb_per_s']:,.0f} KB/s, {a['other']} ({a['other_commit']}) "
            f"{a['other_kb_per_s']:,.0f} KB/s: ratio {a['ratio']:.3f}",
        ]
    startup = results.get("startup") or {}
    if "help" in startup:
        lines += [
            "",
            f"start-up (best of {startup['repeat']}): "
            f"svodka --help {startup['help']['best']:.3f} s, "
            f"svodka plugins {startup['plugins']['best']:.3f} s; morphology loaded by "
            f"'svodka plugins': {'yes' if startup['morphology_loaded'] else 'no'}",
        ]
    if results["targets"]:
        lines += ["", "targets:"]
        for t in results["targets"]:
            lines.append(f"  {'met   ' if t['met'] else 'MISSED'} {t['target']}: {t['measured']}")
    if results["skipped"]:
        lines += ["", "not measured:"]
        lines += [f"  {s}" for s in results["skipped"]]
    return "\n".join(lines)


# -- main ------------------------------------------------------------------------------------


def _svodka_version() -> str:
    try:
        from importlib.metadata import version

        return version("svodka")
    except Exception:  # noqa: BLE001 - only for the report
        return "?"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _commit(tree: Path = ROOT) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return proc.stdout.strip() or None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--natasha-sample", type=int, default=500, help="articles natasha is timed on")
    ap.add_argument("--out", type=Path, default=HERE / "results.json", help="JSON results")
    ap.add_argument(
        "--stages",
        nargs="+",
        choices=ALL_STAGES,
        default=list(ALL_STAGES),
        help="stages to run (default: all)",
    )
    ap.add_argument("--cpu", type=int, help="core to pin stages to (default: the last one)")
    ap.add_argument("--workdir", type=Path, help="keep corpora and outputs here")
    ap.add_argument(
        "--timeout", type=float, default=3600, help="seconds one stage may take (default 3600)"
    )
    ap.add_argument(
        "--memory-limit",
        type=float,
        default=20,
        metavar="GB",
        help="address space one stage may take (default 20 GB; 0: none)",
    )
    ap.add_argument(
        "--brief-max",
        type=int,
        default=10_000,
        metavar="N",
        help="time the Word brief up to this many articles (default 10,000: it grows faster "
        "than linearly; 0: every size)",
    )
    ap.add_argument("--startup-repeat", type=int, default=7)
    ap.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also time text to records with another svodka checkout (with its own .venv, e.g. "
        "a worktree of main), in turn with this one, on the same corpora",
    )
    ap.add_argument("--rounds", type=int, default=3, help="turns of each tree for --against")
    args = ap.parse_args(argv)

    sizes = sorted(set(args.sizes))
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [None]
    cpu = args.cpu if args.cpu is not None else allowed[-1]
    limit = args.memory_limit or None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="svodka-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    seeds = corpus_module.seed_articles()
    results: dict = {
        "meta": {
            "svodka": _svodka_version(),
            "commit": _commit(),
            "date": dt.date.today().isoformat(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_model": _cpu_model(),
            "cores": len(allowed),
            "cpu": cpu,
            "seed": args.seed,
            "seed_source": str(corpus_module.seed_path().relative_to(ROOT.parent)),
            "seed_articles": len(seeds),
            "sizes": sizes,
            "natasha_sample": args.natasha_sample,
            "command": "python benchmarks/run.py " + " ".join(argv or sys.argv[1:]),
        },
        "corpus": {},
        "stages": {},
        "table": {},
        "skipped": [],
    }
    try:
        log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
        start = time.perf_counter()
        paths = {n: workdir / f"corpus-{n}.jsonl" for n in sizes}
        results["corpus"] = corpus_module.write_corpus(paths, args.seed)
        log(f"corpora written in {time.perf_counter() - start:.1f} s to {workdir}")
        common = {"cpu": cpu, "timeout": args.timeout, "memory_gb": limit}
        for n in sizes:
            stages: dict[str, dict] = {}
            out = workdir / f"out-{n}"
            out.mkdir(exist_ok=True)
            outcomes = workdir / f"outcomes-{n}.pickle"
            for stage in (*SVODKA_STAGES, "razdel"):
                if stage not in args.stages:
                    continue
                if stage in ("jsonl", "xlsx", "brief") and "seconds" not in stages.get(
                    "extract", {}
                ):
                    results["skipped"].append(f"{stage} at N={n}: needs the extract stage")
                    continue
                if stage == "brief" and args.brief_max and n > args.brief_max:
                    measured = {
                        m: r["brief"]["seconds"]
                        for m, r in results["stages"].items()
                        if "seconds" in r.get("brief", {})
                    }
                    guess = quadratic_estimate(measured, n)
                    reason = (
                        f"brief at N={n:,}: not run (--brief-max {args.brief_max:,}): its cost "
                        "per article grows with N"
                    )
                    if guess is not None:
                        reason += f"; about {guess / 60:,.0f} min by a*N + b*N^2 fitted to N=" + (
                            ", ".join(f"{m:,}" for m in sorted(measured))
                        )
                    stages[stage] = {"skipped": reason, "estimated_seconds": guess}
                    results["skipped"].append(reason)
                    continue
                log(f"N={n:,}: {stage} ...")
                result = run_stage(
                    stage,
                    corpus=paths[n],
                    outcomes=outcomes if stage in ("extract", "jsonl", "xlsx", "brief") else None,
                    out=out,
                    sample=args.natasha_sample,
                    **common,
                )
                stages[stage] = result
                if "error" in result:
                    results["skipped"].append(f"{stage} at N={n}: {result['error']}")
                    log(f"  {result['error']}")
                else:
                    log(f"  {result['seconds']:.2f} s, peak {result['peak_mb']:.0f} MiB")
            if outcomes.exists():
                outcomes.unlink()
            shutil.rmtree(out, ignore_errors=True)
            results["stages"][n] = stages
            results["table"][n] = figures(n, results["corpus"][n], stages)
            if args.against is not None:
                log(f"N={n:,}: text to records, this tree and {args.against}, {args.rounds} turns")
                results.setdefault("against", {})[n] = against(
                    n, results["corpus"][n], args.against, args.rounds, common, paths[n], outcomes
                )

        natasha = natasha_mt = None
        if "natasha" in args.stages:
            if importlib.util.find_spec("natasha") is None:
                results["skipped"].append(
                    "natasha: not installed (pip install -e '.[bench]' or pip install natasha)"
                )
            else:
                source = paths[
                    min((n for n in sizes if n >= args.natasha_sample), default=sizes[-1])
                ]
                log(f"natasha on {args.natasha_sample} articles, one thread ...")
                natasha = run_stage("natasha", corpus=source, sample=args.natasha_sample, **common)
                log(f"natasha on {args.natasha_sample} articles, default threads, all cores ...")
                natasha_mt = run_stage(
                    "natasha",
                    corpus=source,
                    sample=args.natasha_sample,
                    timeout=args.timeout,
                    one_thread=False,
                )
                results["natasha"] = {"one_thread": natasha, "default_threads": natasha_mt}
        results["comparison"] = comparison(
            args.natasha_sample, results["table"], results["stages"], natasha, natasha_mt
        )
        startup = None
        if "startup" in args.stages:
            log("start-up ...")
            startup = startup_times(args.startup_repeat, cpu)
        results["startup"] = startup
        results["linearity"] = linearity(results["table"])
        results["targets"] = targets(results["table"], results["comparison"], startup)
        results["meta"]["wall_seconds"] = round(time.perf_counter() - start, 1)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    text = report(results)
    print(text)
    results["report"] = text
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
