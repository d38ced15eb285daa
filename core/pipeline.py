"""The flow of a run: read → parse → extract → normalise → records, one article at a time.

:func:`process_article` is a pure step from an article to its records: it reads no files
and keeps no state between articles, so runs can be spread over processes or resumed
from a store without changing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from svodka.article import Article
from svodka.budget import ENVIRONMENT, OverBudget, budget_seconds, limit
from svodka.components import Extractor, InputError
from svodka.normalize.lexicon import Lexicon
from svodka.normalize.records import finalise
from svodka.parse import ParsedArticle, parse
from svodka.records import Evidence, Record
from svodka.summarize import summarize

if TYPE_CHECKING:
    from svodka.manager import Plugins


@dataclass
class ArticleOutcome:
    """What became of one input item: an article with its records, or a read failure.

    ``errors`` lists extractor failures ("extractor 'x' failed on article 'y': ..."); the
    records of the other extractors are kept.
    """

    source: str
    article: Article | None = None
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failure: str | None = None
    summary: list[Evidence] = field(default_factory=list)  # whole sentences, in text order

    @property
    def status(self) -> str:
        if self.failure is not None:
            return "failed"
        return "partial" if self.errors else "processed"


@dataclass
class Run:
    """The result of a run, as exporters get it.

    ``outcomes`` may live on disk (:class:`svodka.spool.Spool`): iterate it as often as
    needed, but keep only what you need, so that memory does not grow with the run.
    """

    outcomes: Collection[ArticleOutcome]
    inputs: list[str] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    plugins: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    # the run's plugin manager, for exporters that render plugins' fact templates
    manager: Plugins | None = field(default=None, repr=False, compare=False)

    @property
    def articles(self) -> Iterator[Article]:
        """Every article read, in input order (a new pass over the outcomes each time)."""
        return (o.article for o in self.outcomes if o.article is not None)

    @property
    def records(self) -> Iterator[Record]:
        """Every record, in input order (a new pass over the outcomes each time)."""
        return (r for o in self.outcomes for r in o.records)

    @property
    def problems(self) -> list[str]:
        """Every input that failed and every plugin error, one message each."""
        messages = []
        for o in self.outcomes:
            if o.failure is not None:
                messages.append(o.failure)
            messages.extend(o.errors)
        return messages


def extract(
    doc: ParsedArticle, extractors: Iterable[Extractor], owners: Mapping[str, str] | None = None
) -> tuple[list[Record], list[str]]:
    """Run every extractor on one parsed article, each isolated from the others' failures.

    ``owners`` maps extractor names to the plugins that registered them, for messages.
    """
    records: list[Record] = []
    errors: list[str] = []
    for extractor in extractors:
        try:
            found = list(extractor.extract(doc))
        except Exception as exc:  # noqa: BLE001 - a plugin's bug costs only its own records
            plugin = (owners or {}).get(extractor.name, type(extractor).__module__)
            errors.append(
                f"extractor {extractor.name!r} of plugin {plugin!r} failed on article "
                f"{doc.article.id!r}: {type(exc).__name__}: {exc}"
            )
            continue
        for record in found:
            record.extractor = record.extractor or extractor.name
            records.append(record)
    return records, errors


def process_article(
    article: Article,
    extractors: Iterable[Extractor],
    lexicon: Lexicon,
    owners: Mapping[str, str] | None = None,
) -> ArticleOutcome:
    """One article to its records: parse once, extract, normalise. Pure: no I/O."""
    doc = parse(article, lexicon)
    records, errors = extract(doc, extractors, owners)
    records = finalise(records, doc)
    return ArticleOutcome(
        article.source or article.id, article, records, errors, summary=summarize(doc, records)
    )


def process(
    items: Iterable[Article | InputError],
    extractors: Iterable[Extractor],
    lexicon: Lexicon,
    owners: Mapping[str, str] | None = None,
    time_limit: float | None = None,
) -> Iterator[ArticleOutcome]:
    """Outcomes for a stream of articles and read failures, in input order.

    Each article gets ``time_limit`` seconds (default: :func:`svodka.budget.budget_seconds`,
    ``SVODKA_TIME_LIMIT`` or 60; 0 for none): one that takes longer fails with a message
    naming it and the budget, and the next one is processed.
    """
    extractors = list(extractors)
    seconds = budget_seconds() if time_limit is None else time_limit
    if seconds:
        lexicon.kinds()  # the gazetteers are built once, before any article's budget starts
    for item in items:
        if isinstance(item, InputError):
            yield ArticleOutcome(item.where, failure=str(item))
            continue
        where = item.source or item.id
        try:
            with limit(seconds):
                outcome = process_article(item, extractors, lexicon, owners)
        except OverBudget:
            outcome = ArticleOutcome(
                where,
                item,
                failure=f"{where}: article {item.id!r} skipped: not processed within the time "
                f"budget of {seconds:g} s per article (set {ENVIRONMENT} to change it)",
            )
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the run
            outcome = ArticleOutcome(
                where, item, failure=f"{where}: cannot be processed ({type(exc).__name__}: {exc})"
            )
        yield outcome
