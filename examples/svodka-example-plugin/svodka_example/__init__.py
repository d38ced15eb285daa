"""An example svodka plugin: the figures an article states, and a Markdown brief.

Adds the record type ``figure``, the extractor ``figures`` and the exporter ``markdown``
through svodka's hooks; see the README for how it is installed and used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import svodka
from svodka import Exporter, Extractor, Record, RecordType
from svodka.run.output import atomic_text

if TYPE_CHECKING:
    from svodka import ParsedArticle, Run
    from svodka.text.parse import Token

__version__ = "0.1.0"

MONTHS = frozenset(
    {
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    }
)
MULTIPLIERS = {
    "тыс": 1_000,
    "тысяча": 1_000,
    "млн": 1_000_000,
    "миллион": 1_000_000,
    "млрд": 1_000_000_000,
    "миллиард": 1_000_000_000,
}
# A four-digit number after these is a year ("в 2024", "с 1992 по 1995").
YEAR_PREPOSITIONS = frozenset({"в", "во", "с", "со", "по", "до", "к", "от"})
SKIP_UNITS = frozenset({"год", "г", "раз"})
# Words that may stand between the number and the noun it counts: "14 новых документов".
MODIFIERS = ("ADJF", "PRTF", "NUMR")


@dataclass(kw_only=True)
class Figure(Record):
    """A number the article states and the noun it counts (the noun's lemma)."""

    type: ClassVar[str] = "figure"
    # Everything svodka needs to know about the type: it comes after the built-in types,
    # weighs little in summaries, and has its own names in the brief and the workbook.
    spec: ClassVar[RecordType] = RecordType(
        order=100,
        weight=0.5,
        labels={
            "type:figure": ("Цифры", "Figures"),
            "section:figure": ("Цифры и величины", "Figures and amounts"),
            "column:figure.value": ("Число", "Number"),
            "column:figure.unit": ("Что считается", "Counted"),
        },
    )
    value: int
    unit: str

    def number(self, lang: str = "ru") -> str:
        """The value as the language writes it: "1 500", "1,500"."""
        return f"{self.value:,}".replace(",", " " if lang == "ru" else ",")

    def noun(self) -> str:
        """The counted noun in the form the number calls for: 1 подросток, 3 подростка,
        700 подростков (the lemma itself if the morphology does not know it as a noun)."""
        from svodka.text.morph import analyze

        for parse in analyze(self.unit.lower()):
            if parse.tag.POS == "NOUN" and parse.normal_form == parse.word:
                agreed = parse.make_agree_with_number(self.value)
                return agreed.word if agreed is not None else self.unit
        return self.unit


class FiguresExtractor(Extractor):
    """``более 700 подростков`` → figure 700 подросток; years and dates are skipped."""

    name = "figures"
    record_types = ("figure",)

    def extract(self, doc: ParsedArticle) -> Iterator[Figure]:
        for sentence in doc.sentences:
            tokens = doc.sentence_tokens(sentence)
            for i in range(len(tokens)):
                found = _figure_at(doc.text, tokens, i)
                if found is not None:
                    value, unit = found
                    yield Figure(
                        article=doc.article.id,
                        value=value,
                        unit=unit,
                        confidence=0.6,
                        evidence=[sentence.evidence()],
                    )


def _figure_at(text: str, tokens: list[Token], i: int) -> tuple[int, str] | None:
    """The figure that starts at token ``i``, if it starts one."""
    token = tokens[i]
    if not token.text.isdigit():
        return None
    previous = tokens[i - 1] if i > 0 else None
    if previous is not None and (previous.text.isdigit() or previous.text == "№"):
        return None  # the tail of "1 500", or a number like "№ 5"
    value, j = int(token.text), i + 1
    # "1 500": thousands written with a space
    while (
        j < len(tokens)
        and len(tokens[j].text) == 3
        and tokens[j].text.isdigit()
        and text[tokens[j - 1].end : tokens[j].start] in (" ", "\u00a0", "\u202f")
    ):
        value, j = value * 1000 + int(tokens[j].text), j + 1
    after_preposition = previous is not None and previous.text.lower() in YEAR_PREPOSITIONS
    if after_preposition and j == i + 1 and 1000 <= value <= 9999:
        return None
    if j < len(tokens) and tokens[j].lemma in MULTIPLIERS:
        value, j = value * MULTIPLIERS[tokens[j].lemma], j + 1
        if j < len(tokens) and tokens[j].text == ".":
            j += 1
    if j < len(tokens) and tokens[j].text == "%":
        return value, "процент"
    while j < len(tokens) and any(tokens[j].has(g) for g in MODIFIERS):
        j += 1
    if j >= len(tokens) or not tokens[j].has("NOUN"):
        return None
    unit = tokens[j].lemma
    if unit in SKIP_UNITS or unit in MONTHS:
        return None  # "2024 года", "в 2023 г.", "14 мая", "в 3 раза"
    return value, unit


class MarkdownExporter(Exporter):
    """A heading per article, a bullet per record with its type and main values."""

    name = "markdown"
    filename = "brief.md"
    description = "a Markdown brief: each article's title and its records"

    def export(self, run: Run, path: Path) -> None:
        lines = ["# svodka brief", ""]
        for outcome in run.outcomes:
            article = outcome.article
            if article is None:
                continue
            lines += [f"## {article.title or article.id}", ""]
            lines += [f"- {_describe(record)}" for record in outcome.records] or ["- (no records)"]
            lines.append("")
        failures = [o.failure for o in run.outcomes if o.failure is not None]
        if failures:
            lines += ["## Failed inputs", "", *(f"- {f}" for f in failures), ""]
        with atomic_text(path) as fh:
            fh.write("\n".join(lines))


def _describe(record: Record) -> str:
    parts = [
        f"{key}: {_show(value)}"
        for key, value in record.values().items()
        if value not in (None, "", [])
    ]
    return f"**{record.type}** — {'; '.join(parts)}" if parts else f"**{record.type}**"


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


@svodka.hookimpl
def register_record_types(register) -> None:
    register(Figure)


@svodka.hookimpl
def register_fact_templates(register) -> None:
    # a sentence for the brief: "В статье названо число: 700 подростков."; in English the
    # noun, which has no English form here, transliterated with the Russian in brackets
    register(
        "figure", "ru", "В статье названо число: {{ record.number('ru') }} {{ record.noun() }}."
    )
    register(
        "figure",
        "en",
        "Figure stated: {{ record.number('en') }} {{ record.noun() | translit }} "
        "({{ record.noun() }}).",
    )


@svodka.hookimpl
def register_extractors(register) -> None:
    register(FiguresExtractor())


@svodka.hookimpl
def register_exporters(register) -> None:
    register(MarkdownExporter())
