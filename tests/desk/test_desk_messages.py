"""Every problem the desk shows is French and keeps the file, line and column (and the
table's row): the library's reasons in the words 'validate' prints under a French locale
(its catalogue), each case made by the library itself from a corrected form."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from desk_support import (
    BASE_URL,
    RELEASE,
    RELEASE_MISMATCH,
    SOURCE,
    client,
    csrf_of,
    forms,
    problems_of,
    project_copy,
)

from relocmap.base.errors import Problem
from relocmap.desk.messages import french

CSV = "data/relocalisations.csv, ligne 2 (ligne 1 du tableau), colonne"
FACTS = "data/publication.json, ligne"


@pytest.fixture(scope="module")
def read_form(tmp_path_factory, repo_root):
    """The desk on a copy of the project, and the correction form of the FICTITIOUS
    release (Ain on the table's first row)."""
    root = project_copy(tmp_path_factory.mktemp("projet"), repo_root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        desk = client(root)
        csrf = csrf_of(desk.get("/", base_url=BASE_URL).text)
        data = {"csrf": csrf, "texte": RELEASE, "date": "2023-06-14", "source": SOURCE}
        page = desk.post("/lire", data=data, base_url=BASE_URL)
        yield desk, forms(page.text)["corrections"]


CASES = {
    "negative": (
        {"projets-0": "-5"},
        f"{CSV} « projets » : nombre entier ≥ 0 attendu (comme 1220 ou 1 220), reçu '-5'",
    ),
    "words": (
        {"emplois-0": "beaucoup"},
        f"{CSV} « emplois » : nombre entier ≥ 0 attendu (comme 1220 ou 1 220), reçu "
        "'beaucoup' ; écrivez le nombre en chiffres, et environ, pres_de ou plus_de dans "
        "emplois_precision si le communiqué le donne de façon approchée",
    ),
    "empty": (
        {"emplois-0": ""},
        f"{CSV} « emplois » : cellule vide, une valeur est requise ; un département sans "
        "chiffres publiés n’a pas de ligne (la carte l’affiche comme 'Pas de données')",
    ),
    "code": (
        {"code-0": "99"},
        f"{CSV} « code » : code de département inconnu '99' ; un code INSEE est attendu, "
        "comme 01, 2A ou 974",
    ),
    "precision": (
        {"emplois_precision-0": "vers"},
        f"{CSV} « précision des emplois » : précision inconnue 'vers' ; une valeur parmi "
        "exact, environ, pres_de, plus_de est attendue",
    ),
    "twice": (
        {"code-1": "01", "departement-1": "Ain"},
        "data/relocalisations.csv, ligne 3 (ligne 2 du tableau), colonne « code » : "
        "département 01 déjà donné à la ligne 2",
    ),
    "name": (
        {"departement-0": "Ainn"},
        f"{CSV} « département » : le nom 'Ainn' ne correspond pas au code 01 (Ain) ; "
        "vérifiez le code ou le nom",
    ),
    "huge": (
        {"projets-0": "9" * 5000},
        f"{CSV} « projets » : au plus 1000000 attendu (une faute de frappe ?), reçu un "
        "nombre de 5000 chiffres",
    ),
    "date": (
        {"date": "14/06/2023"},
        f"{FACTS} 2 : clé 'source_date' : \"14/06/2023\" n’est pas une date ISO 8601 : "
        "écrivez 2023-06-14",
    ),
    "source": (
        {"source": ""},
        f"{FACTS} 3 : clé 'source' : est vide ; écrivez le fait, ou retirez la clé",
    ),
    "total": (
        {"total_projets_publie": "deux cents"},
        f"{FACTS} 4 : clé 'total_projets_publie' : un nombre entier attendu, reçu \"deux cents\"",
    ),
    "total-precision": (
        {"total_projets_precision": "vers"},
        f"{FACTS} 5 : clé 'total_projets_precision' : valeur inconnue \"vers\" ; une valeur "
        "parmi exact, environ, pres_de, plus_de est attendue",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_corrected_figure_gets_a_french_message_with_its_place(read_form, case):
    desk, fields = read_form
    change, expected = CASES[case]
    page = desk.post("/verifier", data={**fields, **change}, base_url=BASE_URL)
    assert page.status_code == 400
    assert problems_of(page.text) == [expected]


def test_a_total_mismatch_is_explained_in_french(read_form):
    desk, _ = read_form
    csrf = csrf_of(desk.get("/", base_url=BASE_URL).text)
    data = {"csrf": csrf, "texte": RELEASE_MISMATCH, "date": "2023-06-14", "source": SOURCE}
    page = desk.post("/lire", data=data, base_url=BASE_URL)
    assert problems_of(page.text) == [
        "data/publication.json : projets : le total du communiqué lui-même, 300 (« 300 "
        "projets », exact), et la somme de ses départements, 212, diffèrent de 88, plus que "
        "cette formulation ne le permet ; vérifiez que le total a été lu dans la bonne phrase "
        "et qu’aucun département n’a été oublié ou mal saisi",
        "data/publication.json : rien ne peut être publié ainsi : corrigez les chiffres s'ils "
        "ont été mal lus, ou cochez « accepter l'écart » si la Région les a publiés ainsi",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\x00 FICTIF",
            "le communiqué, ligne 1 : pas un fichier texte : il contient des données binaires "
            "(octet NUL)",
        ),
        (
            b"Bonjour, texte FICTIF sans chiffres.",
            "le communiqué : aucun chiffre par département trouvé ; des lignes comme « Dans "
            "l'Ain, 30 projets … 610 emplois » sont attendues",
        ),
    ],
    ids=["binary", "no-figures"],
)
def test_a_release_that_cannot_be_read_gets_a_french_message(read_form, content, expected):
    desk, _ = read_form
    csrf = csrf_of(desk.get("/", base_url=BASE_URL).text)
    data = {"csrf": csrf, "date": "2023-06-14", "source": SOURCE}
    data["fichier"] = (io.BytesIO(content), "communique.txt")  # type: ignore[assignment]
    page = desk.post("/lire", data=data, base_url=BASE_URL, content_type="multipart/form-data")
    assert page.status_code == 400
    assert problems_of(page.text) == [expected]


def test_an_unknown_reason_is_kept_whole_with_its_place_in_french():
    problem = Problem("data/relocalisations.csv", "something new", line=4, column="note")
    figures = Path("data/relocalisations.csv")
    assert str(french(problem, figures=figures)) == (
        "data/relocalisations.csv, ligne 4 (ligne 3 du tableau), colonne « note » : something new"
    )
