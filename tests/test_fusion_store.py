"""Fusion against a real store with mentions written by hand: bridging merges and redirects, incremental runs,
the upgrade of a schema-1 store; on SQLite and on PostgreSQL with the same assertions."""
from __future__ import annotations

import datetime as dt
import json

from sitrep.fuse import event_id_for, fuse, resolve_id
from sitrep.models import Evidence, ResolvedMention
from sitrep.store import Store, _split_sql, is_url, migrations

from stores import raw_connection, set_schema_version

DAY = dt.date(2017, 6, 3)


def _mention(doc_id: str, actors: list[str], text: str) -> ResolvedMention:
    return ResolvedMention(
        doc_id=doc_id, event_type="Battles", sub_event_type="Armed clash", actor1=actors[0],
        actor2=actors[1] if len(actors) > 1 else None, location="Raqqa", admin1="Ar Raqqah", country="Syria",
        latitude=35.95283, longitude=39.00788, geo_precision=1, event_date=DAY, date_start=DAY, date_end=DAY,
        time_precision=1, evidence=[Evidence(doc_id=doc_id, start=0, end=len(text), text=text)])


def _add(store: Store, doc_id: str, outlet: str, *mentions: ResolvedMention, published=DAY) -> None:
    text = " ".join(e.text for m in mentions for e in m.evidence)
    with store.transaction() as c:
        c.execute("INSERT INTO documents (doc_id, path, kind, outlet, published, text, raw, meta_json, pipeline_version, "
                  "ingested_at) VALUES (?, ?, 'txt', ?, ?, ?, ?, '{}', 'test', '2026-01-01')",
                  (doc_id, f"{doc_id}.txt", outlet, published and published.isoformat(), text, text))
        for i, m in enumerate(mentions):
            c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, ?, ?)",
                      (f"{doc_id}:{i}", doc_id, i, m.model_dump_json()))


def test_a_report_naming_both_sides_merges_two_one_sided_reports(store_target):
    store = Store(store_target)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"], "Islamic State fighters attacked positions in Raqqa"))
    _add(store, "b", "Hawar", _mention("b", ["Syrian Democratic Forces"], "SDF fighters repelled an attack in Raqqa"))
    assert fuse(store) == 2  # nothing in common between the two actors: two events
    ea, eb = event_id_for("a:0"), event_id_for("b:0")
    assert {e["event_id"] for e in store.events()} == {ea, eb}
    _add(store, "c", "SOHR", _mention("c", ["Islamic State (Syria)", "Syrian Democratic Forces"],
                                      "Islamic State fighters and the SDF clashed in Raqqa"))
    assert fuse(store) == 0
    (ev,) = list(store.events())
    assert ev["event_id"] == ea  # the older event survives
    assert resolve_id(store, eb) == ea
    assert {s["doc_id"] for s in ev["sources"]} == {"a", "b", "c"}
    merge = store.conn.execute("SELECT old_id, new_id, mention_id, score, reasons FROM fusion_merges").fetchone()
    assert tuple(merge[:3]) == (eb, ea, "c:0") and merge[3] > 0 and json.loads(merge[4])


def test_fusion_is_incremental_and_keeps_ids(store_target):
    store = Store(store_target)
    _add(store, "a", "SOHR", _mention("a", ["Islamic State (Syria)", "Syrian Democratic Forces"], "Clashes in Raqqa"))
    fuse(store)
    before = store.conn.execute("SELECT data_json FROM events").fetchone()[0]
    assert fuse(store) == 0  # nothing new: nothing changes
    assert store.conn.execute("SELECT data_json FROM events").fetchone()[0] == before
    _add(store, "b", "Reuters", _mention("b", ["Syrian Democratic Forces", "Islamic State (Syria)"],
                                         "The SDF and Islamic State clashed in Raqqa"))
    fuse(store)
    (ev,) = list(store.events())
    assert ev["event_id"] == event_id_for("a:0") and len(ev["sources"]) == 2
    assert store.conn.execute("SELECT COUNT(*) FROM fusion_members").fetchone()[0] == 2


def test_a_schema_1_store_is_refused_on_upgrade_with_the_same_ids(store_target):
    path = store_target
    dialect = "postgresql" if is_url(path) else "sqlite"
    conn = raw_connection(path)
    for stmt in _split_sql(migrations(dialect)[0][2]):
        conn.execute(stmt)
    set_schema_version(conn, path, 1)
    m = _mention("a", ["Islamic State (Syria)"], "Clashes in Raqqa")
    old_id = event_id_for("a:0")  # schema 1 made one event per mention with this id
    conn.execute("INSERT INTO documents (doc_id, path, kind, text, raw, meta_json, pipeline_version, ingested_at) "
                 "VALUES ('a', 'a.txt', 'txt', 'Clashes in Raqqa', 'Clashes in Raqqa', '{}', 'old', '2026-01-01')")
    conn.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json, event_id) VALUES ('a:0', 'a', 0, ?, ?)",
                 (m.model_dump_json(), old_id))
    conn.execute("INSERT INTO events (event_id, event_type, sub_event_type, data_json) VALUES (?, 'Battles', "
                 "'Armed clash', '{}')", (old_id,))
    conn.close()
    store = Store(path)  # migrates to the latest schema: the old events are to be fused again
    assert store.schema_version == migrations()[-1][0]
    assert list(store.events()) == []
    assert fuse(store) == 1
    (ev,) = list(store.events())
    assert ev["event_id"] == old_id and ev["fusion"][0]["role"] == "founder"


def test_undated_reports_of_two_documents_never_merge(tmp_path):
    """Issue 15: undated reports (of undated documents) merged across documents built absurd totals; the same wording does not suffice."""
    store = Store(tmp_path / "s.db")
    text = "Islamic State fighters attacked positions in Raqqa killing 12"
    undated = dict(event_date=None, date_start=None, date_end=None, time_precision=None)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"], text).model_copy(update=undated), published=None)
    other = "A monitor said Islamic State fighters attacked army positions in Raqqa on the edge of town killing 12"
    _add(store, "b", "SOHR", _mention("b", ["Islamic State (Syria)"], other).model_copy(update=undated),
         published=None)
    assert fuse(store) == 2
    dated_a = _mention("c", ["Islamic State (Syria)"], text)
    _add(store, "c", "Amaq", dated_a)
    _add(store, "d", "SOHR", _mention("d", ["Islamic State (Syria)"], other))
    fuse(store)
    ev = _event_of(store)
    assert ev["a"] != ev["b"] and ev["c"] == ev["d"]  # the same reports with their day do merge


def test_undated_news_of_dated_documents_matches_within_the_days_before_publication(tmp_path):
    """An undated report in a dated document counts as news of the days before it, for matching only."""
    store = Store(tmp_path / "s.db")
    undated = dict(event_date=None, date_start=None, date_end=None, time_precision=None)
    _add(store, "a", "Amaq", _mention("a", ["Islamic State (Syria)"],
                                      "Islamic State fighters attacked positions in Raqqa killing 12").model_copy(update=undated))
    _add(store, "b", "SOHR", _mention("b", ["Islamic State (Syria)"],
                                      "A monitor said Islamic State fighters attacked army positions in Raqqa"
                                      ).model_copy(update=undated))
    old = _mention("c", ["Islamic State (Syria)"], "Islamic State fighters attacked positions in Raqqa in the past"
                   ).model_copy(update={**undated, "factuality": "historical"})
    _add(store, "c", "Hawar", old)
    fuse(store)
    ev = _event_of(store)
    assert ev["a"] == ev["b"] != ev["c"]
    (merged,) = [e for e in store.events() if len(e["sources"]) == 2]
    assert merged["event_date"] is None  # the event itself keeps no date


# -- story names (issue 15, GVC): the rare names two reports share --------------------------------------------
SHOOT = dict(event_type="Violence against civilians", sub_event_type="Attack", actor1=None,
             actor2="Civilians (United States)", country="United States", geo_precision=1, time_precision=1)


def _event_of(store: Store) -> dict[str, str]:
    """doc_id -> the event its mention joined."""
    return dict(store.conn.execute("SELECT doc_id, event_id FROM mentions").fetchall())


def _match_reasons(store: Store) -> list[str]:
    """The reasons of the one two-source event's match link."""
    (merged,) = [e for e in store.events() if len(e["sources"]) == 2]
    return next(f for f in merged["fusion"] if f["role"] == "match")["reasons"]


def _shooting(doc_id: str, place: tuple[str, float, float], day: dt.date, text: str, **kw) -> ResolvedMention:
    return ResolvedMention(doc_id=doc_id, location=place[0], latitude=place[1], longitude=place[2],
                           event_date=day, date_start=day, date_end=day,
                           evidence=[Evidence(doc_id=doc_id, start=0, end=len(text), text=text)], **{**SHOOT, **kw})


def _add_story(store: Store, doc_id: str, title: str, body: str, m: ResolvedMention, published: dt.date,
               published_from: str = "metadata") -> None:
    with store.transaction() as c:
        c.execute("INSERT INTO documents (doc_id, path, kind, outlet, title, published, published_from, text, raw, "
                  "meta_json, pipeline_version, ingested_at, main_mention) VALUES (?, ?, 'txt', ?, ?, ?, ?, ?, ?, "
                  "'{}', 'test', '2026-01-01', 0)", (doc_id, f"{doc_id}.txt", "Outlet " + doc_id, title,
                                                    published.isoformat(), published_from, body, body))
        c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, 0, ?)",
                  (f"{doc_id}:0", doc_id, m.model_dump_json()))


QUEENS, WARREN_MI, SALINA = ("Queens", 40.6815, -73.8365), ("Warren", 42.49, -83.01), ("Salina", 38.84, -97.61)


def test_reports_naming_the_same_victims_merge_across_a_misplaced_report(store_target):
    """Two reports of one shooting; one was placed in Michigan (a victim is called Viola Warren). The rare names
    they share (the victims') let them merge; a third shooting the same day with other names stays apart."""
    store = Store(store_target)
    day = dt.date(2015, 1, 24)
    a = ("Man Shoots Young Daughters and Family, Kills Himself",
         "A man shot his wife Shantai Hale and her mother Viola Warren in Queens on Saturday before killing himself.")
    b = ("Dad who massacred family thought wife cheated",
         "Police said Shantai Hale and Viola Warren were shot at the Arverne apartment; the father then shot himself.")
    c = ("Teen shot outside Salina store", "Marcus Delaney was shot outside a store on Saturday, police said.")
    _add_story(store, "a", *a, _shooting("a", QUEENS, day, a[1]), day)
    _add_story(store, "b", *b, _shooting("b", WARREN_MI, day, b[1]), day + dt.timedelta(days=1))
    _add_story(store, "c", *c, _shooting("c", SALINA, day, c[1]), day)
    fuse(store)
    ev = _event_of(store)
    assert ev["a"] == ev["b"] != ev["c"]
    assert any("names in common: Shantai Hale, Viola Warren" in r for r in _match_reasons(store))
    store.close()


def test_shared_names_do_not_merge_common_names_other_types_or_distant_dates(tmp_path):
    store = Store(tmp_path / "s.db")
    day = dt.date(2016, 3, 19)
    body = "Jordan Pickett was shot in the arm, Sheriff Dennis Lemma said."
    _add_story(store, "a", "Man shot", body, _shooting("a", QUEENS, day, body), day)
    # one of the names, eight days later (beyond story_names.max_days; a follow-up needs min_shared_followup):
    # a different incident
    again = "Jordan Pickett was shot again outside a bar, police said."
    _add_story(store, "b", "Man shot again", again, _shooting("b", WARREN_MI, day + dt.timedelta(days=8), again),
               day + dt.timedelta(days=8))
    # the same names and day, but an arrest, not the attack
    _add_story(store, "c", "Arrest", body, _shooting("c", SALINA, day, body, event_type="Strategic developments",
                                                     sub_event_type="Arrests"), day)
    fuse(store)
    ev = _event_of(store)
    assert len(set(ev.values())) == 3
    # a name that many documents carry is no evidence of one incident
    for i in range(3):
        _add_story(store, f"x{i}", "Sheriff Dennis Lemma speaks", "Sheriff Dennis Lemma and Jordan Pickett spoke.",
                   _shooting(f"x{i}", SALINA, day - dt.timedelta(days=300 + 20 * i), "A woman was shot."),
                   day - dt.timedelta(days=300 + 20 * i))
    _add_story(store, "d", "Shooting", body, _shooting("d", WARREN_MI, day, body), day)
    fuse(store)
    ev = _event_of(store)
    assert ev["d"] not in {ev["a"], ev["b"], ev["c"]}
    store.close()


def test_a_follow_up_weeks_later_naming_the_same_people_joins_the_incident_with_the_same_toll(tmp_path):
    """GVC: an arraignment report six weeks after a shooting, dated by the hearing, names the victim and the
    suspect: one incident (issue 15). With one shared name, or another death toll, it stays apart."""
    store = Store(tmp_path / "s.db")
    day, later = dt.date(2016, 3, 18), dt.date(2016, 4, 30)
    a = ("Man killed in Cedar Rapids shooting", "Senquez Jackson, 19, was shot and killed early Friday; police "
         "arrested Darnell Booker Tuesday.")
    b = ("Suspect pleads not guilty", "Darnell Booker pleaded not guilty Saturday in the death of Senquez "
         "Jackson, who was found with a gunshot wound in March.")
    c = ("Teen wounded", "Senquez Jackson's cousin Marla Tate was wounded in a shooting on Saturday.")
    _add_story(store, "a", *a, _shooting("a", QUEENS, day, a[1], fatalities=1), day)
    _add_story(store, "b", *b, _shooting("b", QUEENS, later, b[1], fatalities=1), later)
    _add_story(store, "c", *c, _shooting("c", QUEENS, later, c[1]), later)  # one shared name
    fuse(store)
    ev = _event_of(store)
    assert ev["a"] == ev["b"] != ev["c"]
    assert any("a follow-up naming the same people" in r for r in _match_reasons(store))
    store.close()
    # the same names with another death toll: another incident, not a follow-up
    store = Store(tmp_path / "t.db")
    d = ("Suspect charged", "Darnell Booker was charged Saturday with the deaths of Senquez Jackson and two men.")
    _add_story(store, "a", *a, _shooting("a", QUEENS, day, a[1], fatalities=1), day)
    _add_story(store, "d", *d, _shooting("d", QUEENS, later, d[1], fatalities=3), later)
    fuse(store)
    assert len(set(_event_of(store).values())) == 2
    store.close()


def test_a_report_matching_two_events_of_one_document_joins_the_one_it_leads_with(tmp_path):
    """An article told one shooting twice (two mentions, two events: one article's mentions never merge); a later
    report that matches both joins the event of the article's main mention when their scores are close
    (``main_bonus``), so the two articles' main events are one."""
    from sitrep.fuse import features, similarity

    store = Store(tmp_path / "s.db")
    day = dt.date(2016, 1, 17)
    lead, body = "A man was shot dead Saturday night, police said.", "The man was shot outside a liquor store."
    later = "A man was shot dead outside a liquor store Saturday night."
    a0, a1 = _shooting("a", QUEENS, day, lead, fatalities=1), _shooting("a", QUEENS, day, body)
    b0 = _shooting("b", QUEENS, day, later)
    s0, s1 = similarity(features(b0), features(a0))[0], similarity(features(b0), features(a1))[0]
    assert s1 > s0 > s1 - 0.1   # the body's event scores a little higher
    with store.transaction() as c:
        for doc_id, text, ms in (("a", f"{lead} {body}", [a0, a1]), ("b", later, [b0])):
            c.execute("INSERT INTO documents (doc_id, path, kind, outlet, title, published, published_from, text, "
                      "raw, meta_json, pipeline_version, ingested_at, main_mention) VALUES (?, ?, 'txt', ?, ?, ?, "
                      "'metadata', ?, ?, '{}', 'test', '2026-01-01', 0)", (doc_id, f"{doc_id}.txt", "Outlet " + doc_id,
                                                                           "Shooting", day.isoformat(), text, text))
            for i, m in enumerate(ms):
                c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, ?, ?)",
                          (f"{doc_id}:{i}", doc_id, i, m.model_dump_json()))
    fuse(store)
    ev = {m: e for m, e in store.conn.execute("SELECT mention_id, event_id FROM mentions").fetchall()}
    assert ev["b:0"] == ev["a:0"] != ev["a:1"]
    store.close()


def test_a_state_level_report_meets_the_town_inside_the_state(tmp_path):
    """One report places the shooting in the state (geo_precision 3, far from the town), another in the town:
    the state holds the town; a town of another state does not merge."""
    store = Store(tmp_path / "s.db")
    day = dt.date(2016, 6, 18)
    ohio = dict(admin1="Ohio", geo_precision=3)
    text = "A clerk was shot and killed during a robbery at a gun shop on Saturday, the sheriff said."
    _add_story(store, "a", "Clerk killed in gun shop robbery", text,
               _shooting("a", ("Ohio", 40.39323, -82.79342), day, text, **ohio), day)
    _add_story(store, "b", "Gun shop clerk shot dead in Amelia", "In Amelia a gun shop clerk was shot and killed "
               "during a robbery on Saturday.", _shooting("b", ("Amelia", 39.0284, -84.21771), day, "A gun shop "
               "clerk was shot and killed during a robbery on Saturday.", admin1="Ohio"), day)
    _add_story(store, "c", "Gun shop clerk shot dead in Richmond", "In Richmond a gun shop clerk was shot and "
               "killed during a robbery on Saturday.", _shooting("c", ("Richmond", 39.82894, -84.89024), day,
               "A gun shop clerk was shot and killed during a robbery on Saturday.", admin1="Indiana"), day)
    fuse(store)
    ev = _event_of(store)
    assert ev["a"] == ev["b"] != ev["c"]
    (merged,) = [e for e in store.events() if len(e["sources"]) == 2]
    assert merged["location"] == "Amelia"   # the more precise place
    assert any("amelia lies in Ohio" in r for r in _match_reasons(store))
    store.close()


def test_story_names_are_rare_capitalised_runs_without_stop_words_actors_or_places():
    from sitrep.fuse import rules
    from sitrep.fuse.names import StoryNames, story_names

    conf = rules()["story_names"]
    got = story_names("Police: Darin Booker shot Ashley Kendall", "On Monday the Syrian Observatory for Human "
                      "Rights said Islamic State fighters and Police Chief Tom Jones met at Kimlyn Circle Road in "
                      "Eastern Ghouta.", conf)
    assert {"Darin Booker", "Ashley Kendall", "Tom Jones", "Kimlyn Circle"} <= got
    assert not any(n.startswith(("Police", "On ")) for n in got)
    assert "Islamic State" not in got and "Syrian Observatory" not in got  # registry actors
    assert "Eastern Ghouta" not in got  # a gazetteer place says where, not which incident
    st = StoryNames([("a", 1, "Darin Booker", ""), ("b", 2, "Darin Booker", ""), ("c", 3, "Darin Booker", ""),
                     ("d", 4, "Darin Booker", "")], {**conf, "max_other_docs": 1})
    assert st.shared("b", ["a"]) == ["Darin Booker"]      # counted up to b: nobody else carries it yet
    assert st.shared("d", ["c"]) == []                     # a and b carry it too: not rare any more


def test_an_undated_main_event_takes_its_publication_date(tmp_path):
    store = Store(tmp_path / "s.db")
    pub = dt.date(2016, 4, 27)
    body = "Salina police say a fatal shooting appears to be accidental."
    undated = dict(event_date=None, date_start=None, date_end=None, time_precision=None)
    _add_story(store, "a", "Fatal shooting", body, _shooting("a", SALINA, pub, body).model_copy(update=undated), pub)
    fuse(store)
    (ev,) = list(store.events())
    assert (ev["event_date"], ev["date_start"], ev["date_end"], ev["time_precision"]) == \
        ("2016-04-27", "2016-04-20", "2016-04-27", 2)
    assert "publication date" in ev["notes"]
    # a publication date read from the text (not given by the publisher) dates nothing
    _add_story(store, "b", "Fatal shooting", body, _shooting("b", QUEENS, pub, body).model_copy(update=undated), pub,
               published_from="text")
    fuse(store)
    (ev_b,) = [e for e in store.events() if e["sources"][0]["doc_id"] == "b"]
    assert ev_b["event_date"] is None
    store.close()
