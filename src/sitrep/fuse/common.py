"""Fusion's shared settings: the rules file, blocking sentinels, event ids."""
from __future__ import annotations

import hashlib

from ..resources import load_yaml

NO_COORD = 999.0   # blocking sentinel for events without coordinates
NO_DAY = 0         # blocking sentinel for undated events
KM_PER_DEG = 111.2

STOP = frozenset("""the and for that with from this were was have has had said says are not but its their they
them into after over about been also which who while when where than more most other some such there these those
would could will his her him she our out all any can one two three four five six seven eight nine ten""".split())


def event_id_for(mention_id: str) -> str:
    return "EV" + hashlib.sha256(mention_id.encode()).hexdigest()[:14]


def rules() -> dict:
    return load_yaml("fusion.yaml")
