"""The brief as plain data: statements with their sources, sections, the report."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


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
        from .render import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        from .render import render_html

        return render_html(self)
