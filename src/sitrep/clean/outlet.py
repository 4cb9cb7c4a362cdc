"""Which outlet published a page: from its URL, its byline or dateline, or a line naming the outlet alone."""
from __future__ import annotations

import functools
import re
from typing import Iterable, Optional
from urllib.parse import urlparse

from ..resources import load_yaml


@functools.lru_cache(maxsize=1)
def _index() -> tuple[list[tuple[re.Pattern, str]], dict[str, str]]:
    data = load_yaml("outlets.yaml")
    pats: list[tuple[str, bool, str]] = []
    domains: dict[str, str] = {}
    for o in data["outlets"]:
        for a in o.get("aliases") or []:
            a = str(a)
            acronym = a.isupper() and len(a) <= 5  # "SMART", "AP": only in capitals
            pats.append((a, acronym, o["name"]))
        for d in o.get("domains") or []:
            domains[d.lower()] = o["name"]
    pats.sort(key=lambda p: -len(p[0]))  # longest alias first: "SMART News Agency" before "SMART"
    compiled = []
    for alias, acronym, name in pats:
        body = re.escape(alias).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
        rx = re.compile(rf"(?<!\w){body}(?!\w)", 0 if acronym else re.I)
        compiled.append((rx, name))
    return compiled, domains


def from_url(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    _, domains = _index()
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def find(text: str) -> Optional[str]:
    for rx, name in _index()[0]:
        if rx.search(text):
            return name
    return None


def is_outlet_line(text: str) -> Optional[str]:
    """The outlet when a short line is just its name, optionally with a place or punctuation ("Damascus, SMART")."""
    words = text.split()
    if not words or len(words) > 6:
        return None
    for rx, name in _index()[0]:
        m = rx.search(text)
        if m:
            rest = (text[: m.start()] + text[m.end():]).strip(" ,.-–—:|()")
            if len(rest.split()) <= 2 and (not rest or rest[:1].isupper()):
                return name
    return None


def from_lines(bylines: Iterable[str], dateline: Optional[str], standalone: Iterable[str], appeals: Iterable[str]) -> Optional[str]:
    """The outlet named by, in order: a byline ('Source: X'), the first paragraph's dateline ('Damascus (X) ...'),
    a line holding only the outlet's name, a support appeal ('Support X')."""
    for ln in bylines:
        got = find(ln)
        if got:
            return got
    if dateline:
        m = re.match(r"^\W*[\w\s,'’-]{0,40}?\(([^)]{2,40})\)|^\W*\(([^)]{2,40})\)", dateline)
        if m:
            got = find(m.group(1) or m.group(2))
            if got:
                return got
    for ln in standalone:
        got = is_outlet_line(ln)
        if got:
            return got
    for ln in appeals:
        got = find(ln)
        if got:
            return got
    return None
