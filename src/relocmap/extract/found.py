"""What reading a release finds: a department's figures, the regional totals, the
projects and jobs announced for later, and the :class:`Extraction` that holds them with the
problems and notes. Each keeps the line(s) and exact words it was read from."""

from __future__ import annotations

from dataclasses import dataclass

from relocmap.base.errors import Problem
from relocmap.extract.quantities import Quantity
from relocmap.extract.vocabulary import PROJECTS


def figures_key(projects: Quantity, jobs: Quantity) -> tuple[int, str, int, str]:
    """What two readings must share to give the same figures: values and precisions."""
    return (projects.value, projects.precision, jobs.value, jobs.precision)


def lines_of(line: int, *quantities: Quantity) -> tuple[int, ...]:
    """``line`` and the lines of the quantities, sorted, each once."""
    return tuple(sorted({line, *(q.line for q in quantities if q.line is not None)}))


@dataclass(frozen=True)
class ReleaseRow:
    """One row of the figures CSV, the line it was read from and its exact words."""

    code: str
    name: str
    projects: Quantity
    jobs: Quantity
    line: int
    words: str = ""

    def same_figures(self, other: ReleaseRow) -> bool:
        """Same values and precisions (wordings and lines may differ)."""
        return figures_key(self.projects, self.jobs) == figures_key(other.projects, other.jobs)

    @property
    def lines(self) -> tuple[int, ...]:
        """Every line of the file the figures were read on."""
        return lines_of(self.line, self.projects, self.jobs)


@dataclass(frozen=True)
class RegionalTotals:
    """Projects and jobs the release gives for the whole region (achieved, not announced)."""

    projects: Quantity
    jobs: Quantity
    line: int
    words: str = ""
    region: str | None = None  # the region named, if one is

    def same_figures(self, other: RegionalTotals) -> bool:
        return figures_key(self.projects, self.jobs) == figures_key(other.projects, other.jobs)

    @property
    def lines(self) -> tuple[int, ...]:
        return lines_of(self.line, self.projects, self.jobs)


@dataclass(frozen=True)
class Announced:
    """A forward-looking regional number of projects or jobs ("une centaine de nouveaux
    projets seront accompagnés d'ici fin 2025"): never a total, it goes to the facts'
    announced figures, with its horizon when the release gives one."""

    quantity: Quantity
    line: int
    words: str = ""
    kind: str = PROJECTS  # PROJECTS or JOBS
    horizon: str | None = None  # "d'ici fin 2025", as the release words it


@dataclass(frozen=True)
class Extraction:
    """What a release holds: readable rows (sorted by code), regional totals, problems.

    Problems are lines that must not be lost (a department unread, given twice, or
    a place that is no department); notes are figures ignored because they are no
    department's tally (a company's jobs, figures naming no place, forward-looking
    jobs). ``announced`` are forward-looking numbers of projects or jobs for the region.
    """

    rows: tuple[ReleaseRow, ...]
    totals: tuple[RegionalTotals, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()
    announced: tuple[Announced, ...] = ()
