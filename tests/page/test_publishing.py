"""Publishing: Leaflet from the CDN with integrity or beside the page, the public address
(embed snippet, Open Graph), the resizing embed in a host article, downloads, printing."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from helpers import REPO_ROOT

from relocmap.base.errors import RelocmapError
from relocmap.build import build_map
from relocmap.cli import main
from relocmap.files import writing as export
from relocmap.inputs.checked import load_inputs
from relocmap.page import MapOptions, iframe_snippet, publishing
from relocmap.page.offline import leaflet_bytes

ARTIFACTS = REPO_ROOT / "test-artifacts"
BASE = "https://relocmap.test/cartes/"
HOST = "https://host.test/"
CORS = {"Access-Control-Allow-Origin": "*"}  # as unpkg.com answers
# The SRI hashes Leaflet publishes for 1.9.4 (leafletjs.com/download.html): the
# package's copy must be these very bytes, or the browser would refuse unpkg's files.
LEAFLET_PUBLISHED_SHA256 = {
    "leaflet.js": "20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=",
    "leaflet.css": "p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=",
}


def leaflet_file(name: str) -> bytes:
    return leaflet_bytes(name)


def grey_tile() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_GREY).save(buffer, format="PNG")
    return buffer.getvalue()


TILE_GREY = (232, 232, 230)
GREY_TILE = grey_tile()


def build(paths, out: Path, **options) -> Path:
    build_map(paths["data"], paths["geo"], out, paths["facts"], MapOptions(**options))
    return out


@pytest.fixture(scope="module")
def inputs(paths):
    return load_inputs(paths["data"], paths["geo"], paths["facts"])


@pytest.fixture(scope="module")
def published(paths, tmp_path_factory) -> Path:
    """Default assets (CDN) and tiles, with the public address given."""
    return build(paths, tmp_path_factory.mktemp("published"), base_url=BASE)


@pytest.fixture(scope="module")
def local(paths, tmp_path_factory) -> Path:
    """Leaflet beside the page, no tiles: nothing from any other server."""
    return build(paths, tmp_path_factory.mktemp("local"), assets="local", tiles=None)


def head_links(html: str) -> list[dict[str, str]]:
    """The head's scripts and stylesheets (neither the page icon, inline, nor the first
    paint's wait for the map, a place in the page, is an asset)."""
    tags = re.findall(r"<(?:script|link)\s[^>]*>", html.split("</head>")[0])
    links = [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in tags]
    return [link for link in links if link.get("rel") not in ("icon", "expect")]


def run_build(tmp_path: Path, paths, *args: str):
    return CliRunner().invoke(
        main,
        ["build", "--data", str(paths["data"]), "--geo", str(paths["geo"]), *args],
        catch_exceptions=False,
    )


# --- CDN with Subresource Integrity -----------------------------------------------


def test_package_copy_is_the_leaflet_1_9_4_that_unpkg_serves():
    for name, digest in LEAFLET_PUBLISHED_SHA256.items():
        assert base64.b64encode(hashlib.sha256(leaflet_bytes(name)).digest()).decode() == digest


def test_cdn_links_carry_integrity_and_crossorigin(published):
    html = (published / "carte.html").read_text(encoding="utf-8")
    links = head_links(html)
    assert [link.get("src") or link.get("href") for link in links] == [
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js",
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css",
    ]
    for link, name in zip(links, ("leaflet.js", "leaflet.css"), strict=True):
        digest = hashlib.sha384(leaflet_bytes(name)).digest()
        assert link["integrity"] == "sha384-" + base64.b64encode(digest).decode()
        assert link["crossorigin"] == "anonymous"
    assert links[0]["integrity"] == (
        "sha384-cxOPjt7s7Iz04uaHJceBmS+qpjv2JkIHNVcuOrM+YHwZOmJGBXI00mdUXEq65HTH"
    )


# --- --assets local -----------------------------------------------------------------


def test_local_assets_are_written_beside_the_page_and_linked_relatively(local):
    html = (local / "carte.html").read_text(encoding="utf-8")
    assert [link.get("src") or link.get("href") for link in head_links(html)] == [
        "leaflet.js",
        "leaflet.css",
    ]
    assert "unpkg" not in html and " integrity=" not in html  # (the script reads .integrity=)
    assert (local / "leaflet.css").read_bytes() == leaflet_bytes("leaflet.css")
    js = (local / "leaflet.js").read_bytes()
    assert js == leaflet_bytes("leaflet.js").rsplit(b"\n//# sourceMappingURL", 1)[0]
    assert b"sourceMappingURL" not in js
    assert not (local / "images").exists()  # the page uses none of Leaflet's images


def test_local_assets_with_tiles_request_only_tiles(paths, tmp_path):
    html = (build(paths, tmp_path, assets="local") / "carte.html").read_text(encoding="utf-8")
    hosts = set(re.findall(r'"(https?://[^/"]+)/[^"]*\{z\}', html))
    assert hosts == {"https://server.arcgisonline.com"}
    assert 'src="http' not in html and 'href="http' not in html.split("</head>")[0]


def test_local_assets_go_through_the_one_atomic_write(paths, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        export, "replace_outputs", lambda out_dir, files, inputs: calls.append(dict(files))
    )
    build(paths, tmp_path, assets="local")
    assert len(calls) == 1
    assert set(calls[0]) >= {"carte.html", "leaflet.js", "leaflet.css"}


def test_cli_builds_with_local_assets(paths, tmp_path):
    result = run_build(tmp_path, paths, "--out", str(tmp_path), "--assets", "local")
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'leaflet.js'}" in result.output
    assert (tmp_path / "leaflet.css").is_file()


def test_offline_and_local_assets_together_are_refused(paths, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", "--data", str(paths["data"]), "--geo", str(paths["geo"])]
        + ["--out", str(out), "--offline", "--assets", "local"],
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: --offline writes Leaflet into carte.html itself: use it without --assets local"
    ]
    assert not out.exists()


# --- --base-url: the embed snippet and the social-card tags ------------------------------


def test_base_url_goes_into_the_snippet(published):
    snippet = (published / "carte-iframe.html").read_text(encoding="utf-8")
    assert f'src="{BASE}carte.html"' in snippet
    assert f'<a href="{BASE}carte.html">Ouvrir la carte en pleine page</a>' in snippet
    assert 'var origin = "https://relocmap.test";' in snippet
    assert "remplacez" not in snippet.lower()  # nothing left to edit by hand


def test_snippet_normalises_the_address_it_is_given(inputs):
    snippet = iframe_snippet(inputs.joined, inputs.publication, "https://www.example.org/c")
    assert 'src="https://www.example.org/c/carte.html"' in snippet
    assert 'var origin = "https://www.example.org";' in snippet


def test_snippet_without_base_url_says_how_to_set_it(paths, tmp_path):
    snippet = (build(paths, tmp_path) / "carte-iframe.html").read_text(encoding="utf-8")
    assert 'src="carte.html"' in snippet and 'var origin = "";' in snippet
    assert "--base-url https://www.example.org/cartes/" in snippet


def test_base_url_gives_open_graph_and_twitter_card_tags(published):
    html = (published / "carte.html").read_text(encoding="utf-8")
    tags = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))
    assert tags["og:title"] == "Relocalisations industrielles en Auvergne-Rhône-Alpes"
    assert tags["og:description"].startswith("Plan stratégique de relocalisation adopté")
    assert tags["og:url"] == BASE + "carte.html"
    assert tags["og:image"] == BASE + "carte.png"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:locale"] == "fr_FR" and tags["og:type"] == "website"


def test_no_social_tags_without_base_url(paths, tmp_path):
    html = (build(paths, tmp_path) / "carte.html").read_text(encoding="utf-8")
    assert "<meta property=" not in html and "twitter:card" not in html


@pytest.mark.parametrize(
    "given, expected",
    [
        ("https://www.example.org/cartes", "https://www.example.org/cartes/"),
        ("https://www.example.org/cartes/", "https://www.example.org/cartes/"),
        ("HTTPS://WWW.Example.org:443", "https://www.example.org/"),
        ("http://localhost:8000/out", "http://localhost:8000/out/"),
    ],
)
def test_base_url_is_normalised(given, expected):
    assert publishing.normalize_base_url(given) == expected
    assert MapOptions(base_url=given).base_url == expected


@pytest.mark.parametrize(
    "given, why",
    [
        ("www.example.org/cartes/", "the scheme is missing"),
        ("ftp://www.example.org/cartes/", "the scheme is ftp:"),
        ("https:///cartes/", "no host name"),
        ("https://www.example.org/cartes/carte.html", "this is a page"),
        ("https://www.example.org/cartes/?v=2", "a query (?…) or fragment (#…)"),
        ("https://user:secret@www.example.org/", "a user name or password"),
        ("https://www.example.org:port/", "the port is not a number"),
        ("https://www.example.org/mes cartes/", "empty or contains spaces"),
        ('https://www.example.org/"><script>/', '" < > cannot appear in an address'),
    ],
)
def test_bad_base_url_exits_2_with_one_clear_line_and_writes_nothing(paths, tmp_path, given, why):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", "--data", str(paths["data"]), "--geo", str(paths["geo"])]
        + ["--out", str(out), "--base-url", given],
    )
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: --base-url {given!r}: {why}")
    assert line.endswith("such as https://www.example.org/cartes/")
    assert not out.exists()
    with pytest.raises(RelocmapError, match=re.escape(why)):
        MapOptions(base_url=given)


def test_build_help_shows_the_new_options_with_an_example():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--assets [cdn|local]" in text and "--base-url URL" in text
    assert (
        "relocmap build --assets local --tiles none --base-url https://www.example.org/cartes/"
        in (text)
    )


# --- download links ---------------------------------------------------------------


def download_links(html: str) -> list[tuple[str, str, str]]:
    """(href, download, text) of every download link, in the page and in its script's JSON."""
    text = html.replace('\\"', '"').replace("\\u003c", "<").replace("\\u003e", ">")
    return re.findall(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>', text)


def test_page_and_table_link_the_exported_files(published):
    links = download_links((published / "carte.html").read_text(encoding="utf-8"))
    expected = [
        ("relocalisations.csv", "relocalisations.csv", "Télécharger les données (CSV)"),
        ("relocalisations.geojson", "relocalisations.geojson", "Données et contours (GeoJSON)"),
    ]
    assert links == expected * 2  # the sources line, then the table dialog


def test_offline_page_embeds_the_csv_as_a_data_link(paths, tmp_path):
    out = build(paths, tmp_path, tiles=None, offline=True)
    html = (out / "carte.html").read_text(encoding="utf-8")
    links = download_links(html)
    assert len(links) == 2 and {text for _, _, text in links} == {"Télécharger les données (CSV)"}
    href = links[0][0]
    assert href.startswith("data:text/csv;charset=utf-8,")
    csv_text = unquote(href.split(",", 1)[1])
    assert csv_text == (out / "relocalisations.csv").read_text(encoding="utf-8")


# --- in the browser -----------------------------------------------------------------


class Site:
    """Requests of a page served from folders at made-up https origins; Leaflet from the
    package as unpkg serves it; tiles grey; anything else aborted and recorded."""

    def __init__(self, folders: dict[str, Path], leaflet_js: bytes | None = None):
        self.folders = folders
        self.leaflet_js = leaflet_file("leaflet.js") if leaflet_js is None else leaflet_js
        self.aborted: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "http://127.0.0.1:")):
            return route.continue_()
        for prefix, folder in self.folders.items():
            if url.startswith(prefix):
                path = folder / url[len(prefix) :].split("?")[0]
                if path.is_file():
                    kind = {".html": "text/html", ".csv": "text/csv"}.get(path.suffix)
                    return route.fulfill(path=path, content_type=kind)
        if url == "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js":
            return route.fulfill(body=self.leaflet_js, content_type="text/javascript", headers=CORS)
        if url == "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css":
            body = leaflet_file("leaflet.css")
            return route.fulfill(body=body, content_type="text/css", headers=CORS)
        if "/tile/" in url:
            return route.fulfill(body=GREY_TILE, content_type="image/png")
        self.aborted.append(url)
        return route.abort()


def open_page(browser, url: str, site: Site, viewport=None, **context_options):
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 800}, **context_options
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.route("**/*", site)
    page.goto(url)
    return context, page, errors


@pytest.mark.browser
def test_browser_refuses_a_tampered_cdn_file(browser, published):
    site = Site({BASE: published}, leaflet_js=leaflet_file("leaflet.js") + b"\n")
    context, page, errors = open_page(browser, BASE + "carte.html", site)
    try:
        page.wait_for_load_state("load")
        assert page.evaluate("typeof L") == "undefined"
        assert page.locator("path.relocmap-dep").count() == 0
        assert any("integrity" in error for error in errors), errors
    finally:
        context.close()


@pytest.mark.browser
def test_published_page_draws_with_leaflet_checked(browser, published):
    context, page, errors = open_page(browser, BASE + "carte.html", Site({BASE: published}))
    try:
        page.wait_for_selector("html.relocmap-ready")
        assert page.locator("path.relocmap-dep").count() == 12
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_local_assets_draw_the_map_with_every_other_request_blocked(browser, local):
    attempted, files = [], []

    def only_files(route):
        url = route.request.url
        if url.startswith("file:"):
            files.append(url.rsplit("/", 1)[-1])
            return route.continue_()
        attempted.append(url)
        return route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", only_files)
        page.goto((local / "carte.html").as_uri())
        page.wait_for_selector("html.relocmap-ready")
        assert page.locator("path.relocmap-dep").count() == 12
        page.locator("path.relocmap-dep-69").click()
        assert "1\u202f220" in page.locator(".leaflet-popup-content").inner_text()
        assert errors == []
    finally:
        context.close()
    assert attempted == []
    assert sorted(set(files)) == ["carte.html", "leaflet.css", "leaflet.js"]


ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Article (fictif)</title>
<style>body {{ margin: 0; font: 17px/1.5 Georgia, serif; }}
main {{ max-width: 720px; margin: 0 auto; padding: 0 16px; }}</style></head>
<body><main><h1>Relocalisations : le bilan (article fictif)</h1>
<p>Un paragraphe d'article de presse, fictif, avant la carte.</p>
{snippet}
<p>La suite de l'article.</p>{after}</main></body></html>"""
# Records the height messages the host page receives from the map's frame.
RECORD_MESSAGES = """if (window.top === window) {
  window.relocmapMessages = [];
  window.addEventListener("message", (event) => {
    const frame = document.querySelector("iframe[data-relocmap]");
    if (frame && event.source === frame.contentWindow) { window.relocmapMessages.push(event.data); }
  });
}"""


def host_article(tmp_path: Path, published: Path, after: str = "") -> Path:
    snippet = (published / "carte-iframe.html").read_text(encoding="utf-8")
    host = tmp_path / "host"
    host.mkdir(exist_ok=True)
    (host / "article.html").write_text(ARTICLE.format(snippet=snippet, after=after), "utf-8")
    return host


def frame_state(page) -> dict:
    return page.evaluate("""() => {
        const frame = document.querySelector("iframe[data-relocmap]");
        const box = frame.getBoundingClientRect();
        return {width: box.width, height: box.height, messages: window.relocmapMessages || []};
    }""")


def wait_for_height(page, height: int) -> None:
    frame = "document.querySelector('iframe[data-relocmap]')"
    page.wait_for_function(f"() => {frame}.getBoundingClientRect().height === {height}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 720, 1280])
def test_embed_in_a_host_article_follows_the_page_height(browser, published, tmp_path, width):
    host = host_article(tmp_path, published)
    site = Site({HOST: host, BASE: published})
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.route("**/*", site)
    try:
        page.goto(HOST + "article.html")
        frame = page.frame_locator("iframe[data-relocmap]")
        frame.locator("html.relocmap-ready").wait_for()
        page.wait_for_function("() => window.relocmapMessages.length > 0")
        state = frame_state(page)
        asked = state["messages"][-1]["relocmap"]["height"]
        wait_for_height(page, asked)
        page.wait_for_timeout(500)  # the map frames its region again after a resize
        assert 300 <= asked <= 1200  # the map's page as tall as it is (embed-height.js)
        assert state["width"] == min(width - 32, 720)
        # The map's frame fits its region: every department inside the frame.
        inner = page.frame(url=BASE + "carte.html")
        bottom = inner.evaluate(
            "() => Math.max(...[...document.querySelectorAll('path.relocmap-dep')]"
            ".map(p => p.getBoundingClientRect().bottom))"
        )
        assert bottom <= asked
        caption = page.locator("figure.relocmap-embed figcaption")
        assert caption.is_visible()
        assert "Chiffres : Région Auvergne-Rhône-Alpes" in caption.inner_text()
        link = caption.get_by_role("link", name="Ouvrir la carte en pleine page")
        assert link.is_visible() and link.get_attribute("href") == BASE + "carte.html"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"embed-article-{width}.png", full_page=True)
        assert site.aborted == []
    finally:
        context.close()


@pytest.mark.browser
def test_embed_height_follows_a_narrower_window(browser, published, tmp_path):
    host = host_article(tmp_path, published)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.route("**/*", Site({HOST: host, BASE: published}))
    try:
        page.goto(HOST + "article.html")
        page.wait_for_function("() => window.relocmapMessages.length > 0")
        wide = frame_state(page)["messages"][-1]["relocmap"]["height"]
        wait_for_height(page, wide)
        page.set_viewport_size({"width": 375, "height": 900})
        page.wait_for_function(f"() => window.relocmapMessages.at(-1).relocmap.height !== {wide}")
        narrow = frame_state(page)["messages"][-1]["relocmap"]["height"]
        wait_for_height(page, narrow)
        assert narrow != wide
    finally:
        context.close()


@pytest.mark.browser
def test_embed_ignores_messages_from_anything_but_its_frame(browser, published, tmp_path):
    # Another frame on the host page, and the host page itself, ask for other heights.
    stranger = (
        '<iframe id="stranger" srcdoc="<script>parent.postMessage('
        "{relocmap: {height: 1100}}, '*')</script>\"></iframe>"
    )
    host = host_article(tmp_path, published, after=stranger)
    context = browser.new_context(viewport={"width": 720, "height": 900})
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.route("**/*", Site({HOST: host, BASE: published}))
    try:
        page.goto(HOST + "article.html")
        # The map's page is as tall as its content, which may still grow while it starts
        # (its footer comes with the script): the frame follows the map's last message.
        page.frame_locator("iframe[data-relocmap]").locator("html.relocmap-ready").wait_for()
        page.wait_for_function("() => window.relocmapMessages.length > 0")
        page.wait_for_timeout(300)
        asked = frame_state(page)["messages"][-1]["relocmap"]["height"]
        wait_for_height(page, asked)
        page.evaluate("() => window.postMessage({relocmap: {height: 1000}}, '*')")
        page.evaluate(
            "() => document.getElementById('stranger').contentWindow.eval("
            "\"parent.postMessage({relocmap: {height: 900}}, '*')\")"
        )
        page.wait_for_timeout(300)
        state = frame_state(page)
        assert state["height"] == state["messages"][-1]["relocmap"]["height"]
        assert state["height"] not in (900, 1000)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_embed_without_script_keeps_a_sensible_height_caption_and_link(
    browser, published, tmp_path, width
):
    host = host_article(tmp_path, published)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.route("**/*", Site({HOST: host, BASE: published}))
    try:
        page.goto(HOST + "article.html")
        box = page.locator("iframe[data-relocmap]").bounding_box()
        assert box["height"] == pytest.approx(max(480, min(760, box["width"] * 3 / 4)), abs=1)
        caption = page.locator("figcaption")
        assert caption.is_visible()
        assert caption.get_by_role("link", name="Ouvrir la carte en pleine page").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"embed-article-noscript-{width}.png", full_page=True)
    finally:
        context.close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def http_server(published):
    """The published folder on a real local web server: a browser's downloads need real
    responses (Playwright cancels a download whose response a route made up)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=published))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.browser
def test_downloads_from_the_table_dialog_and_the_page(browser, published, http_server):
    context, page, errors = open_page(browser, http_server + "carte.html", Site({}))
    try:
        page.wait_for_selector("html.relocmap-ready")
        page.get_by_role("button", name="Tableau des chiffres").click()
        dialog = page.get_by_role("dialog")
        with page.expect_download() as csv_download:
            dialog.get_by_role("link", name="Télécharger les données (CSV)").click()
        assert csv_download.value.suggested_filename == "relocalisations.csv"
        csv_path = csv_download.value.path()
        assert Path(csv_path).read_bytes() == (published / "relocalisations.csv").read_bytes()
        page.keyboard.press("Escape")
        attribution = page.locator(".leaflet-control-attribution")
        with page.expect_download() as geojson_download:
            attribution.get_by_role("link", name="Données et contours (GeoJSON)").click()
        geojson = Path(geojson_download.value.path()).read_bytes()
        assert geojson == (published / "relocalisations.geojson").read_bytes()
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_offline_csv_downloads_from_the_page_itself(browser, paths, tmp_path):
    out = build(paths, tmp_path, tiles=None, offline=True)
    context, page, errors = open_page(browser, (out / "carte.html").as_uri(), Site({}))
    try:
        page.wait_for_selector("html.relocmap-ready")
        page.get_by_role("button", name="Tableau des chiffres").click()
        with page.expect_download() as download:
            page.get_by_role("dialog").get_by_role(
                "link", name="Télécharger les données (CSV)"
            ).click()
        assert download.value.suggested_filename == "relocalisations.csv"
        data = Path(download.value.path()).read_bytes()
        assert data == (out / "relocalisations.csv").read_bytes()
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_print_shows_map_title_headline_legend_and_sources_but_no_controls(
    browser, published, tmp_path
):
    for tool in ("pdftotext", "pdftoppm"):
        assert shutil.which(tool), f"{tool} missing: apt-get install poppler-utils"
    context, page, errors = open_page(browser, BASE + "carte.html", Site({BASE: published}))
    try:
        page.wait_for_selector("html.relocmap-ready")
        rhone = page.locator("path.relocmap-dep-69")
        fill, opacity = rhone.get_attribute("fill"), float(rhone.get_attribute("fill-opacity"))
        pdf = tmp_path / "carte.pdf"
        page.pdf(path=pdf, format="A4", landscape=True)
    finally:
        context.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for printed in (
        "Relocalisations industrielles en Auvergne-Rhône-Alpes",
        "Bilan du plan",
        "190 projets",
        "Emplois annoncés",
        "Chiffres : Région Auvergne-Rhône-Alpes",
    ):
        assert printed in flat, printed
    for hidden in ("Indicateur", "Tableau des chiffres", "Cercles", "Télécharger", "\u2212"):
        assert hidden not in flat, hidden
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M)
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / "carte-print"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(stem)], check=True)
    from PIL import Image

    image = Image.open(f"{stem}.png").convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height)
    # Rhône, its fill over the grey basemap, covers a department's worth of paper (the
    # legend's swatches alone are a few hundred pixels): the map itself is printed.
    rgb = [int(fill[i : i + 2], 16) for i in (1, 3, 5)]
    shown = [round(opacity * c + (1 - opacity) * g) for c, g in zip(rgb, TILE_GREY, strict=True)]
    rhone_pixels = sum(
        n for n, color in counts if max(abs(a - b) for a, b in zip(color, shown, strict=True)) <= 3
    )
    assert rhone_pixels > 2000, rhone_pixels
    assert errors == []
