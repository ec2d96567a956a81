"""Reading the per-department figures out of a French press release.

The press release is prose ("Dans l'Ain, 30 projets ont été identifiés pour la
création de 610 emplois") or a list ("• Loire : 31 projets — 1 040 emplois").
Each sentence that gives a number of projects and a number of jobs is tied to
the one department it names; sentences about the Région are regional totals.
Nothing is guessed: a sentence that names a department but cannot be read, a
department given twice, or figures for a place that is no department become
problems, with their line.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError, Problem
from .load import csv_columns, read_json, read_text
from .numbers import fold, fr_group_spaces, parse_whole_number

# Keys of data/publication.json that the regional totals fill in.
TOTALS_KEYS = (
    "total_projets_publie",
    "total_projets_formulation",
    "total_emplois_publie",
    "total_emplois_formulation",
)

# --- quantities: "30 projets", "près de 1 040 emplois", "une vingtaine de projets" ----

_APOSTROPHE = "'’ʼ"
_DE = rf"d(?:e\s+|[{_APOSTROPHE}]\s*)"  # "de " or "d'"
# Wordings of an approximate number, and the precision the schema calls them.
_QUALIFIERS = (
    (rf"pr[eè]s\s+{_DE}", "pres_de"),
    (r"plus\s+ou\s+moins\s+", "environ"),  # before "plus de", which it is not
    (rf"(?:un\s+peu\s+)?plus\s+{_DE}", "plus_de"),
    (rf"pas\s+moins\s+{_DE}", "plus_de"),
    (r"au\s+moins\s+", "plus_de"),
    (r"environ\s+", "environ"),
    (r"quelques?\s+", "environ"),
    (rf"autour\s+{_DE}", "environ"),
    (r"approximativement\s+", "environ"),
)
_ROUND_NUMBERS = {
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
_SPELLED = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dix-sept": 17,
    "dix-huit": 18,
    "dix-neuf": 19,
    "vingt": 20,
}
# Thousands grouped by a space, a no-break space or a narrow no-break space: 1 040.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so that "dix-sept" is not read as "dix".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ADJECTIVES = r"(?:nouveaux|nouvelles|nouveau|nouvel|autres|grands|premiers)"


def _quantity_pattern(noun: str) -> re.Pattern:
    """A number of ``noun``: qualifier, amount (digits, words, "une centaine"), noun."""
    qualifiers = "|".join(f"(?:{pattern})" for pattern, _ in _QUALIFIERS)
    return re.compile(
        rf"""
        (?<!\w)
        (?P<amount>
            (?P<qualifier>{qualifiers})?
            (?: (?P<round>une?\s+(?:{_alternatives(_ROUND_NUMBERS)}))(?=\s+{_DE})
              | (?<!\d[,.])(?P<number>{_NUMBER})(?!\d)
              | (?P<spelled>{_alternatives(_SPELLED)})(?![\w-])
            )
        )
        (?P<rest>
            (?:\s+{_DE})?                  # "une centaine d'emplois"
            \s*(?:{_ADJECTIVES}\s+)?
            {noun}
        )\b
    """,
        re.I | re.X,
    )


_PROJECTS = _quantity_pattern(r"projets?")
_JOBS = _quantity_pattern(rf"(?:cr[ée]ations?\s+d[{_APOSTROPHE}]\s*)?emplois?")
# A bound or a range the schema has no precision for: "moins de 300", "200 à 300".
_UNSUPPORTED_BEFORE = re.compile(
    rf"(?:moins\s+d(?:e|[{_APOSTROPHE}])|jusqu[{_APOSTROPHE}]\s*(?:à|a)|au\s+plus|au\s+maximum"
    rf"|(?:{_NUMBER})\s*(?:à|et|ou|-|–))\s*$",
    re.I,
)
_FIGURE_WORDS = re.compile(r"\b(?:projets?|emplois?)\b", re.I)
# Any number, but not a year (2022), an ordinal (1er, 3e) nor a code: "le Rhône (69)".
_BARE_NUMBER = re.compile(r"(?<![\w(])(?!(?:19|20)\d\d(?!\w))\d+(?![\w)])")


@dataclass(frozen=True)
class Quantity:
    """A number as the release gives it: value, precision word, original wording."""

    value: int
    precision: str  # exact, environ, pres_de or plus_de, as in the schema
    amount: str  # "près de 300", "une centaine"
    noun: str  # "emplois", "d'emplois"

    @property
    def wording(self) -> str:
        """``près de 300 emplois``, as published."""
        return f"{self.amount} {self.noun}"

    @property
    def note(self) -> str:
        """``« près de 300 » emplois`` for an approximate number, as in the figures CSV."""
        return f"« {self.amount} » {self.noun}"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _quantity(match: re.Match) -> Quantity:
    if match["number"]:
        value = parse_whole_number(match["number"])
    elif match["round"]:
        value = _ROUND_NUMBERS[fold(match["round"]).split()[-1]]
    else:
        value = _SPELLED[match["spelled"].lower()]
    precision = "environ" if match["round"] else "exact"
    if match["qualifier"]:
        precision = next(
            word for pattern, word in _QUALIFIERS if re.fullmatch(pattern, match["qualifier"], re.I)
        )
    return Quantity(value, precision, _squeeze(match["amount"]), _squeeze(match["rest"]))


# --- places: departments and the region, found by name ------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_HYPHENS = r"\-\u2010\u2011"  # for character classes: - ‐ ‑
# What may stand between two words of one name: Côtes-d'Armor, Puy de Dôme, Côte d’Or.
_JOINER = re.compile(rf"[\s{_HYPHENS}{_APOSTROPHE}]{{1,3}}")
_ARTICLES = {"la", "le", "les", "l"}


@dataclass(frozen=True)
class Place:
    """A department (with its code) or the region (code None)."""

    code: str | None
    name: str


@dataclass(frozen=True)
class _Mention:
    place: Place
    start: int
    end: int


class PlaceNames:
    """Finds department and region names in text, longest name first, on word boundaries.

    "Haute-Loire" is not read as "Loire", nor "Auvergne-Rhône-Alpes" as "Rhône":
    a name glued to another word by a hyphen is part of a longer name.
    """

    def __init__(self, department_names: Mapping[str, str], region_names: Iterable[str] = ()):
        self._places: dict[tuple[str, ...], Place] = {}
        for code, name in department_names.items():
            words = tuple(fold(name).split())
            self._places[words] = Place(code, name)
            if words[0] in _ARTICLES and len(words) > 1:
                # "à la Réunion": the article is written in lower case, or left out.
                self._places.setdefault(words[1:], Place(code, name))
        for name in region_names:
            self._places.setdefault(tuple(fold(name).split()), Place(None, name))
        self._longest = max(map(len, self._places), default=0)

    def find(self, text: str) -> list[_Mention]:
        words = list(_WORD.finditer(text))
        folded = [fold(w.group()) for w in words]
        mentions, i = [], 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                mention = self._mention_at(text, words[i : i + size], folded[i : i + size])
                if mention:
                    mentions.append(mention)
                    i += size
                    break
            else:
                i += 1
        return mentions

    def _mention_at(self, text: str, words: list[re.Match], folded: list[str]) -> _Mention | None:
        place = self._places.get(tuple(folded))
        if place is None:
            return None
        start, end = words[0].start(), words[-1].end()
        joined = all(
            _JOINER.fullmatch(text[a.end() : b.start()]) for a, b in itertools.pairwise(words)
        )
        # Proper nouns only: "la somme de", "la manche" are not departments.
        capitalised = text[start].isupper()
        glued = re.search(rf"[^\W\d_][{_HYPHENS}]$", text[:start]) or re.match(
            rf"[{_HYPHENS}][^\W\d_]", text[end:]
        )
        return _Mention(place, start, end) if joined and capitalised and not glued else None


# --- statements: sentences and list items, with the line they start on --------------

_BULLETS = "-–—•*·▪◦●‣"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s+[•▪◦●‣]\s+")
# "la Région" (the council, capitalised) but not "la région de Grenoble".
_REGIONAL_WORDS = re.compile(
    r"\b(?-i:R[ée]gion|RÉGION)\b|\br[ée]gional(?:e|es|aux)?\b|\bau total\b", re.I
)


@dataclass(frozen=True)
class _Statement:
    line: int
    text: str


def _unwrap(lines: Iterable[tuple[int, str]]) -> list[tuple[list[tuple[int, int]], str]]:
    """Join lines hard-wrapped inside a sentence; each result keeps (offset, line) marks."""
    joined: list[tuple[list[tuple[int, int]], str]] = []
    for number, raw in lines:
        text = raw.strip()
        if joined and _continues(joined[-1][1], text):
            marks, previous = joined[-1]
            marks.append((len(previous) + 1, number))
            joined[-1] = (marks, f"{previous} {text}")
        else:
            joined.append(([(0, number)], text))
    return joined


def _continues(previous: str, text: str) -> bool:
    # A wrapped sentence goes on in lower case or with a number ("610 emplois.");
    # a list item or a new sentence starts with a capital or a bullet.
    return (
        bool(previous)
        and bool(text)
        and previous[-1] not in ".!?;:"
        and (text[0].islower() or text[0].isdigit())
    )


def _statements(lines: Iterable[tuple[int, str]]) -> list[_Statement]:
    statements = []
    for marks, text in _unwrap(lines):
        offsets = [offset for offset, _ in marks]
        start = 0
        for piece in [*_SENTENCE_BREAK.finditer(text), None]:
            end = piece.start() if piece else len(text)
            sentence = text[start:end].strip()
            if sentence:
                line = marks[bisect.bisect_right(offsets, start) - 1][1]
                statements.append(_Statement(line, sentence))
            start = piece.end() if piece else end
    return statements


# --- the extraction ---------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentFigures:
    """One row of the figures CSV, and the line it was read from."""

    code: str
    name: str
    projects: Quantity
    jobs: Quantity
    line: int

    def same_figures(self, other: DepartmentFigures) -> bool:
        return (
            self.projects.value,
            self.projects.precision,
            self.jobs.value,
            self.jobs.precision,
        ) == (
            other.projects.value,
            other.projects.precision,
            other.jobs.value,
            other.jobs.precision,
        )


@dataclass(frozen=True)
class RegionalTotals:
    """Projects and jobs the release gives for the whole region."""

    projects: Quantity
    jobs: Quantity
    line: int


@dataclass(frozen=True)
class Extraction:
    """What a release holds: readable rows (sorted by code), regional totals, problems.

    Problems are lines that must not be lost (a department unread, given twice, or
    a place that is no department); notes are figures ignored for naming no place.
    """

    rows: tuple[DepartmentFigures, ...]
    totals: tuple[RegionalTotals, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()


class _Unreadable(Exception):
    """A statement that looks like figures but cannot be read; the message says why."""


def _quote(text: str, limit: int = 110) -> str:
    text = _squeeze(text)
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _one_quantity(pattern: re.Pattern, text: str, what: str) -> Quantity | None:
    matches = list(pattern.finditer(text))
    for match in matches:
        bound = _UNSUPPORTED_BEFORE.search(text[: match.start()])
        if bound:
            raise _Unreadable(
                f"“{_squeeze(bound.group() + match.group())}” is a bound or a "
                "range; the schema only knows exact, environ, près de, plus de"
            )
    if len(matches) > 1:
        values = ", ".join(_squeeze(m.group()) for m in matches)
        raise _Unreadable(f"{len(matches)} numbers of {what} ({values}); expected one")
    return _quantity(matches[0]) if matches else None


_LEAD = re.compile(
    rf"^(?:(?:dans|en|au|aux|à|pour|chez)\s+)?"
    rf"(?:(?:le|la|les)\s+|l[{_APOSTROPHE}]\s*)?",
    re.I,
)
# Small words inside place names: Loire-et-Cher, Val-de-Marne, Alpes-de-Haute-Provence.
_NAME_LINKS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "sur", "sous", "en"}


def _place_words(head: str) -> str:
    """The place a sentence starts with: "En Bretagne, 5 projets" gives Bretagne."""
    parts = re.split(r"\s*[,:;(—–]\s*|\s+-\s+", head.lstrip(_BULLETS + " \t"), maxsplit=1)
    lead = _LEAD.match(parts[0])
    if len(parts) == 1 and not lead.group():
        return ""  # neither "En …" nor "… :" introduces a place: "Ces 3 projets"
    return parts[0][lead.end() :].strip()


def _is_proper_name(words: str) -> bool:
    """ "Loire-Inférieure" or "Bretagne" is a place; "Depuis décembre 2021" is not."""
    tokens = _WORD.findall(words)
    return (
        bool(tokens)
        and not re.search(r"\d", words)
        and tokens[0][0].isupper()
        and all(t[0].isupper() or t.lower() in _NAME_LINKS for t in tokens)
    )


def _looks_like_figures(text: str) -> bool:
    return bool(
        _FIGURE_WORDS.search(text)
        or _BARE_NUMBER.search(text)
        or _PROJECTS.search(text)
        or _JOBS.search(text)
    )


class _Extractor:
    """Reads statements one by one, collecting rows, totals, problems and notes."""

    def __init__(self, places: PlaceNames, source: str):
        self.places = places
        self.source = source
        self.rows: dict[str, list[DepartmentFigures]] = {}
        self.totals: list[RegionalTotals] = []
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def problem(self, statement: _Statement, reason: str) -> None:
        self.problems.append(self._located(statement, reason))

    def note(self, statement: _Statement, reason: str) -> None:
        self.notes.append(self._located(statement, reason))

    def _located(self, statement: _Statement, reason: str) -> Problem:
        return Problem(self.source, f"{reason}: {_quote(statement.text)}", statement.line)

    def read(self, statement: _Statement) -> None:
        text = statement.text
        mentions = self.places.find(text)
        departments = [m for m in mentions if m.place.code is not None]
        try:
            projects = _one_quantity(_PROJECTS, text, "projects")
            jobs = _one_quantity(_JOBS, text, "jobs")
        except _Unreadable as exc:
            # Only departments must not be lost; a muddled regional sentence is no row.
            if departments:
                self.problem(statement, self._subject(departments) + str(exc))
            return
        if projects is None or jobs is None:
            if departments and _looks_like_figures(text):
                missing = "projects" if projects is None else "jobs"
                self.problem(
                    statement, f"{self._subject(departments)}no number of {missing} could be read"
                )
            return
        self.place_figures(statement, mentions, departments, projects, jobs)

    @staticmethod
    def _subject(departments: list[_Mention]) -> str:
        names = ", ".join(dict.fromkeys(m.place.name for m in departments))
        return f"names {names} but " if names else ""

    def place_figures(
        self,
        statement: _Statement,
        mentions: list[_Mention],
        departments: list[_Mention],
        projects: Quantity,
        jobs: Quantity,
    ) -> None:
        """Tie complete figures to the department, or the region, the sentence is about."""
        text = statement.text
        # The place before the figures is what they are about ("Dans l'Ain, 30 projets…");
        # a place after them may be a comparison ("…, contre 12 en Isère").
        first_figure = min(_PROJECTS.search(text).start(), _JOBS.search(text).start())
        in_head = [m for m in departments if m.end <= first_figure]
        regional = bool(_REGIONAL_WORDS.search(text)) or any(m.place.code is None for m in mentions)
        distinct = {m.place.code for m in departments}
        head_codes = {m.place.code for m in in_head}
        if len(head_codes) == 1:
            self.add_row(statement, in_head[0].place, projects, jobs)
        elif len(head_codes) > 1 or len(distinct) > 1:
            self.problem(
                statement,
                f"names several departments "
                f"({', '.join(dict.fromkeys(m.place.name for m in departments))}); "
                "cannot tell which one the figures are for",
            )
        elif distinct and regional:
            self.problem(
                statement,
                f"names {departments[0].place.name} after the figures and "
                "speaks of the region: cannot tell whether these are regional totals",
            )
        elif distinct:
            self.add_row(statement, departments[0].place, projects, jobs)
        elif regional:
            self.totals.append(RegionalTotals(projects, jobs, statement.line))
        else:
            self.unplaced(statement, _place_words(text[:first_figure]), projects, jobs)

    def unplaced(
        self, statement: _Statement, place: str, projects: Quantity, jobs: Quantity
    ) -> None:
        """Figures for no known place: an error if a place is named, else only a note.

        "En Bretagne, 5 projets" must not pass unseen; "Depuis 2021, 190 projets ont
        été identifiés" (a total without the word Région) must not block the rows.
        """
        figures = f"{projects.wording}, {jobs.wording}"
        if _is_proper_name(place):
            self.problem(statement, f"“{place}” is not a French department ({figures})")
        else:
            self.note(statement, f"figures for no department nor the Région, ignored ({figures})")

    def add_row(
        self, statement: _Statement, place: Place, projects: Quantity, jobs: Quantity
    ) -> None:
        row = DepartmentFigures(place.code, place.name, projects, jobs, statement.line)
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
            self.problem(statement, reason)
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
        return Extraction(tuple(rows), tuple(self.totals), tuple(problems), tuple(self.notes))


def _extract(
    lines: Iterable[tuple[int, str]],
    department_names: Mapping[str, str],
    source: str,
    region_names: Iterable[str],
) -> Extraction:
    extractor = _Extractor(PlaceNames(department_names, region_names), source)
    normalised = ((n, unicodedata.normalize("NFC", t)) for n, t in lines)
    for statement in _statements(normalised):
        extractor.read(statement)
    return extractor.result()


def extract_figures(
    text: str, department_names: Mapping[str, str], source: str, region_names: Iterable[str] = ()
) -> Extraction:
    """Read the department figures and regional totals from the plain text of a release.

    ``department_names`` maps every department code to its official name (from
    the boundaries), so any French department is recognised. ``region_names``
    are names that mark a regional total ("Auvergne-Rhône-Alpes"), besides the
    word "Région". ``source`` names the file in problems.
    """
    # Only "\n" ends a line, as in the editor the user will open the file with.
    return _extract(enumerate(text.split("\n"), start=1), department_names, source, region_names)


def extract_html_figures(
    html: str, department_names: Mapping[str, str], source: str, region_names: Iterable[str] = ()
) -> Extraction:
    """As :func:`extract_figures`, for an HTML page; problems give the lines of the HTML."""
    return _extract(html_lines(html), department_names, source, region_names)


# --- HTML to text ---------------------------------------------------------------------

_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "title",
    "tr",
    "ul",
}
_HIDDEN = {"script", "style", "noscript", "template", "svg"}
_CELLS = {"td", "th"}


class _TextOfHtml(HTMLParser):
    """Text of a page as numbered lines, like a plain-text release.

    A block element ends a paragraph (an empty line follows it); <br> ends a line
    only, so a sentence broken by <br> is joined again like a hard-wrapped one.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self._parts: list[str] = []
        self._line: int | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._flush(paragraph=False)
        elif tag in _BLOCKS:
            self._flush()
        elif tag in _CELLS and self._parts:
            # Cells of a row stay on one line, so that a table row naming a
            # department is reported as unreadable rather than lost.
            self._parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._hidden or not data.strip():
            if data and self._parts:
                self._parts.append(" ")
            return
        if self._line is None:
            leading = data[: len(data) - len(data.lstrip())]
            self._line = self.getpos()[0] + leading.count("\n")
        self._parts.append(data)

    def _flush(self, paragraph: bool = True):
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self._parts)).strip()
        if text and self._line is not None:
            self.lines.append((self._line, text))
            if paragraph:
                self.lines.append((self._line, ""))
        self._parts, self._line = [], None

    def close(self):
        super().close()
        self._flush()


def html_lines(html: str) -> list[tuple[int, str]]:
    """The text of an HTML page as (line in the HTML, text) pairs; "" ends a paragraph."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return parser.lines


# --- files in and out -------------------------------------------------------------

_NOT_TEXT = {
    b"%PDF": "a PDF document; save its text as a UTF-8 .txt file first "
    "(for example with 'pdftotext -layout')",
    b"PK\x03\x04": "a ZIP archive (a Word .docx or OpenDocument file?); save it as plain text",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document; save it as plain text",
}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_release(path: str | Path, encoding: str | None = None) -> str:
    """The text of a press release file (UTF-8 by default), refusing binary documents."""
    text, _ = read_text(
        path,
        encoding or "utf-8-sig",
        kind="text file",
        expected="a text or HTML file",
        signatures=_NOT_TEXT,
        empty="file is empty",
    )
    return text


def is_html(path: str | Path, text: str) -> bool:
    """An .html file, or a page saved under another name."""
    start = text.lstrip("\ufeff \t\r\n")[:15].lower()
    return Path(path).suffix.lower() in HTML_SUFFIXES or start.startswith(
        ("<!doctype html", "<html")
    )


def figures_csv(rows: Sequence[DepartmentFigures]) -> str:
    """The rows in the schema of data/relocalisations.csv, sorted by code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_columns())
    for row in sorted(rows, key=lambda r: r.code):
        notes = [q.note for q in (row.projects, row.jobs) if q.precision != "exact"]
        writer.writerow(
            [
                row.code,
                row.name,
                row.projects.value,
                row.jobs.value,
                row.jobs.precision,
                row.projects.precision,
                " ; ".join(notes),
            ]
        )
    return buffer.getvalue()


def merged_facts(path: Path, totals: RegionalTotals) -> dict[str, object]:
    """The publication facts of ``path`` (if it exists) with the new regional totals:
    the other facts (source, plan, dates) are kept, never dropped."""
    facts = read_json(path) if Path(path).exists() else {}
    facts.update(totals_facts(totals))
    return facts


def totals_facts(totals: RegionalTotals) -> dict[str, object]:
    """The regional totals under the keys data/publication.json gives them."""
    return dict(
        zip(
            TOTALS_KEYS,
            (
                totals.projects.value,
                fr_group_spaces(totals.projects.wording),
                totals.jobs.value,
                fr_group_spaces(totals.jobs.wording),
            ),
            strict=True,
        )
    )


def extract_release(
    path: Path,
    department_names: Mapping[str, str],
    region_names: set[str],
    encoding: str | None = None,
) -> Extraction:
    """Read a press release file (text or HTML) and extract its figures."""
    text = read_release(path, encoding)
    reader = extract_html_figures if is_html(path, text) else extract_figures
    return reader(text, department_names, str(path), region_names)


def release_outputs(
    found: Extraction, release: Path, partial: bool, output: Path | None, totals_path: Path | None
) -> dict[Path, str]:
    """The files to write for an extraction, or an InputError when the release was not
    read whole (and ``partial`` is off) or gave no department at all.

    With no ``output`` the CSV is under the key ``Path("-")`` (standard output).
    """
    if found.problems and not partial:
        raise InputError(
            [
                *found.problems,
                Problem(
                    str(release),
                    f"{len(found.problems)} problem(s), nothing written; fix the text or "
                    "pass --partial to write the rows that could be read",
                ),
            ]
        )
    if not found.rows:
        raise InputError.single(
            release,
            "no figures per department found; expected lines "
            'such as "Dans l\'Ain, 30 projets … 610 emplois"',
        )
    files = {output or Path("-"): figures_csv(found.rows)}
    if totals_path is not None and found.totals:
        facts = merged_facts(totals_path, found.totals[0])
        files[totals_path] = json.dumps(facts, ensure_ascii=False, indent=2) + "\n"
    return files
