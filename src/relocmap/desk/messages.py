"""The desk's words: French labels of the precisions, and every problem as a French
sentence that keeps its file, line and column (and, for the figures, the table's row)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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
# The desk's own reasons, and the few of the library's it states in French itself; any
# other reason is quoted as the library words it (its French catalogue: issue 19).
# tests/desk/test_desk_messages.py makes each of the library's from its source, so a
# change of wording there fails a test instead of leaving English here.
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


_COLUMN = r"(projets|emplois)"
# (the library's reason, its French form), the first that matches.
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.S), form)
    for pattern, form in (
        (
            r"expected a whole number ≥ 0 \(like 1220 or 1 220\), got '(.*?)'(;.*)?",
            lambda m: (
                f"un nombre entier ≥ 0 est attendu (comme 1220 ou 1 220), reçu « {m[1]} »"
                + (
                    ""
                    if m[2] is None
                    else " ; écrivez le nombre en chiffres, et sa précision "
                    "(environ, près de, plus de) dans la colonne de précision"
                )
            ),
        ),
        (
            r"empty cell, a value is required.*",
            lambda m: (
                "case vide, une valeur est requise (un département sans chiffres publiés "
                "n'a pas de ligne : laissez toute la ligne vide)"
            ),
        ),
        (
            r"unknown department code '(.*)'; expected an INSEE code .*",
            lambda m: (
                f"code de département inconnu « {m[1]} » ; un code INSEE est attendu, "
                "comme 01, 2A ou 974"
            ),
        ),
        (
            r"unknown precision '(.*)'; expected one of .*",
            lambda m: (
                f"précision inconnue « {m[1]} » ; choisissez exact, environ, près de ou plus de"
            ),
        ),
        (
            r"department (\S+) already given on line (\d+)",
            lambda m: f"le département {m[1]} est déjà donné ligne {m[2]}",
        ),
        (
            r"name '(.*)' does not match code (\S+) \((.*)\); check the code or the name",
            lambda m: (
                f"le nom « {m[1]} » ne correspond pas au code {m[2]} ({m[3]}) ; "
                "vérifiez le code ou le nom"
            ),
        ),
        (
            r"expected at most (\d+) \(a typo\?\), got a number of (\d+) digits",
            lambda m: (
                f"au plus {m[1]} est attendu (une faute de frappe ?), reçu un nombre de "
                f"{m[2]} chiffres"
            ),
        ),
        (
            r"expected at most (\d+) \(a typo\?\), got (.*)",
            lambda m: f"au plus {m[1]} est attendu (une faute de frappe ?), reçu {m[2]}",
        ),
        (
            r"key '(\w+)': \"(.*)\" is not an ISO 8601 date: write (\S+)",
            lambda m: f"clé « {m[1]} » : « {m[2]} » n'est pas une date ISO 8601 : écrivez {m[3]}",
        ),
        (
            r"key '(\w+)': is empty; .*",
            lambda m: f"clé « {m[1]} » : elle est vide ; écrivez-la",
        ),
        (
            r"key '(\w+)': expected a whole number, got (.*)",
            lambda m: f"clé « {m[1]} » : un nombre entier est attendu, reçu {m[2]}",
        ),
        (
            r"key '(\w+)': unknown value (.*); expected one of .*",
            lambda m: (
                f"clé « {m[1]} » : valeur inconnue {m[2]} ; choisissez exact, environ, "
                "près de ou plus de"
            ),
        ),
        (
            r"not a (.*?): it holds binary data \(NUL byte\)",
            lambda m: (
                "ce n'est pas du texte : le fichier contient des données binaires (octet NUL)"
            ),
        ),
        (
            r"no figures per department found; expected lines such as (.*)",
            lambda m: (
                "aucun chiffre par département n'a été trouvé ; des lignes comme "
                f"{m[1]} sont attendues"
            ),
        ),
        (
            _COLUMN + r": the release's own total, (\d+) .*?and the sum of its departments, "
            r"(\d+).*",
            lambda m: (
                f"{m[1]} : le total publié ({m[2]}) et la somme des départements ({m[3]}) "
                "diffèrent de plus que la formulation du total ne le permet"
            ),
        ),
        (
            _COLUMN + r": the departments add up to (\d+).*?the published total (\d+).*",
            lambda m: (
                f"{m[1]} : la somme des départements ({m[2]}) et le total publié ({m[3]}) "
                "diffèrent de plus que la formulation du total ne le permet"
            ),
        ),
    )
)


def french_reason(reason: str) -> str:
    """The library's ``reason`` in French when the desk knows it, else as it is."""
    if reason in REASONS:
        return REASONS[reason]
    for pattern, form in _PATTERNS:
        match = pattern.fullmatch(reason)
        if match:
            return form(match)
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
