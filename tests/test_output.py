"""Atomic writes and JSON Lines."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from svodka.run.output import atomic_path, atomic_text, json_text, read_jsonl, write_jsonl


def test_atomic_write_appears_whole_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "records.jsonl"
    old = os.umask(0o022)
    try:
        with atomic_text(target) as fh:
            write_jsonl([{"a": 1}, {"b": "ж"}], fh)
            assert not target.exists()
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == '{"a": 1}\n{"b": "ж"}\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.txt"]


def test_read_jsonl_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"a": 1}\n\n{broken\n', encoding="utf-8")
    rows = read_jsonl(path)
    assert next(rows) == (1, {"a": 1})
    with pytest.raises(ValueError, match=r"r\.jsonl:3"):
        next(rows)


def test_json_text_escapes_only_lone_surrogates() -> None:
    data = {"id": "ж\ud800", "title": "😀 «x»", "source": "\udcff.txt"}
    text = json_text(data)
    assert text == '{"id": "ж\\ud800", "title": "😀 «x»", "source": "\\udcff.txt"}'
    assert json.loads(text.encode("utf-8").decode("utf-8")) == data
    with atomic_text(Path(os.devnull)) as fh:  # a device: written in place
        write_jsonl([data], fh)


def test_atomic_write_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_text(link) as fh:
        fh.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_atomic_write_to_a_fifo_streams_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with atomic_path(fifo) as target:
        target.write_bytes(b"PK zip bytes")
    reader.join(timeout=20)
    assert received == [b"PK zip bytes"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_write_removes_the_temporary_files_of_killed_writers(tmp_path: Path) -> None:
    """A writer killed with kill -9 cannot remove its temporary file; the next write to the
    same target does, and leaves those of live writers alone."""
    target = tmp_path / "records.jsonl"
    script = (
        "import sys, time\n"
        "from svodka.run.output import atomic_text\n"
        "with atomic_text(sys.argv[1]) as fh:\n"
        "    fh.write('half'); fh.flush(); print('writing', flush=True); time.sleep(60)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    writer.kill()
    writer.wait(timeout=10)
    orphans = [p.name for p in tmp_path.iterdir()]
    assert len(orphans) == 1 and orphans[0].startswith(f".records.jsonl.{writer.pid}.")
    live = tmp_path / f".records.jsonl.{os.getppid()}.abcd.tmp"  # a live process's write
    live.write_text("in progress", encoding="utf-8")
    other = tmp_path / ".other.jsonl.999999999.abcd.tmp"  # another target's: not ours to touch
    other.write_text("x", encoding="utf-8")
    with atomic_text(target) as fh:
        fh.write("whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other.name, "records.jsonl"]
    )
    assert target.read_text(encoding="utf-8") == "whole\n"
