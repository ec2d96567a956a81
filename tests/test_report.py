"""relocmap.report: what 'relocmap validate' prints on success."""

from __future__ import annotations

import shutil

from helpers import HEADER

from relocmap.inputs.checked import load_inputs
from relocmap.inputs.consistency import Concern
from relocmap.report import summary_lines, warning_lines


def test_committed_data(data_dir, geo_path):
    csv = data_dir / "relocalisations.csv"
    lines = summary_lines(csv, load_inputs(csv, geo_path, data_dir / "publication.json"))
    assert lines == [
        f"{csv}: 12 rows valid (encoding utf-8-sig, separator ',')",
        "region(s): Auvergne-Rhône-Alpes; 12 of 12 departments with data",
        "projets: sum of departments 190, published total 190, difference +0",
        "emplois: sum of departments 5320, published total 5306, difference +14",
    ]


def test_missing_departments_are_no_data(tmp_path, geo_path, data_dir):
    csv = tmp_path / "f.csv"
    csv.write_text(
        f"{HEADER}\n01,Ain,10,100,exact,,\n69,Rhône,20,1 220,exact,,\n15,Cantal,0,0,exact,,\n",
        encoding="utf-8",
    )
    shutil.copy(data_dir / "publication.json", tmp_path / "publication.json")
    lines = summary_lines(csv, load_inputs(csv, geo_path, tmp_path / "publication.json"))
    assert lines[0] == f"{csv}: 3 rows valid (encoding utf-8-sig, separator ',')"
    assert lines[1] == "region(s): Auvergne-Rhône-Alpes; 3 of 12 departments with data"
    assert lines[2] == (
        "no data (not zero) for: Allier (03), Ardèche (07), Drôme (26), "
        "Isère (38), Loire (42), Haute-Loire (43), Puy-de-Dôme (63), "
        "Savoie (73), Haute-Savoie (74)"
    )
    # Cantal gave 0: it has data, and is not in the no-data list.
    assert "Cantal" not in lines[2]
    assert lines[3] == "projets: sum of departments 30, published total 190, difference -160"
    assert lines[4] == "emplois: sum of departments 1320, published total 5306, difference -3986"


def test_without_publication_only_sums(tmp_path, geo_path):
    csv = tmp_path / "f.csv"
    csv.write_bytes(f"{HEADER}\r\n26;Drôme;21;457;exact;;\r\n".replace(",", ";").encode("cp1252"))
    inputs = load_inputs(csv, geo_path)
    assert inputs.publication is None
    lines = summary_lines(csv, inputs)
    assert lines[0] == f"{csv}: 1 row valid (encoding cp1252, separator ';')"
    assert lines[-2:] == ["projets: sum of departments 21", "emplois: sum of departments 457"]
    assert not any("published" in line for line in lines)


def test_two_regions_listed(tmp_path, geo_path):
    csv = tmp_path / "f.csv"
    csv.write_text(
        f"{HEADER}\n2A,Corse-du-Sud,1,5,exact,,\n2B,Haute-Corse,2,7,exact,,\n01,Ain,1,1,exact,,\n",
        encoding="utf-8",
    )
    lines = summary_lines(csv, load_inputs(csv, geo_path))
    assert lines[1] == "region(s): Auvergne-Rhône-Alpes, Corse; 3 of 14 departments with data"
    assert lines[-1] == "emplois: sum of departments 13"


def test_facts_without_totals_give_only_sums(tmp_path, geo_path, data_dir):
    csv = tmp_path / "relocalisations.csv"
    shutil.copy(data_dir / "relocalisations.csv", csv)
    facts = tmp_path / "publication.json"
    facts.write_text('{"source_date": "2023", "source": "Source fictive"}', encoding="utf-8")
    lines = summary_lines(csv, load_inputs(csv, geo_path, facts))
    assert lines[-2:] == ["projets: sum of departments 190", "emplois: sum of departments 5320"]


def test_warnings_close_the_summary(data_dir, geo_path):
    csv = data_dir / "relocalisations.csv"
    inputs = load_inputs(csv, geo_path, data_dir / "publication.json")
    concerns = [Concern("total", "emplois: fictitious"), Concern("date", "x was changed after y")]
    lines = summary_lines(csv, inputs, concerns)
    assert lines[-3:] == [
        "Warning: emplois: fictitious",
        "Warning: x was changed after y",
        "2 warnings: check the facts before publishing the map",
    ]
    assert warning_lines(concerns[:1])[-1] == (
        "1 warning: check the facts before publishing the map"
    )
    assert warning_lines([]) == []
