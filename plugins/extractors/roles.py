"""Roles: who holds which post ("министр обороны Казахстана генерал-полковник ...").

Built on the article's person mentions, which already carry the post, country,
organisation and rank that the text attaches to each person, and whether the text states the
post as no longer held ("бывший министр", "в 2019–2021 годах занимал пост"). A role is dated
by the years the text gives for such a post; a post still held, by the article's
publication date.
"""

from __future__ import annotations

from collections.abc import Iterator

import svodka
from svodka.components import Extractor
from svodka.model.records import Role
from svodka.text.parse import ParsedArticle


class RoleExtractor(Extractor):
    name = "roles"
    record_types = ("role",)

    def extract(self, doc: ParsedArticle) -> Iterator[Role]:
        for person in doc.mentions.people.values():
            if person.position is None:
                continue
            sentence = doc.sentences[
                person.position_sentence
                if person.position_sentence is not None
                else person.mentions[0].sentence
            ]
            known = sum(x is not None for x in (person.country, person.organization, person.rank))
            yield Role(
                article=doc.article.id,
                person=person.name,
                position=person.position,
                country=person.country,
                organization=person.organization,
                rank=person.rank,
                date=person.post_date or (None if person.former else doc.article.published),
                former=person.former,
                confidence=0.7 + 0.1 * min(known, 2) + (0.1 if " " in person.name else 0.0),
                evidence=[sentence.evidence()],
            )


@svodka.hookimpl
def register_extractors(register) -> None:
    register(RoleExtractor())
