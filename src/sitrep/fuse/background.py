"""A document's background is no source of another document's news toll (issue 15; data/fusion.yaml ``background``).

An article's aside about an earlier strike ("two weeks after an air strike hit an aid convoy ... on September 19",
or "air raids hit Urum al-Kubra, where a deadly attack on an aid convoy took place on 19 September", dated by the
background clause) must not join another article's event carrying that strike's dead: the article would become a
source of that toll, and the toll would pass for the article's event. Such a mention founds its own record."""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from ..models import ResolvedMention
from .build import Member
from .features import _range


def is_background(x: Member, main_id: Optional[str], main: Optional[ResolvedMention], published,
                  days: Optional[int]) -> bool:
    """A mention its document tells as background beside news of its own: no toll of its own (a toll told again
    is a claim of the event), not the document's main event (``main_id``), that main event news with a toll of
    another sub-event type, and the mention historical or dated more than ``days`` days before the document's
    ``published`` date (None: historical only). A follow-up about an earlier incident (its main event, no news
    toll of its own, or a main event of the same sub-event type: the incident told again, "charged in the January
    shooting deaths of four women") stays its source."""
    m = x.mention
    if (m.fatalities or x.mention_id == main_id or main is None or not main.fatalities
            or main.factuality == "historical" or main.sub_event_type == m.sub_event_type):
        return False
    if m.factuality == "historical":
        return True
    hi = _range(m)[1]
    if days is None or hi is None or not published:
        return False
    return hi < dt.date.fromisoformat(str(published)[:10]).toordinal() - int(days)


def background_docs(members: list[Member], background: Callable[[Member], bool]) -> set[str]:
    """The documents that are sources of an event only by background mentions, when another document's news
    mention gives the event a toll; empty when no news mention carries a toll."""
    news = [x for x in members if not background(x)]
    if not any(x.mention.fatalities for x in news):
        return set()
    return {x.doc_id for x in members} - {x.doc_id for x in news}
