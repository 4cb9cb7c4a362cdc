"""re3d: Organisation and Location entities recalled by the actor and place rulers."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .common import pct

# -- re3d (entities) -------------------------------------------------------------------------------------------
@dataclass
class Re3dResult:
    documents: int = 0
    gold: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    on_gold: Counter = field(default_factory=Counter)

    def markdown(self) -> str:
        out = ["| re3d type | Sitrep ruler | gold entities | recalled (a ruler match overlaps) | ruler matches | "
               "matches on a gold entity of that type |", "|---|---|---|---|---|---|"]
        for t, ruler in (("Organisation", "actors (actors.yaml)"), ("Location", "places (gazetteer)")):
            out.append(f"| {t} | {ruler} | {self.gold[t]} | {self.recalled[t]} ({pct(self.recalled[t], self.gold[t])}) | "
                       f"{self.predicted[t]} | {self.on_gold[t]} ({pct(self.on_gold[t], self.predicted[t])}) |")
        return "\n".join(out)


def score_re3d(folder: Path) -> Re3dResult:
    """Organisation entities against the actor ruler, Location entities against the gazetteer's place finder.
    Sitrep's actor list is about the Syrian war, re3d's organisations are any (ministries, the UN, companies):
    recall measures coverage of what a defence analyst marks, not an error rate."""
    from ..actors import registry
    from ..geo import gazetteer

    res = Re3dResult()
    reg, gaz = registry(), gazetteer()
    for docs_file in sorted(Path(folder).rglob("documents.json")):
        ents_file = docs_file.with_name("entities.json")
        ents: dict[str, list[dict]] = {}
        if ents_file.exists():
            for line in ents_file.read_text(encoding="utf-8-sig").splitlines():
                if line.strip():
                    e = json.loads(line)
                    ents.setdefault(e["documentId"], []).append(e)
        for line in docs_file.read_text(encoding="utf-8-sig").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = d.get("text") or ""
            res.documents += 1
            pred = {"Organisation": [(m.start, m.end) for m in reg.find(text)],
                    "Location": [(m.start, m.end) for m in gaz.find(text)]}
            for t, spans in pred.items():
                gold = {(e["begin"], e["end"]) for e in ents.get(d["_id"], []) if e["type"] == t}
                res.gold[t] += len(gold)
                res.recalled[t] += sum(any(s < ge and gs < e for s, e in spans) for gs, ge in gold)
                res.predicted[t] += len(spans)
                res.on_gold[t] += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in spans)
    return res
