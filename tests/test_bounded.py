"""No input can stall a run: over-long sentences are cut for the extractors, per-article
passes are linear (indexes instead of scans), and an article over its time budget fails
alone. No test here measures wall time: each counts work or checks values."""

from __future__ import annotations

import json
import signal
import threading
import time
from functools import cached_property
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import svodka
from svodka.cli import cli
from svodka.components import Extractor
from svodka.mentions.descriptors import _Binder
from svodka.mentions.find import Mention, Mentions
from svodka.model.article import Article
from svodka.model.records import Role
from svodka.normalize.dates import starting_between
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import process, process_article
from svodka.plugins.extractors.roles import RoleExtractor
from svodka.run.budget import (
    DEFAULT_SECONDS,
    MAX_SECONDS,
    OverBudget,
    budget_seconds,
    limit,
    parse_seconds,
)
from svodka.run.parallel import SMALL, process_parallel
from svodka.testing import builtin_lexicon, extract_records, parse_text, plugins_with
from svodka.text.parse import LINE_WINDOW, SENTENCE_CAP

CORPUS = Path(__file__).resolve().parent / "corpus"

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


@pytest.mark.parametrize("value", ["nan", "-1", "-inf", "1e308", "1e10", "soon", " ", "0x10"])
@pytest.mark.parametrize("where", ["option", "environment"])
def test_cli_refuses_a_time_limit_that_is_not_a_budget(
    value: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": PROSE + "."}) + "\n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    args = ["extract", str(feed), "-o", str(out)]
    if where == "option":
        args += ["--time-limit", value]
    else:
        monkeypatch.setenv("SVODKA_TIME_LIMIT", value)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    named = "--time-limit" if where == "option" else "SVODKA_TIME_LIMIT"
    assert f"{named}={value!r} is not a number of seconds" in result.stderr
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("value", ["inf", "Infinity", "0"])
def test_an_infinite_or_zero_time_limit_is_no_limit(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_seconds(value, "--time-limit") == 0.0
    monkeypatch.setenv("SVODKA_TIME_LIMIT", value)
    assert budget_seconds() == 0.0
    outcomes = list(process(_articles(2, 5), [], builtin_lexicon()))
    assert [o.status for o in outcomes] == ["processed", "processed"]


@settings(max_examples=60, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12).map(str.strip))
def test_a_parsed_time_limit_is_always_one_setitimer_takes(value) -> None:
    text = repr(value) if isinstance(value, float) else value
    try:
        seconds = parse_seconds(text, "X")
    except ValueError as exc:
        assert str(exc).startswith(f"X={text!r} is not a number of seconds")
        return
    assert 0 <= seconds <= MAX_SECONDS
    try:
        with limit(seconds):  # setitimer takes it (a tiny one may expire at once)
            pass
    except OverBudget:
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("seconds", [float("nan"), -1.0, 1e308])
def test_process_refuses_a_time_limit_setitimer_cannot_take(seconds: float) -> None:
    with pytest.raises(ValueError, match="time_limit="):
        list(process(_articles(2, 5), [], builtin_lexicon(), time_limit=seconds))


# -- per-article passes: the same values as the scans they replace, with bounded work ------


def _corpus_texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in (CORPUS / "quotes.jsonl").open(encoding="utf-8")]
    return texts + [json.loads(line)["text"] for line in (CORPUS / "roles.jsonl").open()]


def test_ending_at_gives_the_first_mention_ending_there() -> None:
    for text in _corpus_texts():
        binder = _Binder(parse_text(text).mentions)
        for group in (binder._nouns_in, binder._ranks_in, binder._orgs_in):
            for end in range(len(binder.doc.tokens) + 1):
                expected = next((m for m in group if m.end == end), None)
                assert binder._ending_at(group, end) is expected
                expected = next((m for m in group if m.start == end), None)
                assert binder._starting_at(group, end) is expected
    # a group that grows after its index was built is indexed again
    binder = _Binder(parse_text(PROSE).mentions)
    group = list(binder.positions)
    assert binder._ending_at(group, 10_000) is None
    extra = Mention("position", 9_999, 10_000, "посол", 0)
    group.append(extra)
    assert binder._ending_at(group, 10_000) is extra


def test_ending_at_reads_each_group_once(monkeypatch: pytest.MonkeyPatch) -> None:
    passes = []

    class Counting(list):
        def __iter__(self):
            passes.append(len(self))
            return super().__iter__()

    # the ranks are read only through _ending_at, once for each person
    ranks = cached_property(lambda self: Counting(self.ranks))
    ranks.__set_name__(_Binder, "_ranks_in")
    monkeypatch.setattr(_Binder, "_ranks_in", ranks)
    text = " ".join(
        [PROSE + ", генерал-полковник Руслан Жаксылыков."] * 200
    )  # 600 persons, 200 ranks
    mentions = parse_text(text).mentions
    assert len(mentions.persons) == 600 and len(mentions.ranks) == 200
    assert passes == [200]  # one pass to index them, not one per person


def _antecedent_by_scan(ctx, limit: int, cue) -> str:
    """The pass _antecedent made before: a scan of every person named before ``limit``."""
    best = None
    chosen = ""
    last: dict[str, tuple[int, int]] = {}
    for m in ctx.persons:
        if m.start >= limit:
            break
        nominative, _ = last.get(m.value, (-1, -1))
        if ctx._nominative(m):
            nominative = m.start
        last[m.value] = (nominative, m.start)
    for name, (nominative, latest) in last.items():
        person = ctx.people[name]
        fit = cue.fits(person, ctx._gender_of(person))
        if fit < 0 or cue.subject and nominative < 0:
            continue
        rank = (fit, nominative, latest)
        if best is None or rank > best:
            best, chosen = rank, person.name
    return chosen


def _cues() -> list:
    from svodka.plugins.extractors.quotes import _Cue

    return [
        _Cue(gender="masc", subject=True),
        _Cue(gender="femn", subject=True),
        _Cue(),
        _Cue(gender="masc"),
        _Cue(post="министр обороны", noun="министр"),
        _Cue(noun="министр", country="KZ"),
        _Cue(country="RU"),
        _Cue(rank="генерал-полковник"),
        _Cue(noun="президент", country="BY", subject=True),
    ]


def test_antecedent_equals_the_scan_it_replaces() -> None:
    from svodka.plugins.extractors.quotes import _Context, _quote_spans

    compared = 0
    for text in _corpus_texts():
        doc = parse_text(text)
        ctx = _Context(doc, _quote_spans(doc))
        for end in range(len(doc.tokens) + 1):
            for cue in _cues():
                expected = _antecedent_by_scan(ctx, end, cue)
                assert ctx._antecedent(end, cue) == expected, (text[:60], end, cue)
                compared += bool(expected)
    assert compared > 1000


def test_antecedent_indexes_the_persons_once_per_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    from svodka.plugins.extractors import quotes

    calls = []
    original = quotes._Context._nominative
    monkeypatch.setattr(
        quotes._Context, "_nominative", lambda self, m: calls.append(m) or original(self, m)
    )
    text = " ".join([PROSE + ". Он заявил: «Мы договорились»."] * 300)
    records = extract_records(quotes.QuoteExtractor(), text)
    assert len({r["text"] for r in records}) == 1
    assert len(records) >= 1
    persons = len(parse_text(text).mentions.persons)
    assert persons == 600
    # each person's subject test runs once (and once more where it is a candidate itself)
    assert len(calls) <= 2 * persons


def test_starting_between_equals_the_filter_it_replaces() -> None:
    texts = _corpus_texts() + [json.loads(x)["text"] for x in (CORPUS / "agreements.jsonl").open()]
    for text in texts:
        doc = parse_text(text, published="2025-10-31")
        for items in (doc.mentions.dates, doc.mentions.periods):
            assert [m.start for m in items] == sorted(m.start for m in items)
            for lo in range(len(doc.tokens) + 1):
                for hi in (lo, lo + 1, lo + 7, len(doc.tokens)):
                    expected = [m for m in items if lo <= m.start < hi]
                    assert starting_between(items, lo, hi) == expected


def test_extractors_do_not_pass_over_every_date_for_each_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passes = []

    class Counting(list):
        def __iter__(self):
            passes.append(len(self))
            return super().__iter__()

    for name in ("dates", "periods"):
        found = getattr(Mentions, name)
        counted = cached_property(lambda self, found=found: Counting(found.func(self)))
        counted.__set_name__(Mentions, name)
        monkeypatch.setattr(Mentions, name, counted)
    sentence = (
        "Казахстан и Россия 31 октября подписали план военного сотрудничества на 2026 год, "
        "Беларусь 5 ноября стала членом ШОС, а учения «Взаимодействие-2025» пройдут 3 июля."
    )
    plugins = plugins_with()
    article = Article(id="many", text=" ".join([sentence] * 300), published="2025-10-31")
    outcome = process_article(article, plugins.extractors.values(), builtin_lexicon())
    assert outcome.records and not outcome.errors
    # a few whole passes (sets of date tokens, ...), not one per sentence
    assert len(passes) < 20, len(passes)


def test_event_references_look_only_at_the_recent_mentions() -> None:
    from svodka.plugins.extractors import events

    touched = []

    class Counting(list):
        def __iter__(self):
            touched.extend(list.__iter__(self))
            return super().__iter__()

        def __getitem__(self, key):
            item = super().__getitem__(key)
            touched.extend(item if isinstance(key, slice) else [item])
            return item

    lead = "В Астане прошли учения «Взаимодействие-2025»."
    doc = parse_text(" ".join([lead] * 40 + ["Учения завершились 5 июля."]))
    found = [m for m in events._find_mentions(doc) if m.sentence < 40]
    assert [m.sentence for m in found] == list(range(40))
    sentence = doc.sentences[40]
    toks = doc.sentence_tokens(sentence)
    ctx = events._Context(doc, sentence, toks, {t.text for t in toks} | doc.sentence_lemmas[40])
    expected = events._references(ctx, list(found))
    assert [(m.key, m.sentence) for m in expected] == [(found[-1].key, 40)]
    touched.clear()
    got = events._references(ctx, Counting(found))
    assert [(m.key, m.sentence) for m in got] == [(m.key, m.sentence) for m in expected]
    # the mentions within the window (and the one just before it), not all forty
    assert len({id(m) for m in touched}) <= events._NOUN_ANAPHORA_WINDOW + 2


def test_a_long_line_reaches_the_sentence_splitter_in_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from svodka.text import parse as parse_module

    given = []
    sentenize = parse_module.sentenize
    monkeypatch.setattr(
        parse_module, "sentenize", lambda text: given.append(len(text)) or sentenize(text)
    )
    sentence = PROSE + "."
    line = " ".join([sentence] * (3 * LINE_WINDOW // len(sentence)))
    doc = parse_text(line)
    assert max(given) <= LINE_WINDOW and sum(given) == len(line)
    # cut where sentences end: the same sentences as the line read whole
    assert {s.text for s in doc.sentences} == {sentence}
    assert len(doc.sentences) == line.count(sentence)
    _check_pieces(line)
    given.clear()
    text = _no_stops(3 * LINE_WINDOW)
    _check_pieces(text)
    assert max(given) <= LINE_WINDOW and sum(given) == len(text)


def _event_value_by_scan(doc, k: int, ignore=frozenset()) -> str | None:
    """The pass dates._event_value made before: filters over all the article's events."""
    from svodka.normalize import dates

    def refined(value, events, k):
        finer = [
            e for e in events if e.value and len(e.value) > len(value) and e.value.startswith(value)
        ]
        if not finer:
            return value
        before = [e for e in finer if e.token < k]
        return (before[-1] if before else finer[0]).value or value

    events = [e for e in dates._events(doc) if doc.tokens[e.token].lemma not in ignore]
    lemma = doc.tokens[k].lemma
    group = dates.EVENT_GROUPS[lemma]
    same = [e for e in events if e.group == group]
    own = next((e for e in same if e.token == k), None)
    if own is not None and own.value:
        return refined(own.value, same, k)
    pools = [same, events] if lemma in dates.GENERIC_EVENTS else [same]
    for after in (False, True):
        for pool in pools:
            chain = [e for e in pool if (e.token > k if after else e.token < k)]
            for e in chain if after else chain[::-1]:
                if e.value:
                    return refined(e.value, same, k)
                if not e.ref:
                    return None
    return None


def test_event_value_equals_the_scan_it_replaces() -> None:
    from svodka.normalize import dates

    compared = 0
    files = ("meetings.jsonl", "agreements.jsonl", "events.jsonl", "membership.jsonl")
    texts = [json.loads(x) for name in files for x in (CORPUS / name).open(encoding="utf-8")]
    for item in texts:
        doc = parse_text(item["text"], published=item.get("published") or "2025-10-31")
        nouns = [t.index for t in doc.tokens if t.lemma in dates.EVENT_GROUPS]
        for ignore in (frozenset(), frozenset({"встреча", "переговоры"}), {"саммит"}):
            for k in nouns:
                expected = _event_value_by_scan(doc, k, ignore)
                assert dates._event_value(doc, k, ignore) == expected
                compared += expected is not None
    assert compared > 50


def test_event_value_reads_the_events_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from svodka.normalize import dates

    reads = []
    events = dates._events
    monkeypatch.setattr(dates, "_events", lambda doc: reads.append(1) or events(doc))
    text = " ".join(["Саммит ШОС прошел 4 июля в Астане. На саммите подписали декларацию."] * 200)
    doc = parse_text(text, published="2025-07-05")
    values = {dates._event_value(doc, t.index) for t in doc.tokens if t.lemma == "саммит"}
    assert values == {"2025-07-04"}
    assert len(reads) == 1  # once for the article, not once per event noun


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(list("абв Где,.;:!?«»\n-—1") + ["Россия", "ШОС", " 5 мая "]),
        max_size=200,
    ).map("".join)
)
def test_cut_text_keeps_every_character_in_place(text: str) -> None:
    from svodka.text import parse as parse_module

    with pytest.MonkeyPatch.context() as patch:  # small caps, so that short texts are cut
        patch.setattr(parse_module, "SENTENCE_CAP", 20)
        patch.setattr(parse_module, "LINE_WINDOW", 60)
        doc = parse_text(text)
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
        assert len(s.text) <= 20 or s.last_token - s.first_token == 1
        assert all(doc.tokens[i].sentence == s.index for i in range(s.first_token, s.last_token))
    spans = [(t.start, t.end) for t in doc.tokens]
    assert all(text[a:b] == t.text for (a, b), t in zip(spans, doc.tokens, strict=True))
    assert all(b <= a2 for (_, b), (a2, _) in zip(spans, spans[1:], strict=False))
    covered = {i for a, b in spans for i in range(a, b)}
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}


def test_hostile_long_inputs_complete() -> None:
    """Long inputs of each kind the issue names go through every extractor: one "sentence"
    without a full stop, a list of names and countries, one long quotation."""
    names = "Казахстан, Россия, Беларусь, Сергей Шойгу, Андрей Белоусов, ШОС, ОДКБ, НАТО, "
    quote = "Министр обороны Андрей Белоусов заявил: «" + (PROSE + ". ") * 400 + "»."
    plugins = plugins_with()
    for text in (_no_stops(100_000), names * 1200, quote):
        article = Article(id="long", text=text, published="2025-10-31")
        outcome = process_article(article, plugins.extractors.values(), builtin_lexicon())
        assert outcome.failure is None and outcome.errors == []
        assert max(len(s.text) for s in parse_text(text).sentences) <= SENTENCE_CAP


def _resolve_by_scan(art, position, country, exclude):
    """The pass meetings._resolve made before: a filter over every person of the article."""
    people = [p for p in art.people if p.country == country and p.name not in exclude]
    exact = [p for p in people if position is not None and p.position == position]
    if len(exact) == 1:
        return exact[0]
    if not exact and len(people) == 1:
        return people[0]
    return None


def test_meeting_persons_resolve_from_an_index() -> None:
    from svodka.plugins.extractors.meetings import _Article

    passes = []

    class Counting(list):
        def __iter__(self):
            passes.append(len(self))
            return super().__iter__()

    texts = [json.loads(x)["text"] for x in (CORPUS / "meetings.jsonl").open(encoding="utf-8")]
    compared = 0
    for text in texts:
        art = _Article(parse_text(text))
        art.people = Counting(art.people)
        names = [p.name for p in art.people]
        countries = {p.country for p in art.people} | {None, "ZZ"}
        posts = {p.position for p in art.people} | {None, "посол"}
        for country in countries:
            for post in posts:
                for exclude in (set(), set(names[:1]), set(names[1:2]), set(names)):
                    expected = _resolve_by_scan(art, post, country, exclude)
                    assert art._resolve(post, country, exclude) is expected
                    compared += expected is not None
        passes.clear()
        for _ in range(50):
            art._resolve("министр обороны", "RU", set())
        assert passes == []  # the index is built once; no pass over the persons per call
    assert compared > 20
