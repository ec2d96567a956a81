"""relocmap.extract.text: the text of a release, plain or HTML, with the line of each part."""

from __future__ import annotations

from pathlib import Path

import pytest

from relocmap.base.errors import InputError
from relocmap.extract.text import (
    Line,
    Table,
    html_lines,
    html_paragraphs,
    is_html,
    lines_of,
    read_release,
    release_paragraphs,
    text_paragraphs,
)


def test_text_paragraphs_are_separated_by_blank_lines_and_keep_line_numbers() -> None:
    paragraphs = text_paragraphs("Titre\r\nsous-titre  \n\n  \nDans l'Ain\n")
    assert [[(item.text, item.line) for item in p] for p in paragraphs] == [
        [("Titre", 1), ("sous-titre", 2)],
        [("Dans l'Ain", 5)],
    ]


def test_html_leaves_out_what_a_reader_does_not_see() -> None:
    html = (
        "<html><head><title>T</title><script>var x = '30 projets';</script></head>\n"
        "<body><nav>Menu</nav>\n"
        "<p>Dans l'Ain,<br>30 projets</p>\n"
        '<div style="display: none">caché</div>\n'
        "<p hidden>caché aussi</p><footer>pied</footer>\n"
        "</body></html>"
    )
    texts = [item.text for p in html_paragraphs(html) for item in p if isinstance(item, Line)]
    assert texts == ["T", "Dans l'Ain,", "30 projets"]


def test_html_lines_are_counted_in_the_html_file() -> None:
    html = "<p>un</p>\n\n<p>deux\ntrois</p>"
    lines = [item for p in html_paragraphs(html) for item in p]
    assert [(line.text, line.line) for line in lines] == [("un", 1), ("deux trois", 3)]
    # "trois" starts on line 4 of the file: the line keeps a mark there.
    assert lines[1].marks == ((0, 3), (5, 4))


def test_html_table_is_kept_as_rows_with_its_prose() -> None:
    html = (
        "<table>\n<tr><th>Département</th><th>Projets</th></tr>\n"
        "<tr><td>Ain</td><td>30</td></tr>\n</table>"
    )
    ((table,),) = html_paragraphs(html)
    assert isinstance(table, Table)
    assert table.kind == "HTML"
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ("Département", "Projets")),
        (3, ("Ain", "30")),
    ]
    assert [line.text for p in table.prose for line in p] == ["Département | Projets", "Ain | 30"]


def test_html_lines_join_cells_and_end_paragraphs_with_empty_text() -> None:
    html = "<p>Bonjour</p>\n<table><tr><td>Ain</td><td>30</td></tr></table>"
    assert html_lines(html) == [(1, "Bonjour"), (1, ""), (2, "Ain | 30"), (2, "")]


def test_a_lone_less_than_sign_is_text() -> None:
    texts = [item.text for p in html_paragraphs("<p>a < b et 3 <4</p>") for item in p]
    assert texts == ["a < b et 3 <4"]


def test_lines_of_leaves_tables_out() -> None:
    paragraphs = html_paragraphs("<p>un</p><table><tr><td>a</td><td>b</td></tr></table>")
    assert [line.text for line in lines_of(paragraphs)] == ["un"]


def test_is_html_by_suffix_or_by_content() -> None:
    assert is_html("communique.HTM", "texte")
    assert is_html("communique.txt", "\ufeff <!DOCTYPE html><html>")
    assert not is_html("communique.txt", "Dans l'Ain, 30 projets")


def test_release_paragraphs_reads_html_or_text() -> None:
    assert release_paragraphs("a.txt", "<p>x</p>")[0][0].text == "<p>x</p>"
    assert release_paragraphs("a.html", "<p>x</p>")[0][0].text == "x"


def test_read_release_refuses_a_pdf_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "communique.txt"
    path.write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(InputError, match="a PDF document; save its text"):
        read_release(path)


def test_read_release_uses_the_charset_a_page_declares(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes('<meta charset="iso-8859-1"><p>Drôme</p>'.encode("latin-1"))
    assert "Drôme" in read_release(path)


def test_read_release_drops_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "communique.txt"
    path.write_bytes("\ufeffDans l'Ain".encode())
    assert read_release(path) == "Dans l'Ain"
