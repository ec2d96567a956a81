"""--offline: one self-contained page that asks no server for anything."""

from __future__ import annotations

import re

import pytest
from helpers import page_config

from relocmap.page.offline import leaflet_css, leaflet_js

OFFLINE_BUDGET_BYTES = 300_000  # "300 KB", read strictly


def test_leaflet_comes_from_the_python_package():
    js, css = leaflet_js(), leaflet_css()
    assert js.startswith("/* @preserve\n * Leaflet 1.9.4")
    assert "sourceMappingURL" not in js  # no request for a source map either
    assert ".leaflet-container" in css


def test_offline_page_is_self_contained_and_within_budget(offline_page):
    html = offline_page.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) <= OFFLINE_BUDGET_BYTES
    assert not re.search(r"<script[^>]+src=", html)
    # the icon is inline; a link to a place in the page is no request (rel="expect")
    assert not re.search(r'<link[^>]+href="(?!data:|#)', html)
    assert page_config(html)["tiles"] is None  # no basemap for the script to add
    assert "Leaflet 1.9.4" in html


def test_offline_page_carries_its_csv_and_links_no_file(offline_page):
    html = offline_page.read_text(encoding="utf-8")
    # The download link of the table dialog holds the CSV itself; so does the sources line
    # (as JSON in the script).
    assert html.count('href="data:text/csv;charset=utf-8,code,departement,') == 1
    assert html.count('href=\\"data:text/csv;charset=utf-8,code,departement,') == 1
    assert "relocalisations.geojson" not in html  # 148 KB of outlines: not embedded
    assert 'href="relocalisations.csv"' not in html


def test_offline_build_from_the_cli_ignores_tiles(repo_root, tmp_path):
    from click.testing import CliRunner

    from relocmap.cli import main

    result = CliRunner().invoke(
        main,
        [
            "build",
            "--offline",
            "--tiles",
            "osm",
            "--out",
            str(tmp_path),
            "--data",
            str(repo_root / "data" / "relocalisations.csv"),
            "--geo",
            str(repo_root / "geo" / "departements.geojson"),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert "openstreetmap" not in html.lower() and "<script src" not in html


@pytest.mark.browser
def test_offline_page_renders_with_every_request_blocked(browser, offline_page):
    attempted, errors = [], []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

        def block(route):
            if route.request.url == offline_page.as_uri():
                return route.continue_()
            attempted.append(route.request.url)
            return route.abort()

        page.route("**/*", block)
        page.goto(offline_page.as_uri())
        page.wait_for_selector("html.relocmap-ready")
        assert page.locator("path.relocmap-dep").count() == 12
        page.locator("path.relocmap-dep-69").click()
        assert "1\u202f220" in page.locator(".leaflet-popup-content").inner_text()
        page.get_by_role("radio", name="Projets", exact=True).check()
        page.wait_for_timeout(200)
    finally:
        context.close()
    assert attempted == []
    assert errors == []
