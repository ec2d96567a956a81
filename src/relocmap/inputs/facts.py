"""Facts of the publication the figures come from (``data/publication.json``).

:func:`read_facts` reads the file through the project's one bounded reader
(:mod:`relocmap.files.reading`: only a regular file of at most :data:`MAX_BYTES`)
and checks it against its JSON Schema (:mod:`relocmap.inputs.facts_schema`),
reporting every problem at once; :func:`read_publication` gives the
:class:`Publication` of checked facts.

Only ``source_date`` and ``source`` are required; every other fact is optional,
and what the maps show of it is left out when it is absent (``null`` is the same
as absent).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relocmap.base.counts import Count
from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import N_, _
from relocmap.base.numbers import fr_group_spaces
from relocmap.base.precision import Precision
from relocmap.files.reading import decode_utf8, read_input_bytes
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts_schema import check_facts, known_keys, parse_facts_text

MAX_BYTES = 64 * 1024  # a facts file is a few hundred bytes; 64 KB leaves room for notes
MAX_PROBLEMS = 20  # more are summarised in one line
# Facts about the plan rather than about one release: 'relocmap update' keeps them.
PLAN_KEYS = ("adoption_plan", "budget_plan", "objectif_emplois", "objectif_duree_ans")
# The nouns of the forward-looking figures a release may announce for the region.
ANNOUNCED_NOUNS = ("projets", "emplois")


def announced_keys(noun: str) -> tuple[str, str, str, str]:
    """The facts' keys of an announced figure: its number, precision, wording and horizon
    (``projets_annonces_prochainement``, ``projets_annonces_precision``…)."""
    return (
        f"{noun}_annonces_prochainement",
        f"{noun}_annonces_precision",
        f"{noun}_annonces_formulation",
        f"{noun}_annonces_echeance",
    )


# True when the figures were invented (tests, examples): every title then says FICTIF.
FICTITIOUS_KEY = "donnees_fictives"
TOTAL_COLUMNS = ("projets", "emplois")


def accepted_mismatch_keys(column: str) -> tuple[str, str, str]:
    """The keys recording that a total's mismatch with the departments' sum was accepted:
    the total as published, the departments' sum, and the day it was accepted."""
    prefix = f"ecart_accepte_{column}"
    return f"{prefix}_total_publie", f"{prefix}_somme_departements", f"{prefix}_le"


@dataclass(frozen=True)
class AcceptedMismatch:
    """A published total that contradicts the departments' sum, accepted once (the Région
    published them so) and recorded with the facts: these two figures, no others."""

    column: str  # 'projets' or 'emplois'
    total: int
    given: int  # the departments' sum
    date: PartialDate | None  # when it was accepted ('update' always writes it)


@dataclass(frozen=True)
class Announcement:
    """A forward-looking regional figure: "une centaine de nouveaux projets" (its count as
    published) "d'ici fin 2025" (its horizon, when the release gives one)."""

    count: Count
    horizon: str | None = None


@dataclass(frozen=True)
class Publication:
    """What the press release says beyond the per-department figures.

    Only the date and the source are always there; every other fact may be None.
    """

    source: str
    source_date: PartialDate
    total_projets: Count | None = None
    total_emplois: Count | None = None
    projets_annonces: Announcement | None = None
    emplois_annonces: Announcement | None = None
    adoption_plan: PartialDate | None = None
    budget_plan: str | None = None
    objectif_emplois: int | None = None
    objectif_duree_ans: int | None = None
    # The figures were invented (tests, examples): every title says so.
    donnees_fictives: bool = False
    ecarts_acceptes: tuple[AcceptedMismatch, ...] = ()

    def accepted_mismatch(self, column: str) -> AcceptedMismatch | None:
        """The recorded decision about this total's mismatch, if there is one."""
        return next((a for a in self.ecarts_acceptes if a.column == column), None)


def _bounded(problems: list[Problem], path: str | Path) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    more = _("… and {count} more problems").format(count=rest)
    return [*problems[:MAX_PROBLEMS], Problem(str(path), more)]


# --- from checked facts to a Publication ----------------------------------------------


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return fr_group_spaces(value) if isinstance(value, str) else None


def _total(raw: Mapping[str, Any], what: str) -> Count | None:
    value = raw.get(f"total_{what}_publie")
    if value is None:
        return None
    precision = raw.get(f"total_{what}_precision") or Precision.EXACT
    formulation = _text(raw, f"total_{what}_formulation")
    return Count(int(value), Precision(precision), formulation=formulation)


def _accepted(raw: Mapping[str, Any]) -> tuple[AcceptedMismatch, ...]:
    found = []
    for column in TOTAL_COLUMNS:
        total, given, date = (raw.get(key) for key in accepted_mismatch_keys(column))
        if total is not None and given is not None:
            when = PartialDate.parse(date) if date is not None else None
            found.append(AcceptedMismatch(column, total, given, when))
    return tuple(found)


def _announced(raw: Mapping[str, Any], noun: str) -> Announcement | None:
    value_key, precision_key, formulation_key, horizon_key = announced_keys(noun)
    value = raw.get(value_key)
    if value is None:
        return None
    precision = Precision(raw.get(precision_key) or Precision.EXACT)
    count = Count(int(value), precision, formulation=_text(raw, formulation_key))
    return Announcement(count, _text(raw, horizon_key))


def publication_from_facts(raw: Mapping[str, Any]) -> Publication:
    """The Publication of facts already checked by :func:`check_facts`."""
    adoption = raw.get("adoption_plan")
    return Publication(
        source=str(raw["source"]),
        source_date=PartialDate.parse(raw["source_date"]),
        total_projets=_total(raw, "projets"),
        total_emplois=_total(raw, "emplois"),
        projets_annonces=_announced(raw, "projets"),
        emplois_annonces=_announced(raw, "emplois"),
        adoption_plan=PartialDate.parse(adoption) if adoption is not None else None,
        budget_plan=_text(raw, "budget_plan"),
        objectif_emplois=raw.get("objectif_emplois"),
        objectif_duree_ans=raw.get("objectif_duree_ans"),
        donnees_fictives=raw.get(FICTITIOUS_KEY) is True,
        ecarts_acceptes=_accepted(raw),
    )


def read_facts(path: str | Path) -> dict[str, Any]:
    """The facts of a file, checked against the schema (raw JSON values), or InputError."""
    path = Path(path)
    text = decode_utf8(path, read_input_bytes(path, limit=MAX_BYTES, expected=N_("a JSON file")))
    if not text.strip():
        raise InputError.single(
            path, _("file is empty; expected a JSON object of facts (see data/README.md)")
        )
    raw = parse_facts_text(path, text)
    problems = check_facts(path, raw, text)
    if problems:
        raise InputError(_bounded(problems, path))
    return dict(raw)


def read_publication(path: str | Path) -> Publication:
    """Read and check the publication facts; report every problem at once."""
    return publication_from_facts(read_facts(path))


def facts_json(facts: Mapping[str, Any]) -> str:
    """Facts as written to data/publication.json: the schema's key order, UTF-8, indented."""
    order = {key: position for position, key in enumerate(known_keys())}
    ordered = {key: facts[key] for key in sorted(facts, key=lambda k: order.get(k, len(order)))}
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"
