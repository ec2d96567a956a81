"""'relocmap update': from a new press release to new figures, facts and map in one command.

Every release text here is invented for the tests: its figures are fictitious and
were never published by anyone.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from relocmap.cli import main
from relocmap.inputs.facts import facts_json
from relocmap.update import release_facts

SOURCE = "Région Auvergne-Rhône-Alpes, communiqué de presse"

# Fictitious: 12 departments (212 projects, 6 080 jobs) and regional totals that fit them.
RELEASE_2023 = """Relocalisations : nouveau bilan (texte inventé, chiffres fictifs)

La Région a identifié et accompagné 212 projets pour la création de plus de 6 000 emplois.
Dans l'Ain, 30 projets ont été identifiés pour la création de 610 emplois.
Dans l'Allier, 15 projets pour 120 emplois.
En Ardèche, 10 projets pour 230 emplois.
Dans le Cantal, 5 projets pour 40 emplois.
Dans la Drôme, 21 projets pour 480 emplois.
En Isère, 28 projets pour près de 700 emplois.
Dans la Loire, 31 projets pour 1 040 emplois.
En Haute-Loire, 9 projets pour 210 emplois.
Dans le Puy-de-Dôme, 14 projets pour 400 emplois.
Dans le Rhône, 25 projets pour 1 300 emplois.
En Savoie, 11 projets pour 150 emplois.
En Haute-Savoie, 13 projets pour 800 emplois.
"""
# Fictitious: the same departments, no regional total anywhere.
RELEASE_WITHOUT_TOTALS = "\n".join(
    line for line in RELEASE_2023.splitlines() if not line.startswith("La Région")
)
# Fictitious: a line that names the Drôme but gives no number of jobs.
RELEASE_UNSURE = RELEASE_2023.replace(
    "Dans la Drôme, 21 projets pour 480 emplois.",
    "Dans la Drôme, des dizaines de projets ont été soutenus.",
)


@pytest.fixture
def repo(tmp_path, repo_root, monkeypatch) -> Path:
    """A copy of the committed data, boundaries and map; the command runs in it."""
    for folder in ("data", "geo", "out"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def update(repo: Path, release: str, *options: str, date: str = "2023-06-14"):
    (repo / "communique.txt").write_text(release, encoding="utf-8")
    args = ["update", "communique.txt", "--date", date, "--source", SOURCE, *options]
    return CliRunner().invoke(main, args)


def snapshot(repo: Path) -> dict[str, bytes]:
    """Every file of data/ and out/, to prove that nothing changed."""
    return {
        str(path.relative_to(repo)): path.read_bytes()
        for folder in ("data", "out")
        for path in sorted((repo / folder).rglob("*"))
        if path.is_file()
    }


def page(repo: Path) -> str:
    """carte.html with the JSON string escapes of its embedded HTML undone, so that the
    headline reads as markup however the page escapes it."""
    html = (repo / "out" / "carte.html").read_text("utf-8")
    for escaped, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        html = html.replace(escaped, char)
    return html.replace('\\"', '"')


def facts(repo: Path) -> dict:
    return json.loads((repo / "data" / "publication.json").read_text("utf-8"))


# --- the whole path ------------------------------------------------------------------


def test_update_writes_figures_facts_and_map(repo):
    result = update(repo, RELEASE_2023)
    assert result.exit_code == 0, result.output
    assert (repo / "data" / "relocalisations.csv").read_text("utf-8").splitlines()[1:4] == [
        "01,Ain,30,610,exact,exact,",
        "03,Allier,15,120,exact,exact,",
        "07,Ardèche,10,230,exact,exact,",
    ]
    assert facts(repo) == {
        "source_date": "2023-06-14",
        "source": SOURCE,
        "total_projets_publie": 212,
        "total_projets_precision": "exact",
        "total_projets_formulation": "212 projets",
        "total_emplois_publie": 6000,
        "total_emplois_precision": "plus_de",
        "total_emplois_formulation": "plus de 6\u202f000 emplois",
        # The plan's facts are kept; the 2022 "200 projets annoncés prochainement" is not.
        "adoption_plan": "2021-12",
        "budget_plan": "1,2 milliard d'euros",
        "objectif_emplois": 30000,
        "objectif_duree_ans": 6,
    }
    html = page(repo)
    assert "chiffres publiés le 14 juin 2023" in html
    assert 'class="relocmap-totals' in html and 'role="progressbar' in html
    assert "<strong>212 projets</strong> · <strong>plus de 6\u202f000 emplois</strong>" in html
    assert "<strong>20,0\u00a0%</strong> de l’objectif de 30\u202f000 emplois" in html
    for old in (
        "190 projets",
        "5\u202f300",
        "5\u202f306",
        "17,7",
        "annoncés prochainement",
        "2022",
    ):
        assert old not in html, old
    still = (repo / "out" / "carte.svg").read_text("utf-8")  # the still image, as text
    assert "chiffres publiés le 14 juin 2023" in still
    # The source as given, dated by --date (issue 19: the credit had lost its date).
    assert "Chiffres : Région Auvergne-Rhône-Alpes, communiqué de presse du 14 juin 2023 ·" in still
    assert "communiqué de presse, 2022" not in still
    exported = (repo / "out" / "relocalisations.csv").read_text("utf-8")
    assert re.search(r"^01,Ain,84,Auvergne-Rhône-Alpes,30,610,", exported, re.M)


def test_update_prints_what_changed_before_and_after(repo):
    result = update(repo, RELEASE_2023)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "What changes, to check before publishing the map:"
    assert "  Ain (01): projets 25 → 30, emplois 564 → 610" in lines
    assert "  Allier (03): projets 5 → 15, emplois environ 100 → 120" in lines
    assert "  Drôme (26): emplois 457 → 480" in lines
    assert "  Isère (38): projets 26 → 28, emplois près de 670 → près de 700" in lines
    assert "  source_date: “2022” → “2023-06-14”" in lines
    assert "  total_emplois_precision: “exact” → “plus_de”" in lines
    assert (
        "  projets_annonces_prochainement: 200 → removed (the new release does not give it)"
        in lines
    )
    assert "wrote data/relocalisations.csv (12 departments) and data/publication.json" in lines
    assert "emplois: sum of departments 6080, published total 6000, difference +80" in lines
    assert not any(line.startswith("Warning") for line in lines)
    assert any(line.startswith("wrote out/carte.html (") for line in lines)


def test_update_twice_gives_the_same_files(repo):
    assert update(repo, RELEASE_2023).exit_code == 0
    first = snapshot(repo)
    again = update(repo, RELEASE_2023)
    assert again.exit_code == 0, again.output
    assert snapshot(repo) == first
    assert "  Ain (01): unchanged" in again.stdout.splitlines()


def test_a_release_without_totals_gives_a_headline_without_totals(repo):
    result = update(repo, RELEASE_WITHOUT_TOTALS, date="2023-06")
    assert result.exit_code == 0, result.output
    written = facts(repo)
    assert not any(key.startswith("total_") for key in written)
    assert written["source_date"] == "2023-06"
    html = page(repo)
    assert "chiffres publiés en juin 2023" in html
    assert 'class="relocmap-totals' not in html and 'role="progressbar' not in html
    assert 'class="relocmap-headline' in html  # the plan's facts are still there
    assert "Objectif : 30\u202f000 emplois industriels en 6 ans" in html
    assert "Total publié par la Région" not in html
    assert "212 projets et 6\u202f080 emplois au total" in html
    for old in ("190 projets", "5\u202f300", "5\u202f306", "17,7", "annoncés prochainement"):
        assert old not in html, old
    assert "  total_emplois_publie: 5306 → removed (the new release does not give it)" in (
        result.stdout.splitlines()
    )


# Issue 19, as a web editor met it: a 2024 release (fictitious, worded as the Région's)
# whose totals sentence puts each clause in its own tense, and which announces a
# hundred new projects by the end of 2025.
RELEASE_FORWARD = RELEASE_2023.replace(
    "La Région a identifié et accompagné 212 projets pour la création de plus de 6 000 emplois.",
    "Au total, 212 projets ont été accompagnés et plus de 6 000 emplois seront créés.\n"
    "Une centaine de nouveaux projets seront accompagnés d'ici fin 2025.",
)


def test_update_reads_forward_looking_projects_and_shows_them_as_such(repo):
    result = update(repo, RELEASE_FORWARD, date="2024-03-05")
    assert result.exit_code == 0, result.output
    written = facts(repo)
    # The 212 achieved projects are the total, with the jobs they will create.
    assert (written["total_projets_publie"], written["total_emplois_publie"]) == (212, 6000)
    assert {key: value for key, value in written.items() if "_annonces_" in key} == {
        "projets_annonces_prochainement": 100,
        "projets_annonces_precision": "environ",
        "projets_annonces_formulation": "une centaine de nouveaux projets",
        "projets_annonces_echeance": "d'ici fin 2025",
    }
    lines = result.stdout.splitlines()
    assert "  projets_annonces_prochainement: 200 → 100" in lines
    html = unescape(page(repo))
    assert "une centaine de nouveaux projets prévus d'ici fin 2025" in html
    assert "annoncés prochainement" not in html
    dated = "Région Auvergne-Rhône-Alpes, communiqué de presse du 5 mars 2024"
    assert f'Chiffres : <span class="relocmap-figures-source">{dated}</span>' in html  # credit
    assert f'<span class="relocmap-table-source">{dated}</span>' in html  # table caption
    assert f'"source":"{dated}"' in html  # what the popups say
    still = (repo / "out" / "carte.svg").read_text("utf-8")
    assert "communiqué de presse du 5 mars 2024" in still


def test_a_release_without_forward_figures_removes_the_previous_ones(repo):
    assert update(repo, RELEASE_FORWARD, date="2024-03-05").exit_code == 0
    result = update(repo, RELEASE_2023, date="2024-09")
    assert result.exit_code == 0, result.output
    assert not any("_annonces_" in key for key in facts(repo))
    assert (
        "  projets_annonces_echeance: “d'ici fin 2025” → removed (the new release does not "
        "give it)" in result.stdout.splitlines()
    )
    html = unescape(page(repo))
    assert "prévus d'ici" not in html and "annoncés prochainement" not in html
    assert "communiqué de presse de septembre 2024" in html


def test_a_department_left_out_of_the_new_release(repo):
    release = RELEASE_WITHOUT_TOTALS.replace("Dans la Loire, 31 projets pour 1 040 emplois.", "")
    result = update(repo, release)
    assert result.exit_code == 0, result.output
    assert (
        "  Loire (42): not in the new release (was 22 projets, près de 450 emplois): "
        "shown as 'Pas de données'"
    ) in result.stdout.splitlines()
    assert "Loire (42)" in page(repo) and "Pas de données" in page(repo)


# --- nothing changed ------------------------------------------------------------------


def test_an_unsure_release_changes_nothing(repo):
    before = snapshot(repo)
    result = update(repo, RELEASE_UNSURE)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    assert errors[0].startswith(
        "Error: communique.txt, line 8: names Drôme but no number of projects"
    )
    assert errors[-1] == (
        "Error: communique.txt: 1 problem, nothing written; fix the text or pass "
        "--partial to write the rows that could be read"
    )
    assert result.stdout == ""
    assert snapshot(repo) == before


def test_the_count_of_problems_is_written_in_english(repo):
    # Regression: "1 problem(s)" / "2 problem(s)".
    release = RELEASE_UNSURE.replace(
        "En Savoie, 11 projets pour 150 emplois.", "En Savoie, quelques projets ont été aidés."
    )
    result = update(repo, release)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: communique.txt: 2 problems, nothing written; fix the text or pass "
        "--partial to write the rows that could be read"
    )


def test_partial_writes_the_departments_that_could_be_read(repo):
    result = update(repo, RELEASE_UNSURE, "--partial", "--accept-total-mismatch")
    assert result.exit_code == 0, result.output
    assert "Warning: communique.txt, line 8: names Drôme but" in result.stderr
    assert "26,Drôme" not in (repo / "data" / "relocalisations.csv").read_text("utf-8")
    assert "  Drôme (26): not in the new release" in result.stdout


def test_totals_that_contradict_the_departments_change_nothing(repo):
    before = snapshot(repo)
    release = RELEASE_2023.replace("212 projets", "150 projets")
    result = update(repo, release)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        # Regression: the advice was about publication.json, which update writes itself.
        "Error: communique.txt: projets: the release's own total, 150 (“150 projets”, "
        "exact), and the sum of its departments, 212, differ by 62, more than that wording "
        "allows; check that the total was read from the right sentence and that no "
        "department was counted twice or mistyped",
        "Error: communique.txt: nothing was changed; correct the release's text if it was "
        "misread, or pass --accept-total-mismatch if the Région published these figures",
    ]
    assert "publication.json" not in result.stderr
    assert snapshot(repo) == before


def test_several_different_totals_change_nothing(repo):
    before = snapshot(repo)
    release = RELEASE_2023 + (
        "Au total, la Région a accompagné 40 projets pour 900 emplois depuis janvier.\n"
    )
    result = update(repo, release)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        "Error: communique.txt: several different regional totals (line 3: 212 projets, "
        "plus de 6 000 emplois; line 16: 40 projets, 900 emplois)"
    )
    assert snapshot(repo) == before


def test_dry_run_prints_and_writes_nothing(repo):
    before = snapshot(repo)
    result = update(repo, RELEASE_2023, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  Ain (01): projets 25 → 30, emplois 564 → 610" in result.stdout
    assert result.stdout.splitlines()[-1] == "--dry-run: nothing written"
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("14 juin 2023", '"14 juin 2023" is not an ISO 8601 date: write 2023-06-14'),
        ("2023-06-31", '"2023-06-31" is not a date: June 2023 has 30 days, not 31'),
    ],
)
def test_a_bad_date_changes_nothing(repo, date, message):
    before = snapshot(repo)
    result = update(repo, RELEASE_2023, date=date)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for '--date': {message}" in result.stderr
    assert snapshot(repo) == before


def test_a_blank_source_changes_nothing(repo):
    before = snapshot(repo)
    (repo / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    args = ["update", "communique.txt", "--date", "2023-06-14", "--source", "  "]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Error: Invalid value for '--source': is blank; give a value" in result.stderr
    assert snapshot(repo) == before


def test_a_broken_facts_file_changes_nothing(repo):
    (repo / "data" / "publication.json").write_text('{"source": 1}', encoding="utf-8")
    before = snapshot(repo)
    result = update(repo, RELEASE_2023)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: data/publication.json: nothing was changed; fix this file, or delete it (the "
        "update keeps only the plan's facts and whether the figures are fictitious from it: "
        "adoption_plan, budget_plan, objectif_emplois, objectif_duree_ans, donnees_fictives)"
    )
    assert snapshot(repo) == before


def test_first_update_without_previous_files(repo):
    (repo / "data" / "publication.json").unlink()
    (repo / "data" / "relocalisations.csv").unlink()
    result = update(repo, RELEASE_2023)
    assert result.exit_code == 0, result.output
    assert "  Ain (01): new, 30 projets, 610 emplois" in result.stdout.splitlines()
    assert "adoption_plan" not in facts(repo)


def test_update_keeps_the_fictitious_label_and_says_so(repo):
    """Figures labelled invented stay labelled after an update (the choice: a release read
    after invented figures is as likely invented; real figures wrongly labelled FICTIF
    are visible and one edit away, invented ones shown as the Région's are not)."""
    path = repo / "data" / "publication.json"
    path.write_text(facts_json({**facts(repo), "donnees_fictives": True}), encoding="utf-8")
    result = update(repo, RELEASE_2023)
    assert result.exit_code == 0, result.output
    assert facts(repo)["donnees_fictives"] is True
    assert (
        "  donnees_fictives: true, kept from the previous facts: every title says FICTIF; if "
        "this release's figures are real, remove the key from the facts file by hand"
    ) in result.stdout.splitlines()
    html = (repo / "out" / "carte.html").read_text("utf-8")
    assert "<title>FICTIF — Relocalisations industrielles en Auvergne-Rhône-Alpes</title>" in html


@pytest.mark.parametrize(
    ("previous", "kept"),
    [
        ({"donnees_fictives": True}, True),
        ({"donnees_fictives": False}, None),
        ({"donnees_fictives": None}, None),
        ({}, None),
        (None, None),
    ],
)
def test_update_never_sets_the_fictitious_label_only_keeps_it(previous, kept):
    new = release_facts("2024-06", "Région fictive", None, previous)
    assert new.get("donnees_fictives") is kept
    assert (kept is None) == ("donnees_fictives" not in new)


# --- the README's command, as a user types it ------------------------------------------

USER_PATH = "/usr/local/bin:/usr/bin:/bin"


def readme_update_command(readme: str) -> str:
    """The command of the README's "Updating after a new press release" section."""
    section = readme.split("## Updating after a new press release", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```\n(.*?)^```", section, flags=re.M | re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 1, commands
    return commands[0]


def test_readme_update_command_works_as_written(repo_root, tmp_path):
    """A fresh clone after the README's first command: the project's files and .venv.

    The first command (sh scripts/build-map.sh) creates .venv with relocmap
    installed; here .venv is the one the tests run from. The shell has the PATH a
    user has, without .venv/bin on it, and the command is run exactly as written.
    """
    command = readme_update_command((repo_root / "README.md").read_text("utf-8"))
    assert command.startswith(".venv/bin/relocmap update communique.txt --date ")
    clone = tmp_path / "clone"
    clone.mkdir()
    for folder in ("data", "geo", "out", "scripts"):
        shutil.copytree(repo_root / folder, clone / folder)
    (clone / ".venv").symlink_to(repo_root / ".venv")
    (clone / "communique.txt").write_text(RELEASE_2023, encoding="utf-8")
    assert shutil.which("relocmap", path=USER_PATH) is None
    env = {"PATH": USER_PATH, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run(
        ["sh", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "  Ain (01): projets 25 → 30, emplois 564 → 610" in done.stdout
    written = json.loads((clone / "data" / "publication.json").read_text("utf-8"))
    assert (written["source_date"], written["source"]) == ("2023-06-14", SOURCE)
    assert "chiffres publiés le 14 juin 2023" in (clone / "out" / "carte.html").read_text("utf-8")


def test_the_command_is_written_the_same_way_everywhere(repo_root):
    """README, data/README.md and every --help call relocmap as .venv/bin/relocmap."""
    texts = {
        "README.md": (repo_root / "README.md").read_text("utf-8"),
        "data/README.md": (repo_root / "data" / "README.md").read_text("utf-8"),
    }
    for name in [None, *sorted(main.commands)]:
        args = [name, "--help"] if name else ["--help"]
        texts[f"relocmap {' '.join(args)}"] = CliRunner().invoke(main, args).output
    bare = re.compile(r"(?<![\w/.-])relocmap (?:update|validate|build|extract|boundaries)\b")
    for name, text in texts.items():
        assert not bare.findall(text), (name, bare.findall(text))


@pytest.mark.parametrize("args", [["--help"], ["update", "--help"]])
def test_help_prints_the_update_example_as_written(repo_root, args):
    # Regression: click re-wrapped the example, breaking the quoted --source in two
    # with spaces inside the quotes.
    output = CliRunner().invoke(main, args, terminal_width=80).output
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if "relocmap update communique.txt" in line)
    assert lines[start].endswith(" \\")
    assert (
        lines[start + 1].strip() == '--source "Région Auvergne-Rhône-Alpes, communiqué de presse"'
    )
    # The shell removes a backslash and the line break after it.
    example = shlex.split(lines[start].removesuffix("\\") + lines[start + 1])
    readme = readme_update_command((repo_root / "README.md").read_text("utf-8"))
    assert example == shlex.split(readme)


def test_main_help_says_update_adds_a_publication_to_the_publications_folder():
    output = " ".join(CliRunner().invoke(main, ["--help"], terminal_width=80).output.split())
    assert "when data/publications/ exists, adds the release to it as a new publication" in output
