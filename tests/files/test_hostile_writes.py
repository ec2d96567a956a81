"""Writing outputs when things go wrong: a failure, Ctrl-C or a kill at every file operation.

The rule checked everywhere: the output folder holds the complete previous set or the
complete new set (for the directory swap at once; for the journaled replacement once
the next run has read the journal), files relocmap did not write are never lost, and
no temporary name survives the next successful run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile import corsica_inputs

from relocmap.base.errors import OutputError
from relocmap.cli import main
from relocmap.files import writing as export

OLD = {"carte.html": b"old map", "carte.png": b"old png", "relocalisations.csv": b"old,csv\n"}
NEW = {"carte.html": b"new map", "carte.png": b"new png", "relocalisations.csv": b"new,csv\n"}
NEWER = {"carte.html": b"3rd map", "carte.png": b"3rd png", "relocalisations.csv": b"3rd,csv\n"}
FOREIGN = {"notes.md": b"the user's own notes"}


class Stop(Exception):
    """Raised by CountingOps at the chosen operation."""


class CountingOps(export.FileOps):
    """Counts every file operation; at the ``at``-th one, calls ``action`` instead."""

    def __init__(self, at: int | None = None, action: Callable[[], None] | None = None):
        self.count = 0
        self.at = at
        self.action = action
        self.names: list[str] = []

    def __getattribute__(self, name: str) -> Any:
        attribute = super().__getattribute__(name)
        if name.startswith("_") or name not in vars(export.FileOps) or not callable(attribute):
            return attribute

        def counted(*args: Any) -> Any:
            self.count += 1
            self.names.append(name)
            if self.count == self.at and self.action is not None:
                self.action()
            return attribute(*args)

        return counted


def snapshot(folder: Path) -> dict[str, bytes]:
    """The files of a folder, but relocmap's temporary ones (git-ignored, and removed by
    the next run: checked separately)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(export.TEMP_SUFFIXES)
    }


def temporaries(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.name.endswith(export.TEMP_SUFFIXES)
    )


def prepare(root: Path, foreign: bool) -> Path:
    """A folder holding the previous set (and, if asked, a file relocmap did not write)."""
    out = root / "out"
    export.replace_outputs(out, OLD)
    if foreign:
        (out / "notes.md").write_bytes(FOREIGN["notes.md"])
    return out


def expected(files: dict[str, bytes], foreign: bool) -> dict[str, bytes]:
    """What the folder holds once ``files`` are written (in a shared folder, relocmap
    lists what it wrote; the previous set was written before the folder was shared)."""
    result = {**files, **(FOREIGN if foreign else {})}
    if foreign and files is not OLD:
        result[export.MANIFEST] = b"".join(f"{n}\n".encode() for n in sorted(files))
    return result


def operations(tmp_path: Path, foreign: bool) -> list[str]:
    """The file operations of one write of NEW over OLD, in order."""
    out = prepare(tmp_path / "count", foreign)
    counter = CountingOps()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "ops", counter)
        export.replace_outputs(out, NEW)
    assert snapshot(out) == expected(NEW, foreign)
    return counter.names


@pytest.fixture(params=[False, True], ids=["swap", "journal"])
def foreign(request: pytest.FixtureRequest) -> bool:
    return request.param


def test_each_mode_is_what_its_folder_needs(tmp_path, foreign):
    names = operations(tmp_path, foreign)
    if foreign:  # a folder shared with other files: replaced file by file, journaled
        assert "exchange" not in names and names.count("link") == 3
    else:  # relocmap's own folder: one atomic exchange
        assert names.count("exchange") == 1 and "link" not in names


def kill_child_at(k: int, out: Path) -> int:
    """Fork; the child writes NEW into ``out`` and SIGKILLs itself at operation ``k``.
    Returns the child's wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            export.ops = CountingOps(k, lambda: os.kill(os.getpid(), signal.SIGKILL))
            export.replace_outputs(out, NEW)
            os._exit(0)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    return status


def test_killed_at_every_file_operation_old_or_new_set(tmp_path, foreign):
    """SIGKILL (a real one, of a forked process) before each file operation in turn."""
    total = len(operations(tmp_path, foreign))
    assert total >= 8
    for k in range(1, total + 2):
        root = tmp_path / f"k{k}"
        out = prepare(root, foreign)
        status = kill_child_at(k, out)
        if k <= total:
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, k
        else:
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, k
        if not foreign:  # the swap: old or new at once, whatever the moment
            assert snapshot(out) in (expected(OLD, False), expected(NEW, False)), k
        export.recover([out])  # what the next run does before anything else
        assert snapshot(out) in (expected(OLD, foreign), expected(NEW, foreign)), k
        export.replace_outputs(out, NEWER)  # the next run
        assert snapshot(out) == expected(NEWER, foreign), k
        assert temporaries(root) == [], k


@pytest.mark.parametrize("error", [OSError, KeyboardInterrupt])
def test_failure_or_ctrl_c_at_every_file_operation(tmp_path, foreign, error, monkeypatch):
    """An error (disk full, a rename refused) or Ctrl-C at each operation in turn:
    the previous set stays, or the new one is complete; never a mix."""
    total = len(operations(tmp_path, foreign))

    def fail() -> None:
        raise error(28, "No space left on device") if error is OSError else error()

    outcomes = set()
    for k in range(1, total + 1):
        root = tmp_path / f"{error.__name__}{k}"
        out = prepare(root, foreign)
        monkeypatch.setattr(export, "ops", CountingOps(k, fail))
        try:
            export.replace_outputs(out, NEW)
            outcome = "new"
        except OutputError as exc:
            assert error is OSError, exc
            outcome = "error"
        except KeyboardInterrupt:
            outcome = "interrupted"
        monkeypatch.setattr(export, "ops", export.FileOps())
        state = snapshot(out)
        assert state in (expected(OLD, foreign), expected(NEW, foreign)), (k, outcome)
        if outcome == "error":
            assert state == expected(OLD, foreign), k  # an error is never reported over new files
        outcomes.add((outcome, state == expected(NEW, foreign)))
        export.replace_outputs(out, NEWER)
        assert temporaries(root) == [], k
    # Both sides of the commit point were reached.
    assert any(new for _, new in outcomes) and any(not new for _, new in outcomes)


def test_rename_failing_half_way_restores_previous_files(tmp_path, monkeypatch):
    """Issue 9: the second of three renames fails; the first file is restored."""
    out = tmp_path / "out"
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    (out / "notes.md").write_bytes(b"keep me")  # a shared folder: file-by-file renames
    real_rename = export.FileOps.rename
    calls = []

    def rename(self: export.FileOps, source: Path, target: Path) -> None:
        if source.name.endswith(export.TMP_SUFFIX):
            calls.append(target.name)
            if len(calls) == 2:
                raise OSError(5, "Input/output error")
        real_rename(self, source, target)

    monkeypatch.setattr(export.FileOps, "rename", rename)
    with pytest.raises(OutputError, match=r"cannot write the outputs \(Input/output error\)"):
        export.write_all_atomic({out / name: data for name, data in NEW.items()})
    assert len(calls) == 2
    assert snapshot(out) == {**OLD, "notes.md": b"keep me"}
    assert temporaries(tmp_path) == []


def test_journal_left_by_a_kill_is_rolled_back_by_any_later_write(tmp_path):
    out = prepare(tmp_path, foreign=True)
    total = len(operations(tmp_path / "n", True))
    status = kill_child_at(total - 3, out)  # among the renames
    assert os.WIFSIGNALED(status)
    assert list(out.glob("*" + export.JOURNAL_SUFFIX))
    # Another command writing into the folder recovers it first.
    export.write_text_atomic(out / "other.txt", "x")
    assert not list(out.glob("*" + export.JOURNAL_SUFFIX))
    assert snapshot(out) == {**expected(OLD, True), "other.txt": b"x"}


# --- the build command: refusals and Ctrl-C --------------------------------------------


def build(paths: dict[str, Path], out: Path, *extra: str, data: Path | None = None) -> Any:
    args = ["build", "--data", str(data or paths["data"]), "--geo", str(paths["geo"])]
    return CliRunner().invoke(main, [*args, "--out", str(out), *extra])


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<link>")
        for p in sorted(root.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def test_build_out_data_with_other_data_is_refused(paths, tmp_path):
    """'build --data other.csv --out data' would replace data/relocalisations.csv."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("relocalisations.csv", "publication.json", "schema.json", "README.md"):
        (data / name).write_bytes((paths["data"].parent / name).read_bytes())
    other = tmp_path / "elsewhere" / "other.csv"
    other.parent.mkdir()
    other.write_bytes(paths["data"].read_bytes())
    before = tree(tmp_path)
    result = build(paths, data, data=other)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"Error: {data / 'relocalisations.csv'}: exists and relocmap did not write it"
    )
    assert len(result.stderr.splitlines()) == 1
    assert tree(tmp_path) == before


def test_output_that_is_a_symbolic_link_is_refused(paths, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (out / "carte.html").symlink_to(victim)
    before = tree(tmp_path)
    result = build(paths, out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {out / 'carte.html'}: is a symbolic link; relocmap does not write through "
        "links (remove it, or choose another output)\n"
    )
    assert tree(tmp_path) == before


def test_output_that_is_an_input_under_another_name_is_refused(paths, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    data = tmp_path / "figures.csv"
    data.write_bytes(paths["data"].read_bytes())
    os.link(data, out / "relocalisations.csv")  # the same file, by a hard link
    result = build(paths, out, data=data)
    assert result.exit_code == 2
    assert f"is an input ({data}); choose another --out directory" in result.stderr
    assert data.read_bytes() == paths["data"].read_bytes()


def test_files_relocmap_did_not_write_are_kept(paths, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("my site", encoding="utf-8")
    (out / "css").mkdir()
    (out / "css" / "site.css").write_text("body{}", encoding="utf-8")
    for _ in range(2):  # the second build replaces what the first wrote
        result = build(paths, out)
        assert result.exit_code == 0, result.output
    assert (out / "index.html").read_text(encoding="utf-8") == "my site"
    assert (out / "css" / "site.css").read_text(encoding="utf-8") == "body{}"
    assert (out / "carte.html").is_file() and (out / export.MANIFEST).is_file()
    assert temporaries(tmp_path) == []


def test_link_to_the_output_folder_is_followed_and_kept(paths, tmp_path):
    real = tmp_path / "real"
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    for _ in range(2):
        result = build(paths, link)
        assert result.exit_code == 0, result.output
    assert link.is_symlink() and (real / "carte.html").is_file()
    assert temporaries(tmp_path) == []


def test_ctrl_c_prints_one_line_exits_130_and_keeps_previous_outputs(paths, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(paths, out).exit_code == 0
    before = tree(out)

    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "ops", CountingOps(3, interrupt))  # while staging
    result = build(paths, out, "--tiles", "osm")
    assert result.exit_code == 130
    assert result.stderr.startswith("Interrupted: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert tree(out) == before
    assert temporaries(tmp_path) == []


# --- a real relocmap process killed with SIGKILL ----------------------------------------

# The child announces each file operation on stdout and waits a little before doing it,
# so that the parent can SIGKILL it right before the operation it chooses.
ANNOUNCING_BUILD = """
import sys, time
from relocmap.files import writing as export
class Announcing(export.FileOps):
    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name in vars(export.FileOps) and callable(attribute):
            def announced(*args):
                print(name, flush=True)
                time.sleep(0.2)
                return attribute(*args)
            return announced
        return attribute
export.ops = Announcing()
from relocmap.cli import main
sys.argv = ["relocmap", *sys.argv[1:]]
main()
"""


def kill_build_before(
    args: list[str], operation: str, occurrence: int, sig: int = signal.SIGKILL
) -> tuple[list[str], int, str]:
    """Run the build; send ``sig`` right before the ``occurrence``-th ``operation``.
    Returns the operations it announced, its exit status and its stderr."""
    child = subprocess.Popen(
        [sys.executable, "-c", ANNOUNCING_BUILD, "build", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    announced: list[str] = []
    for line in child.stdout:
        announced.append(line.strip())
        if announced.count(operation) == occurrence:
            child.send_signal(sig)
            break
    child.stdout.read()
    status = child.wait(timeout=120)
    return announced, status, child.stderr.read()


def test_real_process_killed_while_writing(tmp_path):
    """A real relocmap build, SIGKILLed from outside at chosen moments of its writing:
    while staging, right before the swap, right after it."""
    data, geo = corsica_inputs(tmp_path / "inputs")
    out = tmp_path / "out"
    args = ["--data", str(data), "--geo", str(geo), "--out", str(out)]
    first = subprocess.run(
        [sys.executable, "-m", "relocmap", "build", *args], capture_output=True, timeout=300
    )
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    for operation, occurrence, tiles, new in (
        ("write", 3, "osm", False),
        ("exchange", 1, "osm", False),
        ("sync_dir", 2, "osm", True),  # the first sync after the swap
    ):
        announced, status, _ = kill_build_before([*args, "--tiles", tiles], operation, occurrence)
        assert status == -signal.SIGKILL, announced
        assert ("exchange" in announced[:-1]) is new, announced
        after = snapshot(out)
        assert sorted(after) == sorted(before)
        changed = {name for name in after if after[name] != before[name]}
        # --tiles changes the page only: the complete new set differs in carte.html alone.
        assert changed == ({"carte.html"} if new else set()), announced
        assert temporaries(tmp_path)  # the killed run's leftover ...
    # Ctrl-C (a real SIGINT) while staging: one line, status 130, nothing changed, and
    # the run tidies up after itself (and after the killed ones, first thing).
    previous = snapshot(out)
    announced, status, stderr = kill_build_before(args, "write", 2, signal.SIGINT)
    assert status == 130, (announced, stderr)
    assert stderr.startswith("Interrupted: ") and len(stderr.splitlines()) == 1, stderr
    assert snapshot(out) == previous
    assert temporaries(tmp_path) == []
    rebuilt = subprocess.run(
        [sys.executable, "-m", "relocmap", "build", *args], capture_output=True, timeout=300
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert snapshot(out) == before
    assert temporaries(tmp_path) == []
