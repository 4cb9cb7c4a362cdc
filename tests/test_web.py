"""`sitrep serve`: the JSON API over real HTTP on loopback, and the page in real headless chromium; every test
on a server of a SQLite store and on one of a PostgreSQL store (``sitrep serve --db postgresql://...``)."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES, run_cli
from stores import copy_store, count
from web_helpers import browser, get, serve

HOSTILE = FIXTURES / "web" / "hostile.jsonl"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def web_db(request, tmp_path_factory):
    """The seeds plus an article whose title and outlet carry markup and script, on each back end."""
    if request.param == "sqlite":
        db = copy_store(request.getfixturevalue("seeds_db"), tmp_path_factory.mktemp("web"))
    else:
        db = copy_store(request.getfixturevalue("seeds_pg"), None, request.getfixturevalue("pg"))
    p = run_cli("run", HOSTILE, "--db", db)
    assert p.returncode == 0, p.stderr.decode()
    return db


@pytest.fixture(scope="module")
def server(web_db):
    with serve(web_db) as base:
        yield base


@pytest.fixture(scope="module")
def all_events(server) -> list[dict]:
    status, _, body = get(server, "/api/events")
    assert status == 200
    assert body["total"] == len(body["events"]) >= 20
    return body["events"]


def ids(body) -> set[str]:
    return {e["event_id"] for e in body["events"]}


def test_api_lists_every_event_of_the_store(server, all_events, web_db):
    assert len(all_events) == count(web_db, "events")
    for ev in all_events:
        assert ev["evidence"] and ev["sources"]


def test_filter_since_until(server, all_events):
    since, until = "2017-06-01", "2018-03-01"
    status, _, body = get(server, "/api/events", {"since": since, "until": until})
    assert status == 200
    expected = {e["event_id"] for e in all_events if e["day"] and since <= e["day"] <= until}
    assert ids(body) == expected and expected
    assert all(e["day"] != "2018-05-07" for e in body["events"])
    _, _, only_since = get(server, "/api/events", {"since": "2018-05-01"})
    assert ids(only_since) == {e["event_id"] for e in all_events if e["day"] and e["day"] >= "2018-05-01"}
    assert "EV689e4c5c2310ac" in ids(only_since)  # the air strikes of 7 May 2018


def test_filter_place_is_transliteration_tolerant(server, all_events):
    # the reports write Yarmouk, Yarmuk camp, Yarmouk Camp; the gazetteer gives the place one name
    _, _, body = get(server, "/api/events", {"place": "al-Yarmūk"})
    assert {e["location"] for e in body["events"]} == {"Yarmouk Camp"}
    assert {"Yarmouk", "Yarmuk camp"} <= {e["location_text"] for e in body["events"]}
    assert ids(body) == {e["event_id"] for e in all_events if "Yarm" in (e["location"] or "")}
    assert all("Hajar" not in (e["location"] or "") for e in body["events"])
    _, _, admin = get(server, "/api/events", {"place": "Rif Dimashq"})
    assert ids(admin) == {e["event_id"] for e in all_events if e["admin1"] == "Rif Dimashq"}


def test_filter_bbox(server, all_events):
    # a box around Eastern Qalamoun / Eastern Ghouta, north-east of Damascus; none of the city's events
    box = (36.35, 33.52, 36.95, 33.9)
    _, _, body = get(server, "/api/events", {"bbox": ",".join(map(str, box))})
    expected = {e["event_id"] for e in all_events if e["latitude"] is not None
                and box[0] <= e["longitude"] <= box[2] and box[1] <= e["latitude"] <= box[3]}
    assert ids(body) == expected
    assert {e["location"] for e in body["events"]} == {"Eastern Qalamoun", "Eastern Ghouta"}
    status, _, err = get(server, "/api/events", {"bbox": "36,33,37"})
    assert status == 422 and "bbox" in err["detail"]


def test_filter_actor(server, all_events):
    _, _, body = get(server, "/api/events", {"actor": "hezbollah"})
    assert ids(body) == {e["event_id"] for e in all_events if "Hezbollah" in (e["actor1"], e["actor2"])}
    assert len(body["events"]) == 1
    _, _, fsa = get(server, "/api/events", {"actor": "Free Syrian Army"})
    expected = {e["event_id"] for e in all_events
                if "Free Syrian Army" in [e["actor1"], e["actor2"], *e["assoc_actor_1"], *e["assoc_actor_2"]]}
    assert ids(fsa) == expected and "Eastern Qalamoun" in {e["location"] for e in fsa["events"]}


def test_filter_event_type_and_sub_event_type(server, all_events):
    _, _, battles = get(server, "/api/events", {"event_type": "Battles"})
    assert ids(battles) == {e["event_id"] for e in all_events if e["event_type"] == "Battles"}
    _, _, sub = get(server, "/api/events", {"event_type": "Air/drone strike"})
    assert [e["sub_event_type"] for e in sub["events"]] == ["Air/drone strike"]
    _, _, two = get(server, "/api/events", {"event_type": ["Riots", "Air/drone strike"]})
    assert ids(two) == ids(sub)


def test_filter_source(server, all_events):
    _, _, body = get(server, "/api/events", {"source": "zaman al-wasl"})
    expected = {e["event_id"] for e in all_events if any(s["outlet"] == "Zaman al-Wasl" for s in e["sources"])}
    assert ids(body) == expected and len(expected) >= 3
    doc_id = body["events"][0]["sources"][0]["doc_id"]
    _, _, by_doc = get(server, "/api/events", {"source": doc_id})
    assert ids(by_doc) == expected


def test_filter_text_search(server, all_events):
    _, _, body = get(server, "/api/events", {"q": "Britain-based monitor"})
    assert ids(body) == {"EVcc9a40e59e2c63"}  # found in the evidence sentence, not in any field
    _, _, none = get(server, "/api/events", {"q": "Britain-based penguin"})
    assert none["total"] == 0


def test_filter_factuality_and_paging(server, all_events):
    _, _, hist = get(server, "/api/events", {"factuality": "historical"})
    assert {e["factuality"] for e in hist["events"]} == {"historical"} and hist["total"] >= 1
    _, _, page = get(server, "/api/events", {"limit": 5, "offset": 5})
    assert page["total"] == len(all_events)
    assert [e["event_id"] for e in page["events"]] == [e["event_id"] for e in all_events[5:10]]


def test_filters_combine(server, all_events):
    _, _, body = get(server, "/api/events", {"place": "Yarmouk", "actor": "SOHR", "source": "Zaman"})
    assert body["total"] == 0  # SOHR is a claimant, not an actor
    _, _, found = get(server, "/api/events", {"q": "Britain-based monitor"})
    (night,) = found["events"]  # seed 002's night clash: a battle by the rules, a shelling by the story model
    kind = night["event_type"]
    _, _, body = get(server, "/api/events", {"place": "Yarmouk", "source": "Zaman", "event_type": kind})
    assert night["event_id"] in ids(body) and {e["event_type"] for e in body["events"]} == {kind}
    other = "Battles" if kind != "Battles" else "Explosions/Remote violence"
    _, _, rest = get(server, "/api/events", {"place": "Yarmouk", "source": "Zaman", "event_type": other})
    assert night["event_id"] not in ids(rest) and {e["event_type"] for e in rest["events"]} <= {other}


def test_bad_dates_are_refused(server):
    status, _, body = get(server, "/api/events", {"since": "2018-13-01"})
    assert status == 422 and "since" in body["detail"]
    status, _, body = get(server, "/api/events", {"since": "2018-05-01", "until": "2018-01-01"})
    assert status == 422


def test_one_event_with_sources_claims_and_evidence(server):
    status, _, d = get(server, "/api/events/EV156442a949f36e")
    assert status == 200
    ev = d["event"]
    assert ev["event_id"] == "EV156442a949f36e"
    [src] = d["sources"]
    text = src["document"]["text"]
    assert src["document"]["outlet"] == "Enab Baladi"
    for e in src["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]
    assert [(c["claimant"], c["value"]) for c in src["claims"]] == [("Amaq", 30)]
    status, _, _ = get(server, "/api/events/EVnope")
    assert status == 404


def test_documents(server):
    status, _, body = get(server, "/api/documents")
    assert status == 200 and body["total"] == 6
    _, _, enab = get(server, "/api/documents", {"source": "enab"})
    [doc] = enab["documents"]
    status, _, full = get(server, f"/api/documents/{doc['doc_id']}")
    assert status == 200 and "EV156442a949f36e" in full["events"] and len(full["text"]) == doc["chars"]
    _, _, q = get(server, "/api/documents", {"q": "Qalamoun"})
    assert [d["outlet"] for d in q["documents"]] == ["ARA News"]
    assert get(server, "/api/documents/nope")[0] == 404


def test_timeline_and_facets(server, all_events):
    _, _, tl = get(server, "/api/timeline")
    assert sum(sum(d["counts"].values()) for d in tl["days"]) + tl["undated"] == len(all_events)
    may7 = next(d for d in tl["days"] if d["day"] == "2018-05-07")
    # the air strikes, and the block of buildings regained that day (the headline's event, dated by the lead)
    assert may7["counts"] == {"Explosions/Remote violence": 1, "Battles": 1}
    _, _, tl_b = get(server, "/api/timeline", {"event_type": "Battles"})
    assert all(set(d["counts"]) == {"Battles"} for d in tl_b["days"])
    _, _, f = get(server, "/api/facets")
    assert "Air/drone strike" in f["event_types"]["Explosions/Remote violence"]
    assert "Islamic State (Syria)" in f["actors"] and "SMART" in f["outlets"]


def test_openapi_schema_and_security_headers(server):
    status, headers, schema = get(server, "/openapi.json")
    assert status == 200
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}", "/api/control",
                 "/api/timeline"):
        assert path in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "place", "bbox", "actor", "event_type", "source", "q"} <= params
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())  # read-only: nothing to protect with a token
    status, headers, page = get(server, "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_no_path_outside_the_static_folder(server):
    import urllib.request

    port = server.rsplit(":", 1)[1]
    import http.client

    for raw in ("/static/../__init__.py", "/static/%2e%2e/__init__.py", "/static/..%2f..%2fstore/__init__.py",
                "/static//etc/passwd", "/static/%2Fetc%2Fpasswd"):
        c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
        c.request("GET", raw)
        r = c.getresponse()
        body = r.read()
        assert r.status == 404, raw
        assert b"import" not in body and b"root:" not in body
    assert urllib.request.urlopen(server + "/static/app.js").status == 200


def test_article_markup_is_data_in_the_api(server):
    _, _, body = get(server, "/api/documents", {"source": "example.org"})
    [doc] = body["documents"]
    assert "<script>" in doc["title"]  # kept as the article's text, for the page to show as text


def test_control_ledger_endpoint(server, all_events):
    pytest.importorskip("sitrep.control", reason="the control ledger lands with fusion (sitrep.control)")
    status, _, rows = get(server, "/api/control")
    assert status == 200 and isinstance(rows, list)
    for row in rows:
        assert {"place", "latitude", "longitude", "admin1", "entries"} <= set(row)
        for e in row["entries"]:
            assert {"actor", "status", "claimant", "since", "until", "event_id", "evidence"} <= set(e)
    _, _, yarmouk = get(server, "/api/control", {"place": "Yarmouk Camp"})
    assert all("armouk" in r["place"] or "armuk" in r["place"] for r in yarmouk)


def test_serve_refuses_a_missing_store(tmp_path):
    p = run_cli("serve", "--db", tmp_path / "none.db", "--port", "1")
    assert p.returncode == 3 and b"no such store" in p.stderr


def test_serve_refuses_an_empty_or_unreachable_database(pg_url):
    p = run_cli("serve", "--db", pg_url, "--port", "1")
    assert p.returncode == 3 and b"not a Sitrep store" in p.stderr
    p = run_cli("serve", "--db", "postgresql://analyst:s3cret@127.0.0.1:1/nowhere", "--port", "1")
    assert p.returncode == 3 and b"postgresql://analyst@127.0.0.1:1/nowhere: cannot connect" in p.stderr
    assert b"s3cret" not in p.stderr + p.stdout


# ----------------------------------------------------------------------------------------------- the page
@pytest.fixture(scope="module")
def page(server):
    drv = browser()
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def load(drv, url: str) -> None:
    """A fresh page (a URL differing only in its #fragment would not reload)."""
    drv.get("about:blank")
    drv.get(url)


def wait(drv, predicate, timeout: float = 90):
    """Wait on the page's state. An element the page replaced while it was being read (the event view is rebuilt
    when another event opens) is no state yet: look again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: predicate(d))


def view_state(drv) -> dict:
    """The event view as one snapshot (one script call: no element can go stale between two reads)."""
    return drv.execute_script("const v = document.getElementById('event-view'); const h = v.querySelector('h2');"
                              "return {hidden: v.hidden, title: h ? h.textContent : ''};")


def test_page_shows_events_on_map_timeline_and_table(server, page, all_events):
    from selenium.webdriver.common.by import By

    load(page, server + "/")
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    # the basemap (admin-0 and admin-1 boundaries shipped with the package) is drawn without any network
    assert len(page.find_elements(By.CSS_SELECTOR, "path.basemap-admin1")) >= 14
    markers = page.find_elements(By.CSS_SELECTOR, "path.event-marker")
    on_map = {m.get_attribute("data-event-id") for m in markers}
    assert on_map == {e["event_id"] for e in all_events if e["latitude"] is not None}
    seeds = {e["event_id"] for e in all_events if e["sources"][0]["outlet"] in
             {"ARA News", "Enab Baladi", "SMART", "Syria News", "Zaman al-Wasl"}}
    assert seeds and seeds <= {e["event_id"] for e in all_events}
    assert {e["event_id"] for e in all_events if e["latitude"] is not None and e["event_id"] in seeds} <= on_map
    # timeline: one bar per (day, type) of the dated events
    bars = {(b.get_attribute("data-day"), b.get_attribute("data-type"), int(b.get_attribute("data-count")))
            for b in page.find_elements(By.CSS_SELECTOR, "rect.tl-bar")}
    _, _, tl = get(server, "/api/timeline")
    assert bars == {(d["day"], t, n) for d in tl["days"] for t, n in d["counts"].items()}
    assert ("2018-05-07", "Explosions/Remote violence", 1) in bars
    rows = page.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert {r.get_attribute("data-event-id") for r in rows} == {e["event_id"] for e in all_events}


def test_the_page_leads_with_the_stories_main_events(server, page, web_db):
    from selenium.webdriver.common.by import By

    _, _, body = get(server, "/api/events")
    leads = body["leads"]   # event_id -> the articles whose headline and lead report it
    assert leads and set(leads) <= {e["event_id"] for e in body["events"]}
    assert any(d["title"] == "Islamic State captures 2 neighborhoods south of Damascus" for ds in leads.values() for d in ds)
    load(page, server + "/")
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    rows = page.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    first = rows[:len(leads)]
    assert {r.get_attribute("data-event-id") for r in first} == set(leads)
    assert all("lead" in r.get_attribute("class").split() for r in first)
    assert not any("lead" in (r.get_attribute("class") or "").split() for r in rows[len(leads):])
    assert any("Islamic State captures 2 neighborhoods south of Damascus" in r.text for r in first)


def test_page_filters(server, page, all_events):
    from selenium.webdriver.common.by import By

    hezbollah = [e["event_id"] for e in all_events if "Hezbollah" in f"{e['actor1']} {e['actor2']}"]
    assert len(hezbollah) == 1

    load(page, server + "/")
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    box = page.find_element(By.NAME, "actor")
    box.send_keys("Hezbollah")
    page.execute_script("document.body.dataset.ready = ''")
    page.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    rows = page.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert [r.get_attribute("data-event-id") for r in rows] == hezbollah
    assert len(page.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 1


def test_event_view_highlights_evidence_and_sets_claims_side_by_side(server, page, tmp_path):
    from selenium.webdriver.common.by import By

    _, _, d = get(server, "/api/events/EV156442a949f36e")
    load(page, server + "/#event/EV156442a949f36e")
    wait(page, lambda drv: drv.find_elements(By.CSS_SELECTOR, "#event-view mark.evidence"))
    marks = [m.text for m in page.find_elements(By.CSS_SELECTOR, "#event-view mark.evidence")]
    assert marks == [e["text"] for e in sorted(d["event"]["evidence"], key=lambda e: e["start"])]
    article = page.find_element(By.CSS_SELECTOR, "#event-view .article .text").text
    assert article.replace("\n", "") == d["sources"][0]["document"]["text"].replace("\n", "")
    cols = page.find_elements(By.CSS_SELECTOR, "#event-view .claims-grid .source-col")
    assert len(cols) == len(d["sources"])
    assert "amaq" in cols[0].text.lower() and "30" in cols[0].text
    page.save_screenshot(str(tmp_path / "event-view.png"))
    assert (tmp_path / "event-view.png").stat().st_size > 10_000
    # clicking a marker opens the event view too
    page.find_element(By.CSS_SELECTOR, "#event-view button.close").click()
    wait(page, lambda d: view_state(d)["hidden"])  # closed
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))  # markers drawn
    wait(page, lambda drv: drv.find_elements(By.CSS_SELECTOR, 'path.event-marker[data-event-id="EV689e4c5c2310ac"]'))
    page.execute_script("document.querySelector('path.event-marker[data-event-id=\"EV689e4c5c2310ac\"]')"
                        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")

    def opened(d):
        v = view_state(d)
        return v if not v["hidden"] and "EV689e4c5c2310ac" in v["title"] else None

    assert "Air/drone strike" in wait(page, opened)["title"]


def test_page_never_runs_markup_from_an_article(server, page):
    from selenium.webdriver.common.by import By

    _, _, body = get(server, "/api/events", {"source": "example.org"})
    [ev] = body["events"]
    load(page, server + "/")
    wait(page, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    row = page.find_element(By.CSS_SELECTOR, f"#events tbody tr[data-event-id='{ev['event_id']}']")
    assert "Example Wire <img src=x" in row.text  # shown as text
    row.click()
    wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, "#event-view .article h3"))
    title = page.find_element(By.CSS_SELECTOR, "#event-view .article h3").text
    assert title == "Shelling in Yarmouk <script>window.__pwned='title'</script>"
    assert page.execute_script("return window.__pwned === undefined")
    assert page.execute_script("return document.querySelectorAll('#event-view script, #event-view img, #events img').length") == 0
    assert len(page.find_elements(By.TAG_NAME, "script")) == 1  # the page's own bundle


def test_page_shows_the_control_ledger_of_the_event_place(server, page):
    from selenium.webdriver.common.by import By

    load(page, server + "/#event/EVf1e779775a87cd")  # IS takes two neighbourhoods of Yarmouk Camp from HTS
    # the page may draw the all-places ledger first: wait until the ledger drawn is the event place's
    wait(page, lambda d: d.execute_script("return document.getElementById('ledger').dataset.place || ''")
         and d.find_elements(By.CSS_SELECTOR, "#ledger .ledger-place"))
    # one snapshot of the ledger (no element can go stale between two reads)
    places = page.execute_script("return Object.fromEntries([...document.querySelectorAll('#ledger .ledger-place')]"
                                 ".map((p) => [p.dataset.place, p.innerText]))")
    assert "Yarmouk Camp" in places
    assert "Islamic State (Syria)" in places["Yarmouk Camp"] and "70%" in places["Yarmouk Camp"]
    assert "Hayat Tahrir al Sham" in places["Yarmouk Camp"] and "30%" in places["Yarmouk Camp"]
