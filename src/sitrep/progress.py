"""Progress on a terminal (documents done, documents per second, what is left), silence in pipes; error lines
always.

What is left is estimated before the run starts, only on a terminal: one document per input file and one per
non-empty line of a ``.jsonl`` file (stdin cannot be counted ahead, so a run reading it shows no total).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Optional


def estimate_documents(paths: Iterable[str]) -> Optional[int]:
    """How many documents ``sitrep run PATHS`` will read; None when it cannot be known ahead (stdin)."""
    from .ingest import _walk

    total = 0
    for given in paths:
        if given == "-":
            return None
        p = Path(given)
        files = _walk(p) if p.is_dir() else [p] if p.exists() else []
        for f in files:
            if f.suffix.lower() == ".jsonl":
                try:
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


class Progress:
    def __init__(self, enabled: bool = True, stream=None, total: Optional[int] = None,
                 paths: Optional[Iterable[str]] = None, label: str = "sitrep run", unit: str = "documents"):
        self.stream = stream or sys.stderr
        self.live = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = total
        self._paths = list(paths) if paths is not None else None
        self.label, self.unit = label, unit
        self._progress = None
        self._task: Optional[int] = None
        self.done = 0
        self.failed = 0
        self.start = time.perf_counter()

    def __enter__(self) -> "Progress":
        if self.live:
            from rich.console import Console
            from rich.progress import (BarColumn, Progress as RichProgress, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            if self.total is None and self._paths is not None:
                self.total = estimate_documents(self._paths)
            columns = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.total is not None:
                columns += [BarColumn(bar_width=20), TextColumn("{task.completed}/{task.total} " + self.unit),
                            TextColumn("{task.fields[left]} left"), TextColumn("{task.fields[rate]:.1f}/s"),
                            TextColumn("{task.fields[failed]} failed"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
            else:
                columns += [TextColumn("{task.completed} " + self.unit), TextColumn("{task.fields[rate]:.1f}/s"),
                            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn()]
            self._progress = RichProgress(*columns, console=Console(file=self.stream), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total, rate=0.0, failed=0,
                                                 left=self.total if self.total is not None else "?")
        self.start = time.perf_counter()
        return self

    def advance(self, path: str) -> None:
        self.done += 1
        if self._progress is not None:
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            left = max(self.total - self.done, 0) if self.total is not None else "?"
            self._progress.update(self._task, advance=1, rate=rate, left=left, failed=self.failed,
                                  description=_short(path))
            self._progress.refresh()

    def fail(self) -> None:
        """One more document failed (its error line is logged separately)."""
        self.failed += 1
        if self._progress is not None:
            self._progress.update(self._task, failed=self.failed)

    def log(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]
