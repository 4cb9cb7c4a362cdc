from __future__ import annotations

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
