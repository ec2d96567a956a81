"""The terminal's words, in one place: what 'validate' prints on success, the warnings,
and what 'update' changes, in English for the person at the terminal."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from relocmap.base.errors import InputError, RelocmapError
from relocmap.base.numbers import plain
from relocmap.extract.found import Extraction
from relocmap.extract.output import MAX_LISTED
from relocmap.history.changes import DepartmentFigures
from relocmap.history.folder import History, decrease_warnings
from relocmap.inputs.checked import Inputs
from relocmap.inputs.consistency import Concern, headline_concerns
from relocmap.inputs.facts import FICTITIOUS_KEY
from relocmap.inputs.facts_schema import known_keys
from relocmap.update import Update


def summary_lines(path: Path, inputs: Inputs, concerns: Sequence[Concern] = ()) -> list[str]:
    """Rows, sums, the published totals and their differences, then any warning."""
    joined = inputs.joined
    frame = joined.frame
    regions = ", ".join(sorted(frame["region_nom"].unique()))
    lines = [
        f"{path}: {inputs.rows} row{'' if inputs.rows == 1 else 's'} valid "
        f"(encoding {inputs.encoding}, separator {inputs.separator!r})",
        f"region(s): {regions}; {len(frame) - len(joined.missing)} of {len(frame)} departments "
        "with data",
    ]
    if joined.missing:
        names = ", ".join(f"{frame.at[c, 'nom']} ({c})" for c in joined.missing)
        lines.append(f"no data (not zero) for: {names}")
    pub = inputs.publication
    published = {
        "projets": pub.total_projets if pub else None,
        "emplois": pub.total_emplois if pub else None,
    }
    for column, total in published.items():
        given = int(frame[column].sum())
        line = f"{column}: sum of departments {given}"
        if total is not None:
            line += f", published total {total.value}, difference {given - total.value:+d}"
            accepted = pub.accepted_mismatch(column) if pub else None
            if accepted and (accepted.total, accepted.given) == (total.value, given):
                on = f" on {accepted.date.iso}" if accepted.date else ""
                line += f" (accepted{on}, as recorded in the facts)"
        lines.append(line)
    lines += warning_lines(concerns)
    return lines


def update_summary_lines(update: Update, data: Path, facts: Path) -> list[str]:
    """What 'update' prints once it wrote: the summary as 'validate' gives it, then the
    mismatches --accept-total-mismatch recorded, so that later builds accept them."""
    return summary_lines(data, update.inputs, update.concerns) + [
        f"Note: {concern.column}: published total {concern.total} and departments' sum "
        f"{concern.given} accepted as published, recorded in {facts} "
        f"(ecart_accepte_{concern.column}_*): 'validate' and 'build' accept this mismatch "
        "from now on, and no other"
        for concern in update.accepted
    ]


def warning_lines(concerns: Sequence[Concern]) -> list[str]:
    """``Warning: …`` per concern, then what to do about them; nothing when all is well."""
    if not concerns:
        return []
    count = len(concerns)
    return [
        *(f"Warning: {concern.message}" for concern in concerns),
        f"{count} warning{'s' if count > 1 else ''}: check the facts before publishing the map",
    ]


def history_summary_lines(history: History) -> list[str]:
    """What 'relocmap validate' prints for the folder layout: each publication's summary
    (as for one CSV, with its headline warnings), then the warnings across them."""

    lines = []
    for release in history.releases:
        concerns = headline_concerns(
            release.inputs.joined, release.inputs.publication, release.data, release.facts
        )
        lines.append(f"publication {release.key}:")
        lines += [f"  {line}" for line in summary_lines(release.data, release.inputs, concerns)]
    count = len(history.releases)
    lines.append(
        f"{history.root}: {count} publication{'s' if count > 1 else ''} "
        f"({', '.join(r.key for r in history.releases)}), dates strictly increasing"
    )
    decreases = decrease_warnings(history)
    if decreases:
        lines += [f"Warning: {problem}" for problem in decreases]
        lines.append(
            f"{len(decreases)} warning{'s' if len(decreases) > 1 else ''} across "
            "publications: figures that go down may be right (a project abandoned); check "
            "them against the releases"
        )
    return lines


# --- what changed, for the person who checks it before publishing ----------------------


def _department_line(
    code: str, before: DepartmentFigures | None, after: DepartmentFigures | None
) -> str:
    if after is None:
        if before is None:
            return f"({code}): no figures"
        return (
            f"{before.name} ({code}): not in the new release (was "
            f"{plain(before.count('projets').worded)} projets, "
            f"{plain(before.count('emplois').worded)} emplois): shown as 'Pas de données'"
        )
    if before is None:
        return (
            f"{after.name} ({code}): new, {plain(after.count('projets').worded)} projets, "
            f"{plain(after.count('emplois').worded)} emplois"
        )
    changes = [
        f"{column} {plain(before.count(column).worded)} → {plain(after.count(column).worded)}"
        for column in ("projets", "emplois")
        if plain(before.count(column).worded) != plain(after.count(column).worded)
    ]
    return f"{after.name} ({code}): " + (", ".join(changes) if changes else "unchanged")


def change_lines(update: Update) -> list[str]:
    """Per department, then per fact: before → after."""
    if update.before is None:
        lines = [f"Note: {update.before_problem}; the new figures are:"]
        before: dict[str, DepartmentFigures] = {}
    else:
        lines = []
        before = update.before
    for code in sorted(set(before) | set(update.after)):
        lines.append(_department_line(code, before.get(code), update.after.get(code)))
    previous = update.previous_facts or {}
    for key in known_keys():
        old, new = previous.get(key), update.facts.get(key)
        if old == new:
            continue
        if new is None:
            lines.append(f"{key}: {_fact(old)} → removed (the new release does not give it)")
        elif old is None:
            lines.append(f"{key}: {_fact(new)} (new)")
        else:
            lines.append(f"{key}: {_fact(old)} → {_fact(new)}")
    if update.facts.get(FICTITIOUS_KEY) is True:
        lines.append(
            f"{FICTITIOUS_KEY}: true, kept from the previous facts: every title says FICTIF; "
            "if this release's figures are real, remove the key from the facts file by hand"
        )
    return lines


def _fact(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else str(value)


# A file with thousands of problems gets the first ones, then a count.
MAX_PROBLEMS_SHOWN = 20


def error_lines(exc: RelocmapError) -> list[str]:
    """The lines printed for an error: every problem, or the first ones and a count."""
    if isinstance(exc, InputError):
        lines = [str(problem) for problem in exc.problems[: MAX_PROBLEMS_SHOWN + 1]]
        total = len(exc.problems)
    else:
        lines = str(exc).splitlines() or [type(exc).__name__]
        total = len(lines)
    if total > MAX_PROBLEMS_SHOWN:
        lines = lines[:MAX_PROBLEMS_SHOWN]
        lines.append(
            f"... and {total - MAX_PROBLEMS_SHOWN} more problems ({total} in all; "
            f"the first {MAX_PROBLEMS_SHOWN} are shown)"
        )
    return lines


# What to type, for the usage mistakes people make with 'update' (the README's command).
SOURCE_EXAMPLE = '--source "Région Auvergne-Rhône-Alpes, communiqué de presse"'
_MISSING_HINTS = {
    "Missing option '--source'": "give who published the figures, in quotes: " + SOURCE_EXAMPLE,
    "Missing option '--date'": "give the release's date, such as --date 2023-06-14",
}


def _quoted(text: str) -> str:
    """``text`` as a shell reads it back as one value: in double quotes when it can be."""
    return f'"{text}"' if not set(text) & set('"$`\\!') else shlex.quote(text)


class OneLineUsageError(click.ClickException):
    """A usage mistake as the project reports every error: one ``Error:`` line, status 2."""

    exit_code = 2


def one_line_usage(exc: click.UsageError) -> OneLineUsageError:
    """``exc`` as one line naming where the help is, instead of click's usage block."""
    return OneLineUsageError(usage_line(exc))


def usage_line(exc: click.UsageError) -> str:
    """A usage mistake as one line: click's message, what to type for the mistakes users
    make (a missing --source, a --source of several words without quotes) and where the
    help is."""
    message = exc.format_message().strip().rstrip(".")
    command_path = exc.ctx.command_path if exc.ctx is not None else "relocmap"
    params: Mapping[str, Any] = exc.ctx.params if exc.ctx is not None else {}
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", message)
    if extra and params.get("source"):
        typed = f"{params['source']} {extra[1]}"
        message += (
            f"; a value of several words goes in quotes: if these words are the source, "
            f"type --source {_quoted(typed)}"
        )
    elif extra:
        message += f"; a value of several words goes in quotes, such as {SOURCE_EXAMPLE}"
    elif message in _MISSING_HINTS:
        message += f"; {_MISSING_HINTS[message]}"
    return f"{message} (see '{command_path} --help')"


def note_lines(notes: Sequence[object]) -> list[str]:
    """What 'extract' notes about a release: the first notes, then how many more."""
    lines = [f"Note: {note}" for note in notes[:MAX_LISTED]]
    if len(notes) > MAX_LISTED:
        lines.append(f"Note: ... and {len(notes) - MAX_LISTED} more note(s)")
    return lines


def skipped_lines(problems: Sequence[object]) -> list[str]:
    """The release's lines 'extract --partial' skipped: the first ones, then how many more."""
    lines = [f"Warning: {problem} (skipped)" for problem in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"Warning: ... and {len(problems) - MAX_LISTED} more line(s) skipped")
    return lines


def extract_written_lines(
    found: Extraction, written: Iterable[Path], output: Path | None, totals: Path | None
) -> list[str]:
    """What 'extract' wrote, and whether the release gave regional totals."""
    rows = f"{len(found.rows)} departments"
    lines = [f"wrote {path} ({rows if path == output else 'regional totals'})" for path in written]
    if not found.totals:
        unwritten = f"; {totals} not written" if totals is not None else ""
        lines.append(f"no regional totals found{unwritten}")
    return lines


def converted_lines(data: Path, facts: Path, folder: Path) -> list[str]:
    """What 'publications init' did, and what the next update does."""
    return [
        f"moved {data} and {facts} into {folder}/",
        f"{folder.parent}/ now holds the publications: 'relocmap update' adds each new "
        "release there as a new publication, and 'validate' and 'build' read them all",
    ]


def show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning as one line of the project's own, never a library's path and source line."""
    text = str(message).strip()
    click.echo(f"Warning: {text.splitlines()[0] if text else category.__name__}", err=True)
