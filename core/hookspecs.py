"""The hook specifications: everything a plugin can add to svodka.

Each hook is called once per run, while the plugin manager is set up (see
``svodka.manager``), with a ``register`` callable; the plugin calls it once per object it
adds. Calls are isolated: a plugin whose hook raises is reported by name and skipped, the
other plugins still register. An implementation may accept fewer arguments than the
specification lists (pluggy passes only the ones it names).

A minimal plugin module::

    import svodka
    from svodka.components import Extractor

    class Weather(Extractor):
        name = "weather"
        record_types = ("weather",)

        def extract(self, doc):
            ...

    @svodka.hookimpl
    def register_extractors(register):
        register(Weather())

and in its pyproject.toml::

    [project.entry-points.svodka]
    weather = "svodka_weather"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from svodka.components import Exporter, Extractor, Reader
    from svodka.model.records import Record
    from svodka.normalize.gazetteer import GazetteerEntry

hookspec = pluggy.HookspecMarker("svodka")


@hookspec
def register_readers(register: Callable[[Reader], None]) -> None:
    """Add input formats.

    Called once at start-up. ``register(reader)`` takes a :class:`svodka.components.Reader`:
    it names the file suffixes it reads (``(".html", ".htm")``) and turns one input into
    articles. Example::

        @svodka.hookimpl
        def register_readers(register):
            register(HtmlReader())
    """


@hookspec
def register_record_types(register: Callable[[type[Record]], None]) -> None:
    """Add record types beyond the built-in six.

    Called once at start-up. ``register(cls)`` takes a dataclass that subclasses
    :class:`svodka.model.records.Record` with ``kw_only=True`` and a ``type`` class variable; its
    fields appear in ``svodka schema`` and in every exporter. Example::

        @dataclass(kw_only=True)
        class Weather(Record):
            type: ClassVar[str] = "weather"
            place: str | None = None
            forecast: str | None = None

        @svodka.hookimpl
        def register_record_types(register):
            register(Weather)
    """


@hookspec
def register_extractors(register: Callable[[Extractor], None]) -> None:
    """Add fact extractors.

    Called once at start-up. ``register(extractor)`` takes a
    :class:`svodka.components.Extractor`, whose ``extract(doc)`` gets one parsed article
    (:class:`svodka.text.parse.ParsedArticle`: sentences, tokens, lemmas, entity mentions) and
    returns records. Extractors run per article in pluggy's call order (the last plugin
    registered first; ``tryfirst``/``trylast`` on the hook implementation move it); one
    that raises is reported with its name and the article id, and the others' records are
    kept. Of two components with the same name, the plugin loaded first keeps it and the
    other is reported. Example::

        @svodka.hookimpl
        def register_extractors(register):
            register(Weather())
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Add output formats.

    Called once at start-up. ``register(exporter)`` takes a
    :class:`svodka.components.Exporter`, whose ``export(run, path)`` writes the result of
    a whole run (articles, records, failures) to ``path``; ``svodka run`` calls every
    selected exporter with ``OUTPUT_DIR / exporter.filename``, and ``svodka export -f NAME``
    one exporter with a records file (``export_records``). An exporter declares its own
    command-line options as :class:`svodka.components.ExporterOption` in ``options``: both
    commands offer them (``--NAME``), and each exporter finds only its own values in
    ``run.options``, beside ``lang``. An option named like one of svodka's own or one of
    an exporter of a plugin loaded before is left out, reported naming both. Example::

        class MarkdownExporter(Exporter):
            name, filename = "markdown", "facts.md"
            options = (ExporterOption("heading", "The first line.", default="Facts"),)

            def export(self, run, path):
                heading = run.options["heading"]  # svodka run --heading "Week 12"
                ...

        @svodka.hookimpl
        def register_exporters(register):
            register(MarkdownExporter())
    """


@hookspec
def register_gazetteers(register: Callable[[str, list[GazetteerEntry]], None]) -> None:
    """Add normalisation data: names of countries, organisations, places, posts, ranks.

    Called once, the first time normalisation data is needed. ``register(kind, entries)``
    takes a kind (``"country"``, ``"organization"``, ``"place"``, ``"position"``,
    ``"rank"``) and a list of :class:`svodka.normalize.gazetteer.GazetteerEntry`; entries
    are matched in any grammatical case. ``svodka.normalize.gazetteer.load_tsv(path)``
    reads the same TSV format as the built-in files in ``svodka/data``. Example::

        @svodka.hookimpl
        def register_gazetteers(register):
            register("organization", [
                GazetteerEntry("ОДКБ", "CSTO"),
                GazetteerEntry("Организация Договора о коллективной безопасности", "CSTO"),
            ])
    """


@hookspec
def register_rules(register: Callable[[str, Iterable[str | tuple[str, ...]]], None]) -> None:
    """Add words to the extractors' word lists and rows to their tables.

    Called each time a plugin manager is built or a plugin is added or removed, after the
    plugins are loaded. ``register(name, items)`` takes a list name, ``"family.list"`` as in
    the built-in files ``svodka/data/rules/<family>.tsv`` (``"meetings.meeting_words"``,
    ``"membership.moves"``; each file's header says what its lists mean), and the words to
    add, or for a table its rows as tuples of its columns; it returns nothing. An unknown
    list or a row of the wrong width is reported as the plugin's failure.
    ``svodka.extract.rules.read_tsv(path)`` reads a file of the built-in format. The words
    reach the extractors before the next article; a manager built without the plugin no
    longer has them. Example::

        @svodka.hookimpl
        def register_rules(register):
            register("meetings.meeting_words", ["свидание"])
            register("membership.moves", [("влиться", "member", "в во")])
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``svodka`` command line.

    Called once when the CLI starts, with the top-level click group. Example::

        @svodka.hookimpl
        def register_commands(cli):
            @cli.command()
            def hello():
                click.echo("hello")
    """


@hookspec
def register_fact_templates(register: Callable[[str, str, str], None]) -> None:
    """Add fact-line templates: one readable sentence per record of a type, per language.

    Called when :func:`svodka.report.render.fact_line` first needs the templates of a plugin
    manager, and again after plugins are added or removed; the built-in templates
    (``svodka/templates/<lang>/<type>.j2``) come through this hook too.
    ``register(record_type, lang, source)`` takes a record type (``"weather"``), a language
    (``"ru"`` or ``"en"``) and the source of a Jinja2 template, compiled at once in a
    sandboxed environment (a syntax error is reported as the plugin's failure; reaching
    for internals such as ``''.__class__`` raises ``SecurityError`` when rendered). The
    template gets the record's fields by name, ``record``, ``fact``, ``sources`` and
    ``lang``, and the filters of :mod:`svodka.report.render` (``country``, ``org``, ``person``,
    ``place``, ``date``, ``period``, ``label``, ``listing``, ...). Of two templates for
    the same type and language, the plugin loaded last wins (pluggy calls it first), so a
    plugin can also restyle the built-in lines; a type without a template gets a generic
    "type: field=value; ..." line. Example::

        @svodka.hookimpl
        def register_fact_templates(register):
            register("weather", "ru", "{{ place | place }}: {{ forecast }}.")
            register("weather", "en", "{{ place | place }}: {{ forecast }}.")
    """


HOOK_NAMES: tuple[str, ...] = (
    "register_readers",
    "register_record_types",
    "register_extractors",
    "register_exporters",
    "register_gazetteers",
    "register_rules",
    "register_commands",
    "register_fact_templates",
)

__all__ = ["hookspec", "HOOK_NAMES", *HOOK_NAMES]
