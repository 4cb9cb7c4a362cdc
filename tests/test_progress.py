"""`sitrep run` shows progress (documents, rate, what is left) on a terminal and nothing but its summary in a pipe."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess

from conftest import FIXTURES, run_cli, sitrep_exe

INPUTS = [FIXTURES / "web" / "threat.jsonl", FIXTURES / "web" / "hostile.jsonl"]


def test_progress_on_a_terminal(tmp_path):
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "SITREP_DB"}
    env.update(TERM="xterm-256color", COLUMNS="160")
    proc = subprocess.Popen([sitrep_exe(), "run", *map(str, INPUTS), "--db", str(tmp_path / "p.db")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 1.0)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode("utf-8", "replace"))
    assert proc.returncode == 0, text
    assert re.search(r"1/2 documents\s+1 left\s+\d+\.\d/s", text), text   # done, total, left, documents per second
    assert "2 documents (2 new" in text                                   # the summary


def test_quiet_in_a_pipe(tmp_path):
    p = run_cli("run", *INPUTS, "--db", tmp_path / "q.db")
    assert p.returncode == 0
    lines = p.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitrep: 2 documents (2 new")
    assert b"\x1b[" not in p.stderr and p.stdout == b""
