"""An actor the sentence names doing another act, while the event's clause has a subject of its own, is no side of
the event ("Police have made an arrest after a mother and her son were found shot": the police arrested, they did not
shoot): ``extract.roles.other_act``; the attackers of a violent act stay the killers ("five soldiers were killed as
IS fighters attacked a checkpoint")."""
from __future__ import annotations

import datetime as dt

from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process


def _events(title: str, body: str):
    text = f"{title}\n\n{body}"
    raw = RawDocument(doc_id=doc_id_for("txt", text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(published=dt.date(2016, 11, 30)))
    return process(raw).mentions


def test_who_arrests_after_a_killing_is_not_the_killer():
    got = _events("Mother and son shot dead", "Police have made an arrest after a mother and her young son were "
                  "found shot to death in their home in Greensburg, Pennsylvania, on Wednesday morning.")
    attack = [m for m in got if m.fatalities == 2]
    assert attack and not (attack[0].actor1 or "").startswith("Police")


def test_who_investigates_a_killing_is_not_the_killer():
    got = _events("Family killed in hotel", "A young couple and their baby were killed inside a hotel room in "
                  "Fairbanks, Alaska, on Friday afternoon and police are investigating the incident.")
    attack = [m for m in got if m.fatalities == 3]
    assert attack and not (attack[0].actor1 or "").startswith("Police")


def test_attackers_of_a_violent_act_stay_the_killers():
    got = _events("Five soldiers killed", "Five soldiers were killed as Islamic State fighters attacked a "
                  "checkpoint near Palmyra on Friday.")
    killed = [m for m in got if m.fatalities == 5]
    assert killed and (killed[0].actor1 or "").startswith("Islamic State")


def test_police_who_arrest_and_report_a_shooting_are_not_its_attacker():
    """The arrest's agent is not filled into a later sentence's shooting ("the double shooting" refers back to the
    shooting, not to the arrest), and a trooper who only tells the shooting is its reporter, not its doer."""
    got = _events("Mother, son shot dead in Greensburg", "Police have made an arrest after a mother and her young "
                  "son were found shot to death in their Greensburg home on Wednesday morning.\n\nA 14-year-old boy "
                  "is being charged in connection with the double shooting, according to court papers.\n\n"
                  "\u201cIt appears they were both shot in the head,\u201d said Trooper John Smith, of Pennsylvania "
                  "State Police.")
    attacks = [m for m in got if m.sub_event_type == "Attack"]
    assert attacks and all(not (m.actor1 or "").startswith("Police") for m in attacks)


def test_police_who_shoot_are_still_the_attacker():
    got = _events("Police kill gunman", "Police shot and killed a gunman who opened fire at a mall in Dallas, Texas, "
                  "on Sunday.")
    assert any((m.actor1 or "").startswith("Police") and m.fatalities == 1 for m in got)
