"""The ``svodka`` command line: through click's CliRunner and through the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import click
import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

import svodka
from svodka.cli import cli
from svodka.components import Exporter, ExporterOption, Extractor
from svodka.manager import Plugins
from svodka.model.records import Record
from svodka.plugins import DEFAULT_PLUGINS

BUILTINS = [m.removeprefix("svodka.plugins.") for m in DEFAULT_PLUGINS]

RAIN_TEXT = "Синоптики обещают дождь.\nВ Минске прошли учения.\n"


# -- a test plugin ------------------------------------------------------------------------


@dataclass(kw_only=True)
class Rain(Record):
    """Rain is forecast."""

    type: ClassVar[str] = "rain"
    amount: int | None = None


class RainExtractor(Extractor):
    name = "rain"
    record_types = ("rain",)

    def extract(self, doc):
        for sentence in doc.sentences:
            if any(t.lemma == "дождь" for t in doc.sentence_tokens(sentence)):
                yield Rain(article=doc.article.id, evidence=[sentence.evidence()])


class RainPlugin:
    @svodka.hookimpl
    def register_record_types(self, register):
        register(Rain)

    @svodka.hookimpl
    def register_extractors(self, register):
        register(RainExtractor())

    @svodka.hookimpl
    def register_commands(self, cli):
        @cli.command()
        @click.option("--loud", is_flag=True)
        def hello(loud: bool) -> None:
            """Say hello."""
            click.echo("HELLO" if loud else "hello")


def rain_plugins() -> Plugins:
    plugins = Plugins(autoload=False)
    plugins.register(RainPlugin(), name="rain-plugin")
    return plugins


def invoke(args: list[str], plugins: Plugins | None = None) -> Result:
    obj = {"plugins": plugins} if plugins is not None else None
    return CliRunner().invoke(cli, args, obj=obj, catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "rain.txt"
    path.write_text(RAIN_TEXT, encoding="utf-8")
    return path


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- help, plugins, schema ----------------------------------------------------------------


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))])
def test_help(command: list[str]) -> None:
    result = invoke([*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    if not command:
        for name in cli.commands:
            assert f"  {name}" in result.stdout


def test_plugins_text() -> None:
    result = invoke(["plugins"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"exporters.jsonl {svodka.__version__} (built-in)" in lines
    index = lines.index(f"exporters.jsonl {svodka.__version__} (built-in)")
    assert lines[index + 1] == "    hooks: register_exporters"
    assert lines[index + 2] == "    exporter: jsonl"
    assert not any(line.startswith("FAILED") for line in lines)


def test_plugins_json() -> None:
    result = invoke(["plugins", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["problems"] == []
    listed = {p["name"]: p for p in data["plugins"]}
    assert set(listed) == set(BUILTINS)
    for plugin in listed.values():
        assert plugin["builtin"] is True
        assert plugin["version"] == svodka.__version__
        assert plugin["hooks"], plugin
    assert listed["readers.text"]["hooks"] == ["register_readers"]
    assert listed["readers.text"]["components"] == {"reader": ["text"]}


def test_plugins_json_shows_a_registered_plugin() -> None:
    data = json.loads(invoke(["plugins", "--json"], rain_plugins()).stdout)
    rain = next(p for p in data["plugins"] if p["name"] == "rain-plugin")
    assert rain["builtin"] is False
    assert rain["hooks"] == ["register_commands", "register_extractors", "register_record_types"]
    assert rain["components"] == {"extractor": ["rain"], "record_type": ["rain"]}


def test_schema_is_a_json_schema_of_every_record_type() -> None:
    plugins = rain_plugins()
    result = invoke(["schema"], plugins)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["type"]["enum"] == sorted(plugins.record_types)
    assert "rain" in schema["properties"]["type"]["enum"]
    branches = {b["if"]["properties"]["type"]["const"]: b["then"] for b in schema["allOf"]}
    assert set(branches) == set(plugins.record_types)
    assert branches["rain"]["properties"]["amount"] == {"type": ["integer", "null"]}

    validator = Draft202012Validator(schema)
    record = Rain(article="a", id="rain-1").to_dict()
    assert not list(validator.iter_errors(record))
    assert list(validator.iter_errors({**record, "amount": "lots"}))


# -- extract and run ----------------------------------------------------------------------


def test_extract_to_stdout(article: Path) -> None:
    plugins = rain_plugins()
    result = invoke(["extract", str(article)], plugins)
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    rain = [r for r in rows if r["type"] == "rain"]
    assert len(rain) == 1
    assert rain[0]["article"] == "rain"
    assert rain[0]["extractor"] == "rain"
    assert rain[0]["evidence"] == [{"start": 0, "end": 24, "text": "Синоптики обещают дождь."}]
    assert RAIN_TEXT[0:24] == "Синоптики обещают дождь."
    assert "1 articles processed, 0 failed" in result.stderr
    validator = Draft202012Validator(json.loads(invoke(["schema"], plugins).stdout))
    for row in rows:
        assert not list(validator.iter_errors(row)), row


def test_extract_to_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "records.jsonl"
    result = invoke(["extract", str(article), "-o", str(out)], rain_plugins())
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = jsonl(out.read_text(encoding="utf-8"))
    assert [r["type"] for r in rows if r["type"] == "rain"] == ["rain"]
    assert not list(out.parent.glob(".*.tmp"))


def test_run_writes_records_and_report(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plugins = rain_plugins()
    result = invoke(["run", str(article), "-o", str(out)], plugins)
    assert result.exit_code == 0, result.output
    # one output per exporter, nothing half-written left behind
    expected = {e.filename for e in plugins.exporters.values()}
    assert {"records.jsonl", "report.json", "brief.docx"} <= expected
    assert {p.name for p in out.iterdir()} == expected
    rows = jsonl((out / "records.jsonl").read_text(encoding="utf-8"))
    assert [r["type"] for r in rows if r["type"] == "rain"] == ["rain"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"] == [str(article)]
    assert [(a["source"], a["id"], a["status"]) for a in report["articles"]] == [
        (str(article), "rain", "processed")
    ]
    assert report["articles"][0]["records"]["rain"] == 1
    assert report["totals"]["articles"] == 1 and report["totals"]["failed"] == 0
    assert "rain-plugin" in {p["name"] for p in report["plugins"]}


def test_failed_input_exits_1_and_good_output_is_written(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "nope.txt"
    result = invoke(["run", str(article), str(missing), "-o", str(out)], rain_plugins())
    assert result.exit_code == 1
    assert f"svodka: error: {missing}: no such file or folder" in result.stderr
    rows = jsonl((out / "records.jsonl").read_text(encoding="utf-8"))
    assert [r["article"] for r in rows if r["type"] == "rain"] == ["rain"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"] == [str(article), str(missing)]
    assert [(a["source"], a["status"]) for a in report["articles"]] == [
        (str(article), "processed"),
        (str(missing), "failed"),
    ]
    assert report["articles"][1]["problems"] == [f"{missing}: no such file or folder"]
    assert report["totals"]["failed"] == 1

    result = invoke(["extract", str(missing), str(article)], rain_plugins())
    assert result.exit_code == 1
    assert [r["type"] for r in jsonl(result.stdout) if r["type"] == "rain"] == ["rain"]


def test_run_unknown_format_is_a_usage_error(article: Path, tmp_path: Path) -> None:
    result = invoke(["run", str(article), "-o", str(tmp_path), "-f", "nope"])
    assert result.exit_code == 2
    assert "unknown format nope" in result.stderr


def test_disable(article: Path, tmp_path: Path) -> None:
    result = invoke(["--disable", "jsonl", "--disable", "exporters.report", "plugins", "--json"])
    assert result.exit_code == 0, result.output
    listed = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert "exporters.report" not in listed
    assert listed["exporters.jsonl"]["components"] == {}

    out = tmp_path / "out"
    result = invoke(["--disable", "report", "run", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert "records.jsonl" in names and "report.json" not in names


def test_plugin_command() -> None:
    plugins = rain_plugins()
    result = invoke(["hello", "--loud"], plugins)
    assert result.exit_code == 0
    assert result.stdout == "HELLO\n"
    assert "  hello  " in invoke(["--help"], plugins).stdout
    assert invoke(["hello", "--help"], plugins).stdout.startswith("Usage: ")
    assert invoke(["hello"]).exit_code == 2  # not there without the plugin


# -- the installed console script ---------------------------------------------------------


def svodka_script() -> str:
    script = Path(sys.executable).with_name("svodka")
    found = str(script) if script.exists() else shutil.which("svodka")
    assert found, "the svodka console script is not installed"
    return found


def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [svodka_script(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=dict(os.environ),
        check=False,
    )


def test_script_version(tmp_path: Path) -> None:
    result = run_script("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"svodka, version {svodka.__version__}\n"


def test_script_plugins_json(tmp_path: Path) -> None:
    result = run_script("plugins", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert set(listed) == set(BUILTINS)
    assert listed["exporters.jsonl"]["version"] == svodka.__version__


def test_script_extract(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(RAIN_TEXT, encoding="utf-8")
    result = run_script("extract", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(row["article"] == "news" for row in jsonl(result.stdout))
    assert "svodka: 1 articles processed, 0 failed" in result.stderr


# -- exporters' own options -----------------------------------------------------------------

STORM_TEXT = "Синоптики Гидрометцентра предупредили о сильном дожде в Казани в субботу.\n"


def _words(value: str) -> None:
    if not value.strip():
        raise ValueError("--heading: give some words")


class OptionsExporter(Exporter):
    """Writes its heading, the options it was given and the records' types."""

    name = "digest"
    filename = "digest.txt"
    description = "a heading and the record types"
    options = (
        ExporterOption("heading", "The first line.", default="Сводка", check=_words),
        ExporterOption("max_lines", "Lines at most.", kind="int", default=10),
        ExporterOption("loud", "Capitals.", kind="flag"),
    )

    def export(self, run, path: Path) -> None:
        heading = run.options["heading"].upper() if run.options["loud"] else run.options["heading"]
        types = [r.type for r in run.records][: run.options["max_lines"]]
        lines = [heading, json.dumps(sorted(run.options.items())), *types]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class DigestPlugin:
    @svodka.hookimpl
    def register_exporters(self, register):
        register(OptionsExporter())


class Clashing(Exporter):
    name = "other"
    filename = "other.txt"
    options = (
        ExporterOption("heading", "Mine too."),
        ExporterOption("lang", "Not svodka's."),
        ExporterOption("Bad-Name", "Not an identifier."),
        ExporterOption("depth", "Its own.", kind="int", default=3),
        ExporterOption("when", "No such kind.", kind="date"),
        "--colour",
    )

    def export(self, run, path: Path) -> None:
        path.write_text(json.dumps(sorted(run.options.items())), encoding="utf-8")


class ClashingPlugin:
    @svodka.hookimpl
    def register_exporters(self, register):
        register(Clashing())


def digest_plugins(*more: tuple[object, str]) -> Plugins:
    plugins = rain_plugins()
    plugins.register(DigestPlugin(), name="digest-plugin")
    for plugin, name in more:
        plugins.register(plugin, name=name)
    return plugins


def test_an_exporter_gets_its_own_options_and_only_those(tmp_path: Path) -> None:
    text = tmp_path / "storm.txt"
    text.write_text(STORM_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(text), "-o", str(out), "-f", "digest", "-f", "report", "-j", "1"]
    result = invoke(
        [*args, "--heading", "Погода за неделю", "--max-lines", "1", "--loud"], digest_plugins()
    )
    assert result.exit_code == 0, result.output
    lines = (out / "digest.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ПОГОДА ЗА НЕДЕЛЮ"
    assert json.loads(lines[1]) == [
        ["heading", "Погода за неделю"],
        ["lang", "ru"],
        ["loud", True],
        ["max_lines", 1],
    ]
    assert lines[2:] == ["rain"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["options"] == {"lang": "ru"}  # the brief's and the digest's are theirs

    result = invoke([*args, "--replace"], digest_plugins())  # the declared defaults
    assert result.exit_code == 0, result.output
    lines = (out / "digest.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Сводка"
    assert json.loads(lines[1]) == [
        ["heading", "Сводка"],
        ["lang", "ru"],
        ["loud", False],
        ["max_lines", 10],
    ]


def test_an_exporters_check_refuses_a_value_before_reading(tmp_path: Path) -> None:
    text = tmp_path / "storm.txt"
    text.write_text(STORM_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["run", str(text), "-o", str(out), "--heading", " "], digest_plugins())
    assert result.exit_code == 2
    assert "--heading: give some words" in result.stderr
    assert "articles processed" not in result.stderr
    assert not out.exists()
    result = invoke(["run", str(text), "-o", str(out), "--max-lines", "many"], digest_plugins())
    assert result.exit_code == 2
    assert "'many' is not a valid integer" in result.stderr


def test_options_show_in_help_without_the_plugin_they_are_unknown() -> None:
    for command in ("run", "export"):
        shown = invoke([command, "--help"], digest_plugins()).stdout
        assert "--heading TEXT" in shown and "(exporter digest)" in shown
        assert "--max-lines INTEGER" in shown and "--template FILE" in shown
        assert "--heading" not in invoke([command, "--help"]).stdout


def test_a_clashing_option_is_left_out_and_names_both_plugins(tmp_path: Path) -> None:
    plugins = digest_plugins((ClashingPlugin(), "clash-plugin"))
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(Rain(article="k", amount=5).to_dict()) + "\n", encoding="utf-8")
    out = tmp_path / "other.txt"
    result = invoke(
        ["export", str(records), "-f", "other", "--depth", "4", "-o", str(out)], plugins
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == [["depth", 4], ["lang", "ru"]]
    problems = {str(p) for p in plugins.problems}
    assert problems == {
        "plugin 'clash-plugin': exporter 'other' option --heading is already declared by "
        "exporter 'digest' of plugin 'digest-plugin'",
        "plugin 'clash-plugin': exporter 'other' option --lang is an option of svodka itself",
        "plugin 'clash-plugin': exporter 'other' option name 'Bad-Name' is not a lower-case "
        "identifier",
        "plugin 'clash-plugin': exporter 'other' option --when has the kind 'date', not one of "
        "text, int, flag, file",
        "plugin 'clash-plugin': exporter 'other' declares an option that is not an "
        "ExporterOption: '--colour'",
    }
    assert "is already declared by exporter 'digest' of plugin 'digest-plugin'; skipped" in (
        result.stderr
    )
    listed = invoke(["plugins"], digest_plugins((ClashingPlugin(), "clash-plugin")))
    assert listed.exit_code == 1
    assert "FAILED plugin 'clash-plugin': exporter 'other' option --lang is" in listed.stdout


def test_export_offers_every_exporter_with_its_options(tmp_path: Path) -> None:
    records = tmp_path / "week.jsonl"
    rows = [Rain(article="a2", amount=3), Rain(article="a1"), Rain(article="a2", amount=1)]
    records.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in rows), encoding="utf-8")
    plugins = digest_plugins()
    shown = invoke(["export", "--help"], plugins).stdout
    assert all(f"  {name} " in shown for name in ("brief", "csv", "digest", "jsonl", "xlsx"))
    result = invoke(["export", str(records), "-f", "digest", "--heading", "Дожди"], plugins)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"svodka: wrote {tmp_path / 'week.txt'}\n"
    lines = (tmp_path / "week.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Дожди" and lines[2:] == ["rain", "rain", "rain"]
    result = invoke(["export", str(records), "-f", "report"], plugins)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "week.json").read_text(encoding="utf-8"))
    assert [(a["id"], a["records"]) for a in report["articles"]] == [
        ("a2", {"rain": 2}),
        ("a1", {"rain": 1}),
    ]
    copy = tmp_path / "copy.jsonl"
    assert invoke(["export", str(records), "-f", "jsonl", "-o", str(copy)], plugins).exit_code == 0
    assert sorted(copy.read_text(encoding="utf-8").splitlines()) == sorted(
        records.read_text(encoding="utf-8").splitlines()
    )
    result = invoke(["export", str(records), "-f", "nope"], plugins)
    assert result.exit_code == 2
    assert "unknown format nope; available: brief, csv, digest, jsonl, report, xlsx" in (
        result.stderr
    )


def test_export_checks_the_brief_template_and_builds_on_it(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(Rain(article="k").to_dict()) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_text("не архив", encoding="utf-8")
    args = ["export", str(records), "-f", "brief", "--template"]
    result = invoke([*args, str(bad)], rain_plugins())
    assert result.exit_code == 2
    assert f"template {bad}" in result.stderr
    assert not (tmp_path / "r.docx").exists()
    good = tmp_path / "mine.docx"
    template = docx.Document()
    template.styles.add_style("Мой стиль", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    template.save(str(good))
    result = invoke([*args, str(good)], rain_plugins())
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if "has no style" in line]
    assert line.startswith(f"svodka: warning: --template {good}: the brief template has no style ")
    assert "Мой стиль" in [s.name for s in docx.Document(str(tmp_path / "r.docx")).styles]
    result = invoke(
        ["export", str(records), "-f", "brief", "-o", str(tmp_path / "plain.docx")], rain_plugins()
    )
    assert result.exit_code == 0, result.output
    assert "Мой стиль" not in [s.name for s in docx.Document(str(tmp_path / "plain.docx")).styles]


class Plain:
    """An exporter that does not subclass Exporter: no options, no export_records."""

    name = "plain"
    filename = "plain.txt"
    description = "record types, one a line"

    def export(self, run, path: Path) -> None:
        path.write_text("".join(f"{r.article} {r.type}\n" for r in run.records), encoding="utf-8")


class PlainPlugin:
    @svodka.hookimpl
    def register_exporters(self, register):
        register(Plain())


def test_export_through_an_exporter_of_the_same_attributes(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    rows = [Rain(article="b", amount=2), Rain(article="c")]
    records.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in rows), encoding="utf-8")
    plugins = rain_plugins()
    plugins.register(PlainPlugin(), name="plain-plugin")
    result = invoke(["export", str(records), "-f", "plain"], plugins)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "b rain\nc rain\n"


def test_an_option_check_that_breaks_names_its_exporter(tmp_path: Path) -> None:
    def broken(value: int) -> None:
        raise KeyError(value)

    plugins = digest_plugins()
    exporter = plugins.exporters["digest"]
    exporter.options = (ExporterOption("max_lines", "Lines.", kind="int", check=broken),)
    text = tmp_path / "storm.txt"
    text.write_text(STORM_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["run", str(text), "-o", str(out), "--max-lines", "7"], plugins)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: exporter 'digest' (plugin 'digest-plugin') failed checking --max-lines: "
        "KeyError: 7\n"
    )
    assert not out.exists()


# -- mistakes a user makes, each told plainly ------------------------------------------------


def test_disable_with_an_unknown_name_says_so(article: Path, tmp_path: Path) -> None:
    result = invoke(["--disable", "quotse", "run", str(article), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())  # click wraps the usage error
    assert "--disable quotse: no plugin, reader, extractor or exporter has this name" in message
    assert "plugins: " + ", ".join(sorted(BUILTINS)) in message
    assert not (tmp_path / "out").exists()
    # a plugin's own name and a component's name are both known
    result = invoke(["--disable", "extractors.quotes", "--disable", "jsonl", "plugins"])
    assert result.exit_code == 0, result.output


def test_run_on_a_records_file_points_to_export(article: Path, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    result = invoke(["extract", str(article), "-o", str(records)], rain_plugins())
    assert result.exit_code == 0, result.output
    result = invoke(["run", str(records), "-o", str(tmp_path / "out")], rain_plugins())
    assert result.exit_code == 1
    assert (
        f"svodka: error: {records}: this is a records file (fact records, as svodka extract "
        f"writes them), not articles; use svodka export {records}"
    ) in result.stderr
    assert result.stderr.count("svodka: error:") == 2  # that line, then "no article was read"
    # a record line among articles costs that line only
    feed = tmp_path / "feed.jsonl"
    record = records.read_text(encoding="utf-8").splitlines()[0]
    article_line = json.dumps({"id": "a1", "text": RAIN_TEXT}, ensure_ascii=False)
    feed.write_text(f"{article_line}\n{record}\n", encoding="utf-8")
    result = invoke(["extract", str(feed)], rain_plugins())
    assert result.exit_code == 1
    assert f'svodka: error: {feed}:2: a fact record, not an article (no "text")' in result.stderr
    assert "1 articles processed, 1 failed" in result.stderr


def test_eval_with_swapped_arguments_says_so(article: Path, tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    invoke(["extract", str(article), "-o", str(records)], rain_plugins())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"type": "event", "article": "rain", "name": "учения"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    result = invoke(["eval", str(gold), str(records)])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert (
        f"the arguments look swapped: {gold} holds gold records (no extractor, no evidence) "
        f"and {records} a run's records; give the run's records first: "
        f"svodka eval {records} {gold}"
    ) in message
    result = invoke(["eval", str(records), str(gold)])
    assert result.exit_code == 0, result.output


def test_a_template_missing_styles_is_one_plain_line_before_any_article(
    article: Path, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))  # python-docx's default: none of the Brief styles
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no Python warning escapes to the user
        result = invoke(
            ["run", str(missing), str(article), "-o", str(out), "--template", str(template)],
            rain_plugins(),
        )
    assert result.exit_code == 1  # the missing input
    lines = result.stderr.splitlines()
    styles = [i for i, line in enumerate(lines) if "has no style" in line]
    assert len(styles) == 1, result.stderr
    line = lines[styles[0]]
    assert line.startswith(f"svodka: warning: --template {template}: the brief template has no ")
    assert line.endswith("; default formatting is used instead")
    assert "Brief Meta" in line and ".py" not in line and "Warning" not in line
    assert styles[0] < lines.index(f"svodka: error: {missing}: no such file or folder")
    assert (out / "brief.docx").is_file()
