"""What a document tells beyond a date expression: its sentence (for tense) and the values given before."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .words import CLAUSE, FUTURE_TENSE, LEAD_WORDS, TENSE_CUE


def _tense(clause: str, last: bool) -> Optional[str]:
    """'future', 'past' or 'present' by the clause's last (or first) tense cue, or None."""
    cues = list(TENSE_CUE.finditer(clause))
    if not cues:
        return None
    if last:
        fut = [i for i, c in enumerate(cues) if c["future"]]
        # "would be paid on a still unspecified date": '-ed' words after a future verb are its participles
        if fut and all(c["past"] and c[0].lower().endswith("ed") and c[0].lower() not in ("said", "had")
                       for c in cues[fut[-1] + 1:]):
            return "future"
    cue = cues[-1] if last else cues[0]
    return "future" if cue["future"] else "past" if cue["past"] else "present"


@dataclass
class Context:
    """What a document tells beyond the expression: its sentence (for tense) and the values already given to
    earlier expressions (for "a year earlier", "that day", "the following year": the granularity and the anchor
    come from the last date mentioned, as HeidelTime and SUTime do)."""
    sentence: str = ""
    before: str = ""  # the sentence's text before the expression
    previous: list = field(default_factory=list)

    after: str = ""  # the sentence's text after the expression

    def future(self) -> bool:
        return self.tense() == "future"

    def tense(self) -> Optional[str]:
        """'future', 'past', 'present' or None (no finite verb found). The clause that holds the expression speaks of the future ('Saddam said he will begin withdrawing on
        Friday'; not 'a spokesman said Thursday that troops will remain'). The verb nearest before the expression
        in its clause decides; a clause that shows no tense of its own ('..., her first stop Tuesday morning')
        takes it from the clause after the expression when that one begins the sentence ('On Tuesday, the league
        plans to ...'), else from the nearest clause before. A possessive weekday ("Wednesday's ruling") names
        an event already told, whatever the tense of the verb."""
        if not self.before and not self.after:
            return "future" if FUTURE_TENSE.search(self.sentence) else None
        if re.match(r"\s*'s\b", self.after):
            return "present"
        if re.search(r"\b(ahead of|in time for|in advance of)\s*$", self.before, re.I):
            return "future"  # "square positions ahead of the weekend": the coming one
        clauses = [c for c in CLAUSE.split(self.before) if c and c.strip()]
        head = clauses[-1] if clauses else ""
        tense = _tense(head, last=True)
        if tense:
            return tense
        if all(w.lower() in LEAD_WORDS for w in head.split()):
            for c in CLAUSE.split(self.after):
                tense = _tense(c or "", last=False)
                if tense:
                    return tense
        for c in reversed(clauses[:-1]):
            tense = _tense(c, last=True)
            if tense:
                return tense
        return None

    def last(self, pattern: str, min_year: int = 0, max_year: int = 9999) -> Optional[str]:
        for v in reversed(self.previous):
            if re.fullmatch(pattern, v) and min_year <= int(v[:4]) <= max_year:
                return v
        return None
