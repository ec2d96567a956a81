"""Accessibility of the built page in Chromium: axe-core in every state, the keyboard.

axe-core is the npm package pinned in package.json (node_modules/axe-core, installed by
``npm ci`` in scripts/test.sh); it is injected into the page and run for the WCAG 2.0
and 2.1 A and AA rules. Every state a reader can reach is checked on a desktop window and
on a phone: each view, the circles, a popup open, the table dialog open.
"""

from __future__ import annotations

import pytest
from helpers import REPO_ROOT, TAB_ORDER_START
from test_browser import ARTIFACTS, DESKTOP, Visit

pytestmark = pytest.mark.browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


def axe_violations(visit: Visit) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now, one line per node."""
    assert AXE.is_file(), f"{AXE} is missing: run npm ci (scripts/test.sh does)"
    page = visit.page
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.flatMap(v => v.nodes.map(n =>
                v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' :: ' + n.failureSummary));
        }""",
        WCAG_TAGS,
    )
    return found


def settle(visit: Visit) -> None:
    """Wait for Leaflet's animations (popup fade, pan) to end."""
    visit.page.wait_for_timeout(450)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_wcag_violation_in_any_state(browser, built_page, viewport):
    visit = Visit(browser, built_page, viewport)
    page = visit.page
    try:
        states = {"initial": axe_violations(visit)}
        radios = page.locator("input[name=relocmap-view]")
        for index in range(radios.count()):
            radios.nth(index).check()
            states[f"view {radios.nth(index).get_attribute('value')}"] = axe_violations(visit)
        page.get_by_role("checkbox", name="Cercles : emplois").check()
        states["circles"] = axe_violations(visit)
        page.get_by_role("checkbox", name="Cercles : emplois").uncheck()
        # A popup opened with the keyboard (it takes the focus).
        page.locator("path.relocmap-dep-69").focus()
        page.keyboard.press("Enter")
        page.locator(".leaflet-popup").wait_for()
        settle(visit)
        states["popup"] = axe_violations(visit)
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Tableau des chiffres").click()
        page.get_by_role("dialog", name="Relocalisations").wait_for()
        states["table"] = axe_violations(visit)
        assert {state: found for state, found in states.items() if found} == {}
        assert visit.errors == []
    finally:
        visit.close()


def test_departments_are_named_buttons(desktop_visit):
    page = desktop_visit.page
    buttons = page.get_by_role("button", name="Rhône (69)")
    assert buttons.count() == 1
    path = page.locator("path.relocmap-dep-69")
    assert path.get_attribute("role") == "button" and path.get_attribute("tabindex") == "0"
    names = page.evaluate(
        "() => [...document.querySelectorAll('path.relocmap-dep')]"
        ".map(p => p.getAttribute('aria-label'))"
    )
    assert len(names) == 12 and all(name.endswith(")") for name in names)


@pytest.fixture
def desktop_visit(browser, built_page):
    visit = Visit(browser, built_page, DESKTOP)
    yield visit
    visit.close()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_opens_the_popup_and_escape_gives_focus_back(desktop_visit, key):
    page = desktop_visit.page
    page.locator("path.relocmap-dep-38").focus()
    page.keyboard.press("Space" if key == " " else key)
    popup = page.locator(".leaflet-popup", has_text="Isère (38)")
    popup.wait_for()
    assert "près de 670" in popup.inner_text()
    # The popup has the focus, is a named dialog, and its close button is in French.
    assert page.evaluate("document.activeElement.classList.contains('leaflet-popup')")
    assert popup.get_attribute("role") == "dialog" and popup.get_attribute("aria-label") == (
        "Isère (38)"
    )
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Isère (38)"
    assert desktop_visit.errors == []


def test_the_popup_close_button_gives_focus_back_too(desktop_visit):
    page = desktop_visit.page
    page.locator("path.relocmap-dep-01").focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Fermer"
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Ain (01)"


def tab_order(visit: Visit, count: int) -> list[str]:
    """What Tab reaches, from the top of the page, ``count`` times: a short name each."""
    page = visit.page
    page.evaluate("document.activeElement && document.activeElement.blur()")
    names = []
    for _ in range(count):
        page.keyboard.press("Tab")
        names.append(
            page.evaluate("""() => {
                const e = document.activeElement;
                if (e.classList.contains('leaflet-container')) return 'map';
                if (e.type === 'radio') return 'view ' + e.value;
                const label = e.labels && e.labels.length && e.labels[0].textContent.trim();
                return e.getAttribute('aria-label') || label || e.textContent.trim().slice(0, 30);
            }""")
        )
    return names


def test_tab_order_follows_the_visual_order(desktop_visit):
    """Map, then the top-left boxes (title, zoom, Recentrer), the switch (top right), the
    departments row by row from the top, then the sources (bottom)."""
    names = tab_order(desktop_visit, 22)
    assert names[:8] == TAB_ORDER_START
    departments = names[8:20]
    assert len(set(departments)) == 12 and all(name.endswith(")") for name in departments)
    # Reading order: Allier (north-west) first, the southern departments last.
    assert departments[0] == "Allier (03)"
    assert set(departments[-3:]) <= {"Ardèche (07)", "Drôme (26)", "Isère (38)", "Cantal (15)"}
    assert names[20] == "Leaflet"


def test_focus_is_visible_on_the_map_and_on_a_department(desktop_visit):
    page = desktop_visit.page
    tab_order(desktop_visit, 1)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.locator("path.relocmap-dep-69").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.strokeWidth]; })()"
    )
    assert style == ["solid", "3px"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "carte-focus-desktop.png")


def test_page_declares_an_inline_icon(desktop_visit):
    href = desktop_visit.page.locator("link[rel=icon]").get_attribute("href")
    assert href.startswith("data:image/svg+xml,")
    assert not any("favicon" in url for url in desktop_visit.requests)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 844, "height": 390}], ids=str)
def test_text_on_phones_is_at_least_12_px(browser, built_page, viewport):
    visit = Visit(browser, built_page, viewport)
    try:
        page = visit.page
        page.get_by_role("checkbox", name="Cercles : emplois").check()
        page.locator(".relocmap-headline summary").click()
        small = page.evaluate("""() => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode, element = node.parentElement;
                if (!node.textContent.trim() || !element.getClientRects().length) continue;
                if (element.closest('[hidden], .relocmap-sr-only, dialog:not([open])')) continue;
                const size = parseFloat(getComputedStyle(element).fontSize);
                if (size < 12) found.push(node.textContent.trim().slice(0, 30) + ' ' + size);
            }
            return found;
        }""")
        assert small == []
    finally:
        visit.close()
