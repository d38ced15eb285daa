"""A ``svodka run --store`` killed with ``kill -9`` at any moment leaves the store as it was
before the batch or with the batch complete; ``PRAGMA integrity_check`` is ok, and the next
run picks up where it stopped.

The run is a real subprocess, killed with SIGKILL. To kill it at a chosen moment (before the
store is opened, once its transaction has begun, after some articles, while the facts are
merged at commit, at the COMMIT statement itself, after the commit), it runs through a small
launcher that stops there and says so in a file; the test then kills it. A sweep kills runs
at random moments as well.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLIND = REPO / "tests" / "blind"
DATE = "2025-01-15"

LAUNCHER = textwrap.dedent(
    '''
    """svodka's command line, stopping at the moment KILLTEST_POINT names: it writes the
    point's name into KILLTEST_MARK, then waits to be killed."""
    import os
    import sys
    import time

    from svodka import cli
    from svodka.store import store, write

    POINT = os.environ.get("KILLTEST_POINT", "")
    MARK = os.environ.get("KILLTEST_MARK", "")


    def reached(wait=True):
        with open(MARK + ".tmp", "w") as fh:
            fh.write(POINT)
        os.replace(MARK + ".tmp", MARK)
        while wait:
            time.sleep(1)


    open_store = store.open_store


    def opening(*args, **kwargs):
        if POINT == "open":
            reached()
        return open_store(*args, **kwargs)


    store.open_store = opening
    enter, add, commit = write.Batch.__enter__, write.Batch.add, write.Batch.commit
    add_known = write.Batch.add_known


    def entering(self):
        result = enter(self)
        if POINT == "begin":
            reached()
        return result


    added = 0


    def adding(self, outcome):
        global added
        add(self, outcome)
        added += 1
        if POINT == f"add:{added}":
            reached()


    def adding_known(self, pk, article):
        add_known(self, pk, article)
        if POINT == "known":
            reached()


    def committing(self):
        def trace(statement):
            words = statement.split()
            if POINT == "merge" and words[:2] == ["UPDATE", "facts"]:
                reached()
            if POINT == "commit" and words[:1] == ["COMMIT"]:
                reached(wait=False)  # killed while SQLite commits, or just after

        self.con.set_trace_callback(trace)
        counts = commit(self)
        self.con.set_trace_callback(None)
        if POINT == "committed":
            reached()
        return counts


    write.Batch.__enter__, write.Batch.add, write.Batch.commit = entering, adding, committing
    write.Batch.add_known = adding_known
    sys.argv[0] = "svodka"
    cli.main()
    '''
)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inputs: day A (blind_a), day B (blind_b and blind_c, 20 articles, and as its 8th
    one an article of day A crawled again under another id); the launcher."""
    root = tmp_path_factory.mktemp("kill")
    (root / "launcher.py").write_text(LAUNCHER, encoding="utf-8")
    shutil.copy(BLIND / "blind_a.jsonl", root / "a.jsonl")
    lines = (BLIND / "blind_b.jsonl").read_text("utf-8").splitlines()
    lines += (BLIND / "blind_c.jsonl").read_text("utf-8").splitlines()
    again = json.loads((BLIND / "blind_a.jsonl").read_text("utf-8").splitlines()[3])
    again.update(id="recrawl-of-a-4", url="https://example.org/again")
    lines.insert(7, json.dumps(again, ensure_ascii=False))
    (root / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _env(point: str = "", mark: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "KILLTEST_POINT": point, "KILLTEST_MARK": str(mark or "")}
    for name in ("SVODKA_NO_STORE", "SVODKA_STORE"):  # the tests' default: no store
        env.pop(name, None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def _args(work: Path, day: str, store: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        str(work / "launcher.py"),
        "run",
        str(work / f"{day}.jsonl"),
        "--store",
        str(store),
        "-o",
        str(out),
        "-f",
        "jsonl",
        "--date",
        DATE,
        "-j",
        "1",
    ]


def run(work: Path, day: str, store: Path) -> float:
    """A whole run of ``day`` into ``store``; its seconds."""
    out = store.parent / f"out-{day}-{time.monotonic_ns()}"
    t0 = time.monotonic()
    result = subprocess.run(_args(work, day, store, out), env=_env(), capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return time.monotonic() - t0


def killed_at(work: Path, day: str, store: Path, point: str) -> None:
    """A run of ``day`` into ``store`` killed with SIGKILL at ``point``."""
    mark = store.parent / f"mark-{time.monotonic_ns()}"
    out = store.parent / f"out-{day}-{time.monotonic_ns()}"
    process = subprocess.Popen(
        _args(work, day, store, out),
        env=_env(point, mark),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not mark.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before {point}: {process.stderr.read().decode()}")
        assert time.monotonic() < deadline, f"the run never reached {point}"
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert process.stderr is not None
    process.stderr.close()


def killed_after(work: Path, day: str, store: Path, seconds: float) -> int:
    """A run of ``day`` into ``store`` (two worker processes) killed with SIGKILL, with its
    workers, ``seconds`` after it started; its exit status (-9 when it was killed)."""
    out = store.parent / f"out-{day}-{time.monotonic_ns()}"
    args = _args(work, day, store, out)
    args[-1] = "2"
    process = subprocess.Popen(
        args,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(seconds)
    with contextlib.suppress(ProcessLookupError):  # it may have ended already
        os.killpg(process.pid, signal.SIGKILL)
    return process.wait()


def check(store: Path) -> None:
    """The store is sound: integrity, foreign keys, no run left half-written."""
    con = sqlite3.connect(store)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'runs'").fetchone()[0]:
            assert con.execute("SELECT count(*) FROM runs WHERE finished IS NULL").fetchone() == (
                0,
            )
    finally:
        con.close()


def content(store: Path) -> dict[str, list[tuple]]:
    """What the store holds, without run numbers and clock times: articles by text hash,
    their ids, their records with the facts they joined, the facts, the failures."""
    queries = {
        "articles": "SELECT hash, key, title, outlet, published, seen, url, language, "
        "meta, summary, status, problems, svodka_version, plugins FROM articles",
        "ids": "SELECT a.hash, i.id, i.url, i.source FROM article_ids i "
        "JOIN articles a ON a.id = i.article",
        "records": "SELECT a.hash, r.seq, r.record_id, r.type, r.extractor, r.plugin, "
        "r.plugin_version, r.confidence, r.evidence, r.data, f.type, f.key, f.data "
        "FROM records r JOIN articles a ON a.id = r.article "
        "LEFT JOIN facts f ON f.id = r.fact",
        "facts": "SELECT type, key, exact, first, dates, data, confidence, date, "
        "first_seen, last_seen, sources FROM facts",
        "failures": "SELECT source, reason, skipped FROM failures",
    }
    if not store.exists():
        return {name: [] for name in queries}
    con = sqlite3.connect(store)
    try:
        if not con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'facts'").fetchone()[0]:
            return {name: [] for name in queries}
        return {
            name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries.items()
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def states(work: Path) -> dict[str, object]:
    """The store after day A (its file), and what it holds after day A and after A and B."""
    day_a = work / "day-a.db"
    run(work, "a", day_a)
    assert not Path(f"{day_a}-wal").exists() or Path(f"{day_a}-wal").stat().st_size == 0
    both = work / "both.db"
    shutil.copy(day_a, both)
    seconds = run(work, "b", both)
    empty = content(work / "none.db")
    after_a, after_b = content(day_a), content(both)
    assert after_a["articles"] and len(after_b["articles"]) == len(after_a["articles"]) + 20
    assert len(after_b["ids"]) == len(after_b["articles"]) + 1  # the re-crawl: one more id
    return {"file_a": day_a, "empty": empty, "a": after_a, "b": after_b, "seconds": seconds}


def _store_after_a(states: dict[str, object], tmp_path: Path) -> Path:
    store = tmp_path / "svodka.db"
    shutil.copy(states["file_a"], store)  # type: ignore[arg-type]
    return store


# where the run is killed, and what the store must then hold: the batch before ("before"),
# complete ("after"), or either ("either": SIGKILL arrives while SQLite commits, or after)
POINTS = [
    ("open", "before"),
    ("begin", "before"),
    ("add:12", "before"),
    ("known", "before"),
    ("add:20", "before"),
    ("merge", "before"),
    ("commit", "either"),
    ("committed", "after"),
]


@pytest.mark.slow  # two runs of svodka each: ~3 s
@pytest.mark.parametrize(("point", "expected"), POINTS)
def test_a_killed_run_leaves_the_batch_before_or_complete(
    work: Path, states: dict[str, object], tmp_path: Path, point: str, expected: str
) -> None:
    store = _store_after_a(states, tmp_path)
    killed_at(work, "b", store, point)
    check(store)
    held = content(store)
    if expected == "either":
        assert held in (states["a"], states["b"])
    else:
        assert held == states["a" if expected == "before" else "b"]
    run(work, "b", store)  # the next run picks up where the killed one stopped
    check(store)
    assert content(store) == states["b"]
    last = sqlite3.connect(store).execute(
        "SELECT articles_new, articles_known FROM runs ORDER BY id DESC LIMIT 1"
    )
    assert last.fetchone() == ((0, 21) if held == states["b"] else (20, 1))


@pytest.mark.slow
@pytest.mark.parametrize("point", ["begin", "add:5", "merge"])
def test_a_first_run_killed_leaves_no_half_store(
    work: Path, states: dict[str, object], tmp_path: Path, point: str
) -> None:
    store = tmp_path / "new.db"
    killed_at(work, "a", store, point)
    if store.exists():
        check(store)
    assert content(store) == states["empty"]
    run(work, "a", store)
    check(store)
    assert content(store) == states["a"]


@pytest.mark.slow  # ~10 runs of svodka
def test_runs_killed_at_random_moments(
    work: Path, states: dict[str, object], tmp_path: Path
) -> None:
    """Day B killed with its two workers at random moments of its run (seeded; up to the
    time a whole run took), again and again into the same store; every kill leaves the
    batch before or complete, and a last run completes it."""
    store = _store_after_a(states, tmp_path)
    draw = random.Random(15)
    whole = float(states["seconds"])  # type: ignore[arg-type]
    outcomes = []
    for _ in range(6):
        status = killed_after(work, "b", store, draw.uniform(0.2, whole))
        check(store)
        held = content(store)
        assert held in (states["a"], states["b"])
        outcomes.append((status, held == states["b"]))
    run(work, "b", store)
    check(store)
    assert content(store) == states["b"]
    assert any(status == -signal.SIGKILL for status, _ in outcomes), outcomes
