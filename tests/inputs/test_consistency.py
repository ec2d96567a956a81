"""relocmap.inputs.consistency: warnings that the headline may be stale, in 'validate' and 'build'.

Every figure and total written here is fictitious, unless it is the committed data's.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import HEADER

from relocmap.base.counts import Count
from relocmap.base.precision import Precision
from relocmap.cli import main
from relocmap.inputs.checked import load_inputs
from relocmap.inputs.consistency import (
    DATE_TOLERANCE_S,
    allowed_range,
    date_concern,
    headline_concerns,
    margin,
    rounding_step,
    total_concerns,
)
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import Publication

NAMES = {
    "01": "Ain",
    "03": "Allier",
    "07": "Ardèche",
    "15": "Cantal",
    "26": "Drôme",
    "38": "Isère",
    "42": "Loire",
    "43": "Haute-Loire",
    "63": "Puy-de-Dôme",
    "69": "Rhône",
    "73": "Savoie",
    "74": "Haute-Savoie",
}


def figures_csv(tmp_path: Path, rows: dict[str, tuple[int, int, str]]) -> Path:
    """A figures CSV in tmp_path: code → (projets, emplois, emplois_precision)."""
    lines = [HEADER] + [
        f"{code},{NAMES[code]},{projets},{emplois},{precision},exact,"
        for code, (projets, emplois, precision) in rows.items()
    ]
    path = tmp_path / "relocalisations.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def joined_of(tmp_path, geo_path, rows):
    return load_inputs(figures_csv(tmp_path, rows), geo_path).joined


def every_department(emplois: int, precision: str = "exact") -> dict:
    return {code: (10, emplois, precision) for code in NAMES}


def publication(emplois: Count | None = None, projets: Count | None = None) -> Publication:
    return Publication(
        "Source fictive", PartialDate(2023), total_projets=projets, total_emplois=emplois
    )


@pytest.mark.parametrize(
    ("precision", "low", "high"),
    [
        (Precision.EXACT, 1230, 1230),
        (Precision.ENVIRON, 1168.5, 1291.5),  # 5 % (61,5) is more than half of 10
        (Precision.PRES_DE, 1168.5, 1291.5),
        (Precision.PLUS_DE, 1230, 1291.5),
    ],
)
def test_what_each_wording_allows(precision, low, high):
    assert allowed_range(1230, precision) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("value", "step"),
    [(0, 1), (1, 1), (4, 1), (5, 5), (15, 5), (10, 10), (20, 10), (250, 50), (670, 10)]
    + [(1000, 1000), (5300, 100), (5306, 1), (10_000_000, 10_000_000)],
)
def test_rounding_step_is_the_largest_1_or_5_power_of_ten_dividing_it(value, step):
    assert rounding_step(value) == step


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # "une dizaine": rounded to ten (half: 5), capped at 20 % → 8 to 12.
        (10, 2.0),
        # "une quinzaine": rounded to five (half: 2,5), under the 20 % cap (3).
        (15, 2.5),
        # "une vingtaine": half of ten is 5, capped at 20 % (4).
        (20, 4.0),
        # "environ 25": half of five (2,5) is the cap's edge, under it (5).
        (25, 2.5),
        # "une centaine" → 80 to 120; "un millier" → 800 to 1 200.
        (100, 20.0),
        (1000, 200.0),
        # "environ 250": rounded to fifty (25), more than 5 % (12,5).
        (250, 25.0),
        # "près de 670", "environ 5 300": 5 % is more than half the step.
        (670, 33.5),
        (5300, 265.0),
        # The edge between the rounding step and 5 %: "environ 90" (half of ten, 5, is
        # more than 4,5) and "environ 110" (5 %, 5,5, is more than 5).
        (90, 5.0),
        (110, 5.5),
        # A figure of 1, 2…: 5 % is less than half a unit, and the cap wins.
        (2, 0.4),
    ],
)
def test_margin_of_an_approximate_figure(value, expected):
    for precision in (Precision.ENVIRON, Precision.PRES_DE, Precision.PLUS_DE):
        assert margin(value, precision) == pytest.approx(expected)
    assert margin(value, Precision.EXACT) == 0


def test_the_issue_case_une_dizaine_in_an_exact_total(tmp_path, geo_path):
    """Regression (issue 19): Allier "une dizaine de projets", the 11 other departments
    exact, 318 in all against an exact regional total of 319 (FICTITIOUS figures), was
    refused because 1 exceeds 5 % of 10; "une dizaine" stands for 8 to 12."""
    lines = [HEADER] + [
        f"{code},{name},{10 if code == '03' else 28},100,exact,"
        + ("environ," if code == "03" else "exact,")
        for code, name in NAMES.items()
    ]
    path = tmp_path / "relocalisations.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    joined = load_inputs(path, geo_path).joined
    assert int(joined.with_data["projets"].sum()) == 318
    for total in (316, 319, 320):  # 308 + 8 … 308 + 12
        assert total_concerns(joined, publication(projets=Count(total))) == []
    for total in (315, 321):  # just beyond what "une dizaine" allows
        assert total_concerns(joined, publication(projets=Count(total))) != []


def test_committed_data_raises_no_concern(paths):
    inputs = load_inputs(paths["data"], paths["geo"], paths["facts"])
    assert total_concerns(inputs.joined, inputs.publication) == []


@pytest.mark.parametrize(
    ("total", "concerned"),
    [
        (Count(1200, Precision.EXACT), False),  # 12 × 100, exact
        (Count(1201, Precision.EXACT), True),  # exact and one off
        (Count(1150, Precision.PLUS_DE), False),  # "plus de 1 150": 1 200 is within 5 %
        (Count(1100, Precision.PLUS_DE), True),  # "plus de 1 100": 9 % above
        (Count(1250, Precision.PLUS_DE), True),  # "plus de 1 250" but only 1 200
        (Count(1250, Precision.PRES_DE), False),  # "près de 1 250": 4 % off
        (Count(1300, Precision.ENVIRON), True),  # "environ 1 300": 8 % off
    ],
)
def test_a_total_is_checked_against_its_wording(tmp_path, geo_path, total, concerned):
    joined = joined_of(tmp_path, geo_path, every_department(100))
    concerns = total_concerns(joined, publication(emplois=total))
    assert bool(concerns) == concerned
    assert all(c.kind == "total" and c.message.startswith("emplois: ") for c in concerns)


def test_approximate_departments_widen_the_sum(tmp_path, geo_path):
    # 12 × 110 = 1 320; "près de 110" stands for 104,5 to 115,5 (5 %).
    exact = joined_of(tmp_path, geo_path, every_department(110))
    assert total_concerns(exact, publication(emplois=Count(1300))) != []
    joined = joined_of(tmp_path, geo_path, every_department(110, "pres_de"))
    assert total_concerns(joined, publication(emplois=Count(1300))) == []
    assert total_concerns(joined, publication(emplois=Count(1254))) == []
    assert total_concerns(joined, publication(emplois=Count(1253))) != []


def test_departments_without_data_explain_a_smaller_sum_only(tmp_path, geo_path):
    joined = joined_of(tmp_path, geo_path, {"01": (10, 100, "exact"), "69": (20, 300, "exact")})
    assert total_concerns(joined, publication(emplois=Count(5000))) == []
    (concern,) = total_concerns(joined, publication(emplois=Count(200)))
    assert concern.message.startswith(
        "emplois: the departments add up to 400 (10 departments of the region without "
        "data), 200 more than the published total 200 (“200 emplois”, exact), more than "
        "that wording allows; check that publication.json comes from the same press release "
        "as the figures ('relocmap update' writes both), and that no department was counted "
        "twice or mistyped"
    )


def test_the_issue_case_old_headline_over_new_figures(tmp_path, geo_path, paths):
    """Regression: new figures (sum 7 318) under the 2022 headline (5 306) passed silently."""
    rows = every_department(609)
    rows["01"] = (10, 619, "exact")  # 11 × 609 + 619 = 7 318
    joined = joined_of(tmp_path, geo_path, rows)
    old = load_inputs(paths["data"], paths["geo"], paths["facts"]).publication
    concerns = total_concerns(joined, old)
    assert [c.message.split(",")[0] for c in concerns] == [
        "projets: the departments add up to 120",
        "emplois: the departments add up to 7318",
    ]
    assert "2012 more than the published total 5306" in concerns[1].message


def test_no_publication_or_no_totals_no_concern(tmp_path, geo_path):
    joined = joined_of(tmp_path, geo_path, every_department(100))
    assert total_concerns(joined, None) == []
    assert total_concerns(joined, publication()) == []


# --- the facts file older than the figures ------------------------------------------------


def aged(path: Path, seconds: float) -> None:
    """Set a file's modification time ``seconds`` in the past (from the other file's)."""
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime - seconds))


def test_facts_older_than_the_figures(tmp_path):
    data, facts = tmp_path / "relocalisations.csv", tmp_path / "publication.json"
    data.write_text("x", encoding="utf-8")
    facts.write_text("{}", encoding="utf-8")
    os.utime(facts, (data.stat().st_atime, data.stat().st_mtime))
    assert date_concern(data, facts) is None
    aged(facts, DATE_TOLERANCE_S - 1)  # a clone or a copy writes both within seconds
    assert date_concern(data, facts) is None
    aged(facts, 3600)
    concern = date_concern(data, facts)
    assert concern is not None and concern.kind == "date"
    assert concern.message.startswith(f"{data} was changed after {facts} (")
    assert concern.message.endswith(
        "if the figures come from a new press release, its date, source and totals belong in "
        "publication.json too ('relocmap update' writes both); if publication.json is still "
        "right, save it again"
    )
    assert date_concern(data, None) is None


# --- the commands -----------------------------------------------------------------------


@pytest.fixture
def stale(tmp_path, paths) -> Path:
    """New (fictitious) figures beside the 2022 facts, saved an hour before them."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths["facts"], folder / "publication.json")
    rows = every_department(609)
    text = figures_csv(tmp_path, rows).read_text("utf-8")
    (folder / "relocalisations.csv").write_text(text, encoding="utf-8")
    aged(folder / "publication.json", 3600)
    return folder / "relocalisations.csv"


def test_validate_shows_the_warnings_in_its_summary(stale, paths):
    result = CliRunner().invoke(main, ["validate", str(stale), "--geo", str(paths["geo"])])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2:4] == [
        "projets: sum of departments 120, published total 190, difference -70",
        "emplois: sum of departments 7308, published total 5306, difference +2002",
    ]
    assert [line.split(":")[0] for line in lines[4:]] == [
        "Warning",
        "Warning",
        "Warning",
        "3 warnings",
    ]
    assert lines[-1] == "3 warnings: check the facts before publishing the map"
    assert "was changed after" in lines[-2]


def test_build_refuses_a_contradicted_total_and_writes_nothing(stale, paths, tmp_path):
    out = tmp_path / "out"
    args = ["build", "--data", str(stale), "--geo", str(paths["geo"]), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    facts = stale.parent / "publication.json"
    assert result.stderr.splitlines()[-1] == (
        f"Error: {facts}: nothing was built: the headline would contradict the map; fix the "
        "facts or the figures, or pass --accept-total-mismatch if the Région published "
        "these totals (to accept them for every build, record them in the facts: the "
        "ecart_accepte_ keys, data/README.md)"
    )
    assert not out.exists()


def test_build_accepts_a_mismatch_when_told_and_still_warns(stale, paths, tmp_path):
    out = tmp_path / "out"
    args = ["build", "--data", str(stale), "--geo", str(paths["geo"]), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--accept-total-mismatch"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert len(warnings) == 3
    assert (out / "carte.html").is_file()


def test_build_only_warns_about_an_older_facts_file(tmp_path, paths):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths["data"], folder / "relocalisations.csv")
    facts = json.loads(paths["facts"].read_text("utf-8"))
    (folder / "publication.json").write_text(json.dumps(facts), encoding="utf-8")
    aged(folder / "publication.json", 3600)
    inputs = load_inputs(folder / "relocalisations.csv", paths["geo"], folder / "publication.json")
    concerns = headline_concerns(
        inputs.joined,
        inputs.publication,
        folder / "relocalisations.csv",
        folder / "publication.json",
    )
    assert [c.kind for c in concerns] == ["date"]
    out = tmp_path / "out"
    args = ["build", "--data", str(folder / "relocalisations.csv"), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--geo", str(paths["geo"])])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Warning: {folder / 'relocalisations.csv'} was changed after")
    assert (out / "carte.html").is_file()
