"""Control statements: who holds how much of a place, as a sentence states it.

"the Islamic State is controlling nearly 70% of Yarmouk Camp area ... HTS fighters are stationed in a small spot
that represents 30% of the camp's area" gives two statements: IS 0.7 and HTS 0.3 of Yarmouk Camp. Patterns,
cues and share words are data (``data/control.yaml``). Actors come from the actor registry, places from the
gazetteer (transliteration-tolerant); "the camp" refers back to the last camp the document named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..actors import registry
from ..places import find, geocode
from ..resources import load_yaml


@dataclass
class ControlStatement:
    place: str
    place_text: str
    latitude: Optional[float]
    longitude: Optional[float]
    admin1: Optional[str]
    actor: str
    share: Optional[float]
    status: str                  # reported | claimed
    claimant: Optional[str]
    start: int                   # offsets of the sentence in the document's cleaned text
    end: int
    text: str
    notes: list[str] = field(default_factory=list)


def _words_re(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Patterns:
    def __init__(self, data: dict):
        self.cues = re.compile(rf"\b(?:{_words_re(data['cues'])})\b", re.I)
        self.any_cue = re.compile(rf"(?:{_words_re(data['cues'])})", re.I)  # a cue anywhere, word or not
        self.neg = re.compile(rf"\b(?:{_words_re(data['negations'])})\b", re.I)
        self.claim = re.compile(rf"\b(?:{_words_re(data['claim_cues'])})\b", re.I)
        hedge = _words_re(data["hedges"])
        self.shares = {k.lower(): v for k, v in (data.get("shares") or {}).items()}
        self.share = re.compile(
            rf"(?:\b(?:{hedge})\s+)?(?:(?P<pct>\d{{1,3}}(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)"
            rf"|\b(?P<word>{_words_re(self.shares)}))\s+of\s+(?P<rest>[^.;,()]{{0,80}})", re.I)
        self.anaphora = [a.lower() for a in data.get("anaphora") or []]


_P: Optional[_Patterns] = None


def patterns() -> _Patterns:
    global _P
    if _P is None:
        _P = _Patterns(load_yaml("control.yaml"))
    return _P


def _place(rest: str, last: dict[str, dict], country: Optional[str] = None) -> Optional[tuple[dict, str]]:
    """The place a share is 'of': a gazetteer name at the start of ``rest`` (in the story's country first), or
    'the camp' meaning the last camp."""
    head = rest[:60]
    for m in find(head):
        if m.start <= 12:  # "of (the nearby) Yarmouk Camp": the name opens the phrase
            hit = geocode(m.text, country) if country else geocode(m.text)
            if hit["name"] is None and country:
                hit = geocode(m.text)
            if hit["name"]:
                return hit, m.text
    am = re.match(r"(?:the\s+|its\s+|this\s+)(\w+)", head, re.I)
    if am:
        noun = am.group(1).lower().rstrip("s").replace("’", "'").split("'")[0]
        if noun in p_anaphora() and noun in last:
            return last[noun], am.group(0)
    return None


def p_anaphora() -> list[str]:
    return patterns().anaphora


def statements(text: str, sentences: list[tuple[int, int]], outlet: Optional[str] = None) -> list[ControlStatement]:
    """Control statements in a document's cleaned ``text``, sentence by sentence (offsets into ``text``)."""
    P = patterns()
    reg = registry()
    out: list[ControlStatement] = []
    last: dict[str, dict] = {}       # anaphora noun -> last place of that kind named
    from ..country import hint, of_document

    if not any(P.share.search(text[s0:s1]) and P.any_cue.search(text[s0:s1]) for s0, s1 in sentences):
        return out  # no sentence says who holds how much (a share and a cue): nothing to find, no place to remember
    country = of_document(text) or hint()  # the story's country, never a configured one
    for s0, s1 in sentences:
        sent = text[s0:s1]
        actors = [a for a in reg.find(sent)]
        fighters = [a for a in actors if not a.actor.is_claimant]
        claimants = [a for a in actors if a.actor.is_claimant]
        for sm in P.share.finditer(sent):
            found = _place(sm.group("rest"), last, country)
            if found is None:
                continue
            hit, place_text = found
            before = [a for a in fighters if a.end <= sm.start()]
            if not before:
                continue
            actor = before[-1]
            between = sent[actor.end:sm.start()]
            if not P.cues.search(between) or P.neg.search(between):
                continue
            if any(b.start >= actor.end for b in fighters if b.end <= sm.start() and b is not actor):
                continue
            if sm.group("pct"):
                share = min(float(sm.group("pct")) / 100.0, 1.0)
            else:
                share = P.shares.get(sm.group("word").lower())
            claimant, status = None, "reported"
            if claimants:
                c = claimants[0].actor
                claimant = c.short or c.name
                if c.stance == "party" or (c.media_of and P.claim.search(sent)):
                    status = "claimed"
            a = actor.actor
            out.append(ControlStatement(
                place=hit["name"], place_text=place_text, latitude=hit["latitude"], longitude=hit["longitude"],
                admin1=hit["admin1"], actor=a.display(hit.get("country") or country), share=share, status=status,
                claimant=claimant or outlet, start=s0, end=s1, text=sent))
        # remember the places of this sentence for "the camp" in the next ones
        for m in find(sent):
            hit = geocode(m.text, country) if country else geocode(m.text)
            if hit["name"]:
                for noun in P.anaphora:
                    if noun in m.text.lower() or (hit["feature"] or "").startswith(noun):
                        last[noun] = hit
    return out
