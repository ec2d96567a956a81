"""The text of a press release as a reader sees it, with the line each part comes from.

A plain-text release is read line by line; paragraphs are separated by blank
lines. An HTML page is read as the text a reader sees: scripts, styles,
navigation, side bars, footers and hidden elements are left out, each block
element (``<p>``, ``<li>``, ``<h2>``...) is a paragraph, ``<br>`` ends a line,
``<pre>`` keeps its lines. Every piece of text keeps the line of the file it
starts on, so that a figure can be traced back to the original file.

HTML tables are kept as tables (rows of cells), together with the paragraphs
their text would give, for the case where they turn out not to be figure tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from relocmap.base.errors import InputError
from relocmap.base.i18n import N_, _
from relocmap.files.reading import read_text


@dataclass(frozen=True)
class Line:
    """A line of a text release, or one line of an HTML block, and where it comes from.

    ``marks`` gives, for each offset in ``text`` where a new line of the file
    starts, that line's number (the first mark is at offset 0).
    """

    text: str
    marks: tuple[tuple[int, int], ...]

    @classmethod
    def single(cls, text: str, line: int) -> Line:
        return cls(text, ((0, line),))

    @property
    def line(self) -> int:
        """The line of the file the text starts on."""
        return self.marks[0][1]


@dataclass(frozen=True)
class TableRow:
    """One row of a table: its cells' text and the line of the file it starts on."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """Rows of a table, how its columns were told apart, and the paragraphs its text
    gives when it is read as prose instead (an HTML table used for layout)."""

    rows: tuple[TableRow, ...]
    kind: str  # "HTML", "tabs", "|", "spaces"
    prose: tuple[Paragraph, ...] = ()


# A paragraph: lines of text and tables, in the order of the release.
Paragraph = tuple[Line | Table, ...]


# --- plain text ---------------------------------------------------------------------


def text_paragraphs(text: str) -> list[Paragraph]:
    """The lines of a plain-text release grouped in paragraphs (blank lines between).

    Only "\\n" ends a line, as in the editor the user will open the file with; a
    trailing "\\r" (Windows line ends) and trailing spaces are dropped.
    """
    paragraphs: list[Paragraph] = []
    current: list[Line | Table] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if line.strip():
            current.append(Line.single(line, number))
        elif current:
            paragraphs.append(tuple(current))
            current = []
    if current:
        paragraphs.append(tuple(current))
    return paragraphs


# --- HTML ---------------------------------------------------------------------------

_BLOCKS = frozenset(
    "address article blockquote caption dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section title ul".split()
)
# What a reader does not see as the page's text: code, and the site's furniture.
_HIDDEN = frozenset(
    "script style noscript template svg math nav aside footer iframe object canvas "
    "button select form dialog".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")


@dataclass
class _LineBuilder:
    """Text of one line of an HTML block, whitespace collapsed, with its marks."""

    parts: list[str] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, line: int, keep_spaces: bool = False) -> None:
        """Append text that starts on ``line``; a newline in it moves to the next line."""
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if not keep_spaces:
                if k < len(pieces) - 1:
                    piece += " "  # the line end is a space between words
                piece = _SPACES.sub(" ", piece)
                if self.length == 0 or (self.parts and self.parts[-1].endswith(" ")):
                    piece = piece.lstrip(" ")
            if not piece:
                continue
            if not self.marks or self.marks[-1][1] != line + k:
                self.marks.append((self.length, line + k))
            self.parts.append(piece)
            self.length += len(piece)

    def build(self) -> Line | None:
        text = "".join(self.parts).rstrip()
        if not text.strip():
            return None
        marks = [(offset, line) for offset, line in self.marks if offset < len(text)]
        # The first mark is at offset 0 by construction (leading spaces are dropped).
        return Line(text, tuple(marks))


@dataclass
class _OpenTable:
    """A table being read: its rows so far, and where its prose paragraphs start."""

    first_paragraph: int
    rows: list[TableRow] = field(default_factory=list)
    row: list[str] | None = None
    row_line: int | None = None
    cell: list[str] | None = None


class _PageText(HTMLParser):
    """Paragraphs of the text a reader sees in a page, with lines of the HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[Paragraph] = []
        self._paragraph: list[Line | Table] = []
        self._line = _LineBuilder()
        self._hidden: list[str] = []  # open elements inside something hidden
        self._pre = 0
        self._tables: list[_OpenTable] = []

    # -- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden:
            if tag not in _VOID:
                self._hidden.append(tag)
            return
        if tag not in _VOID and self._hides(tag, dict(attrs)):
            self._hidden.append(tag)
            return
        if tag == "table":
            self._end_paragraph()
            self._tables.append(_OpenTable(len(self.paragraphs)))
        elif tag == "tr":
            self._end_row()
            if self._tables:
                table = self._tables[-1]
                table.row, table.row_line = [], self.getpos()[0]
        elif tag in ("td", "th"):
            self._start_cell()
        elif tag == "br":
            if self._in_cell():
                self._cell_text(" ")
            else:
                self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self._pre += 1
        if tag in ("td", "th") and self._line.length:
            self._line.add(" | ", self.getpos()[0])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag in self._hidden:
                # Close it and whatever was left open inside it.
                del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag) :]
            return
        if tag == "table":
            self._end_table()
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in _BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        line = self.getpos()[0]
        if self._pre:
            # In <pre>, lines are lines: a pasted text table keeps its columns.
            for k, piece in enumerate(data.split("\n")):
                if k:
                    self._end_line()
                self._line.add(piece, line + k, keep_spaces=True)
        else:
            self._line.add(data, line)
        if self._in_cell():
            table = self._tables[-1]
            if data.strip() and not any(table.row or ()) and not "".join(table.cell or ()).strip():
                # A row is found on the line of its first text.
                table.row_line = line + data[: len(data) - len(data.lstrip())].count("\n")
            self._cell_text(data)

    @staticmethod
    def _hides(tag: str, attrs: dict[str, str | None]) -> bool:
        return (
            tag in _HIDDEN
            or "hidden" in attrs
            or (attrs.get("aria-hidden") or "").lower() == "true"
            or bool(_DISPLAY_NONE.search(attrs.get("style") or ""))
        )

    # -- lines and paragraphs

    def _end_line(self) -> None:
        line = self._line.build()
        self._line = _LineBuilder()
        if line is not None:
            self._paragraph.append(line)

    def _end_paragraph(self) -> None:
        self._end_line()
        if self._paragraph:
            self.paragraphs.append(tuple(self._paragraph))
            self._paragraph = []

    # -- tables

    def _in_cell(self) -> bool:
        return bool(self._tables) and self._tables[-1].cell is not None

    def _cell_text(self, text: str) -> None:
        cell = self._tables[-1].cell
        if cell is not None:
            cell.append(text)

    def _start_cell(self) -> None:
        if not self._tables:
            return
        self._end_cell()
        table = self._tables[-1]
        if table.row is None:  # a cell without <tr>
            table.row, table.row_line = [], self.getpos()[0]
        table.cell = []

    def _end_cell(self) -> None:
        if not self._tables:
            return
        table = self._tables[-1]
        if table.cell is not None and table.row is not None:
            table.row.append(_SPACES.sub(" ", "".join(table.cell)).strip())
        table.cell = None

    def _end_row(self) -> None:
        if not self._tables:
            return
        self._end_cell()
        self._end_line()  # the row's text is one line of prose
        table = self._tables[-1]
        if table.row and any(table.row) and table.row_line is not None:
            table.rows.append(TableRow(table.row_line, tuple(table.row)))
        table.row, table.row_line = None, None

    def _end_table(self) -> None:
        if not self._tables:
            return
        self._end_row()
        self._end_paragraph()
        table = self._tables.pop()
        prose = tuple(self.paragraphs[table.first_paragraph :])
        del self.paragraphs[table.first_paragraph :]
        if table.rows:
            self.paragraphs.append((Table(tuple(table.rows), "HTML", prose),))
        else:
            self.paragraphs.extend(prose)

    def close(self) -> None:
        super().close()
        while self._tables:
            self._end_table()
        self._end_paragraph()


_MAX_TAG = 4000  # characters from "<" to ">": longer, it is no tag of a press release


class _NextFrom:
    """Positions of a substring, asked for in increasing order: each search starts where
    the last one ended, so that all the questions together read the text once."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle, self.found = text, needle, -2

    def after(self, position: int) -> int:
        """The first occurrence at or after ``position`` (-1 if none)."""
        if self.found == -1 or (self.found >= position):
            return self.found
        self.found = self.text.find(self.needle, position)
        return self.found


def _defused(html: str) -> str:
    """The page with every "<" that opens no complete tag written "&lt;" (what a
    browser shows for it), so that html.parser, which looks for the end of each
    unfinished tag to the end of the page, reads any page in time proportional to
    its length.

    A tag is complete when its ">" comes before the next "<" and within a few
    thousand characters; a comment when its "-->" comes. Line numbers are unchanged.
    """
    lt, gt, comment_end = _NextFrom(html, "<"), _NextFrom(html, ">"), _NextFrom(html, "-->")
    parts: list[str] = []
    copied = 0
    i = lt.after(0)
    while i >= 0:
        following = html[i + 1 : i + 2]
        if html.startswith("<!--", i):
            end = comment_end.after(i + 4)
            if end >= 0:
                i = lt.after(end + 3)
                continue
        elif following and (following.isalpha() or following in "/!?"):
            end = gt.after(i + 1)
            next_lt = lt.after(i + 1)
            if end >= 0 and (next_lt < 0 or end < next_lt) and end - i <= _MAX_TAG:
                i = next_lt
                continue
        # "a < b" too: html.parser would give each "<" alone to the text.
        parts += [html[copied:i], "&lt;"]
        copied = i + 1
        i = lt.after(i + 1)
    return "".join([*parts, html[copied:]]) if parts else html


def html_paragraphs(html: str, source: str = "") -> list[Paragraph]:
    """The paragraphs of text a reader sees in an HTML page, lines counted in the HTML."""
    parser = _PageText()
    try:
        parser.feed(_defused(html))
        parser.close()
    except (AssertionError, ValueError) as exc:
        # html.parser gives up on some malformed declarations ("<![foo[").
        raise InputError.single(
            source,
            _("cannot be read as HTML ({error})").format(error=exc),
            line=parser.getpos()[0],
        ) from None
    return parser.paragraphs


def html_lines(html: str) -> list[tuple[int, str]]:
    """The text of an HTML page as (line in the HTML, text) pairs; "" ends a paragraph.

    Table rows give one line each, their cells joined by " | ".
    """
    found: list[tuple[int, str]] = []
    for paragraph in html_paragraphs(html):
        for item in paragraph:
            if isinstance(item, Table):
                found += [(row.line, " | ".join(row.cells)) for row in item.rows]
            else:
                found.append((item.line, item.text))
        found.append((found[-1][0] if found else 1, ""))
    return found


# --- files ----------------------------------------------------------------------------

# Marked for the catalogue; files/reading.py translates them when it reports one.
_NOT_TEXT = {
    b"%PDF": N_(
        "a PDF document; save its text as a UTF-8 .txt file first "
        "(for example with 'pdftotext -layout')"
    ),
    b"PK\x03\x04": N_("a ZIP archive (a Word .docx or OpenDocument file?); save it as plain text"),
    b"\xd0\xcf\x11\xe0": N_("an old Word or Excel document; save it as plain text"),
    b"{\\rtf": N_("an RTF document; save it as plain text"),
    b"\x89PNG": N_("a PNG image"),
    b"\xff\xd8\xff": N_("a JPEG image"),
    b"GIF8": N_("a GIF image"),
}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*+=\s*+[\"']?\s*+([A-Za-z0-9_.:-]{1,40})", re.I)


def read_release(path: str | Path, encoding: str | None = None) -> str:
    """The text of a press release file (UTF-8 by default), refusing binary documents.

    An HTML page that is not UTF-8 is decoded with the charset its ``<meta>`` declares;
    another file that is not UTF-8 is read as Windows-1252 when its bytes say so, as
    the figures CSV is (:data:`relocmap.files.reading.AUTO_ENCODINGS`).
    """

    def read(name: str | None) -> str:
        text, _encoding = read_text(
            path,
            name,
            kind=N_("a text file"),
            expected=N_("a text or HTML file"),
            signatures=_NOT_TEXT,
            empty=N_("file is empty"),
        )
        return text

    if encoding is not None:
        return read(encoding)
    try:
        return read("utf-8-sig")
    except InputError:
        declared = _declared_charset(Path(path))
    # A page is read with the charset it declares; any other file as a figures CSV is:
    # Windows-1252 when its bytes say so (files/reading.py decode), else each bad byte
    # is reported.
    return read(declared)


def _declared_charset(path: Path) -> str | None:
    """The charset a page declares in its first bytes, if it is not UTF-8."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return None
    found = _CHARSET.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    return None if name.replace("-", "").replace("_", "") == "utf8" else name


def is_html(path: str | Path, text: str) -> bool:
    """An .html file, or a page saved under another name."""
    start = text.lstrip("\ufeff \t\r\n")[:15].lower()
    return Path(path).suffix.lower() in HTML_SUFFIXES or start.startswith(
        ("<!doctype html", "<html")
    )


def release_paragraphs(path: str | Path, text: str) -> list[Paragraph]:
    """The paragraphs of a release file's text, read as HTML or as plain text."""
    if is_html(path, text):
        return html_paragraphs(text, str(path))
    return text_paragraphs(text)


def lines_of(paragraphs: Sequence[Paragraph]) -> list[Line]:
    """Every line of prose in the paragraphs (tables left out)."""
    return [item for paragraph in paragraphs for item in paragraph if isinstance(item, Line)]
