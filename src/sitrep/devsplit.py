"""The development discipline: every set Sitrep is tuned on is split into a part developers read and a part they
only score, by a fixed hash of the item's id, so a figure on the unread part says what carries over to articles
nobody here has read.

The rule is the one the gazetteer build already uses for UCDP place names: sha1 of the key (UTF-8), last hex digit
even = ``read``, odd = ``unread``. The key is the item's own id, never its position in a file:

- FA-KES: ``unit_id``;
- CASE 2021: ``id``;
- GVC (fusion): the gold *incident* id, so every article of an incident is on the same side;
- UCDP place strings: the normalised name (``scripts/build_gazetteer.py``).

``write_splits`` writes each set's two parts as files of the set's own format, so the shared scorers run on a
part exactly as on the whole (``sitrep eval split --data ../shared/data --out out/splits``).
"""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Iterable

PARTS = ("read", "unread")


def part(key: object) -> str:
    """``read`` or ``unread`` for an item id (str or int)."""
    return "read" if int(hashlib.sha1(str(key).strip().encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "unread"


def _write_delimited(src: Path, dest: Path, key_column: str, delimiter: str) -> dict[str, int]:
    with open(src, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        fields = reader.fieldnames or []
        rows = list(reader)
    if key_column not in fields:
        raise ValueError(f"{src}: no column {key_column!r}")
    counts = {}
    for p in PARTS:
        chosen = [r for r in rows if part(r[key_column]) == p]
        out = dest / f"{src.stem}.{p}{src.suffix}"
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, delimiter=delimiter, lineterminator="\n")
            w.writeheader()
            w.writerows(chosen)
        counts[str(out)] = len(chosen)
    return counts


def _write_gvc(docs: Path, gold: Path, dest: Path) -> dict[str, int]:
    g = json.loads(gold.read_text(encoding="utf-8"))
    doc_to_inc = {str(k): str(v) for k, v in g["doc_to_incident"].items()}
    lines = [l for l in docs.read_text(encoding="utf-8").splitlines() if l.strip()]
    counts = {}
    for p in PARTS:
        folder = dest / f"gvc.{p}"
        folder.mkdir(parents=True, exist_ok=True)
        keep = {d for d, inc in doc_to_inc.items() if part(inc) == p}
        chosen = [l for l in lines if str(json.loads(l).get("id")) in keep]
        (folder / "docs.jsonl").write_text("".join(l + "\n" for l in chosen), encoding="utf-8")
        sub = dict(g)
        sub["doc_to_incident"] = {d: i for d, i in doc_to_inc.items() if d in keep}
        sub["incidents"] = {i: v for i, v in (g.get("incidents") or {}).items() if part(i) == p}
        (folder / "gold.json").write_text(json.dumps(sub, ensure_ascii=False, indent=1), encoding="utf-8")
        counts[str(folder)] = len(chosen)
    return counts


def write_splits(data: Path, dest: Path) -> dict[str, int]:
    """Write the read and unread parts of every tuning set present in ``data`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    fakes, case = data / "fa-kes-dev.csv", data / "case2021-task2-dev.tsv"
    if fakes.exists():
        counts.update(_write_delimited(fakes, dest, "unit_id", ","))
    if case.exists():
        counts.update(_write_delimited(case, dest, "id", "\t"))
    if (data / "gvc" / "docs.jsonl").exists():
        counts.update(_write_gvc(data / "gvc" / "docs.jsonl", data / "gvc" / "gold.json", dest))
    return counts


def select(items: Iterable[dict], key: str, which: str) -> list[dict]:
    """The items of one part (``read``, ``unread``), or all of them for ``all``."""
    return [it for it in items if which == "all" or part(it[key]) == which]
