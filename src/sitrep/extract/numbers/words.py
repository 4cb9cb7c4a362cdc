"""Number words and the casualty word lists (data/lexicon.yaml, data/victims.yaml): parsing a written number."""
from __future__ import annotations

import functools
import re
from typing import Optional

from ...resources import load_yaml

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


def lemma_of(tok) -> str:
    """The token's lowercased lemma; a title-case headline's plural noun read as a proper noun keeps its surface
    form as lemma ("Claim 20 Martyrs": 'Martyrs'), so its singular is tried against the lexicon as well."""
    lemma = tok.lemma_.lower()
    if tok.tag_ == "NNPS" or (tok.tag_ == "NNP" and tok.text[:1].isupper() and lemma.endswith("s")):
        lex = lexicon()
        killed, injured = lex["killed"], lex["injured"]
        for cand in (lemma[:-3] + "y" if lemma.endswith("ies") else None, lemma[:-1] if lemma.endswith("s") else None):
            if cand and (cand in killed or cand in injured):
                return cand
    return lemma


MONTH_WORDS = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
               "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
               "december"}
