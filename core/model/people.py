"""People and posts over time, from role records and the dates they are stated for.

:func:`build` takes ``(Role, article date)`` pairs from anywhere (a run, a records file, a
store) and gives, for each person, the posts seen and the dates they were stated for, and
for each post of a state or organisation its holders in order: the latest first, as the
current holder, the others former. Nothing here reads files or text.

A statement's date is the role's ``date`` (the date or years the text gives, else the
article's publication date), else the article date given with it. A role with ``former``
says the post was no longer held when its article was written; its own ``date`` is then
the years the text gives for the post (those count as held), and without one the article
date counts only as the date it was stated to be former.

Name variants of one person are merged by one rule (:func:`person_keys`):

1. Within one article, a short form (initials and surname, "С. Лавров", or the surname
   alone) is the person of the one full name ("Сергей Лавров") of that article with the
   same surname and agreeing initials.
2. Across articles, the same full name (first name and surname, case and ё folded; a
   patronymic does not count) is one person.
3. A short form left over joins a full name of another article only when the surname and
   the initials agree, the two are stated in the same post (post, state, organisation),
   and no other full name with that surname and those initials competes; else it stays a
   person of its own.

Holders of one post are ranked by the latest date each is stated to hold it (an interval's
end for a post held "в 2019–2021 годах"). The first is the current holder unless a role
marks them former at or after that date; the others are former. A holder stated on the
same latest date as the current one is "unclear" (the sources disagree), and one stated
with no date at all beside dated ones is "undated": neither is shown as serving at once
with the current holder. Posts that several persons hold at once (ambassadors, deputies,
deputy ministers: ``core/data/rules/people.tsv``) are not ranked: each holder is current
unless stated former. Roles with neither a state nor an organisation are not grouped with
other persons' roles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from svodka.extract.rules import words
from svodka.model.identity import fold
from svodka.model.records import Role
from svodka.report import labels

SHARED_WORDS = words("people.shared_word")
SHARED_POSTS = words("people.shared_post")

STATUSES = ("current", "former", "unclear", "undated")

_INITIAL = re.compile(r"^[^\W\d_]\.$")


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class Name:
    """A person's name as written: its surname, the initials of the other words, and
    whether those words are written out (a full name) or as initials or left out."""

    text: str
    surname: str
    initials: tuple[str, ...]
    full: bool
    key: tuple[str, str]  # first name and surname, folded: the same full name is one person

    def agrees(self, other: Name) -> bool:
        """Same surname, and the initials of the shorter agree with the longer's."""
        n = min(len(self.initials), len(other.initials))
        return self.surname == other.surname and self.initials[:n] == other.initials[:n]


@lru_cache(maxsize=65_536)
def parse_name(text: str) -> Name:
    """ "Сергей Лавров" (full), "С. В. Лавров" or "Лавров" (short)."""
    parts = text.split()
    if not parts:
        return Name(text, "", (), False, ("", ""))
    others = parts[:-1]
    initials = tuple(fold(p[0]) for p in others)
    full = bool(others) and not any(_INITIAL.match(p) for p in others)
    surname = fold(parts[-1])
    return Name(text, surname, initials, full, (fold(others[0]) if full else "", surname))


# --------------------------------------------------------------------------- posts


@dataclass(frozen=True, order=True)
class Post:
    """A post of a state or organisation."""

    position: str
    country: str | None = None
    organization: str | None = None

    @property
    def shared(self) -> bool:
        """Several persons hold it at once (``people.tsv``)."""
        post = fold(self.position)
        return post in SHARED_POSTS or any(w in SHARED_WORDS for w in post.split())

    @property
    def placed(self) -> bool:
        """It belongs to a state or an organisation, so its holders can be ranked."""
        return bool(self.country or self.organization)


def post_of(role: Role) -> Post:
    """The post of a role, as the record writes it (canonical, lower case but abbreviations)."""
    return Post(" ".join((role.position or "").split()), role.country, role.organization)


# --------------------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True)
class Statement:
    """One role record as a dated statement (what of it people need; not its evidence)."""

    name: Name
    post: Post
    date: str | None  # ISO 8601, partial, or an interval "2019/2021"
    article: str
    former: bool = False
    rank: str | None = None
    text_date: bool = False  # the date is the text's own (years given), not the publication's

    @property
    def start(self) -> str:
        return (self.date or "").split("/")[0]

    @property
    def end(self) -> str:
        return (self.date or "").split("/")[-1]

    @property
    def holding(self) -> str:
        """The latest date it says the post was held ("" when none): a current post's
        date, or the end of the years the text gives a former post."""
        return self.end if not self.former or self.text_date else ""


def statements(pairs: Iterable[tuple[Role, str | None]]) -> list[Statement]:
    """Roles with a post, each with the date it is stated for."""
    out = []
    for role, article_date in pairs:
        if not role.position or not role.person:
            continue
        date = role.date or article_date or None
        # a former post's own date is the years the text gives for it: held then
        text_date = bool(role.former and role.date)
        out.append(
            Statement(
                parse_name(role.person),
                post_of(role),
                date,
                role.article,
                bool(role.former),
                role.rank,
                text_date,
            )
        )
    return out


def person_keys(stated: Sequence[Statement]) -> list[tuple[str, ...]]:
    """The person each statement is about, by the rule of the module doc: a key per
    statement, equal keys for one person."""
    fulls: dict[str, dict[tuple[str, str], Name]] = {}  # by surname
    in_article: dict[tuple[str, str], list[Name]] = {}  # by article and surname
    posts: dict[tuple[str, str], set[Post]] = {}
    for s in stated:
        if s.name.full:
            fulls.setdefault(s.name.surname, {}).setdefault(s.name.key, s.name)
            in_article.setdefault((s.article, s.name.surname), []).append(s.name)
            posts.setdefault(s.name.key, set()).add(s.post)
    keys: list[tuple[str, ...]] = []
    for s in stated:
        if s.name.full:
            keys.append(s.name.key)
            continue
        near = in_article.get((s.article, s.name.surname), [])
        local = {n.key for n in near if n.agrees(s.name)}
        if len(local) == 1:
            keys.append(local.pop())
            continue
        rivals = [k for k, n in fulls.get(s.name.surname, {}).items() if n.agrees(s.name)]
        if not local and len(rivals) == 1 and s.post in posts[rivals[0]]:
            keys.append(rivals[0])
        else:
            keys.append(("", fold(s.name.text)))
    return keys


# --------------------------------------------------------------------------- the result


@dataclass
class Tenure:
    """One person in one post: the dates it is stated for, and the person's standing in it
    (``status``: current, former, unclear, undated; see the module doc). ``first`` is the
    earliest date it is stated for, ``last`` the latest it is stated to be held (the "as of"
    date of a current holder), ``latest`` that of any of its statements ("" when none)."""

    person: str
    post: Post
    statements: list[Statement] = field(default_factory=list)
    status: str = "current"
    first: str | None = None
    last: str | None = None
    latest: str = ""
    stated_former: bool = False  # a role marks them former at or after ``last``
    sources: list[str] = field(default_factory=list)
    rank: str | None = None  # the rank of the latest statement that gives one

    def settle(self) -> None:
        """Work out the dates, sources and rank once its statements are all in."""
        dated = [s for s in self.statements if s.date]
        self.first = min((s.start for s in dated), default=None)
        self.last = max((s.holding for s in dated if s.holding), default=None)
        self.latest = max((s.end for s in dated), default="")
        last = self.last or ""
        self.stated_former = any(s.former and s.end >= last for s in self.statements)
        self.sources = list(dict.fromkeys(s.article for s in self.statements))
        ranked = sorted((s for s in self.statements if s.rank), key=lambda s: s.end)
        self.rank = ranked[-1].rank if ranked else None


@dataclass
class PersonPosts:
    """A person: the name shown (their most often written full form), every form seen, and
    their tenures, latest first."""

    name: str
    variants: list[str]
    tenures: list[Tenure]


@dataclass
class PostHolders:
    """A post and its holders, the current one first, then former ones latest first."""

    post: Post
    tenures: list[Tenure]


@dataclass
class People:
    """Every person and every post, with the current holder of each post of a state or
    organisation where one is known."""

    persons: list[PersonPosts]
    posts: list[PostHolders]
    current: dict[Post, Tenure] = field(default_factory=dict)


def _by_recency(t: Tenure) -> tuple[str, str]:
    return t.last or "", t.latest


def _rank(holders: list[Tenure], post: Post) -> list[Tenure]:
    """Order the holders of one post and give each its status (see the module doc)."""
    holders.sort(key=_by_recency, reverse=True)
    if post.shared or not post.placed:
        for t in holders:
            t.status = "former" if t.stated_former else "current"
        return holders
    standing = [t for t in holders if not t.stated_former]
    dated = [t for t in standing if t.last]
    current = dated[0] if dated else standing[0] if len(standing) == 1 else None
    for t in holders:
        if t is current:
            t.status = "current"
        elif t.stated_former:
            t.status = "former"
        elif not t.latest:
            t.status = "undated"
        elif current is not None and t.last == current.last:
            t.status = "unclear"
        else:
            t.status = "former"
    if current is not None:  # the current holder first, then the others latest first
        holders.remove(current)
        holders.insert(0, current)
    return holders


def build(pairs: Iterable[tuple[Role, str | None]]) -> People:
    """People and posts over time from ``(Role, article date)`` pairs (module doc)."""
    stated = statements(pairs)
    keys = person_keys(stated)
    forms: dict[tuple[str, ...], Counter[str]] = {}
    tenures: dict[tuple[str, ...], dict[Post, Tenure]] = {}
    for s, key in zip(stated, keys, strict=True):
        forms.setdefault(key, Counter())[s.name.text] += 1
    names = {key: _shown(counter) for key, counter in forms.items()}
    for s, key in zip(stated, keys, strict=True):
        # a post of no state or organisation is this person's alone
        post = s.post
        per_person = tenures.setdefault(key, {})
        tenure = per_person.get(post)
        if tenure is None:
            tenure = per_person[post] = Tenure(names[key], post)
        tenure.statements.append(s)
    by_post: dict[tuple[Any, ...], list[Tenure]] = {}
    for key, posts in tenures.items():
        for post, tenure in posts.items():
            tenure.settle()
            group = (post,) if post.placed else (post, key)
            by_post.setdefault(group, []).append(tenure)
    post_list = [PostHolders(g[0], _rank(holders, g[0])) for g, holders in by_post.items()]
    post_list.sort(key=lambda p: (p.post.country or "", p.post.organization or "", p.post.position))
    persons = [
        PersonPosts(
            names[key],
            list(forms[key]),
            sorted(posts.values(), key=_by_recency, reverse=True),
        )
        for key, posts in tenures.items()
    ]
    persons.sort(key=lambda p: (fold(p.name.split()[-1]), fold(p.name)))
    current = {
        holders.post: holders.tenures[0]
        for holders in post_list
        if holders.post.placed
        and not holders.post.shared
        and holders.tenures[0].status == "current"
    }
    return People(persons, post_list, current)


def _shown(counter: Counter[str]) -> str:
    """The form a person is shown by: the full form written most often (then the longest,
    then the first seen), else the short form written most often."""
    forms = list(counter)
    full = [f for f in forms if parse_name(f).full] or forms
    return max(full, key=lambda f: (counter[f], len(f.split()), -forms.index(f)))


# --------------------------------------------------------------------------- shown


def _date(value: str | None, lang: str) -> str:
    return labels.format_date(value, lang) if value else ""


def span(tenure: Tenure, lang: str = "ru") -> str:
    """The dates a tenure is stated for: "13 февраля 2019 – 30 июня 2021", one date, or ""."""
    first, last = _date(tenure.first, lang), _date(tenure.last or tenure.latest, lang)
    return first if first == last or not last else f"{first} – {last}" if first else last


def standing(tenure: Tenure, lang: str = "ru") -> str:
    """A tenure's status and dates in words: "в должности на 31 октября 2025", "бывший:
    2019 – 2021", "дата не указана"."""
    status = labels.text(f"people:{tenure.status}", lang)
    if tenure.status == "current" and tenure.last:
        return labels.text("people:as_of", lang).format(
            status=status, date=_date(tenure.last, lang)
        )
    if tenure.status == "former" and tenure.last:
        return labels.text("people:held", lang).format(status=status, span=span(tenure, lang))
    if tenure.latest and tenure.status != "undated":
        date = _date(tenure.latest, lang)
        return labels.text("people:stated", lang).format(status=status, date=date)
    return status


def where(post: Post, lang: str = "ru") -> str:
    """The state and organisation of a post, by name."""
    names = [
        labels.country_name(post.country, lang) if post.country else "",
        labels.organization_name(post.organization, lang) if post.organization else "",
    ]
    return ", ".join(n for n in names if n)


def post_name(post: Post, lang: str = "ru") -> str:
    return labels.value_label("role", "position", post.position, lang) or post.position


def sheet(people: People, lang: str = "ru") -> tuple[list[str], list[list[Any]]]:
    """The headers and rows of the workbook's People sheet: one row per person and post,
    the holders of each post together, the current one first."""
    headers = [
        labels.text(key, lang)
        for key in (
            "column:person",
            "column:position",
            "brief:col_affiliation",
            "people:from",
            "people:to",
            "workbook:status",
            "brief:col_sources",
        )
    ]
    posts = {h.post: (post_name(h.post, lang), where(h.post, lang)) for h in people.posts}
    statuses = {status: labels.text(f"people:{status}", lang) for status in STATUSES}
    rows = [
        [
            labels.person_name(t.person, lang),
            *posts[t.post],
            t.first,
            t.last or t.latest or None,
            statuses[t.status],
            "; ".join(t.sources),
        ]
        for holders in people.posts
        for t in holders.tenures
    ]
    return headers, rows


# --------------------------------------------------------------------------- looking up


def matches(person: PersonPosts, query: str) -> bool:
    """Whether a person answers to ``query`` (case-insensitive): a part of any form of their
    name, or a short form of it ("С. Лавров" for "Сергей Лавров")."""
    q = fold(query)
    if any(q in fold(form) for form in (person.name, *person.variants)):
        return True
    asked = parse_name(query)
    return not asked.full and asked.agrees(parse_name(person.name))


def find(people: People, query: str | None) -> list[PersonPosts]:
    """The persons answering to ``query`` (all without one)."""
    return [p for p in people.persons if not query or matches(p, query)]


def lines(people: People, person: PersonPosts, lang: str = "ru") -> list[str]:
    """A person's posts over time as lines of text: the name (and other forms), then one
    line per post with its standing, dates and sources, and who holds it now if another."""
    others = [v for v in person.variants if v != person.name]
    head = labels.person_name(person.name, lang)
    if others:
        head += f" ({', '.join(labels.person_name(v, lang) for v in others)})"
    out = [head]
    for t in person.tenures:
        place = where(t.post, lang)
        post = f"{post_name(t.post, lang)}, {place}" if place else post_name(t.post, lang)
        line = f"  {post}: {standing(t, lang)} [{', '.join(t.sources)}]"
        now = people.current.get(t.post) if t.status != "current" else None
        if now is not None and now.person != t.person:
            holder = f"{labels.person_name(now.person, lang)}, {standing(now, lang)}"
            line += "; " + labels.text("people:now", lang).format(holder=holder)
        out.append(line)
    return out


def holders_lines(holders: PostHolders, lang: str = "ru") -> list[str]:
    """A post and its holders as lines of text, the current one first."""
    place = where(holders.post, lang)
    name = post_name(holders.post, lang)
    out = [f"{name}, {place}" if place else name]
    for t in holders.tenures:
        out.append(
            f"  {labels.person_name(t.person, lang)}: {standing(t, lang)} [{', '.join(t.sources)}]"
        )
    return out


def posts_of(people: People, persons: Iterable[PersonPosts]) -> list[PostHolders]:
    """The posts these persons held, each with all its holders."""
    held = {(t.post, t.person) for p in persons for t in p.tenures}
    return [h for h in people.posts if any((h.post, t.person) in held for t in h.tenures)]


def post_dict(holders: PostHolders) -> dict[str, Any]:
    """A post and its holders for JSON."""
    return {
        "position": holders.post.position,
        "country": holders.post.country,
        "organization": holders.post.organization,
        "holders": [
            {
                "name": t.person,
                "status": t.status,
                "from": t.first,
                "to": t.last or t.latest or None,
                "sources": t.sources,
            }
            for t in holders.tenures
        ],
    }


def to_dict(person: PersonPosts) -> dict[str, Any]:
    """A person's posts over time for JSON."""
    return {
        "name": person.name,
        "variants": person.variants,
        "posts": [
            {
                "position": t.post.position,
                "country": t.post.country,
                "organization": t.post.organization,
                "rank": t.rank,
                "status": t.status,
                "from": t.first,
                "to": t.last or t.latest or None,
                "sources": t.sources,
            }
            for t in person.tenures
        ],
    }
