"""--jobs: the same outcomes in the same order as one process, failures reported alike."""

from __future__ import annotations

import json
import multiprocessing
import os
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import svodka
from svodka.cli import cli
from svodka.components import Extractor, InputError
from svodka.model.article import Article
from svodka.model.records import Role
from svodka.pipeline import process
from svodka.run import parallel
from svodka.run.parallel import SMALL, process_parallel
from svodka.testing import plugins_with

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def corpus(n: int) -> list[Article | InputError]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    items: list[Article | InputError] = [
        Article(id=f"a{i:03d}", text=texts[i % len(texts)], published="2025-10-31")
        for i in range(n)
    ]
    items.insert(7, InputError("feed.jsonl:8", "not valid JSON"))
    items.insert(9, InputError("b.txt", "skipped: the same file as a.txt", skipped=True))
    return items


class Picky(Extractor):
    """Fails on one article, finds a role in the others."""

    name = "picky"
    record_types = ("role",)

    def extract(self, doc):
        if doc.article.id == "a013":
            raise ValueError("cannot read this one")
        return [Role(article=doc.article.id, person="Тест Тестов", position="посол")]


class PickyPlugin:
    @svodka.hookimpl
    def register_extractors(self, register):
        register(Picky())


def dump(outcomes) -> list:
    return [
        (o.source, o.status, o.failure, o.errors, [r.to_dict() for r in o.records], o.summary)
        for o in outcomes
    ]


def test_parallel_outcomes_equal_serial_ones_in_order() -> None:
    from svodka.normalize.lexicon import Lexicon

    plugins = plugins_with(PickyPlugin())
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lexicon = Lexicon.from_plugins(plugins)
    items = corpus(3 * SMALL)
    serial = dump(process(items, extractors, lexicon, owners))
    spread = dump(process_parallel(items, extractors, lexicon, owners, jobs=2))
    assert spread == serial
    assert [o[0] for o in spread][:11] == [f"a{i:03d}" for i in range(7)] + [
        "feed.jsonl:8",
        "a007",
        "b.txt",
        "a008",
    ]
    assert [o[1] for o in spread][7:10] == ["failed", "processed", "skipped"]
    failing = next(o for o in spread if o[0] == "a013")
    assert "picky" in failing[3][0] and "cannot read this one" in failing[3][0]


def test_small_inputs_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from svodka.normalize.lexicon import Lexicon

    def no_pool(*args, **kwargs):
        raise AssertionError("no worker processes for a small input")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    plugins = plugins_with(PickyPlugin())
    outcomes = list(
        process_parallel(
            corpus(3), plugins.extractors.values(), Lexicon.from_plugins(plugins), jobs=2
        )
    )
    assert len(outcomes) == 5  # 3 articles, a failure and a skipped input


def test_cli_jobs_give_byte_identical_output(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(2 * SMALL + 5):
            fh.write(json.dumps({"id": f"n{i}", "text": texts[i % 2], "published": "2025-10-31"}))
            fh.write("\n")
        fh.write("{broken\n")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"records-{jobs}.jsonl"
        result = CliRunner().invoke(cli, ["extract", str(feed), "--jobs", jobs, "-o", str(out)])
        assert result.exit_code == 1  # the broken line
        assert f"{feed}:{2 * SMALL + 6}" in result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 2 * SMALL


class Slow(Extractor):
    """Marks each article it has finished; slow after the first chunk."""

    name = "slow"
    record_types = ("role",)

    def __init__(self, marks: Path) -> None:
        self.marks = marks

    def extract(self, doc):
        if doc.article.id >= f"a{parallel.CHUNK:03d}":
            time.sleep(0.2)
        (self.marks / doc.article.id).touch()
        return []


def gone(pids: list[int], timeout: float = 10.0) -> bool:
    """Whether every one of these processes has ended (or become a zombie) within the bound."""

    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + timeout
    while any(running(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes in /proc")
@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the slow extractor is inherited"
)
def test_leaving_the_outcomes_early_stops_the_workers_at_once(tmp_path: Path) -> None:
    """An interrupt (or a consumer that stops) must not wait for the chunks in flight."""
    from svodka.normalize.lexicon import Lexicon

    lexicon = Lexicon.from_plugins(plugins_with())
    items = [Article(id=f"a{i:03d}", text="Текст.") for i in range(12 * parallel.CHUNK)]
    outcomes = process_parallel(items, [Slow(tmp_path)], lexicon, jobs=2)
    assert next(outcomes).source == "a000"
    workers = [p.pid for p in multiprocessing.active_children()]
    assert len(workers) == 2
    outcomes.close()
    assert gone(workers)
    finished = len(list(tmp_path.iterdir()))
    # the first chunk, and at most the article each worker was on: not the 7 chunks queued
    assert parallel.CHUNK <= finished < parallel.CHUNK + 8
    assert parallel._lifelines == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_whose_parent_is_already_gone_exits_at_once() -> None:
    """The parent may end between the fork and the death-signal request: the check after it."""
    code = "import sys; from svodka.run.parallel import _follow_parent; "
    code += "_follow_parent(int(sys.argv[1])); print('running')"
    mine = subprocess.run(
        [sys.executable, "-c", code, str(os.getpid())], capture_output=True, text=True, timeout=60
    )
    assert (mine.returncode, mine.stdout) == (0, "running\n")
    other = subprocess.run(
        [sys.executable, "-c", code, str(os.getpid() + 1)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (other.returncode, other.stdout) == (1, "")


class HalfSent(Extractor):
    """In a worker: half a message into the pool's result pipe, then the worker's end."""

    name = "halfsent"
    record_types = ("role",)

    def __init__(self, marks: Path) -> None:
        self.marks = marks

    def extract(self, doc):
        if doc.article.id == f"a{parallel.CHUNK:03d}":
            deadline = time.monotonic() + 30  # after the first chunk's outcomes are read
            while not (self.marks / "go").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            frame = sys._getframe()
            while "result_queue" not in frame.f_locals:  # up to the pool's worker loop
                frame = frame.f_back
            pipe = frame.f_locals["result_queue"]._writer
            os.write(pipe.fileno(), struct.pack("!i", 1 << 20) + b"half")
            (self.marks / "sent").touch()
            os._exit(1)
        return []


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="inherited")
def test_a_worker_ending_half_way_through_its_result_does_not_hang_the_stop(
    tmp_path: Path,
) -> None:
    from svodka.normalize.lexicon import Lexicon

    lexicon = Lexicon.from_plugins(plugins_with())
    items = [Article(id=f"a{i:03d}", text="Текст.") for i in range(4 * parallel.CHUNK)]
    outcomes = process_parallel(items, [HalfSent(tmp_path)], lexicon, jobs=2)
    assert next(outcomes).source == "a000"
    (tmp_path / "go").touch()
    deadline = time.monotonic() + 30
    while not (tmp_path / "sent").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # the worker is gone, the pool's thread reads the half message
    stopping = threading.Thread(target=outcomes.close, daemon=True)
    stopping.start()
    stopping.join(30)
    assert not stopping.is_alive(), "stopping the pool hangs"


@pytest.mark.slow  # each worker loads the plugins: ~6 s
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes in /proc")
@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_started_without_fork_give_the_same_outcomes_and_stop_with_the_run(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is missing (or replaced), workers load the plugins and follow the lifeline."""
    from svodka.manager import load_plugins
    from svodka.normalize.lexicon import Lexicon

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setattr(parallel, "_start_method", lambda: method)
    options = {"disabled": [], "autoload": False, "strict": None}
    plugins = load_plugins(**options)
    extractors = list(plugins.extractors.values())
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lexicon = Lexicon.from_plugins(plugins)
    items = corpus(SMALL + 5)
    serial = dump(process(items, extractors, lexicon, owners))
    outcomes = process_parallel(items, extractors, lexicon, owners, jobs=2, plugin_options=options)
    spread = dump([next(outcomes)])
    workers = [p.pid for p in multiprocessing.active_children()]
    assert len(workers) >= 1
    spread += dump(outcomes)
    assert spread == serial
    assert gone(workers)
    # and when the run stops early, its workers stop with it
    outcomes = process_parallel(items, extractors, lexicon, owners, jobs=2, plugin_options=options)
    next(outcomes)
    workers = [p.pid for p in multiprocessing.active_children()]
    outcomes.close()
    assert gone(workers)


def test_settle_builds_the_gazetteers_and_freezes_once_per_process() -> None:
    import gc
    import subprocess
    import sys

    script = (
        "import gc\n"
        "from svodka.manager import Plugins\n"
        "from svodka.normalize.lexicon import Lexicon\n"
        "from svodka.pipeline import settle\n"
        "lexicon = Lexicon.from_plugins(Plugins(autoload=False))\n"
        "assert gc.get_freeze_count() == 0\n"
        "settle(lexicon)\n"
        "first = gc.get_freeze_count()\n"
        "assert first > 0 and lexicon._gazetteers is not None\n"
        "settle(Lexicon.from_plugins(Plugins(autoload=False)))\n"
        "print(first, gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first, again = map(int, done.stdout.split())
    assert again == first  # the second call froze nothing more
    assert gc.isenabled()
