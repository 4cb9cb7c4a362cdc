"""Dates against the publication date, never the clock."""
import datetime as dt

from sitrep.timeparse import anchor_dates, resolve


def test_weekday_is_the_most_recent_on_or_before_the_reference():
    ref = dt.date(2018, 2, 12)  # a Monday
    assert resolve("On Monday", ref).date == ref
    assert resolve("on Saturday", ref).date == dt.date(2018, 2, 10)
    assert resolve("the previous night", ref).date == dt.date(2018, 2, 11)


def test_no_reference_no_relative_date():
    assert resolve("on Saturday", None).date is None
    assert resolve("yesterday", None).date is None


def test_year_from_an_anchor_and_month_precision():
    anchors = anchor_dates(["Troops at the gate of the camp – May 6. 2018 (Damascus Now)"])
    assert resolve("Monday 7 May", None, anchors).date == dt.date(2018, 5, 7)
    w = resolve("in December 2017", None)
    assert (w.start, w.end, w.precision) == (dt.date(2017, 12, 1), dt.date(2017, 12, 31), 3)
    late = resolve("late April 2018", None)
    assert (late.start, late.end, late.precision) == (dt.date(2018, 4, 21), dt.date(2018, 4, 30), 2)
