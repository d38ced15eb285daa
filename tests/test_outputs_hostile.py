"""Hostile output locations: a planted lock file, a swap that fails halfway, folders holding
files that are not svodka's, closed standard streams, awkward -o paths, outputs equal to an
input, exporters with bad file names, and a closed pipe for every command."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

import svodka
from svodka.cli import cli
from svodka.components import Exporter
from svodka.manager import Plugins
from svodka.run import outdir

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
ONE = EXAMPLES / "kz-by-astana-visit.txt"
OUTPUTS = ["brief.docx", "csv", "facts.xlsx", "records.jsonl", "report.json"]


def invoke(args: list[str], **kwargs) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False, **kwargs)


def script() -> str:
    return str(Path(sys.executable).with_name("svodka"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def restore(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of a run over the two example articles."""
    out = tmp_path_factory.mktemp("good") / "out"
    result = invoke(["run", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return snapshot(out)


def errors(result: Result | subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("svodka: error")]


# -- 1. the lock file is never followed nor another file's content ----------------------------


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "dangling", "fifo", "folder"])
def test_planted_lock_is_refused_and_its_target_kept(kind: str, tmp_path: Path) -> None:
    out = tmp_path / "g"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("IMPORTANT\n", encoding="utf-8")
    lock = out / outdir.LOCK
    if kind == "symlink":
        lock.symlink_to(victim)
    elif kind == "hardlink":
        os.link(victim, lock)
    elif kind == "dangling":
        lock.symlink_to(tmp_path / "created-through-the-link")
    elif kind == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    result = invoke(["run", str(ONE), "-o", str(out)])
    assert result.exit_code == 1
    assert errors(result) == [
        f"svodka: error: cannot lock the folder {out}: {lock} is not svodka's lock file "
        "(a link, a folder or a special file); remove it"
    ]
    assert victim.read_text(encoding="utf-8") == "IMPORTANT\n"
    assert not (tmp_path / "created-through-the-link").exists()
    assert os.path.lexists(lock)  # not ours to remove
    assert sorted(p.name for p in out.iterdir()) == [outdir.LOCK]


def test_lock_pid_is_best_effort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "pwrite", full)
    out = tmp_path / "out"
    result = invoke(["run", str(ONE), "-o", str(out), "-f", "jsonl", "-f", "report"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["records.jsonl", "report.json"]


# -- 4. a swap that fails halfway is rolled back --------------------------------------------


@pytest.mark.parametrize("fail_at", range(2 * len(OUTPUTS)))
def test_failed_swap_restores_the_previous_outputs(
    fail_at: int, good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = restore(tmp_path / "t", good)
    (out / "records.jsonl").write_text("", encoding="utf-8")  # tell old from new
    before = snapshot(out)
    real = os.replace
    calls: list[tuple[str, str]] = []

    def replace(src, dst) -> None:
        staged = [outdir.STAGING_PREFIX in str(p) for p in (src, dst)]
        if staged[0] != staged[1]:  # the swap, not an exporter's own atomic write
            calls.append((str(src), str(dst)))
            if len(calls) == fail_at + 1:
                raise OSError(errno.EPERM, "Operation not permitted", str(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--replace"])
    assert result.exit_code == 1
    src, dst = calls[fail_at]
    name = Path(dst if outdir.STAGING_PREFIX in src else src).name
    assert errors(result) == [
        f"svodka: error: cannot write {out / name}: Operation not permitted; "
        f"the previous outputs in {out} are restored"
    ]
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS


@pytest.mark.parametrize("stop_at", [2, 7])
def test_swap_interrupted_halfway_restores_the_previous_outputs(
    stop_at: int, good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = restore(tmp_path / "t", good)
    (out / "records.jsonl").write_text("", encoding="utf-8")
    before = snapshot(out)
    real = os.replace
    calls = []

    def replace(src, dst) -> None:
        staged = [outdir.STAGING_PREFIX in str(p) for p in (src, dst)]
        if staged[0] != staged[1]:
            calls.append(dst)
            if len(calls) == stop_at:
                raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--replace"])
    assert result.exit_code == 1  # click's "Aborted!"
    assert snapshot(out) == before


def test_failed_rollback_names_what_is_lost(
    good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = restore(tmp_path / "t", good)
    real = os.replace

    def replace(src, dst) -> None:
        new_records = Path(dst) == out / "records.jsonl" and Path(src).parent.name == "out"
        old_facts = Path(dst) == out / "facts.xlsx" and Path(src).parent.name == "old"
        if new_records or old_facts:
            raise OSError(errno.EIO, "Input/output error", str(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--replace"])
    assert result.exit_code == 1
    assert errors(result) == [
        f"svodka: error: cannot write {out / 'records.jsonl'}: Input/output error; the previous "
        f"outputs in {out} are restored but for facts.xlsx, report.json, which could not be "
        "put back"
    ]
    assert (out / "brief.docx").read_bytes() == good["brief.docx"]
    assert not (out / "report.json").exists()  # never vouches for a mixed folder


# -- 7. files that are not svodka's are kept ---------------------------------------------------


@pytest.mark.parametrize(
    "report", [None, "{not json", "[]", '{"articles": 5}', '{"articles": [], "files": []}']
)
def test_foreign_files_are_kept_and_the_run_writes_beside(
    report: str | None, tmp_path: Path
) -> None:
    out = tmp_path / "foreign"
    (out / "csv").mkdir(parents=True)
    (out / "brief.docx").write_bytes(b"my own brief")
    (out / "csv" / "budget.csv").write_text("a,b\n", encoding="utf-8")
    if report is not None:
        (out / "report.json").write_text(report, encoding="utf-8")
    before = snapshot(out)
    result = invoke(["run", str(ONE), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert snapshot(out) == before
    siblings = [p for p in tmp_path.iterdir() if p.name.startswith("foreign-")]
    assert len(siblings) == 1
    assert sorted(p.name for p in siblings[0].iterdir()) == OUTPUTS
    assert (
        f"svodka: {out} holds files svodka's report there does not list: they are kept, and "
        f"this run's outputs go to {siblings[0]} (--replace replaces them)"
    ) in result.stderr.splitlines()
    assert invoke(["run", str(ONE), "-o", str(out), "--replace"]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_previous_report_that_is_no_file_is_not_read(
    kind: str, good: dict[str, bytes], tmp_path: Path
) -> None:
    out = tmp_path / "odd"
    restore(out, {"records.jsonl": good["records.jsonl"]})
    if kind == "fifo":
        os.mkfifo(out / "report.json")
    else:
        (out / "report.json").symlink_to("/dev/zero")
    proc = subprocess.run(
        [script(), "run", str(ONE), "-o", str(out), "-f", "jsonl", "-f", "report"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "does not list: they are kept" in proc.stderr
    assert (out / "records.jsonl").read_bytes() == good["records.jsonl"]
    assert not (out / "report.json").is_file()


def test_folder_with_unrelated_files_takes_the_outputs(tmp_path: Path) -> None:
    out = tmp_path / "mixed"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = invoke(["run", str(ONE), "-o", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "notes.txt"])
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    # a second run replaces its own outputs (listed by the report) in place
    assert invoke(["run", str(ONE), "-o", str(out)]).exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("mixed-")]


# -- 8. closed standard streams ----------------------------------------------------------------


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_run_and_extract_with_stderr_closed(tmp_path: Path) -> None:
    proc = shell(f"'{script()}' run '{EXAMPLES}' -o out 2>&-", tmp_path)
    assert proc.returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == OUTPUTS
    proc = shell(f"'{script()}' extract '{EXAMPLES}' -o x.jsonl 2>&-", tmp_path)
    assert proc.returncode == 0
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) > 3


def test_extract_with_stdout_closed_is_a_clear_error(tmp_path: Path) -> None:
    proc = shell(f"'{script()}' extract '{ONE}' >&-", tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert errors(proc) == [
        "svodka: error: standard output is closed; give -o FILE to write the records"
    ]


def test_extract_with_stdin_closed_reads_no_input(tmp_path: Path) -> None:
    proc = shell(f"'{script()}' extract - <&-", tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.splitlines()[-1].startswith("svodka: error: no article was read")


# -- 9. awkward output paths -------------------------------------------------------------------


@pytest.mark.parametrize("where", [".", "..", "sub/..", "./"])
def test_sibling_of_a_relative_folder_is_named_after_it(
    where: str, good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = restore(tmp_path / "big", good)
    (big / "sub").mkdir()
    cwd = big / "sub" if where == ".." else big
    monkeypatch.chdir(cwd)
    result = invoke(["run", str(ONE), "-o", where, "-f", "jsonl", "-f", "report"])
    assert result.exit_code == 0, result.stderr
    siblings = [p for p in tmp_path.iterdir() if p.name.startswith("big-")]
    assert len(siblings) == 1, result.stderr
    assert sorted(p.name for p in siblings[0].iterdir()) == ["records.jsonl", "report.json"]
    assert snapshot(big) == good


def test_no_folder_beside_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(outdir.OutputError, match="cannot make a folder beside /"):
        outdir.new_sibling(Path("/"), "20260101T000000")


def test_failure_after_creating_the_folder_leaves_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outdir.tempfile, "mkdtemp", full)
    out = tmp_path / "full" / "out"
    result = invoke(["run", str(ONE), "-o", str(out)])
    assert result.exit_code == 1
    assert errors(result) == [
        f"svodka: error: cannot write into the folder {out}: No space left on device"
    ]
    assert not (tmp_path / "full").exists()


# -- 5. an output is never one of the inputs ---------------------------------------------------


def test_extract_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = json.dumps({"title": "t", "text": ONE.read_text(encoding="utf-8")}, ensure_ascii=False)
    feed.write_text(text + "\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(feed)
    for args in (
        [str(feed), "-o", str(feed)],
        [str(ONE), str(feed), "-o", str(link)],
        [str(tmp_path / "*.jsonl"), "-o", str(feed)],
    ):
        result = invoke(["extract", *args])
        assert result.exit_code == 2, args
        assert f"is the input {feed}" in result.stderr or f"is the input {link}" in result.stderr
        assert feed.read_text(encoding="utf-8") == text + "\n"
    proc = shell(f"'{script()}' extract - -o feed.jsonl < feed.jsonl", tmp_path)
    assert proc.returncode == 2
    assert "the output feed.jsonl is the input -: it would be overwritten" in proc.stderr
    assert feed.read_text(encoding="utf-8") == text + "\n"


def test_export_refuses_to_overwrite_its_records(good: dict[str, bytes], tmp_path: Path) -> None:
    records = tmp_path / "rec.jsonl"
    records.write_bytes(good["records.jsonl"])
    result = invoke(["export", str(records), "-f", "xlsx", "-o", str(records)])
    assert result.exit_code == 2
    assert f"the output {records} is the records file" in result.stderr
    assert records.read_bytes() == good["records.jsonl"]


# -- 14. exporter file names -------------------------------------------------------------------


def exporter(name: str, filename: str, writes: bool = True) -> Exporter:
    class Named(Exporter):
        def export(self, run, path: Path) -> None:
            if writes:
                Path(path).write_text("x", encoding="utf-8")

    Named.name, Named.filename = name, filename
    return Named()


def plugin_with(*exporters: Exporter) -> object:
    class Plugin:
        @svodka.hookimpl
        def register_exporters(self, register) -> None:
            for e in exporters:
                register(e)

    return Plugin()


@pytest.mark.parametrize(
    "filename",
    ["", "/tmp/x", "../x", "a/b", ".hidden", ".svodka.lock", ".svodka-run-x", ".", "..", "a\0b"],
)
def test_bad_exporter_file_names_are_refused_at_registration(filename: str) -> None:
    plugins = Plugins(autoload=False)
    plugins.register(plugin_with(exporter("bad", filename)), name="evil")
    assert "bad" not in plugins.exporters
    assert [p.plugin for p in plugins.problems] == ["evil"]
    assert f"exporter 'bad' has the file name {filename!r}" in plugins.problems[0].message


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=12))
def test_accepted_exporter_file_names_stay_in_the_folder(filename: str) -> None:
    if outdir.bad_filename(filename) is None:
        assert Path("/o", filename).parent == Path("/o")
        assert not filename.startswith(".") and "/" not in filename and "\0" not in filename


def test_exporter_file_name_clash_names_both_plugins() -> None:
    plugins = Plugins(autoload=False)
    plugins.register(plugin_with(exporter("mine", "report.json")), name="thief")
    assert plugins.exporters["report"].filename == "report.json"
    assert "mine" not in plugins.exporters
    assert [(p.plugin, p.message) for p in plugins.problems] == [
        (
            "thief",
            "exporter 'mine' has the file name 'report.json' of exporter 'report' "
            "(plugin 'exporters.report')",
        )
    ]


def test_exporter_that_writes_nothing_fails_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svodka import manager

    real = manager.Plugins.__init__

    def with_lazy(self, *args, **kwargs) -> None:
        real(self, *args, **kwargs)
        self.register(plugin_with(exporter("lazy", "lazy.txt", writes=False)), name="idle")

    monkeypatch.setattr(manager.Plugins, "__init__", with_lazy)
    out = tmp_path / "out"
    result = invoke(["run", str(ONE), "-o", str(out), "-f", "lazy", "-f", "jsonl", "-f", "report"])
    assert result.exit_code == 1
    assert errors(result) == [
        f"svodka: error: exporter 'lazy' (plugin 'idle') wrote nothing to {out / 'lazy.txt'}"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["records.jsonl", "report.json"]


# -- 15. every command stops quietly at a closed pipe ----------------------------------------


@pytest.mark.parametrize("command", [["plugins"], ["plugins", "--json"], ["schema"], ["run", "-h"]])
def test_listing_into_a_closed_pipe_exits_quietly(command: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # `svodka plugins | head -1`, once head has gone
    try:
        proc = subprocess.run(
            [script(), *command], stdout=write, stderr=subprocess.PIPE, text=True, check=False
        )
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (141, "")


def test_exporter_writing_beside_its_file_is_cleaned_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svodka import manager

    class Greedy(Exporter):
        name, filename = "greedy", "greedy.txt"

        def export(self, run, path: Path) -> None:
            Path(path).write_text("mine", encoding="utf-8")
            (Path(path).parent / "records.jsonl").write_text("junk", encoding="utf-8")

    real = manager.Plugins.__init__

    def with_greedy(self, *args, **kwargs) -> None:
        real(self, *args, **kwargs)
        self.register(plugin_with(Greedy()), name="grabby")

    monkeypatch.setattr(manager.Plugins, "__init__", with_greedy)
    out = tmp_path / "out"
    result = invoke(["run", str(ONE), "-o", str(out), "-f", "greedy", "-f", "report"])
    assert result.exit_code == 1
    assert errors(result) == [
        "svodka: error: exporter 'greedy' (plugin 'grabby') wrote files other than its "
        "'greedy.txt': records.jsonl; removed"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["greedy.txt", "report.json"]


def test_a_run_never_reads_its_own_outputs(tmp_path: Path) -> None:
    """'svodka run .' twice in a folder of articles, and a records file written into the
    folder it reads: the outputs are skipped as inputs, reported once, not read as articles."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    first = CliRunner().invoke(cli, ["run", "-j", "1", str(folder), "-o", str(folder / "out")])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["run", "-j", "1", str(folder), "-o", str(folder / "out")])
    assert second.exit_code == 0, second.output
    assert f"svodka: {folder}/out: skipped" in second.stderr
    assert "svodka: 2 articles processed, 0 failed, 1 skipped as duplicates" in second.stderr
    report = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))
    assert [a["status"] for a in report["articles"]] == ["processed", "processed", "skipped"]

    feeds = tmp_path / "feeds"
    shutil.copytree(EXAMPLES, feeds)
    records = feeds / "records.jsonl"
    for _ in range(2):  # the second time, the records file of the first is in the folder
        result = CliRunner().invoke(cli, ["extract", "-j", "1", str(feeds), "-o", str(records)])
        assert "articles processed, 0 failed" in result.stderr, result.stderr
    assert f"svodka: {records}: skipped" in result.stderr
