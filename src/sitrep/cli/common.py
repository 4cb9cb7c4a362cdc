"""What every command shares: the app, exit codes, the --db option, opening the store, writing output, errors."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from .. import __version__
from ..store import DEFAULT_DB, Store, StoreError


EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Sitrep: conflict news in, a sourced, geocoded, time-resolved event dataset out.")

DbOption = typer.Option(None, "--db", help=f"store: a SQLite file or a postgresql://user@host:port/dbname URL "
                                            f"(default: $SITREP_DB or ./{DEFAULT_DB})")


def db_path(db: Optional[str]) -> str:
    """The store a command uses: a SQLite file path or a PostgreSQL URL (kept as text: a URL is no path)."""
    return str(db) if db else os.environ.get("SITREP_DB") or DEFAULT_DB


def err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def open_store(db: Optional[str], readonly: bool = False) -> Store:
    try:
        return Store(db_path(db), readonly=readonly)
    except StoreError as e:
        err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)


@contextmanager
def output_to(path: Optional[Path]) -> Iterator:
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        yield f
    tmp.replace(path)  # a reader never sees a half-written export


@app.callback(invoke_without_command=True)
def _main(version: bool = typer.Option(False, "--version", help="print the version and exit")) -> None:
    if version:
        print(f"sitrep {__version__}")
        raise typer.Exit()


def format_check(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        err(f"error: --format must be one of {', '.join(allowed)}")
        raise typer.Exit(EXIT_USAGE)
    return fmt
