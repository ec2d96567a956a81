"""relocmap extract: the forms of issue 8, one group of tests per form, and the two
silent-wrong cases it fixed.

Every text and figure here is fictitious, written for the tests; none is a real
press release (the department and region names are real, the numbers are not).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pytest
from helpers import REPO_ROOT

from relocmap.base.numbers import find_number_words, parse_count, parse_number_words
from relocmap.base.precision import Precision
from relocmap.extract.found import Extraction
from relocmap.extract.output import figures_csv, trace_lines
from relocmap.extract.release import extract_figures, extract_html_figures
from relocmap.inputs.boundaries import read_boundaries

GEO = REPO_ROOT / "geo" / "departements.geojson"
NBSP, NNBSP = "\u00a0", "\u202f"


@cache
def boundary_names() -> tuple[dict[str, str], tuple[str, ...]]:
    """Department code → name and the regions' names, as the command reads them."""
    boundaries = read_boundaries(GEO)
    return boundaries["nom"].to_dict(), tuple(sorted(set(boundaries["region_nom"])))


def read(text: str, regions: Iterable[str] | None = None) -> Extraction:
    names, every_region = boundary_names()
    return extract_figures(text, names, "R.txt", every_region if regions is None else regions)


def read_html(html: str) -> Extraction:
    names, regions = boundary_names()
    return extract_html_figures(html, names, "R.html", regions)


def rows(found: Extraction) -> dict[str, tuple[int, str, int, str]]:
    """code → (projects, their precision, jobs, their precision)."""
    return {
        r.code: (r.projects.value, r.projects.precision, r.jobs.value, r.jobs.precision)
        for r in found.rows
    }


def values(found: Extraction) -> dict[str, tuple[int, int]]:
    return {r.code: (r.projects.value, r.jobs.value) for r in found.rows}


def reasons(found: Extraction) -> list[str]:
    return [p.reason for p in found.problems]


def totals(found: Extraction) -> list[tuple[str | None, int, int]]:
    return [(t.region, t.projects.value, t.jobs.value) for t in found.totals]


EXACT, ENVIRON, PRES_DE, PLUS_DE = (
    Precision.EXACT,
    Precision.ENVIRON,
    Precision.PRES_DE,
    Precision.PLUS_DE,
)


# --- 1. names inside longer names ------------------------------------------------------


@pytest.mark.parametrize(
    "text, region",
    [
        ("La Région Pays de la Loire a accompagné 80 projets pour 2 000 emplois.", None),
        ("PAYS DE LA LOIRE : 80 projets, 2 000 emplois", "Pays de la Loire"),
        ("En Pays de la Loire, 80 projets pour 2 000 emplois.", "Pays de la Loire"),
        ("En Centre-Val de Loire, 80 projets pour 2 000 emplois.", "Centre-Val de Loire"),
        ("En Centre\u2013Val de Loire, 80 projets pour 2 000 emplois.", "Centre-Val de Loire"),
        (
            "En Auvergne\u2011Rhône\u2011Alpes, 80 projets pour 2 000 emplois.",
            "Auvergne-Rhône-Alpes",
        ),
        (
            "En Auvergne – Rhône – Alpes, 80 projets pour 2 000 emplois.",
            "Auvergne-Rhône-Alpes",
        ),
        (
            "En Provence-Alpes-Côte d’Azur, 80 projets pour 2 000 emplois.",
            "Provence-Alpes-Côte d'Azur",
        ),
        (
            "En Bourgogne\u2014Franche-Comté, 80 projets pour 2 000 emplois.",
            "Bourgogne-Franche-Comté",
        ),
        ("EN BOURGOGNE-FRANCHE-COMTÉ, 80 projets, 2 000 emplois", "Bourgogne-Franche-Comté"),
    ],
)
def test_a_region_name_is_never_a_department(text, region):
    """Regression: "Pays de la Loire" (and every region holding a department's name)
    was read as the department Loire, with exit 0."""
    found = read(text)
    assert found.rows == () and found.problems == ()
    region = region if region is not None else "Pays de la Loire"
    assert totals(found) == [(region, 80, 2000)]


def test_region_names_come_from_the_boundaries_not_a_list():
    """Without the region names, "Pays de la Loire" is a place that is no department
    (a problem), and still never the Loire."""
    found = read("En Pays de la Loire, 80 projets pour 2 000 emplois.", regions=())
    assert found.rows == ()
    assert reasons(found)[0].startswith("“Pays de la Loire” is not a French department")


@pytest.mark.parametrize(
    "place, code",
    [
        ("Haute–Savoie", "74"),  # en dash
        ("Haute—Savoie", "74"),  # em dash
        ("Haute\u2011Savoie", "74"),  # no-break hyphen
        ("Haute – Savoie", "74"),
        ("HAUTE-SAVOIE", "74"),
        ("Puy – de – Dôme", "63"),
        ("PUY-DE-DÔME", "63"),
        ("Côtes – d’Armor", "22"),
        ("Loire–Atlantique", "44"),
    ],
)
def test_department_names_with_any_dash_and_in_capitals(place, code):
    assert values(read(f"Dans le {place}, 19 projets pour 427 emplois.")) == {code: (19, 427)}


def test_the_region_as_context_of_a_department_sentence():
    found = read("En Pays de la Loire, la Loire-Atlantique compte 30 projets pour 600 emplois.")
    assert values(found) == {"44": (30, 600)} and not found.totals


@pytest.mark.parametrize(
    "text, name",
    [
        ("En Rhône – Alpes, 100 projets pour 2 000 emplois.", "Rhône – Alpes"),
        ("En Rhône-Alpes, 100 projets pour 2 000 emplois.", "Rhône-Alpes"),
        ("Savoie – Mont-Blanc : 3 projets, 40 emplois", "Savoie – Mont-Blanc"),
    ],
)
def test_a_department_name_inside_an_unknown_longer_name_is_no_department(text, name):
    found = read(text)
    assert found.rows == ()
    assert reasons(found)[0].startswith(f"“{name}” is not a French department")


# --- 2. lines that name a place but give no department figures --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Caen, le 3 avril 2024",
        "Amiens, le 9 mars 2023 –",
        "PARIS, 3 avril 2024 :",
        "« Sur les bords de la Loire, 40 entreprises nous ont rejoints », dit la présidente.",
        "Parmi les réussites, l'entreprise X, installée dans le Rhône, recrute 40 personnes.",
        "Le Rhône (69) reste le 1er département industriel depuis 2015.",
    ],
)
def test_a_line_naming_a_place_without_figures_is_not_a_department_line(text):
    found = read(f"{text}\nDans l'Ain, 30 projets pour 610 emplois.")
    assert values(found) == {"01": (30, 610)}
    assert found.problems == () and found.notes == ()


def test_a_department_placing_a_city_is_not_that_city_s_tally():
    found = read("Saint-Étienne (Loire) : 3 projets, 50 emplois")
    assert found.rows == ()
    assert reasons(found)[0].startswith("“Saint-Étienne” is not a French department")


def test_a_dateline_naming_a_department_does_not_make_a_row():
    # Paris is a city and a department: the dateline must not give it the totals.
    found = read("Paris, le 3 avril 2024 – La Région a accompagné 190 projets pour 5 306 emplois.")
    assert found.rows == () and found.problems == ()
    assert totals(found) == [(None, 190, 5306)]


def test_a_company_example_with_jobs_is_a_note_not_a_row_nor_an_error():
    found = read(
        "Dans l'Ain, 30 projets pour 610 emplois.\n"
        "Parmi les réussites, l'entreprise X, installée dans le Rhône, crée 40 emplois."
    )
    assert values(found) == {"01": (30, 610)} and found.problems == ()
    (note,) = found.notes
    assert note.line == 2 and note.reason.startswith("names Rhône in a sentence about a company")


@pytest.mark.parametrize(
    "text",
    [
        "L'entreprise X, installée dans le Rhône, porte 2 projets pour 40 emplois.",
        "Grâce à 2 projets, la société Y crée 40 emplois dans le Rhône.",
    ],
)
def test_a_company_example_with_projects_and_jobs_is_never_the_department_s_row(text):
    found = read(text)
    assert found.rows == () and found.problems == ()
    assert "in a sentence about a company" in found.notes[0].reason


def test_companies_in_general_do_not_hide_a_department_s_tally():
    found = read("Dans l'Ain, 30 projets portés par des entreprises locales, pour 610 emplois.")
    assert values(found) == {"01": (30, 610)}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Dans le Rhône, 40 emplois ont été créés.", "names Rhône but no number of projects"),
        ("Le Rhône compte 36 projets.", "names Rhône but no number of jobs"),
        (
            "Dans le Rhône, de nombreux projets ont vu le jour.",
            "names Rhône but no number of projects",
        ),
    ],
)
def test_a_line_that_clearly_tallies_a_department_and_cannot_be_read_is_an_error(text, reason):
    (problem,) = read(text).problems
    assert problem.reason.startswith(reason), problem.reason


# --- 3. several departments in one sentence --------------------------------------------


def test_each_department_takes_the_figures_of_its_own_clause():
    found = read(
        "En Nouvelle-Aquitaine, la Gironde (14 projets, 520 emplois), les Landes (6 projets, "
        "130 emplois) et la Dordogne (4 projets pour 85 emplois) sont en tête."
    )
    assert values(found) == {"33": (14, 520), "40": (6, 130), "24": (4, 85)}
    assert found.problems == () and found.totals == ()
    by_code = {r.code: r.words for r in found.rows}
    assert by_code["40"] == "Landes (6 projets, 130 emplois"


def test_a_semicolon_between_a_department_s_two_figures_does_not_split_them():
    assert values(read("• Ain : 30 projets ; 610 emplois")) == {"01": (30, 610)}


def test_a_semicolon_between_two_departments_or_a_total_and_a_department_splits():
    found = read(
        "La Région a accompagné 190 projets pour 5 306 emplois ; dans l'Ain, 30 projets pour "
        "610 emplois ; en Isère, 12 projets pour 300 emplois."
    )
    assert values(found) == {"01": (30, 610), "38": (12, 300)}
    assert totals(found) == [(None, 190, 5306)]


def test_respectively():
    found = read(
        "Le Doubs et le Jura comptent respectivement 11 et 7 projets, pour 290 et 150 emplois."
    )
    assert values(found) == {"25": (11, 290), "39": (7, 150)} and found.problems == ()


def test_respectively_with_three_departments_and_qualifiers():
    found = read(
        "L'Ain, la Savoie et l'Isère totalisent respectivement 30, 12 et 26 projets, pour "
        "près de 610, 340 et plus de 670 emplois."
    )
    assert rows(found) == {
        "01": (30, EXACT, 610, PRES_DE),
        "73": (12, EXACT, 340, EXACT),
        "38": (26, EXACT, 670, PLUS_DE),
    }


def test_respectively_with_lists_that_do_not_match_is_an_error():
    found = read("Le Doubs et le Jura comptent respectivement 11 et 7 projets, pour 290 emplois.")
    assert found.rows == ()
    assert reasons(found)[0].startswith("“respectivement” with 2 departments")


def test_figures_then_department_clauses():
    found = read("36 projets et 1 220 emplois dans le Rhône, 30 projets et 610 emplois dans l'Ain.")
    assert values(found) == {"69": (36, 1220), "01": (30, 610)}


@pytest.mark.parametrize(
    "text, reason",
    [
        (
            "Sur les 190 projets, 36 concernent le Rhône pour 1 220 emplois.",
            "names Rhône but “Sur les 190 projets” is a part of a larger count",
        ),
        (
            "Dans le Rhône, 36 des 190 projets et 1 220 emplois.",
            "names Rhône but “36 des 190 projets” is a part of a larger count",
        ),
        (
            "Sur 190 projets, 36 concernent le Rhône pour 1 220 emplois.",
            "names Rhône after the figures, with another number (36)",
        ),
    ],
)
def test_a_department_s_share_of_a_total_is_not_read_as_the_total(text, reason):
    """Regression: the Rhône got the 190 projects of the whole region, with exit 0."""
    found = read(text)
    assert found.rows == ()
    assert reasons(found)[0].startswith(reason), reasons(found)


def test_a_list_of_numbers_without_respectively_is_an_error():
    found = read("Le Doubs et le Jura comptent 11 et 7 projets, pour 290 et 150 emplois.")
    assert found.rows == ()
    assert "is a list of numbers" in reasons(found)[0]


def test_a_clause_with_a_number_for_another_department_is_reported():
    found = read("Dans le Rhône, 36 projets pour 1 220 emplois, contre 12 en Isère.")
    assert values(found) == {"69": (36, 1220)}
    assert reasons(found)[0].startswith("names Isère with a number but no number")


def test_a_clause_mentioning_another_department_without_a_number_is_ignored():
    found = read("Dans le Rhône, 36 projets pour 1 220 emplois, comme en Isère en 2022.")
    assert values(found) == {"69": (36, 1220)} and found.problems == ()


def test_a_clause_missing_a_figure_is_reported_and_the_others_read():
    found = read("La Gironde (14 projets, 520 emplois) et les Landes (6 projets) progressent.")
    assert values(found) == {"33": (14, 520)}
    assert reasons(found)[0].startswith("names Landes but no number of jobs")


# --- 4. tables ---------------------------------------------------------------------------

HTML_TABLE = """<html><body>
<p>Les résultats par département :</p>
<table>
  <thead>
    <tr><th>N°</th><th>Emplois créés</th><th>Département</th><th>Nombre de projets</th></tr>
  </thead>
  <tbody>
    <tr><td>01</td><td>1&#8239;220</td><td>Ain</td><td>30</td></tr>
    <tr>
      <td>74</td>
      <td>1.917</td>
      <td><p>Haute&#8209;Savoie</p></td>
      <td>15</td>
    </tr>
    <tr><td>38</td><td>près de 670</td><td>Isère</td><td>une vingtaine</td></tr>
    <tr><td></td><td>3 807</td><td>Total</td><td>65</td></tr>
  </tbody>
</table>
</body></html>
"""


def test_html_table_columns_found_by_their_header_in_any_order():
    found = read_html(HTML_TABLE)
    assert rows(found) == {
        "01": (30, EXACT, 1220, EXACT),
        "74": (15, EXACT, 1917, EXACT),
        "38": (20, ENVIRON, 670, PRES_DE),
    }
    assert found.problems == ()
    assert totals(found) == [(None, 65, 3807)]
    # Each row keeps the line of the HTML its first cell is on.
    assert {r.code: r.line for r in found.rows} == {"01": 8, "74": 10, "38": 15}


@pytest.mark.parametrize(
    "table",
    [
        "Département\tProjets\tEmplois\nAin\t30\t1 220\nHaute-Savoie\t15\t917",
        "Département | Projets | Emplois\nAin | 30 | 1 220\nHaute-Savoie | 15 | 917",
        "| Département | Projets | Emplois |\n|---|:---:|---:|\n| Ain | 30 | 1 220 |\n"
        "| Haute-Savoie | 15 | 917 |",
        "Département      Projets   Emplois\nAin              30        1 220\n"
        "Haute-Savoie     15        917",
        "Code  Département    Emplois   Projets\n01    Ain            1.220     30\n"
        "74    Haute-Savoie   917       15",
        "Emplois;Projets\n1220;30",  # no department column: not a table of departments
    ][:-1],
)
def test_text_tables_tabs_pipes_markdown_and_spaces(table):
    found = read(f"Les chiffres :\n{table}\n\nFin.")
    assert values(found) == {"01": (30, 1220), "74": (15, 917)}
    assert found.problems == ()


def test_a_table_without_a_recognisable_header_is_reported_not_guessed():
    found = read("Ain | 30 | 1 220\nHaute-Savoie | 15 | 917")
    assert found.rows == ()
    (problem,) = found.problems
    assert problem.line == 1
    assert problem.reason.startswith(
        "a table with figures per department (2 rows) but no header naming its columns"
    )


def test_a_table_row_whose_code_and_name_disagree_is_reported():
    found = read("Code | Département | Projets | Emplois\n38 | Ain | 30 | 610\n73 | Savoie | 2 | 9")
    assert values(found) == {"73": (2, 9)}
    assert reasons(found)[0].startswith("Ain is department 01, not 38")


@pytest.mark.parametrize(
    "row, reason",
    [
        ("Ain | 30 | -", "names Ain but no number of jobs"),
        ("Ain | 30 | 1,2", "names Ain but “1,2” is not a whole number"),
        ("Ain | 30 | 610 | 4", "row has 4 cells, the header 3"),
        ("Lyon | 30 | 610", "“Lyon” is not a French department"),
    ],
)
def test_table_rows_that_cannot_be_read_are_reported(row, reason):
    found = read(f"Département | Projets | Emplois\n{row}\nSavoie | 2 | 9")
    assert values(found) == {"73": (2, 9)}
    assert reasons(found)[0].startswith(reason), reasons(found)


def test_a_layout_table_is_read_as_prose():
    found = read_html(
        "<table><tr><td><p>Dans l'Ain, 30 projets pour 610 emplois.</p>"
        "<p>En Isère, 12 projets pour 300 emplois.</p></td><td>Menu</td></tr></table>"
    )
    assert values(found) == {"01": (30, 610), "38": (12, 300)}


# --- 5. numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["1220", "1 220", f"1{NBSP}220", f"1{NNBSP}220", "1.220"],
)
def test_numbers_with_any_thousands_separator(number):
    assert values(read(f"Dans le Rhône, 36 projets pour {number} emplois.")) == {"69": (36, 1220)}


@pytest.mark.parametrize(
    "words, value",
    [
        ("trente", 30),
        ("deux cents", 200),
        ("soixante et onze", 71),
        ("quatre-vingt-quinze", 95),
        ("mille deux cent vingt", 1220),
        ("vingt et un", 21),
        ("quatre-vingts", 80),
        ("Deux Cent Cinquante", 250),
        ("deux-cent-cinquante", 250),  # the 1990 spelling
    ],
)
def test_numbers_in_words_including_compound_ones(words, value):
    """Regression: "deux cents" was read as 100 and "soixante et onze" as 11 (the last
    word), with exit 0."""
    found = read(f"Dans l'Ain, {words} projets pour {words} emplois.")
    assert values(found) == {"01": (value, value)} and found.problems == ()


@pytest.mark.parametrize(
    "wording, value",
    [
        ("une quinzaine de ", 15),
        ("une vingtaine d'", 20),
        ("une centaine d’", 100),
        ("un millier d'", 1000),
        ("deux milliers d'", 2000),
    ],
)
def test_approximate_words_are_environ(wording, value):
    row = read(f"En Isère, 26 projets pour {wording}emplois.").rows[0]
    assert (row.jobs.value, row.jobs.precision) == (value, ENVIRON)


def test_more_than_a_thousand_in_words():
    row = read("En Isère, 26 projets pour plus d'un millier d'emplois.").rows[0]
    assert (row.jobs.value, row.jobs.precision) == (1000, PLUS_DE)


@pytest.mark.parametrize(
    "wording, reason",
    [
        ("1,2 millier d'emplois", "“1,2 millier” is not a whole number"),
        (
            "1,220 emplois",
            "“1,220” is not a whole number (the comma is the French decimal mark)",
        ),
        (
            "12 20 emplois",
            "“12 20” is not a number written as French does (1 220, 1220 or 1.220)",
        ),
        ("trente-deux cents emplois", "“trente-deux cents” is two numbers side by side"),
        ("+300 emplois", "“+300” is a change, not a count"),
    ],
)
def test_numbers_that_are_not_whole_counts_are_refused(wording, reason):
    (problem,) = read(f"En Isère, 26 projets pour {wording}.").problems
    assert problem.reason == f"names Isère but {reason}: “En Isère, 26 projets pour {wording}.”"


@pytest.mark.parametrize(
    "text, value",
    [("1220", 1220), ("1 220", 1220), ("1.220", 1220), ("1'220", 1220), ("1 234 567", 1234567)],
)
def test_parse_count_accepts(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize(
    "text", ["1,2", "1,220", "12 20", "1 2", "1 220.000", "١٢", "²", "", "1" * 20]
)
def test_parse_count_refuses(text):
    assert parse_count(text) is None


def test_number_words_are_read_by_text2num():
    assert parse_number_words("soixante et onze") == 71
    assert parse_number_words("onze dizaines") is None
    assert [(w.start, w.end, w.value) for w in find_number_words("vingt et un, premier, cent")] == [
        (0, 11, 21),
        (22, 26, 100),
    ]


# --- 6. qualifiers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "qualifier, precision",
    [
        ("au moins", PLUS_DE),
        ("pas moins de", PLUS_DE),
        ("plus de", PLUS_DE),
        ("près de", PRES_DE),
        ("presque", PRES_DE),
        ("quasiment", PRES_DE),
        ("environ", ENVIRON),
        ("quelque", ENVIRON),
        ("autour de", ENVIRON),
        ("~", ENVIRON),
        ("~ ", ENVIRON),
    ],
)
def test_qualifiers_apply_to_the_number_they_precede_only(qualifier, precision):
    sep = "" if qualifier.endswith(" ") or qualifier == "~" else " "
    found = read(f"En Isère, {qualifier}{sep}26 projets pour 670 emplois.")
    assert rows(found) == {"38": (26, precision, 670, EXACT)}
    found = read(f"En Isère, 26 projets pour {qualifier}{sep}670 emplois.")
    assert rows(found) == {"38": (26, EXACT, 670, precision)}


@pytest.mark.parametrize(
    "wording",
    [
        "moins de 500 emplois",
        "jusqu'à 500 emplois",
        "400 à 500 emplois",
        "entre 400 et 500 emplois",
    ],
)
def test_bounds_and_ranges_are_refused(wording):
    (problem,) = read(f"En Isère, 26 projets pour {wording}.").problems
    assert "is a bound or a range" in problem.reason


# --- 7. totals ----------------------------------------------------------------------------


def test_achieved_totals_not_forward_looking_ones():
    found = read(
        "D'ici la fin de l'année, 200 projets auront bientôt été accompagnés.\n"
        "La Région a déjà accompagné 190 projets de relocalisation, permettant la création "
        "de 5 306 emplois.\n"
        "Dans l'Ain, 30 projets pour 610 emplois."
    )
    assert totals(found) == [(None, 190, 5306)]
    assert [(a.quantity.value, a.line) for a in found.announced] == [(200, 1)]


def test_forward_and_achieved_in_one_sentence():
    found = read(
        "La Région a déjà accompagné 190 projets, permettant la création de 5 306 emplois, "
        "et 200 projets auront bientôt été accompagnés."
    )
    assert totals(found) == [(None, 190, 5306)]
    assert [a.quantity.value for a in found.announced] == [200]


def test_an_objective_is_not_a_total():
    found = read("La Région vise 500 projets et 30 000 emplois d'ici 2027.")
    assert found.totals == ()
    assert [(a.kind, a.quantity.value, a.horizon) for a in found.announced] == [
        ("projects", 500, "d'ici 2027"),
        ("jobs", 30000, "d'ici 2027"),
    ]


# --- issue 19: each clause has its own tense; forward-looking projects and jobs ----------
# (fictitious sentences in the wording of a 2024 release)


def test_achieved_projects_and_the_jobs_they_will_create_are_the_totals():
    found = read("Au total, 210 projets ont été accompagnés et plus de 6 000 emplois seront créés.")
    assert totals(found) == [(None, 210, 6000)]
    assert found.announced == ()


def test_projects_accompanied_that_will_create_jobs_are_the_totals():
    found = read("La Région a accompagné 180 projets, qui créeront 5 120 emplois.")
    assert totals(found) == [(None, 180, 5120)]
    assert found.announced == ()


def test_new_projects_by_a_horizon_are_announced_with_it():
    found = read(
        "La Région a accompagné 210 projets pour 6 000 emplois. Une centaine de nouveaux "
        "projets seront accompagnés d'ici fin 2025."
    )
    assert totals(found) == [(None, 210, 6000)]
    (announced,) = found.announced
    assert (announced.kind, announced.quantity.value, announced.quantity.precision) == (
        "projects",
        100,
        "environ",
    )
    assert (announced.words, announced.horizon) == (
        "Une centaine de nouveaux projets",
        "d'ici fin 2025",
    )


def test_jobs_by_a_horizon_after_achieved_projects_are_announced():
    found = read(
        "La Région a accompagné 210 projets pour 6 000 emplois ; 2 000 emplois de plus "
        "sont attendus à l'horizon 2027."
    )
    assert totals(found) == [(None, 210, 6000)]
    assert [(a.kind, a.quantity.value, a.horizon) for a in found.announced] == [
        ("jobs", 2000, "à l'horizon 2027")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Au total, 190 projets pour 5 306 emplois.",
        "Au niveau régional, 190 projets pour 5 306 emplois.",
        "La collectivité a soutenu 190 projets pour 5 306 emplois.",
        "Le ministère recense 190 projets pour 5 306 emplois.",
        "L'État a accompagné 190 projets pour 5 306 emplois.",
        "Le Conseil régional a soutenu 190 projets pour 5 306 emplois.",
    ],
)
def test_totals_introduced_in_many_ways(text):
    assert totals(read(text)) == [(None, 190, 5306)]


def test_forward_count_in_a_regional_paragraph_without_the_word_region():
    found = read(
        "La Région a identifié 190 projets pour 5 306 emplois. "
        "Et ce n'est pas fini : 200 projets seront bientôt accompagnés."
    )
    assert [a.quantity.value for a in found.announced] == [200]


def test_national_figures_are_not_the_regions_totals():
    found = read("Au niveau national, 800 projets pour 30 000 emplois ont été accompagnés.")
    assert found.totals == () and "national figures" in found.notes[0].reason


# --- trust: every row traced to its line and words ------------------------------------------


def test_every_row_is_traced_to_its_lines_and_exact_words():
    found = read(
        "Titre\n\nDans l'Ain, 30 projets ont été identifiés pour la création de\n"
        "610 emplois.\n• Isère : près de 670 emplois, une vingtaine de projets\n"
        "La Région a accompagné 190 projets pour 5 306 emplois."
    )
    assert trace_lines(found) == [
        "01 Ain: 30 projets, 610 emplois ← lines 3–4: “Ain, 30 projets ont été identifiés pour "
        "la création de 610 emplois”",
        "38 Isère: 20 projets (environ), 670 emplois (pres_de) ← line 5: “Isère : près de 670 "
        "emplois, une vingtaine de projets”",
        "regional totals (line 6): 190 projets (exact), 5 306 emplois (exact) ← “La Région a "
        "accompagné 190 projets pour 5 306 emplois.”",
    ]


def test_csv_notes_keep_the_wording_of_words_and_tables():
    found = read_html(HTML_TABLE)
    assert figures_csv(found.rows).splitlines()[2] == (
        "38,Isère,20,670,pres_de,environ,« une vingtaine » projets ; « près de 670 » emplois"
    )
