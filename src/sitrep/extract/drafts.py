"""Drafts from one sentence: the sentence is read (claimant, figures, background scope), its trigger hits are
selected (:mod:`.selection`), and each chosen event becomes a ``Draft`` with its actors (:mod:`.roles`), place
(:mod:`.places`), figures (:mod:`.figures`), date and factuality."""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Optional

from .. import dateline, timeparse
from ..timeml.dates import holiday_rule
from ..resources import load_yaml
from . import numbers
from .attribution import attribution, speaker
from .background import Background, cues
from .figures import COUNTED, add_figures, figures_by_place, named_death, share_out
from .places import best_place, sentence_places
from .records import UNORGANISED, DocState, Draft, Figure, Sentence
from .roles import assign_actors
from .selection import choose, settle, usable_hits
from .triggers import Hit, find as find_triggers
from .words import words

HISTORY_DAYS = 60  # an event this long before the publication date is background (as in sitrep.resolve)
BARE_COUNT = re.compile(r"\s*\d{1,3}\s*")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@functools.lru_cache(maxsize=1)
def _furniture() -> list[re.Pattern]:
    """Sentence patterns of page furniture run into the text (data/boilerplate.yaml inline_sentence_patterns)."""
    return [re.compile(p) for p in load_yaml("boilerplate.yaml").get("inline_sentence_patterns", [])]


def _repeats_title(text: str, title: Optional[str]) -> bool:
    """The body's first line often repeats the headline ('Sun Aug 17 2014 Syrian air strikes ... kills 19.')."""
    if not title or len(title) < 15:
        return False
    norm = lambda x: re.sub(r"[^a-z0-9]+", " ", x.lower()).strip()  # noqa: E731
    return norm(title) in norm(text) and len(norm(text)) < len(norm(title)) + 40


def read_sentence(sdoc, block_index: int, offset: int, amap, places, state: DocState) -> Optional[Sentence]:
    """What a sentence says before any trigger is judged; None for a sentence about the war as a whole or page
    furniture ("Related Daesh Commander Killed by SDF ...": another article's headline run into the text)."""
    text = sdoc.text.strip()
    if any(rx.search(text) for rx in cues("context_cues")) or any(rx.search(text) for rx in _furniture()):
        return None
    alpha = [t for t in sdoc if t.is_alpha]
    headline = (len(alpha) >= 3 and sum(t.text[:1].isupper() for t in alpha) / len(alpha) > 0.6) or _repeats_title(
        text, state.doc.doc.title)
    claimant, verb = attribution(sdoc, amap, state)
    s = Sentence(sdoc=sdoc, text=text, block=block_index, offset=offset, start=offset + sdoc[0].idx,
                 end=offset + sdoc[-1].idx + len(sdoc[-1].text), amap=amap, places=places,
                 bg=Background(sdoc), headline=headline, claimant=claimant, verb=verb,
                 casualties=numbers.find(sdoc), speaker=None if claimant is not None and claimant.type not in UNORGANISED else speaker(sdoc, amap))
    state.figures += figures_of(s.casualties, s.start, s.text, offset, headline, s.bg,
                                claimant.name if claimant is not None else None)
    return s


def figures_of(casualties, sent_start: int, sent_text: str, offset: int, headline: bool, bg: Optional[Background],
               claimant: Optional[str]) -> list[Figure]:
    """The sentence's death figures with a number, as the story's toll candidates (the vague ones give none); a
    figure is background when its noun or its phrase's start lies in a background clause of the sentence."""
    def background(c) -> bool:
        if c.background or bg is None:
            return False if bg is None else c.background
        at = [c.start] + ([bg.sdoc[c.head_i].idx] if c.head_i is not None and c.head_i < len(bg.sdoc) else [])
        return any(bg.in_background(i) for i in at)

    return [Figure(c.value, offset + c.start, offset + c.end, c.text, sent_start, sent_text, headline, c.aggregate,
                   background(c), claimant, c.who, c.approx)
            for c in casualties if c.kind == "killed" and c.value]


def sentence_drafts(sdoc, block_index: int, offset: int, amap, places, state: DocState) -> list[Draft]:
    """The events one sentence tells (at most two kinds, more when tolls are told at several places). ``sdoc`` is
    the sentence as its own Doc, ``offset`` where its text starts in the document's text."""
    s = read_sentence(sdoc, block_index, offset, amap, places, state)
    if s is None:
        return []
    hits = find_triggers(sdoc)
    usable, non_event = usable_hits(s, hits)
    usable, figure_only, pseudo = settle(s, usable, non_event)
    if not usable:
        return []
    chosen = choose(s, usable)
    figures = share_out(chosen, s.casualties, sdoc, s.bg)
    drafts: list[Draft] = []
    for (h, fact), mine in zip(chosen, figures):
        drafts += _drafts_of(s, h, fact, mine, figure_only or h.start in pseudo, state)
    return drafts


def _drafts_of(s: Sentence, h: Hit, fact: str, mine: list, figure_only: bool, state: DocState) -> list[Draft]:
    """The draft of one chosen trigger (none for undated history), plus one per other place with a toll."""
    trig = s.sdoc[h.start]
    d, background = _new_draft(s, h, fact, figure_only)
    amap_clause = [(m, span) for m, span in s.amap if s.bg.in_span(span[0].idx) == s.bg.in_span(trig.idx)] if (
        s.bg.spans) else s.amap  # the actors of its own clause when the sentence also tells an earlier event
    assign_actors(d, s.sdoc, trig, amap_clause, s.amap, s.claimant, state, s.casualties)
    _mark_anaphoric(d, s.sdoc, h, trig)
    groups = _place_and_figures(s, d, trig, mine, state)
    named_death(d, s.sdoc, s.casualties)
    _date(s, d, trig, state)
    if d.factuality == "historical" and not background and not (d.date_text and YEAR.search(d.date_text)):
        return []  # history without a date it can be pinned to is background, not an event
    _resolve_date(d, state)
    d.separate = any(rx.search(s.text) for rx in cues("separate_event_cues"))
    out = [d]
    for place, cs in (groups or [])[1:]:
        other = dataclasses.replace(d, places=[(place[1], place[2])], killed=[], claims=[], injured=None,
                                    sentences=list(d.sentences), actors1=list(d.actors1),
                                    actors2=list(d.actors2), notes_bits=list(d.notes_bits), separate=True)
        add_figures(other, cs, state)
        out.append(other)
    return out


def _new_draft(s: Sentence, h: Hit, fact: str, figure_only: bool) -> tuple[Draft, bool]:
    """(the draft of a trigger, with its kind and factuality; whether the trigger's clause is background)."""
    w = words()
    trig = s.sdoc[h.start]
    background = s.bg.in_background(trig.idx)  # "last week", "in February" date their own clause
    sub, et = h.sub_event_type, h.spec.event_type
    if fact == "threatened":
        sub, et = "Other", "Strategic developments"
    if background and fact in ("reported", "claimed"):
        fact = "historical"
        background_told = s.bg.in_span(trig.idx)  # named in a phrase about an earlier event, not only dated
    else:
        background_told = False
    d = Draft(sub=sub, event_type=et, weight=h.spec.weight, trigger=s.sdoc[h.start:h.end].text,
              block=s.block, sent_start=s.start, sent_end=s.end, sent_text=s.text, factuality=fact,
              claimant=s.claimant, speaker=s.speaker, figure_only=figure_only and not background)
    d.sentences.append((s.start, s.end, s.text))
    d.counted_only = d.figure_only and h.spec.id.startswith(COUNTED)
    d.background = background_told
    d.loss = trig.lemma_.lower() in w.loss
    d.territory = sub in w.control_subs
    return d, background


def _mark_anaphoric(d: Draft, sdoc, h: Hit, trig) -> None:
    """'both sides', 'the clashes': the sentence refers back to an event already told."""
    low_words = {t.lower_ for t in sdoc[max(0, h.start - 4): h.start + 1]}
    if {"both", "two"} & low_words and "sides" in {t.lower_ for t in sdoc}:
        d.anaphoric = True
    if any(t.lower_ in ("the", "these", "those") and t.head == trig for t in sdoc) and trig.pos_ == "NOUN":
        d.anaphoric = True


def _place_and_figures(s: Sentence, d: Draft, trig, mine: list, state: DocState):
    """The draft's place (the most specific one nearest the trigger) and figures; with tolls at two places, the
    trigger's place first, each keeping the figures beside it: returns those groups (None without)."""
    found = sentence_places(s.places, s.sdoc, s.start, s.end, trig, s.offset + trig.idx, state)
    best = best_place(found)
    groups = figures_by_place(mine, found, s.start)
    if groups:
        groups.sort(key=lambda g: g[0][0])
        best = groups[0][0]
        mine = groups[0][1]
    if best:
        d.places.append((best[1], best[2]))
    add_figures(d, mine, state)
    return groups


DATELINE_DATE = dateline.DATELINE



def dateline_end(state: DocState) -> int:
    """Where the first body block's dateline ends in the document's text (0 without one): the date written there is
    when the story was filed, never the date of the event it tells."""
    if state.dateline_end is None:
        block = next((b for b in state.doc.doc.blocks if b.start is not None), None)
        m = DATELINE_DATE.match(block.text[:120]) if block is not None else None
        state.dateline_end = block.start + m.end() if m else 0
    return state.dateline_end


def date_entities(sdoc, offset: int, state: DocState) -> list:
    """The sentence's date and time entities that can date what it tells: not a publication date, not the
    dateline's, not a count or an age the model calls a date."""
    filed = dateline_end(state) - offset
    return [e for e in sdoc.ents if e.label_ in ("DATE", "TIME") and e.start_char >= filed
            and not words().publication_cue.search(sdoc.text[max(0, e.start_char - 30): e.start_char])
            and not BARE_COUNT.fullmatch(e.text)  # "the death toll ... was 45": a count the model calls a date
            and not any(rx.search(e.text) for rx in cues("not_date_cues"))]  # "a 17-year-old": an age


def with_offsets(text: str, ents: list) -> list[str]:
    """The dates' texts, each with the offset written before it ("the day after Thanksgiving", "the
    day-after-Christmas shooting", "two days before 12 May"): the model tags the offset and the day apart (the
    offset's own entity is dropped), or the day alone."""
    out, taken = [], []
    for e in ents:
        m = timeparse.OFFSET_BEFORE.search(text[max(0, e.start_char - 40): e.start_char])
        if m:
            taken.append((e.start_char - len(m[0]), e.start_char))
        out.append((e, f"{m[0].replace('-', ' ').strip()} {e.text}" if m else e.text))
    return [t for e, t in out if not any(lo <= e.start_char and e.end_char <= hi for lo, hi in taken)]


def _date(s: Sentence, d: Draft, trig, state: DocState) -> None:
    """The dates of the trigger's clause, except a publication date, the dateline's and a count the model calls a
    date."""
    bg = s.bg
    ents = [e for e in date_entities(s.sdoc, s.offset, state)
            if not bg.spans or bg.in_span(e.start_char) == bg.in_span(trig.idx)]
    # a holiday named as a modifier of a noun ("a Christmas party") gives way to a date the sentence writes as such
    # ("... a Christmas party ... early Sunday"); "the Thursday attack" keeps its day
    told = [e for e in ents if not (holiday_rule(e.text.lower()) and e.root.dep_ in ("compound", "amod", "nmod")
                                    and e.root.head.pos_ == "NOUN")]
    dates = with_offsets(s.sdoc.text, told or ents)
    if dates:
        d.date_text = "; ".join(dates)


def _resolve_date(d: Draft, state: DocState) -> None:
    """The date resolved against the publication date; months before it, the event is background ("a string of
    bombings in February", told in a November article)."""
    d.when = timeparse.resolve(d.date_text, state.ref, state.anchors) if d.date_text else None
    if (d.factuality in ("reported", "claimed") and state.history_ref is not None and d.when is not None
            and d.when.end is not None and (state.history_ref - d.when.end).days > HISTORY_DAYS):
        d.factuality = "historical"
