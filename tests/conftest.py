from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sitrep_exe() -> str:
    venv = Path(sys.executable).parent / "sitrep"
    return str(venv) if venv.exists() else shutil.which("sitrep") or "sitrep"


def mentions_of(folder: Path, articles: dict[str, tuple], published: str | None = None) -> dict[str, list]:
    """Each article (id -> (title, body)) through the whole pipeline in this process, as one `.jsonl` file with the
    headline above the body (and ``published`` as every article's publication date, when given): id -> mentions."""
    from sitrep.ingest import read_paths
    from sitrep.pipeline import process

    path = folder / "articles.jsonl"
    rows = [{"id": k, "title": t, "text": f"{t}\n\n{body}", **({"published": published} if published else {})}
            for k, (t, body) in articles.items()]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return {raw.path.rsplit("#", 1)[1]: process(raw).mentions for raw in read_paths([str(path)])}


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `sitrep` command in a subprocess."""
    e = dict(os.environ)
    e.pop("SITREP_DB", None)
    if env:
        e.update(env)
    return subprocess.run([sitrep_exe(), *map(str, args)], input=input, capture_output=True, cwd=cwd, env=e,
                          timeout=timeout)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A store holding the five seed articles, built once by the real command."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    p = run_cli("run", SEEDS, "--db", db)
    assert p.returncode == 0, p.stderr.decode()
    return db


# -- PostgreSQL (issue 17): one real server per session, started only when a test asks for it -----------------
@pytest.fixture(scope="session")
def pg():
    """A throw-away PostgreSQL server (tests/pg_server.py); fsync off: its data dies with the session anyway."""
    from pg_server import TempPostgres

    server = TempPostgres(settings={"fsync": "off", "full_page_writes": "off"})
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg) -> str:
    """A fresh, empty database on the test server."""
    return pg.create_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_target(backend, tmp_path, request):
    """A new store on each back end: a SQLite file path, or the URL of a fresh PostgreSQL database."""
    if backend == "sqlite":
        return tmp_path / "s.db"
    return request.getfixturevalue("pg").create_database()


@pytest.fixture(scope="session")
def seeds_pg(pg) -> str:
    """The seeds store on PostgreSQL, built once by the real command (copy it with stores.copy_store to write)."""
    url = pg.create_database("seeds")
    p = run_cli("run", SEEDS, "--db", url)
    assert p.returncode == 0, p.stderr.decode()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def seeds_store(request):
    """The seeds store on each back end (read it; copy it with stores.copy_store before writing)."""
    return request.getfixturevalue("seeds_db" if request.param == "sqlite" else "seeds_pg")


# -- reliability (issue 8): long fuzz/crash runs behind a flag, figures recorded for docs/RELIABILITY.md ----------
def pytest_addoption(parser):
    parser.addoption("--fuzz-long", action="store_true", default=False,
                     help="long fuzz and crash runs (also SITREP_FUZZ=long); the default suite runs short ones")


def fuzz_long(config) -> bool:
    return bool(config.getoption("--fuzz-long", default=False)) or os.environ.get("SITREP_FUZZ") == "long"


@pytest.fixture(scope="session")
def long_mode(request) -> bool:
    return fuzz_long(request.config)


@pytest.fixture(scope="session")
def record_figure():
    """Append one JSON line of measured figures to $SITREP_RELIABILITY_REPORT (scripts/reliability.sh sets it)."""
    import json

    target = os.environ.get("SITREP_RELIABILITY_REPORT")

    def record(name: str, **figures) -> None:
        if target:
            with open(target, "a", encoding="utf-8") as f:
                f.write(json.dumps({"test": name, **figures}) + "\n")

    return record
