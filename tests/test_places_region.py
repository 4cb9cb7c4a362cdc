"""The story's own region (issue 13, GVC): the first-level unit a story names (written out, abbreviated as news copy
does, or implied by its dateline or headline) decides among namesakes; a place in another unit needs its own
qualifier. Nothing here is fixed to a country."""
from __future__ import annotations

from sitrep.places.event import event_place, focus


def _place(name: str, sentence: str, text: str, title=None):
    f = focus(text, title)
    p, _ = event_place(name, [sentence], f)
    return f, p


def test_an_abbreviated_state_in_the_dateline_decides_the_town():
    text = ("SALINA, Kan. (AP) — Salina police say a fatal shooting appears to be accidental. The Salina Journal "
            "reports that the man, of Salina, had recently purchased a handgun.")
    f, p = _place("Salina", "Salina police say a fatal shooting appears to be accidental.", text)
    assert ("US", "Kansas") in f.region
    assert (p.country, p.admin1) == ("US", "Kansas")  # not Salina, Oklahoma or Utah
    assert all(q.admin1 == "Kansas" for q in f.places)


def test_the_headline_names_the_state():
    text = "Investigators said a Bedford woman appears to have shot and killed her two daughters before killing herself."
    f, p = _place("Bedford", text, text, title="AG: Bedford, New Hampshire, mother killed 2 children, herself")
    assert f.region == {("US", "New Hampshire")}
    assert p.admin1 == "New Hampshire"
    _, alone = _place("Bedford", text, text)
    assert alone.admin1 != "New Hampshire"  # without the headline nothing says which Bedford


def test_a_dateline_city_gives_its_state_and_a_place_elsewhere_keeps_its_own_qualifier():
    text = ("ATLANTA (AP) -- A man was shot dead in Columbus on Friday, police said. His brother drove in from "
            "Columbus, Ohio, the day before.")
    f, p = _place("Columbus", "A man was shot dead in Columbus on Friday, police said.", text)
    assert ("US", "Georgia") in f.region
    assert (p.country, p.admin1) == ("US", "Georgia")
    _, other = _place("Columbus", "His brother drove in from Columbus, Ohio, the day before.", text)
    assert other.admin1 == "Ohio"


def test_a_governorate_named_decides_a_village_anywhere():
    text = ("Air strikes hit the village of Tall Hamis in Hasakah province on Monday, killing five civilians, "
            "activists said.")
    f, p = _place("Tall Hamis", "Air strikes hit the village of Tall Hamis in Hasakah province on Monday.", text)
    assert f.country == "SY" and p.country == "SY" and p.admin1 == f.places[0].admin1


def test_no_region_named_changes_nothing():
    text = "Police in Springfield said a man was shot outside a bar late on Saturday."
    f = focus(text)
    assert f.region == set()


def test_a_state_standing_for_the_place_gives_way_to_a_town_the_story_names_inside_it():
    text = ("A Texas toddler is dead after being accidentally shot by his cousin. The boy was playing at his "
            "family's home in Corsicana when the older boy loaded a shotgun, Corsicana police said.")
    f = focus(text)
    p, precision = event_place("Texas", ["A Texas toddler is dead after being accidentally shot by his cousin."], f)
    assert (p.name, p.admin1, precision) == ("Corsicana", "Texas", 2)
    q, precision = event_place("Texas", ["A Texas toddler is dead."], focus("A Texas toddler is dead."))
    assert q.feature == "admin1" and precision is None  # nothing finer named: the state itself


def test_abbreviated_saints_and_generic_words_in_names():
    from sitrep.places import find

    found = {m.text: m.payload[0] for m in find("ST. LOUIS (KTVI) - A boy was shot in St. Augustine; police in "
                                                "Southwest Baltimore and on the Northeast Side, near Lake Moultrie.")}
    assert (found["ST. LOUIS"].name, found["ST. LOUIS"].admin1) == ("St. Louis", "Missouri")
    assert found["St. Augustine"].admin1 == "Florida"
    assert found["Baltimore"].admin1 == "Maryland"
    assert not {"Southwest", "Northeast", "Side", "Lake"} & set(found)
