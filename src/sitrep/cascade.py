"""The cascade (issue 16): cheap passes over the whole text, the parser and NER only where an event can be told.

The tagger, parser and named-entity recogniser are most of what reading an article costs, and most sentences of
an article cannot give an event: extraction drafts events only from sentences holding a trigger of the lexicon
(``data/triggers.yaml``). So each English block is first tokenised and split into sentences by spaCy's
statistical sentence recogniser (``senter``, about 1% of the full pipeline's time), and each token is checked
against the trigger lexicon and the words of casualty figures (killed, dead, toll, wounded, the death verbs):
its lowercase form, and every lemma spaCy's own English lemmatizer tables could give
it whatever its part of speech (a superset of what the tagged lemma can be). Runs of consecutive sentences holding
a possible trigger, the headline block and the lead (the body's first two sentences) then go through the full
pipeline, each run as one
text (so within a run the parser sets the sentence boundaries, as without the cascade); the other sentences keep
the recogniser's boundaries and no parse. Everything the extractor reads from unparsed text (actor names,
places, claimants of the document) is read from the text itself, as before; the headline is parsed by the
extractor in full. ``sitrep run --cascade`` (or ``SITREP_CASCADE=1``) turns it on; ``--full-parse`` (the default,
see :func:`full_parse_default`) off.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Optional

POS = ("noun", "verb", "adj", "adv")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def full_parse_default() -> bool:
    """Without a choice made by the caller: the full pipeline, unless ``SITREP_CASCADE=1`` (and not
    ``SITREP_FULL_PARSE=1``). The cascade is not the default: on the unread half of FA-KES dev it moved one
    article's governorate (docs/EVALUATION.md), more than the 0.5 points issue 16 allows."""
    return _flag("SITREP_FULL_PARSE") or not _flag("SITREP_CASCADE")


@dataclass
class Segment:
    """A stretch of one block: a run of sentences parsed together (``doc``), or one sentence left unparsed."""

    start: int  # character offsets in the block's text
    end: int
    doc: Optional[object] = None  # the spaCy Doc of block.text[start:end], or None
    dateline: bool = False  # the story's dateline, parsed apart from the sentence it opens (sitrep.dateline)


@functools.lru_cache(maxsize=1)
def _senter():
    """The English pipeline's sentence recogniser alone (shares the loaded model's vocabulary and tokenizer)."""
    from .annotate import english

    nlp = english()
    return nlp.get_pipe("senter") if "senter" in nlp.component_names else None


@functools.lru_cache(maxsize=1)
def _tables():
    from .annotate import english

    lookups = english().get_pipe("lemmatizer").lookups
    get = lambda name: lookups.get_table(name) if lookups.has_table(name) else {}  # noqa: E731
    return get("lemma_rules"), get("lemma_exc")


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], dict[str, list[frozenset[str]]], frozenset[str]]:
    """(single words: trigger lemmas and the words of casualty figures and deaths; first word -> the word sets of
    the trigger phrases it opens; every word in a phrase)."""
    from .extract import numbers
    from .extract.triggers import lexicon
    from .extract.words import words

    lex = lexicon()
    figures = numbers.lexicon()
    single = frozenset(lex.by_lemma) | figures["killed"] | figures["injured"] | words().death_verbs
    phrases = {first: [frozenset(ws) for ws, _ in entries] for first, entries in lex.phrases.items()}
    return single, phrases, frozenset(w for sets in phrases.values() for ws in sets for w in ws)


@functools.lru_cache(maxsize=200_000)
def forms(low: str) -> frozenset[str]:
    """What the matcher may compare a token written ``low`` with (``extract.triggers._forms``): the form itself,
    without a plural s (headline case), and every lemma spaCy's English lemmatizer tables give it, whatever its
    part of speech; only the forms the lexicon knows are kept."""
    single, _, in_phrases = _lexicon()
    known = single | in_phrases
    out = {low, low[:-1]} if low.endswith("s") else {low}
    rules, exc = _tables()
    for pos in POS:
        out.update((exc.get(pos) or {}).get(low, ()))
        for old, new in rules.get(pos) or ():
            if low.endswith(old):
                out.add(low[:len(low) - len(old)] + new)
    return frozenset(f for f in out if f in known)


def could_trigger(tokens) -> bool:
    """Whether the matcher could find a trigger among these tokens: a single-word trigger's lemma, or every word
    of a trigger phrase."""
    from .extract.triggers import FALSE_FRIENDS

    single, phrases, _ = _lexicon()
    seen: set[str] = set()
    for t in tokens:
        if not t.is_space and t.lower_ not in FALSE_FRIENDS:
            seen.update(forms(t.lower_))
    if seen & single:
        return True
    return any(ws <= seen for first in seen & phrases.keys() for ws in phrases[first])


def sentences(text: str):
    """Tokens and sentence boundaries of a block, cheaply: tokenizer and sentence recogniser only."""
    from .annotate import english

    doc = english().make_doc(text)
    senter = _senter()
    if senter is not None:
        doc = senter(doc)
    else:  # a model without a sentence recogniser: the rule-based sentencizer's boundaries
        from .annotate import multilingual

        doc = multilingual().get_pipe("sentencizer")(doc)
    return doc


LEAD_SENTENCES = 2  # the lead: the body's first sentences are always parsed


def plan(text: str, whole: bool = False, lead: int = 0) -> list[tuple[int, int, bool]]:
    """The block's stretches as (start, end, parse?): runs of sentences that may hold a trigger are parsed, and
    the block's first ``lead`` sentences."""
    if whole:
        return [(0, len(text), True)]
    doc = sentences(text)
    out: list[tuple[int, int, bool]] = []
    for i, sent in enumerate(doc.sents):
        keep = i < lead or could_trigger(sent)
        start, end = sent.start_char, sent.end_char
        if keep and out and out[-1][2] and out[-1][1] <= start:
            out[-1] = (out[-1][0], end, True)  # one run: parsed as one text
        else:
            out.append((start, end, keep))
    return out
