"""The flow of a run: read → parse → extract → normalise → records, one article at a time.

:func:`process_article` is a pure step from an article to its records: it reads no files
and keeps no state between articles, so runs can be spread over processes or resumed
from a store without changing it.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from svodka.components import STOPS, Extractor, InputError, describe
from svodka.model.article import Article
from svodka.model.records import Evidence, Record, record_problem
from svodka.normalize.lexicon import Lexicon
from svodka.normalize.records import finalise
from svodka.report.summarize import summarize
from svodka.run.budget import ENVIRONMENT, OverBudget, budget_seconds, checked, limit
from svodka.text.parse import ParsedArticle, parse

if TYPE_CHECKING:
    from svodka.manager import Plugins
    from svodka.model.facts import Fact

MAX_RECORDS = 10_000  # per extractor and article: more is a runaway plugin, not an answer


@dataclass
class ArticleOutcome:
    """What became of one input item: an article with its records, or a read failure.

    ``errors`` lists extractor failures ("extractor 'x' of plugin 'p' failed on article 'y':
    ..."), bad records dropped, kinds of mention that could not be found and damage repaired
    in reading; the other records are kept. ``skipped`` marks an input left out on purpose
    (the same file given twice): ``failure`` then says why, and it is not counted as failed.
    """

    source: str
    article: Article | None = None
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failure: str | None = None
    summary: list[Evidence] = field(default_factory=list)  # whole sentences, in text order
    skipped: bool = False

    @property
    def status(self) -> str:
        """``processed``, ``partial`` (with problems), ``failed`` or ``skipped``."""
        if self.failure is not None:
            return "skipped" if self.skipped else "failed"
        return "partial" if self.errors else "processed"


@dataclass
class Run:
    """The result of a run, as exporters get it.

    ``outcomes`` may live on disk (:class:`svodka.run.spool.Spool`): iterate it as often as
    needed, but keep only what you need, so that memory does not grow with the run.
    """

    outcomes: Collection[ArticleOutcome]
    inputs: list[str] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    plugins: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    # the run's plugin manager, for exporters that render plugins' fact templates
    manager: Plugins | None = field(default=None, repr=False, compare=False)
    # the run's facts when it has them consolidated already (a store's, svodka.store.query);
    # None: an exporter consolidates ``records`` itself (svodka.model.facts.consolidate)
    facts: Callable[[], list[Fact]] | None = field(default=None, repr=False, compare=False)
    # the run's role records with their articles' publication dates when its facts do not
    # carry their records (a store's); None: read from the facts (svodka.model.people)
    roles: Callable[[], Iterable[tuple[Record, str | None]]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def articles(self) -> Iterator[Article]:
        """Every article read, in input order (a new pass over the outcomes each time)."""
        return (o.article for o in self.outcomes if o.article is not None)

    @property
    def record_types(self) -> dict[str, type[Record]]:
        """The record types known to the run: the plugin manager's, else the built-in ones."""
        if self.manager is not None:
            return self.manager.record_types
        from svodka.model.records import BUILTIN_TYPES

        return {cls.type: cls for cls in BUILTIN_TYPES}

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


def outcomes_from_records(path: Path, types: dict[str, type[Record]]) -> list[ArticleOutcome]:
    """The records of a JSON Lines file (as ``svodka extract`` writes it), one outcome per
    article id in the order the ids first appear; each article is known by its id alone
    (no text, title or date). ``types``: the record types known. A line that is not a valid
    record raises :class:`svodka.report.tabular.RecordsError` (a ValueError) naming the file
    and line."""
    from svodka.report.tabular import read_records

    outcomes: dict[str, ArticleOutcome] = {}
    for record in read_records(path, types):
        outcome = outcomes.get(record.article)
        if outcome is None:
            article = Article(id=record.article, text="", source=str(path))
            outcome = outcomes[record.article] = ArticleOutcome(str(path), article)
        outcome.records.append(record)
    return list(outcomes.values())


def extract(
    doc: ParsedArticle, extractors: Iterable[Extractor], owners: Mapping[str, str] | None = None
) -> tuple[list[Record], list[str]]:
    """Run every extractor on one parsed article, each isolated from the others' failures.

    An extractor that raises (``sys.exit()`` included; Ctrl-C still stops the run) or
    returns no iterable of records, or more than :data:`MAX_RECORDS` of them, costs all its
    records for the article; what it prints goes to standard error. A record that
    :func:`svodka.model.records.record_problem` finds unfit is dropped alone. Either way one
    error names the extractor, its plugin and the article. ``owners`` maps extractor names
    to the plugins that registered them, for messages.
    """
    records: list[Record] = []
    errors: list[str] = []
    text = doc.text
    for extractor in extractors:
        who = f"extractor {extractor.name!r} of plugin {_plugin(extractor, owners)!r}"
        try:
            with redirect_stdout(sys.stderr):  # a plugin's print() is no record
                found = extractor.extract(doc)
                if isinstance(found, (str, bytes, Mapping)) or not isinstance(found, Iterable):
                    raise TypeError(f"extract returned {type(found).__name__}, not records")
                # a generator that fails half-way, or gives too many, costs all it gave
                found = list(islice(found, MAX_RECORDS + 1))
        except STOPS:
            raise  # Ctrl-C, a signal, the article's time budget: more than one plugin's stop
        except BaseException as exc:  # noqa: BLE001 - a plugin's bug costs only its own records
            errors.append(f"{who} failed on article {doc.article.id!r}: {describe(exc)}")
            continue
        if len(found) > MAX_RECORDS:
            errors.append(
                f"{who} failed on article {doc.article.id!r}: returned more than "
                f"{MAX_RECORDS} records, all dropped"
            )
            continue
        bad: list[str] = []
        for record in found:
            problem = record_problem(record, text)
            if problem is not None:
                bad.append(problem)
                continue
            record.extractor = record.extractor or extractor.name
            records.append(record)
        if bad:
            more = f" (the first: {bad[0]})" if len(bad) > 1 else f": {bad[0]}"
            errors.append(
                f"{who} returned {len(bad)} bad record{'s' if len(bad) > 1 else ''} on article "
                f"{doc.article.id!r}, dropped{more}"
            )
    return records, errors


def _plugin(extractor: Extractor, owners: Mapping[str, str] | None) -> str:
    return (owners or {}).get(extractor.name, type(extractor).__module__)


def _finalised(
    records: list[Record], doc: ParsedArticle, owners: Mapping[str, str] | None, errors: list[str]
) -> list[Record]:
    """:func:`finalise`; should a record make it fail, that record is dropped and named."""
    try:
        return finalise(records, doc)
    except Exception:  # noqa: BLE001 - find the record to blame, one at a time
        pass
    kept = []
    for record in records:
        try:
            finalise([record], doc)
        except Exception as exc:  # noqa: BLE001
            plugin = (owners or {}).get(record.extractor, "?")
            errors.append(
                f"extractor {record.extractor!r} of plugin {plugin!r} returned a record that "
                f"cannot be normalised on article {doc.article.id!r}, dropped: {describe(exc)}"
            )
            continue
        kept.append(record)
    return finalise(kept, doc)


def _summary(doc: ParsedArticle, records: list[Record], errors: list[str]) -> list[Evidence]:
    """The article's summary; a summary that fails is reported and left empty."""
    try:
        return summarize(doc, records)
    except Exception as exc:  # noqa: BLE001 - the records stand without a summary
        errors.append(f"summary of article {doc.article.id!r} failed: {describe(exc)}")
        return []


def _mention_errors(doc: ParsedArticle) -> list[str]:
    """The kinds of mention whose finders failed on the article, one message each."""
    mentions = vars(doc).get("mentions")  # only if some stage asked for them
    if mentions is None:
        return []
    return [
        f"mentions of kind {kind!r} failed on article {doc.article.id!r}: {reason}; "
        f"the extractors ran without them"
        for kind, reason in mentions.failures.items()
    ]


def settle(lexicon: Lexicon) -> None:
    """Build the gazetteers now, then move everything alive (the gazetteers, the morphology,
    the plugins) out of the garbage collector's generations (:func:`gc.freeze`), so that the
    full collections an article's many small objects set off do not walk them again and
    again, and forked workers share their pages. For a process that runs svodka and nothing
    else, as the command line and its workers do; a program that embeds svodka decides for
    itself. Once a process: later calls only build the gazetteers."""
    lexicon.kinds()
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()


def process_article(
    article: Article,
    extractors: Iterable[Extractor],
    lexicon: Lexicon,
    owners: Mapping[str, str] | None = None,
) -> ArticleOutcome:
    """One article to its records: parse once, extract, normalise. Pure: no I/O."""
    doc = parse(article, lexicon)
    records, errors = extract(doc, extractors, owners)
    records = _finalised(records, doc, owners, errors)
    summary = _summary(doc, records, errors)
    errors.extend(_mention_errors(doc))
    return ArticleOutcome(article.source or article.id, article, records, errors, summary=summary)


def process(
    items: Iterable[Article | InputError],
    extractors: Iterable[Extractor],
    lexicon: Lexicon,
    owners: Mapping[str, str] | None = None,
    time_limit: float | None = None,
) -> Iterator[ArticleOutcome]:
    """Outcomes for a stream of articles and read failures, in input order.

    Each article gets ``time_limit`` seconds (default: :func:`svodka.run.budget.budget_seconds`,
    ``SVODKA_TIME_LIMIT`` or 60; 0 or inf for none; ValueError for another value
    :func:`svodka.run.budget.limit` cannot take): one that takes longer fails with a message
    naming it and the budget, and the next one is processed.
    """
    extractors = list(extractors)
    seconds = budget_seconds() if time_limit is None else checked(time_limit)
    if seconds:
        lexicon.kinds()  # the gazetteers are built once, before any article's budget starts
    for item in items:
        if isinstance(item, InputError):
            yield ArticleOutcome(item.where, failure=str(item), skipped=item.skipped)
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
                where, item, failure=f"{where}: cannot be processed ({describe(exc)})"
            )
        outcome.errors[:0] = item.warnings  # damage repaired in reading: reported, not hidden
        yield outcome
