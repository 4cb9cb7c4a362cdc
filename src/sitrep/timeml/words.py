"""Number words, ordinals, seasons, parts of day and the tense cues the TimeML values are read with."""
from __future__ import annotations

import re
from typing import Optional


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


def words_year(t: str) -> Optional[int]:
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


def num(word: str) -> Optional[int]:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUM_WORDS.get(word)
