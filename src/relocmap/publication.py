"""Facts of the publication the figures come from (data/publication.json)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from .errors import InputError, Problem
from .load import read_json


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


def read_publication(path: str | Path) -> Publication:
    """Read and check the publication facts; report every missing or mistyped key."""
    raw = read_json(path)
    problems = []
    values = {}
    for spec in fields(Publication):
        wanted = int if "int" in str(spec.type) else str
        optional = "None" in str(spec.type)
        if spec.name not in raw:
            if not optional:
                problems.append(Problem(str(path), f"missing key {spec.name!r}"))
            continue
        value = raw[spec.name]
        if (value is None and optional) or (isinstance(value, wanted) and not isinstance(value, bool)):
            values[spec.name] = value
        else:
            problems.append(Problem(str(path), f"key {spec.name!r}: expected "
                                    f"{'a whole number' if wanted is int else 'text'}, got {value!r}"))
    unknown = sorted(set(raw) - {spec.name for spec in fields(Publication)})
    problems += [Problem(str(path), f"unknown key {name!r}") for name in unknown]
    if problems:
        raise InputError(problems)
    return Publication(**values)
