"""relocmap.publication: the facts of the press release."""

from __future__ import annotations

import json

import pytest

from relocmap.errors import InputError
from relocmap.publication import Publication, read_publication


def write(tmp_path, value):
    path = tmp_path / "publication.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def facts(data_dir) -> dict:
    return json.loads((data_dir / "publication.json").read_text("utf-8"))


def test_committed_publication(data_dir):
    pub = read_publication(data_dir / "publication.json")
    assert isinstance(pub, Publication)
    assert pub.region == "Auvergne-Rhône-Alpes"
    assert pub.total_projets_publie == 190
    assert pub.total_emplois_publie == 5306
    assert pub.objectif_emplois == 30000
    assert pub.projets_annonces_prochainement == 200


def test_optional_key_may_be_absent_or_null(tmp_path, facts):
    del facts["projets_annonces_prochainement"]
    assert read_publication(write(tmp_path, facts)).projets_annonces_prochainement is None
    facts["projets_annonces_prochainement"] = None
    assert read_publication(write(tmp_path, facts)).projets_annonces_prochainement is None


def test_every_problem_is_reported(tmp_path, facts):
    del facts["total_emplois_publie"]
    del facts["source"]
    facts["total_projets_publie"] = "190"
    facts["objectif_duree_ans"] = True  # a bool is not a whole number
    facts["region"] = 84
    facts["total_emploi_publie"] = 5306  # typo
    path = write(tmp_path, facts)
    with pytest.raises(InputError) as excinfo:
        read_publication(path)
    reasons = [p.reason for p in excinfo.value.problems]
    assert all(p.path == str(path) for p in excinfo.value.problems)
    assert sorted(reasons) == sorted(
        [
            "key 'region': expected text, got 84",
            "missing key 'source'",
            "key 'objectif_duree_ans': expected a whole number, got True",
            "key 'total_projets_publie': expected a whole number, got '190'",
            "missing key 'total_emplois_publie'",
            "unknown key 'total_emploi_publie'",
        ]
    )


def test_null_for_required_key(tmp_path, facts):
    facts["total_emplois_publie"] = None
    with pytest.raises(
        InputError, match="total_emplois_publie': expected a whole number, got None"
    ):
        read_publication(write(tmp_path, facts))


def test_float_is_not_a_whole_number(tmp_path, facts):
    facts["total_emplois_publie"] = 5306.0
    with pytest.raises(InputError, match="expected a whole number, got 5306.0"):
        read_publication(write(tmp_path, facts))


def test_not_json(tmp_path):
    path = tmp_path / "publication.json"
    path.write_text('{"region": "x",\n}', encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        read_publication(path)
    (problem,) = excinfo.value.problems
    assert problem.line == 2
    assert "not valid JSON" in problem.reason


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_publication(tmp_path / "publication.json")


def test_objective_of_zero_is_refused(tmp_path, facts):
    """Regression: objectif_emplois 0 divided by zero while drawing the progress bar."""
    path = write(tmp_path, {**facts, "objectif_emplois": 0, "total_projets_publie": -3})
    with pytest.raises(InputError) as caught:
        read_publication(path)
    assert str(caught.value).splitlines() == [
        f"{path}: key 'objectif_emplois': expected a whole number ≥ 1, got 0",
        f"{path}: key 'total_projets_publie': expected a whole number ≥ 0, got -3",
    ]
