"""Extract: event mentions from annotated sentences (ACLED taxonomy).

The extractor arrives with issue 3 (triggers, actors, numbers, claims, factuality). Until then this stage is
part of the pipeline's shape and yields no mentions, so every later stage already runs on real records.
"""
from __future__ import annotations

from .models import AnnotatedDocument, EventMention


def extract(doc: AnnotatedDocument) -> list[EventMention]:
    return []
