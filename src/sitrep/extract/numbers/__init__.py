"""Casualty figures in a parsed sentence: who died or was hurt, and how many.

"at least five deaths" -> killed 5; "seven ISIS militants and four rebel fighters were killed" -> killed 11;
"the killing of five leaders" -> killed 5; "killing one person and wounded several others" -> killed 1 and
injured (vague); "500 soldiers had died since the beginning of the campaign" -> killed 500, aggregate.
Vague quantities follow ACLED's convention: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100; "several",
"a number of" and the like are recorded as vague (no number).


Modules: ``words`` (number words, parsing, the word lists), ``victims`` (who and how many a casualty word
names), ``scope`` (toll patterns, running totals), ``casualties`` (one sentence's figures).
"""
from __future__ import annotations

from .casualties import Casualties, find
from .scope import aggregate
from .victims import fatal_verb, life_victims, unnumbered_victims
from .words import VAGUE_PLURALS, lexicon, parse_number, victim_words

__all__ = ["Casualties", "VAGUE_PLURALS", "aggregate", "fatal_verb", "find", "lexicon", "life_victims", "parse_number",
           "unnumbered_victims", "victim_words"]
