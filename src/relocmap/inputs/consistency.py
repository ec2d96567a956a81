"""Does the headline still fit the figures? Warnings that 'validate' and 'build' give.

Two signs that the publication facts (the headline: totals, date, source) no
longer belong with the department figures:

- a published total differs from the departments' sum by more than the wordings of
  all the figures involved allow (:func:`margin`): an exact figure is itself; one
  worded "environ" or "près de" stands for the numbers within its margin either
  way, "plus de" above it. The margin is :data:`SLACK` of the figure, or half its
  rounding step when that is more ("une dizaine" is a figure rounded to ten), but
  never more than :data:`ROUND_CAP` of it. Departments published as approximate
  widen the sum so, and departments of the region without data may only make the
  sum smaller than the total. A mismatch accepted once and recorded with the facts
  (:class:`relocmap.inputs.facts.AcceptedMismatch`: the same total and the same
  sum) is no longer a concern; another mismatch is;
- the facts file is older than the figures file (the figures were changed after
  the facts were last saved), by more than :data:`DATE_TOLERANCE_S`: a fresh
  clone or a copy writes both within that time.

'build' refuses a contradicted total (the headline would contradict the map)
unless told to accept it; an older facts file is only a warning, since file
times are a hint, not a proof.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from relocmap.base.counts import Count
from relocmap.base.i18n import _, ngettext
from relocmap.base.precision import Precision
from relocmap.inputs.facts import AcceptedMismatch, Publication
from relocmap.inputs.join import JoinedFigures

SLACK = 0.05  # "a few percent": the least an approximate wording allows
ROUND_CAP = 0.20  # the most: "une centaine" is not 50 nor 150
# The steps a figure is rounded to, up to 10 000 000 (the largest count the schema takes).
_STEPS = tuple(unit * factor for unit in (10**k for k in range(8)) for factor in (1, 5))
DATE_TOLERANCE_S = 10.0
NOUNS = {"projets": "projets", "emplois": "emplois"}


@dataclass(frozen=True)
class Concern:
    """One reason to check the facts before publishing; ``message`` says what to check."""

    kind: Literal["total", "date"]
    message: str
    # For a total: which ('projets' or 'emplois'), as published, and the departments' sum.
    column: str | None = None
    total: int | None = None
    given: int | None = None


def rounding_step(value: int) -> int:
    """The step a figure looks rounded to: the largest of 1, 5, 10, 50, 100… dividing it."""
    return max((s for s in _STEPS if s <= max(value, 1) and value % s == 0), default=1)


def margin(value: float, precision: Precision) -> float:
    """How far a figure published with this wording may be from the number it stands for.

    0 for an exact figure; else :data:`SLACK` of it, or half its rounding step when
    that is more, at most :data:`ROUND_CAP` of it: "une dizaine" (10) is 8 to 12,
    "environ 250" 225 to 275, "environ 5 300" 5 035 to 5 565.
    """
    if precision is Precision.EXACT:
        return 0.0
    rounded = min(rounding_step(int(value)) / 2, value * ROUND_CAP)
    return max(value * SLACK, rounded)


def allowed_range(value: float, precision: Precision) -> tuple[float, float]:
    """The values a number published with this wording may stand for."""
    slack = margin(value, precision)
    if precision is Precision.PLUS_DE:
        return value, value + slack
    return value - slack, value + slack


def departments_range(joined: JoinedFigures, column: str) -> tuple[float, float, int]:
    """Smallest and largest sums the departments' figures allow, and their sum as given.

    A department of the region without data may hold any number: the largest sum
    is then unbounded.
    """
    frame = joined.with_data
    low = high = 0.0
    for value, precision in zip(frame[column], frame[f"{column}_precision"], strict=True):
        lo, hi = allowed_range(float(value), Precision(precision))
        low, high = low + lo, high + hi
    if joined.missing:
        high = math.inf
    return low, high, int(frame[column].sum())


def _accepted_note(accepted: AcceptedMismatch | None, total: Count, given: int) -> str:
    """Why a recorded decision does not cover this mismatch; empty without one."""
    if accepted is None:
        return ""
    if accepted.date:
        message = _(
            "; the mismatch accepted on {date} was another (total {total}, departments' sum "
            "{sum}; now {now_total} and {now_sum}), so it is checked again"
        )
    else:
        message = _(
            "; the mismatch accepted was another (total {total}, departments' sum {sum}; now "
            "{now_total} and {now_sum}), so it is checked again"
        )
    return message.format(
        date=accepted.date.iso if accepted.date else "",
        total=accepted.total,
        sum=accepted.given,
        now_total=total.value,
        now_sum=given,
    )


def _without_data(joined: JoinedFigures) -> str:
    """ " (2 departments of the region without data)", or nothing when all have data."""
    count = len(joined.missing)
    if not count:
        return ""
    return ngettext(
        " ({count} department of the region without data)",
        " ({count} departments of the region without data)",
        count,
    ).format(count=count)


def _total_concern(
    joined: JoinedFigures,
    column: str,
    total: Count,
    within_release: bool,
    accepted: AcceptedMismatch | None = None,
) -> Concern | None:
    low, high, given = departments_range(joined, column)
    total_low, total_high = allowed_range(total.value, total.precision)
    if high >= total_low and low <= total_high:
        return None
    if accepted is not None and (accepted.total, accepted.given) == (total.value, given):
        return None  # decided once, recorded with the facts
    note = _accepted_note(accepted, total, given)
    difference = given - total.value
    if within_release:
        # Total and departments were read from the same text: only the reading, or the
        # release itself, can be wrong.
        message = _(
            "{column}: the release's own total, {total} (“{wording}”, {precision}), and the "
            "sum of its departments, {sum}{missing}, differ by {difference}, more than that "
            "wording allows; check that the total was read from the right sentence and that "
            "no department was {suspect}{note}"
        )
    elif difference > 0:
        message = _(
            "{column}: the departments add up to {sum}{missing}, {difference} more than the "
            "published total {total} (“{wording}”, {precision}), more than that wording "
            "allows; check that publication.json comes from the same press release as the "
            "figures ('relocmap update' writes both), and that no department was "
            "{suspect}{note}"
        )
    else:
        message = _(
            "{column}: the departments add up to {sum}{missing}, {difference} less than the "
            "published total {total} (“{wording}”, {precision}), more than that wording "
            "allows; check that publication.json comes from the same press release as the "
            "figures ('relocmap update' writes both), and that no department was "
            "{suspect}{note}"
        )
    suspect = _("counted twice or mistyped") if difference > 0 else _("left out or mistyped")
    text = message.format(
        column=column,
        total=total.value,
        wording=total.wording(NOUNS[column]),
        precision=total.precision.value,
        sum=given,
        missing=_without_data(joined),
        difference=abs(difference),
        suspect=suspect,
        note=note,
    )
    return Concern("total", text, column, total.value, given)


def total_concerns(
    joined: JoinedFigures, publication: Publication | None, *, within_release: bool = False
) -> list[Concern]:
    """Published totals that the departments' figures contradict.

    With ``within_release`` the totals and the figures were read from one press release
    ('relocmap update'): the advice is about that release, not about two files that may
    come from different releases.
    """
    if publication is None:
        return []
    totals = {"projets": publication.total_projets, "emplois": publication.total_emplois}
    concerns = []
    for column, total in totals.items():
        if total is not None:
            accepted = publication.accepted_mismatch(column)
            concern = _total_concern(joined, column, total, within_release, accepted)
            if concern:
                concerns.append(concern)
    return concerns


def _when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def date_concern(data: Path, facts: Path | None) -> Concern | None:
    """The figures file was saved after the facts file: the facts may be the old release's."""
    if facts is None:
        return None
    try:
        data_time, facts_time = data.stat().st_mtime, facts.stat().st_mtime
    except OSError:
        return None  # both were read a moment ago; a file gone since is not a stale headline
    if data_time - facts_time <= DATE_TOLERANCE_S:
        return None
    return Concern(
        "date",
        _(
            "{data} was changed after {facts} ({data_time}, {facts_time}): if the figures "
            "come from a new press release, its date, source and totals belong in {name} too "
            "('relocmap update' writes both); if {name} is still right, save it again"
        ).format(
            data=data,
            facts=facts,
            data_time=_when(data_time),
            facts_time=_when(facts_time),
            name=facts.name,
        ),
    )


def headline_concerns(
    joined: JoinedFigures, publication: Publication | None, data: Path, facts: Path | None
) -> list[Concern]:
    """Every reason to check the headline before publishing, totals first."""
    concerns = total_concerns(joined, publication)
    stale = date_concern(data, facts)
    return [*concerns, stale] if stale else concerns
