"""Every place choice the extractor makes, behind a narrow interface:

- the document's pass: :func:`title_places`, :func:`block_places` (each block's place
  candidates, with the article's places and place marks recorded in the ``DocState`` in reading order);
- one sentence: :func:`sentence_places` (the places a trigger's sentence names, each with its sort key) and
  :func:`best_place` (the one the event takes);
- the document's completion: :func:`complete_place` (a sentence that names no place), :func:`far_apart` and
  :func:`merge_places` (when drafts merge) and :func:`event_place_text` (the place an event reports).

Names, candidates and the choice among them are the places package's (:mod:`sitrep.places`: ``find``, ``choose``,
the learned ranker); what is left here is what the sentence's grammar says (where a source spoke, where fire came
from, a place named in passing). No country is fixed: the article's country is where its own places lie. A block
place is (start, end, text, candidates) with offsets in the document's text.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple, Optional

from ..places import FEATURE_RANK, Place, choose, find
from ..places.keys import skeleton
from ..models import AnnotatedDocument
from .attribution import in_report_frame
from .records import DocState, Draft
from .words import words

LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|on|outside|around|inside|into|across|toward|towards|of|from|"
                             r"between|within|throughout|over)\s+(?:[a-z][a-z'-]*\s+){0,4}$")
PROVINCE_AFTER = re.compile(r"(?i)^\s*(?:province|governorate|countryside)\b")
PROVINCE_BETWEEN = re.compile(r"(?i)^\s*(?:,|in|of|in the|of the)\s+(?:(?:north|south|east|west)(?:ern|-?east|-?west)?"
                              r"(?:ern)?\s+)?(?:rural\s+)?$")
DATELINE = re.compile(r"^[\s\W\d-]*(?:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s*)?$")
LOCATIVE_PREPOSITIONS = ("in", "at", "near", "outside", "inside", "across", "into", "on", "around", "throughout")


class SentencePlace(NamedTuple):
    key: tuple  # (outside the article's country, a place things came from, distance to the trigger): lower is better
    place: Place
    text: str
    start: int  # offset in the document's text


# --- the document's pass ---------------------------------------------------------------------------------------

def _in_country(p: Optional[Place], state: DocState) -> bool:
    return p is not None and p.feature != "country" and p.country == state.country


def title_places(title: Optional[str], state: DocState, ents: Optional[list] = None) -> None:
    """The headline's places in the article's country (a lead that names no place happened there). ``ents``: the
    language model's entities of the headline (a name inside a person's name is no place)."""
    if not title:
        return
    for m in find(title, others=ents):
        p = choose(m.payload, state.places)
        if _in_country(p, state):
            state.title_places.append((p, m.text))


def block_places(block, actor_mentions, first_body: bool, state: DocState, ents: Optional[list] = None) -> list:
    """A block's place candidates: gazetteer names that are not part of an actor's name (nor, by the language
    model's ``ents``, of a person's or a street's), not the dateline of the first body block, and within the
    province the text puts them in. The article's own places are recorded in reading order (state.places,
    state.place_marks)."""
    places = [p for p in _places_in(block.text, block.start, ents)
              if not any(m.start < p[1] and p[0] < m.end and (m.end - m.start) >= (p[1] - p[0])
                         for m in actor_mentions)]
    if first_body:
        places = [p for p in places if not _is_dateline(block.text, p[0] - block.start, p[1] - block.start)]
    places = _within_province(places, block.text, block.start)
    for s, e, name, cands in places:
        p = choose(cands, state.places)
        if _in_country(p, state):
            state.places.append(p)
            before = block.text[max(0, s - block.start - 60):s - block.start]
            # "evacuees from the towns of Fuaa": people's home, not where the story happened
            locative = bool(LOCATIVE_BEFORE.search(before)) and not words().origin_cue.search(before)
            state.place_marks.append((s, p, name, locative))
    return places


def _places_in(text: str, offset: int, ents: Optional[list] = None) -> list[tuple[int, int, str, list[Place]]]:
    return [(m.start + offset, m.end + offset, m.text, m.payload) for m in find(text, others=ents)]


def _is_dateline(text: str, start: int, end: int) -> bool:
    """'BEIRUT (Reuters) -', 'Damascus, SMART', 'AMMAN Nearly 50 air strikes': where the story was filed from."""
    w = words()  # the cue is read in the characters it can match (not the whole text before each place)
    if not DATELINE.match(text[:start]) and not w.dateline_cue.search(text[max(0, start - w.dateline_reach):start]):
        return False
    after = text[end:end + 40]
    return bool(re.match(r"\s*(\(|,|-|–|—|:|\s[A-Z][a-z]+|\s*$)", after)) or text[start:end].isupper()


def same_province(a: Optional[str], b: Optional[str]) -> bool:
    same = words().same_province
    return a is not None and (a == b or same.get(a) == b or same.get(b) == a)


def _within_province(places: list, text: str, offset: int) -> list:
    """'the village of Qassiab in Hasakeh province', 'Kherbat Hajam in Hamah countryside': the place lies in that
    province. Candidates elsewhere are dropped, and a name with none inside it is left out, so the province itself
    places the event rather than a namesake (or a near-spelling) across the country."""
    same = words().same_province
    out = []
    for i, (s, e, name, cands) in enumerate(places):
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt is not None and PROVINCE_BETWEEN.match(text[e - offset:nxt[0] - offset]) and \
                PROVINCE_AFTER.match(text[nxt[1] - offset:nxt[1] - offset + 15]):
            provinces = {p.admin1 for p in nxt[3] if p.feature == "admin1" and p.admin1}
            provinces |= {same[a] for a in provinces if a in same}
            provinces |= {k for k, v in same.items() if v in provinces}
            if provinces and not any(c.feature == "admin1" for c in cands):
                inside = [c for c in cands if c.admin1 in provinces]
                if not inside:
                    continue
                cands = inside
        out.append((s, e, name, cands))
    return out


# --- one sentence ----------------------------------------------------------------------------------------------

def sentence_places(places: list, sdoc, sent_start: int, sent_end: int, trig, tpos: int,
                    state: DocState) -> list[SentencePlace]:
    """The places of the block that the trigger's sentence names as where something happened: not where a source
    spoke, not another country named in passing, not a far-away name spaCy does not take for a place."""
    found = []
    for s, e, name, cands in places:
        if not (sent_start <= s < sent_end):
            continue
        if in_report_frame(sdoc, s - sent_start, trig):
            continue  # "... told ARA News in Damascus": where the source spoke, not where it happened
        if _government(sdoc, s - sent_start, e - sent_start):
            continue  # "Moscow and Damascus had rejected a plea": governments, not places
        place = choose(cands, state.places)
        if place is not None and place.country != state.country and not _locative(sdoc, s - sent_start):
            continue  # "the Istanbul-based coalition": another country named in passing
        if place is not None and place.country != state.country and not _ner_place(sdoc, s - sent_start, e - sent_start):
            continue  # abroad and not a place to the language model either ("Abu George", "Dayton accords")
        if place is None or place.feature == "country":
            continue
        found.append(SentencePlace((place.country != state.country, _origin(sdoc, s - sent_start), abs(s - tpos)),
                                   place, name, s))
    return found


def best_place(found: list[SentencePlace]) -> Optional[SentencePlace]:
    """The place nearest the trigger; a province gives way to a town the sentence names inside it ("in Homs
    province's Talbiseh"), never to one in another province ("in Daraa countryside ... in Eastern Ghouta")."""
    best = min(found, key=lambda x: x[0]) if found else None
    if best is not None and FEATURE_RANK.get(best.place.feature, 8) <= 1:
        inside = [x for x in found if FEATURE_RANK.get(x.place.feature, 8) > 1 and x.key[:2] == best.key[:2]
                  and same_province(x.place.admin1, best.place.admin1)]
        if inside:
            best = min(inside, key=lambda x: x[0])
    return best


def _token_at(sdoc, char_offset: int):
    return next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), None)


def _ner_place(sdoc, start: int, end: int) -> bool:
    return any(e.label_ in ("GPE", "LOC", "FAC") and e.start_char < end and start < e.end_char for e in sdoc.ents)


def _origin(sdoc, char_offset: int) -> bool:
    """'evacuees from Fuaa and Kafraya', 'rockets fired from Idlib': where people or fire came from, which ACLED
    does not code as the event's place when the text names another."""
    tok = _token_at(sdoc, char_offset)
    if tok is None:
        return False
    head = tok
    while head.dep_ in ("compound", "amod", "nmod", "flat", "conj", "appos") and head.head != head:
        head = head.head
        if head.dep_ == "pobj":
            break
    if head.dep_ == "pobj" and head.head.lower_ == "of":  # "the towns of Fuaa": go up to the town noun
        head = head.head.head
    return head.dep_ == "pobj" and head.head.lower_ == "from"


def _government(sdoc, start: int, end: int) -> bool:
    """A place named as its government: the subject of a verb of speech or stance ("Damascus denied", "Moscow and
    Damascus had rejected a plea", "Ankara agreed"), or the one accused ("accused Ankara of ..."); not a name inside
    a longer one ("the Aleppo Media Center said")."""
    tok = _token_at(sdoc, start)
    if tok is None:
        return False
    head = tok
    while head.head != head and (head.dep_ == "conj" or (head.dep_ in ("compound", "flat") and head.head.idx < end)):
        head = head.head
    w = words()
    verbs = w.report_verbs | w.accuse | w.deny | w.stance_verbs
    verb = head.head.lemma_.lower()
    if head.dep_ == "nsubj" and head.head.pos_ in ("VERB", "AUX"):
        return verb in verbs
    return head.dep_ == "dobj" and verb in w.accuse


def _locative(sdoc, char_offset: int) -> bool:
    """The place is where something is: object of 'in', 'at', 'near', 'outside', 'inside', 'across', 'into'."""
    tok = _token_at(sdoc, char_offset)
    if tok is None:
        return False
    head = tok
    while head.dep_ in ("compound", "amod", "nmod", "flat") and head.head != head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


# --- the document's completion ---------------------------------------------------------------------------------

def complete_place(d: Draft, drafts: list[Draft], state: DocState) -> None:
    """A sentence that names no place happened where the story was: the last event with the same parties, else
    the last specific place the article named."""
    if d.places:
        return
    ids = {a.id for a in d.actors1 + d.actors2}
    for prev in reversed(drafts):
        if prev.places and ids & {a.id for a in prev.actors1 + prev.actors2}:
            d.places.append(prev.places[-1])
            d.place_inferred = True
            return
    # a place named as a place ("in Raqqa", "the town of X"), not as a government ("its Damascus ally")
    marks = [x for x in state.place_marks if x[1].country == state.country and x[3]]
    before = [x for x in marks if x[0] < d.sent_start]
    after = [x for x in marks if x[0] >= d.sent_end]
    if not before and state.title_places:  # a lead that names no place: where the headline says
        d.places.append(state.title_places[0])
        d.place_inferred = True
        return
    pick = before[-1] if before else (after[0] if after else None)  # the last place named; in a lead, the next
    if pick is not None:
        d.places.append((pick[1], pick[2]))
        d.place_inferred = True


def far_apart(a: Draft, b: Draft) -> bool:
    """Both drafts name places, and the nearest two are more than 100 km apart."""
    pa, pb = [p for p, _ in a.places], [p for p, _ in b.places]
    return bool(pa and pb and min(x.km_to(y) for x in pa for y in pb) > 100)


def merge_places(into: Draft, d: Draft) -> None:
    """The places of a draft merged into another (call before merging the figures)."""
    if into.place_inferred and d.places and not d.place_inferred:
        into.places, into.place_inferred = [], False  # the sentence that names the place wins over context
    names = {skeleton(q.name) for q, _ in into.places}
    detail = bool(d.places and into.places and into.killed and not d.killed and not into.place_inferred and all(
        min(p.km_to(q) for q, _ in into.places) < 10 and skeleton(p.name) not in names for p, _ in d.places))
    if not (d.place_inferred and into.places) and not detail:
        # (a sentence that only adds detail nearby, "destroyed a tank on the edge of al-Hajar al-Aswad", does not
        # move the event from where its toll was told, "killed 30 soldiers ... in the Yarmouk area")
        into.places += d.places


def event_place_text(places: list[tuple[Place, str]]) -> Optional[str]:
    """The place most sentences name, the more specific on a tie (as written in the text)."""
    if not places:
        return None
    votes = Counter(p.name for p, _ in places)
    best = min(places, key=lambda x: (-votes[x[0].name], FEATURE_RANK.get(x[0].feature, 8) <= 1,
                                      -FEATURE_RANK.get(x[0].feature, 8)))
    return best[1]
