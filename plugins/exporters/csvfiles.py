"""Fact tables as CSV: a folder with one file per record type (``csv/meeting.csv``, ...).

Each file is UTF-8 with a byte order mark, so that Excel shows Cyrillic correctly, and has
the columns of the workbook's sheet for that type but the dates' precision columns
(:func:`svodka.report.tabular.record_columns`).
Russian tables are separated by semicolons with a decimal comma, as Excel expects in a
Russian locale; English ones by commas with a decimal point. Complete dates are ISO 8601
("2025-10-31"), partial dates text ("октябрь 2025"). A value that starts like a formula
(``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading apostrophe; control
characters are removed and values past 32,767 characters cut with a marker, as in Excel
(:func:`svodka.report.tabular.fit_cell`); a literal ``_xHHHH_`` is kept as it is.

The built-in record types always get a file (with the header only when there are no
records), so a folder written again has no stale files. Each file is written to a
temporary file and renamed into place once every file is complete.
"""

from __future__ import annotations

import csv
import re
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import svodka
from svodka.components import Exporter
from svodka.model.records import Record
from svodka.pipeline import Run
from svodka.report import tabular
from svodka.report.tabular import (
    RowMaker,
    TableSource,
    csv_text,
    record_columns,
    record_types_in_order,
)
from svodka.run.output import atomic_text

DELIMITERS = {"ru": ";", "en": ","}


def csv_value(value: Any, lang: str) -> str:
    """One cell value as CSV text (see the module doc)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value, lang)
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "ru" else text
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def file_name(record_type: str, taken: set[str] | None = None) -> str:
    """The file of a record type: its name, characters unsafe in file names replaced, made
    unique (ignoring case) among ``taken``, which it is added to."""
    base = re.sub(r"[^\w-]", "_", record_type, flags=re.ASCII) or "records"
    name, n = base, 1
    while taken is not None and name.casefold() in taken:
        n += 1
        name = f"{base}_{n}"
    if taken is not None:
        taken.add(name.casefold())
    return name + ".csv"


def write_csv_folder(source: TableSource, folder: Path) -> list[Path]:
    """Write one CSV file per record type into ``folder``; return the paths written."""
    lang = source.lang
    maker = RowMaker(source)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with ExitStack() as stack:
        writers: dict[str, Any] = {}
        taken: set[str] = set()

        def writer_for(cls: type[Record]) -> Any:
            writer = writers.get(cls.type)
            if writer is None:
                path = folder / file_name(cls.type, taken)
                fh = stack.enter_context(atomic_text(path, encoding="utf-8-sig"))
                writer = writers[cls.type] = csv.writer(fh, delimiter=DELIMITERS[lang])
                writer.writerow([csv_text(c.header, lang) for c in record_columns(cls, lang)])
                written.append(path)
            return writer

        for cls in record_types_in_order(()):
            writer_for(cls)
        for record in source.records():
            writer_for(type(record)).writerow([csv_value(v, lang) for v in maker.row(record)])
    return written


class CsvExporter(Exporter):
    name = "csv"
    filename = "csv"
    description = "fact tables as CSV files, one per record type, in the folder 'csv'"

    def export(self, run: Run, path: Path) -> None:
        write_csv_folder(tabular.source_from_run(run), path)

    def export_records(self, records: Path, path: Path, run: Run) -> None:
        """The tables of a records file, read as they are written: memory stays flat."""
        source = tabular.source_from_records(
            records, run.record_types, run.options.get("lang", "ru")
        )
        write_csv_folder(source, path)


@svodka.hookimpl
def register_exporters(register) -> None:
    register(CsvExporter())
