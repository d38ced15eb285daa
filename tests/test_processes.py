"""Real processes: how a run ends when it is killed or interrupted in the middle of --jobs.

Each test starts ``python -m svodka`` on an input large enough to run in worker processes,
waits until the workers are there, ends the run, and checks that no worker survives it, that
nothing is left in the TMPDIR the run was given, and how the run reported its end.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from svodka.run.parallel import CHUNK

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="follows processes through /proc"
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))
ARTICLES = 60 * CHUNK  # ~4 MB: several seconds of work, never reached: the run is ended early
BOUND = 30.0  # seconds any wait here may take at most


def until(condition: Callable[[], object], timeout: float = BOUND) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _table() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time) of every process in /proc."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        table[int(stat.parent.name)] = (int(fields[1]), fields[0], fields[19])
    return table


def descendants(pid: int) -> dict[int, str]:
    """The processes below ``pid``: pid -> start time (which tells a reused pid apart)."""
    table = _table()
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, _state, start) in table.items():
            if ppid == parent and child not in found:
                found[child] = start
                frontier.append(child)
    return found


def survivors(processes: dict[int, str]) -> list[int]:
    """Which of these processes still run (a zombie has ended)."""
    table = _table()
    return [p for p, start in processes.items() if p in table and table[p][1:] != ("Z", start)]


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(ARTICLES):
            row = {"id": f"n{i}", "text": texts[i % len(texts)], "published": "2025-10-31"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


class Run:
    """``python -m svodka ARGS`` in a session of its own, with its own TMPDIR."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        self.tmpdir = tmp_path / "tmp"
        self.tmpdir.mkdir()
        self.stderr_path = tmp_path / "stderr.txt"
        with self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "svodka", *args],
                env={**os.environ, "TMPDIR": str(self.tmpdir)},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        self.workers: dict[int, str] = {}

    def wait_for_workers(self, jobs: int) -> None:
        """Until ``jobs`` worker processes run and have started work."""
        assert until(lambda: len(descendants(self.proc.pid)) >= jobs), "no workers started"
        self.workers = descendants(self.proc.pid)
        assert self.proc.poll() is None, self.stderr()

    def end(self, how: Callable[[int], None]) -> int:
        """End the run with ``how(pid)``; its exit status (negative: killed by that signal)."""
        how(self.proc.pid)
        try:
            return self.proc.wait(timeout=BOUND)
        finally:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def check_nothing_left(self) -> None:
        assert until(lambda: not survivors(self.workers)), f"workers left: {self.workers}"
        assert sorted(p.name for p in self.tmpdir.iterdir()) == []

    def kill_survivors(self) -> None:
        """After a failed test: end what the run left, so that it costs nothing more."""
        for pid in survivors(self.workers):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., Run]]:
    runs: list[Run] = []

    def start(*args: str) -> Run:
        runs.append(Run(tmp_path, *args))
        return runs[-1]

    yield start
    for run in runs:
        run.kill_survivors()


def test_killed_run_leaves_no_worker_and_no_spool(feed: Path, tmp_path: Path, start) -> None:
    run = start("run", str(feed), "--jobs", "2", "-o", str(tmp_path / "out"), "-f", "jsonl")
    run.wait_for_workers(2)
    assert run.end(lambda pid: os.kill(pid, signal.SIGKILL)) == -signal.SIGKILL
    run.check_nothing_left()


def test_sigterm_stops_the_run_cleanly_with_status_143(feed: Path, tmp_path: Path, start) -> None:
    out = tmp_path / "out"
    out.mkdir()
    run = start("extract", str(feed), "--jobs", "2", "-o", str(out / "records.jsonl"))
    run.wait_for_workers(2)
    assert run.end(lambda pid: os.kill(pid, signal.SIGTERM)) == 143, run.stderr()
    assert run.stderr() == "svodka: interrupted\n"
    run.check_nothing_left()
    assert list(out.iterdir()) == []  # neither the final name nor a temporary file


def test_ctrl_c_stops_the_run_cleanly_with_status_130(feed: Path, tmp_path: Path, start) -> None:
    """Ctrl-C signals the terminal's whole process group: the parent and the workers."""
    out = tmp_path / "out"
    run = start("run", str(feed), "--jobs", "2", "-o", str(out), "-f", "jsonl")
    run.wait_for_workers(2)
    assert run.end(lambda pid: os.killpg(pid, signal.SIGINT)) == 130, run.stderr()
    assert run.stderr() == "svodka: interrupted\n"
    run.check_nothing_left()
    assert not out.exists()  # the folder the run made for itself is removed again


SCRIPT = """
import os
from svodka.run import parallel
if os.environ["ALONE"] == "lifeline":  # as where there is no PR_SET_PDEATHSIG
    parallel._follow_parent = lambda parent: None
else:
    parallel._watch = lambda lifeline: None
if __name__ == "__main__":
    import multiprocessing, time
    from svodka.model.article import Article
    from svodka.manager import load_plugins
    from svodka.normalize.lexicon import Lexicon
    plugins = load_plugins(autoload=False)
    text = "Посол России Иван Петров прибыл в Астану."
    items = (Article(id=f"a{i}", text=text) for i in range(10**6))
    lexicon = Lexicon.from_plugins(plugins)
    outcomes = parallel.process_parallel(items, plugins.extractors.values(), lexicon, jobs=2)
    next(outcomes)
    print(*[p.pid for p in multiprocessing.active_children()], flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("alone", ["lifeline", "pdeathsig"])
def test_each_way_of_following_the_parent_works_alone(alone: str, tmp_path: Path) -> None:
    """The lifeline is what other systems have; PR_SET_PDEATHSIG does not need the worker's
    Python to run."""
    script = tmp_path / "script.py"
    script.write_text(SCRIPT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        env={**os.environ, "ALONE": alone},
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    workers: dict[int, str] = {}
    try:
        assert proc.stdout is not None
        assert select.select([proc.stdout], [], [], BOUND)[0], "the script printed nothing"
        line = proc.stdout.readline()
        table = _table()
        workers = {pid: table[pid][2] for pid in map(int, line.split()) if pid in table}
        assert len(workers) == 2, line
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=BOUND)
    try:
        assert until(lambda: not survivors(workers)), f"workers left: {workers}"
    finally:
        for pid in survivors(workers):
            os.kill(pid, signal.SIGKILL)
