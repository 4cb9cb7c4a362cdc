"""Who a casualty word's victims are and how many: quantities on nouns, people counted without a number, parts of a
counted whole, conjoined victims."""
from __future__ import annotations

from typing import Optional

from .words import (MONTH_WORDS, SCALES, TENS, UNITS, VAGUE, VAGUE_PLURALS, lexicon, parse_number,
                    victim_words)

def life_victims(tok) -> Optional[list]:
    """A killing told through a life noun (``data/victims.yaml``): "claimed the lives of eight civilians", "took
    20 lives", "cost the lives of 30 soldiers", "20 people lost their lives". The victim tokens (the life noun's
    'of' object, the life noun itself when it carries the number, or the losing verb's subject), or None when
    ``tok`` is no such verb."""
    vw = victim_words()
    lemma = tok.lemma_.lower()
    if lemma not in vw["life_taking"] and lemma not in vw["life_losing"]:
        return None
    life = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in vw["life"]), None)
    if life is None:
        return None
    of = [g for c in life.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if of:
        return of
    if any(c.dep_ in ("nummod", "quantmod") for c in life.children):
        return [life]
    if lemma in vw["life_losing"]:
        return [c for c in tok.children if c.dep_ == "nsubj"]
    return []


def fatal_verb(tok) -> bool:
    """A verb made a killing by its modifier: "fatally shot", "mortally wounded", "beaten to death"."""
    vw = victim_words()
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in vw["fatal_adverbs"]:
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lemma_.lower() in vw["to_death"]
                                                         for g in c.children):
            return True
    return False


def unnumbered_victims(noun) -> Optional[int]:
    """How many people a victim phrase with no number names (``data/victims.yaml``): 'no one' / 'nobody' 0; a
    singular personal pronoun, a singular person noun ("a teenage boy", "his wife", "the 4-year-old") or a named
    person 1; "a couple" 2. None when the phrase is no such count (a plural, a collective, a thing)."""
    vw = victim_words()
    low = noun.lower_
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    if low in vw["nobody"] or (low == "one" and prev is not None and prev.lower_ == "no") or (
            low == "one" and any(c.lower_ == "no" for c in noun.children)):
        return 0
    if noun.pos_ == "PRON":
        return 1 if low in vw["pronouns"] else None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and noun.lemma_.lower() in vw["pair"]:
        return None  # "a couple of men": a quantity, read elsewhere
    if noun.lemma_.lower() in vw["pair"] or low in vw["pair"]:
        return 2
    if noun.tag_ in ("NNS", "NNPS"):
        return None
    lemma = noun.lemma_.lower()
    if lemma == "old" and any(c.lemma_.lower() == "year" for c in noun.children):
        lemma = "year-old"  # "a 14-year-old is dead"
    if noun.tag_ in ("NN", "NNP") and (lemma in vw["one"] or low in vw["one"]):
        return 1
    if noun.ent_type_ == "PERSON" and noun.pos_ in ("PROPN", "NOUN") and noun.tag_ in ("NN", "NNP"):
        return 1  # a named person (a rare surname may be tagged as a common noun)
    return None


def _counts_people(tok) -> bool:
    """'On Tuesday 25 people were killed': the language model reads '25' as part of the date, but it counts the
    people it modifies (a number before a month name is a date: '25 March')."""
    lex = lexicon()
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (tok.like_num and tok.dep_ == "nummod" and nxt is not None and nxt.lower_ not in MONTH_WORDS
            and tok.head.lemma_.lower() in (lex["civilian"] | lex["combatant"]))


def vague_plural(tok) -> int:
    """ACLED's figure for a vague plural, times the one that counts it: "tens of thousands" 10,000, "hundreds of
    thousands" 100,000 (a number of such scale is a running total, never one event's toll)."""
    value = VAGUE_PLURALS[tok.lower_]
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("quantmod", "nummod", "compound", "amod") and c.lower_ in VAGUE_PLURALS:
            return VAGUE_PLURALS[c.lower_] * value
    return value


def _num_value(tok) -> tuple[Optional[int], bool]:
    """(value, vague) of a token used as a quantity (never a part of a date: "05 Jul 2015")."""
    if tok.ent_type_ in ("DATE", "TIME") and not _counts_people(tok):
        return None, False
    low = tok.lower_
    if low in VAGUE_PLURALS:
        head = tok.head
        if tok.dep_ in ("quantmod", "nummod", "compound", "amod") and head.i > tok.i and head.lower_ in VAGUE_PLURALS:
            return vague_plural(head), True  # "tens" of "tens of thousands": the whole quantity
        return vague_plural(tok), True
    if tok.like_num or low in UNITS or low in TENS or low in SCALES:
        # multi-token numbers: "two hundred", "twenty - one": the contiguous run of number words around tok
        doc = tok.doc

        def numberish(t):
            return t.like_num or t.lower_ in UNITS or t.lower_ in TENS or t.lower_ in SCALES or t.text == "-"

        lo = tok.i
        while lo > 0 and numberish(doc[lo - 1]) and not doc[lo - 1].text[:1].isdigit() == (not tok.text[:1].isdigit()):
            lo -= 1
        hi = tok.i
        while hi + 1 < len(doc) and numberish(doc[hi + 1]):
            hi += 1
        toks = [t for t in doc[lo: hi + 1] if t.text != "-"]
        v = parse_number(" ".join(t.text for t in toks))
        if v is None:
            v = parse_number(tok.text)
        if v is not None and not (1900 <= v <= 2100 and tok.like_num and len(tok.text) == 4):
            return v, False
    return None, False


def quantity_of(noun) -> tuple[Optional[int], bool, bool]:
    """(value, vague, found) of the quantity that modifies a noun: nummod child, 'dozens of', 'several'."""
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ in ("amod", "det") and child.lower_ in VAGUE) or (
                child.dep_ == "compound" and child.pos_ == "NUM" and child.i < noun.i):  # 'Thirty civilians' misparsed
            v, vague = _num_value(child)
            if v is not None:
                return v, vague, True
            if child.lower_ in VAGUE:
                return None, True, True
    if noun.lower_ in ("others", "people") and any(c.lower_ in VAGUE for c in noun.children):
        return None, True, True
    # "dozens of civilians": noun is pobj of 'of' under a vague quantity
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in VAGUE_PLURALS:
        return vague_plural(head.head), True, True
    v, vague = _num_value(noun)
    if v is not None:
        return v, vague, True
    lex = lexicon()
    if noun.tag_ in ("NN",) and noun.lemma_.lower() in (lex["civilian"] | lex["combatant"]) and any(
            c.lower_ in ("a", "an", "one") for c in noun.children):
        return 1, False, True  # "a woman", "a child": one person each
    if noun.tag_ == "NN" and noun.dep_ == "conj" and noun.head.tag_ == "NN" and noun.lemma_.lower() in (
            lex["civilian"] | lex["combatant"]):
        return 1, False, True  # "a woman and child" (never "128 troops and militia": a collective beside a count)
    return None, False, False


def nobody(noun) -> bool:
    return unnumbered_victims(noun) == 0


def who_of(noun) -> Optional[str]:
    lex = lexicon()
    words = {noun.lemma_.lower()} | {t.lemma_.lower() for t in noun.subtree}
    if words & lex["combatant"]:
        return "combatant"
    if words & lex["civilian"]:
        return "civilian"
    return None


PART_WORDS = {"among", "including", "include", "includes", "of"}


def part_of_whole(noun, whole) -> bool:
    """Is `noun` a subset of `whole` ('among them 18 children', 'including five women')?"""
    lo, hi = sorted((whole.i, noun.i))
    return any(t.lower_ in PART_WORDS for t in noun.doc[lo + 1: hi])


def conjuncts(tok):
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i:
            out.append(c)
    return out[:_speakers_from(out)]


def _speakers_from(nouns) -> int:
    """Where the speakers run into the victims ("killing 11 civilians, witnesses and a health worker said": the
    parser leaves "said" without a subject and joins the speakers to the victims): the first conjunct after a
    comma, when a reporting verb with no subject of its own follows the last one; else all of them."""
    from ..words import words

    doc, end = nouns[0].doc, max(n.right_edge.i for n in nouns)
    verb = doc[end + 1] if end + 1 < len(doc) else None
    if len(nouns) < 2 or verb is None or verb.lemma_.lower() not in words().report_verbs or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return len(nouns)
    return next((k for k, n in enumerate(nouns) if k and doc[n.left_edge.i - 1].text == ","), len(nouns))


def killed_before_injured(t, lex):
    """Title case misparsed: "Kill 50 Injure Dozens" reads 'Injure' as a compound of 'Dozens' with 50 on it; the
    number before the injured word is the killed count. Its token, or None."""
    inj = next((c for c in t.children if c.dep_ == "compound" and c.lemma_.lower() in lex["injured"]), None)
    if inj is None:
        return None
    num = next((c for c in t.children if c.dep_ == "nummod" and c.i < inj.i), None)
    return num if num is not None and parse_number(num.text) is not None else None
