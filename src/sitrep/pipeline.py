"""The pipeline: ingest -> clean -> annotate -> extract -> resolve -> (store) -> fuse.

Each document is processed in memory and written in one transaction, so a failure or a kill leaves every
document either fully stored or not at all. A document whose content (hence id) is already stored by the
current pipeline version is not processed again: re-running on the same input changes nothing.
"""
from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Optional

from . import PIPELINE_VERSION
from .annotate import annotate
from .clean import clean
from .extract import extract
from .fuse import fuse
from .ingest import DEFAULT_MAX_BYTES, IngestError, read_paths
from .limits import document_time_limit, fault_hook, warm_up
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
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.new + self.updated + self.unchanged


def process(raw: RawDocument, timings: Optional[dict[str, float]] = None) -> ProcessedDocument:
    """Run one document through every per-document stage."""
    t = timings if timings is not None else defaultdict(float)
    t0 = time.perf_counter()
    cleaned = clean(raw)
    t1 = time.perf_counter()
    annotated = annotate(cleaned)
    t2 = time.perf_counter()
    mentions = extract(annotated)
    t3 = time.perf_counter()
    resolved = resolve(annotated, mentions)
    t4 = time.perf_counter()
    t["clean"] += t1 - t0
    t["annotate"] += t2 - t1
    t["extract"] += t3 - t2
    t["resolve"] += t4 - t3
    return ProcessedDocument(annotated=annotated, mentions=resolved)


def run(paths: Iterable[str], store: Store, *, stdin: Optional[BinaryIO] = None, max_bytes: int = DEFAULT_MAX_BYTES,
        on_error: Callable[[IngestError], None] = lambda e: None,
        on_document: Callable[[str], None] = lambda path: None, doc_timeout: Optional[float] = None,
        inputs: Optional[Iterable[RawDocument | IngestError]] = None) -> RunReport:
    """``doc_timeout``: seconds one document may take (sitrep.limits); ``inputs``: documents and errors already
    read (e.g. fetched URLs, sitrep.fetch) instead of reading ``paths``."""
    report = RunReport()
    start = time.perf_counter()
    items = inputs if inputs is not None else read_paths(paths, stdin=stdin, max_bytes=max_bytes)
    for item in items:
        if isinstance(item, IngestError):
            report.errors.append(item)
            on_error(item)
            continue
        try:
            state = store.document_state(item.doc_id)
            if state == PIPELINE_VERSION:
                store.add_path(item.path, item.doc_id)
                report.unchanged += 1
            else:
                if doc_timeout:
                    warm_up(process)
                with document_time_limit(doc_timeout, item.path):
                    fault_hook(item.path)
                    processed = process(item, report.stage_seconds)
                if not processed.doc.text.strip():
                    raise ValueError("no article text found after cleaning")
                t0 = time.perf_counter()
                store.write_document(item, processed, PIPELINE_VERSION)
                report.stage_seconds["store"] += time.perf_counter() - t0
                if state is None:
                    report.new += 1
                else:
                    report.updated += 1
        except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
            err = IngestError(item.path, f"{type(e).__name__}: {e}" if not isinstance(e, ValueError) else str(e))
            report.errors.append(err)
            on_error(err)
        on_document(item.path)
    t0 = time.perf_counter()
    report.events_created = fuse(store)
    report.stage_seconds["fuse"] += time.perf_counter() - t0
    report.seconds = time.perf_counter() - start
    return report
