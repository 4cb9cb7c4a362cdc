"""The records the extraction steps pass along: a ``Draft`` (one event as one sentence tells it, later merged
with the sentences that tell more of it) and the ``DocState`` (what is known of the document so far)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .. import timeparse
from ..actors import Actor, registry
from ..claims import UNARMED as UNORGANISED  # actors no one speaks for: their speakers are named as written
from ..geo import Place
from ..models import AnnotatedDocument, Claim
from .words import words


@dataclass
class Draft:
    sub: str
    event_type: str
    weight: float
    trigger: str
    block: int
    sent_start: int
    sent_end: int
    sent_text: str
    actors1: list[Actor] = field(default_factory=list)
    actors2: list[Actor] = field(default_factory=list)
    places: list[tuple[Place, str]] = field(default_factory=list)
    killed: list[tuple] = field(default_factory=list)  # (value, claimant, is a party's claim, vague)
    injured: Optional[int] = None
    claims: list[Claim] = field(default_factory=list)
    claimant: Optional[Actor] = None
    speaker: Optional[str] = None  # who says so as written, when no known actor or source type does
    factuality: str = "reported"
    territory: bool = False
    loss: bool = False
    date_text: Optional[str] = None
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    sent_idx: int = 0
    last_sent_idx: int = 0
    anaphoric: bool = False  # refers back to an event already told ("in the clashes", "both sides")
    figure_only: bool = False
    counted_only: bool = False  # a figure-only draft of victims counted without a number: joins an event or nothing
    when: Optional[timeparse.When] = None  # date_text resolved against the publication date, when it can be
    separate: bool = False  # "also", "in another attack", "elsewhere": the sentence opens another event
    place_inferred: bool = False  # the place came from context, not from the sentence
    background: bool = False  # told in a background clause ("days after a bombing killed 120")
    notes_bits: list[str] = field(default_factory=list)
    sayer: Optional[Actor] = None  # actor 1 taken with no role of its own, only as who reports it ("..., police said")
    busy: set = field(default_factory=set)  # ids of actors the sentence names doing another act (roles.other_act)

    @property
    def rank(self) -> int:
        return words().rank(self.sub)


class DocState:
    """What the extractor knows of the document so far: recent actors, claimants, places."""

    def __init__(self, doc: AnnotatedDocument):
        self.doc = doc
        self.counts: Counter = Counter()
        self.last_actors: list[Actor] = []
        self.last_claimants: list[tuple[str, Actor]] = []
        self.places: list[Place] = []
        self.figures: list[Figure] = []  # every death figure read in the document, in order (the toll's candidates)
        self.place_marks: list[tuple[int, Place, str, bool]] = []  # (offset, place, text, locative), in order
        self.title_places: list[tuple[Place, str]] = []  # the headline's places
        self.country: Optional[str] = None  # the story's country (sitrep.country.of_document, set per document)
        self.ref = doc.doc.published  # the reference date relative dates resolve against (never today's date)
        self.anchors = timeparse.anchor_dates([b.text for b in doc.doc.blocks])
        # the article was written on or after the latest full date it writes: without a publication date, that date
        # tells what is months-old background ("killed in August 2013", in a story that also writes "April 8 2017")
        self.criminal: Optional[bool] = None  # the article uses the words of crime news (set when first needed)
        self.history_ref = self.ref or (max(self.anchors) if self.anchors else None)
        self.dateline_end: Optional[int] = None  # where the story's dateline ends (drafts.dateline_end)
        self.responsibility: list = []  # claims of responsibility, in order (responsibility.Responsibility)
        self.roles: dict[str, set[str]] = {}  # actor id -> its roles in the acts' sentences (roles.note_roles)
        self.busy: set[str] = set()  # actors named doing another act while a sentence tells one (roles.other_act)

    def count_title(self) -> None:
        """The headline's actors count double (set ``country`` first: a generic word of another country's group,
        "Insurgents" in a Mozambican headline, counts as the story country's unidentified armed group, not as Syria's
        rebels)."""
        reg = registry()
        for m in reg.relead(reg.find(self.doc.doc.title or ""), reg.led(self.doc.doc.text)):
            if m.actor.is_claimant:
                continue
            a = m.actor
            if m.weak:  # only what the weak word changes: the entry itself otherwise (dominant() names it)
                mine = reg.specific(a, self.country, weak=True, words=m.text)
                a = mine if mine.id != reg.specific(a, self.country).id else a
            self.counts[a.id] += 2

    def dominant(self, exclude: set[str]) -> list[Actor]:
        """The story's actors, the most named first; a curated entry as the story country names it ("Islamic
        State" in a Niger story is its Sahel province; data/actors.yaml ``specific``)."""
        reg = registry()
        out = [reg.get(a) for a, _ in self.counts.most_common() if a not in exclude]
        return [reg.specific(a, self.country) if a.country else a for a in out]


@dataclass
class Figure:
    """A death figure as the document states it, whichever event it ends up on (the story's toll candidates)."""
    value: int
    start: int  # offsets of the figure's phrase in the document's text
    end: int
    text: str
    sent_start: int
    sent_text: str
    headline: bool  # in the headline (or a title-case line repeating it)
    aggregate: bool  # a running total (numbers.aggregate)
    background: bool  # inside a background phrase ("days after a bombing killed 120")
    claimant: Optional[str]  # who says so, when the sentence attributes it
    who: Optional[str]  # civilian | combatant | None
    approx: bool = False  # a vague quantity counted at ACLED's convention ("dozens" 12, "hundreds" 100)


@dataclass
class Sentence:
    """One parsed sentence and what is read from it before any trigger: its actors, claimant, figures, scope."""
    sdoc: object  # the sentence as its own spaCy Doc (token and character offsets within the sentence)
    text: str  # its text, stripped
    block: int  # index of its block
    offset: int  # where sdoc's text starts in the document's text
    start: int  # offsets of the sentence in the document's text
    end: int
    amap: list  # actor mentions with their token spans (roles.actor_token_map)
    places: list  # the block's place candidates (places.block_places)
    bg: object  # its background scope (background.Background)
    headline: bool  # written in title case, or the headline repeated
    claimant: Optional[Actor]
    verb: Optional[str]  # the reporting verb's lemma
    casualties: list  # numbers.find
    speaker: Optional[str] = None  # attribution.speaker: who says so as written, when ``claimant`` is None

    @property
    def real_killed(self) -> list:
        """Tolls of one event (an aggregate over a campaign or a year makes no event). Victims counted from words
        with no number ("a boy was shot dead") add a figure to the sentence's events but make none and choose none:
        the event words decide which events a sentence tells."""
        return [c for c in self.casualties if c.kind == "killed" and not c.aggregate and not c.counted]


def claimant_name(claimant: Optional[Actor], state: DocState, speaker: Optional[str] = None) -> Optional[str]:
    """Who a claim is credited to: the claimant the sentence names, else its speaker as written, else the outlet."""
    if claimant is not None and not (speaker and claimant.type in UNORGANISED):
        return claimant.short
    return speaker or state.doc.doc.outlet
