"""The extractor's word lists (``data/lexicon.yaml``), loaded once into a typed record."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..resources import data_path, load_yaml

FILE = "lexicon.yaml"
_SETS = ("report_verbs", "source_nouns", "non_event_governors", "speculative", "speculative_aux", "attempt", "plan",
         "threat", "accuse", "deny", "future_aux", "habitual_extra", "historical_extra", "loss", "pronouns",
         "death_verbs", "armed_types", "generic_agents", "kill_heads", "killing_protest_subs", "separate_explosions",
         "criminal_cues", "stance_verbs", "origin_nouns", "victim_preps", "agent_of_nouns", "speaker_nouns",
         "responsibility_verbs", "responsibility_nouns", "perpetrate_verbs", "defence_verbs", "leader_verbs",
         "request_verbs", "member_nouns", "link_verbs", "claim_words")
_TUPLES = ("violent_types", "territory_subs", "control_subs", "order", "publication_cues", "dateline_cues")


@dataclass(frozen=True)
class Words:
    """One attribute per list of the file (sets for membership, tuples where order matters)."""
    report_verbs: frozenset[str]
    source_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    non_event_governors: frozenset[str]
    speculative: frozenset[str]
    speculative_aux: frozenset[str]
    attempt: frozenset[str]
    plan: frozenset[str]
    threat: frozenset[str]
    accuse: frozenset[str]
    deny: frozenset[str]
    future_aux: frozenset[str]
    habitual_extra: frozenset[str]
    historical_extra: frozenset[str]
    loss: frozenset[str]
    pronouns: frozenset[str]
    death_verbs: frozenset[str]
    armed_types: frozenset[str]
    generic_agents: frozenset[str]
    kill_heads: frozenset[str]
    killing_protest_subs: frozenset[str]
    separate_explosions: frozenset[str]
    criminal_cues: frozenset[str]
    stance_verbs: frozenset[str]
    origin_nouns: frozenset[str]
    victim_preps: frozenset[str]
    agent_of_nouns: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    perpetrate_verbs: frozenset[str]
    defence_verbs: frozenset[str]
    leader_verbs: frozenset[str]
    request_verbs: frozenset[str]
    member_nouns: frozenset[str]
    link_verbs: frozenset[str]
    claim_words: frozenset[str]
    violent_types: tuple[str, ...]
    territory_subs: tuple[str, ...]
    control_subs: tuple[str, ...]
    order: tuple[str, ...]
    publication_cues: tuple[str, ...]
    dateline_cues: tuple[str, ...]
    same_province: dict[str, str]
    publication_cue: re.Pattern  # a date right after one of publication_cues is the page's date
    dateline_cue: re.Pattern  # a place right after one of dateline_cues (within 40 characters) is a dateline
    dateline_reach: int  # how far before a place dateline_cue can match (a cue, 40 characters, one before)
    origin_cue: re.Pattern  # a place right after 'residents of', 'evacuees from the towns of' is people's home

    def rank(self, sub_event_type: str) -> int:
        """Position of a sub-event type in ``order`` (strongest first); unknown types after all known ones."""
        return self.order.index(sub_event_type) if sub_event_type in self.order else len(self.order)


def _strings(name: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ValueError(f"{data_path(FILE)}: '{name}' must be a list of words (quote words YAML reads otherwise)")
    return value


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in words)


@functools.lru_cache(maxsize=1)
def words() -> Words:
    data = load_yaml(FILE)
    missing = [k for k in _SETS + _TUPLES + ("same_province",) if k not in data]
    if missing:
        raise ValueError(f"{data_path(FILE)}: missing lists {', '.join(missing)}")
    lists = {k: frozenset(_strings(k, data[k])) for k in _SETS}
    lists.update({k: tuple(_strings(k, data[k])) for k in _TUPLES})
    same = data["same_province"]
    if not isinstance(same, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in same.items()):
        raise ValueError(f"{data_path(FILE)}: 'same_province' must map province names to province names")
    return Words(**lists, same_province=dict(same),
                 publication_cue=re.compile(rf"(?i)\b({_alternation(lists['publication_cues'])})\b[\s:at on]*$"),
                 dateline_cue=re.compile(rf"(?i)({_alternation(lists['dateline_cues'])})\b[^.]{{0,40}}$"),
                 dateline_reach=max(map(len, lists["dateline_cues"]), default=0) + 41,
                 origin_cue=re.compile(rf"(?i)\b(?:{_alternation(lists['origin_nouns'])})\s+(?:of|from)\s+"
                                       r"(?:(?:the\s+)?(?:[a-z][a-z'-]*\s+){0,4}(?:of|and|,)\s*)?$"))

