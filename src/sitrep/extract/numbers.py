"""Casualty figures in a parsed sentence: who died or was hurt, and how many.

"at least five deaths" -> killed 5; "seven ISIS militants and four rebel fighters were killed" -> killed 11;
"the killing of five leaders" -> killed 5; "killing one person and wounded several others" -> killed 1 and
injured (vague); "500 soldiers had died since the beginning of the campaign" -> killed 500, aggregate.
Vague quantities follow ACLED's convention: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100; "several",
"a number of" and the like are recorded as vague (no number).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_yaml

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE_PLURALS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
VAGUE = {"several", "number", "some", "many", "few", "numerous", "multiple", "others", "other", "dozens", "tens",
         "scores", "hundreds", "thousands"}
FLOOR_WORDS = {"least", "over", "more", "than", "nearly", "about", "around", "almost", "approximately", "some",
               "roughly", "up", "to", "estimated", "an", "a"}


MAX_DIGITS = 12


def parse_number(text: str) -> Optional[int]:
    """'30' -> 30, '1,200' -> 1200, 'five' -> 5, 'twenty-one' -> 21, 'two hundred' -> 200; None otherwise."""
    s = text.lower().strip().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", s):
        whole = s.split(".", 1)[0]
        # no casualty figure has more than 12 digits; longer strings overflowed float() or int() (issue 8 fuzzing)
        return int(whole) if len(whole) <= MAX_DIGITS else None
    total, current = 0, 0
    words = re.split(r"[\s-]+", s)
    if not words or not all(w in UNITS or w in TENS or w in SCALES or w == "and" for w in words):
        return None
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
    return total + current


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    data = load_yaml("triggers.yaml")
    words = data.get("death_words", {})
    nouns = data.get("casualty_nouns", {})
    mods = data.get("modifiers", {})
    return {
        "killed": {w for w in words.get("killed", []) if " " not in w} | {"kill", "killing", "die", "dead", "death", "toll"},
        "injured": {w for w in words.get("injured", []) if " " not in w and w != "casualty"} | {"injure", "wound"},
        "civilian": {w for w in nouns.get("civilian", [])},
        "combatant": {w for w in nouns.get("combatant", [])},
        "aggregate": [a.lower() for a in mods.get("aggregate", [])],
    }


@functools.lru_cache(maxsize=1)
def victim_words() -> dict:
    """``data/victims.yaml``: the words that count victims given no number."""
    data = load_yaml("victims.yaml")
    low = lambda k: frozenset(str(w).lower() for w in data.get(k) or [])  # noqa: E731
    lex = lexicon()
    return {"one": (low("person_nouns") | lex["civilian"] | lex["combatant"]) - low("collective_nouns"),
            "pronouns": low("one_pronouns"), "reflexive": low("reflexive_pronouns"), "pair": low("pair_nouns"),
            "nobody": low("nobody"), "fatal_adverbs": low("fatal_adverbs"), "to_death": low("to_death_nouns"),
            "suicide_nouns": low("suicide_nouns"), "self_weapons": low("self_weapons"),
            "life": low("life_nouns"), "life_taking": low("life_taking_verbs"), "life_losing": low("life_losing_verbs")}


def _lemma(tok) -> str:
    """The token's lowercased lemma; a title-case headline's plural noun read as a proper noun keeps its surface
    form as lemma ("Claim 20 Martyrs": 'Martyrs'), so its singular is tried against the lexicon as well."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" or (tok.tag_ == "NNP" and tok.text[:1].isupper() and lemma.endswith("s")):
        lex = lexicon()
        known = lex["killed"] | lex["injured"]
        for cand in (lemma[:-3] + "y" if lemma.endswith("ies") else None, lemma[:-1] if lemma.endswith("s") else None):
            if cand and cand in known:
                return cand
    return lemma


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
    head_i: Optional[int] = None  # token index of the phrase's noun (for attributing it to a side)
    counted: bool = False      # no number: people counted from the words ("a boy", "his wife", "no one")
    own: bool = False          # the killer's own death ("then killed himself")


MONTH_WORDS = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
               "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
               "december"}


def _counts_people(tok) -> bool:
    """'On Tuesday 25 people were killed': the language model reads '25' as part of the date, but it counts the
    people it modifies (a number before a month name is a date: '25 March')."""
    lex = lexicon()
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (tok.like_num and tok.dep_ == "nummod" and nxt is not None and nxt.lower_ not in MONTH_WORDS
            and tok.head.lemma_.lower() in (lex["civilian"] | lex["combatant"]))


def _num_value(tok) -> tuple[Optional[int], bool]:
    """(value, vague) of a token used as a quantity (never a part of a date: "05 Jul 2015")."""
    if tok.ent_type_ in ("DATE", "TIME") and not _counts_people(tok):
        return None, False
    low = tok.lower_
    if low in VAGUE_PLURALS:
        return VAGUE_PLURALS[low], True
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


def _quantity_of(noun) -> tuple[Optional[int], bool, bool]:
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
        return VAGUE_PLURALS[head.head.lower_], True, True
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


def _nobody(noun) -> bool:
    return unnumbered_victims(noun) == 0


def _who(noun) -> Optional[str]:
    lex = lexicon()
    words = {noun.lemma_.lower()} | {t.lemma_.lower() for t in noun.subtree}
    if words & lex["combatant"]:
        return "combatant"
    if words & lex["civilian"]:
        return "civilian"
    return None


PART_WORDS = {"among", "including", "include", "includes", "of"}


def _part_of_whole(noun, whole) -> bool:
    """Is `noun` a subset of `whole` ('among them 18 children', 'including five women')?"""
    lo, hi = sorted((whole.i, noun.i))
    return any(t.lower_ in PART_WORDS for t in noun.doc[lo + 1: hi])


def _conjuncts(tok):
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i:
            out.append(c)
    return out


SHORT_SPAN = re.compile(r"\b(during|over|in|within) the (past|last|previous) (24|48|72|two|three|four|five|six|"
                        r"seven|few|couple of|[2-7]) ?(hours|days)\b")
PERIOD = re.compile(r"\b(in|over|during|within|throughout) the (last|past|previous) (\w+ )?(days|weeks?|months?|years?)\b")
WAR_TOTAL = re.compile(r"\b(war|conflict|crisis|uprising|revolution|civil war|fighting)\b", re.I)
SINCE = re.compile(r"\bsince\b|\bso far\b|\bto date\b|\bin total\b|\boverall\b|\bthis year\b|\blast year\b", re.I)


def _aggregate(sent, lo: int, hi: int, value: Optional[int] = None, tok=None) -> bool:
    """A running total (a war's, a campaign's, a period's), not one event's toll."""
    # a toll over a few days ("during the past three days", "in the last 24 hours") is one episode's, not a total
    text = SHORT_SPAN.sub(" ", sent.text.lower())
    if any(a in text for a in lexicon()["aggregate"]) or PERIOD.search(text):
        return True
    if tok is not None:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"has", "have", "had"} and SINCE.search(text):
            return True  # "has killed hundreds since it declared a caliphate"
        if any(a.lemma_.lower() in ("war", "conflict", "crisis", "uprising", "revolution") for a in tok.ancestors):
            return True  # "a war that has killed more than 290000"
    if value is not None and value >= 1000 and WAR_TOTAL.search(text):
        return True
    if value is not None and value >= 5000:
        return True  # no single event of this war killed so many; a toll this size is a total
    if tok is not None and value is not None and value >= 300 and {c.lower_ for c in tok.children} & {"have", "has"}:
        return True  # "300000 people have been killed": a running total
    return False


RAISED_TOLL = re.compile(r"\b(?:rais|bring|brought|put|push|lift|increas)\w*\s+(?:the|its)\s+(?:death\s+)?toll\b[^.;]{0,100}?"
                         r"\bto\s+(?:at least\s+|nearly\s+|about\s+|more than\s+)?(?P<n>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)\b", re.I)
TOLL = re.compile(r"\b(?:death toll|toll of dead|toll|number of (?:dead|deaths|victims|those killed))\b[^.;]{0,80}?"
                  r"\b(?:rose|risen|rises|climbed|climbs|reached|reaches|increased|jumped|hit|stands? at|stood at|is|was|of)"
                  r"\s+(?:to\s+)?(?:at least\s+|nearly\s+|about\s+|more than\s+)?(?P<n>\d[\d,]*|[a-z]+(?:[ -][a-z]+)?)\b", re.I)


def _killed_before_injured(t, lex):
    """Title case misparsed: "Kill 50 Injure Dozens" reads 'Injure' as a compound of 'Dozens' with 50 on it; the
    number before the injured word is the killed count. Its token, or None."""
    inj = next((c for c in t.children if c.dep_ == "compound" and c.lemma_.lower() in lex["injured"]), None)
    if inj is None:
        return None
    num = next((c for c in t.children if c.dep_ == "nummod" and c.i < inj.i), None)
    return num if num is not None and parse_number(num.text) is not None else None


def find(doc) -> list[Casualties]:
    """Casualty figures in a spaCy Doc (or Span) of one sentence: the toll patterns, then every killing or
    injuring word with the victims the parse gives it, counted."""
    lex = lexicon()
    seen: set[int] = set()  # tokens already counted by a figure
    base = doc[0].idx if len(doc) else 0
    doc_text = doc.text  # built from the tokens on every access: once per sentence
    out = _pattern_tolls(doc, doc_text, base, seen)
    for tok in doc:
        lemma = _lemma(tok)
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
                              who=tally.who, aggregate=_aggregate(doc, lo, hi, value, tok),
                              vague=tally.vague and not tally.total, head_i=tally.head_i, counted=not tally.numbered,
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
                              aggregate=_aggregate(doc, lo, hi)))
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
    v, vague, found = _quantity_of(tok)
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
        split = _killed_before_injured(t, lex)
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
    for noun in _conjuncts(t):
        if noun.i in seen or any(c.i in seen for c in noun.children if c.dep_ in ("nummod", "quantmod")):
            continue
        if noun is not t and _part_of_whole(noun, t):
            continue  # "82 people, among them 18 children": a part, already counted in the whole
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if kind == "killed" and after is not None and after.lemma_.lower() in lex["injured"]:
            continue  # "risen to 13 and 106 injured": the second number counts the injured
        v, vague, found = _quantity_of(noun)
        tally.numbered |= found and not _nobody(noun)
        if not found or _nobody(noun):
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
        tally.who = tally.who or _who(noun)
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
