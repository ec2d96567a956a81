"""What reading a release collects: department rows, regional totals, announced
projects, problems and notes; a department given twice is a problem."""

from __future__ import annotations

import re

from relocmap.base.errors import Problem
from relocmap.base.i18n import _
from relocmap.extract.found import Announced, Extraction, RegionalTotals, ReleaseRow
from relocmap.extract.places import Place
from relocmap.extract.quantities import Quantity, squeeze


class Collector:
    """Rows, totals, announced projects, problems and notes found in one release."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: dict[str, list[ReleaseRow]] = {}
        self.totals: list[RegionalTotals] = []
        self.announced: list[Announced] = []
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def problem(self, line: int, reason: str, words: str) -> None:
        """A line that must not be lost: it blocks the release unless --partial."""
        self.problems.append(Problem(self.source, _quoted_reason(reason, words), line))

    def note(self, line: int, reason: str, words: str) -> None:
        """Figures ignored because they are no department's tally."""
        self.notes.append(Problem(self.source, _quoted_reason(reason, words), line))

    def add_row(
        self,
        line: int,
        place: Place,
        projects: Quantity,
        jobs: Quantity,
        words: str,
        quote: str | None = None,
    ) -> None:
        """A department's row; a department given twice is a problem (quoting ``quote``,
        the sentence, or else the words of the figures)."""
        assert place.code is not None
        row = ReleaseRow(place.code, place.name, projects, jobs, line, squeeze(words))
        earlier = self.rows.setdefault(place.code, [])
        if earlier:
            first = earlier[0]
            if row.same_figures(first):
                reason = _("{name} already given on line {line}, with the same figures").format(
                    name=place.name, line=first.line
                )
            else:
                reason = _(
                    "{name} already given on line {line} with other figures "
                    "({projects}, {jobs}); {name} is left out"
                ).format(
                    name=place.name,
                    line=first.line,
                    projects=first.projects.words,
                    jobs=first.jobs.words,
                )
            self.problem(line, reason, quote or words)
        earlier.append(row)

    def result(self) -> Extraction:
        """Everything collected: rows sorted by code, problems by line."""
        # A department given twice is kept (for --partial) only if both agree.
        rows = [
            found[0]
            for found in self.rows.values()
            if all(row.same_figures(found[0]) for row in found)
        ]
        rows.sort(key=lambda row: row.code)
        problems = sorted(self.problems, key=lambda p: p.line or 0)
        return Extraction(
            tuple(rows),
            tuple(self.totals),
            tuple(problems),
            tuple(self.notes),
            tuple(self.announced),
        )


_NON_SPACE = re.compile(r"\S+")


def _quoted_reason(reason: str, words: str) -> str:
    """A problem's reason, then the start of the words it is about, in quotes."""
    return _("{reason}: {words}").format(reason=reason, words=_quote(words))


def _quote(text: str, limit: int = 110) -> str:
    """The start of ``text`` in quotes, white space squeezed, cut with "…" after
    ``limit`` characters; only that start is read, however long the text."""
    parts: list[str] = []
    length = 0
    for word in _NON_SPACE.finditer(text):
        parts.append(text[word.start() : min(word.end(), word.start() + limit + 1)])
        length += len(parts[-1]) + 1
        if length > limit + 1:
            break
    shown = " ".join(parts)
    return f"“{shown if len(shown) <= limit else shown[: limit - 1] + '…'}”"
