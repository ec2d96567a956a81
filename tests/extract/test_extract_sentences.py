"""relocmap.extract.sentences and .extractor: one sentence, one paragraph read into rows,
totals, problems and notes.

Every figure below is fictitious.
"""

from __future__ import annotations

import pytest

from relocmap.base.precision import Precision
from relocmap.extract.collector import Collector
from relocmap.extract.extractor import Extractor
from relocmap.extract.found import Extraction
from relocmap.extract.places import PlaceNames
from relocmap.extract.sentences import Context, SentenceReader
from relocmap.extract.statements import Statement
from relocmap.extract.text import text_paragraphs

PLACES = PlaceNames(
    {"01": "Ain", "25": "Doubs", "39": "Jura", "42": "Loire", "69": "Rhône"},
    ["Auvergne-Rhône-Alpes"],
)
NO_CONTEXT = Context(lambda: False, lambda: False)


def read_sentence(text: str, context: Context = NO_CONTEXT) -> Collector:
    collector = Collector("fictitious.txt")
    SentenceReader(collector).read(Statement(text, ((0, 5),)), PLACES.find(text), context)
    return collector


def extract(text: str) -> Extraction:
    extractor = Extractor(PLACES, "fictitious.txt")
    for paragraph in text_paragraphs(text):
        extractor.read_paragraph(paragraph)
    return extractor.result()


def test_a_department_sentence_gives_its_row() -> None:
    collector = read_sentence("Dans l'Ain, 30 projets pour près de 610 emplois.")
    ((row,),) = collector.rows.values()
    assert (row.code, row.projects.value, row.jobs.value) == ("01", 30, 610)
    assert row.jobs.precision == Precision.PRES_DE
    assert row.line == 5 and row.words == "Ain, 30 projets pour près de 610 emplois"


def test_respectivement_gives_the_nth_numbers_to_the_nth_department() -> None:
    collector = read_sentence(
        "Le Doubs et le Jura comptent respectivement 11 et 7 projets, pour 290 et 150 emplois."
    )
    values = {code: (r[0].projects.value, r[0].jobs.value) for code, r in collector.rows.items()}
    assert values == {"25": (11, 290), "39": (7, 150)}


def test_a_company_sentence_is_a_note_not_a_row() -> None:
    collector = read_sentence("L'entreprise Dupont, installée dans le Rhône, crée 40 emplois.")
    assert collector.rows == {} and collector.problems == []
    (note,) = collector.notes
    assert "sentence about a company" in note.reason


def test_national_figures_are_ignored_with_a_note() -> None:
    collector = read_sentence("Au plan national, 900 projets et 20 000 emplois.")
    assert collector.totals == [] and collector.rows == {}
    assert "national figures" in collector.notes[0].reason


def test_regional_totals_and_announced_projects_are_kept_apart() -> None:
    collector = read_sentence(
        "La Région a accompagné 190 projets et 5 300 emplois ; 200 projets seront bientôt lancés."
    )
    (totals,) = collector.totals
    assert (totals.projects.value, totals.jobs.value) == (190, 5300)
    (announced,) = collector.announced
    assert announced.quantity.value == 200


def test_a_department_tally_without_a_number_is_a_problem() -> None:
    collector = read_sentence("Dans l'Ain, des projets ont été identifiés.")
    (problem,) = collector.problems
    assert "names Ain but no number of projects could be read" in problem.reason
    assert problem.line == 5


def test_a_place_that_is_no_department_is_a_problem() -> None:
    collector = read_sentence("En Lorraine, 5 projets pour 40 emplois.")
    assert "“Lorraine” is not a French department" in collector.problems[0].reason


def test_extractor_reads_a_list_whose_parts_are_split_by_a_semicolon() -> None:
    found = extract("• Ain : 30 projets ; 610 emplois\n• Loire : 31 projets ; 1 040 emplois\n")
    assert [(r.code, r.projects.value, r.jobs.value, r.line) for r in found.rows] == [
        ("01", 30, 610, 1),
        ("42", 31, 1040, 2),
    ]


def test_extractor_reads_a_text_table_in_a_paragraph() -> None:
    found = extract("Bilan :\nDépartement\tProjets\tEmplois\nAin\t30\t610\nTotal\t42\t760\n")
    assert [(r.code, r.projects.value) for r in found.rows] == [("01", 30)]
    assert [(t.projects.value, t.jobs.value) for t in found.totals] == [(42, 760)]


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        (
            "Dans l'Ain, 30 projets et 610 emplois.",
            "already given on line 1, with the same figures",
        ),
        ("Dans l'Ain, 31 projets et 610 emplois.", "with other figures"),
    ],
)
def test_a_department_given_twice_is_a_problem(second: str, reason: str) -> None:
    found = extract(f"Dans l'Ain, 30 projets et 610 emplois.\n\n{second}\n")
    (problem,) = found.problems
    assert problem.line == 3 and reason in problem.reason
    # Kept for --partial only when both readings agree.
    assert len(found.rows) == (1 if "same" in reason else 0)
