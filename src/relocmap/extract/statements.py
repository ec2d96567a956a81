"""Sentences and list items of a release's prose, each knowing the lines it is on.

Lines hard-wrapped inside a sentence are joined again; a sentence ends at ". ! ? ;"
followed by a space, a bullet inside a line starts an item; a dateline ("Lyon, le
3 avril 2024 –") is blanked out. Every character keeps the line of the file it is on.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from relocmap.extract.text import Line
from relocmap.extract.vocabulary import DATELINE, SENTENCE_BREAK


@dataclass(frozen=True)
class Statement:
    """A sentence or list item, and the line of the file each part of it is on.

    ``marks`` are (offset in ``text``, line) pairs, as in :class:`Line`.
    """

    text: str
    marks: tuple[tuple[int, int], ...]
    offsets: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "offsets", tuple(start for start, _ in self.marks))

    @property
    def line(self) -> int:
        """The line of the file the statement starts on."""
        return self.marks[0][1]

    def line_at(self, offset: int) -> int:
        """The line of the file the character at ``offset`` is on."""
        return self.marks[max(0, bisect.bisect_right(self.offsets, offset) - 1)][1]


def _continues(previous: str, text: str) -> bool:
    # A wrapped sentence goes on in lower case or with a number ("610 emplois.");
    # a list item or a new sentence starts with a capital or a bullet.
    return (
        bool(previous)
        and bool(text)
        and previous[-1] not in ".!?;:"
        and (text[0].islower() or text[0].isdigit())
    )


def unwrap(lines: Sequence[Line]) -> list[Statement]:
    """Join lines hard-wrapped inside a sentence, keeping where each line starts."""
    joined: list[Statement] = []
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0

    def flush() -> None:
        if parts:
            joined.append(Statement("".join(parts), tuple(marks)))
        parts.clear()
        marks.clear()

    for line in lines:
        lead = len(line.text) - len(line.text.lstrip())
        text = line.text.strip()
        if not text:
            continue
        if parts and _continues(parts[-1], text):
            parts.append(" ")
            length += 1
        else:
            flush()
            length = 0
        marks.extend((length + max(0, offset - lead), n) for offset, n in line.marks)
        parts.append(text)
        length += len(text)
    flush()
    return joined


def split_statements(
    lines: Sequence[Line], joins: Callable[[str, str], bool] | None = None
) -> list[Statement]:
    """The sentences and list items of some lines of prose.

    Two parts of a sentence split at ";" stay one when ``joins`` says the second
    completes the first ("• Ain : 30 projets ; 610 emplois").
    """
    found = []
    for passage in unwrap(lines):
        text = passage.text
        pieces: list[tuple[int, int]] = []
        start = 0
        after_semicolon = False  # the break before this piece followed a ";"
        for piece in [*SENTENCE_BREAK.finditer(text), None]:
            end = piece.start() if piece else len(text)
            if text[start:end].strip():
                previous = pieces[-1] if pieces else None
                if (
                    previous is not None
                    and after_semicolon
                    and joins is not None
                    and joins(text[previous[0] : previous[1]], text[start:end])
                ):
                    pieces[-1] = (previous[0], end)
                else:
                    pieces.append((start, end))
            after_semicolon = piece is not None and text[piece.start() - 1 : piece.start()] == ";"
            start = piece.end() if piece else end
        found += [_slice(passage, a, b) for a, b in pieces]
    return found


def _slice(statement: Statement, start: int, end: int) -> Statement:
    text = statement.text[start:end]
    lead = len(text) - len(text.lstrip())
    begin = start + lead
    # Only the marks inside the slice are read: slicing a long passage stays linear.
    inside = statement.marks[
        bisect.bisect_right(statement.offsets, begin) : bisect.bisect_left(statement.offsets, end)
    ]
    marks = [(0, statement.line_at(begin)), *((offset - begin, n) for offset, n in inside)]
    return Statement(text.strip(), tuple(marks))


def without_dateline(text: str) -> str:
    """The text with a dateline at its start blanked out (offsets unchanged)."""
    found = DATELINE.match(text)
    return " " * found.end() + text[found.end() :] if found else text
