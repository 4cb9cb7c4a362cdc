"""``sitrep run`` (ingest, clean, extract, resolve, fuse, store) and ``sitrep clean``."""
from __future__ import annotations

import ipaddress
import json
import sys
from typing import List, Optional

import typer

from ..ingest import DEFAULT_MAX_BYTES, IngestError, read_paths
from ..limits import DEFAULT_DOC_TIMEOUT
from ..store import StoreError, redact
from .common import DbOption, EXIT_INPUT, EXIT_OK, EXIT_STORE, EXIT_USAGE, app, db_path, err, open_store


@app.command()
def run(paths: List[str] = typer.Argument(..., help="files, folders (recursively) or - for stdin"),
        db: Optional[str] = DbOption,
        max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="largest article accepted, in bytes"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress or summary, errors only"),
        doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT, "--doc-timeout",
                                          help="seconds one document may take before it is skipped with an error (0: no limit)"),
        wait: bool = typer.Option(True, "--wait/--no-wait",
                                  help="when another run holds the store: wait for it (default) or refuse at once"),
        allow_private: bool = typer.Option(False, "--allow-private",
                                           help="let URLs reach loopback, private and link-local addresses"),
        allow_network: List[str] = typer.Option([], "--allow-network",
                                                help="a CIDR URLs may reach although not public (repeatable)"),
        max_redirects: int = typer.Option(5, "--max-redirects", help="redirects followed per URL"),
        fetch_timeout: float = typer.Option(30.0, "--fetch-timeout", help="seconds per URL fetched"),
        country: Optional[str] = typer.Option(None, "--country", help="ISO code of the country the articles are "
                                              "likely about: a hint for stories whose text says little (the text's "
                                              "own places, names and demonyms always win)"),
        workers: Optional[int] = typer.Option(None, "--workers", min=0,
                                              help="worker processes (default: one per core; 0: in this process)"),
        scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                help="a dask.distributed scheduler (tcp://HOST:8786) to process the "
                                                     "documents on; the store is still written here. Start its "
                                                     "workers single-threaded, one process per core, with Sitrep's "
                                                     "Dask settings: dask worker ADDRESS --nworkers auto --nthreads 1 "
                                                     "--preload-nanny sitrep.execute.daskconfig (docs/SCALING.md)"),
        scheduler_timeout: float = typer.Option(10.0, "--scheduler-timeout",
                                                help="seconds to wait for the scheduler to answer"),
        cascade: Optional[bool] = typer.Option(None, "--cascade/--full-parse",
                                               help="parse only the sentences that can tell an event (faster), or "
                                                    "every sentence (default; also $SITREP_CASCADE=1 / "
                                                    "$SITREP_FULL_PARSE=1)"),
        full_model: Optional[bool] = typer.Option(None, "--full-model/--shared-model",
                                                  help="the English language model: the full en_core_web_sm "
                                                       "pipeline, or the faster one whose entity recogniser shares "
                                                       "the tagger's and parser's embedding (default: "
                                                       "$SITREP_SPACY_MODEL, else sitrep.annotate.DEFAULT_CHOICE; "
                                                       "docs/BENCHMARKS.md)")) -> None:
    """Ingest articles (files, folders, -, http(s) URLs of articles or RSS/Atom feeds) and run the whole pipeline
    into the store. Re-running on the same input changes nothing."""
    from ..execute import ExecutorError, make_executor, prestart

    _country_hint(country)
    _model_choice(full_model)
    prestart(workers, scheduler)  # the workers' models load while this process imports, locks and opens the store
    from ..pipeline import run as run_pipeline
    from ..progress import Progress

    executor = None
    if scheduler:  # before anything is written: an unreachable cluster leaves no trace
        try:
            executor = make_executor(scheduler=scheduler, doc_timeout=doc_timeout, connect_timeout=scheduler_timeout)
        except ExecutorError as e:
            err(f"error: {e}")
            raise typer.Exit(EXIT_STORE)
    lock = _take_run_lock(db, wait)
    store = open_store(db)
    stdin = sys.stdin.buffer if "-" in paths else None
    inputs = _url_inputs(paths, stdin, allow_private, allow_network, max_bytes, max_redirects, fetch_timeout)
    try:
        if executor is None:
            executor = make_executor(workers=workers, doc_timeout=doc_timeout)
        with Progress(enabled=not quiet, paths=paths, label=f"sitrep run ({_where(executor)})") as progress:
            def on_error(e: IngestError) -> None:
                progress.fail()
                progress.log(f"error: {e}")

            report = run_pipeline(paths, store, stdin=stdin, max_bytes=max_bytes, on_error=on_error,
                                  on_document=progress.advance, doc_timeout=doc_timeout, inputs=inputs,
                                  executor=executor, full_parse=None if cascade is None else not cascade)
    except (StoreError, ExecutorError) as e:
        err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)
    finally:
        if executor is not None:
            executor.close()
    store.close()
    lock.release()
    if not quiet:
        err(f"sitrep: {report.documents} documents ({report.new} new, {report.updated} re-derived, "
            f"{report.unchanged} unchanged), {len(report.errors)} failed, {report.events_created} new events, "
            f"{report.seconds:.1f} s")
    raise typer.Exit(EXIT_INPUT if report.errors else EXIT_OK)


def _model_choice(full_model: Optional[bool]) -> None:
    """--full-model / --shared-model: passed to annotation (and to worker processes) through the environment."""
    import os

    from ..annotate import FULL, MODEL_ENV, SHARED

    if full_model is not None:
        os.environ[MODEL_ENV] = FULL if full_model else SHARED
        return
    choice = (os.environ.get(MODEL_ENV) or "").strip()
    if choice and choice not in (FULL, SHARED):  # a bad setting is one usage error here, not a crash in each worker
        from pathlib import Path

        import spacy.util

        if not (spacy.util.is_package(choice) or (Path(choice) / "config.cfg").is_file()):
            err(f"error: ${MODEL_ENV}={choice!r}: not 'full', 'shared', nor a spaCy pipeline installed or on disk")
            raise typer.Exit(EXIT_USAGE)


def _country_hint(country: Optional[str]) -> None:
    """--country: checked against the countries Sitrep knows, then passed to extraction (and to worker
    processes) through the environment."""
    import os

    from ..country import HINT_ENV, countries

    if country is None:
        return
    if country.strip().upper() not in countries():
        err(f"error: --country {country!r}: not an ISO 3166-1 alpha-2 code Sitrep knows (data/countries.yaml)")
        raise typer.Exit(EXIT_USAGE)
    os.environ[HINT_ENV] = country.strip().upper()


def _take_run_lock(db: Optional[str], wait: bool):
    """The store's run lock (one run at a time), waited for or refused; exit 3 when it cannot be taken."""
    from ..store.runlock import StoreBusy, run_lock

    lock = run_lock(db_path(db))
    try:
        lock.acquire(wait=wait, on_wait=lambda msg: err(f"sitrep: {msg}"))
    except StoreBusy as e:
        err(f"error: {redact(db_path(db))}: {e}")
        raise typer.Exit(EXIT_STORE)
    except StoreError as e:
        err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)
    except OSError as e:
        err(f"error: {redact(db_path(db))}: cannot take the run lock ({e.strerror or e})")
        raise typer.Exit(EXIT_STORE)
    return lock


def _url_inputs(paths: List[str], stdin, allow_private: bool, allow_network: List[str], max_bytes: int,
                max_redirects: int, fetch_timeout: float):
    """The inputs with URLs fetched under the fetch policy (None when no path is a URL); exit 2 on a bad
    --allow-network."""
    from ..fetch import FetchPolicy, is_url, read_inputs

    if not any(is_url(p) for p in paths):
        return None
    try:
        policy = FetchPolicy(allow_private=allow_private, max_bytes=max_bytes, max_redirects=max_redirects,
                             timeout=fetch_timeout, allow_networks=tuple(allow_network))
        for n in allow_network:
            ipaddress.ip_network(n, strict=False)
    except ValueError as e:
        err(f"error: --allow-network: {e}")
        raise typer.Exit(EXIT_USAGE)
    return read_inputs(paths, policy, stdin=stdin, max_bytes=max_bytes)


def _where(executor) -> str:
    n = getattr(executor, "workers", 1)
    if executor.name == "Dask cluster":
        return f"Dask, {n} worker{'s' if n != 1 else ''}"
    if executor.name == "worker processes":
        return f"{n} worker{'s' if n != 1 else ''}"
    return "in process"


@app.command("clean")
def clean_cmd(files: List[str] = typer.Argument(..., help=".txt or .html files (or - for stdin)"),
              as_json: bool = typer.Option(False, "--json", help="one JSON object per document"),
              explain: bool = typer.Option(False, "--explain", help="show every line with its label and reason")) -> None:
    """Print the cleaned article text of each file."""
    from ..clean import clean

    failed = False
    first = True
    for item in read_paths(files):
        if isinstance(item, IngestError):
            err(f"error: {item}")
            failed = True
            continue
        doc = clean(item)
        if as_json:
            print(json.dumps({"path": doc.path, "title": doc.title,
                              "published": doc.published.isoformat() if doc.published else None,
                              "language": doc.language, "text": doc.text, "outlet": doc.outlet,
                              "published_from": doc.published_from}, ensure_ascii=False))
        elif explain:
            print(f"# {doc.path}  title={doc.title!r} outlet={doc.outlet!r} published={doc.published} "
                  f"({doc.published_from}) language={doc.language}")
            for b in doc.blocks:
                print(f"{b.label:11} | {b.text[:100]}" + (f"   <- {b.reason}" if b.reason else ""))
        else:
            if not first:
                print()
            print(doc.text)
        first = False
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)
