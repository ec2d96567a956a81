"""relocmap.extract.vocabulary: the French words the extractor recognises, written once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import relocmap.extract as extract
from relocmap.extract.vocabulary import (
    COMPANY,
    DATELINE,
    FORWARD,
    HORIZON,
    JOBS,
    NATIONAL,
    NOUNS,
    PROJECTS,
    QUALIFIER,
    REGIONAL,
    noun_kind,
)


@pytest.mark.parametrize(
    ("word", "kind"),
    [("projets", PROJECTS), ("Projet", PROJECTS), ("EMPLOIS", JOBS), ("emploi", JOBS)],
)
def test_noun_kind_reads_either_noun_in_any_case(word: str, kind: str) -> None:
    assert noun_kind(word) == kind


def test_noun_kind_of_another_word_is_none() -> None:
    assert noun_kind("entreprises") is None
    assert noun_kind("") is None


def test_each_kind_has_one_french_plural() -> None:
    assert NOUNS == {PROJECTS: "projets", JOBS: "emplois"}


def test_regional_marker_is_the_capitalised_council_not_a_region_of_a_city() -> None:
    assert REGIONAL.search("la Région a accompagné")
    assert REGIONAL.search("au total, sur le territoire")
    assert not REGIONAL.search("dans la région de Grenoble")


def test_national_marker() -> None:
    assert NATIONAL.search("un plan national")
    assert NATIONAL.search("dans toute la France")
    assert not NATIONAL.search("dans la Drôme")


@pytest.mark.parametrize("text", ["auront été créés", "d'ici 2027", "bientôt", "l'objectif"])
def test_forward_markers(text: str) -> None:
    assert FORWARD.search(text)


@pytest.mark.parametrize("text", ["ont été créés", "sont accompagnés", "en 2023"])
def test_achieved_wordings_are_not_forward(text: str) -> None:
    assert not FORWARD.search(text)


@pytest.mark.parametrize(
    ("text", "horizon"),
    [
        ("seront accompagnés d'ici fin 2025.", "d'ici fin 2025"),
        ("d’ici à 2027, 500 projets", "d’ici à 2027"),
        ("attendus à l'horizon 2030", "à l'horizon 2030"),
        ("avant la fin de l'année", "avant la fin de l'année"),
        ("d'ici juin 2026", "d'ici juin 2026"),
        ("créés en 2026", "en 2026"),
    ],
)
def test_horizons_as_releases_word_them(text: str, horizon: str) -> None:
    found = HORIZON.search(text)
    assert found is not None and found.group() == horizon


@pytest.mark.parametrize("text", ["en Isère", "d'ici là", "depuis 2021", "en 20 ans"])
def test_no_horizon_without_a_date(text: str) -> None:
    assert HORIZON.search(text) is None


def test_company_marker_needs_one_company_as_subject() -> None:
    assert COMPANY.search("l'entreprise Dupont s'installe")
    assert not COMPANY.search("des entreprises de la Loire")


def test_dateline_is_read_at_the_start_of_a_release() -> None:
    found = DATELINE.match("Lyon, le 3 avril 2024 – Dans l'Ain")
    assert found is not None
    assert found.group() == "Lyon, le 3 avril 2024 – "
    assert DATELINE.match("AMIENS, 03/04/2024 - texte")
    assert not DATELINE.match("Dans l'Ain, 30 projets")


@pytest.mark.parametrize(
    ("words", "group"),
    [
        ("près de ", "pres_de"),
        ("plus de ", "plus_de"),
        ("pas moins de ", "plus_de"),
        ("environ ", "environ"),
        ("moins de ", "bound"),
        ("jusqu'à ", "bound"),
    ],
)
def test_qualifier_groups_by_precision(words: str, group: str) -> None:
    found = QUALIFIER.search(words)
    assert found is not None
    assert found[group] == words


def test_no_other_extract_module_compiles_a_figure_noun() -> None:
    """The nouns live in vocabulary.py only: no other module spells them in a regex."""
    folder = Path(extract.__file__).parent
    spelled = re.compile(r"re\.compile\([^)]*(?:projet|emploi)", re.S)
    offenders = [
        path.name
        for path in folder.glob("*.py")
        if path.name != "vocabulary.py" and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
