"""Typed records passed between pipeline stages.

document -> clean text -> annotated sentences -> event mentions -> resolved mentions -> fused events

Each stage (``sitrep.ingest``, ``sitrep.clean``, ``sitrep.annotate``, ``sitrep.extract``, ``sitrep.resolve``,
``sitrep.fuse``) consumes one of these records and produces the next, so a stage can run alone on a record
built by hand or loaded from the store.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

InputKind = Literal["txt", "html"]
PublishedFrom = Literal["metadata", "html", "text"]
BlockLabel = Literal["title", "body", "caption", "byline", "boilerplate", "duplicate", "foreign"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class DocMeta(Record):
    """Metadata given with an input (a .jsonl line); given values win over inferred ones."""

    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    language: Optional[str] = None


class RawDocument(Record):
    """One article as read from disk or stdin, before any cleaning."""

    doc_id: str = Field(description="content hash: same content, same id; changed content, new id")
    path: str = Field(description="the file as given; 'path#id' for a .jsonl line")
    kind: InputKind = Field(description="what the content is: plain text or HTML markup")
    container: Optional[Literal["jsonl"]] = Field(None, description="set when the article came from a .jsonl line")
    content: str = Field(description="decoded text (txt) or markup (html)")
    meta: DocMeta = Field(default_factory=DocMeta)


class Block(Record):
    """A line or paragraph of the source and the cleaner's decision about it."""

    index: int
    text: str
    label: BlockLabel
    reason: Optional[str] = None
    language: Optional[str] = None
    start: Optional[int] = Field(None, description="offset of the kept block in CleanDocument.text")
    end: Optional[int] = None


class CleanDocument(Record):
    doc_id: str
    path: str
    kind: InputKind
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    published_from: Optional[PublishedFrom] = None
    language: Optional[str] = None
    text: str
    blocks: list[Block] = Field(default_factory=list)

    def removed(self) -> list[Block]:
        return [b for b in self.blocks if b.start is None]


class Span(Record):
    start: int
    end: int
    text: str


class Entity(Span):
    label: str
    kb_id: Optional[str] = None


class Sentence(Span):
    index: int
    language: Optional[str] = None
    entities: list[Entity] = Field(default_factory=list)


class AnnotatedDocument(Record):
    doc: CleanDocument
    sentences: list[Sentence] = Field(default_factory=list)
    # spaCy parses of the kept English blocks (block index -> [sitrep.cascade.Segment]: runs of sentences parsed
    # together, or a sentence the cascade left unparsed), carried in memory to the extractor; not serialised
    _parsed: dict = PrivateAttr(default_factory=dict)

    def segments(self, block_index: int) -> Optional[list]:
        return self._parsed.get(block_index)

    def parsed(self, block_index: int):
        """The block's parse when the whole block was parsed as one text, else None."""
        segs = self._parsed.get(block_index) or []
        return segs[0].doc if len(segs) == 1 and segs[0].start == 0 else None

    def block_entities(self, block_index: int) -> list[tuple[int, int, str]]:
        """The language model's entities of a block, (start, end, label) in the block's text, from the parts it
        parsed (none where the cascade left a sentence unparsed)."""
        return [(seg.start + e.start_char, seg.start + e.end_char, e.label_)
                for seg in self._parsed.get(block_index) or [] if seg.doc is not None for e in seg.doc.ents]

    def entities(self) -> list[tuple[int, int, str]]:
        """The language model's entities of the document, (start, end, label) in the document's text."""
        return [(b.start + s, b.start + e, label) for b in self.doc.blocks if b.start is not None
                for s, e, label in self.block_entities(b.index)]


class Evidence(Record):
    doc_id: str
    start: int
    end: int
    text: str


class Claim(Record):
    kind: str
    claimant: Optional[str] = None
    value: Optional[object] = None
    doc_id: str
    quote: Optional[str] = None
    stance: Optional[str] = Field(None, description="claimant's stance (fusion): party, monitor, independent_media, "
                                  "international_org; null when unknown")


class Territory(Record):
    place: Optional[str] = None
    from_actor: Optional[str] = None
    to_actor: Optional[str] = None


Factuality = Literal["reported", "claimed", "threatened", "planned", "denied", "historical"]


class EventMention(Record):
    """One event as one sentence (or a few) of one document states it."""

    doc_id: str
    event_type: str
    sub_event_type: str
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actor_1: list[str] = Field(default_factory=list)
    assoc_actor_2: list[str] = Field(default_factory=list)
    location_text: Optional[str] = None
    date_text: Optional[str] = None
    fatalities: Optional[int] = None
    injured: Optional[int] = None
    claims: list[Claim] = Field(default_factory=list)
    territory: Optional[Territory] = None
    factuality: Factuality = "reported"
    scope: Optional[Literal["political", "criminal"]] = Field(
        None, description="violent events: political violence, or common crime/accident/domestic (kept, flagged)")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5
    notes: Optional[str] = None


class ResolvedMention(EventMention):
    location: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    event_date: Optional[dt.date] = None
    date_start: Optional[dt.date] = None
    date_end: Optional[dt.date] = None
    time_precision: Optional[int] = None


class Source(Record):
    doc_id: str
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None
    duplicate_of: Optional[str] = Field(None, description="doc_id this document is a near-duplicate of (syndicated "
                                        "copy): linked, not an independent source")


class FusionLink(Record):
    """Why a mention belongs to a fused event (fusion's explanation of each merge)."""

    mention_id: str
    doc_id: str
    role: Literal["founder", "match", "duplicate"]
    score: Optional[float] = None
    reasons: list[str] = Field(default_factory=list)


class Event(ResolvedMention):
    """A fused event: one real-world event with every source, claim and piece of evidence."""

    event_id: str
    fatalities_low: Optional[int] = None
    fatalities_best: Optional[int] = None
    fatalities_high: Optional[int] = None
    sources: list[Source] = Field(default_factory=list)
    independent_sources: int = Field(0, description="sources that are not near-duplicates of another source")
    fatalities_conflict: bool = Field(False, description="sources give different death tolls")
    claims_summary: Optional[str] = Field(None, description='e.g. "Amaq (party) claimed 30; SOHR (monitor) reported 1"')
    fusion: list[FusionLink] = Field(default_factory=list)


class ProcessedDocument(Record):
    """Everything the pipeline derived from one document, written to the store in one transaction."""

    annotated: AnnotatedDocument
    mentions: list[ResolvedMention] = Field(default_factory=list)
    main_mention: Optional[int] = Field(None, description="index in mentions of the story's main event (what the "
                                        "headline and lead report; sitrep.extract.mainevent), None when no event")

    @property
    def doc(self) -> CleanDocument:
        return self.annotated.doc
