"""Reading the per-department figures out of a French press release.

A release gives them in sentences ("Dans l'Ain, 30 projets ont été identifiés
pour la création de 610 emplois"), in lists ("• Loire : 31 projets — 1 040
emplois"), several to a sentence ("la Gironde (14 projets, 520 emplois), les
Landes (6 projets, 130 emplois)"; "le Doubs et le Jura comptent respectivement 11
et 7 projets, pour 290 et 150 emplois") or in tables. Each figure is tied to the
one department whose clause it is in; sentences about a region, "la Région", "au
total"... give the regional totals, and forward-looking counts ("200 projets
auront bientôt été accompagnés") are kept apart from them.

Nothing is guessed. A line that clearly tallies a department but cannot be read,
a department given twice, figures for a place that is no department: each becomes
a problem, with its line and words. Every row keeps the line(s) and the exact words
it was read from, so that a person can check it against the release.

The pieces: :mod:`relocmap.extract_text` (the text of a file, HTML included),
:mod:`relocmap.extract_places` (names), :mod:`relocmap.extract_quantities`
(numbers of projects and jobs), :mod:`relocmap.extract_tables` (tables) and
:mod:`relocmap.extract_output` (the files written and the trace printed); this
module reads sentences and holds the public names.
"""

from __future__ import annotations

from dataclasses import dataclass

from relocmap.base.errors import Problem
from relocmap.extract.quantities import Quantity


def figures_key(projects: Quantity, jobs: Quantity) -> tuple[int, str, int, str]:
    return (projects.value, projects.precision, jobs.value, jobs.precision)


def lines_of(line: int, *quantities: Quantity) -> tuple[int, ...]:
    return tuple(sorted({line, *(q.line for q in quantities if q.line is not None)}))


@dataclass(frozen=True)
class DepartmentFigures:
    """One row of the figures CSV, the line it was read from and its exact words."""

    code: str
    name: str
    projects: Quantity
    jobs: Quantity
    line: int
    words: str = ""

    def same_figures(self, other: DepartmentFigures) -> bool:
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
    """A forward-looking number of projects ("200 projets auront bientôt été
    accompagnés"): never a total, it goes to ``projets_annonces_prochainement``."""

    projects: Quantity
    line: int
    words: str = ""


@dataclass(frozen=True)
class Extraction:
    """What a release holds: readable rows (sorted by code), regional totals, problems.

    Problems are lines that must not be lost (a department unread, given twice, or
    a place that is no department); notes are figures ignored because they are no
    department's tally (a company's jobs, figures naming no place, forward-looking
    jobs). ``announced`` are forward-looking numbers of projects for the region.
    """

    rows: tuple[DepartmentFigures, ...]
    totals: tuple[RegionalTotals, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()
    announced: tuple[Announced, ...] = ()
