"""Keyboard operation in Firefox ESR (Debian's firefox-esr), driven through Marionette.

The page is built with ``--offline`` (Leaflet inlined, no tiles): Firefox needs no
network. Firefox runs headless with its own throw-away profile; Marionette listens on a
free port set in that profile's user.js.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import TAB_ORDER_START
from test_browser import ARTIFACTS

from relocmap.build import build_map
from relocmap.page import MapOptions

pytestmark = pytest.mark.browser

FIREFOX = Path("/usr/bin/firefox-esr")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from marionette_driver.marionette import Marionette

    assert FIREFOX.is_file(), "firefox-esr is missing: scripts/test.sh installs it"
    profile = tmp_path_factory.mktemp("firefox-profile")
    port = free_port()
    (profile / "user.js").write_text(
        f'user_pref("marionette.port", {port});\n'
        'user_pref("browser.shell.checkDefaultBrowser", false);\n'
        'user_pref("datareporting.policy.dataSubmissionEnabled", false);\n'
        'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [str(FIREFOX), "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "MOZ_HEADLESS": "1"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("Firefox's Marionette did not start") from None
                time.sleep(0.3)
        client = Marionette(host="127.0.0.1", port=port)
        client.start_session()
        client.set_window_rect(width=1280, height=900)
        yield client
        client.delete_session()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


class Keyboard:
    def __init__(self, client) -> None:
        from marionette_driver.keys import Keys

        self.client = client
        self.keys = Keys

    def press(self, key: str) -> None:
        self.client.actions.sequence("key", "keyboard").key_down(key).key_up(key).perform()

    def focused(self) -> str:
        return self.client.execute_script("""
            const e = document.activeElement;
            if (!e || e === document.body) return 'body';
            if (e.classList.contains('leaflet-container')) return 'map';
            if (e.type === 'radio') return 'view ' + e.value;
            const label = e.labels && e.labels.length && e.labels[0].textContent.trim();
            return e.getAttribute('aria-label') || label || e.textContent.trim().slice(0, 30);
        """)


def open_map(firefox, page: Path) -> Keyboard:
    """Load ``page`` and wait until its departments are drawn and reachable."""
    firefox.navigate(page.as_uri())
    deadline = time.monotonic() + 20
    while not firefox.execute_script(
        "return document.querySelectorAll('path.relocmap-dep[tabindex]').length"
    ):
        assert time.monotonic() < deadline, "the map was not drawn in Firefox"
        time.sleep(0.2)
    return Keyboard(firefox)


def save_screenshot(firefox, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(firefox.screenshot(format="base64")))


def assert_escape_gives_focus_back(keyboard: Keyboard, firefox, department: str) -> None:
    """Escape closes the open popup and the focus is on its department again."""
    keyboard.press(keyboard.keys.ESCAPE)
    time.sleep(0.5)
    assert firefox.execute_script("return document.querySelector('.leaflet-popup')") is None
    assert keyboard.focused() == department


@pytest.fixture
def keyboard(firefox, offline_page: Path) -> Keyboard:
    return open_map(firefox, offline_page)


def test_every_department_is_reached_with_tab_in_firefox(keyboard: Keyboard) -> None:
    reached = []
    for _ in range(21):
        keyboard.press(keyboard.keys.TAB)
        reached.append(keyboard.focused())
    assert reached[:8] == TAB_ORDER_START
    departments = reached[8:20]
    assert len(set(departments)) == 12 and all(name.endswith(")") for name in departments)
    assert departments[0] == "Allier (03)"


def test_enter_opens_the_popup_and_escape_gives_focus_back_in_firefox(
    keyboard: Keyboard, firefox
) -> None:
    for _ in range(9):  # map, 7 controls, then the first department
        keyboard.press(keyboard.keys.TAB)
    while keyboard.focused() != "Rhône (69)":
        keyboard.press(keyboard.keys.TAB)
    outline = firefox.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible
    keyboard.press(keyboard.keys.ENTER)
    time.sleep(0.5)
    popup = firefox.execute_script(
        "const p = document.querySelector('.leaflet-popup');"
        "return p && [p.getAttribute('aria-label'), p.textContent, p === document.activeElement]"
    )
    assert popup[0] == "Rhône (69)" and "Projets soutenus" in popup[1] and popup[2]
    save_screenshot(firefox, "firefox-popup-keyboard.png")
    assert_escape_gives_focus_back(keyboard, firefox, "Rhône (69)")
    # Space opens it too.
    keyboard.press(keyboard.keys.SPACE)
    time.sleep(0.5)
    assert (
        firefox.execute_script(
            "return document.querySelector('.leaflet-popup').getAttribute('aria-label')"
        )
        == "Rhône (69)"
    )


@pytest.fixture(scope="module")
def offline_editions_page(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """The page of the three FICTITIOUS publications (tests/data/publications-fictives)."""
    out = tmp_path_factory.mktemp("firefox-editions-out")
    build_map(
        repo_root / "tests" / "data" / "publications-fictives",
        repo_root / "geo" / "departements.geojson",
        out,
        None,
        MapOptions(tiles=None, offline=True),
    )
    return out / "carte.html"


def test_publication_and_view_chosen_with_the_keyboard_in_firefox(
    firefox, offline_editions_page: Path
) -> None:
    """FICTITIOUS figures: Loire has 420 jobs in 2023-06 (450 before)."""
    keyboard = open_map(firefox, offline_editions_page)
    active = "const e = document.activeElement; return [e.tagName, e.name || '', e.value || '']"
    for _ in range(12):
        keyboard.press(keyboard.keys.TAB)
        if firefox.execute_script(active)[1] == "relocmap-edition":
            break
    assert firefox.execute_script(active) == ["SELECT", "relocmap-edition", "2024-01"]
    keyboard.press(keyboard.keys.UP)
    time.sleep(0.3)
    # The page follows, and the focus stays on the selector.
    assert firefox.execute_script(active) == ["SELECT", "relocmap-edition", "2023-06"]
    assert firefox.execute_script("return location.hash") == "#vue=emplois&publication=2023-06"
    legend = (
        "return document.querySelector("
        "'.relocmap-legend:not([hidden]) .relocmap-legend-when').textContent"
    )
    assert firefox.execute_script(legend) == "Chiffres publiés en juin 2023"
    keyboard.press(keyboard.keys.TAB)  # the view radios: one stop, arrows choose
    for _ in range(3):
        keyboard.press(keyboard.keys.DOWN)
    time.sleep(0.3)
    assert firefox.execute_script(active) == ["INPUT", "relocmap-view", "evolution"]
    assert firefox.execute_script("return location.hash") == "#vue=evolution&publication=2023-06"
    assert firefox.execute_script(legend) == "Juin 2023, par rapport à octobre 2022"
    for _ in range(20):
        keyboard.press(keyboard.keys.TAB)
        if keyboard.focused() == "Loire (42)":
            break
    assert keyboard.focused() == "Loire (42)"
    keyboard.press(keyboard.keys.ENTER)
    time.sleep(0.5)
    popup = firefox.execute_script(
        "const p = document.querySelector('.leaflet-popup');"
        "const row = p.querySelector('tr[aria-current=true]');"
        "return [p === document.activeElement, p.textContent, row && row.textContent]"
    )
    assert popup[0] and "420" in popup[1] and "−30 emplois" in popup[1]
    assert popup[2] is not None and popup[2].startswith("juin 2023")
    save_screenshot(firefox, "firefox-editions-keyboard.png")


def test_the_readers_layout_with_the_keyboard_in_firefox(firefox, offline_page: Path) -> None:
    """A narrow upright window: the page reads as an article (title and switch above the
    map, legend and sources under it), the Tab order follows it, and a department's
    popup is a sheet the keyboard opens, reads and closes."""
    firefox.set_window_rect(width=480, height=900)
    try:
        keyboard = open_map(firefox, offline_page)
        assert firefox.execute_script(
            "return document.documentElement.classList.contains('relocmap-reader')"
        )
        reached = []
        for _ in range(9):
            keyboard.press(keyboard.keys.TAB)
            reached.append(keyboard.focused())
        assert reached == [
            "Bilan du plan",
            "view emplois",
            "Cercles : emplois",
            "Tableau des chiffres",
            "map",
            "Zoom avant",
            "Zoom arrière",
            "Recentrer",
            "Allier (03)",
        ]
        while keyboard.focused() != "Rhône (69)":
            keyboard.press(keyboard.keys.TAB)
        keyboard.press(keyboard.keys.ENTER)
        time.sleep(0.5)
        sheet = firefox.execute_script("""
            const p = document.querySelector('.leaflet-popup');
            const map = document.querySelector('.folium-map').getBoundingClientRect();
            const box = p.getBoundingClientRect();
            return [p.getAttribute('aria-label'), p === document.activeElement,
                    p.parentNode.classList.contains('leaflet-relocmap-sheet-pane'),
                    Math.round(box.width - map.width)];
        """)
        assert sheet[:3] == ["Rhône (69)", True, True]
        assert -20 <= sheet[3] <= 0  # as wide as the map, less its margins
        save_screenshot(firefox, "firefox-reader-sheet.png")
        assert_escape_gives_focus_back(keyboard, firefox, "Rhône (69)")
    finally:
        firefox.set_window_rect(width=1280, height=900)
