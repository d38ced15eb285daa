"""The key developments of a brief: which facts, told as which stories, in what order.

Pure functions over consolidated facts (:class:`svodka.model.facts.Fact`):

- **News only.** A fact is a candidate when its type may be a key development
  (``RecordType.key``: roles and quotes may not) and the articles state it as news
  (``Record.news``, told by :mod:`svodka.normalize.news`; a record that does not say counts
  as news). Background and roles go to the tables only.
- **One story, one bullet.** Facts whose records share a sentence of an article are one
  story, and so are, within one article, a document and the meeting or the other documents
  of the same states on a compatible date (the meeting where it was signed, the documents
  signed there). A fact reported by several articles joins their stories.
- **Weights.** A fact weighs what the table ``news.rank`` (``svodka/data/rules/news.tsv``)
  gives its type and qualifier: signed, ratified and in-force documents and changes of
  status first, then meetings of heads of state or government, then of ministers (the
  participants' posts are read from the role facts), then other meetings, events, and the
  rest. A story weighs what its heaviest fact weighs; that fact is its main one.
- **Order.** Stories by weight, then by number of sources (articles with the same text
  count once: ``source_key``), then latest date first, then first seen.
- **Selection.** At most :data:`KEY_LIMIT` stories. An article's lead story (the story of
  its first news fact, in the headline or lead where it has one) is its main news: lead
  stories are taken first, in rank order, and may stretch the list to :data:`LEAD_LIMIT`
  when a feed has more of them; the other stories fill the places left up to
  :data:`KEY_LIMIT`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from svodka.extract.rules import table, words
from svodka.model.facts import Fact, dates_agree
from svodka.model.identity import filled, fold, surname
from svodka.model.records import Record
from svodka.report import labels

KEY_LIMIT = 12  # stories among the key developments of a brief
LEAD_LIMIT = 15  # ... which articles' lead stories may stretch to, and never beyond
MAX_DETAILS = 3  # facts told after a story's main fact; the tables list every fact

RANK = table("news.rank", float)
LEADER_POSTS = words("news.leader_posts")
MINISTER_POSTS = words("news.minister_posts")

SourceKey = Callable[[str], Hashable]


@dataclass
class Story:
    """Facts of one story: ``facts[0]`` is the main one, then up to :data:`MAX_DETAILS`
    details, heaviest first; ``sources`` the article ids of all its facts (first-seen
    order); ``count`` the number of distinct sources; ``lead`` whether it is an article's
    lead story."""

    facts: list[Fact]
    weight: float
    sources: list[str] = field(default_factory=list)
    count: int = 0
    lead: bool = False

    @property
    def main(self) -> Fact:
        return self.facts[0]


def is_news(fact: Fact) -> bool:
    """True when an article states the fact as news (or does not say)."""
    records = fact.records or [fact.record]
    return any(r.news is not False for r in records)


def is_candidate(fact: Fact) -> bool:
    """A news fact of a type that may be a key development, whose line says something
    (:func:`svodka.report.labels.vague`)."""
    return fact.record.spec.key and is_news(fact) and not labels.vague(fact.record)


def posts_by_surname(facts: Iterable[Fact]) -> dict[str, set[str]]:
    """The posts the role facts give each person, by folded surname."""
    posts: dict[str, set[str]] = {}
    for fact in facts:
        if fact.type != "role":
            continue
        for record in fact.records or [fact.record]:
            name, post = getattr(record, "person", None), getattr(record, "position", None)
            key = surname(name) if filled(name) else None
            if key and filled(post):
                posts.setdefault(key, set()).add(fold(post))
    return posts


def _is_minister(post: str) -> bool:
    return any(post == w or post.startswith(f"{w} ") for w in MINISTER_POSTS)


def meeting_level(record: Record, posts: dict[str, set[str]]) -> str | None:
    """``leaders`` when every participant whose post is known is a head of state or
    government, ``ministers`` when each is a minister or higher, else None."""
    known = []
    for name in getattr(record, "participants", None) or []:
        key = surname(name)
        if key and posts.get(key):
            known.append(posts[key])
    if not known:
        return None
    if all(held & LEADER_POSTS for held in known):
        return "leaders"
    if all(held & LEADER_POSTS or any(map(_is_minister, held)) for held in known):
        return "ministers"
    return None


def weight(fact: Fact, posts: dict[str, set[str]]) -> float:
    """The fact's weight from ``news.rank``: its type with a qualifier (its status, or a
    meeting's level), else its type alone, else ``*``; 0 when none is given."""
    record = fact.record
    qualifiers = [getattr(record, "status", None)]
    if fact.type == "meeting":
        qualifiers.append(meeting_level(record, posts))
    for qualifier in qualifiers:
        if isinstance(qualifier, str) and f"{fact.type}:{qualifier}" in RANK:
            return RANK[f"{fact.type}:{qualifier}"]
    return RANK.get(fact.type, RANK.get("*", 0.0))


def _states(record: Record) -> frozenset[str]:
    """The states (and organisations) a meeting or document is between."""
    value = getattr(record, "parties" if record.type == "agreement" else "countries", None)
    return frozenset(fold(v) for v in value or [] if filled(v))



class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _link(candidates: Sequence[Fact]) -> _Union:
    """Join the facts of one story (see the module doc)."""
    union = _Union(len(candidates))
    sentence: dict[tuple[str, int], int] = {}
    documents: dict[str, list[tuple[int, Record]]] = {}  # article -> meetings and documents
    for i, fact in enumerate(candidates):
        for record in fact.records or [fact.record]:
            for ev in record.evidence:
                j = sentence.setdefault((record.article, ev.start), i)
                union.join(i, j)
            if record.type in ("agreement", "meeting") and _states(record):
                documents.setdefault(record.article, []).append((i, record))
    for items in documents.values():
        for n, (i, a) in enumerate(items):
            for j, b in items[n + 1 :]:
                if (
                    "agreement" in (a.type, b.type)
                    and _states(a) == _states(b)
                    and dates_agree(getattr(a, "date", None), getattr(b, "date", None))
                ):
                    union.join(i, j)
    return union


def _latest(facts: Iterable[Fact]) -> str:
    return max((str(getattr(f.record, "date", None) or "") for f in facts), default="")


def stories(
    facts: Sequence[Fact],
    source_key: SourceKey | None = None,
    posts: dict[str, set[str]] | None = None,
) -> list[Story]:
    """Every news story of the facts, ranked (see the module doc); ``posts``: the posts of
    persons by surname, when more facts than these give them (default: these facts')."""
    key = source_key or (lambda article: article)
    posts = posts_by_surname(facts) if posts is None else posts
    candidates = [f for f in facts if is_candidate(f)]
    weights = [weight(f, posts) for f in candidates]
    counts = [len({key(s) for s in f.sources}) for f in candidates]
    union = _link(candidates)
    members: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        members.setdefault(union.find(i), []).append(i)
    leads = _lead_facts(candidates)
    found = []
    for group in members.values():
        group.sort(key=lambda i: (-weights[i], -counts[i], i))
        sources = list(dict.fromkeys(s for i in group for s in candidates[i].sources))
        found.append(
            (
                group[0],
                Story(
                    [candidates[i] for i in group[: MAX_DETAILS + 1]],
                    weights[group[0]],
                    sources,
                    len({key(s) for s in sources}),
                    lead=not leads.isdisjoint(group),
                ),
            )
        )
    found.sort(key=lambda item: min(members[union.find(item[0])]))  # first seen
    ranked = [story for _, story in found]
    ranked.sort(key=lambda s: _latest(s.facts), reverse=True)  # stable: latest date first
    ranked.sort(key=lambda s: (-s.weight, -s.count))
    return ranked


def _lead_facts(candidates: Sequence[Fact]) -> set[int]:
    """The indices of each article's first news fact (by where the article states it)."""
    first: dict[str, tuple[int, int]] = {}
    for i, fact in enumerate(candidates):
        for record in fact.records or [fact.record]:
            if record.news is False:
                continue
            start = min((ev.start for ev in record.evidence), default=0)
            if record.article not in first or start < first[record.article][0]:
                first[record.article] = (start, i)
    return {i for _, i in first.values()}


def key_developments(
    facts: Sequence[Fact],
    source_key: SourceKey | None = None,
    limit: int = KEY_LIMIT,
    lead_limit: int = LEAD_LIMIT,
    posts: dict[str, set[str]] | None = None,
) -> list[Story]:
    """The stories the brief lists as key developments, in rank order: lead stories first
    (at most ``lead_limit``), then the others up to ``limit`` in all (``posts``: as for
    :func:`stories`)."""
    ranked = stories(facts, source_key, posts)
    leads = [s for s in ranked if s.lead][:lead_limit]
    others = [s for s in ranked if not s.lead][: max(0, limit - len(leads))]
    chosen = {id(s) for s in (*leads, *others)}
    return [s for s in ranked if id(s) in chosen]
