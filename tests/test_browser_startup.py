"""The page's start-up: the departments' drawing, then what the first view needs, then
the rest.

The departments are painted before Leaflet has run: an inline SVG written by Python
(relocmap.page.sketch), whose path data then become Leaflet's shapes. The map, the
departments, the boxes, the keyboard and the table are ready after the page script's
first turns (page.js start: html gets the class relocmap-started); the circles and the
names on the map follow after the first paint (page.js, afterFirstPaint). Here the
page's timers and animation frames are held back (an init script keeps their callbacks)
to look at the page between the parts, then released; Leaflet's script is held back to
look at the page before it. No time is measured (speed is in bench/browser.py).
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
    page.wait_for_selector("html.relocmap-started", state="attached")
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


# --- before Leaflet: the departments' drawing -------------------------------------

# The outlines' boxes, relative to the box around them all (the same whatever the frame).
OUTLINES = """(selector) => {
  const paths = [...document.querySelectorAll(selector)];
  const boxes = paths.map((path) => path.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left)), top = Math.min(...boxes.map((b) => b.top));
  const width = Math.max(...boxes.map((b) => b.right)) - left;
  const height = Math.max(...boxes.map((b) => b.bottom)) - top;
  // Leaflet's shapes name their department; the drawing's are in the features' order.
  const codes = JSON.parse(document.getElementById('relocmap-config').textContent)
    .features.features.map((feature) => feature.id);
  const code = (path, index) => ([...path.classList].find((name) => /^relocmap-dep-/.test(name))
    || 'relocmap-dep-' + codes[index]).slice(13);
  return {union: [left, top, width, height], shapes: Object.fromEntries(boxes.map((b, index) => [
    code(paths[index], index),
    [(b.left - left) / width, (b.top - top) / height, b.width / width, b.height / height]]))};
}"""

PAINTED = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const paths = [...document.querySelectorAll('svg.relocmap-sketch path')];
  const onScreen = paths.filter((path) => {
    const box = path.getBoundingClientRect();
    return path.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && box.width > 10 && box.height > 10 && box.left >= 0 && box.top >= 0
      && box.right <= innerWidth && box.bottom <= innerHeight;
  });
  resolve({painted: onScreen.length, leaflet: typeof window.L,
           ready: document.readyState, map: document.documentElement.className});
})))"""


@pytest.fixture
def before_leaflet(browser, built_page):
    """The page with Leaflet's script held back until ``release()``."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held: list = []

    def hold_leaflet(request) -> None:
        if request.request.url.endswith("/leaflet.js"):
            held.append(request)
        else:
            route(request)

    def release() -> None:
        for request in held:
            route(request)

    page.route("**/*", hold_leaflet)
    page.goto(built_page.as_uri(), wait_until="commit")
    yield page, errors, release
    context.close()


def test_departments_are_painted_before_leaflet_has_run(before_leaflet):
    page, errors, release = before_leaflet
    page.wait_for_selector("svg.relocmap-sketch path", state="attached")
    seen = page.evaluate(PAINTED)
    # Every department on screen, two frames after, while Leaflet's script is not there
    # (the page is still being parsed as far as deferred scripts go).
    assert seen["painted"] == 12
    assert seen["leaflet"] == "undefined"
    assert "relocmap-js" in seen["map"] and seen["ready"] != "complete"
    # The drawing is no control: the departments' buttons are Leaflet's shapes.
    assert (
        page.evaluate(
            "() => document.querySelector('svg.relocmap-sketch').getAttribute('aria-hidden')"
        )
        == "true"
    )
    drawn = page.evaluate(OUTLINES, "svg.relocmap-sketch path")
    release()
    page.wait_for_selector("html.relocmap-ready", state="attached")
    # Handed over: the drawing is gone; Leaflet's shapes have the same outlines.
    assert page.locator("svg.relocmap-sketch").count() == 0
    shapes = page.evaluate(OUTLINES, "path.relocmap-dep")
    assert sorted(shapes["shapes"]) == sorted(drawn["shapes"]) and len(drawn["shapes"]) == 12
    for code, ours in drawn["shapes"].items():
        assert ours == pytest.approx(shapes["shapes"][code], abs=0.01), code
    # and they are the keyboard's: every department is a named button in the Tab order
    names = page.evaluate("""() => [...document.querySelectorAll('path.relocmap-dep')]
        .filter((p) => p.getAttribute('role') === 'button' && p.tabIndex === 0)
        .map((p) => p.getAttribute('aria-label'))""")
    assert len(set(names)) == 12
    assert errors == []


OUTLINE = """(selector) => {
  const style = getComputedStyle(document.querySelector(selector));
  return [style.stroke, style.strokeWidth, style.strokeOpacity, style.fillOpacity];
}"""


def test_the_drawing_has_leaflets_outlines(before_leaflet):
    """At the hand-over the outlines keep their width: the drawing's are Leaflet's."""
    page, errors, release = before_leaflet
    page.wait_for_selector("svg.relocmap-sketch path", state="attached")
    drawn = page.evaluate(OUTLINE, "svg.relocmap-sketch path")
    release()
    page.wait_for_selector("html.relocmap-ready", state="attached")
    assert page.evaluate(OUTLINE, "path.relocmap-dep") == drawn
    assert errors == []


NO_SLIDE = """() => {
  const style = document.createElement('style');
  style.textContent = '.relocmap-sketch { transition: none !important; }';
  document.head.appendChild(style);
}"""


def test_the_drawing_ends_where_leaflet_frames_the_region(browser, built_page):
    """No jump at the hand-over: where Leaflet's frame differs from the drawing's (the
    title box takes the left of a wide window), the drawing is moved onto Leaflet's
    shapes before it goes. Seen here without the slide, timers held (it stays)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.add_init_script(HOLD)
    page.add_init_script(f"document.addEventListener('DOMContentLoaded', {NO_SLIDE})")
    page.route("**/*", route)
    page.goto(built_page.as_uri())
    page.wait_for_selector("html.relocmap-started", state="attached")
    assert page.locator("svg.relocmap-sketch").count() == 1, "the frames agree: no move to see"
    drawing = page.evaluate(OUTLINES, "svg.relocmap-sketch path")
    shapes = page.evaluate(OUTLINES, "path.relocmap-dep")
    assert drawing["union"] == pytest.approx(shapes["union"], abs=1.5)
    # Leaflet's shapes are not seen until the drawing is gone.
    opacity = "() => getComputedStyle(document.querySelector('.leaflet-overlay-pane')).opacity"
    assert page.evaluate(opacity) == "0"
    page.evaluate("() => window.relocmapRelease()")
    page.wait_for_selector("html.relocmap-ready", state="attached")
    assert page.locator("svg.relocmap-sketch").count() == 0
    assert page.evaluate(opacity) == "1"
    context.close()


def test_without_leaflet_the_page_is_a_document_again(browser, built_page):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.route(
        "**/*",
        lambda request: request.abort() if "leaflet" in request.request.url else route(request),
    )
    page.goto(built_page.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.className") == ""
    assert page.locator("svg.relocmap-sketch").is_hidden()
    assert page.get_by_role("table").is_visible()
    assert page.locator(".relocmap-fallback").is_visible()
    context.close()


def test_without_leaflets_stylesheet_the_page_is_a_document_too(browser, built_page):
    """The stylesheet is preloaded, not linked (it holds no paint): if it does not come,
    Leaflet's map would be unusable without it, so the page is a document, as without
    Leaflet's script."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route(
        "**/*",
        lambda request: (
            request.abort() if request.request.url.endswith("/leaflet.css") else route(request)
        ),
    )
    page.goto(built_page.as_uri())
    page.wait_for_function("() => document.documentElement.className === ''")
    assert page.locator("svg.relocmap-sketch").is_hidden()
    assert page.locator(".leaflet-container").count() == 0  # no map was made
    assert page.get_by_role("table").is_visible()
    assert errors == []
    context.close()


# The drawing's paths' fills as painted, in the features' order, and Leaflet's by code.
SKETCH_FILLS = """() => {
  const codes = JSON.parse(document.getElementById('relocmap-config').textContent)
    .features.features.map((feature) => feature.id);
  return Object.fromEntries([...document.querySelectorAll('svg.relocmap-sketch path')]
    .map((path, index) => [codes[index], getComputedStyle(path).fill]));
}"""
LEAFLET_FILLS = """() => Object.fromEntries([...document.querySelectorAll('path.relocmap-dep')]
  .map((path) => [path.getAttribute('class').match(/relocmap-dep-(\\w+)/)[1],
                  getComputedStyle(path).fill]))"""
UNCOLOURED = "rgb(214, 214, 210)"  # relocmap.css, .relocmap-addressed


@pytest.mark.parametrize("address", ["", "#vue=emplois", "#vue=projets", "#vue=par-habitant"])
def test_the_drawing_has_the_colours_of_the_address(browser, built_page, address):
    """A shared link names a view: the drawing, painted before any script, never shows
    another view's colours. It has the first view's; opened at another address it is
    uncoloured until the page script colours it as Leaflet's shapes will be."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    held: list = []
    page.route(
        "**/*",
        lambda request: (
            held.append(request) if request.request.url.endswith("/leaflet.js") else route(request)
        ),
    )
    # Timers held and no slide: the drawing stays after the hand-over is decided.
    page.add_init_script(HOLD)
    page.add_init_script(f"document.addEventListener('DOMContentLoaded', {NO_SLIDE})")
    page.goto(built_page.as_uri() + address, wait_until="commit")
    page.wait_for_selector("svg.relocmap-sketch path", state="attached")
    before = page.evaluate(SKETCH_FILLS)
    assert len(before) == 12
    first_view = address in ("", "#vue=emplois")
    if first_view:
        assert UNCOLOURED not in before.values()
    else:
        assert set(before.values()) == {UNCOLOURED}
    for request in held:
        route(request)
    page.wait_for_selector("html.relocmap-started", state="attached")
    assert page.locator("svg.relocmap-sketch").count() == 1
    coloured, shapes = page.evaluate(SKETCH_FILLS), page.evaluate(LEAFLET_FILLS)
    assert coloured == shapes
    if first_view:
        assert coloured == before
    else:
        # Another view's colours: some department differs from the first view's.
        page.goto(built_page.as_uri(), wait_until="commit")
        page.wait_for_selector("svg.relocmap-sketch path", state="attached")
        assert page.evaluate(SKETCH_FILLS) != coloured
    assert "relocmap-addressed" not in page.evaluate("() => document.documentElement.className")
    context.close()


# The tiles' addresses set per turn: each image address set is counted (the basemap's
# addresses have "/tile/"), and a microtask queued at a turn's first one, which runs once
# that turn's script is over, closes the count.
TILE_ADDRESSES = """(() => {
  const perTask = window.relocmapTileAddresses = [];
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');
  let count = 0;
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    configurable: true,
    get: src.get,
    set(value) {
      if (String(value).includes('/tile/')) {
        if (count === 0) {
          queueMicrotask(() => { perTask.push(count); count = 0; });
        }
        count += 1;
      }
      src.set.call(this, value);
    },
  });
})();"""


def test_the_basemap_asks_for_its_tiles_a_few_per_turn(browser, built_page):
    """Setting an image's address starts its request in the same task: the thirty tiles
    of a wide window, all asked at once, made one long task (page.js tileLayerInTurns).
    Tiles are refused here (no network): asked for is what counts."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.add_init_script(TILE_ADDRESSES)
    page.route("**/*", route)
    page.goto(built_page.as_uri())
    page.wait_for_selector("html.relocmap-ready", state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.leaflet-tile')].every((t) => t.hasAttribute('src'))"
    )
    tiles = page.locator("img.leaflet-tile").count()
    per_task = page.evaluate("() => window.relocmapTileAddresses")
    assert tiles >= 12, "a wide window's view takes more tiles than one turn asks for"
    assert sum(per_task) == tiles
    assert max(per_task) <= 6
    assert len(per_task) >= tiles / 6
    context.close()


# The title's and the switch's boxes, and whether each is the element seen at its centre.
BOXES = """() => Object.fromEntries(['.relocmap-title', '.relocmap-views'].map((selector) => {
  const element = document.querySelector(selector);
  const box = element.getBoundingClientRect();
  const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return [selector, {box: [box.left, box.top, box.width], seen: element.contains(seen)}];
}))"""


def test_on_a_wide_window_the_title_and_switch_are_painted_where_they_stay(before_leaflet):
    """Before Leaflet has run, the title and the switch are shown over the drawing,
    where the map's corners then hold them: nothing jumps when the script puts them
    there. (They were under the drawing until then.)"""
    page, errors, release = before_leaflet
    page.wait_for_selector("svg.relocmap-sketch path", state="attached")
    page.wait_for_selector(".relocmap-legends", state="attached")  # the page is parsed
    before = page.evaluate(BOXES)
    assert page.evaluate("typeof L") == "undefined"
    release()
    page.wait_for_selector("html.relocmap-ready", state="attached")
    after = page.evaluate(BOXES)
    for selector in before:
        assert before[selector]["seen"] and after[selector]["seen"], selector
        assert before[selector]["box"] == pytest.approx(after[selector]["box"], abs=1), selector
    assert errors == []
