"""The wheel: the repository's core/, plugins/ and templates/ install as one package, svodka,
which declares the dependencies its code imports, and only those."""

from __future__ import annotations

import ast
import configparser
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path, PurePosixPath

import pytest

import svodka

REPO = Path(__file__).resolve().parents[1]
# where each top-level folder of the repository goes in the wheel
PACKAGE_DIRS = {"core": "svodka", "plugins": "svodka/plugins", "templates": "svodka/templates"}


def source_files() -> list[str]:
    """The repository's files: tracked, plus new ones not ignored (no build leftovers)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted({name for name in result.stdout.split("\0") if name and (REPO / name).is_file()})


@pytest.fixture(scope="module")
def files() -> list[str]:
    return source_files()


@pytest.fixture(scope="module")
def wheel_path(tmp_path_factory: pytest.TempPathFactory, files: list[str]) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    tree = base / "svodka"
    for name in files:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, tree / name)
    out = base / "dist"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(tree),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("svodka-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(wheel_path: Path) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(wheel_path) as zf:
        yield zf


@pytest.mark.slow
def test_everything_is_under_svodka(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert not [n for n, count in Counter(names).items() if count > 1]
    tops = {PurePosixPath(n).parts[0] for n in names}
    dist_info = f"svodka-{svodka.__version__}.dist-info"
    assert tops == {"svodka", dist_info}
    for name in ("core", "plugins", "templates"):
        assert name not in tops
    for required in (
        "svodka/__init__.py",
        "svodka/cli.py",
        "svodka/manager.py",
        "svodka/hookspecs.py",
        "svodka/data/__init__.py",
        "svodka/plugins/__init__.py",
        "svodka/plugins/exporters/jsonl.py",
        "svodka/templates/__init__.py",
    ):
        assert required in names


@pytest.mark.slow
def test_every_module_and_data_file_is_packaged(wheel: zipfile.ZipFile, files: list[str]) -> None:
    names = set(wheel.namelist())
    expected = set()
    for name in files:
        path = PurePosixPath(name)
        target = PACKAGE_DIRS.get(path.parts[0])
        if target is None:
            continue
        inner = PurePosixPath(target, *path.parts[1:])
        is_data = path.parts[:2] == ("core", "data") and path.suffix in (".tsv", ".txt")
        if path.suffix == ".py" or is_data:
            expected.add(str(inner))
    assert expected, "no module found in the source tree"
    assert sorted(expected - names) == []
    tsv = sorted(n for n in files if n.startswith("core/data/") and n.endswith(".tsv"))
    assert [n.replace("core/", "svodka/", 1) for n in tsv] == sorted(
        n for n in names if n.startswith("svodka/data/") and n.endswith(".tsv")
    )
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("svodka/tests/") or n.startswith("tests/")]


@pytest.mark.slow
def test_console_script_entry_point(wheel: zipfile.ZipFile) -> None:
    dist_info = f"svodka-{svodka.__version__}.dist-info"
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(f"{dist_info}/entry_points.txt").decode("utf-8"))
    assert dict(parser["console_scripts"]) == {"svodka": "svodka.cli:main"}
    metadata = wheel.read(f"{dist_info}/METADATA").decode("utf-8").splitlines()
    assert "Name: svodka" in metadata
    assert f"Version: {svodka.__version__}" in metadata


@pytest.mark.slow
def test_installed_wheel_runs(wheel_path: Path, tmp_path: Path) -> None:
    """The wheel alone (not the source tree) imports, finds its built-in plugins and data,
    and extracts records from an example article."""
    target = tmp_path / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(wheel_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    env = {"PYTHONPATH": str(target), "SVODKA_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": ""}
    where = subprocess.run(
        [sys.executable, "-c", "import svodka; print(svodka.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert where.stdout.strip().startswith(str(target))
    listing = subprocess.run(
        [sys.executable, "-m", "svodka", "plugins", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert listing.returncode == 0, listing.stderr
    names = {p["name"] for p in json.loads(listing.stdout)["plugins"]}
    assert {"gazetteers", "readers.text", "extractors.roles", "exporters.jsonl"} <= names
    article = REPO / "examples" / "articles" / "kz-ru-plan-2026.txt"
    records = subprocess.run(
        [sys.executable, "-m", "svodka", "extract", str(article)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert records.returncode == 0, records.stderr
    types = {json.loads(line)["type"] for line in records.stdout.splitlines()}
    assert {"role", "agreement", "event"} <= types


# -- dependencies ------------------------------------------------------------------------------

# declared, but imported by no module of svodka: what a dependency needs and does not declare
INDIRECT = {"lxml-html-clean": "trafilatura's justext imports lxml.html.clean"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_distributions() -> dict[str, set[str]]:
    """The distributions the modules of core/ and plugins/ import (at the top or inside a
    function, for type checking too), each with the files that import it."""
    owners = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for folder in ("core", "plugins"):
        for path in sorted((REPO / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.partition(".")[0]
                    if top in sys.stdlib_module_names or top in ("svodka", "__future__"):
                        continue
                    for dist in owners.get(top, [f"<no distribution for {top}>"]):
                        found.setdefault(_normal(dist), set()).add(str(path.relative_to(REPO)))
    return found


def declared_dependencies() -> set[str]:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _normal(re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }


def test_every_import_is_a_declared_dependency() -> None:
    declared = declared_dependencies()
    missing = {
        d: sorted(files) for d, files in imported_distributions().items() if d not in declared
    }
    assert missing == {}


def test_every_declared_dependency_is_imported() -> None:
    unused = declared_dependencies() - set(imported_distributions()) - set(INDIRECT)
    assert unused == set()
