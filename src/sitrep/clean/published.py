"""Publication date stated in an article's own text.

Only a date the page gives as ITS publication date counts: a date after a publication cue ("Published on ...",
Arabic "تم النشر بتاريخ : ..."), or a date standing first in the article (a dateline such as "09-05-2016 Five
civilians ..."). Dates inside the story are event dates, never the publication date. Nothing here looks at the
clock: no cue, no date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Iterable, Optional

from ..resources import load_yaml

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_MONTHS_EN = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTHS_AR = (r"يناير|كانون الثاني|فبراير|شباط|مارس|آذار|أبريل|ابريل|نيسان|مايو|أيار|يونيو|حزيران|يوليو|تموز|أغسطس|"
              r"آب|سبتمبر|أيلول|أكتوبر|اكتوبر|تشرين الأول|نوفمبر|تشرين الثاني|ديسمبر|كانون الأول")
DATE_FORMS = re.compile(
    r"(?P<d>"
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS_EN})\.?\s*[.,،]?\s+\d{{4}}"
    rf"|(?:{_MONTHS_EN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*[.,،]?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS_AR})\s*[،,]?\s*\d{{4}}"
    r")",
    re.I,
)


@functools.lru_cache(maxsize=1)
def _cues() -> list[re.Pattern]:
    data = load_yaml("dates.yaml")
    return [re.compile(p, re.I) for p in data["publication_cues"]]


_MONTH_NUMBERS = {name: n for n, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], 1) for name in names}
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS_EN})\.?\s*[.,،]?\s+(\d{{4}})", re.I)
_MONTH_DAY = re.compile(rf"({_MONTHS_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*[.,،]?\s+(\d{{4}})", re.I)


def _plain_date(s: str) -> Optional[dt.date]:
    """The English and numeric forms of DATE_FORMS read directly, when they name a real day; None leaves the
    string to dateparser (Arabic month names, impossible days). dateparser reads these forms the same way
    (tests/test_published_dates.py compares both) but builds its time-zone patterns on its first call (~0.4 s)."""
    if m := _NUMERIC.fullmatch(s):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _DAY_MONTH.fullmatch(s):
        d, mo, y = int(m.group(1)), _MONTH_NUMBERS[m.group(2).lower()], int(m.group(3))
    elif m := _MONTH_DAY.fullmatch(s):
        d, mo, y = int(m.group(2)), _MONTH_NUMBERS[m.group(1).lower()], int(m.group(3))
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def parse_date(s: str) -> Optional[dt.date]:
    """A complete calendar date (day, month and year all written) or None. Day-first for numeric dates."""
    s = s.translate(ARABIC_DIGITS).strip()
    settings = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False,
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
            y, m, d = (int(x) for x in s.split("-"))
            return dt.date(y, m, d)
        got = _plain_date(s)
        if got is not None:
            return got if 1900 <= got.year <= 2100 else None
        import dateparser

        got = dateparser.parse(s, languages=["en", "ar"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if got is None or not (1900 <= got.year <= 2100):
        return None
    return got.date()


def first_date(text: str) -> Optional[tuple[dt.date, str]]:
    for m in DATE_FORMS.finditer(text.translate(ARABIC_DIGITS)):
        d = parse_date(m.group("d"))
        if d:
            return d, m.group("d")
    return None


TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|gmt|utc|[+-]\d{2}:?\d{2})?", re.I)
WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\b\.?", re.I)


def _dateline(line: str) -> Optional[tuple[dt.date, str]]:
    """A head line that is a date with at most a name or two around it ("Enab Baladi Online 26/11/2017")."""
    norm = line.translate(ARABIC_DIGITS).strip()
    if len(norm.split()) > 14:
        return None
    m = DATE_FORMS.search(norm)
    if not m:
        return None
    rest = WEEKDAY.sub(" ", TIME.sub(" ", norm[: m.start()] + " " + norm[m.end():]))
    rest = DATE_FORMS.sub(" ", rest)  # an "Update: <date>" beside the first date
    if len(re.findall(r"\w+", rest)) > 5:
        return None
    d = parse_date(m.group("d"))
    return (d, line.strip()) if d else None


def published_from_text(lines: Iterable[str], first_body: Optional[str] = None,
                        head: Iterable[str] = ()) -> Optional[tuple[dt.date, str]]:
    """(date, evidence) of the publication date stated in the page text, or None.

    ``lines`` are all removed lines of the page (bylines and navigation are where sites put it); ``head`` the
    lines above the article's first paragraph, where a line holding nothing but a date is the page's date;
    ``first_body`` is the article's first paragraph, whose leading date is a dateline.
    """
    for line in lines:
        norm = line.translate(ARABIC_DIGITS)
        for cue in _cues():
            m = cue.search(norm)
            if m:
                found = first_date(norm[m.end(): m.end() + 60])
                if found:
                    return found[0], line.strip()
    for line in head:
        found = _dateline(line)
        if found:
            return found
    if first_body:  # "Date of publication 4 April 2017 At least 72 people ...": a cue opening the first paragraph
        opening = first_body.translate(ARABIC_DIGITS)[:80]
        for cue in _cues():
            m = cue.search(opening)
            if m and m.start() < 20:
                found = first_date(opening[m.end(): m.end() + 40])
                if found:
                    return found[0], opening[: m.end() + 40].strip()
    if first_body:
        head = first_body.translate(ARABIC_DIGITS).lstrip()[:40]
        m = DATE_FORMS.match(head)
        if m:
            d = parse_date(m.group("d"))
            if d:
                return d, m.group("d")
    return None
