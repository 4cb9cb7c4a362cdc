"""Background scope: the part of a sentence that tells an earlier event ("days after a bombing killed 120", "last
week"), so that what is told there is background, not the article's news. Cues are data (``data/dates.yaml``)."""
from __future__ import annotations

import functools
import re

from ..resources import load_yaml


@functools.lru_cache(maxsize=None)
def cues(name: str) -> list[re.Pattern]:
    """A list of sentence cues from data/dates.yaml (background_cues, context_cues, separate_event_cues)."""
    return [re.compile(p, re.I) for p in load_yaml("dates.yaml").get(name, [])]


def clause_verb(sdoc, char_offset: int) -> int:
    """Index of the verb whose clause holds the token at char_offset (the root when there is none)."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), sdoc[0])
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok:
        tok = tok.head
    return tok.i


def opens_clause(cue: str) -> bool:
    """'days after', 'a week before', 'in retaliation for', 'this follows': the cue introduces a clause (or phrase)
    about an earlier event."""
    return bool(re.search(r"(?i)\b(after|before|since|for|to|avenge|follows|followed)$", cue.strip()))


def background_span(sdoc, m) -> tuple[int, int]:
    """Where an earlier event's clause runs: 'days after a deadly chemical attack' is the phrase the preposition
    heads, 'after a bombing killed 120' the clause the conjunction opens; otherwise from the cue to the end."""
    end = m.end()
    tok = next((t for t in sdoc if t.idx < end <= t.idx + len(t.text)), None)
    if tok is not None and tok.lower_ in ("after", "before", "since"):
        root = tok.head if tok.dep_ == "mark" else tok if tok.dep_ == "prep" else None
        if root is not None:
            sub = list(root.subtree)
            last = sub[-1]
            obj = next((c for c in root.children if c.dep_ == "pobj"), None) if root is tok else None
            if obj is not None:
                last = _phrase_end(obj)
            lo = min(m.start(), sub[0].idx)
            return lo, max(end, last.idx + len(last.text))
    return m.start(), len(sdoc.text) + 1


def _phrase_end(obj):
    """The last token of a prepositional object's phrase: its noun and the phrases on it ("after a bombing in
    Homs"); a clause the parser hung on the noun of unpunctuated text ("after a chemical attack a woman was
    killed") is the news, not part of the phrase."""
    last = obj
    for c in obj.rights:
        relative = c.dep_ in ("relcl", "acl") and (c.tag_ in ("VBN", "VBG") and c.dep_ == "acl" or any(
            g.tag_ in ("WDT", "WP", "WP$") for g in c.subtree))  # "a bombing that killed 120"
        if c.dep_ in ("relcl", "acl", "cc", "conj", "punct") and not relative:
            break
        last = list(c.subtree)[-1]
    return last


def _with_conjuncts(sdoc, verbs: set[int]) -> set[int]:
    """A time adverbial dates the clauses coordinated with its own: "last December 30 people were killed and 90
    others wounded in two explosions" tells one earlier event in both verbs."""
    out = set(verbs)
    for i in verbs:
        out.update(t.i for t in sdoc[i].conjuncts if t.pos_ in ("VERB", "AUX"))
    return out


class Background:
    """The background scope of one sentence. A cue that dates the whole clause ("last week") makes every event in
    that clause background; one that opens a clause ("days after a bombing killed 120") only what is told in it."""

    def __init__(self, sdoc):
        self.sdoc = sdoc
        text = sdoc.text  # built from the tokens on every access: once per sentence
        hits = [m for rx in cues("background_cues") for m in [rx.search(text)] if m]
        self.spans = [background_span(sdoc, m) for m in hits if opens_clause(m.group(0))]
        self.verbs = _with_conjuncts(sdoc, {clause_verb(sdoc, m.start()) for m in hits if not opens_clause(m.group(0))})

    def in_span(self, idx: int) -> bool:
        """Inside a clause about an earlier event ("days after a bombing killed 120")."""
        return any(lo <= idx < hi for lo, hi in self.spans)

    def in_background(self, idx: int) -> bool:
        """In such a clause, or in a clause a cue dates as past ("last week", "in February")."""
        return self.in_span(idx) or clause_verb(self.sdoc, idx) in self.verbs
