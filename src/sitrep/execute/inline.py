"""The calling process as executor: one document at a time, the per-document time limit by a real-time timer
(``sitrep.limits``: works in the main thread; a single C call that never returns cannot be interrupted; the
worker processes of ``sitrep.execute.pool`` lift that limit)."""
from __future__ import annotations

import os
from typing import Optional

from . import Executor, Outcome, Task
from .work import describe, handle, peak_rss_mb, warm


class InlineExecutor(Executor):
    name = "in-process"

    def __init__(self, doc_timeout: Optional[float] = None):
        self.doc_timeout = doc_timeout
        self._ready: list[Outcome] = []

    @property
    def capacity(self) -> int:
        return 1

    @property
    def in_flight(self) -> int:
        return len(self._ready)

    @property
    def workers(self) -> int:
        return 1

    def submit(self, task: Task) -> None:
        from ..limits import DocumentTimeout, document_time_limit

        if self.doc_timeout:
            warm()  # loading is not the first document's fault
        try:
            with document_time_limit(self.doc_timeout, task.raw.path):
                outcome = handle(task)
        except DocumentTimeout as e:
            outcome = Outcome(task.seq, error=describe(e))
        outcome.worker, outcome.peak_rss_mb = f"pid {os.getpid()}", peak_rss_mb()
        self._ready.append(outcome)

    def wait(self) -> list[Outcome]:
        out, self._ready = self._ready, []
        return out
