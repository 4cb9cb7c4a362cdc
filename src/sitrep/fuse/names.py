"""Story names: the rare proper names two reports of one incident share (a victim's or a suspect's name, a
street, a shop), found without a parser: runs of two or three capitalised words in a document's title and lead.

A name is *rare* for a pair of events when few other documents fused before the newer one carry it (document
frequency over the store, in fusion order, so one batch and two batches see the same counts). Common names
(an agency, a wire service), every name the actor registry knows and every gazetteer place name are not evidence
of one incident.
Which words never start or end a story name, how much of a text counts as its lead, and how rare a name must be
are data (``data/fusion.yaml``, ``story_names``).

Used by :mod:`sitrep.fuse` as evidence that lets same-incident reports merge across a place disagreement (a
place resolved in the wrong state or country) or a follow-up's date, never across incompatible types.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Optional

_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_RUN = re.compile(rf"\b{_WORD}(?:\s+(?:[A-Z]\.\s+)?{_WORD})+\b")   # two or more capitalised words


@functools.lru_cache(maxsize=65536)
def known_actor(name: str) -> bool:
    from ..actors import registry

    try:
        return registry().lookup(name) is not None
    except Exception:  # a registry that cannot judge a name does not make it an actor
        return False


@functools.lru_cache(maxsize=65536)
def known_place(name: str) -> bool:
    """A gazetteer name (exact or alternate spelling): a place two reports share says where, not which incident;
    where is the place rule's business, which story names must not override."""
    from ..places import candidates

    try:
        return bool(candidates(name, loose_ok=False, fuzzy_ok=False))
    except Exception:  # a gazetteer that cannot judge a name does not make it a place
        return False


def story_names(title: Optional[str], text: Optional[str], conf: dict) -> frozenset:
    """The candidate story names of one document: runs of capitalised words in its title and lead, cut at the
    words the data excludes (``stop``: titles, days, institutions), of two words or more, neither registry actors
    nor gazetteer places."""
    lead = int(conf.get("lead_chars", 1500))
    stop = set(str(conf.get("stop") or "").lower().split())
    src = f"{title or ''}\n{(text or '')[:lead]}"
    out = set()
    for m in _RUN.finditer(src):
        segment: list[str] = []
        for w in [*m.group(0).split(), "."]:  # a stop word (or the end) closes a name
            if w.lower().rstrip(".") in stop or w == ".":
                if len([x for x in segment if len(x) > 2]) >= 2:
                    name = " ".join(segment)
                    if not known_actor(name) and not known_place(name):
                        out.add(name)
                segment = []
            else:
                segment.append(w)
    return frozenset(out)


class StoryNames:
    """Names of every fused document and their document frequency up to each document's fusion order."""

    def __init__(self, rows: Iterable[tuple[str, int, Optional[str], Optional[str]]], conf: dict):
        self.conf = conf
        self.names: dict[str, frozenset] = {}
        self.seq: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = {}   # name -> (fusion order, doc_id) of its carriers, sorted
        for doc_id, seq, title, text in rows:
            self.add(doc_id, seq, title, text)

    def add(self, doc_id: str, seq: int, title: Optional[str], text: Optional[str]) -> None:
        if doc_id in self.names:
            return
        ns = story_names(title, text, self.conf)
        self.names[doc_id], self.seq[doc_id] = ns, seq
        for n in ns:
            bisect.insort(self.by_name.setdefault(n, []), (seq, doc_id))

    def shared(self, doc_id: str, others: Iterable[str]) -> list[str]:
        """The rare names ``doc_id`` shares with any of ``others``: carried by at most ``max_other_docs``
        documents fused up to the latest of them, besides these."""
        group = [d for d in {doc_id, *others} if d in self.names]
        if doc_id not in self.names or len(group) < 2:
            return []
        upto = max(self.seq[d] for d in group)
        mine = self.names[doc_id]
        theirs = set().union(*(self.names[d] for d in group if d != doc_id))
        limit = int(self.conf.get("max_other_docs", 1))
        out = []
        for n in sorted(mine & theirs):
            carriers = bisect.bisect_right(self.by_name.get(n, ()), (upto, "\uffff"))  # those fused up to ``upto``
            inside = sum(1 for d in group if n in self.names[d])
            if carriers - inside <= limit:
                out.append(n)
        return out

    def earlier_sharing(self, doc_id: str) -> list[str]:
        """Documents fused before ``doc_id`` that share a rare name with it, in fusion order (looked up by name,
        so the cost is that of the document's own names, not of the store)."""
        if doc_id not in self.names:
            return []
        me = self.seq[doc_id]
        limit = int(self.conf.get("max_other_docs", 1))
        out = set()
        for n in self.names[doc_id]:
            held = self.by_name.get(n, [])
            carriers = held[:bisect.bisect_right(held, (me, "\uffff"))]
            if len(carriers) - 2 > limit:  # too common even before counting the pair out
                continue
            out.update(d for s, d in carriers if s < me and self.shared(doc_id, [d]))
        return sorted(out, key=lambda d: self.seq[d])
