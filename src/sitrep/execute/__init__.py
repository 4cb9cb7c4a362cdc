"""Executors: where documents are processed, behind one interface, so ``pipeline.run`` has one loop.

``pipeline.run`` reads the input, decides which documents need processing, and hands each one to an executor as
a :class:`Task`; the executor runs :func:`sitrep.execute.work.handle` (``pipeline.process`` plus the document's
error handling) somewhere and gives back an :class:`Outcome` per task, in whatever order they complete. The
driver alone touches the store: it writes outcomes in input order, one transaction per document, and fuses at the
end, so crash safety, the run lock and idempotency are those of a one-process run (docs/RELIABILITY.md) and the
exports are identical whatever executed the documents.

Three executors:

* :class:`~sitrep.execute.inline.InlineExecutor`: in the calling process (library use, ``--workers 0``);
* :class:`~sitrep.execute.pool.ProcessExecutor`: N local worker processes (``--workers N``, the default), each
  with the models loaded once; a document over its time limit is killed with its worker;
* :class:`~sitrep.execute.cluster.DaskExecutor`: the workers of a ``dask.distributed`` cluster
  (``--scheduler tcp://HOST:8786``), models loaded once per worker by a worker plugin.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from ..models import ProcessedDocument, RawDocument


class ExecutorError(Exception):
    """The executor itself cannot work (scheduler unreachable, worker processes that cannot start)."""


@dataclass
class Task:
    """One document to process; ``seq`` is its position in the run's input (outcomes are written in that order)."""

    seq: int
    raw: RawDocument
    full_parse: Optional[bool] = None  # no cascade (sitrep.cascade); None: the worker's default (sitrep.cascade)


@dataclass
class Outcome:
    """What processing one document gave: the derived records, or the reason it failed (one line)."""

    seq: int
    processed: Optional[ProcessedDocument] = None
    error: Optional[str] = None
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    worker: Optional[str] = None
    peak_rss_mb: Optional[float] = None
    pipeline_version: Optional[str] = None
    # the document's control statements (sitrep.control.statement_rows), computed beside its processing so that
    # fusion, serial in the driver, only stores them; None: not computed here (fusion computes them)
    control: Optional[list[tuple]] = None
    # CPU seconds the processing took on its worker thread (what a Dask batch is sized by: wall time grows with the
    # machine's load, the work does not); None: not measured
    cpu_seconds: Optional[float] = None


class Executor:
    """Processes tasks somewhere. Subclasses implement :meth:`submit`, :meth:`wait`, :attr:`in_flight`,
    :attr:`capacity` and :meth:`close`; :meth:`map` is the loop every run uses."""

    name = "executor"

    @property
    def capacity(self) -> int:
        """How many tasks it takes at once (submitted and not yet returned)."""
        raise NotImplementedError

    @property
    def in_flight(self) -> int:
        raise NotImplementedError

    def submit(self, task: Task) -> None:
        raise NotImplementedError

    def wait(self) -> list[Outcome]:
        """Block until at least one submitted task has an outcome; return every outcome ready."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, tasks: Iterable[Task], hold: Callable[[], bool] = lambda: False) -> Iterator[Outcome]:
        """Process ``tasks`` (pulled lazily, at most :attr:`capacity` at a time) and yield outcomes as they come.

        ``hold()`` true means "take no new task until an outcome comes back" (the caller's reorder buffer is full);
        it is ignored while nothing is in flight, so the loop can never wait on itself."""
        it = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and self.in_flight < self.capacity and not (self.in_flight and hold()):
                try:
                    task = next(it)
                except StopIteration:
                    exhausted = True
                    break
                self.submit(task)
            if not self.in_flight:
                if exhausted:
                    return
                continue
            yield from self.wait()


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def prestart(workers: Optional[int] = None, scheduler: Optional[str] = None) -> None:
    """Start loading what the local worker processes need now, when :func:`make_executor` will start them: the
    fork server imports Sitrep and loads the models (about 2 s) while the caller still imports its own modules, takes
    the run lock and opens the store. Call it once the environment the workers must inherit is set."""
    if scheduler or (default_workers() if workers is None else workers) <= 0:
        return
    from .pool import start_server

    start_server()


def make_executor(workers: Optional[int] = None, scheduler: Optional[str] = None,
                  doc_timeout: Optional[float] = None, connect_timeout: float = 10.0) -> Executor:
    """The executor a ``sitrep run`` asks for: a Dask cluster when ``scheduler`` is given, else ``workers`` local
    processes (default: one per core), or the calling process itself for ``workers == 0``."""
    if scheduler:
        from .cluster import DaskExecutor

        return DaskExecutor(scheduler, doc_timeout=doc_timeout, connect_timeout=connect_timeout)
    n = default_workers() if workers is None else workers
    if n <= 0:
        from .inline import InlineExecutor

        return InlineExecutor(doc_timeout)
    from .pool import ProcessExecutor

    return ProcessExecutor(n, doc_timeout=doc_timeout)
