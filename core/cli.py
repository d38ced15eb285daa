"""The ``svodka`` command line (click).

Exit status: 0 when every input was processed, 1 when some input or plugin failed (the
rest is still processed and written), 2 for usage errors, 128 + the signal's number when the
run was interrupted: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP. An
interrupted run prints "svodka: interrupted", removes its temporary files, stops its worker
processes and leaves no partly written file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from svodka import __version__

EXIT_PARTIAL = 1


class SvodkaGroup(click.Group):
    """Adds the commands that plugins register, loading plugins only when asked."""

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        extra = click.Group()
        get_plugins(ctx).call_each("register_commands", lambda _plugin: {"cli": extra})
        return {n: c for n, c in extra.commands.items() if n not in self.commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *self._plugin_commands(ctx)])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        return self._plugin_commands(ctx).get(cmd_name)


def get_plugins(ctx: click.Context):  # -> svodka.manager.Plugins
    """The run's plugins, built once from the root options and the environment."""
    from svodka.manager import load_plugins

    root = ctx.find_root()
    root.ensure_object(dict)
    if "plugins" not in root.obj:
        params = root.params
        root.obj["plugins"] = load_plugins(
            disabled=params.get("disable") or (),
            strict=True if params.get("strict_plugins") else None,
        )
    return root.obj["plugins"]


@click.group(cls=SvodkaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="svodka")
@click.option(
    "--disable",
    multiple=True,
    metavar="NAME",
    help="Disable a plugin (e.g. extractors.quotes) or one extractor, reader or exporter "
    "by name. Repeatable; also SVODKA_DISABLE_PLUGINS=a,b.",
)
@click.option(
    "--strict-plugins", is_flag=True, help="Stop at a failing plugin instead of skipping it."
)
def cli(disable: tuple[str, ...], strict_plugins: bool) -> None:
    """svodka: Russian news articles to fact records, summaries and fact sheets.

    INPUT is a file (.txt, .md, .docx, .jsonl), a folder (read recursively), a glob
    or - for standard input.
    """


def _input_options(func):
    func = click.option(
        "--encoding", metavar="NAME", help="Read text inputs in this encoding (else detected)."
    )(func)
    func = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Processes to spread articles over [default: the number of cores]. The output "
        "is the same, in input order.",
    )(func)
    func = click.option(
        "--date",
        "pub_date",
        metavar="YYYY-MM-DD",
        callback=_check_date,
        help="Publication date for articles whose record gives none (overrides a date "
        "found in the text).",
    )(func)
    return func


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from svodka.metadata import iso_date

    if value is None:
        return None
    date = iso_date(value)
    if date is None:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


def _process(
    ctx: click.Context,
    inputs: tuple[str, ...],
    encoding: str | None,
    pub_date: str | None,
    jobs: int | None,
):
    """Read, parse and extract every input; report failures on stderr as they happen."""
    from svodka.components import ReadOptions
    from svodka.inputs import read_inputs
    from svodka.normalize.lexicon import Lexicon
    from svodka.parallel import default_jobs, process_parallel

    plugins = get_plugins(ctx)
    options = ReadOptions(encoding=encoding, date=pub_date)
    items = read_inputs(inputs, plugins.readers, options)
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    outcomes = process_parallel(
        items,
        plugins.extractors.values(),
        Lexicon.from_plugins(plugins),
        owners,
        jobs=jobs or default_jobs(),
        plugin_options={
            "disabled": sorted(plugins.disabled),
            "autoload": plugins.autoload,
            "strict": plugins.strict,
        },
    )
    show_bar = sys.stderr.isatty()
    if show_bar:
        with click.progressbar(outcomes, label="Extracting", file=sys.stderr) as bar:
            yield from _reported(bar)
    else:
        yield from _reported(outcomes)


class Tally:
    """Counts of a run, kept as outcomes stream by (nothing else is kept)."""

    def __init__(self) -> None:
        self.processed = self.failed = self.partial = self.records = 0

    def add(self, outcome: Any) -> None:
        if outcome.failure is not None:
            self.failed += 1
        else:
            self.processed += 1
        self.partial += bool(outcome.errors)
        self.records += len(outcome.records)

    def report(self, plugins) -> int:
        """Print the summary line; the exit status it calls for."""
        click.echo(
            f"svodka: {self.processed} articles processed, {self.failed} failed, "
            f"{self.records} records"
            + (f", {self.partial} with extractor errors" if self.partial else ""),
            err=True,
        )
        return EXIT_PARTIAL if self.failed or self.partial or plugins.problems else 0


def _reported(outcomes):
    for outcome in outcomes:
        if outcome.failure is not None:
            click.echo(f"svodka: error: {outcome.failure}", err=True)
        for error in outcome.errors:
            click.echo(f"svodka: error: {error}", err=True)
        yield outcome


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the records here (JSON Lines) instead of standard output.",
)
@_input_options
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: Path | None,
    encoding: str | None,
    pub_date: str | None,
    jobs: int | None,
) -> None:
    """Extract fact records from articles, as JSON Lines."""
    from svodka.output import atomic_text, write_jsonl

    tally = Tally()

    def rows():
        for outcome in _process(ctx, inputs, encoding, pub_date, jobs):
            tally.add(outcome)
            for record in outcome.records:
                yield record.to_dict()

    if output is None:
        write_jsonl(rows(), sys.stdout)
        sys.stdout.flush()
    else:
        with atomic_text(output) as fh:
            write_jsonl(rows(), fh)
    ctx.exit(tally.report(get_plugins(ctx)))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("svodka-out"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="NAME",
    help="Exporters to run (repeatable; default: all). See 'svodka plugins'.",
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Language of briefs and tables.",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A restyled brief template (.docx) to build the brief on.",
)
@_input_options
@click.pass_context
def run(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output_dir: Path,
    formats: tuple[str, ...],
    lang: str,
    template: Path | None,
    encoding: str | None,
    pub_date: str | None,
    jobs: int | None,
) -> None:
    """The main job: articles in, every selected exporter's file out, into one folder."""
    from svodka.pipeline import Run
    from svodka.spool import Spool

    plugins = get_plugins(ctx)
    unknown = [f for f in formats if f not in plugins.exporters]
    if unknown:
        raise click.UsageError(
            f"unknown format {', '.join(unknown)}; "
            f"available: {', '.join(sorted(plugins.exporters))}"
        )
    selected = [plugins.exporters[f] for f in (formats or sorted(plugins.exporters))]
    tally = Tally()
    output_dir.mkdir(parents=True, exist_ok=True)
    with Spool() as outcomes:  # kept on disk: memory does not grow with the run
        for outcome in _process(ctx, inputs, encoding, pub_date, jobs):
            tally.add(outcome)
            outcomes.append(outcome)
        result = Run(
            outcomes,
            inputs=list(inputs),
            plugins=[p.to_dict() for p in plugins.info()],
            options={"lang": lang, "template": str(template) if template else None},
            manager=plugins,
        )
        status = tally.report(plugins)
        status = max(status, _export(result, selected, output_dir, plugins))
    ctx.exit(status)


def _export(result: Any, selected: list[Any], output_dir: Path, plugins: Any) -> int:
    """Every selected exporter, each isolated from the others' failures; the exit status."""
    status = 0
    for exporter in selected:
        path = output_dir / exporter.filename
        try:
            exporter.export(result, path)
        except Exception as exc:  # noqa: BLE001 - one exporter must not cost the others
            owner = plugins.owner.get(("exporter", exporter.name), "?")
            click.echo(
                f"svodka: error: exporter {exporter.name!r} (plugin {owner!r}) failed: "
                f"{type(exc).__name__}: {exc}",
                err=True,
            )
            status = EXIT_PARTIAL
            continue
        click.echo(f"svodka: wrote {path}", err=True)
    return status


@cli.command(name="plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool) -> None:
    """List installed plugins: version, hooks and what each adds."""
    plugins = get_plugins(ctx)
    infos = plugins.info()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "plugins": [i.to_dict() for i in infos],
                    "problems": [
                        {"plugin": p.plugin, "message": p.message} for p in plugins.problems
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for info in infos:
        origin = "built-in" if info.builtin else "installed"
        click.echo(f"{info.name} {info.version or '?'} ({origin})")
        click.echo(f"    hooks: {', '.join(info.hooks) or '-'}")
        for kind, names in info.components.items():
            click.echo(f"    {kind}: {', '.join(names)}")
    for problem in plugins.problems:
        click.echo(f"FAILED {problem}")
    if plugins.problems:
        ctx.exit(EXIT_PARTIAL)


@cli.command()
@click.pass_context
def schema(ctx: click.Context) -> None:
    """Print the JSON Schema of fact records (built-in and plugin types)."""
    from svodka.schema import record_schema

    click.echo(
        json.dumps(record_schema(get_plugins(ctx).record_types), ensure_ascii=False, indent=2)
    )


@cli.command(name="eval")
@click.argument("records", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "-t",
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Score only this record type (repeatable), for gold annotated for some types only.",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List false positives, false negatives and wrong slots.",
)
def eval_command(
    records: Path, gold: Path, as_json: bool, types: tuple[str, ...], show_errors: bool
) -> None:
    """Score RECORDS (JSON Lines) against GOLD records: P/R/F1 per type, slot accuracy."""
    from svodka.evaluate import evaluate_files

    try:
        report = evaluate_files(records, gold, types or None)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_text(show_errors=show_errors))


def main() -> None:
    """The ``svodka`` command: :data:`cli`, with signals ending it cleanly (see the exit status)."""
    from svodka.signals import Interrupted, interrupting

    with interrupting():
        try:
            cli(prog_name="svodka")
        except Interrupted as stop:
            click.echo("svodka: interrupted", err=True)
            sys.exit(stop.status)
