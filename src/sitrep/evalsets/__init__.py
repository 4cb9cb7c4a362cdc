"""Score Sitrep on the evaluation sets that need the whole pipeline or a shared scorer's rules.

Each scorer takes paths (nothing needs data inside the repository), runs Sitrep in-process exactly as the
``sitrep run`` / ``sitrep export`` / ``sitrep geocode`` commands do, and returns a result with a Markdown rendering:

* :func:`score_seeds`: seeds-style gold JSON (``shared/gold/seeds.json``) over a folder of articles; the scoring
  rules are those of ``shared/tools/score_events.py``, reimplemented here (the figures must agree with it on the
  same export: ``tests/test_evalsets.py`` runs both);
* :func:`score_fakes`: FA-KES CSV, the article's main event (most fatalities) against its governorate, perpetrator
  class, cause of death and death toll (rules of ``shared/tools/score_fakes.py``);
* :func:`score_ucdp`: UCDP GED place strings geocoded, split as the gazetteer build splits them
  (``scripts/build_gazetteer.py``: the dev half feeds the gazetteer, the held-out half never does), distance to
  UCDP's point (rules of ``shared/tools/score_geocode.py``);
* :func:`score_case`: CASE 2021 task 2 snippets, the event type Sitrep gives each (ACLED sub-event types mapped
  to the task's codes);
* :func:`score_wikievents`: WikiEvents (KAIROS) attack, death and injury events found by Sitrep (trigger inside an
  event's evidence);
* :func:`score_re3d`: re3d Organisation and Location entities recalled by the actor and place rulers.

One module per set; the shared parts (running Sitrep as the CLI does, reading exports) are in :mod:`.common`.
"""
from __future__ import annotations

from .case import CASE_TO_ACLED, CaseResult, score_case
from .common import load_jsonl, pct, run_and_export, today
from .fakes import FakesResult, fakes_articles, governorate_ok, perpetrator_class, score_fakes
from .re3d import Re3dResult, score_re3d
from .seeds import SeedsResult, events_summary, score_events, score_seeds
from .ucdp import GeoRow, UcdpResult, score_ucdp, split_module
from .wikievents import KAIROS_VIOLENT, WikiEventsResult, score_wikievents


__all__ = ["CASE_TO_ACLED", "CaseResult", "FakesResult", "GeoRow", "KAIROS_VIOLENT", "Re3dResult", "SeedsResult",
           "UcdpResult", "WikiEventsResult", "events_summary", "fakes_articles", "governorate_ok", "load_jsonl", "pct",
           "perpetrator_class", "run_and_export", "score_case", "score_events", "score_fakes", "score_re3d",
           "score_seeds", "score_ucdp", "score_wikievents", "split_module", "today"]
