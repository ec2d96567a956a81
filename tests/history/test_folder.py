"""The multi-publication layout: reading every publication, and the checks across them.

The publications used here are FICTITIOUS (tests/data/publications-fictives, or
written by the tests): invented figures, never the Région's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import REPO_ROOT

from relocmap.base.errors import InputError
from relocmap.history.folder import decrease_warnings, load_history, order_problems
from relocmap.inputs.dates import PartialDate

FICTIVES = REPO_ROOT / "tests" / "data" / "publications-fictives"


@pytest.fixture
def history_dir(tmp_path: Path) -> Path:
    """A copy of the fictitious publications that a test may change."""
    target = tmp_path / "publications"
    shutil.copytree(FICTIVES, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_publication_is_read_in_date_order(geo_path: Path) -> None:
    history = load_history(FICTIVES, geo_path)
    assert [r.key for r in history.releases] == ["2022-10", "2023-06", "2024-01"]
    assert history.latest.key == "2024-01"
    assert history.latest.publication.source_date == PartialDate(2024, 1)
    assert history.releases[0].figures["38"].emplois.worded == "près de 600"
    assert "15" not in history.releases[0].figures
    # Every publication's map shows the same departments (the union of their regions).
    indexes = [list(r.inputs.joined.frame.index) for r in history.releases]
    assert indexes[0] == indexes[1] == indexes[2]
    assert history.releases[0].inputs.joined.missing == ("15",)


def test_a_folder_not_named_by_its_date_is_refused(history_dir: Path, geo_path: Path) -> None:
    (history_dir / "2023-06").rename(history_dir / "2023-07")
    with pytest.raises(InputError) as caught:
        load_history(history_dir, geo_path)
    message = str(caught.value)
    assert "2023-07/publication.json, column 'source_date'" in message
    assert "source_date is 2023-06 but the folder is named 2023-07" in message


def test_dates_must_strictly_increase() -> None:
    facts = [Path(f"p{i}/publication.json") for i in range(4)]
    dates = [PartialDate(2022), PartialDate(2023), PartialDate(2023, 6), PartialDate(2023, 6, 14)]
    problems = order_problems(list(zip(facts, dates, strict=True)))
    # 2023-06 may be in 2023, 2023-06-14 in 2023-06: neither is certainly after.
    assert [p.path for p in problems] == ["p2/publication.json", "p3/publication.json"]
    assert "source_date 2023-06 is not strictly after 2023 (p1/publication.json)" in str(
        problems[0]
    )
    ordered = [PartialDate(2022, 12, 31), PartialDate(2023), PartialDate(2024, 2)]
    assert order_problems(list(zip(facts, ordered, strict=False))) == []


def test_only_overlapping_dates_get_the_advice_to_be_more_precise() -> None:
    # Regression: 2023-01 after 2023-06-14 was told to give both dates to the month or
    # the day, although its order is certain: it is simply earlier.
    facts = [Path("p0/publication.json"), Path("p1/publication.json")]
    (earlier,) = order_problems(
        list(zip(facts, [PartialDate(2023, 6, 14), PartialDate(2023, 1)], strict=True))
    )
    assert str(earlier) == (
        "p1/publication.json, column 'source_date': source_date 2023-01 is earlier than "
        "2023-06-14 (p0/publication.json): publications' dates must increase"
    )
    (overlap,) = order_problems(
        list(zip(facts, [PartialDate(2023, 6, 14), PartialDate(2023, 6)], strict=True))
    )
    assert str(overlap).endswith(
        "source_date 2023-06 is not strictly after 2023-06-14 (p0/publication.json): "
        "publications' dates must increase; give both dates to the month or the day so "
        "that their order is certain"
    )


def test_overlapping_dates_in_folders_are_reported(history_dir: Path, geo_path: Path) -> None:
    (history_dir / "2022-10").rename(history_dir / "2023")
    _replace(history_dir / "2023" / "publication.json", '"2022-10"', '"2023"')
    with pytest.raises(InputError, match="source_date 2023-06 is not strictly after 2023"):
        load_history(history_dir, geo_path)


def test_a_department_twice_in_one_publication_is_an_error(
    history_dir: Path, geo_path: Path
) -> None:
    csv = history_dir / "2023-06" / "relocalisations.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "38,Isère,1,2,exact,exact,\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_history(history_dir, geo_path)
    assert str(caught.value) == (
        f"{csv}, line 14, column 'code': department 38 already given on line 7"
    )


def test_problems_of_every_publication_are_reported_together(
    history_dir: Path, geo_path: Path
) -> None:
    _replace(history_dir / "2022-10" / "relocalisations.csv", "01,Ain,20,", "01,Ain,vingt,")
    (history_dir / "2024-01" / "publication.json").unlink()
    with pytest.raises(InputError) as caught:
        load_history(history_dir, geo_path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{history_dir}/2022-10/relocalisations.csv, line 2, column")
    assert lines[1] == (
        f"{history_dir}/2024-01/publication.json: file not found; every publication needs "
        "its facts (source_date and source at least) beside its relocalisations.csv: move "
        f"the publication's publication.json into {history_dir}/2024-01/ (see data/README.md)"
    )


def test_a_stray_file_and_an_empty_folder_are_reported(tmp_path: Path, geo_path: Path) -> None:
    root = tmp_path / "publications"
    root.mkdir()
    with pytest.raises(InputError, match="no publication in it"):
        load_history(root, geo_path)
    (root / "notes.txt").write_text("x", "utf-8")
    (root / "README.md").write_text("what these are", "utf-8")  # allowed
    with pytest.raises(InputError, match=r"notes.txt: not a publication folder"):
        load_history(root, geo_path)


def test_decreases_are_warnings_with_file_and_line(history_dir: Path, geo_path: Path) -> None:
    history = load_history(FICTIVES, geo_path)
    warnings = [str(w) for w in decrease_warnings(history)]
    assert warnings == [
        f"{FICTIVES}/2023-06/relocalisations.csv, line 8, column 'emplois': Loire (42): "
        "emplois went down from 450 in 2022-10 to 420 (-30); check the figure (projects "
        "can be abandoned)"
    ]


def test_published_totals_that_go_down_are_warnings(history_dir: Path, geo_path: Path) -> None:
    _replace(
        history_dir / "2024-01" / "publication.json",
        '"total_emplois_publie": 5725',
        ('"total_emplois_publie": 5100'),
    )
    _replace(history_dir / "2024-01" / "relocalisations.csv", "69,Rhône,40,1390", "69,Rhône,40,765")
    history = load_history(history_dir, geo_path)
    warnings = [str(w) for w in decrease_warnings(history)]
    assert (
        f"{history_dir}/2024-01/publication.json, column 'total_emplois_publie': "
        "total_emplois_publie went down from 5180 in 2023-06 to 5100 (-80); check the total"
    ) in warnings
    assert any("Rhône (69): emplois went down from 1 210 in 2023-06 to 765" in w for w in warnings)


def test_classes_over_all_publications_give_one_colour_one_value(geo_path: Path) -> None:
    from relocmap.outputs.classify import VIEWS, classify, classify_together

    history = load_history(FICTIVES, geo_path)
    jobs = {r.key: r.inputs.joined.frame["emplois"] for r in history.releases}
    together = classify_together(jobs, VIEWS[0])
    pooled = pd.concat([s.dropna() for s in jobs.values()], ignore_index=True)
    alone = classify(pooled, VIEWS[0])
    for key, classes in together.items():
        assert classes.bins == alone.bins and classes.labels() == alone.labels()
        assert set(classes.class_of) == set(jobs[key].dropna().index)
        assert sum(classes.counts) == jobs[key].notna().sum()
    assert sum(sum(c.counts) for c in together.values()) == sum(alone.counts)
    # One colour, one value: the same jobs figure gets the same colour everywhere.
    colour_of: dict[float, str] = {}
    for key, classes in together.items():
        for code, value in jobs[key].dropna().items():
            assert colour_of.setdefault(float(value), classes.color(code)) == classes.color(code)
            assert classes.bins[classes.class_of[code]] >= value
            index = classes.class_of[code]
            assert index == 0 or classes.bins[index - 1] < value
    # Cantal has no figures in the first publication: grey there, coloured later.
    assert together["2022-10"].color("15") == "#d9d9d9"
    assert together["2023-06"].color("15") != "#d9d9d9"
