"""What changed from one publication to the next, per department.

Pure: works on the figures of each publication, in date order, as
:func:`figures_of` makes them from a checked figures frame
(:func:`relocmap.inputs.validate.validate_table`). For every publication after the
first, each department with figures in it or in the previous publication gets a
:class:`Change`: its figures, the previous publication's, the difference, and a
:class:`Status` (followed, new, back after a gap, dropped). The precision of
every figure is kept (:class:`relocmap.base.precision.Precision`): a change between
two approximate figures is worded as approximate ("environ +120").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import pandas as pd

from relocmap.base.counts import Count
from relocmap.base.numbers import fr_signed
from relocmap.base.precision import Precision

Column = Literal["projets", "emplois"]
COLUMNS: tuple[Column, ...] = ("projets", "emplois")


@dataclass(frozen=True)
class DepartmentFigures:
    """One department's figures in one publication; ``line`` is its row in the CSV."""

    name: str
    projets: Count
    emplois: Count
    line: int | None = None

    def count(self, column: Column) -> Count:
        """The count of ``column`` ("projets" or "emplois")."""
        return self.projets if column == "projets" else self.emplois


class Status(StrEnum):
    """A department's place in a publication, compared with the previous one.

    The values are the words written in the exports' ``statut`` column.
    """

    FOLLOWED = "suivi"  # figures in this publication and in the previous one
    NEW = "nouveau"  # figures in this publication, none in any earlier one
    BACK = "retour"  # figures in this publication, none in the previous, some earlier
    DROPPED = "retire"  # figures in the previous publication, none in this one


@dataclass(frozen=True)
class Change:
    """One department in one publication, against the previous publication."""

    code: str
    name: str
    publication: str
    previous_publication: str
    status: Status
    current: DepartmentFigures | None  # None when dropped
    previous: DepartmentFigures | None  # None when new or back

    def delta(self, column: Column) -> int | None:
        """Current minus previous; None unless the department is in both publications."""
        if self.current is None or self.previous is None:
            return None
        return self.current.count(column).value - self.previous.count(column).value

    def approximate(self, column: Column) -> bool:
        """True when either figure of the difference was published approximately."""
        return any(
            figures is not None and figures.count(column).precision.approximate
            for figures in (self.current, self.previous)
        )

    def delta_words(self, column: Column) -> str:
        """The change as French text: ``+120``, ``−15``, ``0``, ``environ +120``
        (one of the two figures is approximate), ``nouveau``, ``de retour``, ``retiré``."""
        delta = self.delta(column)
        if delta is None:
            return {
                Status.NEW: "nouveau",
                Status.BACK: "de retour",
                Status.DROPPED: "retiré",
            }[self.status]
        text = signed(delta)
        return f"environ {text}" if self.approximate(column) and delta else text


signed = fr_signed  # ``+120``, ``−15`` (minus sign), ``0``


def figures_of(frame: pd.DataFrame) -> dict[str, DepartmentFigures]:
    """The checked figures frame of one publication (indexed by code) as plain values."""
    result = {}
    for code, row in frame.iterrows():
        line = row.get("line")
        result[str(code)] = DepartmentFigures(
            str(row["departement"]),
            Count(int(row["projets"]), Precision(row["projets_precision"])),
            Count(int(row["emplois"]), Precision(row["emplois_precision"])),
            None if line is None or pd.isna(line) else int(line),
        )
    return result


def changes(
    publications: Sequence[tuple[str, Mapping[str, DepartmentFigures]]],
) -> dict[str, dict[str, Change]]:
    """Per publication key (after the first), per department code: its change.

    ``publications`` are ``(key, figures by code)`` in date order. A department
    appears in a publication's changes when it has figures in that publication or
    in the previous one; the first publication has no changes (nothing before it).
    """
    result: dict[str, dict[str, Change]] = {}
    seen: set[str] = set()
    for index, (key, figures) in enumerate(publications):
        if index == 0:
            seen.update(figures)
            continue
        previous_key, previous = publications[index - 1]
        per_code: dict[str, Change] = {}
        for code in sorted(set(figures) | set(previous)):
            current, before = figures.get(code), previous.get(code)
            if current is None:
                status = Status.DROPPED
            elif before is not None:
                status = Status.FOLLOWED
            else:
                status = Status.BACK if code in seen else Status.NEW
            named = current if current is not None else before
            assert named is not None  # the code comes from one of the two
            per_code[code] = Change(code, named.name, key, previous_key, status, current, before)
        seen.update(figures)
        result[key] = per_code
    return result


def decreases(
    publications: Sequence[tuple[str, Mapping[str, DepartmentFigures]]],
) -> list[tuple[Change, Column]]:
    """Every (change, column) where a department's projects or jobs went down from one
    publication to the next (projects can be abandoned: a warning, not an error)."""
    found = []
    for per_code in changes(publications).values():
        for change in per_code.values():
            for column in COLUMNS:
                delta = change.delta(column)
                if delta is not None and delta < 0:
                    found.append((change, column))
    return found
