"""The `sitrep` command as users and the shared scorers drive it (real subprocesses, real files, real store)."""
from __future__ import annotations

import csv
import io
import json

from sitrep.store import is_url

from conftest import SEEDS, run_cli
from stores import copy_store, query

DOC_FIELDS = ["doc_id", "path", "url", "title", "outlet", "published", "published_from", "language", "text"]
ARTICLE = ("Five civilians were killed on Monday when shells hit a market in the town of Douma, "
           "the civil defence said, adding that rescue teams were still searching the rubble.\n")


def test_export_documents_follows_the_contract(seeds_store, tmp_path):
    out = tmp_path / "docs.jsonl"
    p = run_cli("export", "documents", "--db", seeds_store, "--format", "jsonl", "-o", out)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    for r in rows:
        assert list(r)[: len(DOC_FIELDS)] == DOC_FIELDS
    by_name = {r["path"].rsplit("/", 1)[1][:3]: r for r in rows}
    assert (by_name["001"]["published"], by_name["001"]["published_from"]) == ("2018-02-12", "text")
    assert all(by_name[k]["published"] is None for k in ("000", "002", "003", "004"))
    assert "Leave a Reply" not in by_name["000"]["text"]


def test_export_events_in_every_format(seeds_store, seeds_db, tmp_path):
    for fmt in ("jsonl", "csv", "geojson"):
        p = run_cli("export", "events", "--db", seeds_store, "--format", fmt)
        # a PostgreSQL store exports byte for byte what the SQLite store of the same articles exports
        assert p.stdout == run_cli("export", "events", "--db", seeds_db, "--format", fmt).stdout
        assert p.returncode == 0, p.stderr
        if fmt == "csv":
            header = next(csv.reader(io.StringIO(p.stdout.decode())))
            assert header[:8] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                  "event_type", "sub_event_type", "actor1"]
        if fmt == "geojson":
            assert json.loads(p.stdout)["type"] == "FeatureCollection"
    p = run_cli("export", "events", "--db", seeds_store, "--format", "xml")
    assert p.returncode == 2 and b"--format must be one of" in p.stderr


def test_clean_json_objects_in_order(tmp_path):
    html = tmp_path / "page.html"
    html.write_text("<html><head><title>Four killed in Aleppo</title></head><body><article><h1>Four killed in Aleppo</h1>"
                    f"<p>{ARTICLE}</p><p>{ARTICLE.replace('Five', 'Three')}</p></article></body></html>", encoding="utf-8")
    p = run_cli("clean", "--json", SEEDS / "001_55b9818272ac5998.txt", html)
    assert p.returncode == 0, p.stderr
    first, second = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert list(first)[:5] == ["path", "title", "published", "language", "text"]
    assert first["published"] == "2018-02-12" and first["language"] == "en"
    assert second["path"] == str(html) and "Three civilians" in second["text"]
    plain = run_cli("clean", SEEDS / "004_f964ef8d3eddc13b.txt")
    assert b"seized control of" in plain.stdout and b"Leave a Reply" not in plain.stdout


def test_a_bad_batch_reports_each_file_and_keeps_everything_else(seeds_store, tmp_path, request):
    # a store that already holds the seeds
    db = copy_store(seeds_store, tmp_path, request.getfixturevalue("pg") if is_url(seeds_store) else None)
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (bad / "notes.docx").write_bytes(b"PK\x03\x04")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "latin1.txt").write_bytes(b"caf\xe9 au lait")
    (bad / "feed.jsonl").write_text('{"id": "1", "text": "' + ARTICLE.strip() + ' More."}\n{broken\n', encoding="utf-8")
    with (bad / "huge.txt").open("wb") as f:
        f.truncate(100 * 1024 * 1024)
    p = run_cli("run", bad, "--db", db)
    assert p.returncode == 1
    errs = [ln for ln in p.stderr.decode().splitlines() if ln.startswith("error: ")]
    assert len(errs) == 6, errs
    for name, reason in [("notes.docx", "unsupported file type"), ("empty.txt", "empty file"),
                         ("binary.txt", "binary file"), ("latin1.txt", "invalid UTF-8"),
                         ("feed.jsonl:2", "invalid JSON"), ("huge.txt", "too large")]:
        assert any(name in e and reason in e for e in errs), (name, errs)
    paths = [r[0] for r in query(db, "SELECT path FROM documents ORDER BY path")]
    assert len(paths) == 7  # the five seeds, good.txt, feed.jsonl#1
    assert any(x.endswith("good.txt") for x in paths) and any(x.endswith("feed.jsonl#1") for x in paths)


def test_stdin_and_the_default_store_in_the_working_directory(tmp_path):
    p = run_cli("run", "-", input=ARTICLE.encode(), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "sitrep.db").exists()
    p = run_cli("export", "documents", "--format", "jsonl", cwd=tmp_path)
    (row,) = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert row["path"] == "-" and row["text"].startswith("Five civilians")


def test_an_unusable_store_exits_3(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    p = run_cli("run", SEEDS / "000_f0ab62f90ed1fe39.txt", "--db", junk)
    assert p.returncode == 3 and b"not a usable Sitrep store" in p.stderr
    p = run_cli("export", "documents", "--db", tmp_path / "missing.db")
    assert p.returncode == 3
