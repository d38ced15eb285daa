"""Fact lines: one readable sentence per fact, from a Jinja2 template per record type and
language ("Казахстан и Россия подписали план военного сотрудничества на 2026 год (Алматы,
31 октября 2025).").

Templates. A record type's template is the one registered under the name its declaration
gives (``Record.spec.template``), by default the type's own name. The built-in ones are
``svodka/templates/<lang>/<type>.j2``, registered by the built-in plugin ``fact_templates``
through the ``register_fact_templates`` hook, the same way a plugin ships templates for
its own record types. :func:`fact_line` takes them from
the hook when given a :class:`svodka.manager.Plugins`, else from the built-in files; a type
without a template for the language gets a generic "type: field=value; ..." line.

A template sees the record's fields by name, ``record``, ``fact`` (the
:class:`~svodka.model.facts.Fact`, or None), ``sources``, ``lang`` and ``when``: where the
fact's date lies against the brief's date (:func:`tense`: "past", "future" or None), so that
a line is told in the brief's own tense: an exercise announced for 2023 in a brief of 2025
"прошли", talks dated after the brief's date "проведут переговоры". These filters
(bound to the language): ``country``, ``countries``, ``org``, ``party``, ``parties``,
``person``, ``persons``, ``place``, ``date``, ``period``, ``label(type, field)``,
``listing`` ("A, B и C" / "A, B and C"), ``capfirst``, ``translit``, ``shorten(n)``,
``quote_words`` (a fragment marked with "…"), and for
Russian ``inflect(case)`` and ``agree(masc, femn, neut, plur)`` (see :mod:`svodka.report.labels`).
Text values longer than 1,000 characters are shortened at a word ("…"), quotes in the
built-in templates at 500; whitespace runs in the result collapse to one space.

Safety. Templates are compiled in a :class:`jinja2.sandbox.SandboxedEnvironment`
(Jinja2 >= 3.1.6) with ``StrictUndefined``: ``{{ ''.__class__.__mro__ }}`` raises
:class:`jinja2.exceptions.SecurityError` instead of rendering, and a misspelt name raises
instead of vanishing (``fact_line`` then falls back to the generic line). Autoescaping is
on, and the rendered markup is turned back into plain text with
:meth:`markupsafe.Markup.unescape`: a value is escaped exactly once and unescaped exactly
once, so ``&``, ``<...>`` and quotes come out verbatim, while literal template text is read
as markup (``&amp;`` in a template source means ``&``). Fact lines are plain text on
purpose: python-docx and openpyxl escape text when they write their XML, so HTML entities
left in the line would appear as "&amp;" in a Word document or a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from svodka.model.facts import Fact
from svodka.model.identity import date_bounds
from svodka.model.records import Record
from svodka.report import labels
from svodka.report.labels import LANGS
from svodka.report.tabular import shown_text

if TYPE_CHECKING:
    from svodka.manager import Plugins

HOOK = "register_fact_templates"
QUOTE_LIMIT = 500  # characters of a quote shown in its fact line
VALUE_LIMIT = 1000  # characters of any other text value shown in a fact line

_SPACE = re.compile(r"\s+")

Templates = dict[tuple[str, str], str]  # (record type, lang) -> template source


# --------------------------------------------------------------------------- filters


def _shorten(text: Any, limit: int = QUOTE_LIMIT) -> str:
    """At most ``limit`` characters, cut at a word boundary and marked with "…"."""
    text = _SPACE.sub(" ", str(text or "")).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:—–-") + "…"


def _capfirst(text: Any) -> str:
    text = str(text or "")
    return text[:1].upper() + text[1:]


def _ordinal(number: Any) -> str:
    """English ordinal: 1st, 2nd, 3rd, 11th, 85th."""
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    def joined(
        values: Iterable[str] | None, name: Callable[[str, str], str], sort: bool, sep: str | None
    ) -> str:
        items = [name(v, lang) for v in values or [] if v]
        items = sorted(items) if sort else items
        return sep.join(items) if sep is not None else labels.join_names(items, lang)

    return {
        "country": lambda code: labels.country_name(code, lang),
        "countries": lambda codes, sep=None: joined(codes, labels.country_name, True, sep),
        "org": lambda org_id: labels.organization_name(org_id, lang),
        "party": lambda value: labels.party_name(value, lang),
        "parties": lambda values, sep=None: joined(values, labels.party_name, True, sep),
        "person": lambda name: labels.person_name(name, lang),
        "persons": lambda names, sep=None: joined(names, labels.person_name, False, sep),
        "place": lambda name: labels.place_name(name, lang),
        "date": lambda iso: labels.format_date(iso, lang),
        "period": lambda period: labels.format_period(period, lang),
        "label": lambda value, rtype, field: labels.value_label(rtype, field, value, lang),
        "listing": lambda values, sep=None: joined(values, lambda v, _lang: str(v), False, sep),
        "capfirst": _capfirst,
        "translit": lambda text: labels.transliterate(str(text or "")),
        "shorten": _shorten,
        "ordinal": _ordinal,
        "inflect": lambda phrase, case: labels.inflect(phrase, case),
        "agree": lambda phrase, *forms: labels.agree(phrase, *forms),
        "quote_words": labels.quote_words,
    }


@lru_cache(maxsize=len(LANGS))
def environment(lang: str) -> SandboxedEnvironment:
    """The sandboxed environment that compiles templates of one language."""
    env = SandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_filters(lang))
    return env


@lru_cache(maxsize=1024)
def compile_template(source: str, lang: str) -> Template:
    """A compiled template (cached by source and language); syntax errors raise."""
    return environment(labels.check_lang(lang)).from_string(source)


# --------------------------------------------------------------------------- template tables


def _collect(call: Callable[[Callable[[str, str, str], None]], None]) -> Templates:
    table: Templates = {}

    def register(record_type: str, lang: str, source: str) -> None:
        if not record_type or not isinstance(source, str):
            raise ValueError(f"fact template needs a record type and a source: {record_type!r}")
        compile_template(source, lang)  # an unknown language or a syntax error raises here
        table.setdefault((record_type, lang), source)  # the first call wins

    call(register)
    return table


@lru_cache(maxsize=1)
def _builtin_table() -> Templates:
    from svodka.plugins import fact_templates

    return _collect(fact_templates.register_fact_templates)


_plugin_tables: WeakKeyDictionary[Plugins, tuple[tuple[str, ...], Templates]] = WeakKeyDictionary()


def templates_of(plugins: Plugins | None) -> Templates:
    """The template table: from every plugin's ``register_fact_templates``, or the built-in
    files when ``plugins`` is None. Of two templates for one type and language, the one
    registered by the implementation pluggy calls first wins: the plugin loaded last (so a
    plugin can restyle the built-in lines), unless ``tryfirst``/``trylast`` say otherwise.
    Cached per plugin manager until its set of implementations changes."""
    if plugins is None:
        return _builtin_table()
    signature = tuple(
        impl.plugin_name for impl in plugins.pm.hook.register_fact_templates.get_hookimpls()
    )
    cached = _plugin_tables.get(plugins)
    if cached is not None and cached[0] == signature:
        return cached[1]
    table = _collect(
        lambda register: plugins.call_each(HOOK, lambda _plugin: {"register": register})
    )
    _plugin_tables[plugins] = (signature, table)
    return table


# --------------------------------------------------------------------------- lines


def _clip(value: Any) -> Any:
    """Texts (and texts in lists) longer than :data:`VALUE_LIMIT` shortened at a word."""
    if isinstance(value, str) and len(value) > VALUE_LIMIT:
        return _shorten(value, VALUE_LIMIT)
    if isinstance(value, list):
        return [_clip(v) for v in value]
    return value


def generic_line(record: Record, lang: str = "ru") -> str:
    """The line for a type without a template, "type: field=value; ...": every filled
    field, values labelled for the language, long texts shortened."""
    labels.check_lang(lang)
    parts = []
    for name, value in record.values().items():
        text = shown_text(type(record), name, _clip(value), lang)
        if text:
            parts.append(f"{name}={text}")
    line = f"{record.type}: {'; '.join(parts)}" if parts else record.type
    return _SPACE.sub(" ", line).strip() + "."


def tense(value: Any, as_of: str | None) -> str | None:
    """Where a date (ISO 8601, partial or a range) lies against the day ``as_of`` (ISO): "past"
    when it ends before that day, "future" when it starts after it, None when it covers the
    day or either is unknown ("2025" against 31 October 2025)."""
    span = date_bounds(value)
    if span is None or not as_of:
        return None
    try:
        day = dt.date.fromisoformat(as_of[:10])
    except ValueError:
        return None
    if span[1] < day:
        return "past"
    return "future" if span[0] > day else None


def fact_line(
    item: Fact | Record,
    lang: str = "ru",
    plugins: Plugins | None = None,
    as_of: str | None = None,
) -> str:
    """One readable sentence for a fact (its merged record) or a record, in ``lang``, told
    relative to the brief's date ``as_of`` (ISO; the template's ``when``, see :func:`tense`;
    None: as the source tells it).

    Templates come from ``plugins`` (the ``register_fact_templates`` hook) when given, else
    from the built-in files. A template that reaches for unsafe attributes raises
    :class:`jinja2.exceptions.SecurityError`; any other template error falls back to
    :func:`generic_line`.
    """
    labels.check_lang(lang)
    fact = item if isinstance(item, Fact) else None
    record = item.record if isinstance(item, Fact) else item
    source = templates_of(plugins).get((record.spec.template or record.type, lang))
    if source is None:
        return generic_line(record, lang)
    context = {
        **{name: _clip(value) for name, value in record.values().items()},
        "record": record,
        "fact": fact,
        "sources": list(fact.sources) if fact else [record.article],
        "lang": lang,
        "when": tense(getattr(record, "date", None), as_of),
    }
    try:
        rendered = compile_template(source, lang).render(context)
    except SecurityError:
        raise
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError):
        return generic_line(record, lang)
    text = _SPACE.sub(" ", Markup(rendered).unescape()).strip()
    return text or generic_line(record, lang)
