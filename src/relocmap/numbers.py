"""French numbers and names: formatting for every output a reader sees, and parsing of
what people type (figures CSV, press releases)."""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

NARROW_NBSP = "\u202f"
# Thousands may be grouped with a space, a no-break space or a narrow no-break space.
# ASCII digits only: Python's \d and int() also take other scripts' digits ("١٢٢٠").
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+$|^[0-9]+$")


def fr_int(value: float | int) -> str:
    """``1220`` gives ``1 220`` with a narrow no-break space, as French typography wants."""
    return f"{int(round(value)):,}".replace(",", NARROW_NBSP)


def fr_decimal(value: float, digits: int = 1) -> str:
    """``6.6`` gives ``6,6``; thousands grouped as in :func:`fr_int`; missing gives ``–``.

    Missing is None, NaN or ``pd.NA`` (the joined figures are pandas ``Float64``).
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def fr_group_spaces(text: str) -> str:
    """Thousands separators in running text made narrow no-break spaces: ``5 300`` → ``5 300``."""
    return re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))", NARROW_NBSP, text)


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    bare = bare.replace("\u2019", "'")
    return re.sub(r"[^a-z0-9]+", " ", bare).strip()


def parse_whole_number(text: str) -> int | None:
    """``1 220`` (any space as thousands separator) gives 1220; anything else None."""
    text = text.strip()
    if not _WHOLE_NUMBER.match(text):
        return None
    return int(re.sub(r"[^0-9]", "", text))
