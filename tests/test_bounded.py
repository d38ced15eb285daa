"""No input can stall a run: over-long sentences are cut for the extractors, per-article
passes are linear (indexes instead of scans), and an article over its time budget fails
alone. No test here measures wall time: each counts work or checks values."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import svodka
from svodka.article import Article
from svodka.budget import DEFAULT_SECONDS, budget_seconds, limit
from svodka.cli import cli
from svodka.components import Extractor
from svodka.normalize.lexicon import Lexicon
from svodka.parallel import SMALL, process_parallel
from svodka.parse import SENTENCE_CAP
from svodka.pipeline import process
from svodka.plugins.extractors.roles import RoleExtractor
from svodka.records import Role
from svodka.testing import builtin_lexicon, parse_text, plugins_with

PROSE = (
    "Министр обороны Казахстана Руслан Жаксылыков встретился с министром обороны России "
    "Андреем Белоусовым в Москве 31 октября, сообщает пресс-служба ведомства"
)


def _no_stops(size: int) -> str:
    """Russian prose with names, countries and dates and no full stop: one razdel sentence."""
    words = (PROSE + ", ") * (size // (len(PROSE) + 2) + 1)
    return words[:size].rstrip(", ")


def _check_pieces(text: str) -> None:
    doc = parse_text(text)
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        assert len(s.text) <= SENTENCE_CAP or s.last_token - s.first_token == 1
        assert all(doc.tokens[i].sentence == s.index for i in range(s.first_token, s.last_token))
    # every token is kept, in order, exactly once
    assert [t.index for t in doc.tokens] == list(range(len(doc.tokens)))
    assert [s.first_token for s in doc.sentences[1:]] == [s.last_token for s in doc.sentences[:-1]]


def test_long_sentence_is_cut_into_pieces_within_the_cap() -> None:
    text = _no_stops(50_000)
    doc = parse_text(text)
    assert len(doc.sentences) >= 50_000 // SENTENCE_CAP
    _check_pieces(text)
    # pieces end after a comma where the text has one
    assert all(s.text.endswith(",") for s in doc.sentences[:-1])
    assert doc.tokens[-1].end == len(text)


def test_cut_without_punctuation_and_with_one_huge_token() -> None:
    _check_pieces(" ".join(["слово"] * 3000))
    text = "начало " + "я" * (3 * SENTENCE_CAP) + " конец"
    doc = parse_text(text)
    _check_pieces(text)
    assert [s.text for s in doc.sentences] == ["начало", "я" * (3 * SENTENCE_CAP), "конец"]


def test_sentences_within_the_cap_are_not_cut() -> None:
    longest = _no_stops(SENTENCE_CAP - 1) + "."
    doc = parse_text(longest + " Второе предложение.")
    assert [s.text for s in doc.sentences] == [longest, "Второе предложение."]


# -- the time budget per article -----------------------------------------------------------


class Stall(Extractor):
    """Never finishes on the article "stall" (sleeps far longer than the tests' budget)."""

    name = "stall"
    record_types = ("role",)

    def extract(self, doc):
        if doc.article.id == "stall":
            time.sleep(30)
        return [Role(article=doc.article.id, person="Тест Тестов", position="посол")]


class StallPlugin:
    @svodka.hookimpl
    def register_extractors(self, register):
        register(Stall())


def _articles(n: int, stall: int) -> list[Article]:
    return [
        Article(id="stall" if i == stall else f"a{i:03d}", text=PROSE + ".", source=f"feed:{i}")
        for i in range(n)
    ]


def _run(items, **options) -> list:
    plugins = plugins_with(StallPlugin(), builtins=False)
    extractors = list(plugins.extractors.values())
    lexicon = Lexicon.from_plugins(plugins)
    return list(process_parallel(items, extractors, lexicon, **options))


def _check_stalled(outcomes: list, n: int, stall: int, budget: str) -> None:
    assert len(outcomes) == n
    for i, outcome in enumerate(outcomes):
        if i == stall:
            assert outcome.status == "failed" and outcome.records == []
            assert outcome.failure == (
                f"feed:{i}: article 'stall' skipped: not processed within the time budget of "
                f"{budget} s per article (set SVODKA_TIME_LIMIT to change it)"
            )
        else:
            assert outcome.status == "processed"
            assert [r.person for r in outcome.records] == ["Тест Тестов"]


def test_an_article_over_its_budget_fails_alone_and_the_timer_is_restored() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    outcomes = list(process(_articles(3, 1), [Stall()], builtin_lexicon(), time_limit=0.2))
    _check_stalled(outcomes, 3, 1, "0.2")
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_budget_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_TIME_LIMIT", "0.25")
    _check_stalled(_run(_articles(2, 0)), 2, 0, "0.25")
    monkeypatch.setenv("SVODKA_TIME_LIMIT", "soon")
    with pytest.raises(ValueError, match="SVODKA_TIME_LIMIT='soon' is not a number of seconds"):
        budget_seconds()
    monkeypatch.delenv("SVODKA_TIME_LIMIT")
    assert budget_seconds() == DEFAULT_SECONDS == 60


def test_budget_holds_in_worker_processes() -> None:
    n = SMALL + 3
    _check_stalled(_run(_articles(n, SMALL + 1), jobs=2, time_limit=0.2), n, SMALL + 1, "0.2")


def test_an_enclosing_timer_goes_on_after_the_budget() -> None:
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        with limit(0.5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4 < left <= 5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_no_budget_off_the_main_thread() -> None:
    done = []

    def work() -> None:
        with limit(0.01):  # no timer can be set here: the block runs to its end
            time.sleep(0.05)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_cli_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RoleExtractor, "extract", Stall.extract)
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": i, "text": PROSE + "."}) for i in ("a", "stall", "b")]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(feed), "--time-limit", "0.2", "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    assert (
        f"{feed}:2: article 'stall' skipped: not processed within the time budget of 0.2 s"
        in result.stderr
    )
    assert {r["article"] for r in map(json.loads, out.read_text().splitlines())} == {"a", "b"}, (
        result.stderr
    )
    bad = CliRunner().invoke(cli, ["extract", str(feed), "--time-limit", "-1"])
    assert bad.exit_code == 2 and "--time-limit" in bad.stderr
