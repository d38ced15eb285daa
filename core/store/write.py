"""Writing a batch (one ``svodka run``) into a store: one transaction, consolidated as it goes.

A :class:`Batch` opens its transaction when it starts (a second writer waits, then fails)
and commits it whole in :meth:`Batch.commit`; anything else (an exception, a signal,
``kill -9``) leaves the store as it was before the batch.

Articles are known by their text's SHA-256: the same text read again under another id or
url is the same article, with one more row in ``article_ids``. :meth:`Batch.known` tells
whether an article can be left unextracted: it is in the store, was processed, and neither
svodka nor a plugin that produced its records has changed version since (``reprocess``
forces extraction). An article extracted again has its records replaced.

Each record joins a consolidated fact of the whole store as
:func:`svodka.model.facts.consolidate` would join it: the same type's identity key
(:mod:`svodka.model.identity`), the same ``Identity.same`` test against the fact's first
record, and dates that agree with the fact's dates; among the 64 most recent facts of the
key (:data:`svodka.model.facts.SCAN`). At commit, every fact whose records changed is merged
again (:func:`svodka.model.facts.merge`) and its first and last seen dates (the earliest and
latest ``seen`` date of its articles: the publication date, else the day it was read),
runs and number of sources are recomputed; a fact left without records is removed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from svodka.model.article import Article
from svodka.model.facts import SCAN, fact_date, merge
from svodka.model.identity import date_match, filled
from svodka.model.records import COMMON_FIELDS, Record, type_rank
from svodka.pipeline import ArticleOutcome
from svodka.store.schema import StoreError, ensure_views
from svodka.store.store import busy, busy_error, transaction


@dataclass(frozen=True)
class Versions:
    """What extracts articles now: svodka's version, each plugin's version by name, and the
    plugin that registered each extractor (by extractor name)."""

    svodka: str
    plugins: Mapping[str, str | None] = field(default_factory=dict)
    owners: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, plugins: Any) -> Versions:
        """The versions of a :class:`svodka.manager.Plugins`."""
        from svodka import __version__

        return cls(
            __version__,
            {p.name: p.version for p in plugins.info()},
            {name: plugins.owner[("extractor", name)] for name in plugins.extractors},
        )


def text_hash(text: str) -> str:
    """The content hash of an article: SHA-256 of its text in UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def key_hash(key: Hashable) -> str:
    """A stable text for an identity key (tuples, frozensets, strings, numbers, None)."""
    return hashlib.sha1(
        json.dumps(_plain(key), ensure_ascii=False, sort_keys=True).encode("utf-8")
    ).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, (frozenset, set)):
        items = [_plain(v) for v in value]
        return {"set": sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False))}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Counts:
    """What a batch did, for the run's row and its summary line."""

    new: int = 0
    known: int = 0
    reextracted: int = 0
    failed: int = 0
    skipped: int = 0
    records: int = 0
    facts_new: int = 0

    def line(self, path: Path) -> str:
        """The summary line of the batch, naming the store."""
        again = f", {self.reextracted} extracted again" if self.reextracted else ""
        return (
            f"svodka: store {path}: {self.new} new articles, {self.known} already stored"
            f"{again}, {self.records} records, {self.facts_new} new facts"
        )


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _guarded(method: _Method) -> _Method:
    """An SQLite error in a batch's method (a full disk, a file gone read-only, another
    writer) becomes a :class:`StoreError` naming the store; the batch is rolled back by its
    context manager."""

    @functools.wraps(method)
    def guarded(self: Batch, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if busy(exc):
                raise busy_error(self.path, self._timeout) from None
            raise StoreError(f"cannot write the store {self.path}: {exc}") from None

    return guarded  # type: ignore[return-value]


class Batch:
    """One run's writes into an open store (see the module doc). Use as a context manager:
    the transaction is committed by :meth:`commit` and rolled back if the block raises or
    ends without committing."""

    def __init__(
        self,
        con: sqlite3.Connection,
        path: Path,
        versions: Versions,
        types: Mapping[str, type[Record]],
        inputs: Iterable[str] = (),
        options: Mapping[str, Any] | None = None,
        reprocess: bool = False,
        timeout: float = 30.0,
        started: dt.datetime | None = None,
    ) -> None:
        self.con, self.path, self.versions, self.types = con, path, versions, dict(types)
        self.reprocess, self.counts = reprocess, Counts()
        self._touched: set[int] = set()
        self._timeout = timeout
        self._started = (started or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        self._inputs, self._options = list(inputs), dict(options or {})
        self._open = False
        self.committed = False
        self.run_id = 0

    # -- the transaction ---------------------------------------------------------------------

    def __enter__(self) -> Batch:
        self._transaction = transaction(self.con, self.path, self._timeout)
        self._transaction.__enter__()
        self._open = True
        self.run_id = (
            self.con.execute(
                "INSERT INTO runs (started, svodka_version, inputs, options, plugins) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    self._started,
                    self.versions.svodka,
                    _json(self._inputs),
                    _json(self._options),
                    _json(dict(self.versions.plugins)),
                ),
            ).lastrowid
            or 0
        )
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if self._open:  # not committed: leave the store as it was
            self._open = False
            self._transaction.__exit__(kind or RuntimeError, exc or RuntimeError(), tb)

    def commit(self) -> Counts:
        """Merge the facts the batch touched, write the run's counts and views, commit."""
        if not self._open:
            raise StoreError(f"the batch on {self.path} is not open")
        try:
            self._refresh_facts()
            c = self.counts
            c.facts_new = self.con.execute(
                "SELECT count(*) FROM facts WHERE first_run = ?", (self.run_id,)
            ).fetchone()[0]
            self.con.execute(
                "UPDATE runs SET finished = ?, articles_new = ?, articles_known = ?, "
                "articles_reextracted = ?, failed = ?, skipped = ?, records = ?, facts_new = ? "
                "WHERE id = ?",
                (
                    _now(),
                    c.new,
                    c.known,
                    c.reextracted,
                    c.failed,
                    c.skipped,
                    c.records,
                    c.facts_new,
                    self.run_id,
                ),
            )
            ensure_views(self.con, view_fields(self.types))
            self._open = False
            self._transaction.__exit__(None, None, None)
            self.committed = True
        except sqlite3.Error as exc:
            self.__exit__(type(exc), exc, None)
            if busy(exc):
                raise busy_error(self.path, self._timeout) from None
            raise StoreError(f"cannot write the store {self.path}: {exc}") from None
        return self.counts

    # -- articles ----------------------------------------------------------------------------

    @_guarded
    def known(self, article: Article) -> int | None:
        """The store's row of ``article`` when it need not be extracted again, else None:
        the same text, processed without problems, by the same svodka and the same extractor
        plugins at the same versions (one added, removed or upgraded since changes what it
        gives), and no ``reprocess``. A text stored without a publication date and read now
        with one (``--date``) is extracted again, as its relative dates resolve against it;
        a re-crawl under another date keeps its first publication date. A known article
        read under a new id gets that id too."""
        if self.reprocess:
            return None
        row = self.con.execute(
            "SELECT id, status, svodka_version, plugins, published FROM articles WHERE hash = ?",
            (text_hash(article.text),),
        ).fetchone()
        if row is None:
            return None
        pk, status, version, plugins, published = row
        if status != "processed" or version != self.versions.svodka:
            return None
        if json.loads(plugins or "{}") != self._extractor_plugins():
            return None
        if not published and article.published:
            return None
        return int(pk)

    @_guarded
    def add_known(self, pk: int, article: Article) -> None:
        """Note that ``article`` (row ``pk``, not extracted again) was read by this run."""
        self._alias(pk, article)
        self.con.execute("UPDATE articles SET last_run = ? WHERE id = ?", (self.run_id, pk))
        self.con.execute(
            "UPDATE facts SET last_run = ? "
            "WHERE id IN (SELECT fact FROM records WHERE article = ?)",
            (self.run_id, pk),
        )
        self.counts.known += 1

    @_guarded
    def add(self, outcome: ArticleOutcome) -> None:
        """Write one outcome of the run: an article with its records (replacing those of an
        earlier extraction of the same text), a failed article, or a read failure."""
        article = outcome.article
        if article is None:
            self.con.execute(
                "INSERT INTO failures (run, source, reason, skipped) VALUES (?, ?, ?, ?)",
                (self.run_id, outcome.source, outcome.failure or "", int(outcome.skipped)),
            )
            if outcome.skipped:
                self.counts.skipped += 1
            else:
                self.counts.failed += 1
            return
        digest = text_hash(article.text)
        row = self.con.execute(
            "SELECT id, status, last_run FROM articles WHERE hash = ?", (digest,)
        ).fetchone()
        if row is not None and row[2] == self.run_id:  # the same text twice in one run
            self._alias(row[0], article)
            self.counts.known += 1
            return
        failed = outcome.failure is not None
        status = "failed" if failed else outcome.status
        problems = ([outcome.failure] if failed else []) + list(outcome.errors)
        values = {
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published,
            "url": article.url,
            "language": article.language,
            "meta": _json(dict(article.meta)),
            "summary": _json([e.to_dict() for e in outcome.summary]),
            "status": status,
            "problems": _json(problems),
            "read_at": _now(),
            "last_run": self.run_id,
            "svodka_version": self.versions.svodka,
            "plugins": _json(self._extractor_plugins()),
        }
        if row is None:
            values.update(
                hash=digest,
                key=self._free_key(article.id),
                seen=article.published or self._started[:10],
                text=article.text,
                first_run=self.run_id,
            )
            names = ", ".join(values)
            marks = ", ".join("?" * len(values))
            pk = self.con.execute(
                f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(values.values())
            ).lastrowid
            self.counts.new += 1
        else:
            pk = row[0]
            if failed and row[1] != "failed":
                # a failure does not undo what an earlier extraction of the same text found
                self._alias(pk, article)
                self.counts.failed += 1
                return
            self._drop_records(pk)
            if article.published:  # the date periods select by follows a new publication date
                values["seen"] = article.published
            sets = ", ".join(f"{name} = ?" for name in values)
            self.con.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), pk))
            self.counts.reextracted += 1
        assert pk is not None
        self._alias(pk, article)
        if failed:
            self.counts.failed += 1
            return
        for seq, record in enumerate(outcome.records):
            self._add_record(pk, seq, record)

    def _extractor_plugins(self) -> dict[str, str | None]:
        used = set(self.versions.owners.values())
        return {p: v for p, v in self.versions.plugins.items() if p in used}

    def _free_key(self, wanted: str) -> str:
        """``wanted``, or ``wanted~2``, ``~3``, ...: an article key no other article has."""
        key, n = wanted, 1
        while self.con.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone():
            n += 1
            key = f"{wanted}~{n}"
        return key

    def _alias(self, pk: int, article: Article) -> None:
        self.con.execute(
            "INSERT OR IGNORE INTO article_ids (article, id, url, source, run) "
            "VALUES (?, ?, ?, ?, ?)",
            (pk, article.id, article.url, article.source, self.run_id),
        )

    def _drop_records(self, pk: int) -> None:
        facts = [
            fact
            for (fact,) in self.con.execute(
                "SELECT DISTINCT fact FROM records WHERE article = ? AND fact IS NOT NULL", (pk,)
            ).fetchall()
        ]
        self._touched.update(facts)
        self.con.execute("DELETE FROM records WHERE article = ?", (pk,))
        for fact in facts:  # the dates its other records give, so that a new date may join it
            rows = self.con.execute(
                "SELECT type, data, confidence FROM records WHERE fact = ?", (fact,)
            ).fetchall()
            cls = self.types.get(rows[0][0]) if rows else None
            stored = [_record(cls, data, confidence) for _, data, confidence in rows] if cls else []
            self.con.execute(
                "UPDATE facts SET dates = ? WHERE id = ?", (_json(_dates(stored)), fact)
            )

    # -- records and facts ---------------------------------------------------------------------

    def _add_record(self, pk: int, seq: int, record: Record) -> None:
        values = record.values()
        fact = self._fact_for(record, values)
        plugin = self.versions.owners.get(record.extractor)
        self.con.execute(
            "INSERT INTO records (article, seq, record_id, type, extractor, plugin, "
            "plugin_version, confidence, evidence, news, data, fact) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pk,
                seq,
                record.id or record.make_id(),
                record.type,
                record.extractor,
                plugin,
                self.versions.plugins.get(plugin) if plugin else None,
                float(record.confidence),
                _json([e.to_dict() for e in record.evidence]),
                record.news,
                _json(values),
                fact,
            ),
        )
        self.counts.records += 1

    def _fact_for(self, record: Record, values: dict[str, Any]) -> int:
        """The fact ``record`` joins (created when none fits), with its dates updated."""
        identity = record.spec.identity
        date = fact_date(record)  # none when the type's date is only when it was stated
        sure = identity.exact(values)
        exact = key_hash(sure) if sure is not None else None
        key = key_hash(identity.key(values))
        candidates: list[tuple[int, str, str]] = []
        if exact is not None:
            candidates += self.con.execute(
                "SELECT id, first, dates FROM facts WHERE type = ? AND exact = ? "
                "ORDER BY id LIMIT 1",
                (record.type, exact),
            ).fetchall()
        candidates += self.con.execute(
            "SELECT id, first, dates FROM facts WHERE type = ? AND key = ? "
            "ORDER BY id DESC LIMIT ?",
            (record.type, key, SCAN),
        ).fetchall()
        for fact, first, dates in candidates:
            known_dates = json.loads(dates)
            if not identity.same(json.loads(first), values):
                continue
            if filled(date) and not all(date_match(d, date) for d in known_dates):
                continue
            if filled(date) and str(date) not in known_dates:
                self.con.execute(
                    "UPDATE facts SET dates = ? WHERE id = ?",
                    (_json([*known_dates, str(date)]), fact),
                )
            self._touched.add(fact)
            return fact
        created = self.con.execute(
            "INSERT INTO facts (type, key, exact, first, dates, data, confidence, first_run) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.type,
                key,
                exact,
                _json(values),
                _json([str(date)] if filled(date) else []),
                _json(values),
                float(record.confidence),
                self.run_id,  # a fact first found by this run is new in it, re-extraction or not
            ),
        ).lastrowid
        assert created is not None
        self._touched.add(created)
        return created

    def _refresh_facts(self) -> None:
        for fact in sorted(self._touched):
            rows = self.con.execute(
                "SELECT r.type, r.data, r.confidence, a.seen, a.first_run, a.last_run, a.id, "
                "r.news FROM records r JOIN articles a ON a.id = r.article WHERE r.fact = ? "
                "ORDER BY r.id",
                (fact,),
            ).fetchall()
            if not rows:
                self.con.execute("DELETE FROM facts WHERE id = ?", (fact,))
                continue
            cls = self.types.get(rows[0][0])
            sets: dict[str, Any] = {
                "first_seen": min(r[3] for r in rows),
                "last_seen": max(r[3] for r in rows),
                "last_run": max(r[5] for r in rows),
                "sources": len({r[6] for r in rows}),
                "confidence": max(r[2] for r in rows),
                # news when any report states it as news (or does not say), as select.is_news
                "news": int(any(r[7] is None or r[7] for r in rows)),
            }
            if cls is not None:
                stored = [_record(cls, data, confidence) for _, data, confidence, *_ in rows]
                sets["dates"] = _json(_dates(stored))
                merged = merge(stored)
                values = merged.values()
                sets["data"] = _json(values)
                date = values.get("date")
                sets["date"] = str(date) if filled(date) else None
            assignments = ", ".join(f"{name} = ?" for name in sets)
            self.con.execute(
                f"UPDATE facts SET {assignments}, first_run = coalesce(first_run, ?) WHERE id = ?",
                (*sets.values(), min(r[4] for r in rows), fact),
            )
        self._touched.clear()


def _dates(records: list[Record]) -> list[str]:
    """The distinct dates that tell a fact's records apart (none for a stated date)."""
    return list(dict.fromkeys(str(d) for r in records if filled(d := fact_date(r))))


def _record(cls: type[Record], data: str, confidence: float) -> Record:
    """A record rebuilt from its stored values (no article, no evidence)."""
    return cls.from_dict({**json.loads(data), "article": "", "confidence": confidence})


def view_fields(types: Mapping[str, type[Record]]) -> dict[str, list[tuple[str, bool]]]:
    """Each record type's fields and whether each is a list, for the views, in the one
    order of types."""
    import typing

    result: dict[str, list[tuple[str, bool]]] = {}
    for cls in sorted(types.values(), key=type_rank):
        hints = typing.get_type_hints(cls)
        fields = []
        for f in dataclasses.fields(cls):
            if f.name in COMMON_FIELDS:  # the views show those in columns of their own
                continue
            hint = hints.get(f.name)
            origin = typing.get_origin(hint)
            fields.append((f.name, origin is list or hint is list))
        result[cls.type] = fields
    return result


# -- a run into a store ----------------------------------------------------------------------


def incremental(
    batch: Batch,
    items: Iterable[Article | Any],
    extract: Callable[[Iterable[Article | Any]], Iterable[ArticleOutcome]],
) -> Iterator[ArticleOutcome]:
    """The outcomes of ``items`` (articles and read failures), in input order, each written
    into ``batch``: an article the store knows (:meth:`Batch.known`) is not given to
    ``extract`` but rebuilt from the store under its new id; the others go through
    ``extract`` (which keeps their order). Only the row numbers of known articles are held
    while ``extract`` reads ahead."""
    from svodka.store.query import load_outcome

    pending: deque[tuple[int, Article] | None] = deque()  # None: from ``extract``

    def fresh() -> Iterator[Article | Any]:
        for item in items:
            pk = batch.known(item) if isinstance(item, Article) else None
            if pk is None:
                pending.append(None)
                yield item
            else:
                light = dataclasses.replace(item, text="")  # the text is in the store
                pending.append((pk, light))

    def replay() -> Iterator[ArticleOutcome]:
        while pending and pending[0] is not None:
            pk, article = pending.popleft()  # type: ignore[misc]
            batch.add_known(pk, article)
            yield load_outcome(batch.con, pk, article, batch.types)

    for outcome in extract(fresh()):
        yield from replay()
        pending.popleft()
        batch.add(outcome)
        yield outcome
    yield from replay()


@contextmanager
def run_store(
    path: Path,
    plugins: Any,
    inputs: Iterable[str],
    options: Mapping[str, Any],
    reprocess: bool = False,
    timeout: float | None = None,
    staging: Path | None = None,
) -> Iterator[Batch]:
    """Open (or create) the store at ``path`` and a batch on it for one run; the caller
    commits it. When the batch is not committed, it is rolled back and a store file this run
    created is removed.

    ``staging``: a folder where a new store is built (the run's staging folder, on the
    store's filesystem) and moved to ``path`` once committed, so a run that fails leaves no
    new store behind, even when killed."""
    from svodka.store.store import default_timeout, open_store

    created = not os.path.lexists(path)
    work = staging / path.name if created and staging is not None else path
    seconds = default_timeout() if timeout is None else timeout
    con = open_store(work, seconds)
    batch: Batch | None = None
    try:
        batch = Batch(
            con,
            path,
            Versions.of(plugins),
            plugins.record_types,
            inputs,
            options,
            reprocess=reprocess,
            timeout=seconds,
        )
        with batch:
            yield batch
    finally:
        con.close()
        done = batch is not None and batch.committed
        if done and work != path:
            try:
                os.replace(work, path)
            except OSError as exc:
                raise StoreError(
                    f"cannot write the store {path}: {exc.strerror or exc}; this run's "
                    "outputs are written, its store is not"
                ) from None
        elif created and not done:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{work}{suffix}")
