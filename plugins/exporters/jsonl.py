"""Records as JSON Lines: the machine-readable output of ``svodka run``."""

from __future__ import annotations

from pathlib import Path

import svodka
from svodka.components import Exporter
from svodka.pipeline import Run
from svodka.run.output import atomic_text, write_jsonl


class JsonlExporter(Exporter):
    name = "jsonl"
    filename = "records.jsonl"
    description = "fact records, one JSON object a line (the format of 'svodka extract')"

    def export(self, run: Run, path: Path) -> None:
        with atomic_text(path) as fh:
            write_jsonl((r.to_dict() for r in run.records), fh)


@svodka.hookimpl
def register_exporters(register) -> None:
    register(JsonlExporter())
