"""A ``dask.distributed`` cluster as executor: ``sitrep run ... --scheduler tcp://HOST:8786``.

The driver (the ``sitrep run`` process) stays what it is with local workers: it reads the input, sends the
documents that need processing to the cluster, and writes the outcomes through the store's single writer, in
input order, then fuses once. Documents travel in batches, one task each, sized from the per-document time the
workers report so that a task is about a second of work (CPU time on the worker, so that batches do not shrink
to one document when the machine is loaded; the first documents go one per task; at most ``MAX_BATCH``): the scheduler's, the comm's and the driver's cost per task is then paid once per batch. A batch
that fails as a whole (its worker lost too often, or past its time limit) is split, and its documents sent again
one per task, so that only the document at fault is reported. Every worker loads the models once, when the :class:`SitrepModels`
worker plugin is set up on it (also on workers that join later), limits the numeric libraries to one thread, and
runs one document at a time per process (a lock: spaCy's pipeline is not meant to be shared between threads; run
workers with ``--nthreads 1`` and one process per core: more threads only queue behind the lock). A worker lost mid-batch costs nothing: the scheduler gives its tasks to another worker (after
``distributed.scheduler.allowed-failures`` lost workers a document is reported as an error line). The driver keeps
at most two tasks per worker thread in flight, so an input of any size streams through.

The per-document time limit counts from the document's submission (a batch of n documents has n times the
limit; past it, its documents are sent again one per task); a document past it is reported
(``DocumentTimeout``) and its task cancelled, but a Dask worker's thread cannot be stopped from outside: a document
that never returns keeps that worker busy until it is restarted (``dask worker`` under its nanny). Local worker
processes (``--workers``) kill such a document with its worker.
"""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import Counter
from typing import Optional

from . import Executor, ExecutorError, Outcome, Task
from .work import describe

try:
    from . import daskconfig  # noqa: F401 - Sitrep's defaults for the Dask processes (housekeeping intervals)
except ImportError:  # pragma: no cover - dask is a dependency; this keeps the module importable without it
    pass

_ONE_AT_A_TIME = threading.Lock()
MAX_BATCH = 16        # documents per task at most
TASK_SECONDS = 1.0    # the work a batch aims at, from the workers' per-document CPU time


def run_task(task: Task) -> Outcome:
    """What a Dask worker runs for one document."""
    import os

    from .work import handle, peak_rss_mb

    with _ONE_AT_A_TIME:
        c0 = time.thread_time()
        outcome = handle(task)
        outcome.cpu_seconds = time.thread_time() - c0
    outcome.peak_rss_mb = peak_rss_mb()
    outcome.worker = f"pid {os.getpid()}"
    return outcome


def run_tasks(tasks: list[Task]) -> list[Outcome]:
    """What a Dask worker runs for a batch of documents (each one's failure is its own outcome), their texts parsed
    in one call of the language model (``work.handle_many``); each outcome's CPU time is the time since the one
    before it (the first carries the batch's parsing)."""
    import os

    from .work import handle_many, peak_rss_mb

    out = []
    with _ONE_AT_A_TIME:
        c0 = time.thread_time()
        for outcome in handle_many(tasks):
            c1 = time.thread_time()
            outcome.cpu_seconds, c0 = c1 - c0, c1
            out.append(outcome)
    for outcome in out:
        outcome.peak_rss_mb = peak_rss_mb()
        outcome.worker = f"pid {os.getpid()}"
    return out


def one_thread_per_library() -> None:
    """BLAS and OpenMP in a worker process get one thread: the cores are the worker processes' (one per core), and
    a numeric library spinning a thread per core in each of them would fight over the same cores. (Dask's nanny
    sets the environment variables for the processes it starts; this covers workers started without one.)"""
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1)
    except Exception:  # noqa: BLE001 - an optional refinement: without it the libraries keep their default
        pass


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask is a dependency; this keeps the module importable without it
    _WorkerPlugin = object


class SitrepModels(_WorkerPlugin):
    """Loads spaCy, the gazetteer and the lexicons once per worker process, off the worker's event loop."""

    idempotent = True

    async def setup(self, worker) -> None:
        import logging

        from .work import warm

        one_thread_per_library()
        threads = getattr(getattr(worker, "state", None), "nthreads", None) or getattr(worker, "nthreads", 1)
        if threads > 1:
            logging.getLogger("sitrep").warning(
                "sitrep: this Dask worker has %d threads, but runs one document at a time: start one worker process "
                "per core with --nthreads 1 (dask worker ADDRESS --nworkers auto --nthreads 1)", threads)
        stop_the_profiler(worker)
        await asyncio.get_running_loop().run_in_executor(None, warm)


def stop_the_profiler(worker) -> None:
    """A worker started without Sitrep's Dask settings (``--preload-nanny sitrep.execute.daskconfig``) still runs the
    dashboard's statistical profiler, which samples every thread's stack every 10 ms and takes the GIL from the
    document's thread: stop it, unless the Dask configuration asks for it (importing this module applied Sitrep's
    defaults, so only the user's own setting can)."""
    import dask.config

    if dask.config.get("distributed.worker.profile.enabled", True):
        return
    callbacks = getattr(worker, "periodic_callbacks", {})
    for name in ("profile", "profile-cycle"):
        pc = callbacks.pop(name, None)
        if pc is not None:
            pc.stop()


class DaskExecutor(Executor):
    name = "Dask cluster"

    def __init__(self, address: str, doc_timeout: Optional[float] = None, connect_timeout: float = 10.0,
                 batch: Optional[int] = None):
        """``batch``: documents per task, fixed (default: sized from the workers' speed, see the module)."""
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
        self.futures: dict = {}  # future -> (its tasks, deadline or None)
        self.outcomes: list[Outcome] = []
        self.buffer: list[Task] = []  # tasks not sent yet: the batch being filled
        self.per_doc: Optional[float] = None  # the workers' seconds per document (moving average)
        self.fixed_batch = batch if batch and batch > 0 else None
        self.batches: Counter = Counter()  # documents per task -> tasks sent (splits of failed batches included)
        self._threads = (0, -1e9)  # (worker threads, when counted): counted at most every few seconds

    @property
    def workers(self) -> int:
        try:
            return len(self.client.scheduler_info(n_workers=-1)["workers"])
        except Exception:  # noqa: BLE001
            return 0

    @property
    def threads(self) -> int:
        n, when = self._threads
        if time.monotonic() - when > 5.0:
            try:
                n = sum(w.get("nthreads", 1) for w in self.client.scheduler_info(n_workers=-1)["workers"].values())
            except Exception:  # noqa: BLE001
                n = n or 1
            self._threads = (n, time.monotonic())
        return max(1, n)

    @property
    def batch(self) -> int:
        """Documents per task: about TASK_SECONDS of work once the workers' speed is known, one until then."""
        if self.fixed_batch:
            return self.fixed_batch
        if not self.per_doc:
            return 1
        return max(1, min(MAX_BATCH, int(TASK_SECONDS / self.per_doc)))

    @property
    def capacity(self) -> int:
        return max(2, 2 * self.threads) * self.batch

    @property
    def in_flight(self) -> int:
        return sum(len(tasks) for tasks, _ in self.futures.values()) + len(self.buffer) + len(self.outcomes)

    def submit(self, task: Task) -> None:
        self.buffer.append(task)
        if len(self.buffer) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self._send(self.buffer)
            self.buffer = []

    def _send(self, tasks: list[Task]) -> None:
        deadline = time.monotonic() + self.doc_timeout * len(tasks) if self.doc_timeout else None
        if len(tasks) == 1:
            fut = self.client.submit(run_task, tasks[0], key=f"sitrep-{self.token}-{tasks[0].seq}", pure=False)
        else:
            fut = self.client.submit(run_tasks, tasks, key=f"sitrep-{self.token}-{tasks[0].seq}+{len(tasks)}",
                                     pure=False)
        self.futures[fut] = (tasks, deadline)
        self.batches[len(tasks)] += 1

    def wait(self) -> list[Outcome]:
        from distributed import wait as wait_futures

        self._flush()
        while not self.outcomes:
            timeout = 5.0
            deadlines = [d for _, d in self.futures.values() if d is not None]
            if deadlines:
                timeout = max(0.0, min(timeout, min(deadlines) - time.monotonic()))
            try:
                with self.client.as_current():
                    done, _ = wait_futures(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
            except (TimeoutError, asyncio.TimeoutError):
                done = set()
            for fut in done:
                self._collect(fut)
            now = time.monotonic()
            for fut, (tasks, deadline) in list(self.futures.items()):
                if deadline is not None and now >= deadline and fut not in done:
                    del self.futures[fut]
                    fut.cancel()
                    if len(tasks) > 1:  # one of them is stuck: send each alone, with its own time limit
                        for task in tasks:
                            self._send([task])
                        continue
                    self.outcomes.append(Outcome(tasks[0].seq, error="DocumentTimeout: took longer than the "
                                                 f"per-document time limit ({self.doc_timeout:g} s); skipped"))
        out, self.outcomes = self.outcomes, []
        return out

    def _collect(self, fut) -> None:
        from .. import PIPELINE_VERSION

        tasks, _ = self.futures.pop(fut)
        if fut.status == "finished":
            got = fut.result()
            for task, outcome in zip(tasks, got if isinstance(got, list) else [got]):
                if outcome.pipeline_version != PIPELINE_VERSION:
                    outcome = Outcome(task.seq, error=f"the Dask worker runs Sitrep pipeline "
                                      f"{outcome.pipeline_version}, this driver {PIPELINE_VERSION}: install the "
                                      "same Sitrep on every worker")
                elif outcome.error is None:
                    spent = outcome.cpu_seconds if outcome.cpu_seconds is not None else sum(outcome.timings.values())
                    self.per_doc = spent if self.per_doc is None else 0.8 * self.per_doc + 0.2 * spent
                self.outcomes.append(outcome)
            fut.release()
            return
        try:
            exc = fut.exception()
        except Exception as e:  # noqa: BLE001 - cancelled futures raise here
            exc = e
        fut.release()
        if len(tasks) > 1:  # the batch failed as a whole: send each document alone, so only the culprit fails
            for task in tasks:
                self._send([task])
            return
        if type(exc).__name__ == "KilledWorker":
            error = "the Dask workers processing it died too often (KilledWorker); skipped"
        else:
            error = describe(exc) if exc is not None else f"the cluster lost it ({fut.status})"
        self.outcomes.append(Outcome(tasks[0].seq, error=error))

    def close(self) -> None:
        self.buffer = []
        for fut in list(self.futures):
            fut.cancel()
        self.futures.clear()
        try:
            self.client.close()
        except Exception:  # noqa: BLE001
            pass
