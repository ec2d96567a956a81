"""From the single layout to a publications folder: ``data/relocalisations.csv`` and
``data/publication.json`` moved into ``data/publications/<source_date>/``, all or nothing
('relocmap publications init'; no git needed).

The two files are copied byte for byte (with their modification times) into the new
folder, written as one set by :func:`relocmap.files.writing.write_all_atomic`; only
then are the originals removed, the figures first. Killed in between, the figures
are in both places, which every command refuses as ambiguous, naming both.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from relocmap.base.errors import InputError, OutputError
from relocmap.base.layout import FACTS_JSON, FIGURES_CSV, PUBLICATIONS_DIR
from relocmap.files.reading import read_input_bytes
from relocmap.files.writing import write_all_atomic
from relocmap.inputs.facts import MAX_BYTES as FACTS_MAX_BYTES
from relocmap.inputs.facts import read_publication
from relocmap.inputs.figures import CSV_MAX_BYTES, read_csv_table


def publications_of(data: Path) -> Path:
    """The publications folder beside a figures CSV: ``data/publications`` for
    ``data/relocalisations.csv``."""
    return data.parent / PUBLICATIONS_DIR


def _nothing_to_convert(data: Path, facts: Path, root: Path) -> InputError | None:
    """Why there is no single layout to convert at ``data``, if there is none."""
    if data.is_dir():
        return InputError.single(
            data,
            f"is a folder; nothing to convert: give the figures CSV of the single layout "
            f"(such as data/{FIGURES_CSV}), whose {FACTS_JSON} is beside it",
        )
    has_data, has_facts = os.path.lexists(data), os.path.lexists(facts)
    if not has_data and not has_facts:
        already = f"; the publications are already kept in {root}/" if root.is_dir() else ""
        return InputError.single(data, f"file not found, nor {facts}: nothing to convert{already}")
    if not has_facts:
        return InputError.single(
            facts,
            f"file not found; nothing was moved: the publication's facts must be beside "
            f"{data} (source_date and source at least; see data/README.md), since the "
            "folder is named by its source_date",
        )
    if not has_data:
        return InputError.single(
            data,
            f"file not found; nothing was moved: the publication's figures must be beside {facts}",
        )
    return None


def _refuse_existing(root: Path, target: Path) -> None:
    """The publications folder may not exist yet, except as the empty folder of this very
    publication (made by hand, as the README once said)."""
    if not os.path.lexists(root):
        return
    if not root.is_dir() or root.is_symlink():
        raise InputError.single(root, "exists and is not a folder; nothing was moved")
    try:
        held = sorted(p.name for p in root.iterdir() if not p.name.startswith((".", "README")))
        if held == [target.name] and target.is_dir() and not target.is_symlink():
            if not any(target.iterdir()):
                return
    except OSError as exc:
        raise InputError.single(root, f"cannot be read ({exc.strerror or exc})") from None
    if held:
        raise InputError.single(
            root,
            f"already exists and holds {', '.join(held[:3])}{', ...' if len(held) > 3 else ''}; "
            f"nothing was moved: the single layout is converted into a new publications "
            f"folder only (to add these figures to it, move {FIGURES_CSV} and {FACTS_JSON} "
            f"into {target}/ yourself, then run 'relocmap validate')",
        )


def init_publications(data: Path) -> Path:
    """Move ``data`` and the publication.json beside it into
    ``publications/<source_date>/`` beside them, all or nothing; return that folder.

    Refused (InputError, nothing moved) when there is nothing to convert, when the
    facts cannot be read (the folder is named by their ``source_date``) or when the
    publications folder already exists.
    """
    data = Path(data)
    facts = data.parent / FACTS_JSON
    root = publications_of(data)
    problem = _nothing_to_convert(data, facts, root)
    if problem is not None:
        raise problem
    date = read_publication(facts).source_date.iso
    read_csv_table(data)  # a file that is no CSV text is reported, not moved
    target = root / date
    _refuse_existing(root, target)
    sources = {
        target / FIGURES_CSV: (
            data,
            read_input_bytes(data, limit=CSV_MAX_BYTES, expected="a CSV file"),
        ),
        target / FACTS_JSON: (
            facts,
            read_input_bytes(facts, limit=FACTS_MAX_BYTES, expected="a JSON file"),
        ),
    }
    write_all_atomic({path: content for path, (_, content) in sources.items()})
    for path, (source, _) in sources.items():
        with contextlib.suppress(OSError):  # the times are a courtesy, the bytes are what count
            times = os.stat(source)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    try:
        for source, _ in sources.values():
            source.unlink()
    except OSError as exc:
        _undo(sources, root)
        raise OutputError(
            f"{exc.filename}: cannot be moved ({exc.strerror or exc}); nothing was changed"
        ) from None
    return target


def _undo(sources: dict[Path, tuple[Path, bytes]], root: Path) -> None:
    """Remove the copies when an original could not be removed: back to the single layout
    (an original already removed is written back first)."""
    for path, (source, content) in sources.items():
        with contextlib.suppress(OSError):
            if not os.path.lexists(source):
                write_all_atomic({source: content})
            path.unlink()
    for folder in (next(iter(sources)).parent, root):
        with contextlib.suppress(OSError):
            folder.rmdir()
