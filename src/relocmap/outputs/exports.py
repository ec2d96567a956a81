"""The data exports: the figures joined to the departments as GeoJSON (declared columns
only) and CSV (with derived columns, formula-safe), for one or several publications."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
import pandas as pd
import shapely
import shapely.geometry

from relocmap.history.changes import Change

# Declared columns of the exports, in order. The GeoJSON keeps the figures as
# published and the department attributes; the CSV adds the derived figures.
GEOJSON_COLUMNS = (
    "code",
    "departement",
    "region_code",
    "region_nom",
    "projets",
    "emplois",
    "emplois_precision",
    "projets_precision",
    "note",
    "population",
    "population_millesime",
)


DERIVED_COLUMNS = (
    "emplois_par_projet",
    "emplois_pour_10000_hab",
    "part_emplois",
    "part_projets",
    "rang_emplois",
    "rang_projets",
)


CSV_COLUMNS = GEOJSON_COLUMNS + DERIVED_COLUMNS


_WHOLE_COLUMNS = (
    "projets",
    "emplois",
    "population",
    "population_millesime",
    "rang_emplois",
    "rang_projets",
)


Value = str | int | float | None


def _records(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Value]]:
    """Plain Python values per department; missing figures are None ("no data"), never 0."""
    table = frame.rename(columns={"nom": "departement"})
    records = []
    for _, row in table.iterrows():
        record: dict[str, Value] = {}
        for column in columns:
            value = row[column]
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                record[column] = None
            elif column in _WHOLE_COLUMNS:
                record[column] = int(value)
            elif isinstance(value, str):
                record[column] = str(value)  # plain text; a Precision gives its word, "pres_de"
            else:
                record[column] = float(value)
        records.append(record)
    return records


def _feature_collection(
    frame: pd.DataFrame,
    extra: Callable[[dict[str, Value]], dict[str, object]] | None = None,
) -> str:
    """A GeoJSON FeatureCollection of the declared columns (``id`` = code), with
    ``extra(record)``'s properties added to each feature; keys sorted, UTF-8."""
    features = [
        {
            "type": "Feature",
            "id": record["code"],
            "properties": {**record, **(extra(record) if extra else {})},
            "geometry": shapely.geometry.mapping(geometry),
        }
        for record, geometry in zip(_records(frame, GEOJSON_COLUMNS), frame.geometry, strict=True)
    ]
    return (
        json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n"
    )


def relocalisations_geojson(frame: gpd.GeoDataFrame) -> str:
    """RFC 7946 FeatureCollection of the shown departments with declared columns only."""
    return _feature_collection(frame)


# A spreadsheet reads a cell starting with one of these as a formula ("=HYPERLINK(...)",
# "+cmd|..."; tab and carriage return are tricks to the same end). Such a text cell
# is exported with a leading apostrophe, which spreadsheets show as text: the
# OWASP "CSV injection" advice. Numbers are written as numbers and never start so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``=1+1`` gives ``'=1+1``; any other text is returned as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def relocalisations_csv(frame: pd.DataFrame) -> str:
    """UTF-8 CSV (comma, dot decimals, empty cell = no data) of figures and derived columns.

    Text cells that a spreadsheet would run as a formula are neutralised
    (:func:`neutralise_formula`).
    """
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in _records(frame, CSV_COLUMNS):
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
    return buffer.getvalue()


def _csv_cell(value: object) -> object:
    """A value as the exported CSV writes it: empty for no data, text neutralised."""
    if value is None:
        return ""
    return neutralise_formula(value) if isinstance(value, str) else value


CHANGE_COLUMNS = ("evolution_projets", "evolution_emplois", "statut")


HISTORY_CSV_COLUMNS = ("publication", *CSV_COLUMNS, *CHANGE_COLUMNS)


HISTORY_GEOJSON_COLUMNS = (
    "publication",
    "publication_precedente",
    *GEOJSON_COLUMNS,
    *CHANGE_COLUMNS,
)


def _change_record(change: Change | None) -> dict[str, object]:
    """The change columns: differences (None unless in both publications) and status."""
    if change is None:
        return {"evolution_projets": None, "evolution_emplois": None, "statut": None}
    return {
        "evolution_projets": change.delta("projets"),
        "evolution_emplois": change.delta("emplois"),
        "statut": str(change.status),
    }


def relocalisations_history_csv(
    publications: Sequence[tuple[str, pd.DataFrame]],
    changes: Mapping[str, Mapping[str, Change]],
) -> str:
    """Long format: one row per publication and department shown (publications in date
    order, departments by code), the figures and derived columns of that publication,
    and the change since the previous one (empty in the first publication)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=HISTORY_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for key, frame in publications:
        per_code = changes.get(key, {})
        for record in _records(frame, CSV_COLUMNS):
            change = _change_record(per_code.get(str(record["code"])))
            row = {"publication": key, **record, **change}
            writer.writerow({name: _csv_cell(value) for name, value in row.items()})
    return buffer.getvalue()


def relocalisations_history_geojson(
    key: str, previous: str, frame: pd.DataFrame, changes: Mapping[str, Change]
) -> str:
    """The latest publication's FeatureCollection, with the change since ``previous``."""
    return _feature_collection(
        frame,
        lambda record: {
            "publication": key,
            "publication_precedente": previous,
            **_change_record(changes.get(str(record["code"]))),
        },
    )
