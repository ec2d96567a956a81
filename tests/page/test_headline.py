"""The headline panel: what a release announces for later is shown as such.

Every figure here is fictitious, invented for the tests.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path

from relocmap.base.counts import Count
from relocmap.base.precision import Precision
from relocmap.inputs.checked import load_inputs
from relocmap.inputs.dates import PartialDate
from relocmap.inputs.facts import Announcement, Publication
from relocmap.page.headline import headline_body

# Fictitious facts of a release dated 2024-03-05 that announces projects by a horizon.
FORWARD = Publication(
    source="Région fictive, communiqué de presse",
    source_date=PartialDate(2024, 3, 5),
    total_projets=Count(212, formulation="212 projets"),
    projets_annonces=Announcement(
        Count(100, Precision.ENVIRON, formulation="une centaine de nouveaux projets"),
        "d'ici fin 2025",
    ),
)


def test_headline_shows_announced_projects_with_their_horizon(repo_root: Path) -> None:
    joined = load_inputs(
        repo_root / "data" / "relocalisations.csv",
        repo_root / "geo" / "departements.geojson",
        repo_root / "data" / "publication.json",
    ).joined
    body = unescape(headline_body(joined, FORWARD))
    assert "<strong>212 projets</strong>" in body
    assert "Une centaine de nouveaux projets prévus d'ici fin 2025" in body
    assert "annoncés prochainement" not in body
