"""The desk end to end in Debian's Chromium (Playwright): the whole journey an editor
makes, with JavaScript and without, axe-core on every page, and the refusals (a hostile
release, a cross-site POST) leaving the project as it was.

The desk runs in a thread on 127.0.0.1; the only other requests are the previewed map's
(Leaflet, served from the package; tiles, a grey PNG) and the hostile site's page, served
by the test: nothing reaches the network. Every figure is FICTITIOUS (chiffres fictifs).
Screenshots land in test-artifacts/desk-*.png.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_support import RELEASE, SOURCE, desk_place, project_copy
from helpers import page_departments, snapshot
from playwright.sync_api import expect
from test_a11y import PHONE, axe_violations
from test_browser import ARTIFACTS, DESKTOP, GREY_TILE, leaflet_file
from werkzeug.serving import make_server

from relocmap.desk.app import Serving, create_app

pytestmark = pytest.mark.browser

HOSTILE_SITE = "http://hostile.example/"


class Desk:
    """The desk serving a copy of the project, on a free port of 127.0.0.1."""

    def __init__(self, root: Path, token: str | None = None):
        self.root = root
        self.server = make_server("127.0.0.1", 0, lambda env, start: [], threaded=True)
        port = self.server.server_port
        self.server.app = create_app(desk_place(root), Serving("127.0.0.1", port, token))
        self.url = f"http://127.0.0.1:{port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join()

    def files(self) -> dict[str, bytes]:
        return {f"{d}/{k}": v for d in ("data", "out") for k, v in snapshot(self.root / d).items()}


@pytest.fixture
def desk(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    project_copy(tmp_path, repo_root)
    monkeypatch.chdir(tmp_path)
    served = Desk(tmp_path)
    yield served
    served.close()


class _Violations:
    """axe_violations() takes a visit; the desk's pages are plain Playwright pages."""

    def __init__(self, page):
        self.page = page


def no_violations(page, name: str) -> None:
    """axe-core finds nothing, and the page is no wider than the window (no sideways
    scrolling: on a phone, only the tables scroll inside their own region)."""
    found = axe_violations(_Violations(page))
    assert found == [], f"{name}: {found}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name}: {width} px wide"


def route(desk: Desk, recorded: list[str]):
    """Requests: the desk's own go through; the preview's Leaflet and tiles are served
    here; the hostile site's page is the test's; anything else is aborted and recorded."""

    def handle(request_route):
        url = request_route.request.url
        if url.startswith(desk.url):
            return request_route.continue_()
        cors = {"Access-Control-Allow-Origin": "*"}
        if url.endswith("/leaflet.js"):
            body = leaflet_file("leaflet.js")
            return request_route.fulfill(body=body, content_type="text/javascript", headers=cors)
        if url.endswith("/leaflet.css"):
            body = leaflet_file("leaflet.css")
            return request_route.fulfill(body=body, content_type="text/css", headers=cors)
        if "/tile/" in url or url.endswith(".png"):
            return request_route.fulfill(body=GREY_TILE, content_type="image/png")
        if url == HOSTILE_SITE:
            return request_route.fulfill(body=hostile_page(desk), content_type="text/html")
        recorded.append(url)
        return request_route.abort()

    return handle


def hostile_page(desk: Desk) -> str:
    """Another site's page that posts a publication to the desk as soon as it loads."""
    return (
        '<!doctype html><html lang="en"><title>hostile</title><body>'
        f'<form id="f" method="post" action="{desk.url}publier">'
        '<input name="csrf" value="guessed"><input name="communique" value="0">'
        '<input name="date" value="2030"><input name="source" value="FICTIF"></form>'
        "<script>document.getElementById('f').submit()</script></body></html>"
    )


def open_page(browser, desk: Desk, javascript: bool = True, viewport: dict = DESKTOP):
    # bypass_csp: axe-core is injected as an inline script, which the desk's CSP forbids.
    context = browser.new_context(
        viewport=viewport, java_script_enabled=javascript, bypass_csp=True
    )
    page = context.new_page()
    recorded: list[str] = []
    page.route("**/*", route(desk, recorded))
    page.goto(desk.url)
    return context, page, recorded


def read_release(page, release: str = RELEASE) -> None:
    page.get_by_label("Texte du communiqué").fill(release)
    page.get_by_label("Date du communiqué").fill("2023-06-14")
    page.get_by_label("Source des chiffres").fill(SOURCE)
    page.get_by_role("button", name="Lire le communiqué").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier et corriger les chiffres")


# The journey is one test on purpose: each step needs the previous one's page.
def test_an_editor_reads_corrects_previews_and_publishes_in_the_browser(browser, desk):
    context, page, recorded = open_page(browser, desk)
    try:
        no_violations(page, "lire")
        read_release(page)
        links = page.locator("a.trace-link")
        assert links.count() == 13  # 12 departments and the regional total
        assert page.locator(".trace tbody th[scope=row]").count() == 13
        # The first row's link highlights the words it was read from.
        links.first.click()
        ain = page.locator("#ligne-4")
        assert "traced" in (ain.get_attribute("class") or "")
        assert "Dans l'Ain, 30 projets" in ain.inner_text()
        page.screenshot(path=ARTIFACTS / "desk-verifier.png", full_page=True)
        no_violations(page, "verifier")
        # Checked as the editor types, by the server's rules, without leaving the page.
        read_at = page.url
        page.get_by_label("Emplois, ligne 1 (Ain)", exact=True).fill("beaucoup")
        expect(page.locator("#verification")).to_contain_text(
            "data/relocalisations.csv, ligne 2 (ligne 1 du tableau), colonne « emplois » :"
        )
        assert page.url == read_at
        no_violations(page, "verifier (problème)")
        page.get_by_label("Emplois, ligne 1 (Ain)", exact=True).fill("650")
        expect(page.locator("#verification")).to_contain_text("Les chiffres sont valides")
        page.get_by_role("button", name="Vérifier les corrections").click()
        assert page.get_by_role("status").inner_text().startswith("Les chiffres sont valides")
        assert page.get_by_label("Emplois, ligne 1 (Ain)", exact=True).input_value() == "650"
        before = desk.files()
        page.get_by_role("button", name="Voir l'aperçu").click()
        frame = page.frame_locator("iframe[title='Aperçu de la carte sur ordinateur']")
        frame.locator("path.relocmap-dep").first.wait_for()
        page.frame_locator("iframe[title='Aperçu de la carte sur téléphone']").locator(
            "path.relocmap-dep"
        ).first.wait_for()
        assert page.locator("tr.changed", has_text="Ain (01)").count() == 1
        assert desk.files() == before, "the preview wrote into the project"
        page.screenshot(path=ARTIFACTS / "desk-apercu.png", full_page=True)
        no_violations(page, "apercu")
        page.get_by_role("button", name="Publier").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Publication faite")
        page.screenshot(path=ARTIFACTS / "desk-publie.png", full_page=True)
        no_violations(page, "publie")
        published = (desk.root / "out" / "carte.html").read_text("utf-8")
        assert "650" in page_departments(published)["01"]["tips"]["emplois"]
        assert "01,Ain,30,650," in (desk.root / "data" / "relocalisations.csv").read_text()
        facts = json.loads((desk.root / "data" / "publication.json").read_text("utf-8"))
        assert facts["source_date"] == "2023-06-14"
        page.get_by_role("link", name="Voir les publications").click()
        no_violations(page, "publications")
        page.get_by_role("link", name="2023-06-14").click()
        assert "650" in page.locator("table").inner_text()
        no_violations(page, "publication")
        page.get_by_role("link", name="Carte publiée").click()
        page.locator("path.relocmap-dep").first.wait_for()
        assert recorded == []
    finally:
        context.close()


def test_every_step_on_a_phone_has_no_axe_violation(browser, desk):
    context, page, recorded = open_page(browser, desk, viewport=PHONE)
    try:
        no_violations(page, "lire (téléphone)")
        page.screenshot(path=ARTIFACTS / "desk-lire-phone.png", full_page=True)
        read_release(page)
        page.get_by_label("Projets, ligne 3 (Ardèche)", exact=True).fill("dix")
        page.get_by_role("button", name="Vérifier les corrections").click()
        expect(page.get_by_role("alert")).to_contain_text("colonne « projets »")
        page.screenshot(path=ARTIFACTS / "desk-verifier-phone.png", full_page=True)
        no_violations(page, "verifier (téléphone)")
        page.get_by_label("Projets, ligne 3 (Ardèche)", exact=True).fill("10")
        page.get_by_role("button", name="Voir l'aperçu").click()
        page.frame_locator("iframe[title='Aperçu de la carte sur téléphone']").locator(
            "path.relocmap-dep"
        ).first.wait_for()
        no_violations(page, "apercu (téléphone)")
        page.get_by_role("button", name="Publier").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Publication faite")
        no_violations(page, "publie (téléphone)")
        page.get_by_role("link", name="Voir les publications").click()
        no_violations(page, "publications (téléphone)")
        assert recorded == []
    finally:
        context.close()


def test_the_journey_works_without_javascript(browser, desk):
    context, page, recorded = open_page(browser, desk, javascript=False)
    try:
        read_release(page)
        assert page.locator("a.trace-link").count() == 13
        page.get_by_role("link", name="ligne 4", exact=True).first.click()
        assert page.evaluate is not None  # no script runs: the :target rule highlights
        assert page.url.endswith("#ligne-4")
        page.get_by_label("Projets, ligne 2 (Allier)", exact=True).fill("16")
        page.get_by_label("Total des projets", exact=True).fill("213")
        page.get_by_role("button", name="Voir l'aperçu").click()
        page.get_by_role("button", name="Publier").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Publication faite")
        assert "03,Allier,16,120," in (desk.root / "data" / "relocalisations.csv").read_text()
        assert recorded == []
    finally:
        context.close()


def test_a_hostile_release_and_a_cross_site_post_are_refused_with_nothing_written(
    browser, desk, tmp_path
):
    context, page, _ = open_page(browser, desk)
    try:
        before = desk.files()
        hostile = tmp_path / "communique.html"
        hostile.write_text(
            "<html><body><script>document.title='pwned'</script>"
            "<p>Texte FICTIF sans aucun chiffre.</p></body></html>",
            encoding="utf-8",
        )
        page.get_by_label("Ou fichier du communiqué (.txt, .html)").set_input_files(hostile)
        page.get_by_label("Date du communiqué").fill("2023-06-14")
        page.get_by_role("button", name="Lire le communiqué").click()
        alert = page.get_by_role("alert")
        # The release is shown, with what stops it, and nothing can be previewed.
        assert alert.inner_text().startswith("À corriger avant l'aperçu")
        assert "\nle communiqué : " in alert.inner_text()
        assert page.title() != "pwned"
        no_violations(page, "lire (refus)")
        page.goto(HOSTILE_SITE)
        page.wait_for_url(f"{desk.url}publier")
        expect(page.get_by_role("heading", level=1)).to_have_text("Demande refusée")
        assert "jeton de formulaire" in page.get_by_role("alert").inner_text()
        page.screenshot(path=ARTIFACTS / "desk-refus.png", full_page=True)
        no_violations(page, "refus")
        assert desk.files() == before
    finally:
        context.close()


def test_the_login_page_of_a_desk_with_a_token(browser, tmp_path, repo_root, monkeypatch):
    project_copy(tmp_path, repo_root)
    monkeypatch.chdir(tmp_path)
    desk = Desk(tmp_path, token="FICTIF-jeton")
    context, page, _ = open_page(browser, desk)
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text("Entrer dans le bureau")
        no_violations(page, "connexion")
        page.get_by_label("Jeton").fill("FICTIF-jeton")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Lire un communiqué de presse")
    finally:
        context.close()
        desk.close()


def test_the_skip_link_and_the_trace_links_work_from_the_keyboard(browser, desk):
    context, page, _ = open_page(browser, desk)
    try:
        read_release(page)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
        page.keyboard.press("Enter")
        assert page.url.endswith("#contenu")
        page.locator("a.trace-link").first.focus()
        page.keyboard.press("Enter")
        assert page.url.endswith("#ligne-4")
        assert "traced" in (page.locator("#ligne-4").get_attribute("class") or "")
    finally:
        context.close()
