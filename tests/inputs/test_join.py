"""relocmap.inputs.join: figures on every department of their region; no data is never zero."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from helpers import HEADER

from relocmap.base.precision import Precision
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.figures import RawTable, default_schema
from relocmap.inputs.join import join
from relocmap.inputs.validate import validate_table

ARA = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]


@pytest.fixture(scope="module")
def boundaries(geo_path):
    return read_boundaries(geo_path)


def figures(boundaries, *rows: str) -> pd.DataFrame:
    raw = RawTable(
        "f.csv",
        "utf-8",
        ",",
        HEADER.split(","),
        [(n, r.split(",")) for n, r in enumerate(rows, start=2)],
    )
    return validate_table(raw, boundaries["nom"].to_dict(), default_schema())


def test_committed_figures(boundaries, data_dir):
    from relocmap.inputs.figures import read_csv_table

    raw = read_csv_table(data_dir / "relocalisations.csv")
    frame_in = validate_table(raw, boundaries["nom"].to_dict(), default_schema())
    joined = join(frame_in, boundaries)
    assert joined.regions == ("84",)
    assert joined.missing == ()
    assert list(joined.frame.index) == ARA
    assert joined.frame.crs.to_epsg() == 4326
    assert joined.frame.geometry.notna().all()
    assert joined.frame["emplois"].sum() == 5320
    assert joined.frame["projets"].sum() == 190
    assert joined.frame.at["69", "emplois"] == 1220
    assert joined.frame.at["69", "rang_emplois"] == 1
    assert len(joined.with_data) == 12


def test_department_without_row_is_no_data_not_zero(boundaries):
    joined = join(
        figures(boundaries, "01,Ain,10,100,exact,,", "69,Rhône,30,300,exact,,"), boundaries
    )
    frame = joined.frame
    assert list(frame.index) == ARA  # the whole region is shown
    assert joined.missing == tuple(c for c in ARA if c not in {"01", "69"})
    cantal = frame.loc["15"]
    for column in [
        "projets",
        "emplois",
        "emplois_par_projet",
        "part_emplois",
        "part_projets",
        "emplois_pour_10000_hab",
        "rang_emplois",
        "rang_projets",
    ]:
        assert pd.isna(cantal[column]), column
    assert (frame["emplois"].fillna(-1) != 0).all()
    assert list(joined.with_data.index) == ["01", "69"]
    assert frame.loc["15", "nom"] == "Cantal"  # boundary properties are kept
    # Shares are over the departments with data only.
    assert frame.at["01", "part_emplois"] == 25.0
    assert frame.at["69", "part_emplois"] == 75.0


def test_zero_is_a_figure_not_missing(boundaries):
    joined = join(figures(boundaries, "01,Ain,0,0,exact,,", "69,Rhône,4,10,exact,,"), boundaries)
    frame = joined.frame
    assert "01" not in joined.missing
    assert frame.at["01", "emplois"] == 0
    assert frame.at["01", "part_emplois"] == 0
    assert frame.at["01", "emplois_pour_10000_hab"] == 0
    assert frame.at["01", "rang_emplois"] == 2
    # No projects: jobs per project is undefined, not infinite and not zero.
    assert pd.isna(frame.at["01", "emplois_par_projet"])
    assert frame.at["69", "emplois_par_projet"] == 2.5
    assert list(joined.with_data.index) == ["01", "69"]


def test_derived_figures(boundaries):
    frame = join(
        figures(
            boundaries, "01,Ain,10,100,exact,,", "38,Isère,5,300,exact,,", "69,Rhône,10,300,exact,,"
        ),
        boundaries,
    ).frame
    assert frame.at["38", "emplois_par_projet"] == 60.0
    assert frame.at["01", "part_emplois"] == pytest.approx(14.3)
    assert frame.at["38", "part_emplois"] == pytest.approx(42.9)
    assert frame.at["01", "part_projets"] == 40.0
    population = boundaries.at["69", "population"]
    assert frame.at["69", "emplois_pour_10000_hab"] == pytest.approx(round(3e6 / population, 1))
    # Ties share the best rank: 300, 300, 100 -> 1, 1, 3.
    assert [frame.at[c, "rang_emplois"] for c in ["38", "69", "01"]] == [1, 1, 3]
    assert [frame.at[c, "rang_projets"] for c in ["01", "69", "38"]] == [1, 1, 3]
    assert str(frame["rang_emplois"].dtype) == "Int64"


def test_shares_and_ranks_are_within_each_region(boundaries):
    joined = join(
        figures(
            boundaries,
            "01,Ain,10,100,exact,,",
            "69,Rhône,30,300,exact,,",
            "2A,Corse-du-Sud,1,50,exact,,",
        ),
        boundaries,
    )
    frame = joined.frame
    assert joined.regions == ("84", "94")
    assert set(frame.index) == set(ARA) | {"2A", "2B"}
    assert frame.at["2A", "part_emplois"] == 100.0
    assert frame.at["2A", "rang_emplois"] == 1
    assert frame.at["69", "rang_emplois"] == 1
    assert frame.at["69", "part_emplois"] == 75.0
    assert pd.isna(frame.at["2B", "emplois"])
    assert "2B" in joined.missing


def test_figure_columns_carried(boundaries):
    frame = join(
        figures(boundaries, "73,Savoie,3,100,plus_de,environ,« plus de 100 »"), boundaries
    ).frame
    row = frame.loc["73"]
    assert row["emplois_precision"] == "plus_de"
    assert row["projets_precision"] == "environ"
    assert row["note"] == "« plus de 100 »"
    assert not math.isnan(row.geometry.area)


def test_precisions_are_the_one_vocabulary(boundaries):
    frame = join(
        figures(boundaries, "01,Ain,10,100,pres_de,,", "69,Rhône,30,300,environ,plus_de,"),
        boundaries,
    ).frame
    assert frame.at["01", "emplois_precision"] is Precision.PRES_DE
    assert frame.at["01", "projets_precision"] is Precision.EXACT  # the default when empty
    assert frame.at["69", "emplois_precision"] is Precision.ENVIRON
    assert frame.at["69", "projets_precision"] is Precision.PLUS_DE
    # A department without data has no precision either (not "exact").
    assert frame.at["03", "emplois_precision"] is None
    assert frame.at["03", "projets_precision"] is None
