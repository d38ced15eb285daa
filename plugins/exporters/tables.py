"""The ``xlsx`` exporter (``facts.xlsx``), also of a records file (``svodka export``).
The workbook itself is written by :mod:`svodka.plugins.exporters.workbook`, imported when a
workbook is written: openpyxl takes a tenth of a second to import, which ``svodka --help``
need not pay.
"""

from __future__ import annotations

from pathlib import Path

import svodka
from svodka.components import Exporter
from svodka.pipeline import Run
from svodka.report import tabular


class XlsxExporter(Exporter):
    name = "xlsx"
    filename = "facts.xlsx"
    description = "fact tables for people: a sheet per record type, articles, entities (Excel)"

    def export(self, run: Run, path: Path) -> None:
        from svodka.plugins.exporters.workbook import write_workbook

        write_workbook(tabular.source_from_run(run), path)

    def export_records(self, records: Path, path: Path, run: Run) -> None:
        """The workbook of a records file, read as it is written: memory stays flat."""
        from svodka.plugins.exporters.workbook import write_workbook

        write_workbook(
            tabular.source_from_records(records, run.record_types, run.options.get("lang", "ru")),
            path,
        )


@svodka.hookimpl
def register_exporters(register) -> None:
    register(XlsxExporter())
