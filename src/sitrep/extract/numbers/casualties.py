"""The casualty figures of one sentence: every killing or injuring word with the victims the parse gives it, counted."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from .scope import RAISED_TOLL, TOLL, aggregate
from .victims import (conjuncts, fatal_verb, killed_before_injured, life_victims, nobody, part_of_whole, quantity_of,
                      unnumbered_victims, who_of)
from .words import lemma_of, lexicon, parse_number, victim_words

@dataclass
class Casualties:
    kind: str                  # killed | injured
    value: Optional[int]       # None when vague ("several")
    start: int                 # char offsets (in the parsed text) of the figure's phrase
    end: int
    text: str
    who: Optional[str] = None  # civilian | combatant | None
    aggregate: bool = False    # a running total over a campaign or period, not one event's toll
    background: bool = False   # told inside a phrase about an earlier event than the news (extract.background)
    vague: bool = False
    approx: bool = False       # its value counts a vague quantity at ACLED's convention ("dozens" 12, "hundreds" 100)
    head_i: Optional[int] = None  # token index of the phrase's noun (for attributing it to a side)
    counted: bool = False      # no number: people counted from the words ("a boy", "his wife", "no one")
    own: bool = False          # the killer's own death ("then killed himself")


def find(doc) -> list[Casualties]:
    """Casualty figures in a spaCy Doc (or Span) of one sentence: the toll patterns, then every killing or
    injuring word with the victims the parse gives it, counted."""
    lex = lexicon()
    seen: set[int] = set()  # tokens already counted by a figure
    base = doc[0].idx if len(doc) else 0
    doc_text = doc.text  # built from the tokens on every access: once per sentence
    out = _pattern_tolls(doc, doc_text, base, seen)
    for tok in doc:
        lemma = lemma_of(tok)
        lives = life_victims(tok)
        kind = "killed" if lemma in lex["killed"] or lives is not None or fatal_verb(tok) else \
            "injured" if lemma in lex["injured"] else None
        if kind is None:
            continue
        targets = lives if lives is not None else _targets(doc, tok, lemma, kind, lex)
        if targets is None:
            continue
        tally = _count(targets, kind, lex, seen)
        if not tally.found:
            continue
        lo = min(tally.lo, tok.idx)
        hi = max(tally.hi, tok.idx + len(tok.text))
        value = tally.total if (tally.total or not tally.vague) else None
        out.append(Casualties(kind=kind, value=value, start=lo, end=hi, text=doc_text[lo - base: hi - base],
                              who=tally.who, aggregate=aggregate(doc, lo, hi, value, tok),
                              vague=tally.vague and not tally.total, approx=tally.vague and bool(tally.total),
                              head_i=tally.head_i, counted=not tally.numbered,
                              own=kind == "killed" and not tally.numbered and bool(tally.reflexive)
                              and all(tally.reflexive)))
    return _own_death(doc, out)


def _pattern_tolls(doc, doc_text: str, base: int, seen: set) -> list[Casualties]:
    """Tolls written as a pattern ("the death toll rose to 45"), their tokens marked as counted."""
    out = []
    for m in [*TOLL.finditer(doc_text), *RAISED_TOLL.finditer(doc_text)]:
        v = parse_number(m.group("n"))
        if v is None:
            continue
        lo, hi = base + m.start(), base + m.end()
        for t in doc:
            if lo <= t.idx < hi:
                seen.add(t.i)
        out.append(Casualties(kind="killed", value=v, start=lo, end=hi, text=m.group(0),
                              aggregate=aggregate(doc, lo, hi)))
    return out


def _targets(doc, tok, lemma: str, kind: str, lex: dict) -> Optional[list]:
    """The words naming the victims of a killing or injuring word, by its part of speech; None when the word
    must give no figure ("hundreds of deaths and injuries")."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBN", "VBD", "VBG"):
        return _verb_targets(doc, tok, lemma, kind, lex)
    if tok.pos_ == "ADJ" or tok.dep_ in ("oprd", "acomp"):  # "left three civilians dead"
        targets = [tok.head] if tok.head.pos_ in ("NOUN", "PROPN", "NUM") and tok.dep_ == "amod" else []
        return targets + [c for c in tok.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c != tok]
    return _noun_targets(tok, lemma, kind, lex)


def _verb_targets(doc, tok, lemma: str, kind: str, lex: dict) -> list:
    """A verb's victims: its objects and passive subjects (and its conjuncts' shared ones), the noun it modifies,
    else a counted casualty noun next to it that the parser hung elsewhere."""
    targets = _verb_arguments(tok, lemma, kind)
    if not targets and tok.dep_ == "conj" or not targets:
        targets += _shared_with_conjuncts(tok, kind, lex)
    if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM") and tok.tag_ != "VBG":
        targets.append(tok.head)  # "five killed civilians", "30 people killed" (never "two bombs killing")
    if not targets and (any(c.dep_ == "auxpass" for c in tok.children) or lemma == "die"):
        # a misparsed subject ("In Jassem 16 civilians were killed": 'civilians' read as the object of
        # 'In'): the nearest counted casualty noun just before the passive verb
        for t in reversed(list(doc[max(0, tok.i - 6): tok.i])):
            if t.pos_ in ("VERB",) or t.text in (".", ";"):
                break
            if t.pos_ == "NOUN" and t.lemma_.lower() in (lex["civilian"] | lex["combatant"]) and any(
                    c.dep_ == "nummod" for c in t.children):
                targets.append(t)
                break
    active = tok.tag_ in ("VBD", "VBZ", "VBP", "VBG") or (tok.tag_ == "VBN" and tok.dep_ not in (
        "acl", "amod", "relcl") and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children))
    if not targets and kind == "killed" and active and lemma != "die" and not any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in tok.children):
        # an active verb whose object the parser hung elsewhere (unpunctuated scraped text: "jets believed
        # to be Russian killed at least 60 civilians trying to flee ... a monitor said"): the counted
        # casualty noun right after the verb
        for t in doc[tok.i + 1: tok.i + 7]:
            if t.pos_ in ("VERB", "AUX", "CCONJ") or t.text in (".", ";", ","):
                break
            if t.pos_ == "NOUN" and t.lemma_.lower() in (lex["civilian"] | lex["combatant"]) and any(
                    c.dep_ in ("nummod", "quantmod", "amod") for c in t.children):
                targets.append(t)
                break
    return targets


def _verb_arguments(tok, lemma: str, kind: str) -> list:
    """A killing or injuring verb's own victims: objects, passive subjects, "the killing of five leaders", and
    the subjects of headline passives."""
    targets = []
    has_obj = any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
    no_aux = not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    for c in tok.children:
        if c.dep_ in ("nsubjpass", "dobj", "attr") or (c.dep_ == "nsubj" and lemma in ("die",)):
            targets.append(c)
        elif c.dep_ == "nsubj" and tok.tag_ == "VBN" and no_aux and not has_obj and kind == "killed":
            targets.append(c)  # headline passive: "Eight Civilians Killed"
        elif c.dep_ == "nsubj" and tok.tag_ == "VBD" and no_aux and not has_obj and fatal_verb(tok):
            targets.append(c)  # reduced passive read as active: "A teenage boy fatally shot Saturday ..."
        elif c.dep_ == "prep" and c.lower_ == "of":  # "the killing of five leaders"
            targets += [g for g in c.children if g.dep_ == "pobj"]
    return targets


def _shared_with_conjuncts(tok, kind: str, lex: dict) -> list:
    """Victims a verb shares with its conjuncts ("killing and wounding a number of fighters")."""
    targets = []
    for sib in list(tok.conjuncts):
        shared = [c for c in sib.children if c.dep_ in ("dobj", "nsubjpass") or (
            c.dep_ == "nsubj" and sib.tag_ in ("VBN", "VBD") and tok.tag_ in ("VBN", "VBD") and not any(
                g.dep_ in ("aux", "auxpass", "dobj") for g in [*sib.children, *tok.children]))]
        # headline passive: "Three civilians shot and killed" ('shot' read as active, the victims its subject)
        if shared and kind == "killed" and sib.lemma_.lower() in lex["injured"]:
            continue  # "killed and wounded hundreds": dead and hurt in one figure, not deaths
        targets += shared
    return targets


def _noun_targets(tok, lemma: str, kind: str, lex: dict) -> Optional[list]:
    """Nouns (deaths, dead, killing, toll): the counted noun itself, what "of" names, "the dead were 12"."""
    targets = []
    if lemma in ("toll",):
        for v in [tok.head] + list(tok.head.children):
            for c in v.children if v == tok.head else [v]:
                if c.dep_ == "prep" and c.lower_ in ("to", "of", "at"):
                    targets += [g for g in c.children if g.dep_ == "pobj"]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of",):
                targets += [g for g in c.children if g.dep_ == "pobj"]
        return targets
    if kind == "killed" and any(c.dep_ == "conj" and c.lemma_.lower() in lex["injured"] and not any(
            g.dep_ in ("prep", "nummod") for g in c.children) for c in tok.children):
        return None  # "hundreds of deaths and injuries": one figure for both
    v, vague, found = quantity_of(tok)
    if found:
        targets.append(tok)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            targets += [g for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ in ("nsubj", "attr") and tok.head.lemma_ == "be":  # "the dead were 12"
        targets += [c for c in tok.head.children if c.dep_ in ("attr", "acomp") and c != tok]
    return targets


@dataclass
class _Tally:
    """What one killing or injuring word's victims add up to."""
    total: int = 0
    found: bool = False
    vague: bool = False
    who: Optional[str] = None
    numbered: bool = False
    counted_best: int = 0  # the most people one target names without a number
    reflexive: list = field(default_factory=list)  # per counted noun: a reflexive pronoun ("killed himself")
    lo: Optional[int] = None
    hi: Optional[int] = None
    head_i: Optional[int] = None

    def cover(self, lo: int, hi: int) -> None:
        self.lo = lo if self.lo is None else min(self.lo, lo)
        self.hi = hi if self.hi is None else max(self.hi, hi)


def _count(targets: list, kind: str, lex: dict, seen: set) -> _Tally:
    """The victims' figures summed (a part of a counted whole, a number that belongs to the injured and tokens
    already counted are skipped); unnumbered victims counted from the parse."""
    tally = _Tally()
    for t in targets:
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if kind == "killed" and nxt is not None and nxt.lemma_.lower() in lex["injured"]:
            continue  # "Killed 14 Injured": the number belongs to the injured
        split = killed_before_injured(t, lex)
        if kind == "killed" and split is not None:  # headline case "Kill 50 Injure Dozens": 50 killed
            seen.add(split.i)
            tally.found, tally.numbered = True, True
            tally.total += parse_number(split.text)
            tally.head_i = tally.head_i or split.i
            tally.lo = split.idx if tally.lo is None else min(tally.lo, split.idx)
            tally.hi = max(tally.hi or 0, split.idx + len(split.text))
            continue
        tally.counted_best = max(tally.counted_best, _count_nouns(t, kind, lex, seen, tally))
    # two targets without numbers are often one person told twice (a headline run into its lead: "Teen shot
    # ... A 15-year-old boy was shot and killed"; "shooting her older brother" misparsed as two objects): the
    # larger of them counts, beside the numbered ones
    tally.total += tally.counted_best
    return tally


def _count_nouns(t, kind: str, lex: dict, seen: set, tally: _Tally) -> int:
    """Adds one target's conjoined nouns to the tally; returns the people it names without a number ("his wife
    and her mother": 2), summed apart by the caller."""
    counted_here = 0
    for noun in conjuncts(t):
        if noun.i in seen or any(c.i in seen for c in noun.children if c.dep_ in ("nummod", "quantmod")):
            continue
        if noun is not t and part_of_whole(noun, t):
            continue  # "82 people, among them 18 children": a part, already counted in the whole
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if kind == "killed" and after is not None and after.lemma_.lower() in lex["injured"]:
            continue  # "risen to 13 and 106 injured": the second number counts the injured
        v, vague, found = quantity_of(noun)
        tally.numbered |= found and not nobody(noun)
        if not found or nobody(noun):
            v, vague = unnumbered_victims(noun), False
            found = v is not None
            if found:
                counted_here += v
                tally.reflexive.append(noun.lower_ in victim_words()["reflexive"])
                v = None  # summed apart by the caller
        elif v == 1 and not any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
            counted_here += 1  # "a woman" (numbers' own rule): one person, summed as the others
            v = None
        if not found:
            continue
        seen.add(noun.i)
        seen.update(c.i for c in noun.children if c.dep_ in ("nummod", "quantmod"))
        tally.found = True
        tally.vague |= vague
        if v is not None:
            tally.total += v
        tally.who = tally.who or who_of(noun)
        tally.head_i = noun.i if tally.head_i is None else tally.head_i
        sub = list(noun.subtree)
        tally.cover(sub[0].idx, sub[-1].idx + len(sub[-1].text))
    return counted_here


def _own_death(doc, out: list[Casualties]) -> list[Casualties]:
    """The killer's own death told beside the victims in one sentence ("killing 3, then killed himself", "killed
    her daughter and two grandchildren before turning the gun on herself", "two boys killed, father commits
    suicide"): ACLED counts every fatality of the event, so it adds one to the victims' figure."""
    vw = victim_words()
    others = [c for c in out if c.kind == "killed" and not c.own and not c.aggregate and c.value]
    if not others:
        return out
    own = any(c.own for c in out if c.kind == "killed")
    for t in doc:
        kids = list(t.children)
        if t.lemma_.lower() == "turn" and any(c.dep_ == "dobj" and c.lemma_.lower() in vw["self_weapons"] for c in kids) and any(
                c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in vw["reflexive"] for g in c.children) for c in kids):
            own = True  # "turning the gun on herself"
        if t.lemma_.lower() == "commit" and any(c.dep_ == "dobj" and c.lemma_.lower() in vw["suicide_nouns"] for c in kids):
            own = True  # "father commits suicide"
    if not own:
        return out
    top = max(others, key=lambda c: c.value)
    return [dataclasses.replace(c, value=c.value + 1) if c is top else c for c in out if not c.own]
