"""Department and region names in the text of a press release.

Names come from the boundaries file: every department's name, and every region's
name (``region_nom``), so that "Pays de la Loire" is read as a region and never as
the department Loire. Names are matched as whole words, longest name first,
whatever their case, accents, apostrophes or dashes ("Haute–Savoie",
"Puy – de – Dôme", "CÔTES-D'ARMOR").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from relocmap.base.numbers import fold
from relocmap.extract.vocabulary import APOSTROPHES, ARTICLES, DASHES, OWNER_BEFORE, OWNERS_OK

_WORD = re.compile(r"[^\W\d_]+")
# What may stand between two words of one name: "Puy de Dôme", "Côtes-d'Armor",
# "Haute – Savoie", "Côte d’Or".
_JOINER = re.compile(rf"\s{{1,3}}|\s{{0,2}}[{DASHES}{APOSTROPHES}]\s{{0,2}}")
_MAX_JOINER = 5
# A dash right against a letter: the name goes on ("Loire-Inférieure", "Nord-Pas").
_GLUED_BEFORE = re.compile(rf"[^\W\d_][{DASHES}]$")
_GLUED_AFTER = re.compile(rf"[{DASHES}][^\W\d_]")
# A dash with spaces, then a capitalised word: "Rhône – Alpes" is no department.
_SPACED_DASH_BEFORE = re.compile(rf"(?<![^\W\d_])([^\W\d_]+)\s{{1,2}}[{DASHES}]\s{{1,2}}$")
_SPACED_DASH_AFTER = re.compile(rf"\s{{1,2}}[{DASHES}]\s{{1,2}}([^\W\d_]+)")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """fold() of one word, remembered: a release uses the same words again and again."""
    return fold(word)


@dataclass(frozen=True)
class Place:
    """A department (with its code) or a region (code None), with its official name."""

    code: str | None
    name: str

    @property
    def is_region(self) -> bool:
        return self.code is None


@dataclass(frozen=True)
class Mention:
    """Where a place is named in a text."""

    place: Place
    start: int
    end: int


class PlaceNames:
    """Finds department and region names in text, longest name first, on word boundaries.

    "Haute-Loire" is not read as "Loire", nor "Auvergne-Rhône-Alpes" as "Rhône", nor
    "Pays de la Loire" as "Loire". A department name glued by a dash to a word that
    is no place ("Loire-Inférieure", "Rhône – Alpes") is part of a longer name that
    is no department, and is not read. A name must be capitalised as a proper noun
    ("la somme de" is not the Somme).
    """

    def __init__(
        self, department_names: Mapping[str, str], region_names: Iterable[str] = ()
    ) -> None:
        self._places: dict[tuple[str, ...], Place] = {}
        self._codes = {code: Place(code, name) for code, name in department_names.items()}
        for code, name in department_names.items():
            self._add(name, Place(code, name))
        for name in region_names:
            # A region that is also a department (Guadeloupe, La Réunion...) stays one.
            self._add(name, Place(None, name))
        self._longest = max(map(len, self._places), default=0)
        self._first_words = {words[0] for words in self._places}

    def _add(self, name: str, place: Place) -> None:
        words = tuple(fold(name).split())
        if not words:
            return
        self._places.setdefault(words, place)
        if words[0] in ARTICLES and len(words) > 1:
            # "à la Réunion": the article is written in lower case, or left out.
            self._places.setdefault(words[1:], place)

    def lookup(self, name: str) -> Place | None:
        """The place a whole text names ("la Haute-Savoie", "PUY DE DOME"), or None."""
        words = tuple(fold(name).split())
        place = self._places.get(words)
        if place is None and words and words[0] in ARTICLES:
            place = self._places.get(words[1:])
        return place

    def by_code(self, code: str | None) -> Place | None:
        """The department of a normalised code, or None."""
        return self._codes.get(code) if code is not None else None

    def find(self, text: str) -> list[Mention]:
        """Every place named in ``text``, in order."""
        words = list(_WORD.finditer(text))
        folded = [_fold_word(w.group()) for w in words]
        found: list[Mention] = []
        i = 0
        while i < len(words):
            if folded[i] not in self._first_words:
                i += 1
                continue
            for size in range(min(self._longest, len(words) - i), 0, -1):
                mention = self._mention_at(text, words[i : i + size], folded[i : i + size])
                if mention:
                    found.append(mention)
                    i += size
                    break
            else:
                i += 1
        starts = {m.start for m in found}
        ends = {m.end for m in found}
        return [m for m in found if not self._glued(text, m, starts, ends)]

    def _mention_at(
        self, text: str, words: list[re.Match[str]], folded: list[str]
    ) -> Mention | None:
        place = self._places.get(tuple(folded))
        if place is None:
            return None
        joined = all(
            b.start() - a.end() <= _MAX_JOINER and _JOINER.fullmatch(text, a.end(), b.start())
            for a, b in itertools.pairwise(words)
        )
        # Proper nouns only: "la somme de", "la manche" are not departments.
        if not joined or not text[words[0].start()].isupper():
            return None
        return Mention(place, words[0].start(), words[-1].end())

    @staticmethod
    def _glued(text: str, mention: Mention, starts: set[int], ends: set[int]) -> bool:
        """A name that is part of a longer name that is no known place (``starts`` and
        ``ends`` are where the places found begin and end)."""
        if _GLUED_BEFORE.search(text, max(0, mention.start - 2), mention.start):
            return True
        if _GLUED_AFTER.match(text, mention.end):
            return True
        before = _SPACED_DASH_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if before and before.group(1)[0].isupper() and before.end(1) not in ends:
            return True
        # "Pays de la Loire", "Val de Loire": a capitalised word, then "de la".
        owner = OWNER_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if owner and owner.group(1)[0].isupper() and fold(owner.group(1)) not in OWNERS_OK:
            if owner.end(1) not in ends:
                return True
        after = _SPACED_DASH_AFTER.match(text, mention.end)
        return bool(after and after.group(1)[0].isupper() and after.start(1) not in starts)
