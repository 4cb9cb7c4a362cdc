"""The calling process as executor: a few documents at a time (``BATCH``, parsed together), the per-document time
limit by a real-time timer (``sitrep.limits``: works in the main thread; a single C call that never returns cannot be interrupted; the
worker processes of ``sitrep.execute.pool`` lift that limit)."""
from __future__ import annotations

import os
from typing import Optional

from . import Executor, Outcome, Task
from .work import describe, handle_many, peak_rss_mb, warm


BATCH = 8  # documents parsed in one call of the language model (sitrep.execute.work.handle_many)


class InlineExecutor(Executor):
    name = "in-process"

    def __init__(self, doc_timeout: Optional[float] = None, batch: int = BATCH):
        self.doc_timeout = doc_timeout
        self.batch = max(1, batch)
        self._pending: list[Task] = []
        self._ready: list[Outcome] = []

    @property
    def capacity(self) -> int:
        return self.batch

    @property
    def in_flight(self) -> int:
        return len(self._pending) + len(self._ready)

    @property
    def workers(self) -> int:
        return 1

    def submit(self, task: Task) -> None:
        self._pending.append(task)
        if len(self._pending) >= self.batch:
            self._run()

    def wait(self) -> list[Outcome]:
        if self._pending:
            self._run()
        out, self._ready = self._ready, []
        return out

    def _run(self) -> None:
        """The pending documents as one batch, each outcome within the per-document time limit counted from the
        previous one; when the limit strikes, the batch's documents not done yet go again one by one, each with
        its own limit, so only the one that is too slow fails."""
        from ..limits import DocumentTimeout, document_time_limit

        tasks, self._pending = self._pending, []
        if self.doc_timeout:
            warm()  # loading is not the first document's fault
        outcomes = handle_many(tasks)
        done = 0
        while done < len(tasks):
            try:
                with document_time_limit(self.doc_timeout, tasks[done].raw.path):
                    outcome = next(outcomes)
            except DocumentTimeout as e:
                outcomes.close()
                if len(tasks) > 1:
                    for task in tasks[done:]:
                        self._pending = [task]
                        self._run()
                    return
                outcome = Outcome(tasks[done].seq, error=describe(e))
            self._finished(outcome)
            done += 1

    def _finished(self, outcome: Outcome) -> None:
        outcome.worker, outcome.peak_rss_mb = f"pid {os.getpid()}", peak_rss_mb()
        self._ready.append(outcome)
