"""The whole build: every output written together, or none."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from helpers import OUTPUTS

from relocmap.build import build_map
from relocmap.cli import main
from relocmap.files import writing
from relocmap.page import MapOptions


def test_two_builds_are_byte_identical(paths, tmp_path):
    for name in ("a", "b"):
        build_map(paths["data"], paths["geo"], tmp_path / name, paths["facts"], MapOptions())
    for name in OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_failed_build_keeps_previous_map(paths, tmp_path):
    out = tmp_path / "out"
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions())
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    bad = tmp_path / "bad.csv"
    bad.write_text(
        paths["data"].read_text(encoding="utf-8").replace("1220", "douze"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "--data", str(bad), "--geo", str(paths["geo"]), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "line 11, column 'emplois'" in result.stderr
    assert "Traceback" not in result.output
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_missing_boundaries_file_is_a_clear_error(paths, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--data",
            str(paths["data"]),
            "--geo",
            str(tmp_path / "nope.geojson"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.geojson'}: file not found")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "env",
    [
        {"TZ": "Pacific/Kiritimati", "LC_ALL": "C"},
        {"TZ": "America/St_Johns", "LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"},
    ],
    ids=["utc+14-C", "utc-3:30-C.UTF-8"],
)
def test_build_is_byte_identical_across_time_zones_locales_and_folders(paths, tmp_path, env):
    """The committed out/ again, built by the real program from another folder, under
    another time zone and locale (a date or a locale-formatted number would show)."""
    out = tmp_path / "elsewhere" / "out"
    (tmp_path / "elsewhere").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "relocmap",
            "build",
            "--data",
            str(paths["data"]),
            "--geo",
            str(paths["geo"]),
            "--out",
            "out",
        ],
        cwd=tmp_path / "elsewhere",
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    committed = paths["data"].parents[1] / "out"
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (committed / name).read_bytes(), name


def test_outputs_of_another_mode_do_not_linger(tmp_path, paths, repo_root):
    """Regression: after a build of several publications (FICTITIOUS: evolution.png,
    trajectoire.png) or with --assets local (leaflet.js), a build of one publication into
    the same folder left those files beside the new set, and the folder was no longer
    replaced whole."""
    out = tmp_path / "out"
    build_map(repo_root / "tests" / "data" / "publications-fictives", paths["geo"], out)
    assert (out / "evolution.png").is_file() and (out / "trajectoire.png").is_file()
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions(assets="local"))
    assert (out / "leaflet.js").is_file()
    build_map(paths["data"], paths["geo"], out, paths["facts"])
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_outputs_of_another_mode_go_also_without_the_atomic_exchange(
    tmp_path, paths, repo_root, monkeypatch
):
    """The same where the folder cannot be exchanged in one step (another system, or
    renameat2 refused) and the files are replaced one by one (FICTITIOUS publications)."""

    def no_exchange(self, first, second):
        raise writing._NoExchange("not here")

    monkeypatch.setattr(writing.FileOps, "exchange", no_exchange)
    out = tmp_path / "out"
    build_map(repo_root / "tests" / "data" / "publications-fictives", paths["geo"], out)
    assert (out / "evolution.png").is_file()
    build_map(paths["data"], paths["geo"], out, paths["facts"])
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
