"""Extract: event mentions (ACLED taxonomy) from the annotated sentences of one document.

Per sentence: triggers from the lexicon (``data/triggers.yaml``) propose sub-event types; the parse assigns the
actors (who acted, against whom), the casualty figures (:mod:`.numbers`), the claimant (who says so), the
factuality (reported, claimed, threatened, planned, denied, historical) and territory changes. Then, across the
document, mentions that describe the same event (same kind, compatible actors and places, no conflicting dates)
are merged, and sentences that only carry a figure or an attribution for an event already mentioned ("At least
seven militants were killed in the clashes") enrich it instead of making a new one. Last, the learned event-type
classifier (:mod:`.classify`) reads each sentence that carries events and retypes, drops or (when the rules found
nothing) adds an event; ``SITREP_EVENT_MODEL=none`` gives the rules alone. Then the story model (:mod:`.story`)
chooses, among the article's candidates with evidence, the kind and the perpetrator of the story's event.
"""
from __future__ import annotations

from ..models import AnnotatedDocument, EventMention
from . import classify, story
from .engine import extract_document


def extract(doc: AnnotatedDocument) -> list[EventMention]:
    return story.apply(doc, classify.apply(doc, extract_document(doc)))


__all__ = ["extract"]
