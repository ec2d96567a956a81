"""Under a French locale, every refusal of 'validate' and 'build' is French and keeps its
facts: the same file, line and column, the same numbers and quoted values as in English.
Each case is a mistake a web editor makes with the inputs (figures are FICTITIOUS)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import GOOD_ROW, HEADER

from relocmap.cli import main

FRENCH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
ENGLISH = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}

# Words of English sentences that no French message contains (outside quoted values and
# file names, which are removed before looking).
ENGLISH_WORDS = {
    "the", "is", "not", "expected", "got", "write", "must", "cannot", "and", "with",
    "of", "file", "found", "missing", "unknown", "than", "more", "empty", "number",
    "key", "line", "column", "choose", "another", "exists", "given", "twice", "link",
}  # fmt: skip

FIGURES = "data/relocalisations.csv"
FACTS = "data/publication.json"


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _write(path: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    Path(path).write_bytes(data)


def _facts(**changes: object) -> None:
    facts = json.loads(Path(FACTS).read_text("utf-8"))
    facts.update(changes)
    _write(FACTS, json.dumps({k: v for k, v in facts.items() if v is not None}))


def _figures(*rows: str) -> Callable[[], None]:
    return lambda: _write(FIGURES, _csv(*rows))


def _nothing() -> None:
    pass


VALIDATE = ["validate"]
# Each case: how it changes the project copy, then the command's arguments.
CASES: dict[str, tuple[Callable[[], None], list[str]]] = {
    "csv missing": (_nothing, ["validate", "data/absent.csv"]),
    "csv is a folder": (_nothing, ["validate", "geo"]),
    "csv is a PDF": (lambda: _write(FIGURES, b"%PDF-1.7\n"), VALIDATE),
    "csv is empty": (lambda: _write(FIGURES, ""), VALIDATE),
    "csv holds a NUL byte": (lambda: _write(FIGURES, _csv(GOOD_ROW) + "\x00"), VALIDATE),
    "csv damaged UTF-8": (
        lambda: _write(FIGURES, _csv(GOOD_ROW, "03,Allier,2,1é0,exact,exact,").encode() + b"\xff"),
        VALIDATE,
    ),
    "unknown encoding": (_nothing, ["validate", "--encoding", "klingon"]),
    "figure in words": (_figures("01,Ain,vingt,564,exact,exact,"), VALIDATE),
    "figure with its unit": (_figures("01,Ain,25 projets,564,exact,exact,"), VALIDATE),
    "thousands with a dot": (_figures("01,Ain,25,1.220,exact,exact,"), VALIDATE),
    "5000 digits": (_figures(f"01,Ain,25,{'9' * 5000},exact,exact,"), VALIDATE),
    "unknown code": (_figures("99,Nulle part,1,2,exact,exact,"), VALIDATE),
    "department twice": (_figures(GOOD_ROW, GOOD_ROW), VALIDATE),
    "empty required cell": (_figures("01,Ain,,564,exact,exact,"), VALIDATE),
    "unknown precision": (_figures("01,Ain,25,564,a peu pres,exact,"), VALIDATE),
    "precision with its figure": (_figures("01,Ain,25,564,près de 600,exact,"), VALIDATE),
    "no data rows": (_figures(), VALIDATE),
    "facts not JSON": (lambda: _write(FACTS, '{"source": "x",}'), VALIDATE),
    "facts empty": (lambda: _write(FACTS, "  \n"), VALIDATE),
    "facts unknown key": (lambda: _facts(total_projet=3), VALIDATE),
    "facts date in words": (lambda: _facts(source_date="14 juin 2023"), VALIDATE),
    "facts impossible date": (lambda: _facts(source_date="2023-02-30"), VALIDATE),
    "facts number in quotes": (lambda: _facts(total_projets_publie="1 190"), VALIDATE),
    "facts missing key": (lambda: _facts(source=None), VALIDATE),
    "facts blank source": (lambda: _facts(source="  "), VALIDATE),
    "facts mismatch": (lambda: _facts(total_projets_publie=400), ["build", "--out", "neuf"]),
    "geo missing": (_nothing, ["validate", "--geo", "geo/absent.geojson"]),
    "geo not a collection": (
        lambda: _write("geo/g.json", '{"type": "Feature"}'),
        ["validate", "--geo", "geo/g.json"],
    ),
    "out is a file": (lambda: _write("plan.txt", "x"), ["build", "--out", "plan.txt"]),
    "out is the data": (_nothing, ["build", "--out", "data"]),
}


def _run(args: list[str], env: dict[str, str | None]) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, args, env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


def _facts_of(line: str) -> list[str]:
    """What a message must keep in any language: quoted values, paths, numbers."""
    return re.findall(r"'[^']*'|\"[^\"]*\"|[\w./-]+\.(?:csv|json|geojson|txt)\b|\d+", line)


def _words(line: str) -> set[str]:
    text = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|\S*/\S*|\S+\.(?:csv|json|geojson|txt)", " ", line)
    return set(re.findall(r"[a-z]+", text.lower()))


@pytest.mark.parametrize("case", CASES)
def test_a_refusal_is_french_with_the_same_facts(project, case):
    prepare, args = CASES[case]
    prepare()
    code, english = _run(args, ENGLISH)
    assert _run(args, ENGLISH) == (code, english)  # nothing was written by the first run
    french_code, french = _run(args, FRENCH)
    assert code == french_code == 2, (english, french)
    assert len(english) == len(french) >= 1
    for en, fr in zip(english, french, strict=True):
        assert en.startswith("Error: ") and fr.startswith("Erreur : "), (en, fr)
        assert sorted(_facts_of(en)) == sorted(_facts_of(fr)), (en, fr)
        assert not _words(fr) & ENGLISH_WORDS, (fr, _words(fr) & ENGLISH_WORDS)
