"""The brief's figure: the states' contacts in the period, where a reader would rather look
than read.

:func:`contacts` counts, per pair of states, the facts of two kinds that bring states
together: meetings (their ``countries``) and agreements (their ``parties`` that are
states). Each consolidated fact counts once, whatever the number of its sources.
:func:`contacts_png` draws them as horizontal bars, meetings dark grey and agreements
hatched, so that the picture reads the same in grey print. Where fewer pairs of states meet
or agree, :func:`timeline` counts the same facts per state and month (year, over a long
period) and :func:`timeline_png` draws a line per state, each with its own marker and dash.
matplotlib draws off screen (its Agg canvas, no pyplot and no display), in its default
style whatever a user's matplotlibrc says; it is imported only when there is something to
draw.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from svodka.model.facts import Fact
from svodka.report import labels
from svodka.report.tabular import entity_kind, record_columns, xml_safe

CONTACT_TYPES = ("meeting", "agreement")  # what a pair of states counts, in the bars' order
MIN_PAIRS = 2  # fewer pairs are read faster in the tables than in a picture
MAX_PAIRS = 12  # the busiest pairs shown; the caption tells how many there are
MAX_STATES = 6  # lines of the timeline: the busiest states
MAX_MONTHS = 24  # a longer period is counted by year
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")  # a date that gives its month
LINES = (("o", "-"), ("s", "--"), ("^", ":"), ("D", "-."), ("v", (0, (5, 1, 1, 1))), ("x", "-"))
WIDTH_INCHES = 6.3  # as wide as the brief's text (170 mm less a margin)
DPI = 200


@dataclass(frozen=True)
class Pair:
    """Two states (ISO codes, in order) and how many facts of each contact type join them."""

    states: tuple[str, str]
    counts: tuple[int, ...]  # in the order of CONTACT_TYPES

    @property
    def total(self) -> int:
        return sum(self.counts)


def fact_states(fact: Fact) -> list[str]:
    """The states a fact names in its country and party fields (ISO codes, each once)."""
    record = fact.record
    states: dict[str, None] = {}
    for column in record_columns(type(record)):
        if column.trailing or column.kind not in ("country", "party"):
            continue
        value = getattr(record, column.key, None)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str) and entity_kind(column.kind, item) == "country":
                states[item] = None
    return list(states)


def contacts(facts: Iterable[Fact]) -> list[Pair]:
    """The pairs of states that meetings and agreements join, busiest first (ties by the
    pair's codes)."""
    counts: dict[tuple[str, str], list[int]] = {}
    for fact in facts:
        if fact.type not in CONTACT_TYPES:
            continue
        slot = CONTACT_TYPES.index(fact.type)
        for pair in combinations(sorted(fact_states(fact)), 2):
            counts.setdefault(pair, [0] * len(CONTACT_TYPES))[slot] += 1
    pairs = [Pair(states, tuple(n)) for states, n in counts.items()]
    return sorted(pairs, key=lambda p: (-p.total, p.states))


@dataclass(frozen=True)
class Timeline:
    """Contacts per state and period: ``periods`` ("2025-10" or "2025", each one between
    the first and the last), ``states`` (ISO codes, busiest first) and ``counts`` (per
    state, per period)."""

    periods: tuple[str, ...]
    states: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


def timeline(facts: Iterable[Fact]) -> Timeline:
    """The contact facts that have a date, counted per state named and month (per year when
    they span more than :data:`MAX_MONTHS` months); the :data:`MAX_STATES` busiest states."""
    dated: list[tuple[str, list[str]]] = []
    for fact in facts:
        date = getattr(fact.record, "date", None)
        states = fact_states(fact) if fact.type in CONTACT_TYPES else []
        if states and isinstance(date, str) and _MONTH.match(date):
            dated.append((date[:7], states))
    if not dated:
        return Timeline((), (), ())
    months = sorted(month for month, _ in dated)
    first, last = (int(m[:4]) * 12 + int(m[5:7]) - 1 for m in (months[0], months[-1]))
    if last - first < MAX_MONTHS:
        periods = tuple(f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(first, last + 1))
        key = len(periods[0])
    else:
        periods = tuple(f"{y:04d}" for y in range(first // 12, last // 12 + 1))
        key = 4
    index = {period: i for i, period in enumerate(periods)}
    per_state: dict[str, list[int]] = {}
    for month, states in dated:
        for state in states:
            per_state.setdefault(state, [0] * len(periods))[index[month[:key]]] += 1
    busiest = sorted(per_state, key=lambda state: (-sum(per_state[state]), state))[:MAX_STATES]
    return Timeline(periods, tuple(busiest), tuple(tuple(per_state[s]) for s in busiest))


def state_name(code: str, lang: str) -> str:
    """A state's name in the brief's language (an unknown code as it is, cleaned)."""
    return _short(xml_safe(labels.country_name(code, lang) or code).strip()) or "?"


def pair_name(pair: Pair, lang: str) -> str:
    """The states' names in the brief's language, "Казахстан — Россия" (an unknown code as
    it is, rid of control characters)."""
    return " — ".join(state_name(code, lang) for code in pair.states)


def _short(name: str, size: int = 30) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def contacts_png(pairs: list[Pair], lang: str) -> bytes:
    """The pairs as a bar chart (PNG): one bar per pair, its meetings dark grey and its
    agreements white with a hatch, the count at each bar's end. Drawn in matplotlib's
    default style, whatever a user's matplotlibrc says."""
    from matplotlib import style

    with style.context("default"), _quiet():
        return _draw_pairs(pairs, lang)


def timeline_png(line: Timeline, lang: str) -> bytes:
    """The timeline as a line chart (PNG): a black line per state, each with its own marker
    and dash, so that the lines are told apart in grey print."""
    from matplotlib import style

    with style.context("default"), _quiet():
        return _draw_timeline(line, lang)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No Python warning on the user's terminal for a glyph the font lacks (drawn as a box)
    or a layout that cannot give very long names all the room they ask for."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def _period_name(period: str, lang: str) -> str:
    return f"{period[5:7]}.{period[:4]}" if len(period) == 7 and lang == "ru" else period


def _draw_timeline(line: Timeline, lang: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_INCHES, 3.0), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = list(range(len(line.periods)))
    for n, (state, counts) in enumerate(zip(line.states, line.counts, strict=True)):
        marker, dash = LINES[n % len(LINES)]
        name = state_name(state, lang).replace("$", r"\$")
        axes.plot(xs, counts, color="black", marker=marker, linestyle=dash, label=name)
    step = max(1, len(xs) // 12)  # at most about twelve labels under the axis
    axes.set_xticks(xs[::step], [_period_name(p, lang) for p in line.periods[::step]])
    axes.tick_params(labelsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.set_ylabel(labels.text("brief:figure_axis", lang), fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncols=3)
    figure.tight_layout()
    return _png(figure)


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})  # the same bytes every run
    return out.getvalue()


def _draw_pairs(pairs: list[Pair], lang: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = [pair_name(p, lang).replace("$", r"\$") for p in pairs]  # "$" starts no formula
    figure = Figure(figsize=(WIDTH_INCHES, 0.8 + 0.32 * len(pairs)), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = range(len(pairs))
    looks = (("0.3", None), ("white", "////"))  # (fill, hatch) of each contact type
    left = [0] * len(pairs)
    for slot, kind in enumerate(CONTACT_TYPES):
        values = [p.counts[slot] for p in pairs]
        fill, hatch = looks[slot]
        axes.barh(
            rows,
            values,
            left=left,
            height=0.6,
            color=fill,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.6,
            label=labels.text(f"brief:figure_{kind}", lang),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    for row, pair in zip(rows, pairs, strict=True):
        axes.text(pair.total + 0.05, row, str(pair.total), va="center", fontsize=8)
    axes.set_yticks(list(rows), names, fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(p.total for p in pairs) * 1.08 + 0.3)
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlabel(labels.text("brief:figure_axis", lang), fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(  # above the bars, never over them
        fontsize=8, frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncols=2
    )
    figure.tight_layout()
    return _png(figure)
