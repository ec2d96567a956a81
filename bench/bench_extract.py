"""Benchmark: how long 'relocmap extract' takes on large and hostile releases.

Not a timed test: it prints a Markdown table (and, with --write, puts it into
bench/README.md between its markers). Each case is a release file written to a
temporary directory and read by ``relocmap.extract.extract_release`` (reading,
decoding, HTML to text, tables, sentences, figures): the whole command but the
boundaries file, which takes the same time whatever the release.

The texts are generated from a fictitious release: no real press release is used.
Time should grow in proportion to the size (the "per MB" column stays flat from 1
to 4 MB), and no input should take more than seconds.

Usage (from the repository root, after ``make map``)::

    .venv/bin/python bench/bench_extract.py [--runs 3] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import write_readme  # bench/bench.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "geo" / "departements.geojson"
README = ROOT / "bench" / "README.md"
START = "<!-- bench-extract:start (written by bench/bench_extract.py --write) -->"
END = "<!-- bench-extract:end -->"
MB = 1_000_000

# A fictitious release, in the forms extract reads.
RELEASE = """Relocalisations : le plan porte ses fruits

Lyon, le 3 avril 2024 – La Région a déjà accompagné 190 projets, permettant la
création de 5 306 emplois, et 200 projets auront bientôt été accompagnés.

Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois. En
Isère, une vingtaine de projets, pour près de 670 emplois.
• Loire : 31 projets — 1 040 emplois
- Haute-Loire : neuf projets, deux cents emplois

Département | Projets | Emplois
Savoie | 12 | 340
Drôme | 21 | 457

"""
PROSE = (
    "La relocalisation des activités industrielles est une priorité pour le territoire, "
    "qui accompagne les entreprises dans leurs projets d'investissement et de recrutement. "
)
HTML_HEAD = "<!DOCTYPE html><html><head><style>p{margin:0}</style></head><body>\n"


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def html_release(size: int) -> str:
    rows = "".join(f"<tr><td>Savoie</td><td>{n % 90}</td><td>{n}</td></tr>\n" for n in range(50))
    unit = (
        "<p>Dans l'Ain, 30 projets pour 610 emplois.</p>\n<script>var x = 1;</script>\n"
        "<table><tr><th>Département</th><th>Projets</th><th>Emplois</th></tr>\n"
        f"{rows}</table>\n"
    )
    return HTML_HEAD + repeated(unit, size)


# name, file name, content builder
CASES: list[tuple[str, str, Callable[[], str]]] = [
    ("the fictitious release (0.5 kB)", "r.txt", lambda: RELEASE),
    ("text, 1 MB (release repeated)", "r.txt", lambda: repeated(RELEASE, 1 * MB)),
    ("text, 2 MB", "r.txt", lambda: repeated(RELEASE, 2 * MB)),
    ("text, 4 MB", "r.txt", lambda: repeated(RELEASE, 4 * MB)),
    ("text, 5 MB", "r.txt", lambda: repeated(RELEASE, 5 * MB)),
    ("text, 5 MB of prose without figures", "r.txt", lambda: repeated(PROSE, 5 * MB)),
    (
        "one line of 1 MB (release, no line end)",
        "r.txt",
        lambda: repeated(RELEASE, MB).replace("\n", " "),
    ),
    ("200 000 spaces, then a sentence", "r.txt", lambda: " " * 200_000 + RELEASE),
    (
        "one line of 1 MB: digits and spaces",
        "r.txt",
        lambda: "Dans l'Ain " + repeated("1 ", MB) + " projets",
    ),
    (
        "one line of 1 MB: nouns without numbers",
        "r.txt",
        lambda: repeated("Ain projets emplois ", MB),
    ),
    ("HTML, 5 MB (paragraphs, scripts, tables)", "r.html", lambda: html_release(5 * MB)),
    ("HTML, 1 MB of unfinished tags '<a '", "r.html", lambda: HTML_HEAD + repeated("<a ", MB)),
    ("HTML, 1 MB of '<'", "r.html", lambda: HTML_HEAD + "<" * MB),
]


Result = tuple[str, int, list[float], list[float], int, int]


def measure(runs: int) -> list[Result]:
    from relocmap.extract.release import extract_release
    from relocmap.inputs.boundaries import read_boundaries

    boundaries = read_boundaries(GEO)
    names = boundaries["nom"].to_dict()
    regions = sorted(set(boundaries["region_nom"]))
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for label, file_name, build in CASES:
            path = Path(folder) / file_name
            content = build().encode("utf-8")
            path.write_bytes(content)
            cpu, wall = [], []
            for _ in range(runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                found = extract_release(path, names, regions)
                cpu.append(time.process_time() - start_cpu)
                wall.append(time.perf_counter() - start)
            results.append((label, len(content), cpu, wall, len(found.rows), len(found.problems)))
            print(f"{label}: {statistics.median(cpu):.2f} s CPU", file=sys.stderr)
    return results


def table(results: list[Result], runs: int) -> str:
    lines = [
        f"| Input | Bytes | CPU time, median of {runs} (s) | min–max (s) | CPU seconds per MB "
        "| Wall time, median (s) | Rows | Problems |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for label, size, cpu, wall, rows, problems in results:
        median = statistics.median(cpu)
        per_mb = f"{median / (size / MB):.2f}" if size >= MB else "–"
        lines.append(
            f"| {label} | {size:,} | {median:.2f} | {min(cpu):.2f}–{max(cpu):.2f} | "
            f"{per_mb} | {statistics.median(wall):.2f} | {rows} | {problems:,} |"
        )
    return "\n".join(lines)


def header() -> str:
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"relocmap source: commit {commit or 'unknown'}. Machine: {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"load average when measured: {load} (wall time grows with it, CPU time does not)."
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (default 3)")
    parser.add_argument("--write", action="store_true", help=f"rewrite the section of {README}")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    section = f"{header()}\n\n{table(measure(args.runs), args.runs)}"
    print(section)
    if args.write:
        write_readme(section, START, END)


if __name__ == "__main__":
    main()
