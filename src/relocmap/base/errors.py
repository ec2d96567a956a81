"""One family of errors; the CLI turns any of them into a one-line message and exit 2."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from relocmap.base.i18n import N_, _


def one_line(text: str) -> str:
    """``text`` with its control characters and line or paragraph separators written as
    escapes (``\\x0b``, ``\\u2028``): text quoted from an input file never breaks a
    message over several lines."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )


# The operating system's reasons people meet, as the C library words them (os.strerror
# stays English whatever the locale), marked for the catalogue: os_error_text translates.
OS_REASONS = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Operation not permitted"),
    N_("No space left on device"),
    N_("Read-only file system"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("File exists"),
    N_("Directory not empty"),
    N_("Device or resource busy"),
    N_("Invalid cross-device link"),
    N_("File name too long"),
    N_("Disk quota exceeded"),
    N_("Input/output error"),
)


def os_error_text(exc: OSError) -> str:
    """Why the operating system refused, in the user's language when it is a known reason."""
    return _(exc.strerror) if exc.strerror else str(exc)


class RelocmapError(Exception):
    """Base class of every error relocmap reports to a user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located as precisely as it can be."""

    path: str
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        # The place's facts are placeholders, never translated: the French keeps them.
        where = self.path
        if self.line is not None:
            where = _("{place}, line {line}").format(place=where, line=self.line)
        if self.column is not None:
            where = _("{place}, column {column}").format(place=where, column=repr(self.column))
        return one_line(_("{place}: {reason}").format(place=where, reason=self.reason))


class InputError(RelocmapError):
    """An input file is unreadable or invalid; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, path: str | Path, reason: str, line: int | None = None, column: str | None = None
    ) -> InputError:
        return cls([Problem(str(path), reason, line, column)])


class BoundaryBuildError(RelocmapError):
    """The boundaries could not be rebuilt from their source package."""


class OutputError(RelocmapError):
    """An output file could not be written; nothing was replaced."""
