"""``sitrep geocode``, ``sitrep geoparse`` and ``sitrep gazetteer build|import``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .common import EXIT_INPUT, EXIT_OK, app, err


gazetteer_app = typer.Typer(no_args_is_help=True, help="Manage the gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")


def _stdin_or_args(values: List[str]) -> List[str]:
    if values == ["-"]:
        return [ln.rstrip("\n") for ln in sys.stdin]
    return values


@app.command()
def geocode(names: List[str] = typer.Argument(..., help="place names, or - to read one per line from stdin"),
            country: Optional[str] = typer.Option(None, "--country", help="ISO country code to restrict to"),
            as_json: bool = typer.Option(False, "--json", help="one JSON object per input line")) -> None:
    """Resolve place names to points (no context)."""
    from ..geo import geocode as do_geocode

    for name in _stdin_or_args(names):
        r = do_geocode(name, country) if name.strip() else do_geocode("", country)
        if as_json:
            print(json.dumps(r, ensure_ascii=False), flush=False)
        elif r["name"]:
            print(f"{name}\t{r['name']}\t{r['latitude']}\t{r['longitude']}\t{r['admin1'] or ''}\t{r['feature']}")
        else:
            print(f"{name}\t(unresolved)")


@app.command()
def geoparse(files: List[Path] = typer.Argument(..., help="text files"),
             as_json: bool = typer.Option(False, "--json", help="one JSON object per place mention")) -> None:
    """Place mentions in running text (offsets into the file's text as read, no cleaning)."""
    from ..annotate import english
    from ..geo import geoparse as do_geoparse

    failed = False
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            err(f"error: {f}: cannot read as UTF-8 text ({e})")
            failed = True
            continue
        for m in do_geoparse(text, nlp=english()):
            row = {"file": str(f), **m}
            if as_json:
                print(json.dumps(row, ensure_ascii=False))
            else:
                print(f"{f}\t{m['start']}\t{m['end']}\t{m['text']}\t{m['name']}\t{m['latitude']}\t{m['longitude']}")
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


@gazetteer_app.command("build")
def gazetteer_build() -> None:
    """Build the gazetteer index now (it is otherwise built on first use): GeoNames for the world, the shipped
    supplements; written once per set of inputs to $SITREP_CACHE (default ~/.cache/sitrep)."""
    import time

    from ..places.build import ensure_index, index_path

    t0 = time.perf_counter()
    existed = index_path().exists()
    path = ensure_index()
    print(f"gazetteer index {'present' if existed else 'built'}: {path} ({path.stat().st_size / 1e6:.0f} MB, "
          f"{time.perf_counter() - t0:.1f} s)")


@gazetteer_app.command("import")
def gazetteer_import(path: Path = typer.Argument(..., help="a GeoNames country dump: SY.zip or SY.txt")) -> None:
    """Add a full GeoNames country dump to the gazetteer ($SITREP_HOME/gazetteer)."""
    from ..geo import import_geonames

    try:
        target, n = import_geonames(path)
    except (OSError, ValueError, KeyError) as e:
        err(f"error: {path}: {e}")
        raise typer.Exit(EXIT_INPUT)
    print(f"imported {n} places into {target}")
