"""relocmap.extract and 'relocmap extract': figures per department out of a press release.

Every text here is short and written for the tests; none is a real press release.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT

from relocmap.cli import main
from relocmap.extract.output import figures_csv, totals_facts
from relocmap.extract.release import extract_figures, extract_html_figures
from relocmap.extract.text import html_lines
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.figures import csv_columns

GEO = REPO_ROOT / "geo" / "departements.geojson"
NBSP, NNBSP = "\u00a0", "\u202f"


@cache
def boundary_names() -> tuple[dict[str, str], tuple[str, ...]]:
    """Code → official name of all 101 departments, and the 18 regions' names, from the
    committed boundaries, as the command reads them."""
    boundaries = read_boundaries(GEO)
    return boundaries["nom"].to_dict(), tuple(sorted(set(boundaries["region_nom"])))


@pytest.fixture(scope="session")
def names() -> dict[str, str]:
    found = boundary_names()[0]
    assert len(found) == 101
    return found


@pytest.fixture(scope="session")
def regions() -> tuple[str, ...]:
    found = boundary_names()[1]
    assert len(found) == 18
    return found


REGION = ("Auvergne-Rhône-Alpes",)


def extract(text: str, names: dict[str, str], regions: Iterable[str] | None = None):
    """What the command reads from ``text``: every region's name is known unless
    ``regions`` says otherwise."""
    return extract_figures(
        text, names, "R.txt", boundary_names()[1] if regions is None else regions
    )


def only_row(text: str, names: dict[str, str]):
    found = extract(text, names)
    assert not found.problems, found.problems
    assert len(found.rows) == 1, found.rows
    return found.rows[0]


def figures(row) -> tuple:
    return (
        row.code,
        row.projects.value,
        row.jobs.value,
        row.jobs.precision,
        row.projects.precision,
    )


def reasons(found) -> list[str]:
    return [p.reason for p in found.problems]


# --- the forms of the issue ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois",
            ("01", 30, 610, "exact", "exact"),
        ),
        ("En Isère, 12 projets, pour près de 300 emplois", ("38", 12, 300, "pres_de", "exact")),
        (
            "Dans le Cantal, 4 projets ont été soutenus pour la création de 15 emplois",
            ("15", 4, 15, "exact", "exact"),
        ),
        ("Savoie : 12 projets, 340 emplois", ("73", 12, 340, "exact", "exact")),
        ("• Loire : 31 projets — 1 040 emplois", ("42", 31, 1040, "exact", "exact")),
    ],
)
def test_sentences_and_list_items_of_the_issue(names, text, expected):
    assert figures(only_row(text, names)) == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("Dans l'Allier, 5 projets pour 100 emplois.", "03"),
        ("Dans la Drôme, 21 projets pour 457 emplois.", "26"),
        ("Dans le Rhône, 36 projets pour 1 220 emplois.", "69"),
        ("Dans les Vosges, 3 projets pour 40 emplois.", "88"),
        ("En Ardèche, 7 projets pour 210 emplois.", "07"),
        ("Au Puy-de-Dôme, 19 projets pour 427 emplois.", "63"),
        ("Aux Deux-Sèvres, 2 projets pour 12 emplois.", "79"),
        ("Haute-Savoie : 15 projets, 917 emplois", "74"),
        ("30 projets ont été identifiés dans l'Ain pour la création de 610 emplois.", "01"),
        ("Dans l'Ain, 610 emplois seront créés grâce à 30 projets.", "01"),
    ],
)
def test_department_with_or_without_article_and_preposition(names, text, code):
    assert only_row(text, names).code == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("En Isere, 26 projets, 670 emplois", "38"),
        ("Dans le Puy de Dome, 19 projets, 427 emplois", "63"),
        ("EN ISÈRE : 26 PROJETS, 670 EMPLOIS", "38"),
        ("Dans l’Ain, 30 projets, 610 emplois", "01"),
        ("Dans les Côtes-d’Armor, 2 projets, 12 emplois", "22"),
        ("Dans les Côtes d'Armor, 2 projets, 12 emplois", "22"),
        ("En Haute\u2011Savoie, 15 projets, 917 emplois", "74"),  # no-break hyphen
        ("En Haute\u2010Loire, 9 projets, 200 emplois", "43"),  # typographic hyphen
        ("Dans la Haute Loire, 9 projets, 200 emplois", "43"),
        ("En Ise\u0300re, 26 projets, 670 emplois", "38"),  # accent as a combining mark
    ],
)
def test_accents_apostrophes_and_hyphens_of_any_kind(names, text, code):
    assert only_row(text, names).code == code


@pytest.mark.parametrize("bullet", ["-", "–", "—", "•", "*", "▪"])
def test_any_bullet(names, bullet):
    assert figures(only_row(f"{bullet} Savoie : 3 projets, 100 emplois", names)) == (
        "73",
        3,
        100,
        "exact",
        "exact",
    )


@pytest.mark.parametrize("number", ["1 220", f"1{NBSP}220", f"1{NNBSP}220", "1220"])
def test_thousands_separators(names, number):
    assert only_row(f"Dans le Rhône, 36 projets pour {number} emplois.", names).jobs.value == 1220


@pytest.mark.parametrize(
    "wording, value, precision",
    [
        ("670 emplois", 670, "exact"),
        ("près de 670 emplois", 670, "pres_de"),
        ("pres de 670 emplois", 670, "pres_de"),
        ("plus de 1 000 emplois", 1000, "plus_de"),
        ("au moins 100 emplois", 100, "plus_de"),
        ("environ 40 emplois", 40, "environ"),
        ("quelque 40 emplois", 40, "environ"),
        ("une dizaine d'emplois", 10, "environ"),
        ("une vingtaine d’emplois", 20, "environ"),
        ("une trentaine d'emplois", 30, "environ"),
        ("une centaine d'emplois", 100, "environ"),
        ("un millier d'emplois", 1000, "environ"),
        ("près d'une centaine d'emplois", 100, "pres_de"),
        ("plus d'un millier d'emplois", 1000, "plus_de"),
        ("douze emplois", 12, "exact"),
        ("1 emploi", 1, "exact"),
    ],
)
def test_approximate_wording_becomes_the_precision(names, wording, value, precision):
    row = only_row(f"En Isère, 26 projets pour {wording}.", names)
    assert (row.jobs.value, row.jobs.precision) == (value, precision)


@pytest.mark.parametrize(
    "wording, value, precision",
    [
        ("une vingtaine de projets", 20, "environ"),
        ("près de 30 projets", 30, "pres_de"),
        ("plus de 30 nouveaux projets", 30, "plus_de"),
        ("deux projets", 2, "exact"),
        ("un projet", 1, "exact"),
    ],
)
def test_projects_have_a_precision_too(names, wording, value, precision):
    row = only_row(f"Dans l'Ain, {wording} pour 610 emplois.", names)
    assert (row.projects.value, row.projects.precision) == (value, precision)


def test_note_keeps_the_published_wording(names):
    found = extract(
        "En Isère, une vingtaine de projets pour près de 670 emplois.\n"
        "Dans l'Allier, 5 projets pour une centaine d’emplois.\n"
        "Dans l'Ain, 30 projets pour 610 emplois.",
        names,
    )
    lines = figures_csv(found.rows).splitlines()
    assert lines[1] == "01,Ain,30,610,exact,exact,"
    assert lines[2] == "03,Allier,5,100,environ,exact,« une centaine » d’emplois"
    assert lines[3] == (
        "38,Isère,20,670,pres_de,environ,« une vingtaine » de projets ; « près de 670 » emplois"
    )


# --- regional totals ------------------------------------------------------------------


def test_regional_sentence_is_a_total_not_a_department(names):
    found = extract(
        "La Région a identifié et accompagné 190 projets de relocalisation "
        f"pour la création de plus de 5{NNBSP}300 emplois.\n"
        "Dans l'Ain, 30 projets pour 610 emplois.",
        names,
    )
    assert [row.code for row in found.rows] == ["01"]
    (totals,) = found.totals
    assert (totals.projects.value, totals.jobs.value, totals.jobs.precision) == (
        190,
        5300,
        "plus_de",
    )
    assert totals.line == 1
    assert totals_facts(totals) == {
        "total_projets_publie": 190,
        "total_projets_precision": "exact",
        "total_projets_formulation": "190 projets",
        "total_emplois_publie": 5300,
        "total_emplois_precision": "plus_de",
        "total_emplois_formulation": "plus de 5\u202f300 emplois",
    }


@pytest.mark.parametrize(
    "text",
    [
        "En Auvergne-Rhône-Alpes, 190 projets pour 5 306 emplois.",
        "Auvergne Rhône Alpes : 190 projets, 5 306 emplois",
        "Au total, 190 projets pour 5 306 emplois.",
        "Le Conseil régional a soutenu 190 projets pour 5 306 emplois.",
        "Dans la Région, 190 projets pour 5 306 emplois.",
    ],
)
def test_region_named_or_spoken_of_gives_totals(names, text):
    found = extract(text, names)
    assert not found.rows and not found.problems
    assert [(t.projects.value, t.jobs.value) for t in found.totals] == [(190, 5306)]


def test_department_in_front_wins_over_the_word_region(names):
    assert (
        only_row("Dans l'Ain, la Région a soutenu 30 projets pour 610 emplois.", names).code == "01"
    )


# --- names: the longest one, on word boundaries ----------------------------------------


@pytest.mark.parametrize(
    "place, code",
    [
        ("Dans la Loire", "42"),
        ("En Haute-Loire", "43"),
        ("En Loire-Atlantique", "44"),
        ("En Saône-et-Loire", "71"),
        ("Dans le Loir-et-Cher", "41"),
        ("En Savoie", "73"),
        ("En Haute-Savoie", "74"),
        ("Dans le Rhône", "69"),
        ("Dans les Bouches-du-Rhône", "13"),
        ("En Corse-du-Sud", "2A"),
        ("En Haute-Corse", "2B"),
        ("À La Réunion", "974"),
        ("à la Réunion", "974"),
        ("Réunion :", "974"),
        ("Dans les Côtes-d'Armor", "22"),
        ("En Côte-d'Or", "21"),
        ("Dans le Territoire de Belfort", "90"),
        ("Dans le Lot", "46"),
        ("Dans le Lot-et-Garonne", "47"),
        ("En Seine-Saint-Denis", "93"),
        ("À Paris", "75"),
        ("Dans les Alpes-de-Haute-Provence", "04"),
        ("En Guadeloupe", "971"),
    ],
)
def test_longest_name_wins(names, place, code):
    row = only_row(f"{place} 2 projets, 12 emplois.", names)
    assert (row.code, row.name) == (code, names[code])


def test_name_inside_a_hyphenated_name_is_not_a_department(names):
    found = extract("En Auvergne-Rhône-Alpes, 190 projets pour 5 306 emplois.", names, ())
    assert not found.rows and not found.totals
    assert reasons(found) == [
        "“Auvergne-Rhône-Alpes” is not a French department "
        "(190 projets, 5 306 emplois): “En Auvergne-Rhône-Alpes, 190 "
        "projets pour 5 306 emplois.”"
    ]


def test_prose_without_figures_is_ignored(names):
    found = extract(
        "Le Rhône (69) reste le 1er département industriel depuis 2015.\n"
        "En somme, la Manche n'est pas concernée.\n"
        "Dans l'Ain, 30 projets pour 610 emplois.",
        names,
    )
    assert [row.code for row in found.rows] == ["01"]
    assert not found.problems and not found.notes


@pytest.mark.parametrize(
    "text",
    [
        "En somme, 5 projets pour 40 emplois.",
        "Dès l'aube du plan, 5 projets pour 40 emplois.",
    ],
)
def test_common_words_spelled_like_departments_are_not_departments(names, text):
    found = extract(text, names)
    assert not found.rows and not found.problems and len(found.notes) == 1


def test_figures_naming_no_place_are_a_note_not_a_problem(names):
    found = extract(
        "Depuis décembre 2021, 190 projets ont été identifiés pour 5 306 emplois.\n"
        "Dans l'Ain, 30 projets pour 610 emplois.",
        names,
    )
    assert not found.problems and not found.totals
    assert [note.line for note in found.notes] == [1]
    assert "no department nor the Région" in found.notes[0].reason


# --- lines and sentences ----------------------------------------------------------------


def test_several_sentences_on_one_line(names):
    found = extract(
        "Communiqué\n\nDans l'Ain, 30 projets pour 610 emplois. En Isère, 12 projets, "
        "pour près de 300 emplois ; Savoie : 3 projets, 100 emplois",
        names,
    )
    assert [(row.code, row.line) for row in found.rows] == [("01", 3), ("38", 3), ("73", 3)]


def test_hard_wrapped_sentence_is_joined_and_keeps_its_lines(names):
    found = extract(
        "Dans l'Ain, 30 projets ont été identifiés pour la création de\n"
        "610 emplois. En Isère, 12 projets, pour\n"
        "près de 300 emplois.\n"
        "Savoie : 3 projets, 100 emplois\n"
        "Loire : 31 projets, 1 040 emplois",
        names,
    )
    assert [(row.code, row.jobs.value, row.line) for row in found.rows] == [
        ("01", 610, 1),
        ("38", 300, 2),
        ("42", 1040, 5),
        ("73", 100, 4),
    ]


def test_rows_are_sorted_by_code_with_official_names(names):
    found = extract(
        "En Isere : 1 projet, 2 emplois\nLa Reunion : 1 projet, 2 emplois\n"
        "Corse du Sud : 1 projet, 2 emplois\nHaute-Corse : 1 projet, 2 emplois\n"
        "Ain : 1 projet, 2 emplois\nDans le Gers : 1 projet, 2 emplois",
        names,
    )
    assert figures_csv(found.rows).splitlines() == [
        ",".join(csv_columns()),
        "01,Ain,1,2,exact,exact,",
        "2A,Corse-du-Sud,1,2,exact,exact,",
        "2B,Haute-Corse,1,2,exact,exact,",
        "32,Gers,1,2,exact,exact,",
        "38,Isère,1,2,exact,exact,",
        "974,La Réunion,1,2,exact,exact,",
    ]


# --- what is reported -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "Dans la Drôme, des dizaines de projets ont vu le jour.",
            "names Drôme but no number of projects could be read",
        ),
        (
            "Dans la Drôme, 21 projets ont été soutenus.",
            "names Drôme but no number of jobs could be read",
        ),
        (
            "Drôme | 21 | 457",
            "names Drôme with numbers but no header says which are projects and jobs",
        ),
        (
            "Dans la Drôme, 21 projets pour moins de 500 emplois.",
            "names Drôme but “moins de 500 emplois” is a bound or a range",
        ),
        (
            "Dans la Drôme, 21 projets pour jusqu'à 500 emplois.",
            "names Drôme but “jusqu'à 500 emplois” is a bound or a range",
        ),
        (
            "Dans la Drôme, 21 projets pour 400 à 500 emplois.",
            "names Drôme but “400 à 500 emplois” is a bound or a range",
        ),
        (
            "Dans la Drôme, 21 projets dont 5 projets industriels, pour 457 emplois.",
            "names Drôme but 2 numbers of projects (21 projets, 5 projets); expected one",
        ),
        (
            "Dans la Loire et la Haute-Loire, 31 projets pour 1 040 emplois.",
            "names several departments (Loire, Haute-Loire); cannot tell which one",
        ),
        (
            "La Région a soutenu 36 projets pour 1 220 emplois dans le Rhône.",
            "names Rhône after the figures and speaks of the region",
        ),
        (
            "Dans la Loire-Inférieure, 3 projets pour 40 emplois.",
            "“Loire-Inférieure” is not a French department (3 projets, 40 emplois)",
        ),
        (
            "En Lorraine, 5 projets pour 40 emplois.",
            "“Lorraine” is not a French department (5 projets, 40 emplois)",
        ),
        (
            "• Lyon – 3 projets – 20 emplois",
            "“Lyon” is not a French department (3 projets, 20 emplois)",
        ),
    ],
)
def test_lines_that_cannot_be_read_are_reported_with_line_and_text(names, text, reason):
    found = extract(
        f"Communiqué de presse\n\n{text}\nDans l'Ain, 30 projets pour 610 emplois.", names
    )
    (problem,) = found.problems
    assert problem.line == 3
    assert problem.reason.startswith(reason), problem.reason
    assert problem.reason.endswith(f": “{text}”")
    assert str(problem).startswith("R.txt, line 3: ")
    assert [row.code for row in found.rows] == ["01"]


def test_department_twice_with_the_same_figures_is_reported_and_kept_once(names):
    found = extract(
        "Dans l'Ain, 30 projets pour 610 emplois.\n\n• Ain : 30 projets, 610 emplois", names
    )
    assert [str(p) for p in found.problems] == [
        "R.txt, line 3: Ain already given on line 1, with the same figures: "
        "“• Ain : 30 projets, 610 emplois”"
    ]
    assert [(row.code, row.line) for row in found.rows] == [("01", 1)]


def test_department_twice_with_other_figures_is_reported_and_left_out(names):
    found = extract(
        "Dans l'Ain, 30 projets pour 610 emplois.\nAin : 25 projets, 564 emplois\n"
        "En Isère, 12 projets pour 300 emplois.",
        names,
    )
    assert reasons(found) == [
        "Ain already given on line 1 with other figures (30 projets, 610 emplois); Ain is left "
        "out: “Ain : 25 projets, 564 emplois”"
    ]
    assert [row.code for row in found.rows] == ["38"]


def test_text_with_no_figures_gives_nothing(names):
    found = extract("Le plan de relocalisation a été adopté en décembre 2021.", names)
    assert found.rows == () and found.totals == () and found.problems == ()


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Relocalisations</title>
<style>p { color: red }</style>
<script>var s = "Dans l'Ain, 3 projets, 4 emplois";</script></head>
<body><nav><ul><li>Ain</li><li>Isère</li></ul></nav>
<p>La R&eacute;gion a identifi&eacute; et accompagn&eacute; 190 projets pour la
cr&eacute;ation de plus de 5&nbsp;300 emplois.</p>
<ul>
<li>Ain : 30 projets, 610 emplois</li><li>Savoie&nbsp;: 12 projets,<br>
340 emplois</li>
<li>Loire : <b>31</b> projets &mdash; 1&#8239;040 emplois</li>
<li>Dr&ocirc;me : des dizaines de projets</li>
</ul></body></html>
"""


def test_html_text_is_split_into_lines_of_the_page():
    lines = [(n, text) for n, text in html_lines(PAGE) if text]
    assert lines[:2] == [
        (2, "Relocalisations"),
        (
            6,
            "La Région a identifié et accompagné 190 projets pour la création "
            f"de plus de 5{NBSP}300 emplois.",
        ),
    ]
    assert (9, "Savoie\u00a0: 12 projets,") in lines and (10, "340 emplois") in lines
    assert not any("var s" in text for _, text in lines)
    # Regression: the navigation (a list of departments) was read as text.
    assert not any(text in ("Ain", "Isère") for _, text in lines)


def test_html_page(names):
    found = extract_html_figures(PAGE, names, "R.html", REGION)
    assert [figures(row) for row in found.rows] == [
        ("01", 30, 610, "exact", "exact"),
        ("42", 31, 1040, "exact", "exact"),
        ("73", 12, 340, "exact", "exact"),
    ]
    assert [(t.projects.value, t.jobs.value, t.line) for t in found.totals] == [(190, 5300, 6)]
    assert [str(p) for p in found.problems] == [
        "R.html, line 12: names Drôme but no number of projects could be read: "
        "“Drôme : des dizaines de projets”"
    ]


# --- the command -----------------------------------------------------------------------

RELEASE = """Relocalisations : le plan régional porte ses fruits

La Région a identifié et accompagné 190 projets pour la création de plus de 5 300 emplois.
Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.
En Isère, une vingtaine de projets, pour près de 300 emplois.
Dans le Cantal, 4 projets ont été soutenus pour la création de 15 emplois.
• Loire : 31 projets — 1 040 emplois
- Haute-Loire : 9 projets, 200 emplois
"""
EXPECTED_CSV = """code,departement,projets,emplois,emplois_precision,projets_precision,note
01,Ain,30,610,exact,exact,
15,Cantal,4,15,exact,exact,
38,Isère,20,300,pres_de,environ,« une vingtaine » de projets ; « près de 300 » emplois
42,Loire,31,1040,exact,exact,
43,Haute-Loire,9,200,exact,exact,
"""


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run in an empty directory, so that messages name files as the user typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--geo", str(GEO)])


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_command_writes_the_csv_and_prints_the_totals(in_tmp):
    write(in_tmp / "RELEASE.txt", RELEASE)
    result = run("extract", "RELEASE.txt", "-o", "data/relocalisations.csv")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "data" / "relocalisations.csv").read_text("utf-8") == EXPECTED_CSV
    assert result.stdout == ""
    assert "wrote data/relocalisations.csv (5 departments)" in result.stderr
    assert (
        "regional totals (line 3): 190 projets (exact), plus de 5 300 emplois (plus_de)"
        in result.stderr
    )


def test_command_prints_the_csv_on_stdout_by_default(in_tmp):
    write(in_tmp / "RELEASE.txt", RELEASE)
    result = run("extract", "RELEASE.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_CSV


def test_command_writes_the_totals_for_the_publication_facts(in_tmp):
    write(in_tmp / "RELEASE.txt", RELEASE)
    result = run("extract", "RELEASE.txt", "-o", "out.csv", "--totals", "totals.json")
    assert result.exit_code == 0, result.output
    assert json.loads((in_tmp / "totals.json").read_text("utf-8")) == {
        "total_projets_publie": 190,
        "total_projets_precision": "exact",
        "total_projets_formulation": "190 projets",
        "total_emplois_publie": 5300,
        "total_emplois_precision": "plus_de",
        "total_emplois_formulation": "plus de 5\u202f300 emplois",
        "projets_annonces_prochainement": None,  # the release announces none
    }


def test_command_reads_an_html_page(in_tmp):
    unreadable = "<li>Dr&ocirc;me : des dizaines de projets</li>"
    write(in_tmp / "RELEASE.html", PAGE.replace(unreadable, ""))
    result = run("extract", "RELEASE.html", "-o", "out.csv")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out.csv").read_text("utf-8").splitlines()[1:] == [
        "01,Ain,30,610,exact,exact,",
        "42,Loire,31,1040,exact,exact,",
        "73,Savoie,12,340,exact,exact,",
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        (
            "Dans la Drôme, des dizaines de projets ont été soutenus.",
            "names Drôme but no number of projects could be read",
        ),
        (
            "Dans l'Ain, 25 projets pour 564 emplois.",
            "Ain already given on line 4 with other figures (30 projets, 610 emplois)",
        ),
        (
            "Dans la Loire-Inférieure, 3 projets pour 40 emplois.",
            "“Loire-Inférieure” is not a French department",
        ),
        ("En Lorraine, 5 projets pour 40 emplois.", "“Lorraine” is not a French department"),
    ],
)
def test_each_failure_exits_2_names_file_and_line_and_writes_nothing(in_tmp, line, message):
    write(in_tmp / "RELEASE.txt", RELEASE + line + "\n")
    write(in_tmp / "out.csv", "old content")
    result = run("extract", "RELEASE.txt", "-o", "out.csv", "--totals", "totals.json")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    first, last = errors(result)
    assert first.startswith(f"Error: RELEASE.txt, line 9: {message}"), first
    assert last == (
        "Error: RELEASE.txt: 1 problem, nothing written; fix the text or pass "
        "--partial to write the rows that could be read"
    )
    assert (in_tmp / "out.csv").read_text("utf-8") == "old content"
    assert not (in_tmp / "totals.json").exists()


def test_partial_writes_the_readable_rows_and_still_reports_the_rest(in_tmp):
    write(
        in_tmp / "RELEASE.txt",
        RELEASE + "En Lorraine, 5 projets pour 40 emplois.\n"
        "Dans l'Ain, 25 projets pour 564 emplois.\n",
    )
    result = run("extract", "RELEASE.txt", "-o", "out.csv", "--partial")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]
    assert [w.split(":")[0:2] for w in warnings] == [
        ["Warning", " RELEASE.txt, line 9"],
        ["Warning", " RELEASE.txt, line 10"],
    ]
    written = (in_tmp / "out.csv").read_text("utf-8").splitlines()
    assert [row.split(",")[0] for row in written[1:]] == ["15", "38", "42", "43"]  # Ain left out


def test_notes_are_shown_but_do_not_fail(in_tmp):
    write(
        in_tmp / "RELEASE.txt",
        "Depuis 2021, 190 projets pour 5 306 emplois.\nDans l'Ain, 30 projets pour 610 emplois.\n",
    )
    result = run("extract", "RELEASE.txt")
    assert result.exit_code == 0, result.output
    assert "Note: RELEASE.txt, line 1: figures for no department nor the Région" in result.stderr
    assert "no regional totals found" in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "Error: RELEASE.txt: file not found"),
        (b"%PDF-1.7\n", "Error: RELEASE.txt, line 1: not a text file: this is a PDF document"),
        (
            # Neither UTF-8 nor Windows-1252 (0x81): a Latin-1 release alone is read.
            "Dans l'Ain, 30 projets, 610 emplois\nEn Is\xe8re".encode("latin-1") + b"\x81",
            "Error: RELEASE.txt, line 2: byte 0xe8",
        ),
        (b"  \n", "Error: RELEASE.txt: file is empty"),
        ("Le plan a été adopté en 2021.".encode(), "Error: RELEASE.txt: no figures per department"),
    ],
)
def test_unreadable_release_exits_2(in_tmp, content, message):
    if content is not None:
        (in_tmp / "RELEASE.txt").write_bytes(content)
    result = run("extract", "RELEASE.txt", "-o", "out.csv")
    assert result.exit_code == 2, result.output
    assert errors(result)[0].startswith(message), result.stderr
    assert not (in_tmp / "out.csv").exists()


def test_encoding_option_reads_other_encodings(in_tmp):
    (in_tmp / "RELEASE.txt").write_bytes("En Isère, 26 projets, 670 emplois".encode("cp1252"))
    result = run("extract", "RELEASE.txt", "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "38,Isère,26,670,exact,exact,"


def test_help_shows_usage_and_example():
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    assert "relocmap extract communique.txt -o data/relocalisations.csv" in result.output
    assert "--partial" in result.output and "--totals" in result.output


def test_partial_with_nothing_readable_still_fails(in_tmp):
    write(in_tmp / "RELEASE.txt", "En Lorraine, 5 projets pour 40 emplois.\n")
    result = run("extract", "RELEASE.txt", "-o", "out.csv", "--partial")
    assert result.exit_code == 2, result.output
    assert not (in_tmp / "out.csv").exists()


def test_output_round_trips_through_validate_and_build(in_tmp):
    write(in_tmp / "RELEASE.txt", RELEASE)
    assert run("extract", "RELEASE.txt", "-o", "data/relocalisations.csv").exit_code == 0
    validated = run("validate", "data/relocalisations.csv")
    assert validated.exit_code == 0, validated.output
    assert "data/relocalisations.csv: 5 rows valid" in validated.stdout
    built = run("build", "--data", "data/relocalisations.csv", "--out", "out")
    assert built.exit_code == 0, built.output
    assert (in_tmp / "out" / "carte.html").stat().st_size > 0


def test_totals_merge_into_an_existing_publication_file(tmp_path, repo_root):
    """Regression: --totals replaced the whole publication.json with four keys."""
    from click.testing import CliRunner

    from relocmap.cli import main

    release = tmp_path / "communique.txt"
    release.write_text(
        "Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.\n"
        "La Région a identifié et accompagné 73 projets pour la création de "
        "plus de 1 950 emplois.\n",
        encoding="utf-8",
    )
    facts = tmp_path / "publication.json"
    facts.write_bytes((repo_root / "data" / "publication.json").read_bytes())
    result = CliRunner().invoke(
        main,
        [
            "extract",
            str(release),
            "-o",
            str(tmp_path / "relocalisations.csv"),
            "--totals",
            str(facts),
            "--geo",
            str(repo_root / "geo" / "departements.geojson"),
        ],
    )
    assert result.exit_code == 0, result.output
    merged = json.loads(facts.read_text(encoding="utf-8"))
    assert merged["total_projets_publie"] == 73 and merged["total_emplois_publie"] == 1950
    assert merged["total_emplois_formulation"] == "plus de 1\u202f950 emplois"
    assert merged["source"] == "Région Auvergne-Rhône-Alpes, communiqué de presse, 2022"
    assert merged["objectif_emplois"] == 30000
    validated = CliRunner().invoke(
        main,
        [
            "validate",
            str(tmp_path / "relocalisations.csv"),
            "--geo",
            str(repo_root / "geo" / "departements.geojson"),
        ],
    )
    assert validated.exit_code == 0, validated.output
    assert "published total 1950" in validated.output
