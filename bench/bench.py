"""Benchmark: relocmap's page against two peer baselines on the same data.

Not a timed test: it prints a Markdown table (and, with --write, puts it into
bench/README.md between the markers). For each dataset it builds

* relocmap   -- ``build_map(data, geo, out_dir, facts)``, the whole pipeline as
                ``relocmap build`` runs it (read, validate, join, classify,
                render, write);
* explore    -- geopandas ``GeoDataFrame.explore()`` on the jobs column with a
                tooltip and a popup;
* folium     -- the folium documentation's way: ``folium.Map`` + two
                ``folium.Choropleth`` layers (jobs, projects) + a ``folium.GeoJson``
                with ``GeoJsonTooltip``/``GeoJsonPopup`` + ``LayerControl``.

The peers do the same work as relocmap: read the CSV (pandas) and the same
boundaries file (geopandas), keep the departments of the regions present in the
data, merge on the code, build the map and save the HTML.

Datasets: the shipped ``data/relocalisations.csv`` (12 departments) and a
generated all-France CSV (the 101 departments of the boundaries file, seeded
numbers) to show how size and time grow with the data.

Everything is written to temporary directories (never ``out/``), and the network
is blocked while building: nothing is fetched at build time.

Usage (from the repository root, after ``make map``)::

    .venv/bin/python bench/bench.py [--runs 5] [--write]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import html.parser
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "relocalisations.csv"
FACTS = ROOT / "data" / "publication.json"
GEO = ROOT / "geo" / "departements.geojson"
README = ROOT / "bench" / "README.md"
START = "<!-- bench:start (written by bench/bench.py --write) -->"
END = "<!-- bench:end -->"
# Peers get relocmap's default basemap: with xyzservices >= 2025 "CartoDB positron"
# warns that CARTO now requires an API key (the tiles would not load).
TILES = "Esri.WorldGrayCanvas"
LIBRARIES = (
    "relocmap",
    "folium",
    "branca",
    "geopandas",
    "pandas",
    "shapely",
    "pyogrio",
    "mapclassify",
    "numpy",
    "jinja2",
)


# --- the three builders --------------------------------------------------------
# Each takes (csv path, facts path or None, output directory) and returns the
# path of the HTML page it wrote. Imports happen before timing (see main).


def build_relocmap(data: Path, facts: Path | None, out_dir: Path) -> Path:
    """Everything 'relocmap build' writes: page, PNG, SVG, embed snippet, exports."""
    from relocmap.build import build_map

    return build_map(data, GEO, out_dir, facts)[0]


def build_relocmap_page(data: Path, facts: Path | None, out_dir: Path) -> Path:
    """The interactive page only (read, validate, join, classify, render, write): the
    same work as the peers do."""
    from relocmap.build import classify_views
    from relocmap.files.writing import write_text_atomic
    from relocmap.inputs.checked import load_inputs
    from relocmap.page import MapOptions, build_page

    inputs = load_inputs(data, GEO, facts)
    page = out_dir / "carte.html"
    write_text_atomic(
        page,
        build_page(inputs.joined, inputs.publication, classify_views(inputs.joined), MapOptions()),
    )
    return page


def _peer_frame(data: Path):
    """Read + merge as a pandas/geopandas user would, restricted like relocmap's join."""
    import geopandas as gpd
    import pandas as pd

    figures = pd.read_csv(data, dtype={"code": str})
    boundaries = gpd.read_file(GEO)
    regions = boundaries.loc[boundaries["code"].isin(figures["code"]), "region_code"].unique()
    shown = boundaries[boundaries["region_code"].isin(regions)]
    return shown.merge(figures.drop(columns=["departement"]), on="code", how="left")


def build_explore(
    data: Path, facts: Path | None, out_dir: Path, page_geometry: bool = False
) -> Path:
    merged = _peer_frame(data)
    if page_geometry:  # not timed: only to size the geometry's share of the gap
        from relocmap.page.features import page_geometry as simplify

        merged = merged.set_geometry(simplify(merged).to_numpy())
    m = merged.explore(
        column="emplois",
        scheme="FisherJenks",
        k=5,
        cmap="YlGnBu",
        tiles=TILES,
        tooltip=["nom", "emplois", "projets"],
        popup=["nom", "code", "projets", "emplois", "emplois_precision", "note"],
        legend_kwds={"caption": "Emplois annoncés"},
    )
    target = out_dir / "explore.html"
    m.save(target)
    return target


def build_folium(data: Path, facts: Path | None, out_dir: Path) -> Path:
    import folium
    import mapclassify

    merged = _peer_frame(data)
    # Same classes as the others (Fisher-Jenks, 5) rather than folium's default
    # equal intervals; Choropleth wants the bin edges including the minimum.
    m = folium.Map(location=[46.0, 2.5], zoom_start=7 if len(merged) < 20 else 6, tiles=TILES)
    for column, palette, name, show in (
        ("emplois", "YlGnBu", "Emplois annoncés", True),
        ("projets", "PuRd", "Projets soutenus", False),
    ):
        values = merged[column].dropna().astype(float)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Numba not installed")
            bins = [values.min(), *mapclassify.FisherJenks(values.to_numpy(), k=5).bins]
        folium.Choropleth(
            geo_data=merged,
            data=merged,
            columns=["code", column],
            key_on="feature.properties.code",
            fill_color=palette,
            fill_opacity=0.8,
            line_opacity=0.5,
            bins=bins,
            nan_fill_color="#d9d9d9",
            legend_name=name,
            name=name,
            show=show,
            highlight=False,
        ).add_to(m)
    folium.GeoJson(
        merged,
        name="Départements",
        style_function=lambda feature: {"fillOpacity": 0, "weight": 0},
        tooltip=folium.GeoJsonTooltip(
            fields=["nom", "emplois", "projets"], aliases=["Département", "Emplois", "Projets"]
        ),
        popup=folium.GeoJsonPopup(
            fields=["nom", "code", "projets", "emplois", "emplois_precision", "note"]
        ),
    ).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    target = out_dir / "folium.html"
    m.save(target)
    return target


BUILDERS: dict[str, Callable[[Path, Path | None, Path], Path]] = {
    "relocmap (page)": build_relocmap_page,
    "relocmap (all outputs)": build_relocmap,
    "explore": build_explore,
    "folium": build_folium,
}


# --- measurements ----------------------------------------------------------------


LOADED_LINKS = {"stylesheet", "preload", "modulepreload"}


class _AssetParser(html.parser.HTMLParser):
    """External <script src>, and <link href> for a stylesheet or a file preloaded (the page
    fetches it as it loads), http(s) or protocol-relative."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            url = attrs.get("src")
        elif tag == "link" and LOADED_LINKS & set((attrs.get("rel") or "").lower().split()):
            url = attrs.get("href")
        else:
            return
        if url and url.lower().startswith(("http://", "https://", "//")):
            self.urls.append(url)


def external_assets(page: str) -> list[str]:
    parser = _AssetParser()
    parser.feed(page)
    return list(dict.fromkeys(parser.urls))


@contextlib.contextmanager
def no_network():
    """Make any connection attempt fail loudly (nothing should be fetched at build time)."""

    def refuse(*args, **kwargs):
        raise RuntimeError("bench: a build tried to use the network")

    saved = socket.socket.connect, socket.socket.connect_ex, socket.create_connection
    socket.socket.connect = socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.create_connection = saved


@dataclass
class Result:
    dataset: str
    builder: str
    html_bytes: int
    gzip_bytes: int
    assets: list[str]
    times: list[float]
    deterministic: str
    geojson_copies: int

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.times)

    @property
    def hosts(self) -> list[str]:
        return sorted(
            {urlsplit(url if "//" in url else "//" + url).hostname or "?" for url in self.assets}
        )


def measure(dataset: str, data: Path, facts: Path | None, runs: int, scratch: Path) -> list[Result]:
    """All builders on one dataset. Timed runs are interleaved (relocmap, explore,
    folium, relocmap, ...) so a burst of background load hits every builder alike."""
    pages: dict[str, list[bytes]] = {}
    for name, build in BUILDERS.items():
        print(f"… {dataset}: {name}", file=sys.stderr, flush=True)
        # Two untimed builds: warm-up (imports, template caches) and determinism check.
        pages[name] = [
            build(data, facts, _fresh(scratch, f"{dataset}-{name}-check{i}")).read_bytes()
            for i in range(2)
        ]
    times: dict[str, list[float]] = {name: [] for name in BUILDERS}
    for run in range(runs):
        for name, build in BUILDERS.items():
            out_dir = _fresh(scratch, f"{dataset}-{name}-run{run}")
            start = time.perf_counter()
            build(data, facts, out_dir)
            times[name].append(time.perf_counter() - start)
    results = []
    for name, (page, again) in pages.items():
        text = page.decode("utf-8")
        results.append(
            Result(
                dataset,
                name,
                len(page),
                gzip_size(page),
                external_assets(text),
                times[name],
                same_bytes(page, again),
                geojson_copies(text),
            )
        )
    return results


def _fresh(scratch: Path, name: str) -> Path:
    out_dir = scratch / name
    out_dir.mkdir()
    return out_dir


def same_bytes(page: bytes, again: bytes) -> str:
    """'yes' when two builds are byte-identical; else whether only branca's random ids differ."""
    if page == again:
        return "yes"
    random_id = re.compile(rb"[0-9a-f]{32}")
    if random_id.sub(b"ID", page) == random_id.sub(b"ID", again):
        return "no (random ids only)"
    return "no"


def gzip_size(page: bytes) -> int:
    return len(gzip.compress(page, 9, mtime=0))


def geojson_copies(page: str) -> int:
    """How many times the boundaries are written into the page."""
    return len(re.findall(r'"type":\s*"FeatureCollection"', page))


def explore_simplified(dataset: str, data: Path, scratch: Path) -> str:
    out_dir = _fresh(scratch, f"{dataset}-explore-simplified")
    page = build_explore(data, None, out_dir, page_geometry=True).read_bytes()
    return (
        f"{dataset}: explore with relocmap's page geometry "
        f"{len(page):,} bytes ({gzip_size(page):,} gzip)"
    )


def france_csv(directory: Path) -> Path:
    """All 101 departments of the boundaries file, seeded numbers, exact precision."""
    import geopandas as gpd
    import numpy as np

    boundaries = gpd.read_file(GEO).sort_values("code")
    rng = np.random.default_rng(0)
    projets = rng.integers(0, 41, len(boundaries))
    emplois = rng.integers(0, 1501, len(boundaries))
    path = directory / "france.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "code",
                "departement",
                "projets",
                "emplois",
                "emplois_precision",
                "projets_precision",
                "note",
            ]
        )
        for (code, nom), p, e in zip(
            boundaries[["code", "nom"]].itertuples(index=False), projets, emplois, strict=True
        ):
            writer.writerow([code, nom, int(p), int(e), "exact", "exact", ""])
    return path


# --- report ------------------------------------------------------------------------


def machine() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return (
        f"relocmap source: {source_state()}.\n\n"
        f"Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        + ", ".join(versions)
        + "."
    )


def source_state() -> str:
    """The commit measured, and whether the package sources had uncommitted changes."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown commit"
    dirty = git("status", "--porcelain", "--", "src", "pyproject.toml")
    return f"commit {commit}" + (" plus uncommitted changes under src/" if dirty else "")


def table(results: list[Result], runs: int) -> str:
    lines = [
        f"| Data | Build | HTML bytes | gzip -9 bytes | GeoJSON copies | External JS/CSS "
        f"| Hosts | Build time, median of {runs} (ms) | min–max (ms) | Deterministic |",
        "|---|---|--:|--:|--:|--:|---|--:|--:|:-:|",
    ]
    for r in results:
        lines.append(
            f"| {r.dataset} | {r.builder} | {r.html_bytes:,} | {r.gzip_bytes:,} "
            f"| {r.geojson_copies} | {len(r.assets)} "
            f"| {', '.join(r.hosts) or '–'} | {r.median_ms:,.0f} "
            f"| {1000 * min(r.times):,.0f}–{1000 * max(r.times):,.0f} "
            f"| {r.deterministic} |"
        )
    return "\n".join(lines)


def assets_list(results: list[Result]) -> str:
    seen: dict[str, list[str]] = {}
    for r in results:
        seen.setdefault(r.builder, r.assets)
    return "\n".join(
        f"- {builder}: " + ", ".join(f"`{url}`" for url in urls) for builder, urls in seen.items()
    )


def write_readme(section: str, start_marker: str = START, end_marker: str = END) -> None:
    """Put ``section`` between the two markers of bench/README.md (also used by the
    other bench scripts, each with its own markers)."""
    text = README.read_text("utf-8")
    head, start, rest = text.partition(start_marker)
    _, end, tail = rest.partition(end_marker)
    if not start or not end:
        sys.exit(f"{README}: markers {start_marker!r} / {end_marker!r} not found")
    README.write_text(f"{head}{start_marker}\n{section}\n{end_marker}{tail}", "utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per case (default 5)")
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"rewrite the table section of {README.relative_to(ROOT)}",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    # Import everything up front so no build pays for first imports.
    import folium  # noqa: F401
    import geopandas  # noqa: F401
    import mapclassify  # noqa: F401

    import relocmap.build  # noqa: F401
    import relocmap.page  # noqa: F401

    # Both relocmap and explore run Fisher-Jenks in pure Python (no numba): same cost.
    warnings.filterwarnings("ignore", message="Numba not installed")
    results, notes = [], []
    with tempfile.TemporaryDirectory(prefix="relocmap-bench-") as tmp, no_network():
        scratch = Path(tmp)
        datasets = [
            ("region (12 dep.)", DATA, FACTS),
            ("all France (101 dep.)", france_csv(scratch), None),
        ]
        for dataset, data, facts in datasets:
            results += measure(dataset, data, facts, args.runs, scratch)
            notes.append(explore_simplified(dataset, data, scratch))

    section = "\n\n".join(
        [
            machine(),
            table(results, args.runs),
            "Geometry's share of the size gap (bytes only, not timed): peers embed the "
            "boundaries file as is (5 decimals, ~250 m); relocmap's page simplifies them to "
            "~500 m and 3 decimals. The same explore page built on relocmap's page geometry:\n\n"
            + "\n".join(f"- {note}" for note in notes),
            "External files each page loads:\n\n" + assets_list(results),
        ]
    )
    print(section)
    if args.write:
        write_readme(section)
        print(f"\n(written to {README.relative_to(ROOT)})", file=sys.stderr)


if __name__ == "__main__":
    main()
