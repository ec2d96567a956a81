"""French number formatting, used by every output a reader sees."""

from __future__ import annotations

import math
import re

import pandas as pd

NARROW_NBSP = "\u202f"


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
