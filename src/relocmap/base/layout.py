"""The project's file layout, named once: the folders and file names that relocmap reads
and writes. Every module takes a name from here instead of spelling it again."""

from __future__ import annotations

from pathlib import Path

# --- inputs --------------------------------------------------------------------------

FIGURES_CSV = "relocalisations.csv"  # a publication's figures (also the CSV export's name)
FACTS_JSON = "publication.json"  # what the press release says beyond the figures
FIGURES_SCHEMA = "schema.json"  # the figures' Table Schema (package data, and in data/)
FACTS_SCHEMA = "publication.schema.json"  # the facts' JSON Schema (package data)
PUBLICATIONS_DIR = "publications"  # data/publications/<date>/ holds one publication each

DATA_DIR = Path("data")
DEFAULT_FIGURES = DATA_DIR / FIGURES_CSV
DEFAULT_FACTS = DATA_DIR / FACTS_JSON
DEFAULT_PUBLICATIONS = DATA_DIR / PUBLICATIONS_DIR
DEFAULT_BOUNDARIES = Path("geo/departements.geojson")

# --- outputs -------------------------------------------------------------------------

DEFAULT_OUT = Path("out")
PAGE_HTML = "carte.html"  # the interactive map
SNIPPET_HTML = "carte-iframe.html"  # the embed snippet
EXPORT_GEOJSON = "relocalisations.geojson"
EXPORT_CSV = FIGURES_CSV
MAP_PNG = "carte.png"
MAP_SVG = "carte.svg"
EVOLUTION_PNG = "evolution.png"  # two or more publications
TRAJECTORY_PNG = "trajectoire.png"  # two or more publications
LEAFLET_JS = "leaflet.js"  # with --assets local
LEAFLET_CSS = "leaflet.css"

# What a build writes, in the order it reports them.
OUTPUT_NAMES = (PAGE_HTML, SNIPPET_HTML, EXPORT_GEOJSON, EXPORT_CSV, MAP_PNG, MAP_SVG)
# Leaflet's files, written beside carte.html with --assets local.
LOCAL_ASSET_NAMES = (LEAFLET_JS, LEAFLET_CSS)
# Every name a build may write, whatever its mode: a folder holding only these is an
# output folder of relocmap's, replaced whole (files/writing.py), so that outputs of
# another mode (evolution.png after a single publication) do not linger beside the new set.
ALL_OUTPUT_NAMES = (*OUTPUT_NAMES, EVOLUTION_PNG, TRAJECTORY_PNG, *LOCAL_ASSET_NAMES)

# --- the desk (relocmap desk) ---------------------------------------------------------

# A release pasted or dropped in the desk, kept under the desk's work folder by its digest.
DESK_RELEASE_TEXT = "communique.txt"
DESK_RELEASE_HTML = "communique.html"
# In the desk's work folder: held while it publishes, so two publishes never interleave.
DESK_LOCK = "publication.lock"
# The desk's own folder in the project (releases kept, previews built); nothing else reads it.
DESK_WORK = Path(".relocmap-desk")
