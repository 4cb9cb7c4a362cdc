"""What every scorer shares: running Sitrep in-process as the CLI does, reading exports, normalising names."""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from ..export import document_rows, write_jsonl


def pct(a: float, b: float) -> str:
    return f"{100.0 * a / b:.1f}%" if b else "n/a"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def run_and_export(inputs: Iterable[str], work: Path) -> tuple[Path, Path, object]:
    """Run the whole pipeline on ``inputs`` into a fresh store in ``work``; export events and documents as the
    ``sitrep export`` commands do. Returns (events.jsonl, documents.jsonl, run report)."""
    from ..pipeline import run
    from ..store import Store

    work.mkdir(parents=True, exist_ok=True)
    db = work / "eval.db"
    for f in work.glob("eval.db*"):
        f.unlink()
    store = Store(db)
    report = run(list(inputs), store)
    ev, docs = work / "events.jsonl", work / "documents.jsonl"
    with open(ev, "w", encoding="utf-8", newline="") as f:
        write_jsonl(store.events(), f)
    with open(docs, "w", encoding="utf-8", newline="") as f:
        write_jsonl(document_rows(store), f)
    store.close()
    return ev, docs, report


def workdir(keep: Optional[Path]):
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return _Keep(keep)
    return tempfile.TemporaryDirectory(prefix="sitrep-eval-")


class _Keep:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> str:
        return str(self.path)

    def __exit__(self, *exc) -> None:
        return None


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# -- seeds-style gold (rules of shared/tools/score_events.py) ---------------------------------------------------
def norm(s: Optional[str]) -> str:
    s = (s or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def text_norm(s: Optional[str]) -> str:
    s = (s or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


# -- everything ---------------------------------------------------------------------------------------------------
def today() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
