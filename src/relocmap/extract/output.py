"""What 'relocmap extract' writes and prints: the figures CSV, the publication facts
with the regional totals, and the trace of every figure to its line and words.

Nothing is written over an input, over another output of the same run, or through
a symbolic link; totals that disagree within a release are refused, never "the
first figures found".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from relocmap.base.errors import InputError, Problem
from relocmap.base.numbers import fr_group_spaces
from relocmap.base.precision import Precision
from relocmap.extract.found import Announced, DepartmentFigures, Extraction, RegionalTotals
from relocmap.extract.quantities import Quantity, squeeze
from relocmap.extract.vocabulary import JOBS, NOUNS, PROJECTS
from relocmap.files.reading import read_json
from relocmap.files.writing import check_outputs
from relocmap.inputs.figures import csv_columns

# Keys of data/publication.json that the regional totals fill in.
TOTALS_KEYS = (
    "total_projets_publie",
    "total_projets_precision",
    "total_projets_formulation",
    "total_emplois_publie",
    "total_emplois_precision",
    "total_emplois_formulation",
)
# The key of data/publication.json for projects announced, not yet supported.
ANNOUNCED_KEY = "projets_annonces_prochainement"
# Problems printed before the rest are only counted.
MAX_LISTED = 20


def figures_csv(rows: Sequence[DepartmentFigures]) -> str:
    """The rows in the schema of data/relocalisations.csv, sorted by code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_columns())
    for row in sorted(rows, key=lambda r: r.code):
        notes = [q.note for q in (row.projects, row.jobs) if q.precision != Precision.EXACT]
        writer.writerow(
            [
                row.code,
                row.name,
                row.projects.value,
                row.jobs.value,
                row.jobs.precision,
                row.projects.precision,
                " ; ".join(notes),
            ]
        )
    return buffer.getvalue()


def chosen_totals(
    found: Extraction, source: str = "release"
) -> tuple[RegionalTotals | None, Announced | None]:
    """The release's regional totals and announced projects, or an InputError when the
    release gives several that disagree (never "the first figures found")."""
    problems = []
    totals: list[RegionalTotals] = []
    for candidate in found.totals:
        if not any(candidate.same_figures(t) for t in totals):
            totals.append(candidate)
    if len(totals) > 1:
        listed = "; ".join(f"line {t.line}: {t.projects.words}, {t.jobs.words}" for t in totals)
        problems.append(f"{len(totals)} different regional totals ({listed})")
    announced: list[Announced] = []
    for item in found.announced:
        if not any(_same_quantity(item.projects, a.projects) for a in announced):
            announced.append(item)
    if len(announced) > 1:
        listed = "; ".join(f"line {a.line}: {a.projects.words}" for a in announced)
        problems.append(f"{len(announced)} different numbers of announced projects ({listed})")
    if problems:
        raise InputError(
            [
                Problem(source, f"{p}; cannot tell which are the release's: write them by hand")
                for p in problems
            ]
        )
    return (totals[0] if totals else None), (announced[0] if announced else None)


def _same_quantity(a: Quantity, b: Quantity) -> bool:
    return (a.value, a.precision) == (b.value, b.precision)


def totals_facts(totals: RegionalTotals) -> dict[str, object]:
    """The regional totals under the keys data/publication.json gives them."""
    return dict(
        zip(
            TOTALS_KEYS,
            (
                totals.projects.value,
                str(totals.projects.precision),
                fr_group_spaces(totals.projects.words),
                totals.jobs.value,
                str(totals.jobs.precision),
                fr_group_spaces(totals.jobs.words),
            ),
            strict=True,
        )
    )


def merged_facts(
    path: Path, totals: RegionalTotals, announced: Announced | None = None
) -> dict[str, object]:
    """The publication facts of ``path`` (if it exists) with the new regional totals:
    the other facts (source, plan, dates) are kept, never dropped.

    ``projets_annonces_prochainement`` becomes the release's announced projects, or
    null when it announces none (an older release's count would be out of date).
    """
    facts = read_json(path) if Path(path).exists() else {}
    facts.update(totals_facts(totals))
    facts[ANNOUNCED_KEY] = announced.projects.value if announced else None
    return facts


def _problems(count: int) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{count} problem{'s' if count > 1 else ''}"


def _limited(problems: Sequence[Problem], source: str) -> list[Problem]:
    """The first problems, then how many more there are."""
    # With the "... and N more" line and the closing advice, the command prints at most
    # MAX_LISTED lines, so its own cap (cli.MAX_PROBLEMS_SHOWN) never hides the advice.
    shown = MAX_LISTED - 2
    if len(problems) <= shown + 1:
        return list(problems)
    more = len(problems) - shown
    return [*problems[:shown], Problem(source, f"... and {more} more problems")]


def check_output_paths(
    release: Path, output: Path | None, totals_path: Path | None, inputs: Iterable[Path] = ()
) -> None:
    """Refuse outputs that would replace the release, an input or each other, or that are
    symbolic links (:func:`relocmap.files.writing.check_outputs`): nothing written."""
    outputs = [p for p in (output, totals_path) if p is not None and str(p) != "-"]
    check_outputs(outputs, (release, *inputs))


def release_outputs(
    found: Extraction, release: Path, partial: bool, output: Path | None, totals_path: Path | None
) -> dict[Path, str]:
    """The files to write for an extraction, or an error when the release was not read
    whole (and ``partial`` is off), gave no department at all, gives totals that
    disagree (with ``totals_path``), or when an output would replace an input.

    With no ``output`` the CSV is under the key ``Path("-")`` (standard output).
    """
    check_output_paths(release, output, totals_path)
    if found.problems and not partial:
        raise InputError(
            [
                *_limited(found.problems, str(release)),
                Problem(
                    str(release),
                    f"{_problems(len(found.problems))}, nothing written; fix the text or "
                    "pass --partial to write the rows that could be read",
                ),
            ]
        )
    if not found.rows:
        raise InputError.single(
            release,
            "no figures per department found; expected lines "
            'such as "Dans l\'Ain, 30 projets … 610 emplois"',
        )
    files = {output or Path("-"): figures_csv(found.rows)}
    if totals_path is not None:
        totals, announced = chosen_totals(found, str(release))
        if totals is not None:
            facts = merged_facts(totals_path, totals, announced)
            files[totals_path] = json.dumps(facts, ensure_ascii=False, indent=2) + "\n"
    return files


def _where(lines: Sequence[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return f"lines {lines[0]}–{lines[-1]}"


def _figure(value: int, noun: str, precision: Precision) -> str:
    return f"{value} {noun}" + ("" if precision == Precision.EXACT else f" ({precision})")


def trace_lines(found: Extraction) -> list[str]:
    """Where every figure comes from: for each row, the totals and the announced
    projects, the line(s) and the exact words they were read from."""
    lines = []
    for row in found.rows:
        figures = (
            f"{_figure(row.projects.value, NOUNS[PROJECTS], row.projects.precision)}, "
            f"{_figure(row.jobs.value, NOUNS[JOBS], row.jobs.precision)}"
        )
        lines.append(f"{row.code} {row.name}: {figures} ← {_where(row.lines)}: “{row.words}”")
    for totals in found.totals:
        region = f" {totals.region}" if totals.region else ""
        lines.append(
            f"regional totals{region} ({_where(totals.lines)}): {totals.projects.words} "
            f"({totals.projects.precision}), {totals.jobs.words} ({totals.jobs.precision})"
            f" ← “{squeeze(totals.words)}”"
        )
    for item in found.announced:
        lines.append(
            f"announced projects (line {item.line}): {item.projects.words} "
            f"({item.projects.precision}) ← “{item.words}” → {ANNOUNCED_KEY}"
        )
    return lines
