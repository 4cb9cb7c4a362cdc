"""The work one task is: ``pipeline.process`` on one document (or several parsed together: :func:`handle_many`),
its failure turned into a one-line reason.

The same function runs in the driver (inline), in a local worker process and on a Dask worker, so a document
gives the same outcome wherever it is processed.
"""
from __future__ import annotations

import resource
import sys
from collections import defaultdict
from typing import Iterator

from . import Outcome, Task


def describe(e: BaseException) -> str:
    """The one-line reason printed after ``error: PATH:`` (a ValueError's message is already the reason)."""
    return str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)


def handle(task: Task) -> Outcome:
    """Process one document; never raises (but a time limit armed around it may)."""
    return next(handle_many([task]))


def handle_many(tasks: list[Task]) -> Iterator[Outcome]:
    """Process documents together (their texts parsed in one call of the language model: sitrep.pipeline.
    process_many) and yield each one's outcome, in order, as soon as it is done; one document's failure is its own
    outcome. Never raises (but a time limit armed around it may: ``DocumentTimeout`` goes through)."""
    from ..pipeline import process_many
    from ..limits import fault_hook

    timings: list[dict[str, float]] = [defaultdict(float) for _ in tasks]
    counts: list[dict[str, int]] = [{} for _ in tasks]
    results = process_many([t.raw for t in tasks], timings, full_parse=[t.full_parse for t in tasks], counts=counts,
                           before=lambda raw: fault_hook(raw.path))
    for task, t, c, res in zip(tasks, timings, counts, results):
        yield _outcome(task, res, t, c)


def _outcome(task: Task, res, timings: dict[str, float], counts: dict[str, int]) -> Outcome:
    from .. import PIPELINE_VERSION

    if not isinstance(res, Exception) and not res.doc.text.strip():
        res = ValueError("no article text found after cleaning")
    if isinstance(res, Exception):  # one bad document never stops the batch
        return Outcome(task.seq, error=describe(res), timings=dict(timings), pipeline_version=PIPELINE_VERSION)
    compact(res)
    control = control_rows(res, timings)
    return Outcome(task.seq, processed=res, timings=dict(timings), counts=counts,
                   pipeline_version=PIPELINE_VERSION, control=control)


def compact(processed) -> None:
    """Leave spaCy's parses where they were made (the store does not keep them): the annotator's parses and any
    cache a stage keeps on a record beside its fields (the extractor's headline parse). A pickled spaCy ``Doc``
    carries its whole vocabulary, about 2 MB, which a worker would pickle and the driver unpickle per document."""
    annotated = processed.annotated
    annotated._parsed = {}
    fields = type(annotated).model_fields
    for key in [k for k in vars(annotated) if k not in fields]:
        del annotated.__dict__[key]


def control_rows(processed, timings: dict[str, float]):
    """The document's control statements from the text and sentences the store will hold (what fusion would read
    back); None when they cannot be computed here (fusion then computes them from the store, and reports)."""
    import time

    from ..control import statement_rows

    t0 = time.perf_counter()
    doc = processed.doc
    sents = [(s.start, s.end) for s in sorted(processed.annotated.sentences, key=lambda s: s.index)]
    try:
        return statement_rows(doc.text, doc.outlet, sents)
    except Exception:  # noqa: BLE001 - fusion reads them from the store instead
        return None
    finally:
        timings["control"] += time.perf_counter() - t0


def warm() -> None:
    """Load every model and data file a document needs, once per process, outside any document's time limit."""
    from ..limits import warm_up
    from ..pipeline import process

    warm_up(process)
