"""The ``svodka`` command line: through click's CliRunner and through the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import click
import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

import svodka
from svodka.cli import cli
from svodka.components import Extractor
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
