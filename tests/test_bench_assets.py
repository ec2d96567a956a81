"""bench/bench.py counts the files a page loads from other hosts (its size table's
"External JS/CSS" column)."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("relocmap_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_preloaded_stylesheet_counts_as_a_file_the_page_loads():
    # Regression: relocmap's page preloads Leaflet's CSS (applied by its script) instead
    # of linking it as a stylesheet, and the count had dropped from 2 to 1.
    page = (
        '<link rel="preload" as="style" href="https://unpkg.com/leaflet.css">'
        '<script defer src="https://unpkg.com/leaflet.js"></script>'
        '<link rel="stylesheet" href="//cdn.example/site.css">'
        '<link rel="icon" href="https://example.org/icon.svg">'
        '<link rel="expect" href="#map" blocking="render">'
        '<script src="local.js"></script>'
    )
    assert load_bench().external_assets(page) == [
        "https://unpkg.com/leaflet.css",
        "https://unpkg.com/leaflet.js",
        "//cdn.example/site.css",
    ]
