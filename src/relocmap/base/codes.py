"""Department codes: text keys, normalised here and nowhere else."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CORSICA = {"2A", "2B"}
_OVERSEAS = re.compile(r"^97[1-6]$")
_METRO = re.compile(r"^[0-9]{1,2}$")


def normalize(raw: str) -> str | None:
    """Return the INSEE department code for ``raw``, or None if it cannot be one.

    ``1`` and ``01`` give ``01``; ``2a`` gives ``2A``; overseas codes stay as
    written (``971``). The code is never turned into an integer: ``2A`` has none.
    Whether the code exists is for the boundaries file to say, not this function.
    """
    text = str(raw).strip().upper()
    if text in _CORSICA or _OVERSEAS.match(text):
        return text
    if _METRO.match(text):
        padded = text.zfill(2)
        return None if padded in {"00", "20"} else padded
    return None


def is_overseas(code: str) -> bool:
    """True for an overseas department (``971`` to ``976``); ``code`` is normalised."""
    return bool(_OVERSEAS.match(code))


def framed(codes: Iterable[str]) -> list[bool]:
    """For each department, whether a map of all of them frames it.

    Every department, except that when mainland and overseas departments are both
    present the overseas ones are left out of the frame: thousands of kilometres
    away, they would shrink the mainland to a speck. Overseas departments alone
    are framed (a map of La Réunion shows La Réunion).
    """
    overseas = [is_overseas(code) for code in codes]
    mixed = any(overseas) and not all(overseas)
    return [not (mixed and far) for far in overseas]
