"""The progress bar: counted from the inputs, drawn on a terminal only, with status and error
lines above it on their own lines; through a pseudo-terminal for the real command."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from svodka.run.output import StatusStream
from svodka.run.progress import Progress, count_articles, speed
from svodka.testing import terminal_screen as screen

ARTICLE = "Синоптики обещают дождь.\nВ Минске прошли учения.\n"




def test_screen_reads_as_a_terminal() -> None:
    assert screen("abc\rx\nnext\r    \rok\n") == ["xbc", "ok", ""]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# -- the total --------------------------------------------------------------------------------


def test_a_feed_of_ten_thousand_articles_is_counted(tmp_path: Path) -> None:
    feed = tmp_path / "in" / "sub" / "feed.jsonl"
    feed.parent.mkdir(parents=True)
    line = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    feed.write_text("\n".join([line] * 5000 + ["", "  "] + [line] * 5000) + "\n", "utf-8")
    for name in ("a.txt", "b.md", ".hidden.txt"):
        (tmp_path / "in" / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / ".git").mkdir()
    (tmp_path / "in" / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    folder = str(tmp_path / "in")
    assert count_articles([folder]) == 10_002  # blank lines and hidden entries are not read
    assert count_articles([str(feed)]) == 10_000
    assert count_articles([folder + "/*.txt", str(tmp_path / "gone.txt")]) == 2  # a failure
    assert count_articles([str(tmp_path / "in" / "**" / "*.jsonl")]) == 10_000


@pytest.mark.parametrize(
    "inputs",
    [["-"], ["https://example.org/news"], ["feed.rss"], ["a.txt", "http://example.org/a"]],
)
def test_a_total_that_cannot_be_told_cheaply_is_unknown(tmp_path: Path, inputs) -> None:
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert count_articles([str(tmp_path / i) if "." in i[:8] else i for i in inputs]) is None


def test_a_count_over_its_budget_is_unknown(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "x"}\n' * 10_000, encoding="utf-8")
    assert count_articles([str(feed)], budget=-1) is None
    assert count_articles([str(tmp_path)], budget=-1) is None
    assert count_articles([str(feed)], urls="links.txt") is None


def test_speed() -> None:
    assert speed(None) == "? articles/s"
    assert speed(12.345) == "12.3 articles/s"
    assert speed(0.25) == "4.0 s/article"


# -- the bar over a stream ---------------------------------------------------------------------


def test_lines_written_during_the_bar_stand_on_their_own() -> None:
    terminal = Terminal()
    status = StatusStream(terminal)
    with Progress(status, total=3) as progress:
        assert progress.shown and status.bar is not None
        progress.advance()
        status.write("svodka: error: a.txt: binary data, not text\n")
        print("svodka: warning: a", "line in two writes", file=status)
        progress.advance()
        progress.advance()
        progress.phase("writing brief.docx")
    assert status.bar is None
    status.write("svodka: wrote out/brief.docx\n")
    raw = terminal.getvalue()
    assert "reading articles:  33%|" in raw and "1/3 articles" in raw
    assert "writing brief.docx: 100%|" in raw and "3/3 articles" in raw
    shown = screen(raw)
    assert "svodka: error: a.txt: binary data, not text" in shown
    assert "svodka: warning: a line in two writes" in shown
    assert shown[-2:] == ["svodka: wrote out/brief.docx", ""]  # the bar is gone


def test_past_its_estimated_total_the_bar_counts_on() -> None:
    terminal = Terminal()
    with Progress(StatusStream(terminal), total=1) as progress:
        for _ in range(3):
            progress.advance()
        progress._bar.refresh()  # type: ignore[union-attr]
    assert "reading articles: 3 articles [" in terminal.getvalue()


def test_no_bar_off_a_terminal() -> None:
    stream = io.StringIO()
    status = StatusStream(stream)
    with Progress(status, total=3) as progress:
        assert not progress.shown and status.bar is None
        progress.advance()
        progress.phase("writing brief.docx")
        status.write("svodka: error: x\n")
    assert stream.getvalue() == "svodka: error: x\n"


# -- the real command ----------------------------------------------------------------------------


def svodka_script() -> str:
    script = Path(sys.executable).with_name("svodka")
    assert script.exists(), "the svodka console script is not installed"
    return str(script)


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run svodka with standard error on a pseudo-terminal; its exit status and what the
    terminal received."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [svodka_script(), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        cwd=cwd,
    )
    os.close(terminal)
    received = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other side is closed
            break
        if not chunk:
            break
        received += chunk
    os.close(controller)
    return process.wait(timeout=120), received.decode("utf-8", "replace")


@pytest.fixture
def feed(tmp_path: Path) -> list[str]:
    """A feed of 12 articles, a binary file and a missing one: 14 inputs' outcomes."""
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE}, ensure_ascii=False) for i in range(12)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02 binary")
    return [str(path), str(tmp_path / "bad.txt"), str(tmp_path / "gone.txt")]


def test_run_on_a_terminal_shows_counts_and_phases(tmp_path: Path, feed: list[str]) -> None:
    status, raw = on_a_terminal(["run", *feed, "-o", str(tmp_path / "out"), "-j", "1"], tmp_path)
    assert status == 1  # the two bad inputs
    assert "| 0/14 articles [00:00<?, ? articles/s]" in raw
    assert "articles/s]" in raw.replace("? articles/s]", "") or "s/article]" in raw
    assert "reading articles: 100%|" in raw and "| 14/14 articles [" in raw
    assert "writing brief.docx: 100%|" in raw and "writing report.json: 100%|" in raw
    shown = screen(raw)
    bad = str(tmp_path / "bad.txt")
    assert f"svodka: error: {bad}: binary data, not text" in shown
    assert f"svodka: error: {tmp_path / 'gone.txt'}: no such file or folder" in shown
    assert "svodka: 12 articles processed, 2 failed, 0 records" in shown  # no rain extractor
    assert f"svodka: wrote {tmp_path / 'out' / 'report.json'}" in shown
    for line in shown:  # each status line on its own line, never after the bar
        assert "svodka:" not in line or line.startswith("svodka:"), line
    assert shown[-1] == ""  # the bar is gone at the end


def test_extract_to_a_file_shows_the_bar_and_a_pipe_gets_none(
    tmp_path: Path, feed: list[str]
) -> None:
    records = tmp_path / "records.jsonl"
    status, raw = on_a_terminal(["extract", *feed, "-o", str(records), "-j", "1"], tmp_path)
    assert status == 1
    assert "| 0/14 articles [" in raw  # the total, known before reading
    piped = subprocess.run(
        [svodka_script(), "run", *feed, "-o", str(tmp_path / "out"), "-j", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
    )
    assert piped.returncode == 1
    assert "articles [" not in piped.stderr and "%|" not in piped.stderr
    assert "\r" not in piped.stderr
    assert piped.stderr.splitlines()[0].startswith("svodka: error: ")
