"""Atomic writes and JSON Lines."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from svodka.output import atomic_path, atomic_text, read_jsonl, write_jsonl


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
