"""Tolls written as patterns, and running totals ("since 2011", "in the past week", "the war has killed") told
apart from one event's figure."""
from __future__ import annotations

import re
from typing import Optional

from ..background import cues
from .words import lexicon

PERIOD = re.compile(r"\b(in|over|during|within|throughout) the (last|past|previous) (\w+ )?(days|weeks?|months?|years?)\b")
WAR_TOTAL = re.compile(r"\b(war|conflict|crisis|uprising|revolution|civil war|fighting)\b", re.I)
SINCE = re.compile(r"\bsince\b|\bso far\b|\bto date\b|\bin total\b|\boverall\b|\bthis year\b|\blast year\b", re.I)


def without_episode_spans(text: str) -> str:
    """The text with its spans of a few days (dates.yaml episode_spans) read out."""
    for p in cues("episode_spans"):
        text = p.sub(" ", text)
    return text


def aggregate(sent, lo: int, hi: int, value: Optional[int] = None, tok=None) -> bool:
    """A running total (a war's, a campaign's, a period's), not one event's toll."""
    # a toll over a few days ("during the past three days", "since Thursday") is one episode's, not a total
    text = without_episode_spans(sent.text.lower())
    if any(a in text for a in lexicon()["aggregate"]) or PERIOD.search(text):
        return True
    if tok is not None:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"has", "have", "had"} and SINCE.search(text):
            return True  # "has killed hundreds since it declared a caliphate"
        if any(a.lemma_.lower() in ("war", "conflict", "crisis", "uprising", "revolution") for a in tok.ancestors):
            return True  # "a war that has killed more than 290000"
    if value is not None and value >= 1000 and WAR_TOTAL.search(text):
        return True
    if value is not None and value >= 5000:
        return True  # no single event of this war killed so many; a toll this size is a total
    if tok is not None and value is not None and value >= 300 and {c.lower_ for c in tok.children} & {"have", "has"}:
        return True  # "300000 people have been killed": a running total
    return False


RAISED_TOLL = re.compile(r"\b(?:rais|bring|brought|put|push|lift|increas)\w*\s+(?:the|its)\s+(?:death\s+)?toll\b[^.;]{0,100}?"
                         r"\bto\s+(?:at least\s+|nearly\s+|about\s+|more than\s+)?(?P<n>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)\b", re.I)
TOLL = re.compile(r"\b(?:death toll|toll of dead|toll|number of (?:dead|deaths|victims|those killed))\b[^.;]{0,80}?"
                  r"\b(?:rose|risen|rises|climbed|climbs|reached|reaches|increased|jumped|hit|stands? at|stood at|is|was|of)"
                  r"\s+(?:to\s+)?(?:at least\s+|nearly\s+|about\s+|more than\s+)?(?P<n>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)\b", re.I)
