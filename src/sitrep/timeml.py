"""TimeML values (TIMEX3 ``value``) for date expressions, against a document creation time.

This is how Sitrep's temporal rules are measured on TimeBank: the same conventions as :mod:`sitrep.timeparse`
(news past for weekdays, the reference day for "today", months and years as periods), written in TimeML's value
syntax: ``1998-02-06``, ``1998-02``, ``1998``, ``1998-W06``, ``1998-Q1``, ``199`` (a decade), ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from .timeparse import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTHS, WEEKDAYS

NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": None, "few": None}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_ORD_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
DAY_WORDS = {w: i + 1 for i, w in enumerate(_ORD_UNITS + ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
             "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"])}
DAY_WORDS.update({f"twenty-{w}": 21 + i for i, w in enumerate(_ORD_UNITS)})
DAY_WORDS.update({"thirtieth": 30, "thirty-first": 31})
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
        "every day": "P1D", "every week": "P1W", "every month": "P1M", "every year": "P1Y"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PRESENT = re.compile(r"^(now|currently|present|at present|the present|right now|nowadays|at the moment|these days|"
                     r"at this time|today's|current|this time)$", re.I)
PAST = re.compile(r"^(the past|recently|previously|formerly|earlier|once|in the past|lately|former|the old days|"
                  r"before|ago|some time ago|years ago|long ago|the recent past)$", re.I)
FUTURE = re.compile(r"^(the future|soon|in the future|future|later|eventually|shortly|someday|in coming years|"
                    r"the coming years|the years ahead)$", re.I)


FUTURE_TENSE = re.compile(r"\b(will|'ll|shall|would|(is|are) (scheduled|expected|due|set|slated|to)|plan(s|ned|ning)? to|"
                          r"is going to|are going to|planned (?:to|a|an|the)|scheduled|set to|due to|as (soon|early) as|"
                          r"(?:postponed|delayed|put off|deferred|extended|given|deadline)\b[^,;]*\buntil)\b", re.I)
# a clause that shows its tense: a finite verb of the past ('said', 'was', 'announced') or of the present
# ('is', 'has'); a clause without one ('her first stop', 'India by') takes the tense of the clause it hangs on
TENSED = re.compile(r"\b(said|was|were|had|did|got|went|came|made|took|met|told|began|left|"
                    r"(?<!be )(?<!been )(?<!being )(?-i:[a-z]{2,}ed))\b", re.I)  # a lower-case '-ed' word ('United' is none)
PRESENT_TENSE = re.compile(r"\b(says|say|is|are|has|have|does)\b", re.I)
LEAD_WORDS = {"on", "in", "at", "by", "the", "for", "until", "since", "from", "of", "during", "early", "late", "also",
              "and", "but", "as", "of", "or", "then", "through"}
TENSE_CUE = re.compile(f"(?P<future>{FUTURE_TENSE.pattern})|(?P<past>{TENSED.pattern})|(?P<present>{PRESENT_TENSE.pattern})",
                       re.I)
CLAUSE = re.compile(r"[,;:()]|[.!?]['\"`]*\s|\b(?:that|which|who|where|after|since|when|because|while|and|but)\b", re.I)
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _tense(clause: str, last: bool) -> Optional[str]:
    """'future', 'past' or 'present' by the clause's last (or first) tense cue, or None."""
    cues = list(TENSE_CUE.finditer(clause))
    if not cues:
        return None
    if last:
        fut = [i for i, c in enumerate(cues) if c["future"]]
        # "would be paid on a still unspecified date": '-ed' words after a future verb are its participles
        if fut and all(c["past"] and c[0].lower().endswith("ed") and c[0].lower() not in ("said", "had")
                       for c in cues[fut[-1] + 1:]):
            return "future"
    cue = cues[-1] if last else cues[0]
    return "future" if cue["future"] else "past" if cue["past"] else "present"


@dataclass
class Context:
    """What a document tells beyond the expression: its sentence (for tense) and the values already given to
    earlier expressions (for "a year earlier", "that day", "the following year": the granularity and the anchor
    come from the last date mentioned, as HeidelTime and SUTime do)."""
    sentence: str = ""
    before: str = ""  # the sentence's text before the expression
    previous: list = field(default_factory=list)

    after: str = ""  # the sentence's text after the expression

    def future(self) -> bool:
        return self.tense() == "future"

    def tense(self) -> Optional[str]:
        """'future', 'past', 'present' or None (no finite verb found). The clause that holds the expression speaks of the future ('Saddam said he will begin withdrawing on
        Friday'; not 'a spokesman said Thursday that troops will remain'). The verb nearest before the expression
        in its clause decides; a clause that shows no tense of its own ('..., her first stop Tuesday morning')
        takes it from the clause after the expression when that one begins the sentence ('On Tuesday, the league
        plans to ...'), else from the nearest clause before. A possessive weekday ("Wednesday's ruling") names
        an event already told, whatever the tense of the verb."""
        if not self.before and not self.after:
            return "future" if FUTURE_TENSE.search(self.sentence) else None
        if re.match(r"\s*'s\b", self.after):
            return "present"
        if re.search(r"\b(ahead of|in time for|in advance of)\s*$", self.before, re.I):
            return "future"  # "square positions ahead of the weekend": the coming one
        clauses = [c for c in CLAUSE.split(self.before) if c and c.strip()]
        head = clauses[-1] if clauses else ""
        tense = _tense(head, last=True)
        if tense:
            return tense
        if all(w.lower() in LEAD_WORDS for w in head.split()):
            for c in CLAUSE.split(self.after):
                tense = _tense(c or "", last=False)
                if tense:
                    return tense
        for c in reversed(clauses[:-1]):
            tense = _tense(c, last=True)
            if tense:
                return tense
        return None

    def last(self, pattern: str, min_year: int = 0, max_year: int = 9999) -> Optional[str]:
        for v in reversed(self.previous):
            if re.fullmatch(pattern, v) and min_year <= int(v[:4]) <= max_year:
                return v
        return None


def _words_year(t: str) -> Optional[int]:
    """'nineteen ninety-six' = 1996, 'two thousand' = 2000, 'nineteen seventy-nine' = 1979."""
    t = t.replace("-", " ")
    if t in ("two thousand", "the year two thousand", "year two thousand"):
        return 2000
    m = re.fullmatch(r"(?:the year )?(nineteen|eighteen|twenty) (\w+)(?: (\w+))?", t)
    if not m:
        return None
    hi = UNITS.get(m[1]) or TENS.get(m[1])
    lo = TENS.get(m[2], UNITS.get(m[2]))
    if lo is None:
        return None
    if m[3]:
        if m[2] not in TENS or m[3] not in UNITS:
            return None
        lo += UNITS[m[3]]
    return hi * 100 + lo


def _shift_value(v: str, years: int) -> Optional[str]:
    """A TimeML value moved by whole years, keeping its granularity ('1989-Q3' -> '1988-Q3')."""
    m = re.fullmatch(r"(\d{4})(.*)", v)
    if not m:
        return None
    rest = m[2]
    if rest.startswith("-W"):
        return None
    return f"{int(m[1]) + years:04d}{rest}"


def _holidays() -> list:
    from .resources import load_yaml

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


def _holiday_date(rule: dict, year: int) -> Optional[dt.date]:
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


def _holiday_rule(name: str) -> Optional[dict]:
    return next((r for r in _holidays() if name in [n.lower() for n in r["names"]]), None)


def _holiday(t: str, dct: dt.date, ctx: Context) -> Optional[str]:
    """Named days from data/dates.yaml ('Thanksgiving', 'Election Day'): the latest on or before the reference,
    the next one when the clause speaks of the future or says 'next'; a year written with it wins."""
    m = re.fullmatch(r"(last |next |this )?(.+?)(?: (\d{4}))?", t)
    if not m:
        return None
    for rule in _holidays():
        if m[2] not in [n.lower() for n in rule["names"]]:
            continue
        if m[3]:
            return _holiday_date(rule, int(m[3])).isoformat()
        this = _holiday_date(rule, dct.year)
        future = m[1] == "next " or (m[1] is None and ctx.sentence and ctx.future())
        if future:
            d = this if this >= dct else _holiday_date(rule, dct.year + 1)
        else:
            d = this if this <= dct else _holiday_date(rule, dct.year - 1)
        return d.isoformat()
    return None


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


def _month_year(month: int, dct: dt.date, ctx: Context, day: int = 0) -> int:
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


def value(text: str, dct: dt.date, ctx: Optional[Context] = None) -> Optional[str]:
    """The TimeML value of a DATE expression against the document creation time ``dct``; ``ctx`` (optional)
    gives the sentence and the document's earlier values, and records this one."""
    ctx = ctx if ctx is not None else Context()
    v = _contextual(text, dct, ctx)
    if v is None:
        v = _value(text, dct, ctx)
    if v is not None and re.match(r"\d", v):
        ctx.previous.append(v)
    return v


YEAR_AGO = re.compile(r"^(?:the |a |its )?(?:comparable |corresponding |same )?(?:(?:a|one) year (?:ago|earlier|before)|"
                      r"year[- ](?:ago|earlier)|last year's|the previous year's|the prior year's|prior[- ]year)"
                      r"(?: (?:first |second |third |fourth )?(?:fiscal )?(?:period|quarter|results?))?$"
                      r"|^(?:the )?(?:quarter|period|same period|corresponding period|comparable period|same quarter) "
                      r"(?:a year (?:ago|earlier)|last year|of last year|the previous year|in \d{4})$")


def _contextual(text: str, dct: dt.date, ctx: Context) -> Optional[str]:
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
            return _shift_value(last, -1)
        if t.startswith(("a year", "one year", "last year")):
            return None
        q = _quarter(dct) - 2
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
            y, mo = _shift_month(dt.date(int(last[:4]), int(last[5:7]), 1), 1)
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


_NEXT = object()   # a step that does not apply: the next one is tried (a step may also decide None)


def _value(text: str, dct: dt.date, ctx: Context) -> Optional[str]:
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
        return f"{_month_year(month, dct, ctx, day):04d}-{month:02d}-{day:02d}"
    if t in ("one day", "someday", "some day") and ctx.sentence and ctx.future():
        return "FUTURE_REF"  # "Islam will one day be ...": some day ahead
    m = re.search(r"\bthis (year|month|week|quarter)\b[^.;]*$", ctx.before, re.I)
    if t == "last" and m:  # "twice as high a dividend this year as last": the unit before
        return _value(f"last {m[1].lower()}", dct, ctx)
    if t in SETS:  # "daily": TimeML writes the period of a set
        return SETS[t]
    if re.fullmatch(r"(this|that|the present|the current)( \w+)? (moment|juncture|point in time)", t):
        return "PRESENT_REF"
    m = re.fullmatch(r"(?:the )?day (before|after) (.+)", t)
    if m:  # "the day before last Tuesday": a day from the day named
        inner = _value(m[2], dct, ctx)
        if inner and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner):
            return (dt.date.fromisoformat(inner) + dt.timedelta(days=-1 if m[1] == "before" else 1)).isoformat()
    m = re.fullmatch(r"(?:the )?week of (.+)", t)
    if m:  # "the week of March 6": the ISO week holding the day
        inner = _value(m[1], dct, ctx)
        if inner and re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner):
            return _iso_week(dt.date.fromisoformat(inner))
    m = re.fullmatch(r"(.+) week", t)
    if m and not re.match(r"(this|last|next|the|a|one|early|late)\b", m[1]):
        rule = _holiday_rule(m[1])  # "Easter week": the week of the nearest such holiday
        if rule:
            day = min((_holiday_date(rule, y) for y in (dct.year - 1, dct.year, dct.year + 1)),
                      key=lambda d: abs((d - dct).days))
            return _iso_week(day)
    m = re.fullmatch(r"(?:by |since |until |at |around )?(?:the )?year[- ]end", t)
    if m:  # the last day of the year: the year ahead for "by year-end", the one behind for "since year-end"
        back = re.search(r"\bsince\s*$", ctx.before, re.I) or t.startswith("since")
        return f"{dct.year - (1 if back else 0):04d}-12-31"
    m = re.fullmatch(r"(\w+) (day|week|month|year)s?", t)
    if m and _num(m[1]) and re.search(r"\bin\s*$", ctx.before, re.I) and ctx.future():
        n = _num(m[1])  # "will be redeemed in five years": a point that far ahead
        if m[2] == "year":
            return f"{dct.year + n:04d}"
        if m[2] == "month":
            y, mo = _shift_month(dct, n)
            return f"{y:04d}-{mo:02d}"
        if m[2] == "week":
            return _iso_week(dct + dt.timedelta(weeks=n))
        return (dct + dt.timedelta(days=n)).isoformat()
    return _NEXT


def _words_years(t: str, dct: dt.date, ctx: Context):
    """Years written in words, seasons and months of such years, "March last year"."""
    wy = _words_year(t)
    if wy:
        return f"{wy:04d}"
    m = re.fullmatch(r"(?:the )?(winter|summer|spring|fall|autumn) of (.+)", t)
    if m and _words_year(m[2]):
        return f"{_words_year(m[2]):04d}-{SEASONS[m[1]]}"
    m = re.fullmatch(r"([a-z]+)\.? (.+)", t)
    if m and m[1] in MONTHS and _words_year(m[2]):
        return f"{_words_year(m[2]):04d}-{MONTHS[m[1]]:02d}"
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
            year = int(m["year"]) if m["year"] else _month_year(month, dct, ctx, day)
            return f"{year:04d}-{month:02d}-{day:02d}"
    m = re.fullmatch(r"(?:(early|mid|late)[- ])?([a-z]+)\.?,?\s+(\d{4})", t)
    if m and m[2].rstrip(".") in MONTHS:
        return f"{int(m[3]):04d}-{MONTHS[m[2].rstrip('.')]:02d}"
    if t.rstrip(".") in MONTHS:
        month = MONTHS[t.rstrip(".")]
        return f"{_month_year(month, dct, ctx):04d}-{month:02d}"
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
        return _iso_week(sat) + "-WE"
    holiday = _holiday(t, dct, ctx)
    if holiday:
        return holiday
    if t in ("past years", "years past", "the past few years", "then", "then current", "past", "the time",
             "at the time"):
        return "PAST_REF"
    if t in ("the year", "the full year", "the whole year", "the current year", "the current fiscal year", "this fiscal year",
             "fiscal year", "the fiscal year"):
        return f"{dct.year:04d}"
    if t in ("the current quarter", "this quarter's"):
        return f"{dct.year:04d}-Q{_quarter(dct)}"
    if t in ("the latest fiscal year", "the last fiscal year", "the most recent fiscal year", "the previous fiscal year",
             "last fiscal year", "the last full year", "the latest full year"):
        return f"{dct.year - 1:04d}"
    if t in ("the last decade", "the past decade", "the previous decade"):
        return str(dct.year - 10)[:3]
    if t in ("the quarter", "the latest quarter", "the latest period", "the period",
             "the most recent quarter", "latest quarter", "the recent quarter"):
        q = _quarter(dct) - 2  # the quarter last reported: the one before the reference's
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
    return _NEXT
