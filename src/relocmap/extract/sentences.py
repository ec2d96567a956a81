"""Reading one sentence: each figure tied to the one department (or the region) whose
clause it is in, or a problem or a note saying why it is not."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from relocmap.base.i18n import N_, _
from relocmap.extract.clauses import (
    BARE_COUNT,
    Group,
    figure_words,
    figures_first,
    forward_flags,
    has_projects,
    horizons,
    is_proper_name,
    leads,
    located_in,
    merged,
    one_each,
    other_count,
    place_first,
    place_words,
)
from relocmap.extract.collector import Collector
from relocmap.extract.found import Announced, RegionalTotals
from relocmap.extract.places import Mention
from relocmap.extract.quantities import Figure, Quantity, find_figures
from relocmap.extract.statements import Statement
from relocmap.extract.vocabulary import (
    COMPANY,
    FIGURE_NOUN,
    JOBS,
    NATIONAL,
    PROJECTS,
    REGIONAL,
    noun_kind,
)

_TABLE_ROW = re.compile(r"\||\t|\S[ \u00a0]{2,}\S")
# A department named in a tally whose number of a kind cannot be read (translated when
# shown).
_UNREAD = {
    PROJECTS: N_("names {name} but no number of projects could be read"),
    JOBS: N_("names {name} but no number of jobs could be read"),
}
_COMPANY = N_("names {name} in a sentence about a company: no tally of it; ignored")
_NO_TALLY = N_("names {name} but is no tally of it ({reason}); ignored")
_BUT = N_("names {name} but {reason}")
_UNPLACED = N_("figures for no department nor the Région, ignored ({figures})")


@dataclass(frozen=True)
class Context:
    """What the paragraph of a sentence says, worked out only when a sentence asks:
    whether it speaks of the Région, and whether it names no department either."""

    speaks_of_region: Callable[[], bool]
    only_regional: Callable[[], bool]


class SentenceReader:
    """Reads sentences one by one into a :class:`Collector`."""

    def __init__(self, collector: Collector) -> None:
        self.collector = collector

    def read(self, statement: Statement, mentions: list[Mention], context: Context) -> None:
        """Read one sentence: department rows, regional totals, problems or notes."""
        mentions = [m for m in mentions if not located_in(statement.text, m)]
        figures = find_figures(statement.text, statement.line_at)
        departments = [m for m in mentions if not m.place.is_region]
        if not figures:
            self.without_figures(statement, departments)
        elif departments:
            self.departments(statement, mentions, figures)
        else:
            self.regional(statement, mentions, figures, context)

    def without_figures(self, statement: Statement, departments: list[Mention]) -> None:
        """A department named with no readable figure: a problem if it is a tally."""
        if not departments:
            return
        text, first = statement.text, departments[0]
        kinds = {noun_kind(m.group()) for m in FIGURE_NOUN.finditer(text)}
        if kinds and leads(text, first):
            kind = PROJECTS if PROJECTS in kinds else JOBS
            reason = _(_UNREAD[kind]).format(name=first.place.name)
            self.collector.problem(statement.line, reason, text)
        elif _TABLE_ROW.search(text) and BARE_COUNT.search(text[first.end :]):
            self.collector.problem(
                statement.line,
                _(
                    "names {name} with numbers but no header says which are projects and "
                    "jobs (a table row without its header: département, projets, emplois)"
                ).format(name=first.place.name),
                text,
            )

    def departments(
        self, statement: Statement, mentions: list[Mention], figures: list[Figure]
    ) -> None:
        """A sentence naming departments: tie each figure to its department."""
        text = statement.text
        if any(len(f.quantities) > 1 for f in figures):
            self.respectively(statement, mentions, figures)
            return
        places = merged(mentions, figures)
        groups = place_first(text, places, figures)
        if groups is not None:
            several = sum(1 for g in groups if g.figures) > 1
            for group in groups:
                self.group(statement, group, several)
            return
        departments = [m for m in places if not m.place.is_region]
        if len({m.place for m in departments}) == 1:
            self.single(statement, mentions, departments[0], figures)
            return
        groups = figures_first(text, places, figures)
        if groups is not None:
            for group in groups:
                self.group(statement, group, True)
            return
        names = ", ".join(dict.fromkeys(m.place.name for m in departments))
        flaw = next((f.flaw for f in figures if f.flaw), None)
        reason = (
            _(_BUT).format(name=names, reason=flaw)
            if flaw
            else _(
                "names several departments ({names}); cannot tell which one the figures are for"
            ).format(names=names)
        )
        self.collector.problem(statement.line, reason, text)

    def group(self, statement: Statement, group: Group, several: bool) -> None:
        """One place's clause of a sentence, with its figures."""
        text, mention = statement.text, group.mention
        place = mention.place
        if not group.figures:
            # A department after the others' figures: "…, contre 12 en Isère" is a
            # number for it that cannot be read; "…, comme en Isère" is none.
            if not place.is_region and BARE_COUNT.search(text, group.since, group.end):
                reason = _("names {name} with a number but no number of projects or jobs").format(
                    name=place.name
                )
                self.collector.problem(statement.line_at(mention.start), reason, text)
            return
        start = min(mention.start, *(f.start for f in group.figures))
        end = max(mention.end, *(f.end for f in group.figures))
        words = text[start:end]
        line = statement.line_at(start)
        quote = words if several else text
        if place.is_region:
            self.totals_of(statement, list(group.figures), place.name, words)
            return
        reading = one_each(group.figures)
        if not several and not leads(text, mention) and COMPANY.search(text):
            reason = _(_COMPANY).format(name=place.name)
            self.collector.note(line, reason, text)
        elif isinstance(reading, tuple):
            self.collector.add_row(line, place, *reading, words, quote)
        elif several or leads(text, mention) or has_projects(group.figures):
            self.collector.problem(line, _(_BUT).format(name=place.name, reason=reading), quote)
        else:
            reason = _(_NO_TALLY).format(name=place.name, reason=reading)
            self.collector.note(line, reason, text)

    def single(
        self,
        statement: Statement,
        mentions: list[Mention],
        mention: Mention,
        figures: list[Figure],
    ) -> None:
        """One department, with figures before it ("30 projets dans l'Ain pour 610 emplois")."""
        text, place = statement.text, mention.place
        reading = one_each(figures)
        if COMPANY.search(text):
            reason = _(_COMPANY).format(name=place.name)
            self.collector.note(statement.line, reason, text)
            return
        if not isinstance(reading, tuple):
            if leads(text, mention) or has_projects(figures):
                reason = _(_BUT).format(name=place.name, reason=reading)
                self.collector.problem(statement.line, reason, text)
            else:
                reason = _(_NO_TALLY).format(name=place.name, reason=reading)
                self.collector.note(statement.line, reason, text)
            return
        regional = REGIONAL.search(text) or any(m.place.is_region for m in mentions)
        if regional:
            self.collector.problem(
                statement.line,
                _(
                    "names {name} after the figures and speaks of the region: cannot tell "
                    "whether these are regional totals"
                ).format(name=place.name),
                text,
            )
            return
        other = other_count(text, figures)
        if other is not None:
            self.collector.problem(
                statement.line,
                _(
                    "names {name} after the figures, with another number ({other}): cannot "
                    "tell which count is its own"
                ).format(name=place.name, other=other),
                text,
            )
            return
        start = min(mention.start, *(f.start for f in figures))
        end = max(mention.end, *(f.end for f in figures))
        self.collector.add_row(statement.line_at(start), place, *reading, text[start:end], text)

    def respectively(
        self, statement: Statement, mentions: list[Mention], figures: list[Figure]
    ) -> None:
        """ "Le Doubs et le Jura comptent respectivement 11 et 7 projets, pour 290 et 150
        emplois": the n-th number of each list goes to the n-th department."""
        text = statement.text
        first_list = min(f.start for f in figures if len(f.quantities) > 1)
        named = list(dict.fromkeys(m.place for m in mentions if m.start < first_list))
        departments = [p for p in named if not p.is_region]
        flawed = next((f.flaw for f in figures if f.flaw), None)
        lists = {kind: [f for f in figures if f.kind == kind] for kind in (PROJECTS, JOBS)}
        sizes = {kind: [len(f.quantities) for f in found] for kind, found in lists.items()}
        n = len(departments)
        if flawed or n < 2 or sizes[PROJECTS] != [n] or sizes[JOBS] != [n]:
            reason = flawed or _(
                "“respectivement” with {count} departments, {projects} numbers of projects "
                "and {jobs} numbers of jobs"
            ).format(count=n, projects=sum(sizes[PROJECTS]), jobs=sum(sizes[JOBS]))
            self.collector.problem(statement.line, reason, text)
            return
        start = min(m.start for m in mentions)
        end = max(f.end for f in figures)
        words = text[start:end]
        projects, jobs = lists[PROJECTS][0].quantities, lists[JOBS][0].quantities
        for place, p, j in zip(departments, projects, jobs, strict=True):
            self.collector.add_row(statement.line_at(start), place, p, j, words, text)

    def regional(
        self,
        statement: Statement,
        mentions: list[Mention],
        figures: list[Figure],
        context: Context,
    ) -> None:
        """Figures naming no department: regional totals, announced projects, or a note."""
        text = statement.text
        regions = list(dict.fromkeys(m.place.name for m in mentions if m.place.is_region))
        regional = bool(regions) or bool(REGIONAL.search(text))
        if not regional and NATIONAL.search(text):
            reason = _("national figures, not the region's: ignored")
            self.collector.note(statement.line, reason, text)
            return
        forward = forward_flags(text, figures)
        # A sentence of a paragraph about the Région that names no place is about the
        # region; so is a forward-looking count of projects in such a paragraph.
        if regional or context.only_regional() or (all(forward) and context.speaks_of_region()):
            region = regions[0] if len(regions) == 1 else None
            self.totals_of(statement, figures, region, text)
            return
        reading = one_each(figures)
        if isinstance(reading, tuple) and not any(forward):
            self.unplaced(statement, figures, reading)
        elif figures:
            listed = ", ".join(figure_words(text, f) for f in figures)
            self.collector.note(statement.line, _(_UNPLACED).format(figures=listed), text)

    def totals_of(
        self, statement: Statement, figures: list[Figure], region: str | None, words: str
    ) -> None:
        """Regional figures: achieved ones are the totals, forward-looking ones apart."""
        text = statement.text
        forward = forward_flags(text, figures)
        achieved = [f for f, ahead in zip(figures, forward, strict=True) if not ahead]
        line = statement.line_at(min(f.start for f in figures))
        if achieved:
            reading = one_each(achieved)
            if isinstance(reading, tuple):
                self.collector.totals.append(RegionalTotals(*reading, line, words, region))
            else:
                reason = _("regional figures not read as totals: {reason}").format(reason=reading)
                self.collector.note(line, reason, text)
        due = horizons(text, figures)
        for figure, ahead, horizon in zip(figures, forward, due, strict=True):
            if not ahead:
                continue
            quantity = figure.quantity
            if quantity is not None:
                where = quantity.line if quantity.line is not None else line
                words = figure_words(text, figure)
                self.collector.announced.append(
                    Announced(quantity, where, words, figure.kind, horizon)
                )
            else:
                self.collector.note(
                    line,
                    _("forward-looking or objective, not a result: “{words}” is not used").format(
                        words=figure_words(text, figure)
                    ),
                    text,
                )

    def unplaced(
        self, statement: Statement, figures: list[Figure], reading: tuple[Quantity, Quantity]
    ) -> None:
        """Figures for no known place: an error if a place is named, else only a note.

        "En Lorraine, 5 projets" must not pass unseen; "Depuis 2021, 190 projets ont
        été identifiés" (a total without the word Région) must not block the rows.
        """
        text = statement.text
        place = place_words(text[: min(f.start for f in figures)])
        wording = f"{reading[0].words}, {reading[1].words}"
        if is_proper_name(place):
            reason = _("“{place}” is not a French department ({figures})").format(
                place=place, figures=wording
            )
            self.collector.problem(statement.line, reason, text)
        else:
            self.collector.note(statement.line, _(_UNPLACED).format(figures=wording), text)
