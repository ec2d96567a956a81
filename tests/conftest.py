"""Shared fixtures: paths of the committed files, and running 'relocmap validate' on bytes."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ARTICLE_COLUMNS, REPO_ROOT

from relocmap.build import build_map
from relocmap.cli import main
from relocmap.page import MapOptions

# The tests assert English messages: the session runs under an English locale whatever the
# developer's machine says (tests/base/test_i18n.py sets a French one where it wants it).
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def geo_path() -> Path:
    """The committed boundaries file, geo/departements.geojson."""
    path = REPO_ROOT / "geo" / "departements.geojson"
    assert path.is_file(), f"{path} is missing"
    return path


def _committed_data_page(tmp_path_factory: pytest.TempPathFactory, options: MapOptions) -> Path:
    """The map of the committed data, built into a fresh folder."""
    out = tmp_path_factory.mktemp("out")
    build_map(
        REPO_ROOT / "data" / "relocalisations.csv",
        REPO_ROOT / "geo" / "departements.geojson",
        out,
        REPO_ROOT / "data" / "publication.json",
        options,
    )
    return out / "carte.html"


@pytest.fixture(scope="session")
def built_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The map built from the committed data, with the default (light) tiles (browser tests)."""
    return _committed_data_page(tmp_path_factory, MapOptions())


@pytest.fixture(scope="session")
def offline_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The map built from the committed data with --offline (Leaflet inlined, no tiles)."""
    return _committed_data_page(tmp_path_factory, MapOptions(tiles=None, offline=True))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return REPO_ROOT / "data"


@pytest.fixture(scope="session")
def paths(repo_root) -> dict[str, Path]:
    """The committed inputs of the map: figures, boundaries, publication facts."""
    return {
        "data": repo_root / "data" / "relocalisations.csv",
        "geo": repo_root / "geo" / "departements.geojson",
        "facts": repo_root / "data" / "publication.json",
    }


@dataclass
class Run:
    """A finished CLI run on a CSV written to disk."""

    path: Path
    result: Result

    @property
    def code(self) -> int:
        return self.result.exit_code

    @property
    def output(self) -> str:
        """stdout and stderr together, as a user sees them."""
        return self.result.output

    @property
    def errors(self) -> list[str]:
        return [line for line in self.result.stderr.splitlines() if line.startswith("Error: ")]

    def assert_clean_failure(self) -> None:
        """Exit status 2 from a reported error, not from an exception escaping the command."""
        assert self.code == 2, self.output
        # CliRunner stores an escaping exception here; sys.exit(2) gives SystemExit.
        assert isinstance(self.result.exception, SystemExit), repr(self.result.exception)
        assert "Traceback" not in self.output
        assert self.result.stdout == ""
        assert self.errors, self.output


@pytest.fixture
def run_validate(tmp_path: Path, geo_path: Path):
    """Write ``data`` (bytes or str, str saved as UTF-8) to a CSV in tmp_path and validate it."""

    def run(data: bytes | str, *args: str, name: str = "figures.csv") -> Run:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        result = CliRunner().invoke(main, ["validate", str(path), "--geo", str(geo_path), *args])
        return Run(path, result)

    return run


# --- the browser: Debian's Chromium driven by Playwright (never a downloaded browser) ---

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright allows one sync driver at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def project(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A downloaded copy of the project (data/, geo/ and out/, no .git), commands run in it."""
    for folder in ("data", "geo", "out"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# The article of test_embed and test_reader_layout: a newsroom's page with the snippet.
PARAGRAPH = "<p>" + "Texte de l'article, assez long pour que la page défile. " * 12 + "</p>"


@pytest.fixture(scope="module")
def article(tmp_path_factory, repo_root):
    """Address of the host article for a column width: {width: url}."""
    map_dir = tmp_path_factory.mktemp("map-site")
    host_dir = tmp_path_factory.mktemp("news-site")
    map_server, map_origin = _serve(map_dir)
    host_server, host_origin = _serve(host_dir)
    build_map(
        repo_root / "data" / "relocalisations.csv",
        repo_root / "geo" / "departements.geojson",
        map_dir,
        repo_root / "data" / "publication.json",
        MapOptions(base_url=map_origin + "/"),
    )
    snippet = (map_dir / "carte-iframe.html").read_text(encoding="utf-8")
    for width in ARTICLE_COLUMNS:
        (host_dir / f"article-{width}.html").write_text(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>Article</title></head><body style="margin:0">'
            f'<main style="width:{width}px;margin:0 auto"><h1>Article</h1>'
            + PARAGRAPH * 3
            + snippet
            + PARAGRAPH * 6
            + "</main></body></html>",
            encoding="utf-8",
        )
    yield {width: f"{host_origin}/article-{width}.html" for width in ARTICLE_COLUMNS}
    map_server.shutdown()
    host_server.shutdown()
