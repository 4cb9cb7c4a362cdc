"""The ``sitrep`` command.

Exit status (every command): 0 success; 1 some input failed (each failure printed as one ``error:`` line on
stderr naming the file and the reason; everything else was processed and stored); 2 usage error; 3 the store
cannot be opened or written.
"""
from __future__ import annotations

import os
import sys

# the commands register themselves on the app in this order (the order `sitrep --help` lists them)
from . import run, export, places, store, evals  # noqa: F401,E402
from .common import EXIT_OK, app


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `sitrep export ... | head`
        sys.stderr.close()
        os._exit(EXIT_OK)


if __name__ == "__main__":
    main()
