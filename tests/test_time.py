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


def test_parts_of_a_month_without_a_year():
    ref = dt.date(2018, 5, 8)
    late = resolve("late April", ref)
    assert (late.start, late.end, late.precision) == (dt.date(2018, 4, 21), dt.date(2018, 4, 30), 2)
    early = resolve("in early May", ref)  # never past the reference day
    assert (early.start, early.end, early.precision) == (dt.date(2018, 5, 1), dt.date(2018, 5, 8), 2)
    assert resolve("in December", ref).start == dt.date(2017, 12, 1)  # the latest December on or before
    # no publication date: the article's full dates give the year, or nothing does
    assert resolve("late April", None, [dt.date(2018, 5, 6)]).start == dt.date(2018, 4, 21)
    assert resolve("late April", None, []).date is None
    since = resolve("since Sunday", ref)
    assert (since.start, since.end, since.precision) == (dt.date(2018, 5, 6), ref, 2)
    assert resolve("for three weeks", ref).date is None  # a duration is not a date


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


def test_timeml_values_from_the_sentence_and_the_document():
    from sitrep.timeml import Context, value
    dct = dt.date(1990, 8, 15)  # a Wednesday
    # the clause's tense decides the direction of a bare weekday
    future = Context(sentence="Saddam said he will begin withdrawing troops on Friday.",
                     before="Saddam said he will begin withdrawing troops on")
    assert value("Friday", dct, future) == "1990-08-17"
    past = Context(sentence="A spokesman said Friday that troops will remain.", before="A spokesman said")
    assert value("Friday", dct, past) == "1990-08-10"
    # "a year earlier" takes the granularity of the period the story is about
    doc = Context(sentence="Net income rose in the third quarter.")
    assert value("the third quarter", dt.date(1989, 10, 27), doc) == "1989-Q3"
    doc.sentence = "Profit was $5 million a year earlier."
    assert value("a year earlier", dt.date(1989, 10, 27), doc) == "1988-Q3"
    assert value("the year-ago quarter", dt.date(1989, 10, 27), doc) == "1988-Q3"
    # words, holidays (data/dates.yaml), weekends, vague references
    assert value("nineteen ninety-six", dct) == "1996"
    assert value("Thanksgiving Day", dt.date(1999, 11, 26)) == "1999-11-25"
    assert value("Election Day", dt.date(1998, 11, 5)) == "1998-11-03"
    assert value("the weekend", dt.date(1989, 10, 30)) == "1989-W43-WE"
    assert value("the near future", dct) == "FUTURE_REF"
    assert value("the fiscal first quarter", dct) == "1990-Q1"
    assert value("the 1988 third quarter", dct) == "1988-Q3"
    assert value("that day", dct, Context(previous=["1990-08-02"])) == "1990-08-02"
    assert value("the last half of 1989", dct) == "1989-H2" and value("the 20th century", dct) == "19"
    assert value("the nineties", dct) == "199" and value("1990 and beyond", dct) == "1990"
    assert value("next year's first quarter", dt.date(1989, 11, 2)) == "1990-Q1"


def _ctx(sentence: str, expr: str):
    from sitrep.timeml import Context
    i = sentence.index(expr)
    return Context(sentence=sentence, before=sentence[:i].strip(), after=sentence[i + len(expr):].strip())


def test_timeml_tense_of_the_clause_the_expression_hangs_on():
    from sitrep.timeml import value
    dct = dt.date(2000, 1, 7)  # a Friday
    # a tenseless clause ("her first stop") takes the tense of the clause before it
    s = "Albright is scheduled to spend five hours in Dar es Salaam, Tanzania, her first stop Monday morning."
    assert value("Monday morning", dct, _ctx(s, "Monday morning")) == "2000-01-10"
    # an expression opening the sentence takes the tense of the clause after it
    s = "On Tuesday, the league plans to hold a news conference."
    assert value("Tuesday", dct, _ctx(s, "Tuesday")) == "2000-01-11"
    s = "On Tuesday, the league held a news conference."
    assert value("Tuesday", dct, _ctx(s, "Tuesday")) == "2000-01-04"
    # a planned event, "as soon as", "set to": the next such day
    s = "Protesters planned a large demonstration on Saturday."
    assert value("Saturday", dct, _ctx(s, "Saturday")) == "2000-01-08"
    s = "The group might come as soon as Tuesday."
    assert value("Tuesday", dct, _ctx(s, "Tuesday")) == "2000-01-11"
    # the verb nearest the expression decides, and "will be named" is future
    s = "She will be named commander for a mission in December."
    assert value("December", dt.date(1998, 3, 4), _ctx(s, "December")) == "1998-12"
    s = "In September, it announced plans to acquire the unit."
    assert value("September", dt.date(1989, 10, 30), _ctx(s, "September")) == "1989-09"
    # a possessive weekday names an event already told
    s = "They said they would look for ways around Wednesday's ruling."
    assert value("Wednesday", dct, _ctx(s, "Wednesday")) == "2000-01-05"
    # a quotation that ends before the expression's sentence lends it no tense
    s = "``It will get worse.'' The rate declined from 4.1 percent in December."
    assert value("December", dt.date(1998, 2, 6), _ctx(s, "December")) == "1997-12"


def test_timeml_bare_month_by_its_preposition():
    from sitrep.timeml import value
    dct = dt.date(1989, 10, 30)
    s = "In the fiscal year ended Jan. 31, the company reported sales of $59.5 million."
    assert value("Jan. 31", dct, _ctx(s, "Jan. 31")) == "1989-01-31"  # a period that ended is past
    s = "The program is to pay down the loan by February."
    assert value("February", dct, _ctx(s, "February")) == "1990-02"  # a deadline: the nearest
    s = "The ratification began in February this year with Canada."
    assert value("February", dt.date(1998, 12, 3), _ctx(s, "February")) == "1998-02"


def test_timeml_sets_spans_and_anchored_days():
    from sitrep.timeml import Context, value
    dct = dt.date(2000, 2, 24)  # a Thursday
    assert value("daily", dct) == "P1D" and value("weekly", dct) == "P1W"
    assert value("day before last Tuesday", dct) == "2000-02-21"
    assert value("the day after Tuesday", dt.date(2000, 2, 26)) == "2000-02-23"
    assert value("the week of March 6", dct) == "2000-W10"
    assert value("Easter week", dt.date(2000, 4, 17)) == "2000-W16"  # Easter 2000: April 23
    assert value("Good Friday", dt.date(1998, 4, 20)) == "1998-04-10"  # Easter 1998: April 12
    assert value("this crucial moment", dct) == "PRESENT_REF"
    assert value("the last decade", dt.date(1998, 2, 6)) == "198"
    assert value("the current quarter", dt.date(1989, 10, 26)) == "1989-Q4"
    assert value("the latest fiscal year", dt.date(1989, 10, 26)) == "1988"
    # year-end: the one ahead for a deadline, the one behind for "since"
    assert value("year-end", dt.date(1989, 11, 2), _ctx("It expects to close the deal by year-end.", "year-end")) == "1989-12-31"
    assert value("year-end", dt.date(1989, 11, 2), _ctx("The change is since year-end.", "year-end")) == "1988-12-31"
    # "in five years" in a future clause: that far ahead; not a duration in the past
    assert value("five years", dt.date(1989, 11, 2), _ctx("The stock would be redeemed in five years.", "five years")) == "1994"
    assert value("five years", dt.date(1989, 11, 2), _ctx("Prices fell in five years.", "five years")) is None
    # compared over the nine months: a year, not the quarter the story is about
    doc = Context(previous=["1989-Q3"])
    doc.sentence = "For the nine months, net rose to $5 million from $4 million a year earlier."
    assert value("a year earlier", dt.date(1989, 10, 26), doc) == "1988"
    doc.sentence = "Net rose to $5 million from $4 million a year earlier."
    assert value("a year earlier", dt.date(1989, 10, 26), doc) == "1988-Q3"


def test_timeml_anaphoric_and_deadline_days():
    from sitrep.timeml import Context, value
    dct = dt.date(1989, 10, 30)  # a Monday
    doc = Context(previous=["1989-10-27"])  # the story's last day: a Friday
    doc.sentence = doc.before = "The index closed down 4.5% from"
    assert value("the previous Friday", dct, doc) == "1989-10-20"
    assert value("the previous Friday", dct) == "1989-10-27"  # no day named yet: before the reference
    s = "Traders squared positions ahead of the weekend."
    assert value("the weekend", dct, _ctx(s, "the weekend")) == "1989-W44-WE"
    s = "Officials postponed until Tuesday morning any action on the case."
    assert value("Tuesday morning", dt.date(2000, 3, 30), _ctx(s, "Tuesday morning")) == "2000-04-04"
    s = "The father would be traveling to the United States Thursday."  # 'United' is no past verb
    assert value("Thursday", dt.date(2000, 4, 5), _ctx(s, "Thursday")) == "2000-04-06"
    # "April 24 and 25": the day of the month just named
    doc = Context(previous=["1999-04-24"])
    doc.sentence, doc.before = "It will be held on April 24 and 25.", "It will be held on April 24 and"
    assert value("25", dt.date(1999, 2, 10), doc) == "1999-04-25"
    s = "In Saudi Arabia, today is the eighth day of Desert Shield."
    assert value("eighth day", dt.date(1990, 8, 15), _ctx(s, "eighth day")) == "1990-08-15"


def test_timeml_reference_is_the_story_filing_day():
    from sitrep.timeml import reference
    dct = dt.date(2000, 1, 15)
    assert reference(dct, "APW20000107.0088  NEWS STORY  2000-01-07 03:03") == dt.date(2000, 1, 7)
    assert reference(dt.date(1990, 8, 15), "AP-NR-08-13-90 1337EDT") == dt.date(1990, 8, 13)
    assert reference(dct, "NEWS STORY  2000-01-15") == dct
    assert reference(dct, "NEWS STORY  1999-06-01") == dct  # months before: not this story's week
    assert reference(dct, "NEWS STORY  2000-01-20") == dct  # never after the creation time
    assert reference(dct, "") == dct


def test_timeml_months_ellipsis_and_decades():
    from sitrep.timeml import value
    # a bare month three months ahead in a clause that does not look ahead is the last one
    s = "In January, American Medical brought in a new chief executive."
    assert value("January", dt.date(1989, 10, 27), _ctx(s, "January")) == "1989-01"
    # participles after a future verb keep it future
    s = "The split would be paid on a still unspecified date in January."
    assert value("January", dt.date(1989, 10, 26), _ctx(s, "January")) == "1990-01"
    # a deadline in a future clause is ahead even when the month lies six months off
    s = "Qantas will double its flights by August."
    assert value("August", dt.date(1998, 2, 13), _ctx(s, "August")) == "1998-08"
    s = "Islam will one day be the second largest religion."
    assert value("one day", dt.date(1998, 3, 3), _ctx(s, "one day")) == "FUTURE_REF"
    s = "The gain would mean twice as high a dividend this year as last."
    assert value("last", dt.date(1989, 10, 27), _ctx(s, "last")) == "1988"
    assert value("the last half of the '80s", dt.date(1989, 10, 26)) == "198"
    assert value("the '80s", dt.date(1989, 10, 26)) == "198"


def test_timeml_year_ago_of_a_reported_quarter_only():
    from sitrep.timeml import Context, value
    dct = dt.date(1989, 10, 26)
    doc = Context(previous=["1989-Q3", "1989-Q4", "1990-Q3"])  # the quarter reported, then forecasts
    doc.sentence = "In the year-ago period, Bethlehem earned $101.4 million."
    assert value("year-ago period", dct, doc) == "1988-Q3"


def test_timeml_until_then_and_dates_in_words():
    from sitrep.timeml import Context, value
    doc = Context(previous=["1989-11-30"])
    doc.sentence, doc.before = "Until then, the stock remains convertible.", "Until"
    assert value("then", dt.date(1989, 10, 30), doc) == "1989-11-30"
    assert value("then", dt.date(1989, 10, 30)) == "PAST_REF"  # no date named: the vague past
    dct = dt.date(1998, 3, 5)  # a Thursday
    assert value("this coming Sunday, March eighth", dct) == "1998-03-08"
    assert value("this coming Sunday", dct) == "1998-03-08"
