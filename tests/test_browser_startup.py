"""The page's start-up in two parts: what the first view needs, then the rest.

The departments, the boxes, the keyboard and the table are ready in the task that
draws the map; the circles and the names on the map follow after the first paint
(page.js, afterFirstPaint). Here the page's timers and animation frames are held back
(an init script keeps their callbacks) to look at the page between the two parts,
then released. No time is measured (speed is in bench/browser.py).
"""

from __future__ import annotations

from importlib import resources

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}

# Keeps every timer and animation-frame callback until window.relocmapRelease().
HOLD = """
(() => {
  const held = [];
  const setTimeoutBefore = window.setTimeout;
  const frameBefore = window.requestAnimationFrame;
  window.setTimeout = (callback) => { held.push(callback); return 0; };
  window.requestAnimationFrame = (callback) => { held.push(callback); return 0; };
  window.relocmapHeld = () => held.length;
  window.relocmapRelease = () => {
    window.setTimeout = setTimeoutBefore;
    window.requestAnimationFrame = frameBefore;
    held.splice(0).forEach((callback) => setTimeoutBefore(() => callback(performance.now()), 0));
  };
})();
"""


def leaflet_file(name: str) -> bytes:
    return resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet", name).read_bytes()


def route(request) -> None:
    url = request.request.url
    if url.startswith("file:"):
        request.continue_()
    elif url.endswith("/leaflet.js") or url.endswith("/leaflet.css"):
        request.fulfill(
            body=leaflet_file(url.rsplit("/", 1)[1]),
            content_type="text/javascript" if url.endswith(".js") else "text/css",
            headers={"Access-Control-Allow-Origin": "*"},
        )
    else:
        request.abort()


@pytest.fixture
def held(browser, built_page):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(HOLD)
    page.route("**/*", route)
    page.goto(built_page.as_uri())
    page.wait_for_selector("path.relocmap-dep")
    yield page, errors
    context.close()


def test_first_part_draws_every_department_as_a_named_button(held):
    page, errors = held
    departments = page.evaluate("""() => [...document.querySelectorAll('path.relocmap-dep')]
        .map((path) => [path.getAttribute('role'), path.getAttribute('tabindex'),
                        path.getAttribute('aria-label'), path.getAttribute('fill')])""")
    assert len(departments) == 12
    assert all(role == "button" and tab == "0" and fill for role, tab, _, fill in departments)
    assert "Rhône (69)" in [name for _, _, name, _ in departments]
    # the rest is still to come: it waits for the first frame
    assert page.locator(".relocmap-label").count() == 0
    assert page.evaluate("() => window.relocmapHeld()") > 0
    assert (
        page.evaluate("() => document.documentElement.classList.contains('relocmap-ready')")
        is False
    )
    assert errors == []


def test_controls_work_before_the_second_part(held):
    page, errors = held
    page.locator("path.relocmap-dep-69").focus()
    page.keyboard.press("Enter")
    assert "Rhône (69)" in page.locator(".leaflet-popup-content").inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Rhône (69)"
    page.locator(".relocmap-table-button").click()
    assert page.get_by_role("dialog", name="Relocalisations").get_by_role("table").is_visible()
    assert errors == []


def test_second_part_adds_the_names_and_circles_then_marks_the_page_ready(held):
    page, errors = held
    page.evaluate("() => window.relocmapRelease()")
    page.wait_for_selector("html.relocmap-ready", state="attached")
    assert page.locator(".relocmap-label").count() == 12
    page.locator("input[name=relocmap-circles]").check()
    assert page.locator("path.relocmap-circle").count() == 12
    assert errors == []
