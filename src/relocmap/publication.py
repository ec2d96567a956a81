"""Facts of the publication the figures come from (data/publication.json)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from .errors import InputError, Problem
from .load import read_json
from .numbers import fr_group_spaces


@dataclass(frozen=True)
class Publication:
    """What the press release says beyond the per-department figures."""

    region: str
    source: str
    source_date: str
    adoption_plan: str
    budget_plan: str
    objectif_emplois: int
    objectif_duree_ans: int
    total_projets_publie: int
    total_projets_formulation: str
    total_emplois_publie: int
    total_emplois_formulation: str
    projets_annonces_prochainement: int | None = None


# Whole-number keys and the smallest value each may take (an objective of 0 jobs
# or 0 years means nothing, and would divide by zero in the progress bar).
_MINIMUM = {
    "objectif_emplois": 1,
    "objectif_duree_ans": 1,
    "total_projets_publie": 0,
    "total_emplois_publie": 0,
    "projets_annonces_prochainement": 0,
}


def _check(name: str, value: object) -> str | None:
    """What is wrong with one value, or None."""
    if name in _MINIMUM:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
        if value < _MINIMUM[name]:
            return f"expected a whole number ≥ {_MINIMUM[name]}, got {value!r}"
        return None
    if not isinstance(value, str):
        return f"expected text, got {value!r}"
    return None


def read_publication(path: str | Path) -> Publication:
    """Read and check the publication facts; report every missing or mistyped key."""
    raw = read_json(path)
    problems = []
    values = {}
    for spec in fields(Publication):
        optional = spec.default is None
        if spec.name not in raw:
            if not optional:
                problems.append(Problem(str(path), f"missing key {spec.name!r}"))
            continue
        value = raw[spec.name]
        reason = None if (value is None and optional) else _check(spec.name, value)
        if reason:
            problems.append(Problem(str(path), f"key {spec.name!r}: {reason}"))
        else:
            values[spec.name] = value
    unknown = sorted(set(raw) - {spec.name for spec in fields(Publication)})
    problems += [Problem(str(path), f"unknown key {name!r}") for name in unknown]
    if problems:
        raise InputError(problems)
    # Wordings are shown as they are: group their thousands the French way once, here.
    for key in ("total_projets_formulation", "total_emplois_formulation"):
        values[key] = fr_group_spaces(values[key])
    return Publication(**values)
