"""relocmap.extract.statements: prose lines unwrapped into sentences and list items.

Every figure below is fictitious.
"""

from __future__ import annotations

from relocmap.extract.statements import Statement, split_statements, unwrap, without_dateline
from relocmap.extract.text import Line


def lines(*texts: str, first: int = 1) -> list[Line]:
    return [Line.single(text, number) for number, text in enumerate(texts, start=first)]


def test_a_hard_wrapped_sentence_is_joined_and_keeps_its_lines() -> None:
    (joined,) = unwrap(lines("Dans l'Ain, 30 projets pour", "610 emplois.", first=10))
    assert joined.text == "Dans l'Ain, 30 projets pour 610 emplois."
    assert joined.line == 10
    assert joined.line_at(0) == 10
    assert joined.line_at(joined.text.index("610")) == 11


def test_a_capital_or_a_closed_sentence_starts_a_new_statement() -> None:
    found = unwrap(lines("• Ain : 30 projets", "• Allier : 12 projets", "Fin du texte.", "suite"))
    assert [s.text for s in found] == [
        "• Ain : 30 projets",
        "• Allier : 12 projets",
        "Fin du texte.",
        "suite",
    ]


def test_sentences_split_at_stops_and_inner_bullets() -> None:
    found = split_statements(lines("Un. Deux ! Trois ; quatre • Cinq"))
    assert [s.text for s in found] == ["Un.", "Deux !", "Trois ;", "quatre", "Cinq"]


def test_a_part_after_a_semicolon_joins_when_asked() -> None:
    text = "Ain : 30 projets ; 610 emplois"
    assert [s.text for s in split_statements(lines(text))] == ["Ain : 30 projets ;", "610 emplois"]
    joined = split_statements(lines(text), joins=lambda first, second: "emplois" in second)
    assert [s.text for s in joined] == [text]


def test_a_sentence_sliced_out_of_a_wrapped_passage_keeps_its_lines() -> None:
    first, second = split_statements(lines("Un texte. Dans l'Ain, 30", "projets.", first=4))
    assert (first.line, second.line) == (4, 4)
    assert second.line_at(second.text.index("projets")) == 5


def test_without_dateline_blanks_it_and_keeps_offsets() -> None:
    text = "Lyon, le 3 avril 2024 – Dans l'Ain, 30 projets"
    blanked = without_dateline(text)
    assert len(blanked) == len(text)
    assert blanked.strip() == "Dans l'Ain, 30 projets"
    assert without_dateline("Dans l'Ain, 30 projets") == "Dans l'Ain, 30 projets"


def test_statement_line_at_uses_the_last_mark_before_the_offset() -> None:
    statement = Statement("abcdef", ((0, 3), (2, 4), (4, 9)))
    assert [statement.line_at(i) for i in range(6)] == [3, 3, 4, 4, 9, 9]
