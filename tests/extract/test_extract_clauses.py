"""relocmap.extract.clauses: which figures of one sentence go with which place.

Every figure below is fictitious.
"""

from __future__ import annotations

import pytest

from relocmap.extract.clauses import (
    figure_clauses,
    figures_first,
    forward_flags,
    horizons,
    is_proper_name,
    leads,
    located_in,
    merged,
    one_each,
    other_count,
    place_first,
    place_words,
)
from relocmap.extract.places import PlaceNames
from relocmap.extract.quantities import find_figures

PLACES = PlaceNames({"01": "Ain", "25": "Doubs", "39": "Jura", "42": "Loire"}, ["Bretagne"])


def test_leads_when_the_place_starts_the_sentence() -> None:
    text = "Dans la Loire, 31 projets"
    assert leads(text, PLACES.find(text)[0])
    text = "Ce sont 31 projets dans la Loire"
    assert not leads(text, PLACES.find(text)[0])


def test_a_department_named_to_place_a_city() -> None:
    text = "à Saint-Étienne (Loire), 31 projets"
    assert located_in(text, PLACES.find(text)[0])
    text = "dans la Loire (31 projets)"
    assert not located_in(text, PLACES.find(text)[0])


@pytest.mark.parametrize(
    ("head", "place"),
    [("En Bretagne, ", "Bretagne"), ("• Lorraine : ", "Lorraine"), ("Ces ", "")],
)
def test_place_words(head: str, place: str) -> None:
    assert place_words(head) == place


def test_is_proper_name() -> None:
    assert is_proper_name("Loire-et-Cher")
    assert is_proper_name("Lorraine")
    assert not is_proper_name("Depuis décembre 2021")
    assert not is_proper_name("les projets")


def test_forward_flags_by_clause() -> None:
    text = "30 projets ont été accompagnés, 50 projets le seront d'ici 2027"
    assert forward_flags(text, find_figures(text)) == [False, True]
    text = "D'ici 2027, 500 projets et 900 emplois"
    assert forward_flags(text, find_figures(text)) == [True, True]


def test_each_clause_has_its_own_tense() -> None:
    # Issue 19: the achieved projects were filed as announced with the jobs' "seront".
    text = "Au total, 210 projets ont été accompagnés et plus de 6 000 emplois seront créés"
    figures = find_figures(text)
    assert [text[a:b].strip() for a, b in figure_clauses(text, figures)] == [
        "210 projets ont été accompagnés",
        "et plus de 6 000 emplois seront créés",
    ]
    assert forward_flags(text, figures) == [False, False]  # the projects' jobs
    text = "30 projets ont été accompagnés et 50 projets le seront d'ici 2027"
    assert forward_flags(text, find_figures(text)) == [False, True]
    assert horizons(text, find_figures(text)) == [None, "d'ici 2027"]


def test_three_clauses_joined_by_et_each_keep_their_tense() -> None:
    text = (
        "30 projets ont été accompagnés et 40 projets le seront bientôt et 200 emplois "
        "ont été créés"
    )
    figures = find_figures(text)
    assert [text[a:b].strip() for a, b in figure_clauses(text, figures)] == [
        "30 projets ont été accompagnés",
        "et 40 projets le seront bientôt",
        "et 200 emplois ont été créés",
    ]
    assert forward_flags(text, figures) == [False, True, False]


def test_figures_without_a_verb_share_the_next_one() -> None:
    text = "La Région vise 500 projets et 30 000 emplois d'ici 2027"
    figures = find_figures(text)
    assert len(set(figure_clauses(text, figures))) == 1
    assert forward_flags(text, figures) == [True, True]
    assert horizons(text, figures) == ["d'ici 2027", "d'ici 2027"]


def test_jobs_with_an_aim_stay_forward_after_achieved_projects() -> None:
    text = "180 projets ont été accompagnés et 9 000 emplois sont visés d'ici 2027"
    assert forward_flags(text, find_figures(text)) == [False, True]


def test_one_each_gives_the_projects_and_the_jobs() -> None:
    found = one_each(find_figures("30 projets pour 610 emplois"))
    assert isinstance(found, tuple)
    projects, jobs = found
    assert (projects.value, jobs.value) == (30, 610)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("30 projets", "no number of jobs could be read"),
        (
            "30 projets, 12 projets et 610 emplois",
            "2 numbers of projects (30 projets, 12 projets); expected one",
        ),
        ("moins de 30 projets et 610 emplois", "is a bound or a range"),
    ],
)
def test_one_each_says_why_not(text: str, reason: str) -> None:
    found = one_each(find_figures(text))
    assert isinstance(found, str) and reason in found


def test_place_first_groups_each_place_with_the_figures_after_it() -> None:
    text = "l'Ain (30 projets, 610 emplois), le Jura (7 projets, 150 emplois)"
    figures = find_figures(text)
    groups = place_first(text, PLACES.find(text), figures)
    assert groups is not None
    assert [(g.mention.place.name, len(g.figures)) for g in groups] == [("Ain", 2), ("Jura", 2)]


def test_place_first_refuses_places_without_their_own_figures() -> None:
    text = "la Loire et le Jura, 31 projets et 400 emplois"
    assert place_first(text, PLACES.find(text), find_figures(text)) is None


def test_figures_first_groups_each_place_with_the_figures_before_it() -> None:
    text = "30 projets et 610 emplois dans l'Ain, 7 projets et 150 emplois dans le Jura"
    groups = figures_first(text, PLACES.find(text), find_figures(text))
    assert groups is not None
    assert [g.mention.place.name for g in groups] == ["Ain", "Jura"]
    assert [[f.quantity.value for f in g.figures if f.quantity] for g in groups] == [
        [30, 610],
        [7, 150],
    ]


def test_merged_leaves_out_a_repeat_without_figures_between() -> None:
    text = "l'Ain, oui l'Ain : 30 projets"
    assert len(merged(PLACES.find(text), find_figures(text))) == 1


def test_other_count_is_a_number_that_is_no_figure_nor_a_year() -> None:
    text = "Sur 190 projets en 2023, 36 concernent l'Ain"
    assert other_count(text, find_figures(text)) == "36"
    text = "En 2023, 36 projets dans l'Ain"
    assert other_count(text, find_figures(text)) is None
