"""Dates as the facts file writes them: ISO 8601 to the year, the month or the day.

:class:`PartialDate` is what ``source_date`` and ``adoption_plan`` become, and
:data:`MONTHS` the French month names the maps write.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from relocmap.base.i18n import _, language

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = tuple(calendar.month_name[1:])  # messages, and dates written in English


def _month_name(month: int) -> str:
    """A month's name in the language of the messages."""
    return (MONTHS if language() == "fr" else MONTHS_EN)[month - 1]


@dataclass(frozen=True, order=True)
class PartialDate:
    """An ISO 8601 calendar date to the year, the month or the day: 2022, 2022-10, 2022-10-14."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``2022``, ``2022-10`` or ``2022-10-14``; ValueError says what is wrong."""
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
        if match is None:
            raise ValueError(_("expected an ISO 8601 date: 2022, 2022-10 or 2022-10-14"))
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if not 1900 <= year <= 2100:
            raise ValueError(_("year {year} is out of range (1900 to 2100)").format(year=year))
        if month is not None and not 1 <= month <= 12:
            raise ValueError(_("month {month} does not exist (01 to 12)").format(month=match[2]))
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    _("{month} {year} has {last} days, not {day}").format(
                        month=_month_name(month), year=year, last=last, day=day
                    )
                )
        return cls(year, month, day)

    @property
    def year_fraction(self) -> float:
        """The date as a year with its fraction, mid-period when only the year or the
        month is known (2023-06 → mid-June 2023): where charts place it."""
        if self.month is None:
            return self.year + 0.5
        start = datetime.date(self.year, self.month, self.day or 1)
        days = 366 if calendar.isleap(self.year) else 365
        offset = (start - datetime.date(self.year, 1, 1)).days + (0 if self.day else 15)
        return self.year + offset / days

    @property
    def iso(self) -> str:
        """As written in the facts file."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text
