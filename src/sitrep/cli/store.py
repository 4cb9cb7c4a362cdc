"""Commands over a store: ``control``, ``check``, ``info``, ``serve``, ``brief``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..store import redact
from .common import (DbOption, EXIT_INPUT, EXIT_OK, EXIT_STORE, EXIT_USAGE, app, db_path, err, format_check,
                     open_store, output_to)


@app.command("control")
def control_cmd(place: Optional[str] = typer.Option(None, "--place", help="one place (transliteration-tolerant)"),
                as_json: bool = typer.Option(False, "--json", help="the ledger as JSON (one object per place)"),
                db: Optional[str] = DbOption) -> None:
    """The control ledger: who holds each place over time, how sure, since when, on whose evidence."""
    from ..control import ledger

    store = open_store(db, readonly=True)
    try:
        places = ledger(store, place)
    except store.DatabaseError as e:
        msg = " ".join(str(e).split())
        err(f"error: {store.name}: no control ledger in this store ({msg}); run `sitrep run` with this Sitrep to upgrade it")
        raise typer.Exit(EXIT_STORE)
    if as_json:
        print(json.dumps(places, ensure_ascii=False, indent=1))
        return
    if not places:
        print(f"no control entries{' for ' + place if place else ''}")
    for p in places:
        print(f"{p['place']} ({p['admin1'] or '?'}; {p['latitude']}, {p['longitude']})")
        for e in p["entries"]:
            share = f"{round(e['share'] * 100)}%" if e["share"] is not None else "-"
            when = e["since"] or (f">={e['not_before']}" if e.get("not_before") else "undated")
            if e["until"]:
                when += f"..{e['until']}"
            ev = e["evidence"][0] if e["evidence"] else None
            quote = f' "{ev["text"][:100]}" [{ev["doc_id"][:10]}:{ev["start"]}-{ev["end"]}]' if ev else ""
            print(f"  {when:<14} {e['actor']:<40} {share:>5} {e['status']:<8} by {e['claimant'] or '?'}"
                  f" ({e['kind']}{' ' + e['event_id'] if e['event_id'] else ''}){quote}")


@app.command()
def check(db: Optional[str] = DbOption) -> None:
    """Check the store's invariants (integrity, every document fully stored, evidence matching its text, no
    duplicate events, mentions awaiting fusion); exit 1 when one is broken."""
    from ..store.check import check_store

    store = open_store(db, readonly=True)
    report = check_store(store)
    print(json.dumps({"db": store.name, **report.as_dict()}, indent=1, ensure_ascii=False))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_INPUT)


@app.command()
def info(db: Optional[str] = DbOption) -> None:
    """What the store holds."""
    store = open_store(db, readonly=True)
    print(json.dumps({"db": store.name, "backend": store.dialect, "schema_version": store.schema_version,
                      **store.counts()}, indent=1))


@app.command()
def serve(db: Optional[str] = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default loopback only)"),
          port: int = typer.Option(8765, "--port", help="TCP port")) -> None:
    """The analyst's web page (map, timeline, table, event view, control ledger) and a read-only JSON API
    (/api/..., schema at /openapi.json)."""
    import uvicorn

    from ..web import create_app

    open_store(db, readonly=True).close()  # a missing or foreign store fails here, with exit status 3
    if host not in ("127.0.0.1", "localhost", "::1"):
        err(f"warning: serving on {host}: anyone who can reach this address can read the store")
    err(f"sitrep: serving {redact(db_path(db))} at http://{host}:{port}/  (API schema: /openapi.json; Ctrl-C to stop)")
    uvicorn.run(create_app(db_path(db)), host=host, port=port, log_level="warning", access_log=False)


@app.command()
def brief(db: Optional[str] = DbOption,
          since: Optional[str] = typer.Option(None, "--since", help="first day, YYYY-MM-DD"),
          until: Optional[str] = typer.Option(None, "--until", help="last day, YYYY-MM-DD"),
          place: Optional[str] = typer.Option(None, "--place", help="location, admin1 or country name"),
          fmt: str = typer.Option("md", "--format", help="md or html"),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)")) -> None:
    """A situation report: key developments by area, deaths with their claimants (competing claims as such),
    control changes, threats kept apart; every statement cites its sources."""
    from ..brief import build
    from ..query import FilterError, parse_day

    format_check(fmt, ("md", "html"))
    try:
        since_d, until_d = parse_day(since, "--since"), parse_day(until, "--until")
    except FilterError as e:
        err(f"error: {e}")
        raise typer.Exit(EXIT_USAGE)
    store = open_store(db, readonly=True)
    report = build(store, since=since_d, until=until_d, place=place)
    store.close()
    with output_to(output) as out:
        out.write(report.to_markdown() if fmt == "md" else report.to_html())
