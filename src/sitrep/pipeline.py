"""The pipeline: ingest -> clean -> annotate -> extract -> resolve -> (store) -> fuse.

Each document is processed in memory and written in one transaction, so a failure or a kill leaves every
document either fully stored or not at all. A document whose content (hence id) is already stored by the
current pipeline version is not processed again: re-running on the same input changes nothing.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Iterator, Optional

from . import PIPELINE_VERSION
from .annotate import annotate, annotate_many
from .clean import clean
from .extract import extract
from .extract.mainevent import main_mention
from .fuse import fuse
from .limits import DocumentTimeout
from .ingest import DEFAULT_MAX_BYTES, IngestError, read_paths
from .execute import Executor, Outcome, Task
from .execute.inline import InlineExecutor
from .models import ProcessedDocument, RawDocument
from .resolve import resolve
from .store import Store


@dataclass
class RunReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    events_created: int = 0
    errors: list[IngestError] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    worker_peak_mb: dict[str, float] = field(default_factory=dict)  # worker -> its peak resident memory
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.unchanged


def process(raw: RawDocument, timings: Optional[dict[str, float]] = None, *, full_parse: Optional[bool] = None,
            counts: Optional[dict[str, int]] = None) -> ProcessedDocument:
    """Run one document through every per-document stage (``full_parse``: no cascade, sitrep.cascade)."""
    t = timings if timings is not None else defaultdict(float)
    t0 = time.perf_counter()
    cleaned = clean(raw)
    t1 = time.perf_counter()
    annotated = annotate(cleaned, full_parse=full_parse, counts=counts)
    t["clean"] += t1 - t0
    t["annotate"] += time.perf_counter() - t1
    return _finish(annotated, t)


def process_many(raws: list[RawDocument], timings: list[dict[str, float]], *,
                 full_parse: Optional[list[Optional[bool]]] = None, counts: Optional[list[dict[str, int]]] = None,
                 before: Callable[[RawDocument], None] = lambda raw: None
                 ) -> Iterator[ProcessedDocument | Exception]:
    """:func:`process` of several documents, their texts parsed in one call of the language model
    (sitrep.annotate.annotate_many); yields each document's result, or the exception that stopped it, in order,
    as soon as it is done. ``before(raw)`` runs before each document's extraction (its failure is that document's;
a document it stalls holds back none of the batch's earlier ones). The
    batch's parsing time is shared out evenly in ``timings``."""
    n = len(raws)
    full_parse = full_parse or [None] * n
    counts = counts or [{} for _ in raws]
    cleaned: list = []
    for raw, t in zip(raws, timings):
        t0 = time.perf_counter()
        try:
            cleaned.append(clean(raw))
        except DocumentTimeout:
            raise
        except Exception as e:  # noqa: BLE001 - that document's error; the batch goes on
            cleaned.append(e)
        t["clean"] += time.perf_counter() - t0
    ok = [i for i, c in enumerate(cleaned) if not isinstance(c, Exception)]
    t0 = time.perf_counter()
    annotated = annotate_many([cleaned[i] for i in ok], [full_parse[i] for i in ok], [counts[i] for i in ok])
    share = (time.perf_counter() - t0) / max(1, len(ok))
    for i, a in zip(ok, annotated):
        cleaned[i] = a
        timings[i]["annotate"] += share
    for raw, a, t in zip(raws, cleaned, timings):
        if isinstance(a, Exception):
            yield a
            continue
        try:
            before(raw)
            yield _finish(a, t)
        except DocumentTimeout:
            raise
        except Exception as e:  # noqa: BLE001
            yield e


def _finish(annotated, t: dict[str, float]) -> ProcessedDocument:
    """Extraction and resolution of an annotated document."""
    t2 = time.perf_counter()
    mentions = extract(annotated)
    t3 = time.perf_counter()
    resolved = resolve(annotated, mentions)
    t4 = time.perf_counter()
    t["extract"] += t3 - t2
    t["resolve"] += t4 - t3
    return ProcessedDocument(annotated=annotated, mentions=resolved, main_mention=main_mention(annotated, resolved))


@dataclass
class _Slot:
    """One input item waiting for its turn to be written (in input order)."""

    item: RawDocument | IngestError
    state: Optional[str] = None
    kind: str = "process"  # process | error | unchanged | same (same content as an earlier item of this run)
    outcome: Optional[Outcome] = None

    @property
    def ready(self) -> bool:
        return self.kind != "process" or self.outcome is not None


def run(paths: Iterable[str], store: Store, *, stdin: Optional[BinaryIO] = None, max_bytes: int = DEFAULT_MAX_BYTES,
        on_error: Callable[[IngestError], None] = lambda e: None,
        on_document: Callable[[str], None] = lambda path: None, doc_timeout: Optional[float] = None,
        inputs: Optional[Iterable[RawDocument | IngestError]] = None,
        executor: Optional[Executor] = None, full_parse: Optional[bool] = None) -> RunReport:
    """``doc_timeout``: seconds one document may take (sitrep.limits); ``inputs``: documents and errors already
    read (e.g. fetched URLs, sitrep.fetch) instead of reading ``paths``; ``executor``: where documents are
    processed (sitrep.execute; default: this process, one at a time); ``full_parse``: parse every sentence (no
    cascade; default: sitrep.cascade.full_parse_default).

    Whatever the executor, the store is written here only, in input order, one transaction per document, and
    fusion runs once at the end: a run's result does not depend on where or in which order documents were
    processed."""
    report = RunReport()
    start = time.perf_counter()
    items = inputs if inputs is not None else read_paths(paths, stdin=stdin, max_bytes=max_bytes)
    ex = executor if executor is not None else InlineExecutor(doc_timeout)
    writer = _InOrderWriter(store, report, on_error, on_document)
    # outcomes held for in-order writing at most (memory stays bounded; an executor's capacity may grow as it
    # learns its workers' speed: a Dask executor batches documents)
    ahead = lambda: max(64, 8 * ex.capacity)  # noqa: E731
    warming: Optional[threading.Thread] = None
    try:
        for outcome in ex.map(writer.tasks(items, full_parse), hold=lambda: writer.waiting() >= ahead()):
            if warming is None and not isinstance(ex, InlineExecutor):
                # fusion (here, at the end) reads control statements with the gazetteer and the actors: load them
                # while the workers work, not after
                warming = threading.Thread(target=_warm_fusion, name="sitrep-warm-fusion", daemon=True)
                warming.start()
            writer.add(outcome)
        writer.drain()
    finally:
        if executor is None:
            ex.close()
        if warming is not None:
            warming.join()
    t0 = time.perf_counter()
    report.events_created = fuse(store, control=writer.control)
    report.stage_seconds["fuse"] += time.perf_counter() - t0
    report.seconds = time.perf_counter() - start
    return report


class _InOrderWriter:
    """The run's items in input order: which need processing (:meth:`tasks`), and the store written as their
    outcomes come back (:meth:`add`), one document at a time, never ahead of an earlier item."""

    def __init__(self, store: Store, report: RunReport, on_error: Callable[[IngestError], None],
                 on_document: Callable[[str], None]) -> None:
        self.store, self.report, self.on_error, self.on_document = store, report, on_error, on_document
        self.slots: dict[int, _Slot] = {}
        self.first: dict[str, int] = {}  # doc_id -> seq of the item of this run that processes it
        self.failed: dict[str, str] = {}  # doc_id -> why its processing failed in this run
        self.control: dict[str, list[tuple]] = {}  # doc_id -> control statements computed with it (for fusion)
        self.read = 0
        self.written = 0

    def waiting(self) -> int:
        """Items read and not yet written."""
        return self.read - self.written

    def tasks(self, items: Iterable[RawDocument | IngestError], full_parse: Optional[bool]) -> Iterator[Task]:
        """A task for each document this run must process: not an error, not seen earlier in the run, not
        stored already by this pipeline version."""
        for seq, item in enumerate(items):
            self.read = seq + 1
            if isinstance(item, IngestError):
                self.slots[seq] = _Slot(item, kind="error")
            elif item.doc_id in self.first:
                self.slots[seq] = _Slot(item, kind="same")
            else:
                state = self.store.document_state(item.doc_id)
                if state == PIPELINE_VERSION:
                    self.slots[seq] = _Slot(item, state, kind="unchanged")
                else:
                    self.first[item.doc_id] = seq
                    self.slots[seq] = _Slot(item, state)
                    yield Task(seq, item, full_parse=full_parse)
            self.drain()

    def add(self, outcome: Outcome) -> None:
        self.slots[outcome.seq].outcome = outcome
        self.drain()

    def drain(self) -> None:
        """Write every item whose turn has come and whose outcome is in."""
        while self.written in self.slots and self.slots[self.written].ready:
            self._settle(self.slots.pop(self.written))
            self.written += 1

    def _settle(self, slot: _Slot) -> None:
        item = slot.item
        if isinstance(item, IngestError):
            self.report.errors.append(item)
            self.on_error(item)
            return
        try:
            if slot.kind == "same" and item.doc_id in self.failed:
                raise _Failed(self.failed[item.doc_id])
            if slot.kind in ("unchanged", "same"):
                self.store.add_path(item.path, item.doc_id)
                self.report.unchanged += 1
            else:
                self._write(slot, item)
        except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
            err = IngestError(item.path, str(e) if isinstance(e, (ValueError, _Failed)) else f"{type(e).__name__}: {e}")
            self.report.errors.append(err)
            self.on_error(err)
        self.on_document(item.path)

    def _write(self, slot: _Slot, item: RawDocument) -> None:
        """A processed document's outcome: its costs counted, then the document stored (or its failure raised)."""
        report, out = self.report, slot.outcome
        for k, v in out.timings.items():
            report.stage_seconds[k] += v
        for k, v in out.counts.items():
            report.counts[k] += v
        if out.worker and out.peak_rss_mb is not None:
            report.worker_peak_mb[out.worker] = max(report.worker_peak_mb.get(out.worker, 0.0), out.peak_rss_mb)
        if out.error is not None:
            self.failed[item.doc_id] = out.error
            raise _Failed(out.error)
        t0 = time.perf_counter()
        self.store.write_document(item, out.processed, PIPELINE_VERSION)
        report.stage_seconds["store"] += time.perf_counter() - t0
        if out.control is not None:
            self.control[item.doc_id] = out.control
        if slot.state is None:
            report.new += 1
        else:
            report.updated += 1


def _warm_fusion() -> None:
    """Load what fusion reads besides the store (its rules, the actor registry, the gazetteer, the near-duplicate
    settings, the control-statement patterns) while the workers work: fusion runs alone at the end, so whatever it
    loads there is serial time. Each loader on its own: one that fails leaves the others warm (fusion loads it
    itself, and reports what fails)."""
    def fusion_rules():
        from .fuse import rules

        rules()

    def actors():
        from .actors import registry

        registry()

    def gazetteer():
        from .places import candidates

        candidates("Sitrep", loose_ok=False, fuzzy_ok=False)

    def near_duplicates():
        from .dedup import _conf

        _conf()

    def control_patterns():
        from .extract.control import patterns

        patterns()

    for load in (fusion_rules, actors, gazetteer, near_duplicates, control_patterns):
        try:
            load()
        except Exception:  # noqa: BLE001 - see above
            pass


class _Failed(Exception):
    """A document's processing failed; the message is the reason as the worker gave it."""
