"""relocmap.extract.places: department and region names found in a text."""

from __future__ import annotations

import pytest

from relocmap.extract.places import Mention, Place, PlaceNames

DEPARTMENTS = {
    "01": "Ain",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "63": "Puy-de-Dôme",
    "69": "Rhône",
    "80": "Somme",
    "974": "La Réunion",
}
REGIONS = ["Auvergne-Rhône-Alpes", "Pays de la Loire", "La Réunion"]


@pytest.fixture(scope="module")
def names() -> PlaceNames:
    return PlaceNames(DEPARTMENTS, REGIONS)


def named(names: PlaceNames, text: str) -> list[str]:
    return [m.place.name for m in names.find(text)]


def test_mentions_in_order_with_their_offsets(names: PlaceNames) -> None:
    text = "Dans la Haute-Loire et la Loire"
    assert names.find(text) == [
        Mention(Place("43", "Haute-Loire"), 8, 19),
        Mention(Place("42", "Loire"), 26, 31),
    ]


def test_longest_name_first(names: PlaceNames) -> None:
    assert named(names, "En Loire-Atlantique") == ["Loire-Atlantique"]
    assert named(names, "la région Auvergne-Rhône-Alpes") == ["Auvergne-Rhône-Alpes"]


def test_a_region_name_is_a_region_not_a_department(names: PlaceNames) -> None:
    (mention,) = names.find("les Pays de la Loire")
    assert mention.place == Place(None, "Pays de la Loire")
    assert mention.place.is_region


@pytest.mark.parametrize(
    "text", ["Haute–Savoie et le Puy – de – Dôme", "PUY-DE-DÔME", "Puy de Dome"]
)
def test_dashes_spaces_case_and_accents_do_not_matter(names: PlaceNames, text: str) -> None:
    assert "Puy-de-Dôme" in named(names, text)


def test_only_a_proper_noun_names_a_place(names: PlaceNames) -> None:
    assert named(names, "la somme de 30 projets") == []
    assert named(names, "la Somme") == ["Somme"]


def test_a_name_glued_to_a_longer_one_is_not_read(names: PlaceNames) -> None:
    assert named(names, "la Loire-Inférieure") == []
    assert named(names, "Rhône – Alpes") == []


def test_a_department_that_is_also_a_region_stays_a_department(names: PlaceNames) -> None:
    assert names.find("à la Réunion")[0].place == Place("974", "La Réunion")


def test_lookup_of_a_whole_text(names: PlaceNames) -> None:
    assert names.lookup("la Haute-Loire") == Place("43", "Haute-Loire")
    assert names.lookup("PUY DE DOME") == Place("63", "Puy-de-Dôme")
    assert names.lookup("Haute") is None


def test_by_code(names: PlaceNames) -> None:
    assert names.by_code("01") == Place("01", "Ain")
    assert names.by_code("99") is None
    assert names.by_code(None) is None
