"""An act urged or demanded, and a pause or lull in fighting, are no events (lexicon.yaml non_event_governors):
"demanded the withdrawal of Rwandan troops" made a Change to group/activity, "announced their own pause in fighting" an
Armed clash. ("call" is no such verb: "police were called to a shooting" tells the shooting.) Articles written for
this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "call": ("UN envoy urges restraint in eastern Congo",
             "The U.N. special envoy for the Great Lakes urged all parties in eastern Congo to exercise restraint on "
             "Monday and demanded the withdrawal of Rwandan troops."),
    "pause": ("Resistance groups pause fighting",
              "Resistance groups in Myanmar announced a pause in fighting on Tuesday to support relief efforts after "
              "the earthquake."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("calls"), ARTICLES, published="2025-04-01")


@pytest.mark.parametrize("key", ["call", "pause"])
def test_what_is_called_for_or_paused_is_no_event(mentions, key):
    assert not [m for m in mentions[key] if m.sub_event_type in ("Change to group/activity", "Armed clash")], [
        (m.sub_event_type, m.actor1) for m in mentions[key]]
