"""TimeML values (TIMEX3 ``value``) for date expressions, against a document creation time.

This is how Sitrep's temporal rules are measured on TimeBank: the same conventions as :mod:`sitrep.timeparse`
(news past for weekdays, the reference day for "today", months and years as periods), written in TimeML's value
syntax: ``1998-02-06``, ``1998-02``, ``1998``, ``1998-W06``, ``1998-Q1``, ``199`` (a decade), ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .timeparse import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTHS, WEEKDAYS

NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": None, "few": None}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PRESENT = re.compile(r"^(now|currently|present|at present|the present|right now|nowadays|at the moment|these days|"
                     r"at this time|today's|current|this time)$", re.I)
PAST = re.compile(r"^(the past|recently|previously|formerly|earlier|once|in the past|lately|former|the old days|"
                  r"before|ago|some time ago|years ago|long ago|the recent past)$", re.I)
FUTURE = re.compile(r"^(the future|soon|in the future|future|later|eventually|shortly|someday|in coming years|"
                    r"the coming years|the years ahead)$", re.I)


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _shift_month(d: dt.date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _num(word: str) -> Optional[int]:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUM_WORDS.get(word)


def _nearest_month(month: int, dct: dt.date) -> int:
    """The year that puts a bare month nearest the reference (news names the coming month as often as the last)."""
    best = min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: abs((y - dct.year) * 12 + month - dct.month))
    return best


def value(text: str, dct: dt.date) -> Optional[str]:
    t = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    t = re.sub(r"^mid-", "mid ", t)
    t = re.sub(r"^the (\d{4}) (period|year|quarter)$", r"\1", t)
    t = re.sub(r"^(earlier|later|early|late|mid|sometime|some time|the end of|the beginning of|the start of|the rest of|"
               r"the first half of|the second half of|the middle of|until|through)\s+", "", t)
    t = re.sub(r"^(this|last|next) year's (end|first|second|third|fourth)( quarter)?$",
               lambda m: f"{m[2]} quarter" if m[2] != "end" else f"{m[1]} year", t)
    t = re.sub(r"^year's end$", "this year", t)
    t = t.replace("-quarter", " quarter")
    t = re.sub(r"^(the|this past|on|in|at|by|during|of|until|since|from|for)\s+", lambda m: "" if m.group(1) in (
        "on", "in", "at", "by", "during", "of", "until", "since", "from", "for") else m.group(0), t)
    if PRESENT.match(t):
        return "PRESENT_REF"
    if PAST.match(t):
        return "PAST_REF"
    if FUTURE.match(t):
        return "FUTURE_REF"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", t)  # US numeric dates in TimeBank's American news
    if m:
        y = int(m[3]) + (1900 if len(m[3]) == 2 else 0)
        return f"{y:04d}-{int(m[1]):02d}-{int(m[2]):02d}"
    for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        m = rx.search(t)
        if m:
            month, day = MONTHS[m["month"].rstrip(".")], int(m["day"])
            year = int(m["year"]) if m["year"] else _nearest_month(month, dct)
            return f"{year:04d}-{month:02d}-{day:02d}"
    m = re.fullmatch(r"(?:(early|mid|late)[- ])?([a-z]+)\.?,?\s+(\d{4})", t)
    if m and m[2].rstrip(".") in MONTHS:
        return f"{int(m[3]):04d}-{MONTHS[m[2].rstrip('.')]:02d}"
    if t.rstrip(".") in MONTHS:
        month = MONTHS[t.rstrip(".")]
        return f"{_nearest_month(month, dct):04d}-{month:02d}"
    m = re.fullmatch(r"(last|next|this) ([a-z]+)\.?", t)
    if m and m[2] in MONTHS:
        month = MONTHS[m[2]]
        if m[1] == "last":
            year = dct.year if month < dct.month else dct.year - 1
        elif m[1] == "next":
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = dct.year
        return f"{year:04d}-{month:02d}"
    if t in ("past years", "years past", "the past few years", "then", "then current", "past"):
        return "PAST_REF"
    if t in ("the year", "the full year", "the whole year", "the current year", "the current fiscal year", "this fiscal year", "fiscal year"):
        return f"{dct.year:04d}"
    if t in ("the quarter", "the latest quarter", "the latest period", "the period", "the current quarter",
             "the most recent quarter", "latest quarter", "the recent quarter"):
        q = _quarter(dct) - 2  # the quarter last reported: the one before the reference's
        return f"{dct.year + q // 4:04d}-Q{q % 4 + 1}"
    if t in ("recent", "the recent past", "recent years", "recent months", "recent weeks", "recent days"):
        return "PAST_REF"
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal|calendar|the year)\s+)?'?(\d{4}|\d{2})s?", t)
    if m:
        y = m[1]
        if t.endswith("s") and len(y) == 4:
            return y[:3]
        if len(y) == 2:
            y = f"19{y}"
        return y
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "this day"):
        return dct.isoformat()
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "overnight"):
        return (dct - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow", "tomorrow morning"):
        return (dct + dt.timedelta(days=1)).isoformat()
    m = re.fullmatch(r"(last|next|this|coming)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?", t)
    if m:
        wd = WEEKDAYS[m[2]]
        if m[1] in ("next", "coming"):
            ahead = (wd - dct.weekday()) % 7 or 7
            return (dct + dt.timedelta(days=ahead)).isoformat()
        back = (dct.weekday() - wd) % 7
        return (dct - dt.timedelta(days=back)).isoformat()
    m = re.fullmatch(r"(this|last|next|the previous|the past|the coming|a) (week|month|year|quarter|weekend|decade|century)", t)
    if m:
        step = {"this": 0, "last": -1, "the previous": -1, "the past": -1, "a": -1, "next": 1, "the coming": 1}[m[1]]
        unit = m[2]
        if unit == "week":
            return _iso_week(dct + dt.timedelta(weeks=step))
        if unit == "weekend":
            return _iso_week(dct + dt.timedelta(weeks=step)) + "-WE"
        if unit == "month":
            y, mo = _shift_month(dct, step)
            return f"{y:04d}-{mo:02d}"
        if unit == "year":
            return f"{dct.year + step:04d}"
        if unit == "quarter":
            q = _quarter(dct) - 1 + step
            return f"{dct.year + q // 4:04d}-Q{q % 4 + 1}"
        if unit == "decade":
            return str(dct.year + 10 * step)[:3]
        return str(dct.year + 100 * step)[:2]
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal )?quarter(?: of)?(?: (?:fiscal )?(\d{4}))?", t)
    if m:
        return f"{int(m[2]) if m[2] else dct.year:04d}-Q{ORDINAL[m[1]]}"
    m = re.fullmatch(r"(?:this |last |next )?(spring|summer|fall|autumn|winter)(?: of)?(?: (\d{4}))?", t)
    if m:
        y = int(m[2]) if m[2] else dct.year - (1 if t.startswith("last") else 0) + (1 if t.startswith("next") else 0)
        return f"{y:04d}-{SEASONS[m[1]]}"
    m = re.fullmatch(r"([a-z0-9]+) (day|week|month|year)s? (ago|earlier|before|from now|later|hence)", t)
    if m:
        n = _num(m[1])
        if n is None:
            return "PAST_REF" if m[3] in ("ago", "earlier", "before") else "FUTURE_REF"
        sign = -1 if m[3] in ("ago", "earlier", "before") else 1
        if m[2] == "day":
            return (dct + dt.timedelta(days=sign * n)).isoformat()
        if m[2] == "week":
            return _iso_week(dct + dt.timedelta(weeks=sign * n))
        if m[2] == "month":
            y, mo = _shift_month(dct, sign * n)
            return f"{y:04d}-{mo:02d}"
        return f"{dct.year + sign * n:04d}"
    return None
