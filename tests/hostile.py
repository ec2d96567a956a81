"""Small inputs for the hostile-input tests: a two-department region (Corsica, cut from
the committed boundaries) with fictitious figures, quick to build."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from helpers import HEADER, REPO_ROOT

CORSICA = ("2A", "2B")
# Fictitious figures (not from any release): only their shape matters here.
CORSICA_CSV = f"{HEADER}\n2A,Corse-du-Sud,3,40,exact,exact,\n2B,Haute-Corse,2,25,exact,exact,\n"


@cache
def _corsica_text() -> str:
    path = REPO_ROOT / "geo" / "departements.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps([f for f in collection["features"] if f["properties"]["code"] in CORSICA])


def corsica_features() -> list[dict[str, Any]]:
    """The two features of Corsica (a new copy at each call: callers change them)."""
    features: list[dict[str, Any]] = json.loads(_corsica_text())
    return features


def write_geojson(path: Path, features: list[Any], **members: Any) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", **members, "features": features}),
        encoding="utf-8",
    )
    return path


def corsica_inputs(folder: Path) -> tuple[Path, Path]:
    """(figures CSV, boundaries GeoJSON) of the small region, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "figures.csv"
    data.write_text(CORSICA_CSV, encoding="utf-8")
    return data, write_geojson(folder / "corse.geojson", corsica_features())
