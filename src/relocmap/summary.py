"""The short text summary that 'relocmap validate' prints (English, for the terminal)."""

from __future__ import annotations

from pathlib import Path

from .pipeline import Inputs


def summary_lines(path: Path, inputs: Inputs) -> list[str]:
    """Rows, sums, the published totals and their differences."""
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
    sums = {"projets": int(frame["projets"].sum()), "emplois": int(frame["emplois"].sum())}
    pub = inputs.publication
    published = (
        {"projets": pub.total_projets_publie, "emplois": pub.total_emplois_publie} if pub else {}
    )
    for column, total in sums.items():
        line = f"{column}: sum of departments {total}"
        if column in published:
            diff = total - published[column]
            line += f", published total {published[column]}, difference {diff:+d}"
        lines.append(line)
    return lines
