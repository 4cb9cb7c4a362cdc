"""Who says so and how: a sentence's claimant and reporting verb, and the factuality of each trigger (reported,
claimed, threatened, planned, denied, historical; or no event at all: negated, habitual, a guess)."""
from __future__ import annotations

from typing import Optional

from ..actors import Actor, registry
from .numbers import life_victims
from .numbers.scope import without_episode_spans
from .records import UNORGANISED, DocState
from .triggers import lexicon
from .words import words


def attribution(sdoc, amap, state: DocState) -> tuple[Optional[Actor], Optional[str]]:
    """(claimant, reporting verb lemma) of a sentence: 'X said', 'according to X', 'X claimed that ...'."""
    w = words()
    reg = registry()
    best: Optional[tuple[Actor, str]] = None
    for tok in sdoc:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
            for m, span in amap:
                if span.start > tok.i and span.start <= tok.i + 6:
                    return m.actor, "according"
            continue
        if lemma not in w.report_verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        if life_victims(tok) is not None:
            continue  # "the blasts claimed the lives of 40": a killing (data/victims.yaml), no one's claim
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
        if head in w.source_nouns or sub.lower_ in w.source_nouns:
            for label, actor in reversed(state.last_claimants):  # "the Gathering said", "the source added"
                if head in label.lower() or sub.lower_ in label.lower():
                    best = best or (actor, lemma)
                    break
            else:
                generic = reg.lookup("sources") if "source" in head else reg.lookup(sub.text)
                if generic is not None:
                    best = best or (generic, lemma)
    return best if best else (None, None)


SPEAKER_ENTS = ("PERSON", "ORG", "NORP")
SPEAKER_STOP_DEPS = ("punct", "cc", "conj", "relcl", "acl", "appos", "advcl")


def speaker(sdoc, amap) -> Optional[str]:
    """Who says so when no known actor or generic source does: the subject of the reporting verb as written
    ("regional governor Oleh Syniehubov said", "the Darfur Bar Association said", "witnesses told"), when it names
    a person or organisation (a named entity) or is a speaker noun (data/lexicon.yaml speaker_nouns). A label for
    the claim only: it has no side, so it changes no role, figure or factuality. Residents or protesters who speak
    ("residents said") are named as written too ("a local lawmaker and residents"), not as "Civilians"."""
    w = words()
    for tok in sdoc:
        if tok.lemma_.lower() not in w.report_verbs or tok.pos_ not in ("VERB", "AUX") or life_victims(tok):
            continue
        sub = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if sub is None or sub.pos_ == "PRON":
            continue
        if any(sub.left_edge.i <= span.root.i <= sub.right_edge.i and m.actor.type not in UNORGANISED
               for m, span in amap):
            return None  # a known actor or claimant speaks: attribution() names it
        toks = [sub]
        for c in sub.lefts:  # "regional governor", "the Darfur Bar"
            toks.extend(c.subtree)
        for c in sub.rights:  # "Oleh Syniehubov", "of the local council" (not a relative clause or a list)
            if c.dep_ in SPEAKER_STOP_DEPS:
                break
            toks.extend(c.subtree)
        toks = sorted(set(toks), key=lambda t: t.i)
        while toks and (toks[0].dep_ in ("det", "poss", "punct") or toks[0].pos_ == "DET"):
            toks = toks[1:]
        if not toks or len(toks) > 8 or toks[-1].i - toks[0].i + 1 != len(toks):
            continue
        named = any(t.ent_type_ in SPEAKER_ENTS for t in toks)
        if not named and sub.lemma_.lower() not in w.speaker_nouns and sub.lower_ not in w.speaker_nouns:
            continue
        label = sdoc[toks[0].i:toks[-1].i + 1].text
        return label[0].upper() + label[1:]
    return None


def in_report_frame(sdoc, char_offset: int, trig) -> bool:
    """A word attached to the reporting verb ("told ARA News in Damascus"), outside the reported event."""
    tok = next((t for t in sdoc if t.idx <= char_offset < t.idx + len(t.text)), None)
    if tok is None or tok in list(trig.subtree):
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb != trig and verb.lemma_.lower() in words().report_verbs


def present(trig) -> bool:
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


def stative(tok) -> bool:
    """A verb that tells a state, not an act ("are stationed", "while stationed")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ == "VBN" and not aux:
        return True  # "while stationed in ..."
    if tok.tag_ in ("VBZ", "VBP"):
        return True  # simple present: a state or a habit
    return any(a.lower_ in ("is", "are", "am") for a in aux) and tok.tag_ == "VBN"


def asked_for(trig) -> bool:
    """The trigger is what a request asks for ("called for the withdrawal of foreign troops", "a call for an end to
    the shelling"; lexicon.yaml `request_verbs`): the act has not happened."""
    t = trig
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_.lower() in words().request_verbs:
            return True
        if t.dep_ not in ("pobj", "prep", "conj", "compound", "amod") or t.head is t:
            return False
        t = t.head
    return False


def factuality(trig, sdoc, claimant: Optional[Actor], verb: Optional[str]) -> Optional[str]:
    """None when the trigger is not an event at all (negated, habitual, planned, governed by 'escape' ...);
    'charged' for a standing accusation, 'attempted' for an attempt; else the factuality of the event."""
    w = words()
    lex = lexicon()
    anc = list(trig.ancestors)
    anc_lemmas = {a.lemma_.lower() for a in anc}
    if any(c.dep_ == "neg" for c in [trig, *([trig.head] if trig.pos_ == "NOUN" else [])] for c in c.children):
        return None
    if trig.pos_ == "NOUN" and any(c.lower_ in ("no", "without") for c in trig.children):
        return None
    if trig.dep_ == "dobj" and trig.head.lemma_.lower() == "threaten":
        return None  # "their presence threatened a fragile ceasefire": what is endangered, no act threatened
    if anc_lemmas & w.threat or trig.lemma_.lower() in w.threat:
        return "threatened"
    accuser = next((a for a in anc if a.lemma_.lower() in w.accuse), None)
    if accuser is not None and accuser.tag_ in ("VBZ", "VBP") and not any(e.label_ == "DATE" for e in sdoc.ents):
        return "charged"  # "Washington accuses the regime of killing 1,400 people": a standing charge, no event
    if anc_lemmas & w.deny:
        return "denied"
    if {a.lemma_.lower() for a in anc[:2]} & (w.non_event_governors - w.threat):
        return None
    if asked_for(trig):
        return None
    if trig.head.lower_ in ("before", "until", "ahead") and trig.dep_ in ("pcomp", "pobj"):
        return "planned"  # "... before attacking the HTS headquarters"
    if trig.head.lemma_.lower() in w.non_event_governors and trig.dep_ in ("xcomp", "ccomp"):
        return None
    habitual = set(lex.modifiers.get("habitual", [])) | w.habitual_extra
    near = {c.lower_ for c in trig.children} | {c.lower_ for c in trig.head.children}
    if near & habitual:
        return None
    return _modality(trig, sdoc, anc_lemmas, near, claimant, verb)


def _modality(trig, sdoc, anc_lemmas: set[str], near: set[str], claimant: Optional[Actor],
              verb: Optional[str]) -> Optional[str]:
    """Planned, attempted, guessed, historical, claimed or reported: the event's modality once it is an event."""
    w = words()
    aux = {c.lower_ for c in trig.children if c.dep_ in ("aux", "auxpass")}
    if aux & w.future_aux or (trig.dep_ in ("xcomp", "acl", "advcl", "relcl") and "to" in aux
                              and not anc_lemmas & w.attempt):
        return "planned"
    if anc_lemmas & w.plan and trig.dep_ in ("xcomp", "pobj", "dobj", "acl", "advcl"):
        return "planned"
    if trig.dep_ == "xcomp" and trig.head.dep_ in ("xcomp", "advcl", "acl", "relcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trig.head.children):
        return "planned"  # "contractors to help fight militants": the bare infinitive of a purpose, no act
    if _in_order_to(trig, sdoc):
        return "planned"
    if anc_lemmas & w.attempt:
        return "attempted"
    if anc_lemmas & w.speculative or {c.lower_ for c in trig.children} & w.speculative_aux:
        return None  # "it is likely that commanders entered the area": a guess, not a report
    hist = [h for h in lexicon().modifiers.get("historical", []) if " " not in h] + list(w.historical_extra)
    if near & set(hist) or any(_since_long_ago(a) for a in trig.children):
        return "historical"
    if claimant is not None and claimant.stance == "party" and (verb == "claim" or claimant.media_of):
        return "claimed"
    if verb == "claim":
        return "claimed"
    return "reported"


def _since_long_ago(tok) -> bool:
    """A "since" phrase that reaches back beyond the story's few days ("killed 300 since 2011"), not an episode's
    start ("has killed at least 80 since Thursday": dates.yaml episode_spans)."""
    if tok.lower_ != "since":
        return False
    span = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text.lower()
    return without_episode_spans(span) == span


def _in_order_to(trig, sdoc) -> bool:
    """'in order to' somewhere in the sentence, after its first token: a purpose, not an act."""
    words_ = {t.lower_ for t in sdoc}
    return "order" in words_ and any(t.lower_ == "order" and t.i < trig.i for t in sdoc) and trig.i > 0 and any(
        t.lower_ == "in" and sdoc[t.i + 1].lower_ == "order" for t in sdoc if t.i + 1 < len(sdoc))
