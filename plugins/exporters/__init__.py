"""Built-in exporters, one module per output (workbook.py is the ``xlsx`` exporter's writer,
used by tables.py).

A new output is a module here with a :class:`svodka.components.Exporter` subclass (its
``name``, ``filename`` and ``export``) and a ``register_exporters`` hook implementation (see
jsonl.py), listed in :data:`PLUGINS`: svodka registers these modules as built-in plugins in
that order, and ``svodka run`` writes every registered exporter's file (``-f NAME`` picks).
"""

PLUGINS: tuple[str, ...] = ("jsonl", "report", "brief", "tables", "csvfiles")
