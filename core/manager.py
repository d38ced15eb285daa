"""Builds the plugin manager: built-in plugins, entry-point plugins, and what they register.

Built-in features are plugins registered through the same hooks a third party uses
(``svodka.plugins.DEFAULT_PLUGINS``). Third-party plugins are found through the
entry-point group ``svodka``; each is loaded on its own, so one that fails to import is
reported by name and skipped instead of taking every command down.

Choosing plugins:

- ``SVODKA_DISABLE_PLUGINS=name,name`` (or ``svodka --disable name``) blocks plugins by
  name (built-ins too: ``extractors.quotes``), or single components by their name
  (``quotes``, ``jsonl``);
- ``SVODKA_DISABLE_PLUGIN_AUTOLOAD=1`` loads no entry-point plugins (tests use it);
- ``SVODKA_STRICT_PLUGINS=1`` re-raises a plugin's failure instead of skipping it.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

import pluggy

from svodka import hookspecs
from svodka.components import STOPS, Exporter, Extractor, Reader, describe
from svodka.extract import rules
from svodka.model.records import BUILTIN_TYPES, Record

ENTRY_POINT_GROUP = "svodka"
DISABLE_ENV = "SVODKA_DISABLE_PLUGINS"
AUTOLOAD_ENV = "SVODKA_DISABLE_PLUGIN_AUTOLOAD"
STRICT_ENV = "SVODKA_STRICT_PLUGINS"


class PluginError(Exception):
    """A plugin failed; the message names the plugin."""


@dataclass(frozen=True)
class PluginProblem:
    """A plugin that failed while loading or registering, and why."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"


@dataclass
class PluginInfo:
    """One plugin as ``svodka plugins`` shows it."""

    name: str
    version: str | None
    builtin: bool
    hooks: list[str]
    components: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "builtin": self.builtin,
            "hooks": self.hooks,
            "components": self.components,
        }


def _env_list(name: str) -> set[str]:
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


class Plugins:
    """The plugin manager and everything the plugins registered, with who registered it."""

    def __init__(
        self,
        *,
        disabled: Iterable[str] = (),
        autoload: bool | None = None,
        strict: bool | None = None,
        builtins: bool = True,
    ) -> None:
        self.disabled: set[str] = set(disabled) | _env_list(DISABLE_ENV)
        self.strict = _env_flag(STRICT_ENV) if strict is None else strict
        self.autoload = (not _env_flag(AUTOLOAD_ENV)) if autoload is None else autoload
        self.pm = pluggy.PluginManager("svodka")
        self.pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.order: dict[str, int] = {}  # plugin name -> position in loading order
        self.builtin_names: set[str] = set()
        self.versions: dict[str, str | None] = {}
        self.owner: dict[tuple[str, str], str] = {}
        self.readers: dict[str, Reader] = {}
        self.extractors: dict[str, Extractor] = {}
        self.exporters: dict[str, Exporter] = {}
        self.record_types: dict[str, type[Record]] = {}
        self.names: set[str] = set()  # every plugin and component name met, disabled ones too
        for name in self.disabled:
            self.pm.set_blocked(name)
        if builtins:
            self._register_builtins()
        if self.autoload:
            self._load_entry_points()
        self._check_hook_names()
        self.collect()

    # -- loading -------------------------------------------------------------------------

    def _register_builtins(self) -> None:
        from svodka.plugins import DEFAULT_PLUGINS

        for module_name in DEFAULT_PLUGINS:
            short = module_name.removeprefix("svodka.plugins.")
            self.names.add(short)
            if self.pm.is_blocked(short):
                continue
            try:
                module = importlib.import_module(module_name)
            except STOPS:
                raise
            except BaseException as exc:  # noqa: BLE001 - a broken module must not stop the tool
                self._fail(short, f"failed to load ({describe(exc)})", exc)
                continue
            self.pm.register(module, name=short)
            self.builtin_names.add(short)
            self.order[short] = len(self.order)

    def _load_entry_points(self) -> None:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            self.names.add(ep.name)
            if self.pm.is_blocked(ep.name) or self.pm.get_plugin(ep.name) is not None:
                continue
            try:
                plugin = ep.load()
                self.pm.register(plugin, name=ep.name)
                self.order[ep.name] = len(self.order)
            except STOPS:
                raise
            except BaseException as exc:  # noqa: BLE001 - any failure of foreign code, sys.exit too
                self._fail(ep.name, f"failed to load ({describe(exc)})", exc)
                continue
            dist = getattr(ep, "dist", None)
            self.versions[ep.name] = dist.version if dist is not None else None

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register one more plugin object or module and collect what it adds.

        Tests and embedding applications use this; returns the plugin's name.
        """
        plugin_name = self.pm.register(plugin, name=name)
        if plugin_name is None:
            raise PluginError(f"plugin {name!r} is blocked")
        self.names.add(plugin_name)
        self.order[plugin_name] = len(self.order)
        self._check_hook_names()
        self.collect()
        return plugin_name

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self.collect()

    def _check_hook_names(self) -> None:
        """Misspelled hook names (``register_extractor``) are reported, and the plugin dropped."""
        while True:
            try:
                self.pm.check_pending()
                return
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin) or repr(exc.plugin)
                self.pm.unregister(exc.plugin)
                self._fail(name, f"implements an unknown hook ({exc})", exc)

    def report(self, plugin: str, message: str) -> None:
        """Report a plugin's problem found outside the manager (a command clashing with a
        built-in one): a warning, kept in ``problems``; in strict mode, PluginError."""
        self._fail(plugin, message)

    def _fail(self, plugin: str, message: str, exc: BaseException | None = None) -> None:
        problem = PluginProblem(plugin, message)
        if self.strict:
            raise PluginError(str(problem)) from exc
        if problem in self.problems:  # hooks are called again on every collect()
            return
        self.problems.append(problem)
        print(f"svodka: warning: {problem}; skipped", file=sys.stderr)

    # -- what plugins register --------------------------------------------------------------

    def call_each(self, hook_name: str, make_kwargs: Callable[[str], dict[str, Any]]) -> None:
        """Call every implementation of a registration hook on its own, in pluggy's order.

        ``make_kwargs(plugin_name)`` builds the arguments, so that what a plugin registers
        can be attributed to it. A plugin that raises (``sys.exit()`` too) is reported and the
        others go on; Ctrl-C still stops.
        """
        caller = getattr(self.pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):
            kwargs = make_kwargs(impl.plugin_name)
            try:
                impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})
            except STOPS:
                raise
            except BaseException as exc:  # noqa: BLE001
                self._fail(impl.plugin_name, f"{hook_name} raised {describe(exc)}", exc)

    def collect(self) -> None:
        """(Re)build the tables of readers, extractors, exporters and record types."""
        self.owner.clear()
        self.record_types = {cls.type: cls for cls in BUILTIN_TYPES}
        for cls in BUILTIN_TYPES:
            self.owner[("record_type", cls.type)] = "svodka"
        tables: list[tuple[str, str, dict[str, Any]]] = [
            ("register_record_types", "record_type", self.record_types),
            ("register_readers", "reader", self.readers),
            ("register_extractors", "extractor", self.extractors),
            ("register_exporters", "exporter", self.exporters),
        ]
        for hook_name, kind, table in tables:
            if kind != "record_type":
                table.clear()
            self.call_each(hook_name, functools.partial(self._register_kwargs, kind, table))
        self._check_file_names()
        rules.collect(self)

    def _register_kwargs(
        self, kind: str, table: dict[str, Any], plugin: str
    ) -> dict[str, Callable[[Any], None]]:
        return {"register": self._registrar(kind, table, plugin)}

    def _registrar(self, kind: str, table: dict[str, Any], plugin: str) -> Callable[[Any], None]:
        def register(obj: Any) -> None:
            name = obj.type if kind == "record_type" else getattr(obj, "name", "")
            if not name:
                raise PluginError(f"{kind} {obj!r} has no name")
            self.names.add(name)
            if name in self.disabled:
                return
            if name in table:
                # the plugin loaded first keeps the name (built-ins before installed ones)
                other = self.owner[(kind, name)]
                first, later = sorted(
                    (other, plugin), key=lambda n: self.order.get(n, len(self.order))
                )
                self._fail(later, f"{kind} name {name!r} is already registered by plugin {first!r}")
                if first == other:
                    return
            table[name] = obj
            self.owner[(kind, name)] = plugin

        return register

    def _check_file_names(self) -> None:
        """Drop (and report) each exporter whose file name is not a plain name of the output
        folder, or is the name of an exporter of a plugin loaded before."""
        from svodka.run.outdir import bad_filename

        rank = {
            name: self.order.get(self.owner[("exporter", name)], len(self.order))
            for name in self.exporters
        }
        taken: dict[object, str] = {}  # file name -> exporter
        for name in sorted(self.exporters, key=rank.__getitem__):
            filename: object = getattr(self.exporters[name], "filename", None)  # checked below
            plugin = self.owner[("exporter", name)]
            why = bad_filename(filename)
            if why is None and filename in taken:
                other = taken[filename]
                why = f" of exporter {other!r} (plugin {self.owner[('exporter', other)]!r})"
            elif why is not None:
                why = f", which {why}"
            if why is None:
                taken[filename] = name
                continue
            del self.exporters[name], self.owner[("exporter", name)]
            self._fail(plugin, f"exporter {name!r} has the file name {filename!r}{why}")

    def unknown_disabled(self) -> list[str]:
        """The disabled names that no plugin, nor any component a loaded plugin offers, has
        (a typo in ``--disable``); a component of a disabled plugin is not known."""
        return sorted(self.disabled - self.names)

    # -- describing ---------------------------------------------------------------------------

    def info(self) -> list[PluginInfo]:
        """Every registered plugin with its version, the hooks it implements and what it adds."""
        from svodka import __version__

        result = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda np: np[0]):
            if plugin is None:
                continue
            hooks = sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or [])
            components: dict[str, list[str]] = {}
            for (kind, component), owner in sorted(self.owner.items()):
                if owner == name:
                    components.setdefault(kind, []).append(component)
            builtin = name in self.builtin_names
            version = __version__ if builtin else self.versions.get(name)
            result.append(PluginInfo(name, version, builtin, hooks, components))
        return result


def load_plugins(**kwargs: Any) -> Plugins:
    """Build the plugin manager with the built-in and installed plugins (see module doc)."""
    return Plugins(**kwargs)
