"""Measure Sitrep against gold data. Paths are arguments: nothing here needs data inside the repo.

Cleaning gold (``tests/fixtures/cleaning/*.gold.json`` format): for each page, the lines that must be kept
(``keep``) and removed (``boilerplate``), its ``title``, ``published`` and ``language``. A kept line counts when its
text is in the cleaned text; a removed line counts when no paragraph of the cleaned text is that line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean
from .ingest import RawDocument, read_paths


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower()


@dataclass
class CleaningScore:
    pages: int = 0
    keep: list[int] = field(default_factory=lambda: [0, 0])
    boilerplate: list[int] = field(default_factory=lambda: [0, 0])
    title: list[int] = field(default_factory=lambda: [0, 0])
    published: list[int] = field(default_factory=lambda: [0, 0])
    language: list[int] = field(default_factory=lambda: [0, 0])
    failures: list[str] = field(default_factory=list)

    def rate(self, name: str) -> float:
        a, b = getattr(self, name)
        return a / b if b else 0.0

    def markdown(self, label: str) -> str:
        rows = [f"| {label} | pages | {self.pages} |"]
        for name in ("keep", "boilerplate", "title", "published", "language"):
            a, b = getattr(self, name)
            rows.append(f"| {label} | {name} | {a}/{b} ({100 * self.rate(name):.1f}%) |")
        return "\n".join(rows)


def score_cleaning(folder: Path) -> CleaningScore:
    sc = CleaningScore()
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        base = str(gold_path)[: -len(".gold.json")]
        src = next((p for p in (Path(base + ".txt"), Path(base + ".html")) if p.exists()), None)
        if src is None:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs = [d for d in read_paths([str(src)]) if isinstance(d, RawDocument)]
        if not docs:
            sc.failures.append(f"{src.name}: not read")
            continue
        doc = clean(docs[0])
        sc.pages += 1
        text = _norm(doc.text)
        paragraphs = {_norm(x) for x in doc.text.split("\n\n")}
        for k in gold["keep"]:
            ok = _norm(k) in text
            sc.keep[0] += ok
            if not ok:
                sc.failures.append(f"{src.name}: lost: {k[:80]}")
        for b in gold["boilerplate"]:
            ok = _norm(b) not in paragraphs
            sc.boilerplate[0] += ok
            if not ok:
                sc.failures.append(f"{src.name}: left: {b[:80]}")
        sc.keep[1] += len(gold["keep"])
        sc.boilerplate[1] += len(gold["boilerplate"])
        for name, got, want in (("title", doc.title, gold.get("title")),
                                ("published", doc.published.isoformat() if doc.published else None, gold.get("published")),
                                ("language", doc.language, gold.get("language", "en"))):
            ok = (got or None) == (want or None)
            getattr(sc, name)[0] += ok
            getattr(sc, name)[1] += 1
            if not ok:
                sc.failures.append(f"{src.name}: {name} {got!r} (gold {want!r})")
    return sc


TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class TimeScore:
    documents: int = 0
    dates: int = 0
    correct: int = 0
    unresolved: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.dates if self.dates else 0.0


def _sentence_around(markup: str, start: int, end: int) -> tuple[str, str, str]:
    """The plain-text sentence of a TimeML document that holds the span [start, end): text before, span, after."""
    before = re.sub(r"<[^>]+>", "", markup[max(0, start - 600):start])
    after = re.sub(r"<[^>]+>", "", markup[end:end + 600])
    body = re.sub(r"<[^>]+>", "", markup[start:end])
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'`])|\n\s*\n", before)[-1]
    after = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'`])|\n\s*\n", after)[0]
    return " ".join(before.split()), " ".join(body.split()), " ".join(after.split())


def score_timebank(folder: Path) -> TimeScore:
    """DATE value accuracy on TimeML (TimeBank/AQUAINT): gold expression extents, Sitrep's value for each,
    against the document creation time. Every .tml file under the folder counts."""
    import datetime as dt

    from .timeml import Context, reference, value

    sc = TimeScore()
    for path in sorted(Path(folder).rglob("*.tml")):
        text = path.read_text(encoding="utf-8")
        found = list(TIMEX.finditer(text))
        timexes = [(dict(ATTR.findall(m[1])), re.sub(r"<[^>]+>", "", m[2])) for m in found]
        dct = next((a for a, _ in timexes if a.get("functionInDocument") == "CREATION_TIME"), None)
        if dct is None:
            continue
        try:
            ref = dt.date.fromisoformat(dct["value"][:10])
        except ValueError:
            continue
        sc.documents += 1
        header = re.sub(r"<[^>]+>", " ", re.sub(r"<DCT>.*?</DCT>", "", text.split("<TEXT>")[0], flags=re.S))
        ref = reference(ref, header)  # the story's own filing day, when its header gives one
        ctx = Context()
        for m, (attrs, body) in zip(found, timexes):
            if attrs.get("type") != "DATE" or attrs.get("functionInDocument") == "CREATION_TIME":
                continue
            sc.dates += 1
            before, body_text, after = _sentence_around(text, m.start(), m.end())
            ctx.sentence, ctx.before, ctx.after = f"{before} {body_text} {after}", before, after
            got = value(body, ref, ctx)
            if got is None:
                sc.unresolved += 1
            if got == attrs.get("value"):
                sc.correct += 1
            else:
                sc.misses.append(f"{path.name}: {body!r} -> {got} (gold {attrs.get('value')})")
    return sc


