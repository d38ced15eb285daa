"""Built-in plugins: svodka's own readers, extractors and exporters.

They are registered through the same hooks as third-party plugins; the names below are
also the plugin names (without the ``svodka.plugins.`` prefix) that ``--disable`` takes.
"""

DEFAULT_PLUGINS: tuple[str, ...] = (
    "svodka.plugins.gazetteers",
    "svodka.plugins.rules",
    "svodka.plugins.fact_templates",
    "svodka.plugins.readers.text",
    "svodka.plugins.readers.jsonl",
    "svodka.plugins.readers.docx",
    # after text: the last registered sniffs first, and text's sniff claims any text
    "svodka.plugins.readers.html",
    "svodka.plugins.readers.feeds",
    "svodka.plugins.extractors.roles",
    "svodka.plugins.extractors.meetings",
    "svodka.plugins.extractors.agreements",
    "svodka.plugins.extractors.membership",
    "svodka.plugins.extractors.events",
    "svodka.plugins.extractors.quotes",
    "svodka.plugins.exporters.jsonl",
    "svodka.plugins.exporters.report",
    "svodka.plugins.exporters.brief",
    "svodka.plugins.exporters.tables",
    "svodka.plugins.exporters.csvfiles",
)
