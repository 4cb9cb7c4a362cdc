"""The extractor's engine: sentence-level drafts, then document-level completion and merging."""
from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..actors import Actor, ActorMention, registry
from ..geo import FEATURE_RANK, REGION, Place, choose, gazetteer, skeleton
from ..models import AnnotatedDocument, Claim, EventMention, Evidence, Territory
from .. import timeparse
from . import numbers
from .triggers import Hit, condition_met, find as find_triggers, lexicon

REPORT_VERBS = {"say", "report", "claim", "tell", "affirm", "state", "announce", "confirm", "add", "note", "mention",
                "declare", "reveal", "document", "publish", "indicate", "assert", "allege", "quote", "accuse", "deny",
                "point", "speak", "write", "post", "broadcast", "cite"}
SOURCE_NOUNS = {"source", "sources", "activist", "activists", "official", "officials", "spokesman", "spokesperson",
                "monitor", "observatory", "media", "outlet", "agency", "network", "gathering", "witness", "witnesses",
                "resident", "residents", "correspondent", "reporter", "commander", "general", "statement", "ministry"}
NON_EVENT_GOVERNORS = {"escape", "flee", "avoid", "survive", "fear", "prevent", "stop", "halt", "condemn", "denounce",
                       "threaten", "warn", "vow", "resume", "expect"}
SPECULATIVE = {"likely", "possible", "probable", "unlikely", "expect", "predict", "speculate", "fear"}
SPECULATIVE_AUX = {"may", "might", "could"}
ATTEMPT = {"attempt", "try", "seek", "struggle", "strive"}
PLAN = {"plan", "prepare", "intend", "aim", "plot", "mull", "consider", "expect", "want", "continue"}
THREAT = {"threaten", "vow", "warn", "pledge", "promise", "swear"}
ACCUSE = {"accuse", "blame", "charge", "hold"}
DENY = {"deny", "refute", "dismiss", "reject"}
LOSS = {"lose", "withdraw", "retreat", "evacuate", "abandon", "fall", "surrender", "cede"}
TERRITORY_SUBS = ("Non-state actor overtakes territory", "Government regains territory")
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
KILLING_PROTEST_SUBS = {"Excessive force against protesters", "Protest with intervention"}
SEPARATE_EXPLOSIONS = {"Remote explosive/landmine/IED", "Suicide bomb", "Chemical weapon"}
ORDER = ["Chemical weapon", "Suicide bomb", "Non-state actor overtakes territory", "Government regains territory",
         "Remote explosive/landmine/IED", "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack",
         "Grenade", "Abduction/forced disappearance", "Sexual violence", "Attack", "Excessive force against protesters",
         "Protest with intervention", "Violent demonstration", "Mob violence", "Peaceful protest",
         "Non-violent transfer of territory", "Looting/property destruction", "Arrests", "Disrupted weapons use",
         "Headquarters or base established", "Agreement", "Change to group/activity", "Other"]
PRONOUNS = {"it", "they", "its", "their", "them", "group", "militants", "fighters", "side", "sides", "organization",
            "organisation", "latter", "former", "members"}
DEATH_VERBS = {"kill", "die", "wound", "injure", "execute", "behead", "slay", "massacre", "murder", "shoot",
               "target", "hit", "eliminate", "neutralize", "neutralise", "liquidate", "destroy"}
ARMED = {"state_forces", "rebel_group", "political_militia", "identity_militia", "external_force"}
HISTORY_DAYS = 60  # an event this long before the publication date is background (as in sitrep.resolve)
ONE_DAY = datetime.timedelta(days=1)
BARE_COUNT = re.compile(r"\s*\d{1,3}\s*")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
PUBLICATION_CUE = re.compile(r"(?i)\b(published|posted|updated|date of publication|publication date)\b[\s:at on]*$")


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
    factuality: str = "reported"
    territory: bool = False
    loss: bool = False
    date_text: Optional[str] = None
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    sent_idx: int = 0
    last_sent_idx: int = 0
    anaphoric: bool = False  # refers back to an event already told ("in the clashes", "both sides")
    figure_only: bool = False
    when: Optional[timeparse.When] = None  # date_text resolved against the publication date, when it can be
    separate: bool = False  # "also", "in another attack", "elsewhere": the sentence opens another event
    place_inferred: bool = False  # the place came from context, not from the sentence
    background: bool = False  # told in a background clause ("days after a bombing killed 120")
    notes_bits: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return ORDER.index(self.sub) if self.sub in ORDER else len(ORDER)


def _actor_token_map(sdoc, mentions: list[ActorMention], offset: int):
    """Actor mentions as token spans. A weak alias ("military", "army", "rebels") counts only as a noun phrase's
    head ("the military said"), never as a modifier ("military fronts", "Army Colonel")."""
    out = []
    for m in mentions:
        span = sdoc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if m.weak and (span.root.dep_ in ("amod", "compound", "nmod") or span.root.pos_ in ("ADJ", "PROPN") and
                       span.root.dep_ != "nsubj" and len(span) == 1 and span.root.head.pos_ in ("NOUN", "PROPN")):
            continue
        out.append((m, span))
    return out


def _ancestors(tok):
    return list(tok.ancestors)


def _clause_lemmas(tok) -> set[str]:
    return {a.lemma_.lower() for a in _ancestors(tok)}


def _role(span, trig) -> Optional[str]:
    """'agent', 'patient', 'loser' or 'gainer' of the trigger, from the dependency path between the actor's head
    and the trigger: the first preposition on the way decides ('by' agent; 'against', 'with', 'on' patient),
    else the grammatical function under the trigger's verb (subject agent, object patient)."""
    head = span.root
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    loss = trig.lemma_.lower() in LOSS
    if span.start <= trig.i < span.end:
        return "agent"  # the actor's name holds the act: "regime shelling", "Russian air strikes"
    path = [head] + list(head.ancestors)
    for i, node in enumerate(path):
        nxt = path[i + 1] if i + 1 < len(path) else None
        if node == trig or node == verb:
            break
        if node.dep_ == "prep" or node.dep_ == "agent":
            word = node.lower_
            if word == "by":
                h = node.head
                if h == trig or h == verb or (h.dep_ in ("acl", "relcl") and h.head in (trig, verb)):
                    return "agent"  # "killed by X", "strikes carried out by X"; not "areas controlled by X"
                return None
            if word == "to" and loss:
                return "gainer"
            if word in ("against", "with", "on", "targeting", "at", "upon", "into", "from", "between", "over", "to",
                        "near", "in"):
                return "patient" if word not in ("in", "near") else None
        if node.dep_ in ("nsubjpass", "dobj") and nxt is not None and nxt.lemma_.lower() in DEATH_VERBS:
            return "patient"  # "31 IS militants were killed in air raids": the victims
        if node.dep_ == "nsubj" and nxt is not None and nxt.lemma_.lower() in ("die",):
            return "patient"
        if node.dep_ == "prep" and node.lower_ == "of" and nxt == trig and trig.pos_ == "NOUN":
            return "patient"  # "the elimination of Daesh positions", "shelling of Aleppo"
        if node.dep_ in ("poss", "compound", "amod", "nmod") and nxt == trig:
            return "agent"  # "regime shelling", "IS's attack", "Russian airstrikes"
        if nxt == trig or nxt == verb:
            if node.dep_ in ("nsubj", "csubj"):
                return "loser" if loss else "agent"
            if node.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                return "patient"
    return None


def _subject(trig):
    verb = trig if trig.pos_ in ("VERB", "AUX") else (trig.head if trig.dep_ in ("dobj", "nsubj") else None)
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
    return None


def _between(sdoc, trig, amap) -> Optional[tuple[Actor, Actor]]:
    """'clashes between X and Y', 'X and Y traded fire': both sides of a two-sided event."""
    near = list(trig.children) + list(trig.head.children)
    if trig.pos_ == "NOUN":
        near += [t for t in sdoc if t.lower_ == "between"]
    for tok in near:
        if tok.lower_ == "between":
            inside = [m for m, span in amap if span.start > tok.i and span.start <= tok.right_edge.i]
            parties = [m.actor for m in inside if not m.actor.is_claimant]
            if len(parties) >= 2:
                return parties[0], parties[1]
    return None


class DocState:
    """What the extractor knows of the document so far: recent actors, claimants, places."""

    def __init__(self, doc: AnnotatedDocument):
        self.doc = doc
        self.counts: Counter = Counter()
        self.last_actors: list[Actor] = []
        self.last_claimants: list[tuple[str, Actor]] = []
        self.places: list[Place] = []
        self.place_marks: list[tuple[int, Place, str, bool]] = []  # (offset, place, text, locative), in order
        self.title_places: list[tuple[Place, str]] = []  # the headline's places
        self.country = "SY"  # the article's country: where most of the places it names are (set per document)
        self.ref = doc.doc.published  # the reference date relative dates resolve against (never today's date)
        self.anchors = timeparse.anchor_dates([b.text for b in doc.doc.blocks])
        # the article was written on or after the latest full date it writes: without a publication date, that date
        # tells what is months-old background ("killed in August 2013", in a story that also writes "April 8 2017")
        self.history_ref = self.ref or (max(self.anchors) if self.anchors else None)
        title = doc.doc.title or ""
        for m in registry().find(title):
            if not m.actor.is_claimant:
                self.counts[m.actor.id] += 2

    def dominant(self, exclude: set[str]) -> list[Actor]:
        reg = registry()
        return [reg.get(a) for a, _ in self.counts.most_common() if a not in exclude]


def _places_in(text: str, offset: int, state: DocState) -> list[tuple[int, int, str, list[Place]]]:
    out = []
    for m in gazetteer().find(text):
        out.append((m.start + offset, m.end + offset, m.text, m.payload))
    return out


LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|on|outside|around|inside|into|across|toward|towards|of|from|"
                             r"between|within|throughout|over)\s+(?:[a-z][a-z'-]*\s+){0,4}$")
PROVINCE_AFTER = re.compile(r"(?i)^\s*(?:province|governorate|countryside)\b")
PROVINCE_BETWEEN = re.compile(r"(?i)^\s*(?:,|in|of|in the|of the)\s+(?:(?:north|south|east|west)(?:ern|-?east|-?west)?"
                              r"(?:ern)?\s+)?(?:rural\s+)?$")
SAME_PROVINCE = {"Damascus": "Rif Dimashq"}  # the capital and its countryside are one area to most reporting


def _same_province(a: Optional[str], b: Optional[str]) -> bool:
    return a is not None and (a == b or SAME_PROVINCE.get(a) == b or SAME_PROVINCE.get(b) == a)


def _within_province(places: list, text: str, offset: int) -> list:
    """'the village of Qassiab in Hasakeh province', 'Kherbat Hajam in Hamah countryside': the place lies in that
    province. Candidates elsewhere are dropped, and a name with none inside it is left out, so the province itself
    places the event rather than a namesake (or a near-spelling) across the country."""
    out = []
    for i, (s, e, name, cands) in enumerate(places):
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt is not None and PROVINCE_BETWEEN.match(text[e - offset:nxt[0] - offset]) and \
                PROVINCE_AFTER.match(text[nxt[1] - offset:nxt[1] - offset + 15]):
            provinces = {p.admin1 for p in nxt[3] if p.feature == "admin1" and p.admin1}
            provinces |= {SAME_PROVINCE[a] for a in provinces if a in SAME_PROVINCE}
            provinces |= {k for k, v in SAME_PROVINCE.items() if v in provinces}
            if provinces and not any(c.feature == "admin1" for c in cands):
                inside = [c for c in cands if c.admin1 in provinces]
                if not inside:
                    continue
                cands = inside
        out.append((s, e, name, cands))
    return out


def _attribution(sdoc, amap, state: DocState) -> tuple[Optional[Actor], Optional[str]]:
    """(claimant, reporting verb lemma) of a sentence: 'X said', 'according to X', 'X claimed that ...'."""
    reg = registry()
    best: Optional[tuple[Actor, str]] = None
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
            for m, span in amap:
                if span.start > tok.i and span.start <= tok.i + 6:
                    return m.actor, "according"
            continue
        if lemma not in REPORT_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            continue
        sub = subj[0]
        in_subj = [m for m, span in amap if sub.left_edge.i <= span.root.i <= sub.right_edge.i]
        if in_subj:
            m = in_subj[0]
            best = best or (m.actor, lemma)
            continue
        head = sub.lemma_.lower()
        if head in SOURCE_NOUNS or sub.lower_ in SOURCE_NOUNS:
            for label, actor in reversed(state.last_claimants):  # "the Gathering said", "the source added"
                if head in label.lower() or sub.lower_ in label.lower():
                    best = best or (actor, lemma)
                    break
            else:
                generic = reg.lookup("sources") if "source" in head else reg.lookup(sub.text)
                if generic is not None:
                    best = best or (generic, lemma)
    return best if best else (None, None)


def _present(trig) -> bool:
    """The trigger's clause is in the present ("the coalition is battling IS", "clashes erupt"): a state of
    affairs or a habit, not a dated event."""
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in verb.children)
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in aux)


def _factuality(trig, sdoc, claimant: Optional[Actor], verb: Optional[str]) -> Optional[str]:
    """None when the trigger is not an event at all (negated, habitual, planned, governed by 'escape' ...)."""
    lex = lexicon()
    anc = _ancestors(trig)
    anc_lemmas = {a.lemma_.lower() for a in anc}
    words = {t.lower_ for t in sdoc}
    if any(c.dep_ == "neg" for c in [trig, *([trig.head] if trig.pos_ == "NOUN" else [])] for c in c.children):
        return None
    if trig.pos_ == "NOUN" and any(c.lower_ in ("no", "without") for c in trig.children):
        return None
    if anc_lemmas & THREAT or trig.lemma_.lower() in THREAT:
        return "threatened"
    accuser = next((a for a in anc if a.lemma_.lower() in ACCUSE), None)
    if accuser is not None and accuser.tag_ in ("VBZ", "VBP") and not any(e.label_ == "DATE" for e in sdoc.ents):
        return "charged"  # "Washington accuses the regime of killing 1,400 people": a standing charge, no event
    if anc_lemmas & DENY:
        return "denied"
    if {a.lemma_.lower() for a in anc[:2]} & (NON_EVENT_GOVERNORS - THREAT):
        return None
    if trig.head.lower_ in ("before", "until", "ahead") and trig.dep_ in ("pcomp", "pobj"):
        return "planned"  # "... before attacking the HTS headquarters"
    if trig.head.lemma_.lower() in NON_EVENT_GOVERNORS and trig.dep_ in ("xcomp", "ccomp"):
        return None
    habitual = set(lex.modifiers.get("habitual", [])) | {"frequent", "frequently", "regularly", "often",
                                                           "intermittent", "routinely", "repeatedly"}
    near = {c.lower_ for c in trig.children} | {c.lower_ for c in trig.head.children}
    if near & habitual:
        return None
    aux = {c.lower_ for c in trig.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "ll", "'ll", "’ll"} or (trig.dep_ in ("xcomp", "acl", "advcl", "relcl")
                                                              and "to" in aux and not anc_lemmas & ATTEMPT):
        return "planned"
    if anc_lemmas & PLAN and trig.dep_ in ("xcomp", "pobj", "dobj", "acl", "advcl"):
        return "planned"
    if "order" in words and any(t.lower_ == "order" and t.i < trig.i for t in sdoc) and trig.i > 0 and any(
            t.lower_ == "in" and sdoc[t.i + 1].lower_ == "order" for t in sdoc if t.i + 1 < len(sdoc)):
        return "planned"
    if anc_lemmas & ATTEMPT:
        return "attempted"
    if anc_lemmas & SPECULATIVE or {c.lower_ for c in trig.children} & SPECULATIVE_AUX:
        return None  # "it is likely that commanders entered the area": a guess, not a report
    hist = [h for h in lex.modifiers.get("historical", []) if " " not in h] + ["previously", "formerly"]
    if near & set(hist) or any(a.lower_ == "since" for a in trig.children) or (
            trig.dep_ == "advcl" and any(c.lower_ == "since" for c in trig.children)):
        return "historical"
    if claimant is not None and claimant.stance == "party" and (verb == "claim" or claimant.media_of):
        return "claimed"
    if verb == "claim":
        return "claimed"
    return "reported"


@functools.lru_cache(maxsize=None)
def _cues(name: str) -> list[re.Pattern]:
    """A list of sentence cues from data/dates.yaml (background_cues, context_cues)."""
    from ..resources import load_yaml

    return [re.compile(p, re.I) for p in load_yaml("dates.yaml").get(name, [])]


KILL_HEADS = {"kill", "leave", "claim", "cause", "result", "die", "wound", "injure"}


def _kills(root) -> bool:
    """Is this trigger what killed the people the sentence counts ('air strikes killed 10', 'shelling left 11
    dead', 'were killed in an air strike', 'died in the shelling')?"""
    head = root.head
    if root.dep_ in ("nsubj", "csubj") and head.lemma_.lower() in KILL_HEADS:
        return True
    if root.dep_ == "nsubj" and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in KILL_HEADS and not any(
            g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in head.children):
        return True  # unpunctuated text misparsed: "jets believed to be Russian killed 60 civilians"
    if root.dep_ == "pobj" and head.lower_ in ("in", "by", "from", "during") and head.head.lemma_.lower() in KILL_HEADS:
        return True
    return False


@functools.lru_cache(maxsize=1)
def _furniture() -> list[re.Pattern]:
    """Sentence patterns of page furniture run into the text (data/boilerplate.yaml inline_sentence_patterns)."""
    from ..resources import load_yaml

    return [re.compile(p) for p in load_yaml("boilerplate.yaml").get("inline_sentence_patterns", [])]


def _repeats_title(text: str, title: Optional[str]) -> bool:
    """The body's first line often repeats the headline ('Sun Aug 17 2014 Syrian air strikes ... kills 19.')."""
    if not title or len(title) < 15:
        return False
    norm = lambda x: re.sub(r"[^a-z0-9]+", " ", x.lower()).strip()  # noqa: E731
    return norm(title) in norm(text) and len(norm(text)) < len(norm(title)) + 40


def _clause_verb(sdoc, char_offset: int) -> int:
    """Index of the verb whose clause holds the token at char_offset (the root when there is none)."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), sdoc[0])
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok:
        tok = tok.head
    return tok.i


def _background_span(sdoc, m) -> tuple[int, int]:
    """Where an earlier event's clause runs: 'days after a deadly chemical attack' is the phrase the preposition
    heads, 'after a bombing killed 120' the clause the conjunction opens; otherwise from the cue to the end."""
    end = m.end()
    tok = next((t for t in sdoc if t.idx < end <= t.idx + len(t.text)), None)
    if tok is not None and tok.lower_ in ("after", "before", "since"):
        root = tok.head if tok.dep_ == "mark" else tok if tok.dep_ == "prep" else None
        if root is not None:
            sub = list(root.subtree)
            last = sub[-1]
            obj = next((c for c in root.children if c.dep_ == "pobj"), None) if root is tok else None
            if obj is not None:
                # the phrase ends with its noun and the phrases on it ("after a bombing in Homs"); a clause the
                # parser hung on the noun of unpunctuated text ("after a chemical attack a woman was killed")
                # is the news
                last = obj
                for c in obj.rights:
                    relative = c.dep_ in ("relcl", "acl") and (c.tag_ in ("VBN", "VBG") and c.dep_ == "acl" or any(
                        g.tag_ in ("WDT", "WP", "WP$") for g in c.subtree))  # "a bombing that killed 120"
                    if c.dep_ in ("relcl", "acl", "cc", "conj", "punct") and not relative:
                        break
                    last = list(c.subtree)[-1]
            lo = min(m.start(), sub[0].idx)
            return lo, max(end, last.idx + len(last.text))
    return m.start(), len(sdoc.text) + 1


def _toll_hit(sdoc, killed, claimant) -> Hit:
    """A stand-in trigger for a toll that no event word in its clause explains ("15 civilians were killed")."""
    victims = {c.who for c in killed}
    sub = "Attack" if victims == {"civilian"} else "Armed clash"
    et = "Violence against civilians" if sub == "Attack" else "Battles"
    fake = Hit(spec=_pseudo_spec(sub, et), start=0, end=0)
    fake.start = next((t for t in sdoc if t.idx >= killed[0].start), sdoc[0]).i  # offsets in the sentence
    return fake


@functools.lru_cache(maxsize=2)
def _not_event_heads(kind: str = "heads") -> frozenset:
    return frozenset(lexicon().modifiers.get(f"not_event_{kind}", []))


def _opens_clause(cue: str) -> bool:
    """'days after', 'a week before': the cue introduces a clause about an earlier event."""
    return bool(re.search(r"(?i)\b(after|before|since)$", cue.strip()))


def _sentence_drafts(sdoc, block_index: int, block_start: int, amap, places, state: DocState) -> list[Draft]:
    text = sdoc.text.strip()
    if any(rx.search(text) for rx in _cues("context_cues")):
        return []  # the war as a whole, not an event
    if any(rx.search(text) for rx in _furniture()):
        return []  # "Related Daesh Commander Killed by SDF ...": another article's headline run into the text
    # background: a cue that dates the whole clause ("last week") makes every event in the sentence background;
    # one that opens a clause ("days after a bombing killed 120") only the events told after it
    cue_hits = [m for rx in _cues("background_cues") for m in [rx.search(sdoc.text)] if m]
    background_spans = [_background_span(sdoc, m) for m in cue_hits if _opens_clause(m.group(0))]
    background_verbs = {_clause_verb(sdoc, m.start()) for m in cue_hits if not _opens_clause(m.group(0))}

    def in_span(idx: int) -> bool:  # inside a clause about an earlier event ("days after a bombing killed 120")
        return any(lo <= idx < hi for lo, hi in background_spans)

    def in_background(idx: int) -> bool:
        return in_span(idx) or _clause_verb(sdoc, idx) in background_verbs
    words = [t for t in sdoc if t.is_alpha]
    headline = (len(words) >= 3 and sum(t.text[:1].isupper() for t in words) / len(words) > 0.6) or _repeats_title(
        text, state.doc.doc.title)
    claimant, verb = _attribution(sdoc, amap, state)
    hits = find_triggers(sdoc)
    casualties = numbers.find(sdoc)
    sent_start = block_start + sdoc[0].idx
    sent_end = block_start + sdoc[-1].idx + len(sdoc[-1].text)
    drafts: list[Draft] = []
    usable: list[tuple[Hit, str]] = []
    non_event = False
    for h in hits:
        ok = True
        for need in h.spec.needs:
            met = condition_met(need, sdoc, h)
            if need == "civilian_target":
                victims = {c.who for c in casualties if c.kind == "killed"}
                civ_actor = any(m.actor.type == "civilians" for m, _ in amap)
                met = "civilian" in victims or (civ_actor and "combatant" not in victims)
            if met is False:
                ok = False
        if not ok:
            continue
        trig = sdoc[h.start]
        if h.end - h.start == 1 and trig.pos_ in ("ADP", "DET", "PRON"):
            continue
        if h.end - h.start == 1 and trig.dep_ in ("compound", "amod", "nmod") and trig.head.pos_ in ("NOUN", "PROPN"):
            continue  # a modifier, not the event: "reconciliation official", "Israeli-occupied Golan"
        root = sdoc[h.start:h.end].root
        if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in _not_event_heads(
                ) or h.end - h.start > 1 and root.dep_ == "dobj" and root.head.lemma_.lower() in _not_event_heads("verbs"):
            continue  # "chemical weapons production facilities", "possess chemical weapons": not their use
        if h.sub_event_type in TERRITORY_SUBS and trig.tag_ == "VBN" and trig.dep_ in ("acl", "amod", "relcl") and not any(
                c.dep_ in ("aux", "auxpass") for c in trig.children):
            continue  # "areas occupied by the group", "ISIL-controlled Raqqa": who holds a place, not a capture
        fact = _factuality(trig, sdoc, claimant, verb)
        if fact == "charged":
            non_event = True  # the sentence's toll belongs to a standing charge, not to an event
            continue
        if fact is None:
            continue
        if not headline and _present(trig) and h.spec.event_type != "Strategic developments":
            continue
        usable.append((h, fact))
    # aggregate-only tolls ("500 soldiers died since the beginning of the campaign") make no event
    real_killed = [c for c in casualties if c.kind == "killed" and not c.aggregate]
    pseudo: set[int] = set()
    news_killed = [c for c in real_killed if not in_span(c.start)]
    if background_spans and usable and news_killed and all(in_span(sdoc[h.start].idx) for h, _ in usable) and (
            not non_event):
        # "Just days after a deadly chemical attack, a woman was killed ...": the only trigger tells the earlier
        # event; the toll outside its clause is the news, of the kind the article tells
        usable.append((_toll_hit(sdoc, news_killed, claimant), "reported"))
        pseudo.add(usable[-1][0].start)
    if casualties and not real_killed and all(c.aggregate for c in casualties if c.kind == "killed") and any(
            c.kind == "killed" for c in casualties):
        usable = [(h, f) for h, f in usable if h.spec.event_type not in VIOLENT]
    # territory triggers that were only attempted are no territory change
    cleaned = []
    for h, fact in usable:
        if fact == "attempted":
            if h.sub_event_type in TERRITORY_SUBS:
                continue
            fact = "reported"
        if fact == "planned":
            continue
        cleaned.append((h, fact))
    usable = cleaned
    # one token is one trigger: keep the strongest reading of each token
    # (a weak reading never beats a usual one: "the US Air Force bombed" is an air strike, not an IED)
    def reading(h: Hit) -> tuple:
        return (h.spec.weight < 0.5, ORDER.index(h.sub_event_type) if h.sub_event_type in ORDER else 99)

    best_at: dict[int, tuple[Hit, str]] = {}
    for h, fact in usable:
        cur = best_at.get(h.start)
        if cur is None or reading(h) < reading(cur[0]):
            best_at[h.start] = (h, fact)
    usable = list(best_at.values())
    # a strategic development is an act, not a state: "are stationed", "while stationed" are not events
    usable = [(h, f) for h, f in usable if not (h.spec.event_type == "Strategic developments" and _stative(sdoc[h.start]))]
    # weak words alone ("attack", "deal", "arrive") make no event without a figure, a stronger word beside them,
    # or a named conflict actor as the subject of the trigger as the sentence's main verb ("ISIS commanders arrived")
    weak_only = bool(usable) and max(h.spec.weight for h, _ in usable) < 0.5
    if weak_only and not real_killed:
        usable = [(h, f) for h, f in usable if _actor_subject_of_main_verb(sdoc[h.start], amap)]
    if weak_only and real_killed:
        # "15 civilians were killed": a toll with a generic verb tells of the article's event, not a new one
        weak = min(usable, key=lambda x: ORDER.index(x[0].sub_event_type) if x[0].sub_event_type in ORDER else 99)
        usable = [weak]
        figure_only = True
    elif not usable and real_killed and not non_event:
        usable = [(_toll_hit(sdoc, real_killed, claimant),
                   "claimed" if claimant is not None and claimant.stance == "party" else "reported")]
        figure_only = True
    else:
        figure_only = False
    if not usable:
        return []
    # one draft per event kind: violent types collapse by ACLED precedence (shelling within a battle is the
    # battle), a bomb or chemical attack stays its own event, a strategic development is separate
    def depth(h: Hit) -> int:
        return len(list(sdoc[h.start].ancestors))

    killers = {h.start for h, _ in usable if real_killed and _kills(sdoc[h.start:h.end].root)}
    usable.sort(key=lambda x: (x[0].spec.weight < 0.6,
                               # what the toll says killed them is the event ("shelling left 11 dead, with
                               # reports of clashes"): ACLED codes the event by the weapon that caused the deaths
                               x[0].start not in killers and x[0].sub_event_type not in SEPARATE_EXPLOSIONS,
                               depth(x[0]) if x[0].spec.event_type == "Strategic developments" else 0,
                               ORDER.index(x[0].sub_event_type) if x[0].sub_event_type in ORDER else 99,
                               -x[0].spec.weight))
    chosen: list[tuple[Hit, str]] = []
    for h, fact in usable:
        kind = h.spec.event_type
        if fact == "threatened":
            kind = "threat"
        bg = in_span(sdoc[h.start].idx)
        if any(((c[0].spec.event_type in VIOLENT and kind in VIOLENT and not (
                h.sub_event_type in SEPARATE_EXPLOSIONS and c[0].spec.event_type == "Battles"))
               or c[0].spec.event_type == kind) and in_span(sdoc[c[0].start].idx) == bg for c in chosen):
            continue  # an earlier event told in a background clause is another event than the news
        chosen.append((h, fact))
        if len(chosen) == 2:
            break
    # with two events in one sentence, each figure belongs to the trigger nearest to it
    # (a violent one when there is one: "killed as terrorists breached the agreement" is no deal's toll)
    violent_idx = [i for i, (h, f) in enumerate(chosen) if h.spec.event_type in VIOLENT and f != "threatened"]

    def owner(c) -> int:
        pool = violent_idx or list(range(len(chosen)))
        same = [i for i in pool if in_span(sdoc[chosen[i][0].start].idx) == in_span(c.start)]
        return min(same or pool, key=lambda i: abs(sdoc[chosen[i][0].start].idx - c.start))
    if violent_idx:  # vehicles and positions destroyed in a strike are the strike's damage, not looting
        chosen = [(h, f) for h, f in chosen if h.sub_event_type != "Looting/property destruction"]
        violent_idx = [i for i, (h, f) in enumerate(chosen) if h.spec.event_type in VIOLENT and f != "threatened"]

    def add_figures(d: Draft, cs) -> None:
        for c in cs:
            if c.kind == "killed":
                claim = Claim(kind="aggregate_fatalities" if c.aggregate else "fatalities",
                              claimant=_claimant_name(claimant, state), value=c.value, doc_id=state.doc.doc.doc_id,
                              quote=text)
                d.claims.append(claim)
                if not c.aggregate and c.value is not None:
                    d.killed.append((c.value, claimant, bool(claimant and claimant.stance == "party"), c.vague or
                                     c.text.lower().split()[0] in numbers.VAGUE_PLURALS))
            elif c.kind == "injured" and c.value is not None:
                d.injured = (d.injured or 0) + c.value
                d.claims.append(Claim(kind="injuries", claimant=_claimant_name(claimant, state), value=c.value,
                                      doc_id=state.doc.doc.doc_id, quote=text))

    for ci, (h, fact) in enumerate(chosen):
        trig = sdoc[h.start]
        background = in_background(trig.idx)  # "last week", "in February" date their own clause
        sub, et = h.sub_event_type, h.spec.event_type
        if fact == "threatened":
            sub, et = "Other", "Strategic developments"
        if background and fact in ("reported", "claimed"):
            fact = "historical"
            background_told = in_span(trig.idx)  # named in a phrase about an earlier event, not only dated
        else:
            background_told = False
        d = Draft(sub=sub, event_type=et, weight=h.spec.weight, trigger=sdoc[h.start:h.end].text,
                  block=block_index, sent_start=sent_start, sent_end=sent_end, sent_text=text, factuality=fact,
                  claimant=claimant, figure_only=(figure_only or h.start in pseudo) and not background)
        d.sentences.append((sent_start, sent_end, text))
        d.background = background_told
        d.loss = trig.lemma_.lower() in LOSS
        d.territory = sub in TERRITORY_SUBS
        # actors: those of its own clause when the sentence also tells an earlier event
        amap_d = [(m, span) for m, span in amap if in_span(span[0].idx) == in_span(trig.idx)] if (
            background_spans) else amap
        pair = _between(sdoc, trig, amap_d)
        if pair:
            d.actors1, d.actors2 = [pair[0]], [pair[1]]
        else:
            for m, span in amap_d:
                if m.actor.is_claimant:
                    continue
                role = _role(span, trig)
                if role == "loser":
                    d.actors2.append(m.actor) if d.loss else d.actors1.append(m.actor)
                elif role == "gainer":
                    d.actors1.append(m.actor)
                elif role == "agent":
                    (d.actors2 if d.loss else d.actors1).append(m.actor)
                elif role == "patient":
                    (d.actors1 if d.loss and d.territory else d.actors2).append(m.actor)
            rest = [m.actor for m, span in amap_d if not m.actor.is_claimant
                    and m.actor not in d.actors1 and m.actor not in d.actors2]
            for a in rest:
                if not d.actors1:
                    d.actors1.append(a)
                elif not d.actors2 and a.id != d.actors1[0].id:
                    d.actors2.append(a)
        subj = _subject(trig)
        if subj is not None and not any(span.start <= subj.i < span.end for m, span in amap) and (
                subj.lemma_.lower() in PRONOUNS or any(t.lower_ in ("its", "their", "group", "the group") for t in subj.subtree)):
            # "the group's militants", "they": the party whose media speaks, else the last actor named
            party = registry().party_of(claimant) if claimant is not None and claimant.media_of else None
            party = party if party is not None and party.type in ARMED else None
            ref = party or (state.last_actors[0] if state.last_actors else None)
            if ref is not None:
                if ref in d.actors1:
                    d.actors1.remove(ref)
                if ref in d.actors2:
                    d.actors2.remove(ref)
                if d.actors1 and not d.actors2:
                    d.actors2 = d.actors1
                    d.actors1 = []
                (d.actors2 if d.loss else d.actors1).insert(0, ref)
        d.actors2 = [a for a in d.actors2 if a not in d.actors1]
        if not d.actors1 and claimant is not None and claimant.media_of and sub != "Other":
            party = registry().party_of(claimant)
            if party and party.type in ARMED:
                d.actors1.append(party)  # "Amaq claimed the group killed ..." -> IS
        low_words = {t.lower_ for t in sdoc[max(0, h.start - 4): h.start + 1]}
        if {"both", "two"} & low_words and "sides" in {t.lower_ for t in sdoc}:
            d.anaphoric = True
        if any(t.lower_ in ("the", "these", "those") and t.head == trig for t in sdoc) and trig.pos_ == "NOUN":
            d.anaphoric = True
        # places: the most specific one nearest the trigger
        tpos = block_start + trig.idx
        found = []
        for s, e, name, cands in places:
            if not (sent_start <= s < sent_end):
                continue
            if _in_report_frame(sdoc, s - sent_start, trig):
                continue  # "... told ARA News in Damascus": where the source spoke, not where it happened
            place = choose(cands, state.places)
            if place is not None and place.country != state.country and not _locative(sdoc, s - sent_start):
                continue  # "the Istanbul-based coalition": another country named in passing
            if place is not None and place.country not in REGION and not _ner_place(sdoc, s - sent_start, e - sent_start):
                continue  # far away and not a place to the language model either ("Abu George", "Dayton accords")
            if place is None or place.feature == "country":
                continue
            found.append(((place.country != "SY", _origin(sdoc, s - sent_start), abs(s - tpos)), place, name, s))
        # the place nearest the trigger; a province gives way to a town the sentence names inside it ("in Homs
        # province's Talbiseh"), never to one in another province ("in Daraa countryside ... in Eastern Ghouta")
        best = min(found, key=lambda x: x[0]) if found else None
        if best is not None and FEATURE_RANK.get(best[1].feature, 8) <= 1:
            inside = [x for x in found if FEATURE_RANK.get(x[1].feature, 8) > 1 and x[0][:2] == best[0][:2]
                      and _same_province(x[1].admin1, best[1].admin1)]
            if inside:
                best = min(inside, key=lambda x: x[0])
        # figures
        mine = [c for c in casualties if not (len(chosen) > 1 and owner(c) != ci)]
        groups = _figures_by_place(mine, found, sent_start)
        if groups:  # a toll at each of two places: the trigger's place first, each keeps the figures beside it
            groups.sort(key=lambda g: g[0][0])
            best = groups[0][0]
            mine = groups[0][1]
        if best:
            d.places.append((best[1], best[2]))

        add_figures(d, mine)
        if not any(c.kind == "killed" for c in casualties):
            named = [e for e in sdoc.ents if e.label_ == "PERSON"]
            if named and any(t.lemma_.lower() in ("killing", "kill", "death", "die") for t in sdoc):
                d.killed.append((1, claimant, bool(claimant and claimant.stance == "party"), False))
        dates = [e.text for e in sdoc.ents if e.label_ in ("DATE", "TIME")
                 and not PUBLICATION_CUE.search(sdoc.text[max(0, e.start_char - 30): e.start_char])
                 and (not background_spans or in_span(e.start_char) == in_span(trig.idx))
                 and not BARE_COUNT.fullmatch(e.text)]  # "the death toll ... was 45": a count the model calls a date
        if dates:
            d.date_text = "; ".join(dates)
        if fact == "historical" and not background and not (d.date_text and YEAR.search(d.date_text)):
            continue  # history without a date it can be pinned to is background, not an event
        d.when = timeparse.resolve(d.date_text, state.ref, state.anchors) if d.date_text else None
        if (d.factuality in ("reported", "claimed") and state.history_ref is not None and d.when is not None
                and d.when.end is not None and (state.history_ref - d.when.end).days > HISTORY_DAYS):
            d.factuality = "historical"  # "a string of bombings in February", told in a November article
        d.separate = any(rx.search(text) for rx in _cues("separate_event_cues"))
        drafts.append(d)
        for place, cs in (groups or [])[1:]:
            other = dataclasses.replace(d, places=[(place[1], place[2])], killed=[], claims=[], injured=None,
                                        sentences=list(d.sentences), actors1=list(d.actors1),
                                        actors2=list(d.actors2), notes_bits=list(d.notes_bits), separate=True)
            add_figures(other, cs)
            drafts.append(other)
    return drafts


def _figures_by_place(casualties, found, sent_start: int):
    """One sentence telling tolls at two places ("killed at least 50 in Daraa countryside as army units advanced in
    Eastern Ghouta killing at least 35"): each figure goes to the place named nearest it, one after it preferred.
    None unless at least two places far apart (another town, not a district of the same one) each get a toll."""
    kills = [c for c in casualties if c.kind == "killed" and not c.aggregate and c.value]
    if len(kills) < 2 or len(found) < 2:
        return None
    # a place named twice ("Aleppo ... Aleppo city") is one place: its first mention stands for both
    same_as = [next(j for j in range(len(found)) if j == i or found[j][1].name == found[i][1].name
                    or found[j][1].km_to(found[i][1]) < 15) for i in range(len(found))]
    groups: dict[int, list] = {}
    for c in casualties:
        pos = sent_start + c.start
        # "killed 12 in Aleppo": the place that follows a toll is its place more often than one before it
        i = min(range(len(found)), key=lambda k: (found[k][3] - pos) * 0.5 if found[k][3] >= pos else pos - found[k][3])
        groups.setdefault(same_as[i], []).append(c)
    with_toll = [i for i, cs in groups.items() if any(c in kills for c in cs)]
    if len(with_toll) < 2:
        return None
    a, b = found[with_toll[0]][1], found[with_toll[1]][1]
    if a.km_to(b) < 15 or a.name == b.name:
        return None
    out = [(found[i], groups[i]) for i in with_toll]
    rest = [c for i, cs in groups.items() if i not in with_toll for c in cs]
    out[0][1].extend(rest)
    return out


def _actor_subject_of_main_verb(tok, amap) -> bool:
    if tok.pos_ not in ("VERB",) or tok.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    lo, hi = subj[0].left_edge.i, subj[0].right_edge.i
    return any(lo <= span.root.i <= hi and not m.weak and not m.actor.is_claimant for m, span in amap)


def _ner_place(sdoc, start: int, end: int) -> bool:
    return any(e.label_ in ("GPE", "LOC", "FAC") and e.start_char < end and start < e.end_char for e in sdoc.ents)


def _origin(sdoc, char_offset: int) -> bool:
    """'evacuees from Fuaa and Kafraya', 'rockets fired from Idlib': where people or fire came from, which ACLED
    does not code as the event's place when the text names another."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), None)
    if tok is None:
        return False
    head = tok
    while head.dep_ in ("compound", "amod", "nmod", "flat", "conj", "appos") and head.head != head:
        head = head.head
        if head.dep_ == "pobj":
            break
    if head.dep_ == "pobj" and head.head.lower_ == "of":  # "the towns of Fuaa": go up to the town noun
        head = head.head.head
    return head.dep_ == "pobj" and head.head.lower_ == "from"


def _locative(sdoc, char_offset: int) -> bool:
    """The place is where something is: object of 'in', 'at', 'near', 'outside', 'inside', 'across', 'into'."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), None)
    if tok is None:
        return False
    head = tok
    while head.dep_ in ("compound", "amod", "nmod", "flat") and head.head != head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "outside", "inside", "across", "into",
                                                         "on", "around", "throughout")


def _in_report_frame(sdoc, char_offset: int, trig) -> bool:
    """A place attached to the reporting verb ("told ARA News in Damascus"), outside the reported event."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), None)
    if tok is None or tok in list(trig.subtree):
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb != trig and verb.lemma_.lower() in REPORT_VERBS


def _stative(tok) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ == "VBN" and not aux:
        return True  # "while stationed in ..."
    if tok.tag_ in ("VBZ", "VBP"):
        return True  # simple present: a state or a habit
    return any(a.lower_ in ("is", "are", "am") for a in aux) and tok.tag_ == "VBN"


@functools.lru_cache(maxsize=None)
def _pseudo_spec(sub: str, et: str):
    from .triggers import TriggerSpec

    return TriggerSpec(id=f"casualties:{sub}", event_type=et, sub_event_type=sub, weight=0.5, needs=(), pos=())


def _claimant_name(claimant: Optional[Actor], state: DocState) -> Optional[str]:
    if claimant is not None:
        return claimant.short
    return state.doc.doc.outlet


def _compatible(a: Draft, b: Draft) -> bool:
    """Can b (a later sentence) be the same event as a? Same sub-event type; or, for battles, a territory change
    and the fighting around it told in consecutive sentences."""
    if a.event_type != b.event_type:
        return False
    if a.sub != b.sub and not (a.event_type == "Battles" and (b.sent_idx - a.last_sent_idx) <= 1):
        return False
    if a.factuality != b.factuality and "historical" in (a.factuality, b.factuality):
        return False
    ids_a = {x.id for x in a.actors1 + a.actors2}
    ids_b = {x.id for x in b.actors1 + b.actors2}
    if ids_a and ids_b and not ids_a & ids_b:
        return False
    pa = [p for p, _ in a.places]
    pb = [p for p, _ in b.places]
    if pa and pb and not (a.place_inferred or b.place_inferred) and min(x.km_to(y) for x in pa for y in pb) > 100:
        return False
    if b.separate and not b.anaphoric:
        return False
    wa, wb = a.when, b.when
    if wa is not None and wb is not None and wa.start is not None and wb.start is not None:
        # resolved dates: the same event only if the spans meet (a day's slack for "the previous night")
        return not (wb.start > wa.end + ONE_DAY or wa.start > wb.end + ONE_DAY)
    if a.date_text and b.date_text and _date_key(a.date_text) != _date_key(b.date_text):
        return False
    return True


def _background_told_again(d: Draft, drafts: list[Draft]) -> Optional[Draft]:
    """An event the article first named as background ("just days after a deadly chemical attack, a woman was
    killed ...") and then describes ("on Tuesday, in a chemical attack, some 100 civilians were killed") is still
    the background: the later sentence joins it, and its toll stays a claim, not the article's news."""
    if d.factuality not in ("reported", "claimed") or d.separate or d.figure_only:
        return None
    for prev in reversed(drafts):
        if not prev.background or prev.sub != d.sub:
            continue
        undated = prev.when is None or prev.when.start is None  # "days after a ...": no day of its own to differ
        probe = dataclasses.replace(d, factuality=prev.factuality, date_text=None if undated else d.date_text,
                                    when=None if undated else d.when)
        if _compatible(prev, probe):
            d.factuality = prev.factuality
            return prev
    return None


def _date_key(text: str) -> str:
    return " ".join(sorted(set(re.findall(r"[a-z]+day|\d{4}|\d{1,2}|january|february|march|april|may|june|july|"
                                         r"august|september|october|november|december|night|yesterday",
                                         text.lower()))))


def _merge(into: Draft, d: Draft) -> None:
    if d.rank < into.rank and d.event_type == into.event_type and (d.weight >= 0.5 or into.weight < 0.5):
        into.sub, into.trigger = d.sub, d.trigger
        into.territory = into.territory or d.territory
    into.territory = into.territory or d.territory
    for a in d.actors1:
        if a not in into.actors1 and a not in into.actors2:
            into.actors1.append(a) if not into.actors1 else into.actors2.append(a)
    for a in d.actors2:
        if a not in into.actors1 and a not in into.actors2:
            into.actors2.append(a)
    if into.place_inferred and d.places and not d.place_inferred:
        into.places, into.place_inferred = [], False  # the sentence that names the place wins over context
    names = {skeleton(q.name) for q, _ in into.places}
    detail = bool(d.places and into.places and into.killed and not d.killed and not into.place_inferred and all(
        min(p.km_to(q) for q, _ in into.places) < 10 and skeleton(p.name) not in names for p, _ in d.places))
    if not (d.place_inferred and into.places) and not detail:
        # (a sentence that only adds detail nearby, "destroyed a tank on the edge of al-Hajar al-Aswad", does not
        # move the event from where its toll was told, "killed 30 soldiers ... in the Yarmouk area")
        into.places += d.places
    into.killed += d.killed
    into.claims += d.claims
    if d.injured:
        into.injured = (into.injured or 0) + d.injured
    into.sentences += [s for s in d.sentences if s not in into.sentences]
    into.last_sent_idx = max(into.last_sent_idx, d.sent_idx)
    into.date_text = into.date_text or d.date_text


def extract_document(doc: AnnotatedDocument) -> list[EventMention]:
    from ..annotate import english

    state = DocState(doc)
    reg = registry()
    drafts: list[Draft] = []
    sent_counter = 0
    title = doc.doc.title
    title_doc = english()(title) if title else None  # the headline, parsed once for its kind and its agent
    title_hit = _title_hit(title_doc)
    counts = Counter(p.country for m in gazetteer().find(doc.doc.text) for p in m.payload[:1] if p.feature != "country")
    if counts:
        state.country = counts.most_common(1)[0][0]
    first_body = next((b for b in doc.doc.blocks if b.start is not None), None)
    # first pass: every block's actor and place mentions, so the article's places are known in reading order
    # before any sentence is read (a headline that names no place happened where the lead says)
    blocks = []
    if title:
        for m in gazetteer().find(title):
            p = choose(m.payload, state.places)
            if p is not None and p.feature != "country" and p.country == state.country and p.country in REGION:
                state.title_places.append((p, m.text))
    for block in doc.doc.blocks:
        if block.start is None or (block.language or doc.doc.language) not in (None, "en"):
            continue
        actor_mentions = [ActorMention(m.start + block.start, m.end + block.start, m.text,
                                       reg.specific(m.actor, state.country), m.weak)
                          for m in reg.find(block.text)]
        places = [p for p in _places_in(block.text, block.start, state)
                  if not any(m.start < p[1] and p[0] < m.end and (m.end - m.start) >= (p[1] - p[0])
                             for m in actor_mentions)]
        if block is first_body:
            places = [p for p in places if not _is_dateline(block.text, p[0] - block.start, p[1] - block.start)]
        places = _within_province(places, block.text, block.start)
        for s, e, name, cands in places:
            p = choose(cands, state.places)
            if p is not None and p.feature != "country" and p.country == state.country and p.country in REGION:
                state.places.append(p)
                locative = bool(LOCATIVE_BEFORE.search(block.text[max(0, s - block.start - 60):s - block.start]))
                state.place_marks.append((s, p, name, locative))
        blocks.append((block, actor_mentions, places))
    for block, actor_mentions, places in blocks:
        sdoc = doc.parsed(block.index)
        if sdoc is None:
            sdoc = english()(block.text)
        for sent in sdoc.sents:
            s0, s1 = block.start + sent.start_char, block.start + sent.end_char
            sent_mentions = [m for m in actor_mentions if s0 <= m.start < s1]
            sent_doc = sent.as_doc()
            amap = _actor_token_map(sent_doc, sent_mentions, s0)
            new = _sentence_drafts(sent_doc, block.index, s0, amap, places, state)
            sent_counter += 1
            for d in new:
                d.sent_idx = d.last_sent_idx = sent_counter
            for m in sent_mentions:
                if m.actor.is_claimant:
                    state.last_claimants.append((m.text, m.actor))
                else:
                    state.counts[m.actor.id] += 1
            for d in new:
                _complete_actors(d, drafts, state, sent_mentions)
                _complete_place(d, drafts, state)
                target = None
                own_claim = d.claimant is not None and d.claimant.stance == "party"
                if d.figure_only:
                    drafts.append(d)
                    continue
                if d.anaphoric and not own_claim:
                    for prev in reversed(drafts):
                        if prev.event_type in VIOLENT and _compatible(prev, d) or (
                                d.figure_only and prev.event_type in VIOLENT and not d.claimant):
                            target = prev
                            break
                if target is None:
                    for prev in reversed(drafts):
                        if _compatible(prev, d) and not (d.claimant and prev.claimant and d.claimant.id != prev.claimant.id):
                            target = prev
                            break
                if target is None:
                    target = _background_told_again(d, drafts)
                if target is not None:
                    _merge(target, d)
                else:
                    drafts.append(d)
            real = [m.actor for m in sent_mentions if not m.actor.is_claimant]
            if real:
                state.last_actors = real
    drafts = _attach_figures(drafts, title_hit)
    _title_agent(drafts, title, title_doc, state)
    _headline_date(drafts, title_doc)
    return [_finish(d, state) for d in drafts if _keep(d)]


DATELINE = re.compile(r"^[\s\W\d-]*(?:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s*)?$")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """'BEIRUT (Reuters) -', 'Damascus, SMART', 'AMMAN Nearly 50 air strikes': where the story was filed from."""
    if not DATELINE.match(text[:start]) and not re.search(r"(?i)(last updated at|published|posted on)\b[^.]{0,40}$",
                                                           text[:start]):
        return False
    after = text[end:end + 40]
    return bool(re.match(r"\s*(\(|,|-|–|—|:|\s[A-Z][a-z]+|\s*$)", after)) or text[start:end].isupper()


def _title_hit(title_doc) -> Optional[Hit]:
    """The headline's strongest violent trigger: the kind of event the article is about."""
    if title_doc is None:
        return None
    hits = [h for h in find_triggers(title_doc) if h.spec.event_type in VIOLENT and h.spec.weight >= 0.6]
    if not hits:
        return None
    return min(hits, key=lambda h: ORDER.index(h.sub_event_type) if h.sub_event_type in ORDER else 99)


GENERIC_AGENTS = {"opposition_rebels", "unidentified", "civilians"}


def _title_agent(drafts: list[Draft], title: Optional[str], sdoc, state: DocState) -> None:
    """The headline names who did the article's main event ('ISIL Beheads 8 Syria Militants') when the body
    only says 'the extremist group' or 'terrorists': the lead event of the headline's kind takes the headline's
    agent when its own actor1 is missing or generic."""
    if not title or sdoc is None:
        return
    reg = registry()
    mentions = [ActorMention(m.start, m.end, m.text, reg.specific(m.actor, state.country), m.weak)
                for m in reg.find(title)]
    amap = _actor_token_map(sdoc, mentions, 0)
    agent, kind = None, None
    for h in find_triggers(sdoc):
        if h.spec.event_type not in VIOLENT:
            continue
        for m, span in amap:
            if not m.actor.is_claimant and m.actor.type in ARMED and _role(span, sdoc[h.start]) == "agent":
                agent, kind = m.actor, h.spec.event_type
                break
        if agent is not None:
            break
    if agent is None:
        return
    for d in drafts:
        if d.event_type != kind or d.factuality not in ("reported", "claimed") or any(
                a.id == agent.id for a in d.actors1 + d.actors2):
            continue
        a1 = d.actors1[0] if d.actors1 else None
        if a1 is None or a1.id in GENERIC_AGENTS or a1.id.startswith("generic_"):
            if a1 is not None:
                d.actors1.remove(a1)
                if a1 not in d.actors2:
                    d.actors2.insert(0, a1)  # a generic party beside the named agent is the other side
            d.actors1.insert(0, agent)
            d.notes_bits.append("actor named in the headline")


def _headline_date(drafts: list[Draft], title_doc) -> None:
    """The headline's event happened on the day the lead tells: a sentence that gives the headline's kind of event
    ('Assad's Forces Advance ...' / 'regime forces gained control of a block') but no date takes the date of the
    article's first dated event. Other undated events keep no date: the text alone does not fix theirs."""
    if title_doc is None:
        return
    kinds = {h.sub_event_type for h in find_triggers(title_doc)}
    if not kinds:
        return
    lead = next((d for d in drafts if d.date_text and d.factuality in ("reported", "claimed")), None)
    if lead is None or drafts.index(lead) > 1:
        return  # the article does not open with a dated event: no lead to date the headline by
    for d in drafts:
        if d.date_text or d is lead or d.factuality not in ("reported", "claimed") or d.sub not in kinds:
            continue
        d.date_text, d.when = lead.date_text, lead.when
        d.notes_bits.append("date of the article's lead")


def _attach_figures(drafts: list[Draft], title_hit: Optional[Hit]) -> list[Draft]:
    """A sentence that only gives a toll ("the toll rose to 61, SOHR said") belongs to the event the article
    tells: the nearest violent event with compatible parties and place, before or after it. Left alone, it takes
    the headline's kind of event. A party's own claim ("Amaq claimed ...") stays a claim of its own."""
    out = [d for d in drafts if not d.figure_only]
    for f in [d for d in drafts if d.figure_only]:
        party_claim = f.claimant is not None and f.claimant.stance == "party"
        cands = [d for d in out if d.event_type in VIOLENT and not party_claim and _parties_fit(d, f)]
        if cands:
            # civilians die in strikes, shelling and attacks far more than in clashes; fighters in clashes
            civilian_toll = f.sub == "Attack" or any(a.type == "civilians" for a in f.actors1 + f.actors2)
            prefer = ("Explosions/Remote violence", "Violence against civilians") if civilian_toll else ("Battles",)
            target = min(cands, key=lambda d: (d.event_type not in prefer, abs(d.sent_idx - f.sent_idx)))
            _merge(target, f)
            continue
        if title_hit is not None and not party_claim:
            f.sub, f.event_type, f.weight = title_hit.sub_event_type, title_hit.spec.event_type, title_hit.spec.weight
        out.append(f)
    out.sort(key=lambda d: d.sent_idx)
    return out


def _parties_fit(a: Draft, b: Draft) -> bool:
    ids_a = {x.id for x in a.actors1 + a.actors2}
    ids_b = {x.id for x in b.actors1 + b.actors2}
    if ids_a and ids_b and not ids_a & ids_b:
        return False
    pa, pb = [p for p, _ in a.places], [p for p, _ in b.places]
    if a.place_inferred or b.place_inferred:
        return True  # a place taken from context ("the death toll from the strikes was 45") does not separate
    return not (pa and pb and min(x.km_to(y) for x in pa for y in pb) > 100)


def _complete_actors(d: Draft, drafts: list[Draft], state: DocState, mentions: list[ActorMention]) -> None:
    """Fill actors the sentence leaves implicit: 'both sides', 'the group', or the article's main parties, always
    taking the missing side from the other camp than the side that is known."""
    if d.anaphoric and not d.actors1:
        for prev in reversed(drafts):
            if prev.actors1:
                d.actors1, d.actors2 = list(prev.actors1), list(prev.actors2)
                break

    def other_side(known: Optional[Actor], exclude: set[str]) -> Optional[Actor]:
        pool = [a for a in state.last_actors if a.id not in exclude] + state.dominant(exclude)
        pool = [a for a in pool if a.type in ARMED]
        specific = [a for a in pool if not a.id.startswith("generic_") and a.side is not None]
        for a in specific + pool:
            if known is None or a.side is None or known.side is None or a.side != known.side:
                return a
        return None

    if d.actors1 and d.actors1[0].type == "civilians" and d.event_type not in ("Protests", "Riots"):
        d.actors2 = [d.actors1.pop(0)] + [a for a in d.actors2 if a.type != "civilians"]  # victims, never the actor
    two_sided = d.event_type in ("Battles", "Explosions/Remote violence") or d.sub == "Agreement"
    if not d.actors1 and not d.anaphoric:
        default = registry().default_for("SY", d.sub)
        if default is not None and not any(a.id == default.id for a in d.actors2):
            d.actors1 = [default]
            d.notes_bits.append("actor not named in the report: attributed by default")
    if not d.actors1:
        known = d.actors2[0] if d.actors2 else None
        got = other_side(known, {a.id for a in d.actors2}) if known else (
            state.last_actors[0] if state.last_actors else next(iter(state.dominant(set())), None))
        if got is not None:
            d.actors1 = [got]
    if two_sided and not d.actors2 and d.actors1:
        got = other_side(d.actors1[0], {a.id for a in d.actors1})
        if got is not None:
            d.actors2 = [got]
    if d.sub in TERRITORY_SUBS and d.actors1:
        d.sub = "Government regains territory" if d.actors1[0].is_state else "Non-state actor overtakes territory"


def _complete_place(d: Draft, drafts: list[Draft], state: DocState) -> None:
    """A sentence that names no place happened where the story was: the last event with the same parties, else
    the last specific place the article named."""
    if d.places:
        return
    ids = {a.id for a in d.actors1 + d.actors2}
    for prev in reversed(drafts):
        if prev.places and ids & {a.id for a in prev.actors1 + prev.actors2}:
            d.places.append(prev.places[-1])
            d.place_inferred = True
            return
    # a place named as a place ("in Raqqa", "the town of X"), not as a government ("its Damascus ally")
    marks = [x for x in state.place_marks if x[1].country == state.country and x[3]]
    before = [x for x in marks if x[0] < d.sent_start]
    after = [x for x in marks if x[0] >= d.sent_end]
    if not before and state.title_places:  # a lead that names no place: where the headline says
        d.places.append(state.title_places[0])
        d.place_inferred = True
        return
    pick = before[-1] if before else (after[0] if after else None)  # the last place named; in a lead, the next
    if pick is not None:
        d.places.append((pick[1], pick[2]))
        d.place_inferred = True


def _keep(d: Draft) -> bool:
    if d.event_type == "Strategic developments" and d.actors1 and d.actors1[0].type == "civilians":
        return False
    if d.territory and not d.places and not d.actors2 and not d.killed:
        return False
    if d.event_type == "Strategic developments" and d.weight < 0.6 and not d.actors1:
        return False
    return True


def _finish(d: Draft, state: DocState) -> EventMention:
    doc = state.doc.doc
    reg = registry()
    country = "SY"
    if d.actors1 and d.actors1[0].type == "civilians" and d.event_type not in ("Protests", "Riots"):
        d.actors2.insert(0, d.actors1.pop(0))
    a1 = d.actors1[0] if d.actors1 else None
    a2 = next((a for a in d.actors2 if a is not a1), None)
    name = lambda a: reg.resolved(a, doc.published).display(country) if a else None  # noqa: E731
    # the place most sentences name, the more specific on a tie
    place_text = None
    if d.places:
        votes = Counter(p.name for p, _ in d.places)
        best = min(d.places, key=lambda x: (-votes[x[0].name], FEATURE_RANK.get(x[0].feature, 8) <= 1,
                                            -FEATURE_RANK.get(x[0].feature, 8)))
        place_text = best[1]
    def per_claimant(items):
        precise = [x for x in items if not x[3]]
        items = precise or items  # "dozens" only when nobody gives a number
        best: dict = {}
        for v, c, *_ in items:
            if v is not None:
                k = c.id if c is not None else None
                best[k] = max(best.get(k, 0), v)
        return list(best.values())

    precise_any = [x for x in d.killed if not x[3]]
    killed = precise_any or d.killed  # "hundreds" counts only when no source gives a number
    non_party = per_claimant([x for x in killed if not x[2]])
    party = per_claimant([x for x in killed if x[2]])
    # within one report, figures for one event are the whole toll and its parts or updates ("eight killed ...
    # four of them children", "the toll rose to 61"): the report's toll is the largest; ACLED's conservative
    # minimum applies between sources, when fusion reconciles reports
    fatalities = max(non_party) if non_party else (min(party) if party else None)
    if d.factuality == "historical":
        fatalities = None  # background: the toll stays a claim, it is not this article's news
    if d.event_type not in VIOLENT + ("Riots",) and d.sub not in KILLING_PROTEST_SUBS:
        fatalities = None  # a deal, a protest, a deployment kill no one: the figure belongs to another event
    territory = None
    if d.territory and a1 is not None:
        territory = Territory(place=place_text, from_actor=name(a2), to_actor=name(a1))
        d.claims.append(Claim(kind="territory", claimant=_claimant_name(d.claimant, state),
                              value={"place": place_text, "to_actor": name(a1), "from_actor": name(a2)},
                              doc_id=doc.doc_id, quote=d.sent_text))
    evidence = [Evidence(doc_id=doc.doc_id, start=s, end=e, text=t) for s, e, t in sorted(d.sentences)]
    factuality = d.factuality if d.factuality in ("reported", "claimed", "threatened", "planned", "denied",
                                                   "historical") else "reported"
    notes = _notes(d, name(a1), name(a2), place_text, fatalities, state)
    return EventMention(doc_id=doc.doc_id, event_type=d.event_type, sub_event_type=d.sub, actor1=name(a1),
                        actor2=name(a2), assoc_actor_1=[name(a) for a in d.actors1[1:]],
                        assoc_actor_2=[name(a) for a in d.actors2[1:]], location_text=place_text,
                        date_text=d.date_text, fatalities=fatalities, injured=d.injured,
                        claims=_dedupe_claims(d.claims), territory=territory, factuality=factuality,
                        evidence=evidence, confidence=round(min(0.95, 0.4 + 0.5 * d.weight), 2), notes=notes)


def _dedupe_claims(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = (c.kind, c.claimant, repr(c.value), c.quote)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def _notes(d: Draft, a1, a2, place, fatalities, state: DocState) -> str:
    who = a1 or "an unidentified actor"
    on = f" on {a2}" if a2 else ""
    what = {
        "Armed clash": f"clashed with {a2}" if a2 else "was involved in clashes",
        "Non-state actor overtakes territory": f"took control of {place or 'territory'}" + (f" from {a2}" if a2 else ""),
        "Government regains territory": f"regained {place or 'territory'}" + (f" from {a2}" if a2 else ""),
        "Shelling/artillery/missile attack": f"shelled {a2 + ' positions' if a2 else 'positions'}",
        "Air/drone strike": "carried out air strikes" + on,
        "Chemical weapon": "used chemical weapons" + (f" against {a2}" if a2 else ""),
        "Suicide bomb": "carried out a suicide bombing" + (f" against {a2}" if a2 else ""),
        "Remote explosive/landmine/IED": "set off an explosive device" + (f" against {a2}" if a2 else ""),
        "Grenade": "threw a grenade" + on,
        "Attack": f"attacked {a2 or 'civilians'}",
        "Abduction/forced disappearance": f"abducted {a2 or 'people'}",
        "Sexual violence": f"committed sexual violence against {a2 or 'civilians'}",
        "Arrests": f"arrested {a2 or 'people'}",
        "Agreement": f"reached an agreement with {a2}" if a2 else "reached an agreement",
        "Change to group/activity": "moved or reorganised its forces",
        "Headquarters or base established": "established a base",
        "Disrupted weapons use": "disrupted a weapon attack" + (f" by {a2}" if a2 else ""),
        "Looting/property destruction": "looted or destroyed property",
        "Non-violent transfer of territory": f"took over {place or 'territory'} without fighting",
        "Peaceful protest": "demonstrated", "Protest with intervention": "demonstrated and were dispersed",
        "Excessive force against protesters": "used force against protesters",
        "Violent demonstration": "rioted", "Mob violence": "took part in mob violence",
        "Other": "was involved in a strategic development" + (f" concerning {a2}" if a2 else ""),
    }.get(d.sub, d.sub.lower())
    where = f" in {place}" if place and d.sub not in TERRITORY_SUBS else ""
    text = f"{who} {what}{where}."  # resolve prefixes the date ("On 7 May 2018, ...")
    figures = [c for c in d.claims if c.kind == "fatalities" and c.value is not None]
    if figures:
        parts = "; ".join(f"{c.claimant or 'the report'} reported {c.value} killed" for c in figures)
        text += f" {parts[0].upper() + parts[1:]}."
    elif fatalities is None:
        text += " Fatalities unknown."
    if d.factuality in ("claimed", "threatened", "historical"):
        text += f" ({d.factuality.capitalize()}.)"
    for bit in dict.fromkeys(d.notes_bits):
        text += f" ({bit[0].upper() + bit[1:]}.)"
    return text
