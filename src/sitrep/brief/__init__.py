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
from typing import Optional

from ..query import EventFilter, iter_events
from ..store import Store
from .phrases import claim_verb, cite, event_order
from .render import md_escape, render_html, render_markdown
from .report import Report, Section, Statement
from .sections import (cited_documents, control_section, deaths_section, developments_section, history_section,
                       lead_section, ledger_section, summary_section, threats_section)


__all__ = ["Report", "Section", "Statement", "build", "claim_verb", "cite", "md_escape", "render_html",
           "render_markdown"]

AHEAD = {"threatened", "planned"}
BACKGROUND = {"historical"}


def build(store: Store, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
          place: Optional[str] = None) -> Report:
    flt = EventFilter(since=since, until=until, place=place)
    events = list(iter_events(store, flt))
    current = [e for e in events if e.get("factuality") not in AHEAD | BACKGROUND]
    ahead = [e for e in events if e.get("factuality") in AHEAD]
    background = [e for e in events if e.get("factuality") in BACKGROUND]

    developments, by_area = developments_section(current)
    deaths = deaths_section(current)
    control = control_section(current)
    threats = threats_section(ahead)
    hist = history_section(background)
    holdings = ledger_section(store, place, since, until)
    summary = summary_section(current, ahead, background, deaths, control, by_area)
    leads = lead_section(store, events, event_order)
    sections = [summary] + ([leads] if leads.statements else []) + [developments, deaths, control] + ([holdings] if holdings else []) + [threats] \
        + ([hist] if background else [])
    docs = cited_documents(store, sections)
    span = f"{since or 'start'} to {until or 'latest'}"
    scope = f"{place or 'All areas'}, {span}: {len(events)} events from {len(docs)} articles"
    return Report(title=f"Situation report: {place or 'all areas'}", scope=scope, sections=sections, sources=docs)
