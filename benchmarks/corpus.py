"""The benchmark corpus: N realistic variants of the seed articles, reproducible by a seed.

The seed articles are the shared corpus (``shared/corpus/articles.jsonl`` beside the
repository), else ``examples/articles``. Each is annotated once with svodka's own parser
(the persons and country names it finds, with their grammatical case), and each variant
of an article is that article with

- other persons: every person of the article consistently replaced by another of the same
  gender (first name, patronymic where the text gives one, surname; indeclinable surnames
  such as "Шойгу" by indeclinable ones), put into the case the original stood in;
- other countries: every country named by name ("Казахстана", "Республики Беларусь",
  "РФ") consistently replaced by another country in the same case (adjectives such as
  "казахстанский" are left as they are);
- other dates: years shifted by a whole number of years, day-and-month dates ("31 октября",
  "с 17 по 23 июля", "18.10.2024") and the publication date by a number of days;
- another length: paragraphs after the first trimmed, reordered, or joined by paragraphs
  of another seed article (rendered with the same substitutions).

Article ``i`` depends only on the seed and ``i`` (and on the seed articles and the
annotations svodka's parser gives them), so the corpus of 1,000 articles is the first
1,000 lines of the corpus of 100,000; :func:`write_corpus` reports a SHA-256 of what it
wrote so that runs can tell whether they measured the same text.

Importing this module does nothing; svodka's parser and pymorphy3 load on first use.

    python benchmarks/corpus.py 10000 --seed 7 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
EXAMPLES = ROOT / "examples" / "articles"


def _words(text: str) -> list[str]:
    return text.split()


CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# the cases a preposition governs (for a word the morphology leaves ambiguous)
PREPOSITION_CASES = {
    **dict.fromkeys(("в", "во", "на"), ("loct", "accs")),
    **dict.fromkeys(("о", "об", "обо", "при"), ("loct",)),
    **dict.fromkeys(("из", "от", "до", "у", "для", "без", "после", "против", "кроме"), ("gent",)),
    **dict.fromkeys(("среди", "около", "возле", "вокруг"), ("gent",)),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно"), ("datv",)),
    **dict.fromkeys(("с", "со"), ("ablt", "gent")),
    **dict.fromkeys(("между", "над", "под", "перед", "за"), ("ablt", "accs")),
    **dict.fromkeys(("через", "про", "сквозь"), ("accs",)),
}

COUNTRIES = _words(
    "Россия Казахстан Белоруссия Беларусь Узбекистан Киргизия Кыргызстан Таджикистан Армения "
    "Азербайджан Туркмения Монголия Китай Индия Иран Пакистан Сербия Вьетнам Египет Турция "
    "Индонезия Лаос Куба Малайзия Бразилия Алжир Грузия Молдавия Афганистан Катар Ирак Сирия "
    "Таиланд Эфиопия"
)
FIRST_NAMES = {
    "masc": _words(
        "Андрей Сергей Алексей Дмитрий Олег Виктор Руслан Тимур Рустам Айдар Нурлан Даурен "
        "Бахтиёр Мурат Ильхам Самвел Ашот Гурам Бекзод Азамат Марат Фарид Сакен Арман Павел "
        "Игорь Вадим Константин Юрий Николай Евгений Геннадий Владимир Рашид"
    ),
    "femn": _words("Анна Елена Ольга Мария Наталья Гульнара Динара Зарина Ирина Светлана Марина"),
}
PATRONYMICS = {
    "masc": _words("Александрович Сергеевич Викторович Николаевич Петрович Иванович Юрьевич"),
    "femn": _words("Александровна Сергеевна Викторовна Николаевна Петровна Ивановна Юрьевна"),
}
# masculine nominatives; feminine ones add -а
SURNAMES = _words(
    "Абдуллаев Ахмедов Бекмуратов Гасанов Исмаилов Каримов Кузнецов Лебедев Мамедов Морозов "
    "Нургалиев Садыков Смирнов Турсунов Шарипов Юлдашев Волков Ермеков Сатпаев Жумабеков "
    "Токтогулов Мусин Ильин Фомин Зуев Орлов Соколов Рахимов Назаров Алимов Бакиров Есенов "
    "Ибрагимов Калиев Курбанов Мухтаров Омаров Рахманов Сулейменов Тажибаев Усманов Хасанов"
)
FIXED_SURNAMES = _words(
    "Шевченко Бондаренко Ткаченко Коваленко Кравченко Гурко Зурабишвили Мчедлишвили Гогуадзе "
    "Бурчуладзе Черных Седых"
)
_SURNAME_ENDINGS = {
    "masc": dict(zip(CASES, ("", "а", "у", "а", "ым", "е"), strict=True)),
    "femn": dict(zip(CASES, ("а", "ой", "ой", "у", "ой", "ой"), strict=True)),
}
# hand paradigms for names pymorphy3 does not decline: consonant-final masculine, -а feminine
_NAME_ENDINGS = {
    "masc": dict(zip(CASES, ("", "а", "у", "а", "ом", "е"), strict=True)),
    "femn": dict(zip(CASES, ("а", "ы", "е", "у", "ой", "е"), strict=True)),
}

MONTHS = _words("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
_MONTH = "|".join(MONTHS)
_DATE = re.compile(
    r"(?P<num>(?<![\d.])(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})(?!\d))"
    rf"|(?P<range>(?<![\d.])(?P<d1>\d{{1,2}})(?P<mid>\s*(?:по|[-–—])\s*)(?P<d2>\d{{1,2}})\s+"
    rf"(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?(?!\d))"
    rf"|(?P<dm>(?<![\d.])(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?(?!\d))"
    r"|(?P<year>(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?!\d))"
)
_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_LINE = re.compile(r"[^\r\n]+")
LATEST_YEAR = 2026  # no variant is dated later


# -- seed articles and their annotation -----------------------------------------------------


def seed_path() -> Path:
    """Where the seed articles come from: the shared corpus, else the example articles."""
    return SHARED if SHARED.is_file() else EXAMPLES


def seed_articles(path: Path | None = None) -> list[dict]:
    """The seed articles as dicts (id, title, outlet, published, text)."""
    path = path or seed_path()
    if path.is_file():
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    return [
        {
            "id": p.stem,
            "title": None,
            "outlet": None,
            "published": None,
            "text": p.read_text("utf-8"),
        }
        for p in sorted(path.glob("*.txt"))
    ]


@dataclass(frozen=True)
class Slot:
    """Where a substitute goes: a person (``parts``: first, patronymic, surname) or a country,
    named by ``key``, in grammatical ``case`` (None: unknown, indeclinable)."""

    kind: str
    key: str
    case: str | None
    parts: tuple[str, ...] = ()
    gender: str = "masc"
    fixed: bool = False  # an indeclinable surname


Line = tuple  # of str and Slot pieces


@dataclass(frozen=True)
class Template:
    """A seed article cut into lines of text and slots."""

    id: str
    outlet: str | None
    published: str | None
    title: Line | None  # None: none, or the first line is the title (``title_first``)
    lines: tuple[Line, ...]
    separator: str  # between lines, as the seed has it ("\n", "\n\n", "\r\n")
    latest_year: int | None  # the latest year the article names (for the year shift)
    title_first: bool = False  # the title is the first line of the text


def _candidate_cases(parses: Iterable, prefer: str | None = None) -> list[str]:
    cases: list[str] = []
    for p in parses:
        tag = p.tag
        if tag.case and tag.number != "plur" and (prefer is None or prefer in tag):
            case = {"gen2": "gent", "loc2": "loct", "acc2": "accs"}.get(tag.case, tag.case)
            if case in CASES and case not in cases:
                cases.append(case)
    return cases


def _governed(tokens: Sequence, start: int) -> tuple[str, ...]:
    """The cases the preposition before token ``start`` governs (empty: no preposition)."""
    if start == 0:
        return ()
    return PREPOSITION_CASES.get(tokens[start - 1].text.lower(), ())


def _choose(candidates: list[str], governed: tuple[str, ...], default: str) -> str:
    for case in candidates:
        if not governed or case in governed:
            return case
    return governed[0] if governed else (candidates[0] if candidates else default)


def _country_slot(doc, mention) -> tuple[int, int, Slot] | None:
    tokens = doc.tokens
    first = tokens[mention.start]
    if mention.form == "adjective" or tokens[mention.end - 1].sentence != first.sentence:
        return None
    governed = _governed(tokens, mention.start)
    end = tokens[mention.end - 1].end
    if mention.end - mention.start > 1 and first.lemma == "республика":
        # "Республики Беларусь": the country's name stays in the nominative
        name = tokens[mention.start + 1]
        slot = Slot("country", mention.value, "nomn", gender=_gender(name.parses))
        return name.start, end, slot
    if mention.form == "abbr":
        case, gender = (governed[0] if governed else "gent"), ""
    else:
        prefer = "Geox" if mention.end - mention.start == 1 else None
        candidates = _candidate_cases(first.parses, prefer) or _candidate_cases(first.parses)
        case, gender = _choose(candidates, governed, "nomn"), _gender(first.parses)
    return first.start, end, Slot("country", mention.value, case, gender=gender)


def _gender(parses: Sequence) -> str:
    """The gender of a country's name ("" when unknown): what verbs agree with."""
    for p in sorted(parses, key=lambda p: "Geox" not in p.tag):
        gender = str(p.tag.gender)
        if gender in ("masc", "femn", "neut"):
            return gender
    return ""


def _person_slot(doc, mention, people) -> tuple[int, int, Slot] | None:
    from svodka.normalize.persons import normalize_name, patronymic_forms, surname_forms

    tokens = doc.tokens[mention.start : mention.end]
    person = people.get(mention.value)
    if person is None:
        return None
    surname = tokens[-1].text
    if len(tokens) == 1:
        parts: tuple[str, ...] = ("surname",)
        name = normalize_name(None, surname)
    elif len(tokens) == 3 and patronymic_forms(tokens[1].text):
        parts = ("first", "patronymic", "surname")
        name = normalize_name(tokens[0].text, surname, tokens[1].text)
    else:
        parts = ("first", "surname")
        name = normalize_name(tokens[0].text, surname)
    governed = _governed(doc.tokens, mention.start)
    case = name.case if name is not None else None
    if case is None or (governed and case not in governed and len(governed) == 1):
        case = governed[0] if governed else case
    fixed = all(f.case is None for f in surname_forms(person.surname))
    gender = person.gender or (name.gender if name else None) or "masc"
    return (
        tokens[0].start,
        tokens[-1].end,
        Slot("person", mention.value, case, parts, gender, fixed),
    )


def _lines_of(text: str, slots: list[tuple[int, int, Slot]]) -> tuple[Line, ...]:
    lines = []
    queue = sorted(slots, key=lambda s: s[0])
    k = 0
    for match in _LINE.finditer(text):
        pieces: list = []
        at = match.start()
        while k < len(queue) and queue[k][0] < match.end():
            start, end, slot = queue[k]
            k += 1
            if start < at or end > match.end():
                continue  # overlaps the previous slot or crosses the line: leave the text
            pieces += [text[at:start], slot]
            at = end
        pieces.append(text[at : match.end()])
        lines.append(tuple(p for p in pieces if p != ""))
    return tuple(lines)


def _separator(text: str) -> str:
    seps = Counter(re.findall(r"(?:\r?\n)+", text))
    return seps.most_common(1)[0][0] if seps else "\n"


def _annotate_text(text: str, lexicon) -> tuple[Line, ...]:
    from svodka.model.article import Article
    from svodka.text.parse import parse

    doc = parse(Article(id="seed", text=text), lexicon)
    mentions = doc.mentions
    slots = [s for m in mentions.countries if (s := _country_slot(doc, m))]
    slots += [s for m in mentions.persons if (s := _person_slot(doc, m, mentions.people))]
    return _lines_of(text, slots)


def annotate(articles: Iterable[dict]) -> list[Template]:
    """Templates of the seed articles (svodka's parser finds the persons and countries)."""
    from svodka.manager import load_plugins
    from svodka.normalize.lexicon import Lexicon

    lexicon = Lexicon.from_plugins(load_plugins(autoload=False))
    templates = []
    for a in articles:
        text = a["text"]
        title = a.get("title")
        years = [int(y) for y in _YEAR.findall(f"{title or ''}\n{text}")]
        if a.get("published"):
            years.append(int(a["published"][:4]))
        lines = _annotate_text(text, lexicon)
        first = text.strip().splitlines()[0].lstrip("# ").strip() if text.strip() else ""
        title_first = bool(title) and title.strip() == first
        templates.append(
            Template(
                id=a["id"],
                outlet=a.get("outlet"),
                published=a.get("published"),
                title=(
                    _annotate_text(title, lexicon)[0]
                    if title and title.strip() and not title_first
                    else None
                ),
                lines=lines,
                separator=_separator(text),
                latest_year=max(years) if years else None,
                title_first=title_first,
            )
        )
    return templates


# -- word forms ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=256)
def country_gender(name: str) -> str:
    return _gender(_morph().parse(name.lower()))


def _title_case(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


@lru_cache(maxsize=4096)
def inflect(word: str, case: str | None, grammeme: str, gender: str = "masc") -> str:
    """``word`` (a nominative) in ``case``: by pymorphy3's reading tagged ``grammeme``
    (Geox, Name, Patr) in that gender, else by the regular paradigm."""
    if case is None or case == "nomn":
        return word
    for p in _morph().parse(word.lower()):
        tag = p.tag
        if grammeme in tag and "sing" in tag and "nomn" in tag and (gender in tag or "Geox" in tag):
            form = p.inflect({case, "sing"})
            if form is not None:
                return _title_case(form.word)
    ending = _NAME_ENDINGS[gender]
    if gender == "femn" and word.endswith("а"):
        stem = word[:-1]
        return stem + ("и" if case == "gent" and stem[-1:] in "гкхжшчщ" else ending[case])
    if gender == "masc" and word.endswith("ич"):
        return word + {"ablt": "ем"}.get(case, ending[case])
    if gender == "masc" and word[-1:] not in "аеёиоуыэюяйь":
        return word + ending[case]
    return word


def surname(nominative: str, case: str | None, gender: str) -> str:
    """A surname of the pools (given as the masculine nominative) in ``case`` and ``gender``:
    -ов/-ев/-ин surnames decline, the others do not."""
    if nominative in FIXED_SURNAMES:
        return nominative
    return nominative + _SURNAME_ENDINGS[gender][case or "nomn"]


# -- variants --------------------------------------------------------------------------------


class Variant:
    """The substitutions of one generated article: persons, countries, dates."""

    def __init__(self, rng: random.Random, year_shift: int, day_shift: int, year: int) -> None:
        self.rng = rng
        self.year_shift = year_shift
        self.day_shift = day_shift
        self.year = year  # the (shifted) year of dates given without one
        self.countries: dict[str, str] = {}
        self.persons: dict[str, tuple[str, str | None, str, str]] = {}

    def _country(self, key: str, gender: str) -> str:
        if key not in self.countries:
            used = set(self.countries.values())
            pool = [c for c in COUNTRIES if c not in used]
            self.countries[key] = self.rng.choice(
                [c for c in pool if country_gender(c) == gender] or pool
            )
        return self.countries[key]

    def _person(self, slot: Slot) -> tuple[str, str | None, str, str]:
        if slot.key not in self.persons:
            gender = slot.gender if slot.gender in FIRST_NAMES else "masc"
            used = {p[2] for p in self.persons.values()}
            pool = FIXED_SURNAMES if slot.fixed else SURNAMES
            family = self.rng.choice([s for s in pool if s not in used] or pool)
            self.persons[slot.key] = (
                self.rng.choice(FIRST_NAMES[gender]),
                self.rng.choice(PATRONYMICS[gender]),
                family,
                gender,
            )
        return self.persons[slot.key]

    def fill(self, slot: Slot) -> str:
        if slot.kind == "country":
            return inflect(self._country(slot.key, slot.gender), slot.case, "Geox", "masc")
        first, patronymic, family, gender = self._person(slot)
        words = {
            "first": lambda: inflect(first, slot.case, "Name", gender),
            "patronymic": lambda: inflect(patronymic, slot.case, "Patr", gender),
            "surname": lambda: surname(family, slot.case, gender),
        }
        return " ".join(words[part]() for part in slot.parts)

    def shift(self, day: dt.date) -> dt.date:
        try:
            moved = day.replace(year=day.year + self.year_shift)
        except ValueError:  # 29 February
            moved = day.replace(year=day.year + self.year_shift, day=28)
        return moved + dt.timedelta(days=self.day_shift)

    def _date(self, match: re.Match) -> str:
        g = match.group
        try:
            if g("num"):
                day = self.shift(dt.date(int(g("ny")), int(g("nm")), int(g("nd"))))
                return f"{day.day:02d}.{day.month:02d}.{day.year}"
            if g("range"):
                year = int(g("y2")) if g("y2") else self.year - self.year_shift
                end = dt.date(year, MONTHS.index(g("m2")) + 1, int(g("d2")))
                gap = int(g("d2")) - int(g("d1"))
                if gap < 0:
                    return match.group()
                start, end = self.shift(end - dt.timedelta(days=gap)), self.shift(end)
                first = str(start.day)
                if start.month != end.month:
                    first += " " + MONTHS[start.month - 1]
                tail = f" {end.year}" if g("y2") else ""
                return f"{first}{g('mid')}{end.day} {MONTHS[end.month - 1]}{tail}"
            if g("dm"):
                year = int(g("y")) if g("y") else self.year - self.year_shift
                day = self.shift(dt.date(year, MONTHS.index(g("m")) + 1, int(g("d"))))
                tail = f" {day.year}" if g("y") else ""
                return f"{day.day} {MONTHS[day.month - 1]}{tail}"
        except ValueError:  # not a date of the calendar ("31 июня")
            return match.group()
        return str(int(match.group()) + self.year_shift)

    def render(self, line: Line) -> str:
        return "".join(
            self.fill(p) if isinstance(p, Slot) else _DATE.sub(self._date, p) for p in line
        )


def _vary_lines(rng: random.Random, template: Template, donor: Template) -> list[Line]:
    """The template's lines, trimmed, reordered or lengthened (the first line stays first)."""
    head, body = list(template.lines[:1]), list(template.lines[1:])
    roll = rng.random()
    if roll < 0.3 and len(body) > 2:  # shorter: keep half or more, in order
        keep = sorted(rng.sample(range(len(body)), rng.randint(max(1, len(body) // 2), len(body))))
        body = [body[k] for k in keep]
    elif roll < 0.55 and len(donor.lines) > 1:  # longer: paragraphs of another article
        extra = list(donor.lines[1:])
        body += rng.sample(extra, rng.randint(1, len(extra)))
    if rng.random() < 0.3 and len(body) > 2:  # two paragraphs change places
        a, b = rng.sample(range(len(body)), 2)
        body[a], body[b] = body[b], body[a]
    return head + body


def article(i: int, seed: int, templates: Sequence[Template]) -> dict:
    """Article ``i`` of the corpus of ``seed``: the same whatever the corpus size."""
    rng = random.Random(f"svodka-bench:{seed}:{i}")
    template = templates[rng.randrange(len(templates))]
    donor = templates[rng.randrange(len(templates))]
    latest = template.latest_year or 2024
    year_shift = rng.randint(-6, max(-6, min(3, LATEST_YEAR - latest)))
    day_shift = rng.randint(-40, 40)
    base = template.published
    year = int(base[:4]) + year_shift if base else latest + year_shift
    variant = Variant(rng, year_shift, day_shift, year)
    published = None
    if base:
        day = dt.date.fromisoformat(base[:10]) if len(base) >= 10 else None
        published = variant.shift(day).isoformat() if day else str(year)
    rendered = [variant.render(line) for line in _vary_lines(rng, template, donor)]
    title = variant.render(template.title) if template.title is not None else None
    if template.title_first:
        title = rendered[0].lstrip("# ").strip()
    return {
        "id": f"{template.id}-v{i:06d}",
        "title": title,
        "outlet": template.outlet,
        "published": published,
        "language": "ru",
        "url": f"https://news.example.org/{template.id}/{i:06d}",
        "text": template.separator.join(rendered),
    }


def iter_corpus(
    n: int, seed: int = 7, templates: Sequence[Template] | None = None
) -> Iterator[dict]:
    """The first ``n`` articles of the corpus of ``seed``, one at a time."""
    templates = templates if templates is not None else annotate(seed_articles())
    for i in range(n):
        yield article(i, seed, templates)


def write_corpus(outputs: dict[int, Path], seed: int = 7) -> dict[int, dict]:
    """Write the first N articles to each ``outputs[N]`` (JSON Lines), streaming: the
    largest corpus is generated once and the smaller ones are its first lines. For each N:
    articles, bytes of text (UTF-8), bytes of the file and its SHA-256."""
    sizes = sorted(outputs)
    handles = {n: outputs[n].open("w", encoding="utf-8", newline="\n") for n in sizes}
    digests = {n: hashlib.sha256() for n in sizes}
    stats = {n: {"articles": 0, "text_bytes": 0, "file_bytes": 0} for n in sizes}
    try:
        for i, item in enumerate(iter_corpus(sizes[-1], seed)):
            line = json.dumps(item, ensure_ascii=False) + "\n"
            data = line.encode("utf-8")
            text_bytes = len(item["text"].encode("utf-8"))
            for n in sizes:
                if i < n:
                    handles[n].write(line)
                    digests[n].update(data)
                    stats[n]["articles"] += 1
                    stats[n]["text_bytes"] += text_bytes
                    stats[n]["file_bytes"] += len(data)
    finally:
        for fh in handles.values():
            fh.close()
    return {n: {**stats[n], "sha256": digests[n].hexdigest()} for n in sizes}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write the benchmark corpus (JSON Lines).")
    ap.add_argument("articles", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", type=Path, default=Path("corpus.jsonl"))
    args = ap.parse_args(argv)
    info = write_corpus({args.articles: args.output}, args.seed)[args.articles]
    print(
        f"{args.output}: {info['articles']} articles, {info['text_bytes'] / 1e6:.1f} MB of text, "
        f"sha256 {info['sha256'][:16]} (seed {args.seed}, seed articles from {seed_path()})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
