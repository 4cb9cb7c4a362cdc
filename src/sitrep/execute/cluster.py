"""A ``dask.distributed`` cluster as executor: ``sitrep run ... --scheduler tcp://HOST:8786``.

The driver (the ``sitrep run`` process) stays what it is with local workers: it reads the input, sends each
document that needs processing to the cluster as one task, and writes the outcomes through the store's single
writer, in input order, then fuses once. Every worker loads the models once, when the :class:`SitrepModels`
worker plugin is set up on it (also on workers that join later), and runs one document at a time per process (a
lock: spaCy's pipeline is not meant to be shared between threads; run workers with ``--nthreads 1`` and one
process per core). A worker lost mid-batch costs nothing: the scheduler gives its tasks to another worker (after
``distributed.scheduler.allowed-failures`` lost workers a document is reported as an error line). The driver keeps
at most two tasks per worker thread in flight, so a batch of any size streams through.

The per-document time limit counts from the document's submission; a document past it is reported
(``DocumentTimeout``) and its task cancelled, but a Dask worker's thread cannot be stopped from outside: a document
that never returns keeps that worker busy until it is restarted (``dask worker`` under its nanny). Local worker
processes (``--workers``) kill such a document with its worker.
"""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Optional

from . import Executor, ExecutorError, Outcome, Task
from .work import describe

_ONE_AT_A_TIME = threading.Lock()


def run_task(task: Task) -> Outcome:
    """What a Dask worker runs for one document."""
    import os

    from .work import handle, peak_rss_mb

    with _ONE_AT_A_TIME:
        outcome = handle(task)
    outcome.peak_rss_mb = peak_rss_mb()
    outcome.worker = f"pid {os.getpid()}"
    return outcome


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask is a dependency; this keeps the module importable without it
    _WorkerPlugin = object


class SitrepModels(_WorkerPlugin):
    """Loads spaCy, the gazetteer and the lexicons once per worker process, off the worker's event loop."""

    idempotent = True

    async def setup(self, worker) -> None:  # noqa: ARG002 - the plugin interface
        from .work import warm

        await asyncio.get_running_loop().run_in_executor(None, warm)


class DaskExecutor(Executor):
    name = "Dask cluster"

    def __init__(self, address: str, doc_timeout: Optional[float] = None, connect_timeout: float = 10.0):
        try:
            from distributed import Client
        except ImportError as e:  # pragma: no cover
            raise ExecutorError(f"{address}: dask.distributed is not installed ({e})") from e
        try:
            from distributed.comm import get_address_host_port, parse_address
            from distributed.comm.registry import backends

            scheme, _ = parse_address(address, strict=False)
            if scheme not in backends:
                raise ValueError(scheme)
            if scheme in ("tcp", "tls"):
                get_address_host_port(address)
        except (ValueError, TypeError) as e:
            raise ExecutorError(f"{address}: not a Dask scheduler address (tcp://HOST:PORT)") from e
        self.address = address
        self.doc_timeout = doc_timeout if doc_timeout and doc_timeout > 0 else None
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, asyncio.TimeoutError) as e:
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise ExecutorError(f"{address}: cannot reach the Dask scheduler ({reason})") from e
        try:
            self.client.register_plugin(SitrepModels(), name="sitrep-models")
        except Exception as e:  # noqa: BLE001
            self.client.close()
            raise ExecutorError(f"{address}: the workers cannot load Sitrep's models ({describe(e)})") from e
        self.token = uuid.uuid4().hex[:12]
        self.futures: dict = {}  # future -> (task, submitted at)
        self.outcomes: list[Outcome] = []

    @property
    def workers(self) -> int:
        try:
            return len(self.client.scheduler_info(n_workers=-1)["workers"])
        except Exception:  # noqa: BLE001
            return 0

    @property
    def capacity(self) -> int:
        try:
            threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info(n_workers=-1)["workers"].values())
        except Exception:  # noqa: BLE001
            threads = 1
        return max(2, 2 * threads)

    @property
    def in_flight(self) -> int:
        return len(self.futures) + len(self.outcomes)

    def submit(self, task: Task) -> None:
        fut = self.client.submit(run_task, task, key=f"sitrep-{self.token}-{task.seq}", pure=False)
        self.futures[fut] = (task, time.monotonic())

    def wait(self) -> list[Outcome]:
        from distributed import wait as wait_futures

        while not self.outcomes:
            timeout = 5.0
            if self.doc_timeout:
                first = min(t0 for _, t0 in self.futures.values()) + self.doc_timeout
                timeout = max(0.0, min(timeout, first - time.monotonic()))
            try:
                with self.client.as_current():
                    done, _ = wait_futures(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
            except (TimeoutError, asyncio.TimeoutError):
                done = set()
            for fut in done:
                self._collect(fut)
            if self.doc_timeout:
                now = time.monotonic()
                for fut, (task, t0) in list(self.futures.items()):
                    if now - t0 >= self.doc_timeout and fut not in done:
                        del self.futures[fut]
                        fut.cancel()
                        self.outcomes.append(Outcome(task.seq, error="DocumentTimeout: took longer than the "
                                                     f"per-document time limit ({self.doc_timeout:g} s); skipped"))
        out, self.outcomes = self.outcomes, []
        return out

    def _collect(self, fut) -> None:
        from .. import PIPELINE_VERSION

        task, _ = self.futures.pop(fut)
        if fut.status == "finished":
            outcome = fut.result()
            if outcome.pipeline_version != PIPELINE_VERSION:
                outcome = Outcome(task.seq, error=f"the Dask worker runs Sitrep pipeline {outcome.pipeline_version}, "
                                  f"this driver {PIPELINE_VERSION}: install the same Sitrep on every worker")
        else:
            try:
                exc = fut.exception()
            except Exception as e:  # noqa: BLE001 - cancelled futures raise here
                exc = e
            if type(exc).__name__ == "KilledWorker":
                error = "the Dask workers processing it died too often (KilledWorker); skipped"
            else:
                error = describe(exc) if exc is not None else f"the cluster lost it ({fut.status})"
            outcome = Outcome(task.seq, error=error)
        fut.release()
        self.outcomes.append(outcome)

    def close(self) -> None:
        for fut in list(self.futures):
            fut.cancel()
        self.futures.clear()
        try:
            self.client.close()
        except Exception:  # noqa: BLE001
            pass
