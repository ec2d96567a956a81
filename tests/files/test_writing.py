"""relocmap.files.writing: outputs are written atomically, behind one output-path guard."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from relocmap.base.precision import Precision
from relocmap.files import writing as export
from relocmap.files.writing import write_bytes_atomic, write_text_atomic
from relocmap.inputs.checked import load_inputs
from relocmap.outputs.exports import (
    CSV_COLUMNS,
    GEOJSON_COLUMNS,
    relocalisations_csv,
    relocalisations_geojson,
)


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".relocmap-" in p.name)


def test_write_bytes_creates_parents_and_writes(tmp_path):
    target = tmp_path / "a" / "b" / "map.html"
    write_bytes_atomic(target, b"\x00\x01data")
    assert target.read_bytes() == b"\x00\x01data"
    assert _leftovers(target.parent) == []


def test_write_bytes_replaces_existing_file(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old content that is longer")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_written_file_is_world_readable(tmp_path):
    target = tmp_path / "out.txt"
    write_bytes_atomic(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_accepts_str_path(tmp_path):
    target = tmp_path / "s.txt"
    write_bytes_atomic(str(target), b"ok")
    assert target.read_bytes() == b"ok"


def test_failure_keeps_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    with pytest.raises(export.OutputError, match=r"cannot write the outputs \(disk full\)"):
        write_bytes_atomic(target, b"half written")
    assert target.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def test_failure_while_writing_leaves_nothing(tmp_path):
    target = tmp_path / "new.txt"
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_text_is_utf8_with_unix_newlines(tmp_path):
    target = tmp_path / "t.txt"
    write_text_atomic(target, "Drôme\n« près de 670 »\u202f\n")
    data = target.read_bytes()
    assert data == "Drôme\n« près de 670 »\u202f\n".encode("utf-8")
    assert b"\r\n" not in data


def test_temporary_file_is_beside_target(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", spy)
    target = tmp_path / "sub" / "f.geojson"
    write_bytes_atomic(target, b"{}")
    ((src, dst),) = seen
    # Same directory, so the rename is atomic (no cross-filesystem copy).
    assert src.parent == dst.parent == target.parent
    assert src.name.startswith(".f.geojson.") and src.name.endswith(".relocmap-tmp")


# --- data exports ------------------------------------------------------------------


@pytest.fixture(scope="module")
def joined_frame(repo_root):
    inputs = load_inputs(
        repo_root / "data" / "relocalisations.csv", repo_root / "geo" / "departements.geojson"
    )
    return inputs.joined.frame


def test_geojson_export_has_declared_columns_only(joined_frame):
    collection = json.loads(relocalisations_geojson(joined_frame))
    assert [f["id"] for f in collection["features"]] == sorted(joined_frame.index)
    for feature in collection["features"]:
        assert tuple(feature["properties"]) == tuple(sorted(GEOJSON_COLUMNS))
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    rhone = next(f for f in collection["features"] if f["id"] == "69")["properties"]
    assert rhone["projets"] == 36 and rhone["emplois"] == 1220 and rhone["departement"] == "Rhône"
    assert not any(k.startswith("__") or k in ("fill", "geometry") for k in rhone)


def test_csv_export_has_figures_and_derived_columns(joined_frame):
    rows = list(csv.DictReader(io.StringIO(relocalisations_csv(joined_frame))))
    assert tuple(rows[0]) == CSV_COLUMNS
    isere = next(r for r in rows if r["code"] == "38")
    assert isere["emplois"] == "670" and isere["emplois_precision"] == "pres_de"
    assert isere["emplois_par_projet"] == "25.8" and isere["part_emplois"] == "12.6"
    assert isere["rang_emplois"] == "3"


def test_department_without_data_exports_empty_not_zero(joined_frame):
    frame = joined_frame.copy()
    frame.loc["15", ["projets", "emplois"]] = None
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(relocalisations_csv(frame)))}
    assert rows["15"]["emplois"] == "" and rows["15"]["projets"] == ""
    features = json.loads(relocalisations_geojson(frame))["features"]
    cantal = next(f for f in features if f["id"] == "15")["properties"]
    assert cantal["emplois"] is None and cantal["projets"] is None


def test_all_or_nothing_when_one_output_cannot_be_written(tmp_path):
    from relocmap.base.errors import OutputError

    good = tmp_path / "carte.html"
    good.write_text("previous map", encoding="utf-8")
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be", encoding="utf-8")
    with pytest.raises(OutputError, match="not-a-dir/x.png: cannot be written"):
        export.write_all_atomic({good: "new map", blocker / "x.png": b"png"})
    assert good.read_text(encoding="utf-8") == "previous map"
    assert _leftovers(tmp_path) == []


def test_build_into_an_unwritable_place_is_a_clear_error(paths):
    from click.testing import CliRunner

    from relocmap.cli import main

    result = CliRunner().invoke(
        main,
        [
            "build",
            "--data",
            str(paths["data"]),
            "--geo",
            str(paths["geo"]),
            "--out",
            "/proc/relocmap-test",
        ],
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: /proc/relocmap-test: cannot be created (No such file or directory)\n"
    )


def test_build_never_replaces_its_own_input(tmp_path, paths):
    from click.testing import CliRunner

    from relocmap.cli import main

    data = tmp_path / "relocalisations.csv"
    data.write_bytes(paths["data"].read_bytes())
    result = CliRunner().invoke(
        main, ["build", "--data", str(data), "--geo", str(paths["geo"]), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert f"is an input ({data}); choose another --out directory" in result.stderr
    assert data.read_bytes() == paths["data"].read_bytes()
    assert not (tmp_path / "carte.html").exists()


def test_precision_columns_export_the_schema_words(paths, tmp_path):
    data = tmp_path / "figures.csv"
    data.write_text(
        "code,departement,projets,emplois,emplois_precision,projets_precision\n"
        "01,Ain,25,564,pres_de,\n69,Rhône,36,1220,exact,plus_de\n",
        encoding="utf-8",
    )
    frame = load_inputs(data, paths["geo"]).joined.frame
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(relocalisations_csv(frame)))}
    assert (rows["01"]["emplois_precision"], rows["01"]["projets_precision"]) == (
        "pres_de",
        "exact",
    )
    assert (rows["69"]["emplois_precision"], rows["69"]["projets_precision"]) == (
        "exact",
        "plus_de",
    )
    assert rows["03"]["emplois_precision"] == rows["03"]["projets_precision"] == ""  # no data
    words = {p.value for p in Precision}
    for feature in json.loads(relocalisations_geojson(frame))["features"]:
        props = feature["properties"]
        for column in ("emplois_precision", "projets_precision"):
            assert props[column] in words or (props["emplois"] is None and props[column] is None)
