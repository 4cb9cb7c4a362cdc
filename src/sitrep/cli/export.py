"""``sitrep export documents|events``: JSONL, ACLED-style CSV, GeoJSON, Parquet."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..store import Store
from .common import DbOption, app, format_check, open_store, output_to


export_app = typer.Typer(no_args_is_help=True, help="Export the store's documents or events.")
app.add_typer(export_app, name="export")


@export_app.command("documents")
def export_documents(db: Optional[str] = DbOption,
                     fmt: str = typer.Option("jsonl", "--format", help="jsonl"),
                     output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)"),
                     all_versions: bool = typer.Option(False, "--all-versions", help="include superseded versions")) -> None:
    """One row per ingested document, with its cleaned text."""
    from ..export import document_rows, write_jsonl

    format_check(fmt, ("jsonl",))
    store = open_store(db, readonly=True)
    with output_to(output) as out:
        write_jsonl(document_rows(store, include_superseded=all_versions), out)


@export_app.command("events")
def export_events(db: Optional[str] = DbOption,
                  fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, geojson or parquet"),
                  output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)")) -> None:
    """Fused events (csv uses ACLED's column names; parquet keeps sources, claims and evidence as nested lists)."""
    from ..export import write_events_csv, write_events_geojson, write_jsonl

    format_check(fmt, ("jsonl", "csv", "geojson", "parquet"))
    store = open_store(db, readonly=True)
    if fmt == "parquet":
        _export_parquet(store, output)
        return
    writer = {"jsonl": write_jsonl, "csv": write_events_csv, "geojson": write_events_geojson}[fmt]
    with output_to(output) as out:
        writer(store.events(), out)


def _export_parquet(store: Store, output: Optional[Path]) -> None:
    """Parquet needs a seekable file: write next to the target (or to a temporary file for stdout), then move."""
    import shutil
    import tempfile

    from ..export import write_events_parquet

    if output is None or str(output) == "-":
        with tempfile.TemporaryDirectory() as tmp:
            part = Path(tmp) / "events.parquet"
            write_events_parquet(store.events(), part)
            with part.open("rb") as f:
                shutil.copyfileobj(f, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    part = output.with_name(output.name + ".part")
    write_events_parquet(store.events(), part)
    part.replace(output)
