"""Benchmark: building from a publications folder, region and all France, 1 and 5 FICTITIOUS
publications.

Not a timed test: it prints Markdown tables (and, with --write, puts them into
bench/README.md between its markers). Writes five fictitious publications (numbers
from ``numpy.random.default_rng(0)``, growing from one publication to the next; every
source and note says FICTIF) of two sets of departments into a temporary folder: the
12 departments of Auvergne-Rhône-Alpes and the 101 of the boundaries file. For each
set it builds every output with ``relocmap.build_map`` several times, from
the five publications and from the latest one alone (the single-publication layout),
and reports the median build time, the page's size (bytes of carte.html, against the
issue's budgets: one publication ≤ 100 000, five of a region ≤ 125 000) and, for all
France, each output's size. Nothing goes to ``out/``.

Usage (from the repository root)::

    .venv/bin/python bench/publications.py [--runs 3] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np

from bench import write_readme  # bench/bench.py, beside this script
from relocmap.build import build_map
from relocmap.inputs.boundaries import read_boundaries
from relocmap.page import MapOptions

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "geo" / "departements.geojson"
START = "<!-- bench-publications:start (written by bench/publications.py --write) -->"
END = "<!-- bench-publications:end -->"
DATES = ("2022-10", "2023-06", "2024-01", "2024-09", "2025-04")
HEADER = "code,departement,projets,emplois,emplois_precision,projets_precision,note"
REGION = "84"  # Auvergne-Rhône-Alpes
# The page budgets (bytes of carte.html), read strictly.
BUDGET_ONE = 100_000
BUDGET_FIVE_REGION = 125_000


@dataclass(frozen=True)
class Case:
    """One measured build: its label, its times (s) and its outputs' sizes (bytes)."""

    label: str
    times: list[float]
    sizes: dict[str, int]

    @property
    def page(self) -> int:
        return self.sizes["carte.html"]


def write_publications(root: Path, boundaries: gpd.GeoDataFrame) -> None:
    """Five FICTITIOUS publications of the departments of ``boundaries``."""
    rng = np.random.default_rng(0)
    projects = rng.integers(0, 30, len(boundaries))
    jobs = rng.integers(0, 1200, len(boundaries))
    for step, date in enumerate(DATES):
        folder = root / date
        folder.mkdir(parents=True)
        projects = projects + rng.integers(0, 5, len(boundaries))
        jobs = jobs + rng.integers(0, 200, len(boundaries))
        lines = [HEADER] + [
            f"{code},{name},{p},{j},exact,exact,FICTIF"
            for code, name, p, j in zip(
                boundaries.index, boundaries["nom"], projects, jobs, strict=True
            )
        ]
        (folder / "relocalisations.csv").write_text("\n".join(lines) + "\n", "utf-8")
        facts = {
            "source_date": date,
            "source": f"FICTIF : données inventées pour le banc d'essai ({step + 1}/5)",
            "total_projets_publie": int(projects.sum()),
            "total_emplois_publie": int(jobs.sum()),
            "adoption_plan": "2021-12",
            "objectif_emplois": 30000,
            "objectif_duree_ans": 6,
            "donnees_fictives": True,  # every title says FICTIF
        }
        (folder / "publication.json").write_text(json.dumps(facts, ensure_ascii=False), "utf-8")


def measure(label: str, data: Path, facts: Path | None, out: Path, runs: int) -> Case:
    build_map(data, GEO, out, facts, MapOptions())  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_map(data, GEO, out, facts, MapOptions())
        times.append(time.perf_counter() - start)
    return Case(label, times, {p.name: p.stat().st_size for p in sorted(out.iterdir())})


def measure_set(name: str, boundaries: gpd.GeoDataFrame, tmp: Path, runs: int) -> list[Case]:
    """The latest publication alone, then the five, of one set of departments."""
    root = tmp / name / "publications"
    write_publications(root, boundaries)
    latest = root / DATES[-1]
    count = len(boundaries)
    return [
        measure(
            f"{name} ({count} departments) × 1",
            latest / "relocalisations.csv",
            latest / "publication.json",
            tmp / name / "one",
            runs,
        ),
        measure(f"{name} ({count} departments) × 5", root, None, tmp / name / "five", runs),
    ]


def header(runs: int) -> str:
    def git(*args: str) -> str:
        found = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return found.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--", "src"):
        commit += " with uncommitted changes to src/"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"relocmap source: commit {commit}. Machine: {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average when "
        f"measured: {load}. Median of {runs} runs after a warm-up."
    )


def tables(cases: list[Case]) -> str:
    lines = ["| Build | median (ms) | min–max (ms) | carte.html (bytes) | page budget (bytes) |"]
    lines.append("|---|--:|--:|--:|--:|")
    # The budgets are the region's (the committed page's scale); all France has none.
    budgets = [f"{BUDGET_ONE:,}", f"{BUDGET_FIVE_REGION:,}", "–", "–"]
    for case, budget in zip(cases, budgets, strict=True):
        median = statistics.median(case.times) * 1000
        low, high = min(case.times) * 1000, max(case.times) * 1000
        lines.append(
            f"| {case.label} | {median:,.0f} | {low:,.0f}–{high:,.0f} | {case.page:,} | {budget} |"
        )
    one, five = cases[2].sizes, cases[3].sizes
    lines += ["", "All France, every output:", ""]
    lines.append("| Output | latest alone (bytes) | 5 publications (bytes) |")
    lines.append("|---|--:|--:|")
    for name in sorted(set(one) | set(five)):
        alone, many = one.get(name), five.get(name)
        lines.append(
            f"| {name} | {'' if alone is None else f'{alone:,}'} "
            f"| {'' if many is None else f'{many:,}'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed builds per case (default 3)")
    parser.add_argument(
        "--write", action="store_true", help="rewrite the publications section of bench/README.md"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    boundaries = read_boundaries(GEO)
    region = boundaries[boundaries["region_code"] == REGION]
    with tempfile.TemporaryDirectory(prefix="relocmap-bench-") as tmp:
        cases = measure_set("Auvergne-Rhône-Alpes", region, Path(tmp), args.runs)
        cases += measure_set("all France", boundaries, Path(tmp), args.runs)
    section = f"{header(args.runs)}\n\n{tables(cases)}"
    print(section)
    if args.write:
        write_readme(section, START, END)


if __name__ == "__main__":
    main()
