"""``sitrep brief``: the situation report an analyst sends, from the store's events.

Sections: summary; key developments by area (admin1); deaths, with each figure attributed to its claimant and
competing figures from different claimants stated as such ("Amaq claimed 30 killed; SOHR reported 1 killed");
control changes; threats and plans (not events, kept apart); historical background (not counted). Every
statement ends with its sources (outlet, publication date, document id), listed in full at the end.

The report is built once as plain data (``Report``) and rendered to Markdown or HTML; article text is escaped
for either (Markdown punctuation backslash-escaped, HTML through ``html.escape``).
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from .query import EventFilter, fold, iter_events
from .store import Store

TERRITORY_SUBTYPES = {"Government regains territory", "Non-state actor overtakes territory"}
AHEAD = {"threatened", "planned"}
BACKGROUND = {"historical"}


@dataclass
class Statement:
    text: str
    sources: list[dict] = field(default_factory=list)   # {"doc_id", "outlet", "published", ...}
    event_ids: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    statements: list[Statement] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)
    note: Optional[str] = None
    competing: list = field(default_factory=list)   # deaths section: (place, {claimant: [figures]}, sources)


@dataclass
class Report:
    title: str
    scope: str
    sections: list[Section]
    sources: list[dict]          # every source cited, in citation order

    def to_markdown(self) -> str:
        return render_markdown(self)

    def to_html(self) -> str:
        return render_html(self)


# -- wording ---------------------------------------------------------------------------------------------------
def _claimant_stance(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    try:
        from .actors import registry
        actor = registry().lookup(name)
    except Exception:  # the registry is a convenience for wording; a brief never fails for it
        return None
    return actor.stance if actor else None


def claim_verb(claimant: Optional[str], stance: Optional[str] = None) -> str:
    """A party to the fighting (or its outlet) 'claimed'; a monitor or the press 'reported'. The claim's own
    stance (set by fusion) wins over the registry's."""
    return "claimed" if (stance or _claimant_stance(claimant)) == "party" else "reported"


def _figure(value) -> Optional[str]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dict):  # a range from fusion: {"low", "high"} or {"min", "max"}
        lo = value.get("low", value.get("min"))
        hi = value.get("high", value.get("max"))
        if lo is not None and hi is not None:
            return f"{lo}-{hi}" if lo != hi else str(lo)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return f"{value[0]}-{value[1]}"
    if isinstance(value, str) and re.fullmatch(r"\d+(-\d+)?", value):
        return value
    return None


def _day_text(ev: dict) -> str:
    day, basis = ev.get("day"), ev.get("day_basis")
    if day is None:
        return "date unknown"
    if basis == "event":
        return day
    if basis == "span":
        end = ev.get("date_end")
        return f"{day} to {end}" if end and end != day else day
    return f"reported {day}"


def _place(ev: dict) -> str:
    loc = ev.get("location") or (ev.get("territory") or {}).get("place") or "place unknown"
    if ev.get("admin1") and fold(ev["admin1"]) not in fold(loc):
        return f"{loc} ({ev['admin1']})"
    return loc


def _actors(ev: dict) -> str:
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    if a1 and a2:
        return f"{a1} vs {a2}"
    return a1 or a2 or "unidentified actors"


def _deaths(ev: dict) -> Optional[str]:
    lo, best, hi = ev.get("fatalities_low"), ev.get("fatalities_best"), ev.get("fatalities_high")
    f = ev.get("fatalities")
    claims = [c for c in ev.get("claims") or [] if c.get("kind") == "fatalities" and _figure(c.get("value"))]
    if f is None and lo is None and hi is None and not claims:
        return None
    parts = []
    if lo is not None and hi is not None and lo != hi:
        parts.append(f"{lo}-{hi} killed" + (f" (best estimate {best})" if best is not None else ""))
    elif f is not None or lo is not None:
        parts.append(f"{f if f is not None else lo} killed")
    attributions = [f"{c.get('claimant') or 'unattributed'} {claim_verb(c.get('claimant'))} {_figure(c['value'])}"
                    for c in claims]
    if attributions:
        parts.append("; ".join(dict.fromkeys(attributions)))
    return "Deaths: " + ", ".join(parts) if parts else None


def _sources(ev: dict) -> list[dict]:
    return list(ev.get("sources") or [])


# -- building -------------------------------------------------------------------------------------------------
def _order(e: dict):
    return (e.get("day") is None, e.get("day") or "", e.get("location") or "", e["event_id"])


def build(store: Store, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
          place: Optional[str] = None) -> Report:
    flt = EventFilter(since=since, until=until, place=place)
    events = list(iter_events(store, flt))
    current = [e for e in events if e.get("factuality") not in AHEAD | BACKGROUND]
    ahead = [e for e in events if e.get("factuality") in AHEAD]
    background = [e for e in events if e.get("factuality") in BACKGROUND]

    developments, by_area = _developments_section(current)
    deaths = _deaths_section(current)
    control = _control_section(current)
    threats = _threats_section(ahead)
    hist = _history_section(background)
    holdings = _ledger_section(store, place, since, until)
    summary = _summary(current, ahead, background, deaths, control, by_area)
    leads = _lead_section(store, events, _order)
    sections = [summary] + ([leads] if leads.statements else []) + [developments, deaths, control] + ([holdings] if holdings else []) + [threats] \
        + ([hist] if background else [])
    docs = _cited_documents(store, sections)
    span = f"{since or 'start'} to {until or 'latest'}"
    scope = f"{place or 'All areas'}, {span}: {len(events)} events from {len(docs)} articles"
    return Report(title=f"Situation report: {place or 'all areas'}", scope=scope, sections=sections, sources=docs)


def _developments_section(current: list[dict]) -> tuple[Section, dict[str, list[dict]]]:
    """Key developments by area (admin1, else country), the busiest area first; returns the events by area too."""
    by_area: dict[str, list[dict]] = defaultdict(list)
    for e in current:
        by_area[e.get("admin1") or e.get("country") or "Area unknown"].append(e)
    developments = Section("Key developments by area")
    for area, evs in sorted(by_area.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        sub = Section(area)
        for e in sorted(evs, key=_order):
            text = f"{_day_text(e)} · {_place(e)}: {e['sub_event_type']} ({_actors(e)})."
            if e.get("notes"):
                text += f" {e['notes']}"
            elif (d := _deaths(e)):
                text += f" {d}."
            if e.get("factuality") == "claimed":
                text += " [a claim, not independently reported]" if "(Claimed.)" not in (e.get("notes") or "") else ""
            if e.get("factuality") == "denied":
                text += " [denied]"
            sub.statements.append(Statement(text, _sources(e), [e["event_id"]]))
        developments.subsections.append(sub)
    if not current:
        developments.note = "No events in this period and area."
    return developments, by_area


def _threats_section(ahead: list[dict]) -> Section:
    threats = Section("Threats and plans (not events)",
                      note="Statements of intent or threat; nothing here is known to have happened.")
    for e in sorted(ahead, key=_order):
        text = f"{_day_text(e)} · {_place(e)}: {e['factuality']} {e['sub_event_type'].lower()} ({_actors(e)})."
        if e.get("notes"):
            text += f" {e['notes']}"
        threats.statements.append(Statement(text, _sources(e), [e["event_id"]]))
    if not ahead:
        threats.note = "None reported."
    return threats


def _history_section(background: list[dict]) -> Section:
    hist = Section("Historical background (not counted)",
                   note="Earlier events the articles recall; they are outside the period and the counts above.")
    for e in sorted(background, key=_order):
        hist.statements.append(Statement(f"{_day_text(e)} · {_place(e)}: {e.get('notes') or e['sub_event_type']}",
                                         _sources(e), [e["event_id"]]))
    return hist


def _cited_documents(store: Store, sections: list[Section]) -> list[dict]:
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


def _lead_section(store: Store, events: list[dict], order) -> Section:
    """The stories' main events (what each article's headline and lead report), each once with the headlines that
    lead with it: the report opens with what the articles are about, before every event they mention."""
    sec = Section("Lead stories", note="Each article's main event: what its headline and lead report.")
    main = store.main_events()
    by_event: dict[str, list[str]] = defaultdict(list)
    for doc_id, event_id in main.items():
        by_event[event_id].append(doc_id)
    for e in sorted((e for e in events if e["event_id"] in by_event), key=order):
        docs = set(by_event[e["event_id"]])
        srcs = [s for s in _sources(e) if s["doc_id"] in docs]
        titles = [t for t in ((store.document_fields(d, ["title"]) or {}).get("title") for d in sorted(docs)) if t]
        text = f"{_day_text(e)} · {_place(e)}: {e['sub_event_type']} ({_actors(e)})."
        if (d := _deaths(e)):
            text += f" {d}."
        if titles:
            text += " Headline: " + "; ".join(f"“{t}”" for t in titles[:3]) + "."
        sec.statements.append(Statement(text, srcs or _sources(e), [e["event_id"]]))
    return sec


def _all_statements(sec: Section):
    yield from sec.statements
    for sub in sec.subsections:
        yield from _all_statements(sub)


def _deaths_section(events: list[dict]) -> Section:
    sec = Section("Deaths and competing claims")
    # group figures by place: the same coordinates (or the same place name) within the report's period
    groups: dict[tuple, list[tuple[dict, dict]]] = defaultdict(list)
    names: dict[tuple, Counter] = defaultdict(Counter)
    for e in events:
        key = (round(e["latitude"], 2), round(e["longitude"], 2)) if e.get("latitude") is not None else (fold(e.get("location")),)
        names[key][_place(e)] += 1
        for c in e.get("claims") or []:
            if c.get("kind") == "fatalities" and _figure(c.get("value")):
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
                phrase = (f"{claimant} {claim_verb(claimant, c.get('stance'))} {_figure(c['value'])} killed" if claimant != "unattributed"
                          else f"{_figure(c['value'])} killed (no claimant named)")
                phrases.append(phrase + f" ({e['sub_event_type'].lower()}, {_day_text(e)})")
                if src:
                    cites.append(src)
                ids.append(e["event_id"])
        named = {k: v for k, v in by_claimant.items() if k != "unattributed"}
        if len(named) > 1 and len({_figure(c["value"]) for cs in named.values() for c, _ in cs}) > 1:
            text = (f"{place}: competing claims. " + "; ".join(phrases)
                    + ". The figures come from different claimants and are not reconciled.")
            sec.statements.append(Statement(text, _dedupe(cites), ids))
            sec.competing.append((place, {k: [_figure(c["value"]) for c, _ in v] for k, v in named.items()},
                                  _dedupe(cites)))
            continue
        else:
            text = f"{place}: " + "; ".join(phrases) + "."
        sec.statements.append(Statement(text, _dedupe(cites), ids))
    return sec


def _control_section(events: list[dict]) -> Section:
    sec = Section("Control changes")
    for e in sorted(events, key=lambda e: (e.get("day") is None, e.get("day") or "", e["event_id"])):
        terr = e.get("territory")
        if not terr and e.get("sub_event_type") not in TERRITORY_SUBTYPES:
            continue
        terr = terr or {}
        place = terr.get("place") or e.get("location") or "an unnamed place"
        to_actor = terr.get("to_actor") or e.get("actor1") or "an unidentified actor"
        from_actor = terr.get("from_actor") or e.get("actor2")
        text = f"{_day_text(e)} · {place}: {to_actor} took control" + (f" from {from_actor}" if from_actor else "")
        claimants = sorted({c.get("claimant") for c in e.get("claims") or [] if c.get("kind") == "territory" and c.get("claimant")})
        if claimants:
            text += " (according to " + ", ".join(claimants) + ")"
        if e.get("factuality") == "claimed":
            text += " [claimed]"
        sec.statements.append(Statement(text + ".", _sources(e), [e["event_id"]]))
    if not sec.statements:
        sec.note = "No control changes reported."
    return sec


def _ledger_section(store: Store, place: Optional[str], since: Optional[dt.date],
                    until: Optional[dt.date]) -> Optional[Section]:
    """Who holds what, per place, from the control ledger (sitrep.control, fusion); None without one."""
    try:
        from .control import ledger
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
            sec.statements.append(Statement(f"{name}: " + "; ".join(dict.fromkeys(parts)) + ".", _dedupe(cites)))
    if not sec.statements:
        sec.note = "No control records for this place and period."
    return sec


def _summary(current, ahead, background, deaths: Section, control: Section, by_area) -> Section:
    sec = Section("Summary")
    types = Counter(e["event_type"] for e in current)
    if current:
        top = ", ".join(f"{n} {t}" for t, n in types.most_common())
        areas = ", ".join(f"{a} ({len(v)})" for a, v in sorted(by_area.items(), key=lambda kv: -len(kv[1])))
        srcs = _dedupe([s for e in current for s in e.get("sources") or []])
        sec.statements.append(Statement(f"{len(current)} events: {top}. Areas: {areas}.", srcs))
    for place, by_claimant, cites in deaths.competing:
        figures = "; ".join(f"{k} {claim_verb(k)} " + ", ".join(v) for k, v in by_claimant.items())
        sec.statements.append(Statement(f"Competing death claims for {place}: {figures} (killed; see Deaths).", cites))
    if control.statements:
        changes = sorted({(s.text.split(" · ", 1)[-1].split(" (according")[0].rstrip(".")) for s in control.statements})
        sec.statements.append(Statement(f"{len(control.statements)} control change(s) reported: " + "; ".join(changes) + ".",
                                        _dedupe([c for s in control.statements for c in s.sources])))
    if ahead:
        sec.statements.append(Statement(f"{len(ahead)} threat(s) or plan(s) reported, listed apart.",
                                        _dedupe([s for e in ahead for s in e.get("sources") or []])))
    return sec


def _dedupe(sources: list[dict]) -> list[dict]:
    seen, out = set(), []
    for s in sources:
        if s and s.get("doc_id") not in seen:
            seen.add(s["doc_id"])
            out.append(s)
    return out


# -- rendering ------------------------------------------------------------------------------------------------
def cite(s: dict) -> str:
    return f"{s.get('outlet') or 'unknown outlet'}, {s.get('published') or 'undated'}, doc {s['doc_id'][:10]}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(r: Report) -> str:
    out = [f"# {md_escape(r.title)}", "", f"*{md_escape(r.scope)}.* Each statement ends with its sources "
           "(outlet, publication date, document id); full list at the end.", ""]

    def section(sec: Section, level: int) -> None:
        out.append(f"{'#' * level} {md_escape(sec.title)}")
        out.append("")
        if sec.note:
            out.append(f"*{md_escape(sec.note)}*")
            out.append("")
        for st in sec.statements:
            cites = "; ".join(md_escape(cite(s)) for s in st.sources)
            out.append(f"- {md_escape(st.text)}" + (f" \\[{cites}\\]" if cites else ""))
        if sec.statements:
            out.append("")
        for sub in sec.subsections:
            section(sub, level + 1)

    for sec in r.sections:
        section(sec, 2)
    out += ["## Sources", ""]
    for s in r.sources:
        line = f"- {md_escape(cite(s))}: {md_escape(s.get('title') or s.get('path') or '')}"
        if s.get("url"):
            line += f" <{s['url']}>" if re.fullmatch(r"https?://[^\s<>]+", s["url"]) else f" ({md_escape(s['url'])})"
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


def render_html(r: Report) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
           f"<title>{e(r.title)}</title>",
           "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
           "cite{color:#555;font-style:normal;font-size:.9em}h1{font-size:1.5em}.note{color:#555;font-style:italic}</style>",
           "</head><body>", f"<h1>{e(r.title)}</h1>", f"<p class=\"note\">{e(r.scope)}. Each statement ends with its "
           "sources (outlet, publication date, document id); full list at the end.</p>"]

    def section(sec: Section, level: int) -> None:
        out.append(f"<h{level}>{e(sec.title)}</h{level}>")
        if sec.note:
            out.append(f'<p class="note">{e(sec.note)}</p>')
        if sec.statements:
            out.append("<ul>")
            for st in sec.statements:
                cites = "; ".join(e(cite(s)) for s in st.sources)
                out.append(f"<li>{e(st.text)}" + (f" <cite>[{cites}]</cite>" if cites else "") + "</li>")
            out.append("</ul>")
        for sub in sec.subsections:
            section(sub, min(level + 1, 6))

    for sec in r.sections:
        section(sec, 2)
    out.append("<h2>Sources</h2><ul>")
    for s in r.sources:
        title = e(s.get("title") or s.get("path") or "")
        url = s.get("url")
        link = f' <a href="{e(url)}" rel="noreferrer">{e(url)}</a>' if url and re.match(r"https?://", url) else ""
        out.append(f"<li>{e(cite(s))}: {title}{link}</li>")
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"
