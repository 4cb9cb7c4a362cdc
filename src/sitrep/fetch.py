"""Fetch articles and RSS/Atom feeds over HTTP(S) for ``sitrep run URL...``, refusing what a fetcher must refuse.

Server-side request forgery is the risk: a feed (or a redirect) pointing at ``http://127.0.0.1:8080/admin``, a
cloud metadata address (169.254.169.254) or a machine on the private network. The rules (the ones OWASP's SSRF
cheat sheet and fetchers such as ``advocate`` apply):

- only ``http`` and ``https``;
- the host name is resolved once, every address it resolves to must be public (not loopback, private, shared,
  link-local, multicast, reserved or unspecified, IPv4-mapped IPv6 included), and the connection goes to that
  checked address (no second lookup an attacker's DNS could answer differently); ``--allow-private`` lifts the rule,
  ``--allow-network CIDR`` lifts it for one network;
- redirects are followed by hand, at most ``max_redirects``, each target checked again like the first URL;
- a response larger than ``max_bytes`` is refused (before reading when Content-Length says so, else while
  reading), a whole fetch takes at most ``timeout`` seconds (connect, each read, and in total), bodies are
  requested uncompressed (no decompression bombs);
- only HTML, plain text and RSS/Atom content types are accepted.

The standard library's ``http.client`` does the HTTP (the connection is pinned to the checked address by
overriding ``connect``, with SNI and certificate checks against the host name); feeds are parsed with
``feedparser``, the maintained parser of RSS 0.9x/1.0/2.0 and Atom, which copes with the broken feeds found in
the wild. Environment proxies are ignored on purpose.
"""
from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union
from urllib.parse import urljoin, urlsplit

from . import __version__
from .ingest import DEFAULT_MAX_BYTES, IngestError, _Bad, _check_bytes, _decode, doc_id_for
from .models import DocMeta, RawDocument

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/x-rss+xml", "application/feed+xml"}
USER_AGENT = f"Sitrep/{__version__} (conflict-news research; +https://github.com/sitrep)"


class FetchError(Exception):
    pass


@dataclass
class FetchPolicy:
    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    timeout: float = 30.0
    max_feed_items: int = 200
    allow_networks: tuple[str, ...] = ()  # CIDRs allowed although not public (``--allow-network``)

    def allowed(self, ip: str) -> bool:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
        return any(addr in ipaddress.ip_network(n, strict=False) for n in self.allow_networks
                   if ipaddress.ip_network(n, strict=False).version == addr.version)


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    charset: Optional[str]
    body: bytes


def is_url(s: str) -> bool:
    return s[:8].lower().startswith(("http://", "https://"))


def refused_reason(ip: str) -> Optional[str]:
    """Why an address must not be fetched from by default, or None when it is public."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for attr, name in (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_multicast", "multicast"),
                       ("is_unspecified", "unspecified"), ("is_reserved", "reserved"), ("is_private", "private")):
        if getattr(addr, attr):
            return name
    if not addr.is_global:
        return "not a public address"
    return None


def _resolve(host: str, port: int, policy: FetchPolicy) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise FetchError(f"cannot resolve host {host!r} ({e.strerror})") from e
    addrs = list(dict.fromkeys(info[4][0] for info in infos))
    if not addrs:
        raise FetchError(f"cannot resolve host {host!r}")
    if not policy.allow_private:
        for a in addrs:
            why = refused_reason(a)
            if why and not policy.allowed(a):
                raise FetchError(f"refused: {host} resolves to {a}, a {why} address (use --allow-private to fetch it)")
    return addrs[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _media_type(header: Optional[str]) -> tuple[str, Optional[str]]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip('"\'') or None
    return parts[0].lower(), charset


ACCEPT_HEADER = ("text/html,application/xhtml+xml,text/plain;q=0.9,application/rss+xml,application/atom+xml,"
                 "application/xml;q=0.8")


def fetch(url: str, policy: FetchPolicy, accept: Iterable[str] = HTML_TYPES | TEXT_TYPES | FEED_TYPES) -> Response:
    """GET ``url`` under ``policy``: redirects followed (each hop checked again), one deadline for the whole
    fetch, only the accepted content types, at most ``policy.max_bytes``; any refusal or failure is a FetchError."""
    accept = set(accept)
    deadline = time.monotonic() + policy.timeout
    current = url
    for hop in range(policy.max_redirects + 1):
        conn, target = _connect(current, policy, deadline)
        try:
            conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                 "Accept": ACCEPT_HEADER})
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.getheader("Location")
                conn.close()
                if not location:
                    raise FetchError(f"HTTP {resp.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if resp.status != 200:
                raise FetchError(f"HTTP {resp.status} {resp.reason}")
            ctype, charset = _media_type(resp.getheader("Content-Type"))
            if ctype not in accept:
                raise FetchError(f"refused: content type {ctype or '(none)'!r} is not an article or a feed")
            return Response(current, resp.status, ctype, charset, _read_body(resp, policy, deadline))
        except (socket.timeout, TimeoutError) as e:
            raise FetchError(f"timed out after {policy.timeout:g} s") from e
        except ssl.SSLError as e:
            raise FetchError(f"TLS error: {e.reason or e}") from e
        except (OSError, http.client.HTTPException) as e:
            raise FetchError(f"cannot fetch: {type(e).__name__}: {e}") from e
        finally:
            conn.close()
    raise FetchError(f"refused: more than {policy.max_redirects} redirects")


def _connect(url: str, policy: FetchPolicy, deadline: float):
    """A connection pinned to the address the policy allowed for the URL's host, and the request target."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused: scheme {parts.scheme or '(none)'!r} (only http and https)")
    if not parts.hostname:
        raise FetchError(f"not a URL with a host: {url!r}")
    https = parts.scheme.lower() == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError as e:
        raise FetchError(f"bad port in {url!r}") from e
    ip = _resolve(parts.hostname, port, policy)
    left = max(deadline - time.monotonic(), 0.1)
    conn = (_PinnedHTTPS if https else _PinnedHTTP)(parts.hostname, port, ip, min(policy.timeout, left))
    return conn, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _read_body(resp, policy: FetchPolicy, deadline: float) -> bytes:
    """The response body, refused when it is (or says it is) over the size limit or outlasts the deadline."""
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise FetchError(f"refused: too large ({int(length):,} bytes; limit {policy.max_bytes:,})")
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {policy.timeout:g} s")
        chunk = resp.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"refused: larger than the limit ({policy.max_bytes:,} bytes)")
        chunks.append(chunk)


def _is_feed(resp: Response) -> bool:
    if resp.content_type in FEED_TYPES - {"application/xml", "text/xml"}:
        return True
    head = resp.body[:2048].lstrip().lower()
    return resp.content_type in FEED_TYPES and any(t in head for t in (b"<rss", b"<feed", b"<rdf:rdf"))


def _document(given: str, resp: Response, meta: DocMeta, max_bytes: int) -> RawDocument:
    html = resp.content_type in HTML_TYPES
    body = resp.body
    if resp.charset and resp.charset.lower() not in ("utf-8", "utf8"):
        try:
            body = body.decode(resp.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError) as e:
            raise _Bad(f"cannot decode as the declared charset {resp.charset!r}") from e
    _check_bytes(body, max_bytes, "response")
    content = _decode(body, html=html)
    kind = "html" if html else "txt"
    return RawDocument(doc_id=doc_id_for(kind, content, meta), path=given, kind=kind, content=content, meta=meta)


def _entry_date(entry) -> Optional[dt.date]:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def read_url(url: str, policy: FetchPolicy) -> Iterator[Union[RawDocument, IngestError]]:
    """One article (HTML or text), or every linked article of an RSS/Atom feed, as documents and errors."""
    try:
        resp = fetch(url, policy)
        if not _is_feed(resp):
            if resp.content_type not in HTML_TYPES | TEXT_TYPES:
                raise FetchError(f"refused: {resp.content_type} that is not an RSS or Atom feed")
            yield _document(url, resp, DocMeta(url=resp.url), policy.max_bytes)
            return
    except (FetchError, _Bad) as e:
        yield IngestError(url, str(e))
        return
    import feedparser

    feed = feedparser.parse(resp.body, response_headers={"content-type": resp.content_type,
                                                        "content-location": resp.url})
    entries = feed.entries
    if not entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield IngestError(url, f"feed has no entries{why}")
        return
    if len(entries) > policy.max_feed_items:
        yield IngestError(url, f"feed has {len(entries)} entries; only the first {policy.max_feed_items} are read")
        entries = entries[:policy.max_feed_items]
    for entry in entries:
        link = entry.get("link")
        if not link:
            yield IngestError(url, f"feed entry {entry.get('id') or entry.get('title') or '?'!r} has no link")
            continue
        link = urljoin(resp.url, link)
        try:
            page = fetch(link, policy, accept=HTML_TYPES | TEXT_TYPES)
            meta = DocMeta(url=page.url, title=(entry.get("title") or "").strip() or None, published=_entry_date(entry))
            yield _document(link, page, meta, policy.max_bytes)
        except (FetchError, _Bad) as e:
            yield IngestError(link, str(e))


def read_inputs(paths: Iterable[str], policy: Optional[FetchPolicy] = None, stdin=None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[RawDocument, IngestError]]:
    """Files, folders and ``-`` as :func:`sitrep.ingest.read_paths` reads them, and http(s) URLs fetched, in order."""
    from .ingest import read_paths

    policy = policy or FetchPolicy(max_bytes=max_bytes)
    for p in paths:
        if is_url(p):
            yield from read_url(p, policy)
        else:
            yield from read_paths([p], stdin=stdin, max_bytes=max_bytes)
