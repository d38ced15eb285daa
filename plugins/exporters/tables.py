"""The ``xlsx`` exporter (``facts.xlsx``) and ``svodka export``, which turns a records
file into fact tables. The workbook itself is written by
:mod:`svodka.plugins.exporters.workbook`, imported when a workbook is written: openpyxl
takes a tenth of a second to import, which ``svodka --help`` need not pay.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

import svodka
from svodka.components import Exporter
from svodka.pipeline import Run
from svodka.report import tabular
from svodka.report.tabular import LANGS


class XlsxExporter(Exporter):
    name = "xlsx"
    filename = "facts.xlsx"
    description = "fact tables for people: a sheet per record type, articles, entities (Excel)"

    def export(self, run: Run, path: Path) -> None:
        from svodka.plugins.exporters.workbook import write_workbook

        write_workbook(tabular.source_from_run(run), path)


# -- svodka export -----------------------------------------------------------------------


@click.command(name="export")
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="Excel workbook, or a folder of CSV files (one per record type).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write (default: beside RECORDS, as NAME.xlsx or the folder NAME-csv).",
)
@click.option(
    "--lang",
    type=click.Choice(list(LANGS)),
    default="ru",
    show_default=True,
    help="Language of headers and names.",
)
@click.pass_context
def export_command(
    ctx: click.Context, records: Path, fmt: str, output: Path | None, lang: str
) -> None:
    """Turn a records file (JSON Lines, as 'svodka extract' writes it) into fact tables."""
    from svodka.cli import get_plugins

    source = tabular.source_from_records(records, get_plugins(ctx).record_types, lang)
    if output is None:
        stem = records.with_suffix("") if records.suffix else records
        output = stem.with_name(stem.name + ("-csv" if fmt == "csv" else ".xlsx"))
    if fmt == "csv" and output.exists() and not output.is_dir():
        raise click.UsageError(f"{output} is a file; CSV tables are written into a folder")
    if fmt == "xlsx" and output.is_dir():
        raise click.UsageError(f"{output} is a folder; give the workbook's file name")
    if output.exists() and output.samefile(records):
        raise click.UsageError(
            f"the output {output} is the records file: it would be overwritten; give another -o"
        )
    created = not output.exists()
    try:
        if fmt == "csv":
            from svodka.plugins.exporters.csvfiles import write_csv_folder

            write_csv_folder(source, output)
        else:
            from svodka.plugins.exporters.workbook import write_workbook

            write_workbook(source, output)
    except Exception as exc:
        if created and output.is_dir():
            with contextlib.suppress(OSError):
                output.rmdir()  # only when empty: the files are written atomically
        if isinstance(exc, OSError):
            problem: str | None = f"cannot write {output}: {exc.strerror or exc}"
        elif isinstance(exc, tabular.RecordsError) and not isinstance(exc, tabular.RecordError):
            problem = str(exc)  # names the file and line already
        else:  # a field of the wrong kind ("confidence": "high"): name its line
            problem = _bad_record(records, get_plugins(ctx).record_types, lang)
            if problem is None:
                if not isinstance(exc, tabular.RecordError):
                    raise
                problem = str(exc)
        click.echo(f"svodka: error: {problem}; nothing was written", err=True)
        ctx.exit(1)
    click.echo(f"svodka: wrote {output}", err=True)


def _bad_record(path: Path, types: dict, lang: str) -> str | None:
    """The first record of ``path`` that cannot be made a table row, by file and line."""
    from svodka.model.records import record_from_dict
    from svodka.run.output import read_jsonl

    maker = tabular.RowMaker(tabular.TableSource(articles=[], records=list, lang=lang))
    for number, data in read_jsonl(path):
        try:
            maker.row(record_from_dict(data, types))
        except Exception as exc:  # noqa: BLE001 - any failure is this record's
            return f"{path}:{number}: record {data.get('id')!r} is not valid ({exc})"
    return None


@svodka.hookimpl
def register_exporters(register) -> None:
    register(XlsxExporter())


@svodka.hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(export_command)
