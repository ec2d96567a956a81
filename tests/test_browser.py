"""The built page in a real browser: Debian's Chromium driven by Playwright.

Every request leaves nothing: Leaflet is served from the django-js-lib-leaflet
package files, tiles get a plain grey PNG, anything else is aborted and recorded.
Screenshots land in test-artifacts/ (one per view, desktop and phone).
"""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import pytest
from helpers import HOSTILE_NAME, page_with_hostile_name
from playwright.sync_api import expect

from relocmap.build import build_map
from relocmap.page import MapOptions

pytestmark = pytest.mark.browser

NNBSP = "\u202f"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def grey_tile() -> bytes:
    """A plain light-grey 256 px tile: stands in for the basemap in screenshots."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (232, 232, 230)).save(buffer, format="PNG")
    return buffer.getvalue()


GREY_TILE = grey_tile()


def leaflet_file(name: str) -> bytes:
    return resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet", name).read_bytes()


class Visit:
    """One page load with its console errors and the requests it attempted."""

    def __init__(self, browser, path: Path, viewport: dict):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html.relocmap-ready")

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            return route.continue_()
        self.requests.append(url)
        # unpkg answers with this CORS header, which the integrity check needs.
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

    def fills(self) -> dict[str, str]:
        return self.page.evaluate("""() => Object.fromEntries(
            [...document.querySelectorAll('path.relocmap-dep')].map(p =>
              [[...p.classList].find(c => /^relocmap-dep-./.test(c)).slice(13), p.getAttribute('fill')]))""")

    def settle(self) -> None:
        """Wait until the map stands still: after a view switch the legend's new size
        reframes the map (an animated pan), which moves other shapes under the mouse."""
        self.page.evaluate("""() => new Promise(done => {
            const pane = document.querySelector('.leaflet-map-pane');
            let last = null, since = performance.now();
            (function look(now) {
                const where = getComputedStyle(pane).transform;
                if (where !== last) { last = where; since = now; }
                if (now - since > 300) done(); else requestAnimationFrame(look);
            })(performance.now());
        })""")

    def visible_legend(self) -> str:
        return self.page.locator(".relocmap-legend:not([hidden])").inner_text()

    def open_popup(self, code: str) -> str:
        """Click a department like a user; the text of the popup that opens."""
        self.page.locator(f"path.relocmap-dep-{code}").click()
        # The previous popup fades out for 200 ms: pick the one of this department.
        popup = self.page.locator(".leaflet-popup-content", has_text=f"({code})")
        popup.wait_for()
        return popup.inner_text()

    def close_popup(self) -> None:
        """Close the popup with its button, then reload: an open popup pans the map, and
        the next department to click may have moved under a control."""
        self.page.locator(".leaflet-popup-close-button").click()
        self.page.locator(".leaflet-popup").wait_for(state="detached")
        self.page.reload()
        self.page.wait_for_selector("html.relocmap-ready")

    def close(self):
        self.context.close()


@pytest.fixture
def desktop(browser, built_page):
    visit = Visit(browser, built_page, DESKTOP)
    yield visit
    visit.close()


def test_twelve_departments_are_drawn(desktop):
    fills = desktop.fills()
    assert sorted(fills) == ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]
    assert all(fill and fill.startswith("#") for fill in fills.values())
    assert desktop.errors == []


def test_labels_name_every_department(desktop):
    labels = desktop.page.locator(".relocmap-label").all_inner_texts()
    assert "Rhône" in labels and "Haute-Savoie" in labels and len(labels) == 12


def test_hover_shows_name_and_value_of_current_view(desktop):
    desktop.page.locator("path.relocmap-dep-69").hover()
    tooltip = desktop.page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().split("\n") == ["Rhône", f"1{NNBSP}220 emplois"]


def test_rhone_popup_gives_published_figures(desktop):
    text = desktop.open_popup("69")
    assert "Rhône (69)" in text
    assert "Projets soutenus\n36" in text
    assert f"Emplois annoncés\n1{NNBSP}220" in text
    assert "Emplois par projet\n33,9" in text
    assert "Part des emplois de la région\n22,9\u00a0%" in text
    assert "1er sur 12" in text
    assert "Source : Région Auvergne-Rhône-Alpes, communiqué de presse, 2022" in text


def test_approximate_figures_keep_their_wording(desktop):
    assert "près de 670" in desktop.open_popup("38")
    desktop.close_popup()
    assert "plus de 100" in desktop.open_popup("73")
    desktop.close_popup()
    assert "environ 100" in desktop.open_popup("03")


def test_switching_to_projets_changes_fills_and_legend(desktop):
    ARTIFACTS.mkdir(exist_ok=True)
    before = desktop.fills()
    assert desktop.visible_legend().startswith("Emplois annoncés")
    desktop.page.screenshot(path=ARTIFACTS / "carte-emplois-desktop.png")
    desktop.page.get_by_role("radio", name="Projets", exact=True).check()
    desktop.settle()
    after = desktop.fills()
    assert desktop.visible_legend().startswith("Projets soutenus")
    assert "27 à 36" in desktop.visible_legend()
    assert before != after
    # Rhône leads both views; Haute-Savoie is 4th for jobs but mid-table for projects.
    assert after["74"] != before["74"]
    desktop.page.locator("path.relocmap-dep-42").hover()
    assert desktop.page.locator(".leaflet-tooltip").inner_text().endswith("22 projets")
    desktop.page.screenshot(path=ARTIFACTS / "carte-projets-desktop.png")
    desktop.page.get_by_role("radio", name="Emplois", exact=True).check()
    assert desktop.fills() == before
    assert desktop.errors == []


def test_view_switch_is_one_labelled_radio_group(desktop):
    radios = desktop.page.locator("input[type=radio][name=relocmap-view]")
    assert radios.count() == 3
    assert desktop.page.get_by_role("radio", name="Emplois", exact=True).is_checked()
    assert not desktop.page.get_by_role("radio", name="Projets", exact=True).is_checked()


def test_title_sources_and_attribution_are_shown(desktop):
    assert (
        desktop.page.locator(".relocmap-title h1").inner_text()
        == "Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )
    assert "décembre 2021" in desktop.page.locator(".relocmap-subtitle").inner_text()
    attribution = desktop.page.locator(".leaflet-control-attribution").inner_text()
    assert "Région Auvergne-Rhône-Alpes" in attribution
    assert "IGN ADMIN EXPRESS et INSEE, Licence Ouverte" in attribution
    assert "Esri" in attribution  # the tiles' own attribution


def test_page_opens_framed_on_the_region(desktop):
    inside = desktop.page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getBoundingClientRect());
        const left = Math.min(...boxes.map(b => b.left)), right = Math.max(...boxes.map(b => b.right));
        const top = Math.min(...boxes.map(b => b.top)), bottom = Math.max(...boxes.map(b => b.bottom));
        // inside the window, and filling a good part of it
        return [left >= 0, top >= 0, right <= innerWidth, bottom <= innerHeight,
                (bottom - top) > 0.5 * innerHeight];
    }""")
    assert inside == [True, True, True, True, True]


def test_only_leaflet_and_tiles_are_requested(desktop):
    hosts = {url.split("/")[2] for url in desktop.requests}
    assert hosts == {"unpkg.com", "server.arcgisonline.com"}, desktop.requests


def test_phone_window_shows_map_controls_and_popup(browser, built_page):
    visit = Visit(browser, built_page, PHONE)
    try:
        page = visit.page
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for selector in (".relocmap-title", ".relocmap-views", ".relocmap-legends"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], selector
        text = visit.open_popup("69")
        assert "36" in text
        # The map pans the popup clear of the title box (an animation: wait for it).
        page.wait_for_function(
            """() => {
            const popup = document.querySelector('.leaflet-popup').getBoundingClientRect();
            const title = document.querySelector('.relocmap-title').getBoundingClientRect();
            return popup.top >= title.bottom;
        }""",
            timeout=5000,
        )
        page.wait_for_timeout(400)  # the end of the pan, before clicking the close button
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "carte-emplois-phone.png")
        visit.close_popup()
        page.get_by_role("radio", name="Projets", exact=True).check()
        page.screenshot(path=ARTIFACTS / "carte-projets-phone.png")
        assert visit.errors == []
    finally:
        visit.close()


def test_text_from_the_csv_never_runs_as_script(browser, tmp_path, repo_root):
    data = tmp_path / "relocalisations.csv"
    hostile = (
        '"</script><script>alert(1)</script><script>window.pwned=1</script>'
        '<img src=x onerror=""window.pwned=2"">"'
    )
    data.write_text(
        "code,departement,projets,emplois,emplois_precision,projets_precision,note\n"
        f"69,Rhône,36,1220,exact,exact,{hostile}\n"
        "38,Isère,26,670,pres_de,exact,'\"&amp; <b>gras</b>\n",
        encoding="utf-8",
    )
    build_map(
        data,
        repo_root / "geo" / "departements.geojson",
        tmp_path / "out",
        None,
        MapOptions(tiles=None),
    )
    visit = Visit(browser, tmp_path / "out" / "carte.html", DESKTOP)
    try:
        dialogs = []  # an alert() that ran would open one
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        visit.page.reload()
        visit.page.wait_for_selector("html.relocmap-ready")
        text = visit.open_popup("69")
        assert "</script><script>alert(1)</script><script>window.pwned=1</script>" in text
        assert visit.page.evaluate("window.pwned === undefined")
        assert dialogs == []
        assert "'\"&amp; <b>gras</b>" in visit.open_popup("38")
        assert visit.page.locator(".leaflet-popup-content b").count() == 0
        assert visit.errors == []
    finally:
        visit.close()


def test_a_name_that_closes_the_script_shows_as_text(browser, tmp_path, paths):
    """A name is plain text in the page's configuration: only its JSON escaping stops it
    from ending the block; the script writes it as text in the tooltip and the label."""

    page_file = tmp_path / "carte.html"
    page_file.write_text(page_with_hostile_name(paths), encoding="utf-8")
    visit = Visit(browser, page_file, DESKTOP)
    try:
        dialogs = []  # an alert() that ran would open one
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        visit.page.reload()
        visit.page.wait_for_selector("html.relocmap-ready")
        assert len(visit.fills()) == 12
        visit.page.locator("path.relocmap-dep-69").hover()
        tooltip = visit.page.locator(".leaflet-tooltip")
        tooltip.wait_for()
        assert tooltip.inner_text().split("\n") == [HOSTILE_NAME, f"1{NNBSP}220 emplois"]
        assert tooltip.locator("script").count() == 0
        assert HOSTILE_NAME in visit.page.locator(".relocmap-label").all_text_contents()
        assert dialogs == [] and visit.errors == []
    finally:
        visit.close()


def test_department_without_row_is_grey_with_its_own_legend_entry(browser, tmp_path, repo_root):
    source = (repo_root / "data" / "relocalisations.csv").read_text(encoding="utf-8")
    data = tmp_path / "relocalisations.csv"
    data.write_text(
        "\n".join(line for line in source.splitlines() if not line.startswith("15,")) + "\n",
        encoding="utf-8",
    )
    build_map(
        data,
        repo_root / "geo" / "departements.geojson",
        tmp_path / "out",
        None,
        MapOptions(tiles=None),
    )
    visit = Visit(browser, tmp_path / "out" / "carte.html", DESKTOP)
    try:
        fills = visit.fills()
        assert len(fills) == 12 and fills["15"] == "#d9d9d9"
        assert "Pas de données" in visit.visible_legend()
        assert "Pas de données publiées" in visit.open_popup("15")
        # (No tooltip while a popup is open.)
        visit.page.keyboard.press("Escape")
        visit.page.locator(".leaflet-popup").wait_for(state="detached")
        visit.page.locator("path.relocmap-dep-15").hover()
        assert "pas de données" in visit.page.locator(".leaflet-tooltip").inner_text()
    finally:
        visit.close()


# --- rates, symbols, headline, table, accessibility, embedding ---------------------


def test_rate_view_has_its_own_fills_and_legend(desktop):
    jobs = desktop.fills()
    desktop.page.get_by_role("radio", name="Emplois pour 10\u202f000 habitants").check()
    desktop.settle()
    rates = desktop.fills()
    assert rates != jobs
    legend = desktop.visible_legend()
    assert legend.startswith("Emplois pour 10\u202f000 habitants") and "9,0 à 11,4" in legend
    assert "population municipale INSEE 2017" in legend
    # Haute-Savoie has the highest rate (917 jobs for 807 360 inhabitants), not the most jobs.
    assert rates["74"] == "#993404" and jobs["74"] != jobs["69"]
    desktop.page.locator("path.relocmap-dep-74").hover()
    # A tooltip closed just before may still be fading out (200 ms): wait for the one.
    expect(desktop.page.locator(".leaflet-tooltip")).to_have_count(1)
    assert (
        desktop.page.locator(".leaflet-tooltip")
        .inner_text()
        .endswith("11,4 emplois pour 10\u202f000 habitants")
    )
    ARTIFACTS.mkdir(exist_ok=True)
    desktop.page.screenshot(path=ARTIFACTS / "carte-taux-desktop.png")


def test_popup_gives_the_figure_per_inhabitant(desktop):
    assert "Emplois pour 10\u202f000 habitants\n6,6" in desktop.open_popup("69")
    desktop.close_popup()
    assert "Emplois pour 10\u202f000 habitants\nenviron 5,3" in desktop.open_popup("38")


def test_proportional_circles_over_any_view(desktop):
    page = desktop.page
    assert page.locator("path.relocmap-circle").count() == 0
    assert page.locator(".relocmap-circle-legend").is_hidden()
    page.get_by_role("radio", name="Projets", exact=True).check()
    page.get_by_role("checkbox", name="Cercles : emplois").check()
    desktop.settle()
    circles = page.locator("path.relocmap-circle")
    assert circles.count() == 12
    # Area proportional to jobs: radius ratio Rhône / Cantal = sqrt(1220 / 5).
    sizes = page.evaluate("""() => Object.fromEntries(['69', '15', '38'].map(code => {
        const box = document.querySelector('path.relocmap-circle-' + code).getBoundingClientRect();
        return [code, box.width];
    }))""")
    assert sizes["69"] / sizes["15"] == pytest.approx((1220 / 5) ** 0.5, rel=0.12)
    assert sizes["69"] / sizes["38"] == pytest.approx((1220 / 670) ** 0.5, rel=0.05)
    legend = page.locator(".relocmap-circle-legend")
    assert legend.is_visible()
    assert legend.locator("text").all_text_contents() == ["1\u202f000", "500", "100"]
    page.locator("path.relocmap-circle-38").hover()
    assert page.locator(".leaflet-tooltip").inner_text().split("\n") == [
        "Isère",
        "près de 670 emplois",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "carte-projets-cercles-desktop.png")
    page.get_by_role("checkbox", name="Cercles : emplois").uncheck()
    assert page.locator("path.relocmap-circle").count() == 0
    assert legend.is_hidden()
    assert desktop.errors == []


def test_headline_gives_totals_progress_budget_and_date(desktop):
    headline = desktop.page.locator(".relocmap-headline")
    assert headline.evaluate("element => element.open")
    text = headline.inner_text()
    assert "190 projets · plus de 5\u202f300 emplois" in text
    assert "Somme des départements : 5\u202f320 emplois (total publié : 5\u202f306)" in text
    assert "17,7\u00a0% de l’objectif de 30\u202f000 emplois industriels en 6 ans" in text
    assert "Budget : 1,2 milliard d'euros · plan adopté en décembre 2021" in text
    bar = desktop.page.get_by_role("progressbar")
    assert (
        bar.get_attribute("aria-valuenow") == "5306"
        and bar.get_attribute("aria-valuemax") == "30000"
    )
    fill = bar.locator("span").bounding_box()["width"] / bar.bounding_box()["width"]
    assert fill == pytest.approx(0.177, abs=0.01)


def test_headline_is_folded_on_a_phone(browser, built_page):
    visit = Visit(browser, built_page, PHONE)
    try:
        headline = visit.page.locator(".relocmap-headline")
        assert not headline.evaluate("element => element.open")
        visit.page.locator(".relocmap-headline summary").click()
        assert headline.evaluate("element => element.open")
        assert "17,7" in headline.inner_text()
    finally:
        visit.close()


def test_figures_table_opens_with_the_keyboard_and_sorts(desktop):
    page = desktop.page
    button = page.get_by_role("button", name="Tableau des chiffres")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    table = dialog.get_by_role("table")
    assert table.locator("caption").inner_text().startswith("Relocalisations industrielles")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == [
        "Département",
        "Projets",
        "Emplois (tels que publiés)",
        "Emplois pour 10\u202f000 habitants",
        "Part des emplois de la région",
    ]
    first_column = table.locator("tbody th[scope=row]")
    assert first_column.count() == 12
    isere = table.locator("tbody tr", has_text="Isère (38)").locator("td").all_inner_texts()
    assert isere == ["26", "près de 670", "environ 5,3", "environ 12,6\u00a0%"]
    table.get_by_role("button", name="Emplois (tels que publiés)").click()
    assert first_column.first.inner_text() == "Cantal (15)"
    table.get_by_role("button", name="Emplois (tels que publiés)").click()
    assert first_column.first.inner_text() == "Rhône (69)"
    assert table.locator("th[aria-sort=descending]").count() == 1
    footer = table.locator("tfoot").inner_text()
    assert "5\u202f320" in footer and "plus de 5\u202f300 emplois (5\u202f306)" in footer
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert desktop.errors == []


def test_map_has_an_accessible_name_and_summary(desktop):
    region = desktop.page.get_by_role(
        "region", name="Carte : Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )
    assert region.count() == 1
    summary_id = region.get_attribute("aria-describedby")
    summary = desktop.page.locator(f"#{summary_id}").inner_text()
    assert "12 départements" in summary and "Rhône" in summary


def contrast(rgb_a: tuple, rgb_b: tuple) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_legend_text_meets_wcag_aa_contrast(desktop):
    colours = desktop.page.evaluate("""() => [...document.querySelectorAll(
            '.relocmap-legends p, .relocmap-legends li, .relocmap-switch label, .relocmap-title p')]
        .filter(el => el.offsetParent !== null)
        .map(el => getComputedStyle(el).color.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number))""")
    assert colours
    # Boxes are white at 94 % opacity over the map: check against the darkest case, a
    # dark-blue class colour (#253494) showing through.
    background = tuple(round(0.94 * 255 + 0.06 * c) for c in (0x25, 0x34, 0x94))
    assert min(contrast(tuple(c), background) for c in colours) >= 4.5


def test_map_works_embedded_in_an_iframe_on_a_phone(browser, built_page, tmp_path):
    snippet = (built_page.parent / "carte-iframe.html").read_text(encoding="utf-8")
    assert 'loading="lazy"' in snippet and 'title="Carte : ' in snippet
    host = tmp_path / "article.html"
    host.write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        '<body style="margin:0 12px"><h1>Article</h1><p>Texte.</p>'
        + snippet.replace('src="carte.html"', f'src="{built_page.as_uri()}"')
        + "<p>Suite.</p></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", lambda route: Visit._route(_Recorder(), route))
    try:
        page.goto(host.as_uri())
        frame_box = page.locator("iframe").bounding_box()
        assert frame_box["width"] == pytest.approx(PHONE["width"] - 24, abs=1)
        assert 450 <= frame_box["height"] <= 640
        frame = page.frame_locator("iframe")
        frame.locator("html.relocmap-ready").wait_for()
        assert frame.locator("path.relocmap-dep").count() == 12
        frame.locator("path.relocmap-dep-69").click()
        assert "36" in frame.locator(".leaflet-popup-content", has_text="(69)").inner_text()
        for selector in (".relocmap-title", ".relocmap-views", ".relocmap-legends"):
            box = frame.locator(selector).bounding_box()
            assert (
                frame_box["x"] <= box["x"]
                and box["x"] + box["width"] <= frame_box["x"] + frame_box["width"]
            )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "carte-iframe-phone.png")
        assert errors == []
    finally:
        context.close()


class _Recorder:
    """Stands in for a Visit when routing requests of a host page."""

    def __init__(self):
        self.requests = []


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": 740, "height": 360},
        {"width": 640, "height": 460},
        {"width": 1000, "height": 460},
        {"width": 768, "height": 1024},
    ],
)
def test_short_and_odd_windows_show_the_whole_region(browser, built_page, viewport):
    """Regression: landscape phones and small iframes opened zoomed into one department."""
    visit = Visit(browser, built_page, viewport)
    try:
        box = visit.page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getBoundingClientRect());
            return {left: Math.min(...boxes.map(b => b.left)), right: Math.max(...boxes.map(b => b.right)),
                    top: Math.min(...boxes.map(b => b.top)), bottom: Math.max(...boxes.map(b => b.bottom))};
        }""")
        assert box["left"] >= 0 and box["top"] >= 0
        assert box["right"] <= viewport["width"] and box["bottom"] <= viewport["height"]
        assert box["bottom"] - box["top"] > 0.25 * viewport["height"]
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(
            path=ARTIFACTS / f"carte-{viewport['width']}x{viewport['height']}.png"
        )
        assert visit.errors == []
    finally:
        visit.close()


def test_popups_do_not_push_the_region_away(desktop):
    """Regression: every popup panned the map 300 px down, below the title box's height."""

    def centre_y():
        box = desktop.page.locator("path.relocmap-dep-38").bounding_box()
        return box["y"] + box["height"] / 2

    before = centre_y()
    desktop.open_popup("01")
    desktop.page.wait_for_timeout(400)  # the pan is animated
    assert abs(centre_y() - before) < 60


def test_leaflet_controls_speak_french(desktop):
    page = desktop.page
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    desktop.open_popup("69")
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"
    attribution = page.locator(".leaflet-control-attribution")
    assert "Fond de carte © Esri" in attribution.inner_text()
    assert "Tiles" not in attribution.inner_text()
    assert "interactive maps" not in attribution.inner_html()


def test_departments_have_accessible_names(desktop):
    names = desktop.page.evaluate(
        "() => [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getAttribute('aria-label'))"
    )
    assert "Rhône (69)" in names and len(names) == 12


def test_click_outside_the_table_closes_it(desktop):
    page = desktop.page
    page.get_by_role("button", name="Tableau des chiffres").click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    page.mouse.click(5, 790)  # the dimmed page, outside the dialog box
    assert not dialog.is_visible()


def test_labels_never_overlap_on_an_all_france_map(browser, tmp_path, repo_root):
    from relocmap.inputs.boundaries import read_boundaries

    boundaries = read_boundaries(repo_root / "geo" / "departements.geojson")
    data = tmp_path / "france.csv"
    data.write_text(
        "code,departement,projets,emplois,emplois_precision\n"
        + "".join(
            f"{code},{name},{i % 40},{(i * 37) % 1500},exact\n"
            for i, (code, name) in enumerate(boundaries["nom"].items())
        ),
        encoding="utf-8",
    )
    build_map(
        data,
        repo_root / "geo" / "departements.geojson",
        tmp_path / "out",
        None,
        MapOptions(tiles=None),
    )
    visit = Visit(browser, tmp_path / "out" / "carte.html", DESKTOP)
    try:

        def visible_boxes():
            return visit.page.evaluate("""() => [...document.querySelectorAll('.relocmap-label')]
                .filter(label => label.style.visibility !== 'hidden')
                .map(label => label.firstChild.getBoundingClientRect())
                .map(b => [b.left, b.top, b.right, b.bottom])""")

        def overlapping(boxes):
            return [
                (a, b)
                for i, a in enumerate(boxes)
                for b in boxes[i + 1 :]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            ]

        boxes = visible_boxes()
        assert 30 <= len(boxes) < 101 and overlapping(boxes) == []
        visit.page.locator(".leaflet-control-zoom-in").click()
        visit.page.wait_for_timeout(500)
        more = visible_boxes()
        assert len(more) > len(boxes) and overlapping(more) == []
        assert visit.errors == []
    finally:
        visit.close()


def test_turning_a_phone_rearranges_the_page(browser, built_page):
    """The layout follows the window: portrait phone (the reader's layout: the switch
    above the map, in the page) → landscape → desktop (boxes on the map)."""
    visit = Visit(browser, built_page, PHONE)
    page = visit.page
    try:

        def switch_corner():
            return page.evaluate("""() => {
                const corner = document.querySelector('.relocmap-views').parentNode;
                if (corner === document.body) return 'page';
                return corner.className.match(/leaflet-(top|bottom) leaflet-(left|right)/)[0];
            }""")

        def region_inside():
            return page.evaluate("""() => {
                const boxes = [...document.querySelectorAll('path.relocmap-dep')].map(p => p.getBoundingClientRect());
                return Math.min(...boxes.map(b => b.left)) >= 0 && Math.min(...boxes.map(b => b.top)) >= 0 &&
                       Math.max(...boxes.map(b => b.right)) <= innerWidth &&
                       Math.max(...boxes.map(b => b.bottom)) <= innerHeight;
            }""")

        assert switch_corner() == "page" and region_inside()
        for viewport, corner in (
            ({"width": 740, "height": 360}, "leaflet-bottom leaflet-left"),
            (DESKTOP, "leaflet-top leaflet-right"),
        ):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(700)  # resize is debounced, then the map is framed again
            assert switch_corner() == corner
            assert region_inside(), viewport
        page.get_by_role("radio", name="Projets", exact=True).check()  # still wired after the move
        assert visit.visible_legend().startswith("Projets soutenus")
        assert visit.errors == []
    finally:
        visit.close()


# --- content first: the page without its script ----------------------------------


def assert_readable_without_map(page) -> None:
    """Title, headline, the French note and the whole figures table are shown."""
    assert (
        page.locator("h1").inner_text() == "Relocalisations industrielles en Auvergne-Rhône-Alpes"
    )
    assert page.locator("h1").is_visible()
    headline = page.locator(".relocmap-headline")
    assert (
        headline.is_visible()
        and "190 projets · plus de 5\u202f300 emplois" in headline.inner_text()
    )
    note = page.locator(".relocmap-fallback")
    assert note.is_visible() and "tableau ci-dessous" in note.inner_text()
    table = page.get_by_role("table")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 12
    assert "Rhône (69)" in table.inner_text() and "près de 670" in table.inner_text()
    assert page.locator(".folium-map").is_hidden()


def test_page_reads_without_javascript(browser, built_page):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(built_page.as_uri())
        assert_readable_without_map(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "carte-sans-javascript.png", full_page=True)
    finally:
        context.close()


def test_page_reads_when_leaflet_cannot_load(browser, built_page):
    """A blocked CDN (proxy, privacy extension): every request to unpkg.com is aborted."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(built_page.as_uri())
        page.wait_for_load_state("load")
        assert_readable_without_map(page)
        assert errors == []  # the page script stops quietly without Leaflet
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "carte-sans-leaflet-phone.png", full_page=True)
    finally:
        context.close()


def test_with_the_map_the_table_is_in_its_dialog_and_the_note_hidden(desktop):
    page = desktop.page
    assert page.locator(".relocmap-fallback").is_hidden()
    assert page.locator("#relocmap-table-dialog #relocmap-figures").count() == 1
    assert page.get_by_role("table").is_hidden()
    assert page.locator(".leaflet-control.relocmap-title h1").count() == 1


def test_one_tooltip_at_a_time_whatever_opened_them(desktop):
    """Regression: a tooltip opened by the keyboard (focus) while another was open from the
    mouse left both on screen. A closed tooltip fades out for 200 ms (Leaflet), hence the
    waiting count."""
    page = desktop.page
    tooltips = page.locator(".leaflet-tooltip")
    page.locator("path.relocmap-dep-69").hover()
    page.locator("path.relocmap-dep-01").focus()
    expect(tooltips).to_have_count(1)
    assert tooltips.inner_text().startswith("Ain")
    page.get_by_role("radio", name="Projets", exact=True).check()
    desktop.settle()
    page.locator("path.relocmap-dep-74").hover()
    expect(tooltips).to_have_count(1)
    assert tooltips.inner_text().startswith("Haute-Savoie")
