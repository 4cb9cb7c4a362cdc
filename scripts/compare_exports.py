#!/usr/bin/env python3
"""Compare two folders of jsonl exports record by record (all fields) and print every difference.

Usage: compare_exports.py REF_DIR NEW_DIR [--ignore FIELD ...] [--max N]

Made for refactors that must not change behaviour: record the exports of `sitrep run` before the change
(e.g. the --keep folders of the shared scorers, or `sitrep export events|documents --format jsonl`), again
after it, and compare. Every *.jsonl file found (recursively) under REF_DIR is compared with the file of the
same relative path under NEW_DIR. Records are matched by their id (event_id, else doc_id + position among the
records of that doc_id after sorting); fields that differ are printed as `file id field: old -> new`. Records
present on one side only are printed whole. Prints nothing and exits 0 when the folders agree; exits 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def canon(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def load(path: Path, ignore: set[str]) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{n}: not JSON ({e})")
        out.append({k: v for k, v in rec.items() if k not in ignore} if isinstance(rec, dict) else {"_": rec})
    return out


def keyed(records: list[dict]) -> dict[str, dict]:
    """Records by a stable key: event_id when there is one, else doc_id and rank among that doc's records."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        groups[str(r.get("event_id") or r.get("doc_id") or r.get("id") or "")].append(r)
    out = {}
    for k, rs in groups.items():
        rs.sort(key=canon)
        for i, r in enumerate(rs):
            out[k if len(rs) == 1 else f"{k}#{i}"] = r
    return out


def short(value, limit: int = 200) -> str:
    s = canon(value)
    return s if len(s) <= limit else s[:limit] + "..."


def compare_file(name: str, ref: list[dict], new: list[dict], limit: int) -> list[str]:
    diffs: list[str] = []
    if sorted(map(canon, ref)) == sorted(map(canon, new)):
        return diffs
    a, b = keyed(ref), keyed(new)
    if len(ref) != len(new):
        diffs.append(f"{name}: {len(ref)} records -> {len(new)}")
    for k in sorted(a.keys() - b.keys()):
        diffs.append(f"{name} {k}: only in reference: {short(a[k], 400)}")
    for k in sorted(b.keys() - a.keys()):
        diffs.append(f"{name} {k}: only in new: {short(b[k], 400)}")
    for k in sorted(a.keys() & b.keys()):
        ra, rb = a[k], b[k]
        for f in sorted(ra.keys() | rb.keys()):
            if canon(ra.get(f)) != canon(rb.get(f)):
                diffs.append(f"{name} {k} {f}: {short(ra.get(f))} -> {short(rb.get(f))}")
        if len(diffs) >= limit:
            break
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--ignore", action="append", default=[], help="a field to leave out (repeatable)")
    ap.add_argument("--max", type=int, default=200, help="differences printed per file at most")
    args = ap.parse_args(argv)
    for d in (args.ref, args.new):
        if not d.is_dir():
            print(f"{d}: not a folder", file=sys.stderr)
            return 2
    ref_files = {p.relative_to(args.ref) for p in args.ref.rglob("*.jsonl")}
    new_files = {p.relative_to(args.new) for p in args.new.rglob("*.jsonl")}
    if not ref_files:
        print(f"{args.ref}: no .jsonl files", file=sys.stderr)
        return 2
    differ = False
    for rel in sorted(ref_files | new_files):
        if rel not in new_files or rel not in ref_files:
            print(f"{rel}: only in {'reference' if rel in ref_files else 'new'}")
            differ = True
            continue
        diffs = compare_file(str(rel), load(args.ref / rel, set(args.ignore)), load(args.new / rel, set(args.ignore)),
                             args.max)
        for line in diffs[:args.max]:
            print(line)
        if len(diffs) > args.max:
            print(f"{rel}: ... more differences not shown")
        differ = differ or bool(diffs)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
