"""Ingest: turn paths (files, folders, ``-`` for stdin) into :class:`RawDocument` records.

Bad input never stops a batch: every problem becomes an :class:`IngestError` naming the file (and line, for
``.jsonl``) and the reason, yielded in order with the documents.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from .models import DocMeta, RawDocument

TEXT_EXT = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # one article; a .jsonl file may be larger, each of its lines may not
META_FIELDS = ("id", "url", "title", "outlet", "published", "language")
HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class IngestError:
    path: str
    reason: str
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


class _Bad(Exception):
    pass


def doc_id_for(kind: str, content: str, meta: Optional[DocMeta] = None) -> str:
    """Content-derived id: identical input gives the identical id; any change gives a new one."""
    h = hashlib.sha256()
    h.update(kind.encode())
    h.update(b"\0")
    h.update(content.encode("utf-8"))
    if meta is not None:
        h.update(b"\0")
        h.update(meta.model_dump_json(exclude_none=True).encode())
    return h.hexdigest()[:20]


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\0" in head:
        return True
    if not head:
        return False
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl / len(head) > 0.05


def _decode(data: bytes, html: bool) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        m = CHARSET_META.search(data[:4096]) if html else None
        if m:
            enc = m.group(1).decode("ascii", "replace")
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                raise _Bad(f"cannot decode as declared charset {enc!r}") from e
        raise _Bad(f"invalid UTF-8 at byte {e.start} (save the file as UTF-8)") from e
    return text.lstrip("\ufeff")


def _check_bytes(data: bytes, max_bytes: int, what: str = "file") -> None:
    if not data.strip():
        raise _Bad(f"empty {what}")
    if len(data) > max_bytes:
        raise _Bad(f"{what} too large ({len(data):,} bytes; limit {max_bytes:,})")
    if _looks_binary(data):
        raise _Bad(f"binary {what}, not text")


def _parse_published(value: object) -> Optional[dt.date]:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _Bad(f"'published' must be an ISO date string, got {type(value).__name__}")
    s = value.strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        try:
            return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError as e:
            raise _Bad(f"'published' is not an ISO date: {value!r}") from e


def _jsonl_record(path: str, lineno: int, line: str) -> RawDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Bad(f"invalid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(obj, dict):
        raise _Bad("a .jsonl line must be a JSON object")
    text, html = obj.get("text"), obj.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise _Bad("needs a non-empty 'text' or 'html' field")
    meta_in = {}
    for k in META_FIELDS:
        v = obj.get(k)
        if v is None or v == "":
            continue
        if k == "published":
            meta_in[k] = _parse_published(v)
        elif k == "id":
            meta_in[k] = str(v)
        elif isinstance(v, str):
            meta_in[k] = v.strip()
        else:
            raise _Bad(f"field {k!r} must be a string")
    meta = DocMeta(**meta_in)
    if isinstance(text, str) and text.strip():
        kind, content = "txt", text
    else:
        kind, content = "html", html
    member = meta.id or f"L{lineno}"
    return RawDocument(doc_id=doc_id_for(kind, content, meta), path=f"{path}#{member}", kind=kind,
                       container="jsonl", content=content, meta=meta)


def _read_jsonl(path: str, stream: BinaryIO, max_bytes: int) -> Iterator[Union[RawDocument, IngestError]]:
    seen_ids: dict[str, str] = {}
    any_line = False
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        any_line = True
        try:
            if len(raw) > max_bytes:
                raise _Bad(f"line too large ({len(raw):,} bytes; limit {max_bytes:,})")
            if b"\0" in raw:
                raise _Bad("binary data, not text")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise _Bad(f"invalid UTF-8 at byte {e.start} of the line") from e
            doc = _jsonl_record(path, lineno, line)
            member = doc.path.rsplit("#", 1)[1]
            if member in seen_ids:
                if seen_ids[member] == doc.doc_id:
                    continue  # the same article twice: one document
                raise _Bad(f"duplicate id {member!r} in this file with different content")
            seen_ids[member] = doc.doc_id
            yield doc
        except _Bad as e:
            yield IngestError(path, str(e), lineno)
    if not any_line:
        yield IngestError(path, "empty file")


def _sniff_kind(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if HTML_SNIFF.match(data[:2048]):
        return "html"
    return "txt"


def _from_bytes(path: str, kind: str, data: bytes, max_bytes: int) -> Iterator[Union[RawDocument, IngestError]]:
    if kind == "jsonl":
        if not data.strip():
            yield IngestError(path, "empty file")
            return
        import io
        yield from _read_jsonl(path, io.BytesIO(data), max_bytes)
        return
    try:
        _check_bytes(data, max_bytes)
        content = _decode(data, html=kind == "html")
        if not content.strip():  # e.g. only a BOM or U+2028, which bytes.strip() does not see (issue 8 fuzzing)
            raise _Bad("empty file (whitespace only)")
    except _Bad as e:
        yield IngestError(path, str(e))
        return
    yield RawDocument(doc_id=doc_id_for(kind, content), path=path, kind=kind, content=content)


def read_file(path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[RawDocument, IngestError]]:
    kind = TEXT_EXT.get(path.suffix.lower())
    if kind is None:
        ext = path.suffix or "(none)"
        yield IngestError(shown, f"unsupported file type {ext}; expected .txt, .html, .htm or .jsonl")
        return
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            if size == 0:
                yield IngestError(shown, "empty file")
                return
            with path.open("rb") as f:
                yield from _read_jsonl(shown, f, max_bytes)
            return
        if size > max_bytes:  # refuse before reading it into memory
            yield IngestError(shown, f"file too large ({size:,} bytes; limit {max_bytes:,})")
            return
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(shown, f"cannot read: {e.strerror or e}")
        return
    yield from _from_bytes(shown, kind, data, max_bytes)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_paths(paths: Iterable[str], stdin: Optional[BinaryIO] = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[RawDocument, IngestError]]:
    """Yield documents and errors for files, folders (recursively, in sorted order) and ``-`` (stdin)."""
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes * 10 + 1)
            if not data.strip():
                yield IngestError("-", "empty input on stdin")
                continue
            yield from _from_bytes("-", _sniff_kind(data), data, max_bytes)
            continue
        p = Path(given)
        if p.is_dir():
            found = False
            for f in _walk(p):
                found = True
                yield from read_file(f, str(f), max_bytes)
            if not found:
                yield IngestError(given, "folder holds no files")
        elif p.exists():
            yield from read_file(p, given, max_bytes)
        else:
            yield IngestError(given, "no such file or folder")
