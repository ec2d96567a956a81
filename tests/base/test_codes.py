"""relocmap.base.codes: department codes stay text, normalised in one place."""

from __future__ import annotations

import pytest

from relocmap.base.codes import framed, is_overseas, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01", "01"),
        ("1", "01"),  # what Excel leaves of 01
        (" 1 ", "01"),
        ("9", "09"),
        ("69", "69"),
        ("95", "95"),
        ("2A", "2A"),
        ("2a", "2A"),
        (" 2b ", "2B"),
        ("971", "971"),
        ("976", "976"),
        (1, "01"),  # an integer that slipped through is still read as a code
        (74, "74"),
    ],
)
def test_normalize_accepts_what_users_write(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        " ",
        "0",
        "00",
        "20",  # 20 was split into 2A and 2B in 1976
        "100",
        "977",
        "970",
        "2C",
        "A1",
        "1.0",
        "01.",
        "-1",
        "Ain",
        "0x1",
        "1 2",
    ],
)
def test_normalize_refuses_what_cannot_be_a_code(raw):
    assert normalize(raw) is None


def test_normalize_returns_text_never_int():
    code = normalize("1")
    assert isinstance(code, str)
    assert code == "01" and code != 1


def test_normalize_is_idempotent():
    for raw in ["1", "2a", "971", "74"]:
        once = normalize(raw)
        assert normalize(once) == once


def test_existence_is_left_to_the_boundaries():
    # Two digits are syntactically a code; whether 99 exists is the boundaries' business
    # (validate refuses it there, see test_validate).
    assert normalize("99") == "99"


@pytest.mark.parametrize("code", ["971", "972", "973", "974", "976"])
def test_overseas_departments(code):
    assert is_overseas(code)


@pytest.mark.parametrize("code", ["01", "09", "2A", "2B", "69", "95", "97"])
def test_mainland_and_corsica_are_not_overseas(code):
    assert not is_overseas(code)


def test_mainland_and_overseas_together_frame_the_mainland():
    assert framed(["01", "2A", "69", "971", "974"]) == [True, True, True, False, False]


def test_mainland_alone_is_all_framed():
    assert framed(["01", "03", "2A"]) == [True, True, True]


def test_overseas_alone_is_all_framed():
    # A map of overseas departments only shows them: nothing else would be left.
    assert framed(["971", "974"]) == [True, True]
    assert framed(["976"]) == [True]


def test_framed_keeps_the_order_and_reads_any_iterable():
    assert framed(iter(["974", "01"])) == [False, True]
    assert framed([]) == []
