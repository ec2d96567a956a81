"""The short text summary that 'relocmap validate' prints (English, for the terminal)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .consistency import Concern
from .pipeline import Inputs


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
