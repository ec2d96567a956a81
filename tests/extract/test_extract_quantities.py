"""relocmap.extract.quantities: numbers of projects and jobs with their precision.

Every number below is fictitious.
"""

from __future__ import annotations

import pytest

from relocmap.base.precision import Precision
from relocmap.extract.quantities import Figure, Quantity, find_figures, squeeze
from relocmap.extract.vocabulary import JOBS, PROJECTS


def one(text: str) -> Quantity:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    assert figures[0].flaw is None, figures[0].flaw
    quantity = figures[0].quantity
    assert quantity is not None
    return quantity


@pytest.mark.parametrize(
    ("text", "value", "precision", "amount"),
    [
        ("30 projets", 30, Precision.EXACT, "30"),
        ("près de 300 emplois", 300, Precision.PRES_DE, "près de 300"),
        ("une centaine de projets", 100, Precision.ENVIRON, "une centaine"),
        ("plus de 5 300 emplois", 5300, Precision.PLUS_DE, "plus de 5 300"),
        ("environ 1.220 emplois", 1220, Precision.ENVIRON, "environ 1.220"),
        ("soixante et onze emplois", 71, Precision.EXACT, "soixante et onze"),
        ("~40 projets", 40, Precision.ENVIRON, "~40"),
    ],
)
def test_amount_and_precision(text: str, value: int, precision: Precision, amount: str) -> None:
    quantity = one(f"Fictitious release: {text} ont été annoncés.")
    assert (quantity.value, quantity.precision, quantity.amount) == (value, precision, amount)


def test_kind_noun_and_span() -> None:
    text = "Dans l'Ain, 30 projets pour près de 610 emplois"
    projects, jobs = find_figures(text)
    assert (projects.kind, jobs.kind) == (PROJECTS, JOBS)
    assert text[projects.start : projects.end] == "30 projets"
    assert text[jobs.start : jobs.end] == "près de 610 emplois"
    assert jobs.quantity is not None and jobs.quantity.noun == "emplois"


def test_noun_with_de_is_kept_in_the_wording() -> None:
    quantity = one("une vingtaine de créations d'emplois")
    assert quantity.noun == "de créations d'emplois"
    assert quantity.words == "une vingtaine de créations d'emplois"
    assert quantity.note == "« une vingtaine » de créations d'emplois"


def test_line_at_gives_each_quantity_its_line() -> None:
    text = "12 projets\n340 emplois"
    figures = find_figures(text, lambda offset: 7 if offset < 11 else 8)
    assert [f.quantity.line for f in figures if f.quantity] == [7, 8]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("moins de 300 emplois", "is a bound or a range"),
        ("200 à 300 emplois", "is a bound or a range"),
        ("1,2 millier d'emplois", "is not a whole number"),
        ("+300 emplois", "is a change, not a count"),
        ("11 et 7 projets", "is a list of numbers; expected one"),
    ],
)
def test_unreadable_figures_are_flaws_never_guesses(text: str, reason: str) -> None:
    (figure,) = find_figures(text)
    assert figure.quantities == ()
    assert figure.quantity is None
    assert figure.flaw is not None and reason in figure.flaw


def test_lists_are_read_with_respectivement() -> None:
    (figure,) = find_figures("comptent respectivement 11 et 7 projets")
    assert [q.value for q in figure.quantities] == [11, 7]
    assert figure.quantity is None  # a list is no single quantity


def test_words_without_a_number_are_no_figure() -> None:
    assert find_figures("des centaines de projets et plusieurs emplois") == []
    assert find_figures("aucun chiffre ici") == []


def test_figure_quantity_is_none_with_a_flaw() -> None:
    quantity = Quantity(3, Precision.EXACT, "3", "projets")
    assert Figure(PROJECTS, 0, 1, (quantity,), flaw="fictitious flaw").quantity is None
    assert Figure(PROJECTS, 0, 1, (quantity,)).quantity == quantity


def test_squeeze() -> None:
    assert squeeze("  près\u00a0de \n 300  ") == "près de 300"
