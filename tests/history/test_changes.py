"""The change of each department from one publication to the next (figures FICTITIOUS)."""

from __future__ import annotations

import pandas as pd

from relocmap.base.counts import Count
from relocmap.base.precision import Precision
from relocmap.history.changes import (
    DepartmentFigures,
    Status,
    changes,
    decreases,
    figures_of,
    signed,
)


def dep(
    name: str, projets: int, emplois: int, emplois_precision: str = "exact"
) -> DepartmentFigures:
    return DepartmentFigures(name, Count(projets), Count(emplois, Precision(emplois_precision)))


def test_the_first_publication_has_no_change() -> None:
    assert changes([("2022", {"01": dep("Ain", 20, 400)})]) == {}


def test_followed_department_gets_its_differences() -> None:
    result = changes([("2022", {"01": dep("Ain", 20, 400)}), ("2023", {"01": dep("Ain", 24, 520)})])
    change = result["2023"]["01"]
    assert change.status is Status.FOLLOWED
    assert (change.delta("projets"), change.delta("emplois")) == (4, 120)
    assert change.delta_words("emplois") == "+120"
    assert change.previous_publication == "2022"


def test_a_decrease_is_worded_with_the_minus_sign_and_listed() -> None:
    pubs = [("2022", {"42": dep("Loire", 20, 1450)}), ("2023", {"42": dep("Loire", 21, 420)})]
    change = changes(pubs)["2023"]["42"]
    assert change.delta("emplois") == -1030
    assert change.delta_words("emplois") == "\u22121\u202f030"
    assert [(c.code, column) for c, column in decreases(pubs)] == [("42", "emplois")]


def test_no_change_is_zero_and_not_approximate() -> None:
    pubs = [
        ("2022", {"38": dep("Isère", 2, 670, "pres_de")}),
        ("2023", {"38": dep("Isère", 2, 670, "pres_de")}),
    ]
    change = changes(pubs)["2023"]["38"]
    assert change.delta_words("emplois") == "0"
    assert decreases(pubs) == []


def test_precision_words_are_kept() -> None:
    pubs = [
        ("2022", {"38": dep("Isère", 20, 600, "pres_de")}),
        ("2023", {"38": dep("Isère", 22, 670, "exact")}),
    ]
    change = changes(pubs)["2023"]["38"]
    assert change.previous is not None and change.current is not None
    assert change.previous.emplois.worded == "près de 600"
    assert change.current.emplois.worded == "670"
    assert change.approximate("emplois") and not change.approximate("projets")
    assert change.delta_words("emplois") == "environ +70"
    assert change.delta_words("projets") == "+2"


def test_new_department() -> None:
    result = changes(
        [
            ("2022", {"01": dep("Ain", 1, 2)}),
            ("2023", {"01": dep("Ain", 1, 2), "15": dep("Cantal", 2, 40)}),
        ]
    )
    change = result["2023"]["15"]
    assert change.status is Status.NEW and change.previous is None
    assert change.delta("emplois") is None
    assert change.delta_words("emplois") == "nouveau"


def test_dropped_department() -> None:
    result = changes(
        [
            ("2022", {"07": dep("Ardèche", 6, 150), "01": dep("Ain", 1, 2)}),
            ("2023", {"01": dep("Ain", 1, 2)}),
        ]
    )
    change = result["2023"]["07"]
    assert change.status is Status.DROPPED and change.current is None
    assert change.previous == dep("Ardèche", 6, 150)
    assert change.delta_words("projets") == "retiré"


def test_department_back_after_a_gap_is_not_new() -> None:
    a = dep("Ardèche", 6, 150)
    result = changes([("2022", {"07": a}), ("2023", {}), ("2024", {"07": a})])
    assert result["2023"]["07"].status is Status.DROPPED
    assert result["2024"]["07"].status is Status.BACK
    assert result["2024"]["07"].delta_words("emplois") == "de retour"


def test_a_department_in_neither_publication_has_no_change() -> None:
    result = changes([("2022", {"01": dep("Ain", 1, 2)}), ("2023", {"01": dep("Ain", 1, 2)})])
    assert set(result["2023"]) == {"01"}


def test_signed() -> None:
    assert [signed(v) for v in (1200, -15, 0)] == ["+1\u202f200", "\u221215", "0"]


def test_figures_of_a_checked_frame() -> None:
    frame = pd.DataFrame(
        {
            "code": ["38"],
            "departement": ["Isère"],
            "projets": [26],
            "emplois": [670],
            "emplois_precision": [Precision.PRES_DE],
            "projets_precision": [Precision.EXACT],
            "line": [7],
        }
    ).set_index("code", drop=False)
    assert figures_of(frame) == {
        "38": DepartmentFigures("Isère", Count(26), Count(670, Precision.PRES_DE), 7)
    }
