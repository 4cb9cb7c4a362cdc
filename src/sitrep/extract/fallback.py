"""An event mention built from one sentence when the learned classifier finds an event the trigger rules missed.

Only the plain facts the sentence states are filled: its actors in the order named (a claimant is never a party),
the first place the gazetteer knows in it, its date expressions and its toll. Its confidence is the model's, and its
notes say where the type came from.
"""
from __future__ import annotations

from typing import Optional

from ..actors import registry
from ..country import of_annotated
from ..models import AnnotatedDocument, Claim, EventMention, Evidence
from ..spandoc import span_doc
from . import numbers
from .background import cues

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


def _sayer(span, at: int) -> bool:
    """The actor named at character ``at`` is who says or reports ("Salina police say a fatal shooting appears to be
    accidental"): the subject of a report verb (``lexicon.yaml`` report_verbs), not a party of the event."""
    from .words import words

    tok = next((t for t in span if t.idx <= at < t.idx + len(t.text)), None)
    while tok is not None and tok.dep_ in ("compound", "amod", "det", "poss") and tok.head is not tok:
        tok = tok.head
    return tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in words().report_verbs


def mention_from_sentence(doc: AnnotatedDocument, start: int, end: int, sub: str, event_type: str,
                          confidence: float) -> Optional[EventMention]:
    from ..geo import gazetteer
    from .classify import _sentence_span

    span = _sentence_span(doc, start, end)
    if span is None:
        return None
    text = doc.doc.text[start:end]
    reg = registry()
    parties = []
    for m in reg.find(text):
        if not m.actor.is_claimant and m.actor not in parties and not _sayer(span, span.start_char + m.start):
            parties.append(m.actor)
    victims = [a for a in parties if a.type == "civilians"]
    agents = [a for a in parties if a.type != "civilians"] if event_type not in ("Protests", "Riots") else parties
    a1 = agents[0] if agents else None
    a2 = next((a for a in parties if a is not a1 and (a in victims or a not in agents[:1])), None)
    when = doc.doc.published
    country = of_annotated(doc)  # generic words ("police", "civilians") name the story country's

    def name(a):
        if a is None:
            return None
        if a.generic_of and country and a.country != country:
            a = reg.national(reg.get(a.generic_of), country)
        return reg.resolved(a, when).display(country)

    place = None
    for hit in gazetteer().find(text):
        if any(p.feature != "country" for p in hit.payload[:1]):
            place = hit.text
            break
    dates = [e.text for e in span.ents if e.label_ in ("DATE", "TIME")
             and not any(rx.search(e.text) for rx in cues("not_date_cues"))]  # "a 17-year-old": an age
    killed = [c for c in numbers.find(span_doc(span)) if c.kind == "killed" and not c.aggregate and c.value]
    fatalities = max(c.value for c in killed) if killed and event_type in VIOLENT else None
    claims = [Claim(kind="fatalities", claimant=doc.doc.outlet, value=c.value, doc_id=doc.doc.doc_id, quote=text)
              for c in killed]
    who = name(a1) or "An unidentified actor"
    notes = (f"{who}: {sub.lower()}" + (f" in {place}" if place else "") + ". "
             f"(Event type from the learned classifier, p={confidence:.2f}; no trigger rule matched.)")
    return EventMention(doc_id=doc.doc.doc_id, event_type=event_type, sub_event_type=sub, actor1=name(a1),
                        actor2=name(a2), location_text=place, date_text="; ".join(dates) or None,
                        fatalities=fatalities, claims=claims,
                        evidence=[Evidence(doc_id=doc.doc.doc_id, start=start, end=end, text=text)],
                        confidence=confidence, notes=notes)
