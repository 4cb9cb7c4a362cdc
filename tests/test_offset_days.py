"""A day counted from a named day ("the day after Thanksgiving", written before the day the model tags) and
"overnight" resolve against the publication date (``timeparse``, ``extract.drafts.with_offsets``)."""
from __future__ import annotations

import datetime as dt

from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process
from sitrep.timeparse import resolve


def mentions(title: str, text: str, published: dt.date):
    content = f"{title}\n\n{text}"
    raw = RawDocument(doc_id=doc_id_for("txt", content), path="story.txt", kind="txt", content=content,
                      meta=DocMeta(title=title, published=published))
    return process(raw).mentions


def test_overnight_is_the_night_that_ends_on_the_publication_day():
    ref = dt.date(2016, 6, 19)
    assert resolve("overnight", ref).date == ref
    assert resolve("last night", ref).date == dt.date(2016, 6, 18)


def test_a_day_counted_from_a_named_day():
    ref = dt.date(2016, 11, 29)  # a Tuesday; Thanksgiving 2016 was Thursday 24 November
    assert resolve("the day after Thanksgiving", ref).date == dt.date(2016, 11, 25)
    assert resolve("two days before Thanksgiving", ref).date == dt.date(2016, 11, 22)
    assert resolve("the day after Saturday", ref).date == dt.date(2016, 11, 27)
    # never past the reference: the day after this Thanksgiving is not yet, told on Thanksgiving
    assert resolve("the day after Thanksgiving", dt.date(2016, 11, 24)).date is None


def test_the_offset_written_before_the_day_dates_the_event():
    ms = mentions("Man sought in killing of teenager",
                  "Police are searching for a man they believe shot and killed a 16-year-old girl outside her home "
                  "in Camden the day after Thanksgiving.", dt.date(2016, 11, 30))
    dated = [m for m in ms if m.event_date is not None]
    assert dated and {m.event_date for m in dated} == {dt.date(2016, 11, 25)}
