"""CASE 2021 task 2 snippets: the event type Sitrep gives each (ACLED sub-event types mapped to the task's codes)."""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .common import pct

# -- CASE 2021 task 2 (event types of snippets) -----------------------------------------------------------------
CASE_TO_ACLED = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}


@dataclass
class CaseResult:
    snippets: int = 0
    acled: int = 0             # snippets whose gold type is an ACLED sub-event type
    first_right: int = 0       # ... and Sitrep's first event has that type
    any_right: int = 0         # ... and one of Sitrep's events has it
    acled_none: int = 0        # ... and Sitrep found no event
    event_type_right: int = 0  # ... and the first event's ACLED event type (the coarse level) is right
    other: int = 0             # snippets of the task's non-ACLED types (disasters, crime, diplomacy, ...)
    other_quiet: int = 0       # ... where Sitrep found no event
    confusions: Counter = field(default_factory=Counter)

    def markdown(self) -> str:
        return "\n".join([
            "| measure | score |", "|---|---|",
            f"| snippets | {self.snippets} ({self.acled} of ACLED sub-event types, {self.other} of the task's other types) |",
            f"| sub-event type of Sitrep's first event right | {self.first_right}/{self.acled} ({pct(self.first_right, self.acled)}) |",
            f"| the gold sub-event type among Sitrep's events | {self.any_right}/{self.acled} ({pct(self.any_right, self.acled)}) |",
            f"| event type (coarse: Battles, Explosions/Remote violence, ...) of the first event right | "
            f"{self.event_type_right}/{self.acled} ({pct(self.event_type_right, self.acled)}) |",
            f"| no event found for an ACLED snippet | {self.acled_none}/{self.acled} ({pct(self.acled_none, self.acled)}) |",
            f"| no event for a non-ACLED snippet (disaster, crime, diplomacy, attribution) | "
            f"{self.other_quiet}/{self.other} ({pct(self.other_quiet, self.other)}) |",
            "",
            "The shipped event-type classifier was fitted on CASE dev: on that file these figures are an upper bound, "
            "not a measure; `scripts/cv_event_model.py` gives the 5-fold cross-validated figure "
            "(`SITREP_EVENT_MODEL=none`: the rules alone)."])


def mentions_of(text: str, path: str = "snippet.txt") -> list:
    """Event mentions of a text through clean -> annotate -> extract (no store)."""
    from ..annotate import annotate
    from ..clean import clean
    from ..extract import extract
    from ..ingest import doc_id_for
    from ..models import DocMeta, RawDocument

    raw = RawDocument(doc_id=doc_id_for("txt", text), path=path, kind="txt", content=text, meta=DocMeta())
    doc = annotate(clean(raw))
    return sorted(extract(doc), key=lambda m: min((e.start for e in m.evidence), default=0))


def score_case(tsv_path: Path, limit: Optional[int] = None) -> CaseResult:
    from ..extract.triggers import lexicon

    with open(tsv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    rows = rows[:limit] if limit else rows
    lex = lexicon()
    res = CaseResult(snippets=len(rows))
    for r in rows:
        mentions = mentions_of(r["EventSnippet"])
        gold = CASE_TO_ACLED.get(r["SubType"])
        if gold is None:
            res.other += 1
            res.other_quiet += not mentions
            continue
        res.acled += 1
        if not mentions:
            res.acled_none += 1
            res.confusions[(r["SubType"], None)] += 1
            continue
        first = mentions[0].sub_event_type
        res.first_right += first == gold
        res.any_right += any(m.sub_event_type == gold for m in mentions)
        res.event_type_right += lex.event_type_of(first) == lex.event_type_of(gold)
        if first != gold:
            res.confusions[(r["SubType"], first)] += 1
    return res
