"""inputs.facts, facts_schema, dates: the facts of the press release and their schema.

Facts written here for the tests are fictitious unless they are the committed file's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import GOOD_ROW, HEADER, REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relocmap.base.counts import Count
from relocmap.base.errors import InputError
from relocmap.base.precision import Precision
from relocmap.cli import main
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import (
    MAX_BYTES,
    Announcement,
    Publication,
    facts_json,
    read_facts,
    read_publication,
)
from relocmap.inputs.facts_schema import (
    SUPPORTED_KEYWORDS,
    facts_schema,
    known_keys,
    schema_keywords,
    suggest_iso_date,
)
from relocmap.outputs.wording import french_date, french_when

MINIMAL = {"source_date": "2023-06-14", "source": "Région fictive, communiqué de test"}


def write(tmp_path: Path, value) -> Path:
    path = tmp_path / "publication.json"
    text = value if isinstance(value, str) else json.dumps(value, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def reasons(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_publication(path)
    assert all(p.path == str(path) for p in caught.value.problems)
    return [p.reason for p in caught.value.problems]


@pytest.fixture
def facts(data_dir) -> dict:
    return json.loads((data_dir / "publication.json").read_text("utf-8"))


# --- the committed file and the smallest one -------------------------------------------


def test_committed_publication_keeps_the_2022_figures(data_dir):
    pub = read_publication(data_dir / "publication.json")
    assert pub == Publication(
        source="Région Auvergne-Rhône-Alpes, communiqué de presse, 2022",
        source_date=PartialDate(2022),
        total_projets=Count(190, Precision.EXACT, formulation="190 projets"),
        total_emplois=Count(5306, Precision.EXACT, formulation="plus de 5\u202f300 emplois"),
        projets_annonces=Announcement(Count(200)),
        adoption_plan=PartialDate(2021, 12),
        budget_plan="1,2 milliard d'euros",
        objectif_emplois=30000,
        objectif_duree_ans=6,
    )


def test_only_the_date_and_the_source_are_required(tmp_path):
    pub = read_publication(write(tmp_path, MINIMAL))
    assert pub == Publication("Région fictive, communiqué de test", PartialDate(2023, 6, 14))
    assert pub.total_emplois is None and pub.objectif_emplois is None


def test_null_is_the_same_as_absent(tmp_path, facts):
    optional = [key for key in known_keys() if key not in ("source_date", "source")]
    pub = read_publication(write(tmp_path, {**facts, **dict.fromkeys(optional)}))
    assert pub == Publication(facts["source"], PartialDate(2022))


def test_invented_figures_are_said_so_and_real_ones_are_not(tmp_path, data_dir):
    assert read_publication(write(tmp_path, {**MINIMAL, "donnees_fictives": True})).donnees_fictives
    assert not read_publication(
        write(tmp_path, {**MINIMAL, "donnees_fictives": False})
    ).donnees_fictives
    assert not read_publication(write(tmp_path, MINIMAL)).donnees_fictives  # default: false
    # The committed facts are the Région's: no such key, nothing labelled fictitious.
    assert "donnees_fictives" not in (data_dir / "publication.json").read_text("utf-8")
    assert not read_publication(data_dir / "publication.json").donnees_fictives


def test_fictitious_test_publications_say_so(repo_root):
    folders = sorted((repo_root / "tests" / "data" / "publications-fictives").iterdir())
    facts = [folder / "publication.json" for folder in folders if folder.is_dir()]
    assert len(facts) == 3
    for path in facts:
        assert read_publication(path).donnees_fictives, path
        assert facts_json(read_facts(path)) == path.read_text("utf-8")


def test_total_without_wording_is_worded_from_its_number(tmp_path):
    path = write(
        tmp_path, {**MINIMAL, "total_emplois_publie": 1950, "total_emplois_precision": "plus_de"}
    )
    total = read_publication(path).total_emplois
    assert total == Count(1950, Precision.PLUS_DE, formulation=None)
    assert total.wording("emplois") == "plus de 1\u202f950 emplois"


def test_wordings_get_french_digit_grouping(tmp_path):
    path = write(
        tmp_path,
        {**MINIMAL, "total_emplois_publie": 5306, "total_emplois_formulation": "plus de 5 300"},
    )
    assert read_publication(path).total_emplois.formulation == "plus de 5\u202f300"


# --- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "french", "when"),
    [
        ("2022", "2022", "en 2022"),
        ("2022-10", "octobre 2022", "en octobre 2022"),
        ("2022-10-14", "14 octobre 2022", "le 14 octobre 2022"),
        ("2023-03-01", "1er mars 2023", "le 1er mars 2023"),
        ("2024-02-29", "29 février 2024", "le 29 février 2024"),
        ("2021-12", "décembre 2021", "en décembre 2021"),
        ("2021-08-15", "15 août 2021", "le 15 août 2021"),
    ],
)
def test_iso_dates_are_written_in_french(text, french, when):
    date = PartialDate.parse(text)
    assert date.iso == text
    assert french_date(date) == french
    assert french_when(date) == when


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("14 mars 2023", "2023-03-14"),
        ("1er décembre 2021", "2021-12-01"),
        ("décembre 2021", "2021-12"),
        ("Decembre 2021", "2021-12"),
        ("14/03/2023", "2023-03-14"),
        ("03/2023", "2023-03"),
        ("March 2023", "2023-03"),
        ("31/02/2023", None),
        ("hier", None),
        ("14 brumaire 2023", None),
    ],
)
def test_dates_people_write_get_their_iso_form_suggested(text, suggestion):
    assert suggest_iso_date(text) == suggestion


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (
            "14 mars 2023",
            "key 'source_date': \"14 mars 2023\" is not an ISO 8601 date: write 2023-03-14",
        ),
        (
            "2023-02-30",
            "key 'source_date': \"2023-02-30\" is not a date: February 2023 has 28 days, not 30",
        ),
        ("2023-13", "key 'source_date': \"2023-13\" is not a date: month 13 does not exist"),
        ("1789", "key 'source_date': \"1789\" is not a date: year 1789 is out of range"),
        (
            "22",
            "key 'source_date': \"22\" is not an ISO 8601 date (2022, 2022-10 or 2022-10-14)",
        ),
        ("", "key 'source_date': \"\" is not an ISO 8601 date"),
    ],
)
def test_bad_date_says_what_to_write(tmp_path, value, reason):
    (found,) = reasons(write(tmp_path, {**MINIMAL, "source_date": value}))
    assert found.startswith(reason)


def test_free_text_date_of_the_issue_is_refused(tmp_path):
    """Regression: "14 mars 2023" gave "chiffres publiés en 14 mars 2023" on the map."""
    path = write(tmp_path, {**MINIMAL, "adoption_plan": "14 mars 2023"})
    assert reasons(path) == [
        "key 'adoption_plan': \"14 mars 2023\" is not an ISO 8601 date: write 2023-03-14"
    ]


# --- every facts-file error -------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"total_emploi_publie": 5306},
            "unknown key 'total_emploi_publie'; did you mean 'total_emplois_publie'?",
        ),
        ({"region": "Auvergne-Rhône-Alpes"}, "unknown key 'region'; the known keys are "),
        (
            {"total_projets_publie": "190"},
            "key 'total_projets_publie': expected a whole number, without quotes or spaces: "
            'write 190, not "190"',
        ),
        (
            {"total_emplois_publie": "5 306"},
            "key 'total_emplois_publie': expected a whole number, without quotes or spaces: "
            'write 5306, not "5 306"',
        ),
        (
            {"total_emplois_publie": 5306.0},
            "key 'total_emplois_publie': expected a whole number, got 5306.0: write 5306",
        ),
        ({"total_emplois_publie": 1e3}, "key 'total_emplois_publie': expected a whole number"),
        (
            {"objectif_emplois": 30000, "objectif_duree_ans": True},
            "key 'objectif_duree_ans': expected a whole number, got true",
        ),
        (
            {"total_projets_publie": [190]},
            "key 'total_projets_publie': expected a whole number, got a list",
        ),
        ({"source": 84}, "key 'source': expected text in double quotes, got 84"),
        (
            {"source": {"nom": "Région"}},
            "key 'source': expected text in double quotes, got an object",
        ),
        ({"source": None}, "key 'source': a value is required, got null"),
        ({"source": ""}, "key 'source': is empty; write the fact, or remove the key"),
        ({"source": "   "}, "key 'source': is blank; write the fact, or remove the key"),
        ({"budget_plan": "\u00a0"}, "key 'budget_plan': is blank; write the fact"),
        ({"source": "Région fictive, 2023"}, None),
        ({"objectif_emplois": 0}, "key 'objectif_emplois': expected a whole number ≥ 1, got 0"),
        (
            {"total_projets_publie": -3},
            "key 'total_projets_publie': expected a whole number ≥ 0, got -3",
        ),
        (
            {"total_emplois_publie": 123456789},
            "key 'total_emplois_publie': expected at most 10000000 (a typo?), got 123456789",
        ),
        (
            {"total_emplois_publie": 5306, "total_emplois_precision": "près de"},
            "key 'total_emplois_precision': unknown value \"près de\"; expected one of exact, "
            "environ, pres_de, plus_de: write pres_de",
        ),
        (
            {"total_emplois_precision": "plus_de"},
            "key 'total_emplois_precision' needs 'total_emplois_publie', the number it goes "
            "with: add 'total_emplois_publie', or remove 'total_emplois_precision'",
        ),
        (
            {"objectif_duree_ans": 6},
            "key 'objectif_duree_ans' needs 'objectif_emplois'",
        ),
        (
            {"source": "Région\nfictive"},
            "key 'source': a line break at character 7 is not allowed in text; write the text "
            "on one line, without control characters",
        ),
        (
            {"source": "Région fictive\n"},
            "key 'source': a line break at character 15 is not allowed in text",
        ),
        ({"source": "Région\u0000"}, "key 'source': U+0000 (a control character) at character 7"),
        (
            {"source": "abc\u202edef"},
            "key 'source': U+202E (right-to-left override) at character 4 is not allowed",
        ),
        (
            {"budget_plan": "\ud800"},
            "key 'budget_plan': U+D800 (a control character) at character 1",
        ),
        (
            {"source": "x" * 301},
            "key 'source': is 301 characters long; at most 300 are shown, shorten it",
        ),
        (
            {"donnees_fictives": "oui"},
            "key 'donnees_fictives': expected true or false, got \"oui\": write true, "
            "without quotes",
        ),
        (
            {"donnees_fictives": "False"},
            "key 'donnees_fictives': expected true or false, got \"False\": write false, "
            "without quotes",
        ),
        (
            {"donnees_fictives": 1},
            "key 'donnees_fictives': expected true or false, got 1: write true",
        ),
        (
            {"donnees_fictives": "peut-être"},
            "key 'donnees_fictives': expected true or false, got \"peut-être\"",
        ),
        (
            {"donnees_fictives": [True]},
            "key 'donnees_fictives': expected true or false, got a list",
        ),
        ({"donnees_fictives": True}, None),
        (
            {"total_projets_formulation": "y" * 121, "total_projets_publie": 1},
            "key 'total_projets_formulation': is 121 characters long; at most 120",
        ),
    ],
)
def test_each_error_says_what_to_do(tmp_path, change, reason):
    path = write(tmp_path, {**MINIMAL, **change})
    if reason is None:  # the same kind of value, written right, is accepted
        read_publication(path)
        return
    (found,) = reasons(path)
    assert found.startswith(reason), found


def test_missing_required_keys_are_each_reported_with_an_example(tmp_path):
    assert reasons(write(tmp_path, {})) == [
        'missing key \'source_date\'; it is required, e.g. "source_date": "2022-10-14"',
        "missing key 'source'; it is required, e.g. \"source\": "
        '"Région Auvergne-Rhône-Alpes, communiqué de presse, 2022"',
    ]


def test_every_problem_at_once_with_its_line(tmp_path):
    text = '{\n  "source": "Région fictive",\n  "total_projets_publie": "12",\n  "regoin": 1\n}'
    with pytest.raises(InputError) as caught:
        read_publication(write(tmp_path, text))
    assert [(p.line, p.reason.split(";")[0].split(":")[0]) for p in caught.value.problems] == [
        (None, "missing key 'source_date'"),
        (3, "key 'total_projets_publie'"),
        (4, "unknown key 'regoin'"),
    ]


def test_a_key_given_twice(tmp_path):
    text = '{"source_date": "2022",\n"source": "a",\n"source": "b"}'
    with pytest.raises(InputError) as caught:
        read_publication(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert (problem.line, problem.reason) == (2, "key 'source' is given twice; keep one")


def test_a_flood_of_problems_is_summarised(tmp_path):
    many = {f"cle_inconnue_{n:03d}": n for n in range(100)}
    found = reasons(write(tmp_path, {**MINIMAL, **many}))
    assert len(found) == 21
    assert found[-1] == "… and 80 more problems"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[1, 2]", "expected a JSON object ({ … }) of facts at the top level, got a list"),
        ('"2022"', 'expected a JSON object ({ … }) of facts at the top level, got "2022"'),
        ("", "file is empty; expected a JSON object of facts"),
        ("  \n", "file is empty"),
        (
            '{"source_date": "2022", "source": "x",}',
            "not valid JSON: Expecting property name enclosed in double quotes (character 39); "
            "a comma after the last fact?",
        ),
        ("{'source': 'x'}", "not valid JSON: Expecting property name"),
        ('{"source": "a\nb"}', "not valid JSON: Invalid control character"),
        (
            '{"source_date": "2022", "source": "x", "objectif_emplois": NaN}',
            "key 'objectif_emplois': expected a whole number, got NaN, which is not a number "
            "JSON knows",
        ),
        (
            '{"source_date": "2022", "source": "x", "objectif_emplois": 1e400}',
            "key 'objectif_emplois': expected a whole number, got 1e400",
        ),
        (
            '{"source_date": "2022", "source": "x", "objectif_emplois": ' + "9" * 5000 + "}",
            "key 'objectif_emplois': a number of 5000 digits is far too large; expected at "
            "most 10000000",
        ),
        (
            '{"source_date": "2022", "source": "x", "budget_plan": '
            + "[" * 30000
            + "]" * 30000
            + "}",
            "not a facts file: values nested too deeply",
        ),
    ],
)
def test_files_that_are_no_facts(tmp_path, text, reason):
    """Never a ValueError, RecursionError or OverflowError: each is one clear line."""
    (found,) = reasons(write(tmp_path, text))
    assert found.startswith(reason), found


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "publication.json"
    path.write_bytes('{"source_date": "2022",\n"source": "Région"}'.encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_publication(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.reason) == (
        2,
        "byte 0xe9 at character 13 (byte offset 36) is not UTF-8; save the file as UTF-8",
    )


def test_a_bom_is_accepted(tmp_path):
    path = tmp_path / "publication.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert read_publication(path).source_date == PartialDate(2023, 6, 14)


def test_a_source_of_one_megabyte_is_refused_before_it_is_read(tmp_path):
    path = write(tmp_path, {**MINIMAL, "source": "x" * 1_000_000})
    assert MAX_BYTES == 65536
    assert reasons(path) == [
        "is larger than 65536 bytes, the most relocmap reads as a JSON file "
        "(see 'Input limits' in the README)"
    ]


# --- a path that exists but is no regular file ------------------------------------------


def test_a_directory(tmp_path):
    (tmp_path / "publication.json").mkdir()
    assert reasons(tmp_path / "publication.json") == ["is a directory, expected a JSON file"]


def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "publication.json")
    assert reasons(tmp_path / "publication.json") == [
        "is a named pipe (FIFO), expected a JSON file"
    ]


def test_a_device(tmp_path):
    path = tmp_path / "publication.json"
    path.symlink_to("/dev/zero")
    assert reasons(path) == ["is a character device, expected a JSON file"]


def test_a_socket(tmp_path):
    path = tmp_path / "publication.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match="cannot be read|is a socket"):
            read_publication(path)


def test_a_broken_link(tmp_path):
    path = tmp_path / "publication.json"
    path.symlink_to(tmp_path / "gone.json")
    assert reasons(path) == [f"is a link to {tmp_path / 'gone.json'}, which does not exist"]


def test_a_link_loop(tmp_path):
    path = tmp_path / "publication.json"
    path.symlink_to(path)
    assert reasons(path) == [
        "cannot be read: symbolic link loop (too many levels of symbolic links)"
    ]


@pytest.mark.parametrize("kind", ["directory", "fifo", "broken link"])
def test_a_facts_path_beside_the_csv_that_is_no_file_is_an_error(run_validate, tmp_path, kind):
    """Regression: anything but a regular file named publication.json was silently ignored."""
    facts = tmp_path / "publication.json"
    if kind == "directory":
        facts.mkdir()
    elif kind == "fifo":
        os.mkfifo(facts)
    else:
        facts.symlink_to(tmp_path / "gone.json")
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n")
    run.assert_clean_failure()
    expected = {
        "directory": "is a directory, expected a JSON file",
        "fifo": "is a named pipe (FIFO), expected a JSON file",
        "broken link": f"is a link to {tmp_path / 'gone.json'}, which does not exist",
    }[kind]
    assert run.errors == [f"Error: {facts}: {expected}"]


def test_a_fictitious_flag_that_is_no_boolean_is_one_line_and_exit_2(run_validate, tmp_path):
    facts = tmp_path / "publication.json"
    facts.write_text(
        '{"source_date": "2023",\n"source": "Région fictive",\n"donnees_fictives": "yes"}',
        encoding="utf-8",
    )
    run = run_validate(f"{HEADER}\n{GOOD_ROW}\n")
    run.assert_clean_failure()
    assert run.errors == [
        f"Error: {facts}, line 3: key 'donnees_fictives': expected true or false, "
        'got "yes": write true, without quotes'
    ]


def test_missing_file(tmp_path):
    assert reasons(tmp_path / "publication.json") == ["file not found"]


# --- the schema --------------------------------------------------------------------------


def test_schema_uses_only_keywords_the_checker_knows():
    assert set(schema_keywords(facts_schema())) <= SUPPORTED_KEYWORDS


def test_schema_precision_is_the_one_vocabulary():
    enum = facts_schema()["$defs"]["precision"]["enum"]
    assert [word for word in enum if word is not None] == [p.value for p in Precision]


def test_schema_keys_are_what_publication_reads():
    assert set(known_keys()) == {
        "source_date",
        "source",
        "total_projets_publie",
        "total_projets_precision",
        "total_projets_formulation",
        "total_emplois_publie",
        "total_emplois_precision",
        "total_emplois_formulation",
        "projets_annonces_prochainement",
        "projets_annonces_precision",
        "projets_annonces_formulation",
        "projets_annonces_echeance",
        "emplois_annonces_prochainement",
        "emplois_annonces_precision",
        "emplois_annonces_formulation",
        "emplois_annonces_echeance",
        "adoption_plan",
        "budget_plan",
        "objectif_emplois",
        "objectif_duree_ans",
        "donnees_fictives",
        "ecart_accepte_projets_total_publie",
        "ecart_accepte_projets_somme_departements",
        "ecart_accepte_projets_le",
        "ecart_accepte_emplois_total_publie",
        "ecart_accepte_emplois_somme_departements",
        "ecart_accepte_emplois_le",
    }
    assert facts_schema()["required"] == ["source_date", "source"]


def test_every_key_is_documented_in_data_readme(data_dir):
    readme = (data_dir / "README.md").read_text("utf-8")
    section = readme[readme.index("## The facts") :]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    assert documented == list(known_keys())


def test_committed_file_is_written_as_facts_json_writes_it(data_dir):
    path = data_dir / "publication.json"
    assert facts_json(read_facts(path)) == path.read_text("utf-8")


def test_facts_json_orders_keys_as_the_schema():
    text = facts_json({"objectif_emplois": 1, "source": "s", "source_date": "2022"})
    assert list(json.loads(text)) == ["source_date", "source", "objectif_emplois"]
    assert text.endswith("}\n")


# --- generated bad facts files: a clear error or a map, never a traceback -----------------

KEYS = list(known_keys())
ODD_TEXT = st.sampled_from(
    ["", "\n", "\x00", "\x1b[31m", "\u202e", "\ud800", "\u2028", "<script>", "x" * 400, "٣٤"]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**25, max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | ODD_TEXT
    | st.sampled_from(["2022", "2022-10", "2022-02-30", "14 mars 2023", "pres_de", "près de"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
COMMITTED = json.loads((REPO_ROOT / "data" / "publication.json").read_text("utf-8"))


@st.composite
def changed_committed_facts(draw) -> dict:
    """The committed facts with some keys dropped and some values replaced or added."""
    facts = {key: value for key, value in COMMITTED.items() if draw(st.booleans())}
    facts.update(draw(st.dictionaries(st.sampled_from(KEYS) | ODD_TEXT, VALUES, max_size=3)))
    return facts


def _json_bytes(value, ascii_only: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


# Text the schema accepts, however odd: markup, quotes, braces, other scripts. Without "$":
# matplotlib still reads "$…$" in the still image as mathematics (issue 13, "text in
# images", fixed in outputs/images.py, not here).
ODD_VALID_TEXT = st.text(
    st.characters(
        exclude_categories=("Cc", "Cs"),
        exclude_characters="$\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=120,
)


@st.composite
def odd_but_valid_facts(draw) -> dict:
    """Facts the schema accepts, with odd text and numbers at the bounds."""
    facts = {
        "source_date": draw(st.sampled_from(["1900", "2022-10", "2100-12-31", "2024-02-29"])),
        "source": draw(ODD_VALID_TEXT),
    }
    optional = {
        "total_emplois_publie": st.integers(0, 10_000_000),
        "total_projets_publie": st.integers(0, 10_000_000),
        "projets_annonces_prochainement": st.integers(0, 10_000_000),
        "budget_plan": ODD_VALID_TEXT,
        "objectif_emplois": st.integers(1, 10_000_000),
        "donnees_fictives": st.booleans(),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            facts[key] = draw(values)
    if "total_emplois_publie" in facts:
        facts["total_emplois_formulation"] = draw(ODD_VALID_TEXT)
    return facts


FACTS_FILES = st.one_of(
    st.builds(_json_bytes, odd_but_valid_facts(), st.booleans()),
    st.builds(_json_bytes, changed_committed_facts(), st.booleans()),
    st.builds(
        _json_bytes,
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=25), VALUES, max_size=6),
        st.booleans(),
    ),
    st.builds(_json_bytes, VALUES, st.just(True)),
    st.text(max_size=120).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=120),
    st.integers(min_value=1, max_value=40_000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=1, max_value=6000).map(
        lambda n: b'{"source_date": "2022", "source": "s", "objectif_emplois": ' + b"9" * n + b"}"
    ),
)
# Examples per run: the library check is fast; each command reads the boundaries, and a
# build that succeeds draws the map.
LIBRARY_EXAMPLES, VALIDATE_EXAMPLES, BUILD_EXAMPLES = 300, 40, 8


@settings(max_examples=LIBRARY_EXAMPLES, deadline=None, database=None)
@given(content=FACTS_FILES)
def test_generated_facts_give_a_publication_or_an_input_error(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "publication.json"
        path.write_bytes(content)
        try:
            pub = read_publication(path)
        except InputError as exc:
            for line in str(exc).splitlines():
                assert line.startswith(str(path)), line
                line.encode("utf-8")  # printable: no lone surrogate in a message
        else:
            assert isinstance(pub, Publication)


@pytest.fixture(scope="module")
def region_inputs(tmp_path_factory, repo_root):
    """The committed figures and, to keep each run short, only their region's boundaries."""
    folder = tmp_path_factory.mktemp("region")
    collection = json.loads((repo_root / "geo" / "departements.geojson").read_text("utf-8"))
    collection["features"] = [
        f for f in collection["features"] if f["properties"]["region_code"] == "84"
    ]
    geo = folder / "aura.geojson"
    geo.write_text(json.dumps(collection), encoding="utf-8")
    return repo_root / "data" / "relocalisations.csv", geo


def _run_with_facts(command: list[str], content: bytes, csv: Path, geo: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "relocalisations.csv"
        shutil.copy(csv, data)
        (Path(folder) / "publication.json").write_bytes(content)
        args = [*command, "--geo", str(geo)]
        args = [a.replace("{data}", str(data)).replace("{out}", f"{folder}/out") for a in args]
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert result.stderr.startswith("Error: "), result.stderr


@settings(
    max_examples=VALIDATE_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(content=FACTS_FILES)
def test_validate_on_generated_facts_exits_0_or_2(region_inputs, content):
    _run_with_facts(["validate", "{data}"], content, *region_inputs)


@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(content=st.one_of(st.builds(_json_bytes, odd_but_valid_facts(), st.booleans()), FACTS_FILES))
def test_build_on_generated_facts_exits_0_or_2(region_inputs, content):
    """Half the files are valid: those build the whole map (totals accepted as they are)."""
    command = ["build", "--data", "{data}", "--out", "{out}", "--accept-total-mismatch"]
    _run_with_facts(command, content, *region_inputs)
