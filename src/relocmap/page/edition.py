"""One publication as the page shows it (:class:`Edition`), the unit a page of several
publications is made of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from relocmap.history.changes import Change
from relocmap.inputs.facts import Publication
from relocmap.inputs.join import JoinedFigures
from relocmap.outputs.wording import french_date


@dataclass(frozen=True)
class Edition:
    """One publication as the page shows it: its figures, its facts and, from the second
    publication on, each department's change since the previous one (``changes``, by
    code; None for the first or only publication). Every edition of a page has the same
    departments (one set of regions)."""

    key: str  # the publication's date, ISO 8601 (its name in the page's address)
    joined: JoinedFigures
    publication: Publication | None
    changes: Mapping[str, Change] | None = None
    previous: Publication | None = None

    @property
    def label(self) -> str:
        """``juin 2023``: the publication's date in French."""
        return french_date(self.publication.source_date) if self.publication else self.key
