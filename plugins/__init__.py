"""Built-in plugins: svodka's own readers, extractors and exporters.

They are registered through the same hooks as third-party plugins; the names below are
also the plugin names (without the ``svodka.plugins.`` prefix) that ``--disable`` takes.
Readers and exporters are listed in their own folders (``readers.PLUGINS``,
``exporters.PLUGINS``), so that a new one is added in one place.
"""

from svodka.plugins import exporters, readers

DEFAULT_PLUGINS: tuple[str, ...] = (
    "svodka.plugins.gazetteers",
    "svodka.plugins.rules",
    "svodka.plugins.fact_templates",
    *(f"svodka.plugins.readers.{name}" for name in readers.PLUGINS),
    "svodka.plugins.extractors.roles",
    "svodka.plugins.extractors.meetings",
    "svodka.plugins.extractors.agreements",
    "svodka.plugins.extractors.membership",
    "svodka.plugins.extractors.events",
    "svodka.plugins.extractors.quotes",
    *(f"svodka.plugins.exporters.{name}" for name in exporters.PLUGINS),
)
