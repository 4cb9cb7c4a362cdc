"""The story's toll, learned: which of the article's death figures is the story event's fatalities.

The rules attach each figure to the event of its sentence; an article often states its toll where no event is read
("Thirty Killed in Syrian Strikes on Damascus Suburb": the headline's figure, the body telling the strikes without
a number), or tells a partial count on the event and the whole in the lead. Every death figure the extractor read
(headline, lead, body; on the story event, on other events, in a claimant's words) is a candidate with generic
features (where it is told, whether it sits on the story event or another event, who says so, its magnitude
among the article's figures); a binary logistic regression, trained on FA-KES's READ part only
(``scripts/train_story_model.py``), scores them and the best replaces the event's own figure when it scores higher
by the learned margin. A running total ("since 2011", "this year") or a figure told in a background phrase ("days
after a bombing killed 120") is never a candidate: it never becomes an event's toll. The selector never invents a
figure: the chosen one is quoted in the event's notes and kept as a fatalities claim with its evidence.

No feature says which figure the rules attached to the story event: the rules were fitted on the articles the
model is trained on, so such a feature teaches the model to trust them where they generalise least (the story
event's figure right for 81.0% of read articles and 64.3% of unread ones; with own-reading features the selector
is right for 84.5% in read CV and 65.2% unread, without them 85.7% and 74.8%; docs/EVALUATION.md, session 7).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..models import AnnotatedDocument, Claim, EventMention
from .mainevent import NEWS, lead_end, main_mention
from .story import Candidate

NONE = ""  # the candidate "no figure" (the event's own reading when it has no toll)


def figures(doc: AnnotatedDocument) -> list:
    """The death figures the extractor read in the document (records.Figure), stashed by the engine."""
    return list(getattr(doc, "_figures", None) or [])


def _candidate(f) -> bool:
    """A running total or a background figure is never an event's toll (issue 15). Letting the model weigh
    totals under 1,000 as candidates with an "aggregate" feature was tried: CV on read 84.5 -> 85.7 (one article)."""
    return not f.background and not f.aggregate


def _precise_first(figs: list) -> list:
    """The figures, without those only ever told as a vague quantity ("dozens" 12, "hundreds" 100: ACLED's floor for
    an article that gives no number) when the article counts as many dead or more with a number: the count
    supersedes the floor it meets ("dozens of civilians were killed ... Over 130 civilians were killed")."""
    precise = max((f.value for f in figs if not f.approx), default=0)
    vague = {f.value for f in figs} - {f.value for f in figs if not f.approx}
    return [f for f in figs if not (f.value in vague and f.value <= precise)]


def toll_candidates(doc: AnnotatedDocument, mentions: Sequence[EventMention], target: int) -> list[Candidate]:
    """The figures the story event's toll may be: its own first (``NONE`` when it has none), then each distinct
    figure of the article that is neither a running total nor background, with its features."""
    t = mentions[target]
    end = lead_end(doc)
    main = main_mention(doc, mentions)
    figs = _precise_first([f for f in figures(doc) if _candidate(f)])
    own = t.fatalities or 0
    values = sorted({f.value for f in figs})
    top = max(values, default=0)
    on_events = {m.fatalities for m in mentions if m.fatalities}
    news_tolls = {m.fatalities for m in mentions if m.fatalities and m.factuality in NEWS}
    order = sorted({f.sent_start for f in figs})
    first = ["none"] if not own else ([] if own in values else ["fig_unlisted"])
    out = [Candidate(str(own) if own else NONE, first, target)]
    # the story event stays the article's largest news toll (the story's event by its definition, and the one an
    # export's reader takes): a figure under another news event's toll is no candidate. Without this floor: unread
    # deaths 71.3 -> 72.2 but perpetrator 78.3 -> 77.1, cause 85.8 -> 84.9 (another event becomes the largest).
    floor = max((m.fatalities for i, m in enumerate(mentions) if i != target and m.fatalities
                 and m.factuality in NEWS), default=0)
    for v in values:
        if v < floor:
            continue
        if v == own:
            out[0].feats += _feats(v, [f for f in figs if f.value == v], end, order, top, values, main,
                                   mentions, on_events, news_tolls)
            continue
        out.append(Candidate(str(v), _feats(v, [f for f in figs if f.value == v], end, order, top, values, main,
                                            mentions, on_events, news_tolls), None))
    return out


def _feats(v: int, occ: list, end: int, order: list, top: int, values: list, main: Optional[int],
           mentions: Sequence[EventMention], on_events: set, news_tolls: set) -> list[str]:
    """A figure's features, from all its statements ``occ``: where it is told, by whom, of whom, its magnitude among
    the article's figures, which events carry it. Never the rules' own reading (see the module's notes)."""
    f = ["fig", "n=" + str(min(3, len(occ)))]
    headline = any(o.headline for o in occ)
    lead = any(o.sent_start < end for o in occ)
    first = bool(order) and any(o.sent_start == order[0] for o in occ)
    f += ["headline"] * headline + ["lead"] * lead + ["first"] * first
    if not (headline or lead):
        f.append("body_only")
    if v == top:
        f.append("max")
        f += ["max&headline"] * headline + ["max&lead"] * lead
    if v == values[0]:
        f.append("min")
    if len(values) == 1:
        f.append("only")
    if any(o.claimant for o in occ):
        f.append("claimed")
    if all(o.claimant for o in occ):
        f.append("all_claimed")
    whos = {o.who for o in occ}
    f += [f"who={w or 'none'}" for w in whos]
    if any(m.fatalities == v for m in mentions if m.evidence and any(e.text for e in m.evidence)):
        f.append("on_event")
    if main is not None and mentions[main].fatalities == v:
        f.append("on_main")
    if v in news_tolls:
        f.append("on_news_event")
    if v not in on_events:
        f.append("unattached")
        f += ["unattached&headline"] * headline + ["unattached&lead"] * lead
    if "toll" in " ".join(o.text.lower() for o in occ):
        f.append("toll_word")
    return f


def choose_toll(ranker, doc: AnnotatedDocument, mentions: Sequence[EventMention], target: int
                ) -> Optional[tuple[int, object]]:
    """(figure, its first statement) the ranker chooses for the story event, or None to keep the event's own."""
    from .story import _choose

    cands = toll_candidates(doc, mentions, target)
    c = _choose(ranker, cands, cands[0].value)
    if c is None or not c.value:
        return None
    v = int(c.value)
    occ = [f for f in figures(doc) if f.value == v and _candidate(f)]
    return v, min(occ, key=lambda o: (not o.headline, o.sent_start))


def apply_toll(ranker, doc: AnnotatedDocument, m: EventMention, target: int, mentions: Sequence[EventMention]
               ) -> tuple[dict, Optional[str]]:
    """(update, note) for the story event when the ranker chooses another figure than its own."""
    pick = choose_toll(ranker, doc, mentions, target)
    if pick is None:
        return {}, None
    v, fig = pick
    claim = Claim(kind="fatalities", claimant=fig.claimant, value=v, doc_id=m.doc_id, quote=fig.sent_text[:300])
    note = (f"fatalities {v} from the story model, the rules read {m.fatalities if m.fatalities else 'no figure'}; "
            f"evidence: \"{fig.sent_text[:160]}\"")
    update = {"fatalities": v, "claims": [*m.claims, claim]}
    if m.notes and "Fatalities unknown." in m.notes:  # the summary (extract.finish) was written before the toll
        update["notes"] = m.notes.replace("Fatalities unknown.", f"{v} reported killed.")
    return update, note


__all__ = ["toll_candidates", "choose_toll", "apply_toll", "figures", "NONE"]
