"""Writing outputs all or nothing, even when a build is killed, behind one output-path
guard (:func:`check_outputs`).

Two ways of writing, both behind :func:`replace_outputs` (the build) and
:func:`write_all_atomic` (any set of files):

* **Directory swap** (a folder that holds nothing but relocmap's outputs, such as
  ``out/``): the new set is written into a sibling folder, flushed to disk, then
  exchanged with the old folder in one atomic ``renameat2(RENAME_EXCHANGE)``
  (Linux). Killed at any moment, the folder holds the complete old or the complete
  new set; the leftover sibling is removed by the next run.
* **Journaled replacement** (any other case: files in a folder that also holds other
  files, several folders, no ``renameat2``): every new file is staged beside its
  target, a journal names the targets and their backups (hard links to the previous
  files), then the files are renamed into place one by one. An error or Ctrl-C
  restores the previous files at once; after a kill, the next write into that folder
  reads the journal and restores them before anything else.

Every temporary name ends in ``.relocmap-tmp``, ``.relocmap-old`` or
``.relocmap-journal`` (git-ignored), and none survives the next successful run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import secrets
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from relocmap.base.errors import OutputError, os_error_text
from relocmap.base.i18n import N_, _
from relocmap.base.layout import ALL_OUTPUT_NAMES

TMP_SUFFIX = ".relocmap-tmp"  # staged new files, and the sibling folder of a swap


OLD_SUFFIX = ".relocmap-old"  # previous files kept until the new set is in place


JOURNAL_SUFFIX = ".relocmap-journal"


TEMP_SUFFIXES = (TMP_SUFFIX, OLD_SUFFIX, JOURNAL_SUFFIX)


MANIFEST = ".relocmap-outputs"  # in a shared folder: the files relocmap wrote there


class _NoExchange(Exception):
    """The atomic exchange of two folders is not available here."""


class FileOps:
    """Every operation that changes the disk, in one place (tests interrupt each in turn)."""

    def write(self, path: Path, data: bytes) -> None:
        """Create ``path`` (it must not exist), write ``data`` and flush it to disk."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        try:
            os.fchmod(fd, 0o644)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def mkdir(self, path: Path, mode: int = 0o755) -> None:
        os.mkdir(path, mode)

    def chmod(self, path: Path, mode: int) -> None:
        os.chmod(path, mode)

    def rename(self, source: Path, target: Path) -> None:
        os.replace(source, target)

    def exchange(self, first: Path, second: Path) -> None:
        _exchange(first, second)

    def link(self, source: Path, target: Path) -> None:
        os.link(source, target, follow_symlinks=False)

    def unlink(self, path: Path) -> None:
        os.unlink(path)

    def rmdir(self, path: Path) -> None:
        os.rmdir(path)

    def sync_dir(self, path: Path) -> None:
        """Flush a folder's entries (new names, renames) to disk."""
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


ops = FileOps()


_AT_FDCWD = -100


_RENAME_EXCHANGE = 2


# Errors that mean "not here": no such system call, a filesystem without the flag,
# a mount point, two filesystems.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV, errno.EBUSY}


def _exchange(first: Path, second: Path) -> None:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE)."""
    if not sys.platform.startswith("linux"):
        raise _NoExchange(sys.platform)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        raise _NoExchange("renameat2 missing") from None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes.append(ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in _UNSUPPORTED:
            raise _NoExchange(os.strerror(code))
        raise OSError(code, os.strerror(code), str(second))


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path spelled twice, a symbolic or hard
    link to it, or (for a file not written yet) the same place once links are resolved."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
        return False


def check_outputs(
    targets: Iterable[Path],
    inputs: Iterable[Path | None] = (),
    instead: str = N_("choose another output"),
) -> None:
    """The one guard of output paths, for every command that writes: refuse an output
    that is one of the ``inputs`` (``--out data`` would replace the CSV), a symbolic link
    (relocmap never writes through one), a folder or special file, or the same file as
    another output. ``instead`` (marked with ``N_``) says what to do about an input;
    nothing is written."""
    targets = [Path(t) for t in targets]
    sources = [Path(p) for p in inputs if p is not None and str(p) != "-"]
    for target in sorted(targets):
        for source in sources:
            if same_file(target, source):
                raise OutputError(
                    _("{path}: is an input ({source}); {instead}").format(
                        path=target, source=source, instead=_(instead)
                    )
                )
    for target in targets:
        refuse_link_loop(target, N_("choose another output"))
    for index, target in enumerate(targets):
        for other in targets[:index]:
            if same_file(target, other):
                twice = str(target) == str(other)
                if twice:
                    message = _("{path}: given twice as an output; each output needs its own file")
                else:
                    message = _("{path}: is also {other}; each output needs its own file")
                raise OutputError(message.format(path=target, other=other))
        if target.is_symlink():
            raise OutputError(
                _(
                    "{path}: is a symbolic link; relocmap does not write through links "
                    "(remove it, or choose another output)"
                ).format(path=target)
            )
        if target.exists() and not target.is_file():
            raise OutputError(_("{path}: exists and is not a regular file").format(path=target))


def _cannot(path: Path, message: str, exc: OSError) -> OutputError:
    """``message`` (marked with ``N_``: "{path}: cannot be written ({reason})") for ``exc``."""
    return OutputError(_(message).format(path=path, reason=os_error_text(exc)))


def _temp_name(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{suffix}")


def _as_bytes(content: bytes | str) -> bytes:
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, (bytes, bytearray)):
        return bytes(content)
    raise TypeError(f"expected bytes, got {type(content).__name__}")


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``; the caller renames it."""
    tmp = _temp_name(path, TMP_SUFFIX)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ops.write(tmp, data)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _cannot(path, N_("{path}: cannot be written ({reason})"), exc) from None
        raise
    return tmp


def _entries_of(journal: dict[str, Any]) -> list[tuple[Path, Path | None, Path]]:
    return [
        (Path(e["target"]), Path(e["backup"]) if e["backup"] else None, Path(e["staged"]))
        for e in journal["entries"]
    ]


def _roll_back(entries: list[tuple[Path, Path | None, Path]]) -> list[str]:
    """Put the previous files back; return what could not be restored."""
    failures = []
    for target, backup, staged in reversed(entries):
        try:
            if backup is not None and os.path.lexists(backup):
                if same_file(backup, target):  # the target was not replaced yet
                    ops.unlink(backup)
                else:
                    ops.rename(backup, target)
            elif backup is None and os.path.lexists(target) and not os.path.lexists(staged):
                ops.unlink(target)  # a new output: there was no previous file
            if os.path.lexists(staged):
                ops.unlink(staged)
        except OSError as exc:
            failures.append(
                _("{path} (previous version kept as {backup}: {reason})").format(
                    path=target, backup=backup, reason=os_error_text(exc)
                )
            )
    return failures


def recover(directories: Iterable[Path]) -> None:
    """Finish what a killed write left in these folders: roll back an unfinished
    journaled replacement, remove temporary files."""
    for directory in {Path(d) for d in directories}:
        if not directory.is_dir():
            continue
        for journal_path in sorted(directory.glob(f"*{JOURNAL_SUFFIX}")):
            try:
                journal = json.loads(journal_path.read_text(encoding="utf-8"))
                entries = _entries_of(journal)
            except (OSError, ValueError, KeyError, TypeError):
                raise OutputError(
                    _(
                        "{path}: an interrupted write left this journal and it cannot be "
                        "read; check the files beside it, then delete it"
                    ).format(path=journal_path)
                ) from None
            failures = _roll_back(entries)
            if failures:
                raise OutputError(_("cannot restore {files}").format(files="; ".join(failures)))
            try:
                ops.unlink(journal_path)
                ops.sync_dir(directory)
            except OSError as exc:
                removed = N_("{path}: cannot be removed ({reason})")
                raise _cannot(journal_path, removed, exc) from None


def _sweep(directory: Path, names: Iterable[str]) -> None:
    """Remove temporary files left beside these outputs by an interrupted run."""
    if not directory.is_dir():
        return
    for name in names:
        for leftover in directory.glob(f".{_glob_escape(name)}.*"):
            if leftover.name.endswith((TMP_SUFFIX, OLD_SUFFIX)) and not leftover.is_dir():
                with contextlib.suppress(OSError):
                    ops.unlink(leftover)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


# Kept whole (67 lines): its steps, in this order, are the crash-safety argument.
def write_all_atomic(files: Mapping[Path, bytes | str]) -> None:
    """Write several files all or nothing.

    Every file is staged beside its target and flushed to disk; a journal beside the
    first target names each target and the hard link that keeps its previous
    version; then the files are renamed into place. An error or Ctrl-C restores
    every previous file before the exception goes on; after a kill, the next call
    for these folders restores them (:func:`recover`). Symbolic links, folders and
    two names for one file are refused (:func:`check_outputs`).
    """
    targets = {Path(path): _as_bytes(content) for path, content in files.items()}
    if not targets:
        return
    check_outputs(targets)
    folders = sorted({path.parent for path in targets})
    recover(folders)
    for folder in folders:
        _sweep(folder, [p.name for p in targets if p.parent == folder])
    entries: list[tuple[Path, Path | None, Path]] = []
    journal_path: Path | None = None
    try:
        for path, data in targets.items():
            backup = _temp_name(path, OLD_SUFFIX) if os.path.lexists(path) else None
            entries.append((path, backup, _stage(path, data)))
        first = next(iter(targets))
        journal_path = _temp_name(first, JOURNAL_SUFFIX)
        journal = {
            "entries": [
                {
                    "target": str(t.absolute()),
                    "backup": b and str(b.absolute()),
                    "staged": str(s.absolute()),
                }
                for t, b, s in entries
            ]
        }
        ops.write(journal_path, json.dumps(journal, indent=1).encode("utf-8"))
        for folder in folders:
            ops.sync_dir(folder)
        for target, backup, staged in entries:
            if backup is not None:
                try:
                    ops.link(target, backup)
                except OSError:  # no hard links here: move the previous file aside
                    ops.rename(target, backup)
            ops.rename(staged, target)
        for folder in folders:
            ops.sync_dir(folder)
        ops.unlink(journal_path)  # the commit: nothing to roll back any more
    except BaseException as exc:
        failures = _roll_back(entries)
        if journal_path is not None and not failures:
            with contextlib.suppress(OSError):
                ops.unlink(journal_path)
        if failures:
            raise OutputError(
                _("cannot write the outputs, and cannot restore {files}").format(
                    files="; ".join(failures)
                )
            ) from None
        if isinstance(exc, OutputError):
            raise
        if isinstance(exc, OSError):
            raise OutputError(
                _("cannot write the outputs ({reason})").format(reason=os_error_text(exc))
            ) from None
        raise
    for _target, backup, _staged in entries:
        if backup is not None:
            with contextlib.suppress(OSError):  # a leftover is removed by the next run
                ops.unlink(backup)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    write_all_atomic({Path(path): data})


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text atomically, with Unix newlines on every platform."""
    write_bytes_atomic(path, text.encode("utf-8"))


def refuse_link_loop(path: Path, instead: str) -> None:
    """Refuse a path that goes through a loop of symbolic links (``out -> out``): it can
    be neither read nor written, and resolving it raises RuntimeError, not OSError.
    ``instead`` (marked with ``N_``) says what else to do."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                _(
                    "{path}: goes through a loop of symbolic links (a link that leads back to "
                    "itself); remove the link, or {instead}"
                ).format(path=path, instead=_(instead))
            ) from None


def output_folder(out_dir: Path) -> Path:
    """The real folder behind ``out_dir`` (a link to a folder is followed)."""
    out_dir = Path(out_dir)
    refuse_link_loop(out_dir, N_("choose another --out directory"))
    real = Path(os.path.realpath(out_dir)) if out_dir.is_symlink() else out_dir
    if real.exists() and not real.is_dir():
        raise OutputError(
            _("{path}: exists and is not a directory; choose another --out").format(path=out_dir)
        )
    return real


def check_output_folder(
    out_dir: Path, names: Iterable[str], inputs: Iterable[Path | None] = ()
) -> None:
    """Everything :func:`replace_outputs` refuses, checked before any work is done."""
    folder = output_folder(out_dir)
    names = list(names)
    targets = [folder / name for name in names]
    check_outputs(targets, inputs, N_("choose another --out directory"))
    foreign = _foreign_entries(folder, names)
    # In a folder that also holds other files, an existing file at an output's name
    # is replaced only if relocmap wrote it: it is listed in .relocmap-outputs, or the
    # folder holds the whole set of outputs (an output folder of an earlier build).
    if foreign and not all(os.path.lexists(target) for target in targets):
        written = _manifest(folder)
        for name in names:
            if os.path.lexists(folder / name) and name not in written:
                shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
                raise OutputError(
                    _(
                        "{path}: exists and relocmap did not write it ({folder} also holds "
                        "{others}); choose an empty or new --out directory"
                    ).format(path=folder / name, folder=folder, others=shown)
                )


def _foreign_entries(folder: Path, names: list[str]) -> list[str]:
    """What a folder holds besides these outputs, any other name a build writes
    (:data:`relocmap.base.layout.ALL_OUTPUT_NAMES`) and relocmap's own temporary files."""
    if not folder.is_dir():
        return []
    own = set(names) | set(ALL_OUTPUT_NAMES) | {MANIFEST}
    try:
        entries = os.listdir(folder)
    except OSError as exc:
        raise _cannot(folder, N_("{path}: cannot be read ({reason})"), exc) from None
    return sorted(
        entry for entry in entries if entry not in own and not entry.endswith(TEMP_SUFFIXES)
    )


def _manifest(folder: Path) -> set[str]:
    try:
        with open(folder / MANIFEST, encoding="utf-8") as handle:
            return {line.strip() for line in handle.read(65536).splitlines() if line.strip()}
    except (OSError, UnicodeDecodeError):
        return set()


def replace_outputs(
    out_dir: Path, files: Mapping[str, bytes | str], inputs: Iterable[Path | None] = ()
) -> list[Path]:
    """Put this set of outputs into ``out_dir``, all of them or none, even if killed.

    A folder that is absent or holds nothing but relocmap's outputs is swapped whole
    (see the module's docstring); in a folder that also holds other files, those
    are left alone, the outputs are replaced by :func:`write_all_atomic` and their
    names recorded in ``.relocmap-outputs`` (so that a file relocmap did not write
    is never replaced: it is refused, as ``--out data`` is).
    """
    names = list(files)
    for name in names:
        if Path(name).name != name or name.startswith(".") or not name:
            raise ValueError(f"output names are plain file names, got {name!r}")
    inputs = list(inputs)
    check_output_folder(out_dir, names, inputs)
    folder = output_folder(out_dir)
    contents = {name: _as_bytes(content) for name, content in files.items()}
    with contextlib.suppress(OSError):
        _remove_leftover_swaps(folder, names)
    if not _foreign_entries(folder, names) and not _holds_cwd(folder):
        try:
            _swap_in(folder, contents)
            return [Path(out_dir) / name for name in names]
        except _NoExchange:
            pass
    manifest = "".join(f"{name}\n" for name in sorted(names))
    shared = bool(_foreign_entries(folder, names)) or os.path.lexists(folder / MANIFEST)
    # relocmap's outputs of an earlier build that this one does not write (evolution.png
    # after a build of one publication): in a shared folder only those it recorded.
    earlier = _manifest(folder) if shared else set(ALL_OUTPUT_NAMES)
    stale = sorted((earlier & set(ALL_OUTPUT_NAMES)) - set(names))
    targets: dict[Path, bytes | str] = {folder / name: data for name, data in contents.items()}
    if shared:
        targets[folder / MANIFEST] = manifest
    write_all_atomic(targets)
    # The new set is in place; removing the stale files only tidies up.
    for name in stale:
        with contextlib.suppress(OSError):
            if (folder / name).is_file() and not (folder / name).is_symlink():
                ops.unlink(folder / name)
    return [Path(out_dir) / name for name in names]


def _holds_cwd(folder: Path) -> bool:
    """Swapping the current folder (or one above it) would leave the shell in a
    deleted folder: such a folder is written file by file."""
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return False
    real = folder.resolve()
    return cwd == real or real in cwd.parents


def _swap_dir_name(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def _swap_in(folder: Path, contents: Mapping[str, bytes]) -> None:
    """Write the new set into a sibling folder, then exchange it with ``folder``."""
    staging = _swap_dir_name(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        ops.mkdir(staging)
    except OSError as exc:
        if folder.is_dir():  # e.g. no right to create beside it: replace file by file
            raise _NoExchange(exc.strerror) from None
        raise _cannot(folder, N_("{path}: cannot be created ({reason})"), exc) from None
    try:
        for name, data in contents.items():
            ops.write(staging / name, data)
        if folder.is_dir():
            ops.chmod(staging, folder.stat().st_mode & 0o7777)
            ops.sync_dir(staging)
            ops.exchange(staging, folder)
        else:
            ops.sync_dir(staging)
            ops.rename(staging, folder)
    except BaseException as exc:
        # Not swapped (or swapped just now): either way the sibling is not the live set.
        _remove_swap_dir(staging, folder, set(contents))
        if isinstance(exc, OSError):
            raise _cannot(folder, N_("{path}: cannot be written ({reason})"), exc) from None
        raise
    # The new set is in place; what follows only tidies up, and a leftover is
    # removed by the next run.
    with contextlib.suppress(OSError):
        ops.sync_dir(folder.parent)
    # The old set goes whole, outputs of another mode included (evolution.png after a
    # build of one publication); anything else is moved back.
    _remove_swap_dir(staging, folder, set(contents) | set(ALL_OUTPUT_NAMES))


def _remove_swap_dir(swap: Path, folder: Path, names: set[str]) -> None:
    """Delete a sibling folder of a swap (the old set, or an unfinished new one), as far
    as possible (what stays is removed by the next run).

    Only relocmap's outputs and temporary files are deleted: anything else (put
    into the folder while the build ran) is moved back into ``folder``, or kept.
    """
    with contextlib.suppress(OSError):
        for entry in sorted(os.listdir(swap)):
            path = swap / entry
            if (entry in names or entry.endswith(TEMP_SUFFIXES) or entry == MANIFEST) and (
                path.is_file() and not path.is_symlink()
            ):
                ops.unlink(path)
            elif folder.is_dir() and not os.path.lexists(folder / entry):
                ops.rename(path, folder / entry)
        ops.rmdir(swap)  # not empty: kept, for the user to look at


def _remove_leftover_swaps(folder: Path, names: list[str]) -> None:
    """Sibling folders left by a killed build: the old set or an unfinished new one."""
    parent = folder.parent
    if not parent.is_dir():
        return
    pattern = f".{_glob_escape(folder.name)}.*{TMP_SUFFIX}"
    for leftover in sorted(parent.glob(pattern)):
        if leftover.is_dir() and not leftover.is_symlink():
            _remove_swap_dir(leftover, folder, set(names))
