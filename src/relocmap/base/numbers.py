"""French numbers and names: formatting for every output a reader sees, and parsing of
what people type (figures CSV, press releases)."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from text_to_num import find_numbers, text2num

NARROW_NBSP = "\u202f"
# Thousands may be grouped with a space, a no-break space or a narrow no-break space.
# ASCII digits only: Python's \d and int() also take other scripts' digits ("١٢٢٠").
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+$|^[0-9]+$")
# Longer than any count of projects or jobs; also far below int()'s 4 300-digit limit,
# beyond which Python refuses to convert a string at all.
MAX_DIGITS = 15


def fr_int(value: float | int) -> str:
    """``1220`` gives ``1 220`` with a narrow no-break space, as French typography wants."""
    return f"{int(round(value)):,}".replace(",", NARROW_NBSP)


MINUS = "\u2212"  # the minus sign, as French typography writes "−15"


def plain(text: str) -> str:
    """French typography's narrow spaces and minus sign as plain characters, for a terminal."""
    return text.replace(NARROW_NBSP, " ").replace(MINUS, "-")


def fr_signed(value: float | int) -> str:
    """``+120``, ``−15`` (minus sign), ``0``; thousands grouped as :func:`fr_int` does."""
    number = int(round(value))
    if number > 0:
        return f"+{fr_int(number)}"
    if number < 0:
        return f"{MINUS}{fr_int(-number)}"
    return "0"


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
    """``1 220`` (any space as thousands separator) gives 1220; anything else, and a
    number of more than MAX_DIGITS digits, None."""
    text = text.strip()
    if not _WHOLE_NUMBER.match(text):
        return None
    digits = re.sub(r"[^0-9]", "", text)
    return int(digits) if len(digits) <= MAX_DIGITS else None


# --- counts as press releases write them --------------------------------------------

# Thousands separators a release may use in a count: spaces of any width, a dot
# ("1.220") or an apostrophe ("1'220"). A comma is the French decimal mark, never one.
THOUSANDS_SEPARATORS = " \u00a0\u202f.'’"
# A run of ASCII digits with single separators or commas between them ("1 220",
# "1.220", "1,2"): what parse_count is given. Other scripts' digits are no digits here.
DIGIT_RUN = r"[0-9](?:[ \u00a0\u202f.,'’]?[0-9])*"
_ASCII_DIGITS = re.compile(r"[0-9]+")


def parse_count(text: str) -> int | None:
    """A whole number written with digits: ``1220``, ``1 220`` (any space), ``1.220``.

    The thousands groups must be whole (``12 20`` is no number) and use one
    separator. ``1,2`` (a decimal) and anything else give None.
    """
    if _ASCII_DIGITS.fullmatch(text):
        return int(text) if len(text) <= MAX_DIGITS else None
    separators = {ch for ch in text if not ("0" <= ch <= "9")}
    if len(separators) != 1 or not separators <= set(THOUSANDS_SEPARATORS):
        return None
    head, *groups = text.split(separators.pop())
    if not (1 <= len(head) <= 3 and groups and all(len(g) == 3 for g in groups)):
        return None
    digits = head + "".join(groups)
    if not _ASCII_DIGITS.fullmatch(digits) or len(digits) > MAX_DIGITS:
        return None
    return int(digits)


@dataclass(frozen=True)
class NumberWords:
    """A number written in French words, and where it stands in the text searched."""

    start: int
    end: int
    value: int


# Words (with their hyphens: "quatre-vingt-quinze"), digit runs and signs, as tokens.
_TOKEN = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*|[0-9]+|[^\w\s]")


class _Token:
    """A word of the text, in the form text2num's find_numbers reads."""

    def __init__(self, match: re.Match[str]) -> None:
        self.match = match

    def text(self) -> str:
        return self.match.group()

    def nt_separated(self, previous: _Token) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def find_number_words(text: str) -> list[NumberWords]:
    """Every cardinal number written in words in ``text`` ("trente", "deux cents",
    "soixante et onze", "mille deux cent vingt"), read by text2num; ordinals
    ("premier") are left out. Each number is the longest run of words that reads
    as one: "trente-deux cents" gives two numbers, 32 and 100.
    """
    tokens = [_Token(m) for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    found = []
    for occurrence in find_numbers(tokens, "fr", threshold=0):
        value = occurrence.value
        if occurrence.is_ordinal or value != int(value) or value < 0:
            continue
        start = tokens[occurrence.start].match.start()
        end = tokens[occurrence.end - 1].match.end()
        found.append(NumberWords(start, end, int(value)))
    return found


@lru_cache(maxsize=4096)
def is_number_word(word: str) -> bool:
    """Whether one word ("vingt", "quatre-vingt-quinze", "cents") is a number word."""
    try:
        text2num(word, "fr")
    except ValueError:
        return False
    return True


def parse_number_words(text: str) -> int | None:
    """``trente``, ``deux cents``, ``quatre-vingt-quinze`` give their value; else None."""
    words = find_number_words(text)
    if len(words) == 1 and words[0].start == 0 and words[0].end == len(text.strip()):
        return words[0].value
    return None


# Nouns of an approximate number ("une vingtaine", "deux milliers") and the number
# each stands for.
ROUND_NUMBERS = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
}
