"""The README's "From Python" example runs as written (in a copy of the project, with a
FICTITIOUS one-line release as communique.txt), so the documented Python face stays true."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest


def python_example(readme: str) -> str:
    section = readme.split("## From Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README: no python block under 'From Python'"
    return match.group(1)


def test_the_readme_python_example_runs(
    tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("data", "geo"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    shutil.copytree(repo_root / "tests" / "data", tmp_path / "tests" / "data")
    (tmp_path / "communique.txt").write_text(
        "Communiqué FICTIF (chiffres inventés pour un test). "
        "Dans l'Ain, 30 projets pour 610 emplois.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(python_example((repo_root / "README.md").read_text("utf-8")), scope)
    assert len(scope["history"].releases) == 3  # type: ignore[attr-defined]
    (row,) = scope["found"].rows  # type: ignore[attr-defined]
    assert (row.code, row.projects.value, row.jobs.value) == ("01", 30, 610)
    assert sorted(scope["files"]) == sorted(p.name for p in (tmp_path / "out").iterdir())  # type: ignore[arg-type]
