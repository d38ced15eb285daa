"""Misbehaving plugins and failing mention finders cost only their own records.

Each fault is registered through the plugin manager and run through ``svodka extract`` (or
the pipeline functions): the built-in records survive and the message names the plugin,
the extractor and the article.
"""

from __future__ import annotations

import itertools
import json
import math
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svodka
from svodka.cli import cli
from svodka.components import Extractor
from svodka.manager import Plugins
from svodka.mentions.find import Mentions
from svodka.model.records import Evidence, Meeting, Record, Role, record_problem
from svodka.pipeline import process_article
from svodka.run.budget import OverBudget
from svodka.run.signals import Interrupted
from svodka.testing import builtin_lexicon, make_article, parse_text

TEXT = (
    "Министр обороны Казахстана Руслан Жаксылыков 12 марта 2025 года провел переговоры с "
    "министром обороны России Андреем Белоусовым в Москве.\n"
    "Стороны подписали план военного сотрудничества на 2026 год.\n"
    "«Мы удовлетворены итогами встречи», — сказал Жаксылыков.\n"
)
BUILTIN_TYPES = ["meeting", "role", "role", "agreement", "quote"]


@dataclass(kw_only=True)
class Note(Record):
    """A plugin record type with a free-form payload."""

    type: ClassVar[str] = "note"
    label: str
    payload: Any = None
    tags: list[str] = field(default_factory=list)


def note(doc: Any, label: str, **fields: Any) -> Note:
    return Note(
        article=doc.article.id, label=label, evidence=[doc.sentences[0].evidence()], **fields
    )


class OddExtractor(Extractor):
    """Yields a good note, then whatever ``make_bad(doc)`` gives, then another good note."""

    name = "odd"
    record_types = ("note",)

    def __init__(self, make_bad: Callable[[Any], Any]) -> None:
        self.make_bad = make_bad

    def extract(self, doc):
        return [note(doc, "good-1"), self.make_bad(doc), note(doc, "good-2")]


class OddPlugin:
    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    @svodka.hookimpl
    def register_record_types(self, register):
        register(Note)

    @svodka.hookimpl
    def register_extractors(self, register):
        register(self.extractor)


def plugins_with(extractor: Extractor) -> Plugins:
    plugins = Plugins(autoload=False)
    plugins.register(OddPlugin(extractor), name="odd-plugin")
    assert not plugins.problems
    return plugins


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@dataclass
class Ran:
    """What ``svodka extract`` gives, as the pipeline makes it (the CLI builds the lexicon
    anew on every call: a second a test)."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_extract(article: Path, plugins: Plugins, *, through_cli: bool = False) -> Result | Ran:
    if through_cli:
        return CliRunner().invoke(
            cli,
            ["extract", "-j", "1", str(article)],
            obj={"plugins": plugins},
            catch_exceptions=False,
        )
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    outcome = process_article(
        make_article(article.read_text(encoding="utf-8"), id=article.stem),
        plugins.extractors.values(),
        builtin_lexicon(),
        owners,
    )
    return Ran(
        1 if outcome.errors else 0,
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in outcome.records),
        "".join(f"svodka: error: {e}\n" for e in outcome.errors),
    )


def records_of(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def builtin_types(records: list[dict]) -> list[str]:
    return [r["type"] for r in records if r["type"] != "note"]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("svodka: error")]


# -- records are checked at the plugin boundary -------------------------------------


class Opaque:
    pass


BAD_RECORDS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "a dict": (lambda doc: {"type": "note", "label": "x"}, "not a record but dict"),
    "None": (lambda doc: None, "not a record but NoneType"),
    "a string": (lambda doc: "note", "not a record but str"),
    "text confidence": (lambda doc: note(doc, "bad", confidence="high"), "confidence"),
    "NaN confidence": (lambda doc: note(doc, "bad", confidence=math.nan), "confidence"),
    "infinite confidence": (lambda doc: note(doc, "bad", confidence=math.inf), "confidence"),
    "confidence above 1": (lambda doc: note(doc, "bad", confidence=1.5), "confidence"),
    "negative confidence": (lambda doc: note(doc, "bad", confidence=-0.1), "confidence"),
    "boolean confidence": (lambda doc: note(doc, "bad", confidence=True), "confidence"),
    "a set": (lambda doc: note(doc, "bad", payload={"a", "b"}), "'payload'"),
    "an object": (lambda doc: note(doc, "bad", payload=Opaque()), "'payload'"),
    "bytes": (lambda doc: note(doc, "bad", payload=b"\xff"), "'payload'"),
    "a lone surrogate": (lambda doc: note(doc, "x\ud800"), "'label'"),
    "NaN inside a list": (lambda doc: note(doc, "bad", payload=[1, math.nan]), "'payload'"),
    "a non-text key": (lambda doc: note(doc, "bad", payload={1: "a"}), "'payload'"),
    "a number for a text": (lambda doc: note(doc, 5), "'label'"),
    "a text for a list": (lambda doc: note(doc, "bad", tags="a"), "'tags'"),
    "a list of numbers for a list of texts": (
        lambda doc: note(doc, "bad", tags=[1, 2]),
        "'tags'",
    ),
    "evidence past the text": (
        lambda doc: Note(article="x", label="bad", evidence=[Evidence(0, 10_000, "x")]),
        "evidence",
    ),
    "negative evidence": (
        lambda doc: Note(article="x", label="bad", evidence=[Evidence(-1, 3, "x")]),
        "evidence",
    ),
    "evidence that is no Evidence": (
        lambda doc: Note(article="x", label="bad", evidence=[(0, 3)]),
        "evidence",
    ),
    "a meeting format outside the vocabulary": (
        lambda doc: Meeting(article="x", format="party", evidence=[doc.sentences[0].evidence()]),
        "'format'",
    ),
    "a role without a person": (
        lambda doc: Role(article="x", person=None, evidence=[doc.sentences[0].evidence()]),
        "'person'",
    ),
    "a record class without a type": (lambda doc: Record(article="x"), "type"),
}


@pytest.mark.parametrize(
    ("case", "through_cli"),
    [(case, False) for case in sorted(BAD_RECORDS)] + [("NaN confidence", True)],
)
def test_a_bad_record_is_dropped_and_named(case: str, through_cli: bool, article: Path) -> None:
    make_bad, reason = BAD_RECORDS[case]
    result = run_extract(article, plugins_with(OddExtractor(make_bad)), through_cli=through_cli)
    assert result.exit_code == 1, result.output
    records = records_of(result)
    assert builtin_types(records) == BUILTIN_TYPES
    assert [r["label"] for r in records if r["type"] == "note"] == ["good-1", "good-2"]
    errors = error_lines(result)
    assert len(errors) == 1, errors
    assert "extractor 'odd' of plugin 'odd-plugin'" in errors[0]
    assert "article 'talks'" in errors[0]
    assert reason in errors[0]
    assert "Traceback" not in result.output


def test_every_bad_record_is_counted_in_one_message(article: Path) -> None:
    class ManyBad(Extractor):
        name = "odd"

        def extract(self, doc):
            yield note(doc, "good")
            for n in range(5):
                yield note(doc, "bad", confidence=2 + n)

    result = run_extract(article, plugins_with(ManyBad()))
    errors = error_lines(result)
    assert len(errors) == 1
    assert "5 bad records" in errors[0] and "confidence 2 " in errors[0]
    assert [r["label"] for r in records_of(result) if r["type"] == "note"] == ["good"]


@pytest.mark.parametrize("returned", ["some text", {"label": "x"}, 42, None])
def test_an_extractor_returning_no_records_is_named(returned: Any, article: Path) -> None:
    class Wrong(Extractor):
        name = "odd"

        def extract(self, doc):
            return returned

    result = run_extract(article, plugins_with(Wrong()))
    assert result.exit_code == 1
    assert builtin_types(records_of(result)) == BUILTIN_TYPES
    (error,) = error_lines(result)
    assert "extractor 'odd' of plugin 'odd-plugin' failed on article 'talks'" in error
    assert type(returned).__name__ in error


def test_a_generator_failing_half_way_costs_all_its_records(article: Path) -> None:
    class HalfWay(Extractor):
        name = "odd"

        def extract(self, doc):
            yield note(doc, "first")
            raise LookupError("lost the model half-way")

    result = run_extract(article, plugins_with(HalfWay()))
    assert result.exit_code == 1
    records = records_of(result)
    assert builtin_types(records) == BUILTIN_TYPES
    assert not [r for r in records if r["type"] == "note"]  # not half an answer
    (error,) = error_lines(result)
    assert "extractor 'odd' of plugin 'odd-plugin' failed on article 'talks'" in error
    assert "LookupError: lost the model half-way" in error


@pytest.mark.parametrize(
    ("exit_with", "through_cli"), [(None, True), (3, False), ("fatal: no licence", False)]
)
def test_sys_exit_in_an_extractor_is_its_failure(
    exit_with: Any, through_cli: bool, article: Path
) -> None:
    class Quitter(Extractor):
        name = "odd"

        def extract(self, doc):
            sys.exit(exit_with)

    result = run_extract(article, plugins_with(Quitter()), through_cli=through_cli)
    assert result.exit_code == 1
    assert builtin_types(records_of(result)) == BUILTIN_TYPES
    (error,) = error_lines(result)
    assert "extractor 'odd' of plugin 'odd-plugin' failed on article 'talks'" in error
    assert "SystemExit" in error


@pytest.mark.parametrize(
    "stop",
    [KeyboardInterrupt(), Interrupted(signal.SIGTERM), OverBudget(1.0)],
    ids=["ctrl-c", "sigterm", "time budget"],
)
def test_a_stop_inside_a_plugin_is_never_taken_for_its_failure(
    stop: BaseException, tmp_path: Path, article: Path
) -> None:
    """Plugin boundaries catch BaseException (a plugin's sys.exit); a signal or the time
    budget passes through every one of them and stops the work."""

    class Stopping(Extractor):
        name = "odd"

        def extract(self, doc):
            raise stop

    with pytest.raises(type(stop)):
        process_article(make_article(TEXT, id="a1"), [Stopping()], builtin_lexicon())

    class StoppingExporter:
        name = "stops"
        filename = "stops.out"
        description = "stopped while writing"

        def export(self, run, path: Path) -> None:
            raise stop

    class Plugin:
        @svodka.hookimpl
        def register_exporters(self, register):
            register(StoppingExporter())

    plugins = Plugins(autoload=False)
    plugins.register(Plugin(), name="stopping-plugin")
    out = tmp_path / "out"
    args = ["run", "-j", "1", str(article), "-o", str(out), "-f", "stops", "-f", "jsonl"]
    if isinstance(stop, KeyboardInterrupt):  # click's own handling: "Aborted!", status 1
        result = CliRunner().invoke(cli, args, obj={"plugins": plugins})
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, "Aborted!")
    else:  # main() turns these into "svodka: interrupted" and 128 + the signal
        with pytest.raises(type(stop)):
            CliRunner().invoke(cli, args, obj={"plugins": plugins}, catch_exceptions=False)
    assert not (out / "records.jsonl").exists()  # a stopped run swaps nothing in


def test_an_extractor_with_a_huge_answer_in_one_sentence(article: Path) -> None:
    class Flood(Extractor):
        name = "odd"

        def extract(self, doc):
            return [note(doc, f"n{k}") for k in range(3000)]

    result = run_extract(article, plugins_with(Flood()))
    assert result.exit_code == 0, result.output
    records = records_of(result)
    assert builtin_types(records) == BUILTIN_TYPES
    assert len(records) == len(BUILTIN_TYPES) + 3000


def test_a_record_that_breaks_normalisation_is_dropped_and_named() -> None:
    @dataclass(kw_only=True)
    class SelfIdentified(Note):
        def make_id(self) -> str:  # the plugin gives its own id and a broken make_id
            raise RuntimeError("no id scheme")

    extractor = OddExtractor(lambda doc: SelfIdentified(article="a", label="bad", id="mine"))
    outcome = process_article(
        make_article(TEXT, id="a1"), [extractor], builtin_lexicon(), {"odd": "odd-plugin"}
    )
    assert outcome.failure is None
    assert sorted(r.label for r in outcome.records) == ["good-1", "good-2"]
    (error,) = outcome.errors
    assert "extractor 'odd' of plugin 'odd-plugin'" in error and "'a1'" in error
    assert "RuntimeError: no id scheme" in error
    assert len(outcome.summary) >= 2


def test_summarize_skips_a_record_it_cannot_weigh() -> None:
    from svodka.report.summarize import summarize

    doc = parse_text(TEXT)
    good = [note(doc, "good")]
    odd = Note(article="a", label="odd", confidence="high", evidence=[Evidence(0, 5, "x")])
    odder = Note(article="a", label="odd", evidence=None)
    assert summarize(doc, [*good, odd, odder]) == summarize(doc, good)


# -- the validator on arbitrary values (Hypothesis) -----------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included
    | st.text(),  # lone surrogates included
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)
odd_values = json_values | st.binary(max_size=4) | st.sets(st.integers(), max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    label=odd_values,
    payload=odd_values,
    tags=odd_values,
    confidence=st.floats() | st.integers() | st.text(max_size=3) | st.none(),
    start=st.integers(-3, 40),
    length=st.integers(-3, 40),
)
def test_the_validator_accepts_only_what_serialises(
    label: Any, payload: Any, tags: Any, confidence: Any, start: int, length: int
) -> None:
    text = "Стороны подписали план сотрудничества."
    record = Note(
        article="a",
        label=label,
        payload=payload,
        tags=tags,
        confidence=confidence,
        evidence=[Evidence(start, start + length, text[start : start + length])],
    )
    problem = record_problem(record, text)
    if problem is None:
        line = json.dumps(record.to_dict(), ensure_ascii=False, allow_nan=False)
        line.encode("utf-8")
        again = Note.from_dict(json.loads(line))
        assert again.to_dict() == json.loads(line)
        assert 0 <= again.confidence <= 1
    else:
        assert isinstance(problem, str) and problem and "\n" not in problem


# -- a failing kind of mention costs that kind only ---------------------------------


def _raise(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("finder bug")


MENTION_FAULTS: dict[str, tuple[str, str, str]] = {
    # kind: (object to patch, attribute, the Mentions list left empty)
    "persons": ("svodka.mentions.find.Mentions", "_find_persons", "persons"),
    "positions": ("svodka.mentions.find.Mentions", "_find_positions", "positions"),
    "countries": ("svodka.mentions.find.Mentions", "_find_countries", "countries"),
    "dates": ("svodka.normalize.dates", "find_dates", "dates"),
    "periods": ("svodka.normalize.dates", "find_periods", "periods"),
}


@pytest.mark.parametrize("kind", sorted(MENTION_FAULTS))
def test_a_failing_mention_finder_costs_only_its_kind(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, attribute, attr = MENTION_FAULTS[kind]
    monkeypatch.setattr(f"{target}.{attribute}", _raise)
    plugins = Plugins(autoload=False)
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    outcome = process_article(
        make_article(TEXT, id="a1"), plugins.extractors.values(), builtin_lexicon(), owners
    )
    assert outcome.failure is None
    assert outcome.records, "the extractors still ran"
    # find_dates leaves the periods out of dates, so it fails with find_periods
    assert sorted(e.split("'")[1] for e in outcome.errors) == (
        ["dates", "periods"] if kind == "periods" else [kind]
    )
    (error,) = [e for e in outcome.errors if f"kind {kind!r}" in e]
    assert f"mentions of kind {kind!r} failed on article 'a1'" in error
    assert "RuntimeError: finder bug" in error
    assert outcome.status == "partial"


@pytest.mark.parametrize(
    ("gazetteer", "kind"),
    [
        ("organization", "organizations"),
        ("rank", "ranks"),
        ("place", "places"),
        ("region", "regions"),
    ],
)
def test_a_failing_gazetteer_kind_is_named(
    gazetteer: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    find = Mentions._find_entries

    def failing(self: Mentions, which: str, *args: Any) -> Any:
        if which == gazetteer:
            raise RuntimeError("finder bug")
        return find(self, which, *args)

    monkeypatch.setattr(Mentions, "_find_entries", failing)
    doc = parse_text(TEXT + "В Алма-Ате прошел совет ОДКБ с участием генерал-майора Ивана Петрова.")
    assert doc.mentions.failures == {kind: "RuntimeError: finder bug"}
    assert getattr(doc.mentions, kind) == []
    assert len(doc.mentions.people) == 3
    assert [m.value for m in doc.mentions.countries] == ["KZ", "RU"]


def test_a_failure_outside_the_finders_leaves_all_kinds_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Mentions, "_find_all", _raise)
    plugins = Plugins(autoload=False)
    outcome = process_article(
        make_article(TEXT, id="a1"), plugins.extractors.values(), builtin_lexicon()
    )
    assert outcome.failure is None
    assert [(r.type, r.speaker) for r in outcome.records] == [("quote", "Жаксылыков")]
    assert outcome.errors == [
        "mentions of kind 'all' failed on article 'a1': RuntimeError: finder bug; "
        "the extractors ran without them"
    ]


def test_a_failing_mention_finder_leaves_its_kind_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Mentions, "_find_positions", _raise)
    mentions = parse_text(TEXT).mentions
    assert mentions.positions == []
    assert mentions.failures == {"positions": "RuntimeError: finder bug"}
    assert [m.value for m in mentions.countries] == ["KZ", "RU"]
    assert set(mentions.people) == {"Руслан Жаксылыков", "Андрей Белоусов"}


def test_extractors_keep_the_kinds_that_did_not_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("svodka.normalize.dates.find_dates", _raise)
    plugins = Plugins(autoload=False)
    outcome = process_article(
        make_article(TEXT, id="a1"), plugins.extractors.values(), builtin_lexicon()
    )
    by_type = {r.type: r for r in outcome.records}
    assert by_type["quote"].speaker == "Руслан Жаксылыков"
    assert by_type["agreement"].period == "2026" and by_type["agreement"].date is None
    assert sorted(r.person for r in outcome.records if r.type == "role") == [
        "Андрей Белоусов",
        "Руслан Жаксылыков",
    ]


def test_a_mention_failure_is_reported_by_svodka_extract(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Mentions, "_find_persons", _raise)
    result = CliRunner().invoke(
        cli, ["extract", "-j", "1", str(article)], obj={"plugins": Plugins(autoload=False)}
    )
    assert result.exit_code == 1
    records = records_of(result)
    assert [r["type"] for r in records] == ["agreement", "quote"]
    assert records[1]["speaker"] == "Жаксылыков"
    (error,) = error_lines(result)
    assert "mentions of kind 'persons' failed on article 'talks'" in error


# -- readers and exporters: a fault costs the plugin's own input or file -------------------


class SniffingReader:
    """Claims inputs by content; ``behaviour`` says how it misbehaves."""

    suffixes = (".odd",)

    def __init__(self, name: str, behaviour: str) -> None:
        self.name = name
        self.behaviour = behaviour

    def sniff(self, head: bytes) -> bool:
        if self.behaviour == "sniff-raises":
            raise ValueError("cannot tell")
        if self.behaviour == "sniff-exits":
            sys.exit(5)
        return head.startswith(b"ODD")

    def read(self, source, options):
        if self.behaviour == "read-exits":
            sys.exit(3)
        yield "not an article"


class ReaderPlugin:
    def __init__(self, reader: SniffingReader) -> None:
        self.reader = reader

    @svodka.hookimpl
    def register_readers(self, register):
        register(self.reader)


def _with_reader(behaviour: str) -> Plugins:
    plugins = Plugins(autoload=False)
    plugins.register(ReaderPlugin(SniffingReader("sniffer", behaviour)), name="reader-plugin")
    return plugins


@pytest.mark.parametrize("behaviour", ["sniff-raises", "sniff-exits"])
def test_a_failing_sniff_claims_nothing_and_the_other_readers_are_tried(
    behaviour: str, tmp_path: Path
) -> None:
    noext = tmp_path / "talks"  # no suffix: every reader's sniff is asked
    noext.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["extract", "-j", "1", str(noext)],
        obj={"plugins": _with_reader(behaviour)},
        catch_exceptions=False,
    )
    # the text reader still takes the file, whichever order the readers are asked in
    assert builtin_types(records_of(result)) == BUILTIN_TYPES
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("read-exits", "reader 'sniffer' failed: SystemExit: 3"),
        ("yields-junk", "reader 'sniffer' gave str, not an article; skipped"),
    ],
)
def test_a_reader_that_exits_or_yields_junk_costs_its_input_only(
    behaviour: str, message: str, tmp_path: Path, article: Path
) -> None:
    odd = tmp_path / "feed.odd"
    odd.write_bytes(b"ODD")
    result = CliRunner().invoke(
        cli,
        ["extract", "-j", "1", str(odd), str(article)],
        obj={"plugins": _with_reader(behaviour)},
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert error_lines(result) == [f"svodka: error: {odd}: {message}"]
    assert builtin_types(records_of(result)) == BUILTIN_TYPES  # the other input is whole


class ExitingExporter:
    name = "exits"
    filename = "exits.out"
    description = "calls sys.exit"

    def export(self, run, path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        sys.exit(4)


class ProgrammingOSErrorExporter:
    name = "lookup"
    filename = "lookup.out"
    description = "a bug that raises an OSError of its own"

    def export(self, run, path: Path) -> None:
        raise FileNotFoundError(2, "No such file or directory", "/nonexistent/plugin-data")


class ExporterPlugin:
    @svodka.hookimpl
    def register_exporters(self, register):
        register(ExitingExporter())
        register(ProgrammingOSErrorExporter())


def test_an_exporter_that_exits_or_fails_costs_its_own_file_only(
    tmp_path: Path, article: Path
) -> None:
    plugins = Plugins(autoload=False)
    plugins.register(ExporterPlugin(), name="exporter-plugin")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "-j",
            "1",
            str(article),
            "-o",
            str(out),
            "-f",
            "exits",
            "-f",
            "lookup",
            "-f",
            "jsonl",
            "-f",
            "report",
        ],
        obj={"plugins": plugins},
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert (
        "svodka: error: exporter 'exits' (plugin 'exporter-plugin') failed: SystemExit: 4"
        in result.stderr
    )
    assert "svodka: error: exporter 'lookup' (plugin 'exporter-plugin') failed: FileNotFound" in (
        result.stderr
    )
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "records.jsonl",
        "report.json",
    ]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == ["records.jsonl"]


class Chatty(Extractor):
    """Prints, then writes to sys.stdout, then gives a good note."""

    name = "odd"

    def extract(self, doc):
        print("chatty: debugging", doc.article.id)
        sys.stdout.write("not a record\n")
        return [note(doc, "said")]


def test_an_extractor_printing_never_reaches_the_records_stream(article: Path) -> None:
    result = run_extract(article, plugins_with(Chatty()), through_cli=True)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line)["type"] for line in lines].count("note") == 1
    assert "chatty: debugging talks\nnot a record\n" in result.stderr


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="the printer is inherited")
def test_an_extractor_printing_in_worker_processes_writes_to_stderr(
    capfd: pytest.CaptureFixture[str],
) -> None:
    from svodka.run.parallel import SMALL, process_parallel

    plugins = plugins_with(Chatty())
    articles = [make_article(TEXT, id=f"p{i}") for i in range(SMALL + 3)]
    outcomes = list(
        process_parallel(
            articles, plugins.extractors.values(), builtin_lexicon(), jobs=2, time_limit=0
        )
    )
    notes = [[r.label for r in o.records if r.type == "note"] for o in outcomes]
    assert notes == [["said"]] * (SMALL + 3)
    out, err = capfd.readouterr()
    assert out == ""
    assert err.count("chatty: debugging") == SMALL + 3


@pytest.mark.parametrize("endless", [True, False], ids=["endless", "huge"])
def test_an_extractor_giving_too_many_records_loses_them_all(endless: bool, article: Path) -> None:
    from svodka.pipeline import MAX_RECORDS

    class Flood(Extractor):
        name = "odd"

        def extract(self, doc):
            if not endless:
                return [note(doc, str(n)) for n in range(MAX_RECORDS + 1)]
            return (note(doc, str(n)) for n in itertools.count())

    result = run_extract(article, plugins_with(Flood()))
    assert result.exit_code == 1
    records = records_of(result)
    assert builtin_types(records) == BUILTIN_TYPES
    assert not [r for r in records if r["type"] == "note"]
    (error,) = error_lines(result)
    assert error == (
        "svodka: error: extractor 'odd' of plugin 'odd-plugin' failed on article 'talks': "
        f"returned more than {MAX_RECORDS} records, all dropped"
    )


def test_an_extractor_giving_just_the_most_records_keeps_them(article: Path) -> None:
    from svodka.pipeline import MAX_RECORDS

    class Many(Extractor):
        name = "odd"

        def extract(self, doc):
            return (note(doc, str(n)) for n in range(MAX_RECORDS))

    result = run_extract(article, plugins_with(Many()))
    notes = [r for r in records_of(result) if r["type"] == "note"]
    assert len(notes) == MAX_RECORDS
