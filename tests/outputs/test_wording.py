"""relocmap.outputs.wording: the words the page and the static image share, each function alone.

The figures and publication facts below are fictitious, made up for the tests.
"""

from __future__ import annotations

import dataclasses
import inspect
import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from relocmap.base.counts import Count
from relocmap.base.precision import Precision
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import Announcement, Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs import drawing, evolution, images, trajectory, wording
from relocmap.outputs.classify import NO_DATA_COLOR, VIEWS, classify
from relocmap.page import config, document, features

JOBS, PROJECTS, RATE = VIEWS  # emplois, projets, emplois pour 10 000 habitants
NNBSP = "\u202f"

# Fictitious publication facts.
PUBLICATION = Publication(
    source="Région fictive, communiqué de test",
    source_date=PartialDate(2031),
    total_projets=Count(12, Precision.EXACT, formulation="12 projets"),
    total_emplois=Count(345, Precision.EXACT, formulation="345 emplois"),
    adoption_plan=PartialDate(2030, 3),
    budget_plan="3 millions d'euros",
    objectif_emplois=1000,
    objectif_duree_ans=5,
)


def joined_of(regions: dict[str, str], vintages: dict[str, float] | None = None) -> JoinedFigures:
    """A joined frame of unit squares: code -> region name (and population vintage)."""
    codes = sorted(regions)
    frame = gpd.GeoDataFrame(
        {
            "region_nom": [regions[c] for c in codes],
            "population_millesime": [(vintages or {}).get(c, math.nan) for c in codes],
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(len(codes))],
        index=pd.Index(codes, name="code"),
        crs="EPSG:4326",
    )
    return JoinedFigures(frame, tuple(sorted(set(regions.values()))), ())


def test_title_names_the_one_region():
    joined = joined_of({"01": "Auvergne-Rhône-Alpes", "03": "Auvergne-Rhône-Alpes"})
    assert (
        wording.title_text(joined, PUBLICATION)
        == "Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )


def test_title_of_several_regions_says_per_department():
    joined = joined_of({"01": "Auvergne-Rhône-Alpes", "29": "Bretagne"})
    assert (
        wording.title_text(joined, PUBLICATION) == "Relocalisations industrielles par département"
    )


def test_fictitious_figures_head_every_title_with_fictif():
    joined = joined_of({"01": "Auvergne-Rhône-Alpes"})
    invented = dataclasses.replace(PUBLICATION, donnees_fictives=True)
    assert wording.title_text(joined, invented) == (
        "FICTIF — Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )
    several = joined_of({"01": "Auvergne-Rhône-Alpes", "29": "Bretagne"})
    assert wording.title_text(several, invented) == (
        "FICTIF — Relocalisations industrielles par département"
    )
    # Without facts, or facts that do not say so: no mark.
    assert not wording.title_text(joined, None).startswith("FICTIF")
    assert not wording.title_text(joined, PUBLICATION).startswith("FICTIF")


def test_mark_fictitious_is_the_one_wording():
    assert wording.mark_fictitious("Emplois", True) == "FICTIF — Emplois"
    assert wording.mark_fictitious("Emplois", False) == "Emplois"
    assert wording.mark_fictitious("", True) == ""  # nothing to title: nothing added
    assert wording.is_fictitious(dataclasses.replace(PUBLICATION, donnees_fictives=True))
    assert not wording.is_fictitious(PUBLICATION) and not wording.is_fictitious(None)


def test_description_is_the_subtitle_or_the_title_marked_as_the_title_is():
    joined = joined_of({"01": "Auvergne-Rhône-Alpes"})
    invented = dataclasses.replace(PUBLICATION, donnees_fictives=True)
    subtitle = wording.subtitle_text(PUBLICATION)
    assert wording.description_text(joined, PUBLICATION) == subtitle
    assert wording.description_text(joined, invented) == f"FICTIF — {subtitle}"
    assert wording.description_text(joined, None) == wording.title_text(joined, None)


def test_subtitle_gives_plan_budget_and_date():
    assert wording.subtitle_text(PUBLICATION) == (
        "Plan stratégique de relocalisation adopté en mars 2030 "
        "(3 millions d'euros) · chiffres publiés en 2031"
    )


def test_subtitle_is_empty_without_publication():
    assert wording.subtitle_text(None) == ""


@pytest.mark.parametrize(
    ("changes", "subtitle"),
    [
        (
            {"source_date": PartialDate(2031, 6, 14), "adoption_plan": PartialDate(2030, 3, 1)},
            "Plan stratégique de relocalisation adopté le 1er mars 2030 (3 millions d'euros) · "
            "chiffres publiés le 14 juin 2031",
        ),
        (
            {"budget_plan": None},
            "Plan stratégique de relocalisation adopté en mars 2030 · chiffres publiés en 2031",
        ),
        (
            {"adoption_plan": None},
            "Plan stratégique de relocalisation (3 millions d'euros) · chiffres publiés en 2031",
        ),
        (
            {"adoption_plan": None, "budget_plan": None, "source_date": PartialDate(2031, 10)},
            "Chiffres publiés en octobre 2031",
        ),
    ],
)
def test_subtitle_leaves_out_what_the_facts_do_not_give(changes, subtitle):
    assert wording.subtitle_text(dataclasses.replace(PUBLICATION, **changes)) == subtitle


def test_published_totals_are_those_the_facts_give():
    assert wording.published_totals(PUBLICATION) == ["12 projets", "345 emplois"]
    only_jobs = dataclasses.replace(
        PUBLICATION, total_projets=None, total_emplois=Count(1950, Precision.PLUS_DE)
    )
    assert wording.published_totals(only_jobs) == [f"plus de 1{NNBSP}950 emplois"]
    assert wording.published_totals(None) == []


def test_sum_notes_only_for_totals_the_sum_differs_from():
    assert wording.sum_notes({"projets": 12, "emplois": 345}, PUBLICATION) == []
    assert wording.sum_notes({"projets": 13, "emplois": 1345}, PUBLICATION) == [
        "Somme des départements : 13 projets (total publié : 12)",
        f"Somme des départements : 1{NNBSP}345 emplois (total publié : 345)",
    ]


def test_objective_and_plan_facts():
    assert wording.objective_text(PUBLICATION) == "1 000 emplois industriels en 5 ans"
    no_years = dataclasses.replace(PUBLICATION, objectif_duree_ans=None)
    assert wording.objective_text(no_years) == "1 000 emplois industriels"
    assert wording.objective_text(dataclasses.replace(no_years, objectif_emplois=None)) is None
    assert wording.plan_facts_text(PUBLICATION) == (
        "Budget : 3 millions d'euros · plan adopté en mars 2030"
    )
    announced = dataclasses.replace(
        PUBLICATION, budget_plan=None, projets_annonces=Announcement(Count(1200))
    )
    assert wording.plan_facts_text(announced) == (
        f"Plan adopté en mars 2030 · 1{NNBSP}200 projets annoncés prochainement"
    )
    bare = Publication("Source fictive", PartialDate(2031))
    assert wording.plan_facts_text(bare) == ""


def test_announced_figures_are_shown_as_forward_looking_with_their_horizon():
    # Issue 19 (fictitious figures): what a release announces for later, as it words it.
    hundred = Count(100, Precision.ENVIRON, formulation="une centaine de nouveaux projets")
    jobs = Count(2000, Precision.PLUS_DE)
    announced = dataclasses.replace(
        PUBLICATION,
        budget_plan=None,
        adoption_plan=None,
        projets_annonces=Announcement(hundred, "d'ici fin 2025"),
        emplois_annonces=Announcement(jobs, "à l'horizon 2027"),
    )
    assert wording.announced_texts(announced) == [
        "une centaine de nouveaux projets prévus d'ici fin 2025",
        f"plus de 2{NNBSP}000 emplois prévus à l'horizon 2027",
    ]
    assert wording.plan_facts_text(announced) == (
        "Une centaine de nouveaux projets prévus d'ici fin 2025 · "
        f"plus de 2{NNBSP}000 emplois prévus à l'horizon 2027"
    )
    no_horizon = dataclasses.replace(announced, projets_annonces=Announcement(hundred))
    assert wording.announced_texts(no_horizon)[0] == (
        "une centaine de nouveaux projets annoncés prochainement"
    )
    none = dataclasses.replace(announced, projets_annonces=Announcement(Count(0)))
    assert wording.announced_texts(none) == [f"plus de 2{NNBSP}000 emplois prévus à l'horizon 2027"]


def test_figures_source_is_the_dated_publication_or_says_it_is_unknown():
    assert wording.figures_source(PUBLICATION) == "Région fictive, communiqué de test, 2031"
    assert wording.figures_source(None) == "données fournies (source non précisée)"


README_SOURCE = "Région Auvergne-Rhône-Alpes, communiqué de presse"


@pytest.mark.parametrize(
    ("source", "date", "credited"),
    [
        # Issue 19: the README's --source with --date 2023-06-14 had lost its date.
        (README_SOURCE, PartialDate(2023, 6, 14), f"{README_SOURCE} du 14 juin 2023"),
        (README_SOURCE, PartialDate(2023, 6, 1), f"{README_SOURCE} du 1er juin 2023"),
        (README_SOURCE, PartialDate(2023, 6), f"{README_SOURCE} de juin 2023"),
        (README_SOURCE, PartialDate(2023, 4), f"{README_SOURCE} d’avril 2023"),
        (README_SOURCE, PartialDate(2023, 8), f"{README_SOURCE} d’août 2023"),
        (README_SOURCE, PartialDate(2023), f"{README_SOURCE} de 2023"),
        # A source that already gives its date keeps it, written once.
        (f"{README_SOURCE}, 2022", PartialDate(2022), f"{README_SOURCE}, 2022"),
        *(
            (written, date, written)
            for written, date in (
                (f"{README_SOURCE} du 14 juin 2023", PartialDate(2023, 6, 14)),
                (f"{README_SOURCE} du 14 Juin 2023", PartialDate(2023, 6, 14)),
                (f"{README_SOURCE} du 1er juin 2023", PartialDate(2023, 6, 1)),
                (f"{README_SOURCE} (14/06/2023)", PartialDate(2023, 6, 14)),
                (f"{README_SOURCE} 2023-06-14", PartialDate(2023, 6, 14)),
                (f"{README_SOURCE} de juin 2023", PartialDate(2023, 6)),
                ("Tests (2022-10), pas la Région", PartialDate(2022, 10)),
            )
        ),
        # Only the year, of a more precise date: the year gives way to the date.
        (f"{README_SOURCE}, 2023", PartialDate(2023, 6, 14), f"{README_SOURCE} du 14 juin 2023"),
        # Another date (an older source kept by mistake) does not hide the release's.
        (
            f"{README_SOURCE}, 2022",
            PartialDate(2023, 6, 14),
            f"{README_SOURCE}, 2022, 14 juin 2023",
        ),
        # No document named: the date after a comma.
        (
            "Région Auvergne-Rhône-Alpes",
            PartialDate(2023, 6, 14),
            "Région Auvergne-Rhône-Alpes, 14 juin 2023",
        ),
        (
            "Région Auvergne-Rhône-Alpes",
            PartialDate(2023, 6),
            "Région Auvergne-Rhône-Alpes, juin 2023",
        ),
    ],
)
def test_the_credit_gives_the_release_date_once(source, date, credited):
    publication = Publication(source, date)
    assert wording.figures_source(publication) == credited
    assert wording.source_lines(publication)[0] == f"Chiffres : {credited}"


def test_source_lines_credit_figures_then_boundaries():
    assert wording.source_lines(PUBLICATION) == [
        "Chiffres : Région fictive, communiqué de test, 2031",
        "Contours : IGN ADMIN EXPRESS et INSEE, Licence Ouverte 2.0",
    ]
    assert wording.source_lines(None)[0] == "Chiffres : données fournies (source non précisée)"
    assert wording.source_lines(None)[1] == wording.BOUNDARY_SOURCE


def test_legend_items_one_per_class_then_no_data():
    values = pd.Series([5.0, 40.0, 1200.0], index=["01", "03", "07"])
    classes = classify(values, JOBS, k=3)
    items = wording.legend_items(classes, has_missing=False)
    assert items == [
        {"color": classes.colors[0], "label": "5"},
        {"color": classes.colors[1], "label": "6 à 40"},
        {"color": classes.colors[2], "label": f"41 à 1{NNBSP}200"},
    ]
    with_missing = wording.legend_items(classes, has_missing=True)
    assert with_missing[:3] == items
    assert with_missing[3] == {"color": NO_DATA_COLOR, "label": "Pas de données"}
    assert wording.NO_DATA_LABEL == "Pas de données"


def test_legend_items_without_any_value_is_only_no_data():
    classes = classify(pd.Series([math.nan], index=["01"]), PROJECTS)
    assert wording.legend_items(classes, has_missing=True) == [
        {"color": NO_DATA_COLOR, "label": "Pas de données"}
    ]


def test_population_note_only_for_a_rate():
    joined = joined_of({"01": "R", "03": "R", "07": "R"}, {"01": 2017, "03": 2019, "07": 2017})
    assert wording.population_note(joined, JOBS) == ""
    assert wording.population_note(joined, RATE) == " ; population municipale INSEE 2017, 2019"


def test_legend_note_adds_the_population_to_the_classes_note():
    joined = joined_of({"01": "R", "03": "R"}, {"01": 2017, "03": 2017})
    values = pd.Series([1.5, 8.25], index=["01", "03"])
    rate = classify(values, RATE, k=2)
    jobs = classify(values, JOBS, k=2)
    assert (
        wording.legend_note(joined, jobs) == "Classes : seuils naturels (Fisher-Jenks), 2 classes"
    )
    assert wording.legend_note(joined, rate) == (
        "Classes : seuils naturels (Fisher-Jenks), 2 classes ; population municipale INSEE 2017"
    )


def test_overseas_note_names_the_departments_left_out():
    assert wording.overseas_note(["Guadeloupe", "La Réunion"]) == (
        "Non représentés sur cette carte (outre-mer) : Guadeloupe, La Réunion."
    )


def test_label_point_is_inside_the_largest_part_as_lat_lon():
    # A C-shaped department: its centroid falls in the notch, outside the shape.
    c_shape = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (3, 2), (3, 3), (0, 3)])
    islet = box(10, 10, 10.1, 10.1)
    geometry = MultiPolygon([c_shape, islet])
    assert not c_shape.contains(c_shape.centroid)
    lat, lon = wording.label_point(geometry)
    assert c_shape.contains(Point(lon, lat))  # [lat, lon]: y first
    assert (lat, lon) == (round(lat, 3), round(lon, 3))


def test_label_point_of_a_square_is_its_centre():
    assert wording.label_point(box(4.0, 45.0, 5.0, 46.0)) == [45.5, 4.5]


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (document, "title_text"),
        (document, "description_text"),
        (document, "subtitle_text"),
        (document, "figures_source"),
        (features, "label_point"),
        (config, "legend_items"),
    ],
)
def test_page_uses_the_shared_words(module, name):
    # The page's modules re-import them: one definition, not two that agree today.
    assert getattr(module, name) is getattr(wording, name)


@pytest.mark.parametrize("module", [images, drawing, evolution, trajectory])
def test_images_do_not_import_the_page(module):
    assert not hasattr(module, "render")
    source = inspect.getsource(module)
    assert "relocmap.page" not in source and "import render" not in source
