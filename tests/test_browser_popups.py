"""Popups in Chromium: in view after the view changes, closed by Escape however they
were opened, never under a tooltip; on phones, a popup that scrolls shows it."""

from __future__ import annotations

import pytest
from test_browser import ARTIFACTS, Visit, _Recorder

pytestmark = pytest.mark.browser

SIZES = [
    {"width": 390, "height": 844},
    {"width": 680, "height": 544},
    {"width": 840, "height": 672},
    {"width": 1440, "height": 900},
]


def popup_outside(visit: Visit) -> dict[str, float]:
    """How far (px) the open popup reaches past each side of the map; {} if inside."""
    return visit.page.evaluate("""() => {
        const map = document.querySelector('.leaflet-container').getBoundingClientRect();
        const box = document.querySelector('.leaflet-popup-content-wrapper')
            .getBoundingClientRect();
        const past = {top: map.top - box.top, left: map.left - box.left,
                      bottom: box.bottom - map.bottom, right: box.right - map.right};
        return Object.fromEntries(Object.entries(past).filter(([, v]) => v > 0.5));
    }""")


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_a_popup_stays_in_view_when_the_view_changes(browser, built_page, viewport):
    """Regression: Allier's popup slid off the top (−48 px) when the legend changed."""
    visit = Visit(browser, built_page, viewport)
    try:
        page = visit.page
        for code in ("03", "74", "07"):
            radios = page.locator("input[name=relocmap-view]")
            radios.first.check()
            visit.open_popup(code)
            # The map reframes, then pans the popup into view (both animated): the popup
            # is checked once the map stands still, not after a fixed pause (a loaded
            # machine once saw Allier's popup before the pan ended).
            visit.settle()
            for index in list(range(1, radios.count())) + [0]:
                radios.nth(index).check()
                visit.settle()
                assert popup_outside(visit) == {}, (code, index)
            page.get_by_role("checkbox", name="Cercles : emplois").check()
            visit.settle()
            assert popup_outside(visit) == {}, (code, "cercles")
            page.get_by_role("checkbox", name="Cercles : emplois").uncheck()
            page.keyboard.press("Escape")
            page.locator(".leaflet-popup").wait_for(state="detached")
        assert visit.errors == []
    finally:
        visit.close()


def test_escape_closes_a_popup_opened_with_the_mouse(browser, built_page):
    """Regression: Escape closed a popup opened from the keyboard only (a click on a
    circle, which takes no focus, left it open)."""
    visit = Visit(browser, built_page, SIZES[-1])
    try:
        page = visit.page
        page.get_by_role("checkbox", name="Cercles : emplois").check()
        page.locator("path.relocmap-circle-63").click()
        page.locator(".leaflet-popup-content", has_text="(63)").wait_for()
        page.keyboard.press("Escape")
        page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)
        # The focus goes to the department whose popup it was.
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert label.startswith("Puy-de-Dôme")
        assert visit.errors == []
    finally:
        visit.close()


def test_no_tooltip_over_an_open_popup(browser, built_page):
    """Regression: after a tap on a phone the hover tooltip stayed over the popup."""
    context = browser.new_context(viewport=SIZES[0], has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.route("**/*", lambda route: Visit._route(_Recorder(), route))
        page.goto(built_page.as_uri())
        page.locator("path.relocmap-dep-69").tap()
        page.locator(".leaflet-popup-content", has_text="(69)").wait_for()
        page.wait_for_timeout(450)
        tooltips = page.locator(".leaflet-tooltip").all()
        assert [t.inner_text() for t in tooltips if t.is_visible()] == []
        page.screenshot(path=ARTIFACTS / "popup-phone-tap.png")
        # Closed, the tooltips come back.
        page.locator(".leaflet-popup-close-button").tap()
        page.locator(".leaflet-popup").wait_for(state="detached")
        page.locator("path.relocmap-dep-01").hover()
        assert page.locator(".leaflet-tooltip", has_text="Ain").is_visible()
    finally:
        context.close()


def test_a_popup_that_scrolls_shows_it_on_phones(browser, built_page):
    """Regression: in the phone embed a popup showed 3 of its rows with no sign of more:
    a shadow now marks the edge with rows behind it."""
    visit = Visit(browser, built_page, {"width": 390, "height": 480})
    try:
        page = visit.page
        visit.open_popup("69")
        page.wait_for_timeout(450)
        content = page.locator(".leaflet-popup-content")
        assert content.evaluate("(c) => c.scrollHeight > c.clientHeight + 10")
        assert "leaflet-popup-scrolled" in content.get_attribute("class")
        shadows = content.evaluate("(c) => getComputedStyle(c).backgroundImage")
        assert shadows.count("gradient") == 4
        page.screenshot(path=ARTIFACTS / "popup-phone-scrolls.png")
        assert visit.errors == []
    finally:
        visit.close()
