"""``svodka serve``: a store in datasette, with titles, facets and links made for it.

datasette is an optional extra (``pip install 'svodka[web]'``) and runs as its own program
(``python -m datasette``), given

- a view :data:`BROWSE` ("Все факты"): one row per consolidated fact of every type, with
  its type's name, a readable line of its values, the states and organisations it concerns
  (JSON arrays, faceted as arrays), its month (of its date, else of when it was first seen,
  as in the store's ``<type>_facts`` views), first and last seen, the
  number of sources and the first :data:`ARTICLES_SHOWN` articles that report it (all of
  them are the records listed on the fact's own row page; a facet computes every row of
  the view, so it must stay cheap). :func:`ensure_browse_view` makes it in
  the store (one transaction, only when missing or out of date, like the store's own views);
- metadata (:func:`metadata`): Russian (or English) titles of tables and views and of their
  columns, from :mod:`svodka.report.labels` (the record types' own headers for their
  fields, ``store:`` keys of labels.tsv for the store's columns), facets by type, state,
  organisation and month, which columns link to which table (``svodka_links``) and the
  names of the codes of types, countries and organisations (``svodka_values``);
- templates (``serve_templates/``): column headers and facets show those titles, codes are
  shown by name, and the columns the metadata names link to the rows of the store's tables
  (a fact's articles, a record's fact).

Facts link to articles through foreign keys as well: ``records.article`` and ``records.fact``
are shown as links (an article by its title).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from svodka.model.records import COMMON_FIELDS, FIELD_KINDS, Record
from svodka.normalize.gazetteer import data_entries
from svodka.report import labels
from svodka.store.schema import StoreError
from svodka.store.store import default_timeout, open_store, transaction
from svodka.store.write import view_fields

BROWSE = "browse_facts"
TEMPLATES = Path(__file__).with_name("serve_templates")
INSTALL_HINT = "pip install 'svodka[web]'"
# datasette's own limits are made for small tables; a facet over a large store takes longer
SETTINGS = {
    "sql_time_limit_ms": "20000",
    "facet_time_limit_ms": "10000",
    "truncate_cells_html": "300",
    "default_page_size": "50",
    "suggest_facets": "off",
}
_STATE_KINDS = ("country",)
_ORGANIZATION_KINDS = ("organization",)
_PARTY = "party"  # a country code or an organisation id


class ServeError(Exception):
    """``svodka serve`` cannot start (datasette missing, not a store); the message says why."""


def datasette_installed() -> bool:
    """Whether datasette can be run by this Python."""
    return importlib.util.find_spec("datasette") is not None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _kinds(cls: type[Record]) -> dict[str, str]:
    """Each value field of a type with the kind it is shown as (person, country, ...)."""
    fields = [f.name for f in dataclasses.fields(cls) if f.name not in COMMON_FIELDS]
    return {n: cls.spec.kinds.get(n, FIELD_KINDS.get(n, "")) for n in fields}


def _values_of(
    types: Mapping[str, type[Record]], kinds: Iterable[str], party: str = ""
) -> list[str]:
    """SELECTs giving ``v``, every value of the fields of these kinds of the fact ``f`` (a
    list field gives each item, a single value itself), and of its ``party`` fields (a
    country code or an organisation id, told apart as svodka.report.tabular.entity_kind
    does) those for which the condition ``party`` holds."""
    wanted = set(kinds)
    by_field: dict[tuple[str, str], list[str]] = {}
    for name, cls in sorted(types.items()):
        for field, kind in _kinds(cls).items():
            if kind in wanted:
                by_field.setdefault((field, ""), []).append(name)
            elif kind == _PARTY and party:
                by_field.setdefault((field, party), []).append(name)
    selects = []
    for (field, condition), owners in sorted(by_field.items()):
        where = f"f.type IN ({', '.join(_literal(t) for t in owners)})"
        where += f" AND {condition}" if condition else ""
        selects.append(
            f"SELECT value AS v FROM json_each(f.data, {_literal('$.' + _quote(field))}) "
            f"WHERE {where}"
        )
    return selects


def _array(selects: list[str]) -> str:
    """A JSON array of the distinct non-null values the SELECTs give, in order."""
    if not selects:
        return "'[]'"
    union = " UNION ".join(selects)
    return (
        "(SELECT json_group_array(v) FROM "
        f"(SELECT v FROM ({union}) WHERE v IS NOT NULL AND v != '' ORDER BY v))"
    )


_COUNTRY = "value GLOB '[A-Z][A-Z]'"  # a party that is an ISO 3166-1 alpha-2 code
_DESCRIPTION = (
    "(SELECT group_concat(v, ' · ') FROM (SELECT CASE j.type WHEN 'array' THEN "
    "(SELECT group_concat(i.value, ', ') FROM json_each(j.value) i) "
    "ELSE j.value END AS v FROM json_each(f.data) j "
    "WHERE j.type NOT IN ('null', 'true', 'false')) WHERE v IS NOT NULL AND v != '')"
)
ARTICLES_SHOWN = 10  # a fact's articles linked from its row: the first ones stored
_ARTICLES = (
    "(SELECT group_concat(a, ',') FROM (SELECT DISTINCT r.article AS a FROM records r "
    f"WHERE r.fact = f.id LIMIT {ARTICLES_SHOWN}))"
)


def browse_sql(types: Mapping[str, type[Record]]) -> str:
    """The ``CREATE VIEW`` statement of :data:`BROWSE` for these record types (it holds
    codes, not names: the metadata names them in the language served)."""
    states = _array(_values_of(types, _STATE_KINDS, _COUNTRY))
    organizations = _array(_values_of(types, _ORGANIZATION_KINDS, f"NOT {_COUNTRY}"))
    return (
        f"CREATE VIEW {_quote(BROWSE)} AS SELECT f.id AS fact, f.type AS type, "
        f"{_DESCRIPTION} AS description, {states} AS states, "
        f"{organizations} AS organizations, f.date AS date, "
        "substr(coalesce(f.date, f.first_seen), 1, 7) AS month, f.first_seen AS first_seen, "
        f"f.last_seen AS last_seen, f.sources AS sources, {_ARTICLES} AS articles FROM facts f"
    )


def _view_exists(con: Any) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?"
    return con.execute(query, (BROWSE,)).fetchone() is not None


def ensure_browse_view(con: Any, path: Path, types: Mapping[str, type[Record]]) -> None:
    """Create (or bring up to date) the view :data:`BROWSE` in the store, in one
    transaction; nothing is written when it is already as it should be."""
    sql = browse_sql(types)
    row = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", (BROWSE,)
    ).fetchone()
    if row and row[0] == sql:
        return
    with transaction(con, path, default_timeout()):
        con.execute(f"DROP VIEW IF EXISTS {_quote(BROWSE)}")
        con.execute(sql)


# -- metadata -------------------------------------------------------------------------------


def _maybe(key: str, lang: str) -> str:
    try:
        return labels.text(key, lang)
    except KeyError:
        return ""


def _column_title(table: str, column: str, cls: type[Record] | None, lang: str) -> str:
    """A column's title: ``store:column:<table>.<column>``; for a field of the record type
    the view shows, the type's header for it; then ``store:column:<column>``, the tables'
    ``column:<column>``, else the column's name."""
    if title := _maybe(f"store:column:{table}.{column}", lang):
        return title
    if cls is not None and column in _kinds(cls) and column not in COMMON_FIELDS:
        return labels.column_header(cls, column, lang)
    return _maybe(f"store:column:{column}", lang) or _maybe(f"column:{column}", lang) or column


def _type_of(name: str, types: Mapping[str, type[Record]]) -> tuple[type[Record] | None, str]:
    """The record type a ``<type>_facts`` or ``<type>_records`` view shows, and which of
    the two it is ("facts", "records"); (None, "") for any other table."""
    for suffix in ("facts", "records"):
        stem = name.removesuffix(f"_{suffix}")
        if stem != name and stem in types:
            return types[stem], suffix
    return None, ""


_NAMED = ("country", "organization", _PARTY)


@cache
def _names(kind: str, lang: str) -> dict[str, str]:
    """Readable names of the values of a kind of field: countries by ISO code (every code
    pycountry knows), organisations by id (svodka's gazetteer), parties both."""
    import pycountry

    names: dict[str, str] = {}
    if kind in ("country", _PARTY):
        names.update((c.alpha_2, labels.country_name(c.alpha_2, lang)) for c in pycountry.countries)
    if kind in ("organization", _PARTY):
        ids = sorted({e.value for e in data_entries("organizations.tsv")})
        names.update((i, labels.organization_name(i, lang)) for i in ids)
    return {value: name for value, name in names.items() if name and name != value}


# the facets and links of the store's own tables, by table name
_FACETS: dict[str, list[Any]] = {
    BROWSE: ["type", {"array": "states"}, {"array": "organizations"}, "month"],
    "facts": ["type"],
    "articles": ["outlet", "status", "language"],
    "records": ["type", "extractor"],
    "fact_sources": ["type", "outlet"],
    "failures": ["run"],
}
_LINKS: dict[str, dict[str, str]] = {
    BROWSE: {"fact": "facts", "articles": "articles"},
    "fact_sources": {"fact": "facts", "article": "articles"},
}
_SORT_DESC = {BROWSE: "last_seen", "runs": "id", "briefs": "id"}


def metadata(
    con: Any, types: Mapping[str, type[Record]], database: str, lang: str = "ru"
) -> dict[str, Any]:
    """datasette's metadata for the store open as ``con`` (served as ``database``): titles
    of the tables and views and of their columns, facets, sort orders and links."""
    labels.check_lang(lang)
    tables: dict[str, Any] = {}
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for (name,) in rows:
        cls, suffix = _type_of(name, types)
        if cls is not None:
            title = labels.text(f"store:table:type_{suffix}", lang).format(
                type=labels.type_name(cls, lang)
            )
        else:
            title = _maybe(f"store:table:{name}", lang) or name
        columns = [c[1] for c in con.execute(f"PRAGMA table_info({_quote(name)})")]
        entry: dict[str, Any] = {
            "title": title,
            "columns": {c: _column_title(name, c, cls, lang) for c in columns},
        }
        facets = _FACETS.get(name)
        links = _LINKS.get(name, {})
        named: dict[str, str] = {}
        if name == BROWSE:
            named = {"states": "country", "organizations": "organization"}
        if cls is not None:
            kinds = _kinds(cls)
            lists = dict(view_fields({cls.type: cls})[cls.type])
            named = {c: kinds[c] for c in columns if c in lists and kinds.get(c) in _NAMED}
            facets = [c for c in named if not lists[c]]
            facets += [c for c in ("month",) if c in columns]
            links = {"fact": "facts"}
        if facets:
            entry["facets"] = facets
        if links:
            entry["svodka_links"] = {c: t for c, t in links.items() if c in columns}
        values = {c: _names(kind, lang) for c, kind in named.items()}
        if "type" in columns and name in (BROWSE, "facts", "records", "fact_sources"):
            values["type"] = {t: labels.type_name(c, lang) for t, c in sorted(types.items())}
        if values:
            entry["svodka_values"] = values
        if name in _SORT_DESC:
            entry["sort_desc"] = _SORT_DESC[name]
        if name == "articles":
            entry["label_column"] = "title"
        tables[name] = entry
    return {
        "title": labels.text("store:title", lang),
        "description": labels.text("store:description", lang),
        "databases": {database: {"title": labels.text("store:title", lang), "tables": tables}},
    }


# -- serving --------------------------------------------------------------------------------


def command(store: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    """The datasette command line that serves ``store`` with this metadata."""
    args = [sys.executable, "-m", "datasette", "serve", str(store)]
    args += ["--metadata", str(metadata_file), "--template-dir", str(TEMPLATES)]
    args += ["--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    return args


def serve(
    store: Path,
    types: Mapping[str, type[Record]],
    host: str = "127.0.0.1",
    port: int = 8001,
    lang: str = "ru",
) -> int:
    """Serve ``store`` with datasette until it stops (Ctrl-C); its exit status.

    :class:`ServeError` when datasette is not installed or ``store`` is no store (nothing
    is then written to it)."""
    if not datasette_installed():
        raise ServeError(f"svodka serve needs datasette, an optional extra: {INSTALL_HINT}")
    try:
        con = open_store(store, create=False)
    except StoreError as exc:
        raise ServeError(str(exc)) from None
    try:
        try:
            ensure_browse_view(con, store, types)
        except StoreError as exc:  # a run holds the store longer than a writer waits
            if not _view_exists(con):
                raise ServeError(f"{exc} (svodka serve adds the view {BROWSE} first)") from None
            print(f"svodka: {exc}; the view {BROWSE} is served as it was", file=sys.stderr)
        meta = metadata(con, types, store.stem, lang)
    finally:
        con.close()
    with tempfile.TemporaryDirectory(prefix="svodka-serve-") as folder:
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
        process = subprocess.Popen(command(store, metadata_file, host, port))
        try:
            return process.wait()
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
