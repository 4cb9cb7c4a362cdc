"""The value of one expression without the document: tried by kinds of expressions in a fixed order."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..timeparse import DAY_MONTH_YEAR, MONTHS, MONTH_DAY_YEAR, WEEKDAYS
from .context import Context
from .dates import holiday_date, holiday_rule, holiday_value, iso_week, month_year, quarter, shift_month
from .words import DAY_WORDS, FUTURE, ORDINAL, PAST, PRESENT, SEASONS, SETS, num, words_year


_NEXT = object()   # a step that does not apply: the next one is tried (a step may also decide None)


def expression_value(text: str, dct: dt.date, ctx: Context) -> Optional[str]:
    """The value of an expression, tried by kinds of expressions in a fixed order; between kinds, the words
    that do not change the value (hedges, "early", prepositions) are dropped."""
    t = _normal(text)
    for step in (_anchored, _words_years):
        v = step(t, dct, ctx)
        if v is not _NEXT:
            return v
    t = _drop_edge_words(t)
    v = _periods(t, dct, ctx)
    if v is not _NEXT:
        return v
    t = _drop_lead_words(t)
    for step in (_references_and_calendar, _vague_and_named, _days, _units_seasons_ago):
        v = step(t, dct, ctx)
        if v is not _NEXT:
            return v
    return None


def _normal(t: str) -> str:
    """Lower case, plain quotes, single spaces, no hedge before "N days ago"."""
    t = " ".join(t.lower().replace("’", "'").split()).strip(" ,.")
    t = re.sub(r"^(almost|nearly|about|some|roughly|around|more than|less than|over|just|only) (?=\w+ (day|week|month|year)s? ago)", "", t)
    return t


def _anchored(t: str, dct: dt.date, ctx: Context):
    """Expressions read against the words before them or the dates already named ("April 24 and 25", "until then", "the day before X", "in five years")."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", t)
    if m and 1 <= int(m[1]) <= 31 and re.search(r"\b[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? (?:and|or|to|through|-)\s*$", ctx.before, re.I):
        last = ctx.last(r"\d{4}-\d{2}-\d{2}")  # "April 24 and 25": the second day of the month just named
        if last:
            return f"{last[:8]}{int(m[1]):02d}"
    if re.fullmatch(r"(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)) day", t) \
            and re.search(r"\b(?:today|now|it|this) (?:is|'s)(?: the)?\s*$|\bit's(?: the)?\s*$", ctx.before, re.I):
        return dct.isoformat()  # "today is the eighth day of Desert Shield": the reference day
    if t == "then" and re.search(r"\b(until|till|by|since|before|after)\s*$", ctx.before, re.I):
        last = ctx.last(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}")  # "until then": the date last named
        if last:
            return last
    m = re.fullmatch(r"(.*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)),? ([a-z]+)\.? ([a-z-]+)", t)
    if m and m[2] in MONTHS and m[3] in DAY_WORDS:  # "this coming Sunday, March eighth": the date it writes
        month, day = MONTHS[m[2]], DAY_WORDS[m[3]]
        return f"{month_year(month, dct, ctx, day):04d}-{month:02d}-{day:02d}"
    if t in ("one day", "someday", "some day") and ctx.sentence and ctx.future():
        return "FUTURE_REF"  # "Islam will one day be ...": some day ahead
    m = re.search(r"\bthis (year|month|week|quarter)\b[^.;]*$", ctx.before, re.I)
    if t == "last" and m:  # "twice as high a dividend this year as last": the unit before
        return expression_value(f"last {m[1].lower()}", dct, ctx)
    if t in SETS:  # "daily": TimeML writes the period of a set
        return SETS[t]
    if re.fullmatch(r"(this|that|the present|the current)( \w+)? (moment|juncture|point in time)", t):
        return "PRESENT_REF"
    m = re.fullmatch(r"(?:the )?day (before|after) (.+)", t)
    if m:  # "the day before last Tuesday": a day from the day named
        inner = expression_value(m[2], dct, ctx)
        if inner and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner):
            return (dt.date.fromisoformat(inner) + dt.timedelta(days=-1 if m[1] == "before" else 1)).isoformat()
    m = re.fullmatch(r"(?:the )?week of (.+)", t)
    if m:  # "the week of March 6": the ISO week holding the day
        inner = expression_value(m[1], dct, ctx)
        if inner and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner):
            return iso_week(dt.date.fromisoformat(inner))
    m = re.fullmatch(r"(.+) week", t)
    if m and not re.match(r"(this|last|next|the|a|one|early|late)\b", m[1]):
        rule = holiday_rule(m[1])  # "Easter week": the week of the nearest such holiday
        if rule:
            day = min((holiday_date(rule, y) for y in (dct.year - 1, dct.year, dct.year + 1)),
                      key=lambda d: abs((d - dct).days))
            return iso_week(day)
    m = re.fullmatch(r"(?:by |since |until |at |around )?(?:the )?year[- ]end", t)
    if m:  # the last day of the year: the year ahead for "by year-end", the one behind for "since year-end"
        back = re.search(r"\bsince\s*$", ctx.before, re.I) or t.startswith("since")
        return f"{dct.year - (1 if back else 0):04d}-12-31"
    m = re.fullmatch(r"(\w+) (day|week|month|year)s?", t)
    if m and num(m[1]) and re.search(r"\bin\s*$", ctx.before, re.I) and ctx.future():
        n = num(m[1])  # "will be redeemed in five years": a point that far ahead
        if m[2] == "year":
            return f"{dct.year + n:04d}"
        if m[2] == "month":
            y, mo = shift_month(dct, n)
            return f"{y:04d}-{mo:02d}"
        if m[2] == "week":
            return iso_week(dct + dt.timedelta(weeks=n))
        return (dct + dt.timedelta(days=n)).isoformat()
    return _NEXT


def _words_years(t: str, dct: dt.date, ctx: Context):
    """Years written in words, seasons and months of such years, "March last year"."""
    wy = words_year(t)
    if wy:
        return f"{wy:04d}"
    m = re.fullmatch(r"(?:the )?(winter|summer|spring|fall|autumn) of (.+)", t)
    if m and words_year(m[2]):
        return f"{words_year(m[2]):04d}-{SEASONS[m[1]]}"
    m = re.fullmatch(r"([a-z]+)\.? (.+)", t)
    if m and m[1] in MONTHS and words_year(m[2]):
        return f"{words_year(m[2]):04d}-{MONTHS[m[1]]:02d}"
    m = re.fullmatch(r"([a-z]+)\.? (this|last|next) year", t)
    if m and m[1] in MONTHS:
        return f"{dct.year + {'this': 0, 'last': -1, 'next': 1}[m[2]]:04d}-{MONTHS[m[1]]:02d}"
    return _NEXT


def _drop_edge_words(t: str) -> str:
    """"the early", "mid-" and the like: the period is the same."""
    t = re.sub(r"^the (early|late|mid)(?:\s+|-)", r"\1 ", t)
    t = re.sub(r"^(early|late|mid)-", r"\1 ", t)
    t = re.sub(r"^mid-", "mid ", t)
    return t


def _periods(t: str, dct: dt.date, ctx: Context):
    """Quarters, halves, centuries and decades named with their year."""
    m = re.fullmatch(r"the (\d{4}) (period|quarter)", t)
    if m:  # "the 1988 quarter": the quarter the story is about, in that year
        if m[2] == "period" and re.search(r"\b(nine months|year to date)\b", ctx.sentence, re.I):
            return m[1]
        q = ctx.last(r"\d{4}-Q\d")
        return f"{m[1]}-{q[5:]}" if q else m[1]
    m = re.fullmatch(r"(?:the )?(first|second|last) half of (?:fiscal )?(\d{4})|(?:the )?first two quarters of (\d{4})", t)
    if m:
        return f"{m[3]}-H1" if m[3] else f"{m[2]}-H{1 if m[1] == 'first' else 2}"
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return f"{int(m[1]) - 1:02d}"
    m = re.fullmatch(r"(?:post-|pre-|a good part of |most of |all of |much of )?(\d{4})(?: and beyond| or later| or earlier| on)?", t)
    if m and m[0] != m[1]:
        return m[1]
    decade_words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                    "eighties": 8, "nineties": 9}
    m = re.fullmatch(r"(?:the )?(early |late |mid )?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", t)
    if m:
        return f"19{decade_words[m[2]]}"
    m = re.fullmatch(r"(this|last|next) year's (first|second|third|fourth) (?:fiscal )?quarter", t)
    if m:
        return f"{dct.year + {'this': 0, 'last': -1, 'next': 1}[m[1]]:04d}-Q{ORDINAL[m[2]]}"
    return _NEXT


def _drop_lead_words(t: str) -> str:
    """Words before a period that do not change its value ("the end of", "during", "this past")."""
    t = re.sub(r"^the (\d{4}) (period|year|quarter)$", r"\1", t)
    t = re.sub(r"^(earlier|later|early|late|mid|sometime|some time|the end of|the beginning of|the start of|the rest of|"
               r"the first half of|the second half of|the last half of|the middle of|until|through)\s+", "", t)
    t = re.sub(r"^(this|last|next) year's (end|first|second|third|fourth)( quarter)?$",
               lambda m: f"{m[2]} quarter" if m[2] != "end" else f"{m[1]} year", t)
    t = re.sub(r"^year's end$", "this year", t)
    t = t.replace("-quarter", " quarter")
    t = re.sub(r"^(the|this past|on|in|at|by|during|of|until|since|from|for)\s+", lambda m: "" if m.group(1) in (
        "on", "in", "at", "by", "during", "of", "until", "since", "from", "for") else m.group(0), t)
    return t


def _references_and_calendar(t: str, dct: dt.date, ctx: Context):
    """PRESENT/PAST/FUTURE references and calendar dates (numeric, month-day-year, months)."""
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
            year = int(m["year"]) if m["year"] else month_year(month, dct, ctx, day)
            return f"{year:04d}-{month:02d}-{day:02d}"
    m = re.fullmatch(r"(?:(early|mid|late)[- ])?([a-z]+)\.?,?\s+(\d{4})", t)
    if m and m[2].rstrip(".") in MONTHS:
        return f"{int(m[3]):04d}-{MONTHS[m[2].rstrip('.')]:02d}"
    if t.rstrip(".") in MONTHS:
        month = MONTHS[t.rstrip(".")]
        return f"{month_year(month, dct, ctx):04d}-{month:02d}"
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
    return _NEXT


def _vague_and_named(t: str, dct: dt.date, ctx: Context):
    """Vague references, weekends, holidays, fiscal and reported periods, bare years."""
    if t in ("the near future", "the near term", "the short term", "the long term", "the longer term",
             "coming months", "coming years", "coming weeks", "the coming months", "future quarters",
             "coming quarters", "the months ahead", "a later date", "as soon as possible"):
        return "FUTURE_REF"
    if t in ("already", "yet", "so far", "to date", "thus far"):
        return "PRESENT_REF"
    if re.fullmatch(r"(the )?(last|past) (few|several|many) (days|weeks|months|years|quarters)|"
                    r"recent (weeks|months|years|days)( and (weeks|months|years))?|more recently", t):
        return "PAST_REF"
    m = re.fullmatch(r"(this|last|next|the|this past|the coming)? ?weekend", t)
    if m:
        sat = dct - dt.timedelta(days=(dct.weekday() - 5) % 7)
        if m[1] in ("next", "the coming") or (m[1] in (None, "the", "this") and ctx.sentence and ctx.future()):
            sat = dct + dt.timedelta(days=(5 - dct.weekday()) % 7 or 7)
        elif m[1] == "last" and dct.weekday() >= 5:
            sat -= dt.timedelta(days=7)
        return iso_week(sat) + "-WE"
    holiday = holiday_value(t, dct, ctx)
    if holiday:
        return holiday
    if t in ("past years", "years past", "the past few years", "then", "then current", "past", "the time",
             "at the time"):
        return "PAST_REF"
    if t in ("the year", "the full year", "the whole year", "the current year", "the current fiscal year", "this fiscal year",
             "fiscal year", "the fiscal year"):
        return f"{dct.year:04d}"
    if t in ("the current quarter", "this quarter's"):
        return f"{dct.year:04d}-Q{quarter(dct)}"
    if t in ("the latest fiscal year", "the last fiscal year", "the most recent fiscal year", "the previous fiscal year",
             "last fiscal year", "the last full year", "the latest full year"):
        return f"{dct.year - 1:04d}"
    if t in ("the last decade", "the past decade", "the previous decade"):
        return str(dct.year - 10)[:3]
    if t in ("the quarter", "the latest quarter", "the latest period", "the period",
             "the most recent quarter", "latest quarter", "the recent quarter"):
        q = quarter(dct) - 2  # the quarter last reported: the one before the reference's
        return f"{dct.year + q // 4:04d}-Q{q % 4 + 1}"
    if t in ("recent", "the recent past", "recent years", "recent months", "recent weeks", "recent days"):
        return "PAST_REF"
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal|calendar|the year)\s+)?'?(\d{4}|\d{2})s?", t)
    if m:
        y = m[1]
        if t.endswith("s"):  # a decade: "the 1980s", "the '80s"
            return y[:3] if len(y) == 4 else f"19{y[0]}"
        if len(y) == 2:
            y = f"19{y}"
        return y
    return _NEXT


def _days(t: str, dct: dt.date, ctx: Context):
    """Today, yesterday, tomorrow and weekdays (with times of day)."""
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight", "this day"):
        return dct.isoformat()
    if t in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "overnight"):
        return (dct - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow", "tomorrow morning"):
        return (dct + dt.timedelta(days=1)).isoformat()
    m = re.fullmatch(r"(?:(\d{1,2})(?::(\d\d))? ?([ap])\.?m\.?(?: [a-z]{3})? )?(last|next|this coming|this|coming|the previous|the preceding|the following)?\s*"
                     r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?(?: (morning|afternoon|evening|night))?", t)
    if m:
        wd = WEEKDAYS[m[5]]
        anchor = ctx.last(r"\d{4}-\d{2}-\d{2}") if m[4] in ("the previous", "the preceding", "the following") else None
        if anchor:  # anaphoric: the one before (after) the day last named ('down 4.5% from the previous Friday')
            a = dt.date.fromisoformat(anchor)
            d = (a - dt.timedelta(days=(a.weekday() - wd) % 7 or 7) if m[4] != "the following"
                 else a + dt.timedelta(days=(wd - a.weekday()) % 7 or 7))
        elif m[4] in ("next", "coming", "this coming", "the following") or (m[4] is None and ctx.sentence and ctx.future()):
            ahead = (wd - dct.weekday()) % 7 or (7 if m[4] else 0)
            d = dct + dt.timedelta(days=ahead)
        else:
            back = (dct.weekday() - wd) % 7 or (7 if m[4] in ("last", "the previous", "the preceding") else 0)
            d = dct - dt.timedelta(days=back)
        out = d.isoformat()
        if m[1]:
            hour = int(m[1]) % 12 + (12 if m[3] == "p" else 0)
            return f"{out}T{hour:02d}:{m[2] or '00'}"
        return out  # TimeBank writes a part of day (TMO, TEV) only sometimes: the day is what a date needs
    return _NEXT


def _units_seasons_ago(t: str, dct: dt.date, ctx: Context):
    """"last week", "the fourth quarter", seasons, "three years ago"."""
    m = re.fullmatch(r"(this|last|next|the previous|the past|the coming|a) (week|month|year|quarter|weekend|decade|century)", t)
    if m:
        step = {"this": 0, "last": -1, "the previous": -1, "the past": -1, "a": -1, "next": 1, "the coming": 1}[m[1]]
        unit = m[2]
        if unit == "week":
            return iso_week(dct + dt.timedelta(weeks=step))
        if unit == "weekend":
            return iso_week(dct + dt.timedelta(weeks=step)) + "-WE"
        if unit == "month":
            y, mo = shift_month(dct, step)
            return f"{y:04d}-{mo:02d}"
        if unit == "year":
            return f"{dct.year + step:04d}"
        if unit == "quarter":
            q = quarter(dct) - 1 + step
            return f"{dct.year + q // 4:04d}-Q{q % 4 + 1}"
        if unit == "decade":
            return str(dct.year + 10 * step)[:3]
        return str(dct.year + 100 * step)[:2]
    m = re.fullmatch(r"(?:the |its |a flat |a strong |a weak )?(?:(\d{4}) )?(?:fiscal[- ])?(first|second|third|fourth|1st|2nd|3rd|4th)"
                     r"[- ](?:fiscal )?quarter(?: of)?(?: (?:fiscal )?(\d{4}))?", t)
    if m:
        year = m[1] or m[3]
        return f"{int(year) if year else dct.year:04d}-Q{ORDINAL[m[2]]}"
    t = re.sub(r"^(the|this past|the past) (?=(early |late )?(spring|summer|fall|autumn|winter)$)", "", t)
    t = re.sub(r"^(early|late) (?=(spring|summer|fall|autumn|winter)$)", "", t)
    m = re.fullmatch(r"(?:this |last |next )?(spring|summer|fall|autumn|winter)(?: of)?(?: (\d{4}))?", t)
    if m:
        y = int(m[2]) if m[2] else dct.year - (1 if t.startswith("last") else 0) + (1 if t.startswith("next") else 0)
        return f"{y:04d}-{SEASONS[m[1]]}"
    m = re.fullmatch(r"([a-z0-9]+) (day|week|month|year)s? (ago|earlier|before|from now|later|hence)", t)
    if m:
        n = num(m[1])
        if n is None:
            return "PAST_REF" if m[3] in ("ago", "earlier", "before") else "FUTURE_REF"
        sign = -1 if m[3] in ("ago", "earlier", "before") else 1
        if m[2] == "day":
            return (dct + dt.timedelta(days=sign * n)).isoformat()
        if m[2] == "week":
            return iso_week(dct + dt.timedelta(weeks=sign * n))
        if m[2] == "month":
            y, mo = shift_month(dct, sign * n)
            return f"{y:04d}-{mo:02d}"
        return f"{dct.year + sign * n:04d}"
    return _NEXT
