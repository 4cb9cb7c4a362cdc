"""Progress on a terminal (documents done, documents per second), silence in pipes; error lines always."""
from __future__ import annotations

import sys
import time
from typing import Optional


class Progress:
    def __init__(self, enabled: bool = True, stream=None):
        self.stream = stream or sys.stderr
        self.live = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self._progress = None
        self._task: Optional[int] = None
        self.done = 0
        self.start = time.perf_counter()

    def __enter__(self) -> "Progress":
        if self.live:
            from rich.console import Console
            from rich.progress import Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = RichProgress(SpinnerColumn(), TextColumn("{task.description}"),
                                          TextColumn("{task.completed} documents"),
                                          TextColumn("{task.fields[rate]:.1f}/s"), TimeElapsedColumn(),
                                          console=Console(file=self.stream), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("sitrep run", total=None, rate=0.0)
        return self

    def advance(self, path: str) -> None:
        self.done += 1
        if self._progress is not None:
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            self._progress.update(self._task, advance=1, rate=rate, description=_short(path))

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
