"""Reading a release paragraph by paragraph: its prose split into sentences for the
:class:`SentenceReader`, its tables read by :mod:`relocmap.extract.tables`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from relocmap.extract.collector import Collector
from relocmap.extract.found import Extraction, RegionalTotals
from relocmap.extract.places import Mention, PlaceNames
from relocmap.extract.sentences import Context, SentenceReader
from relocmap.extract.statements import Statement, split_statements, without_dateline
from relocmap.extract.tables import TableFigures, read_table, split_text_tables
from relocmap.extract.text import Line, Paragraph, Table
from relocmap.extract.vocabulary import FIGURE_NOUN, MAY_TALLY, REGIONAL, noun_kind


class Extractor:
    """Reads paragraphs one by one, collecting rows, totals, problems and notes."""

    def __init__(self, places: PlaceNames, source: str) -> None:
        self.places = places
        self.collector = Collector(source)
        self.sentences = SentenceReader(self.collector)

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
            Statement(without_dateline(s.text), s.marks)
            for s in split_statements(lines, self.completes)
        ]
        mentions: dict[int, list[Mention]] = {}

        def found(index: int) -> list[Mention]:
            if index not in mentions:
                mentions[index] = self.places.find(statements[index].text)
            return mentions[index]

        @cache
        def speaks_of_region() -> bool:
            return any(REGIONAL.search(s.text) for s in statements)

        @cache
        def only_regional() -> bool:
            return speaks_of_region() and not any(
                not m.place.is_region for i in range(len(statements)) for m in found(i)
            )

        context = Context(speaks_of_region, only_regional)
        for index, statement in enumerate(statements):
            # Only a sentence with a number or a figure noun can be a tally.
            if MAY_TALLY.search(statement.text):
                self.sentences.read(statement, found(index), context)

    def completes(self, first: str, second: str) -> bool:
        """The part after a ";" gives the figure a department's part lacks, and names
        no place of its own: "Ain : 30 projets ; 610 emplois"."""
        kinds = [{noun_kind(m.group()) for m in FIGURE_NOUN.finditer(t)} for t in (first, second)]
        if len(kinds[0]) != 1 or not kinds[1] or kinds[0] & kinds[1]:
            return False
        named = self.places.find(first)
        return any(not m.place.is_region for m in named) and not self.places.find(second)

    def read_table(self, table: Table, depth: int) -> None:
        reading = read_table(table, self.places)
        for figures in reading.figures:
            self.add_table_figures(figures)
        for line, reason, words in reading.problems:
            self.collector.problem(line, reason, words)
        if not reading.header and not reading.problems and depth < 8:
            # Not a table of figures (a layout table, a list in columns): read as prose.
            for paragraph in table.prose:
                self.read_paragraph(paragraph, depth + 1)

    def add_table_figures(self, found: TableFigures) -> None:
        if found.place is None or found.place.is_region:
            region = found.place.name if found.place else None
            self.collector.totals.append(
                RegionalTotals(found.projects, found.jobs, found.line, found.words, region)
            )
        else:
            self.collector.add_row(found.line, found.place, found.projects, found.jobs, found.words)

    # -- sentences
    def result(self) -> Extraction:
        """What the release holds, once every paragraph is read."""
        return self.collector.result()
