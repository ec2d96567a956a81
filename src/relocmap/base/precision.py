"""How exactly a figure was published: the one vocabulary every stage uses.

The CSV column values (``exact``, ``environ``, ``pres_de``, ``plus_de``) are the
Table Schema's ``enum`` for ``projets_precision`` and ``emplois_precision``; a test
checks that the schema and this module agree.
"""

from __future__ import annotations

from enum import StrEnum


class Precision(StrEnum):
    """A figure's precision, as the release worded it."""

    EXACT = "exact"
    ENVIRON = "environ"
    PRES_DE = "pres_de"
    PLUS_DE = "plus_de"

    @property
    def words(self) -> str:
        """The French words put before the number ("près de "), empty when exact."""
        return _WORDS[self]

    @property
    def approximate(self) -> bool:
        """True for every wording but an exact count."""
        return self is not Precision.EXACT


_WORDS = {
    Precision.EXACT: "",
    Precision.ENVIRON: "environ ",
    Precision.PRES_DE: "près de ",
    Precision.PLUS_DE: "plus de ",
}

# Spellings a person may type in the CSV's precision columns, already folded
# (lower case, no accents, punctuation as spaces: see numbers.fold).
SPELLINGS: dict[str, Precision] = {
    "exact": Precision.EXACT,
    "exacte": Precision.EXACT,
    "environ": Precision.ENVIRON,
    "pres de": Precision.PRES_DE,
    "plus de": Precision.PLUS_DE,
    "au moins": Precision.PLUS_DE,
}
