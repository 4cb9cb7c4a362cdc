"""Per-document limits: one bad document cannot stall a batch.

``document_time_limit(seconds, path)`` arms a real-time interval timer (``signal.setitimer``) around one
document's processing; when it fires, :class:`DocumentTimeout` is raised in the main thread at the next Python
bytecode, the pipeline records a clear error naming the file and goes on with the next document. Python threads
cannot be killed, so this is the standard Unix way (pytest-timeout's ``signal`` method and Celery's soft time
limit work the same way). Limits: it only works in the main thread on Unix (elsewhere it does nothing), and a
single C call that never returns to Python (one huge regular-expression match, one lxml parse) is interrupted
only when it returns; the ingest size limit (``--max-bytes``) bounds those.

Fault injection for tests (never set in production): ``SITREP_FAULT_SLOW=SUBSTRING[:SECONDS]`` makes every
document whose path contains SUBSTRING spin in Python for SECONDS (default 3600) before processing, the way a
pathological input would; ``SITREP_FAULT_FAIL=SUBSTRING`` makes such documents raise;
``SITREP_FAULT_HOLD=SUBSTRING:FILE`` holds such documents until FILE exists (a test releases them when it
has seen what it waits for: waiting on state, not on time); ``SITREP_FAULT_HANG=SUBSTRING`` blocks every signal
and sleeps inside one C call for an hour (what no timer can interrupt: only killing the worker process stops it); ``SITREP_FAULT_CRASH=SUBSTRING`` makes the process
processing such a document kill itself (SIGKILL), as a crash in native code would. The hooks are read from
the environment so that a test drives the real ``sitrep`` command in a subprocess without mocking anything.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

DEFAULT_DOC_TIMEOUT = 120.0  # seconds; a long article takes 1-5 s on one core


class DocumentTimeout(Exception):
    """A document took longer than the per-document time limit."""


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def document_time_limit(seconds: Optional[float], what: str = "document") -> Iterator[None]:
    """Raise :class:`DocumentTimeout` inside the block when it runs longer than ``seconds`` (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not _can_arm():
        yield
        return

    def _expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise DocumentTimeout(f"took longer than the per-document time limit ({seconds:g} s); skipped")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fault_hook(path: str) -> None:
    """Test-only faults injected through the environment (see the module docstring)."""
    slow = os.environ.get("SITREP_FAULT_SLOW")
    if slow:
        needle, _, secs = slow.partition(":")
        if needle and needle in path:
            end = time.monotonic() + (float(secs) if secs else 3600.0)
            while time.monotonic() < end:  # a stalled stage (sleeps in short steps: no core burnt in tests)
                time.sleep(min(0.05, max(end - time.monotonic(), 0)))
    hold = os.environ.get("SITREP_FAULT_HOLD")
    if hold:
        needle, _, release = hold.partition(":")
        if needle and needle in path and release:
            end = time.monotonic() + 3600
            while not os.path.exists(release) and time.monotonic() < end:  # held until the test says so
                time.sleep(0.05)
    fail = os.environ.get("SITREP_FAULT_FAIL")
    if fail and fail in path:
        raise RuntimeError(f"injected fault (SITREP_FAULT_FAIL={fail})")
    hang = os.environ.get("SITREP_FAULT_HANG")
    if hang and hang in path:  # stuck inside one C call that no signal interrupts (as a native library can be)
        import ctypes

        signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.valid_signals()) - {signal.SIGKILL, signal.SIGSTOP})
        ctypes.CDLL(None).sleep(3600)
    crash = os.environ.get("SITREP_FAULT_CRASH")
    if crash and crash in path:  # the process dies at once, as on a crash in native code
        os.kill(os.getpid(), signal.SIGKILL)


WARM_UP_TEXT = ("Syrian government forces shelled the town of Khan Shaykhun in Idlib on Monday 7 May 2018, killing five "
                "civilians, the Syrian Observatory for Human Rights said.")
_warm = False


def warm_up(process) -> None:
    """Load the models and data every stage loads lazily (spaCy, lingua, gazetteer, lexicons, trafilatura) once,
    outside any document's time limit: loading is not the first document's fault."""
    global _warm
    if _warm:
        return
    _warm = True
    from .ingest import doc_id_for
    from .models import RawDocument

    for kind, content in (("txt", WARM_UP_TEXT), ("html", f"<html><body><p>{WARM_UP_TEXT}</p></body></html>")):
        try:
            process(RawDocument(doc_id=doc_id_for(kind, content), path="(warm-up)", kind=kind, content=content))
        except Exception:  # noqa: BLE001 - a failure here shows again, with its file, on the real document
            pass
