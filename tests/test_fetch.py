"""Fetching URLs and feeds (issue 8): real HTTP servers on loopback, refused by default, allowed when told."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_cli
from sitrep.fetch import FetchError, FetchPolicy, fetch, read_url, refused_reason
from sitrep.ingest import IngestError
from sitrep.models import RawDocument

ARTICLE = """<!doctype html><html><head><title>Shelling in Idlib</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Government shelling kills five in Khan Shaykhun</h1>
<p>Syrian government forces shelled the town of Khan Shaykhun in southern Idlib on Monday, killing five civilians,
the Syrian Observatory for Human Rights said.</p>
<p>The monitor said the shelling hit a market in the centre of the town in the morning.</p></article>
</body></html>"""
ARTICLE2 = ARTICLE.replace("five", "three").replace("Khan Shaykhun", "Saraqib")


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, ctype: str, body: bytes, length: bool = True, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def do_GET(self) -> None:  # noqa: N802
        Handler.hits.append(self.path)
        base = f"http://{self.headers['Host']}"
        p = self.path
        if p == "/article.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
        elif p == "/article2.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE2.encode())
        elif p == "/feed.xml":
            rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title>
<item><title>Shelling kills five in Khan Shaykhun</title><link>{base}/article.html</link>
<pubDate>Tue, 07 May 2019 10:00:00 GMT</pubDate></item>
<item><title>Three killed in Saraqib</title><link>/article2.html</link>
<pubDate>Wed, 08 May 2019 10:00:00 GMT</pubDate></item>
<item><title>Not an article</title><link>{base}/binary</link></item>
</channel></rss>"""
            self._send(200, "application/rss+xml", rss.encode())
        elif p == "/loop":
            self._send(302, "text/plain", b"", headers={"Location": "/loop"})
        elif p.startswith("/hop/"):
            n = int(p.rsplit("/", 1)[1])
            self._send(302, "text/plain", b"", headers={"Location": f"/hop/{n - 1}" if n else "/article.html"})
        elif p == "/to-metadata":
            self._send(302, "text/plain", b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        elif p == "/to-file":
            self._send(302, "text/plain", b"", headers={"Location": "file:///etc/passwd"})
        elif p == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>")
        elif p == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):  # the client stopped reading at its limit
                pass
            self.close_connection = True
        elif p == "/binary":
            self._send(200, "application/octet-stream", b"\x00\x01" * 100)
        elif p == "/slow":
            SLOW_RELEASE.wait(60)  # answers only when the test lets it (after the client has given up)
            self._send(200, "text/html", ARTICLE.encode())
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


SLOW_RELEASE = threading.Event()
LOCAL = FetchPolicy(allow_networks=("127.0.0.0/8",), max_bytes=100_000, timeout=2)


@pytest.mark.parametrize("ip,why", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fd00::1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("100.64.0.1", "not a public address"), ("240.0.0.1", "reserved"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("151.101.1.69", None),
])
def test_address_classes(ip, why):
    got = refused_reason(ip)
    assert got == why if why != "private" else got in ("private", "reserved")


def test_cli_refuses_loopback_by_default_and_fetches_with_allow_private(server, tmp_path):
    db = tmp_path / "s.db"
    Handler.hits.clear()
    url = f"{server}/article.html"
    p = run_cli("run", url, "--db", db)
    assert p.returncode == 1
    assert f"error: {url}: refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address".encode() in p.stderr
    assert Handler.hits == [], "a refused address must not be connected to"
    p = run_cli("run", f"http://localhost:{url.rsplit(':', 1)[1]}", "--db", db)
    assert p.returncode == 1 and b"loopback address" in p.stderr  # names are resolved, then checked
    assert Handler.hits == []

    p = run_cli("run", url, "--db", db, "--allow-private")
    assert p.returncode == 0, p.stderr.decode()
    docs = [json.loads(x) for x in run_cli("export", "documents", "--db", db).stdout.decode().splitlines()]
    assert len(docs) == 1 and docs[0]["path"] == url and docs[0]["url"] == url
    assert "Khan Shaykhun" in docs[0]["text"] and "Home" not in docs[0]["text"]
    events = run_cli("export", "events", "--db", db).stdout.decode()
    assert "Khan Shaykhun" in events
    p = run_cli("run", url, "--db", db, "--allow-private")  # idempotent over HTTP too
    assert p.returncode == 0 and b"1 unchanged" in p.stderr, p.stderr.decode()


def test_cli_reads_a_feed_and_each_linked_article_is_checked(server, tmp_path):
    db = tmp_path / "s.db"
    p = run_cli("run", f"{server}/feed.xml", "--db", db, "--allow-network", "127.0.0.0/8")
    assert p.returncode == 1  # the third entry links to a binary
    assert f"error: {server}/binary: refused: content type 'application/octet-stream'".encode() in p.stderr, p.stderr
    docs = {d["path"]: d for d in map(json.loads, run_cli("export", "documents", "--db", db).stdout.decode().splitlines())}
    assert set(docs) == {f"{server}/article.html", f"{server}/article2.html"}
    a = docs[f"{server}/article.html"]
    assert a["published"] == "2019-05-07" and a["published_from"] == "metadata"
    assert a["title"] == "Shelling kills five in Khan Shaykhun"
    p = run_cli("run", f"{server}/feed.xml", "--db", db)
    assert p.returncode == 1 and b"loopback address" in p.stderr


def test_redirect_to_metadata_address_is_refused_on_the_redirect(server):
    Handler.hits.clear()
    with pytest.raises(FetchError, match=r"refused: 169.254.169.254 resolves to 169.254.169.254, a link-local"):
        fetch(f"{server}/to-metadata", LOCAL)
    assert Handler.hits == ["/to-metadata"]
    with pytest.raises(FetchError, match="scheme 'file'"):
        fetch(f"{server}/to-file", LOCAL)


def test_redirect_limit(server):
    assert fetch(f"{server}/hop/4", LOCAL).url.endswith("/article.html")  # 5 redirects: allowed
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/hop/5", LOCAL)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/loop", LOCAL)


def test_size_limit_with_and_without_content_length(server):
    with pytest.raises(FetchError, match=r"too large \(300,007 bytes; limit 100,000\)"):
        fetch(f"{server}/big", LOCAL)
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(f"{server}/big-unsized", LOCAL)


def test_timeout_content_type_and_http_errors(server):
    with pytest.raises(FetchError, match="timed out after 2 s"):
        fetch(f"{server}/slow", LOCAL)  # the server answers only after the client gave up
    SLOW_RELEASE.set()
    with pytest.raises(FetchError, match="content type 'application/octet-stream'"):
        fetch(f"{server}/binary", LOCAL)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/nothing", LOCAL)


def test_read_url_turns_every_failure_into_an_error_naming_the_url(server):
    out = list(read_url(f"{server}/binary", LOCAL))
    assert out == [IngestError(f"{server}/binary", "refused: content type 'application/octet-stream' is not an "
                                                   "article or a feed")]
    out = list(read_url(f"{server}/article.html", LOCAL))
    assert len(out) == 1 and isinstance(out[0], RawDocument) and out[0].kind == "html"
    assert out[0].meta.url == f"{server}/article.html"
    out = list(read_url("http://no-such-host.invalid/x", LOCAL))
    assert isinstance(out[0], IngestError) and "cannot resolve host" in out[0].reason
