"""A story's dateline date is when it was filed, not when its event happened (extract/drafts.py `dateline_end`),
and a vague plural counted by another ("tens of thousands") is their product, so a war's running total is told
apart from one event's toll (extract/numbers/victims.py `vague_plural`). Articles written for these tests."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.annotate import english
from sitrep.extract import numbers

ARTICLES = {
    "dateline": ("Airstrike on village kills 30",
                 "May 3, 2024 - A military airstrike on a village in Myanmar's Sagaing region killed at least 30 "
                 "people on Thursday, witnesses said."),
    "no_dateline": ("Airstrike on village kills 30",
                    "A military airstrike on a village in Myanmar's Sagaing region killed at least 30 people on "
                    "May 3, 2024, witnesses said."),
    "war_total": ("RSF shelling kills 14 civilians in El Fasher",
                  "Shelling by the Rapid Support Forces killed 14 civilians in El Fasher on Saturday, medics said. "
                  "The army said its aircraft struck RSF positions east of the city, killing dozens of fighters. "
                  "The war between the army and the RSF, which began in April 2023, has killed tens of thousands of "
                  "people."),
}


DATELINE_PLACE = ("M23 rebels seize Rubaya mining town in eastern Congo",
                  "GOMA, Democratic Republic of Congo, May 1 (Reuters) - M23 rebels have seized control of Rubaya, a "
                  "mining town in eastern Congo's North Kivu province, after fighting with the army on Tuesday, local "
                  "officials said.")


HOLIDAY_NOUN = ("Gunmen kill 12 at party in Guanajuato",
                "Gunmen burst into a Christmas party in the town of Salvatierra in Mexico's Guanajuato state early "
                "Sunday and opened fire, killing at least 12 people, state prosecutors said.")


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> dict[str, list]:
    out = mentions_of(tmp_path_factory.mktemp("dateline"), ARTICLES)
    out.update(mentions_of(tmp_path_factory.mktemp("dateline_place"), {"dateline_place": DATELINE_PLACE},
                           published="2024-05-01"))
    out.update(mentions_of(tmp_path_factory.mktemp("holiday_noun"), {"holiday_noun": HOLIDAY_NOUN},
                           published="2023-12-18"))
    return out


def _main(mentions):
    return max(mentions, key=lambda m: m.fatalities or 0)


def test_the_dateline_date_is_when_the_story_was_filed_and_the_weekday_resolves_against_it(stories):
    ev = _main(stories["dateline"])
    assert ev.fatalities == 30 and ev.date_text == "Thursday", ev.date_text
    assert str(ev.event_date) == "2024-05-02", ev.event_date  # 3 May 2024 was a Friday


def test_a_dateline_whose_place_holds_small_words_is_still_the_filing_date(stories):
    ev = next(m for m in stories["dateline_place"] if m.sub_event_type == "Non-state actor overtakes territory")
    assert ev.date_text == "Tuesday" and str(ev.event_date) == "2024-04-30", (ev.date_text, ev.event_date)


def test_a_holiday_naming_a_noun_gives_way_to_the_date_written_as_such(stories):
    ev = _main(stories["holiday_noun"])
    assert ev.fatalities == 12 and str(ev.event_date) == "2023-12-17", (ev.date_text, ev.event_date)


def test_a_date_inside_the_story_is_still_the_event_date(stories):
    ev = _main(stories["no_dateline"])
    assert str(ev.event_date) == "2024-05-03", (ev.date_text, ev.event_date)


@pytest.mark.parametrize("text, value", [
    ("The war has killed tens of thousands of people.", 10_000),
    ("The war has killed hundreds of thousands of people.", 100_000),
    ("Shelling killed dozens of people.", 12),
    ("Shelling killed hundreds of people.", 100),
])
def test_a_vague_plural_counted_by_another_is_their_product(text, value):
    got = [c.value for c in numbers.find(english()(text)) if c.kind == "killed"]
    assert got == [value], got


def test_a_war_total_in_vague_words_is_no_event_toll(stories):
    tolls = sorted(m.fatalities for m in stories["war_total"] if m.fatalities)
    assert tolls == [12, 14], [(m.fatalities, m.date_text) for m in stories["war_total"]]
