"""Hostile input through the real `sitrep run` (issue 8): a per-document time limit, pathological pages and text.

Every document ends either fully stored or as one `error: PATH: reason` line; the good article beside them is
always stored; the store's invariants hold afterwards.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import run_cli
from sitrep.limits import DocumentTimeout, document_time_limit

GOOD = ("Syrian government forces shelled the town of Khan Shaykhun in southern Idlib on Monday, killing five "
        "civilians, the Syrian Observatory for Human Rights said.\n")


def documents(db: Path) -> dict:
    p = run_cli("export", "documents", "--db", db)
    assert p.returncode == 0, p.stderr.decode()
    return {d["path"]: d for d in map(json.loads, p.stdout.decode().splitlines())}


def check_ok(db: Path) -> dict:
    p = run_cli("check", "--db", db)
    report = json.loads(p.stdout)
    assert p.returncode == 0 and report["ok"] and report["pending_mentions"] == 0, report
    return report


def test_time_limit_interrupts_python_code():
    import signal

    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeout, match=r"per-document time limit \(0.3 s\)"):
        with document_time_limit(0.3):
            while True:  # endless: only the limit ends it
                sum(range(1000))
    with document_time_limit(5):  # disarmed afterwards: nothing fires later
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_a_pathological_document_times_out_and_the_batch_goes_on(tmp_path):
    """A real input that makes extraction quadratic (one 'sentence' of thousands of figures: over 10 s on one
    core), not a mock: it is skipped with a clear error, the article after it is stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_numbers.txt").write_text(
        "killed " + " and ".join(str(i) for i in range(3000)) + " people in Aleppo.\n", encoding="utf-8")
    (folder / "b_good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.db"
    p = run_cli("run", folder, "--db", db, "--doc-timeout", "3")
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert f"error: {folder / 'a_numbers.txt'}: DocumentTimeout: took longer than the per-document time limit (3 s)" in err
    assert list(documents(db)) == [str(folder / "b_good.txt")]
    check_ok(db)


def test_time_limit_through_the_environment_fault_hook_and_no_limit(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_stall.txt").write_text(GOOD.replace("five", "seven"), encoding="utf-8")
    db = tmp_path / "s.db"
    p = run_cli("run", folder, "--db", db, "--doc-timeout", "1", env={"SITREP_FAULT_SLOW": "b_stall:30"})
    assert p.returncode == 1 and b"b_stall.txt: DocumentTimeout" in p.stderr, p.stderr.decode()
    assert list(documents(db)) == [str(folder / "a.txt")]
    # the stalled document is not lost for good: the next run (fault gone) stores it
    p = run_cli("run", folder, "--db", db)
    assert p.returncode == 0, p.stderr.decode()
    assert len(documents(db)) == 2
    check_ok(db)


def pathological_inputs(folder: Path, big: bool) -> dict[str, bytes]:
    k = 5 if big else 1
    body = f"<p>{GOOD}</p>"
    files = {
        "deep_nesting.html": ("<html><body>" + "<div>" * (20000 * k) + body + "</div>" * (20000 * k) + "</body></html>"),
        "deep_unclosed.html": "<html><body>" + "<div><span><b>" * (10000 * k) + body,
        "huge_attribute.html": f'<html><body><p title="{"x" * 1_000_000 * k}">{GOOD}</p></body></html>',
        "many_attributes.html": ("<html><body><p " + " ".join(f"a{i}='{i}'" for i in range(40000 * k)) + ">"
                                 + GOOD + "</p></body></html>"),
        "huge_line.txt": GOOD.strip() + " " + "word " * 250_000 * k,
        "huge_token.txt": GOOD + "x" * 300_000 * k + "\n",
        "control_chars.txt": GOOD + "".join(chr(i) for i in range(1, 32) if i not in (10, 13)) * 20 + "\n" + GOOD,
        "rtl_marks.txt": "\u202e" + GOOD + "\u200f\u2067" + "قصف النظام مدينة حلب. " * 200 + "\u2069\u202c\n" + GOOD,
        "mixed_scripts.txt": (GOOD.strip() + " Сирия 叙利亚 سوريا עברית 🇸🇾 e\u0301\u0301\u0301\n") * 50,
        "bidi_html.html": f'<html dir="rtl"><body><p>\u202b{GOOD}\u202c</p><p>\u2066حلب\u2069</p></body></html>',
        "many_lines.txt": GOOD * (3000 * k),
        "nul_bytes.txt": GOOD + "\0" * 100,
        "zero_width.txt": "\u200b\u200c\u200d\ufeff".join(GOOD.split(" ")) + "\n",
        "script_tags.html": "<html><body>" + "<script>alert(1)</script>" * 5000 * k + body + "</body></html>",
        "comment_bomb.html": "<html><body>" + "<!--" * 50000 * k + body + "</body></html>",
        "entity_bomb.html": "<html><body><p>" + "&amp;" * 200000 * k + "</p>" + body + "</body></html>",
    }
    out = {}
    for name, text in files.items():
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        out[name] = data
    (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    return out


def test_pathological_pages_and_text_never_stall_or_break_a_batch(tmp_path, long_mode, record_figure):
    folder = tmp_path / "in"
    folder.mkdir()
    files = pathological_inputs(folder, big=long_mode)
    db = tmp_path / "s.db"
    t0 = time.monotonic()
    p = run_cli("run", folder, "--db", db, "--doc-timeout", "60", timeout=1800)
    took = time.monotonic() - t0
    err = p.stderr.decode()
    assert p.returncode in (0, 1), err
    stored = documents(db)
    errors = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    for name in files:
        path = str(folder / name)
        said = [ln for ln in errors if ln.startswith(f"error: {path}: ")]
        assert (path in stored) != bool(said), (name, said)  # stored, or exactly one clear error: never both/neither
    assert str(folder / "zz_good.txt") in stored
    assert len(errors) == len(files) + 1 - len(stored)
    for d in stored.values():
        assert "alert(1)" not in d["text"]
    report = check_ok(db)
    record_figure("pathological", inputs=len(files) + 1, stored=len(stored), refused_with_error=len(errors),
                  documents_lost=0, seconds=round(took, 1), big=long_mode, errors=errors)
