"""Clauses of one sentence: which figures go with which place, and how to read them.

Pure functions of a sentence's text, the places it names (:class:`Mention`) and the
figures found in it (:class:`Figure`): where a place leads the sentence, whether a
figure is forward-looking, the one number of projects and of jobs of a clause, and
the two ways a sentence gives several departments their figures (place first, or
figures first).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relocmap.base.i18n import N_, _
from relocmap.extract.places import Mention
from relocmap.extract.quantities import Figure, Quantity, squeeze
from relocmap.extract.vocabulary import (
    AIM,
    BULLETS,
    CITY_BEFORE,
    CLAUSE_JOIN,
    DASHES,
    FORWARD,
    HORIZON,
    JOBS,
    LEAD,
    NAME_LINKS,
    PROJECTS,
)

# What ends a clause inside a sentence: punctuation, brackets, a dash between spaces.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")
# Only the first characters of a sentence can name the place it is about.
_MAX_LEAD = 80
_WORD = re.compile(r"[^\W\d_]+")
# A number that is no year (1900–2099) nor glued to a word: "contre 12 en Isère".
BARE_COUNT = re.compile(r"(?<![\w(])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]+(?![\w)])")
_CLOSING = re.compile(r"\s?\)")


def located_in(text: str, mention: Mention) -> bool:
    """A department named only to place a city: "Saint-Étienne (Loire)"."""
    before = CITY_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    return (
        before is not None
        and before.group(1)[0].isupper()
        and bool(_CLOSING.match(text, mention.end))
    )


def leads(text: str, mention: Mention) -> bool:
    """The place is what the sentence starts with ("Dans la Drôme, ...", "Drôme :")."""
    return mention.start <= _MAX_LEAD and bool(LEAD.fullmatch(text, 0, mention.start))


def place_words(head: str) -> str:
    """The place a sentence starts with: "En Bretagne, 5 projets" gives Bretagne."""
    # "Lyon – 3 projets" but "Rhône – Alpes, 100 projets".
    split = rf"\s*[,:;(]\s*|\s*[{DASHES}]\s*+(?![^\W\d_])"
    # Only the start of the sentence can name its place: the split reads a bounded text.
    parts = re.split(split, head.lstrip(BULLETS + " \t")[:_MAX_LEAD], maxsplit=1)
    lead = LEAD.match(parts[0][:_MAX_LEAD])
    if len(parts) == 1 and (lead is None or not lead.group().strip()):
        return ""  # neither "En …" nor "… :" introduces a place: "Ces 3 projets"
    return parts[0][lead.end() if lead else 0 :].strip()


def is_proper_name(words: str) -> bool:
    """ "Loire-Inférieure" or "Lorraine" is a place; "Depuis décembre 2021" is not."""
    tokens = _WORD.findall(words)
    return (
        bool(tokens)
        and len(tokens) <= 8
        and not re.search(r"[0-9]", words)
        and tokens[0][0].isupper()
        and all(t[0].isupper() or t.lower() in NAME_LINKS for t in tokens)
    )


# A word between a figure and the next clause's "et": the figure has its own verb.
_OWN_WORDS = re.compile(r"[^\W\d_]{2,}")


def figure_clauses(text: str, figures: Sequence[Figure]) -> list[tuple[int, int]]:
    """The span of each figure's clause: between punctuation, and within it between
    "et" (:data:`CLAUSE_JOIN`) when the figure before has its own words ("210 projets ont
    été accompagnés et 6 000 emplois seront créés"); figures with no words of their own
    share the clause of the verb after them ("500 projets et 900 emplois d'ici 2027")."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text) + 1]
    order = sorted(range(len(figures)), key=lambda i: figures[i].start)
    clause = {i: bisect.bisect_right(bounds, figures[i].start) - 1 for i in order}
    starts = {i: bounds[clause[i]] for i in order}
    ends = {i: bounds[clause[i] + 1] for i in order}
    for before, after in zip(order, order[1:], strict=False):
        if clause[before] != clause[after]:
            continue
        between = text[figures[before].end : figures[after].start]
        join = CLAUSE_JOIN.search(between)
        if join is not None and _OWN_WORDS.search(between, 0, join.start()):
            ends[before] = starts[after] = figures[before].end + join.start()
        else:
            starts[after] = starts[before]
    # Figures sharing a verb share the clause: the last one's end is theirs too.
    for before, after in reversed(list(zip(order, order[1:], strict=False))):
        if starts[before] == starts[after]:
            ends[before] = ends[after]
    return [(starts[i], ends[i]) for i in range(len(figures))]


def _leading(
    text: str, figures: Sequence[Figure], pattern: re.Pattern[str]
) -> re.Match[str] | None:
    """A match of ``pattern`` in a clause without figures before the first figure
    ("D'ici 2027, 500 projets et ...")."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text))]
    first = bounds[bisect.bisect_right(bounds, min(f.start for f in figures)) - 1]
    return pattern.search(text, 0, first)


def forward_flags(text: str, figures: Sequence[Figure]) -> list[bool]:
    """Whether each figure is forward-looking: a marker in its own clause
    (:func:`figure_clauses`), or in a clause without figures before the first one
    ("D'ici 2027, 500 projets et ...").

    Jobs that projects already supported "will create" ("210 projets ont été
    accompagnés et 6 000 emplois seront créés", "…, qui créeront 610 emplois") are
    achieved: that is how these plans count jobs. Jobs with an aim or a horizon
    (:data:`AIM`: "d'ici 2027", "objectif") stay forward-looking.
    """
    leading = _leading(text, figures, FORWARD) is not None
    spans = figure_clauses(text, figures)
    flags = [leading or bool(FORWARD.search(text, *span)) for span in spans]
    achieved = {f.kind for f, ahead in zip(figures, flags, strict=True) if not ahead}
    if achieved == {PROJECTS} and not leading:
        flags = [
            ahead and not (f.kind == JOBS and not AIM.search(text, *span))
            for f, ahead, span in zip(figures, flags, spans, strict=True)
        ]
    return flags


def horizons(text: str, figures: Sequence[Figure]) -> list[str | None]:
    """When each figure is due, as the text words it ("d'ici fin 2025"), from its own
    clause or a clause before the first figure; None when the text gives no date."""
    leading = _leading(text, figures, HORIZON)
    found = []
    for span in figure_clauses(text, figures):
        match = HORIZON.search(text, *span) or leading
        found.append(squeeze(match.group()) if match else None)
    return found


# Why a clause gives no one number of a kind, by kind (translated when shown).
NO_NUMBER = {
    PROJECTS: N_("no number of projects could be read"),
    JOBS: N_("no number of jobs could be read"),
}
_SEVERAL_NUMBERS = {
    PROJECTS: N_("{count} numbers of projects ({values}); expected one"),
    JOBS: N_("{count} numbers of jobs ({values}); expected one"),
}


def one_each(figures: Sequence[Figure]) -> tuple[Quantity, Quantity] | str:
    """The one number of projects and the one number of jobs, or why there are not."""
    for figure in figures:
        if figure.flaw:
            return figure.flaw
    found: dict[str, list[Figure]] = {PROJECTS: [], JOBS: []}
    for figure in figures:
        found[figure.kind].append(figure)
    for kind, mine in found.items():
        if not mine:
            return _(NO_NUMBER[kind])
        if len(mine) > 1 or len(mine[0].quantities) > 1:
            values = ", ".join(q.words for f in mine for q in f.quantities)
            count = sum(len(f.quantities) for f in mine)
            return _(_SEVERAL_NUMBERS[kind]).format(count=count, values=values)
    projects, jobs = found[PROJECTS][0].quantity, found[JOBS][0].quantity
    assert projects is not None and jobs is not None
    return projects, jobs


@dataclass(frozen=True)
class Group:
    """A place and the figures of its clause (up to the next place)."""

    mention: Mention
    figures: tuple[Figure, ...]
    end: int
    since: int = 0  # where the clause starts: after the previous place's figures


def _between(starts: Sequence[int], low: int, high: int) -> slice:
    """The slice of sorted ``starts`` that lie in [low, high)."""
    return slice(bisect.bisect_left(starts, low), bisect.bisect_left(starts, high))


def merged(mentions: Sequence[Mention], figures: Sequence[Figure]) -> list[Mention]:
    """Mentions with a repeat of the same place (no figure between) left out."""
    starts = [f.start for f in figures]
    kept: list[Mention] = []
    for mention in mentions:
        if kept and kept[-1].place == mention.place:
            between = _between(starts, kept[-1].end, mention.start)
            if between.start == between.stop:
                continue
        kept.append(mention)
    return kept


def place_first(
    text: str, places: Sequence[Mention], figures: Sequence[Figure]
) -> list[Group] | None:
    """Each place followed by its figures ("la Gironde (14 projets, 520 emplois), les
    Landes (6 projets, 130 emplois)"), or None if the sentence is not built so."""
    if not places or any(f.start < places[0].start for f in figures):
        return None
    starts = [f.start for f in figures]
    groups = []
    since = 0
    for i, mention in enumerate(places):
        end = places[i + 1].start if i + 1 < len(places) else len(text)
        mine = tuple(figures[_between(starts, mention.end, end)])
        groups.append(Group(mention, mine, end, since))
        since = max([mention.end, *(f.end for f in mine)])
    later_figures = False
    for group in reversed(groups):
        # "la Loire et la Haute-Loire, 31 projets": whose figures, then?
        if not group.figures and not group.mention.place.is_region and later_figures:
            return None
        later_figures = later_figures or bool(group.figures)
    return groups if later_figures else None


def figures_first(
    text: str, places: Sequence[Mention], figures: Sequence[Figure]
) -> list[Group] | None:
    """Figures followed by their department ("36 projets et 1 220 emplois dans le Rhône,
    30 projets et 610 emplois dans l'Ain"), each group complete, or None."""
    if not places or any(f.start > places[-1].start for f in figures):
        return None
    starts = [f.start for f in figures]
    groups = []
    start = 0
    for mention in places:
        mine = tuple(figures[_between(starts, start, mention.start)])
        if mention.place.is_region or not isinstance(one_each(mine), tuple):
            return None
        groups.append(Group(mention, mine, mention.end))
        start = mention.end
    return groups


def other_count(text: str, figures: Sequence[Figure]) -> str | None:
    """A number of the sentence that is no figure (nor a year): "Sur 190 projets, 36
    concernent le Rhône" gives 36."""
    spans = [(f.start, f.end) for f in figures]
    for number in BARE_COUNT.finditer(text):
        if not any(a <= number.start() < b for a, b in spans):
            return number.group()
    return None


def has_projects(figures: Iterable[Figure]) -> bool:
    """A number of projects is a tally of the plan, whoever the sentence is about."""
    return any(f.kind == PROJECTS for f in figures)


def figure_words(text: str, figure: Figure) -> str:
    return squeeze(text[figure.start : figure.end])
