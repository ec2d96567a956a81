"""The terminal's words, in one place: what 'validate' prints on success, the warnings,
and what 'update' changes, in the language of the person at the terminal (base/i18n)."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from relocmap.base.errors import InputError, RelocmapError
from relocmap.base.i18n import N_, _, ngettext
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
    rows = ngettext(
        "{path}: {count} row valid (encoding {encoding}, separator {separator})",
        "{path}: {count} rows valid (encoding {encoding}, separator {separator})",
        inputs.rows,
    )
    lines = [
        rows.format(
            path=path, count=inputs.rows, encoding=inputs.encoding, separator=repr(inputs.separator)
        ),
        _("region(s): {regions}; {count} of {total} departments with data").format(
            regions=regions, count=len(frame) - len(joined.missing), total=len(frame)
        ),
    ]
    if joined.missing:
        names = ", ".join(f"{frame.at[c, 'nom']} ({c})" for c in joined.missing)
        lines.append(_("no data (not zero) for: {names}").format(names=names))
    pub = inputs.publication
    published = {
        "projets": pub.total_projets if pub else None,
        "emplois": pub.total_emplois if pub else None,
    }
    for column, total in published.items():
        given = int(frame[column].sum())
        if total is None:
            line = _("{column}: sum of departments {sum}").format(column=column, sum=given)
        else:
            line = _(
                "{column}: sum of departments {sum}, published total {total}, "
                "difference {difference}"
            ).format(
                column=column, sum=given, total=total.value, difference=f"{given - total.value:+d}"
            )
            accepted = pub.accepted_mismatch(column) if pub else None
            if accepted and (accepted.total, accepted.given) == (total.value, given):
                if accepted.date:
                    line += _(" (accepted on {date}, as recorded in the facts)").format(
                        date=accepted.date.iso
                    )
                else:
                    line += _(" (accepted, as recorded in the facts)")
        lines.append(line)
    lines += warning_lines(concerns)
    return lines


def update_summary_lines(update: Update, data: Path, facts: Path) -> list[str]:
    """What 'update' prints once it wrote: the summary as 'validate' gives it, then the
    mismatches --accept-total-mismatch recorded, so that later builds accept them."""
    return summary_lines(data, update.inputs, update.concerns) + [
        _(
            "Note: {column}: published total {total} and departments' sum {sum} accepted as "
            "published, recorded in {facts} ({keys}): 'validate' and 'build' accept this "
            "mismatch from now on, and no other"
        ).format(
            column=concern.column,
            total=concern.total,
            sum=concern.given,
            facts=facts,
            keys=f"ecart_accepte_{concern.column}_*",
        )
        for concern in update.accepted
    ]


def warning_lines(concerns: Sequence[Concern]) -> list[str]:
    """``Warning: …`` per concern, then what to do about them; nothing when all is well."""
    if not concerns:
        return []
    count = len(concerns)
    return [
        *(_("Warning: {message}").format(message=concern.message) for concern in concerns),
        ngettext(
            "{count} warning: check the facts before publishing the map",
            "{count} warnings: check the facts before publishing the map",
            count,
        ).format(count=count),
    ]


def history_summary_lines(history: History) -> list[str]:
    """What 'relocmap validate' prints for the folder layout: each publication's summary
    (as for one CSV, with its headline warnings), then the warnings across them."""

    lines = []
    for release in history.releases:
        concerns = headline_concerns(
            release.inputs.joined, release.inputs.publication, release.data, release.facts
        )
        lines.append(_("publication {date}:").format(date=release.key))
        lines += [f"  {line}" for line in summary_lines(release.data, release.inputs, concerns)]
    count = len(history.releases)
    lines.append(
        ngettext(
            "{path}: {count} publication ({dates}), dates strictly increasing",
            "{path}: {count} publications ({dates}), dates strictly increasing",
            count,
        ).format(path=history.root, count=count, dates=", ".join(r.key for r in history.releases))
    )
    decreases = decrease_warnings(history)
    if decreases:
        lines += [_("Warning: {message}").format(message=problem) for problem in decreases]
        lines.append(
            ngettext(
                "{count} warning across publications: figures that go down may be right "
                "(a project abandoned); check them against the releases",
                "{count} warnings across publications: figures that go down may be right "
                "(a project abandoned); check them against the releases",
                len(decreases),
            ).format(count=len(decreases))
        )
    return lines


# --- what changed, for the person who checks it before publishing ----------------------


def _department_line(
    code: str, before: DepartmentFigures | None, after: DepartmentFigures | None
) -> str:
    if after is None:
        if before is None:
            return _("({code}): no figures").format(code=code)
        return _(
            "{name} ({code}): not in the new release (was {projets} projets, {emplois} "
            "emplois): shown as 'Pas de données'"
        ).format(
            name=before.name,
            code=code,
            projets=plain(before.count("projets").worded),
            emplois=plain(before.count("emplois").worded),
        )
    if before is None:
        return _("{name} ({code}): new, {projets} projets, {emplois} emplois").format(
            name=after.name,
            code=code,
            projets=plain(after.count("projets").worded),
            emplois=plain(after.count("emplois").worded),
        )
    changes = [
        f"{column} {plain(before.count(column).worded)} → {plain(after.count(column).worded)}"
        for column in ("projets", "emplois")
        if plain(before.count(column).worded) != plain(after.count(column).worded)
    ]
    return _("{name} ({code}): {changes}").format(
        name=after.name, code=code, changes=", ".join(changes) if changes else _("unchanged")
    )


def change_lines(update: Update) -> list[str]:
    """Per department, then per fact: before → after."""
    if update.before is None:
        lines = [_("Note: {message}; the new figures are:").format(message=update.before_problem)]
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
            lines.append(
                _("{key}: {old} → removed (the new release does not give it)").format(
                    key=key, old=_fact(old)
                )
            )
        elif old is None:
            lines.append(_("{key}: {new} (new)").format(key=key, new=_fact(new)))
        else:
            lines.append(_("{key}: {old} → {new}").format(key=key, old=_fact(old), new=_fact(new)))
    if update.facts.get(FICTITIOUS_KEY) is True:
        lines.append(
            _(
                "{key}: true, kept from the previous facts: every title says FICTIF; if this "
                "release's figures are real, remove the key from the facts file by hand"
            ).format(key=FICTITIOUS_KEY)
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
            _("... and {more} more problems ({total} in all; the first {shown} are shown)").format(
                more=total - MAX_PROBLEMS_SHOWN, total=total, shown=MAX_PROBLEMS_SHOWN
            )
        )
    return lines


# What to type, for the usage mistakes people make with 'update' (the README's command).
SOURCE_EXAMPLE = '--source "Région Auvergne-Rhône-Alpes, communiqué de presse"'
_MISSING_HINTS = {
    "source": N_("; give who published the figures, in quotes: {example}"),
    "date": N_("; give the release's date, such as --date 2023-06-14"),
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
    extra = _extra_arguments(message)
    if extra and params.get("source"):
        typed = f"{params['source']} {extra}"
        message += _(
            "; a value of several words goes in quotes: if these words are the source, "
            "type --source {typed}"
        ).format(typed=_quoted(typed))
    elif extra:
        message += _("; a value of several words goes in quotes, such as {example}").format(
            example=SOURCE_EXAMPLE
        )
    elif isinstance(exc, click.MissingParameter) and exc.param is not None:
        hint = _MISSING_HINTS.get(exc.param.name or "")
        if hint:
            message += _(hint).format(example=SOURCE_EXAMPLE)
    return _("{message} (see '{command} --help')").format(message=message, command=command_path)


# click's refusal of arguments it did not expect, in English and as the catalogue words it
# (cli_base.use_for_libraries): an unquoted --source of several words gives it.
_EXTRA_ARGUMENTS = (
    "Got unexpected extra argument ({args})",
    "Got unexpected extra arguments ({args})",
)


def _extra_arguments(message: str) -> str | None:
    """The arguments click did not expect, from its message in either language."""
    singular, plural = _EXTRA_ARGUMENTS
    for text in (singular, plural, ngettext(singular, plural, 1), ngettext(singular, plural, 2)):
        head = text.partition("{args}")[0]
        if message.startswith(head) and message.endswith(")"):
            return message[len(head) : -1]
    return None


def note_lines(notes: Sequence[object]) -> list[str]:
    """What 'extract' notes about a release: the first notes, then how many more."""
    lines = [_("Note: {message}").format(message=note) for note in notes[:MAX_LISTED]]
    more = len(notes) - MAX_LISTED
    if more > 0:
        lines.append(
            ngettext(
                "Note: ... and {count} more note", "Note: ... and {count} more notes", more
            ).format(count=more)
        )
    return lines


def skipped_lines(problems: Sequence[object]) -> list[str]:
    """The release's lines 'extract --partial' skipped: the first ones, then how many more."""
    lines = [
        _("Warning: {message} (skipped)").format(message=problem)
        for problem in problems[:MAX_LISTED]
    ]
    more = len(problems) - MAX_LISTED
    if more > 0:
        lines.append(
            ngettext(
                "Warning: ... and {count} more line skipped",
                "Warning: ... and {count} more lines skipped",
                more,
            ).format(count=more)
        )
    return lines


def extract_written_lines(
    found: Extraction, written: Iterable[Path], output: Path | None, totals: Path | None
) -> list[str]:
    """What 'extract' wrote, and whether the release gave regional totals."""
    count = len(found.rows)
    rows = ngettext("{count} department", "{count} departments", count).format(count=count)
    lines = [
        _("wrote {path} ({what})").format(
            path=path, what=rows if path == output else _("regional totals")
        )
        for path in written
    ]
    if not found.totals:
        if totals is None:
            lines.append(_("no regional totals found"))
        else:
            lines.append(_("no regional totals found; {path} not written").format(path=totals))
    return lines


def converted_lines(data: Path, facts: Path, folder: Path) -> list[str]:
    """What 'publications init' did, and what the next update does."""
    return [
        _("moved {data} and {facts} into {folder}/").format(data=data, facts=facts, folder=folder),
        _(
            "{publications}/ now holds the publications: 'relocmap update' adds each new "
            "release there as a new publication, and 'validate' and 'build' read them all"
        ).format(publications=folder.parent),
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
    message = text.splitlines()[0] if text else category.__name__
    click.echo(_("Warning: {message}").format(message=message), err=True)
