"""Built-in readers, one module per input format.

A new format is a module here with a :class:`svodka.components.Reader` subclass (its
``suffixes`` and ``sniff``) and a ``register_readers`` hook implementation (see text.py),
listed in :data:`PLUGINS`: svodka registers these modules as built-in plugins in that order.
pluggy asks the last registered reader first, so one whose ``sniff`` is narrower than
text's (which claims any text) comes after it.
"""

PLUGINS: tuple[str, ...] = ("text", "jsonl", "docx", "html", "feeds")
