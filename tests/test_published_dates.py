"""The publication date's plain forms are read without dateparser (``sitrep.clean.published._plain_date``): every
such reading must be dateparser's own, with the settings parse_date gives it."""
import datetime as dt
import itertools

import dateparser
import pytest

from sitrep.clean.published import DATE_FORMS, _plain_date, parse_date

SETTINGS = {"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False,
            "RETURN_AS_TIMEZONE_AWARE": False}
MONTHS = ["jan", "Jan.", "January", "FEB", "February", "mar", "March", "Apr", "april", "May", "Jun", "June", "Jul",
          "July", "aug", "August", "Sep", "Sept", "Sept.", "September", "oct", "October", "Nov", "november", "Dec",
          "December"]
DAYS = ["1", "01", "3", "9", "12", "13", "28", "29", "30", "31"]


def _strings():
    for d, m, y in itertools.product(DAYS, MONTHS, ["2016", "2017", "1899", "2020"]):
        yield f"{d} {m} {y}"
        yield f"{m} {d}, {y}"
    for d, m, y in itertools.product(["1st", "2nd", "3rd", "4th", "21st", "31st"], ["March", "Feb", "June"], ["2016"]):
        yield f"{d} of {m} {y}"
        yield f"{m} {d} {y}"
        yield f"{d} {m}, {y}"
    for d, m, y in itertools.product(["1", "05", "12", "13", "29", "31"], ["1", "02", "6", "12", "13"], ["2016", "2000"]):
        for sep in "/.-":
            yield f"{d}{sep}{m}{sep}{y}"


def _dateparser(s):
    got = dateparser.parse(s, languages=["en", "ar"], settings=SETTINGS)
    return got.date() if got is not None and 1900 <= got.year <= 2100 else None


def test_every_plain_reading_is_dateparsers():
    checked = 0
    for s in _strings():
        assert DATE_FORMS.fullmatch(s), s  # only what the date forms find reaches parse_date
        mine = _plain_date(s)
        if mine is None:
            continue  # left to dateparser
        checked += 1
        want = _dateparser(s)
        assert (mine if 1900 <= mine.year <= 2100 else None) == want, s
    assert checked > 800


@pytest.mark.parametrize("s,want", [("3/4/2016", dt.date(2016, 4, 3)), ("March 3rd, 2017", dt.date(2017, 3, 3)),
                                    ("31/02/2016", None), ("١٢/٠٣/٢٠١٦", dt.date(2016, 3, 12)),
                                    ("2016-05-03", dt.date(2016, 5, 3)), ("12 Sept. 1850", None)])
def test_parse_date_reads_numeric_and_english_forms(s, want):
    assert parse_date(s) == want


def test_other_forms_are_still_dateparsers():
    for s in ["5 آذار 2016", "12 كانون الثاني 2017", "3 أيار ، 2015"]:
        assert _plain_date(s) is None
        assert parse_date(s) == _dateparser(s)
