"""Reading a whole release, from a file or a text: the entry points of
:mod:`relocmap.extract` (:func:`extract_release`, :func:`extract_figures`,
:func:`extract_html_figures`), the names they need from the boundaries, and the check
that the release's totals are for the region of its departments."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from relocmap.base.errors import InputError
from relocmap.base.i18n import _
from relocmap.base.numbers import fold
from relocmap.extract.extractor import Extractor
from relocmap.extract.found import Extraction
from relocmap.extract.places import PlaceNames
from relocmap.extract.text import (
    Paragraph,
    html_paragraphs,
    read_release,
    release_paragraphs,
    text_paragraphs,
)


def _extract(
    paragraphs: Iterable[Paragraph],
    department_names: Mapping[str, str],
    source: str,
    region_names: Iterable[str],
) -> Extraction:
    extractor = Extractor(PlaceNames(department_names, region_names), source)
    for paragraph in paragraphs:
        extractor.read_paragraph(paragraph)
    return extractor.result()


def extract_figures(
    text: str, department_names: Mapping[str, str], source: str, region_names: Iterable[str] = ()
) -> Extraction:
    """Read the department figures and regional totals from the plain text of a release.

    ``department_names`` maps every department code to its official name (from
    the boundaries), so any French department is recognised. ``region_names``
    are the regions' names (every region of the boundaries: a region's name is
    never read as a department, and names the region of a total). ``source``
    names the file in problems.
    """
    text = unicodedata.normalize("NFC", text)
    return _extract(text_paragraphs(text), department_names, source, region_names)


def extract_html_figures(
    html: str, department_names: Mapping[str, str], source: str, region_names: Iterable[str] = ()
) -> Extraction:
    """As :func:`extract_figures`, for an HTML page; problems give the lines of the HTML."""
    html = unicodedata.normalize("NFC", html)
    return _extract(html_paragraphs(html, source), department_names, source, region_names)


def names_in(boundaries: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """The department names by code and every region's name, from the boundaries: what
    :func:`extract_release` needs to tell a department from a region ("Pays de la Loire"
    names no department)."""
    return boundaries["nom"].astype(str).to_dict(), sorted(
        set(boundaries["region_nom"].astype(str))
    )


def check_totals_region(found: Extraction, boundaries: pd.DataFrame, source: Path) -> None:
    """Refuse regional totals that name a region none of the release's departments is in
    (the totals of another region, beside this region's departments)."""
    regions_of = boundaries["region_nom"].astype(str).to_dict()
    regions = {regions_of[row.code] for row in found.rows if row.code in regions_of}
    for totals in found.totals:
        if totals.region and regions and fold(totals.region) not in {fold(r) for r in regions}:
            raise InputError.single(
                source,
                _(
                    "the release's totals (line {line}) are for {region}, its departments "
                    "are in {regions}; nothing written"
                ).format(
                    line=totals.line, region=totals.region, regions=", ".join(sorted(regions))
                ),
            )


def extract_release(
    path: Path,
    department_names: Mapping[str, str],
    region_names: Iterable[str],
    encoding: str | None = None,
) -> Extraction:
    """Read a press release file (text or HTML) and extract its figures."""
    text = unicodedata.normalize("NFC", read_release(path, encoding))
    return _extract(release_paragraphs(path, text), department_names, str(path), region_names)
