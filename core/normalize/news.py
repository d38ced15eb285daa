"""News or background: how the article states each of its records, told once after extraction.

A record is **news** when the article states it as what happened, happens or will happen,
and **background** when it states it as context. The record's ``news`` field says which
(true or false). The words are the rule lists ``news.*`` (``svodka/data/rules/news.tsv``);
plugins extend them through ``register_rules``. A record is background when:

- its ``date`` ends more than :data:`FAR_DAYS` days before the article was published (or
  before the dateline's date where the article has no publication date): "в 2021 году";
- or it is a standing state rather than a change, in every sentence that states it:
  - a post (``role``) without a word of appointment, election or dismissal
    ("назначен", "избран"), or named after a former-word ("бывший министр");
  - a membership without a word of changing status (the membership rules' change verbs,
    change nouns and suspension words, and ``news.changes``), or one of states named after
    an ``alongside`` word ("стала членом ШОС наряду с Индией, Ираном ...": India and Iran
    already are);
  - a document in force without a word of entering into force;
- or, in every sentence that states it, the sentence has no verb in the future tense
  (:func:`svodka.text.syntax.tense`) and holds a background word ("ранее", "напомним",
  "в прошлом году", "бывший") with no word of the news's own time ("сегодня", "накануне")
  and no day or month of it (one that ends at most :data:`NEAR_DAYS` days before
  publication, or later), or "с" before a year ("с 2010 года"). The headline, the dateline
  and the lead (the first :data:`LEAD` sentences of the body) state the news: neither
  counts there.

Everything else the article narrates is news. An extractor that sets ``news`` itself is
left as it said.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING

from svodka.extract.rules import words
from svodka.model.identity import date_bounds
from svodka.model.records import Agreement, Membership, Record, Role
from svodka.text.syntax import tense

if TYPE_CHECKING:
    from svodka.text.parse import ParsedArticle, Sentence

BACKGROUND = words("news.background")
RECENT = words("news.recent")
SINCE = words("news.since")
ALONGSIDE = words("news.alongside")
CHANGES = words("news.changes")
FORMER = words("news.former")
APPOINTMENT = words("news.appointment")
CHANGE_VERBS = words("membership.change_verbs")
CHANGE_NOUNS = words("membership.change_nouns")
SUSPENSION = words("membership.suspension")
ENTRY_INTO_FORCE = words("agreements.entry_into_force")

LEAD = 2  # body sentences that, after the headline, state the news
FAR_DAYS = 31  # a record dated to a period that ended this long before publication is background
NEAR_DAYS = 7  # ... and one dated to a month or day at most this long before it, news
NEWS_ZONES = frozenset(("headline", "dateline"))

_YEAR = re.compile(r"(?:1[89]|2[0-9])[0-9]{2}")


def mark_news(records: list[Record], doc: ParsedArticle) -> None:
    """Set ``news`` on every record of the article that has none (see the module doc)."""
    if all(r.news is not None for r in records):
        return
    published = _publication(doc)
    lead = _lead(doc)
    for record in records:
        if record.news is None:
            record.news = is_news(record, doc, lead, published)


def is_news(
    record: Record, doc: ParsedArticle, lead: frozenset[int], published: dt.date | None
) -> bool:
    """Whether the article states ``record`` as news. ``lead``: the indices of the sentences
    that state the news (:func:`_lead`); ``published``: the day the article speaks from."""
    date = getattr(record, "date", None)
    if published is not None and isinstance(date, str):
        end = period_end(date)
        if end is not None and (published - end).days > FAR_DAYS:
            return False
    sentences = {doc.sentence_at(ev.start).index for ev in record.evidence}
    if not sentences or not doc.sentences:
        return True
    return any(
        _states_news(record, doc, doc.sentences[i], lead, published) for i in sorted(sentences)
    )


def _states_news(
    record: Record,
    doc: ParsedArticle,
    sentence: Sentence,
    lead: frozenset[int],
    published: dt.date | None,
) -> bool:
    """Whether one sentence states the record as news."""
    lemmas = doc.sentence_lemmas[sentence.index]
    if isinstance(record, Role) and (
        lemmas.isdisjoint(APPOINTMENT) or _former(doc, sentence, record.position)
    ):
        return False
    if isinstance(record, Membership):
        changes = not (
            lemmas.isdisjoint(CHANGE_VERBS)
            and lemmas.isdisjoint(CHANGE_NOUNS)
            and lemmas.isdisjoint(SUSPENSION)
            and lemmas.isdisjoint(CHANGES)
        )
        if not changes or _alongside(doc, sentence, record.country):
            return False
    if (
        isinstance(record, Agreement)
        and record.status == "in_force"
        and lemmas.isdisjoint(ENTRY_INTO_FORCE)
    ):
        return False
    if sentence.zone in NEWS_ZONES or sentence.index in lead:
        return True
    if any(tense((token,)) == "future" for token in doc.sentence_tokens(sentence)):
        return True  # what will happen is news, however the sentence introduces it
    if (
        not lemmas.isdisjoint(BACKGROUND)
        and lemmas.isdisjoint(RECENT)
        and not _near_date(doc, sentence, published)
    ):
        return False
    return not _since_year(doc, sentence)


def _alongside(doc: ParsedArticle, sentence: Sentence, country: str) -> bool:
    """True when ``country`` is named in the sentence only after an alongside word."""
    tokens = doc.tokens
    first = next(
        (
            i
            for i in range(sentence.first_token, sentence.last_token)
            if tokens[i].lemma in ALONGSIDE
        ),
        None,
    )
    if first is None:
        return False
    named = [
        m.start
        for m in doc.mentions.countries
        if m.sentence == sentence.index and m.value == country
    ]
    return bool(named) and all(start > first for start in named)


def _near_date(doc: ParsedArticle, sentence: Sentence, published: dt.date | None) -> bool:
    """True when the sentence names a day or month that ends at most :data:`NEAR_DAYS` days
    before publication, or later ("3 марта", "в сентябре")."""
    if published is None:
        return False
    dates = doc.mentions.dates
    k = bisect.bisect_left(dates, sentence.first_token, key=lambda m: m.start)
    for mention in dates[k:]:
        if mention.start >= sentence.last_token:
            break
        value = mention.end_value or mention.value
        end = period_end(value) if value and "-" in value else None
        if end is not None and (published - end).days <= NEAR_DAYS:
            return True
    return False


def _former(doc: ParsedArticle, sentence: Sentence, post: str | None) -> bool:
    """True when the post is named in the sentence after a former-word ("бывший министр")."""
    tokens = doc.tokens
    for mention in doc.mentions.positions:
        if mention.sentence == sentence.index and (post is None or mention.value == post):
            before = tokens[max(sentence.first_token, mention.start - 2) : mention.start]
            if any(t.lemma in FORMER or t.text.lower() in FORMER for t in before):
                return True
    return False


def _since_year(doc: ParsedArticle, sentence: Sentence) -> bool:
    """ "с 2010 года": a since-preposition before a year (four digits, then "год")."""
    tokens = doc.tokens
    for i in range(sentence.first_token, sentence.last_token - 2):
        if (
            tokens[i].text.lower() in SINCE
            and _YEAR.fullmatch(tokens[i + 1].text)
            and tokens[i + 2].lemma == "год"
        ):
            return True
    return False


def _lead(doc: ParsedArticle) -> frozenset[int]:
    """The indices of the first :data:`LEAD` sentences of the body."""
    body = (s.index for s in doc.sentences if s.zone == "body")
    return frozenset(i for _, i in zip(range(LEAD), body, strict=False))


def _publication(doc: ParsedArticle) -> dt.date | None:
    """The first day of the article's publication date, else the dateline's full date."""
    dateline = doc.zones.dateline
    for value in (doc.article.published, dateline.date if dateline else None):
        start = period_start(value) if value else None
        if start is not None:
            return start
    return None


def period_start(value: str) -> dt.date | None:
    """The first day of an ISO 8601 date, full or partial ("2025", "2025-10"), a time after
    it left out; of the first part of a range ("2025-08-31/2025-09-06"); None when it is
    not one."""
    bounds = _bounds(value)
    return bounds[0] if bounds else None


def period_end(value: str) -> dt.date | None:
    """The last day of an ISO 8601 date, full or partial, or of the last part of a range."""
    bounds = _bounds(value)
    return bounds[1] if bounds else None


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    return date_bounds(value.strip() if "/" in value else value.strip().split("T")[0])
