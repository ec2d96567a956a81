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
from relocmap.base.i18n import N_, _, ngettext
from relocmap.base.numbers import fr_group_spaces
from relocmap.base.precision import Precision
from relocmap.extract.found import Announced, Extraction, RegionalTotals, ReleaseRow
from relocmap.extract.quantities import Quantity, semicolons, squeeze
from relocmap.extract.vocabulary import JOBS, NOUNS, PROJECTS
from relocmap.files.reading import read_json
from relocmap.files.writing import check_outputs
from relocmap.inputs.facts import ANNOUNCED_NOUNS, announced_keys
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
ANNOUNCED_KEY = announced_keys("projets")[0]
# Problems printed before the rest are only counted.
MAX_LISTED = 20
# Messages by kind of figure (translated when shown).
_SEVERAL_ANNOUNCED = {
    PROJECTS: N_(
        "{count} different numbers of announced projects ({listed}); cannot tell which is "
        "the release's: write it by hand"
    ),
    JOBS: N_(
        "{count} different numbers of announced jobs ({listed}); cannot tell which is the "
        "release's: write it by hand"
    ),
}
_ANNOUNCED_TRACE = {
    PROJECTS: N_("announced projects (line {line}): {figure} ({precision}) ← “{words}” → {key}"),
    JOBS: N_("announced jobs (line {line}): {figure} ({precision}) ← “{words}” → {key}"),
}


def figures_csv(rows: Sequence[ReleaseRow]) -> str:
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


def chosen_announced(found: Extraction, source: str = "release") -> dict[str, Announced]:
    """The release's forward-looking regional figures, one per kind (PROJECTS, JOBS) at
    most, or an InputError when it announces several different ones of a kind."""
    chosen: dict[str, Announced] = {}
    problems = []
    for kind in (PROJECTS, JOBS):
        announced: list[Announced] = []
        for item in found.announced:
            if item.kind == kind and not any(
                _same_quantity(item.quantity, a.quantity) for a in announced
            ):
                announced.append(item)
        if len(announced) > 1:
            listed = semicolons([_at_line(a.line, a.quantity.words) for a in announced])
            problems.append(_(_SEVERAL_ANNOUNCED[kind]).format(count=len(announced), listed=listed))
        elif announced:
            chosen[kind] = announced[0]
    if problems:
        raise InputError([Problem(source, p) for p in problems])
    return chosen


def chosen_totals(
    found: Extraction, source: str = "release"
) -> tuple[RegionalTotals | None, dict[str, Announced]]:
    """The release's regional totals and announced figures (by kind), or an InputError
    when the release gives several that disagree (never "the first figures found")."""
    problems = []
    totals: list[RegionalTotals] = []
    for candidate in found.totals:
        if not any(candidate.same_figures(t) for t in totals):
            totals.append(candidate)
    if len(totals) > 1:
        listed = semicolons(
            [_at_line(t.line, f"{t.projects.words}, {t.jobs.words}") for t in totals]
        )
        problems.append(
            Problem(
                source,
                _(
                    "{count} different regional totals ({listed}); cannot tell which are "
                    "the release's: write them by hand"
                ).format(count=len(totals), listed=listed),
            )
        )
    try:
        announced = chosen_announced(found, source)
    except InputError as exc:
        problems.extend(exc.problems)
        announced = {}
    if problems:
        raise InputError(problems)
    return (totals[0] if totals else None), announced


def _at_line(line: int, words: str) -> str:
    """``line 12: 30 projets``, one of the figures a problem lists."""
    return _("line {line}: {words}").format(line=line, words=words)


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


def _mid_sentence(words: str) -> str:
    """Words that started a sentence, as they read inside one: "Une centaine de projets"
    gives "une centaine de projets" (an acronym, "PME", is kept)."""
    return words[0].lower() + words[1:] if words[1:2].islower() else words


def announced_facts(announced: dict[str, Announced]) -> dict[str, object]:
    """The forward-looking figures under the keys of data/publication.json: every key of
    each noun (:func:`relocmap.inputs.facts.announced_keys`), None for what the release
    does not give."""
    facts: dict[str, object] = {}
    for kind, noun in zip((PROJECTS, JOBS), ANNOUNCED_NOUNS, strict=True):
        item = announced.get(kind)
        values = (
            (None, None, None, None)
            if item is None
            else (
                item.quantity.value,
                str(item.quantity.precision),
                _mid_sentence(fr_group_spaces(item.words)),
                item.horizon,
            )
        )
        facts.update(zip(announced_keys(noun), values, strict=True))
    return facts


def merged_facts(
    path: Path, totals: RegionalTotals, announced: dict[str, Announced] | None = None
) -> dict[str, object]:
    """The publication facts of ``path`` (if it exists) with the new regional totals:
    the other facts (source, plan, dates) are kept, never dropped.

    ``projets_annonces_prochainement`` becomes the release's announced projects, or
    null when it announces none (an older release's count would be out of date); the
    announced jobs, and the wording and horizon of each, are written when the release
    gives them and removed otherwise.
    """
    facts = read_json(path) if Path(path).exists() else {}
    facts.update(totals_facts(totals))
    for key, value in announced_facts(announced or {}).items():
        if value is not None or key == ANNOUNCED_KEY:
            facts[key] = value
        else:
            facts.pop(key, None)
    return facts


def _limited(problems: Sequence[Problem], source: str) -> list[Problem]:
    """The first problems, then how many more there are."""
    # With the "... and N more" line and the closing advice, the command prints at most
    # MAX_LISTED lines, so its own cap (cli.MAX_PROBLEMS_SHOWN) never hides the advice.
    shown = MAX_LISTED - 2
    if len(problems) <= shown + 1:
        return list(problems)
    more = len(problems) - shown
    return [
        *problems[:shown],
        Problem(source, _("... and {count} more problems").format(count=more)),
    ]


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
                    ngettext(
                        "{count} problem, nothing written; fix the text or pass --partial "
                        "to write the rows that could be read",
                        "{count} problems, nothing written; fix the text or pass --partial "
                        "to write the rows that could be read",
                        len(found.problems),
                    ).format(count=len(found.problems)),
                ),
            ]
        )
    if not found.rows:
        raise InputError.single(
            release,
            _(
                "no figures per department found; expected lines such as "
                '"Dans l\'Ain, 30 projets … 610 emplois"'
            ),
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
        return _("line {line}").format(line=lines[0])
    return _("lines {first}–{last}").format(first=lines[0], last=lines[-1])


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
        lines.append(
            _("{code} {name}: {figures} ← {where}: “{words}”").format(
                code=row.code,
                name=row.name,
                figures=figures,
                where=_where(row.lines),
                words=row.words,
            )
        )
    for totals in found.totals:
        lines.append(
            _(
                "regional totals{region} ({where}): {projects} ({projects_precision}), "
                "{jobs} ({jobs_precision}) ← “{words}”"
            ).format(
                region=f" {totals.region}" if totals.region else "",
                where=_where(totals.lines),
                projects=totals.projects.words,
                projects_precision=totals.projects.precision,
                jobs=totals.jobs.words,
                jobs_precision=totals.jobs.precision,
                words=squeeze(totals.words),
            )
        )
    keys = dict(zip((PROJECTS, JOBS), ANNOUNCED_NOUNS, strict=True))
    for item in found.announced:
        horizon = f", {item.horizon}" if item.horizon else ""
        lines.append(
            _(_ANNOUNCED_TRACE[item.kind]).format(
                line=item.line,
                figure=item.quantity.words,
                precision=f"{item.quantity.precision}{horizon}",
                words=item.words,
                key=announced_keys(keys[item.kind])[0],
            )
        )
    return lines
