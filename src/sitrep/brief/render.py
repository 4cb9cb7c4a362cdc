"""The report rendered as Markdown or HTML; article text escaped for each (Markdown punctuation backslash-escaped,
HTML through ``html.escape``)."""
from __future__ import annotations

import html
import re

from .phrases import cite
from .report import Report, Section


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
