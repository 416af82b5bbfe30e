"""Interval arithmetic on dates: months, years, weeks, Hijri conversion."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

# The Arab week starts on Saturday (Python: Monday = 0, so Saturday = 5).
WEEK_START = 5


def month_interval(year: int, month: int) -> tuple[date, date]:
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def year_interval(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def narrow_month(year: int, month: int, days: tuple[int, int]) -> tuple[date, date]:
    """Part of a month (أوائل 1-10، منتصف 11-20، أواخر 21-end)."""
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(days[0], last)), date(year, month, min(days[1], last))


def narrow_year(year: int, months: tuple[int, int]) -> tuple[date, date]:
    """Part of a year, as a range of months."""
    return date(year, months[0], 1), month_interval(year, months[1])[1]


def week_interval(reference: date, offset: int) -> tuple[date, date]:
    """The Saturday-to-Friday week ``offset`` weeks from the one holding ``reference``."""
    start = reference - timedelta(days=(reference.weekday() - WEEK_START) % 7) + timedelta(weeks=offset)
    return start, start + timedelta(days=6)


def last_weekday(reference: date, weekday: int, *, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` on or before ``reference`` (news reports look back)."""
    back = (reference.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return reference - timedelta(days=back)


def next_weekday(reference: date, weekday: int) -> date:
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + timedelta(days=ahead)


def most_recent_month(reference: date, month: int, *, strictly_before: bool = False) -> int:
    """Year of the most recent ``month`` not after the reference month."""
    if month < reference.month or (month == reference.month and not strictly_before):
        return reference.year
    return reference.year - 1


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _calendar.monthrange(year, month)[1]


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Gregorian date of a Hijri (Umm al-Qura) date; ValueError when out of range."""
    g = Hijri(year, month, day).to_gregorian()
    return date(g.year, g.month, g.day)


def hijri_month_interval(year: int, month: int) -> tuple[date, date]:
    start = hijri_to_gregorian(year, month, 1)
    length = Hijri(year, month, 1).month_length()
    return start, start + timedelta(days=length - 1)


def hijri_year_interval(year: int) -> tuple[date, date]:
    start = hijri_to_gregorian(year, 1, 1)
    end = hijri_to_gregorian(year + 1, 1, 1) - timedelta(days=1)
    return start, end


def gregorian_to_hijri(day: date) -> tuple[int, int, int]:
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return h.year, h.month, h.day
