"""A real, throw-away PostgreSQL server for the tests and the store benchmark: Debian's ``postgresql`` package
(``initdb`` and ``pg_ctl`` from /usr/lib/postgresql/N/bin), a cluster in a temporary folder owned by the
unprivileged ``postgres`` user (the server refuses to run as root), on a free loopback port, waited for by
polling ``pg_isready`` (never by sleeping a fixed time), stopped and removed at the end.

Stores are made by a non-superuser role (``analyst``) that owns its databases, so the tests also show that a
Sitrep store needs no superuser privilege and no extension.
"""
from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

ROLE = "analyst"


def pg_bindir() -> Path:
    """The server's binaries: $SITREP_PG_BIN, else the newest /usr/lib/postgresql/N/bin, else initdb on PATH."""
    env = os.environ.get("SITREP_PG_BIN")
    if env:
        return Path(env)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    which = shutil.which("initdb")
    if which:
        return Path(which).parent
    raise RuntimeError("PostgreSQL's server binaries are needed for the PostgreSQL tests (scripts/setup.sh installs "
                       "Debian's postgresql package: apt-get install postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    def __init__(self, bindir: Optional[Path] = None, settings: Optional[dict[str, str]] = None):
        self.bin = bindir or pg_bindir()
        self.settings = settings or {}
        self.root: Optional[Path] = None
        self.port = 0
        self.proc_log: Optional[Path] = None
        self._names = itertools.count(1)
        self.as_root = os.geteuid() == 0

    # -- running commands as the cluster's owner ----------------------------------------------------------
    def _cmd(self, *args: str) -> list[str]:
        exe = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", "postgres", "--", *exe] if self.as_root else exe

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        p = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({p.returncode}): {p.stderr.strip() or p.stdout.strip()}")
        return p

    # -- life cycle ---------------------------------------------------------------------------------------
    def start(self, timeout: float = 90) -> "TempPostgres":
        try:
            return self._start(timeout)
        except BaseException:
            self.stop()   # a server that started but never answered is not left behind
            raise

    def _start(self, timeout: float) -> "TempPostgres":
        self.root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
        if self.as_root:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("no 'postgres' user to run the test server as (apt-get install postgresql makes it)")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        data = self.root / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions",
                  "--locale=C.UTF-8" if self._has_locale("C.utf8") else "--no-locale")
        self.port = free_port()
        opts = {"port": str(self.port), "listen_addresses": "127.0.0.1", "unix_socket_directories": str(self.root),
                "max_connections": "100", **self.settings}
        self.proc_log = self.root / "server.log"
        self._run("pg_ctl", "-D", str(data), "-l", str(self.proc_log), "-W",
                  "-o", " ".join(f"-c {k}={v}" for k, v in opts.items()), "start")
        deadline = time.monotonic() + timeout
        seen_pid = False
        while True:  # poll readiness: the server answers, or it has died
            ready = subprocess.run([str(self.bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)],
                                   capture_output=True)
            if ready.returncode == 0:
                break
            running = (data / "postmaster.pid").exists()
            seen_pid = seen_pid or running
            fatal = [ln for ln in self.log_tail(100_000).splitlines()
                     if "FATAL:" in ln and "is starting up" not in ln]   # the server's own failure, not our early knock
            if (seen_pid and not running) or fatal:
                raise RuntimeError(f"the test PostgreSQL server did not start: {self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the test PostgreSQL server did not answer within {timeout:g} s: {self.log_tail()}")
            time.sleep(0.1)
        self.admin(f"CREATE ROLE {ROLE} LOGIN")
        return self

    @staticmethod
    def _has_locale(name: str) -> bool:
        try:
            out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
        except OSError:
            return False
        return name.lower() in out.split()

    def log_tail(self, n: int = 2000) -> str:
        try:
            return self.proc_log.read_text(errors="replace")[-n:] if self.proc_log else ""
        except OSError:
            return ""

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            if (self.root / "data" / "postmaster.pid").exists():
                subprocess.run(self._cmd("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop"),
                               capture_output=True, timeout=120)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> "TempPostgres":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------------------------------
    def url(self, dbname: str, user: str = ROLE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres") -> list:
        import psycopg

        with psycopg.connect(self.url(dbname, "postgres"), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def create_database(self, name: Optional[str] = None, template: Optional[str] = None) -> str:
        """A new empty database owned by the analyst role (or a copy of ``template``); its URL."""
        name = name or f"t{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} OWNER {ROLE}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)
