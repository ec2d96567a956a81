"""French wording of every figure on the page: plural from 2, ranks shared as "ex aequo"."""

from __future__ import annotations

from pathlib import Path

from helpers import page_departments

from relocmap.build import build_map
from relocmap.page import MapOptions
from relocmap.page.texts import as_published, ordinal, unit_for

UNIT = "emplois pour 10\u202f000 habitants"


def test_unit_is_singular_below_2_on_the_figure_as_shown() -> None:
    assert unit_for(0.3, UNIT, 1) == "emploi pour 10\u202f000 habitants"
    assert unit_for(1.94, UNIT, 1) == "emploi pour 10\u202f000 habitants"
    assert unit_for(1.96, UNIT, 1) == UNIT  # shown as "2,0"
    assert unit_for(2, "emplois") == "emplois"
    assert unit_for(1, "projets") == "projet"
    assert unit_for(0, "emplois") == "emploi"


def test_published_figures_agree_with_their_unit() -> None:
    assert as_published(1, "exact", "emplois") == "1 emploi"
    assert as_published(2, "exact", "emplois") == "2 emplois"


def test_ranks_in_french_with_ties() -> None:
    assert [ordinal(n) for n in (1, 2, 10)] == ["1er", "2e", "10e"]
    assert ordinal(10, tied=True) == "10e ex aequo"
    assert ordinal(1, tied=True) == "1er ex aequo"


def test_page_figures_use_singular_and_ex_aequo(repo_root: Path, tmp_path: Path) -> None:
    """Fictitious figures: Cantal and Allier share the jobs rank; Cantal's rate is 0,3."""
    data = tmp_path / "figures.csv"
    data.write_text(
        "code,departement,projets,emplois,emplois_precision\n"
        "69,Rhône,36,1220,exact\n03,Allier,2,5,exact\n15,Cantal,2,5,exact\n",
        encoding="utf-8",
    )
    build_map(
        data, repo_root / "geo" / "departements.geojson", tmp_path / "out", None, MapOptions()
    )
    features = page_departments((tmp_path / "out" / "carte.html").read_text(encoding="utf-8"))
    assert (
        features["15"]["tips"]["emplois_pour_10000_hab"] == "0,3 emploi pour 10\u202f000 habitants"
    )
    assert features["15"]["texts"][-1] == "2e ex aequo sur 3"
    assert features["03"]["texts"][-1] == "2e ex aequo sur 3"
    assert features["69"]["texts"][-1] == "1er sur 3"
    assert features["69"]["tips"]["emplois"] == "1\u202f220 emplois"
