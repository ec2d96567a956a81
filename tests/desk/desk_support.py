"""What the desk's tests share: a FICTITIOUS release, a copy of the project to work in,
the desk's application on it, and reading a page's forms as a browser would submit them.

Every figure here is invented (FICTIF, chiffres fictifs): none is the Région's.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from relocmap.desk.app import Serving, create_app
from relocmap.desk.work import Place

HOST = "127.0.0.1:8765"
BASE_URL = f"http://{HOST}"
SOURCE = "FICTIF : communiqué inventé pour les tests du bureau"

# FICTITIOUS: 12 departments (212 projects, 6 080 jobs) and regional totals that fit them.
RELEASE = """Relocalisations : bilan FICTIF (texte inventé, chiffres fictifs)

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
# FICTITIOUS: a line that names the Drôme but gives no figure the desk can read.
RELEASE_UNSURE = RELEASE.replace(
    "Dans la Drôme, 21 projets pour 480 emplois.",
    "Dans la Drôme, des dizaines de projets ont été soutenus.",
)
# FICTITIOUS: a total of projects that the departments' sum (212) contradicts.
RELEASE_MISMATCH = RELEASE.replace("accompagné 212 projets", "accompagné 300 projets")


def project_copy(root: Path, repo_root: Path, publications: bool = False) -> Path:
    """A copy of the project's data, boundaries and map under ``root``; with
    ``publications``, the FICTITIOUS publications folder of the tests as data/publications."""
    for folder in ("geo", "out"):
        shutil.copytree(repo_root / folder, root / folder)
    if publications:
        (root / "data").mkdir()
        shutil.copytree(
            repo_root / "tests" / "data" / "publications-fictives",
            root / "data" / "publications",
            ignore=shutil.ignore_patterns("README.md"),
        )
    else:
        shutil.copytree(repo_root / "data", root / "data")
    return root


def desk_place(root: Path) -> Place:
    """The desk on the project copy ``root`` (the current directory, as for the CLI)."""
    return Place(Path("geo/departements.geojson"), Path("out"), root / "travail")


def client(root: Path, serving: Serving | None = None):
    """A test client of the desk on ``root``, speaking to it at its address."""
    app = create_app(desk_place(root), serving or Serving())
    return app.test_client()


class Forms(HTMLParser):
    """The fields of a page's forms as a browser submits them (checked boxes, selected
    options), by form id (forms without one are ``""``), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = self.forms.setdefault(a.get("id", ""), {})
        elif self._form is None or "name" not in a and tag != "option":
            return
        elif tag == "input" and (a.get("type") != "checkbox" or "checked" in a):
            if a.get("type") != "file":
                self._form[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
            self._form.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self._form[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms(html: str) -> dict[str, dict[str, str]]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def problems_of(page: str) -> list[str]:
    """The problems a page lists (its alert), as text."""
    block = re.search(r'<div class="problems" role="alert".*?</div>', page, re.S)
    if block is None:
        return []
    items = re.findall(r"<li>(.*?)</li>", block.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def row_index(fields: dict[str, str], name: str) -> int:
    """The index of the table row of the department ``name``."""
    for key, value in fields.items():
        if key.startswith("departement-") and value == name:
            return int(key.split("-")[1])
    raise AssertionError(f"{name} is not in the table")
