"""relocmap: the results of the Auvergne-Rhône-Alpes relocation plan as a map people can
trust. This module is the documented Python face; the stages live in its subpackages.

Stages (each may import only those before it; see ARCHITECTURE.md)::

    base → files → inputs → extract → history → outputs → page → build, update, report → desk → cli

For a notebook::

    from pathlib import Path
    import relocmap

    inputs = relocmap.load_inputs(
        Path("data/relocalisations.csv"),
        Path("geo/departements.geojson"),
        Path("data/publication.json"),
    )
    inputs.joined.frame                      # the figures joined to the departments
    files = relocmap.map_files(inputs)       # every output by name, nothing written
    relocmap.build_map(Path("data/relocalisations.csv"), Path("geo/departements.geojson"),
                       Path("out"), Path("data/publication.json"))

    boundaries = relocmap.read_boundaries(Path("geo/departements.geojson"))
    names, regions = relocmap.names_in(boundaries)
    found = relocmap.extract_release(Path("communique.txt"), names, regions)
    found.rows                               # one row per department, with its words

Every refusal is a :class:`RelocmapError` (:class:`InputError` names the file, line and
column).
"""

from relocmap.base.counts import Count
from relocmap.base.errors import InputError, OutputError, Problem, RelocmapError
from relocmap.base.precision import Precision
from relocmap.build import build_map, map_files
from relocmap.extract.found import Extraction
from relocmap.extract.release import extract_release, names_in
from relocmap.history.folder import History, load_history
from relocmap.inputs.boundaries import read_boundaries
from relocmap.inputs.checked import Inputs, load_inputs
from relocmap.inputs.facts import Publication, read_publication
from relocmap.page.options import MapOptions

__all__ = [
    "Count",
    "Extraction",
    "History",
    "InputError",
    "Inputs",
    "MapOptions",
    "OutputError",
    "Precision",
    "Problem",
    "Publication",
    "RelocmapError",
    "build_map",
    "extract_release",
    "load_history",
    "load_inputs",
    "map_files",
    "names_in",
    "read_boundaries",
    "read_publication",
]
