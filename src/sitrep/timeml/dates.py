"""Calendar arithmetic for TimeML values: weeks, quarters, named days, the year of a bare month, the story's
reference day."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from ..timeparse import WEEKDAYS
from .context import Context


def shift_value(v: str, years: int) -> Optional[str]:
    """A TimeML value moved by whole years, keeping its granularity ('1989-Q3' -> '1988-Q3')."""
    m = re.fullmatch(r"(\d{4})(.*)", v)
    if not m:
        return None
    rest = m[2]
    if rest.startswith("-W"):
        return None
    return f"{int(m[1]) + years:04d}{rest}"


def _holidays() -> list:
    from ..resources import load_yaml

    return load_yaml("dates.yaml").get("holidays", [])


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holiday_date(rule: dict, year: int) -> Optional[dt.date]:
    if "easter" in rule:
        return _easter(year) + dt.timedelta(days=rule["easter"])
    if "date" in rule:
        mo, d = (int(x) for x in rule["date"].split("-"))
        return dt.date(year, mo, d)
    mo, wd, nth = rule["month"], WEEKDAYS[rule["weekday"]], rule["nth"]
    if nth > 0:
        first = dt.date(year, mo, 1)
        d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        last = dt.date(year, mo, calendar.monthrange(year, mo)[1])
        d = last - dt.timedelta(days=(last.weekday() - wd) % 7)
    return d + dt.timedelta(days=rule.get("offset_days", 0))


def holiday_rule(name: str) -> Optional[dict]:
    return next((r for r in _holidays() if name in [n.lower() for n in r["names"]]), None)


def holiday_value(t: str, dct: dt.date, ctx: Context) -> Optional[str]:
    """Named days from data/dates.yaml ('Thanksgiving', 'Election Day'): the latest on or before the reference,
    the next one when the clause speaks of the future or says 'next'; a year written with it wins."""
    m = re.fullmatch(r"(last |next |this )?(.+?)(?: (\d{4}))?", t)
    if not m:
        return None
    for rule in _holidays():
        if m[2] not in [n.lower() for n in rule["names"]]:
            continue
        if m[3]:
            return holiday_date(rule, int(m[3])).isoformat()
        this = holiday_date(rule, dct.year)
        future = m[1] == "next " or (m[1] is None and ctx.sentence and ctx.future())
        if future:
            d = this if this >= dct else holiday_date(rule, dct.year + 1)
        else:
            d = this if this <= dct else holiday_date(rule, dct.year - 1)
        return d.isoformat()
    return None


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def shift_month(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _nearest_month(month: int, dct: dt.date) -> int:
    """The year that puts a bare month nearest the reference (news names the coming month as often as the last)."""
    best = min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: abs((y - dct.year) * 12 + month - dct.month))
    return best


def month_year(month: int, dct: dt.date, ctx: Context, day: int = 0) -> int:
    """The year of a bare month (or day and month): the nearest to the reference, except that a sentence in the
    future tense takes the next one on or after it, and one that is not takes the past one when the nearest
    lies more than three months ahead."""
    near = _nearest_month(month, dct)
    m = re.match(r"\s*,?\s*(this|last|next) year\b", ctx.after, re.I)
    if m:  # "in February this year"
        return dct.year + {"this": 0, "last": -1, "next": 1}[m[1].lower()]
    if re.search(r"\b(ended|as of)\s*$", ctx.before, re.I):  # "the quarter ended Sept. 30": a closed period
        return dct.year if (month, day) <= (dct.month, dct.day) else dct.year - 1
    tense = ctx.tense() if ctx.sentence else None
    if tense == "future":
        return dct.year if (month, day) >= (dct.month, dct.day if day else 0) else dct.year + 1
    if re.search(r"\b(by|until|till|through|effective|before)\s*$", ctx.before, re.I):
        return near  # a deadline: the nearest, ahead as readily as behind
    ahead = (near - dct.year) * 12 + month - dct.month
    if ctx.sentence and ahead >= 3:
        return near - 1
    return near


WIRE_FILED = re.compile(r"\bNEWS STORY\s+(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b|"
                        r"\b(?P<m>\d\d)-(?P<d>\d\d)-(?P<y>\d\d) \d{4}E[DS]T\b")


def reference(dct: dt.date, header: str) -> dt.date:
    """The reference time of a story: the day its own wire header says it was filed ('APW20000107.0088 NEWS STORY
    2000-01-07 03:03') when that lies up to a month before the archive's creation time (a story re-sent later
    still speaks of its own week), else the creation time."""
    m = WIRE_FILED.search(header or "")
    if not m:
        return dct
    try:
        if m["iso"]:
            filed = dt.date.fromisoformat(m["iso"])
        else:
            filed = dt.date(1900 + int(m["y"]) + (100 if int(m["y"]) < 50 else 0), int(m["m"]), int(m["d"]))
    except ValueError:
        return dct
    return filed if dct - dt.timedelta(days=31) <= filed < dct else dct
