"""Reading a store: outcomes of stored articles, selections of a period, country and type,
a store-backed :class:`svodka.pipeline.Run` for the exporters, and people's roles.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svodka.model.article import Article
from svodka.model.facts import Fact
from svodka.model.records import FIELD_KINDS, Evidence, Record, type_rank
from svodka.pipeline import ArticleOutcome, Run
from svodka.store.schema import StoreError
from svodka.store.store import open_store, transaction

_ARTICLE = "key, title, outlet, published, url, language, meta, summary, status, problems, text"


def _evidence(data: str) -> list[Evidence]:
    return [Evidence(**e) for e in json.loads(data)]


def stored_records(
    con: sqlite3.Connection, pk: int, article_id: str, types: Mapping[str, type[Record]]
) -> list[Record]:
    """The records of the stored article ``pk``, as of the article ``article_id`` (their ids
    made for it, as its own extraction would make them); records of types no longer known
    are left out."""
    records = []
    for type_name, extractor, confidence, evidence, news, data in con.execute(
        "SELECT type, extractor, confidence, evidence, news, data FROM records WHERE article = ? "
        "ORDER BY seq",
        (pk,),
    ):
        if type_name not in types:
            continue
        values = json.loads(data)
        values.update(article=article_id, extractor=extractor, confidence=confidence)
        values["evidence"] = json.loads(evidence)
        record = types[type_name].from_dict(values)
        record.news = None if news is None else bool(news)
        record.id = record.make_id()
        records.append(record)
    return records


def load_outcome(
    con: sqlite3.Connection, pk: int, article: Article, types: Mapping[str, type[Record]]
) -> ArticleOutcome:
    """The outcome of a stored article read again as ``article`` (its id, url and source;
    the stored metadata fills what it lacks, and its first publication date, which its
    records were dated by, stays): its records, summary and problems."""
    row = con.execute(f"SELECT {_ARTICLE} FROM articles WHERE id = ?", (pk,)).fetchone()
    (_, title, outlet, published, url, language, meta, summary, _, problems, text) = row
    stored = Article(
        id=article.id,
        text=text,
        title=article.title or title,
        outlet=article.outlet or outlet,
        published=published or article.published,
        url=article.url or url,
        language=language or article.language,
        source=article.source,
        meta={**json.loads(meta), **article.meta},
    )
    return ArticleOutcome(
        article.source or article.id,
        stored,
        stored_records(con, pk, article.id, types),
        errors=list(json.loads(problems)),
        summary=_evidence(summary),
    )


# -- selections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What a brief or table of the store covers: articles whose date (the publication
    date, else the day they were read) falls in ``start``..``end`` (ISO dates, inclusive,
    either open), records and facts of ``types`` naming one of ``countries`` (empty: any).
    Facts first seen after ``new_since`` (an ISO date), or first stored by a run after
    ``new_since_run``, are new."""

    start: str | None = None
    end: str | None = None
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    new_since: str | None = None
    new_since_run: int | None = None

    def period_sql(self, alias: str = "a") -> tuple[str, list[str]]:
        """A condition on the articles' ``seen`` date, with its parameters. A partial date
        is in the period when any day of it is (``2025-10`` is in ``2025-10-15..``)."""
        conditions, params = [], []
        if self.start:
            # the last day a partial date may stand for: 2025 -> 2025-12-31, 2025-10 -> 2025-10-31
            conditions.append(
                f"{alias}.seen >= ? AND "  # the year first: a range on the index
                f"({alias}.seen || substr('-12-31', length({alias}.seen) - 3)) >= ?"
            )
            params += [self.start[:4], self.start]
        if self.end:
            conditions.append(f"{alias}.seen <= ?")
            params.append(last_day(self.end))
        return (" AND ".join(conditions) or "1"), params

    def fits(self, record: Record) -> bool:
        """Whether a record (or a fact's merged record) is of the selected types and
        countries."""
        if self.types and record.type not in self.types:
            return False
        return not self.countries or bool(countries_of(record) & set(self.countries))

    @property
    def narrowed(self) -> bool:
        return bool(self.types or self.countries)


def countries_of(record: Record) -> set[str]:
    """The country codes a record names, in any field shown as a country or a party
    (upper case)."""
    found = set()
    kinds = record.spec.kinds
    for name, value in record.values().items():
        kind = kinds.get(name) or FIELD_KINDS.get(name)
        if kind not in ("country", "party") or value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.add(item.upper())
    return found


class _StoredRecords(list[Record]):
    """An article's records read from the store on each pass, never held (the exporters
    iterate ``outcome.records``; a list, so that code expecting one works)."""

    def __init__(self, source: StoreRun, pk: int, key: str) -> None:
        super().__init__()
        self._source, self._pk, self._key = source, pk, key

    def _load(self) -> list[Record]:
        return [
            r
            for r in stored_records(self._source.con, self._pk, self._key, self._source.types)
            if self._source.selection.fits(r)
        ]

    def __iter__(self) -> Iterator[Record]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index: Any) -> Any:
        return self._load()[index]

    def __repr__(self) -> str:
        return f"<records of stored article {self._key!r}>"


class _StoredOutcomes(Collection[ArticleOutcome]):
    """The selected articles of a store as outcomes, read on each pass (in the order of
    their dates, undated last, then by key)."""

    def __init__(self, source: StoreRun) -> None:
        self._source = source
        self._count: int | None = None

    def _rows(self) -> Iterator[tuple]:
        source = self._source
        where, params = source.selection.period_sql()
        cursor = source.con.cursor()  # its own cursor: passes may interleave
        cursor.execute(
            "SELECT a.id, a.key, a.title, a.outlet, a.published, a.url, a.language, a.meta, "
            "a.summary, a.status, a.problems FROM articles a "
            f"WHERE {where} ORDER BY a.published IS NULL, a.published, a.key",
            params,
        )
        wanted = source.wanted_articles()
        for row in cursor:
            if wanted is None or row[0] in wanted:
                yield row

    def __iter__(self) -> Iterator[ArticleOutcome]:
        source = self._source
        for (
            pk,
            key,
            title,
            outlet,
            published,
            url,
            language,
            meta,
            summary,
            status,
            problems,
        ) in self._rows():
            article = Article(
                id=key,
                text="",
                title=title,
                outlet=outlet,
                published=published,
                url=url,
                language=language or "ru",
                source=str(source.path),
                meta=json.loads(meta),
            )
            errors = list(json.loads(problems))
            failure = errors.pop(0) if status == "failed" and errors else None
            outcome = ArticleOutcome(
                key, article, errors=errors, failure=failure, summary=_evidence(summary)
            )
            outcome.records = _StoredRecords(source, pk, key)
            yield outcome

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _ in self._rows())
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(item == o for o in self)


class StoreRun(Run):
    """A run whose outcomes are the selected articles of a store, read lazily from SQL, and
    whose facts are the store's consolidated facts (:meth:`facts`): memory grows with what
    the exporters keep of the selection, not with the store. Articles are known by their
    key (their first id; ``~2`` ... when another article had it) and come without text."""

    def __init__(
        self,
        con: sqlite3.Connection,
        path: Path,
        selection: Selection,
        types: Mapping[str, type[Record]],
        **kwargs: Any,
    ) -> None:
        super().__init__(outcomes=[], **kwargs)
        self.con, self.path, self.selection, self.types = con, path, selection, dict(types)
        self._wanted: set[int] | None = None
        self._wanted_done = False
        self.outcomes = _StoredOutcomes(self)
        self.facts = self.stored_facts
        self.roles = lambda: roles(self.con, self.selection, self.types)
        self.covered: int | None = None  # the last run the snapshot holds (open_selection)

    def wanted_articles(self) -> set[int] | None:
        """The row numbers of the period's articles with a record of the selected types and
        countries; None when every article of the period is selected."""
        if not self.selection.narrowed:
            return None
        if not self._wanted_done:
            where, params = self.selection.period_sql()
            wanted: set[int] = set()
            for pk, type_name, data in self.con.execute(
                "SELECT r.article, r.type, r.data FROM records r JOIN articles a "
                f"ON a.id = r.article WHERE {where}",
                params,
            ):
                if pk in wanted or (self.selection.types and type_name not in self.selection.types):
                    continue
                cls = self.types.get(type_name)
                if cls is not None and self.selection.fits(_bare(cls, data)):
                    wanted.add(pk)
            self._wanted, self._wanted_done = wanted, True
        return self._wanted

    def stored_facts(self) -> list[Fact]:
        """The store's facts reported by the selected articles, of the selected types and
        countries: each with its merged record, its sources among the selected articles
        (their keys), first and last seen dates and whether it is new; in the order of
        :func:`svodka.model.facts.consolidate`, but new facts first within each type."""
        where, params = self.selection.period_sql()
        wanted = self.wanted_articles()
        sources: dict[int, list[str]] = {}
        for fact, key, pk in self.con.execute(
            "SELECT r.fact, a.key, a.id FROM articles a JOIN records r ON r.article = a.id "
            f"WHERE {where} AND r.fact IS NOT NULL "
            "ORDER BY a.published IS NULL, a.published, a.key, r.seq",
            params,
        ):
            if wanted is not None and pk not in wanted:
                continue
            keys = sources.setdefault(fact, [])
            if key not in keys:
                keys.append(key)
        found: list[tuple[int, Fact]] = []
        ids = sorted(sources)
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ", ".join("?" * len(chunk))
            for (
                fid,
                type_name,
                data,
                confidence,
                first_seen,
                last_seen,
                first_run,
                news,
            ) in self.con.execute(
                "SELECT id, type, data, confidence, first_seen, last_seen, first_run, news "
                f"FROM facts WHERE id IN ({marks})",
                chunk,
            ):
                cls = self.types.get(type_name)
                if cls is None:
                    continue
                record = _bare(cls, data, sources[fid][0], confidence)
                if not self.selection.fits(record):
                    continue
                record.id = record.make_id()
                record.news = None if news is None else bool(news)
                fact = Fact(type_name, record, sources[fid])
                fact.first_seen, fact.last_seen = first_seen, last_seen
                fact.new = self._is_new(first_seen, first_run)
                found.append((fid, fact))
        found.sort(key=lambda item: item[0])  # first stored first, as consolidation orders
        facts = [fact for _, fact in found]
        facts.sort(key=lambda f: str(getattr(f.record, "date", None) or ""), reverse=True)
        facts.sort(key=lambda f: not f.new)
        facts.sort(key=lambda f: type_rank(type(f.record)))
        return facts

    def _is_new(self, first_seen: str | None, first_run: int | None) -> bool:
        s = self.selection
        if s.new_since_run is not None:
            return first_run is not None and first_run > s.new_since_run
        if s.new_since is not None:
            return first_seen is not None and first_seen > last_day(s.new_since)
        return False


def last_day(date: str) -> str:
    """The last day an ISO date may stand for: ``2025`` → ``2025-12-31``, ``2025-10`` →
    ``2025-10-31`` (a day past the month's end compares the same)."""
    return date + "-12-31"[len(date) - 4 :] if len(date) in (4, 7) else date


def _bare(cls: type[Record], data: str, article: str = "", confidence: float = 0.5) -> Record:
    """A record of ``cls`` from its stored values."""
    return cls.from_dict({**json.loads(data), "article": article, "confidence": confidence})


# -- opening a selection ---------------------------------------------------------------------


@contextmanager
def open_selection(
    path: Path,
    start: str | None,
    end: str | None,
    countries: Iterable[str],
    types: Iterable[str],
    new_since: str | None,
    plugins: Any,
    options: Mapping[str, Any],
) -> Iterator[StoreRun]:
    """A :class:`StoreRun` of the store at ``path`` (which must exist) for the selection;
    ``new_since``: an ISO date, ``last`` (since the previous brief the store remembers; with
    none, every fact is new) or None. Raises :class:`StoreError` for a bad store or date."""
    from svodka.read.metadata import iso_date

    con = open_store(path, create=False)
    try:
        since_date, since_run = None, None
        if new_since is not None and new_since.strip().lower() == "last":
            row = con.execute("SELECT last_run FROM briefs ORDER BY id DESC LIMIT 1").fetchone()
            since_run = (row[0] or 0) if row else 0
        elif new_since is not None:
            since_date = iso_date(new_since)
            if since_date is None:
                raise StoreError(f"--new-since {new_since!r} is neither an ISO date nor 'last'")
        selection = Selection(
            start,
            end,
            tuple(c.upper() for c in countries),
            tuple(types),
            since_date,
            since_run,
        )
        # one read transaction: every query sees the store as it was now, though a run
        # commits meanwhile (WAL keeps that snapshot for us)
        con.execute("BEGIN")
        # the last run the snapshot holds: what a brief of it covers (--new-since last)
        (covered,) = con.execute("SELECT max(id) FROM runs WHERE finished IS NOT NULL").fetchone()
        run = StoreRun(
            con,
            path,
            selection,
            plugins.record_types,
            inputs=[str(path)],
            plugins=[p.to_dict() for p in plugins.info()],
            options=dict(options),
            manager=plugins,
        )
        run.covered = covered
        yield run
    finally:
        if con.in_transaction:
            con.execute("ROLLBACK")
        con.close()


REMEMBER_TIMEOUT = 2.0  # seconds a brief waits to note itself while a run writes


def remember_brief(run: StoreRun, output: Path) -> str | None:
    """Note in the store that a brief of ``run``'s selection was made now, for a later
    ``--new-since last``; a note for the user when a run holds the store too long (the
    brief is written all the same), else None."""
    s = run.selection
    con = run.con
    if con.in_transaction:
        con.execute("COMMIT")  # the brief's read snapshot ends here
    con.execute(f"PRAGMA busy_timeout = {int(REMEMBER_TIMEOUT * 1000)}")
    try:
        with transaction(con, run.path, REMEMBER_TIMEOUT):
            con.execute(
                "INSERT INTO briefs (made, last_run, options, path) VALUES (?, ?, ?, ?)",
                (
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    run.covered,
                    json.dumps(
                        {
                            "from": s.start,
                            "to": s.end,
                            "countries": list(s.countries),
                            "types": list(s.types),
                            "new_since": s.new_since,
                            "new_since_run": s.new_since_run,
                        }
                    ),
                    str(output),
                ),
            )
    except StoreError:
        return (
            f"the store {run.path} is being written by a run: this brief is not remembered "
            "as the previous one (for --new-since last)"
        )
    return None


def roles(
    con: sqlite3.Connection,
    selection: Selection | None = None,
    types: Mapping[str, type[Record]] | None = None,
) -> Iterator[tuple[Record, str | None]]:
    """Every role record of the store's articles in ``selection`` (default: all), each with
    its article's publication date (None when unknown: the day it was read would make an
    old post look current), oldest first,
    streamed: the input of :mod:`svodka.model.people` (``svodka people --store``). Records
    are known by their article's key."""
    from svodka.model.records import Role

    cls = (types or {}).get("role", Role)
    selection = selection or Selection()
    where, params = selection.period_sql()
    cursor = con.cursor()
    cursor.execute(
        "SELECT r.data, r.extractor, r.confidence, r.evidence, r.news, a.key, a.published "
        "FROM records r "
        f"JOIN articles a ON a.id = r.article WHERE r.type = 'role' AND {where} "
        "ORDER BY a.seen, a.key, r.seq",
        params,
    )
    for data, extractor, confidence, evidence, news, key, published in cursor:
        values = json.loads(data)
        values.update(article=key, extractor=extractor, confidence=confidence)
        values["evidence"] = json.loads(evidence)
        record = cls.from_dict(values)
        record.news = None if news is None else bool(news)
        if selection.fits(record):
            record.id = record.make_id()
            yield record, published
