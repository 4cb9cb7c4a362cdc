"""One ``sitrep run`` per store at a time; the second waits with a clear message (or refuses with one).

``run_lock(target)`` gives the lock for a ``--db`` value: for a PostgreSQL URL a session-level advisory lock
(:class:`sitrep.store.postgres.PgRunLock`, same waiting and ``--no-wait`` semantics); for a SQLite file:

SQLite already serialises writers (each document is one ``BEGIN IMMEDIATE`` transaction, with a busy timeout),
so two runs would interleave safely, but they would process the same new documents twice and race in the
fusion stage. A run therefore holds an advisory ``flock`` on ``STORE.lock`` (a sidecar file beside the store)
for its whole batch. The kernel drops the lock when the process exits in any way, SIGKILL included, so a
crashed run never leaves a stale lock behind. Readers (exports, ``sitrep serve``) take no lock: WAL readers never
block and are never blocked by the writer.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Callable, Optional


class StoreBusy(Exception):
    """Another ``sitrep run`` holds the store."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def run_lock(target):
    """The run lock for a store (a SQLite path or a PostgreSQL URL): ``acquire(wait=..., on_wait=...)``,
    ``release()``; ``acquire`` raises :class:`StoreBusy` when another run holds it and ``wait`` is False."""
    from .target import is_url

    if is_url(target):
        from .postgres import PgRunLock
        return PgRunLock(target)
    return RunLock(Path(target))


class RunLock:
    def __init__(self, db: Path):
        self.path = lock_path(Path(db))
        self.fd: Optional[int] = None

    def holder(self) -> str:
        try:
            pid = self.path.read_text(encoding="ascii").strip()
        except OSError:
            pid = ""
        return f"pid {pid}" if pid.isdigit() else "another process"

    def acquire(self, wait: bool = True, on_wait: Callable[[str], None] = lambda msg: None,
                timeout: Optional[float] = None, poll: float = 0.2) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        told = False
        start = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                who = self.holder()
                if not wait:
                    os.close(fd)
                    raise StoreBusy(f"another `sitrep run` ({who}) is writing to this store; "
                                    f"try again when it has finished (or run without --no-wait to wait)")
                if timeout is not None and time.monotonic() - start > timeout:
                    os.close(fd)
                    raise StoreBusy(f"another `sitrep run` ({who}) still holds this store after {timeout:g} s")
                if not told:
                    on_wait(f"another `sitrep run` ({who}) is writing to this store; waiting for it to finish "
                            f"(Ctrl-C to stop; --no-wait refuses instead)")
                    told = True
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            finally:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
                os.close(self.fd)
                self.fd = None

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
