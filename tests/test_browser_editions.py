"""The page with several publications (issue 12) in Chromium, on FICTITIOUS figures.

tests/data/publications-fictives holds three publications INVENTED for the tests (every
figure and source says FICTIF; none is the Région's): 2022-10, 2023-06 (Cantal new,
Loire's jobs down), 2024-01 (Ardèche dropped). The page is built from them once for this
module; one browser (the session's) and one page per window size are reused, each test
loading the page afresh. Expected colours come from the page's own configuration (what
Python classified); the sign of each change comes from the CSV files themselves.
Screenshots land in test-artifacts/editions-*.png.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from helpers import REPO_ROOT, page_config
from test_a11y import axe_violations
from test_browser import ARTIFACTS, NNBSP, Visit
from test_browser_layout import MEASURE, POPUP_CLEAR, overlapping

from relocmap.build import build_map
from relocmap.page import MapOptions

pytestmark = pytest.mark.browser

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"
EDITIONS = ["2022-10", "2023-06", "2024-01"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MEDIUM = {"width": 720, "height": 640}

# FICTITIOUS figures of tests/data/publications-fictives, as the page writes them.
TOTALS = {
    "2022-10": f"158 projets · 4{NNBSP}400 emplois",
    "2023-06": f"188 projets · 5{NNBSP}180 emplois",
    "2024-01": f"205 projets · 5{NNBSP}725 emplois",
}
LOIRE_HISTORY = [  # FICTIF: Loire (42) in each publication: label, projects, jobs
    ["octobre 2022", "20", "450"],
    ["juin 2023", "21", "420"],
    ["janvier 2024", "24", "500"],
]
COMPARED = {  # the Évolution legend's line
    "2023-06": "Juin 2023, par rapport à octobre 2022",
    "2024-01": "Janvier 2024, par rapport à juin 2023",
}
LOIRE_CHANGE_2023 = "Depuis octobre 2022 : −30 emplois, +1 projet"  # FICTIF


# --- the page, its configuration and the published figures --------------------------


@pytest.fixture(scope="module")
def multi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """carte.html built from the three FICTITIOUS publications (no tiles)."""
    out = tmp_path_factory.mktemp("editions-out")
    build_map(
        FICTIVES, REPO_ROOT / "geo" / "departements.geojson", out, None, MapOptions(tiles=None)
    )
    return out / "carte.html"


@pytest.fixture(scope="module")
def config(multi: Path) -> dict:
    return page_config(multi.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def jobs() -> dict[str, dict[str, int]]:
    """Jobs by department in each FICTITIOUS publication, read from its CSV: the oracle
    for the sign of the change, independent of the page's configuration."""
    found = {}
    for key in EDITIONS:
        with (FICTIVES / key / "relocalisations.csv").open(encoding="utf-8") as handle:
            found[key] = {row["code"]: int(row["emplois"]) for row in csv.DictReader(handle)}
    return found


class Page(Visit):
    """A Visit that loads the page again, at an address, for each test."""

    def __init__(self, browser, path: Path, viewport: dict):
        self.path = path
        super().__init__(browser, path, viewport)

    def open(self, address: str = "") -> Page:
        """A fresh load (not a hash change) of the page at ``address`` (``#vue=…``);
        the errors of earlier tests are forgotten."""
        self.page.goto("about:blank")
        self.errors.clear()
        self.page.goto(self.path.as_uri() + address)
        self.page.wait_for_selector("html.relocmap-ready")
        return self

    def state(self) -> dict:
        """What the page shows now, as a reader sees it."""
        return self.page.evaluate("""() => {
            const select = document.querySelector('select[name=relocmap-edition]');
            const legend = document.querySelector('.relocmap-legend:not([hidden])');
            return {
                publication: select ? select.value : null,
                view: document.querySelector('input[name=relocmap-view]:checked').value,
                address: location.hash,
                legend: legend.getAttribute('data-view'),
                when: legend.querySelector('.relocmap-legend-when').textContent,
                totals: document.querySelector('.relocmap-headline-body .relocmap-totals').textContent,
                current: [...document.querySelectorAll('.relocmap-trajectory circle.relocmap-current')]
                    .map(dot => dot.getAttribute('data-edition')),
            };
        }""")

    def choose(self, key: str) -> None:
        self.page.locator("select[name=relocmap-edition]").select_option(key)

    def focused(self) -> str:
        """A short name of the element that has the keyboard focus."""
        return self.page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return 'body';
            if (e.tagName === 'SELECT') return 'select ' + e.value;
            if (e.type === 'radio') return 'radio ' + e.value;
            if (e.type === 'checkbox') return 'checkbox ' + e.name;
            if (e.classList.contains('leaflet-popup')) return 'popup';
            if (e.classList.contains('leaflet-container')) return 'map';
            return e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
        }""")

    def tab_until(self, wanted, limit: int = 30) -> int:
        """Press Tab until ``wanted(focused name)`` holds; the number of presses."""
        for count in range(1, limit + 1):
            self.page.keyboard.press("Tab")
            if wanted(self.focused()):
                return count
        raise AssertionError(f"not reached with {limit} Tab presses; at {self.focused()!r}")

    def settle(self) -> None:
        """Wait for Leaflet's animations (popup fade, pan, framing) to end."""
        self.page.wait_for_timeout(450)


@pytest.fixture(scope="module")
def pages(browser, multi: Path):
    """One page per window size for the whole module (closed at its end)."""
    opened: dict[tuple[int, int], Page] = {}

    def get(viewport: dict) -> Page:
        key = (viewport["width"], viewport["height"])
        if key not in opened:
            opened[key] = Page(browser, multi, viewport)
        return opened[key]

    yield get
    for page in opened.values():
        page.close()


@pytest.fixture
def desktop(pages) -> Page:
    return pages(DESKTOP).open()


def view_index(config: dict, view: str) -> int:
    return [item["key"] for item in config["views"]].index(view)


def classes(config: dict, edition: str, view: str) -> dict[str, int | None]:
    """Each department's class index in ``view`` for ``edition``, from the configuration."""
    at = [item["key"] for item in config["editions"]].index(edition)
    column = view_index(config, view)
    found = {}
    for feature in config["features"]["features"]:
        entry = feature["properties"]["editions"][at] or {}
        found[feature["id"]] = (entry.get("classes") or [None] * len(config["views"]))[column]
    return found


def expected_fills(config: dict, edition: str, view: str) -> dict[str, str]:
    """The fill of each department in ``view`` for ``edition``: its class colour, or the
    no-data colour."""
    colors = config["views"][view_index(config, view)]["colors"]
    return {
        code: config["noDataColor"] if index is None else colors[index]
        for code, index in classes(config, edition, view).items()
    }


def rgb(colour: str) -> tuple[int, int, int]:
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", colour), colour
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def table_rows(visit: Page) -> dict[str, list[str]]:
    """The figures table as a reader sees it (dialog opened with its button, then closed):
    caption, each department's cells by code, footer and source."""
    page = visit.page
    page.get_by_role("button", name="Tableau des chiffres").click()
    dialog = page.locator("#relocmap-table-dialog")
    dialog.get_by_role("table").wait_for()
    found = {
        "caption": [dialog.locator("caption").inner_text()],
        "foot": [dialog.locator("tfoot").inner_text()],
        "source": [dialog.locator(".relocmap-table-source").inner_text()],
        "order": [row.get_attribute("data-code") for row in dialog.locator("tbody tr").all()],
    }
    for row in dialog.locator("tbody tr[data-code]").all():
        found[row.get_attribute("data-code")] = row.locator("td").all_inner_texts()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    return found


def history_rows(visit: Page) -> list[list[str]]:
    """The open popup's table of every publication: label, projects, jobs; the current
    row marked with a trailing '*' (aria-current=true)."""
    rows = visit.page.locator(".leaflet-popup table.relocmap-history tbody tr")
    return [
        [row.locator("th").inner_text(), *row.locator("td").all_inner_texts()]
        + (["*"] if row.get_attribute("aria-current") == "true" else [])
        for row in rows.all()
    ]


# --- 1. the default: the latest publication ------------------------------------------


def test_the_page_opens_on_the_latest_publication(desktop: Page, config: dict) -> None:
    page = desktop.page
    # Invented figures say so in every title (the facts set donnees_fictives).
    title = "FICTIF — Relocalisations industrielles en Auvergne-Rhône-Alpes"
    assert page.title() == title and page.locator("h1").inner_text() == title
    select = page.locator("select[name=relocmap-edition]")
    assert select.locator("option").all_inner_texts() == [
        "octobre 2022",
        "juin 2023",
        "janvier 2024",
    ]
    assert desktop.state() == {
        "publication": "2024-01",
        "view": "emplois",
        "address": "",  # nothing chosen yet: the address is left as it was
        "legend": "emplois",
        "when": "Chiffres publiés en janvier 2024",
        "totals": TOTALS["2024-01"],
        "current": ["2024-01"],
    }
    fills = desktop.fills()
    assert fills == expected_fills(config, "2024-01", "emplois")
    # Ardèche was dropped from the latest publication: grey; Cantal (new in 2023-06) is not.
    assert fills["07"] == config["noDataColor"] != fills["15"]
    assert (
        page.locator(".relocmap-subtitle").inner_text().endswith("chiffres publiés en janvier 2024")
    )
    assert desktop.errors == []


# --- 2. choosing another publication ---------------------------------------------------


@pytest.mark.parametrize("how", ["select_option", "arrow_key"])
def test_choosing_a_publication_moves_every_part_of_the_page(
    desktop: Page, config: dict, how: str
) -> None:
    page = desktop.page
    latest_table = table_rows(desktop)
    # FICTIF: Ardèche (07) was dropped from 2024-01, Loire (42) had 24 projects, 500 jobs.
    assert latest_table["07"][:2] == ["–", "pas de données"]
    assert latest_table["42"][:2] == ["24", "500"]
    if how == "select_option":
        desktop.choose("2023-06")
    else:
        page.locator("select[name=relocmap-edition]").focus()
        page.keyboard.press("ArrowUp")
    assert desktop.state() == {
        "publication": "2023-06",
        "view": "emplois",
        "address": "#vue=emplois&publication=2023-06",
        "legend": "emplois",
        "when": "Chiffres publiés en juin 2023",
        "totals": TOTALS["2023-06"],
        "current": ["2023-06"],
    }
    fills = desktop.fills()
    assert fills == expected_fills(config, "2023-06", "emplois")
    assert fills != expected_fills(config, "2024-01", "emplois")
    assert fills["07"] != config["noDataColor"]  # Ardèche has figures in 2023-06
    headline = page.locator(".relocmap-headline-body")
    assert "17,3\u00a0%" in headline.inner_text()  # FICTIF 5 180 / 30 000
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "5180"
    assert page.locator(".relocmap-subtitle").inner_text().endswith("chiffres publiés en juin 2023")
    assert "(2023-06)" in page.locator(".leaflet-control-attribution").inner_text()

    table = table_rows(desktop)
    assert table["caption"][0].endswith(", juin 2023")
    features = config["features"]["features"]
    texts = next(f for f in features if f["id"] == "42")["properties"]["editions"][1]["texts"]
    assert table["42"] == [texts[0], texts[1], texts[3], texts[4]]
    assert table["42"][:2] == ["21", "420"] and table["07"][:2] == ["7", "170"]  # FICTIF
    assert f"5{NNBSP}180" in table["foot"][0] and "(2023-06)" in table["source"][0]

    text = desktop.open_popup("42")
    assert text.startswith("Loire (42)")
    assert "Emplois annoncés\n420" in text and "Projets soutenus\n21" in text
    assert page.locator(".leaflet-popup p.relocmap-change").inner_text() == LOIRE_CHANGE_2023
    assert history_rows(desktop) == [
        LOIRE_HISTORY[0],
        LOIRE_HISTORY[1] + ["*"],
        LOIRE_HISTORY[2],
    ]
    assert "(2023-06)" in page.locator(".leaflet-popup .relocmap-source").inner_text()
    assert desktop.errors == []


def test_a_sorted_table_stays_sorted_in_another_publication(desktop: Page) -> None:
    page = desktop.page
    page.get_by_role("button", name="Tableau des chiffres").click()
    jobs_header = page.get_by_role("button", name="Emplois (tels que publiés)")
    jobs_header.click()
    jobs_header.click()  # descending
    page.keyboard.press("Escape")
    desktop.choose("2022-10")
    table = table_rows(desktop)
    assert table["caption"][0].endswith(", octobre 2022")
    # FICTIF 2022-10: Rhône 1 000 jobs first, Haute-Savoie 700 next; Cantal, without
    # figures in that publication, last.
    assert table["order"][:2] == ["69", "74"] and table["order"][-1] == "15"
    assert table["15"] == ["–", "pas de données", "–", "–"]
    assert page.locator("#relocmap-table-dialog th[aria-sort=descending]").inner_text() == (
        "Emplois (tels que publiés)"
    )
    assert desktop.errors == []


def test_circles_follow_the_publication(desktop: Page) -> None:
    page = desktop.page
    page.get_by_role("checkbox", name="Cercles : emplois").check()

    def widths() -> dict[str, float | None]:
        return page.evaluate("""() => Object.fromEntries(['69', '15'].map(code => {
            const circle = document.querySelector('path.relocmap-circle-' + code);
            return [code, circle ? circle.getBoundingClientRect().width : null];
        }))""")

    latest = widths()
    desktop.choose("2022-10")
    first = widths()
    # Area proportional to jobs (FICTIF Rhône: 1 390 then 1 000); no Cantal figures in
    # 2022-10: no circle at all (regression: Leaflet drew a 1 px dot for radius 0).
    assert latest["69"] is not None and first["69"] is not None
    assert latest["69"] / first["69"] == pytest.approx((1390 / 1000) ** 0.5, rel=0.05)
    assert latest["15"] is not None and latest["15"] > 8
    assert first["15"] is None
    desktop.choose("2024-01")
    assert widths()["15"] == pytest.approx(latest["15"], rel=0.02)
    assert desktop.errors == []


# --- 3. the Évolution view --------------------------------------------------------------


def test_evolution_colours_follow_the_sign_of_the_change(
    desktop: Page, config: dict, jobs: dict[str, dict[str, int]]
) -> None:
    page = desktop.page
    view = config["views"][view_index(config, "evolution")]
    assert view["change"] is True and view["name"] == "evolution"
    colors = view["colors"]
    page.get_by_role("radio", name="Évolution").check()
    legend = page.locator(".relocmap-legend[data-view=evolution]")
    assert legend.is_visible()
    # Each legend entry by its swatch colour: "−30", "+10 à +50", …, "nouveau".
    entries = dict(
        zip(
            legend.locator(".relocmap-swatch").evaluate_all(
                "spans => spans.map(s => s.style.background)"
            ),
            legend.locator("li").all_inner_texts(),
            strict=True,
        )
    )

    def entry(colour: str) -> str:
        return entries["rgb({}, {}, {})".format(*rgb(colour))]

    for edition in reversed(EDITIONS):
        desktop.choose(edition)
        assert desktop.state()["address"] == f"#vue=evolution&publication={edition}"
        fills = desktop.fills()
        assert fills == expected_fills(config, edition, "evolution"), edition
        when = desktop.state()["when"]
        if edition == EDITIONS[0]:
            assert set(fills.values()) == {config["noDataColor"]}
            assert when == "Octobre 2022 : première publication, pas d’évolution à montrer"
            continue
        previous = EDITIONS[EDITIONS.index(edition) - 1]
        assert when == COMPARED[edition]
        index = classes(config, edition, "evolution")
        losses, gains = [], []
        for code, fill in fills.items():
            before, after = jobs[previous].get(code), jobs[edition].get(code)
            if after is None:  # dropped from this publication
                assert fill == config["noDataColor"], (edition, code)
            elif before is None:  # new in this publication
                assert index[code] == len(colors) - 1 and fill == colors[-1], (edition, code)
                assert entry(fill) == "nouveau"
            elif after < before:
                losses.append(index[code])
                red, _, blue = rgb(fill)
                assert red > blue, (edition, code, fill)
                assert entry(fill).startswith("−"), (edition, code, entry(fill))
            elif after > before:
                gains.append(index[code])
                red, _, blue = rgb(fill)
                assert blue > red, (edition, code, fill)
                assert entry(fill).startswith("+"), (edition, code, entry(fill))
        # The losses' classes come before the gains' in the diverging palette.
        assert gains and (not losses or max(losses) < min(gains)), (edition, losses, gains)
        if edition == "2023-06":
            assert losses, "FICTIF: Loire's jobs went down in 2023-06"
            assert fills["15"] == colors[-1]  # Cantal: nouveau
    assert desktop.errors == []


def test_pas_de_donnees_is_listed_only_with_a_grey_department(desktop: Page, config: dict) -> None:
    """Regression: the Évolution legend listed "Pas de données" in publications where
    every department has a colour."""
    page = desktop.page
    seen = set()
    for view in ("emplois", "evolution"):
        page.locator(f"input[name=relocmap-view][value={view}]").check()
        legend = page.locator(f".relocmap-legend[data-view={view}]")
        for edition in EDITIONS:
            desktop.choose(edition)
            grey = config["noDataColor"] in desktop.fills().values()
            assert ("Pas de données" in legend.inner_text()) == grey, (view, edition)
            seen.add((view, grey))
    # FICTIF: every colour in the later publications' change, none in the first's.
    assert {("evolution", True), ("evolution", False)} <= seen
    assert desktop.errors == []


def test_evolution_tooltip_and_popup_give_the_change(desktop: Page) -> None:
    page = desktop.page
    page.get_by_role("radio", name="Évolution").check()
    desktop.choose("2023-06")
    # (A tooltip left by the pointer's earlier place fades out: pick each by its name.)
    page.locator("path.relocmap-dep-42").hover()
    tooltip = page.locator(".leaflet-tooltip", has_text="Loire")
    assert tooltip.inner_text().split("\n") == ["Loire", "−30 emplois"]  # FICTIF
    page.locator("path.relocmap-dep-15").hover()
    tooltip = page.locator(".leaflet-tooltip", has_text="Cantal")
    assert tooltip.inner_text().split("\n") == ["Cantal", "nouveau"]
    text = desktop.open_popup("42")
    assert LOIRE_CHANGE_2023 in text and "Emplois annoncés\n420" in text
    assert desktop.errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_open_popup_follows_the_publication(pages, viewport) -> None:
    """Regression: choosing another publication closed the open popup. It stays open
    with that publication's figures, and whole in view."""
    visit = pages(viewport).open()
    page = visit.page
    text = visit.open_popup("42")
    assert "Emplois annoncés\n500" in text  # FICTIF, janvier 2024
    visit.choose("2023-06")
    visit.settle()
    popup = page.locator(".leaflet-popup")
    assert popup.count() == 1
    assert "Emplois annoncés\n420" in popup.inner_text()  # FICTIF, juin 2023
    assert "(2023-06)" in page.locator(".leaflet-popup .relocmap-source").inner_text()
    assert page.evaluate(POPUP_CLEAR) == "clear"
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert visit.errors == []


# --- 4. the address ---------------------------------------------------------------------


def test_an_address_opens_its_view_and_publication(pages, config: dict) -> None:
    visit = pages(DESKTOP).open("#vue=evolution&publication=2023-06")
    assert visit.state() == {
        "publication": "2023-06",
        "view": "evolution",
        "address": "#vue=evolution&publication=2023-06",
        "legend": "evolution",
        "when": "Juin 2023, par rapport à octobre 2022",
        "totals": TOTALS["2023-06"],
        "current": ["2023-06"],
    }
    assert visit.page.get_by_role("radio", name="Évolution").is_checked()
    assert visit.fills() == expected_fills(config, "2023-06", "evolution")
    assert visit.errors == []


def test_an_address_frames_the_region_as_choosing_does(pages) -> None:
    """Regression: a page opened at an address kept the layout of the default view's
    legend (the region sat 82 px lower at 720×640 than after the same choice by click)."""

    def region() -> list[float]:
        return pages(MEDIUM).page.evaluate("""() => {
            const box = document.querySelector('path.relocmap-dep-69').getBoundingClientRect();
            return [box.left, box.top, box.width, box.height];
        }""")

    visit = pages(MEDIUM).open()
    visit.choose("2023-06")
    visit.page.get_by_role("radio", name="Évolution").check()
    visit.page.wait_for_timeout(400)  # the frame's animation
    chosen = region()
    visit.open("#vue=evolution&publication=2023-06")
    visit.page.wait_for_timeout(400)
    assert region() == pytest.approx(chosen, abs=1)
    assert visit.errors == []


@pytest.mark.parametrize(
    "address",
    [
        "#vue=nope&publication=1999",
        "#publication=&vue=",
        "#vue=%E0%A4%A&publication=%",  # malformed escapes
        "#vue=emplois_pour_10000_hab",  # a view's key, not its name in the address
        "#vue=evolution&vue=nope&&=&publication",
    ],
)
def test_a_bogus_address_keeps_what_it_cannot_use(pages, config: dict, address: str) -> None:
    visit = pages(DESKTOP).open(address)
    state = visit.state()
    # A repeated name: the last one counts ("nope", unknown): the default view stays.
    assert {key: state[key] for key in ("publication", "view", "legend", "totals")} == {
        "publication": "2024-01",
        "view": "emplois",
        "legend": "emplois",
        "totals": TOTALS["2024-01"],
    }
    assert visit.fills() == expected_fills(config, "2024-01", "emplois")
    assert visit.errors == []


def test_a_malformed_part_leaves_the_other_part_working(pages, config: dict) -> None:
    visit = pages(DESKTOP).open("#vue=%E0%A4%A&publication=2022-10")
    assert visit.state()["publication"] == "2022-10" and visit.state()["view"] == "emplois"
    assert visit.fills() == expected_fills(config, "2022-10", "emplois")
    assert visit.errors == []


def test_editing_the_address_later_applies_it(desktop: Page, config: dict) -> None:
    page = desktop.page
    page.evaluate("location.hash = '#vue=projets&publication=2022-10'")
    page.wait_for_function(
        "document.querySelector('select[name=relocmap-edition]').value === '2022-10'"
    )
    state = desktop.state()
    assert state["view"] == "projets" and state["legend"] == "projets"
    assert state["totals"] == TOTALS["2022-10"] and state["current"] == ["2022-10"]
    assert "octobre 2022" in state["when"]
    assert desktop.fills() == expected_fills(config, "2022-10", "projets")
    # Only the publication: the view stays.
    page.evaluate("location.hash = '#publication=2023-06'")
    page.wait_for_function(
        "document.querySelector('select[name=relocmap-edition]').value === '2023-06'"
    )
    assert desktop.state()["view"] == "projets"
    assert desktop.fills() == expected_fills(config, "2023-06", "projets")
    # Only the view, by its name in the address.
    page.evaluate("location.hash = '#vue=par-habitant'")
    page.wait_for_function(
        "document.querySelector('input[name=relocmap-view]:checked').value === 'emplois_pour_10000_hab'"
    )
    assert desktop.state()["publication"] == "2023-06"
    assert desktop.fills() == expected_fills(config, "2023-06", "emplois_pour_10000_hab")
    assert desktop.errors == []


def test_the_legend_line_of_the_first_publication_reads_well(pages) -> None:
    """Regression: "Chiffres de octobre 2022" (no elision before a vowel)."""
    visit = pages(DESKTOP).open("#publication=2022-10")
    assert visit.state()["when"] == "Chiffres publiés en octobre 2022"
    assert visit.errors == []


def test_a_single_publication_page_keeps_the_view_in_its_address(browser, built_page) -> None:
    """The page of the committed (real, single) publication: no publication choice, and
    the address names the view only."""
    single = page_config(built_page.read_text(encoding="utf-8"))
    assert len(single["editions"]) == 1
    visit = Page(browser, built_page, DESKTOP)
    try:
        visit.open("#vue=projets")
        page = visit.page
        assert page.locator("select[name=relocmap-edition]").count() == 0
        assert page.get_by_role("radio", name="Projets", exact=True).is_checked()
        assert visit.visible_legend().startswith("Projets soutenus")
        assert visit.fills() == expected_fills(single, single["editions"][0]["key"], "projets")
        assert visit.fills() != expected_fills(single, single["editions"][0]["key"], "emplois")
        assert page.evaluate("location.hash") == "#vue=projets"  # not rewritten on load
        page.get_by_role("radio", name="Emplois", exact=True).check()
        assert page.evaluate("location.hash") == "#vue=emplois"
        page.get_by_role("radio", name="Emplois pour 10\u202f000 habitants").check()
        assert page.evaluate("location.hash") == "#vue=par-habitant"
        # An address naming a publication, or the Évolution view, changes nothing there.
        page.evaluate("location.hash = '#vue=evolution&publication=2023-06'")
        page.wait_for_timeout(100)
        assert page.locator("input[name=relocmap-view]:checked").get_attribute("value") == (
            "emplois_pour_10000_hab"
        )
        assert visit.errors == []
    finally:
        visit.close()


# --- 5. the keyboard alone ---------------------------------------------------------------


def test_keyboard_alone_chooses_a_publication_and_a_view_and_opens_a_popup(
    desktop: Page, config: dict
) -> None:
    page = desktop.page
    page.evaluate("document.activeElement && document.activeElement.blur()")
    presses = desktop.tab_until(lambda name: name.startswith("select "))
    assert presses <= 8  # map, "Bilan du plan", zoom ×2, Recentrer, then the switch
    page.keyboard.press("ArrowUp")
    assert desktop.state()["publication"] == "2023-06"
    # To the view radios with Tab, then along them with the arrow keys.
    for _ in range(12):
        if desktop.state()["view"] == "evolution":
            break
        page.keyboard.press("ArrowDown" if desktop.focused().startswith("radio ") else "Tab")
    assert desktop.state()["view"] == "evolution"
    assert desktop.state()["address"] == "#vue=evolution&publication=2023-06"
    desktop.tab_until(lambda name: name == "Loire (42)")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup", has_text="Loire (42)")
    popup.wait_for()
    assert desktop.focused() == "popup"
    text = popup.inner_text()
    assert "Emplois annoncés\n420" in text and LOIRE_CHANGE_2023 in text
    assert history_rows(desktop)[1] == LOIRE_HISTORY[1] + ["*"]
    assert desktop.fills()["42"] == expected_fills(config, "2023-06", "evolution")["42"]
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert desktop.focused() == "Loire (42)"
    assert desktop.errors == []


def test_the_focus_stays_on_the_control_just_changed(desktop: Page) -> None:
    """A keyboard user changing the publication or the view keeps the focus where it is
    (WCAG 2.4.3): a second arrow key goes on through the options."""
    page = desktop.page
    seen = []
    page.locator("select[name=relocmap-edition]").focus()
    page.keyboard.press("ArrowUp")
    seen.append(desktop.focused())
    page.keyboard.press("ArrowUp")
    seen.append(desktop.focused())
    page.locator("input[name=relocmap-view][value=emplois]").focus()
    page.keyboard.press("ArrowDown")
    seen.append(desktop.focused())
    page.keyboard.press("ArrowDown")
    seen.append(desktop.focused())
    page.locator("input[name=relocmap-circles]").focus()
    page.keyboard.press("Space")
    seen.append(desktop.focused())
    assert seen == [
        "select 2023-06",
        "select 2022-10",
        "radio projets",
        "radio emplois_pour_10000_hab",
        "checkbox relocmap-circles",
    ]


# --- 6. accessibility: axe-core in every state --------------------------------------------


def test_the_map_description_follows_the_publication(desktop: Page) -> None:
    """The map region's description (aria-describedby, read by screen readers) gives the
    shown publication's totals, not the latest's."""
    region = desktop.page.locator(".folium-map[role=region]")
    description = desktop.page.locator("#" + region.get_attribute("aria-describedby"))
    assert f"205 projets et 5{NNBSP}725 emplois" in description.text_content()  # FICTIF
    desktop.choose("2023-06")
    assert f"188 projets et 5{NNBSP}180 emplois" in description.text_content()  # FICTIF


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violation_in_any_state_of_the_publications(pages, viewport) -> None:
    visit = pages(viewport).open()
    page = visit.page
    states = {"default": axe_violations(visit)}
    if viewport is PHONE:
        page.locator(".relocmap-headline summary").click()  # folded on phones
        states["headline open"] = axe_violations(visit)
    page.get_by_role("radio", name="Évolution").check()
    states["evolution"] = axe_violations(visit)
    visit.choose("2022-10")
    states["evolution, first publication"] = axe_violations(visit)
    visit.choose("2023-06")
    page.get_by_role("radio", name="Emplois", exact=True).check()
    states["emplois, 2023-06"] = axe_violations(visit)
    page.locator("path.relocmap-dep-42").focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup", has_text="Loire (42)").wait_for()
    visit.settle()
    states["popup"] = axe_violations(visit)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Tableau des chiffres").click()
    page.get_by_role("dialog", name="Relocalisations").wait_for()
    states["table"] = axe_violations(visit)
    assert {state: found for state, found in states.items() if found} == {}
    assert visit.errors == []


# --- 7. what the page looks like: screenshots, boxes clear of each other -------------------


BOXES = """() => [...document.querySelectorAll('.leaflet-control')]
    .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
    .map(r => [r.left, r.top, r.right, r.bottom])"""


def assert_boxes_fit(visit: Page, viewport: dict) -> None:
    """The boxes on the map stay inside the window and never overlap each other."""
    boxes = visit.page.evaluate(BOXES)
    assert overlapping(boxes) == [], boxes
    for box in boxes:
        assert box[0] >= -0.5 and box[1] >= -0.5, box
        assert box[2] <= viewport["width"] + 0.5 and box[3] <= viewport["height"] + 0.5, box
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


SHOTS = [
    ("desktop", DESKTOP, "", None),
    ("desktop-evolution-2023-06-loire", DESKTOP, "#vue=evolution&publication=2023-06", "42"),
    ("phone-evolution", PHONE, "#vue=evolution&publication=2023-06", None),
    ("phone-evolution-loire", PHONE, "#vue=evolution&publication=2023-06", "42"),
    ("720x640", MEDIUM, "#vue=emplois&publication=2023-06", None),
]


@pytest.mark.parametrize(("name", "viewport", "address", "popup"), SHOTS, ids=[s[0] for s in SHOTS])
def test_screenshots_show_the_boxes_and_popup_clear(pages, name, viewport, address, popup) -> None:
    visit = pages(viewport).open(address)
    visit.settle()
    assert_boxes_fit(visit, viewport)
    if popup:
        visit.page.locator(f"path.relocmap-dep-{popup}").focus()
        visit.page.keyboard.press("Enter")
        visit.page.locator(".leaflet-popup", has_text=f"({popup})").wait_for()
        visit.settle()  # the map pans the popup into view
        assert visit.page.evaluate(POPUP_CLEAR) == "clear"
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=ARTIFACTS / f"editions-{name}.png")
    assert visit.errors == []


def test_choosing_a_publication_keeps_the_region_clear_of_the_boxes(browser, tmp_path) -> None:
    """Regression: a publication whose headline is one line taller (its published total
    differs from the departments' sum: FICTITIOUS 5 100 against 5 180) moved the region
    to the top of the window, part of it under the view box, and Recentrer kept it so."""
    import json
    import shutil

    folder = tmp_path / "publications"
    shutil.copytree(FICTIVES, folder)
    facts = folder / "2023-06" / "publication.json"
    changed = json.loads(facts.read_text(encoding="utf-8"))
    changed["total_emplois_publie"] = 5100
    facts.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    build_map(folder, REPO_ROOT / "geo" / "departements.geojson", out, None, MapOptions(tiles=None))
    visit = Page(browser, out / "carte.html", DESKTOP)
    try:
        page = visit.open().page
        tops, titles = {}, {}
        for key in ("2024-01", "2023-06", "2022-10", "2024-01"):
            visit.choose(key)
            page.wait_for_timeout(400)  # the region is framed again (animated)
            measured = page.evaluate(MEASURE, 4)
            assert measured["covered"] / measured["department"] <= 0.01, key
            tops[key] = page.locator("path.relocmap-dep-03").bounding_box()["y"]
            titles[key] = page.locator(".relocmap-title").bounding_box()["height"]
        # The case of the regression: 2023-06's headline has the sum note, one line more.
        assert titles["2023-06"] > titles["2024-01"] + 10, titles
        # The region stays where it was, within a few pixels, whichever publication.
        assert max(tops.values()) - min(tops.values()) < 20, tops
        assert visit.errors == []
    finally:
        visit.close()


def test_an_article_column_folds_the_headline_and_keeps_the_boxes_apart(pages) -> None:
    """Regression: in an 840×672 article column the open headline (with its chart) took
    the height of the map: the region was drawn 211 px wide. Now it starts folded; opened,
    it scrolls inside its box instead of running under the others (620×496 too)."""
    # The share of the width the region takes at least (compact layouts keep the boxes
    # under it; 211 px of 840 before the fix).
    for size, least in (
        ({"width": 840, "height": 672}, 0.55),
        ({"width": 620, "height": 496}, 0.4),
    ):
        visit = pages(size).open()
        page = visit.page
        headline = page.locator(".relocmap-headline")
        assert headline.get_attribute("open") is None, size
        region = page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('path.relocmap-dep')]
                .map(p => p.getBoundingClientRect());
            return Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left));
        }""")
        assert region > least * size["width"], (size, region)
        page.locator(".relocmap-headline summary").click()
        page.wait_for_timeout(400)
        assert headline.get_attribute("open") is not None
        measured = page.evaluate(MEASURE, 4)
        assert overlapping(measured["boxes"]) == [], (size, measured["boxes"])
        for box in measured["boxes"]:
            assert box[3] <= size["height"] + 0.5, (size, box)
        assert visit.errors == []


def test_on_a_phone_opening_the_headline_keeps_the_map_whole(pages) -> None:
    """Regression: on a phone with several publications, opening "Bilan du plan" shrank
    the map to a ~150 px thumbnail. In the reader's layout the headline opens above the
    map, which keeps its size (the page grows)."""
    visit = pages(PHONE).open()
    page = visit.page
    size = """() => {
        const boxes = [...document.querySelectorAll('path.relocmap-dep')]
            .map(p => p.getBoundingClientRect());
        const map = document.querySelector('.folium-map').getBoundingClientRect();
        return [map.height, Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left))];
    }"""
    before = page.evaluate(size)
    assert before[0] > 300 and before[1] > 0.85 * PHONE["width"]
    page.locator(".relocmap-headline summary").click()
    page.locator(".relocmap-trajectory svg").wait_for()
    visit.settle()
    assert page.evaluate(size) == before
    page.locator(".relocmap-headline summary").click()  # as the other tests expect it
    assert visit.errors == []


def test_an_unknown_publication_in_the_address_is_replaced_by_the_one_shown(pages) -> None:
    visit = pages(DESKTOP).open("#vue=projets&publication=1999")
    assert visit.page.evaluate("location.hash") == "#vue=projets&publication=2024-01"
    assert visit.state()["publication"] == "2024-01"
    assert visit.errors == []


def test_the_credit_line_keeps_its_links_and_order_in_every_publication(pages) -> None:
    visit = pages(DESKTOP).open()
    credit = visit.page.locator(".leaflet-control-attribution")
    before = credit.inner_text()
    visit.choose("2022-10")
    after = credit.inner_text()
    assert "(2022-10)" in after and "(2024-01)" not in after
    assert after == before.replace("(2024-01)", "(2022-10)")
    assert credit.locator("a[download]").count() == 2
    assert visit.errors == []


def test_one_tooltip_at_a_time_after_the_keyboard(pages) -> None:
    """Regression: a department reached with Tab keeps its tooltip (Leaflet opens it on
    focus); hovering another showed two tooltips at once."""
    visit = pages(DESKTOP).open()
    page = visit.page
    page.mouse.move(1, 1)  # away from the map (the pointer of an earlier test)
    page.locator("path.relocmap-dep-15").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the popup's pan
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert page.locator(".leaflet-tooltip-pane .leaflet-tooltip").all_inner_texts() == [
        "Cantal\n55 emplois"
    ]
    # Loire's label sits inside Loire (the centre of its box may be in a neighbour).
    label = page.get_by_text("Loire", exact=True).bounding_box()
    assert label is not None
    page.mouse.move(label["x"] + label["width"] / 2, label["y"] + label["height"] / 2)
    page.wait_for_timeout(300)
    tooltips = page.locator(".leaflet-tooltip-pane .leaflet-tooltip")
    texts = tooltips.all_inner_texts()
    assert len(texts) == 1 and "Loire" in texts[0], texts
    assert visit.errors == []
