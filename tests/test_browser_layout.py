"""Layout at every window size, measured in Chromium.

For a grid of window sizes and in every view (and with the circles on), the boxes on the
map (title and headline, zoom and "Recentrer", view switch, legend, sources; in the
reader's layout of narrow upright windows only zoom, "Recentrer" and the credit) must
stay inside the window (the map, in the reader's layout), never overlap each other, and hide at most 10 % of the departments
shown. A popup opened on a department must be fully visible, never under a box.

How the covered share is measured: the window is sampled every 4 px; a sample is a
department pixel when a department shape is under it (``elementsFromPoint`` hit-tests
the SVG shapes themselves, not their rectangles), and it is covered when the topmost
element there belongs to a box. The share is covered / department samples. The worst
case is written to test-artifacts/layout-covered-share.json.
"""

from __future__ import annotations

import json

import pytest
from test_browser import ARTIFACTS, Visit

pytestmark = pytest.mark.browser

SIZES = [
    (320, 480),
    (343, 600),
    (375, 667),
    (390, 844),
    (620, 640),
    (720, 640),
    (768, 1024),
    (844, 390),
    (1024, 768),
    (1280, 900),
    (1440, 900),
    (1920, 1200),
]
STEP = 4
MAX_COVERED = 0.10

MEASURE = """(step) => {
    const controls = [...document.querySelectorAll('.leaflet-control')];
    const rects = controls.map(c => c.getBoundingClientRect()).filter(r => r.width && r.height);
    // Only the departments' bounding box (in the window) can hold department pixels.
    const shapes = [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getBoundingClientRect());
    const x0 = Math.max(0, Math.min(...shapes.map(r => r.left))), x1 = Math.min(innerWidth, Math.max(...shapes.map(r => r.right)));
    const y0 = Math.max(0, Math.min(...shapes.map(r => r.top))), y1 = Math.min(innerHeight, Math.max(...shapes.map(r => r.bottom)));
    let department = 0, covered = 0;
    for (let y = step / 2; y < innerHeight; y += step) {
        if (y < y0 || y > y1) continue;
        for (let x = step / 2; x < innerWidth; x += step) {
            if (x < x0 || x > x1) continue;
            const stack = document.elementsFromPoint(x, y);
            if (!stack.some(e => e.classList && e.classList.contains('relocmap-dep'))) continue;
            department += 1;
            if (stack[0].closest('.leaflet-control')) covered += 1;
        }
    }
    const boxes = rects.map(r => [r.left, r.top, r.right, r.bottom]);
    const map = document.querySelector('.folium-map').getBoundingClientRect();
    const frame = document.documentElement.classList.contains('relocmap-reader')
        ? [map.left, map.top, map.right, map.bottom] : [0, 0, innerWidth, innerHeight];
    return {department, covered, boxes, frame};
}"""

POPUP_CLEAR = """() => {
    const popup = document.querySelector('.leaflet-popup');
    if (!popup) return 'no popup';
    const p = popup.getBoundingClientRect();
    if (p.left < 0 || p.top < 0 || p.right > innerWidth || p.bottom > innerHeight)
        return 'outside the window: ' + JSON.stringify(p);
    for (const control of document.querySelectorAll('.leaflet-control')) {
        const b = control.getBoundingClientRect();
        if (!b.width || !b.height) continue;
        if (p.left < b.right && b.left < p.right && p.top < b.bottom && b.top < p.bottom)
            return 'under ' + control.className;
    }
    return 'clear';
}"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes)
        if i < j
        and a[0] < b[2] - 0.5
        and b[0] < a[2] - 0.5
        and a[1] < b[3] - 0.5
        and b[1] < a[3] - 0.5
    ]


@pytest.fixture(scope="module")
def worst() -> dict:
    found: dict = {"share": -1.0}
    yield found
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "layout-covered-share.json").write_text(json.dumps(found, indent=1) + "\n")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_boxes_hide_at_most_a_tenth_of_the_region(browser, built_page, size, worst):
    width, height = size
    visit = Visit(browser, built_page, {"width": width, "height": height})
    page = visit.page
    try:
        radios = page.locator("input[name=relocmap-view]")
        states = []
        for index in range(radios.count()):
            radios.nth(index).check()
            states.append(radios.nth(index).get_attribute("value"))
        states.append("circles")
        shares = {}
        for index, state in enumerate(states):
            if state == "circles":
                page.locator("input[name=relocmap-circles]").check()
            else:
                radios.nth(index).check()
            visit.settle()  # the region is framed again (animated)
            measured = page.evaluate(MEASURE, STEP)
            boxes = measured["boxes"]
            assert overlapping(boxes) == [], (state, boxes)
            # Inside the window; in the reader's layout (a page that scrolls) inside the map.
            frame = measured["frame"]
            for box in boxes:
                assert box[0] >= frame[0] - 0.5 and box[1] >= frame[1] - 0.5, (state, box)
                assert box[2] <= frame[2] + 0.5 and box[3] <= frame[3] + 0.5, (state, box)
            assert measured["department"] > 0
            share = measured["covered"] / measured["department"]
            shares[state] = round(share, 4)
            if share > worst["share"]:
                worst.update(share=round(share, 4), size=f"{width}x{height}", state=state)
            # The region fills the free space (the boxes' room aside): not a stamp.
            filled = measured["department"] * STEP * STEP / (width * height)
            worst.setdefault("region_share_of_window", {})[f"{width}x{height} {state}"] = round(
                filled, 3
            )
            assert filled > 0.03, state  # 320x480 with circles: 3,6 %
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"layout-{width}x{height}.png")
        assert max(shares.values()) <= MAX_COVERED, shares
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_an_open_popup_is_never_under_a_box(browser, built_page, size):
    width, height = size
    visit = Visit(browser, built_page, {"width": width, "height": height})
    page = visit.page
    try:
        # The departments at the region's four corners and its centre.
        for code in ("03", "74", "07", "15", "69", "26"):
            page.locator(f"path.relocmap-dep-{code}").focus()
            page.keyboard.press("Enter")
            page.locator(".leaflet-popup", has_text=f"({code})").wait_for()
            visit.settle()  # the map pans the popup into view (animated)
            assert page.evaluate(POPUP_CLEAR) == "clear", code
            if code == "69":
                page.screenshot(path=ARTIFACTS / f"popup-{width}x{height}.png")
            page.keyboard.press("Escape")
            page.locator(".leaflet-popup").wait_for(state="detached")
            page.get_by_role("button", name="Recentrer").click()
            visit.settle()
    finally:
        visit.close()


def test_recentrer_brings_the_region_back_with_the_keyboard(browser, built_page):
    visit = Visit(browser, built_page, {"width": 720, "height": 640})
    page = visit.page
    try:

        def region_box() -> list[float]:
            return page.evaluate("""() => {
                const b = [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getBoundingClientRect());
                return [Math.min(...b.map(r => r.left)), Math.min(...b.map(r => r.top)),
                        Math.max(...b.map(r => r.right)), Math.max(...b.map(r => r.bottom))];
            }""")

        before = region_box()
        page.mouse.move(360, 400)
        page.mouse.down()
        page.mouse.move(100, 150, steps=5)
        page.mouse.up()
        visit.settle()  # the drag's inertia
        assert region_box()[0] < before[0] - 100
        page.get_by_role("button", name="Recentrer").focus()
        page.keyboard.press("Enter")
        visit.settle()
        assert region_box() == pytest.approx(before, abs=1.5)
    finally:
        visit.close()
