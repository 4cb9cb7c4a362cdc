"""Start the real `sitrep serve` on loopback and drive Debian's chromium through chromedriver (selenium)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from conftest import sitrep_exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, timeout: float = 90) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sitrep_exe(), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"sitrep serve exited {proc.returncode}: {proc.stderr.read().decode()}")
            try:
                urllib.request.urlopen(base + "/api/facets", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("sitrep serve did not answer in time")
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(base: str, path: str, params: dict | None = None) -> tuple[int, dict, object]:
    """(status, headers, parsed JSON or text) for a GET on the server."""
    url = base + path
    if params:
        url += "?" + urllib.parse.urlencode(params, doseq=True)
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            body, status, headers = r.read(), r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        body, status, headers = e.read(), e.code, dict(e.headers)
    ctype = headers.get("content-type", headers.get("Content-Type", ""))
    return status, {k.lower(): v for k, v in headers.items()}, json.loads(body) if "json" in ctype else body.decode()


def chromium_paths() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    if not browser or not driver:
        raise RuntimeError("Debian's chromium and chromium-driver are needed (scripts/setup.sh installs them: "
                           "apt-get install chromium chromium-driver)")
    return browser, driver


def browser(width: int = 1400, height: int = 1800):
    """Headless chromium via selenium with the system chromedriver (selenium-manager never downloads anything:
    the driver path is given)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = chromium_paths()
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
              "--disable-extensions", "--no-first-run", "--disable-background-networking"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)

