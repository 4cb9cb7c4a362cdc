"""The actor registry (``data/actors.yaml``): canonical ACLED-style names, types, aliases, validity dates.

``registry().find(text)`` returns every actor alias in a text; ``Actor.resolved(date)`` follows renamings
(Jabhat al-Nusra -> Jabhat Fateh al-Sham -> Hayat Tahrir al Sham) to the name valid on the event's date.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Optional

from .resources import load_yaml
from .textmatch import Lexicon, Match

COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "TR": "Turkey", "JO": "Jordan", "IL": "Israel",
                 "IR": "Iran", "RU": "Russia", "US": "United States", "GB": "United Kingdom", "FR": "France"}
CLAIMANT_TYPES = {"monitor", "media", "international_org", "government_official", "other"}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    short: str
    type: str
    inter: Optional[int]
    country: Optional[str]
    side: Optional[str]
    stance: Optional[str]
    media_of: Optional[str]
    parent: Optional[str]
    successor: Optional[str]
    valid_from: Optional[dt.date]
    valid_until: Optional[dt.date]
    weak: frozenset = field(default_factory=frozenset)

    @property
    def is_claimant(self) -> bool:
        """Reports events rather than fighting in them (monitors, media, NGOs, unnamed sources)."""
        return self.type in CLAIMANT_TYPES or self.id.startswith("claim_")

    @property
    def is_state(self) -> bool:
        return self.type == "state_forces"

    def display(self, country: Optional[str] = "SY") -> str:
        return self.name.replace("{country}", COUNTRY_NAMES.get(country or "", country or "Unknown"))


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    weak: bool


class Registry:
    def __init__(self, data: dict):
        self.actors: dict[str, Actor] = {}
        self.lexicon: Lexicon[tuple[str, bool]] = Lexicon()
        nouns = [str(n) for n in data.get("military_nouns") or []]
        self.unattributed: dict[str, dict[str, str]] = {k: dict(v) for k, v in (data.get("unattributed") or {}).items()}
        self.specific_map: dict[str, dict[str, str]] = {a["id"]: dict(a["specific"]) for a in data["actors"]
                                                        if a.get("specific")}
        for a in data["actors"]:
            weak = frozenset(a.get("weak_aliases") or [])
            actor = Actor(id=a["id"], name=a["name"], short=a.get("short") or a["name"], type=a["type"],
                          inter=a.get("acled_inter"), country=a.get("country"), side=a.get("side"),
                          stance=a.get("stance"), media_of=a.get("media_of"), parent=a.get("parent"),
                          successor=a.get("successor"), valid_from=_date(a.get("valid_from")),
                          valid_until=_date(a.get("valid_until")), weak=weak)
            self.actors[actor.id] = actor
            case = set(a.get("case_sensitive_aliases") or [])
            for alias in a.get("aliases") or []:
                alias = str(alias)
                self.lexicon.add(alias, (actor.id, alias in weak), case_sensitive=alias in case)
                if alias not in case and len(alias) >= 6 and alias[-1].isalpha() and alias[-1] != "s":
                    # "the coalitions airstrikes": possessive or plural written without an apostrophe
                    self.lexicon.add(alias + "s", (actor.id, alias in weak), case_sensitive=False)
            for demonym in a.get("demonyms") or []:  # "Russian jets", "regime shelling", "US-led strikes"
                for noun in nouns:
                    self.lexicon.add(f"{demonym} {noun}", (actor.id, False), case_sensitive=False)

    def default_for(self, country: str, sub_event_type: str) -> Optional[Actor]:
        aid = self.unattributed.get(country, {}).get(sub_event_type)
        return self.actors.get(aid) if aid else None

    def get(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def find(self, text: str) -> list[ActorMention]:
        out = []
        for m in self.lexicon.find(text):
            payloads = m.payload
            strong = [p for p in payloads if not p[1]]
            actor_id, weak = (strong or payloads)[0]
            out.append(ActorMention(m.start, m.end, m.text, self.actors[actor_id], weak))
        return out

    def lookup(self, name: str) -> Optional[Actor]:
        hits = self.lexicon.lookup(name)
        return self.actors[hits[0][0]] if hits else None

    def specific(self, actor: Actor, country: Optional[str]) -> Actor:
        """A generic actor named in a country's news is that country's own: 'troops' in Syria are the Syrian
        military, 'police' the Syrian police (data: the generic entry's `specific` map)."""
        target = self.specific_map.get(actor.id, {}).get(country or "")
        return self.actors.get(target, actor) if target else actor

    def resolved(self, actor: Actor, when: Optional[dt.date]) -> Actor:
        """The organisation's name valid on ``when``: follow successors past valid_until (at most 5 steps)."""
        a = actor
        for _ in range(5):
            if when is None or a.valid_until is None or when <= a.valid_until or not a.successor:
                return a
            a = self.actors.get(a.successor, a)
        return a

    def party_of(self, actor: Actor) -> Optional[Actor]:
        """The fighting party a claimant speaks for (Amaq -> IS), if any."""
        return self.actors.get(actor.media_of) if actor.media_of else None


def _date(v) -> Optional[dt.date]:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry(load_yaml("actors.yaml"))


def match_spans(text: str) -> list[ActorMention]:
    return registry().find(text)


__all__ = ["Actor", "ActorMention", "Registry", "registry", "match_spans", "Match"]
