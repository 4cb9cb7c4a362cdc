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


def link_duplicates(store) -> list[str]:
    """Index every document fusion has not seen yet and link it to an earlier near-duplicate; returns those ids
    in ingestion order. Runs inside the fusion transaction of ``store`` (a :class:`sitrep.store.Store`)."""
    rows = store.unfused_documents()
    if not rows:
        return []
    seq = store.fusion_docs_seq()
    min_j = float(_conf()["min_jaccard"])
    out = []
    for doc_id, text in rows:
        sh = shingles(text)
        keys = band_keys(signature(sh))
        cands = store.documents_sharing_bands(keys, doc_id)
        best = None
        for other in sorted(cands):
            row = store.fused_document_text(other)
            if row is None:
                continue
            j = jaccard(sh, shingles(row[0]))
            if j >= min_j and (best is None or row[1] < best[2]):
                best = (other, j, row[1])
        dup = None
        if best is not None:
            orig = store.duplicate_original(best[0])
            dup = (orig or best[0], round(best[1], 4))
        seq += 1
        store.mark_fused_document(doc_id, seq, keys, dup)
        out.append(doc_id)
    return out
