"""The desk's words: French labels of the precisions, and every problem as a French
sentence that keeps its file, line and column (and, for the figures, the table's row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from relocmap.base.errors import Problem, one_line
from relocmap.base.precision import Precision

PRECISION_LABELS = {
    Precision.EXACT.value: "exact",
    Precision.ENVIRON.value: "environ",
    Precision.PRES_DE.value: "près de",
    Precision.PLUS_DE.value: "plus de",
}
COLUMN_LABELS = {
    "code": "code",
    "departement": "département",
    "projets": "projets",
    "emplois": "emplois",
    "emplois_precision": "précision des emplois",
    "projets_precision": "précision des projets",
    "note": "note",
}
# The library's reasons come in French from its catalogue (the desk speaks French: see
# app._speak_french), the same words as 'validate' prints under a French locale; these
# are the desk's own.
# The desk's own reasons, as codes its pages word in French (REASONS).
MISMATCH_NOT_ACCEPTED = "total mismatch not accepted"
RELEASE_GONE = "release not found: read it again"
REFUSED_LINES_PENDING = "refused lines not seen to"
REASONS = {
    MISMATCH_NOT_ACCEPTED: (
        "rien ne peut être publié ainsi : corrigez les chiffres s'ils ont été mal lus, ou "
        "cochez « accepter l'écart » si la Région les a publiés ainsi"
    ),
    RELEASE_GONE: "communiqué introuvable : lisez-le de nouveau",
    REFUSED_LINES_PENDING: (
        "des lignes du communiqué n'ont pas pu être lues : remplissez-les dans le tableau, "
        "puis cochez « J'ai traité les lignes refusées »"
    ),
    "file not found": "fichier introuvable",
}


def french_reason(reason: str) -> str:
    """The library's ``reason`` in French when the desk knows it, else as it is."""
    if reason in REASONS:
        return REASONS[reason]
    return reason


@dataclass(frozen=True)
class Message:
    """A problem as the desk shows it: where (in French) and what."""

    where: str
    reason: str
    row: int | None = None  # the row of the corrected table, for a figures problem

    def __str__(self) -> str:
        return f"{self.where} : {self.reason}"


def french(problem: Problem, release: Path | None = None, figures: Path | None = None) -> Message:
    """``problem`` in French: the release kept by the desk is called "le communiqué",
    a line of the figures CSV is also given as the row of the table (line 2: row 1)."""
    path = problem.path
    where = "le communiqué" if release is not None and path == str(release) else path
    row = None
    if problem.line is not None:
        where += f", ligne {problem.line}"
        if figures is not None and path == str(figures) and problem.line > 1:
            row = problem.line - 1
            where += f" (ligne {row} du tableau)"
    if problem.column is not None:
        where += f", colonne « {COLUMN_LABELS.get(problem.column, problem.column)} »"
    return Message(one_line(where), one_line(french_reason(problem.reason)), row)


def french_all(
    problems: Iterable[Problem], release: Path | None = None, figures: Path | None = None
) -> list[Message]:
    """Every problem in French, in the order given."""
    return [french(p, release, figures) for p in problems]


BUSY = (
    "Une autre publication est en cours sur ce projet : rien n'a été écrit. "
    "Attendez qu'elle se termine, puis publiez de nouveau."
)
CSRF_REFUSED = (
    "Demande refusée : elle ne vient pas d'une page du bureau (jeton de formulaire absent "
    "ou périmé). Rien n'a été écrit ; rechargez la page et recommencez."
)
HOST_REFUSED = "Demande refusée : ce bureau ne répond qu'à l'adresse où il a été lancé."
TOO_LARGE = (
    "Fichier trop volumineux : le bureau accepte un communiqué de {limit} au plus. "
    "Rien n'a été écrit."
)
WRONG_TYPE = (
    "Type de fichier refusé : « {name} ». Déposez le communiqué en texte (.txt) ou en "
    "page web (.html, .htm). Rien n'a été écrit."
)
NO_RELEASE = "Collez le texte du communiqué ou déposez son fichier (.txt, .html)."
TWO_RELEASES = "Collez le texte ou déposez un fichier, pas les deux."
TOO_MANY_ROWS = "Le tableau a trop de lignes ({count}) : {limit} au plus."
NOT_FOUND = "Page introuvable."
