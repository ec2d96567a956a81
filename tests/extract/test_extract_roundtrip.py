"""Round trip: figures generated for any set of departments, written the way releases
write them (sentences, lists, several departments per sentence, "respectivement",
tables in HTML, tabs, pipes, Markdown and spaces, numbers in words), are read back
exactly by relocmap extract, precision included.

Every figure here is generated, hence fictitious. The numbers in words are written
by num2words, a library independent of the parser under test (text2num).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import pytest
from helpers import REPO_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from relocmap.base.precision import Precision
from relocmap.extract.release import extract_figures, extract_html_figures
from relocmap.inputs.boundaries import read_boundaries

GEO = REPO_ROOT / "geo" / "departements.geojson"


@cache
def boundary_names() -> tuple[dict[str, str], tuple[str, ...]]:
    boundaries = read_boundaries(GEO)
    return boundaries["nom"].to_dict(), tuple(sorted(set(boundaries["region_nom"])))


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    projects: int
    projects_precision: Precision
    jobs: int
    jobs_precision: Precision


@dataclass(frozen=True)
class Style:
    """How numbers are written: thousands separator, or in words."""

    separator: str
    words: bool = False

    def number(self, value: int) -> str:
        if self.words:
            return num2words(value, lang="fr")
        return f"{value:,}".replace(",", self.separator)

    def amount(self, value: int, precision: Precision) -> str:
        return precision.words + self.number(value)

    def projects(self, row: Row) -> str:
        return self.amount(row.projects, row.projects_precision)

    def jobs(self, row: Row) -> str:
        return self.amount(row.jobs, row.jobs_precision)


Template = Callable[[Sequence[Row], Style], str]


def sentences(rows: Sequence[Row], style: Style) -> str:
    return " ".join(
        f"Pour {r.name}, {style.projects(r)} projets ont été accompagnés, pour la création de "
        f"{style.jobs(r)} emplois."
        for r in rows
    )


def bullet_list(rows: Sequence[Row], style: Style) -> str:
    return "\n".join(
        f"• {r.name} : {style.projects(r)} projets — {style.jobs(r)} emplois" for r in rows
    )


def clauses(rows: Sequence[Row], style: Style) -> str:
    parts = [f"{r.name} ({style.projects(r)} projets, {style.jobs(r)} emplois)" for r in rows]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return f"Les résultats sont connus : {listed} sont en tête."


def respectively(rows: Sequence[Row], style: Style) -> str:
    if len(rows) == 1:
        return sentences(rows, style)

    def listed(items: Sequence[str]) -> str:
        return ", ".join(items[:-1]) + " et " + items[-1]

    return (
        f"{listed([r.name for r in rows])} comptent respectivement "
        f"{listed([style.projects(r) for r in rows])} projets, pour "
        f"{listed([style.jobs(r) for r in rows])} emplois."
    )


HEADERS = {"code": "Code", "name": "Département", "projects": "Projets", "jobs": "Emplois créés"}


def cells(row: Row, style: Style) -> dict[str, str]:
    return {
        "code": row.code,
        "name": row.name,
        "projects": style.projects(row),
        "jobs": style.jobs(row),
    }


def table_rows(rows: Sequence[Row], style: Style, columns: Sequence[str]) -> list[list[str]]:
    return [[HEADERS[c] for c in columns]] + [[cells(r, style)[c] for c in columns] for r in rows]


def text_table(separator: str, markdown: bool = False) -> Callable[..., str]:
    def render(rows: Sequence[Row], style: Style, columns: Sequence[str]) -> str:
        lines = [separator.join(line) for line in table_rows(rows, style, columns)]
        if markdown:
            lines = [f"| {line} |" for line in lines]
            lines.insert(1, "|" + "|".join("---" for _ in columns) + "|")
        return "Les chiffres :\n" + "\n".join(lines) + "\n\nFin du communiqué."

    return render


def spaces_table(rows: Sequence[Row], style: Style, columns: Sequence[str]) -> str:
    table = table_rows(rows, style, columns)
    widths = [max(len(line[i]) for line in table) + 3 for i in range(len(columns))]
    lines = ["".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in table]
    return "\n".join(lines)


def html_table(rows: Sequence[Row], style: Style, columns: Sequence[str]) -> str:
    head, *body = table_rows(rows, style, columns)
    header = "".join(f"<th>{html.escape(c)}</th>" for c in head)
    lines = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line) + "</tr>" for line in body
    )
    return (
        "<!DOCTYPE html><html><body><nav>Accueil</nav><p>Résultats par département</p>"
        f"<table><thead><tr>{header}</tr></thead>\n<tbody>\n{lines}\n</tbody></table></body></html>"
    )


PROSE: dict[str, Template] = {
    "sentences": sentences,
    "list": bullet_list,
    "clauses": clauses,
    "respectively": respectively,
}
TABLES: dict[str, Callable[..., str]] = {
    "tabs": text_table("\t"),
    "pipes": text_table(" | "),
    "markdown": text_table(" | ", markdown=True),
    "spaces": spaces_table,
    "html": html_table,
}

PRECISIONS = st.sampled_from(list(Precision))
SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", ".", ""])


@st.composite
def releases(draw: st.DrawFn, max_departments: int = 8) -> list[Row]:
    names = boundary_names()[0]
    codes = draw(
        st.lists(st.sampled_from(sorted(names)), min_size=1, max_size=max_departments, unique=True)
    )
    return [
        Row(
            code,
            names[code],
            draw(st.integers(0, 400)),
            draw(PRECISIONS),
            draw(st.integers(0, 30_000)),
            draw(PRECISIONS),
        )
        for code in codes
    ]


def read_back(text: str, is_html: bool = False) -> dict[str, tuple[int, str, int, str]]:
    names, regions = boundary_names()
    reader = extract_html_figures if is_html else extract_figures
    found = reader(text, names, "generated", regions)
    assert found.problems == (), (text, found.problems)
    return {
        r.code: (r.projects.value, r.projects.precision, r.jobs.value, r.jobs.precision)
        for r in found.rows
    }


def expected(rows: Sequence[Row]) -> dict[str, tuple[int, str, int, str]]:
    return {r.code: (r.projects, r.projects_precision, r.jobs, r.jobs_precision) for r in rows}


ROUND_TRIP = settings(max_examples=25, deadline=None, derandomize=True)


@pytest.mark.parametrize("template", sorted(PROSE))
@ROUND_TRIP
@given(rows=releases(), separator=SEPARATORS)
def test_prose_round_trip(template: str, rows: list[Row], separator: str) -> None:
    text = PROSE[template](rows, Style(separator))
    assert read_back(text) == expected(rows)


@pytest.mark.parametrize("template", ["sentences", "list", "clauses"])
@ROUND_TRIP
@given(rows=releases())
def test_numbers_in_words_round_trip(template: str, rows: list[Row]) -> None:
    text = PROSE[template](rows, Style("", words=True))
    assert read_back(text) == expected(rows)


@pytest.mark.parametrize("template", sorted(TABLES))
@ROUND_TRIP
@given(
    rows=releases(),
    separator=SEPARATORS,
    columns=st.permutations(["name", "projects", "jobs"]),
    with_code=st.booleans(),
)
def test_table_round_trip(
    template: str, rows: list[Row], separator: str, columns: list[str], with_code: bool
) -> None:
    columns = (["code"] if with_code else []) + list(columns)
    text = TABLES[template](rows, Style(separator), columns)
    assert read_back(text, is_html=template == "html") == expected(rows)
