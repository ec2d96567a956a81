"""The reader's layout: the map as a news graphic in an article column and on a phone.

In a frame, and in a window narrower than 900 px held upright, the title and the view
switch sit above the map in the page's flow, the legend and the sources under it; the
map carries nothing but its zoom buttons and the basemap's credit, and the region spans
at least 85 % of the map's width. Measured in Chromium, in the article of test_embed
(another origin) and in the page opened alone.
"""

from __future__ import annotations

import pytest
from helpers import ARTICLE_COLUMNS
from test_a11y import axe_violations
from test_browser import ARTIFACTS, Visit, leaflet_file
from test_embed import Article

pytestmark = pytest.mark.browser

# Where each part of the page is, and how much of the map's width the region spans.
GEOMETRY = """() => {
    const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element || !element.isConnected || element.closest('[hidden]')) return null;
        const r = element.getBoundingClientRect();
        if (!r.width || !r.height) return null;
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
    };
    const shapes = [...document.querySelectorAll('path.relocmap-dep')]
        .map(p => p.getBoundingClientRect());
    const map = box('.folium-map');
    const region = {
        left: Math.min(...shapes.map(r => r.left)), right: Math.max(...shapes.map(r => r.right)),
        top: Math.min(...shapes.map(r => r.top)), bottom: Math.max(...shapes.map(r => r.bottom)),
    };
    const onMap = [...document.querySelectorAll('.folium-map .leaflet-control')]
        .filter(c => c.getBoundingClientRect().width > 0).map(c => c.className);
    return {
        reader: document.documentElement.classList.contains('relocmap-reader'),
        map, region, onMap,
        share: (region.right - region.left) / (map.right - map.left),
        title: box('.relocmap-title h1'), views: box('.relocmap-switch fieldset'),
        legend: box('.relocmap-legend:not([hidden])'), footer: box('.relocmap-footer'),
        page: document.documentElement.scrollHeight,
    };
}"""

# What the map itself may carry in the reader's layout.
ON_THE_MAP = {"leaflet-control-zoom", "relocmap-recenter-bar", "leaflet-control-attribution"}


def assert_reader_layout(found: dict, *, footer: bool) -> None:
    assert found["reader"]
    for name in found["onMap"]:
        assert set(name.split()) & ON_THE_MAP, name
    map_box = found["map"]
    assert found["title"]["bottom"] <= found["views"]["top"] <= map_box["top"]
    assert map_box["bottom"] <= found["legend"]["top"]
    if footer:
        assert found["legend"]["bottom"] <= found["footer"]["top"]
    else:
        assert found["footer"] is None
    # The region is inside the map, and fills its width.
    region = found["region"]
    assert region["left"] >= map_box["left"] - 0.5 and region["right"] <= map_box["right"] + 0.5
    assert region["top"] >= map_box["top"] - 0.5 and region["bottom"] <= map_box["bottom"] + 0.5
    assert found["share"] >= 0.85, found["share"]


@pytest.mark.parametrize("width", ARTICLE_COLUMNS)
def test_in_an_article_the_region_fills_the_frame(browser, article, width):
    visit = Article(browser, article[width], width)
    try:
        found = visit.frame.evaluate(GEOMETRY)
        # The snippet's caption gives the sources and the full page's link: no footer.
        assert_reader_layout(found, footer=False)
        # The frame is as tall as the map's page: nothing scrolls inside it (a frame
        # that scrolls by a pixel takes the wheel from the article).
        frame_height = visit.frame_element.bounding_box()["height"]
        assert found["page"] <= frame_height, (frame_height, found["page"])
        assert frame_height - found["page"] < 2, (frame_height, found["page"])
        visit.frame_element.screenshot(path=ARTIFACTS / f"reader-article-{width}.png")
        share = f"{found['share']:.3f} of {found['map']['right'] - found['map']['left']:.0f} px\n"
        (ARTIFACTS / f"reader-article-{width}-share.txt").write_text(share)
        assert visit.axe() == []
        assert visit.messages == []
    finally:
        visit.close()


@pytest.mark.parametrize(
    "size", [(320, 480), (390, 844), (768, 1024)], ids=["320x480", "390x844", "768x1024"]
)
def test_on_a_phone_the_page_reads_as_an_article(browser, built_page, size):
    width, height = size
    visit = Visit(browser, built_page, {"width": width, "height": height})
    try:
        visit.settle()
        found = visit.page.evaluate(GEOMETRY)
        assert_reader_layout(found, footer=True)
        # The whole map fits in the window once scrolled to.
        assert found["map"]["bottom"] - found["map"]["top"] <= height
        visit.page.screenshot(path=ARTIFACTS / f"reader-{width}x{height}.png", full_page=True)
        assert visit.errors == []
    finally:
        visit.close()


def test_wide_and_turned_windows_keep_the_overlay(browser, built_page):
    for size in ({"width": 1440, "height": 900}, {"width": 844, "height": 390}):
        visit = Visit(browser, built_page, size)
        try:
            found = visit.page.evaluate(GEOMETRY)
            assert not found["reader"], size
            assert any("relocmap-legends" in name for name in found["onMap"]), size
        finally:
            visit.close()


def test_turning_a_phone_changes_the_layout_and_back(browser, built_page):
    visit = Visit(browser, built_page, {"width": 390, "height": 844})
    page = visit.page
    try:
        page.locator("input[name=relocmap-view]").nth(1).check()
        page.set_viewport_size({"width": 844, "height": 390})
        page.wait_for_function("!document.documentElement.classList.contains('relocmap-reader')")
        visit.settle()
        found = page.evaluate(GEOMETRY)
        assert any("relocmap-title" in name for name in found["onMap"])
        assert found["footer"] is None
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("document.documentElement.classList.contains('relocmap-reader')")
        visit.settle()
        found = page.evaluate(GEOMETRY)
        assert_reader_layout(found, footer=True)
        # The reader's choice is kept across both moves.
        assert page.locator("input[name=relocmap-view]").nth(1).is_checked()
        assert visit.errors == []
    finally:
        visit.close()


SHEET = """() => {
    const popup = document.querySelector('.leaflet-popup');
    const map = document.querySelector('.folium-map').getBoundingClientRect();
    const credit = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
    const p = popup.getBoundingClientRect();
    const content = popup.querySelector('.leaflet-popup-content');
    return {
        left: p.left - map.left, right: map.right - p.right, bottom: credit.top - p.bottom,
        top: p.top - map.top, mapHeight: map.height,
        scrolls: content.scrollHeight > content.clientHeight,
        scrolled: content.classList.contains('leaflet-popup-scrolled'),
        reachable: content.tabIndex === 0,
    };
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_a_popup_is_a_sheet_along_the_bottom(browser, built_page, width):
    visit = Visit(browser, built_page, {"width": width, "height": 844})
    page = visit.page
    try:
        visit.settle()
        region = page.locator("path.relocmap-dep-63").bounding_box()
        text = visit.open_popup("42")
        assert text.startswith("Loire (42)")
        visit.settle()
        sheet = page.evaluate(SHEET)
        # As wide as the map (less its 8 px margins), just above the credit line, under
        # the zoom buttons' band.
        assert 0 <= sheet["left"] <= 9 and abs(sheet["left"] - sheet["right"]) <= 1, sheet
        assert 0 <= sheet["bottom"] <= 9, sheet
        assert sheet["top"] >= 40, sheet
        # The map did not move to show it.
        assert page.locator("path.relocmap-dep-63").bounding_box() == region
        # Content longer than the sheet scrolls, says so, and the keyboard reaches it.
        assert sheet["scrolls"] == sheet["scrolled"] == sheet["reachable"], sheet
        visit.page.screenshot(path=ARTIFACTS / f"reader-sheet-{width}.png")
        assert axe_violations(visit) == []
        page.keyboard.press("Escape")
        page.locator(".leaflet-popup").wait_for(state="detached")
        assert visit.errors == []
    finally:
        visit.close()


PLACES = """() => {
    const place = (selector) => {
        const r = document.querySelector(selector).getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom].map(v => Math.round(v));
    };
    return {
        reader: document.documentElement.classList.contains('relocmap-reader'),
        title: place('.relocmap-title h1'), views: place('.relocmap-views fieldset'),
        map: place('.folium-map'), legends: place('.relocmap-legends'),
    };
}"""


def test_the_first_paint_is_already_the_readers_layout(browser, built_page):
    """Before Leaflet has arrived the page is laid out as it stays: the script moves
    neither the title, the switch, the map nor the legend (no jump on a phone)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    held = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file:"):
            return request_route.continue_()
        if url.endswith("/leaflet.js"):
            return held.append(request_route)  # answered below, once measured
        if url.endswith("/leaflet.css"):
            return request_route.fulfill(body=leaflet_file("leaflet.css"), content_type="text/css")
        return request_route.abort()

    try:
        page.route("**/*", route)
        page.goto(built_page.as_uri(), wait_until="commit")
        while not held:
            page.wait_for_timeout(50)
        page.locator(".relocmap-sketch").wait_for()
        before = page.evaluate(PLACES)
        assert page.evaluate("typeof L") == "undefined"
        assert before["reader"]
        assert before["title"][3] <= before["views"][1] <= before["map"][1] <= before["legends"][1]
        held[0].fulfill(body=leaflet_file("leaflet.js"), content_type="text/javascript")
        page.wait_for_selector("html.relocmap-ready")
        assert page.evaluate(PLACES) == before
    finally:
        context.close()
