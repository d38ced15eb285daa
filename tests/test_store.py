"""The fact store: daily runs add to it, briefs and tables of any period come from it.

The articles are our own sentences, three days of them, with a re-crawl of the first day's
first article (the same text under another id, url and outlet) among the second day's."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document

from svodka.cli import cli

MEETING = (
    "Министры обороны встретились в Астане\n\nАСТАНА, 2 марта. Министр обороны Казахстана "
    "Руслан Жаксылыков провел переговоры с министром обороны Беларуси Виктором Хрениным в "
    "Астане. Стороны обсудили подготовку совместных учений."
)
DAYS = {
    "2026-03-02": [
        ("d1-a", MEETING, "https://example.org/a"),
        (
            "d1-b",
            "Лавров ответил на вопросы\n\nМОСКВА, 2 марта. Министр иностранных дел России Сергей "
            "Лавров заявил журналистам: «Мы готовы к диалогу с соседями по всем вопросам».",
            "https://example.org/b",
        ),
    ],
    "2026-03-03": [
        ("d2-a", MEETING, "https://mirror.example.net/a"),  # the re-crawl
        (
            "d2-b",
            "Визит в Бишкек\n\nБИШКЕК, 3 марта. Министр обороны Армении Сурен Папикян прибыл с "
            "официальным визитом в Бишкек, где встретился с министром обороны Киргизии "
            "Русланом Мукамбетовым.",
            "https://example.org/c",
        ),
    ],
    "2026-03-04": [
        (
            "d3-a",
            "Жаксылыков провел совещание\n\nАСТАНА, 4 марта. Министр обороны Казахстана Руслан "
            "Жаксылыков провел совещание с руководящим составом армии.",
            "https://example.org/d",
        ),
        (
            "d3-b",
            "Новый член организации\n\nПЕКИН, 4 марта. Лаос стал полноправным членом Шанхайской "
            "организации сотрудничества, сообщил генеральный секретарь организации.",
            "https://example.org/e",
        ),
    ],
}


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def write_day(folder: Path, day: str) -> Path:
    path = folder / f"{day}.jsonl"
    lines = [
        json.dumps(
            {"id": i, "title": text.split("\n")[0], "text": text, "outlet": "Агентство",
             "published": day, "url": url},
            ensure_ascii=False,
        )
        for i, text, url in DAYS[day]
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_store_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SVODKA_STORE", raising=False)
    monkeypatch.delenv("SVODKA_NO_STORE", raising=False)  # conftest's default for other tests
    monkeypatch.delenv("SVODKA_STORE_TIMEOUT", raising=False)


@pytest.fixture(scope="module")
def three_days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store fed three days of articles, one run a day."""
    folder = tmp_path_factory.mktemp("days")
    store = folder / "archive.db"
    with pytest.MonkeyPatch.context() as mp:  # before the function-scoped fixtures
        mp.setenv("SVODKA_DISABLE_PLUGIN_AUTOLOAD", "1")
        mp.setenv("SVODKA_OFFLINE", "1")
        mp.delenv("SVODKA_NO_STORE", raising=False)
        for day in DAYS:
            result = invoke(
                ["run", str(write_day(folder, day)), "-o", str(folder / f"out-{day}"),
                 "--store", str(store), "-j", "1", "-f", "jsonl"]
            )
            assert result.exit_code == 0, result.output
    return store


def rows(store: Path, sql: str, *params: object) -> list[tuple]:
    con = sqlite3.connect(store)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def brief_lines(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


# -- three days, one store ----------------------------------------------------------------


def test_a_recrawled_text_is_one_article_with_both_ids(three_days: Path) -> None:
    assert rows(three_days, "SELECT count(*) FROM articles") == [(5,)]
    ids = rows(
        three_days,
        "SELECT i.id, i.url FROM article_ids i JOIN articles a ON a.id = i.article "
        "WHERE a.key = 'd1-a' ORDER BY i.id",
    )
    assert ids == [("d1-a", "https://example.org/a"), ("d2-a", "https://mirror.example.net/a")]
    runs = rows(three_days, "SELECT articles_new, articles_known FROM runs ORDER BY id")
    assert runs == [(2, 0), (1, 1), (2, 0)]  # the re-crawl was not extracted again


def test_the_same_fact_on_two_days_is_one_fact_with_both_sources(three_days: Path) -> None:
    facts = rows(
        three_days,
        "SELECT person, country, first_seen, last_seen, sources FROM role_facts ORDER BY person",
    )
    assert ("Руслан Жаксылыков", "KZ", "2026-03-02", "2026-03-04", 2) in facts
    assert ("Виктор Хренин", "BY", "2026-03-02", "2026-03-02", 1) in facts
    assert len(facts) == 5  # Жаксылыков, Хренин, Лавров, Папикян, Мукамбетов
    meeting = rows(three_days, "SELECT participants, countries, place, sources FROM meeting_facts")
    assert ("Руслан Жаксылыков; Виктор Хренин", "KZ; BY", "Астана", 1) in meeting
    assert rows(
        three_days, "SELECT country, organization, status, month FROM membership_facts"
    ) == [("LA", "SCO", "member", "2026-03")]
    assert rows(three_days, "PRAGMA integrity_check") == [("ok",)]
    assert rows(three_days, "PRAGMA foreign_key_check") == []


def test_a_brief_of_the_three_days(three_days: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.docx"
    result = invoke(
        ["brief", "--store", str(three_days), "--from", "2026-03-02", "--to", "2026-03-04",
         "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = brief_lines(out)
    assert "Статей: 5, фактов: 9" in lines  # 5 roles, 2 meetings, 1 membership, 1 quote
    sources = [line for line in lines if line.startswith("[") and "Агентство" in line]
    assert len(sources) == 5
    assert not any("(новое)" in line for line in lines)


def test_a_brief_of_the_last_day_marks_the_new_facts_first(
    three_days: Path, tmp_path: Path
) -> None:
    out = tmp_path / "last.docx"
    result = invoke(
        ["brief", "--store", str(three_days), "--from", "2026-03-04", "--to", "2026-03-04",
         "--new-since", "2026-03-03", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = brief_lines(out)
    assert "Статей: 2, фактов: 2; новых фактов: 1" in lines
    at = len(lines) - lines[::-1].index("Основные события")  # the heading, not the contents
    assert "Лаос" in lines[at] and lines[at].endswith("(новое)")
    # the post is no key development (roles never are); its row is not new: seen on the 2nd
    rows_ = [
        " | ".join(c.text for c in r.cells) for t in Document(str(out)).tables for r in t.rows
    ]
    role = [r for r in rows_ if "Жаксылыков" in r]
    assert len(role) == 1 and "(новое)" not in role[0]
    assert any("Лаос" in r and "(новое)" in r for r in rows_)


def test_new_since_the_previous_brief(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    days = list(DAYS)
    for day in days[:2]:
        invoke(["run", str(write_day(tmp_path, day)), "-o", str(tmp_path / day),
                "--store", str(store), "-j", "1", "-f", "jsonl"])
    first = tmp_path / "first.docx"
    assert invoke(["brief", "--store", str(store), "-o", str(first)]).exit_code == 0
    invoke(["run", str(write_day(tmp_path, days[2])), "-o", str(tmp_path / days[2]),
            "--store", str(store), "-j", "1", "-f", "jsonl"])
    second = tmp_path / "second.docx"
    result = invoke(["brief", "--store", str(store), "--new-since", "last", "-o", str(second)])
    assert result.exit_code == 0, result.output
    marked = [line for line in brief_lines(second) if line.endswith("(новое)")]
    # the membership is new since the first brief; Жаксылыков's post was known before it
    assert len(marked) == 1 and "Лаос" in marked[0]


def test_selection_by_country_and_type(three_days: Path, tmp_path: Path) -> None:
    out = tmp_path / "roles.jsonl"
    result = invoke(
        ["export", "--store", str(three_days), "-f", "jsonl", "--type", "role",
         "--country", "kz", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["type"], r["person"], r["article"]) for r in records] == [
        ("role", "Руслан Жаксылыков", "d1-a"),
        ("role", "Руслан Жаксылыков", "d3-a"),
    ]


# -- incremental runs ----------------------------------------------------------------------


def test_a_second_run_extracts_nothing_and_writes_the_same_records(tmp_path: Path) -> None:
    feed = write_day(tmp_path, "2026-03-02")
    out = tmp_path / "out"
    first = invoke(["run", str(feed), "-o", str(out), "-j", "1"])
    assert "2 new articles, 0 already stored" in first.output
    records = (out / "records.jsonl").read_bytes()
    second = invoke(["run", str(feed), "-o", str(out), "-j", "1"])
    assert "0 new articles, 2 already stored" in second.output
    assert (out / "records.jsonl").read_bytes() == records
    third = invoke(["run", str(feed), "-o", str(out), "-j", "1", "--reprocess"])
    assert "2 extracted again" in third.output
    assert rows(out / "svodka.db", "SELECT count(*) FROM records") == [(5,)]
    assert (out / "records.jsonl").read_bytes() == records


def test_a_new_version_extracts_again_and_replaces_the_records(tmp_path: Path) -> None:
    from svodka.components import ReadOptions
    from svodka.manager import load_plugins
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process
    from svodka.read.inputs import read_inputs
    from svodka.store.store import open_store
    from svodka.store.write import Batch, Versions

    plugins = load_plugins()
    items = list(read_inputs([str(write_day(tmp_path, "2026-03-02"))], plugins.readers,
                             ReadOptions()))
    outcomes = list(process(items, plugins.extractors.values(), Lexicon.from_plugins(plugins)))
    now = Versions.of(plugins)
    path = tmp_path / "v.db"
    con = open_store(path)
    with Batch(con, path, now, plugins.record_types) as batch:
        for outcome in outcomes:
            batch.add(outcome)
        batch.commit()
    article = outcomes[0].article
    assert article is not None
    with Batch(con, path, now, plugins.record_types) as batch:
        assert batch.known(article) is not None  # nothing changed: not extracted again
    newer_roles = {**now.plugins, "extractors.roles": "99.0"}
    with Batch(con, path, Versions(now.svodka, newer_roles, now.owners),
               plugins.record_types) as batch:
        assert batch.known(article) is None  # its roles came from a plugin now newer
        batch.add(outcomes[0])
        counts = batch.commit()
    assert counts.reextracted == 1 and counts.new == 0
    versions = rows(
        path,
        "SELECT DISTINCT plugin_version FROM records r JOIN articles a ON a.id = r.article "
        "WHERE a.key = 'd1-a' AND r.type = 'role'",
    )
    assert versions == [("99.0",)]
    assert rows(path, "SELECT count(*) FROM records") == [(5,)]  # replaced, not added
    with Batch(con, path, Versions("99.0", now.plugins, now.owners), plugins.record_types) as b:
        assert b.known(article) is None  # a new svodka extracts everything again
    con.close()


# -- refusals and a second writer -----------------------------------------------------------


def test_a_store_of_a_newer_svodka_is_refused_unchanged(tmp_path: Path) -> None:
    feed = write_day(tmp_path, "2026-03-02")
    store = tmp_path / "s.db"
    assert invoke(["run", str(feed), "-o", str(tmp_path / "o"), "--store", str(store),
                   "-j", "1", "-f", "jsonl"]).exit_code == 0
    con = sqlite3.connect(store)
    con.execute("PRAGMA user_version = 7")
    con.close()
    before = store.read_bytes()
    result = invoke(["run", str(feed), "-o", str(tmp_path / "o2"), "--store", str(store),
                     "-j", "1", "-f", "jsonl"])
    assert result.exit_code == 1
    assert "newer svodka (schema version 7" in result.output
    assert store.read_bytes() == before
    brief = invoke(["brief", "--store", str(store), "-o", str(tmp_path / "b.docx")])
    assert brief.exit_code == 1 and "newer svodka" in brief.output
    assert store.read_bytes() == before
    assert not (tmp_path / "o2" / "records.jsonl").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"just some notes, not a database\n" * 10,
        None,  # an SQLite database of another program
    ],
)
def test_a_file_that_is_not_a_store_is_refused_unchanged(tmp_path: Path, content) -> None:
    store = tmp_path / "other.db"
    if content is None:
        con = sqlite3.connect(store)
        con.execute("CREATE TABLE notes (text TEXT)")
        con.execute("INSERT INTO notes VALUES ('mine')")
        con.commit()
        con.close()
    else:
        store.write_bytes(content)
    before = store.read_bytes()
    result = invoke(["run", str(write_day(tmp_path, "2026-03-02")), "-o", str(tmp_path / "o"),
                     "--store", str(store), "-j", "1"])
    assert result.exit_code == 1
    assert "not an svodka store" in result.output
    assert store.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03-02.jsonl", "other.db"]


def test_a_second_writer_waits_then_fails_and_readers_go_on(tmp_path: Path, monkeypatch) -> None:
    feed = write_day(tmp_path, "2026-03-02")
    store = tmp_path / "s.db"
    assert invoke(["run", str(feed), "-o", str(tmp_path / "o"), "--store", str(store),
                   "-j", "1", "-f", "jsonl"]).exit_code == 0
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run is writing
    holder.execute("INSERT INTO failures (run, source, reason) VALUES (1, 'x', 'y')")
    monkeypatch.setenv("SVODKA_STORE_TIMEOUT", "0.5")
    try:
        result = invoke(["run", str(write_day(tmp_path, "2026-03-03")), "-o",
                         str(tmp_path / "o2"), "--store", str(store), "-j", "1", "-f", "jsonl"])
        assert result.exit_code == 1
        assert f"the store {store} is being written by another svodka run; waited 0.5 s" in (
            result.output
        )
        brief = invoke(["brief", "--store", str(store), "-o", str(tmp_path / "b.docx")])
        assert brief.exit_code == 0, brief.output  # a reader is not held up
        assert "is not remembered" in brief.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rows(store, "SELECT count(*) FROM runs") == [(1,)]
    assert rows(store, "SELECT count(*) FROM articles") == [(2,)]


def test_a_run_that_reads_nothing_leaves_no_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(["run", str(empty), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def test_an_older_store_is_migrated_forward(tmp_path: Path, monkeypatch) -> None:
    from svodka.store import schema
    from svodka.store.store import open_store

    path = tmp_path / "old.db"
    con = open_store(path)
    con.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")
    con.close()
    steps: list[int] = []
    monkeypatch.setattr(schema, "VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, lambda c: steps.append(1)])
    monkeypatch.setattr("svodka.store.store.VERSION", 2)
    open_store(path).close()
    assert steps == [1]
    assert rows(path, "PRAGMA user_version") == [(2,)]


# -- the default store, in the output folder ------------------------------------------------


def test_the_default_store_is_kept_beside_the_outputs_and_left_as_it_was_by_a_failed_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svodka.run import outdir

    out = tmp_path / "out"
    first = invoke(["run", str(write_day(tmp_path, "2026-03-02")), "-o", str(out), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert (out / "svodka.db").is_file() and (out / "report.json").is_file()
    before = (out / "svodka.db").read_bytes()

    def fail(staging, dest):
        raise outdir.OutputError("cannot write the outputs: disk full")

    monkeypatch.setattr(outdir, "swap_in", fail)
    feed = write_day(tmp_path, "2026-03-03")
    failed = invoke(["run", str(feed), "-o", str(out), "-j", "1", "--replace"])
    assert failed.exit_code == 1 and "disk full" in failed.output
    assert (out / "svodka.db").read_bytes() == before  # the batch was rolled back
    assert not any(p.name.startswith("svodka.db-") for p in out.iterdir())
    monkeypatch.undo()
    monkeypatch.delenv("SVODKA_NO_STORE", raising=False)
    again = invoke(["run", str(feed), "-o", str(out), "-j", "1", "--replace"])
    assert again.exit_code == 0, again.output
    assert rows(out / "svodka.db", "SELECT count(*) FROM articles") == [(3,)]  # 2 + 1 new


def test_no_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["run", str(write_day(tmp_path, "2026-03-02")), "-o", str(out), "-j", "1",
                     "--no-store"])
    assert result.exit_code == 0, result.output
    assert "svodka.db" not in {p.name for p in out.iterdir()}


def test_roles_with_their_dates_for_people_over_time(three_days: Path) -> None:
    from svodka.store.query import Selection, roles
    from svodka.store.store import open_store

    con = open_store(three_days, create=False)
    try:
        found = [(r.person, r.country, r.article, day) for r, day in roles(con)]
        kazakh = [
            (r.person, day)
            for r, day in roles(con, Selection(start="2026-03-03", countries=("KZ",)))
        ]
    finally:
        con.close()
    assert ("Руслан Жаксылыков", "KZ", "d1-a", "2026-03-02") in found
    assert ("Руслан Жаксылыков", "KZ", "d3-a", "2026-03-04") in found
    assert len(found) == 6  # the re-crawl's roles are the first crawl's, not repeated
    assert [d for *_, d in found] == sorted(d for *_, d in found)
    assert kazakh == [("Руслан Жаксылыков", "2026-03-04")]


@pytest.mark.parametrize(
    ("start", "end", "articles"),
    [
        ("2026-03", "2026-03", {"d1-a", "d1-b", "d2-b", "d3-a", "d3-b"}),  # a month: all of it
        (None, "2026-03-02", {"d1-a", "d1-b"}),
        ("2026-03-03", None, {"d2-b", "d3-a", "d3-b"}),
        ("2026-04-01", None, set()),
    ],
)
def test_a_period_selects_the_articles_by_their_dates(
    three_days: Path, tmp_path: Path, start: str | None, end: str | None, articles: set[str]
) -> None:
    out = tmp_path / "r.jsonl"
    args = ["export", "--store", str(three_days), "-f", "jsonl", "-o", str(out)]
    args += ["--from", start] if start else []
    args += ["--to", end] if end else []
    assert invoke(args).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["article"] for line in lines} == articles


def test_a_bad_new_since_is_refused(three_days: Path, tmp_path: Path) -> None:
    result = invoke(["brief", "--store", str(three_days), "--new-since", "yesterday",
                     "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 1
    assert "--new-since 'yesterday' is neither an ISO date nor 'last'" in result.output
    assert not (tmp_path / "b.docx").exists()


def test_facts_across_batches_are_those_of_one_consolidation(
    shared_corpus: Path, tmp_path: Path
) -> None:
    from svodka.components import ReadOptions
    from svodka.manager import load_plugins
    from svodka.model.facts import consolidate
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import process
    from svodka.read.inputs import read_inputs
    from svodka.store.query import Selection, StoreRun
    from svodka.store.store import open_store
    from svodka.store.write import Batch, Versions

    plugins = load_plugins()
    items = read_inputs([str(shared_corpus / "real.jsonl")], plugins.readers, ReadOptions())
    outcomes = [
        o
        for o in process(items, plugins.extractors.values(), Lexicon.from_plugins(plugins))
        if o.article is not None
    ]
    path = tmp_path / "s.db"
    con = open_store(path)
    for part in (outcomes[:13], outcomes[13:27], outcomes[27:]):  # three runs
        with Batch(con, path, Versions.of(plugins), plugins.record_types) as batch:
            for outcome in part:
                batch.add(outcome)
            batch.commit()
    expected = consolidate(r for o in outcomes for r in o.records)
    stored = StoreRun(con, path, Selection(), plugins.record_types).stored_facts()
    con.close()

    def shape(facts):
        return sorted(
            (f.type, tuple(sorted(f.sources)), json.dumps(f.record.values(), ensure_ascii=False))
            for f in facts
        )

    assert len(expected) > 150
    assert shape(stored) == shape(expected)


def test_the_same_text_twice_in_one_run_is_one_article(tmp_path: Path) -> None:
    feed = tmp_path / "twice.jsonl"
    lines = [
        json.dumps({"id": i, "text": MEETING, "published": "2026-03-02", "url": url},
                   ensure_ascii=False)
        for i, url in (("one", "https://a.example/1"), ("two", "https://b.example/2"))
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "s.db"
    result = invoke(["run", str(feed), "-o", str(tmp_path / "o"), "--store", str(store),
                     "-j", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "1 new articles, 1 already stored" in result.output
    assert rows(store, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(store, "SELECT id FROM article_ids ORDER BY id") == [("one",), ("two",)]
    assert rows(store, "SELECT sources FROM role_facts") == [(1,), (1,)]
    records = (tmp_path / "o" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted({json.loads(r)["article"] for r in records}) == ["one", "two"]


def test_a_store_that_cannot_be_written_is_one_error_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svodka.store import write

    store = tmp_path / "s.db"
    args = ["run", "-o", str(tmp_path / "o"), "--store", str(store), "-j", "1", "-f", "jsonl"]
    assert invoke([*args, str(write_day(tmp_path, "2026-03-02"))]).exit_code == 0
    before = store.read_bytes()

    def full(self, *args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(write.Batch, "_add_record", full)
    result = invoke([*args, "--replace", str(write_day(tmp_path, "2026-03-03"))])
    assert result.exit_code == 1
    assert f"svodka: error: cannot write the store {store}: database or disk is full" in (
        result.output
    )
    assert store.read_bytes() == before


def test_a_brief_reads_one_snapshot_while_a_run_commits(three_days: Path, tmp_path: Path) -> None:
    from svodka.manager import load_plugins
    from svodka.store.query import open_selection

    plugins = load_plugins()
    copy = tmp_path / "copy.db"
    copy.write_bytes(three_days.read_bytes())
    with open_selection(copy, None, None, (), (), None, plugins, {"lang": "ru"}) as run:
        before = len(run.stored_facts())
        other = sqlite3.connect(copy, isolation_level=None)
        other.execute("UPDATE facts SET sources = sources")  # another writer commits
        other.execute("DELETE FROM records WHERE type = 'quote'")
        other.close()
        assert len(run.stored_facts()) == before  # still the snapshot taken at the start
        assert sum(1 for o in run.outcomes for r in o.records if r.type == "quote") == 1
    with open_selection(copy, None, None, (), (), None, plugins, {"lang": "ru"}) as run:
        assert sum(1 for o in run.outcomes for r in o.records if r.type == "quote") == 0


def test_people_reads_the_posts_of_a_store(three_days: Path) -> None:
    result = invoke(["people", "--store", str(three_days), "жаксылыков", "--json"])
    assert result.exit_code == 0, result.output
    (person,) = json.loads(result.output)
    assert person["name"] == "Руслан Жаксылыков"
    (post,) = person["posts"]
    assert (post["position"], post["country"]) == ("министр обороны", "KZ")
    assert post["status"] == "current"
    assert (post["from"], post["to"]) == ("2026-03-02", "2026-03-04")  # the publication dates


def test_the_store_keeps_news_and_background(three_days: Path) -> None:
    stored = rows(three_days, "SELECT DISTINCT news FROM records ORDER BY news")
    assert stored and all(value in (0, 1) for (value,) in stored)
    made = rows(three_days, "SELECT count(*) FROM facts WHERE news IS NULL")
    assert made == [(0,)]


def test_an_extractor_enabled_later_runs_on_stored_articles(tmp_path: Path) -> None:
    feed, store = write_day(tmp_path, "2026-03-04"), tmp_path / "s.db"
    first = invoke(["--disable", "membership", "run", str(feed), "-o", str(tmp_path / "a"),
                    "--store", str(store), "-j", "1", "-f", "jsonl"])
    assert first.exit_code == 0, first.output
    assert rows(store, "SELECT count(*) FROM records WHERE type = 'membership'") == [(0,)]
    second = invoke(["run", str(feed), "-o", str(tmp_path / "b"), "--store", str(store),
                     "-j", "1", "-f", "jsonl"])
    assert "2 extracted again" in second.output
    assert rows(store, "SELECT count(*) FROM records WHERE type = 'membership'") == [(1,)]
    # the membership is found by this run: new in it, though its article is not
    assert rows(store, "SELECT count(*) FROM facts WHERE type = 'membership' AND first_run = 2") \
        == [(1,)]


def test_a_publication_date_given_later_dates_the_stored_article(tmp_path: Path) -> None:
    text = ("Визит в Бишкек\n\nМинистр обороны Армении Сурен Папикян сегодня прибыл с "
            "официальным визитом в Бишкек, где встретился с министром обороны Киргизии "
            "Русланом Мукамбетовым.")
    feed, store = tmp_path / "undated.jsonl", tmp_path / "s.db"
    feed.write_text(json.dumps({"id": "u1", "text": text}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    invoke(["run", str(feed), "-o", str(tmp_path / "a"), "--store", str(store), "-j", "1",
            "-f", "jsonl"])
    assert rows(store, "SELECT date FROM meeting_facts") == [(None,)]
    dated = invoke(["run", str(feed), "-o", str(tmp_path / "b"), "--store", str(store),
                    "-j", "1", "-f", "jsonl", "--date", "2026-05-12"])
    assert "1 extracted again" in dated.output
    assert rows(store, "SELECT date FROM meeting_facts") == [("2026-05-12",)]
    assert rows(store, "SELECT published, seen FROM articles") == [("2026-05-12", "2026-05-12")]
