"""The extractor's engine: the steps of reading one document, in order.

1. the document's pass (:mod:`.places`): the article's country, the headline's places, and each block's actor and
   place mentions, so the article's places are known in reading order before any sentence is read;
2. per sentence (:mod:`.drafts`): drafts of the events it tells, each completed from the document so far
   (:mod:`.document` actors, :mod:`.places` place) and merged into an event already drafted (:mod:`.merge`);
3. per document: figure-only sentences attached to their event, the headline's agent and date, and each kept draft
   finished into an ``EventMention`` (:mod:`.finish`).
"""
from __future__ import annotations

from typing import Optional

from ..actors import ActorMention, registry
from ..cascade import Segment
from ..country import of_annotated
from ..models import AnnotatedDocument, EventMention
from . import numbers, places
from .document import complete_actors, headline_date, keep, title_agent, title_hit
from .drafts import figures_of, sentence_drafts
from .finish import finish
from .merge import add_draft, attach_figures
from .records import DocState, Draft
from .responsibility import attribute as attribute_claims, claimed_by
from .roles import actor_token_map, sayer_not_doer


def extract_document(doc: AnnotatedDocument) -> list[EventMention]:
    from ..annotate import english

    state = DocState(doc)
    title = doc.doc.title
    tdoc = title_doc(doc) if title else None  # the headline, parsed once for its kind and its agent
    state.country = of_annotated(doc)  # the story's country, never a configured theatre
    state.count_title()
    places.title_places(title, state, entities_of(tdoc) if tdoc is not None else None)
    blocks = _read_blocks(doc, state)
    drafts: list[Draft] = []
    sent_counter = 0
    for block, actor_mentions, block_places in blocks:
        segments = doc.segments(block.index) or [Segment(0, len(block.text), english()(block.text))]
        for seg in segments:
            base = block.start + seg.start
            if seg.dateline:
                continue  # where and when the story was filed: no sentence of the story
            if seg.doc is None:  # a sentence the cascade did not parse: it holds no trigger; its actors still count
                sent_counter += 1
                _note_actors([m for m in actor_mentions if base <= m.start < block.start + seg.end], state)
                continue
            # each sentence becomes its own Doc from one array of the segment's annotations (Span.as_doc would
            # export the whole segment's array again for every sentence)
            head = seg.doc._get_array_attrs()
            arrays = (head, seg.doc.to_array(head))
            for sent in seg.doc.sents:
                sent_counter += 1
                _read_sentence(sent, block, base, actor_mentions, block_places, sent_counter, drafts, state, arrays)
    if tdoc is not None:  # the headline's figures, as the story's toll candidates (read once more, whole)
        t0 = next((b.start for b in doc.doc.blocks if b.label == "title" and b.start is not None), 0)
        state.figures += figures_of(numbers.find(tdoc), t0, title, t0, True, None, None)
    object.__setattr__(doc, "_figures", state.figures)
    object.__setattr__(doc, "_actor_roles", (state.roles, state.country))  # the story model's role features
    drafts = attach_figures(drafts, title_hit(tdoc))
    title_agent(drafts, title, tdoc, state)
    attribute_claims(drafts, state.responsibility, state)
    sayer_not_doer(drafts, state)
    headline_date(drafts, tdoc)
    return [finish(d, state) for d in drafts if keep(d)]


def entities_of(sdoc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in sdoc.ents]


def title_doc(doc: AnnotatedDocument):
    """The headline's parse: the annotator's, when it parsed the title block whole, else parsed here (once per
    document: the main event's choice reads it again)."""
    if getattr(doc, "_title_parse", None) is None:
        object.__setattr__(doc, "_title_parse", _parse_title(doc))
    return getattr(doc, "_title_parse")


def _parse_title(doc: AnnotatedDocument):
    from ..annotate import english

    for block in doc.doc.blocks:
        if block.label == "title" and block.start is not None and block.text == doc.doc.title:
            parsed = doc.parsed(block.index)
            if parsed is not None:
                return parsed
    return english()(doc.doc.title)


def _read_blocks(doc: AnnotatedDocument, state: DocState) -> list[tuple]:
    """Each English block with its actor mentions and place candidates (offsets in the document's text)."""
    reg = registry()
    first_body = next((b for b in doc.doc.blocks if b.start is not None), None)
    led = reg.led(doc.doc.text)
    blocks = []
    for block in doc.doc.blocks:
        if block.start is None or (block.language or doc.doc.language) not in (None, "en"):
            continue
        actor_mentions = [ActorMention(m.start + block.start, m.end + block.start, m.text,
                                       reg.specific(m.actor, state.country, weak=m.weak, words=m.text), m.weak)
                          for m in reg.relead(reg.find(block.text, context=doc.doc.text), led)]
        block_places = places.block_places(block, actor_mentions, block is first_body, state,
                                           doc.block_entities(block.index))
        blocks.append((block, actor_mentions, block_places))
    return blocks


def _read_sentence(sent, block, base: int, actor_mentions, block_places, sent_idx: int, drafts: list[Draft],
                   state: DocState, arrays: Optional[tuple] = None) -> None:
    """A sentence's drafts, completed and merged into the document's drafts; then what the sentence adds to the
    document's state (its claimants, its actors). ``arrays``: the attributes and array of the sentence's Doc
    (``Doc._get_array_attrs()``, ``Doc.to_array``), shared by its sentences; each reads and fixes only its own rows."""
    s0, s1 = base + sent.start_char, base + sent.end_char
    sent_mentions = [m for m in actor_mentions if s0 <= m.start < s1]
    sent_doc = sent.as_doc() if arrays is None else sent.as_doc(array_head=arrays[0], array=arrays[1])
    amap = actor_token_map(sent_doc, sent_mentions, s0)
    new = sentence_drafts(sent_doc, block.index, s0, amap, block_places, state)
    for d in new:
        d.sent_idx = d.last_sent_idx = sent_idx
    for m in sent_mentions:
        if m.actor.is_claimant:
            state.last_claimants.append((m.text, m.actor))
        else:
            state.counts[m.actor.id] += 1
    claim = claimed_by(sent_doc, amap, sent_idx, s0, s1, sent.text.strip(), block.label == "title")
    if claim is not None:
        state.responsibility.append(claim)
    for d in new:
        told = [x for x in drafts if not x.counted_only]  # victims counted without a number lend no place or actor
        complete_actors(d, told, state)
        places.complete_place(d, told, state)
        add_draft(d, drafts)
    real = [m.actor for m in sent_mentions if not m.actor.is_claimant]
    if real:
        state.last_actors = real


def _note_actors(sent_mentions, state: DocState) -> None:
    """What a sentence without events adds to the document's state: its claimants and its actors."""
    for m in sent_mentions:
        if m.actor.is_claimant:
            state.last_claimants.append((m.text, m.actor))
        else:
            state.counts[m.actor.id] += 1
    real = [m.actor for m in sent_mentions if not m.actor.is_claimant]
    if real:
        state.last_actors = real
