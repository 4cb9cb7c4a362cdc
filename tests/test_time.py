"""Dates against the publication date, never the clock."""
import datetime as dt

from sitrep.timeparse import anchor_dates, resolve, weekday_reference


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


def test_without_publication_date_a_date_written_with_its_weekday_fixes_the_week():
    texts = ["Troops at the gate of the camp – May 6. 2018 (Damascus Now)",
             "Airstrikes throughout the day on Monday 7 May.", "Amaq claimed on Sunday that 30 were killed.",
             "The campaign began on Thursday 19 April."]
    anchors = anchor_dates(texts)
    week = weekday_reference(texts, anchors)
    assert week == dt.date(2018, 5, 7)  # the latest date written with its (matching) weekday
    assert resolve("on Sunday", None, anchors, week).date == dt.date(2018, 5, 6)
    assert resolve("Monday", None, anchors, week).date == dt.date(2018, 5, 7)
    since = resolve("since Sunday", None, anchors, week)
    assert (since.start, since.end) == (dt.date(2018, 5, 6), dt.date(2018, 5, 7))
    assert resolve("Thursday 19 April", None, anchors, week).date == dt.date(2018, 4, 19)
    # only weekdays: the article's own day is not known, so "yesterday" stays null
    assert resolve("yesterday", None, anchors, week).date is None
    # a weekday that does not fit the date (wrong year, or a typo) fixes nothing
    assert weekday_reference(["on Tuesday 7 May"], [dt.date(2018, 5, 6)]) is None
    assert weekday_reference(["on Sunday the camp was shelled"], []) is None


def test_relative_periods_against_the_reference():
    ref = dt.date(2018, 2, 12)
    assert resolve("three days ago", ref).date == dt.date(2018, 2, 9)
    w = resolve("last week", ref)
    assert (w.start, w.end, w.precision) == (dt.date(2018, 2, 5), dt.date(2018, 2, 11), 2)
    assert resolve("next week", ref).date is None  # an event is not dated to the future
    assert resolve("last month", ref).start == dt.date(2018, 1, 1)


def test_timeml_values_as_timebank_writes_them():
    from sitrep.timeml import value
    dct = dt.date(1998, 2, 6)  # a Friday
    assert value("yesterday", dct) == "1998-02-05"
    assert value("last year", dct) == "1997"
    assert value("the third quarter", dct) == "1998-Q3"
    assert value("this week", dct) == "1998-W06"
    assert value("now", dct) == "PRESENT_REF"
    assert value("the 1990s", dct) == "199"
    assert value("March", dct) == "1998-03"  # a bare month: the nearest one
