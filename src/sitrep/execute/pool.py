"""Local worker processes: ``sitrep run --workers N``.

Each worker is a process holding the models (loaded once, before its first document) and one pipe to the
driver; the driver sends it a batch of up to ``BATCH`` documents (parsed in one call of the language model, whose
cost per call is then paid once per batch: ``sitrep.execute.work.handle_many``), gets back each document's outcome
as it is done, and waits on every pipe and every process at once (``multiprocessing.connection.wait``), so it sees
a result, a worker that died, and a document past its time limit without threads or polling. Hence:

* a document over the per-document time limit (``--doc-timeout``, counted from the batch's start to its first
  outcome, then from one outcome to the next) is stopped by killing its worker (SIGKILL), so a stall inside one C
  call (a regular expression, a parser) is stopped too; the batch's documents not done go again one by one, each
  with its own limit, so the slow one gets the usual ``DocumentTimeout`` error line and a fresh worker takes the
  next document;
* a worker that dies (killed from outside, out of memory, a crash in native code) loses nothing: its documents
  not done are given to other workers once more, one by one, and one is reported as an error line if its worker
  dies again;
* the driver is the only process that touches the store.

Workers are forked from a ``forkserver`` process that imported Sitrep and loaded the models once
(``sitrep.execute.preload``): a worker, or its replacement after a kill, starts in milliseconds and shares the
loaded models' memory pages with its siblings until it writes to them. The fork server is a fresh process started
for this purpose, so workers never inherit the driver's open store, run lock or threads. If the driver dies, the
fork server exits and the kernel kills every worker (``PR_SET_PDEATHSIG``): nothing is left running.

Why not ``concurrent.futures.ProcessPoolExecutor`` (or loky): one worker that dies breaks the whole pool, and a
task cannot be stopped. Pebble's pool can stop a task but shares one channel, guarded by a lock, between all
workers: a worker killed while holding it stalls the others. One pipe per worker has no shared state to lose.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_any
from typing import Any, Optional

from . import Executor, ExecutorError, Outcome, Task

RETRIES = 1  # a document whose worker died is tried once more before it is reported
BATCH = 8  # documents a worker is sent at once and parses in one call of the language model
START_FAILURES = 5  # workers in a row that die before their first document: the pool cannot work


PRELOAD = ["sitrep.execute.preload"]


def start_server() -> None:
    """Start the fork server now without waiting for it: it loads the models (``PRELOAD``) while this process goes
    on; the first worker started waits for that loading to end. Workers inherit the fork server's environment as it
    was when it started."""
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    try:
        forkserver.ensure_running()
    except (OSError, ValueError):  # the workers' start reports it, with the reason
        pass


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent (the fork server) exits, and let the fork server exit when the
    driver does (it waits until no process holds its "alive" pipe; every forked process inherits one end)."""
    try:
        from multiprocessing import forkserver

        fd = forkserver._forkserver._forkserver_alive_fd
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None
    except (AttributeError, OSError):
        pass
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


def worker_main(conn, parent_pid: int) -> None:
    """A worker's life: load the models, say so, then process documents until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    _die_with_parent()
    from .work import handle_many, peak_rss_mb, warm

    warm()
    me = f"pid {os.getpid()}"
    try:
        conn.send(("ready", me))
        while True:
            tasks = conn.recv()
            if tasks is None:
                return
            for task, outcome in zip(tasks, handle_many(tasks)):
                outcome.worker, outcome.peak_rss_mb = me, peak_rss_mb()
                try:
                    conn.send(outcome)
                except Exception as e:  # noqa: BLE001 - an outcome that cannot be sent is that document's error
                    conn.send(Outcome(task.seq, worker=me,
                                      error=f"cannot send the result to the driver ({type(e).__name__}: {e})"))
    except (EOFError, OSError):  # the driver is gone
        return


@dataclass
class _Worker:
    proc: Any
    conn: Any
    ready: bool = False
    tasks: list[Task] = field(default_factory=list)  # sent and not yet returned, in the order it processes them
    deadline: Optional[float] = None
    done: int = 0


class ProcessExecutor(Executor):
    name = "worker processes"

    def __init__(self, workers: int, doc_timeout: Optional[float] = None, batch: int = BATCH):
        self.n = max(1, workers)
        self.batch = max(1, batch)
        self.alone: set[int] = set()  # documents of a batch that failed as a whole: sent again one by one
        self.doc_timeout = doc_timeout if doc_timeout and doc_timeout > 0 else None
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(PRELOAD)
        self.pool: list[_Worker] = []
        self.backlog: deque[Task] = deque()
        self.attempts: dict[int, int] = {}
        self.outcomes: list[Outcome] = []
        self.start_failures = 0
        self.closed = False
        for _ in range(self.n):
            self._start()

    # -- interface -------------------------------------------------------------------------------------------
    @property
    def capacity(self) -> int:
        return self.n * self.batch

    @property
    def workers(self) -> int:
        return self.n

    @property
    def in_flight(self) -> int:
        return len(self.backlog) + sum(len(w.tasks) for w in self.pool) + len(self.outcomes)

    def submit(self, task: Task) -> None:
        self.backlog.append(task)
        if len(self.backlog) >= self.batch:  # a full batch for an idle worker; the rest waits for wait()
            self._dispatch()

    def wait(self) -> list[Outcome]:
        while not self.outcomes:
            self._dispatch()
            if self.outcomes:
                break
            timeout = None
            deadlines = [w.deadline for w in self.pool if w.deadline is not None]
            if deadlines:
                timeout = max(0.0, min(deadlines) - time.monotonic())
            waitables = [w.conn for w in self.pool] + [w.proc.sentinel for w in self.pool]
            ready = set(wait_any(waitables, timeout))
            for w in list(self.pool):
                if w.conn in ready:
                    self._receive(w)
            for w in list(self.pool):
                if w in self.pool and w.proc.sentinel in ready and not w.proc.is_alive():
                    self._died(w)
            now = time.monotonic()
            for w in list(self.pool):
                if w.deadline is not None and now >= w.deadline and w.tasks:
                    self._time_out(w)
        out, self.outcomes = self.outcomes, []
        return out

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for w in self.pool:
            try:
                if not w.tasks:
                    w.conn.send(None)
                else:
                    w.proc.kill()
            except (OSError, ValueError):
                pass
        end = time.monotonic() + 5
        for w in self.pool:
            w.proc.join(max(0.0, end - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
            w.conn.close()
        self.pool = []

    # -- mechanics -------------------------------------------------------------------------------------------
    def _start(self) -> None:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_main, args=(child, os.getpid()), name="sitrep-worker", daemon=True)
        try:
            proc.start()
        except (OSError, EOFError, ConnectionError) as e:
            raise ExecutorError(f"cannot start a worker process ({type(e).__name__}: {e})") from e
        finally:
            child.close()
        self.pool.append(_Worker(proc=proc, conn=parent))

    def _dispatch(self) -> None:
        for w in self.pool:
            if not self.backlog:
                return
            if w.ready and not w.tasks:
                tasks = [self.backlog.popleft()]
                while (self.backlog and len(tasks) < self.batch and tasks[0].seq not in self.alone
                       and self.backlog[0].seq not in self.alone):
                    tasks.append(self.backlog.popleft())
                try:
                    w.conn.send(tasks)
                except (OSError, ValueError):  # it died in between: the sentinel will tell
                    self.backlog.extendleft(reversed(tasks))
                    continue
                w.tasks = tasks
                # the limit counts from the batch's start to its first outcome, then from each outcome to the next
                w.deadline = time.monotonic() + self.doc_timeout if self.doc_timeout else None

    def _receive(self, w: _Worker) -> None:
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            w.proc.join(5)
            self._died(w)
            return
        if isinstance(msg, tuple) and msg and msg[0] == "ready":
            w.ready = True
            self.start_failures = 0
            return
        if isinstance(msg, Outcome) and w.tasks and msg.seq == w.tasks[0].seq:
            self.attempts.pop(msg.seq, None)
            self.alone.discard(msg.seq)
            self.outcomes.append(msg)
            w.tasks = w.tasks[1:]
            w.deadline = time.monotonic() + self.doc_timeout if self.doc_timeout and w.tasks else None
            w.done += 1

    def _replace(self, w: _Worker) -> None:
        if w in self.pool:
            self.pool.remove(w)
        try:
            w.conn.close()
        except OSError:
            pass
        if not self.closed:
            self._start()

    def _died(self, w: _Worker) -> None:
        if w not in self.pool:
            return
        code = w.proc.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        tasks = w.tasks
        if not w.ready and not tasks:
            self.start_failures += 1
            if self.start_failures >= START_FAILURES:
                self.pool.remove(w)
                raise ExecutorError(f"worker processes die as they start ({how}); see the messages above")
        self._replace(w)
        again = []
        for task in tasks:  # each document of the batch not returned counts the death; they go again one by one
            n = self.attempts.get(task.seq, 0) + 1
            self.attempts[task.seq] = n
            if n <= RETRIES:
                again.append(task)
                if len(tasks) > 1:
                    self.alone.add(task.seq)
            else:
                self.attempts.pop(task.seq, None)
                self.alone.discard(task.seq)
                self.outcomes.append(Outcome(task.seq, error=f"the worker process processing it died ({how}) "
                                                              f"{n} times; skipped"))
        self.backlog.extendleft(reversed(again))

    def _time_out(self, w: _Worker) -> None:
        tasks = w.tasks
        w.proc.kill()
        w.proc.join(10)
        self._replace(w)
        if len(tasks) > 1:
            self.alone.update(t.seq for t in tasks)  # one of them is too slow: each alone, with its own limit
            self.backlog.extendleft(reversed(tasks))
            return
        for task in tasks:
            self.attempts.pop(task.seq, None)
            self.alone.discard(task.seq)
            self.outcomes.append(Outcome(task.seq, error=f"DocumentTimeout: took longer than the per-document "
                                                          f"time limit ({self.doc_timeout:g} s); skipped"))
