"""FA-KES: the article's main event against its governorate, perpetrator class, cause of death and death toll (rules
of ``shared/tools/score_fakes.py``)."""
from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .common import km, load_jsonl, pct, run_and_export, workdir

# -- FA-KES (rules of shared/tools/score_fakes.py) ----------------------------------------------------------------
GOV = {  # FA-KES location -> accepted admin1 spellings, and a point inside
    "aleppo": (["aleppo", "halab"], (36.20, 37.16)),
    "damascus": (["damascus", "dimashq", "rif dimashq", "rural damascus", "damascus countryside", "reef dimashq",
                  "rif dimashq governorate"], (33.51, 36.29)),
    "idlib": (["idlib", "idleb"], (35.93, 36.63)),
    "deir ezzor": (["deir ez-zor", "deir ezzor", "deir ez zor", "dayr az zawr", "deir al-zour", "deir el-zour",
                    "deir al zour"], (35.33, 40.14)),
    "raqqa": (["raqqa", "ar raqqah", "al-raqqa", "raqqah"], (35.95, 39.01)),
    "homs": (["homs", "hims"], (34.73, 36.71)),
    "hasakeh": (["hasakeh", "al-hasakah", "al hasakah", "hasaka", "hasakah", "al-hasakeh"], (36.50, 40.75)),
    "hama": (["hama", "hamah"], (35.13, 36.75)),
    "daraa": (["daraa", "dar'a", "deraa"], (32.62, 36.10)),
    "lattakia": (["latakia", "lattakia", "al ladhiqiyah", "latakia governorate"], (35.52, 35.78)),
    "quneitra": (["quneitra", "al qunaytirah", "qunaitra"], (33.13, 35.82)),
    "tartous": (["tartus", "tartous"], (34.89, 35.89)),
}
PERPETRATOR = {
    "syrian government or russian troops": ["military forces of syria", "syrian regime", "regime", "syrian government",
                                            "syrian army", "syrian arab army", "assad", "pro-government", "loyalist",
                                            "government of syria", "military forces of russia", "russia", "russian",
                                            "national defence forces"],
    "the organization of the islamic state in iraq and the levant - isis": ["islamic state", "isis", "isil", "daesh",
                                                                            "is"],
    "international coalition forces": ["coalition", "military forces of the united states", "united states", "us-led",
                                       "american", "operation inherent resolve", "military forces of france",
                                       "military forces of the united kingdom"],
    "armed opposition groups": ["free syrian army", "fsa", "rebel", "opposition", "jaish al-islam", "jaysh al-islam",
                                "ahrar al-sham", "faylaq al-rahman", "militants", "terrorist"],
    "self administration forces": ["syrian democratic forces", "sdf", "ypg", "kurdish", "people's protection units",
                                   "asayish"],
    "al-nusra front": ["nusra", "fateh al-sham", "fath al-sham", "tahrir al-sham", "hts"],
}
CAUSE = {
    "shelling": {"Shelling/artillery/missile attack", "Air/drone strike"},
    "explosion": {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"},
    "chemical and toxic gases": {"Chemical weapon"},
    "shooting": {"Armed clash", "Attack"},
    "execution": {"Attack"},
}


def _fnorm(s: Optional[str]) -> str:
    s = (s or "").lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", s)).strip()


def perpetrator_class(name: Optional[str]) -> Optional[str]:
    n = _fnorm(name)
    for cls, keys in PERPETRATOR.items():
        for k in keys:
            if (len(k) <= 3 and re.search(r"\b" + re.escape(k) + r"\b", n)) or (len(k) > 3 and k in n):
                return cls
    return None


def governorate_ok(gold: str, ev: dict) -> bool:
    names, _ = GOV[gold]
    a = _fnorm(ev.get("admin1"))
    if a and any(a == x or a.startswith(x) or x in a for x in names):
        return True
    try:
        c = (float(ev["latitude"]), float(ev["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False
    return min(GOV, key=lambda g: km(c, GOV[g][1])) == gold


@dataclass
class FakesResult:
    articles: int = 0
    events: int = 0
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    errors: int = 0

    def figures(self) -> dict:
        c, n = self.counts, self.articles
        return {"articles": n, "events": self.events, "no_event": pct(c["no_event"], n), "governorate": pct(c["gov"], n),
                "perpetrator": pct(c["actor"], c["actor_n"]), "cause": pct(c["cause"], c["cause_n"]),
                "deaths_exact": pct(c["fat_exact"], c["fat_n"]), "deaths_within_20pct": pct(c["fat_close"], c["fat_n"]),
                "articles_per_s": round(n / self.seconds, 2) if self.seconds else None}

    def markdown(self) -> str:
        f, c = self.figures(), self.counts
        return "\n".join([
            "| measure | Sitrep | over |", "|---|---|---|",
            f"| no event | {f['no_event']} | {self.articles} articles |",
            f"| governorate | {f['governorate']} | {self.articles} articles |",
            f"| perpetrator class | {f['perpetrator']} | {c['actor_n']} articles with a known perpetrator |",
            f"| cause | {f['cause']} | {c['cause_n']} articles with a known cause |",
            f"| deaths exact | {f['deaths_exact']} | {c['fat_n']} articles with deaths |",
            f"| deaths within 20% | {f['deaths_within_20pct']} | {c['fat_n']} articles with deaths |",
            f"| speed | {f['articles_per_s']} articles/s (pipeline in one process, model load excluded) | |"])


def fakes_articles(csv_path: Path, limit: Optional[int] = None) -> list[dict]:
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


def score_fakes(csv_path: Path, limit: Optional[int] = None, keep: Optional[Path] = None) -> FakesResult:
    """FA-KES articles as ``score_fakes.py`` feeds them (title, blank line, body; no publication date), each
    article's main event = its event with the most fatalities (the first if tied)."""
    rows = fakes_articles(csv_path, limit)
    res = FakesResult(articles=len(rows))
    with workdir(keep) as work:
        inp = Path(work) / "articles.jsonl"
        with open(inp, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r["unit_id"], "title": r["article_title"], "outlet": r["source"],
                                    "text": r["article_title"] + "\n\n" + r["article_content"]}, ensure_ascii=False) + "\n")
        from ..annotate import english
        english()
        t0 = time.perf_counter()
        ev_path, docs_path, report = run_and_export([str(inp)], Path(work))
        res.seconds = time.perf_counter() - t0
        res.errors = len(report.errors)
        docs = load_jsonl(docs_path)
        events = load_jsonl(ev_path)
    doc_of = {d["doc_id"]: str(d.get("path", "")).rsplit("#", 1)[-1] for d in docs}
    res.events = len(events)
    by_doc: dict[str, list[dict]] = {}
    for ev in events:
        for s in ev.get("sources") or []:
            by_doc.setdefault(doc_of.get(s.get("doc_id")), []).append(ev)
    c = res.counts
    for r in rows:
        evs = by_doc.get(r["unit_id"], [])
        if not evs:
            c["no_event"] += 1
            continue
        main_ev = max(evs, key=lambda e: e.get("fatalities") or 0)
        c["gov"] += governorate_ok(r["location"], main_ev)
        if r["actor"] != "unknown":
            c["actor_n"] += 1
            c["actor"] += perpetrator_class(main_ev.get("actor1")) == r["actor"]
        if r["cause_of_death"] != "unknown":
            c["cause_n"] += 1
            c["cause"] += main_ev.get("sub_event_type") in CAUSE[r["cause_of_death"]]
        deaths = int(r["nb_civilians"] or 0) + int(r["nb_noncivilians"] or 0)
        if deaths:
            c["fat_n"] += 1
            f = main_ev.get("fatalities") or 0
            c["fat_exact"] += f == deaths
            c["fat_close"] += abs(f - deaths) <= max(1, 0.2 * deaths)
    return res
