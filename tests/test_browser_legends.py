"""Legends and the table caption, measured in Chromium: nothing cut at any width."""

from __future__ import annotations

import pytest
from test_browser import ARTIFACTS, Visit

pytestmark = pytest.mark.browser

SIZES = [
    {"width": 320, "height": 480},
    {"width": 390, "height": 844},
    {"width": 1440, "height": 900},
]


@pytest.mark.parametrize("viewport", SIZES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_the_circles_legend_labels_are_whole(browser, built_page, viewport):
    """Regression: the top of "1 000", the largest circle's label, was cut by 3 px."""
    visit = Visit(browser, built_page, viewport)
    try:
        visit.page.get_by_role("checkbox", name="Cercles : emplois").check()
        cut = visit.page.evaluate("""() => {
            const svg = document.querySelector('.relocmap-circle-legend svg');
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].map(text => [text.textContent,
                text.getBoundingClientRect()]).filter(([, r]) => r.top < box.top
                || r.bottom > box.bottom || r.left < box.left || r.right > box.right)
                .map(([label]) => label);
        }""")
        assert cut == []
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.locator(".relocmap-legends").screenshot(
            path=ARTIFACTS / f"legend-circles-{viewport['width']}.png"
        )
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", SIZES[:2], ids=lambda v: f"{v['width']}x{v['height']}")
def test_the_table_caption_is_whole_on_phones(browser, built_page, viewport):
    """Regression: the caption was as wide as the table, half of it off a phone's screen
    (and scrolled away with the columns)."""
    visit = Visit(browser, built_page, viewport)
    try:
        page = visit.page
        page.locator(".relocmap-table-button").click()
        caption = page.locator(".relocmap-table caption")
        caption.wait_for()
        wrap = page.locator(".relocmap-table-wrap")

        def inside() -> bool:
            c, w = caption.bounding_box(), wrap.bounding_box()
            return c["x"] >= w["x"] - 0.5 and c["x"] + c["width"] <= w["x"] + w["width"] + 0.5

        assert inside()
        # The table scrolls sideways; the caption stays where it can be read.
        wrap.evaluate("(element) => { element.scrollLeft = element.scrollWidth; }")
        assert wrap.evaluate("(element) => element.scrollLeft") > 0
        assert inside()
        page.screenshot(path=ARTIFACTS / f"table-caption-{viewport['width']}.png")
        assert visit.errors == []
    finally:
        visit.close()
