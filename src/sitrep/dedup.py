"""Near-duplicate documents: syndicated copies and the same article saved twice with different page furniture.

MinHash over word 5-shingles with LSH banding (Broder 1997; the scheme of ``datasketch.MinHashLSH``), kept in
the store (``doc_minhash``: one row per band key) so that a new document is compared only with documents that
share a band, never with the whole corpus. Candidates are confirmed by the exact Jaccard similarity of their
shingle sets; a confirmed copy is linked to the earliest document of its group (``doc_duplicates``), and fusion
counts it as a linked source, not an independent one.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3

import numpy as np

from .resources import load_yaml

PRIME = (1 << 31) - 1


def _conf() -> dict:
    return load_yaml("fusion.yaml")["near_duplicates"]


def shingles(text: str, k: int | None = None) -> set[int]:
    k = k or int(_conf()["shingle"])
    words = re.findall(r"\w+", text.lower())
    if len(words) < k:
        words = words + [""] * (k - len(words))
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + k]).encode(), digest_size=4).digest(), "little")
            & PRIME for i in range(len(words) - k + 1)}


def _perms(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20180212)  # fixed: band keys must be the same in every process
    return (rng.integers(1, PRIME, n, dtype=np.uint64), rng.integers(0, PRIME, n, dtype=np.uint64))


def signature(sh: set[int]) -> np.ndarray:
    n = int(_conf()["permutations"])
    a, b = _perms(n)
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    return ((a[:, None] * x[None, :] + b[:, None]) % PRIME).min(axis=1)


def band_keys(sig: np.ndarray) -> list[str]:
    bands = int(_conf()["bands"])
    rows = len(sig) // bands
    return [f"{i}:{hashlib.blake2b(sig[i * rows:(i + 1) * rows].tobytes(), digest_size=8).hexdigest()}"
            for i in range(bands)]


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def link_duplicates(c: sqlite3.Connection) -> list[str]:
    """Index every document fusion has not seen yet and link it to an earlier near-duplicate; returns those ids
    in ingestion order."""
    rows = c.execute("SELECT d.doc_id, d.text FROM documents d LEFT JOIN fusion_docs f USING (doc_id) "
                     "WHERE f.doc_id IS NULL AND d.superseded_by IS NULL ORDER BY d.rowid").fetchall()
    if not rows:
        return []
    seq = c.execute("SELECT COALESCE(MAX(seq), 0) FROM fusion_docs").fetchone()[0]
    min_j = float(_conf()["min_jaccard"])
    out = []
    for doc_id, text in rows:
        sh = shingles(text)
        keys = band_keys(signature(sh))
        cands = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            cands.update(r[0] for r in c.execute(
                f"SELECT DISTINCT doc_id FROM doc_minhash WHERE band_key IN ({','.join('?' * len(part))}) AND doc_id != ?",
                (*part, doc_id)))
        best = None
        for other in sorted(cands):
            row = c.execute("SELECT d.text, f.seq FROM documents d JOIN fusion_docs f USING (doc_id) WHERE doc_id = ?",
                            (other,)).fetchone()
            if row is None:
                continue
            j = jaccard(sh, shingles(row[0]))
            if j >= min_j and (best is None or row[1] < best[2]):
                best = (other, j, row[1])
        if best is not None:
            orig = c.execute("SELECT original FROM doc_duplicates WHERE doc_id = ?", (best[0],)).fetchone()
            c.execute("INSERT OR REPLACE INTO doc_duplicates (doc_id, original, similarity) VALUES (?, ?, ?)",
                      (doc_id, orig[0] if orig else best[0], round(best[1], 4)))
        c.executemany("INSERT OR IGNORE INTO doc_minhash (band_key, doc_id) VALUES (?, ?)", [(k, doc_id) for k in keys])
        seq += 1
        c.execute("INSERT INTO fusion_docs (doc_id, seq) VALUES (?, ?)", (doc_id, seq))
        out.append(doc_id)
    return out
