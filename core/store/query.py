"""Reading a store: outcomes of stored articles, selections of a period, country and type,
a store-backed :class:`svodka.pipeline.Run` for the exporters, and people's roles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from svodka.model.article import Article
from svodka.model.records import Evidence, Record, record_from_dict
from svodka.pipeline import ArticleOutcome

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
    for type_name, extractor, confidence, evidence, data in con.execute(
        "SELECT type, extractor, confidence, evidence, data FROM records WHERE article = ? "
        "ORDER BY seq",
        (pk,),
    ):
        if type_name not in types:
            continue
        record = record_from_dict(
            {
                **json.loads(data),
                "type": type_name,
                "article": article_id,
                "extractor": extractor,
                "confidence": confidence,
            },
            types,
        )
        record.evidence = _evidence(evidence)
        record.id = record.make_id()
        records.append(record)
    return records


def load_outcome(
    con: sqlite3.Connection, pk: int, article: Article, types: Mapping[str, type[Record]]
) -> ArticleOutcome:
    """The outcome of a stored article read again as ``article`` (its id, url and source;
    the stored metadata fills what it lacks): its records, summary and problems."""
    row = con.execute(f"SELECT {_ARTICLE} FROM articles WHERE id = ?", (pk,)).fetchone()
    (_, title, outlet, published, url, language, meta, summary, _, problems, text) = row
    stored = Article(
        id=article.id,
        text=text,
        title=article.title or title,
        outlet=article.outlet or outlet,
        published=article.published or published,
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
