"""The work one task is: ``pipeline.process`` on one document, its failure turned into a one-line reason.

The same function runs in the driver (inline), in a local worker process and on a Dask worker, so a document
gives the same outcome wherever it is processed.
"""
from __future__ import annotations

import resource
import sys
from collections import defaultdict

from . import Outcome, Task


def describe(e: BaseException) -> str:
    """The one-line reason printed after ``error: PATH:`` (a ValueError's message is already the reason)."""
    return str(e) if isinstance(e, ValueError) else f"{type(e).__name__}: {e}"


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)


def handle(task: Task) -> Outcome:
    """Process one document; never raises (but a time limit armed around it may)."""
    from .. import PIPELINE_VERSION
    from ..limits import DocumentTimeout, fault_hook
    from ..pipeline import process

    timings: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = {}
    try:
        fault_hook(task.raw.path)
        processed = process(task.raw, timings, full_parse=task.full_parse, counts=counts)
        if not processed.doc.text.strip():
            raise ValueError("no article text found after cleaning")
    except DocumentTimeout:
        raise
    except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
        return Outcome(task.seq, error=describe(e), timings=dict(timings), pipeline_version=PIPELINE_VERSION)
    compact(processed)
    control = control_rows(processed, timings)
    return Outcome(task.seq, processed=processed, timings=dict(timings), counts=counts,
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
