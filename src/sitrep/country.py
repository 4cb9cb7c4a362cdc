"""Countries (``data/countries.yaml``): names, demonyms, ACLED's labels, and the country a story is about.

A story's country is never configured: it comes from the story. :func:`story_country` weighs what the text
says: the places it names (the gazetteer's resolved places, the dateline's most of all), the countries it names,
its demonyms ("Sudanese warplanes") and the home countries of the armed groups it names (the RSF are Sudan's).
``sitrep run --country CC`` gives a hint that counts only when the text itself says little.

ACLED's state forces carry the government's period: ``state_label("SD", "Military Forces", date)`` is
"Military Forces of Sudan (2019-)"; the periods are data (each country's ``periods``).
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .resources import load_yaml
from .textmatch import Lexicon

HINT_ENV = "SITREP_COUNTRY"  # set by `sitrep run --country CC`


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: Optional[dt.date]
    label: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # as ACLED writes it
    the: bool
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    periods: tuple[Period, ...] = field(default_factory=tuple)

    def period(self, when: Optional[dt.date]) -> Optional[Period]:
        """The government in office on ``when``; undated, the latest."""
        if not self.periods:
            return None
        if when is not None:
            for p in self.periods:
                if p.start <= when and (p.end is None or when < p.end):
                    return p
            if when < self.periods[0].start:
                return None
        return self.periods[-1]

    def state_label(self, force: str, when: Optional[dt.date] = None) -> str:
        """'Military Forces of the United States (2025-)', 'Police Forces of Kenya (2022-)'."""
        p = self.period(when)
        name = f"{force} of {'the ' if self.the else ''}{self.name}"
        return f"{name} {p.label}" if p else name


def _date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    data = load_yaml("countries.yaml")
    out = {}
    for code, c in (data.get("countries") or {}).items():
        periods = tuple(Period(_date(p["from"]), _date(p["until"]) if p.get("until") else None, str(p["label"]))
                        for p in c.get("periods") or [])
        aliases = list(c.get("aliases") or []) + list(c.get("aliases_extra") or [])
        demonyms = list(c.get("demonyms") or []) + list(c.get("demonyms_extra") or [])
        out[str(code)] = Country(code=str(code), name=str(c.get("acled_name") or c["name"]), the=bool(c.get("the")),
                                 aliases=tuple(dict.fromkeys(str(a) for a in aliases)),
                                 demonyms=tuple(dict.fromkeys(str(d) for d in demonyms)),
                                 periods=tuple(sorted(periods, key=lambda p: p.start)))
    return out


def get(code: Optional[str]) -> Optional[Country]:
    return countries().get(code or "")


def name(code: Optional[str]) -> Optional[str]:
    c = get(code)
    return c.name if c else None


@functools.lru_cache(maxsize=1)
def demonym_owner() -> dict[str, str]:
    """Demonym -> the country it names ("Congolese" -> CD; shared ones by `demonym_owner` in the data)."""
    owner: dict[str, str] = {}
    for c in countries().values():
        for d in c.demonyms:
            owner.setdefault(d, c.code)
    owner.update({str(k): str(v) for k, v in (load_yaml("countries.yaml").get("demonym_owner") or {}).items()})
    return owner


@functools.lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    lex: Lexicon = Lexicon()
    for c in countries().values():
        for a in c.aliases:
            lex.add(a, (c.code, "name"), case_sensitive=True)
    for d, code in demonym_owner().items():
        lex.add(d, (code, "demonym"), case_sensitive=True)
    return lex


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    text: str
    code: str
    kind: str  # "name" or "demonym"


def find(text: str) -> list[CountryMention]:
    """Country names and demonyms in a text, as written (case-sensitive: "Chad", not "chad")."""
    out = []
    for m in _lexicon().find(text):
        code, kind = m.payload[0]
        out.append(CountryMention(m.start, m.end, m.text, code, kind))
    return out


# weights of the evidence for a story's country
W_DATELINE, W_PLACE, W_NAME, W_DEMONYM, W_ACTOR = 3.0, 2.0, 1.5, 0.75, 1.0


def hint() -> Optional[str]:
    h = os.environ.get(HINT_ENV, "").strip().upper()
    return h if h in countries() else None


def story_country(text: str, places: Iterable[str] = (), actors: Iterable[str] = (),
                  dateline: Optional[str] = None, given: Optional[str] = None) -> Optional[str]:
    """The country a story is about: ``places`` are the country codes of the places it names (one per mention),
    ``actors`` the home countries of the non-state armed groups it names, ``dateline`` the dateline place's
    country; ``given`` (or ``sitrep run --country``) is a hint that wins only a tie or an empty text."""
    votes: Counter = Counter()
    for code in places:
        votes[code] += W_PLACE
    for m in find(text):
        votes[m.code] += W_NAME if m.kind == "name" else W_DEMONYM
    for code in actors:
        if code:
            votes[code] += W_ACTOR
    if dateline:
        votes[dateline] += W_DATELINE
    h = given or hint()
    if h:
        votes[h] += 0.5
    if not votes:
        return None
    best = max(votes.values())
    top = sorted(c for c, v in votes.items() if v == best)
    return h if h in top else top[0]


def of_document(text: str, title: Optional[str] = None) -> Optional[str]:
    """The story country of an article's text (and headline): its places (the gazetteer's reading, the first
    body line's dateline counting most), the countries and demonyms it writes, the armed groups it names."""
    from .actors import registry
    from .geo import gazetteer

    full = f"{title}\n{text}" if title else text
    places, dateline = [], None
    first_line = text.lstrip().split("\n", 1)[0][:80]
    for m in gazetteer().find(full):
        p = m.payload[0] if m.payload else None
        if p is None or p.feature == "country":
            continue
        places.append(p.country)
        if dateline is None and first_line and first_line.startswith(m.text) and m.text.isupper():
            dateline = p.country  # "KHARTOUM (Reuters) -"
    armed = {"rebel_group", "political_militia", "identity_militia"}
    actors = [m.actor.country for m in registry().find(full) if m.actor.type in armed and m.actor.country
              and not m.weak]  # "rebels" or "insurgents" say nothing of the country
    return story_country(full, places, actors, dateline)


def of_annotated(doc) -> Optional[str]:
    """The story country of an annotated document (:func:`of_document` of its text and headline, else the hint),
    worked out once per document: extraction and resolution both ask."""
    if not hasattr(doc, "_story_country"):
        object.__setattr__(doc, "_story_country", of_document(doc.doc.text, doc.doc.title) or hint())
    return getattr(doc, "_story_country")


__all__ = ["of_document", "of_annotated", "Country", "Period", "countries", "get", "name", "find", "story_country", "demonym_owner", "hint"]
