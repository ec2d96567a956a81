"""The one count type: a number of projects or jobs as it was published, with how exactly
it was published (``près de 670``) and, when kept, the published words themselves."""

from __future__ import annotations

from dataclasses import dataclass, field

from relocmap.base.numbers import fr_int
from relocmap.base.precision import Precision


@dataclass(frozen=True)
class Count:
    """A published number: a department's projects or jobs, a regional total, or a
    figure read from a release (:class:`relocmap.extract.quantities.Quantity` adds where
    and how it was written).

    ``formulation`` is the whole published wording when it was kept
    (``"plus de 5 300 emplois"``); it is given by keyword only.
    """

    value: int
    precision: Precision = Precision.EXACT
    formulation: str | None = field(default=None, kw_only=True)

    @property
    def worded(self) -> str:
        """``près de 670``: the number in French (digits grouped) with its precision's words."""
        return f"{self.precision.words}{fr_int(self.value)}"

    def wording(self, noun: str) -> str:
        """The published wording, or one made from the number: ``plus de 5 300 emplois``."""
        if self.formulation:
            return self.formulation
        return f"{self.worded} {noun}"
