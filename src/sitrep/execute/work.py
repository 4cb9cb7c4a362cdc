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
    portable(processed)
    return Outcome(task.seq, processed=processed, timings=dict(timings), counts=counts,
                   pipeline_version=PIPELINE_VERSION)


def portable(processed) -> None:
    """Drop what the document's stages cached for themselves (spaCy parses: the blocks', the headline's) before the
    outcome leaves the process: the store keeps none of it, and a pickled spaCy Doc carries the model's whole
    vocabulary (about 2 MB per document, seconds to send to the driver and unpickle there: more than the work)."""
    annotated = processed.annotated
    annotated._parsed = {}
    annotated.__dict__.pop("_title_parse", None)


def warm() -> None:
    """Load every model and data file a document needs, once per process, outside any document's time limit."""
    from ..limits import warm_up
    from ..pipeline import process

    warm_up(process)
