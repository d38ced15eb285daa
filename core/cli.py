"""The ``svodka`` command line (click).

Exit status: 0 when every input was processed, 1 when some input or plugin failed (the
rest is still processed and written), 2 for usage errors, 128 + the signal's number when the
run was interrupted: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP, and 141
(SIGPIPE's) when standard output's reader went away (``svodka plugins | head -1``). An
interrupted run prints "svodka: interrupted", removes its temporary files, stops its worker
processes and leaves no partly written file.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from svodka import __version__

if TYPE_CHECKING:
    from svodka.components import Exporter, ExporterOption
    from svodka.manager import Plugins
    from svodka.pipeline import Run
    from svodka.run.output import StatusStream
    from svodka.run.progress import Progress

EXIT_PARTIAL = 1
EXIT_PIPE = 128 + 13  # as if killed by SIGPIPE, the convention for a reader that went away


class SvodkaGroup(click.Group):
    """Adds the commands that plugins register, loading plugins only when asked.

    A plugin command named like a built-in one, or like a command of a plugin loaded
    before, is left out and reported as the plugin's problem (``svodka plugins`` lists it).
    """

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        from svodka.manager import PluginError

        plugins = get_plugins(ctx)
        groups: dict[str, click.Group] = {}
        plugins.call_each(
            "register_commands", lambda plugin: {"cli": groups.setdefault(plugin, click.Group())}
        )
        found: dict[str, click.Command] = {}
        added_by: dict[str, str] = {}
        try:
            for plugin in sorted(groups, key=lambda p: plugins.order.get(p, len(plugins.order))):
                for name, command in groups[plugin].commands.items():
                    if name in self.commands:
                        plugins.report(
                            plugin,
                            f"command {name!r} is a built-in command",
                        )
                    elif name in found:
                        plugins.report(
                            plugin,
                            f"command {name!r} is already added by plugin {added_by[name]!r}",
                        )
                    else:
                        found[name], added_by[name] = command, plugin
        except PluginError as exc:  # strict mode
            raise click.ClickException(str(exc)) from exc
        return found

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _stop_at_closed_pipe():  # svodka --help | head -1
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _stop_at_closed_pipe():  # svodka plugins | head -1
            return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *self._plugin_commands(ctx)])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        plugin_commands = self._plugin_commands(ctx)  # a clash is reported whatever is run
        return self.commands.get(cmd_name) or plugin_commands.get(cmd_name)


@contextmanager
def _stop_at_closed_pipe() -> Iterator[None]:
    """End quietly with :data:`EXIT_PIPE` when standard output's reader has gone, as
    ``extract`` does (click would exit 1)."""
    try:
        yield
    except BrokenPipeError:
        from svodka.run.output import silence

        silence(sys.stdout)
        raise click.exceptions.Exit(EXIT_PIPE) from None


def get_plugins(ctx: click.Context) -> Plugins:
    """The run's plugins, built once from the root options and the environment."""
    from svodka.manager import load_plugins

    root = ctx.find_root()
    root.ensure_object(dict)
    if "plugins" not in root.obj:
        params = root.params
        plugins = root.obj["plugins"] = load_plugins(
            disabled=params.get("disable") or (),
            strict=True if params.get("strict_plugins") else None,
        )
        _check_disabled(root, plugins)
    return root.obj["plugins"]


def _check_disabled(ctx: click.Context, plugins: Plugins) -> None:
    """A name given to ``--disable`` that nothing has is a usage error; one in
    SVODKA_DISABLE_PLUGINS is a warning."""
    from svodka.manager import DISABLE_ENV

    unknown = plugins.unknown_disabled()
    given = set(ctx.params.get("disable") or ())
    loaded = ", ".join(sorted(n for n, p in plugins.pm.list_name_plugin() if p is not None))
    why = f"no plugin, reader, extractor or exporter has this name (plugins: {loaded})"
    typed = [name for name in unknown if name in given]
    if typed:
        raise click.UsageError(f"--disable {', '.join(typed)}: {why}", ctx)
    for name in unknown:
        say(f"svodka: warning: {DISABLE_ENV} names {name!r}: {why}")


_OPTION_NAME = re.compile(r"[a-z][a-z0-9_]*")


def exporter_options(ctx: click.Context) -> dict[str, tuple[ExporterOption, ...]]:
    """The options each exporter declares that the command line offers, by exporter name,
    checked once per run: an option that is not an :class:`ExporterOption` of a known kind
    with a lower-case name, or whose ``--name`` is one of the commands' own options or an
    option of an exporter of a plugin loaded before, is left out and reported as its
    plugin's problem (naming the other plugin)."""
    from svodka.components import OPTION_KINDS, ExporterOption
    from svodka.manager import PluginError

    root = ctx.find_root()
    root.ensure_object(dict)
    if "exporter_options" in root.obj:
        return root.obj["exporter_options"]
    plugins = get_plugins(ctx)
    builtin = {
        flag
        for command in (run, export_command, brief_command)
        for param in command.params
        for flag in (*param.opts, *param.secondary_opts)
    } | {"-h", "--help"}
    taken: dict[str, str] = {}  # --flag -> the exporter that declared it
    found: dict[str, tuple[ExporterOption, ...]] = {}

    def rank(name: str) -> tuple[int, str]:
        owner = plugins.owner.get(("exporter", name), "")
        return plugins.order.get(owner, len(plugins.order)), name

    try:
        for name in sorted(plugins.exporters, key=rank):
            owner = plugins.owner.get(("exporter", name), "?")
            kept = []
            for option in getattr(plugins.exporters[name], "options", ()) or ():
                if not isinstance(option, ExporterOption):
                    why = f"declares an option that is not an ExporterOption: {option!r}"
                elif not _OPTION_NAME.fullmatch(option.name):
                    why = f"option name {option.name!r} is not a lower-case identifier"
                elif option.kind not in OPTION_KINDS:
                    why = (
                        f"option {option.flag} has the kind {option.kind!r}, "
                        f"not one of {', '.join(OPTION_KINDS)}"
                    )
                elif option.flag in builtin:
                    why = f"option {option.flag} is an option of svodka itself"
                elif option.flag in taken:
                    other = taken[option.flag]
                    why = (
                        f"option {option.flag} is already declared by exporter "
                        f"{other!r} of plugin {plugins.owner.get(('exporter', other), '?')!r}"
                    )
                else:
                    taken[option.flag] = name
                    kept.append(option)
                    continue
                plugins.report(owner, f"exporter {name!r} {why}")
            found[name] = tuple(kept)
    except PluginError as exc:  # strict mode
        raise click.ClickException(str(exc)) from exc
    root.obj["exporter_options"] = found
    return found


def _click_option(option: ExporterOption, exporter: str) -> click.Option:
    kinds: dict[str, click.ParamType] = {
        "text": click.STRING,
        "int": click.INT,
        "file": click.Path(exists=True, dir_okay=False, path_type=Path),
    }
    flag = option.kind == "flag"
    return click.Option(
        [option.flag],
        type=None if flag else kinds[option.kind],
        is_flag=flag,
        default=bool(option.default) if flag else option.default,
        metavar=option.metavar,
        help=f"{option.help} (exporter {exporter})",
        expose_value=False,
        callback=_keep_exporter_option,
    )


def _keep_exporter_option(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    ctx.meta.setdefault("exporter_values", {})[param.name] = value


class ExporterCommand(click.Command):
    """A command that also takes the options the installed exporters declare
    (``svodka run``, ``svodka export``)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)  # its own, then --help
        declared = [
            _click_option(option, name)
            for name, options in exporter_options(ctx).items()
            for option in options
        ]
        return [*params[: len(self.params)], *declared, *params[len(self.params) :]]


def options_for(ctx: click.Context, exporter: Exporter) -> dict[str, Any]:
    """The values of the options ``exporter`` declares (its defaults where not given), each
    checked by the option's ``check`` before any article is read: a refused value (a
    ValueError) is a usage error; a check that fails otherwise stops the run, naming the
    exporter and its plugin."""
    from svodka.components import STOPS, describe, printable

    given = ctx.meta.get("exporter_values", {})
    values = {}
    for option in exporter_options(ctx).get(exporter.name, ()):
        value = given.get(option.name, option.default)
        if value is not None and option.check is not None:
            try:
                with plain_warnings(f"{option.flag} {printable(str(value))}"):
                    option.check(value)
            except ValueError as exc:
                raise click.UsageError(str(exc), ctx) from None
            except STOPS:
                raise
            except BaseException as exc:  # noqa: BLE001 - a plugin's bug, named
                owner = get_plugins(ctx).owner.get(("exporter", exporter.name), "?")
                raise click.ClickException(
                    f"exporter {exporter.name!r} (plugin {owner!r}) failed checking "
                    f"{option.flag}: {describe(exc)}"
                ) from None
        values[option.name] = value
    return values


@contextmanager
def plain_warnings(about: str) -> Iterator[None]:
    """Python warnings raised inside (a brief template that lacks styles) as plain lines,
    ``svodka: warning: ABOUT: message``, each message said once in a command."""
    import warnings

    said = click.get_current_context().meta.setdefault("warned", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for warning in caught:
                message = str(warning.message)
                if message not in said:
                    said.add(message)
                    say(f"svodka: warning: {about}: {message}")


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

    INPUT is a file (.txt, .md, .docx, .jsonl, .html, .rss), a folder (read
    recursively), a glob, - for standard input, or a link (http:// or https://) to a
    page or a feed.
    """


def _input_options(command):
    from click.core import ParameterSource

    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        web = click.get_current_context().meta.get("web", {})
        if not kwargs.get("inputs") and not web.get("urls"):
            raise click.UsageError("Missing argument 'INPUT...' (or --urls FILE).")
        if web.get("offline") and web.get("refresh"):
            raise click.UsageError("--offline and --refresh exclude each other.")
        return command(*args, **kwargs)

    func = checked
    func = click.option(
        "--encoding", metavar="NAME", help="Read text inputs in this encoding (else detected)."
    )(func)
    func = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Processes to spread articles over [default: the number of cores], and pages "
        "fetched at once [default: 4]. The output is the same, in input order.",
    )(func)
    func = click.option(
        "--date",
        "pub_date",
        metavar="YYYY-MM-DD",
        callback=_check_date,
        help="Publication date for articles whose record gives none (overrides a date "
        "found in the text).",
    )(func)
    func = click.option(
        "--urls",
        "urls",
        expose_value=False,
        callback=_keep_option,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Read the links listed in FILE too (one a line; # starts a comment).",
    )(func)
    func = click.option(
        "--refresh",
        is_flag=True,
        expose_value=False,
        callback=_keep_option,
        help="Fetch pages anew even when a copy was kept.",
    )(func)
    func = click.option(
        "--offline",
        is_flag=True,
        envvar="SVODKA_OFFLINE",
        expose_value=False,
        callback=_keep_option,
        help="Fetch nothing: use only the pages kept by earlier runs; a feed file's items "
        "are read from its own text (also SVODKA_OFFLINE=1).",
    )(func)
    func = click.option(
        "--cache",
        "cache_dir",
        type=click.Path(file_okay=False),
        expose_value=False,
        callback=_keep_option,
        metavar="DIR",
        help="Keep fetched pages in DIR [default: $XDG_CACHE_HOME/svodka/pages].",
    )(func)
    func = click.option(
        "--contact",
        envvar="SVODKA_CONTACT",
        expose_value=False,
        callback=_keep_option,
        metavar="TEXT",
        help="An e-mail address or web page for sites' staff, sent in the User-Agent "
        "(also SVODKA_CONTACT).",
    )(func)

    def time_limit(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        from svodka.run.budget import ENVIRONMENT, parse_seconds

        if value is None:
            return
        from_variable = ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT
        try:
            seconds = parse_seconds(value, ENVIRONMENT if from_variable else "--time-limit")
        except ValueError as exc:
            raise click.UsageError(str(exc), ctx) from exc
        ctx.meta["time_limit"] = seconds

    func = click.option(
        "--time-limit",
        metavar="SECONDS",
        envvar="SVODKA_TIME_LIMIT",
        expose_value=False,
        callback=time_limit,
        help="Seconds one article may take; one over it is reported and skipped "
        "[default: 60; 0 or inf: no limit; also SVODKA_TIME_LIMIT].",
    )(func)
    return func


def _keep_option(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Keep an option of links and feeds for :func:`_process` (not a parameter of each
    command)."""
    ctx.meta.setdefault("web", {})[param.name] = value


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from svodka.read.metadata import iso_date

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
    exclude: tuple[Path, ...] = (),
    progress: Progress | None = None,
    batch: Any = None,
):
    """Read, parse and extract every input; report failures on stderr as they happen, and
    count each outcome on ``progress``. ``exclude``: the run's own outputs, never read as
    inputs (a folder of them is skipped)."""
    from svodka.components import ReadOptions
    from svodka.normalize.lexicon import Lexicon
    from svodka.pipeline import settle
    from svodka.read.inputs import read_inputs
    from svodka.run.parallel import default_jobs, process_parallel

    web = ctx.meta.get("web", {})
    plugins = get_plugins(ctx)
    options = ReadOptions(
        encoding=encoding,
        date=pub_date,
        refresh=bool(web.get("refresh")),
        offline=bool(web.get("offline")),
        cache_dir=web.get("cache_dir"),
        contact=web.get("contact"),
        fetch_jobs=jobs or ReadOptions.fetch_jobs,
    )
    items = read_inputs(inputs, plugins.readers, options, web.get("urls"), exclude=exclude)
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    lexicon = Lexicon.from_plugins(plugins)
    settle(lexicon)  # svodka's own process: its long-lived data out of the collector's way
    extract = functools.partial(
        process_parallel,
        extractors=plugins.extractors.values(),
        lexicon=lexicon,
        owners=owners,
        jobs=jobs or default_jobs(),
        time_limit=ctx.meta.get("time_limit"),
        plugin_options={
            "disabled": sorted(plugins.disabled),
            "autoload": plugins.autoload,
            "strict": plugins.strict,
        },
    )
    if batch is None:
        outcomes = extract(items)
    else:  # articles the store knows are not extracted again (svodka.store.write.incremental)
        from svodka.store.write import incremental

        outcomes = incremental(batch, items, extract)
    try:
        for outcome in _reported(outcomes):
            if progress is not None:
                progress.advance()
            yield outcome
    finally:
        items.close()  # its threads that fetch pages, stopped now


def _progress(
    ctx: click.Context, err: StatusStream, inputs: tuple[str, ...], shown: bool = True
) -> Progress:
    """The run's progress bar on ``err``, drawn only when ``shown`` and ``err`` is a
    terminal, its total counted from the inputs where that is cheap."""
    from svodka.run.progress import Progress, count_articles

    if not (shown and err.isatty()):
        return Progress(err, None, enabled=False)
    return Progress(err, count_articles(inputs, ctx.meta.get("web", {}).get("urls")))


class Tally:
    """Counts of a run, kept as outcomes stream by (nothing else is kept)."""

    def __init__(self) -> None:
        self.processed = self.failed = self.skipped = self.partial = self.records = 0

    def add(self, outcome: Any) -> None:
        if outcome.skipped:
            self.skipped += 1
        elif outcome.failure is not None:
            self.failed += 1
        else:
            self.processed += 1
        self.partial += bool(outcome.errors)
        self.records += len(outcome.records)

    def report(self, plugins) -> int:
        """Print the summary line; the exit status it calls for (a skipped duplicate input
        is no failure)."""
        click.echo(
            f"svodka: {self.processed} articles processed, {self.failed} failed, "
            + (f"{self.skipped} skipped as duplicates, " if self.skipped else "")
            + f"{self.records} records"
            + (f", {self.partial} with problems" if self.partial else ""),
            err=True,
        )
        return EXIT_PARTIAL if self.failed or self.partial or plugins.problems else 0


def say(message: str) -> None:
    """One status or error line on standard error. Inside :func:`svodka.run.output.guarded_stderr`
    (``extract`` and ``run``) it is never fatal: a closed pipe or a full disk is swallowed."""
    click.echo(message, err=True)


def _reported(outcomes):
    for outcome in outcomes:
        if outcome.failure is not None:
            say(f"svodka: {'' if outcome.skipped else 'error: '}{outcome.failure}")
        for error in outcome.errors:
            say(f"svodka: error: {error}")
        yield outcome


NOTHING_READ = "svodka: error: no article was read from the inputs, so nothing was written"


class _NothingRead(Exception):
    """Raised inside an atomic write to abandon it: the previous file stays."""


@cli.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the records here (JSON Lines) instead of standard output. The file is "
    "replaced only once complete, and left as it is when no article was read; a FIFO or "
    "device (/dev/null) is written to directly.",
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
    from svodka.run.outdir import reason
    from svodka.run.output import atomic_text, guarded_stderr, silence, write_jsonl

    if output is not None and (same := same_as_input(output, inputs)) is not None:
        raise click.UsageError(
            f"the output {output} is the input {same}: it would be overwritten; "
            "give another -o file"
        )
    if output is None and 1 in CLOSED_AT_START:
        say("svodka: error: standard output is closed; give -o FILE to write the records")
        ctx.exit(EXIT_PARTIAL)
    tally = Tally()

    def rows(progress: Progress):
        own = (output,) if output is not None else ()
        for outcome in _process(ctx, inputs, encoding, pub_date, jobs, own, progress):
            tally.add(outcome)
            for record in outcome.records:
                yield record.to_dict()

    with guarded_stderr() as err:
        # no bar where the records go to the same terminal
        progress = _progress(ctx, err, inputs, output is not None or not sys.stdout.isatty())
        records = rows(progress)
        try:
            if output is None:
                write_jsonl(records, sys.stdout)
                sys.stdout.flush()
            else:
                with atomic_text(output) as fh:
                    write_jsonl(records, fh)
                    if not tally.processed:
                        raise _NothingRead
        except _NothingRead:
            pass
        except BrokenPipeError:
            if output is not None:  # a FIFO whose reader went away
                say(f"svodka: error: cannot write {output}: its reader has gone")
                ctx.exit(EXIT_PARTIAL)
            silence(sys.stdout)  # `svodka extract ... | head -1`: stop, quietly
            ctx.exit(EXIT_PIPE)
        except OSError as exc:
            say(f"svodka: error: cannot write {output or '<stdout>'}: {reason(exc)}")
            ctx.exit(EXIT_PARTIAL)
        finally:
            records.close()
            progress.close()
        status = tally.report(get_plugins(ctx))
        if not tally.processed:
            kept = f"; {output} is left as it was" if output and output.exists() else ""
            say(NOTHING_READ + kept)
            status = EXIT_PARTIAL
    ctx.exit(status)


def same_as_input(output: Path, inputs: tuple[str, ...]) -> str | None:
    """The input (a file, a glob's match, or ``-`` for a redirected standard input) that is
    the file ``output`` (by name or through a link), if any."""
    import glob

    try:
        target = os.stat(output)
    except (OSError, ValueError):
        return None  # no file there yet: it cannot be read
    for arg in inputs:
        candidates: list[tuple[str, str | int]]  # a file's name and path, or descriptor
        if arg == "-":
            candidates = [("-", 0)]
        elif os.path.lexists(arg) or not glob.has_magic(arg):
            candidates = [(arg, arg)]
        else:
            candidates = [(m, m) for m in glob.glob(arg, recursive=True)]
        for name, path in candidates:
            try:
                if os.path.samestat(os.stat(path), target):
                    return name
            except (OSError, ValueError):
                continue
    return None


@cli.command(cls=ExporterCommand)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("svodka-out"),
    show_default=True,
    help="Folder for the outputs. One run at a time; the outputs replace the previous ones "
    "only once all are written, and not at all when no article was read.",
)
@click.option(
    "--replace",
    "--force",
    "replace",
    is_flag=True,
    help="Replace the outputs in the folder even when this run processed fewer articles "
    "than the run that wrote them (else they are kept and this run writes into a new "
    "folder beside it, NAME-YYYYMMDDTHHMMSS).",
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
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SVODKA_STORE",
    metavar="PATH",
    help="The fact store (SQLite) this run adds to: articles, records and facts across runs "
    "[default: svodka.db in the output folder; also SVODKA_STORE].",
)
@click.option(
    "--no-store",
    is_flag=True,
    envvar="SVODKA_NO_STORE",
    help="Write no store: every article is extracted, nothing is kept across runs "
    "(also SVODKA_NO_STORE=1).",
)
@click.option(
    "--reprocess",
    is_flag=True,
    help="Extract every article again, even one the store holds with the same text and "
    "versions (its records are replaced).",
)
@_input_options
@click.pass_context
def run(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output_dir: Path,
    replace: bool,
    formats: tuple[str, ...],
    lang: str,
    store_path: Path | None,
    no_store: bool,
    reprocess: bool,
    encoding: str | None,
    pub_date: str | None,
    jobs: int | None,
) -> None:
    """The main job: articles in, every selected exporter's file out, into one folder."""
    from svodka.components import printable
    from svodka.pipeline import Run
    from svodka.run.outdir import (
        REPORT,
        OutputError,
        holds_outputs,
        new_sibling,
        previous_run,
        staged,
        swap_in,
        write_error,
    )
    from svodka.run.output import guarded_stderr
    from svodka.run.spool import Spool
    from svodka.store.schema import StoreError
    from svodka.store.store import DEFAULT_NAME
    from svodka.store.write import run_store

    plugins = get_plugins(ctx)
    named = ctx.get_parameter_source("store_path") == click.core.ParameterSource.COMMANDLINE
    if no_store and (named or reprocess):
        raise click.UsageError("--no-store excludes --store and --reprocess")
    if no_store:
        store_path = None  # over SVODKA_STORE too
    store = store_path or output_dir / DEFAULT_NAME
    unknown = [f for f in formats if f not in plugins.exporters]
    if unknown:
        raise click.UsageError(
            f"unknown format {', '.join(unknown)}; "
            f"available: {', '.join(sorted(plugins.exporters))}"
        )
    selected = [plugins.exporters[f] for f in (formats or sorted(plugins.exporters))]
    # checked before any article is read: a bad option must not cost the run's work
    own = {e.name: options_for(ctx, e) for e in selected}
    selected.sort(key=lambda e: e.filename == REPORT)  # the report last: it lists the others
    tally = Tally()
    with guarded_stderr() as err, _progress(ctx, err, inputs) as progress:
        try:
            with (
                staged(output_dir) as staging,
                (
                    contextlib.nullcontext()
                    if no_store
                    else run_store(
                        store,
                        plugins,
                        [printable(i) for i in inputs],
                        {"lang": lang, "formats": list(formats), "reprocess": reprocess},
                        reprocess,
                        staging=None if store_path else staging.root,
                    )
                ) as batch,
            ):
                try:
                    spool = Spool(directory=str(staging.root))  # on disk: memory stays flat
                except OSError as exc:
                    raise write_error(exc, output_dir) from exc
                with spool as outcomes:
                    try:
                        for outcome in _process(
                            ctx,
                            inputs,
                            encoding,
                            pub_date,
                            jobs,
                            (output_dir, store),
                            progress,
                            batch,
                        ):
                            tally.add(outcome)
                            outcomes.append(outcome)
                    except OSError as exc:
                        raise write_error(exc, output_dir) from exc
                    status = tally.report(plugins)
                    if not tally.processed:
                        kept = (
                            f"; {output_dir} is left as it was" if holds_outputs(output_dir) else ""
                        )
                        say(NOTHING_READ + kept)
                        ctx.exit(EXIT_PARTIAL)
                    result = Run(
                        outcomes,
                        inputs=[printable(i) for i in inputs],
                        plugins=[p.to_dict() for p in plugins.info()],
                        options={"lang": lang},
                        manager=plugins,
                    )
                    status = max(
                        status,
                        _export(result, selected, own, staging.out, output_dir, plugins, progress),
                    )
                progress.close()  # the lines that follow are the last
                dest = output_dir
                before = previous_run(output_dir, [p.name for p in staging.out.iterdir()])
                if not replace and (before is None or tally.processed < before):
                    stamp = result.started.astimezone().strftime("%Y%m%dT%H%M%S")
                    dest = new_sibling(output_dir, stamp)
                    held = (
                        "files svodka's report there does not list"
                        if before is None
                        else f"the outputs of a run that processed {before} articles, this run "
                        f"processed {tally.processed}"
                    )
                    say(
                        f"svodka: {output_dir} holds {held}: they are kept, and this run's "
                        f"outputs go to {dest} (--replace replaces them)"
                    )
                for path in swap_in(staging, dest):
                    say(f"svodka: wrote {path}")
                # the store last: a run that fails before this point leaves it as it was
                if batch is not None:  # in the output folder even when the outputs went
                    say(batch.commit().line(store))  # beside it: the next run finds it there
        except (OutputError, StoreError) as exc:
            say(f"svodka: error: {exc}")
            status = EXIT_PARTIAL
    ctx.exit(status)


def _export(
    result: Run,
    selected: list[Exporter],
    own: dict[str, dict[str, Any]],
    out: Path,
    shown: Path,
    plugins: Plugins,
    progress: Progress | None = None,
) -> int:
    """Every selected exporter into the staging folder ``out``, each isolated from the
    others' failures and given the run with its own option values (``own``, by exporter
    name) beside the run's; the exit status. A failure to write (a full disk, a full TMPDIR)
    raises :class:`svodka.run.outdir.OutputError`: no output of the run is then kept.
    ``shown`` is the output folder, for messages; ``progress`` shows which file is written."""
    from dataclasses import replace

    from svodka.components import STOPS, describe
    from svodka.run.outdir import STORAGE_ERRORS, OutputError, reason

    status = 0
    for exporter in selected:
        path = out / exporter.filename
        if progress is not None:
            progress.phase(f"writing {exporter.filename}")
        owner = plugins.owner.get(("exporter", exporter.name), "?")
        before = set(os.listdir(out))
        try:
            with plain_warnings(f"exporter {exporter.name!r}"):
                exporter.export(
                    replace(result, options={**result.options, **own[exporter.name]}), path
                )
            if not os.path.lexists(path):
                say(
                    f"svodka: error: exporter {exporter.name!r} (plugin {owner!r}) wrote nothing "
                    f"to {shown / exporter.filename}"
                )
                status = EXIT_PARTIAL
        except STOPS:
            raise
        except BaseException as exc:  # noqa: BLE001 - one exporter (even sys.exit) costs itself
            _remove(path)  # half-written by an exporter that does not write atomically
            if isinstance(exc, OSError) and exc.errno in STORAGE_ERRORS:
                where = exc.filename and os.fsdecode(exc.filename)
                if not where or Path(where).is_relative_to(out.parent):
                    where = str(shown / exporter.filename)
                raise OutputError(
                    f"exporter {exporter.name!r} cannot write {where}: {reason(exc)}; "
                    f"nothing was written"
                ) from exc
            say(
                f"svodka: error: exporter {exporter.name!r} (plugin {owner!r}) failed: "
                f"{describe(exc)}"
            )
            status = EXIT_PARTIAL
        strays = sorted(set(os.listdir(out)) - before - {exporter.filename})
        for stray in strays:  # another exporter's name, or one no exporter declared
            _remove(out / stray)
        if strays:
            say(
                f"svodka: error: exporter {exporter.name!r} (plugin {owner!r}) wrote files "
                f"other than its {exporter.filename!r}: {', '.join(strays)}; removed"
            )
            status = EXIT_PARTIAL
    return status


def _remove(path: Path) -> None:
    """Remove a file or folder an exporter left in the staging folder, if any."""
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()


def _selection_options(required: bool):
    """The options that choose what of a store a brief or table covers (``--store``,
    ``--from``, ``--to``, ``--country``, ``--type``, ``--new-since``)."""

    def add(func):
        for option in reversed(
            [
                click.option(
                    "--store",
                    type=click.Path(dir_okay=False, path_type=Path),
                    required=required,
                    envvar="SVODKA_STORE" if required else None,
                    metavar="PATH",
                    help="The store to read (see 'svodka run --store')"
                    + ("; also SVODKA_STORE." if required else "."),
                ),
                click.option(
                    "--from",
                    "start",
                    metavar="DATE",
                    callback=_check_date,
                    help="The first day covered (ISO date; by the articles' dates).",
                ),
                click.option(
                    "--to",
                    "end",
                    metavar="DATE",
                    callback=_check_date,
                    help="The last day covered (ISO date; a month or year: all of it).",
                ),
                click.option(
                    "--country",
                    "countries",
                    multiple=True,
                    metavar="CC",
                    help="Only facts naming this state (ISO code; repeatable).",
                ),
                click.option(
                    "--type",
                    "types",
                    multiple=True,
                    metavar="TYPE",
                    help="Only facts of this record type (repeatable).",
                ),
                click.option(
                    "--new-since",
                    metavar="DATE|last",
                    help="Mark the facts first seen after DATE, or first stored since the "
                    "previous brief of the store ('last'), and put them first.",
                ),
            ]
        ):
            func = option(func)
        return func

    return add


class _ExportCommand(ExporterCommand):
    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        plugins = get_plugins(ctx)
        with formatter.section("Formats"):
            formatter.write_dl(
                [(name, plugins.exporters[name].description) for name in sorted(plugins.exporters)]
            )


@cli.command(name="export", cls=_ExportCommand)
@click.argument(
    "records", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="NAME",
    default="xlsx",
    show_default=True,
    help="The exporter to write with: any installed one (listed below).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write [default: beside RECORDS, named after it with the exporter's suffix: "
    "NAME.xlsx; for an exporter that writes a folder, NAME-csv].",
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Language of headers and names.",
)
@_selection_options(required=False)
@click.pass_context
def export_command(
    ctx: click.Context,
    records: Path | None,
    fmt: str,
    output: Path | None,
    lang: str,
    **selection: Any,
) -> None:
    """Write a records file (JSON Lines, as 'svodka extract' writes it) with one exporter;
    the articles are known by their ids only. With --store instead of RECORDS: the
    articles, records and facts of a store, of a period, country and type."""
    from svodka.components import STOPS, Exporter, describe, printable
    from svodka.pipeline import Run

    plugins = get_plugins(ctx)
    exporter = plugins.exporters.get(fmt)
    if exporter is None:
        raise click.UsageError(
            f"unknown format {fmt}; available: {', '.join(sorted(plugins.exporters))}"
        )
    own = options_for(ctx, exporter)
    if (records is None) == (selection["store"] is None):
        raise click.UsageError("give a RECORDS file or --store PATH (one of them)")
    if records is None:
        _export_store(ctx, exporter, output, lang, own, **selection)
        return
    suffix = Path(exporter.filename).suffix
    if output is None:
        stem = records.with_suffix("") if records.suffix else records
        output = stem.with_name(stem.name + (suffix or f"-{exporter.filename}"))
    if not suffix and output.exists() and not output.is_dir():
        raise click.UsageError(f"{output} is a file; exporter {fmt!r} writes into a folder")
    if suffix and output.is_dir():
        raise click.UsageError(f"{output} is a folder; give the file name to write")
    if output.exists() and output.samefile(records):
        raise click.UsageError(
            f"the output {output} is the records file: it would be overwritten; give another -o"
        )
    created = not output.exists()
    run = Run(
        [],
        inputs=[printable(str(records))],
        plugins=[p.to_dict() for p in plugins.info()],
        options={"lang": lang, **own},
        manager=plugins,
    )
    try:
        # an exporter that does not subclass Exporter gets its default way
        export_records = getattr(exporter, "export_records", None)
        with plain_warnings(f"exporter {fmt!r}"):
            if export_records is None:
                Exporter.export_records(exporter, records, output, run)
            else:
                export_records(records, output, run)
    except STOPS:
        raise
    except Exception as exc:  # noqa: BLE001 - reported, nothing kept
        from svodka.report.tabular import RecordError, RecordsError

        if created and output.is_dir():
            with contextlib.suppress(OSError):
                output.rmdir()  # only when empty: the files are written atomically
        if isinstance(exc, OSError):
            problem = f"cannot write {output}: {exc.strerror or exc}"
        elif isinstance(exc, RecordsError) and not isinstance(exc, RecordError):
            problem = str(exc)  # names the file and line already
        else:  # a field of the wrong kind ("confidence": "high"): name its line
            problem = _bad_record(records, plugins.record_types, lang) or (
                str(exc)
                if isinstance(exc, RecordError)
                else f"exporter {fmt!r} (plugin "
                f"{plugins.owner.get(('exporter', fmt), '?')!r}) failed: {describe(exc)}"
            )
        say(f"svodka: error: {problem}; nothing was written")
        ctx.exit(EXIT_PARTIAL)
    say(f"svodka: wrote {output}")


def _bad_record(path: Path, types: dict[str, Any], lang: str) -> str | None:
    """The first record of ``path`` that cannot be made a table row, by file and line."""
    from svodka.model.records import record_from_dict
    from svodka.report import tabular
    from svodka.run.output import read_jsonl

    maker = tabular.RowMaker(tabular.TableSource(articles=[], records=list, lang=lang))
    for number, data in read_jsonl(path):
        try:
            maker.row(record_from_dict(data, types))
        except Exception as exc:  # noqa: BLE001 - any failure is this record's
            return f"{path}:{number}: record {data.get('id')!r} is not valid ({exc})"
    return None


@cli.command(name="plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool) -> None:
    """List installed plugins: version, hooks and what each adds."""
    plugins = get_plugins(ctx)
    exporter_options(ctx)  # its problems are listed too
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
    from svodka.model.schema import record_schema

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
@click.pass_context
def eval_command(
    ctx: click.Context,
    records: Path,
    gold: Path,
    as_json: bool,
    types: tuple[str, ...],
    show_errors: bool,
) -> None:
    """Score RECORDS (JSON Lines) against GOLD records: P/R/F1 per type, slot accuracy."""
    from svodka.eval.score import evaluate_files

    if _made_by_a_run(records) is False and _made_by_a_run(gold) is True:
        raise click.UsageError(
            f"the arguments look swapped: {records} holds gold records (no extractor, no "
            f"evidence) and {gold} a run's records; give the run's records first: "
            f"svodka eval {gold} {records}",
            ctx,
        )
    declared = get_plugins(ctx).record_types.values()  # each type scored as it declares
    try:
        report = evaluate_files(records, gold, types or None, declared)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_text(show_errors=show_errors))


def _made_by_a_run(path: Path, sample: int = 100) -> bool | None:
    """Whether the first records of ``path`` are a run's (each with its extractor and
    evidence: True) or gold (none with either: False); None when mixed, empty or unreadable."""
    from svodka.run.output import read_jsonl

    made = []
    try:
        for _number, data in read_jsonl(path):
            made.append("extractor" in data and "evidence" in data)
            if len(made) >= sample:
                break
    except (OSError, ValueError):  # evaluate_files names the bad line
        return None
    if not made or len(set(made)) > 1:
        return None
    return made[0]


@cli.command(name="people")
@click.argument("args", nargs=-1, metavar="[NAME] [RECORDS_OR_RUN_FOLDER]")
@click.option(
    "--records",
    "records_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The records file (JSON Lines) to read; then only NAME may be given.",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the role records of a store (see Store) instead; then only NAME may be given.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--posts",
    "by_post",
    is_flag=True,
    help="List posts with their holders in order (the current one first) instead of persons.",
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Language of posts, states and names.",
)
@click.pass_context
def people_command(
    ctx: click.Context,
    args: tuple[str, ...],
    records_file: Path | None,
    store_path: Path | None,
    as_json: bool,
    by_post: bool,
    lang: str,
) -> None:
    """Each person's posts over time and who holds each post now, from the role records of
    a records file, a run's folder (its records.jsonl) or a store (--store); NAME (any form
    of a name, any case) keeps the persons it names."""
    from svodka.model import people
    from svodka.model.records import Role
    from svodka.report.tabular import RecordsError, read_records

    source = records_file or store_path
    if source is None and not args:
        raise click.UsageError(
            "give a records file or a run's folder (or --records FILE, or --store PATH)"
        )
    if len(args) > (1 if source else 2):
        raise click.UsageError(f"too many arguments: {' '.join(args)}")
    name = args[0] if len(args) == 2 or (source and args) else None
    path = source or Path(args[-1])
    if store_path is not None:
        from svodka.store.query import roles as stored_roles
        from svodka.store.schema import StoreError
        from svodka.store.store import open_store

        try:
            con = open_store(store_path, create=False)
            try:
                found = people.build(
                    (r, date)
                    for r, date in stored_roles(con, types=get_plugins(ctx).record_types)
                    if isinstance(r, Role)
                )
            finally:
                con.close()
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    else:
        if path.is_dir():
            path = path / "records.jsonl"
        if not path.is_file():
            raise click.UsageError(f"no records file {path}")
        try:
            roles = [
                r
                for r in read_records(path, get_plugins(ctx).record_types)
                if isinstance(r, Role)
            ]
        except RecordsError as exc:
            raise click.ClickException(str(exc)) from exc
        found = people.build((r, None) for r in roles)
    persons = people.find(found, name)
    posts = people.posts_of(found, persons) if by_post else []
    if as_json:
        shown = [people.post_dict(h) for h in posts] if by_post else map(people.to_dict, persons)
        click.echo(json.dumps(list(shown), ensure_ascii=False, indent=2))
        return
    if not persons:
        say(f"svodka: nobody {'named ' + repr(name) if name else 'with a post'} in {path}")
        ctx.exit(1)
    for text in (
        (people.holders_lines(h, lang) for h in posts)
        if by_post
        else (people.lines(found, p, lang) for p in persons)
    ):
        click.echo("\n".join(text))


@cli.command(name="brief", cls=ExporterCommand)
@_selection_options(required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The brief to write [default: brief-FROM-TO.docx beside the store].",
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Language of the brief.",
)
@click.pass_context
def brief_command(ctx: click.Context, output: Path | None, lang: str, **selection: Any) -> None:
    """A Word brief of a store's facts, of any period, state and type, built from queries
    (memory does not grow with the store); the store remembers it for --new-since last."""
    plugins = get_plugins(ctx)
    exporter = plugins.exporters.get("brief")
    if exporter is None:
        raise click.UsageError("the brief exporter is disabled")
    if output is None:
        span = "-".join(v for v in (selection["start"], selection["end"]) if v)
        output = selection["store"].with_name(f"brief-{span}.docx" if span else "brief.docx")
    _export_store(ctx, exporter, output, lang, options_for(ctx, exporter), **selection)


def _export_store(
    ctx: click.Context,
    exporter: Exporter,
    output: Path | None,
    lang: str,
    own: dict[str, Any],
    store: Path,
    start: str | None,
    end: str | None,
    countries: tuple[str, ...],
    types: tuple[str, ...],
    new_since: str | None,
) -> None:
    """Write what ``--store`` and the selection options choose with ``exporter``; a brief
    is remembered in the store (for ``--new-since last``)."""
    from svodka.components import STOPS, describe
    from svodka.store.query import open_selection, remember_brief
    from svodka.store.schema import StoreError

    plugins = get_plugins(ctx)
    unknown = sorted(set(types) - set(plugins.record_types))
    if unknown:
        raise click.UsageError(
            f"unknown record type {', '.join(unknown)}; known: "
            f"{', '.join(sorted(plugins.record_types))}"
        )
    if output is None:
        suffix = Path(exporter.filename).suffix
        output = store.with_name(store.stem + (suffix or f"-{exporter.filename}"))
    try:
        with open_selection(
            store, start, end, countries, types, new_since, plugins, {"lang": lang, **own}
        ) as run:
            try:
                exporter.export(run, output)
            except STOPS:
                raise
            except Exception as exc:  # noqa: BLE001 - reported, nothing kept
                what = exc.strerror if isinstance(exc, OSError) else describe(exc)
                say(f"svodka: error: cannot write {output}: {what}; nothing was written")
                ctx.exit(EXIT_PARTIAL)
            if exporter.name == "brief":
                note = remember_brief(run, output)
                if note:
                    say(f"svodka: {note}")
    except StoreError as exc:
        say(f"svodka: error: {exc}")
        ctx.exit(EXIT_PARTIAL)
    say(f"svodka: wrote {output}")


@cli.command(name="serve")
@click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SVODKA_STORE",
    metavar="PATH",
    help="The fact store to browse [also SVODKA_STORE].",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default="ru",
    show_default=True,
    help="Language of the titles of tables, columns and values.",
)
@click.pass_context
def serve_command(ctx: click.Context, store_path: Path, host: str, port: int, lang: str) -> None:
    """Browse the fact store in a web page (datasette; pip install 'svodka[web]')."""
    from svodka.store.serve import ServeError, serve

    try:
        status = serve(store_path, get_plugins(ctx).record_types, host, port, lang)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx.exit(status)


CLOSED_AT_START: set[int] = set()  # standard streams closed when svodka started


def open_standard_streams() -> set[int]:
    """Open /dev/null at each of the file descriptors 0, 1 and 2 that is closed (``2>&-``),
    so that no file svodka opens takes its number and standard error lands in no output;
    give Python a stream for it; return the descriptors that were closed."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
    for fd in sorted(closed):
        null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 0 in closed or sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - for the run
    if 1 in closed or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(  # noqa: SIM115
            2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1
        )
    return closed


def main() -> None:
    """The ``svodka`` command: :data:`cli`, with signals ending it cleanly (see the exit status).

    Closed standard streams are first opened on /dev/null (see :func:`open_standard_streams`).
    """
    from svodka.run.signals import Interrupted, interrupting

    CLOSED_AT_START.update(open_standard_streams())
    with interrupting():
        try:
            cli(prog_name="svodka")
        except Interrupted as stop:
            click.echo("svodka: interrupted", err=True)
            sys.exit(stop.status)
