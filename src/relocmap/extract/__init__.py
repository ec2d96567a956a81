"""Reading the per-department figures out of a French press release (text or HTML),
each tied to the line and words it was read from; nothing is guessed.

A release gives them in sentences ("Dans l'Ain, 30 projets ont été identifiés
pour la création de 610 emplois"), in lists ("• Loire : 31 projets — 1 040
emplois"), several to a sentence ("la Gironde (14 projets, 520 emplois), les
Landes (6 projets, 130 emplois)"; "le Doubs et le Jura comptent respectivement 11
et 7 projets, pour 290 et 150 emplois") or in tables. Each figure is tied to the
one department whose clause it is in; sentences about a region, "la Région", "au
total"... give the regional totals, and forward-looking counts ("200 projets
auront bientôt été accompagnés") are kept apart from them. A line that clearly
tallies a department but cannot be read, a department given twice, figures for a
place that is no department: each becomes a problem, with its line and words.

The modules, from the file to the figures:

- :mod:`~relocmap.extract.text`: the text of a file as paragraphs of lines and tables;
- :mod:`~relocmap.extract.vocabulary`: every French word the extractor recognises;
- :mod:`~relocmap.extract.places`: department and region names in a text;
- :mod:`~relocmap.extract.quantities`: numbers of projects and jobs, with their precision;
- :mod:`~relocmap.extract.tables`: tables of figures (HTML, tabs, ``|``, spaces);
- :mod:`~relocmap.extract.statements`: prose lines unwrapped into sentences;
- :mod:`~relocmap.extract.clauses`: which figures of a sentence go with which place;
- :mod:`~relocmap.extract.sentences`: one sentence read into rows, totals or problems;
- :mod:`~relocmap.extract.collector`: what is found, and a department given twice;
- :mod:`~relocmap.extract.extractor`: a release read paragraph by paragraph;
- :mod:`~relocmap.extract.found`: the result types;
- :mod:`~relocmap.extract.release`: the entry points;
- :mod:`~relocmap.extract.output`: the files 'relocmap extract' writes and the trace it prints.
"""

from relocmap.extract.found import Announced, Extraction, RegionalTotals, ReleaseRow
from relocmap.extract.output import (
    chosen_totals,
    figures_csv,
    merged_facts,
    release_outputs,
    totals_facts,
    trace_lines,
)
from relocmap.extract.places import Mention, Place, PlaceNames
from relocmap.extract.quantities import Figure, Quantity, find_figures
from relocmap.extract.release import (
    check_totals_region,
    extract_figures,
    extract_html_figures,
    extract_release,
    names_in,
)
from relocmap.extract.text import html_lines, read_release, release_paragraphs

__all__ = [
    "Announced",
    "ReleaseRow",
    "Extraction",
    "Figure",
    "Mention",
    "Place",
    "PlaceNames",
    "Quantity",
    "RegionalTotals",
    "check_totals_region",
    "chosen_totals",
    "extract_figures",
    "extract_html_figures",
    "extract_release",
    "figures_csv",
    "find_figures",
    "html_lines",
    "merged_facts",
    "names_in",
    "read_release",
    "release_outputs",
    "release_paragraphs",
    "totals_facts",
    "trace_lines",
]
