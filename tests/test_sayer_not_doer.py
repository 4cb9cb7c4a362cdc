"""Who only reports an attack is not its doer (extract/roles.sayer_not_doer): "..., police said" with no attacker
named makes the story country's unidentified armed group actor 1, the reporter a ``source`` claim; fusion still
matches one incident's reports by that reporter (fuse/features._actors). Written articles, the whole pipeline."""
import pytest

from conftest import mentions_of

ARTICLES = {
    "mogadishu": ("Car bomb kills 12 at Mogadishu market",
                  "A car bomb exploded at a busy market in Mogadishu on Saturday, killing 12 people and wounding 20, "
                  "police said."),
    "maiduguri": ("Blast kills nine in Maiduguri",
                  "A bomb exploded at a crowded market in Maiduguri on Friday, killing nine people, the army said."),
    "jilib": ("Somali army says 15 militants killed",
              "Fifteen al-Shabaab militants were killed in a raid near Jilib on Sunday, the army said."),
    "kismayo": ("Soldiers ambush fighters",
                "Somali soldiers ambushed a convoy near Kismayo on Tuesday, killing seven civilians, police said. "
                "Police said the soldiers opened fire on the convoy."),
}


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    return mentions_of(tmp_path_factory.mktemp("sayer"), ARTICLES, published="2024-05-06")


def _toll(ms):
    return max(ms, key=lambda m: m.fatalities or 0)


@pytest.mark.parametrize("key,country,reporter", [("mogadishu", "Somalia", "Police Forces of Somalia"),
                                                   ("maiduguri", "Nigeria", "Military Forces of Nigeria")])
def test_who_only_reports_a_bombing_is_its_source_not_its_bomber(stories, key, country, reporter):
    m = _toll(stories[key])
    assert m.actor1 == f"Unidentified Armed Group ({country})"
    assert not any((a or "").startswith(reporter) for a in [m.actor1, m.actor2, *m.assoc_actor_1])
    src = [c for c in m.claims if c.kind == "source"]
    assert len(src) == 1 and src[0].value.startswith(reporter) and "said" in src[0].quote
    assert any(c.kind == "fatalities" for c in m.claims)  # the reporter still claims the figure it gave


def test_a_party_reporting_its_operation_on_another_camp_stays_its_actor(stories):
    m = _toll(stories["jilib"])
    assert m.actor1.startswith("Military Forces of Somalia") and m.actor2 == "Al Shabaab"
    assert not any(c.kind == "source" for c in m.claims)


def test_an_attacker_the_report_names_stays(stories):
    m = _toll(stories["kismayo"])
    assert m.actor1.startswith("Military Forces of Somalia")
    assert not any(c.kind == "source" for c in m.claims)


def test_fusion_matches_two_reports_by_their_shared_reporter(stories):
    from sitrep.fuse.features import _actors, _parties
    from sitrep.models import ResolvedMention

    m = _toll(stories["mogadishu"])
    other = ResolvedMention(**{**m.model_dump(), "actor1": next(c.value for c in m.claims if c.kind == "source"),
                               "claims": []})  # the same incident as a report that kept the reporter as actor 1
    assert _parties(_actors(m)) == _parties(_actors(other))
    assert "Unidentified Armed Group (Somalia)" not in _actors(m)


def test_the_classifiers_event_takes_no_sayer_as_party_and_names_the_story_countrys_forces(tmp_path):
    """An event only the learned classifier finds (extract/fallback) took its actors in the order named, the sayer
    included, and named generic forces for no country: "Salina police say a fatal shooting appears to be accidental"
    gave "Police Forces of Unknown" as the shooter. The subject of a report verb is no party there either."""
    got = mentions_of(tmp_path, {"salina": (
        "Police: Fatal Salina shooting appears to be accidental",
        "SALINA, Kan. (AP) - Salina police say a fatal shooting appears to be accidental.\n\nTrocheck says a single "
        "bullet struck Sanchez in the head. He died within hours at a Salina hospital.")}, published="2016-04-27")
    ms = got["salina"]
    assert ms and all(m.country == "US" for m in ms)
    assert not any("Police" in (m.actor1 or "") or "Unknown" in (m.actor1 or "") for m in ms), [m.actor1 for m in ms]
