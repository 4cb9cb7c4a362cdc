"""WikiEvents (KAIROS): attack, death and injury events found by Sitrep (trigger inside an event's evidence)."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .case import mentions_of
from .common import pct

# -- WikiEvents (KAIROS) ----------------------------------------------------------------------------------------
KAIROS_VIOLENT = ("Conflict.Attack", "Life.Die", "Life.Injure")


@dataclass
class WikiEventsResult:
    documents: int = 0
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    events: int = 0
    events_on_gold: int = 0

    def markdown(self) -> str:
        out = ["| KAIROS events | gold | trigger inside a Sitrep event's evidence |", "|---|---|---|"]
        for k in sorted(self.gold):
            out.append(f"| {k} | {self.gold[k]} | {self.found[k]} ({pct(self.found[k], self.gold[k])}) |")
        tg, tf = sum(self.gold.values()), sum(self.found.values())
        out.append(f"| all attack, death and injury events | {tg} | {tf} ({pct(tf, tg)}) |")
        out += ["", f"{self.events} Sitrep events in {self.documents} documents; {self.events_on_gold} "
                f"({pct(self.events_on_gold, self.events)}) rest on a sentence that holds a gold attack, death or "
                "injury trigger."]
        return "\n".join(out)


def score_wikievents(jsonl_path: Path) -> WikiEventsResult:
    """Recall of the violent KAIROS events (attack, death, injury): a gold event counts when its trigger lies in
    the evidence (sentence) of one of the events Sitrep extracts from the document."""
    res = WikiEventsResult()
    for line in Path(jsonl_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        # the documents' text as sentences, one paragraph each, with a map from token to character offset
        paras, tok_at, pos = [], {}, 0
        ti = 0
        for toks, sent_text in d["sentences"]:
            base = pos
            for tok, s, _e in toks:
                tok_at[ti] = base + (s - toks[0][1])
                ti += 1
            paras.append(sent_text)
            pos += len(sent_text) + 2
        text = "\n\n".join(paras)
        mentions = mentions_of(text, f"{d['doc_id']}.txt")
        res.documents += 1
        res.events += len(mentions)
        # evidence offsets are into the cleaned text: place each evidence sentence in the text given
        located: dict[int, list[tuple[int, int]]] = {}
        for mi, m in enumerate(mentions):
            for e in m.evidence:
                at = text.find(e.text)
                if at >= 0:
                    located.setdefault(mi, []).append((at, at + len(e.text)))
        spans = [sp for v in located.values() for sp in v]
        gold_offsets = []
        for e in d["event_mentions"]:
            kind = next((k for k in KAIROS_VIOLENT if e["event_type"].startswith(k)), None)
            if kind is None:
                continue
            off = tok_at.get(e["trigger"]["start"])
            res.gold[kind] += 1
            if off is not None:
                gold_offsets.append(off)
                if any(s <= off < t for s, t in spans):
                    res.found[kind] += 1
        for mi in range(len(mentions)):
            if any(s <= off < t for s, t in located.get(mi, []) for off in gold_offsets):
                res.events_on_gold += 1
    return res
