"""Browser start-up benchmark: relocmap's page against geopandas explore() pages.

Not a timed test: it prints a Markdown table (and, with --write, puts it into
bench/README.md between its markers). For the region (12 departments) and all
France (101) it builds three pages on the same figures:

* relocmap                  -- the interactive page as ``relocmap build`` writes it
                               (Leaflet 1.9.4 from unpkg.com, Esri tiles);
* explore (IGN outlines)    -- ``GeoDataFrame.explore()`` on geo/departements.geojson
                               as it is (bench/bench.py's ``build_explore``);
* explore (page outlines)   -- the same on relocmap's simplified page geometry.

and loads each in headless Debian Chromium (Playwright, ``/usr/bin/chromium``;
never a downloaded browser), cold (a new browser context per load), at 1x and 4x
CPU throttling (DevTools protocol ``Emulation.setCPUThrottlingRate``), the pages
interleaved in every round so background load hits them alike.

Nothing goes to the network. A local HTTPS server (see Server) answers for every
host name: the page itself (at https://bench.relocmap.test/), and the files the
pages take from CDNs, from local copies (see vendor(): Leaflet 1.9.4 from the
django-js-lib-leaflet package, explore's files from bench/node_modules, installed
with ``npm ci --prefix bench``). Tiles and anything else get a 404, for every page
alike.

Measured per load (times in ms from the start of navigation):

* paths drawn  -- the end of the first frame in which one SVG <path> per department
                  is rendered (see PATHS: Leaflet's overlay pane, and relocmap's inline
                  drawing; not hidden by display, visibility or opacity 0): polled in
                  requestAnimationFrame (whose callbacks run just before the frame's
                  style, layout and paint), then stamped by a message posted from
                  that callback, which runs once the frame is rendered, or, if a
                  long task began between the two, by that task's start (the frame
                  was rendered before it: see frame_end). The same script for every
                  page;
* FCP          -- first contentful paint (Paint Timing);
* blocking     -- over the long tasks (PerformanceObserver "longtask", registered
                  before the page's first script), the time of each beyond 50 ms,
                  from the start of navigation until the page is quiet (no long task
                  for 1 s, at least 1 s after the paths are drawn): work deferred
                  past the first paint is counted too;
* TBT          -- the same, counting only what lies after FCP, as Lighthouse's total
                  blocking time does. A page that paints nothing until its script has
                  run (explore) has almost none: its blocking is all before FCP. The
                  comparison with explore is made on "blocking" for that reason;
* heap         -- JSHeapUsedSize (DevTools Performance.getMetrics) at the end.

Usage (from the repository root, after ``make map`` and ``npm ci --prefix bench``)::

    npm ci --prefix bench                     # once: explore's files (bench/package.json)
    .venv/bin/python bench/browser.py [--rounds 5] [--before main] [--write]

About 4 minutes with 5 rounds on a 2-CPU machine (6 minutes with --before, which adds
relocmap's page as another commit's package builds it: before/after in one run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from bench import (  # bench/bench.py, beside this script
    DATA,
    FACTS,
    build_explore,
    build_relocmap_page,
    france_csv,
    gzip_size,
    no_network,
    source_state,
    write_readme,
)

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- bench-browser:start (written by bench/browser.py --write) -->"
END = "<!-- bench-browser:end -->"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
ORIGIN = "https://bench.relocmap.test/"
THROTTLES = (1, 4)
TIMEOUT_MS = 60_000
NODE = ROOT / "bench" / "node_modules"
ROTATE_CSS = "leaflet.awesome.rotate.min.css"


def _leaflet_194() -> Path:
    """Leaflet 1.9.4 as relocmap ships it (byte for byte unpkg's, see the README)."""
    import js_lib_leaflet  # the django-js-lib-leaflet package, a relocmap dependency

    return Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"


# URL -> (local file or None for an empty stand-in, where the copy comes from).
def vendor() -> dict[str, tuple[Path | None, str]]:
    leaflet = _leaflet_194()
    jsdelivr, cdnjs = "https://cdn.jsdelivr.net/", "https://cdnjs.cloudflare.com/ajax/libs/"
    markers = NODE / "drmonty-leaflet-awesome-markers"
    npm = "npm package, bench/package.json"
    return {
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js": (
            leaflet / "leaflet.js",
            "django-js-lib-leaflet (Python)",
        ),
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css": (
            leaflet / "leaflet.css",
            "django-js-lib-leaflet (Python)",
        ),
        jsdelivr + "npm/leaflet@1.9.3/dist/leaflet.js": (NODE / "leaflet/dist/leaflet.js", npm),
        jsdelivr + "npm/leaflet@1.9.3/dist/leaflet.css": (NODE / "leaflet/dist/leaflet.css", npm),
        "https://code.jquery.com/jquery-3.7.1.min.js": (NODE / "jquery/dist/jquery.min.js", npm),
        jsdelivr + "npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
            NODE / "bootstrap/dist/js/bootstrap.bundle.min.js",
            npm,
        ),
        jsdelivr + "npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
            NODE / "bootstrap/dist/css/bootstrap.min.css",
            npm,
        ),
        jsdelivr + "npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
            NODE / "@fortawesome/fontawesome-free/css/all.min.css",
            npm,
        ),
        cdnjs + "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": (
            markers / "js/leaflet.awesome-markers.js",
            "npm package drmonty-leaflet-awesome-markers 2.0.2, bench/package.json",
        ),
        cdnjs + "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": (
            markers / "css/leaflet.awesome-markers.css",
            "npm package drmonty-leaflet-awesome-markers 2.0.2, bench/package.json",
        ),
        cdnjs + "d3/3.5.5/d3.min.js": (NODE / "d3/d3.min.js", npm),
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": (
            None,
            "empty stand-in (a 3.0.0 release-candidate file, on no registry)",
        ),
        jsdelivr + "gh/python-visualization/folium/folium/templates/" + ROTATE_CSS: (
            None,
            "empty stand-in (folium's GitHub file, not in the folium package)",
        ),
    }


def content_type(url: str) -> str:
    if url.endswith(".js"):
        return "application/javascript"
    if url.endswith(".css"):
        return "text/css"
    return "text/html; charset=utf-8"


# --- what runs in the page: one script for every page ----------------------------

# The department outlines of each page: Leaflet's paths; relocmap's page also paints
# them, before Leaflet runs, as its inline drawing (src/relocmap/page/sketch.py).
PATHS = {
    "relocmap": ".leaflet-overlay-pane path, svg.relocmap-sketch path",
    "explore": ".leaflet-overlay-pane path",
}

PROBE = """
(() => {
  const expected = %d;
  const selector = %s;
  const b = window.__bench = {longTasks: [], pathsDrawn: null, lastTaskEnd: 0};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      b.longTasks.push([entry.startTime, entry.duration]);
      b.lastTaskEnd = Math.max(b.lastTaskEnd, entry.startTime + entry.duration);
    }
  }).observe({type: "longtask", buffered: true});
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { b.pathsDrawn = performance.now(); };
  // A path counts if it is rendered: not in an element hidden by display, visibility
  // or opacity 0 (relocmap hides Leaflet's paths while its drawing is still shown).
  const shown = {opacityProperty: true, visibilityProperty: true};
  function poll() {
    const paths = document.querySelectorAll(selector);
    if (paths.length >= expected &&
        Array.from(paths).filter((path) => path.checkVisibility(shown)).length >= expected) {
      b.frameAt = performance.now();
      channel.port2.postMessage(null);
    } else {
      requestAnimationFrame(poll);
    }
  }
  requestAnimationFrame(poll);
  b.quiet = () => {
    const now = performance.now();
    return b.pathsDrawn !== null && now - b.pathsDrawn > 1000 && now - b.lastTaskEnd > 1000;
  };
})();
"""

COLLECT = """
() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {pathsDrawn: window.__bench.pathsDrawn, frameAt: window.__bench.frameAt,
          fcp: paint ? paint.startTime : null, longTasks: window.__bench.longTasks};
}
"""


def frame_end(frame_at: float, message_at: float, long_tasks: list[list[float]]) -> float:
    """When the frame that first showed the paths was rendered: the message posted from
    its requestAnimationFrame callback runs after it, but may wait behind a long task
    queued meanwhile (a script the page defers past its first paint); the frame was
    rendered before that task began."""
    later = [start for start, _ in long_tasks if frame_at < start < message_at]
    return min([message_at, *later])


def blocking_time(long_tasks: list[list[float]], fcp: float) -> float:
    """Lighthouse's count: each long task's time past 50 ms, the part after FCP."""
    total = 0.0
    for start, duration in long_tasks:
        end = start + duration
        if end <= fcp:
            continue
        total += max(0.0, end - max(start, fcp) - 50.0)
    return total


# --- pages --------------------------------------------------------------------------


@dataclass
class Page:
    dataset: str
    name: str
    html: bytes
    departments: int
    paths: str  # the selector of the department outlines the probe waits for
    samples: dict[int, list[dict]] = field(default_factory=dict)
    screens: dict[int, list[float]] = field(default_factory=dict)  # on screen (ms)
    served: int = 0  # bytes of every file of one load (the page and what it asked for)

    @property
    def url(self) -> str:
        return ORIGIN + re.sub(r"[^a-z0-9]+", "-", f"{self.dataset} {self.name}".lower()) + ".html"


def page_at(revision: str, data: Path, facts: Path | None, scratch: Path) -> bytes:
    """relocmap's page as the package committed at ``revision`` builds it (its Python,
    templates and page script: the page's HTML changes with the script since issue 21),
    in a child Python whose import path puts that commit's ``src/`` first."""
    import subprocess

    source = scratch / f"src-{revision}"
    if not source.exists():
        source.mkdir()
        archive = subprocess.run(
            ["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    out_dir = scratch / f"page-{revision}-{data.stem}"
    out_dir.mkdir()
    code = (
        "import sys; from pathlib import Path; import bench, relocmap; "
        "assert Path(relocmap.__file__).is_relative_to(Path(sys.argv[1])); "
        "bench.no_network().__enter__(); "
        "bench.build_relocmap_page(Path(sys.argv[2]), "
        "Path(sys.argv[3]) if sys.argv[3] else None, Path(sys.argv[4]))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(source / "src"), str(ROOT / "bench")])}
    args = [str(source), str(data), str(facts or ""), str(out_dir)]
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True)
    return (out_dir / "carte.html").read_bytes()


def build_pages(scratch: Path, before: str | None = None) -> list[Page]:
    warnings.filterwarnings("ignore", message="Numba not installed")
    pages = []
    datasets = [("region", DATA, FACTS, 12), ("all France", france_csv(scratch), None, 101)]
    builders = [
        ("relocmap", build_relocmap_page),
        ("explore (IGN outlines)", build_explore),
        ("explore (page outlines)", lambda d, f, o: build_explore(d, f, o, page_geometry=True)),
    ]
    with no_network():
        for dataset, data, facts, count in datasets:
            for name, build in builders:
                out_dir = scratch / f"{dataset}-{name}".replace(" ", "-")
                out_dir.mkdir()
                html = build(data, facts, out_dir).read_bytes()
                pages.append(Page(dataset, name, html, count, PATHS[name.split(" ")[0]]))
                if before and name == "relocmap":
                    html = page_at(before, data, facts, scratch)
                    pages.append(
                        Page(dataset, f"relocmap at {before}", html, count, PATHS["relocmap"])
                    )
    return pages


# --- serving: a local HTTPS server answering for every host ---------------------
# Chromium resolves every host name to it (--host-resolver-rules) and accepts its
# self-signed certificate (made by openssl for the run): the pages load their files
# from the addresses they name, over HTTPS, as they would on the web, without any
# request leaving the machine and without rewriting the pages.


class Server:
    """A threaded HTTPS server over a dict {"https://host/path": bytes}; 404 otherwise."""

    def __init__(self, files: dict[str, bytes], scratch: Path):
        import http.server
        import ssl
        import subprocess
        import threading

        self.files, self.served, self.refused = files, 0, set()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                url = "https://" + self.headers.get("Host", "") + self.path
                body = owner.files.get(url)
                if body is None:
                    owner.refused.add(self.headers.get("Host", "?"))
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                owner.served += len(body)
                self.send_response(200)
                self.send_header("Content-Type", content_type(url))
                self.send_header("Content-Length", str(len(body)))
                # as the CDNs answer (relocmap's page asks for Leaflet with SRI, CORS)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        key, cert = scratch / "key.pem", scratch / "cert.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=bench.relocmap.test", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # a connection the browser drops (a context closed mid-load) is no error here
        self.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_quiet(cdp) -> None:
    """Poll the probe from here with plain DevTools evaluations until the page is quiet.
    Not Playwright's wait_for_function: its first call in a page compiles Playwright's
    injected script there (about 20 ms on the page's main thread at 1x CPU, while the page
    loads), a cost that is the harness's, not the page's."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    expression = "Boolean(window.__bench && window.__bench.quiet())"
    while True:
        answer = cdp.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if answer["result"].get("value"):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page was not quiet after {TIMEOUT_MS} ms")
        time.sleep(0.1)


def load(browser, page: Page, throttle: int, server: Server) -> dict:
    """One cold load: a new context (empty cache, new connections), CPU throttled before
    navigating."""
    context = browser.new_context(viewport=VIEWPORT, ignore_https_errors=True)
    server.served = 0
    try:
        context.add_init_script(PROBE % (page.departments, json.dumps(page.paths)))
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        cdp.send("Performance.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        tab.goto(page.url, wait_until="commit", timeout=TIMEOUT_MS)
        wait_quiet(cdp)
        found = tab.evaluate(COLLECT)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    finally:
        context.close()
    page.served = server.served
    fcp = found["fcp"] or 0.0
    return {
        "paths": frame_end(found["frameAt"], found["pathsDrawn"], found["longTasks"]),
        "fcp": fcp,
        "tbt": blocking_time(found["longTasks"], fcp),
        "blocking": blocking_time(found["longTasks"], 0.0),
        "heap": metrics.get("JSHeapUsedSize", 0.0) / 1e6,
    }


# --- on screen: the frames as presented, from a DevTools trace's screenshots --------

SCREENSHOT_CATEGORIES = "disabled-by-default-devtools.screenshot,blink.user_timing,loading"
ON_SCREEN_SHARE = 0.9


def coloured_pixels(jpeg: bytes) -> int:
    """Pixels of a screenshot (scaled to 160×100) in a choropleth's colours: saturated
    ones (channels more than 40 apart). The background, the white outlines, grey tiles
    and text are not."""
    import io

    from PIL import Image  # Pillow comes with matplotlib

    image = Image.open(io.BytesIO(jpeg)).convert("RGB").resize((160, 100))
    return sum(1 for r, g, b in image.get_flattened_data() if max(r, g, b) - min(r, g, b) > 40)


def on_screen(browser, page: Page, throttle: int) -> float:
    """One cold load traced with screenshots: when the map's colours first covered
    ON_SCREEN_SHARE of what they cover once the page is quiet, in the frames the browser
    presented (ms from the start of navigation)."""
    import base64

    context = browser.new_context(viewport=VIEWPORT, ignore_https_errors=True)
    try:
        context.add_init_script(PROBE % (page.departments, json.dumps(page.paths)))
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        events: list[dict] = []
        cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
        cdp.send("Tracing.start", {"categories": SCREENSHOT_CATEGORIES})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        tab.goto(page.url, wait_until="commit", timeout=TIMEOUT_MS)
        wait_quiet(cdp)
        finished: list[bool] = []
        cdp.on("Tracing.tracingComplete", lambda message: finished.append(True))
        cdp.send("Tracing.end")
        while not finished:
            tab.wait_for_timeout(50)
    finally:
        context.close()
    start = min(e["ts"] for e in events if e.get("name") == "navigationStart")
    shots = sorted(
        (e["ts"], coloured_pixels(base64.b64decode(e["args"]["snapshot"])))
        for e in events
        if e.get("name") == "Screenshot" and e["ts"] > start
    )
    final = shots[-1][1]
    return next(ts - start for ts, count in shots if count >= ON_SCREEN_SHARE * final) / 1000


def read_vendor() -> tuple[dict[str, bytes], list[str]]:
    files, missing = {}, []
    for url, (path, _) in vendor().items():
        if path is None:
            files[url] = b""
        elif path.is_file():
            files[url] = path.read_bytes()
        else:
            missing.append(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
    return files, missing


def run(pages: list[Page], rounds: int, scratch: Path, screens: int = 0) -> set[str]:
    from playwright.sync_api import sync_playwright

    files, missing = read_vendor()
    if missing:
        sys.exit(f"bench/browser.py: run 'npm ci --prefix bench' first; missing {missing}")
    files.update({page.url: page.html for page in pages})
    server = Server(files, scratch)
    args = [*LAUNCH_ARGS, f"--host-resolver-rules=MAP * 127.0.0.1:{server.port}"]
    args.append("--ignore-certificate-errors")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
            for page in pages:  # one untimed load each: the browser's own warm-up
                load(browser, page, 1, server)
            for round_ in range(rounds):
                print(f"… round {round_ + 1} of {rounds}", file=sys.stderr, flush=True)
                for throttle in THROTTLES:
                    for page in pages:
                        sample = load(browser, page, throttle, server)
                        page.samples.setdefault(throttle, []).append(sample)
            # Apart from the timed loads: a trace with screenshots costs the browser time.
            for round_ in range(screens):
                print(
                    f"… screenshots, round {round_ + 1} of {screens}", file=sys.stderr, flush=True
                )
                for throttle in THROTTLES:
                    for page in pages:
                        page.screens.setdefault(throttle, []).append(
                            on_screen(browser, page, throttle)
                        )
            browser.close()
    finally:
        server.close()
    return server.refused


# --- report -------------------------------------------------------------------------


def median(page: Page, throttle: int, key: str) -> float:
    return statistics.median(s[key] for s in page.samples[throttle])


def spread(page: Page, throttle: int, key: str) -> str:
    values = [s[key] for s in page.samples[throttle]]
    return f"{min(values):,.0f}–{max(values):,.0f}"


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "–"


def row(page: Page, peer: Page, throttle: int) -> str:
    """One page at one throttling, with its ratios to explore's (IGN outlines)."""

    def m(key: str) -> float:
        return median(page, throttle, key)

    def to_peer(key: str) -> str:
        return ratio(m(key), median(peer, throttle, key))

    return (
        f"| {page.dataset} | {throttle}× | {page.name} "
        f"| {len(page.html):,} ({gzip_size(page.html):,}) | {page.served:,} "
        f"| {m('paths'):,.0f} | {spread(page, throttle, 'paths')} | {m('fcp'):,.0f} "
        f"| {m('blocking'):,.0f} | {spread(page, throttle, 'blocking')} "
        f"| {m('tbt'):,.0f} | {m('heap'):.1f} | {to_peer('paths')} | {to_peer('blocking')} |"
    )


def table(pages: list[Page], rounds: int) -> str:
    lines = [
        f"| Data | CPU | Page | HTML bytes (gzip) | all files (bytes) "
        f"| paths drawn, median of {rounds} (ms) | min–max | FCP (ms) "
        "| blocking from start (ms) | min–max | TBT after FCP (ms) | heap (MB) "
        "| paths drawn ÷ explore | blocking ÷ explore |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    lines.extend(row(page, peer, throttle) for page, peer, throttle in cases(pages))
    return "\n".join(lines)


def cases(pages: list[Page]) -> list[tuple[Page, Page, int]]:
    """Every page at every throttling, with the page it is compared to (explore on the
    IGN outlines of the same data), in the tables' order."""
    peers = {p.dataset: p for p in pages if p.name == "explore (IGN outlines)"}
    return [(page, peers[page.dataset], throttle) for throttle in THROTTLES for page in pages]


def screens_table(pages: list[Page], rounds: int) -> str:
    lines = [
        "When the map is on screen, in the frames the browser presented (a DevTools trace's "
        f"screenshots; {rounds} more {'load' if rounds == 1 else 'loads'} per page and CPU, "
        "apart from the timed ones): the first "
        f"frame in which the map's colours cover {ON_SCREEN_SHARE:.0%} of what they cover "
        "once the page is quiet.",
        "",
        f"| Data | CPU | Page | on screen, median of {rounds} (ms) | min–max "
        "| paths drawn (table above, ms) | on screen ÷ explore |",
        "|---|--:|---|--:|--:|--:|--:|",
    ]
    for page, peer, throttle in cases(pages):
        ours = statistics.median(page.screens[throttle])
        lines.append(
            f"| {page.dataset} | {throttle}× | {page.name} | {ours:,.0f} "
            f"| {min(page.screens[throttle]):,.0f}–{max(page.screens[throttle]):,.0f} "
            f"| {median(page, throttle, 'paths'):,.0f} "
            f"| {ratio(ours, statistics.median(peer.screens[throttle]))} |"
        )
    return "\n".join(lines)


def chromium_version() -> str:
    try:
        import subprocess

        return subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, ValueError) as error:
        return f"unknown Chromium ({error})"


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    loads = ", ".join(f"{x:.1f}" for x in load_before)
    after = ", ".join(f"{x:.1f}" for x in load_after)
    return (
        f"relocmap source: {source_state()}. Machine: {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{chromium_version()} (headless), Playwright {metadata.version('playwright')}, "
        f"viewport {VIEWPORT['width']}×{VIEWPORT['height']}; load average before: {loads}, "
        f"after: {after} (other jobs were running: compare medians)."
    )


def sources_list(refused: set[str]) -> str:
    lines = [f"- `{url}`: {origin}" for url, (_, origin) in vendor().items()]
    lines.append("- refused (tiles and anything else): " + (", ".join(sorted(refused)) or "none"))
    return "Files served from local copies:\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed loads per case (default 5)")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    parser.add_argument("--write", action="store_true", help="rewrite bench/README.md's section")
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also load relocmap's page as the package committed at REV (git) builds it, "
        "interleaved with the others: before/after figures from one run",
    )
    parser.add_argument(
        "--screens",
        type=int,
        default=0,
        metavar="N",
        help="also N loads per case traced with screenshots: when the map is on screen "
        "in the frames the browser presented (default 0: not measured)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.screens < 0:
        parser.error("--screens must be 0 or more")
    load_before = os.getloadavg()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="relocmap-browser-") as tmp:
        pages = build_pages(Path(tmp), args.before)
        refused = run(pages, args.rounds, Path(tmp), args.screens)
    parts = [machine(load_before, os.getloadavg()), table(pages, args.rounds)]
    if args.screens:
        parts.append(screens_table(pages, args.screens))
    section = "\n\n".join([*parts, sources_list(refused)])
    print(section)
    print(f"\n({time.monotonic() - started:.0f} s)", file=sys.stderr)
    if args.json:
        samples = {
            f"{p.dataset} / {p.name}": {"timed": p.samples, "on screen": p.screens} for p in pages
        }
        args.json.write_text(json.dumps(samples, indent=1) + "\n", encoding="utf-8")
    if args.write:
        write_readme(section, START, END)


if __name__ == "__main__":
    main()
