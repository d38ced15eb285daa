"""The store's schema: plain tables with foreign keys, one view per record type, a version.

A store is an SQLite file whose header carries svodka's application id
(:data:`APPLICATION_ID`, ``PRAGMA application_id``) and its schema version
(:data:`VERSION`, ``PRAGMA user_version``). :func:`check_header` reads both from the file's
first 100 bytes without opening it as a database, so a file that is not a store, or a store
of a newer svodka, is refused before anything could touch it. :data:`MIGRATIONS` lists the
steps from each version to the next; opening an older store applies the missing ones in the
transaction that sets the new version.

Tables (the README, "Store", documents each column):

- ``runs``: one row per batch: when, svodka's version, inputs, options, plugins, counts;
- ``articles``: one row per distinct text (its SHA-256 ``hash``): metadata, text, summary,
  status and problems, when read and with which versions;
- ``article_ids``: every id (and url, source) an article was read under: a re-crawl of the
  same text under another id is one article with two ids;
- ``records``: the records extracted from each article, their values as JSON;
- ``facts``: the consolidated facts across the whole store: the merged values, first and
  last seen, the runs that first and last reported them, the number of sources;
- ``failures``: inputs of a run that could not be read or processed;
- ``briefs``: the briefs made from the store (for ``--new-since last``).

Views ``<type>_facts`` and ``<type>_records`` (:func:`view_sql`) show every record type's
fields as flat columns (lists joined with "; "), so that ``sqlite3``, pandas or datasette
read the store without svodka; ``fact_sources`` joins facts to their articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

APPLICATION_ID = 0x73766B61  # "svka"
VERSION = 1
HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A store that cannot be used (not a store, too new, busy, unwritable); the message
    names the file and what to do."""


def check_header(path: Path) -> int:
    """The schema version of the store at ``path`` (0 for a missing or empty file, a new
    store), read from the file's header alone; :class:`StoreError` when the file is not an
    svodka store or was written by a newer svodka. Nothing is written."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return 0
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not an svodka store") from None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
    if not head:
        return 0
    if len(head) < 100 or not head.startswith(HEADER):
        raise StoreError(
            f"{path} is not an svodka store (not an SQLite database); it is left as it is"
        )
    app = int.from_bytes(head[68:72], "big")
    version = int.from_bytes(head[60:64], "big")
    if app != APPLICATION_ID:
        raise StoreError(
            f"{path} is an SQLite database but not an svodka store (application id {app:#x}); "
            "it is left as it is"
        )
    return _checked_version(path, version)


def _checked_version(path: Path, version: int) -> int:
    if version > VERSION:
        raise StoreError(
            f"{path} is a store of a newer svodka (schema version {version}; this svodka "
            f"knows versions up to {VERSION}): upgrade svodka to use it; it is left as it is"
        )
    return version


def check_connection(con: sqlite3.Connection, path: Path) -> int:
    """The same checks as :func:`check_header` on an open connection (the header may lag
    behind a write-ahead log): the schema version, or :class:`StoreError`. Reads only."""
    app = con.execute("PRAGMA application_id").fetchone()[0]
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app == 0 and version == 0 and tables == 0:
        return 0
    if app != APPLICATION_ID:
        raise StoreError(
            f"{path} is an SQLite database but not an svodka store (application id {app:#x}); "
            "it is left as it is"
        )
    return _checked_version(path, version)


_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    svodka_version TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '[]',
    options TEXT NOT NULL DEFAULT '{}',
    plugins TEXT NOT NULL DEFAULT '{}',
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_known INTEGER NOT NULL DEFAULT 0,
    articles_reextracted INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    facts_new INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    published TEXT,
    seen TEXT NOT NULL,
    url TEXT,
    language TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    summary TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('processed', 'partial', 'failed')),
    problems TEXT NOT NULL DEFAULT '[]',
    read_at TEXT NOT NULL,
    first_run INTEGER NOT NULL REFERENCES runs(id),
    last_run INTEGER NOT NULL REFERENCES runs(id),
    svodka_version TEXT NOT NULL,
    plugins TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_seen ON articles(seen);
CREATE UNIQUE INDEX articles_key ON articles(key);
CREATE TABLE article_ids (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    url TEXT,
    source TEXT,
    run INTEGER NOT NULL REFERENCES runs(id),
    PRIMARY KEY (article, id)
);
CREATE INDEX article_ids_id ON article_ids(id);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    exact TEXT,
    first TEXT NOT NULL,
    dates TEXT NOT NULL DEFAULT '[]',
    data TEXT NOT NULL,
    confidence REAL NOT NULL,
    date TEXT,
    first_seen TEXT,
    last_seen TEXT,
    first_run INTEGER REFERENCES runs(id),
    last_run INTEGER REFERENCES runs(id),
    sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX facts_key ON facts(type, key);
CREATE INDEX facts_exact ON facts(type, exact);
CREATE INDEX facts_seen ON facts(last_seen);
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    type TEXT NOT NULL,
    extractor TEXT NOT NULL,
    plugin TEXT,
    plugin_version TEXT,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    data TEXT NOT NULL,
    fact INTEGER REFERENCES facts(id)
);
CREATE INDEX records_article ON records(article, seq);
CREATE INDEX records_fact ON records(fact);
CREATE INDEX records_type ON records(type);
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE briefs (
    id INTEGER PRIMARY KEY,
    made TEXT NOT NULL,
    last_run INTEGER REFERENCES runs(id),
    options TEXT NOT NULL DEFAULT '{}',
    path TEXT
);
CREATE VIEW fact_sources AS
    SELECT DISTINCT r.fact AS fact, f.type AS type, a.id AS article, a.key AS article_key,
           a.title AS title, a.outlet AS outlet, a.published AS published, a.url AS url
    FROM records r JOIN facts f ON f.id = r.fact JOIN articles a ON a.id = r.article;
"""


def _script(con: sqlite3.Connection, script: str) -> None:
    """Each statement of ``script`` in the open transaction (``executescript`` would commit)."""
    for statement in script.split(";\n"):
        if statement.strip():
            con.execute(statement)


def _migrate_0_to_1(con: sqlite3.Connection) -> None:
    _script(con, _V1)


# MIGRATIONS[n] takes a store of version n to version n + 1 (inside the caller's transaction)
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_0_to_1]
assert len(MIGRATIONS) == VERSION


def migrate(con: sqlite3.Connection, version: int) -> None:
    """Bring a store of schema ``version`` to :data:`VERSION`, in the open transaction."""
    for step in MIGRATIONS[version:]:
        step(con)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {VERSION}")


# -- views ----------------------------------------------------------------------------------


def _column(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _flat(table: str, name: str, is_list: bool) -> str:
    path = "$." + _column(name)
    if is_list:
        return (
            f"(SELECT group_concat(value, '; ') FROM json_each({table}.data, '{path}'))"
            f" AS {_column(name)}"
        )
    return f"json_extract({table}.data, '{path}') AS {_column(name)}"


def view_sql(type_name: str, fields: Iterable[tuple[str, bool]]) -> list[str]:
    """The statements that (re)create a record type's views: ``<type>_facts`` (one row per
    consolidated fact: its fields, ``date``, ``month`` (of its date, else of when it was
    first seen: ``2026-03``), first and last seen, number of sources) and
    ``<type>_records`` (one row per record, with its article). ``fields``: (name, is a
    list) in declaration order."""
    fields = list(fields)
    names = {name for name, _ in fields}
    lit = "'" + type_name.replace("'", "''") + "'"
    facts = ", ".join(_flat("f", n, is_list) for n, is_list in fields)
    records = ", ".join(_flat("r", n, is_list) for n, is_list in fields)
    fv, rv = _column(f"{type_name}_facts"), _column(f"{type_name}_records")
    extra = "" if "date" in names else "f.date AS date, "
    return [
        f"DROP VIEW IF EXISTS {fv}",
        f"CREATE VIEW {fv} AS SELECT f.id AS fact, {facts}, {extra}"
        "substr(coalesce(f.date, f.first_seen), 1, 7) AS month, "
        "f.first_seen AS first_seen, f.last_seen AS last_seen, f.sources AS sources, "
        "round(f.confidence, 3) AS confidence "
        f"FROM facts f WHERE f.type = {lit}",
        f"DROP VIEW IF EXISTS {rv}",
        f"CREATE VIEW {rv} AS SELECT r.id AS record, r.record_id AS record_id, {records}, "
        "a.key AS article, a.published AS published, a.outlet AS outlet, a.url AS url, "
        "r.extractor AS extractor, round(r.confidence, 3) AS confidence, r.fact AS fact "
        f"FROM records r JOIN articles a ON a.id = r.article WHERE r.type = {lit}",
    ]


def ensure_views(con: sqlite3.Connection, types: Mapping[str, Iterable[tuple[str, bool]]]) -> None:
    """(Re)create the views of every record type in ``types`` (type name → fields), in the
    open transaction; views of types no longer known are kept."""
    existing = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
    for type_name, fields in types.items():
        statements = view_sql(type_name, fields)
        creates = statements[1::2]
        names = (f"{type_name}_facts", f"{type_name}_records")
        if all(existing.get(n) == sql for n, sql in zip(names, creates, strict=True)):
            continue  # unchanged: the schema is left alone, readers are not disturbed
        for statement in statements:
            con.execute(statement)
