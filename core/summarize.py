"""Extractive summaries: two or three whole sentences of an article, chosen for the facts
they carry and their position, never site clutter and never cut mid-sentence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svodka.parse import ParsedArticle, Sentence
    from svodka.records import Evidence, Record

# Lines a web page puts around the article: menus, links, credits, rates, counters.
CLUTTER = re.compile(
    r"читайте также|читайте нас|новости по теме|комментари|подписывайтесь|реклама|"
    r"фото:|фото пресс|видео:|источник:|©|курс(ы)? валют|все новости|главное за|"
    r"редакторская колонка|поделиться|\bsputnik\b.*подпис",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?…»\"”)]\s*$")


def is_clutter(sentence: Sentence) -> bool:
    """Not a sentence of the article proper: too short, unfinished, or site furniture."""
    text = sentence.text.strip()
    words = text.split()
    return (
        len(words) < 6
        or not _END.search(text)
        or bool(CLUTTER.search(text))
        or sum(ch.isdigit() for ch in text) > len(text) / 3
    )


def summarize(doc: ParsedArticle, records: list[Record], size: int = 3) -> list[Evidence]:
    """Up to ``size`` sentences (at least two where the article has them), in text order:
    the ones most records rest on, the lead preferred; the headline is left out (it is the
    summary's title)."""
    covered: dict[int, float] = {}
    for record in records:
        for ev in record.evidence:
            for sentence in doc.sentences:
                if sentence.start < ev.end and ev.start < sentence.end:
                    covered[sentence.index] = covered.get(sentence.index, 0.0) + record.confidence
    title = (doc.article.title or "").strip()
    candidates = [
        s for s in doc.sentences if not is_clutter(s) and s.text.strip() != title
    ]
    # facts carried, plus a bonus that falls with the position among the candidates
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (covered.get(item[1].index, 0.0) + 1.5 / (1 + item[0]), -item[0]),
        reverse=True,
    )
    chosen = sorted((s for _, s in ranked[:size]), key=lambda s: s.index)
    return [s.evidence() for s in chosen]
