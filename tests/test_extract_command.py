"""'relocmap extract' as a user runs it: traced rows, totals, outputs it refuses, and
hostile inputs (binary, empty, malformed HTML, mixed encodings, huge lines, random
text and bytes) that must end in exit 0 or 2 with a message, never a traceback.

Every release text and figure here is fictitious, written for the tests.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner, Result
from geopandas import GeoDataFrame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relocmap.cli import main
from relocmap.inputs.boundaries import read_boundaries

GEO = Path(__file__).resolve().parents[1] / "geo" / "departements.geojson"

RELEASE = """Relocalisations : un plan qui porte ses fruits

Lyon, le 3 avril 2024 – La Région a déjà accompagné 190 projets, permettant la
création de 5 306 emplois, et 200 projets auront bientôt été accompagnés.

Dans l'Ain, 30 projets ont été identifiés pour la création de
610 emplois. En Isère, une vingtaine de projets, pour près de 670 emplois.

Département | Projets | Emplois
Savoie | 12 | 340
Drôme | vingt et un | 457
"""
RELEASE_CSV = """code,departement,projets,emplois,emplois_precision,projets_precision,note
01,Ain,30,610,exact,exact,
26,Drôme,21,457,exact,exact,
38,Isère,20,670,pres_de,environ,« une vingtaine » de projets ; « près de 670 » emplois
73,Savoie,12,340,exact,exact,
"""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory, so that messages name files as the user typed them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--geo", str(GEO)])


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def assert_clean_failure(result: Result) -> None:
    """Exit 2 from a reported error: no exception escaped, no traceback, stdout empty."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert errors(result), result.output


# --- traced output ------------------------------------------------------------------------


def test_each_row_and_the_totals_are_traced_to_their_lines_and_words(in_tmp):
    (in_tmp / "communique.txt").write_text(RELEASE, encoding="utf-8")
    result = run("extract", "communique.txt", "-o", "figures.csv")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "figures.csv").read_text("utf-8") == RELEASE_CSV
    assert result.stderr.splitlines() == [
        "01 Ain: 30 projets, 610 emplois ← lines 6–7: “Ain, 30 projets ont été identifiés pour "
        "la création de 610 emplois”",
        "26 Drôme: 21 projets, 457 emplois ← line 11: “Drôme | vingt et un | 457”",
        "38 Isère: 20 projets (environ), 670 emplois (pres_de) ← line 7: “Isère, une vingtaine "
        "de projets, pour près de 670 emplois”",
        "73 Savoie: 12 projets, 340 emplois ← line 10: “Savoie | 12 | 340”",
        "regional totals (lines 3–4): 190 projets (exact), 5 306 emplois (exact) ← “La Région a "
        "déjà accompagné 190 projets, permettant la création de 5 306 emplois, et 200 projets "
        "auront bientôt été accompagnés.”",
        "announced projects (line 4): 200 projets (exact) ← “200 projets” → "
        "projets_annonces_prochainement",
        "wrote figures.csv (4 departments)",
    ]


def test_totals_and_announced_projects_go_to_the_publication_facts(in_tmp, repo_root):
    (in_tmp / "communique.txt").write_text(RELEASE, encoding="utf-8")
    facts = in_tmp / "publication.json"
    original = json.loads((repo_root / "data" / "publication.json").read_text("utf-8"))
    facts.write_text(json.dumps({**original, "projets_annonces_prochainement": 150}), "utf-8")
    result = run("extract", "communique.txt", "-o", "figures.csv", "--totals", "publication.json")
    assert result.exit_code == 0, result.output
    merged = json.loads(facts.read_text("utf-8"))
    assert merged == {
        **original,
        "total_projets_publie": 190,
        "total_projets_formulation": "190 projets",
        "total_emplois_publie": 5306,
        "total_emplois_formulation": "5\u202f306 emplois",
        "projets_annonces_prochainement": 200,
        "projets_annonces_precision": "exact",
        "projets_annonces_formulation": "200 projets",
    }


def test_totals_that_disagree_are_refused_with_totals_and_printed_without(in_tmp):
    (in_tmp / "communique.txt").write_text(
        RELEASE + "\nAu total, 195 projets pour 5 400 emplois.\n", encoding="utf-8"
    )
    result = run("extract", "communique.txt", "-o", "figures.csv", "--totals", "totals.json")
    assert_clean_failure(result)
    assert errors(result)[0].startswith(
        "Error: communique.txt: 2 different regional totals (line 3: 190 projets, 5 306 emplois; "
        "line 13: 195 projets, 5 400 emplois); cannot tell which are the release's"
    )
    assert not (in_tmp / "figures.csv").exists() and not (in_tmp / "totals.json").exists()
    result = run("extract", "communique.txt", "-o", "figures.csv")
    assert result.exit_code == 0, result.output
    assert "regional totals (line 13): 195 projets (exact)" in result.stderr


def test_totals_of_another_region_are_refused(in_tmp, repo_root):
    # Fictitious figures. (The facts file names no region since it has a schema: the
    # totals' region is checked against the region of the departments read.)
    (in_tmp / "communique.txt").write_text(
        "En Bretagne, 50 projets pour 900 emplois.\nDans l'Ain, 9 projets, 200 emplois.\n",
        encoding="utf-8",
    )
    facts = in_tmp / "publication.json"
    facts.write_bytes((repo_root / "data" / "publication.json").read_bytes())
    result = run("extract", "communique.txt", "-o", "figures.csv", "--totals", "publication.json")
    assert_clean_failure(result)
    assert errors(result) == [
        "Error: communique.txt: the release's totals (line 1) are for Bretagne, its "
        "departments are in Auvergne-Rhône-Alpes; nothing written"
    ]
    assert facts.read_bytes() == (repo_root / "data" / "publication.json").read_bytes()
    assert not (in_tmp / "figures.csv").exists()


def test_a_flood_of_problems_is_summarised(in_tmp):
    lines = [f"Dans l'Ain, {n} projets pour moins de {n} emplois." for n in range(100)]
    (in_tmp / "communique.txt").write_text("\n".join(lines), encoding="utf-8")
    result = run("extract", "communique.txt")
    assert_clean_failure(result)
    assert len(errors(result)) == 20
    assert errors(result)[-2:] == [
        "Error: communique.txt: ... and 82 more problems",
        "Error: communique.txt: 100 problems, nothing written; fix the text or pass "
        "--partial to write the rows that could be read",
    ]


# --- outputs it refuses -------------------------------------------------------------------


def test_output_over_its_own_input_is_refused(in_tmp):
    release = in_tmp / "communique.txt"
    release.write_text(RELEASE, encoding="utf-8")
    result = run("extract", "communique.txt", "-o", "communique.txt")
    assert_clean_failure(result)
    assert errors(result) == [
        "Error: communique.txt: is an input (communique.txt); choose another output"
    ]
    assert release.read_text("utf-8") == RELEASE


def test_output_over_the_release_by_another_path_is_refused(in_tmp):
    release = in_tmp / "communique.txt"
    release.write_text(RELEASE, encoding="utf-8")
    os.link(release, in_tmp / "lien.txt")
    assert_clean_failure(run("extract", "communique.txt", "-o", "lien.txt"))
    assert_clean_failure(run("extract", "communique.txt", "--totals", "./communique.txt"))
    assert release.read_text("utf-8") == RELEASE


def test_two_outputs_on_one_path_are_refused(in_tmp):
    (in_tmp / "communique.txt").write_text(RELEASE, encoding="utf-8")
    result = run("extract", "communique.txt", "-o", "x.json", "--totals", "x.json")
    assert_clean_failure(result)
    assert errors(result) == [
        "Error: x.json: given twice as an output; each output needs its own file"
    ]
    assert not (in_tmp / "x.json").exists()


@pytest.mark.parametrize("option", ["-o", "--totals"])
def test_an_output_that_is_a_symlink_is_refused(in_tmp, option):
    (in_tmp / "communique.txt").write_text(RELEASE, encoding="utf-8")
    target = in_tmp / "target.csv"
    target.write_text("kept", encoding="utf-8")
    (in_tmp / "link.csv").symlink_to(target)
    result = run("extract", "communique.txt", option, "link.csv")
    assert_clean_failure(result)
    assert errors(result) == [
        "Error: link.csv: is a symbolic link; relocmap does not write through links "
        "(remove it, or choose another output)"
    ]
    assert target.read_text("utf-8") == "kept" and (in_tmp / "link.csv").is_symlink()


def test_output_over_the_boundaries_is_refused(in_tmp):
    (in_tmp / "communique.txt").write_text(RELEASE, encoding="utf-8")
    before = GEO.stat().st_mtime_ns
    assert_clean_failure(run("extract", "communique.txt", "-o", str(GEO)))
    assert GEO.stat().st_mtime_ns == before


# --- hostile inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("r.txt", b"", "Error: r.txt: file is empty"),
        (
            "r.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "Error: r.txt, line 1: not a text file: this is a PNG",
        ),
        ("r.txt", b"Dans l'Ain\x00, 30 projets", "Error: r.txt, line 1: not a text file"),
        (
            "r.txt",
            # Neither UTF-8 nor Windows-1252 (0x81 is no character there): Latin-1 is read
            # as Windows-1252 since issue 19, this is not.
            b"Dans l'Ain, 30 projets, 610 emplois\n" + "En Isère".encode("latin-1") + b"\x81",
            "Error: r.txt, line 2: byte 0xe8 at character 6 cannot be decoded as utf-8-sig",
        ),
        (
            "r.html",
            b"<html><head><script>var a = 'Dans l\\'Ain, 30 projets, 610 emplois';</script>"
            b"<style>p::before{content:'En Is\xc3\xa8re, 3 projets, 9 emplois'}</style></head>"
            b"<body><nav>Ain</nav></body></html>",
            "Error: r.html: no figures per department found",
        ),
        (
            "r.html",
            b"<html><body><![foo[ 30 projets ]>",
            "Error: r.html, line 1: cannot be read as HTML",
        ),
        # html.parser looks for the end of each unfinished tag to the end of the page:
        # 100 000 of them took hours before they were read as text.
        ("r.html", b"<html><body>" + b"<a " * 100_000, "Error: r.html: no figures per department"),
        ("r.txt", b" " * 200_000, "Error: r.txt: file is empty"),
        ("r.txt", b"x " * 100_000 + b"projets", "Error: r.txt: no figures per department found"),
        (
            "r.txt",
            ("Dans l'Ain " + "1 " * 500_000 + "projets").encode(),
            "Error: r.txt, line 1: names Ain but",
        ),
    ],
)
def test_hostile_release_files_end_with_a_message(in_tmp, name, content, message):
    (in_tmp / name).write_bytes(content)
    result = run("extract", name, "-o", "out.csv")
    assert_clean_failure(result)
    assert errors(result)[0].startswith(message), errors(result)
    assert not (in_tmp / "out.csv").exists()


def test_an_html_page_in_its_declared_charset_is_read(in_tmp):
    page = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>En Isère, 26 projets pour 670 emplois.</p></body></html>"
    )
    (in_tmp / "r.html").write_bytes(page.encode("latin-1"))
    result = run("extract", "r.html")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "38,Isère,26,670,exact,exact,"


# --- random inputs: exit 0 or 2, never a traceback ------------------------------------------

# Pieces releases are made of, to reach past the first checks into every reader.
PIECES = [
    "Dans l'Ain, ",
    "En Isère",
    "Haute–Savoie",
    "Pays de la Loire",
    "La Région",
    "au total",
    "respectivement",
    " projets",
    " emplois",
    "près de ",
    "une centaine d'",
    "deux cents",
    "soixante et onze",
    "1 220",
    "1,2",
    "30",
    " et ",
    ", ",
    " – ",
    ". ",
    "\n",
    "\n\n",
    "\t",
    " | ",
    "|---|",
    "Département | Projets | Emplois\n",
    "<table><tr><th>Département</th><th>Projets</th><th>Emplois</th></tr>",
    "<tr><td>",
    "</td><td>",
    "<p>",
    "<br>",
    "<script>",
    "<![",
    "&#",
    "auront bientôt",
    "Paris, le 3 avril 2024 – ",
    "\u00a0",
    "\ufeff",
]
RELEASES = st.one_of(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=60).map("".join),
    st.text(max_size=300),
)


@cache
def cached_boundaries(path: str) -> GeoDataFrame:
    return read_boundaries(path)


def run_on(content: bytes, name: str) -> Result:
    """Run the command on ``content`` in a fresh directory (the boundaries read once)."""
    with tempfile.TemporaryDirectory() as folder:
        release = Path(folder) / name
        release.write_bytes(content)
        with mock.patch(
            "relocmap.inputs.boundaries.read_boundaries", lambda p: cached_boundaries(str(p))
        ):
            return CliRunner().invoke(
                main,
                ["extract", str(release), "-o", str(Path(folder) / "o.csv"), "--geo", str(GEO)],
            )


def assert_no_traceback(result: Result) -> None:
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@settings(
    max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(text=RELEASES, name=st.sampled_from(["r.txt", "r.html"]))
def test_random_release_text_never_ends_in_a_traceback(text: str, name: str) -> None:
    assert_no_traceback(run_on(text.encode("utf-8", "surrogatepass"), name))


@settings(
    max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(content=st.binary(max_size=600), name=st.sampled_from(["r.txt", "r.html"]))
def test_random_bytes_never_end_in_a_traceback(content: bytes, name: str) -> None:
    assert_no_traceback(run_on(content, name))


# --- the README's example is the command's real output ----------------------------------------


def test_readme_example_is_what_the_command_prints(in_tmp, repo_root):
    readme = (repo_root / "README.md").read_text("utf-8")
    section = readme.split("### Reading a press release", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```")[1::2]
    release, printed = blocks[0].strip("\n") + "\n", blocks[1].strip("\n")
    (in_tmp / "communique.txt").write_text(release, encoding="utf-8")
    (in_tmp / "data").mkdir()
    facts = in_tmp / "data" / "publication.json"
    facts.write_bytes((repo_root / "data" / "publication.json").read_bytes())
    result = run(
        "extract",
        "communique.txt",
        "-o",
        "data/relocalisations.csv",
        "--totals",
        "data/publication.json",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == printed.splitlines()
