"""The cascade (issue 16): the tagger and parser only on the sentences that can tell an event.

Parsing is most of what reading an article costs, and many sentences of an article cannot give an event:
extraction drafts events only from sentences holding a trigger of the lexicon (``data/triggers.yaml``) or a
casualty figure. Every English paragraph is tokenised and split into sentences by spaCy's statistical sentence
recogniser (``senter``, about 1% of the pipeline's time) with or without the cascade (sitrep.annotate), and each
sentence is then parsed as a Doc of its own. The cascade checks each token against the trigger lexicon and the
words of casualty figures (killed, dead, toll, wounded, the death verbs): its lowercase form, and every lemma
spaCy's own English lemmatizer tables could give it whatever its part of speech (a superset of what the tagged
lemma can be). Sentences holding a possible trigger and the lead (the body's first two sentences) are parsed; the
others are not, and what extraction reads from them (actor names, claimants, places) is read from the text
itself, as without the cascade. A sentence left unparsed that a later step asks for (the event-type classifier
reading a document without rule events) is parsed then, exactly as it would have been. So the cascade gives the
events of a full parse, sentence for sentence (tests/test_cascade.py; docs/EVALUATION.md measures it on every
development set). It is the default; ``sitrep run --full-parse`` (or ``SITREP_FULL_PARSE=1``) parses every
sentence.
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
    """Without a choice made by the caller: the cascade, unless ``SITREP_FULL_PARSE=1``."""
    return _flag("SITREP_FULL_PARSE")


@dataclass
class Segment:
    """A stretch of one block: a sentence (or the headline) with its parse (``doc``), or None when the cascade
    left it unparsed; ``raw``: the sentence's unparsed Doc with the paragraph's entities."""

    start: int  # character offsets in the block's text
    end: int
    doc: Optional[object] = None  # the parsed spaCy Doc of block.text[start:end], or None
    raw: Optional[object] = None


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


def split(text: str):
    """A block's tokens and sentence boundaries, cheaply: tokenizer and sentence recogniser only."""
    from .annotate import english

    doc = english().make_doc(text)
    senter = _senter()
    if senter is not None:
        return senter(doc)
    from .annotate import multilingual  # a model without a sentence recogniser: the rule-based sentencizer's

    return multilingual().get_pipe("sentencizer")(doc)


LEAD_SENTENCES = 2  # the lead: the body's first sentences are always parsed
