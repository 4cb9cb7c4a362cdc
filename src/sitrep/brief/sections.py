"""The brief's sections, each from the events it covers: lead, summary, developments by area, deaths, control,
the control ledger, threats, history; and the documents they cite."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Optional

from ..query import fold
from ..store import Store
from .phrases import (actors_text, claim_verb, day_text, deaths_text, dedupe_sources, event_order, event_sources,
                      figure_text, place_text)
from .report import Section, Statement


TERRITORY_SUBTYPES = {"Government regains territory", "Non-state actor overtakes territory"}


def developments_section(current: list[dict]) -> tuple[Section, dict[str, list[dict]]]:
    """Key developments by area (admin1, else country), the busiest area first; returns the events by area too."""
    by_area: dict[str, list[dict]] = defaultdict(list)
    for e in current:
        by_area[e.get("admin1") or e.get("country") or "Area unknown"].append(e)
    developments = Section("Key developments by area")
    for area, evs in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        sub = Section(area)
        for e in sorted(evs, key=event_order):
            text = f"{day_text(e)} · {place_text(e)}: {e['sub_event_type']} ({actors_text(e)})."
            if e.get("notes"):
                text += f" {e['notes']}"
            elif (d := deaths_text(e)):
                text += f" {d}."
            if e.get("factuality") == "claimed":
                text += " [a claim, not independently reported]" if "(Claimed.)" not in (e.get("notes") or "") else ""
            if e.get("factuality") == "denied":
                text += " [denied]"
            sub.statements.append(Statement(text, event_sources(e), [e["event_id"]]))
        developments.subsections.append(sub)
    if not current:
        developments.note = "No events in this period and area."
    return developments, by_area


def threats_section(ahead: list[dict]) -> Section:
    threats = Section("Threats and plans (not events)",
                      note="Statements of intent or threat; nothing here is known to have happened.")
    for e in sorted(ahead, key=event_order):
        text = f"{day_text(e)} · {place_text(e)}: {e['factuality']} {e['sub_event_type'].lower()} ({actors_text(e)})."
        if e.get("notes"):
            text += f" {e['notes']}"
        threats.statements.append(Statement(text, event_sources(e), [e["event_id"]]))
    if not ahead:
        threats.note = "None reported."
    return threats


def history_section(background: list[dict]) -> Section:
    hist = Section("Historical background (not counted)",
                   note="Earlier events the articles recall; they are outside the period and the counts above.")
    for e in sorted(background, key=event_order):
        hist.statements.append(Statement(f"{day_text(e)} · {place_text(e)}: {e.get('notes') or e['sub_event_type']}",
                                         event_sources(e), [e["event_id"]]))
    return hist


def cited_documents(store: Store, sections: list[Section]) -> list[dict]:
    """Every document a statement cites, once, with its title, URL and path; by outlet, then publication date."""
    cited: dict[str, dict] = {}
    for sec in sections:
        for st in _all_statements(sec):
            for s in st.sources:
                cited.setdefault(s["doc_id"], s)
    docs = []
    for doc_id, s in cited.items():
        row = store.document_fields(doc_id, ["title", "url", "path"])
        docs.append({**s, "title": row["title"] if row else None, "url": s.get("url") or (row["url"] if row else None),
                     "path": row["path"] if row else None})
    docs.sort(key=lambda d: (d.get("outlet") or "", d.get("published") or "", d["doc_id"]))
    return docs


def lead_section(store: Store, events: list[dict], order) -> Section:
    """The stories' main events (what each article's headline and lead report), each once with the headlines that
    lead with it: the report opens with what the articles are about, before every event they mention."""
    sec = Section("Lead stories", note="Each article's main event: what its headline and lead report.")
    main = store.main_events()
    by_event: dict[str, list[str]] = defaultdict(list)
    for doc_id, event_id in main.items():
        by_event[event_id].append(doc_id)
    for e in sorted((e for e in events if e["event_id"] in by_event), key=order):
        docs = set(by_event[e["event_id"]])
        srcs = [s for s in event_sources(e) if s["doc_id"] in docs]
        titles = [t for t in ((store.document_fields(d, ["title"]) or {}).get("title") for d in sorted(docs)) if t]
        text = f"{day_text(e)} · {place_text(e)}: {e['sub_event_type']} ({actors_text(e)})."
        if (d := deaths_text(e)):
            text += f" {d}."
        if titles:
            text += " Headline: " + "; ".join(f"“{t}”" for t in titles[:3]) + "."
        sec.statements.append(Statement(text, srcs or event_sources(e), [e["event_id"]]))
    return sec


def _all_statements(sec: Section):
    yield from sec.statements
    for sub in sec.subsections:
        yield from _all_statements(sub)


def deaths_section(events: list[dict]) -> Section:
    sec = Section("Deaths and competing claims")
    # group figures by place: the same coordinates (or the same place name) within the report's period
    groups: dict[tuple, list[tuple[dict, dict]]] = defaultdict(list)
    names: dict[tuple, Counter] = defaultdict(Counter)
    for e in events:
        key = (round(e["latitude"], 2), round(e["longitude"], 2)) if e.get("latitude") is not None else (fold(e.get("location")),)
        names[key][place_text(e)] += 1
        for c in e.get("claims") or []:
            if c.get("kind") == "fatalities" and figure_text(c.get("value")):
                groups[key].append((c, e))
        if e.get("fatalities") is not None and not any(c.get("kind") == "fatalities" for c in e.get("claims") or []):
            groups[key].append(({"kind": "fatalities", "claimant": None, "value": e["fatalities"],
                                 "doc_id": (e.get("sources") or [{}])[0].get("doc_id")}, e))
    total_lo = sum(e.get("fatalities_low") if e.get("fatalities_low") is not None else (e.get("fatalities") or 0)
                   for e in events if e.get("factuality") == "reported")
    total_hi = sum(e.get("fatalities_high") if e.get("fatalities_high") is not None else (e.get("fatalities") or 0)
                   for e in events)
    if total_lo or total_hi:
        sec.note = (f"Deaths in reported events: at least {total_lo} (most conservative figure per event); "
                    f"up to {total_hi} counting every source's figure and the parties' own claims.")
    else:
        sec.note = "No death figures reported."
    for key, items in sorted(groups.items(), key=lambda kv: names[kv[0]].most_common(1)[0][0]):
        place = names[key].most_common(1)[0][0]
        by_claimant: dict[str, list] = defaultdict(list)
        for c, e in items:
            by_claimant[c.get("claimant") or "unattributed"].append((c, e))
        phrases, cites, ids = [], [], []
        for claimant, cs in by_claimant.items():
            for c, e in cs:
                src = next((s for s in e.get("sources") or [] if s["doc_id"] == c.get("doc_id")), None) \
                    or (e.get("sources") or [None])[0]
                phrase = (f"{claimant} {claim_verb(claimant, c.get('stance'))} {figure_text(c['value'])} killed" if claimant != "unattributed"
                          else f"{figure_text(c['value'])} killed (no claimant named)")
                phrases.append(phrase + f" ({e['sub_event_type'].lower()}, {day_text(e)})")
                if src:
                    cites.append(src)
                ids.append(e["event_id"])
        named = {k: v for k, v in by_claimant.items() if k != "unattributed"}
        if len(named) > 1 and len({figure_text(c["value"]) for cs in named.values() for c, _ in cs}) > 1:
            text = (f"{place}: competing claims. " + "; ".join(phrases)
                    + ". The figures come from different claimants and are not reconciled.")
            sec.statements.append(Statement(text, dedupe_sources(cites), ids))
            sec.competing.append((place, {k: [figure_text(c["value"]) for c, _ in v] for k, v in named.items()},
                                  dedupe_sources(cites)))
            continue
        else:
            text = f"{place}: " + "; ".join(phrases) + "."
        sec.statements.append(Statement(text, dedupe_sources(cites), ids))
    return sec


def control_section(events: list[dict]) -> Section:
    sec = Section("Control changes")
    for e in sorted(events, key=lambda e: (e.get("day") is None, e.get("day") or "", e["event_id"])):
        terr = e.get("territory")
        if not terr and e.get("sub_event_type") not in TERRITORY_SUBTYPES:
            continue
        terr = terr or {}
        place = terr.get("place") or e.get("location") or "an unnamed place"
        to_actor = terr.get("to_actor") or e.get("actor1") or "an unidentified actor"
        from_actor = terr.get("from_actor") or e.get("actor2")
        text = f"{day_text(e)} · {place}: {to_actor} took control" + (f" from {from_actor}" if from_actor else "")
        claimants = sorted({c.get("claimant") for c in e.get("claims") or [] if c.get("kind") == "territory" and c.get("claimant")})
        if claimants:
            text += " (according to " + ", ".join(claimants) + ")"
        if e.get("factuality") == "claimed":
            text += " [claimed]"
        sec.statements.append(Statement(text + ".", event_sources(e), [e["event_id"]]))
    if not sec.statements:
        sec.note = "No control changes reported."
    return sec


def ledger_section(store: Store, place: Optional[str], since: Optional[dt.date],
                    until: Optional[dt.date]) -> Optional[Section]:
    """Who holds what, per place, from the control ledger (sitrep.control, fusion); None without one."""
    try:
        from ..control import ledger
    except ImportError:
        return None
    sec = Section("Who holds what (control ledger)",
                  note="Per place, every holder the articles report, with its share, status and claimant.")
    docs: dict[str, dict] = {}

    def source(doc_id: str) -> dict:
        if doc_id not in docs:
            row = store.document_fields(doc_id, ["outlet", "url", "published"])
            docs[doc_id] = {"doc_id": doc_id, "outlet": row["outlet"] if row else None,
                            "url": row["url"] if row else None, "published": row["published"] if row else None}
        return docs[doc_id]

    for p in ledger(store, place):
        parts, cites = [], []
        for e in p.get("entries") or []:
            when = e.get("since") or e.get("not_before")
            if until and when and when[:10] > until.isoformat():
                continue
            if since and e.get("until") and e["until"][:10] < since.isoformat():
                continue
            share = f" {round(e['share'] * 100)}%" if isinstance(e.get("share"), (int, float)) else ""
            dating = (f" since {e['since']}" if e.get("since") else
                      f" (in a report from {e['not_before']} or later)" if e.get("not_before") else "")
            verb = "claims to hold" if e.get("status") == "claimed" else "holds"
            parts.append(f"{e.get('actor') or 'an unidentified actor'} {verb}{share}{dating}"
                         f" (according to {e.get('claimant') or 'unattributed'})")
            cites += [source(x["doc_id"]) for x in e.get("evidence") or [] if x.get("doc_id")]
        if parts:
            name = p["place"] + (f" ({p['admin1']})" if p.get("admin1") and fold(p["admin1"]) not in fold(p["place"]) else "")
            sec.statements.append(Statement(f"{name}: " + "; ".join(dict.fromkeys(parts)) + ".", dedupe_sources(cites)))
    if not sec.statements:
        sec.note = "No control records for this place and period."
    return sec


def summary_section(current, ahead, background, deaths: Section, control: Section, by_area) -> Section:
    sec = Section("Summary")
    types = Counter(e["event_type"] for e in current)
    if current:
        top = ", ".join(f"{n} {t}" for t, n in types.most_common())
        areas = ", ".join(f"{a} ({len(v)})" for a, v in sorted(by_area.items(), key=lambda kv: -len(kv[1])))
        srcs = dedupe_sources([s for e in current for s in e.get("sources") or []])
        sec.statements.append(Statement(f"{len(current)} events: {top}. Areas: {areas}.", srcs))
    for place, by_claimant, cites in deaths.competing:
        figures = "; ".join(f"{k} {claim_verb(k)} " + ", ".join(v) for k, v in by_claimant.items())
        sec.statements.append(Statement(f"Competing death claims for {place}: {figures} (killed; see Deaths).", cites))
    if control.statements:
        changes = sorted({(s.text.split(" · ", 1)[-1].split(" (according")[0].rstrip(".")) for s in control.statements})
        sec.statements.append(Statement(f"{len(control.statements)} control change(s) reported: " + "; ".join(changes) + ".",
                                        dedupe_sources([c for s in control.statements for c in s.sources])))
    if ahead:
        sec.statements.append(Statement(f"{len(ahead)} threat(s) or plan(s) reported, listed apart.",
                                        dedupe_sources([s for e in ahead for s in e.get("sources") or []])))
    return sec
