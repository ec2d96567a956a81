"""The figures table, readable without script: its cells (the figure texts), sort keys,
caption and footer, and the dialog element that holds it."""

from __future__ import annotations

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from relocmap.base.counts import Count
from relocmap.base.numbers import fr_int
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.wording import title_text
from relocmap.page import publishing
from relocmap.page.templating import package_text, snippet
from relocmap.page.texts import figure_texts

# The table's figure columns: the index of each in figure_texts, and the column of the
# frame it sorts by. The script fills the table of another publication the same way
# (config "tableFigures").
TABLE_FIGURES = (
    (0, "projets"),
    (1, "emplois"),
    (3, "emplois_pour_10000_hab"),
    (4, "part_emplois"),
)


def table_sort_keys(row: pd.Series) -> list[float | None]:
    """The table's sort key of each figure column (:data:`TABLE_FIGURES`)."""
    return [_sort_number(row[column]) for _, column in TABLE_FIGURES]


def _sort_number(value: float | None) -> float | None:
    """A sort key: the value to 3 decimals, a whole number written without ".0"."""
    if value is None or pd.isna(value):
        return None
    number = round(float(value), 3)
    return int(number) if number.is_integer() else number


class FiguresTable(MacroElement):
    """The figures as an HTML table in a dialog: keyboard and screen-reader friendly, sortable."""

    _template = Template(package_text("table.j2"))

    def __init__(self, table_html: str):
        super().__init__()
        self.table_html = table_html


def _cell(text: str, sort: object, code: str = "") -> dict[str, object]:
    return {"text": text, "sort": "" if sort is None or pd.isna(sort) else sort, "code": code}


# The table's words for a department without figures: jobs, and the other columns.
TABLE_NO_FIGURES = ("pas de données", "–")


def table_caption(
    joined: JoinedFigures, publication: Publication | None, label: str | None = None
) -> str:
    """``… : projets et emplois par département`` (``, juin 2023`` with several
    publications)."""
    caption = f"{title_text(joined, publication)} : projets et emplois par département"
    return f"{caption}, {label}" if label else caption


def _total_cell(total: Count) -> str:
    """The published jobs total as worded, with the number when the wording hides it:
    ``plus de 5 300 emplois (5 306)``, but ``6 860 emplois``."""
    worded = total.wording("emplois")
    plain = f"{fr_int(total.value)} emplois"
    return worded if worded == plain else f"{worded} ({fr_int(total.value)})"


def table_footer(joined: JoinedFigures, publication: Publication | None) -> str:
    """The table's footer rows (sum of the departments; total as published) as HTML."""
    frame = joined.frame
    footer = [
        {
            "label": "Somme des départements",
            "cells": [
                fr_int(frame["projets"].sum()),
                fr_int(frame["emplois"].sum()),
                "",
                "100\u00a0%",
            ],
        }
    ]
    if publication is not None and (publication.total_projets or publication.total_emplois):
        projets, emplois = publication.total_projets, publication.total_emplois
        footer.append(
            {
                "label": "Total publié par la Région",
                "cells": [
                    fr_int(projets.value) if projets else "",
                    _total_cell(emplois) if emplois else "",
                    "",
                    "",
                ],
            }
        )
    return snippet("table-foot.html.j2", footer=footer)


def table_html(
    joined: JoinedFigures,
    publication: Publication | None,
    source: str,
    downloads: list[publishing.Download] | None = None,
    label: str | None = None,
) -> str:
    """The table of one publication as HTML: a row per department, sortable figure
    columns, the footer, the source and the download links."""
    frame = joined.frame
    columns = [
        {"label": "Département", "numeric": False},
        {"label": "Projets", "numeric": True},
        {"label": "Emplois (tels que publiés)", "numeric": True},
        {"label": "Emplois pour 10\u202f000 habitants", "numeric": True},
        {"label": "Part des emplois de la région", "numeric": True},
    ]
    no_jobs, dash = TABLE_NO_FIGURES
    rows = []
    for code, row in frame.iterrows():
        texts = figure_texts(row, None)
        if texts:
            cells = [
                _cell(texts[index] or dash, sort)
                for (index, _), sort in zip(TABLE_FIGURES, table_sort_keys(row), strict=True)
            ]
        else:
            cells = [_cell(text, None) for text in (dash, no_jobs, dash, dash)]
        rows.append([_cell(f"{row['nom']} ({code})", row["nom"], code), *cells])
    return snippet(
        "table.html.j2",
        caption=table_caption(joined, publication, label),
        columns=columns,
        rows=rows,
        footer=table_footer(joined, publication),
        source=source,
        downloads=downloads or [],
    )
