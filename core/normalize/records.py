"""The normalise stage after extraction: ids, confidence bounds, duplicates removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svodka.model.records import Record
from svodka.normalize.news import mark_news

if TYPE_CHECKING:
    from svodka.text.parse import ParsedArticle


def finalise(records: list[Record], doc: ParsedArticle) -> list[Record]:
    """Give every record its article, stable id and a confidence in 0..1; drop repeats of
    the same fact (the first extractor's record wins, its evidence extended); order them
    as the article states them; tell news from background (:mod:`svodka.normalize.news`)."""
    result: dict[str, Record] = {}
    for record in records:
        record.article = doc.article.id
        record.confidence = min(1.0, max(0.0, float(record.confidence)))
        record.id = record.make_id()
        kept = result.get(record.id)
        if kept is None:
            result[record.id] = record
        else:
            for ev in record.evidence:
                if ev not in kept.evidence:
                    kept.evidence.append(ev)
            kept.confidence = max(kept.confidence, record.confidence)
    ordered = sorted(
        result.values(),
        key=lambda r: (min((e.start for e in r.evidence), default=0), r.type),
    )
    mark_news(ordered, doc)
    return ordered
