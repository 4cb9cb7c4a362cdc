"""The story's main event: what the headline and the lead report.

An article names many events: its news, what led to it, earlier attacks it recalls, threats. Its main event is
the one it was written about: news (reported or claimed, not historical, threatened or planned) told in the lead
(the title and the body's first sentences); among those, the one of the kind the headline announces ("Air strikes
kill 12 in Idlib": an air strike), the one with the largest toll when the headline and the lead give several
figures for it ("6 killed" in the headline, "one of them a child" after it), else the earliest told. When no news event is in the lead, the article's news
event of the headline's kind, else its first news event.

The document row keeps the index of that mention (``documents.main_mention``); its exported ``main_event`` is the
fused event that mention belongs to, so it follows merges.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..models import AnnotatedDocument, EventMention
from .triggers import find as find_triggers

NEWS = ("reported", "claimed")
LEAD_SENTENCES = 2   # the lead: the title and the body's first sentences


def headline_kinds(doc: AnnotatedDocument) -> tuple[set[str], set[str]]:
    """(event types, sub-event types) the headline's triggers announce; empty when it names no event."""
    if not doc.doc.title:
        return set(), set()
    from .engine import title_doc

    hits = find_triggers(title_doc(doc))
    return {h.spec.event_type for h in hits}, {h.sub_event_type for h in hits}


def lead_end(doc: AnnotatedDocument) -> int:
    """Offset in the document's text where the lead ends: after the body's first ``LEAD_SENTENCES`` sentences
    (sentences of the title block, when the title is part of the text, come before and count as lead too)."""
    title_blocks = [(b.start, b.end) for b in doc.doc.blocks if b.label == "title" and b.start is not None]
    body = [s for s in doc.sentences if not any(lo <= s.start < hi for lo, hi in title_blocks)]
    if not body:
        return len(doc.doc.text)
    return body[min(LEAD_SENTENCES, len(body)) - 1].end


def main_mention(doc: AnnotatedDocument, mentions: Sequence[EventMention]) -> Optional[int]:
    """Index in ``mentions`` of the story's main event, or None when the article reports no event."""
    if not mentions:
        return None
    types, subs = headline_kinds(doc)
    end = lead_end(doc)

    def rank(i: int):
        m = mentions[i]
        start = min((e.start for e in m.evidence), default=len(doc.doc.text))
        headline = 2 if m.sub_event_type in subs else 1 if m.event_type in types else 0
        in_lead = start < end
        return (m.factuality not in NEWS, not in_lead, -headline, -(m.fatalities or 0), start, i)

    return min(range(len(mentions)), key=rank)
