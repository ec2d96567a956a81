"""Benchmark: building from a publications folder, all France × 5 FICTITIOUS publications.

Not a timed test. Writes five fictitious publications of the 101 departments of
the boundaries file (numbers from ``numpy.random.default_rng(0)``, growing from
one publication to the next; every source says FICTIF) into a temporary folder,
then builds every output with ``relocmap.pipeline.build_map`` several times and
prints the median build time and each output's size, against the same build of
the latest publication alone (the single-publication layout). Nothing goes to
``out/``.

Usage (from the repository root)::

    .venv/bin/python bench/publications.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from relocmap.load import read_boundaries
from relocmap.pipeline import build_map
from relocmap.render import MapOptions

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "geo" / "departements.geojson"
DATES = ("2022-10", "2023-06", "2024-01", "2024-09", "2025-04")
HEADER = "code,departement,projets,emplois,emplois_precision,projets_precision,note"


def write_publications(root: Path) -> None:
    """Five FICTITIOUS publications of every department of France."""
    boundaries = read_boundaries(GEO)
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


def measure(data: Path, facts: Path | None, out: Path, runs: int) -> tuple[list[float], dict]:
    build_map(data, GEO, out, facts, MapOptions())  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build_map(data, GEO, out, facts, MapOptions())
        times.append(time.perf_counter() - start)
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="relocmap-bench-") as tmp:
        root = Path(tmp) / "publications"
        write_publications(root)
        latest = root / DATES[-1]
        single = measure(
            latest / "relocalisations.csv",
            latest / "publication.json",
            Path(tmp) / "one",
            args.runs,
        )
        history = measure(root, None, Path(tmp) / "five", args.runs)
    print(f"relocmap commit {commit}; all France (101 departments), median of {args.runs} runs\n")
    print("| Build | median (ms) | min–max (ms) |")
    print("|---|--:|--:|")
    for label, (times, _) in (("latest publication alone", single), ("5 publications", history)):
        low, high = min(times) * 1000, max(times) * 1000
        print(f"| {label} | {statistics.median(times) * 1000:,.0f} | {low:,.0f}–{high:,.0f} |")
    print("\n| Output | latest alone (bytes) | 5 publications (bytes) |")
    print("|---|--:|--:|")
    for name in sorted(set(single[1]) | set(history[1])):
        one, five = single[1].get(name), history[1].get(name)
        print(f"| {name} | {'' if one is None else f'{one:,}'} | {five:,} |")


if __name__ == "__main__":
    main()
