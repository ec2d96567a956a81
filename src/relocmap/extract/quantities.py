"""Numbers of projects and jobs in a sentence: "30 projets", "près de 1 040 emplois",
"une vingtaine de projets", "soixante et onze emplois".

Every figure is found from its noun (projet, emploi, création d'emploi) backwards:
the amount right before it (digits with any thousands separator, French number
words read by text2num, or an approximate noun such as "une centaine"), then the
qualifier right before the amount ("près de", "au moins", "environ"...), which
gives the precision. Each look-back is bounded, so reading a text takes time in
proportion to its length whatever it holds.

A figure that cannot be read as one whole number with a known precision (a
bound, "moins de 300"; a range, "200 à 300"; a decimal, "1,2 millier"; two
numbers side by side) is kept as a flaw with the reason, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from relocmap.base.counts import Count
from relocmap.base.i18n import N_, _
from relocmap.base.numbers import (
    DIGIT_RUN,
    ROUND_NUMBERS,
    find_number_words,
    fold,
    is_number_word,
    parse_count,
)
from relocmap.base.precision import Precision
from relocmap.extract.vocabulary import (
    AMOUNT_TO_NOUN,
    FIGURE_NOUN_WITH_KIND,
    JOBS,
    LIST_JOIN,
    NOUN_STEMS,
    ONE,
    PROJECTS,
    QUALIFIER,
    RANGE_JOIN,
    RESPECTIVELY,
    ROUND_AMOUNT,
)

# The amount in digits that ends a text: "1 220", "1.220", "+300" (a change: a flaw).
_DIGITS = re.compile(rf"(?<![\w.,])(?:[+±]\s?)?{DIGIT_RUN}$")
_SIGN_PRECISION = Precision.ENVIRON
# Flaws that follow the quoted words of the figure (translated when found).
_BOUND = N_("is a bound or a range; the schema only knows exact, environ, près de, plus de")
_PART = N_("is a part of a larger count or the whole it is part of: cannot tell whose count it is")
_LIST = N_("is a list of numbers; expected one")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*")
_AMOUNT_WINDOW = 80
_LAST_WORD_WINDOW = 40
_LINK_WINDOW = 32
_QUALIFIER_WINDOW = 40


@dataclass(frozen=True)
class Quantity(Count):
    """A count as the release gives it (:class:`relocmap.base.counts.Count`: value,
    precision), with its original words and the line it is on."""

    amount: str = ""  # "près de 300", "une centaine"
    noun: str = ""  # "emplois", "d'emplois"
    line: int | None = None  # the line of the file the number is on

    @property
    def words(self) -> str:
        """``près de 300 emplois``, as published."""
        return f"{self.amount} {self.noun}"

    @property
    def note(self) -> str:
        """``« près de 300 » emplois`` for an approximate number, as in the figures CSV."""
        return f"« {self.amount} » {self.noun}"


@dataclass(frozen=True)
class Figure:
    """A number of projects or jobs found in a text: one quantity, a list of them
    (for "respectivement"), or a flaw saying why it cannot be read."""

    kind: str  # PROJECTS or JOBS
    start: int  # from the qualifier or the amount...
    end: int  # ...to the end of the noun
    quantities: tuple[Quantity, ...] = ()
    flaw: str | None = None

    @property
    def quantity(self) -> Quantity | None:
        """The one quantity of a readable figure that is not a list."""
        return self.quantities[0] if len(self.quantities) == 1 and not self.flaw else None


def squeeze(text: str) -> str:
    """Runs of white space made one space, and the ends trimmed."""
    return " ".join(text.split())


def semicolons(parts: Sequence[str]) -> str:
    """Reasons or figures of a message, one after the other, separated by semicolons
    as the user's language writes them ("a; b", "a ; b")."""
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = _("{reason}; {other}").format(reason=text, other=part)
    return text


LineAt = Callable[[int], int]


@dataclass(frozen=True)
class _Amount:
    """An amount found in the text: where it is, its value and precision, or a flaw."""

    start: int  # the qualifier's start once _qualified has read it
    end: int
    value: int | None = None  # None with a flaw
    precision: Precision = Precision.EXACT
    flaw: str | None = None


@lru_cache(maxsize=4096)
def _is_round_noun(word: str) -> bool:
    """ "centaine", "Milliers": a noun of an approximate number."""
    return fold(word).rstrip("s") in ROUND_NUMBERS


def _amount_before(text: str, end: int, with_de: bool) -> _Amount | None:
    """The amount that ends at ``end``: approximate noun, digits or words; None if the
    words before ``end`` are no number ("des centaines", "les", "plusieurs").

    The last word decides which reading is tried, so that the common case (no
    number) costs a look at one word.
    """
    lo = max(0, end - _AMOUNT_WINDOW)
    before = text[max(0, end - _LAST_WORD_WINDOW) : end].rstrip()
    if not before:
        return None
    words = _WORDS.findall(before)
    last_word = words[-1] if words and before.endswith(words[-1]) else ""
    if _is_round_noun(last_word):
        round_number = ROUND_AMOUNT.search(text, lo, end)
        return _round_amount(text, round_number, end) if round_number else None
    if with_de:
        return None  # "30 de projets" is no figure
    if before[-1].isdigit():
        digits = _DIGITS.search(text, lo, end)
        return _digits_amount(digits.group(), digits.start(), end) if digits else None
    if not last_word or not is_number_word(last_word):
        return None
    return _words_amount(text, lo, end)


def _round_amount(text: str, found: re.Match[str], end: int) -> _Amount | None:
    """ "une vingtaine", "deux milliers", "1,2 millier" (a flaw)."""
    count_text = found["count"]
    unit = ROUND_NUMBERS[found["unit"].lower()]
    count: int | None
    if count_text.lower() in ONE:
        count = 1
    elif count_text[0].isdigit():
        count = parse_count(count_text)
    else:
        words = find_number_words(count_text)
        if len(words) != 1 or words[0].end != len(count_text):
            return None  # "des centaines", "plusieurs dizaines": no number
        count = words[0].value
    if count is None:
        wording = squeeze(text[found.start() : end])
        return _Amount(
            found.start(), end, flaw=_("“{words}” is not a whole number").format(words=wording)
        )
    return _Amount(found.start(), end, count * unit, Precision.ENVIRON)


def _digits_amount(written: str, start: int, end: int) -> _Amount:
    """ "1 220", "1.220"; "1,2" and "+300" are flaws."""
    if written[0] in "+±":
        return _Amount(
            start,
            end,
            flaw=_("“{words}” is a change, not a count").format(words=squeeze(written)),
        )
    value = parse_count(written)
    if value is not None:
        return _Amount(start, end, value)
    flaw = (
        _("“{words}” is not a whole number (the comma is the French decimal mark)")
        if "," in written
        else _("“{words}” is not a number written as French does (1 220, 1220 or 1.220)")
    )
    return _Amount(start, end, flaw=flaw.format(words=squeeze(written)))


def _words_amount(text: str, lo: int, end: int) -> _Amount | None:
    """ "trente", "soixante et onze", "mille deux cent vingt"."""
    window = text[lo:end]
    words = find_number_words(window)
    if not words or words[-1].end != len(window.rstrip()):
        return None
    last = words[-1]
    start = lo + last.start
    if last.start == 0 and lo > 0:
        return _Amount(start, end, flaw=_("a number in words too long to read"))
    # Two numbers side by side ("trente-deux cents", "2 cents") are no number.
    before = window[: last.start].rstrip()
    previous_end = words[-2].end if len(words) > 1 else -1
    if before and (len(before) == previous_end or before[-1].isdigit()):
        first = words[-2].start if len(before) == previous_end else len(before) - 1
        wording = squeeze(window[first : last.end])
        return _Amount(
            lo + first, end, flaw=_("“{words}” is two numbers side by side").format(words=wording)
        )
    return _Amount(start, lo + last.end, last.value)


def _qualified(text: str, amount: _Amount) -> _Amount:
    """The amount with the words before it that give its precision ("près de").

    A bound ("moins de", "jusqu'à") or a comparison sign makes it a flaw.
    """
    found = QUALIFIER.search(text, max(0, amount.start - _QUALIFIER_WINDOW), amount.start)
    if not found:
        return amount
    if found["bound"] or found["limit"]:
        return replace(amount, start=found.start(), flaw=_(_BOUND))
    if found["part"]:
        return replace(amount, start=found.start(), flaw=_(_PART))
    if found["sign"]:
        return replace(amount, start=found.start(), precision=_SIGN_PRECISION)
    for precision in (Precision.PLUS_DE, Precision.PRES_DE, Precision.ENVIRON):
        if found[precision.value]:
            return replace(amount, start=found.start(), precision=precision)
    raise AssertionError(found)  # pragma: no cover - every group is handled above


def _listed(text: str, last: _Amount, respectively: bool) -> tuple[list[_Amount], str | None]:
    """The amounts of a list ending with ``last`` ("11 et 7", "11, 7 et 4"), first to
    last; or a flaw for a range ("200 à 300") or a list without "respectivement"."""
    items = [last]
    for _attempt in range(100):  # more than any list of departments
        lo = max(0, items[0].start - 12)
        joined = LIST_JOIN.search(text, lo, items[0].start)
        ranged = None if joined else RANGE_JOIN.search(text, lo, items[0].start)
        link = joined or ranged
        if link is None or (not respectively and "," in link.group()):
            break  # "Depuis 2021, 30 projets": a comma alone makes no list
        previous = _amount_before(text, link.start(), with_de=False)
        if previous is None:
            break
        previous = _qualified(text, previous)
        if ranged:
            return [replace(previous, end=last.end)], _(_BOUND)
        items.insert(0, previous)
        if not respectively:
            return [replace(items[0], end=last.end)], _(_LIST)
    return items, None


def find_figures(text: str, line_at: LineAt | None = None) -> list[Figure]:
    """Every number of projects or jobs in ``text``, in order.

    ``line_at`` gives the line of the file for an offset of ``text``, so that each
    quantity knows its line. Lists of numbers ("11 et 7 projets") are read only when
    the text says "respectivement"; elsewhere they are flaws.
    """
    lowered = text.lower()
    if not any(stem in lowered for stem in NOUN_STEMS.values()):
        return []
    respectively = RESPECTIVELY in lowered
    figures = []
    for noun in FIGURE_NOUN_WITH_KIND.finditer(text):
        kind = PROJECTS if noun[PROJECTS] else JOBS
        link = AMOUNT_TO_NOUN.search(text, max(0, noun.start() - _LINK_WINDOW), noun.start())
        found = _amount_before(text, link.start(), bool(link["de"])) if link else None
        if found is None:
            continue
        amount = _qualified(text, found)
        items, list_flaw = _listed(text, amount, respectively)
        flaw = next((a.flaw for a in items if a.flaw), None)
        start = items[0].start
        if list_flaw or flaw:
            # A flaw that does not start with the quoted figure follows it (in either
            # language: the French catalogue keeps the quotes “ ” of the English).
            if flaw is None or not flaw.startswith("“"):
                flaw = f"“{squeeze(text[start : noun.end()])}” {flaw or list_flaw}"
            figures.append(Figure(kind, start, noun.end(), flaw=flaw))
            continue
        noun_words = squeeze(text[amount.end : noun.end()])
        quantities = tuple(
            Quantity(
                a.value or 0,
                a.precision,
                squeeze(text[a.start : a.end]),
                noun_words,
                line_at(a.start) if line_at else None,
            )
            for a in items
        )
        figures.append(Figure(kind, start, noun.end(), quantities))
    return figures
