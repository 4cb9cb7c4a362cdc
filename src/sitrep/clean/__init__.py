"""Clean: a raw document in, the article's text with its title, outlet, language and publication date out.

HTML goes through trafilatura (a maintained main-content extractor; comments and related-article blocks
excluded) and then, like plain text, through the line classifier in :mod:`sitrep.clean.text`, which removes the
furniture that extraction leaves behind. Every line's decision is kept in ``CleanDocument.blocks``.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..models import Block, CleanDocument, RawDocument
from . import outlet as outlets
from .published import published_from_text
from .text import classify, normalise, split_lines

__all__ = ["clean", "extract_html"]


def extract_html(html: str, url: Optional[str] = None) -> tuple[str, Optional[str], Optional[dt.date], Optional[str]]:
    """(main text, title, publication date, site name) of a saved page, via trafilatura and htmldate."""
    import trafilatura

    from .guard import defuse_html

    doc = trafilatura.bare_extraction(
        defuse_html(html), url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True, deduplicate=False,
        # markup only (meta tags, <time>, JSON-LD): a date found in the story's text is an event date
        date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
    )
    if doc is None:
        return "", None, None, None
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    return doc.text or "", doc.title or None, published, doc.sitename or None


def clean(raw: RawDocument) -> CleanDocument:
    meta = raw.meta
    title, published, published_from, sitename = meta.title, None, None, None
    if meta.published:
        published, published_from = meta.published, "metadata"
    if raw.kind == "html":
        text, html_title, html_date, sitename = extract_html(raw.content, meta.url)
        title = title or html_title
        if published is None and html_date is not None:
            published, published_from = html_date, "html"
    else:
        text = raw.content
    lines, language, title = classify(split_lines(normalise(text)), language=meta.language,
                                      title=normalise(title) if title else None)

    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    for ln in lines:
        b = Block(index=ln.index, text=ln.text, label=ln.label, reason=ln.reason, language=ln.language)
        if ln.label == "body":
            if parts:
                pos += 2
            b.start, b.end = pos, pos + len(ln.text)
            parts.append(ln.text)
            pos += len(ln.text)
        blocks.append(b)
    body = "\n\n".join(parts)

    first_body = next((ln.text for ln in lines if ln.label == "body"), None)
    if published is None:
        head_end = next((ln.index for ln in lines if ln.label == "body"), len(lines))
        found = published_from_text([ln.text for ln in lines if ln.label != "body"], first_body,
                                    head=[ln.text for ln in lines[:head_end] if ln.label != "body"])
        if found:
            published, published_from = found[0], "text"

    outlet = meta.outlet or outlets.from_url(meta.url)
    if not outlet:
        head_end = next((ln.index for ln in lines if ln.label == "body"), len(lines))
        outlet = outlets.from_lines(
            bylines=[ln.text for ln in lines if ln.label == "byline"],
            dateline=first_body,
            standalone=[ln.text for ln in lines if ln.label != "body" or ln.index < head_end],
            appeals=[ln.text for ln in lines if ln.reason == "pattern: donation"],
        ) or sitename

    return CleanDocument(doc_id=raw.doc_id, path=raw.path, kind=raw.kind, url=meta.url, title=title, outlet=outlet,
                         published=published, published_from=published_from, language=language, text=body,
                         blocks=blocks)
