"""The plugin system: built-ins through the hooks, registration, isolation of failures,
disabling, strict mode and entry-point discovery."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import click
import pytest
from click.testing import CliRunner

import svodka
from svodka import hookspecs
from svodka.cli import cli
from svodka.components import Exporter, Extractor, Reader, ReadOptions, Source
from svodka.manager import PluginError, Plugins
from svodka.model.article import Article
from svodka.model.records import Record
from svodka.normalize.gazetteer import GazetteerEntry
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import Run, process_article
from svodka.plugins import DEFAULT_PLUGINS
from svodka.read.inputs import read_inputs
from svodka.testing import make_article


def short_name(module: str) -> str:
    return module.removeprefix("svodka.plugins.")


# -- test plugins -------------------------------------------------------------------------


@dataclass(kw_only=True)
class Weather(Record):
    """A weather forecast."""

    type: ClassVar[str] = "weather"
    forecast: str
    place: str | None = None


class WeatherExtractor(Extractor):
    name = "weather"
    record_types = ("weather",)

    def extract(self, doc):
        for sentence in doc.sentences:
            if any(t.lemma == "дождь" for t in doc.sentence_tokens(sentence)):
                yield Weather(
                    article=doc.article.id, forecast="rain", evidence=[sentence.evidence()]
                )


class WeatherExporter(Exporter):
    name = "weather_txt"
    filename = "weather.txt"
    description = "forecasts, one a line"

    def export(self, run: Run, path: Path) -> None:
        path.write_text(
            "".join(f"{r.article}\t{r.forecast}\n" for r in run.records if r.type == "weather"),
            encoding="utf-8",
        )


class WeatherReader(Reader):
    name = "weather_reader"
    suffixes = (".wx",)

    def read(self, source: Source, options: ReadOptions):
        for n, line in enumerate(source.read_bytes().decode("utf-8").splitlines(), 1):
            yield Article(id=f"wx{n}", text=line, source=f"{source.name}:{n}")


class WeatherPlugin:
    """Implements every hook."""

    @svodka.hookimpl
    def register_readers(self, register):
        register(WeatherReader())

    @svodka.hookimpl
    def register_record_types(self, register):
        register(Weather)

    @svodka.hookimpl
    def register_extractors(self, register):
        register(WeatherExtractor())

    @svodka.hookimpl
    def register_exporters(self, register):
        register(WeatherExporter())

    @svodka.hookimpl
    def register_gazetteers(self, register):
        register("organization", [GazetteerEntry("Гидрометцентр", "HMC")])

    @svodka.hookimpl
    def register_rules(self, register):
        register("events.category_nouns", ["метеосводка"])

    @svodka.hookimpl
    def register_commands(self, cli):
        @cli.command(name="forecast")
        @click.argument("place")
        def forecast(place: str) -> None:
            """Print a forecast."""
            click.echo(f"rain in {place}")

    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("weather", "ru", "{{ place | place }}: {{ forecast }}.")


class OtherExporter(WeatherExporter):
    name = "other_txt"
    filename = "other.txt"


class BrokenRegistration:
    """Its register_extractors raises; its exporter is fine."""

    @svodka.hookimpl
    def register_extractors(self, register):
        raise ValueError("no model file")

    @svodka.hookimpl
    def register_exporters(self, register):
        register(OtherExporter())


class BoomExtractor(Extractor):
    name = "boom"
    record_types = ("weather",)

    def extract(self, doc):
        raise RuntimeError("exploded")


class BoomPlugin:
    @svodka.hookimpl
    def register_extractors(self, register):
        register(BoomExtractor())


class Misspelled:
    """``register_extractor`` (no s): not a hook."""

    @svodka.hookimpl
    def register_extractor(self, register):
        register(WeatherExtractor())

    @svodka.hookimpl
    def register_exporters(self, register):
        register(WeatherExporter())


class DuplicateWeather:
    @svodka.hookimpl
    def register_extractors(self, register):
        register(WeatherExtractor())


class DuplicateJsonl:
    @svodka.hookimpl
    def register_exporters(self, register):
        register(WeatherExporter())

        class Jsonl(WeatherExporter):
            name = "jsonl"

        register(Jsonl())


class BrokenGazetteer:
    @svodka.hookimpl
    def register_gazetteers(self, register):
        raise OSError("data file missing")


TEST_PLUGINS = (
    WeatherPlugin,
    BrokenRegistration,
    BoomPlugin,
    Misspelled,
    DuplicateWeather,
    DuplicateJsonl,
    BrokenGazetteer,
)


def hooks_of(plugin: object) -> set[str]:
    return {name for name, value in inspect.getmembers(plugin) if hasattr(value, "svodka_impl")}


@pytest.fixture
def plugins() -> Plugins:
    return Plugins(autoload=False)


def problem_for(plugins: Plugins, name: str) -> str:
    messages = [p.message for p in plugins.problems if p.plugin == name]
    assert messages, f"no problem reported for {name!r}: {plugins.problems}"
    return messages[0]


# -- meta-tests ---------------------------------------------------------------------------


def test_every_hook_is_implemented_by_a_test_plugin() -> None:
    implemented = set().union(*(hooks_of(p) for p in TEST_PLUGINS))
    assert set(hookspecs.HOOK_NAMES) <= implemented
    assert hooks_of(WeatherPlugin) == set(hookspecs.HOOK_NAMES)


def test_hook_names_match_the_specs() -> None:
    specs = {name for name, value in vars(hookspecs).items() if hasattr(value, "svodka_spec")}
    assert specs == set(hookspecs.HOOK_NAMES)


@pytest.mark.parametrize("hook", hookspecs.HOOK_NAMES)
def test_every_hook_spec_is_documented_with_an_example(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    assert "Example" in doc
    assert f"def {hook}(" in doc


# -- built-ins ----------------------------------------------------------------------------


def test_builtins_are_plugins_registered_through_the_hooks(plugins: Plugins) -> None:
    for module_name in DEFAULT_PLUGINS:
        short = short_name(module_name)
        module = importlib.import_module(module_name)
        assert plugins.pm.get_plugin(short) is module
        assert short in plugins.builtin_names
        assert plugins.pm.get_hookcallers(module), f"{short} implements no hook"
    # a missing built-in module is reported by name, the rest load
    assert plugins.problems == []
    assert plugins.owner[("exporter", "jsonl")] == "exporters.jsonl"
    assert plugins.owner[("exporter", "report")] == "exporters.report"
    assert plugins.owner[("reader", "text")] == "readers.text"
    for (kind, _name), owner in plugins.owner.items():
        assert owner in plugins.builtin_names or (kind == "record_type" and owner == "svodka")


def test_builtin_components_are_attributed(plugins: Plugins) -> None:
    for kind, table in (
        ("reader", plugins.readers),
        ("extractor", plugins.extractors),
        ("exporter", plugins.exporters),
    ):
        for name, component in table.items():
            owner = plugins.owner[(kind, name)]
            module = plugins.pm.get_plugin(owner)
            assert module.__name__ == type(component).__module__


def test_info_lists_builtins_with_version_and_hooks(plugins: Plugins) -> None:
    infos = {i.name: i for i in plugins.info()}
    assert set(infos) == {short_name(m) for m in DEFAULT_PLUGINS}
    assert infos["exporters.jsonl"].to_dict() == {
        "name": "exporters.jsonl",
        "version": svodka.__version__,
        "builtin": True,
        "hooks": ["register_exporters"],
        "components": {"exporter": ["jsonl"]},
    }
    assert infos["gazetteers"].hooks == ["register_gazetteers"]


# -- registering a plugin -----------------------------------------------------------------


def test_registered_plugin_adds_every_kind_of_component(plugins: Plugins) -> None:
    name = plugins.register(WeatherPlugin(), name="weather-plugin")
    assert name == "weather-plugin"
    assert plugins.record_types["weather"] is Weather
    assert isinstance(plugins.extractors["weather"], WeatherExtractor)
    assert isinstance(plugins.exporters["weather_txt"], WeatherExporter)
    assert isinstance(plugins.readers["weather_reader"], WeatherReader)
    assert "jsonl" in plugins.exporters  # built-ins untouched
    for key in (
        ("record_type", "weather"),
        ("extractor", "weather"),
        ("exporter", "weather_txt"),
        ("reader", "weather_reader"),
    ):
        assert plugins.owner[key] == "weather-plugin"
    info = next(i for i in plugins.info() if i.name == "weather-plugin")
    assert info.builtin is False
    assert info.hooks == sorted(hookspecs.HOOK_NAMES)
    assert info.components == {
        "exporter": ["weather_txt"],
        "extractor": ["weather"],
        "reader": ["weather_reader"],
        "record_type": ["weather"],
    }
    assert plugins.problems == []

    plugins.unregister("weather-plugin")
    assert "weather" not in plugins.extractors
    assert "weather" not in plugins.record_types
    assert ("exporter", "weather_txt") not in plugins.owner


def test_registered_components_work(plugins: Plugins, tmp_path: Path) -> None:
    plugins.register(WeatherPlugin(), name="weather-plugin")
    wx = tmp_path / "today.wx"
    wx.write_text("Солнечно.\nЗавтра в Минске дождь.\n", encoding="utf-8")
    articles = list(read_inputs([str(wx)], plugins.readers, ReadOptions()))
    assert [a.id for a in articles] == ["wx1", "wx2"]

    lexicon = Lexicon.from_plugins(plugins)
    outcomes = [process_article(a, plugins.extractors.values(), lexicon) for a in articles]
    records = [r.to_dict() for o in outcomes for r in o.records]
    assert [(r["type"], r["article"], r["forecast"], r["extractor"]) for r in records] == [
        ("weather", "wx2", "rain", "weather")
    ]
    assert records[0]["evidence"][0]["text"] == "Завтра в Минске дождь."

    out = tmp_path / "weather.txt"
    plugins.exporters["weather_txt"].export(Run(outcomes), out)
    assert out.read_text(encoding="utf-8") == "wx2\train\n"


def test_gazetteers_hook_feeds_the_lexicon() -> None:
    plugins = Plugins(autoload=False, builtins=False)
    plugins.register(WeatherPlugin(), name="weather-plugin")
    plugins.register(BrokenGazetteer(), name="broken-gazetteer")
    lexicon = Lexicon.from_plugins(plugins)
    entry = lexicon["organization"].lookup("Гидрометцентра")
    assert entry is not None and entry.value == "HMC"
    assert "data file missing" in problem_for(plugins, "broken-gazetteer")


def test_commands_hook_adds_a_cli_command() -> None:
    plugins = Plugins(autoload=False, builtins=False)
    plugins.register(WeatherPlugin(), name="weather-plugin")
    result = CliRunner().invoke(cli, ["forecast", "Минск"], obj={"plugins": plugins})
    assert result.exit_code == 0, result.output
    assert result.output == "rain in Минск\n"


# -- failures are isolated ----------------------------------------------------------------


@pytest.mark.parametrize("broken_first", [True, False])
def test_failing_registration_is_reported_and_others_register(
    plugins: Plugins, broken_first: bool
) -> None:
    order = [(BrokenRegistration(), "broken"), (WeatherPlugin(), "weather-plugin")]
    for obj, name in order if broken_first else reversed(order):
        plugins.register(obj, name=name)
    message = problem_for(plugins, "broken")
    assert "register_extractors" in message
    assert "ValueError: no model file" in message
    assert "weather" in plugins.extractors
    assert plugins.owner[("extractor", "weather")] == "weather-plugin"
    assert "jsonl" in plugins.exporters
    assert plugins.owner[("exporter", "other_txt")] == "broken"  # its other hook still ran
    assert {p.plugin for p in plugins.problems} == {"broken"}


def test_failing_extractor_costs_only_its_own_records(plugins: Plugins) -> None:
    plugins.register(BoomPlugin(), name="boom-plugin")
    plugins.register(WeatherPlugin(), name="weather-plugin")
    assert {"boom", "weather"} <= set(plugins.extractors)
    article = make_article("Завтра дождь.", id="a1")
    owners = {name: plugins.owner[("extractor", name)] for name in plugins.extractors}
    outcome = process_article(article, plugins.extractors.values(), Lexicon.of({}), owners)
    assert [(r.type, r.extractor) for r in outcome.records] == [("weather", "weather")]
    assert len(outcome.errors) == 1
    error = outcome.errors[0]
    assert "'boom'" in error and "'a1'" in error and "RuntimeError: exploded" in error
    assert "plugin 'boom-plugin'" in error
    assert outcome.status == "partial"


def test_misspelled_hook_is_reported_and_plugin_dropped(plugins: Plugins) -> None:
    plugins.register(Misspelled(), name="misspelled")
    message = problem_for(plugins, "misspelled")
    assert "register_extractor" in message
    assert plugins.pm.get_plugin("misspelled") is None
    assert "weather_txt" not in plugins.exporters  # its valid hook went with it
    assert "weather" not in plugins.extractors


def duplicate_problem(plugins: Plugins, kind: str, name: str, a: str, b: str) -> str:
    """The one problem about a duplicate name; it names both plugins. Returns the winner.

    Which plugin keeps the name follows the order the hooks are called in; the other one
    is the plugin the problem is filed under.
    """
    found = [p for p in plugins.problems if f"{kind} name {name!r}" in p.message]
    assert len(found) == 1, plugins.problems
    loser = found[0].plugin
    assert loser in (a, b)
    winner = b if loser == a else a
    assert f"{winner!r}" in found[0].message
    assert plugins.owner[(kind, name)] == winner
    return winner


def test_duplicate_extractor_names_name_both_plugins(plugins: Plugins) -> None:
    plugins.register(WeatherPlugin(), name="first-weather")
    plugins.register(DuplicateWeather(), name="second-weather")
    duplicate_problem(plugins, "extractor", "weather", "first-weather", "second-weather")
    assert isinstance(plugins.extractors["weather"], WeatherExtractor)


def test_duplicate_of_a_builtin_name_is_a_problem(plugins: Plugins) -> None:
    plugins.register(DuplicateJsonl(), name="dup-jsonl")
    duplicate_problem(plugins, "exporter", "jsonl", "exporters.jsonl", "dup-jsonl")
    assert plugins.owner[("exporter", "weather_txt")] == "dup-jsonl"


# -- disabling ----------------------------------------------------------------------------


def check_disabled(plugins: Plugins) -> None:
    assert "exporters.report" not in plugins.builtin_names
    assert plugins.pm.is_blocked("exporters.report")
    assert "report" not in plugins.exporters
    assert "jsonl" not in plugins.exporters  # a component disabled by name
    assert plugins.pm.get_plugin("exporters.jsonl") is not None  # ... its plugin still loads
    assert "text" in plugins.readers
    assert "exporters.report" not in {p.plugin for p in plugins.problems}


def test_disable_by_argument() -> None:
    check_disabled(Plugins(autoload=False, disabled=["exporters.report", "jsonl"]))


def test_disable_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_DISABLE_PLUGINS", " exporters.report , jsonl ")
    check_disabled(Plugins(autoload=False))


def test_disable_a_registered_plugin_and_a_component() -> None:
    plugins = Plugins(autoload=False, disabled=["weather-plugin"])
    with pytest.raises(PluginError, match="blocked"):
        plugins.register(WeatherPlugin(), name="weather-plugin")
    assert "weather" not in plugins.extractors

    plugins = Plugins(autoload=False, disabled=["weather"])
    plugins.register(WeatherPlugin(), name="weather-plugin")
    assert "weather" not in plugins.extractors
    assert "weather_txt" in plugins.exporters


# -- strict mode --------------------------------------------------------------------------


def strict_plugins() -> Plugins:
    return Plugins(autoload=False, strict=True, builtins=False)


def test_strict_reraises_a_failing_registration() -> None:
    plugins = strict_plugins()
    with pytest.raises(PluginError, match="'broken'.*no model file") as info:
        plugins.register(BrokenRegistration(), name="broken")
    assert isinstance(info.value.__cause__, ValueError)


def test_strict_reraises_misspelled_and_duplicates() -> None:
    with pytest.raises(PluginError, match="register_extractor"):
        strict_plugins().register(Misspelled(), name="misspelled")
    plugins = strict_plugins()
    plugins.register(WeatherPlugin(), name="first-weather")
    with pytest.raises(PluginError, match="first-weather"):
        plugins.register(DuplicateWeather(), name="second-weather")


def test_strict_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_STRICT_PLUGINS", "1")
    plugins = Plugins(autoload=False, builtins=False)
    assert plugins.strict is True
    with pytest.raises(PluginError):
        plugins.register(BrokenRegistration(), name="broken")


# -- entry points -------------------------------------------------------------------------


def fake_distribution(root: Path, dist: str, entry_name: str, module: str, source: str) -> None:
    """A distribution as pip would install it: a dist-info folder and a module."""
    info = root / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[svodka]\n{entry_name} = {module}\n", encoding="utf-8")
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def forget_modules() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        sys.modules.pop(name, None)


def test_broken_entry_point_is_reported_and_builtins_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forget_modules: list[str]
) -> None:
    fake_distribution(
        tmp_path, "fake_plugin", "fake", "fake_plugin_broken", 'raise ImportError("needs libfoo")\n'
    )
    forget_modules.append("fake_plugin_broken")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins = Plugins(autoload=True)
    message = problem_for(plugins, "fake")
    assert "ImportError" in message and "needs libfoo" in message
    assert plugins.pm.get_plugin("fake") is None
    assert "jsonl" in plugins.exporters and "text" in plugins.readers
    assert "fake" not in {i.name for i in plugins.info()}

    with pytest.raises(PluginError, match="'fake'.*needs libfoo"):
        Plugins(autoload=True, strict=True, builtins=False)


def test_good_entry_point_is_listed_with_version_and_hooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forget_modules: list[str]
) -> None:
    fake_distribution(
        tmp_path,
        "fake_plugin",
        "fake",
        "fake_plugin_good",
        """\
        import svodka
        from svodka.components import Extractor

        class Fakes(Extractor):
            name = "fakes"

            def extract(self, doc):
                return []

        @svodka.hookimpl
        def register_extractors(register):
            register(Fakes())
        """,
    )
    forget_modules.append("fake_plugin_good")
    monkeypatch.syspath_prepend(str(tmp_path))

    assert "fake" not in {i.name for i in Plugins().info()}  # autoload off in tests (env)
    assert Plugins(autoload=True, disabled=["fake"]).pm.get_plugin("fake") is None

    plugins = Plugins(autoload=True)
    info = {i.name: i for i in plugins.info()}["fake"]
    assert info.to_dict() == {
        "name": "fake",
        "version": "1.0",
        "builtin": False,
        "hooks": ["register_extractors"],
        "components": {"extractor": ["fakes"]},
    }
    assert plugins.owner[("extractor", "fakes")] == "fake"
    assert "fake" not in {p.plugin for p in plugins.problems}

    result = CliRunner().invoke(cli, ["plugins", "--json"], obj={"plugins": plugins})
    listed = {p["name"]: p for p in json.loads(result.output)["plugins"]}
    assert listed["fake"]["version"] == "1.0"


def test_entry_point_that_exits_while_imported_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forget_modules: list[str]
) -> None:
    fake_distribution(
        tmp_path, "fake_plugin", "quits", "fake_plugin_quits", "import sys\nsys.exit(3)\n"
    )
    forget_modules.append("fake_plugin_quits")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins = Plugins(autoload=True)
    assert problem_for(plugins, "quits") == "failed to load (SystemExit: 3)"
    assert "jsonl" in plugins.exporters and "roles" in plugins.extractors


# -- plugins that quit or clash -------------------------------------------------------------


class QuitsWhileRegistering:
    @svodka.hookimpl
    def register_extractors(self, register):
        sys.exit(3)

    @svodka.hookimpl
    def register_exporters(self, register):
        register(OtherExporter())


def test_sys_exit_in_a_registration_hook_is_reported(plugins: Plugins) -> None:
    plugins.register(QuitsWhileRegistering(), name="quitter")
    assert [str(p) for p in plugins.problems] == [
        "plugin 'quitter': register_extractors raised SystemExit: 3"
    ]
    assert "roles" in plugins.extractors
    assert plugins.owner[("exporter", "other_txt")] == "quitter"  # its other hook still ran


def test_ctrl_c_in_a_registration_hook_still_stops() -> None:
    class Interrupted:
        @svodka.hookimpl
        def register_extractors(self, register):
            raise KeyboardInterrupt

    plugins = Plugins(autoload=False, builtins=False)
    with pytest.raises(KeyboardInterrupt):
        plugins.register(Interrupted(), name="interrupted")


def command_plugin(*names: str) -> object:
    """A plugin adding commands of these names, each printing its name and the plugin's id."""

    class Commands:
        @svodka.hookimpl
        def register_commands(self, cli):
            for name in names:
                cli.command(name=name)(lambda name=name: click.echo(f"plugin's {name}"))

    return Commands()


def test_a_plugin_command_named_like_a_builtin_is_reported(plugins: Plugins) -> None:
    plugins.register(command_plugin("run", "hello"), name="clash")
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"], obj={"plugins": plugins})
    assert result.exit_code == 0
    assert "\n  hello\n" in result.stdout
    expected = "plugin 'clash': command 'run' is a built-in command"
    assert [str(p) for p in plugins.problems] == [expected]
    assert f"svodka: warning: {expected}; skipped" in result.stderr
    assert "The main job" in runner.invoke(cli, ["run", "--help"], obj={"plugins": plugins}).stdout
    assert runner.invoke(cli, ["hello"], obj={"plugins": plugins}).stdout == "plugin's hello\n"


def test_a_clash_with_a_builtin_command_shows_in_svodka_plugins(plugins: Plugins) -> None:
    plugins.register(command_plugin("schema"), name="clash")
    result = CliRunner().invoke(cli, ["plugins"], obj={"plugins": plugins})
    assert result.exit_code == 1
    assert "FAILED plugin 'clash': command 'schema' is a built-in command" in result.stdout


def test_the_plugin_loaded_first_keeps_a_command_name(plugins: Plugins) -> None:
    plugins.register(command_plugin("hello"), name="first")
    plugins.register(command_plugin("hello"), name="second")
    result = CliRunner().invoke(cli, ["hello"], obj={"plugins": plugins})
    assert result.exit_code == 0
    assert [str(p) for p in plugins.problems] == [
        "plugin 'second': command 'hello' is already added by plugin 'first'"
    ]


def test_strict_mode_stops_at_a_command_clash() -> None:
    plugins = Plugins(autoload=False, strict=True)
    plugins.register(command_plugin("run"), name="clash")
    result = CliRunner().invoke(cli, ["--help"], obj={"plugins": plugins})
    assert result.exit_code == 1
    assert "Error: plugin 'clash': command 'run' is a built-in command" in result.output


def test_public_names_resolve_lazily() -> None:
    import svodka
    from svodka.components import Exporter
    from svodka.model.records import Record

    assert svodka.Record is Record
    assert svodka.Exporter is Exporter
    assert set(svodka.__all__) >= {"hookimpl", "Record", "Extractor", "Run"}
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = svodka.Nothing  # type: ignore[attr-defined]
