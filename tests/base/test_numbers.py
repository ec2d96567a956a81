"""relocmap.base.numbers: French number formatting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from relocmap.base.numbers import NARROW_NBSP, fr_decimal, fr_int

N = NARROW_NBSP


def test_narrow_nbsp_is_u202f():
    assert NARROW_NBSP == "\u202f"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (5, "5"),
        (999, "999"),
        (1000, f"1{N}000"),
        (1220, f"1{N}220"),
        (5306, f"5{N}306"),
        (30000, f"30{N}000"),
        (1234567, f"1{N}234{N}567"),
        (1220.0, f"1{N}220"),
        (1219.6, f"1{N}220"),  # rounded, not truncated
        (564.4, "564"),
    ],
)
def test_fr_int(value, expected):
    assert fr_int(value) == expected


def test_fr_int_never_uses_comma_or_plain_space():
    text = fr_int(1_234_567)
    assert "," not in text and " " not in text and "\u00a0" not in text


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (6.6, 1, "6,6"),
        (6.0, 1, "6,0"),
        (0.05, 2, "0,05"),
        (24.56, 1, "24,6"),
        (1234.5, 1, f"1{N}234,5"),
        (1234567.891, 2, f"1{N}234{N}567,89"),
        (42, 0, "42"),
    ],
)
def test_fr_decimal(value, digits, expected):
    assert fr_decimal(value, digits) == expected


def test_fr_decimal_default_is_one_digit():
    assert fr_decimal(3.14159) == "3,1"


@pytest.mark.parametrize("missing", [None, float("nan"), math.nan, pd.NA])
def test_fr_decimal_missing_is_a_dash_not_zero(missing):
    # The joined frame holds pandas' Float64, whose missing value is pd.NA.
    assert fr_decimal(missing) == "–"


def test_fr_decimal_on_joined_missing_value():
    series = pd.Series([1.5, None], dtype="Float64")
    assert fr_decimal(series.iloc[0]) == "1,5"
    assert fr_decimal(series.iloc[1]) == "–"
