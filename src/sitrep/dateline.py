"""A story's dateline: capitalised words, numbers and an outlet in brackets before a dash, opening the first body
paragraph ("EL FASHER, Sudan, May 12 (Reuters) - ", "May 3, 2024 - ", "BEIRUT, March 3 (AP) — "). The date written
there is when the story was filed (sitrep.extract.drafts), and the dateline is parsed apart from the sentence it
opens, which the language model otherwise misreads (sitrep.annotate: "ADDIS ABABA, Aug 7 (Reuters) - Fighters from
the Fano militia took control ..." lost the Fano as the subject)."""
from __future__ import annotations

import re

# a dateline opening the story: capitalised words, numbers and an outlet in brackets before a dash ("EL FASHER, Sudan,
# May 12 (Reuters) - ", "May 3, 2024 - ", "BEIRUT, March 3 (AP) — "); a place's name may hold a small word ("GOMA,
# Democratic Republic of Congo, May 1 (Reuters) - ")
DATELINE = re.compile(r"^\W*(?:(?:[A-Z0-9][\w'’.]*|of|and|the|de|du|des|la|el|al|\([^()]{1,40}\))[,.]?\s+){1,12}?"
                      r"(?:-{1,2}|–|—)\s")


def length(text: str) -> int:
    """Characters of the dateline that opens ``text`` (0 without one)."""
    m = DATELINE.match(text[:120])
    return m.end() if m else 0
