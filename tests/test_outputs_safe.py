"""Outputs are never lost or broken: a run that read less keeps the previous outputs, the
output folder takes one run at a time and changes all at once (report.json last), writers
take any text, status lines and closed pipes are never fatal, write failures are one-line
errors, and devices, FIFOs and links given as -o stay what they are."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svodka
from svodka.cli import cli
from svodka.components import Exporter
from svodka.manager import Plugins
from svodka.model.article import Article
from svodka.model.records import Evidence, Role
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters.jsonl import JsonlExporter
from svodka.plugins.exporters.report import ReportExporter
from svodka.run import outdir, output

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
ONE = EXAMPLES / "kz-by-astana-visit.txt"
MEETING = (
    "Министр обороны России Андрей Белоусов встретился в Минске с министром обороны "
    "Беларуси Виктором Хрениным.\n"
)


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def script() -> str:
    return str(Path(sys.executable).with_name("svodka"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of a run over the two example articles."""
    out = tmp_path_factory.mktemp("good") / "out"
    result = invoke(["run", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return snapshot(out)


def restore(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


# -- 1. a run that read nothing, or less, never replaces outputs -----------------------------


def nothing_inputs(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.xyz").write_text("что-то", encoding="utf-8")
    return {
        "typo": [str(tmp_path / "typo.jsonl")],
        "empty folder": [str(tmp_path / "empty")],
        "glob matching nothing": [str(tmp_path / "*.nothing")],
        "unknown kind": [str(tmp_path / "notes.xyz")],
        "two bad inputs": [str(tmp_path / "typo.jsonl"), str(tmp_path / "notes.xyz")],
    }


@pytest.mark.parametrize(
    "case", ["typo", "empty folder", "glob matching nothing", "unknown kind", "two bad inputs"]
)
def test_run_that_read_nothing_writes_nothing(
    case: str, good: dict[str, bytes], tmp_path: Path
) -> None:
    inputs = nothing_inputs(tmp_path)[case]
    out = restore(tmp_path / "good", good)
    result = invoke(["run", *inputs, "-o", str(out)])
    assert result.exit_code == 1
    assert snapshot(out) == good  # yesterday's brief and workbook, byte for byte
    lines = result.stderr.splitlines()
    assert lines[-1] == (
        "svodka: error: no article was read from the inputs, so nothing was written; "
        f"{out} is left as it was"
    )
    for arg in inputs:  # every input still reported
        assert any(line.startswith(f"svodka: error: {arg}: ") for line in lines), arg

    fresh = tmp_path / "fresh"
    result = invoke(["run", *inputs, "-o", str(fresh)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "svodka: error: no article was read from the inputs, so nothing was written"
    )
    assert not fresh.exists()


@pytest.mark.parametrize("case", ["typo", "empty folder", "unknown kind"])
def test_extract_that_read_nothing_leaves_the_file(case: str, tmp_path: Path) -> None:
    inputs = nothing_inputs(tmp_path)[case]
    target = tmp_path / "records.jsonl"
    target.write_text('{"old": 1}\n', encoding="utf-8")
    result = invoke(["extract", *inputs, "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == '{"old": 1}\n'
    assert result.stderr.splitlines()[-1].endswith(f"; {target} is left as it was")
    assert sorted(p.name for p in tmp_path.glob(".*")) == []

    new = tmp_path / "new.jsonl"
    assert invoke(["extract", *inputs, "-o", str(new)]).exit_code == 1
    assert not new.exists()


def test_run_that_processed_fewer_writes_beside(good: dict[str, bytes], tmp_path: Path) -> None:
    out = restore(tmp_path / "good", good)
    result = invoke(["run", str(ONE), str(tmp_path / "typo.txt"), "-o", str(out)])
    assert result.exit_code == 1  # the typo
    assert snapshot(out) == good
    siblings = [p for p in tmp_path.iterdir() if p.name.startswith("good-")]
    assert len(siblings) == 1
    beside = siblings[0]
    assert len(beside.name) == len("good-20261205T171500")
    assert (
        f"svodka: {out} holds the outputs of a run that processed 2 articles, this run "
        f"processed 1: they are kept, and this run's outputs go to {beside} "
        "(--replace replaces them)"
    ) in result.stderr
    report = json.loads((beside / "report.json").read_text(encoding="utf-8"))
    assert [a["status"] for a in report["articles"]] == ["processed", "failed"]
    assert report["files"] == ["brief.docx", "csv", "facts.xlsx", "records.jsonl"]

    again = invoke(["run", str(ONE), "-o", str(out)])  # a second one: another new folder
    assert again.exit_code == 0
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("good-")]) == 2
    assert snapshot(out) == good


@pytest.mark.parametrize("flag", ["--replace", "--force"])
def test_replace_flag_replaces_with_a_smaller_run(
    flag: str, good: dict[str, bytes], tmp_path: Path
) -> None:
    out = restore(tmp_path / "good", good)
    result = invoke(["run", str(ONE), "-o", str(out), flag])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [a["source"] for a in report["articles"]] == [str(ONE)]
    assert [p.name for p in tmp_path.iterdir()] == ["good"]
    assert "--replace" in invoke(["run", "--help"]).stdout


def test_run_that_processed_as_many_replaces(good: dict[str, bytes], tmp_path: Path) -> None:
    out = restore(tmp_path / "good", good)
    (out / "csv" / "stale.csv").write_text("old", encoding="utf-8")
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["options"]["lang"] == "en"
    assert not (out / "csv" / "stale.csv").exists()  # the folder output replaced whole
    assert snapshot(out)["records.jsonl"] == good["records.jsonl"]
    assert [p.name for p in tmp_path.iterdir()] == ["good"]


# -- 2. any text in ids, titles, sources: the accounting is always written ------------------

SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udcff", "\udfff"])
HOSTILE = st.lists(st.one_of(st.characters(), SURROGATES), max_size=12).map("".join)


def loaded(text: str) -> str:
    """``text`` as JSON gives it back: a high and a low surrogate side by side are one
    character (its escape is a UTF-16 pair); lone ones stay."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def outcome_strategy() -> st.SearchStrategy[ArticleOutcome]:
    def build(source: str, ident: str, title: str, person: str, failed: bool) -> ArticleOutcome:
        if failed:
            return ArticleOutcome(source, failure=f"{source}: cannot be read ({title})")
        article = Article(id=ident, text=person, title=title, source=source)
        record = Role(
            article=ident, person=person, id=f"role-{ident}", evidence=[Evidence(0, 1, title)]
        )
        return ArticleOutcome(source, article, [record], errors=[f"extractor on {ident!r}"])

    return st.builds(build, HOSTILE, HOSTILE, HOSTILE, HOSTILE, st.booleans())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(outcomes=st.lists(outcome_strategy(), max_size=5), inputs=st.lists(HOSTILE, max_size=3))
def test_report_and_records_take_any_text(
    outcomes: list[ArticleOutcome], inputs: list[str], tmp_path: Path
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    run = Run(outcomes, inputs=inputs, options={"template": "".join(inputs)})
    JsonlExporter().export(run, folder / "records.jsonl")
    ReportExporter().export(run, folder / "report.json")

    report = json.loads((folder / "report.json").read_bytes().decode("utf-8"))  # strict UTF-8
    assert report["inputs"] == [loaded(s) for s in inputs]
    assert [(a["source"], a["id"], a["title"], a["status"]) for a in report["articles"]] == [
        (
            loaded(o.source),
            loaded(o.article.id) if o.article else None,
            loaded(o.article.title or "") if o.article else None,
            o.status,
        )
        for o in outcomes
    ]
    assert [a["problems"] for a in report["articles"]] == [
        [loaded(p) for p in ([o.failure] if o.failure else []) + o.errors] for o in outcomes
    ]
    assert report["totals"]["failed"] == sum(o.failure is not None for o in outcomes)
    assert report["files"] == ["records.jsonl"]

    text = (folder / "records.jsonl").read_bytes().decode("utf-8")
    rows = [json.loads(line) for line in text.split("\n")[:-1]]  # not splitlines: U+2028
    assert [(r["article"], r["person"], r["evidence"][0]["text"]) for r in rows] == [
        (loaded(r.article), loaded(r.person), loaded(r.evidence[0].text))
        for o in outcomes
        for r in o.records
    ]


def test_ordinary_text_is_written_as_before() -> None:
    assert output.escape_surrogates("Минск «ж» 😀") == "Минск «ж» 😀"
    assert output.escape_surrogates("a\ud800b\udcff") == "a\\ud800b\\udcff"


class Broken(Exporter):
    name = "broken"
    filename = "broken.out"

    def export(self, run: Run, path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise ValueError("boom \ud800")


class BrokenPlugin:
    @svodka.hookimpl
    def register_exporters(self, register) -> None:
        register(Broken())


def test_report_written_with_surrogates_in_names_and_failing_exporters(tmp_path: Path) -> None:
    odd = os.fsdecode(b"\xff\xfe-report.txt")  # a file name that is not UTF-8
    (tmp_path / odd).write_text(MEETING, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a\\ud800", "title": "t\\udc00", "text": "Погода."}\n', "utf-8")
    out = tmp_path / "out"
    plugins = Plugins(autoload=False)
    plugins.register(BrokenPlugin(), name="broken-plugin")
    result = CliRunner().invoke(
        cli,
        ["run", str(tmp_path / odd), str(feed), "-o", str(out)],
        obj={"plugins": plugins},
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert (
        "svodka: error: exporter 'broken' (plugin 'broken-plugin') failed: ValueError: "
        "boom \\ud800\n"
    ) in result.stderr
    report = json.loads((out / "report.json").read_bytes().decode("utf-8"))
    shown = f"{tmp_path}/\\xff\\xfe-report.txt"  # the readers' printable name
    assert [a["source"] for a in report["articles"]] == [shown, f"{feed}:1"]
    assert report["articles"][1]["id"] == "a\ufffd"  # lone surrogates replaced on reading
    assert report["articles"][1]["title"] == "t\ufffd"
    assert report["inputs"] == [shown, str(feed)]
    assert report["files"] == ["brief.docx", "csv", "facts.xlsx", "records.jsonl"]
    assert not (out / "broken.out").exists()  # a failed exporter's half file is not kept


def test_status_lines_escape_surrogates_and_survive_a_strict_stream() -> None:
    import io

    raw = io.BytesIO()
    strict = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    stream = output.StatusStream(strict)
    stream.write("svodka: error: \udcff.txt: no such file or folder\n")
    strict.flush()
    assert raw.getvalue() == b"svodka: error: \\udcff.txt: no such file or folder\n"


# -- 12. one run at a time; the folder changes all at once, report.json last ----------------


def test_second_run_into_a_busy_folder_fails_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with outdir.staged(out):
        result = invoke(["run", str(ONE), "-o", str(out)])
        assert result.exit_code == 1
        assert result.stderr == (
            f"svodka: error: {out} is in use by another svodka run (pid {os.getpid()}); "
            "wait for it to end or choose another folder\n"
        )
        assert not any(p.name == "records.jsonl" for p in out.iterdir())
    assert invoke(["run", str(ONE), "-o", str(out)]).exit_code == 0
    assert not (out / outdir.LOCK).exists()


def test_run_killed_before_the_swap_leaves_the_previous_outputs(
    good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = restore(tmp_path / "good", good)

    def killed(self, run, path) -> None:
        raise KeyboardInterrupt  # SIGINT, or SIGTERM made an exception

    monkeypatch.setattr(ReportExporter, "export", killed)
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1  # click's "Aborted!"
    assert snapshot(out) == good  # no staging folder, no lock, nothing new under final names


def test_stale_staging_folders_are_removed(good: dict[str, bytes], tmp_path: Path) -> None:
    out = restore(tmp_path / "good", good)
    stale = out / (outdir.STAGING_PREFIX + "killed")
    (stale / "out").mkdir(parents=True)
    (stale / "out" / "records.jsonl").write_text("half", encoding="utf-8")
    assert invoke(["run", str(EXAMPLES), "-o", str(out)]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["brief.docx", "csv", "facts.xlsx", "records.jsonl", "report.json"]
    )


def test_report_is_moved_last_and_lists_the_run_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["run", str(ONE), "-o", str(out)])
    wrote = [line.removeprefix("svodka: wrote ") for line in result.stderr.splitlines()]
    assert wrote[-1] == str(out / "report.json")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == ["brief.docx", "csv", "facts.xlsx", "records.jsonl"]

    result = invoke(["run", str(ONE), "-o", str(out), "-f", "jsonl", "-f", "report"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["files"] == ["records.jsonl"]


def test_failed_swap_restores_the_report_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert invoke(["run", str(ONE), "-o", str(out), "-f", "jsonl", "-f", "report"]).exit_code == 0
    before = snapshot(out)
    real = os.replace
    calls = []

    def failing(src, dst) -> None:
        if Path(dst).parent == out:  # the swap, not the exporters' own atomic writes
            calls.append(Path(dst).name)
        if Path(dst) == out / "records.jsonl" and Path(src).parent.name == "out":
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    result = invoke(["run", str(ONE), "-o", str(out), "-f", "jsonl", "-f", "report"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"svodka: error: cannot write {out / 'records.jsonl'}: Input/output error; "
        f"the previous outputs in {out} are restored"
    )
    assert calls == ["records.jsonl", "records.jsonl", "report.json"]  # the new one never in
    assert snapshot(out) == before


# -- 13. a closed pipe is never fatal to run; extract | head stops quietly ------------------


def closed_pipe() -> int:
    """The write end of a pipe whose reader has gone."""
    read, write = os.pipe()
    os.close(read)
    return write


def test_run_with_stderr_closed_writes_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write = closed_pipe()
    try:
        proc = subprocess.run(
            [script(), "run", str(EXAMPLES), "-o", str(out)], stderr=write, check=False
        )
    finally:
        os.close(write)
    assert proc.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "brief.docx",
        "csv",
        "facts.xlsx",
        "records.jsonl",
        "report.json",
    ]


def test_extract_to_a_closed_stdout_exits_quietly(tmp_path: Path) -> None:
    write = closed_pipe()
    try:
        proc = subprocess.run(
            [script(), "extract", str(EXAMPLES)],
            stdout=write,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write)
    assert proc.returncode == 141
    assert proc.stderr == b""


def test_status_stream_swallows_a_broken_pipe_and_goes_quiet() -> None:
    class Closed:
        writes = 0

        def write(self, text: str) -> int:
            Closed.writes += 1
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def flush(self) -> None:
            pass

    stream = output.StatusStream(Closed())  # type: ignore[arg-type]
    assert stream.write("svodka: wrote a\n") == len("svodka: wrote a\n")
    stream.write("svodka: wrote b\n")
    assert stream.broken and Closed.writes == 1


# -- 14. write failures are one-line errors, before the work where possible -----------------


def test_extract_into_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = tmp_path / "afile" / "x.jsonl"
    result = invoke(["extract", str(ONE), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"svodka: error: cannot write {target}: a file is in the way of a folder\n"
    )


def test_run_into_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for target in (tmp_path / "afile", tmp_path / "afile" / "sub"):
        result = invoke(["run", str(ONE), "-o", str(target)])
        assert result.exit_code in (1, 2)
        assert str(target) in result.stderr
        assert "Traceback" not in result.stderr
    result = invoke(["run", str(ONE), "-o", str(tmp_path / "afile" / "sub")])
    assert result.stderr == (
        f"svodka: error: cannot create the folder {tmp_path / 'afile' / 'sub'}: "
        "a file is in the way of a folder\n"
    )
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing can be written into: read-only, or immutable for root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    root = os.geteuid() == 0
    if root and subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
        pytest.skip("no way to make a folder unwritable for root here")
    if not root:
        folder.chmod(0o555)
    yield folder
    if root:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_unwritable_folder_is_reported_before_extraction(unwritable: Path) -> None:
    for args, named in (
        (["run", str(EXAMPLES), "-o", str(unwritable)], f"folder {unwritable}: "),
        (
            ["extract", str(EXAMPLES), "-o", str(unwritable / "r.jsonl")],
            f"{unwritable / 'r.jsonl'}: ",
        ),
    ):
        result = invoke(args)
        assert result.exit_code == 1
        assert result.stderr.startswith("svodka: error: cannot ")
        assert result.stderr.count("\n") == 1  # said before any extraction, and only that
        assert named in result.stderr
        assert result.stderr.rstrip().endswith(("Permission denied", "Operation not permitted"))
        assert list(unwritable.iterdir()) == []


def small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (12000, 12000))


@pytest.mark.parametrize("command", ["run", "extract"])
def test_full_disk_is_one_error_and_no_partial_output(
    command: str, good: dict[str, bytes], tmp_path: Path
) -> None:
    out = restore(tmp_path / "good", good)
    target = out if command == "run" else out / "records.jsonl"
    proc = subprocess.run(
        [script(), command, str(EXAMPLES), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=small_disk,
    )
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("svodka: error:")]
    assert len(errors) == 1 and "File too large" in errors[0], proc.stderr
    assert str(target) in errors[0]
    assert snapshot(out) == good


def test_full_tmpdir_is_one_error(
    good: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = restore(tmp_path / "good", good)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/tmpfull")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    result = invoke(["run", str(EXAMPLES), "-o", str(out), "--replace"])
    assert result.exit_code == 1
    # the run's spool is its first temporary file: the run stops there, before extracting
    assert result.stderr.splitlines()[-1] == (
        "svodka: error: cannot write /tmp/tmpfull: No space left on device"
    )
    assert "articles processed" not in result.stderr
    assert snapshot(out) == good

    records = tmp_path / "r.jsonl"
    records.write_bytes(good["records.jsonl"])
    result = invoke(["export", str(records)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"svodka: error: cannot write {tmp_path / 'r.xlsx'}: No space left on device; "
        "nothing was written\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_of_a_bad_record_names_its_line(
    fmt: str, good: dict[str, bytes], tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in good["records.jsonl"].decode().splitlines()]
    rows[2]["confidence"] = "high"
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = invoke(["export", str(records), "-f", fmt])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"svodka: error: {records}:3: record {rows[2]['id']!r} ")
    assert result.stderr.endswith("; nothing was written\n")
    assert [p.name for p in tmp_path.iterdir()] == ["r.jsonl"]


# -- 16. devices, FIFOs and links given as -o stay what they are ----------------------------


def test_extract_into_a_fifo_keeps_it_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(["extract", str(ONE), "-o", str(fifo)])
    reader.join(timeout=20)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    rows = [json.loads(line) for line in received[0].decode("utf-8").splitlines()]
    assert rows and all(r["article"] == ONE.stem for r in rows)
    assert [p.name for p in tmp_path.iterdir()] == ["records.fifo"]


def test_extract_into_a_null_device_keeps_it_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = invoke(["extract", str(ONE), "-o", str(null)])
    assert result.exit_code == 0, result.output
    records = tmp_path / "r.jsonl"
    assert invoke(["extract", str(ONE), "-o", str(records)]).exit_code == 0
    result = invoke(["export", str(records), "-o", str(null)])  # the workbook, into the device
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert null.lstat().st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "r.jsonl"]


def test_extract_through_a_link_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "records.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    assert invoke(["extract", str(ONE), "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith('{"id": ')
    assert sorted(p.name for p in real.parent.iterdir()) == ["records.jsonl"]
