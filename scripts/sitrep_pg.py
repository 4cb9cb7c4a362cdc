#!/usr/bin/env python3
"""`sitrep` with the `--db FILE` of each call replaced by the PostgreSQL URL in $SITREP_PG_URL.

For the shared scorers, which always pass `--db FILE`: score a PostgreSQL store with the same command, e.g.
    SITREP_PG_URL=postgresql://analyst@127.0.0.1:5432/fakes \
        python3 ../shared/tools/score_fakes.py CSV --sitrep $PWD/scripts/sitrep_pg.py --keep DIR
(the database should be empty: the scorer expects a fresh store).
"""
import os
import sys
from pathlib import Path

args = sys.argv[1:]
if "--db" in args:
    args[args.index("--db") + 1] = os.environ["SITREP_PG_URL"]
exe = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "sitrep"
os.execv(str(exe), [str(exe), *args])
