"""``svodka serve``: the store in datasette, with Russian titles, facets and links, checked in
a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by selenium)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svodka.cli import cli
from svodka.manager import BUILTIN_TYPES
from svodka.model.article import Article
from svodka.model.records import Agreement, Evidence, Meeting, Membership, Record, Role
from svodka.pipeline import ArticleOutcome
from svodka.store import serve
from svodka.store.store import open_store
from svodka.store.write import Batch, Versions

TYPES = {cls.type: cls for cls in BUILTIN_TYPES}
BROWSER_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def _evidence(text: str, words: str) -> list[Evidence]:
    start = text.index(words)
    return [Evidence(start, start + len(words), words)]


# Three days of invented articles (not corpus text): each states the facts given with it.
DAYS: list[tuple[Article, list[Record]]] = []


def _day(key: str, date: str, title: str, text: str, *records: Record) -> None:
    article = Article(id=key, text=text, title=title, published=date, outlet="Тестовое агентство")
    for record in records:
        record.article = key
        record.evidence = _evidence(text, text.split(".")[0])
        record.extractor = "test"
    DAYS.append((article, list(records)))


_day(
    "a-1",
    "2025-03-03",
    "Министр обороны Казахстана провёл встречу в Минске",
    "Министр обороны Казахстана Ерлан Тестов провёл переговоры в Минске. Стороны обсудили учения.",
    Role(article="", person="Ерлан Тестов", position="министр обороны", country="KZ"),
    Meeting(
        article="",
        participants=["Ерлан Тестов"],
        countries=["BY", "KZ"],
        place="Минск",
        date="2025-02-27",
        format="talks",
    ),
)
_day(
    "a-2",
    "2025-03-04",
    "Беларусь и Россия подписали план",
    "Беларусь и Россия подписали план военного сотрудничества на 2026 год. Документ подписан.",
    Agreement(
        article="",
        kind="plan",
        title="план военного сотрудничества",
        parties=["BY", "RU"],
        period="2026",
        status="signed",
        date="2025-03-04",
    ),
)
_day(
    "a-3",
    "2025-04-10",
    "Казахстан в ШОС",
    "Казахстан остаётся членом ШОС, заявил Ерлан Тестов, министр обороны Казахстана.",
    Membership(article="", country="KZ", organization="SCO", status="member"),
    Role(article="", person="Ерлан Тестов", position="министр обороны", country="KZ"),
)


def build_store(path: Path, days: list[tuple[Article, list[Record]]] = DAYS) -> None:
    """A store of these articles, one batch per article (as daily runs make it)."""
    for article, records in days:
        con = open_store(path)
        try:
            with Batch(con, path, Versions("test"), TYPES) as batch:
                batch.add(ArticleOutcome(article.id, article, list(records)))
                batch.commit()
        finally:
            con.close()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    build_store(path)
    return path


def browse_rows(path: Path) -> list[dict]:
    con = open_store(path, create=False)
    try:
        serve.ensure_browse_view(con, path, TYPES)
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(f"SELECT * FROM {serve.BROWSE} ORDER BY fact")]
    finally:
        con.close()


# -- the view and the metadata ---------------------------------------------------------------


def test_the_browse_view_names_states_organisations_month_and_articles(store: Path) -> None:
    rows = {r["description"]: r for r in browse_rows(store)}
    role = rows["Ерлан Тестов · министр обороны · KZ"]
    assert (role["type"], json.loads(role["states"]), role["sources"]) == ("role", ["KZ"], 2)
    assert (role["first_seen"], role["last_seen"], role["month"]) == (
        "2025-03-03",
        "2025-04-10",
        "2025-03",
    )
    con = sqlite3.connect(store)
    keys = dict(con.execute("SELECT id, key FROM articles"))
    assert sorted(keys[int(a)] for a in role["articles"].split(",")) == ["a-1", "a-3"]
    (meeting,) = [r for r in rows.values() if r["type"] == "meeting"]
    assert json.loads(meeting["states"]) == ["BY", "KZ"]
    assert (meeting["month"], meeting["first_seen"]) == ("2025-02", "2025-03-03")  # its date
    (plan,) = [r for r in rows.values() if r["type"] == "agreement"]
    assert (json.loads(plan["states"]), json.loads(plan["organizations"])) == (["BY", "RU"], [])
    (member,) = [r for r in rows.values() if r["type"] == "membership"]
    assert (json.loads(member["states"]), json.loads(member["organizations"])) == (["KZ"], ["SCO"])
    assert member["month"] == "2025-04"


def test_a_party_that_is_an_organisation_counts_as_one(tmp_path: Path) -> None:
    text = "ОДКБ и ШОС подписали меморандум о взаимопонимании. Это первый такой документ."
    article = Article(id="b-1", text=text, published="2025-05-05")
    memo = Agreement(
        article="b-1", kind="memorandum", title="меморандум о взаимопонимании",
        parties=["CSTO", "SCO"], status="signed", evidence=_evidence(text, "ОДКБ и ШОС"),
    )  # fmt: skip
    path = tmp_path / "s.db"
    build_store(path, [(article, [memo])])
    (row,) = browse_rows(path)
    assert (json.loads(row["states"]), json.loads(row["organizations"])) == ([], ["CSTO", "SCO"])


def test_a_much_reported_fact_links_its_first_articles(tmp_path: Path) -> None:
    days = []
    for n in range(serve.ARTICLES_SHOWN + 2):
        text = f"Министр обороны Армении Арам Тестян выступил в Ереване ({n + 1}-я встреча)."
        role = Role(article=f"c-{n}", person="Арам Тестян", position="министр обороны")
        role.country = "AM"
        role.evidence = _evidence(text, "Министр обороны Армении Арам Тестян")
        days.append((Article(id=f"c-{n}", text=text, published=f"2025-07-{n + 1:02d}"), [role]))
    path = tmp_path / "s.db"
    build_store(path, days)
    (row,) = browse_rows(path)
    assert row["sources"] == serve.ARTICLES_SHOWN + 2
    keys = dict(sqlite3.connect(path).execute("SELECT id, key FROM articles"))
    shown = [keys[int(a)] for a in row["articles"].split(",")]
    assert shown == [f"c-{n}" for n in range(serve.ARTICLES_SHOWN)]


def test_the_view_is_written_once_then_left_alone(store: Path) -> None:
    browse_rows(store)
    con = open_store(store, create=False)
    try:
        before = con.total_changes
        schema = con.execute("PRAGMA schema_version").fetchone()[0]
        serve.ensure_browse_view(con, store, TYPES)
        assert con.execute("PRAGMA schema_version").fetchone()[0] == schema
        assert con.total_changes == before
    finally:
        con.close()


def test_metadata_titles_facets_and_links(store: Path) -> None:
    browse_rows(store)
    con = sqlite3.connect(store)
    meta = serve.metadata(con, TYPES, "archive")
    tables = meta["databases"]["archive"]["tables"]
    browse = tables[serve.BROWSE]
    assert browse["title"] == "Все факты"
    assert browse["columns"]["states"] == "Государства"
    assert browse["columns"]["month"] == "Месяц"
    assert browse["facets"] == ["type", {"array": "states"}, {"array": "organizations"}, "month"]
    assert browse["svodka_links"] == {"fact": "facts", "articles": "articles"}
    assert browse["svodka_values"]["states"]["KZ"] == "Казахстан"
    assert browse["svodka_values"]["organizations"]["SCO"] == "ШОС"
    assert browse["svodka_values"]["type"]["meeting"] == "Встречи"
    role = tables["role_facts"]
    assert role["title"] == "Должности: факты"
    assert (role["columns"]["person"], role["columns"]["position"]) == ("Лицо", "Должность")
    assert role["facets"] == ["country", "organization", "month"]
    meeting = tables["meeting_facts"]
    assert "countries" not in meeting["facets"]  # a list: its joined values are no facet
    assert meeting["columns"]["countries"] == "Страны"
    assert meeting["svodka_values"]["countries"]["BY"] == "Беларусь"
    assert tables["event_facts"]["columns"]["participants"] == "Страны-участницы"
    assert tables["articles"]["title"] == "Статьи"
    assert tables["articles"]["label_column"] == "title"
    assert tables["articles"]["columns"]["key"] == "ID статьи"
    assert tables["runs"]["columns"]["articles_new"] == "Новых статей"
    english = serve.metadata(con, TYPES, "archive", "en")["databases"]["archive"]["tables"]
    assert english["role_facts"]["title"] == "Roles: facts"
    assert english[serve.BROWSE]["svodka_values"]["states"]["KZ"] == "Kazakhstan"
    assert english[serve.BROWSE]["svodka_values"]["type"]["role"] == "Roles"


def test_every_column_of_the_store_has_a_title(store: Path) -> None:
    browse_rows(store)
    meta = serve.metadata(sqlite3.connect(store), TYPES, "archive")
    untitled = [
        f"{table}.{column}"
        for table, entry in meta["databases"]["archive"]["tables"].items()
        for column, title in entry["columns"].items()
        if title == column
    ]
    assert untitled == []


def test_the_datasette_command_line(tmp_path: Path) -> None:
    args = serve.command(tmp_path / "s.db", tmp_path / "m.json", "127.0.0.1", 8123)
    assert args[:5] == [sys.executable, "-m", "datasette", "serve", str(tmp_path / "s.db")]
    assert args[args.index("--template-dir") + 1] == str(serve.TEMPLATES)
    assert (serve.TEMPLATES / "_table.html").is_file()
    assert args[args.index("--port") + 1] == "8123"


# -- refusals --------------------------------------------------------------------------------


def test_without_datasette_it_says_how_to_install_it(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "datasette_installed", lambda: False)
    before = store.read_bytes()
    result = CliRunner().invoke(cli, ["serve", "--store", str(store)])
    assert result.exit_code == 1
    assert "pip install 'svodka[web]'" in result.output
    assert store.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all\n" * 10, None])
def test_a_file_that_is_no_store_is_refused_unchanged(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "other.db"
    if content is None:
        sqlite3.connect(path).executescript("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["serve", "--store", str(path)])
    assert result.exit_code == 1
    assert "not an svodka store" in result.output
    assert path.read_bytes() == before


def test_a_run_holding_the_store_delays_the_first_serve_a_bounded_time(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SVODKA_STORE_TIMEOUT", "0.2")
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(cli, ["serve", "--store", str(store)])
        assert result.exit_code == 1
        assert "being written by another svodka run" in result.output
        assert serve.BROWSE in result.output
    finally:
        writer.execute("ROLLBACK")
    browse_rows(store)  # the view made: later a busy store is served as it is
    writer.execute("BEGIN IMMEDIATE")
    try:
        con = open_store(store, create=False)
        serve.ensure_browse_view(con, store, TYPES)  # nothing to write: no wait
        con.close()
    finally:
        writer.execute("ROLLBACK")


def test_a_missing_store_is_refused_and_not_created(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store" in result.output
    assert list(tmp_path.iterdir()) == []


# -- in a browser ----------------------------------------------------------------------------


def _tools() -> tuple[str, str]:
    """Chromium and its driver. Where apt-get can install them (as root: CI, whose .ci/run
    installs them) their absence is a failure; elsewhere the test is skipped."""
    browser = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("no chromium/chromedriver here, and apt-get cannot install them")
    pytest.fail("chromium or chromedriver missing: apt-get install -y chromium chromium-driver")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(store: Path) -> Iterator[str]:
    """``svodka serve`` on the store, on 127.0.0.1 at a free port; its base URL."""
    pytest.importorskip("datasette", reason="datasette (pip install 'svodka[web]')")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "svodka", "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    out = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"svodka serve did not start: {out}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    chromium, chromedriver = _tools()
    pytest.importorskip("selenium", reason="selenium (the test extra)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _table(driver: Any) -> tuple[list[str], list[dict[str, str]]]:
    """The headers shown and the rows (by column name) of the page's table."""
    from selenium.webdriver.common.by import By

    heads = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns thead th")
    names = [h.get_attribute("data-column") for h in heads]
    rows = []
    for tr in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        rows.append({n: c.text for n, c in zip(names, cells, strict=False)})
    return [h.text.replace("▼", "").replace("▲", "").strip() for h in heads], rows


def _json_rows(url: str) -> list[dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_the_page_reads_while_a_run_writes(server: str, store: Path) -> None:
    """datasette reads the store while a batch holds it open for writing: it shows what was
    committed before, and the batch's facts once it is committed."""
    url = f"{server}/archive/{serve.BROWSE}.json?_shape=array&_size=max"
    assert len(_json_rows(url)) == 4
    text = "Министр обороны Армении Арам Тестян прибыл в Ереван. Визит продлится два дня."
    article = Article(id="a-4", text=text, published="2025-05-01")
    role = Role(article="a-4", person="Арам Тестян", position="министр обороны", country="AM")
    role.evidence = _evidence(text, "Министр обороны Армении Арам Тестян")
    con = open_store(store)
    try:
        with Batch(con, store, Versions("test"), TYPES) as batch:
            batch.add(ArticleOutcome("a-4", article, [role]))
            assert len(_json_rows(url)) == 4  # the open batch is not seen, nor waited for
            batch.commit()
    finally:
        con.close()
    rows = _json_rows(url)
    assert len(rows) == 5
    assert "Арам Тестян · министр обороны · AM" in {r["description"] for r in rows}


def test_the_facts_page_filtered_by_one_state(server: str, browser: Any, store: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(f"{server}/archive/{serve.BROWSE}")
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Все факты")
    headers, rows = _table(driver)
    assert {"Тип", "Государства", "Организации", "Месяц", "Статьи"} <= set(headers)
    assert len(rows) == 4
    facet = driver.find_element(By.ID, "facet-states")
    assert facet.find_element(By.TAG_NAME, "strong").text.startswith("Государства")
    link = facet.find_element(By.LINK_TEXT, "Беларусь (BY)")
    link.click()
    WebDriverWait(driver, 30).until(ec.url_contains("states__arraycontains=BY"))
    _, rows = _table(driver)
    assert sorted(r["type"] for r in rows) == ["Встречи", "Соглашения"]
    shown = {r["type"]: r["states"] for r in rows}
    assert shown == {"Встречи": "Беларусь, Казахстан", "Соглашения": "Беларусь, Россия"}
    cells = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-states")
    assert sorted(c.get_attribute("data-codes") for c in cells) == ["BY,KZ", "BY,RU"]
    (plan,) = [r for r in rows if r["type"] == "Соглашения"]
    assert plan["description"].startswith("plan · план военного сотрудничества")
    # the type facet names the types; choosing one narrows the rows again
    facet = driver.find_element(By.ID, "facet-type")
    facet.find_element(By.LINK_TEXT, "Встречи").click()
    WebDriverWait(driver, 30).until(ec.url_contains("type=meeting"))
    _, rows = _table(driver)
    assert [r["type"] for r in rows] == ["Встречи"]
    driver.back()
    WebDriverWait(driver, 30).until(lambda d: "type=meeting" not in d.current_url)
    # a fact's article is a link to the article's row
    row = next(
        tr
        for tr in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        if "Соглашения" in tr.text
    )
    row.find_element(By.CSS_SELECTOR, "td.col-articles a").click()
    WebDriverWait(driver, 30).until(ec.url_contains("/archive/articles/"))
    assert "Беларусь и Россия подписали план" in driver.find_element(By.TAG_NAME, "body").text
