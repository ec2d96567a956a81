"""The short text summary that 'relocmap validate' prints (English, for the terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from relocmap.history.folder import History, decrease_warnings
from relocmap.inputs.checked import Inputs
from relocmap.inputs.consistency import Concern, headline_concerns


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
        lines.append(line)
    lines += warning_lines(concerns)
    return lines


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
