"""The article: what a reader produces and every later stage works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One article as read from an input, before any parsing.

    ``text`` is exactly what the input gave (after decoding); evidence offsets in
    records point into it. ``published`` is an ISO 8601 date (possibly partial) or None.
    ``source`` names where it came from ("file.txt", "feed.jsonl:12") for messages.
    ``warnings`` are what went wrong in reading it without costing the article (bytes that
    were not valid UTF-8, lone surrogates replaced), one message each naming ``source``:
    the run reports them as problems of the article.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str = "ru"
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The fields but the text, for JSON; meta and warnings only when there are any."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "language": self.language,
            "source": self.source,
        }
        if self.meta:
            data["meta"] = dict(self.meta)
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data
