"""Calendar dates for the date expressions of an event, against a reference date (never the clock).

Reference = the publication date. Without one, a full date written anywhere in the article (a caption's
"May 6. 2018", say) can supply the YEAR for "Monday 7 May", but nothing relative ("on Saturday", "yesterday")
is resolved against the clock or a guess. One inference is allowed: the latest date the article writes with its
weekday ("Monday 7 May", year fixed by an anchor and checked against the weekday) shows the week the article
was written in, so a bare weekday ("on Sunday") is the most recent such day on or before it. That is right for
any publication day from the written date to six days after it, which is how news names days of the current
week. "Yesterday", "today" and periods stay null without a publication date. News conventions: "on Saturday" is the most recent Saturday on or before
the reference day (the same day when the reference is a Saturday); "the previous night" and "yesterday" are
the day before; "in December 2017" is a month; "late April" is the last third of April.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Optional

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_M = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_W = r"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
DAY_MONTH_YEAR = re.compile(rf"\b{_W}(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}[.,]?\s*(?P<year>(?:19|20)\d\d)?\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_W}{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:[.,]?\s*(?P<year>(?:19|20)\d\d))?", re.I)
MONTH_YEAR = re.compile(rf"\b(?P<part>early|mid|late|end of|beginning of|the end of)?\s*(?:-\s*)?{_M}\s*,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
MONTH_ALONE = re.compile(rf"\b(?:in\s+|during\s+)?(?P<part>early|mid|late|end of|beginning of|the end of|the beginning of|"
                         rf"the middle of)?[\s-]*{_M}(?!\s*[.,]?\s*\d)", re.I)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
WEEKDAY = re.compile(r"\b(?:on\s+|last\s+|this\s+|since\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
YESTERDAY = re.compile(r"\b(yesterday|the previous (night|day|evening)|last night|the day before)\b", re.I)
# "overnight", told on the day it is published, is the night that just ended: the events news reports so happened
# after midnight more often than not (a late-evening event is "late Monday" or "Monday night").
TODAY = re.compile(r"\b(today|this (morning|afternoon|evening)|tonight|overnight)\b", re.I)
_N = r"(?:a|an|one|the|two|three|four|five|six|seven|\d{1,2})"
# an offset from a named day: "the day after Thanksgiving", "two days before 12 May", "the day-after-Christmas ..."
OFFSET_BEFORE = re.compile(rf"\b{_N}[\s-]+(?:days?|nights?|weeks?)[\s-]+(?:after|before|following|prior[\s-]+to)[\s-]+$", re.I)
OFFSET = re.compile(rf"^(?P<n>{_N})\s+(?P<unit>days?|nights?|weeks?)\s+(?P<dir>after|before|following|prior\s+to)\s+(?P<rest>.+)$", re.I)
YEAR_ONLY = re.compile(r"\b(?:in|during|since)\s+(?P<year>(?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class When:
    date: Optional[dt.date]
    start: Optional[dt.date]
    end: Optional[dt.date]
    precision: Optional[int]  # ACLED: 1 day, 2 week, 3 month
    text: Optional[str]


NONE = When(None, None, None, None, None)


def _safe(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: Optional[dt.date], anchors: Iterable[dt.date]) -> Optional[int]:
    """The year of a day-and-month: the one putting it on or before the reference (within a year)."""
    if ref is not None:
        cand = _safe(ref.year, month, day)
        if cand and cand <= ref + dt.timedelta(days=2):
            return ref.year
        return ref.year - 1
    years = {a.year for a in anchors}
    if len(years) == 1:
        return years.pop()
    return None


def resolve(text: Optional[str], ref: Optional[dt.date], anchors: Iterable[dt.date] = (),
            week_ref: Optional[dt.date] = None) -> When:
    """The calendar day (or week, or month) an expression names, or NONE. Parts joined by ";" are tried in
    order; the first that names a time wins.

    ``week_ref`` (see :func:`weekday_reference`) stands in for a missing ``ref`` for bare weekdays only."""
    if not text:
        return NONE
    anchors = list(anchors)
    for part in [p.strip() for p in text.split(";") if p.strip()]:
        m = OFFSET.match(part)
        if m:
            got = _offset(m, ref, anchors, week_ref)
            if got is not None:
                return got
            continue
        for step in (lambda: _calendar_day(part, ref, anchors), lambda: _month(part, ref, anchors),
                     lambda: _weekday(part, ref or week_ref), lambda: _relative_day(part, ref)):
            got = step()
            if got is not None:
                return got
    return NONE


def _offset(m: re.Match, ref: Optional[dt.date], anchors: list, week_ref: Optional[dt.date]) -> Optional[When]:
    """A day counted from a named day ("the day after Thanksgiving"): that day resolved, then moved; never past
    the reference."""
    base = resolve(m["rest"], ref, anchors, week_ref)
    if base.date is None or base.precision != 1:
        return None
    from .timeml.words import num

    n = 1 if m["n"].lower() == "the" else num(m["n"])
    days = n * (7 if m["unit"].lower().startswith("week") else 1)
    d = base.date + dt.timedelta(days=-days if m["dir"].lower().startswith(("before", "prior")) else days)
    if ref is not None and d > ref:
        return None
    return When(d, d, d, 1, m[0])


def _calendar_day(part: str, ref: Optional[dt.date], anchors: list) -> Optional[When]:
    """An ISO date, or a day and month with or without its year ("7 May", "Monday 7 May 2018", "May 7")."""
    m = ISO.search(part)
    if m:
        d = _safe(int(m["year"]), int(m["m"]), int(m["d"]))
        if d:
            return When(d, d, d, 1, part)
    for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        m = rx.search(part)
        if not m:
            continue
        month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
        year = int(m["year"]) if m["year"] else _year_for(month, day, ref, anchors)
        if year is None:
            continue
        d = _safe(year, month, day)
        if d is None:
            continue
        if m["weekday"] and WEEKDAYS[m["weekday"].lower()] != d.weekday():
            # "Monday 7 May": trust the weekday's year when an anchor year does not fit it
            continue
        return When(d, d, d, 1, part)
    return None


def _month(part: str, ref: Optional[dt.date], anchors: list) -> Optional[When]:
    """A month with its year ("early May 2018"), or a month alone with a part or a preposition ("late April",
    "in December"): the latest such month on or before the reference, or the anchors' year."""
    m = MONTH_YEAR.search(part)
    if m:
        month, year = MONTHS[m["month"].lower().rstrip(".")], int(m["year"])
        return _month_part(year, month, (m["part"] or "").lower(), part, None)
    m = MONTH_ALONE.fullmatch(part.strip(" .,"))
    if not (m and (m["part"] or part.lower().startswith(("in ", "during ")))):
        return None
    month = MONTHS[m["month"].lower().rstrip(".")]
    if ref is not None:
        year = ref.year if month <= ref.month else ref.year - 1
    else:
        years = {a.year for a in anchors}
        year = years.pop() if len(years) == 1 else None
    if year is None:
        return None
    return _month_part(year, month, (m["part"] or "").lower(), part, ref)


def _weekday(part: str, wref: Optional[dt.date]) -> Optional[When]:
    """A weekday: the latest such day on or before the reference; "since Tuesday" is the span up to it."""
    m = WEEKDAY.search(part) if wref is not None else None
    if not m:
        return None
    wd = WEEKDAYS[m["weekday"].lower()]
    d = wref - dt.timedelta(days=(wref.weekday() - wd) % 7)
    if part.lower().startswith("since"):
        return When(d, d, wref, 1 if d == wref else 2, part)  # a span of days: ACLED's week precision
    return When(d, d, d, 1, part)


def _relative_day(part: str, ref: Optional[dt.date]) -> Optional[When]:
    """"yesterday", "today", and what the TimeML normaliser makes of the rest, against the reference."""
    if ref is None:
        return None
    if YESTERDAY.search(part):
        d = ref - dt.timedelta(days=1)
        return When(d, d, d, 1, part)
    if TODAY.search(part):
        return When(ref, ref, ref, 1, part)
    return _from_timeml(part, ref)


def _month_part(year: int, month: int, part_word: str, text: str, ref: Optional[dt.date]) -> When:
    """A month or its third: early = 1-10, mid = 11-20, late / end = 21-last (week precision), else the month."""
    last = calendar.monthrange(year, month)[1]
    lo, hi = 1, last
    if part_word == "early" or "beginning" in part_word:
        hi = 10
    elif part_word == "mid" or "middle" in part_word:
        lo, hi = 11, 20
    elif part_word == "late" or "end" in part_word:
        lo = 21
    start, end = dt.date(year, month, lo), dt.date(year, month, hi)
    if ref is not None and end > ref:
        end = max(start, ref)
    return When(start, start, end, 2 if hi - lo < 12 else 3, text)


def _from_timeml(part: str, ref: dt.date) -> Optional[When]:
    """Relative periods ("last week", "three days ago", "last month") through the TimeML normaliser, kept only
    when they name a past day, week or month (an event is not dated to a year or to the future)."""
    from .timeml import value

    v = value(part, ref)
    if not v:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.date.fromisoformat(v)
            return When(d, d, d, 1, part) if d <= ref else None
        m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
        if m:
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            end = min(start + dt.timedelta(days=6), ref)
            return When(start, start, end, 2, part) if start <= ref else None
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            start = dt.date(y, mo, 1)
            end = min(dt.date(y, mo, calendar.monthrange(y, mo)[1]), ref)
            return When(start, start, end, 3, part) if start <= ref else None
    except ValueError:
        return None
    return None


def anchor_dates(texts: Iterable[str]) -> list[dt.date]:
    """Full dates written anywhere in the article (captions and bylines included) that fix a year."""
    out = []
    for t in texts:
        for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
            for m in rx.finditer(t):
                if m["year"]:
                    d = _safe(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
                    if d:
                        out.append(d)
    return out


def weekday_reference(texts: Iterable[str], anchors: Iterable[dt.date] = ()) -> Optional[dt.date]:
    """The latest date the article writes with its weekday ("Monday 7 May", "Thursday, April 19, 2018"): the week
    the article was written in, when it has no publication date. The weekday must agree with the date (the year
    comes from the expression or from the article's anchors), so a wrong year never yields a reference."""
    anchors = list(anchors)
    best = None
    for t in texts:
        for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
            for m in rx.finditer(t):
                if not m["weekday"]:
                    continue
                month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
                year = int(m["year"]) if m["year"] else _year_for(month, day, None, anchors)
                d = _safe(year, month, day) if year else None
                if d is not None and d.weekday() == WEEKDAYS[m["weekday"].lower()] and (best is None or d > best):
                    best = d
    return best
