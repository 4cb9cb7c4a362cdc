"""Resolve: actor aliases, places and dates of event mentions (gazetteer and temporal resolution, issue 4).

Until the resolvers land, a mention passes through with its location and date unresolved (null), which is what
the export contract asks for when the evidence cannot fix them: never a guess.
"""
from __future__ import annotations

from .models import AnnotatedDocument, EventMention, ResolvedMention


def resolve(doc: AnnotatedDocument, mentions: list[EventMention]) -> list[ResolvedMention]:
    return [ResolvedMention(**m.model_dump()) for m in mentions]
