"""The progress display on a feed of 10,000 articles, as a user at a terminal sees it.

Writes a JSON Lines feed of N articles (default 10,000: the seed articles of the shared
corpus, else ``examples/articles``, repeated under new ids, with two lines that are not
JSON, a third and two thirds of the way, so that error lines cross the bar), runs ``svodka
run FEED -o OUT`` with standard error on a pseudo-terminal of 100 columns, and reads what the
terminal received:
the total the bar showed from the start, the last count, the phases, how many status lines
were glued onto the bar (must be 0), and the seconds the run took. Then the same run with
standard error into a pipe, which must hold no bar.

    python benchmarks/bench_progress.py [--articles 10000] [--jobs N]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from svodka.testing import terminal_screen as screen

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
EXAMPLES = ROOT / "examples" / "articles"
SVODKA = str(Path(sys.executable).with_name("svodka"))


def seeds() -> list[str]:
    if SHARED.is_file():
        lines = SHARED.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def write_feed(path: Path, count: int) -> int:
    """The feed of ``count`` lines; the number of bad lines among them."""
    texts = seeds()
    bad = 0
    broken = {count // 3, 2 * count // 3}
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            if i in broken:
                fh.write("{not json\n")
                bad += 1
                continue
            fh.write(json.dumps({"id": f"n{i}", "text": texts[i % len(texts)]}, ensure_ascii=False))
            fh.write("\n")
    return bad




def on_a_terminal(args: list[str]) -> tuple[int, str, float]:
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    status = process.wait()
    os.close(controller)
    return status, b"".join(chunks).decode("utf-8", "replace"), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None)
    options = parser.parse_args()
    jobs = ["-j", str(options.jobs)] if options.jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        bad = write_feed(feed, options.articles)
        status, raw, seconds = on_a_terminal([SVODKA, "run", str(feed), "-o", f"{tmp}/a", *jobs])
        counts = re.findall(r"\| (\d+)/(\d+) articles \[", raw)
        shown = screen(raw)
        glued = [line for line in shown if "svodka:" in line and not line.startswith("svodka:")]
        phases = sorted(set(re.findall(r"\r(writing [^:]+):", raw)))
        piped = subprocess.run(
            [SVODKA, "run", str(feed), "-o", f"{tmp}/b", *jobs], capture_output=True, text=True
        )
        print(f"articles in the feed:      {options.articles} ({bad} bad line(s))")
        print(f"exit status:               {status}")
        print(f"seconds (terminal run):    {seconds:.1f}")
        print(f"bar redraws:               {len(counts)}")
        print(f"total shown from the start: {counts[0][1] if counts else '-'}")
        print(f"last count shown:          {'/'.join(counts[-1]) if counts else '-'}")
        print(f"phases shown:              {', '.join(phases)}")
        print(f"status lines on the screen: {sum(line.startswith('svodka:') for line in shown)}")
        print(f"lines glued onto the bar:  {len(glued)}")
        print(f"bar in the piped run:      {'yes' if '%|' in piped.stderr else 'no'}")
        for line in glued[:5]:
            print("  glued:", line[:120])


if __name__ == "__main__":
    main()
