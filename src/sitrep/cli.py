"""The ``sitrep`` command.

Exit status (every command): 0 success; 1 some input failed (each failure printed as one ``error:`` line on
stderr naming the file and the reason; everything else was processed and stored); 2 usage error; 3 the store
cannot be opened or written.
"""
from __future__ import annotations

import ipaddress
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__
from .ingest import DEFAULT_MAX_BYTES, IngestError, read_paths
from .limits import DEFAULT_DOC_TIMEOUT
from .store import DEFAULT_DB, Store, StoreError, redact

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Sitrep: conflict news in, a sourced, geocoded, time-resolved event dataset out.")
export_app = typer.Typer(no_args_is_help=True, help="Export the store's documents or events.")
app.add_typer(export_app, name="export")

DbOption = typer.Option(None, "--db", help=f"store: a SQLite file or a postgresql://user@host:port/dbname URL "
                                            f"(default: $SITREP_DB or ./{DEFAULT_DB})")


def _db(db: Optional[str]) -> str:
    """The store a command uses: a SQLite file path or a PostgreSQL URL (kept as text: a URL is no path)."""
    return str(db) if db else os.environ.get("SITREP_DB") or DEFAULT_DB


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _open(db: Optional[str], readonly: bool = False) -> Store:
    try:
        return Store(_db(db), readonly=readonly)
    except StoreError as e:
        _err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)


@contextmanager
def _output(path: Optional[Path]) -> Iterator:
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
                                                    "$SITREP_FULL_PARSE=1)")) -> None:
    """Ingest articles (files, folders, -, http(s) URLs of articles or RSS/Atom feeds) and run the whole pipeline
    into the store. Re-running on the same input changes nothing."""
    import os

    from .country import HINT_ENV, countries
    from .execute import ExecutorError, make_executor
    from .fetch import FetchPolicy, is_url, read_inputs

    if country is not None:
        if country.strip().upper() not in countries():
            _err(f"error: --country {country!r}: not an ISO 3166-1 alpha-2 code Sitrep knows (data/countries.yaml)")
            raise typer.Exit(2)
        os.environ[HINT_ENV] = country.strip().upper()
    from .pipeline import run as run_pipeline
    from .progress import Progress
    from .store.runlock import StoreBusy, run_lock

    executor = None
    if scheduler:  # before anything is written: an unreachable cluster leaves no trace
        try:
            executor = make_executor(scheduler=scheduler, doc_timeout=doc_timeout, connect_timeout=scheduler_timeout)
        except ExecutorError as e:
            _err(f"error: {e}")
            raise typer.Exit(EXIT_STORE)
    lock = run_lock(_db(db))
    try:
        lock.acquire(wait=wait, on_wait=lambda msg: _err(f"sitrep: {msg}"))
    except StoreBusy as e:
        _err(f"error: {redact(_db(db))}: {e}")
        raise typer.Exit(EXIT_STORE)
    except StoreError as e:
        _err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)
    except OSError as e:
        _err(f"error: {redact(_db(db))}: cannot take the run lock ({e.strerror or e})")
        raise typer.Exit(EXIT_STORE)
    store = _open(db)
    inputs = None
    if any(is_url(p) for p in paths):
        try:
            policy = FetchPolicy(allow_private=allow_private, max_bytes=max_bytes, max_redirects=max_redirects,
                                 timeout=fetch_timeout, allow_networks=tuple(allow_network))
            for n in allow_network:
                ipaddress.ip_network(n, strict=False)
        except ValueError as e:
            _err(f"error: --allow-network: {e}")
            raise typer.Exit(EXIT_USAGE)
        inputs = read_inputs(paths, policy, stdin=sys.stdin.buffer if "-" in paths else None, max_bytes=max_bytes)
    try:
        if executor is None:
            executor = make_executor(workers=workers, doc_timeout=doc_timeout)
        with Progress(enabled=not quiet, paths=paths, label=f"sitrep run ({_where(executor)})") as progress:
            def on_error(e: IngestError) -> None:
                progress.fail()
                progress.log(f"error: {e}")

            report = run_pipeline(paths, store, stdin=sys.stdin.buffer if "-" in paths else None, max_bytes=max_bytes,
                                  on_error=on_error, on_document=progress.advance, doc_timeout=doc_timeout,
                                  inputs=inputs, executor=executor,
                                  full_parse=None if cascade is None else not cascade)
    except (StoreError, ExecutorError) as e:
        _err(f"error: {e}")
        raise typer.Exit(EXIT_STORE)
    finally:
        if executor is not None:
            executor.close()
    store.close()
    lock.release()
    if not quiet:
        _err(f"sitrep: {report.documents} documents ({report.new} new, {report.updated} re-derived, "
             f"{report.unchanged} unchanged), {len(report.errors)} failed, {report.events_created} new events, "
             f"{report.seconds:.1f} s")
    raise typer.Exit(EXIT_INPUT if report.errors else EXIT_OK)


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
    from .clean import clean

    failed = False
    first = True
    for item in read_paths(files):
        if isinstance(item, IngestError):
            _err(f"error: {item}")
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


def _format_check(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        _err(f"error: --format must be one of {', '.join(allowed)}")
        raise typer.Exit(EXIT_USAGE)
    return fmt


@export_app.command("documents")
def export_documents(db: Optional[str] = DbOption,
                     fmt: str = typer.Option("jsonl", "--format", help="jsonl"),
                     output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)"),
                     all_versions: bool = typer.Option(False, "--all-versions", help="include superseded versions")) -> None:
    """One row per ingested document, with its cleaned text."""
    from .export import document_rows, write_jsonl

    _format_check(fmt, ("jsonl",))
    store = _open(db, readonly=True)
    with _output(output) as out:
        write_jsonl(document_rows(store, include_superseded=all_versions), out)


@export_app.command("events")
def export_events(db: Optional[str] = DbOption,
                  fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, geojson or parquet"),
                  output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)")) -> None:
    """Fused events (csv uses ACLED's column names; parquet keeps sources, claims and evidence as nested lists)."""
    from .export import write_events_csv, write_events_geojson, write_jsonl

    _format_check(fmt, ("jsonl", "csv", "geojson", "parquet"))
    store = _open(db, readonly=True)
    if fmt == "parquet":
        _export_parquet(store, output)
        return
    writer = {"jsonl": write_jsonl, "csv": write_events_csv, "geojson": write_events_geojson}[fmt]
    with _output(output) as out:
        writer(store.events(), out)


def _export_parquet(store: Store, output: Optional[Path]) -> None:
    """Parquet needs a seekable file: write next to the target (or to a temporary file for stdout), then move."""
    import shutil
    import tempfile

    from .export import write_events_parquet

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
    from .geo import geocode as do_geocode

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
    from .annotate import english
    from .geo import geoparse as do_geoparse

    failed = False
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            _err(f"error: {f}: cannot read as UTF-8 text ({e})")
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

    from .places.build import ensure_index, index_path

    t0 = time.perf_counter()
    existed = index_path().exists()
    path = ensure_index()
    print(f"gazetteer index {'present' if existed else 'built'}: {path} ({path.stat().st_size / 1e6:.0f} MB, "
          f"{time.perf_counter() - t0:.1f} s)")


@gazetteer_app.command("import")
def gazetteer_import(path: Path = typer.Argument(..., help="a GeoNames country dump: SY.zip or SY.txt")) -> None:
    """Add a full GeoNames country dump to the gazetteer ($SITREP_HOME/gazetteer)."""
    from .geo import import_geonames

    try:
        target, n = import_geonames(path)
    except (OSError, ValueError, KeyError) as e:
        _err(f"error: {path}: {e}")
        raise typer.Exit(EXIT_INPUT)
    print(f"imported {n} places into {target}")


eval_app = typer.Typer(no_args_is_help=True, help="Score Sitrep against gold data.")
app.add_typer(eval_app, name="eval")


@eval_app.command("cleaning")
def eval_cleaning(folder: Path = typer.Argument(..., help="folder of pages with NAME.gold.json beside each"),
                  show_failures: bool = typer.Option(False, "--failures", help="list every miss")) -> None:
    """Cleaning: article lines kept, boilerplate lines removed, title, publication date, language."""
    from .evaluate import score_cleaning

    sc = score_cleaning(folder)
    print("| set | measure | score |\n|---|---|---|")
    print(sc.markdown(folder.name))
    if show_failures:
        for f in sc.failures:
            print(f"- {f}")


@eval_app.command("timebank")
def eval_timebank(folder: Path = typer.Argument(..., help="a folder of TimeML .tml files (TimeBank, AQUAINT)"),
                  show_failures: bool = typer.Option(False, "--failures", help="list every miss")) -> None:
    """DATE value accuracy on TimeML gold expressions, against each document's creation time."""
    from .evaluate import score_timebank

    sc = score_timebank(folder)
    print("| set | documents | DATE expressions | value correct | no value |\n|---|---|---|---|---|")
    print(f"| {folder.name} | {sc.documents} | {sc.dates} | {sc.correct} ({100 * sc.accuracy:.1f}%) | {sc.unresolved} |")
    if show_failures:
        for m in sc.misses:
            print(f"- {m}")


@eval_app.command("geowebnews")
def eval_geowebnews(xml: Path = typer.Argument(..., help="GeoWebNews GWN.xml")) -> None:
    """Toponym recall/precision/F1 and accuracy within 161 km on GeoWebNews, beside a naive peer (spaCy
    GPE/LOC/FAC + most populous name), for the 2,720 toponyms, the literal ones and all annotations."""
    from .evalgeo import score_geowebnews

    print(score_geowebnews(xml).markdown())


@app.command("control")
def control_cmd(place: Optional[str] = typer.Option(None, "--place", help="one place (transliteration-tolerant)"),
                as_json: bool = typer.Option(False, "--json", help="the ledger as JSON (one object per place)"),
                db: Optional[str] = DbOption) -> None:
    """The control ledger: who holds each place over time, how sure, since when, on whose evidence."""
    from .control import ledger

    store = _open(db, readonly=True)
    try:
        places = ledger(store, place)
    except store.DatabaseError as e:
        msg = " ".join(str(e).split())
        _err(f"error: {store.name}: no control ledger in this store ({msg}); run `sitrep run` with this Sitrep to upgrade it")
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
def _eval_input(path: Path, what: str) -> None:
    if not path.exists():
        _err(f"error: {path}: no such file or folder ({what})")
        raise typer.Exit(EXIT_INPUT)


def _emit(markdown: str, report: Optional[Path]) -> None:
    print(markdown)
    if report is not None:
        with _output(report) as out:
            out.write(markdown + "\n")


ReportOption = typer.Option(None, "--report", help="also write the Markdown to this file")


@eval_app.command("seeds")
def eval_seeds(gold: Path = typer.Argument(..., help="seeds-style gold JSON (shared/gold/seeds.json)"),
               docs: Path = typer.Argument(..., help="folder of the articles the gold describes"),
               keep: Optional[Path] = typer.Option(None, "--keep", help="keep the store and exports in this folder"),
               show_failures: bool = typer.Option(False, "--failures", help="list every miss"),
               report: Optional[Path] = ReportOption) -> None:
    """Run the pipeline on DOCS into a fresh store and score the export against seeds-style gold."""
    from .evalsets import score_seeds

    _eval_input(gold, "gold JSON")
    _eval_input(docs, "articles")
    res = score_seeds(gold, docs, keep)
    _emit(res.markdown(), report)
    if show_failures:
        for f in res.failures():
            print(f"- {f}")


@eval_app.command("fakes")
def eval_fakes(csv_path: Path = typer.Argument(..., metavar="CSV", help="FA-KES CSV (shared/data/fa-kes-dev.csv)"),
               limit: Optional[int] = typer.Option(None, "--limit", help="only the first N articles"),
               keep: Optional[Path] = typer.Option(None, "--keep", help="keep the store and exports in this folder"),
               report: Optional[Path] = ReportOption) -> None:
    """Main event of each FA-KES article: governorate, perpetrator class, cause, deaths."""
    from .evalsets import score_fakes

    _eval_input(csv_path, "FA-KES CSV")
    _emit(score_fakes(csv_path, limit, keep).markdown(), report)


@eval_app.command("ucdp")
def eval_ucdp(csv_path: Path = typer.Argument(..., metavar="CSV", help="UCDP GED CSV (shared/data/ucdp-ged-syria-2016-2017.csv)"),
              report: Optional[Path] = ReportOption) -> None:
    """Geocoding of UCDP place strings, names the gazetteer build saw (dev half) and held out."""
    from .evalsets import score_ucdp

    _eval_input(csv_path, "UCDP GED CSV")
    _emit(score_ucdp(csv_path).markdown(), report)


@eval_app.command("case")
def eval_case(tsv: Path = typer.Argument(..., help="CASE 2021 task 2 TSV (id, EventSnippet, SubType)"),
              limit: Optional[int] = typer.Option(None, "--limit", help="only the first N snippets"),
              report: Optional[Path] = ReportOption) -> None:
    """Event types of CASE 2021 snippets (ACLED sub-event types)."""
    from .evalsets import score_case

    _eval_input(tsv, "CASE 2021 TSV")
    _emit(score_case(tsv, limit).markdown(), report)


@eval_app.command("wikievents")
def eval_wikievents(jsonl: Path = typer.Argument(..., help="WikiEvents dev.jsonl"),
                    report: Optional[Path] = ReportOption) -> None:
    """Attack, death and injury events of WikiEvents found by Sitrep."""
    from .evalsets import score_wikievents

    _eval_input(jsonl, "WikiEvents JSONL")
    _emit(score_wikievents(jsonl).markdown(), report)


@eval_app.command("re3d")
def eval_re3d(folder: Path = typer.Argument(..., help="re3d folder (documents.json and entities.json per source)"),
              report: Optional[Path] = ReportOption) -> None:
    """re3d Organisation and Location entities recalled by the actor and place rulers."""
    from .evalsets import score_re3d

    _eval_input(folder, "re3d folder")
    _emit(score_re3d(folder).markdown(), report)


@eval_app.command("split")
def eval_split(data: Path = typer.Option(Path("../shared/data"), "--data", help="folder of the evaluation sets"),
               out: Path = typer.Option(Path("out/splits"), "--out", help="folder for the parts")) -> None:
    """Write the read and unread parts of every tuning set (FA-KES, CASE, GVC) by a fixed hash of each id."""
    from .devsplit import write_splits

    _eval_input(data, "data folder")
    for path, n in write_splits(data, out).items():
        print(f"{n:6d}  {path}")


@eval_app.command("all")
def eval_all(data: Path = typer.Option(Path("../shared/data"), "--data", help="folder of the evaluation sets"),
             gold: Path = typer.Option(Path("../shared/gold/seeds.json"), "--seeds-gold", help="seeds-style gold"),
             seeds: Path = typer.Option(Path("examples/seeds"), "--seeds", help="the articles of the seeds gold"),
             cleaning: List[Path] = typer.Option([Path("tests/fixtures/cleaning"), Path("tests/fixtures/cleaning_heldout")],
                                                 "--cleaning", help="cleaning gold folders"),
             report: Optional[Path] = ReportOption) -> None:
    """Every set that is present: one Markdown report (figures, date, the command for each)."""
    from .evalreport import full_report

    md, missing = full_report(data=data, gold=gold, seeds=seeds, cleaning=cleaning, log=_err)
    _emit(md, report)
    for m in missing:
        _err(f"error: {m}")
    raise typer.Exit(EXIT_INPUT if missing else EXIT_OK)


@app.command()
def check(db: Optional[str] = DbOption) -> None:
    """Check the store's invariants (integrity, every document fully stored, evidence matching its text, no
    duplicate events, mentions awaiting fusion); exit 1 when one is broken."""
    from .store.check import check_store

    store = _open(db, readonly=True)
    report = check_store(store)
    print(json.dumps({"db": store.name, **report.as_dict()}, indent=1, ensure_ascii=False))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_INPUT)


@app.command()
def info(db: Optional[str] = DbOption) -> None:
    """What the store holds."""
    store = _open(db, readonly=True)
    print(json.dumps({"db": store.name, "backend": store.dialect, "schema_version": store.schema_version,
                      **store.counts()}, indent=1))


@app.command()
def serve(db: Optional[str] = DbOption,
          host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default loopback only)"),
          port: int = typer.Option(8765, "--port", help="TCP port")) -> None:
    """The analyst's web page (map, timeline, table, event view, control ledger) and a read-only JSON API
    (/api/..., schema at /openapi.json)."""
    import uvicorn

    from .web import create_app

    _open(db, readonly=True).close()  # a missing or foreign store fails here, with exit status 3
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"warning: serving on {host}: anyone who can reach this address can read the store")
    _err(f"sitrep: serving {redact(_db(db))} at http://{host}:{port}/  (API schema: /openapi.json; Ctrl-C to stop)")
    uvicorn.run(create_app(_db(db)), host=host, port=port, log_level="warning", access_log=False)


@app.command()
def brief(db: Optional[str] = DbOption,
          since: Optional[str] = typer.Option(None, "--since", help="first day, YYYY-MM-DD"),
          until: Optional[str] = typer.Option(None, "--until", help="last day, YYYY-MM-DD"),
          place: Optional[str] = typer.Option(None, "--place", help="location, admin1 or country name"),
          fmt: str = typer.Option("md", "--format", help="md or html"),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)")) -> None:
    """A situation report: key developments by area, deaths with their claimants (competing claims as such),
    control changes, threats kept apart; every statement cites its sources."""
    from .brief import build
    from .query import FilterError, parse_day

    _format_check(fmt, ("md", "html"))
    try:
        since_d, until_d = parse_day(since, "--since"), parse_day(until, "--until")
    except FilterError as e:
        _err(f"error: {e}")
        raise typer.Exit(EXIT_USAGE)
    store = _open(db, readonly=True)
    report = build(store, since=since_d, until=until_d, place=place)
    store.close()
    with _output(output) as out:
        out.write(report.to_markdown() if fmt == "md" else report.to_html())


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `sitrep export ... | head`
        sys.stderr.close()
        os._exit(EXIT_OK)


if __name__ == "__main__":
    main()
