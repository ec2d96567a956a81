"""relocmap.extract.output and .collector: the figures CSV, the totals, the trace, and a
department given twice.

Every figure below is fictitious.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from relocmap.base.errors import InputError
from relocmap.base.precision import Precision
from relocmap.extract.collector import Collector
from relocmap.extract.found import Announced, Extraction, RegionalTotals, ReleaseRow
from relocmap.extract.output import (
    ANNOUNCED_KEY,
    chosen_totals,
    figures_csv,
    merged_facts,
    release_outputs,
    totals_facts,
    trace_lines,
)
from relocmap.extract.places import Place
from relocmap.extract.quantities import Quantity
from relocmap.inputs.figures import csv_columns


def q(value: int, precision: Precision = Precision.EXACT, noun: str = "projets", line: int = 3):
    amount = f"{precision.words}{value}"
    return Quantity(value, precision, amount, noun, line)


AIN = ReleaseRow("01", "Ain", q(30), q(610, Precision.PRES_DE, "emplois"), 3, "Ain, 30…")
ALLIER = ReleaseRow("03", "Allier", q(12, line=7), q(150, noun="emplois", line=8), 7, "x")
TOTALS = RegionalTotals(
    q(190, Precision.PLUS_DE, line=9), q(5300, noun="emplois", line=9), 9, "au total…"
)


def test_figures_csv_is_in_the_schema_sorted_by_code_with_notes() -> None:
    rows = list(csv.reader(io.StringIO(figures_csv([ALLIER, AIN]))))
    assert tuple(rows[0]) == csv_columns()
    assert rows[1] == ["01", "Ain", "30", "610", "pres_de", "exact", "« près de 610 » emplois"]
    assert rows[2] == ["03", "Allier", "12", "150", "exact", "exact", ""]


def test_trace_lines_tie_each_figure_to_its_lines_and_words() -> None:
    found = Extraction((AIN, ALLIER), (TOTALS,), (), (), (Announced(q(200), 11, "200 projets"),))
    assert trace_lines(found) == [
        "01 Ain: 30 projets, 610 emplois (pres_de) ← line 3: “Ain, 30…”",
        "03 Allier: 12 projets, 150 emplois ← lines 7–8: “x”",
        "regional totals (line 9): plus de 190 projets (plus_de), 5300 emplois (exact)"
        " ← “au total…”",
        f"announced projects (line 11): 200 projets (exact) ← “200 projets” → {ANNOUNCED_KEY}",
    ]


def test_totals_facts_use_the_publication_keys() -> None:
    assert totals_facts(TOTALS) == {
        "total_projets_publie": 190,
        "total_projets_precision": "plus_de",
        "total_projets_formulation": "plus de 190 projets",
        "total_emplois_publie": 5300,
        "total_emplois_precision": "exact",
        "total_emplois_formulation": "5300 emplois",
    }


def test_chosen_totals_refuses_totals_that_disagree() -> None:
    other = RegionalTotals(q(191), q(5300, noun="emplois"), 12)
    found = Extraction((AIN,), (TOTALS, TOTALS, other), ())
    with pytest.raises(InputError, match="2 different regional totals"):
        chosen_totals(found)
    assert chosen_totals(Extraction((AIN,), (TOTALS, TOTALS), ())) == (TOTALS, {})


def test_merged_facts_keep_the_other_facts(tmp_path: Path) -> None:
    path = tmp_path / "publication.json"
    path.write_text(json.dumps({"source": "fictitious", ANNOUNCED_KEY: 99}), encoding="utf-8")
    facts = merged_facts(path, TOTALS)
    assert facts["source"] == "fictitious"
    assert facts[ANNOUNCED_KEY] is None  # an older count would be out of date
    assert facts["total_projets_publie"] == 190


def test_release_outputs_refuse_problems_unless_partial(tmp_path: Path) -> None:
    release = tmp_path / "communique.txt"
    release.write_text("fictitious", encoding="utf-8")
    collector = Collector(str(release))
    collector.problem(4, "fictitious problem", "words")
    found = Extraction((AIN,), (), tuple(collector.problems))
    with pytest.raises(InputError, match="1 problem, nothing written"):
        release_outputs(found, release, False, None, None)
    files = release_outputs(found, release, True, None, None)
    assert list(files) == [Path("-")] and files[Path("-")].startswith("code,")


def test_release_outputs_refuse_a_release_without_departments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no figures per department found"):
        release_outputs(Extraction((), (TOTALS,), ()), tmp_path / "r.txt", False, None, None)


def test_collector_quotes_the_words_of_a_problem_cut_after_110_characters() -> None:
    collector = Collector("fictitious.txt")
    collector.note(2, "ignored", "mot " * 50)
    (note,) = collector.notes
    quoted = note.reason.removeprefix("ignored: ")
    assert quoted.startswith("“mot mot") and quoted.endswith("…”")
    assert len(quoted) == 112  # 110 characters and the two quotes


def test_collector_keeps_a_department_given_twice_only_if_both_agree() -> None:
    collector = Collector("fictitious.txt")
    ain = Place("01", "Ain")
    collector.add_row(3, ain, q(30), q(610, noun="emplois"), "Ain 30 610")
    collector.add_row(8, ain, q(31), q(610, noun="emplois"), "Ain 31 610")
    result = collector.result()
    assert result.rows == ()
    (problem,) = result.problems
    assert problem.line == 8 and "already given on line 3 with other figures" in problem.reason
