"""Writing outputs: atomically, so a failed build never leaves a half-written file."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import shapely

from .errors import OutputError
from .history import Change


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``; the caller renames it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
        raise
    return Path(tmp)


def write_all_atomic(files: dict[Path, bytes | str]) -> None:
    """Write several files all or nothing: every file is staged beside its target
    first, and only when all are staged are they renamed into place."""
    staged: dict[Path, Path] = {}
    try:
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            staged[Path(path)] = _stage(Path(path), data)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write the outputs ({exc.strerror or exc})") from None
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    write_all_atomic({Path(path): data})


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text atomically, with Unix newlines on every platform."""
    write_bytes_atomic(path, text.encode("utf-8"))


def refuse_overwriting_inputs(targets, inputs) -> None:
    """An output must never replace an input (``--out data`` would replace the CSV)."""
    existing = {Path(p).resolve() for p in inputs if p is not None and Path(p).exists()}
    clashes = sorted(str(t) for t in targets if Path(t).resolve() in existing)
    if clashes:
        raise OutputError(f"{clashes[0]}: is an input file; choose another --out directory")


# --- data exports: figures joined to boundaries, for QGIS or data.gouv.fr ----------

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


def _records(frame, columns) -> list[dict]:
    """Plain Python values per department; missing figures are None ("no data"), never 0."""
    table = frame.rename(columns={"nom": "departement"})
    records = []
    for _, row in table.iterrows():
        record = {}
        for column in columns:
            value = row[column]
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                record[column] = None
            elif column in (
                "projets",
                "emplois",
                "population",
                "population_millesime",
                "rang_emplois",
                "rang_projets",
            ):
                record[column] = int(value)
            elif isinstance(value, str):
                record[column] = str(value)  # plain text; a Precision gives its word, "pres_de"
            else:
                record[column] = float(value)
        records.append(record)
    return records


def relocalisations_geojson(frame) -> str:
    """RFC 7946 FeatureCollection of the shown departments with declared columns only."""
    features = [
        {
            "type": "Feature",
            "id": record["code"],
            "properties": record,
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


def relocalisations_csv(frame) -> str:
    """UTF-8 CSV (comma, dot decimals, empty cell = no data) of figures and derived columns."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in _records(frame, CSV_COLUMNS):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


# --- several publications: every publication in the CSV, the change in the GeoJSON -----

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
            row = {"publication": key, **record, **_change_record(per_code.get(record["code"]))}
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def relocalisations_history_geojson(
    key: str, previous: str, frame: pd.DataFrame, changes: Mapping[str, Change]
) -> str:
    """The latest publication's FeatureCollection, with the change since ``previous``."""
    features = [
        {
            "type": "Feature",
            "id": record["code"],
            "properties": {
                "publication": key,
                "publication_precedente": previous,
                **record,
                **_change_record(changes.get(record["code"])),
            },
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
