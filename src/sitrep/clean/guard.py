"""Defuse pathological HTML before it reaches lxml (found by the fuzzing of issue 8, docs/RELIABILITY.md).

libxml2 checks each new attribute of an element against all the previous ones, so one tag with 200,000
attributes takes minutes inside a single C call that no Python-level time limit can interrupt (30,000: 2.7 s;
200,000: over 40 s). A tag longer than ``MAX_TAG_CHARS`` is never article content: it keeps its name and loses
its attributes. The scan is one linear pass (each character is read once: a match runs from ``<`` to the next
``>``), so the guard cannot itself be made slow.
"""
from __future__ import annotations

import re

MAX_TAG_CHARS = 16_384
_TAG = re.compile(r"<([A-Za-z][\w:.-]*)[^>]*")


def defuse_html(html: str) -> str:
    if len(html) <= MAX_TAG_CHARS:
        return html
    out, last = [], 0
    for m in _TAG.finditer(html):
        if m.end() - m.start() > MAX_TAG_CHARS:
            out.append(html[last:m.start()])
            out.append("<" + m.group(1))
            last = m.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)
