"""Ingest: every input kind, and every kind of bad input, with real files."""
from __future__ import annotations

import io
import json
from pathlib import Path

from sitrep.ingest import IngestError, doc_id_for, read_paths
from sitrep.models import RawDocument

from conftest import SEEDS

ARTICLE = "Five civilians were killed on Monday when shells hit a market in the town, a monitor said.\n"


def items(*paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def errors(found):
    return [x for x in found if isinstance(x, IngestError)]


def docs(found):
    return [x for x in found if isinstance(x, RawDocument)]


def test_txt_html_and_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    found = docs(items(tmp_path))
    assert [Path(d.path).name for d in found] == ["one.txt", "two.html"]
    assert [d.kind for d in found] == ["txt", "html"]


def test_doc_id_is_derived_from_content(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE, encoding="utf-8")
    first, second = docs(items(a, b))
    assert first.doc_id == second.doc_id == doc_id_for("txt", ARTICLE)
    b.write_text(ARTICLE + "A second paragraph.\n", encoding="utf-8")
    assert docs(items(b))[0].doc_id != first.doc_id


def test_jsonl_metadata_and_member_paths(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a1", "text": ARTICLE, "url": "https://example.org/a1", "title": "T", "outlet": "SOHR",
         "published": "2018-05-07T10:00:00Z", "language": "en"},
        {"html": f"<p>{ARTICLE}</p>"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = docs(items(f))
    assert a.path == f"{f}#a1" and a.meta.outlet == "SOHR" and str(a.meta.published) == "2018-05-07"
    assert a.kind == "txt" and a.container == "jsonl"
    assert b.path == f"{f}#L2" and b.kind == "html"


def test_unknown_extension(tmp_path):
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-1.4 ...")
    (e,) = errors(items(f))
    assert e.path == str(f) and "unsupported file type .pdf" in e.reason


def test_binary_file(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(bytes(range(256)) * 10)
    (e,) = errors(items(f))
    assert "binary" in e.reason


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\n \t\n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    found = errors(items(tmp_path))
    assert len(found) == 3 and all("empty" in e.reason for e in found)


def test_invalid_utf8(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Five civilians were killed in Dar".encode() + b"\xe2a\n")
    (e,) = errors(items(f))
    assert "invalid UTF-8 at byte 33" in e.reason


def test_html_in_its_declared_charset_is_decoded(tmp_path):
    f = tmp_path / "page.html"
    f.write_bytes('<html><head><meta charset="windows-1256"></head><body><p>دمشق</p></body></html>'.encode("cp1256"))
    (d,) = docs(items(f))
    assert "دمشق" in d.content


def test_broken_jsonl_line_is_reported_and_the_rest_read(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"id": "1", "text": ARTICLE}) + "\n{\"id\": \"2\", \"text\": \n"
                 + json.dumps({"id": "3", "text": ARTICLE + "x"}) + "\n" + json.dumps({"id": "4"}) + "\n"
                 + json.dumps({"id": "5", "text": ARTICLE, "published": "last Tuesday"}) + "\n"
                 + json.dumps(["not", "an", "object"]) + "\n", encoding="utf-8")
    found = items(f)
    assert [d.path.rsplit("#", 1)[1] for d in docs(found)] == ["1", "3"]
    errs = {e.line: e.reason for e in errors(found)}
    assert "invalid JSON" in errs[2]
    assert "needs a non-empty 'text' or 'html'" in errs[4]
    assert "not an ISO date" in errs[5]
    assert "JSON object" in errs[6]
    assert str(errors(found)[0]).startswith(f"{f}:2: ")


def test_100_mb_file_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    (e,) = errors(items(f))
    assert "too large (104,857,600 bytes" in e.reason


def test_oversized_jsonl_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    found = items(f, max_bytes=1000)
    assert len(docs(found)) == 1 and "line too large" in errors(found)[0].reason


def test_missing_path_and_stdin(tmp_path):
    (e,) = errors(items(tmp_path / "nope.txt"))
    assert "no such file" in e.reason
    (d,) = docs(list(read_paths(["-"], stdin=io.BytesIO(ARTICLE.encode()))))
    assert d.path == "-" and d.kind == "txt"
    found = list(read_paths(["-"], stdin=io.BytesIO((json.dumps({"id": "x", "text": ARTICLE}) + "\n").encode())))
    assert docs(found)[0].path == "-#x"


def test_seeds_are_read_as_five_text_documents():
    found = items(SEEDS)
    assert len(docs(found)) == 5 and not errors(found)


def test_a_repeated_jsonl_line_is_one_document_but_a_conflicting_id_is_an_error(tmp_path):
    f = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "7", "text": ARTICLE})
    f.write_text(line + "\n" + line + "\n" + json.dumps({"id": "7", "text": ARTICLE + " More."}) + "\n", encoding="utf-8")
    found = items(f)
    assert len(docs(found)) == 1
    (e,) = errors(found)
    assert e.line == 3 and "different content" in e.reason
