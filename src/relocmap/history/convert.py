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

from relocmap.base.errors import InputError, OutputError, os_error_text
from relocmap.base.i18n import N_, _
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
            _(
                "is a folder; nothing to convert: give the figures CSV of the single layout "
                "(such as data/{figures}), whose {facts} is beside it"
            ).format(figures=FIGURES_CSV, facts=FACTS_JSON),
        )
    has_data, has_facts = os.path.lexists(data), os.path.lexists(facts)
    if not has_data and not has_facts:
        reason = (
            _(
                "file not found, nor {facts}: nothing to convert; the publications are "
                "already kept in {folder}/"
            )
            if root.is_dir()
            else _("file not found, nor {facts}: nothing to convert")
        )
        return InputError.single(data, reason.format(facts=facts, folder=root))
    if not has_facts:
        return InputError.single(
            facts,
            _(
                "file not found; nothing was moved: the publication's facts must be beside "
                "{data} (source_date and source at least; see data/README.md), since the "
                "folder is named by its source_date"
            ).format(data=data),
        )
    if not has_data:
        return InputError.single(
            data,
            _(
                "file not found; nothing was moved: the publication's figures must be beside "
                "{facts}"
            ).format(facts=facts),
        )
    return None


def _refuse_existing(root: Path, target: Path) -> None:
    """The publications folder may not exist yet, except as the empty folder of this very
    publication (made by hand, as the README once said)."""
    if not os.path.lexists(root):
        return
    if not root.is_dir() or root.is_symlink():
        raise InputError.single(root, _("exists and is not a folder; nothing was moved"))
    try:
        held = sorted(p.name for p in root.iterdir() if not p.name.startswith((".", "README")))
        if held == [target.name] and target.is_dir() and not target.is_symlink():
            if not any(target.iterdir()):
                return
    except OSError as exc:
        raise InputError.single(
            root, _("cannot be read ({reason})").format(reason=os_error_text(exc))
        ) from None
    if held:
        raise InputError.single(
            root,
            _(
                "already exists and holds {names}; nothing was moved: the single layout is "
                "converted into a new publications folder only (to add these figures to it, "
                "move {figures} and {facts} into {folder}/ yourself, then run "
                "'relocmap validate')"
            ).format(
                names=", ".join(held[:3]) + (", ..." if len(held) > 3 else ""),
                figures=FIGURES_CSV,
                facts=FACTS_JSON,
                folder=target,
            ),
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
            read_input_bytes(data, limit=CSV_MAX_BYTES, expected=N_("a CSV file")),
        ),
        target / FACTS_JSON: (
            facts,
            read_input_bytes(facts, limit=FACTS_MAX_BYTES, expected=N_("a JSON file")),
        ),
    }
    write_all_atomic({path: content for path, (_source, content) in sources.items()})
    for path, (source, _content) in sources.items():
        with contextlib.suppress(OSError):  # the times are a courtesy, the bytes are what count
            times = os.stat(source)
            os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    try:
        for source, _content in sources.values():
            source.unlink()
    except OSError as exc:
        _undo(sources, root)
        raise OutputError(
            _("{path}: cannot be moved ({reason}); nothing was changed").format(
                path=exc.filename, reason=exc.strerror or exc
            )
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
