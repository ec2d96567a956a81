"""The map as a news graphic: carte-iframe.html pasted into an article of another origin.

Two local HTTP servers stand for the newsroom's site and the map's site (two ports: two
origins). The map is built with --base-url pointing at its server, so the snippet checks
the origin of the frame's messages as it would in production. Leaflet is served from
the django-js-lib-leaflet package files, tiles get a grey PNG, anything else is aborted.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_a11y import axe_violations
from test_browser import ARTIFACTS, GREY_TILE, Visit, leaflet_file

pytestmark = pytest.mark.browser

# A phone, a newspaper's column, a wide column.
COLUMNS = [390, 680, 840]


def _route(route):
    url = route.request.url
    if url.startswith("http://127.0.0.1:"):
        return route.continue_()
    cors = {"Access-Control-Allow-Origin": "*"}
    if url.endswith("/leaflet.js"):
        return route.fulfill(
            body=leaflet_file("leaflet.js"), content_type="text/javascript", headers=cors
        )
    if url.endswith("/leaflet.css"):
        return route.fulfill(
            body=leaflet_file("leaflet.css"), content_type="text/css", headers=cors
        )
    if "/tile/" in url or url.endswith(".png"):
        return route.fulfill(body=GREY_TILE, content_type="image/png")
    return route.abort()


class Article:
    """The article open in a fresh context, the map's frame scrolled into the middle."""

    def __init__(self, browser, url: str, width: int, touch: bool = False):
        viewport = {"width": width, "height": 844 if width <= 400 else 900}
        self.context = browser.new_context(viewport=viewport, has_touch=touch)
        self.context.route("**/*", _route)
        self.page = self.context.new_page()
        self.messages: list[str] = []
        self.page.on("console", lambda msg: self.messages.append(f"{msg.type}: {msg.text}"))
        self.page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))
        self.page.goto(url)
        self.frame_element = self.page.locator("iframe[data-relocmap]")
        self.frame_element.scroll_into_view_if_needed()
        self.frame = self.frame_element.element_handle().content_frame()
        self.frame.wait_for_selector("path.relocmap-dep")
        # The frame's height comes from its message; then the map frames the region.
        self.page.wait_for_function(
            "document.querySelector('iframe[data-relocmap]').style.height !== ''"
        )
        self.page.wait_for_timeout(600)
        box = self.frame_element.bounding_box()
        self.page.evaluate("(y) => window.scrollTo(0, y)", self.scroll_y() + box["y"] - 100)
        self.page.wait_for_timeout(200)

    def scroll_y(self) -> float:
        return self.page.evaluate("window.scrollY")

    def centre(self) -> tuple[float, float]:
        """A point on the map (host page coordinates), clear of its boxes: the middle of
        Puy-de-Dôme's shape."""
        box = self.frame.locator("path.relocmap-dep-63").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        hit = self.frame.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).getAttribute('class')",
            [
                x - self.frame_element.bounding_box()["x"],
                y - self.frame_element.bounding_box()["y"],
            ],
        )
        assert "relocmap-dep-63" in hit
        return x, y

    def view(self) -> list[float]:
        """The region's box inside the frame: changes if the map pans or zooms."""
        return self.frame.evaluate("""() => {
            const rects = [...document.querySelectorAll('path.relocmap-dep')]
              .map(p => p.getBoundingClientRect());
            return [Math.min(...rects.map(r => r.left)), Math.min(...rects.map(r => r.top)),
                    Math.max(...rects.map(r => r.right)), Math.max(...rects.map(r => r.bottom))]
              .map(v => Math.round(v * 10) / 10);
        }""")

    def hint(self) -> str:
        return self.frame.evaluate("""() => {
            const hint = document.querySelector('.relocmap-hint-shown');
            return hint ? hint.textContent : '';
        }""")

    def axe(self) -> list[str]:
        """axe-core's violations inside the map's frame, as it is now."""
        return axe_violations(SimpleNamespace(page=self.frame))

    def close(self):
        self.context.close()


def test_wheel_scrolls_the_article_and_ctrl_wheel_zooms_the_map(browser, article):
    for width in COLUMNS:
        visit = Article(browser, article[width], width)
        try:
            page = visit.page
            before_view, before_y = visit.view(), visit.scroll_y()
            page.mouse.move(*visit.centre())
            page.mouse.wheel(0, 240)
            page.wait_for_timeout(600)
            assert visit.scroll_y() - before_y == pytest.approx(240, abs=1), width
            assert visit.view() == before_view, width
            assert visit.hint() == "Ctrl + molette pour zoomer"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"embed-{width}-wheel-hint.png")
            assert visit.axe() == []

            page.mouse.move(*visit.centre())
            after_y = visit.scroll_y()
            page.keyboard.down("Control")
            page.mouse.wheel(0, -240)
            page.keyboard.up("Control")
            page.wait_for_timeout(800)
            assert visit.scroll_y() == after_y, width
            zoomed = visit.view()
            assert zoomed[2] - zoomed[0] > (before_view[2] - before_view[0]) * 1.2, width
        finally:
            visit.close()


def _touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)],
        },
    )


def _swipe(page, cdp, starts: list[tuple[float, float]], dx: float, dy: float) -> None:
    """Fingers put down, moved by (dx, dy) in 10 steps, held still, lifted (no fling)."""
    _touch(cdp, "touchStart", starts)
    for step in range(1, 11):
        _touch(cdp, "touchMove", [(x + dx * step / 10, y + dy * step / 10) for x, y in starts])
        page.wait_for_timeout(16)
    for _ in range(5):
        _touch(cdp, "touchMove", [(x + dx, y + dy) for x, y in starts])
        page.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(600)


def test_one_finger_scrolls_the_article_two_fingers_move_the_map(browser, article):
    for width in COLUMNS:
        visit = Article(browser, article[width], width, touch=True)
        try:
            page = visit.page
            cdp = visit.context.new_cdp_session(page)
            x, y = visit.centre()
            # The same swipe over the article's text, under the frame: how far the
            # browser scrolls for it (the distance less its touch slop).
            before_y = visit.scroll_y()
            _swipe(page, cdp, [(x, page.viewport_size["height"] - 20)], 0, -200)
            over_text = visit.scroll_y() - before_y
            assert 170 <= over_text <= 200
            page.evaluate("(y) => window.scrollTo(0, y)", before_y)
            page.wait_for_timeout(200)
            before_view = visit.view()
            _swipe(page, cdp, [(x, y)], 0, -200)
            assert visit.scroll_y() - before_y == over_text, width
            assert visit.view() == before_view, width
            assert visit.hint() == "Utilisez deux doigts pour déplacer la carte"
            page.screenshot(path=ARTIFACTS / f"embed-{width}-touch-hint.png")
            assert visit.axe() == []

            x, y = visit.centre()
            after_y = visit.scroll_y()
            _swipe(page, cdp, [(x - 40, y), (x + 40, y)], 0, -100)
            assert visit.scroll_y() == after_y, width
            panned = visit.view()
            # The bottom edge: the top went past the map's edge, where Leaflet clips shapes.
            assert panned[3] == pytest.approx(before_view[3] - 100, abs=8), width
            _swipe(page, cdp, [(x - 30, y), (x + 30, y)], 0, 0)
            # Puy-de-Dôme, under the fingers: the region's edges go past the map's, where
            # Leaflet clips the shapes.
            pinched = visit.frame.locator("path.relocmap-dep-63")
            before_pinch = pinched.bounding_box()["width"]
            _touch(cdp, "touchStart", [(x - 30, y), (x + 30, y)])
            for step in range(1, 11):
                _touch(cdp, "touchMove", [(x - 30 - 6 * step, y), (x + 30 + 6 * step, y)])
                page.wait_for_timeout(16)
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            page.wait_for_timeout(800)
            assert visit.scroll_y() == after_y, width
            assert pinched.bounding_box()["width"] > before_pinch * 1.3, width
        finally:
            visit.close()


def test_the_full_page_keeps_the_wheel_zoom(browser, built_page):
    """The map that is the whole window (nothing to scroll) zooms with the wheel as before."""
    visit = Visit(browser, built_page, {"width": 1440, "height": 900})
    try:
        page = visit.page
        region = page.locator("path.relocmap-dep-63")
        before = region.bounding_box()
        page.mouse.move(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(800)
        assert region.bounding_box()["width"] > before["width"] * 1.2
        assert page.evaluate("document.querySelector('.relocmap-hint-shown')") is None
        assert visit.errors == []
    finally:
        visit.close()


def test_one_credit_and_not_a_console_message(browser, article):
    """The caption gives the sources once; the frame keeps the basemap's credit (its
    licence wants it), and its table's dialog the download links. The snippet asks the
    frame for its height once the map's page has loaded: nothing is logged by either
    origin."""
    for width in COLUMNS:
        visit = Article(browser, article[width], width)
        try:
            page = visit.page
            credit = visit.frame.locator(".leaflet-control-attribution")
            assert credit.inner_text() == "Leaflet | Fond de carte © Esri — Esri, DeLorme, NAVTEQ"
            dialog = visit.frame.locator("#relocmap-table-dialog")
            assert dialog.get_by_text("Télécharger les données (CSV)").count() == 1
            caption = page.locator("figcaption").inner_text()
            assert caption.count("Chiffres : ") == 1 and caption.count("Contours : ") == 1
            page.wait_for_timeout(500)
            assert visit.messages == [], width
            page.screenshot(path=ARTIFACTS / f"embed-{width}-credit.png")
        finally:
            visit.close()
