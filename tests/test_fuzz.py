"""Property-based fuzzing (hypothesis) of every parser that reads outside input (issue 8).

Short runs in the default suite; long runs with `--fuzz-long` or `SITREP_FUZZ=long` (scripts/reliability.sh),
whose figures go to docs/RELIABILITY.md. Inputs mix arbitrary Unicode with the domain's own vocabulary (so the
parsers' deep paths are reached), control characters, right-to-left and zero-width marks, mixed scripts.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import fuzz_long
from sitrep.ingest import IngestError, read_paths
from sitrep.models import RawDocument

LONG = os.environ.get("SITREP_FUZZ") == "long"
TRIED: Counter = Counter()



SCALE = float(os.environ.get("SITREP_FUZZ_SCALE", "1"))  # multiplies the long budgets


def budget(short: int, long: int) -> settings:
    return settings(max_examples=max(1, int(long * SCALE)) if LONG else short, deadline=None, derandomize=not LONG,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@pytest.fixture(scope="module", autouse=True)
def _report(record_figure, request):
    global LONG
    LONG = LONG or fuzz_long(request.config)
    yield
    record_figure("fuzz", long=LONG, inputs=dict(TRIED), total=sum(TRIED.values()))


VOCAB = ["killed", "were killed", "12", "1,200", "twenty-one", "dozens", "at least", "civilians", "fighters",
         "Aleppo", "Idlib", "Khan Shaykhun", "Hajr al-Aswad", "Douma", "Syria", "ISIS", "Daesh", "SOHR", "Amaq",
         "said", "claimed", "shelled", "airstrike", "clashes", "on Monday", "last week", "7 May 2019", "2019-05-07",
         "May 7", "yesterday", "in 2016", "since March", "Published on", "تم النشر بتاريخ", "12 فبراير، 2018",
         "حلب", "قتل", "Сирия", "叙利亚", "\u202e", "\u200f", "\u2067", "\u2069", "\u200b", "\ufeff", "\u0301",
         "\x00", "\x07", "\x1b[31m", "\r\n", "\n\n", "\t", "\u2028", "\ud7ff", "\U0001F1F8\U0001F1FE", "9" * 5000,
         "1." + "9" * 400, "<", ">", "&amp;", "&#0;", "&#x110000;", "]]>", "{", '"', "\\"]
SPECIAL = st.sampled_from(VOCAB)
hostile_text = st.lists(st.one_of(st.text(max_size=20), SPECIAL, SPECIAL.map(lambda s: " " + s + " ")),
                        max_size=30).map("".join)
TAGS = ["div", "p", "span", "article", "main", "nav", "script", "style", "table", "td", "h1", "time", "meta",
        "a", "br", "iframe", "svg", "math", "template", "noscript", "body", "html", "head", "title"]


@st.composite
def html_pages(draw, depth: int = 0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0 and depth < 6:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.lists(st.tuples(st.sampled_from(["class", "id", "dir", "content", "datetime", "x", "lang",
                                                             "on" + "click", "style", "property", "name"]),
                                            hostile_text), max_size=3))
            a = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in attrs)
            inner = draw(html_pages(depth + 1))
            close = draw(st.booleans())
            parts.append(f"<{tag}{a}>{inner}" + (f"</{tag}>" if close else ""))
        elif kind == 1:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "<!doctype html>", "</p>", "<", "&",
                                               "<meta charset='koi8-r'>", "<?xml version='1.0'?>"])))
        else:
            parts.append(draw(hostile_text))
    return "".join(parts)


# -- ingest: every input format ------------------------------------------------------------------------------
def _check_items(items, max_bytes=10_000_000):
    for it in items:
        assert isinstance(it, (RawDocument, IngestError))
        if isinstance(it, RawDocument):
            assert it.content.strip() and len(it.content.encode("utf-8", "surrogatepass")) <= 4 * max_bytes
            assert it.kind in ("txt", "html")
        else:
            assert it.reason and "\n" not in it.reason


@budget(60, 3000)
@given(data=st.one_of(st.binary(max_size=400), hostile_text.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       ext=st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".xml", ""]))
def test_fuzz_ingest_files(data, ext):
    TRIED["ingest files"] += 1
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"in{ext}"
        f.write_bytes(data)
        _check_items(list(read_paths([str(f)], max_bytes=1000)))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                           max_leaves=6)


@budget(60, 3000)
@given(lines=st.lists(st.one_of(
    st.fixed_dictionaries({}, optional={k: json_values | hostile_text for k in
                                        ("text", "html", "id", "url", "title", "outlet", "published", "language")}
                          ).map(lambda o: json.dumps(o, ensure_ascii=False)),
    hostile_text), max_size=5))
def test_fuzz_ingest_jsonl_and_stdin(lines):
    TRIED["ingest jsonl/stdin"] += 1
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _check_items(list(read_paths(["-"], stdin=io.BytesIO(data), max_bytes=5000)))
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "in.jsonl"
        f.write_bytes(data)
        items = list(read_paths([str(f)], max_bytes=5000))
        _check_items(items)
        for it in items:
            if isinstance(it, IngestError) and it.line:
                assert it.line >= 1


# -- cleaning -----------------------------------------------------------------------------------------------
def _check_clean(doc):
    assert isinstance(doc.text, str)
    assert doc.published is None or isinstance(doc.published, dt.date)
    for b in doc.blocks:
        if b.start is not None:
            assert 0 <= b.start <= b.end <= len(doc.text)


@budget(40, 500)
@given(text=hostile_text)
def test_fuzz_clean_text(text):
    from sitrep.clean import clean
    from sitrep.ingest import doc_id_for

    TRIED["clean text"] += 1
    _check_clean(clean(RawDocument(doc_id=doc_id_for("txt", text), path="f.txt", kind="txt", content=text)))


@budget(40, 500)
@given(page=html_pages())
def test_fuzz_clean_html(page):
    from sitrep.clean import clean
    from sitrep.ingest import doc_id_for

    TRIED["clean html"] += 1
    _check_clean(clean(RawDocument(doc_id=doc_id_for("html", page), path="f.html", kind="html", content=page)))


@budget(100, 3000)
@given(text=hostile_text, lines=st.lists(hostile_text, max_size=5))
def test_fuzz_published_dates(text, lines):
    from sitrep.clean.published import first_date, parse_date, published_from_text

    TRIED["clean.published"] += 1
    d = parse_date(text)
    assert d is None or isinstance(d, dt.date)
    f = first_date(text)
    assert f is None or isinstance(f[0], dt.date)
    published_from_text(lines, text)


# -- dates ----------------------------------------------------------------------------------------------------
@budget(100, 3000)
@given(text=st.one_of(st.none(), hostile_text), ref=st.one_of(st.none(), st.dates()),
       anchors=st.lists(st.dates(), max_size=3))
def test_fuzz_timeparse(text, ref, anchors):
    from sitrep.timeparse import anchor_dates, resolve

    TRIED["timeparse"] += 1
    w = resolve(text, ref, anchors)
    if w.start and w.end:
        assert w.start <= w.end
    if w.date and w.start and w.end:
        assert w.start <= w.date <= w.end
    assert w.precision in (None, 1, 2, 3)
    anchor_dates([text or ""])


@budget(100, 3000)
@given(text=hostile_text, dct=st.dates())
def test_fuzz_timeml_value(text, dct):
    from sitrep.timeml import value

    TRIED["timeml"] += 1
    v = value(text, dct)
    assert v is None or isinstance(v, str)


# -- numbers ----------------------------------------------------------------------------------------------------
@budget(200, 10000)
@given(text=st.one_of(hostile_text, st.from_regex(r"[0-9.,]{1,60}", fullmatch=True),
                      st.tuples(st.integers(1, 6000), st.sampled_from(["", ".5", ",000"])).map(
                          lambda t: "9" * t[0] + t[1]),
                      st.lists(st.sampled_from(["one", "twenty", "hundred", "thousand", "million", "and", "-",
                                                "five", "ninety", " "]), max_size=12).map(" ".join)))
def test_fuzz_parse_number(text):
    from sitrep.extract.numbers import parse_number

    TRIED["numbers.parse_number"] += 1
    n = parse_number(text)
    assert n is None or (isinstance(n, int) and n >= 0)


@budget(30, 300)
@given(text=hostile_text)
def test_fuzz_casualty_figures(text):
    from sitrep.annotate import english
    from sitrep.extract.numbers import find

    TRIED["numbers.find"] += 1
    for c in find(english()(text[:2000])):
        assert c is not None


# -- places and text matching ----------------------------------------------------------------------------------
@budget(60, 1000)
@given(query=hostile_text, country=st.one_of(st.none(), st.sampled_from(["SY", "sy", "IQ", "", "ZZ"])))
def test_fuzz_geocode(query, country):
    from sitrep.geo import geocode

    TRIED["geo.geocode"] += 1
    r = geocode(query, country)
    assert set(r) == {"query", "name", "latitude", "longitude", "country", "admin1", "feature", "score"}
    if r["name"] is not None:
        assert -90 <= r["latitude"] <= 90 and -180 <= r["longitude"] <= 180


@budget(40, 800)
@given(text=hostile_text)
def test_fuzz_geoparse(text):
    from sitrep.geo import geoparse

    TRIED["geo.geoparse"] += 1
    for m in geoparse(text):
        assert 0 <= m["start"] < m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["text"]


@budget(200, 5000)
@given(text=hostile_text)
def test_fuzz_textmatch(text):
    from sitrep.actors import match_spans
    from sitrep.textmatch import key, normalise

    TRIED["textmatch"] += 1
    norm, where = normalise(text)
    assert len(norm) == len(where)
    assert all(0 <= i < len(text) for i in where) and where == sorted(where)
    key(text)
    for m in match_spans(text):  # the actors lexicon: a real textmatch.Lexicon
        assert 0 <= m.start < m.end <= len(text)


# -- the whole per-document pipeline ----------------------------------------------------------------------------
@budget(15, 150)
@given(content=st.one_of(hostile_text, html_pages()))
def test_fuzz_process_whole_documents(content):
    from sitrep.ingest import doc_id_for
    from sitrep.limits import document_time_limit
    from sitrep.pipeline import process

    TRIED["pipeline.process"] += 1
    kind = "html" if content.lstrip().startswith("<") else "txt"
    raw = RawDocument(doc_id=doc_id_for(kind, content), path="fuzz", kind=kind, content=content)
    with document_time_limit(120, "fuzz"):
        p = process(raw)
    text = p.doc.text
    for s in p.annotated.sentences:
        assert text[s.start:s.end] == s.text
    for m in p.mentions:
        for ev in m.evidence:
            assert text[ev.start:ev.end] == ev.text
