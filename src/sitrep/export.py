"""Exports of the store: documents as JSONL; events as JSONL, ACLED-style CSV and GeoJSON.

Field names follow ``shared/spec/export-contract.md``; extra fields are added, never renamed.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from .store import Store

DOCUMENT_FIELDS = ["doc_id", "path", "url", "title", "outlet", "published", "published_from", "language", "text"]

# ACLED's column names (ACLED Codebook 2023) for the fields Sitrep has, then Sitrep's own.
ACLED_COLUMNS = [
    ("event_id_cnty", "event_id"), ("event_date", "event_date"), ("year", None), ("time_precision", "time_precision"),
    ("disorder_type", None), ("event_type", "event_type"), ("sub_event_type", "sub_event_type"),
    ("actor1", "actor1"), ("assoc_actor_1", "assoc_actor_1"), ("actor2", "actor2"), ("assoc_actor_2", "assoc_actor_2"),
    ("country", "country"), ("admin1", "admin1"), ("location", "location"), ("latitude", "latitude"),
    ("longitude", "longitude"), ("geo_precision", "geo_precision"), ("source", None), ("notes", "notes"),
    ("fatalities", "fatalities"),
]
EXTRA_CSV = ["date_start", "date_end", "date_text", "fatalities_low", "fatalities_best", "fatalities_high",
             "factuality", "territory", "claims", "sources", "evidence", "independent_sources", "fatalities_conflict",
             "claims_summary"]

DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


def document_rows(store: Store, include_superseded: bool = False) -> Iterable[dict]:
    for row in store.documents(include_superseded=include_superseded):
        out = {k: row[k] for k in DOCUMENT_FIELDS}
        out["kind"] = row["kind"]
        out["pipeline_version"] = row["pipeline_version"]
        if include_superseded:
            out["superseded_by"] = row["superseded_by"]
        yield out


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "; ".join(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_events_csv(events: Iterable[dict], out: IO[str]) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow([c for c, _ in ACLED_COLUMNS] + EXTRA_CSV)
    n = 0
    for ev in events:
        row = []
        for col, key in ACLED_COLUMNS:
            if col == "year":
                row.append((ev.get("event_date") or "")[:4])
            elif col == "disorder_type":
                row.append(DISORDER.get(ev.get("event_type"), ""))
            elif col == "source":
                row.append("; ".join(sorted({s.get("outlet") or s.get("doc_id") for s in ev.get("sources") or []})))
            else:
                row.append(_cell(ev.get(key)))
        row += [_cell(ev.get(k)) for k in EXTRA_CSV]
        w.writerow(row)
        n += 1
    return n


def write_events_geojson(events: Iterable[dict], out: IO[str]) -> int:
    feats = []
    for ev in events:
        geom = None
        if ev.get("latitude") is not None and ev.get("longitude") is not None:
            geom = {"type": "Point", "coordinates": [ev["longitude"], ev["latitude"]]}
        feats.append({"type": "Feature", "id": ev.get("event_id"), "geometry": geom, "properties": ev})
    json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
    out.write("\n")
    return len(feats)
