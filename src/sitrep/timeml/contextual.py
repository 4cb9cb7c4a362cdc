"""Expressions whose value hangs on the document: a year back from the last date told, "that day", "the following
year"."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .context import Context
from .dates import quarter, shift_month, shift_value
from .words import ORDINAL


YEAR_AGO = re.compile(r"^(?:the |a |its )?(?:comparable |corresponding |same )?(?:(?:a|one) year (?:ago|earlier|before)|"
                      r"year[- ](?:ago|earlier)|last year's|the previous year's|the prior year's|prior[- ]year)"
                      r"(?: (?:first |second |third |fourth )?(?:fiscal )?(?:period|quarter|results?))?$"
                      r"|^(?:the )?(?:quarter|period|same period|corresponding period|comparable period|same quarter) "
                      r"(?:a year (?:ago|earlier)|last year|of last year|the previous year|in \d{4})$")


def contextual(text: str, dct: dt.date, ctx: Context) -> Optional[str]:
    """Expressions whose value hangs on the document: a year back from the last date mentioned, 'that day',
    'the following year'."""
    t = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    if YEAR_AGO.search(t) or (t in ("a year ago", "a year earlier", "last year", "year-ago", "year-earlier")
                              and re.search(r"\b(quarter|period)\b", ctx.sentence, re.I)):
        if re.search(r"\b(nine months|year to date)\b", ctx.sentence, re.I) and not re.search(r"quarter", t):
            # compared over the year so far: a span TimeML writes as its year
            return f"{dct.year - 1:04d}"
        m = re.search(r"\b(first|second|third|fourth)\b", t)
        if m and "quarter" in t:
            return f"{dct.year - 1:04d}-Q{ORDINAL[m[1]]}"
        # the period the story is about: the last one mentioned in the reference's year (or the year before,
        # for a report early in a year); never a year-ago value itself
        lo = dct.year if dct.month > 3 else dct.year - 1
        # (a quarter already reported: one that ended before the reference, not "the fourth quarter" ahead)
        done = [f"{y:04d}-Q{q}" for y in (dct.year - 1, dct.year) for q in range(1, 5)
                if dt.date(y, 3 * q, 28) < dct]
        reported = r"|".join(done) or r"(?!)"
        last = ctx.last(reported, lo) if re.search(r"quarter|period", t + " " + ctx.sentence) else None
        last = last or ctx.last(r"\d{4}-\d{2}(-\d{2})?|" + reported, lo, dct.year)
        if last:
            return shift_value(last, -1)
        if t.startswith(("a year", "one year", "last year")):
            return None
        q = quarter(dct) - 2
        return f"{dct.year + q // 4 - 1:04d}-Q{q % 4 + 1}"
    if t in ("that year", "the same year", "that same year", "later that year", "earlier that year"):
        last = ctx.last(r"\d{4}.*")
        return last[:4] if last else None
    if t in ("the following year", "the next year", "a year later", "the year after"):
        last = ctx.last(r"\d{4}.*")
        return f"{int(last[:4]) + 1:04d}" if last else None
    if t in ("the following month", "the next month", "a month later"):
        last = ctx.last(r"\d{4}-\d{2}.*")
        if last:
            y, mo = shift_month(dt.date(int(last[:4]), int(last[5:7]), 1), 1)
            return f"{y:04d}-{mo:02d}"
        return None
    if t in ("that day", "the day", "that same day", "the same day", "earlier that day", "later that day",
             "that same day", "the same day"):
        return ctx.last(r"\d{4}-\d{2}-\d{2}")
    if t in ("the next day", "the following day", "the next morning", "a day later", "the day after"):
        last = ctx.last(r"\d{4}-\d{2}-\d{2}")
        return (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat() if last else None
    if t in ("that quarter", "the same quarter"):
        return ctx.last(r"\d{4}-Q\d")
    return None
