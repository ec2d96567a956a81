"""Several publications on one page (issue 12): the change classes, the shared classes,
the change words, the trajectory chart, the page's configuration and its size budget.

Every figure here is FICTITIOUS: invented for these tests (tests/data/publications-fictives,
or written by the tests themselves, each source and note saying FICTIF), never the
Région Auvergne-Rhône-Alpes's results. Publication keys such as "2023-06" are only labels.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from helpers import (
    REPO_ROOT,
    page_config,
    page_departments,
    page_features,
    page_legends,
    page_sketch_paths,
    page_switch,
)

from relocmap.base.counts import Count
from relocmap.base.precision import Precision
from relocmap.build import build_map, classify_history, history_editions
from relocmap.history.changes import Change, DepartmentFigures, Status
from relocmap.history.folder import History, load_history
from relocmap.inputs.dates import PartialDate
from relocmap.outputs.classify import (
    CHANGE_GAIN_COLORS,
    CHANGE_LOSS_COLORS,
    CHANGE_NEW_COLOR,
    CHANGE_VIEW,
    CHANGE_ZERO_COLOR,
    VIEWS,
    classify_change,
)
from relocmap.page import MapOptions, build_editions_page
from relocmap.page.edition import Edition
from relocmap.page.table import _total_cell
from relocmap.page.texts import change_tip, change_words, figure_texts
from relocmap.page.trajectory import trajectory_html

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"
GEO = REPO_ROOT / "geo" / "departements.geojson"
MINUS = "\u2212"
NNBSP = "\u202f"  # narrow no-break space, French thousands separator
EDITIONS_BUDGET_BYTES = 125_000  # five publications of 12 departments (issue 12)


@pytest.fixture(scope="module")
def history() -> History:
    """The three FICTITIOUS publications: 2022-10, 2023-06 (Cantal new), 2024-01
    (Ardèche dropped)."""
    return load_history(FICTIVES, GEO)


def _series(values: dict[str, float]) -> pd.Series:
    return pd.Series(values, dtype=float)


def _change(deltas: dict[str, dict[str, float]], **kwargs) -> dict:
    return classify_change({key: _series(v) for key, v in deltas.items()}, **kwargs)


# --- classify_change: diverging classes of the change, shared by every publication ---------

# FICTITIOUS changes in jobs of two later publications: losses (−1 500, −15, −1), no
# change (0), gains (+1, +5, +120, +2 500), and Isère (38) new in the second one.
FICTIF_DELTAS = {
    "2023-06": {"01": -1500, "03": -15, "07": 0, "15": 5, "26": 120},
    "2024-01": {"01": -1, "03": 2500, "07": 120, "15": 1, "26": 0},
}


def test_change_classes_diverge_from_zero_with_signed_french_labels() -> None:
    classes = _change(FICTIF_DELTAS, new={"2023-06": set(), "2024-01": {"38"}})
    later = classes["2024-01"]
    assert later.labels() == [
        f"{MINUS}1{NNBSP}500",
        f"{MINUS}1{NNBSP}499 à {MINUS}15",
        f"{MINUS}14 à {MINUS}1",
        "0",
        "+1 à +5",
        "+6 à +120",
        f"+121 à +2{NNBSP}500",
        "nouveau",
    ]
    # Losses red, the darkest furthest from 0; 0 neutral; gains blue, palest nearest 0;
    # "nouveau" last, in its own grey.
    assert later.colors == (
        CHANGE_LOSS_COLORS[2],
        CHANGE_LOSS_COLORS[1],
        CHANGE_LOSS_COLORS[0],
        CHANGE_ZERO_COLOR,
        CHANGE_GAIN_COLORS[0],
        CHANGE_GAIN_COLORS[1],
        CHANGE_GAIN_COLORS[2],
        CHANGE_NEW_COLOR,
    )
    assert later.view is CHANGE_VIEW
    assert later.color("38") == CHANGE_NEW_COLOR
    assert later.color("03") == CHANGE_GAIN_COLORS[2]  # +2 500
    assert later.color("01") == CHANGE_LOSS_COLORS[0]  # −1, nearest 0
    assert classes["2023-06"].color("01") == CHANGE_LOSS_COLORS[2]  # −1 500
    assert classes["2023-06"].color("07") == CHANGE_ZERO_COLOR
    # A department without a change to show gets the no-data grey, not a class.
    assert classes["2023-06"].color("38") == "#d9d9d9"
    assert "38" not in classes["2023-06"].class_of


def test_change_classes_are_shared_and_one_value_has_one_class() -> None:
    classes = _change(FICTIF_DELTAS, new={"2024-01": {"38"}})
    first, later = classes["2023-06"], classes["2024-01"]
    assert first.bins == later.bins and first.colors == later.colors
    assert first.labels() == later.labels()
    # +120 (Drôme in the first, Ardèche in the second) and 0: same class in both.
    assert first.class_of["26"] == later.class_of["07"]
    assert first.class_of["07"] == later.class_of["26"]
    # Every value sits in the class whose range holds it, whatever the publication.
    class_of_value: dict[float, int] = {}
    for key, deltas in FICTIF_DELTAS.items():
        for code, value in deltas.items():
            index = classes[key].class_of[code]
            assert class_of_value.setdefault(value, index) == index, (key, code)
    # Counts are per publication; "nouveau" counted where it happens only.
    assert first.counts == (1, 1, 0, 1, 1, 1, 0, 0)
    assert later.counts == (0, 0, 1, 1, 1, 1, 1, 1)


def test_zero_has_a_class_only_when_a_department_did_not_change() -> None:
    without_zero = {
        key: {code: v for code, v in deltas.items() if v != 0}
        for key, deltas in FICTIF_DELTAS.items()
    }
    classes = _change(without_zero, new={})
    assert "0" not in classes["2024-01"].labels()
    assert CHANGE_ZERO_COLOR not in classes["2024-01"].colors
    # The losses end just below 0 and the gains start just above it.
    labels = classes["2024-01"].labels()
    assert labels[2] == f"{MINUS}14 à {MINUS}1" and labels[3] == "+1 à +5"


def test_nouveau_only_when_some_department_is_new() -> None:
    for new in ({}, {"2023-06": set(), "2024-01": set()}):
        classes = _change(FICTIF_DELTAS, new=new)
        for found in classes.values():
            assert "nouveau" not in found.labels()
            assert CHANGE_NEW_COLOR not in found.colors
            assert len(found.bins) == len(found.colors) == 7
    # The label may be another word (a department back after a gap).
    back = _change(FICTIF_DELTAS, new={"2023-06": {"42"}}, new_label="nouveau ou de retour")
    assert back["2024-01"].labels()[-1] == "nouveau ou de retour"
    assert back["2023-06"].color("42") == CHANGE_NEW_COLOR


def test_wider_classes_are_written_as_signed_ranges() -> None:
    # One class per side: the "−15 à −1", "0", "+1 à +120" (fictitious changes).
    classes = _change(
        {"2023-06": {"01": -15, "03": -1, "07": 0}, "2024-01": {"01": 1, "03": 120, "07": 60}},
        new={},
        k_side=1,
    )
    found = classes["2024-01"]
    assert found.labels() == [f"{MINUS}15 à {MINUS}1", "0", "+1 à +120"]
    assert found.colors == (CHANGE_LOSS_COLORS[0], CHANGE_ZERO_COLOR, CHANGE_GAIN_COLORS[0])
    assert classes["2023-06"].class_of == {"01": 0, "03": 0, "07": 1}
    assert found.class_of == {"01": 2, "03": 2, "07": 2}


def test_only_gains_are_blue_nearest_zero_palest() -> None:
    classes = _change({"2023-06": {"01": 5, "03": 10}, "2024-01": {"01": 20, "03": 30}}, new={})
    found = classes["2024-01"]
    assert found.colors == CHANGE_GAIN_COLORS
    # Contiguous: no value between two classes is left out of the legend.
    assert found.labels() == ["+5 à +10", "+11 à +20", "+21 à +30"]
    assert not set(found.colors) & set(CHANGE_LOSS_COLORS)
    assert classes["2023-06"].class_of == {"01": 0, "03": 0}
    assert found.class_of == {"01": 1, "03": 2}


def test_only_losses_are_red_nearest_zero_palest() -> None:
    classes = _change(
        {"2023-06": {"01": -5, "03": -10}, "2024-01": {"01": -20, "03": -1000}}, new={}
    )
    found = classes["2024-01"]
    assert found.colors == tuple(reversed(CHANGE_LOSS_COLORS))
    assert found.labels() == [
        f"{MINUS}1{NNBSP}000",
        f"{MINUS}999 à {MINUS}20",
        f"{MINUS}19 à {MINUS}5",
    ]
    assert not set(found.colors) & set(CHANGE_GAIN_COLORS)
    assert found.color("03") == CHANGE_LOSS_COLORS[2]  # the largest loss, the darkest
    assert classes["2023-06"].color("01") == CHANGE_LOSS_COLORS[0]  # −5, the palest


@pytest.mark.parametrize(
    ("value", "label", "color"),
    [
        (7, "+7", CHANGE_GAIN_COLORS[0]),
        (-7, f"{MINUS}7", CHANGE_LOSS_COLORS[0]),
        (0, "0", CHANGE_ZERO_COLOR),
    ],
)
def test_a_single_distinct_value_is_one_class(value: int, label: str, color: str) -> None:
    classes = _change({"2023-06": {"01": value, "03": value}, "2024-01": {"01": value}}, new={})
    for found in classes.values():
        assert found.labels() == [label]
        assert found.colors == (color,)
        assert found.bins == (float(value),)
    assert classes["2023-06"].counts == (2,)
    assert classes["2024-01"].counts == (1,)


def test_missing_changes_are_skipped() -> None:
    # A department new or dropped has no difference (NaN): no class but "nouveau".
    classes = _change(
        {"2023-06": {"01": 40, "15": float("nan"), "07": float("nan")}}, new={"2023-06": {"15"}}
    )
    found = classes["2023-06"]
    assert found.labels() == ["+40", "nouveau"]
    assert found.class_of == {"01": 0, "15": 1}
    assert found.color("07") == "#d9d9d9"


# --- classify_history over the fictitious folder --------------------------------------------


def test_history_classes_are_shared_by_every_publication(history: History) -> None:
    by_edition = classify_history(history)
    keys = ["2022-10", "2023-06", "2024-01"]
    assert list(by_edition) == keys
    views = [view.key for view in VIEWS] + [CHANGE_VIEW.key]
    for per_view in by_edition.values():
        assert [c.view.key for c in per_view] == views
    for index in range(len(views)):
        first = by_edition[keys[0]][index]
        for key in keys[1:]:
            other = by_edition[key][index]
            assert other.bins == first.bins and other.colors == first.colors, (key, views[index])
            assert other.labels() == first.labels()
    # One value, one class in every publication (jobs, projects; the fictitious 150 jobs
    # are Ardèche's in 2022-10 and Savoie's in 2024-01).
    repeated = {"emplois": 0, "projets": 0}
    for index, column in ((0, "emplois"), (1, "projets")):
        class_of_value: dict[float, int] = {}
        for release in history.releases:
            classes = by_edition[release.key][index]
            for code, value in release.inputs.joined.frame[column].dropna().items():
                found = classes.class_of[code]
                if float(value) in class_of_value:
                    repeated[column] += 1
                assert class_of_value.setdefault(float(value), found) == found, (column, code)
                assert value <= classes.bins[found]
                assert found == 0 or classes.bins[found - 1] < value
    assert repeated["emplois"] >= 1 and repeated["projets"] >= 5  # the check has cases
    jobs = by_edition["2022-10"][0]
    assert jobs.color("07") == by_edition["2024-01"][0].color("73")  # 150 jobs both


def test_history_change_classes(history: History) -> None:
    by_edition = classify_history(history)
    first = by_edition["2022-10"][-1]
    assert first.view is CHANGE_VIEW
    assert first.class_of == {} and sum(first.counts) == 0
    assert first.color("01") == "#d9d9d9"
    june, january = by_edition["2023-06"][-1], by_edition["2024-01"][-1]
    assert first.bins == june.bins == january.bins
    assert first.colors == june.colors == january.colors
    # Fictitious changes: Loire −30 in 2023-06 (the only loss), Cantal new in 2023-06,
    # Ardèche dropped in 2024-01; +20 jobs both times (Haute-Loire, then Allier).
    assert june.labels()[0] == f"{MINUS}30" and june.labels()[-1] == "nouveau"
    assert june.color("42") == CHANGE_LOSS_COLORS[0]
    assert june.color("15") == CHANGE_NEW_COLOR
    assert "07" not in january.class_of and january.color("07") == "#d9d9d9"
    assert june.class_of["43"] == january.class_of["03"]
    assert CHANGE_ZERO_COLOR not in june.colors  # no department kept the same jobs


# --- change words and tooltips ---------------------------------------------------------------


def test_history_classes_of_one_publication_have_no_change_view(history: History) -> None:
    """Regression: one publication gave 'No objects to concatenate' (nothing to compare)."""
    alone = replace(history, releases=history.releases[-1:])
    classes = classify_history(alone)
    assert list(classes) == ["2024-01"]
    assert [c.view.key for c in classes["2024-01"]] == [
        "emplois",
        "projets",
        "emplois_pour_10000_hab",
    ]


def _figures(projects: int, jobs: int, jobs_precision: str = "exact") -> DepartmentFigures:
    return DepartmentFigures("Ain", Count(projects), Count(jobs, Precision(jobs_precision)))


def _followed(before: DepartmentFigures, now: DepartmentFigures) -> Change:
    return Change("01", "Ain", "2024-01", "2023-06", Status.FOLLOWED, now, before)


def test_change_words_of_a_followed_department() -> None:
    # FICTITIOUS figures: 400 jobs and 20 projects, then 460 and 22.
    change = _followed(_figures(20, 400), _figures(22, 460))
    assert change_words(change) == "+60 emplois, +2 projets"
    decrease = _followed(_figures(20, 2000), _figures(19, 500))
    assert change_words(decrease) == f"{MINUS}1{NNBSP}500 emplois, {MINUS}1 projet"


def test_change_words_approximate_and_zero() -> None:
    approx = _followed(_figures(20, 600, "pres_de"), _figures(23, 670, "pres_de"))
    assert change_words(approx) == "environ +70 emplois, +3 projets"
    one_side = _followed(_figures(4, 100), _figures(4, 110, "environ"))
    assert change_words(one_side) == "environ +10 emplois, 0 projet"
    zero = _followed(_figures(4, 100), _figures(5, 100))
    assert change_words(zero) == "0 emploi, +1 projet"
    # An approximate figure that did not change is still "0", not "environ 0".
    still = _followed(_figures(4, 100, "environ"), _figures(4, 100, "environ"))
    assert change_words(still) == "0 emploi, 0 projet"


def test_change_words_of_a_new_dropped_or_returning_department() -> None:
    now = _figures(2, 40)
    new = Change("15", "Cantal", "2023-06", "2022-10", Status.NEW, now, None)
    dropped = Change("07", "Ardèche", "2024-01", "2023-06", Status.DROPPED, None, now)
    back = Change("07", "Ardèche", "2024-09", "2024-01", Status.BACK, now, None)
    assert change_words(new) == "nouveau"
    assert change_words(dropped) == "absent de cette publication"
    assert change_words(back) == "de retour"
    assert change_words(None) is None


def test_change_tips_of_the_fictitious_publications(history: History) -> None:
    first, june, january = history_editions(history)
    assert first.changes is None and first.previous is None
    assert june.previous is not None and june.previous.source_date == PartialDate(2022, 10)
    for code in ("01", "15", "38"):
        assert change_tip(first, code) == "première publication"
    assert change_tip(june, "01") == "+120 emplois"  # Ain: 400 then 520 (fictitious)
    assert change_tip(june, "42") == f"{MINUS}30 emplois"
    assert change_tip(june, "38") == "environ +70 emplois"  # près de 600, près de 670
    assert change_tip(june, "15") == "nouveau"
    assert change_tip(january, "07") == "absent de cette publication"
    assert change_words(june.changes["38"]) == "environ +70 emplois, +4 projets"
    assert change_words(january.changes["63"]) == "+50 emplois, +2 projets"
    # A department that is in neither publication has no change to tell.
    one_dropped = Edition(june.key, june.joined, june.publication, {}, june.previous)
    assert change_tip(one_dropped, "01") == "pas de données"


def test_a_zero_change_tip_is_singular(history: History) -> None:
    zero = _followed(_figures(4, 100), _figures(5, 100))
    june = history_editions(history)[1]
    edition = Edition(june.key, june.joined, june.publication, {"01": zero}, june.previous)
    assert change_tip(edition, "01") == "0 emploi"


def test_precision_words_kept_in_figure_texts(history: History) -> None:
    june = history.releases[1].inputs.joined.frame
    texts = figure_texts(june.loc["38"], region_count=12)
    assert texts[0] == "26" and texts[1] == "près de 670"  # Isère, fictitious
    assert texts[2].startswith("environ ")  # jobs per project, from an approximate count
    savoie = figure_texts(june.loc["73"], region_count=12)
    assert savoie[1] == "plus de 120"
    assert figure_texts(history.releases[0].inputs.joined.frame.loc["15"], 12) == []


# --- the trajectory chart ----------------------------------------------------------------------


def _svg_numbers(html: str, pattern: str) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in found.groups()) for found in re.finditer(pattern, html)]


def test_trajectory_has_one_circle_per_publication_and_the_objective_line(
    history: History,
) -> None:
    html = trajectory_html(history.trajectory())
    circles = re.findall(
        r'<circle data-edition="([^"]+)" cx="([\d.]+)" cy="([\d.]+)"([^>]*)>', html
    )
    assert [c[0] for c in circles] == ["2022-10", "2023-06", "2024-01"]
    assert [("relocmap-current" in c[3]) for c in circles] == [False, False, True]
    # The scale from the year ticks (2022, 2024 labelled).
    ticks = dict(
        (label, float(x))
        for x, label in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d+)<', html
        )
    )
    per_year = (ticks["2024"] - ticks["2022"]) / 2

    def x_at(date: PartialDate) -> float:
        return ticks["2022"] + (date.year_fraction - 2022) * per_year

    (x1, y1, x2, y2), *more = _svg_numbers(
        html,
        r'class="relocmap-objective" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"',
    )
    assert not more
    # From the adoption (December 2021) to 6 years later, from 0 to 30 000 jobs.
    assert x1 == pytest.approx(x_at(PartialDate(2021, 12)), abs=0.2)
    assert x2 - x1 == pytest.approx(6 * per_year, abs=0.2)
    ((axis_y,),) = _svg_numbers(html, r'<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"')
    assert y1 == axis_y
    assert re.search(rf'<text x="[\d.]+" y="{y2 + 4}" text-anchor="end">30{NNBSP}000</text>', html)
    # Each point at its date and total (fictitious totals 4 400, 5 180, 5 725).
    for (_, cx, cy, _), release, total in zip(
        circles, history.releases, (4400, 5180, 5725), strict=True
    ):
        assert float(cx) == pytest.approx(x_at(release.publication.source_date), abs=0.2)
        assert float(cy) == pytest.approx(axis_y - total / 30000 * (axis_y - y2), abs=0.2)


def test_trajectory_text_alternative(history: History) -> None:
    html = trajectory_html(history.trajectory())
    said = re.search(r'<figcaption id="([^"]+)"[^>]*>(.*?)</figcaption>', html, re.DOTALL)
    assert said is not None
    assert f'aria-labelledby="{said.group(1)}"' in html and 'role="img"' in html
    text = said.group(2)
    assert text.startswith(
        f"Emplois annoncés : 4{NNBSP}400 emplois en octobre 2022, 5{NNBSP}180 emplois en "
        f"juin 2023, 5{NNBSP}725 emplois en janvier 2024"
    )
    assert f"objectif : 30{NNBSP}000 emplois en 6 ans" in text
    assert "décembre 2021" in text
    # 5 725 / 30 000 (fictitious) = 19,08 %.
    assert text.endswith("Dernière publication : 19,1\u00a0% de l’objectif.")


def test_trajectory_says_when_a_total_is_a_sum_of_departments(history: History) -> None:
    points = history.trajectory()
    key, publication, _, _ = points[1]
    points[1] = (key, replace(publication, total_emplois=None), 5180, False)
    html = trajectory_html(points)
    assert f"5{NNBSP}180 emplois (somme des départements) en juin 2023" in html


def test_trajectory_without_objective_facts(history: History) -> None:
    points = [
        (key, replace(p, objectif_emplois=None, objectif_duree_ans=None), total, published)
        for key, p, total, published in history.trajectory()
    ]
    html = trajectory_html(points)
    assert html.count("<circle") == 3
    assert "relocmap-objective" not in html
    assert "objectif" not in html
    assert "%" not in html
    assert f"30{NNBSP}000" not in html
    # The points still say each publication's total.
    assert f"5{NNBSP}725 emplois en janvier 2024" in html
    # Without an adoption date either.
    points = [(k, replace(p, adoption_plan=None), t, b) for k, p, t, b in history.trajectory()]
    assert "relocmap-objective" not in trajectory_html(points)


def test_trajectory_needs_two_points(history: History) -> None:
    points = history.trajectory()
    assert trajectory_html(points[:1]) == ""
    assert trajectory_html([]) == ""
    assert trajectory_html(points[:2]).count("<circle") == 2


# --- the page of several publications ---------------------------------------------------------


def _editions_page(root: Path) -> str:
    history = load_history(root, GEO)
    return build_editions_page(
        history_editions(history),
        classify_history(history),
        MapOptions(),
        trajectory_html(history.trajectory()),
    )


@pytest.fixture(scope="module")
def editions_html() -> str:
    return _editions_page(FICTIVES)


def test_page_editions_in_date_order_with_their_comparison(editions_html: str) -> None:
    config = page_config(editions_html)
    editions = config["editions"]
    assert [e["key"] for e in editions] == ["2022-10", "2023-06", "2024-01"]
    assert [e["label"] for e in editions] == ["octobre 2022", "juin 2023", "janvier 2024"]
    assert [e["since"] for e in editions] == [None, "Depuis octobre 2022", "Depuis juin 2023"]
    assert [e["compared"] for e in editions] == [
        "Octobre 2022 : première publication, pas d’évolution à montrer",
        "Juin 2023, par rapport à octobre 2022",
        "Janvier 2024, par rapport à juin 2023",
    ]
    assert all("FICTIF" in e["source"] for e in editions)
    assert "octobre 2022" in editions[0]["caption"] and "janvier 2024" in editions[2]["caption"]
    views = [v["key"] for v in config["views"]]
    assert views == ["emplois", "projets", "emplois_pour_10000_hab", "evolution"]
    assert config["views"][-1]["change"] is True
    assert config["views"][-1]["name"] == "evolution"
    switch = page_switch(editions_html)
    assert switch.index('value="2022-10"') < switch.index('value="2023-06"')
    assert '<option value="2024-01" selected>' in switch
    assert 'value="evolution"' in switch
    assert 'data-view="evolution"' in page_legends(editions_html)
    # The trajectory heads the panel, in the page itself (readable without script).
    assert editions_html.count('class="relocmap-trajectory"') == 1


def test_the_legend_line_of_each_publication_is_french(editions_html: str) -> None:
    """The legend's line names the publication in French, with its preposition (no
    "de octobre": regression of "Chiffres de octobre 2022")."""
    editions = page_config(editions_html)["editions"]
    assert [e["when"] for e in editions] == [
        "Chiffres publiés en octobre 2022",
        "Chiffres publiés en juin 2023",
        "Chiffres publiés en janvier 2024",
    ]


def test_page_popups_carry_each_publication(editions_html: str) -> None:
    first = page_departments(editions_html, 0)
    june = page_departments(editions_html, 1)
    latest = page_departments(editions_html)
    assert june["38"]["texts"][1] == "près de 670"  # Isère, fictitious
    assert june["38"]["change"] == "environ +70 emplois, +4 projets"
    assert june["38"]["tips"]["evolution"] == "environ +70 emplois"
    assert june["15"]["change"] == "nouveau"
    assert "texts" not in first["15"] and "change" not in first["01"]
    assert first["01"]["tips"]["evolution"] == "première publication"
    assert first["01"]["classes"]["evolution"] is None
    assert latest["07"]["change"] == "absent de cette publication" and "texts" not in latest["07"]
    assert latest["07"]["classes"]["evolution"] is None
    # One colour, one value: Ardèche's 150 jobs in 2022-10, Savoie's in 2024-01.
    assert first["07"]["classes"]["emplois"] == latest["73"]["classes"]["emplois"]


def test_the_single_publication_page_has_no_evolution_view(tmp_path: Path) -> None:
    folder = tmp_path / "publications"
    shutil.copytree(FICTIVES / "2024-01", folder / "2024-01")
    build_map(folder, GEO, tmp_path / "out", None, MapOptions())
    html = (tmp_path / "out" / "carte.html").read_text("utf-8")
    config = page_config(html)
    assert [v["key"] for v in config["views"]] == [v.key for v in VIEWS]
    assert "evolution" not in page_switch(html)
    assert "relocmap-edition" not in page_switch(html)
    (edition,) = config["editions"]
    assert edition["key"] == "2024-01" and "since" not in edition
    assert 'class="relocmap-trajectory"' not in html
    # Two publications are enough for the Évolution view.
    shutil.copytree(FICTIVES / "2023-06", folder / "2023-06")
    two = page_config(_editions_page(folder))
    assert [e["key"] for e in two["editions"]] == ["2023-06", "2024-01"]
    assert two["views"][-1]["key"] == "evolution"


def test_geometry_is_written_once_for_every_publication(editions_html: str) -> None:
    features = page_features(editions_html)
    assert len(features) == 12
    assert all(len(f["properties"]["editions"]) == 3 for f in features)
    # The outlines are the inline drawing's paths, not in the configuration.
    assert '"coordinates"' not in editions_html
    assert all(f["geometry"] is None for f in features)
    paths = page_sketch_paths(editions_html)
    assert len(paths) == len(features)
    assert all(editions_html.count(d) == 1 for d in paths)


def test_the_page_of_several_publications_is_deterministic(editions_html: str) -> None:
    again = _editions_page(FICTIVES)
    assert again.encode("utf-8") == editions_html.encode("utf-8")


# --- size budget: five FICTITIOUS publications of the 12 departments ------------------------

HEADER = "code,departement,projets,emplois,emplois_precision,projets_precision,note"
# Two more FICTITIOUS publications (invented figures; Ardèche back, Loire down in 2025-06).
MORE_PUBLICATIONS = {
    "2024-09": """01,Ain,30,660,exact,exact,FICTIF
03,Allier,7,140,exact,exact,FICTIF
07,Ardèche,7,160,exact,exact,FICTIF
15,Cantal,3,60,exact,exact,FICTIF
26,Drôme,25,500,exact,exact,FICTIF
38,Isère,31,800,pres_de,exact,FICTIF
42,Loire,25,520,exact,exact,FICTIF
43,Haute-Loire,11,250,exact,exact,FICTIF
63,Puy-de-Dôme,21,490,exact,exact,FICTIF
69,Rhône,43,1480,exact,exact,FICTIF
73,Savoie,6,170,exact,exact,FICTIF
74,Haute-Savoie,18,1040,exact,exact,FICTIF""",
    "2025-06": """01,Ain,33,720,exact,exact,FICTIF
03,Allier,8,150,environ,exact,FICTIF
07,Ardèche,8,175,exact,exact,FICTIF
15,Cantal,4,70,exact,exact,FICTIF
26,Drôme,27,545,exact,exact,FICTIF
38,Isère,34,870,pres_de,exact,FICTIF
42,Loire,26,510,exact,exact,FICTIF
43,Haute-Loire,12,270,exact,exact,FICTIF
63,Puy-de-Dôme,23,530,exact,exact,FICTIF
69,Rhône,46,1600,exact,exact,FICTIF
73,Savoie,7,190,plus_de,exact,FICTIF
74,Haute-Savoie,20,1120,exact,exact,FICTIF""",
}


def _five_publications(root: Path) -> Path:
    """The three fictitious folders and two more, all FICTITIOUS."""
    shutil.copytree(FICTIVES, root)
    for date, rows in MORE_PUBLICATIONS.items():
        folder = root / date
        folder.mkdir()
        (folder / "relocalisations.csv").write_text(f"{HEADER}\n{rows}\n", "utf-8")
        lines = [row.split(",") for row in rows.splitlines()]
        facts = {
            "source_date": date,
            "source": f"FICTIF : données inventées pour les tests de relocmap ({date}), "
            "pas celles de la Région",
            "total_projets_publie": sum(int(cells[2]) for cells in lines),
            "total_projets_precision": "exact",
            "total_emplois_publie": sum(int(cells[3]) for cells in lines),
            "total_emplois_precision": "exact",
            "adoption_plan": "2021-12",
            "budget_plan": "1,2 milliard d'euros",
            "objectif_emplois": 30000,
            "objectif_duree_ans": 6,
        }
        (folder / "publication.json").write_text(json.dumps(facts, ensure_ascii=False), "utf-8")
    return root


def test_five_publications_of_a_region_are_within_budget(tmp_path: Path) -> None:
    root = _five_publications(tmp_path / "publications")
    build_map(root, GEO, tmp_path / "out", None, MapOptions())
    html = (tmp_path / "out" / "carte.html").read_text("utf-8")
    config = page_config(html)
    assert [e["key"] for e in config["editions"]] == [
        "2022-10",
        "2023-06",
        "2024-01",
        "2024-09",
        "2025-06",
    ]
    assert len(config["features"]["features"]) == 12
    assert page_departments(html, 3)["07"]["change"] == "de retour"
    # geometry once (the inline drawing), not once per publication
    assert len(page_sketch_paths(html)) == 12 and '"coordinates"' not in html
    size = len(html.encode("utf-8"))
    assert size <= EDITIONS_BUDGET_BYTES, (
        f"carte.html of 5 publications × 12 departments is {size:,} bytes "
        f"(budget {EDITIONS_BUDGET_BYTES:,})"
    )


def test_the_table_footer_gives_the_number_only_when_the_wording_hides_it() -> None:
    """Regression: an exact total read "6 860 emplois (6 860)" (figures FICTITIOUS)."""

    assert _total_cell(Count(6860)) == "6\u202f860 emplois"
    worded = Count(5306, Precision.PLUS_DE, formulation="plus de 5 300 emplois")
    assert _total_cell(worded) == "plus de 5 300 emplois (5\u202f306)"


def test_change_classes_leave_no_gap_between_them() -> None:
    # Regression: "+20 à +57" then "+175 à +318": a change of +100 had no class in the
    # legend, though the map coloured it as the second one (FICTITIOUS changes).
    classes = _change({"2023-06": {"01": 57, "03": 175, "07": 318, "15": 480, "26": 20}}, new={})
    found = classes["2023-06"]
    assert found.labels() == ["+20 à +57", "+58 à +318", "+319 à +480"]
    assert found.class_of == {"01": 0, "03": 1, "07": 1, "15": 2, "26": 0}
