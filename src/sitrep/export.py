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
             "factuality", "scope", "territory", "claims", "sources", "evidence", "independent_sources", "fatalities_conflict",
             "claims_summary"]

DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


READ_LANGUAGES = ("en",)  # the languages events are extracted from (the parser and the lexicons are English)


def language_note(language) -> str | None:
    """A document in a language Sitrep does not read gets no events, and says why."""
    if language and language not in READ_LANGUAGES:
        return (f"language '{language}': Sitrep extracts events from English text only; no events were read from "
                f"this document")
    return None


def document_rows(store: Store, include_superseded: bool = False) -> Iterable[dict]:
    """Document rows: the contract's fields, then Sitrep's (``main_event``: the event_id of what the headline and
    lead report, null when the document reports no event)."""
    main = store.main_events()
    for row in store.documents(include_superseded=include_superseded):
        out = {k: row[k] for k in DOCUMENT_FIELDS}
        out["main_event"] = main.get(row["doc_id"])
        out["notes"] = language_note(row["language"])
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


# Parquet: typed columns, nested lists of structs for sources, evidence and claims (claim values, which may be a
# number, a range or a territory dict, as JSON text). Written with DuckDB: one self-contained wheel, no pandas.
PARQUET_SCHEMA = [
    ("event_id", "VARCHAR"), ("event_date", "DATE"), ("date_start", "DATE"), ("date_end", "DATE"),
    ("time_precision", "TINYINT"), ("date_text", "VARCHAR"), ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"), ("actor2", "VARCHAR"), ("assoc_actor_1", "VARCHAR[]"), ("assoc_actor_2", "VARCHAR[]"),
    ("location", "VARCHAR"), ("location_text", "VARCHAR"), ("admin1", "VARCHAR"), ("country", "VARCHAR"),
    ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("geo_precision", "TINYINT"),
    ("fatalities", "INTEGER"), ("fatalities_low", "INTEGER"), ("fatalities_best", "INTEGER"),
    ("fatalities_high", "INTEGER"), ("injured", "INTEGER"), ("factuality", "VARCHAR"), ("confidence", "DOUBLE"),
    ("territory", "STRUCT(place VARCHAR, from_actor VARCHAR, to_actor VARCHAR)"),
    ("claims", "STRUCT(kind VARCHAR, claimant VARCHAR, value VARCHAR, doc_id VARCHAR, quote VARCHAR)[]"),
    ("sources", "STRUCT(doc_id VARCHAR, outlet VARCHAR, url VARCHAR, published DATE)[]"),
    ("evidence", "STRUCT(doc_id VARCHAR, start INTEGER, \"end\" INTEGER, text VARCHAR)[]"),
    ("notes", "VARCHAR"),
    ("extra", "VARCHAR"),   # JSON object of any field not named above (fields later stages add), else null
]


def _parquet_row(ev: dict) -> list:
    known = {name for name, _ in PARQUET_SCHEMA}
    row = []
    for name, _ in PARQUET_SCHEMA:
        v = ev.get(name)
        if name == "claims":
            v = [{"kind": c.get("kind"), "claimant": c.get("claimant"),
                  "value": None if c.get("value") is None else json.dumps(c.get("value"), ensure_ascii=False),
                  "doc_id": c.get("doc_id"), "quote": c.get("quote")} for c in v or []]
        elif name == "territory" and v is not None:
            v = {k: v.get(k) for k in ("place", "from_actor", "to_actor")}
        elif name == "sources":
            v = [{k: s.get(k) for k in ("doc_id", "outlet", "url", "published")} for s in v or []]
        elif name == "evidence":
            v = [{k: e.get(k) for k in ("doc_id", "start", "end", "text")} for e in v or []]
        elif name in ("assoc_actor_1", "assoc_actor_2"):
            v = list(v or [])
        elif name == "extra":
            rest = {k: x for k, x in ev.items() if k not in known}
            v = json.dumps(rest, ensure_ascii=False) if rest else None
        row.append(v)
    return row


def write_events_parquet(events: Iterable[dict], path) -> int:
    """Write events to a Parquet file at ``path`` (a real file: Parquet's footer needs seeking)."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE events (" + ", ".join(f'"{n}" {t}' for n, t in PARQUET_SCHEMA) + ")")
        rows = [_parquet_row(ev) for ev in events]
        if rows:
            con.executemany("INSERT INTO events VALUES (" + ", ".join("?" for _ in PARQUET_SCHEMA) + ")", rows)
        target = str(path).replace("'", "''")
        con.execute(f"COPY events TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        return len(rows)
    finally:
        con.close()
