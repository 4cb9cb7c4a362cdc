"""The event trigger lexicon (``data/triggers.yaml``) and its matcher over parsed sentences."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_yaml

# Words that make a trigger's conditions true; extended by the data file's `condition_words`.
CONDITION_WORDS = {
    "aerial": {"aircraft", "warplane", "warplanes", "jet", "jets", "helicopter", "helicopters", "drone", "drones",
               "plane", "planes", "bomber", "bombers", "air", "aerial", "airstrike", "airstrikes", "sukhoi", "mig"},
    "explosive": {"bomb", "explosive", "explosives", "ied", "mine", "landmine", "blast", "explosion", "detonate",
                  "detonated", "booby", "booby-trapped", "vbied", "dynamite"},
    "territory_object": {"area", "areas", "village", "villages", "town", "towns", "city", "neighbourhood",
                         "neighborhood", "neighbourhoods", "neighborhoods", "district", "checkpoint", "checkpoints",
                         "position", "positions", "hill", "hills", "base", "airbase", "block", "building", "buildings",
                         "territory", "ground", "control", "camp", "road", "farm", "farms", "point", "points"},
}


AIR = "Air/drone strike"

# word forms whose lemma is a trigger but which are not ("according" -> "accord")
FALSE_FRIENDS = {"according", "accordingly", "shelled", "fired"} - {"shelled", "fired"}


@dataclass(frozen=True)
class TriggerSpec:
    id: str
    event_type: str
    sub_event_type: str
    weight: float
    needs: tuple[str, ...]
    pos: tuple[str, ...]
    violent_act: bool = False  # names a violent act against people (a shooting, a stabbing, a bombing)


@dataclass
class Hit:
    spec: TriggerSpec
    start: int  # token indices in the sentence doc, end exclusive
    end: int

    @property
    def sub_event_type(self) -> str:
        return self.spec.sub_event_type


@dataclass
class Lexicon:
    by_lemma: dict[str, list[TriggerSpec]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], TriggerSpec]]] = field(default_factory=dict)
    taxonomy: dict[str, dict[str, str]] = field(default_factory=dict)
    precedence: list[list[str]] = field(default_factory=list)
    modifiers: dict[str, list[str]] = field(default_factory=dict)
    conditions: dict[str, set[str]] = field(default_factory=dict)
    specs: dict[str, TriggerSpec] = field(default_factory=dict)  # by trigger id

    def rank(self, sub_event_type: str) -> int:
        """Lower is stronger: position in the first precedence list naming the sub-event type."""
        for order in self.precedence:
            if sub_event_type in order:
                return order.index(sub_event_type)
        return 99

    def event_type_of(self, sub_event_type: str) -> Optional[str]:
        for et, subs in self.taxonomy.items():
            if sub_event_type in subs:
                return et
        return None


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("triggers.yaml")
    lex = Lexicon(taxonomy={k: dict(v) for k, v in (data.get("taxonomy") or {}).items()},
                  precedence=[list(x) for x in data.get("precedence") or []],
                  modifiers={k: [str(w).lower() for w in v] for k, v in (data.get("modifiers") or {}).items()})
    lex.conditions = {k: set(v) for k, v in CONDITION_WORDS.items()}
    for k, words in (data.get("condition_words") or {}).items():
        lex.conditions.setdefault(k, set()).update(str(w).lower() for w in words)
    for t in data["triggers"]:
        spec = TriggerSpec(id=t["id"], event_type=t["event_type"], sub_event_type=t["sub_event_type"],
                           weight=float(t.get("weight", 1.0)), needs=tuple(t.get("needs") or ()),
                           pos=tuple(t.get("pos") or ()), violent_act=bool(t.get("violent_act", False)))
        lex.specs[spec.id] = spec
        for lemma in t.get("lemmas") or []:
            lex.by_lemma.setdefault(str(lemma).lower(), []).append(spec)
        for phrase in t.get("phrases") or []:
            words = tuple(str(phrase).lower().replace("-", " - ").split())
            if words:
                lex.phrases.setdefault(words[0], []).append((words, spec))
    return lex


def _forms(tok) -> tuple[str, ...]:
    low = tok.lower_
    if tok.pos_ == "PROPN" and low.endswith("s") and len(low) > 3:  # headline case: "Air Strikes" -> "strike"
        return tok.lemma_.lower(), low, low[:-1]
    return tok.lemma_.lower(), low


def find(sent) -> list[Hit]:
    """Trigger hits in one parsed sentence (a spaCy Doc or Span), phrases before single lemmas. Found once per
    sentence: the hits are kept with the sentence's Doc (its ``user_data``), several steps ask for them."""
    is_span = hasattr(sent, "as_doc")
    doc = sent.doc if is_span else sent
    key = ("sitrep.triggers", sent.start if is_span else 0, sent.end if is_span else len(doc))
    got = doc.user_data.get(key)
    if got is None:
        got = doc.user_data[key] = _find(sent)
    return list(got)


def _find(sent) -> list[Hit]:
    lex = lexicon()
    toks = list(sent)
    forms = [_forms(tok) for tok in toks]  # each token's forms read once (every attribute is a call into spaCy)
    hits: list[Hit] = []
    covered: set[int] = set()
    found = []
    for i in range(len(toks)):
        for first in set(forms[i]):
            for words, spec in lex.phrases.get(first, []):
                n = len(words)
                if i + n <= len(toks) and all(w in forms[i + k] for k, w in enumerate(words)):
                    found.append((i, i + n, spec))
    # longest phrases first; phrases of different sub-events may share tokens, the same sub-event may not
    taken: dict[str, set[int]] = {}
    for i, j, spec in sorted(found, key=lambda x: (-(x[1] - x[0]), x[0])):
        used = taken.setdefault(spec.sub_event_type, set())
        if any(k in used for k in range(i, j)):
            continue
        used.update(range(i, j))
        covered.update(range(i, j))
        hits.append(Hit(spec, i, j))
    for i, tok in enumerate(toks):
        lemma, low = forms[i][0], forms[i][1]
        if i in covered or low in FALSE_FRIENDS:
            continue
        pos = tok.pos_
        title_case = tok.text[:1].isupper() and pos == "PROPN"  # headlines: "Bombardments" tagged PROPN
        specs = (lex.by_lemma.get(lemma) or lex.by_lemma.get(low)
                 or (lex.by_lemma.get(low[:-1]) if title_case and low.endswith("s") else None) or [])
        for spec in specs:
            if spec.pos and pos not in spec.pos and not title_case:
                continue
            hits.append(Hit(spec, i, i + 1))
    hits = [h for h in hits if h.sub_event_type != AIR or not any(under_fire(t) for t in toks[h.start:h.end])]
    # where two readings overlap ("barrel bomb attacks": "barrel bomb" and "bomb attacks"), the one that starts
    # first is the head of the phrase's meaning
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for h in hits:
        if any(k.start < h.start < k.end and k.sub_event_type != h.sub_event_type and k.end - k.start > 1
               for k in kept):
            continue
        kept.append(h)
    return kept


def under_fire(tok) -> bool:
    """The word names what came under fire or attack ("a UN helicopter came under fire"): the subject of "come
    under" is the target, so an aircraft there is no air strike and no aerial means of the act."""
    while tok.dep_ in ("compound", "amod") and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    return tok.dep_ == "nsubj" and verb.lemma_.lower() == "come" and any(c.lower_ == "under" for c in verb.children)


def condition_met(name: str, sent, hit: Hit) -> Optional[bool]:
    """Whether a trigger's condition holds in the sentence; None for conditions decided later (actors)."""
    if name in lexicon().conditions:  # a word-list condition (CONDITION_WORDS or the data file's condition_words)
        toks = [t for t in sent if name != "aerial" or not under_fire(t)]
        words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
        return bool(words & lexicon().conditions.get(name, set()))
    return None
