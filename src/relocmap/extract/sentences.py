"""Reading figures out of a release's sentences and lists: each figure tied to the one
department (or the region) whose clause it is in; what cannot be read becomes a problem."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from relocmap.base.errors import Problem
from relocmap.extract.found import Announced, DepartmentFigures, Extraction, RegionalTotals
from relocmap.extract.places import DASHES, Mention, Place, PlaceNames
from relocmap.extract.quantities import JOBS, PROJECTS, Figure, Quantity, find_figures, squeeze
from relocmap.extract.tables import TableFigures, read_table, split_text_tables
from relocmap.extract.text import (
    Line,
    Paragraph,
    Table,
)

_BULLETS = "-–—•*·▪◦●‣"


# A sentence ends at . ! ? or ; followed by a space; a bullet inside a line starts an
# item. The look-behinds keep each run of spaces scanned once.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|(?<!\s)\s++[•▪◦●‣](?:\s++|$)")


_MONTHS = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)


# "Caen, le 3 avril 2024 –", "AMIENS, 9 mars 2023:", "Lyon, 03/04/2024 -": a dateline
# names a city, not a department's tally.
_DATELINE = re.compile(
    rf"[^\W\d_][^\W\d_'’\-\u2011 ]{{0,30}}"
    rf"(?:[ \-\u2011'’][^\W\d_][^\W\d_'’\-\u2011]{{0,30}}){{0,4}}"
    rf"\s?(?:\([^()\n]{{1,30}}\))?,\s{{1,3}}(?:le\s+)?"
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    rf"(?:(?:1er|[0-9]{{1,2}})\s+(?:{_MONTHS})\s+[0-9]{{4}}|[0-9]{{1,2}}[/.][0-9]{{1,2}}[/.][0-9]{{2,4}})"
    rf"\s?(?:[-–—:.,]\s?)?",
    re.I,
)


@dataclass(frozen=True)
class _Statement:
    """A sentence or list item, its lines, and the paragraph it is in."""

    text: str
    marks: tuple[tuple[int, int], ...]
    offsets: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "offsets", tuple(start for start, _ in self.marks))

    @property
    def line(self) -> int:
        return self.marks[0][1]

    def line_at(self, offset: int) -> int:
        """The line of the file the character at ``offset`` is on."""
        return self.marks[max(0, bisect.bisect_right(self.offsets, offset) - 1)][1]


def _continues(previous: str, text: str) -> bool:
    # A wrapped sentence goes on in lower case or with a number ("610 emplois.");
    # a list item or a new sentence starts with a capital or a bullet.
    return (
        bool(previous)
        and bool(text)
        and previous[-1] not in ".!?;:"
        and (text[0].islower() or text[0].isdigit())
    )


def _unwrap(lines: Sequence[Line]) -> list[_Statement]:
    """Join lines hard-wrapped inside a sentence, keeping where each line starts."""
    joined: list[_Statement] = []
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0

    def flush() -> None:
        if parts:
            joined.append(_Statement("".join(parts), tuple(marks)))
        parts.clear()
        marks.clear()

    for line in lines:
        lead = len(line.text) - len(line.text.lstrip())
        text = line.text.strip()
        if not text:
            continue
        if parts and _continues(parts[-1], text):
            parts.append(" ")
            length += 1
        else:
            flush()
            length = 0
        marks.extend((length + max(0, offset - lead), n) for offset, n in line.marks)
        parts.append(text)
        length += len(text)
    flush()
    return joined


def _statements(
    lines: Sequence[Line], joins: Callable[[str, str], bool] | None = None
) -> list[_Statement]:
    """The sentences and list items of some lines of prose.

    Two parts of a sentence split at ";" stay one when ``joins`` says the second
    completes the first ("• Ain : 30 projets ; 610 emplois").
    """
    found = []
    for passage in _unwrap(lines):
        text = passage.text
        pieces: list[tuple[int, int]] = []
        start = 0
        after_semicolon = False  # the break before this piece followed a ";"
        for piece in [*_SENTENCE_BREAK.finditer(text), None]:
            end = piece.start() if piece else len(text)
            if text[start:end].strip():
                previous = pieces[-1] if pieces else None
                if (
                    previous is not None
                    and after_semicolon
                    and joins is not None
                    and joins(text[previous[0] : previous[1]], text[start:end])
                ):
                    pieces[-1] = (previous[0], end)
                else:
                    pieces.append((start, end))
            after_semicolon = piece is not None and text[piece.start() - 1 : piece.start()] == ";"
            start = piece.end() if piece else end
        found += [_slice(passage, a, b) for a, b in pieces]
    return found


def _slice(statement: _Statement, start: int, end: int) -> _Statement:
    text = statement.text[start:end]
    lead = len(text) - len(text.lstrip())
    begin = start + lead
    # Only the marks inside the slice are read: slicing a long passage stays linear.
    inside = statement.marks[
        bisect.bisect_right(statement.offsets, begin) : bisect.bisect_left(statement.offsets, end)
    ]
    marks = [(0, statement.line_at(begin)), *((offset - begin, n) for offset, n in inside)]
    return _Statement(text.strip(), tuple(marks))


def _without_dateline(text: str) -> str:
    """The text with a dateline at its start blanked out (offsets unchanged)."""
    found = _DATELINE.match(text)
    return " " * found.end() + text[found.end() :] if found else text


# "la Région" (the council, capitalised) but not "la région de Grenoble"; "au total";
# the authorities that give totals.
_REGIONAL = re.compile(
    r"\b(?-i:R[ée]gion|RÉGION)\b|\br[ée]gional(?:e|es|aux)?\b|\bau\s+total\b|\ben\s+tout\b"
    r"|\bau\s+global\b|\bcollectivit[ée]\b|\bminist(?:[èe]re|re)\b|\bgouvernement\b"
    r"|\b(?-i:État|ETAT|Etat)\b",
    re.I,
)


_NATIONAL = re.compile(
    r"\bnationa(?:l|le|les|ux)\b|\bFrance\s+enti[èe]re\b|\bl['’]Hexagone\b"
    r"|\bdans\s+toute\s+la\s+France\b|\ben\s+France\b",
    re.I,
)


# Words that make a figure forward-looking or an objective: future tense, "d'ici 2027",
# "bientôt", "objectif"... A figure is forward-looking when its clause has one.
_FORWARD = re.compile(
    r"(?<![^\W_])(?:auront|seront|sera|aura|devrai(?:en)?t|devr(?:a|ont)|pourr(?:a|ont)"
    r"|vont|va|bient[ôo]t|prochainement|[àa]\s+venir|d['’]ici|[àa]\s+terme|objectifs?"
    r"|ambitions?|vise|visent|viser|vis[ée]e?s?|pr[ée]vu(?:e|s|es)?|attendu(?:e|s|es)?"
    r"|horizon|futur(?:e|s|es)?|annonc[ée]s?\s+pour|permettra|cr[ée]era|accompagnera"
    r"|atteindra|g[ée]n[ée]rera|repr[ée]sentera|[^\W\d_]{3,}(?:eront|iront))(?![^\W_])",
    re.I,
)


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")


_FIGURE_NOUN = re.compile(r"(?<![^\W_])(?:projets?|emplois?)(?![^\W_])", re.I)


_LEAD = re.compile(
    rf"[\s{re.escape(_BULLETS)}]*(?:(?:dans|en|au|aux|à|a|pour|chez|côté|cote|concernant|sur)\s+)?"
    r"(?:(?:le\s+)?d[ée]partement\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)|"
    r"(?:le|la|les)\s+|l['’]\s*)?",
    re.I,
)


_MAX_LEAD = 80


# Small words inside place names: Loire-et-Cher, Val-de-Marne, Alpes-de-Haute-Provence.
_NAME_LINKS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "sur", "sous", "en"}


_WORD = re.compile(r"[^\W\d_]+")


_BARE_COUNT = re.compile(r"(?<![\w(])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]+(?![\w)])")


_MAY_TALLY = re.compile(r"[0-9]|projet|emploi", re.I)


_TABLE_ROW = re.compile(r"\||\t|\S[ \u00a0]{2,}\S")


# One company, named as the subject: "l'entreprise X, installée dans le Rhône, crée…"
# ("des entreprises" in a department's tally is no company example).
_COMPANY = re.compile(
    r"(?<![^\W_])(?:l['’]\s?|une\s+|la\s+|le\s+)(?:entreprise|soci[ée]t[ée]|usine|start-?up|PME"
    r"|ETI|groupe|filiale|manufacture|fabricant|laboratoire|industriel)(?![^\W_])",
    re.I,
)


_CITY_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_][^\W\d_'’\-]*)\s?\(\s?$")


_CLOSING = re.compile(r"\s?\)")


def _located_in(text: str, mention: Mention) -> bool:
    """A department named only to place a city: "Saint-Étienne (Loire)"."""
    before = _CITY_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    return (
        before is not None
        and before.group(1)[0].isupper()
        and bool(_CLOSING.match(text, mention.end))
    )


def _leads(text: str, mention: Mention) -> bool:
    """The place is what the sentence starts with ("Dans la Drôme, ...", "Drôme :")."""
    return mention.start <= _MAX_LEAD and bool(_LEAD.fullmatch(text, 0, mention.start))


def _place_words(head: str) -> str:
    """The place a sentence starts with: "En Bretagne, 5 projets" gives Bretagne."""
    # "Lyon – 3 projets" but "Rhône – Alpes, 100 projets".
    split = rf"\s*[,:;(]\s*|\s*[{DASHES}]\s*+(?![^\W\d_])"
    # Only the start of the sentence can name its place: the split reads a bounded text.
    parts = re.split(split, head.lstrip(_BULLETS + " \t")[:_MAX_LEAD], maxsplit=1)
    lead = _LEAD.match(parts[0][:_MAX_LEAD])
    if len(parts) == 1 and (lead is None or not lead.group().strip()):
        return ""  # neither "En …" nor "… :" introduces a place: "Ces 3 projets"
    return parts[0][lead.end() if lead else 0 :].strip()


def _is_proper_name(words: str) -> bool:
    """ "Loire-Inférieure" or "Lorraine" is a place; "Depuis décembre 2021" is not."""
    tokens = _WORD.findall(words)
    return (
        bool(tokens)
        and len(tokens) <= 8
        and not re.search(r"[0-9]", words)
        and tokens[0][0].isupper()
        and all(t[0].isupper() or t.lower() in _NAME_LINKS for t in tokens)
    )


def _forward_flags(text: str, figures: Sequence[Figure]) -> list[bool]:
    """Whether each figure is forward-looking: a marker in its clause, or in a clause
    without figures before the first one ("D'ici 2027, 500 projets et ...")."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text))]

    def clause(offset: int) -> int:
        return bisect.bisect_right(bounds, offset) - 1

    marked = {clause(m.start()) for m in _FORWARD.finditer(text)}
    first = clause(min(f.start for f in figures))
    leading = any(c < first for c in marked)
    return [leading or clause(f.start) in marked for f in figures]


def _one_each(figures: Sequence[Figure]) -> tuple[Quantity, Quantity] | str:
    """The one number of projects and the one number of jobs, or why there are not."""
    for figure in figures:
        if figure.flaw:
            return figure.flaw
    found: dict[str, list[Figure]] = {PROJECTS: [], JOBS: []}
    for figure in figures:
        found[figure.kind].append(figure)
    for kind, mine in found.items():
        if not mine:
            return f"no number of {kind} could be read"
        if len(mine) > 1 or len(mine[0].quantities) > 1:
            values = ", ".join(q.wording for f in mine for q in f.quantities)
            count = sum(len(f.quantities) for f in mine)
            return f"{count} numbers of {kind} ({values}); expected one"
    projects, jobs = found[PROJECTS][0].quantity, found[JOBS][0].quantity
    assert projects is not None and jobs is not None
    return projects, jobs


@dataclass(frozen=True)
class _Context:
    """What the paragraph of a sentence says, worked out only when a sentence asks:
    whether it speaks of the Région, and whether it names no department either."""

    speaks_of_region: Callable[[], bool]
    only_regional: Callable[[], bool]


@dataclass(frozen=True)
class _Group:
    """A place and the figures of its clause (up to the next place)."""

    mention: Mention
    figures: tuple[Figure, ...]
    end: int
    since: int = 0  # where the clause starts: after the previous place's figures


def _between(starts: Sequence[int], low: int, high: int) -> slice:
    """The slice of sorted ``starts`` that lie in [low, high)."""
    return slice(bisect.bisect_left(starts, low), bisect.bisect_left(starts, high))


def _merged(mentions: Sequence[Mention], figures: Sequence[Figure]) -> list[Mention]:
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


def _place_first(
    text: str, places: Sequence[Mention], figures: Sequence[Figure]
) -> list[_Group] | None:
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
        groups.append(_Group(mention, mine, end, since))
        since = max([mention.end, *(f.end for f in mine)])
    later_figures = False
    for group in reversed(groups):
        # "la Loire et la Haute-Loire, 31 projets": whose figures, then?
        if not group.figures and not group.mention.place.is_region and later_figures:
            return None
        later_figures = later_figures or bool(group.figures)
    return groups if later_figures else None


def _figures_first(
    text: str, places: Sequence[Mention], figures: Sequence[Figure]
) -> list[_Group] | None:
    """Figures followed by their department ("36 projets et 1 220 emplois dans le Rhône,
    30 projets et 610 emplois dans l'Ain"), each group complete, or None."""
    if not places or any(f.start > places[-1].start for f in figures):
        return None
    starts = [f.start for f in figures]
    groups = []
    start = 0
    for mention in places:
        mine = tuple(figures[_between(starts, start, mention.start)])
        if mention.place.is_region or not isinstance(_one_each(mine), tuple):
            return None
        groups.append(_Group(mention, mine, mention.end))
        start = mention.end
    return groups


class _Extractor:
    """Reads paragraphs one by one, collecting rows, totals, problems and notes."""

    def __init__(self, places: PlaceNames, source: str) -> None:
        self.places = places
        self.source = source
        self.rows: dict[str, list[DepartmentFigures]] = {}
        self.totals: list[RegionalTotals] = []
        self.announced: list[Announced] = []
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def problem(self, line: int, reason: str, words: str) -> None:
        self.problems.append(Problem(self.source, f"{reason}: {_quote(words)}", line))

    def note(self, line: int, reason: str, words: str) -> None:
        self.notes.append(Problem(self.source, f"{reason}: {_quote(words)}", line))

    # -- paragraphs and tables

    def read_paragraph(self, paragraph: Paragraph, depth: int = 0) -> None:
        """Read a paragraph's prose and tables, in the order of the release."""
        pending: list[Line] = []
        for item in [*paragraph, None]:
            if isinstance(item, Line):
                pending.append(item)
                continue
            prose: list[Line] = []
            for part in split_text_tables(pending):
                if isinstance(part, Line):
                    prose.append(part)
                    continue
                self.read_prose(prose)
                prose = []
                self.read_table(part, depth)
            self.read_prose(prose)
            pending = []
            if item is not None:
                self.read_table(item, depth)

    def read_prose(self, lines: Sequence[Line]) -> None:
        """Read the sentences of some lines of a paragraph."""
        statements = [
            _Statement(_without_dateline(s.text), s.marks)
            for s in _statements(lines, self.completes)
        ]
        mentions: dict[int, list[Mention]] = {}

        def found(index: int) -> list[Mention]:
            if index not in mentions:
                mentions[index] = self.places.find(statements[index].text)
            return mentions[index]

        @cache
        def speaks_of_region() -> bool:
            return any(_REGIONAL.search(s.text) for s in statements)

        @cache
        def only_regional() -> bool:
            return speaks_of_region() and not any(
                not m.place.is_region for i in range(len(statements)) for m in found(i)
            )

        context = _Context(speaks_of_region, only_regional)
        for index, statement in enumerate(statements):
            # Only a sentence with a number or a figure noun can be a tally.
            if _MAY_TALLY.search(statement.text):
                self.read(statement, found(index), context)

    def completes(self, first: str, second: str) -> bool:
        """The part after a ";" gives the figure a department's part lacks, and names
        no place of its own: "Ain : 30 projets ; 610 emplois"."""
        kinds = [{m.group().lower()[:6] for m in _FIGURE_NOUN.finditer(t)} for t in (first, second)]
        if len(kinds[0]) != 1 or not kinds[1] or kinds[0] & kinds[1]:
            return False
        named = self.places.find(first)
        return any(not m.place.is_region for m in named) and not self.places.find(second)

    def read_table(self, table: Table, depth: int) -> None:
        reading = read_table(table, self.places)
        for figures in reading.figures:
            self.add_table_figures(figures)
        for line, reason, words in reading.problems:
            self.problem(line, reason, words)
        if not reading.header and not reading.problems and depth < 8:
            # Not a table of figures (a layout table, a list in columns): read as prose.
            for paragraph in table.prose:
                self.read_paragraph(paragraph, depth + 1)

    def add_table_figures(self, found: TableFigures) -> None:
        if found.place is None or found.place.is_region:
            region = found.place.name if found.place else None
            self.totals.append(
                RegionalTotals(found.projects, found.jobs, found.line, found.words, region)
            )
        else:
            self.add_row(found.line, found.place, found.projects, found.jobs, found.words)

    # -- sentences

    def read(self, statement: _Statement, mentions: list[Mention], context: _Context) -> None:
        """Read one sentence: department rows, regional totals, problems or notes."""
        mentions = [m for m in mentions if not _located_in(statement.text, m)]
        figures = find_figures(statement.text, statement.line_at)
        departments = [m for m in mentions if not m.place.is_region]
        if not figures:
            self.without_figures(statement, departments)
        elif departments:
            self.departments(statement, mentions, figures)
        else:
            self.regional(statement, mentions, figures, context)

    def without_figures(self, statement: _Statement, departments: list[Mention]) -> None:
        """A department named with no readable figure: a problem if it is a tally."""
        if not departments:
            return
        text, first = statement.text, departments[0]
        nouns = [m.group().lower() for m in _FIGURE_NOUN.finditer(text)]
        if nouns and _leads(text, first):
            kind = PROJECTS if any(n.startswith("projet") for n in nouns) else JOBS
            reason = f"names {first.place.name} but no number of {kind} could be read"
            self.problem(statement.line, reason, text)
        elif _TABLE_ROW.search(text) and _BARE_COUNT.search(text[first.end :]):
            self.problem(
                statement.line,
                f"names {first.place.name} with numbers but no header says which are "
                "projects and jobs (a table row without its header: département, "
                "projets, emplois)",
                text,
            )

    def departments(
        self, statement: _Statement, mentions: list[Mention], figures: list[Figure]
    ) -> None:
        """A sentence naming departments: tie each figure to its department."""
        text = statement.text
        if any(len(f.quantities) > 1 for f in figures):
            self.respectively(statement, mentions, figures)
            return
        places = _merged(mentions, figures)
        groups = _place_first(text, places, figures)
        if groups is not None:
            several = sum(1 for g in groups if g.figures) > 1
            for group in groups:
                self.group(statement, group, several)
            return
        departments = [m for m in places if not m.place.is_region]
        if len({m.place for m in departments}) == 1:
            self.single(statement, mentions, departments[0], figures)
            return
        groups = _figures_first(text, places, figures)
        if groups is not None:
            for group in groups:
                self.group(statement, group, True)
            return
        names = ", ".join(dict.fromkeys(m.place.name for m in departments))
        flaw = next((f.flaw for f in figures if f.flaw), None)
        reason = (
            f"names {names} but {flaw}"
            if flaw
            else f"names several departments ({names}); cannot tell which one the figures are for"
        )
        self.problem(statement.line, reason, text)

    def group(self, statement: _Statement, group: _Group, several: bool) -> None:
        """One place's clause of a sentence, with its figures."""
        text, mention = statement.text, group.mention
        place = mention.place
        if not group.figures:
            # A department after the others' figures: "…, contre 12 en Isère" is a
            # number for it that cannot be read; "…, comme en Isère" is none.
            if not place.is_region and _BARE_COUNT.search(text, group.since, group.end):
                reason = f"names {place.name} with a number but no number of projects or jobs"
                self.problem(statement.line_at(mention.start), reason, text)
            return
        start = min(mention.start, *(f.start for f in group.figures))
        end = max(mention.end, *(f.end for f in group.figures))
        words = text[start:end]
        line = statement.line_at(start)
        quote = words if several else text
        if place.is_region:
            self.totals_of(statement, list(group.figures), place.name, words)
            return
        reading = _one_each(group.figures)
        if not several and not _leads(text, mention) and _COMPANY.search(text):
            reason = f"names {place.name} in a sentence about a company: no tally of it; ignored"
            self.note(line, reason, text)
        elif isinstance(reading, tuple):
            self.add_row(line, place, *reading, words, quote)
        elif several or _leads(text, mention) or _has_projects(group.figures):
            self.problem(line, f"names {place.name} but {reading}", quote)
        else:
            self.note(line, f"names {place.name} but is no tally of it ({reading}); ignored", text)

    def single(
        self,
        statement: _Statement,
        mentions: list[Mention],
        mention: Mention,
        figures: list[Figure],
    ) -> None:
        """One department, with figures before it ("30 projets dans l'Ain pour 610 emplois")."""
        text, place = statement.text, mention.place
        reading = _one_each(figures)
        if _COMPANY.search(text):
            reason = f"names {place.name} in a sentence about a company: no tally of it; ignored"
            self.note(statement.line, reason, text)
            return
        if not isinstance(reading, tuple):
            if _leads(text, mention) or _has_projects(figures):
                self.problem(statement.line, f"names {place.name} but {reading}", text)
            else:
                reason = f"names {place.name} but is no tally of it ({reading}); ignored"
                self.note(statement.line, reason, text)
            return
        regional = _REGIONAL.search(text) or any(m.place.is_region for m in mentions)
        if regional:
            self.problem(
                statement.line,
                f"names {place.name} after the figures and speaks of the region: cannot tell "
                "whether these are regional totals",
                text,
            )
            return
        other = _other_count(text, figures)
        if other is not None:
            self.problem(
                statement.line,
                f"names {place.name} after the figures, with another number ({other}): "
                "cannot tell which count is its own",
                text,
            )
            return
        start = min(mention.start, *(f.start for f in figures))
        end = max(mention.end, *(f.end for f in figures))
        self.add_row(statement.line_at(start), place, *reading, text[start:end], text)

    def respectively(
        self, statement: _Statement, mentions: list[Mention], figures: list[Figure]
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
            reason = flawed or (
                f"“respectivement” with {n} departments, {sum(sizes[PROJECTS])} numbers of "
                f"projects and {sum(sizes[JOBS])} numbers of jobs"
            )
            self.problem(statement.line, reason, text)
            return
        start = min(m.start for m in mentions)
        end = max(f.end for f in figures)
        words = text[start:end]
        projects, jobs = lists[PROJECTS][0].quantities, lists[JOBS][0].quantities
        for place, p, j in zip(departments, projects, jobs, strict=True):
            self.add_row(statement.line_at(start), place, p, j, words, text)

    def regional(
        self,
        statement: _Statement,
        mentions: list[Mention],
        figures: list[Figure],
        context: _Context,
    ) -> None:
        """Figures naming no department: regional totals, announced projects, or a note."""
        text = statement.text
        regions = list(dict.fromkeys(m.place.name for m in mentions if m.place.is_region))
        regional = bool(regions) or bool(_REGIONAL.search(text))
        if not regional and _NATIONAL.search(text):
            self.note(statement.line, "national figures, not the region's: ignored", text)
            return
        forward = _forward_flags(text, figures)
        # A sentence of a paragraph about the Région that names no place is about the
        # region; so is a forward-looking count of projects in such a paragraph.
        if regional or context.only_regional() or (all(forward) and context.speaks_of_region()):
            region = regions[0] if len(regions) == 1 else None
            self.totals_of(statement, figures, region, text)
            return
        reading = _one_each(figures)
        if isinstance(reading, tuple) and not any(forward):
            self.unplaced(statement, figures, reading)
        elif figures:
            self.note(
                statement.line,
                "figures for no department nor the Région, ignored "
                f"({', '.join(_figure_words(text, f) for f in figures)})",
                text,
            )

    def totals_of(
        self, statement: _Statement, figures: list[Figure], region: str | None, words: str
    ) -> None:
        """Regional figures: achieved ones are the totals, forward-looking ones apart."""
        text = statement.text
        forward = _forward_flags(text, figures)
        achieved = [f for f, ahead in zip(figures, forward, strict=True) if not ahead]
        line = statement.line_at(min(f.start for f in figures))
        if achieved:
            reading = _one_each(achieved)
            if isinstance(reading, tuple):
                self.totals.append(RegionalTotals(*reading, line, words, region))
            else:
                self.note(line, f"regional figures not read as totals: {reading}", text)
        for figure, ahead in zip(figures, forward, strict=True):
            if not ahead:
                continue
            quantity = figure.quantity
            if figure.kind == PROJECTS and quantity is not None:
                where = quantity.line if quantity.line is not None else line
                self.announced.append(Announced(quantity, where, _figure_words(text, figure)))
            else:
                self.note(
                    line,
                    f"forward-looking or objective, not a result: “{_figure_words(text, figure)}”"
                    " is not used",
                    text,
                )

    def unplaced(
        self, statement: _Statement, figures: list[Figure], reading: tuple[Quantity, Quantity]
    ) -> None:
        """Figures for no known place: an error if a place is named, else only a note.

        "En Lorraine, 5 projets" must not pass unseen; "Depuis 2021, 190 projets ont
        été identifiés" (a total without the word Région) must not block the rows.
        """
        text = statement.text
        place = _place_words(text[: min(f.start for f in figures)])
        wording = f"{reading[0].wording}, {reading[1].wording}"
        if _is_proper_name(place):
            self.problem(statement.line, f"“{place}” is not a French department ({wording})", text)
        else:
            self.note(
                statement.line,
                f"figures for no department nor the Région, ignored ({wording})",
                text,
            )

    def add_row(
        self,
        line: int,
        place: Place,
        projects: Quantity,
        jobs: Quantity,
        words: str,
        quote: str | None = None,
    ) -> None:
        """A department's row; a department given twice is a problem (quoting ``quote``,
        the sentence, or else the words of the figures)."""
        assert place.code is not None
        row = DepartmentFigures(place.code, place.name, projects, jobs, line, squeeze(words))
        earlier = self.rows.setdefault(place.code, [])
        if earlier:
            first = earlier[0]
            if row.same_figures(first):
                reason = f"{place.name} already given on line {first.line}, with the same figures"
            else:
                reason = (
                    f"{place.name} already given on line {first.line} with other figures "
                    f"({first.projects.wording}, {first.jobs.wording}); "
                    f"{place.name} is left out"
                )
            self.problem(line, reason, quote or words)
        earlier.append(row)

    def result(self) -> Extraction:
        # A department given twice is kept (for --partial) only if both agree.
        rows = [
            found[0]
            for found in self.rows.values()
            if all(row.same_figures(found[0]) for row in found)
        ]
        rows.sort(key=lambda row: row.code)
        problems = sorted(self.problems, key=lambda p: p.line or 0)
        return Extraction(
            tuple(rows),
            tuple(self.totals),
            tuple(problems),
            tuple(self.notes),
            tuple(self.announced),
        )


def _other_count(text: str, figures: Sequence[Figure]) -> str | None:
    """A number of the sentence that is no figure (nor a year): "Sur 190 projets, 36
    concernent le Rhône" gives 36."""
    spans = [(f.start, f.end) for f in figures]
    for number in _BARE_COUNT.finditer(text):
        if not any(a <= number.start() < b for a, b in spans):
            return number.group()
    return None


def _has_projects(figures: Iterable[Figure]) -> bool:
    """A number of projects is a tally of the plan, whoever the sentence is about."""
    return any(f.kind == PROJECTS for f in figures)


def _figure_words(text: str, figure: Figure) -> str:
    return squeeze(text[figure.start : figure.end])


_NON_SPACE = re.compile(r"\S+")


def _quote(text: str, limit: int = 110) -> str:
    """The start of ``text`` in quotes, white space squeezed, cut with "…" after
    ``limit`` characters; only that start is read, however long the text."""
    parts: list[str] = []
    length = 0
    for word in _NON_SPACE.finditer(text):
        parts.append(text[word.start() : min(word.end(), word.start() + limit + 1)])
        length += len(parts[-1]) + 1
        if length > limit + 1:
            break
    shown = " ".join(parts)
    return f"“{shown if len(shown) <= limit else shown[: limit - 1] + '…'}”"
