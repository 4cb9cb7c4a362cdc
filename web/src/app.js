// Sitrep's analyst page. Every string that comes from an article or the store goes into the page through
// textContent / text nodes (the `h` helper); nothing from the data is ever parsed as HTML.
import L from "leaflet";
import { feature } from "topojson-client";

const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
const colour = (t) => TYPE_COLOURS[t] || "#34495e";

// h("td", {class: "x", dataset: {id: 1}}, "text", child) -> element; strings become text nodes
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "onclick") el.addEventListener("click", v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const svg = (tag, attrs = {}) => {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};

async function api(path, params) {
  const qs = params ? "?" + new URLSearchParams(params).toString() : "";
  const r = await fetch(path + qs, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    const err = new Error(`${r.status} ${path}`);
    err.status = r.status;
    try { err.detail = (await r.json()).detail; } catch (_) { /* not json */ }
    throw err;
  }
  return r.json();
}

const status = (msg) => { document.getElementById("status").textContent = msg; };
// eventPlace: the place of the open event, whose ledger the panel shows; ledgerRequest: the latest ledger asked for
const state = { events: [], markers: new Map(), selected: null, eventPlace: null, ledgerRequest: 0 };

// ---------------------------------------------------------------- map
const map = L.map("map", { zoomControl: true, worldCopyJump: false, preferCanvas: false }).setView([34.8, 38.5], 6);
const basemapPane = map.createPane("basemap");
basemapPane.style.zIndex = 250;
const markerLayer = L.featureGroup().addTo(map);
let tiles = null;

async function loadBasemap() {
  const topo = await api("/static/basemap.json");
  L.geoJSON(feature(topo, topo.objects.countries), { pane: "basemap", interactive: false,
    style: { className: "basemap-country", fillOpacity: 1 } }).addTo(map);
  L.geoJSON(feature(topo, topo.objects.admin1), { pane: "basemap", interactive: false,
    style: { className: "basemap-admin1" } }).addTo(map);
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
}

document.getElementById("tiles").addEventListener("change", (e) => {
  if (e.target.checked) {
    tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      { maxZoom: 18, attribution: "© OpenStreetMap contributors" }).addTo(map);
  } else if (tiles) {
    map.removeLayer(tiles);
    tiles = null;
  }
});

function drawMarkers(events) {
  markerLayer.clearLayers();
  state.markers.clear();
  for (const ev of events) {
    if (ev.latitude == null || ev.longitude == null) continue;
    const deaths = ev.fatalities_high ?? ev.fatalities ?? 0;
    const m = L.circleMarker([ev.latitude, ev.longitude], {
      radius: 5 + Math.min(10, Math.sqrt(deaths) * 2), color: "#fff", weight: 1.5,
      fillColor: colour(ev.event_type), fillOpacity: 0.85, className: "event-marker",
    });
    const tip = h("div", {}, h("strong", {}, ev.sub_event_type), h("br"), `${ev.day || "date unknown"} · ${ev.location || ""}`,
      h("br"), [ev.actor1, ev.actor2].filter(Boolean).join(" vs "));
    m.bindTooltip(tip);           // an element, not a string: Leaflet would parse a string as HTML
    m.on("click", () => openEvent(ev.event_id));
    m.addTo(markerLayer);
    const el = m.getElement();
    if (el) { el.dataset.eventId = ev.event_id; el.dataset.eventType = ev.event_type; }
    state.markers.set(ev.event_id, m);
  }
}

// ---------------------------------------------------------------- timeline (plain SVG)
function drawTimeline(tl) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  const days = tl.days;
  document.getElementById("timeline-note").textContent =
    (days.length ? `${days[0].day} to ${days[days.length - 1].day}` : "no dated events") +
    (tl.undated ? ` · ${tl.undated} undated (not shown)` : "");
  const W = 600, H = 220, pad = { l: 28, r: 8, t: 8, b: 40 };
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per day by type" });
  box.append(s);
  if (!days.length) return;
  const first = Date.parse(days[0].day), last = Date.parse(days[days.length - 1].day);
  const nDays = Math.round((last - first) / 864e5) + 1;
  const max = Math.max(...days.map((d) => Object.values(d.counts).reduce((a, b) => a + b, 0)));
  const bw = Math.max(2, Math.min(40, (W - pad.l - pad.r) / nDays - 1));
  const x = (day) => pad.l + ((Date.parse(day) - first) / 864e5) * ((W - pad.l - pad.r - bw) / Math.max(1, nDays - 1));
  const y = (n) => (H - pad.b) - (n / max) * (H - pad.t - pad.b);
  s.append(svg("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: "#999" }));
  for (let i = 0; i <= max; i += Math.max(1, Math.ceil(max / 4))) {
    const t = svg("text", { x: pad.l - 4, y: y(i) + 3, "text-anchor": "end" }); t.textContent = String(i); s.append(t);
  }
  for (const d of days) {
    let acc = 0;
    const byReport = (d.basis.report || 0) + (d.basis.span || 0) > 0 && !d.basis.event;
    for (const [type, n] of Object.entries(d.counts)) {
      const r = svg("rect", { x: x(d.day), y: y(acc + n), width: bw, height: y(acc) - y(acc + n),
        fill: colour(type), class: "tl-bar" + (byReport ? " by-report" : "") });
      r.dataset.day = d.day; r.dataset.type = type; r.dataset.count = n;
      const title = svg("title");
      title.textContent = `${d.day}: ${n} × ${type}` + (byReport ? " (dated by span or report)" : "");
      r.append(title);
      r.addEventListener("click", () => setFilters({ since: d.day, until: d.day }));
      s.append(r);
      acc += n;
    }
    const lbl = svg("text", { x: x(d.day) + bw / 2, y: H - pad.b + 12, "text-anchor": "end",
      transform: `rotate(-40 ${x(d.day) + bw / 2} ${H - pad.b + 12})` });
    lbl.textContent = d.day;
    s.append(lbl);
  }
}

function drawLegend() {
  const box = document.getElementById("legend");
  box.replaceChildren(...Object.keys(TYPE_COLOURS).map((t) => {
    const sp = h("span", {}, t); sp.style.setProperty("--c", colour(t)); return sp;
  }));
}

// ---------------------------------------------------------------- table
// the table leads with the stories' main events (what an article's headline and lead report), each with its headline
function drawTable(events, total, leads = {}) {
  const tbody = document.querySelector("#events tbody");
  const ordered = [...events.filter((ev) => leads[ev.event_id]), ...events.filter((ev) => !leads[ev.event_id])];
  tbody.replaceChildren(...ordered.map((ev) => h("tr", { dataset: { eventId: ev.event_id }, onclick: () => openEvent(ev.event_id),
    class: leads[ev.event_id] ? "lead" : null },
    h("td", {}, ev.day ? ev.day + (ev.day_basis === "event" ? "" : ev.day_basis === "span" ? " (span)" : " (reported)") : "—"),
    h("td", {}, ev.event_type),
    h("td", {}, ev.sub_event_type, leads[ev.event_id] ? h("div", { class: "headline" },
      h("span", { class: "badge lead" }, "lead story"), " ", leads[ev.event_id].map((d) => d.title || d.doc_id).join(" · ")) : null),
    h("td", {}, [ev.location, ev.admin1].filter(Boolean).join(", ")),
    h("td", {}, ev.actor1 || ""), h("td", {}, ev.actor2 || ""), h("td", {}, deathsText(ev)),
    h("td", {}, h("span", { class: "badge " + ev.factuality }, ev.factuality)),
    h("td", {}, (ev.sources || []).map((s) => s.outlet || s.doc_id.slice(0, 8)).join(", ")))));
  document.getElementById("count").textContent = `${total} shown`;
}

function deathsText(ev) {
  const lo = ev.fatalities_low, hi = ev.fatalities_high;
  if (lo != null && hi != null && lo !== hi) return `${lo}–${hi}`;
  return ev.fatalities != null ? String(ev.fatalities) : "";
}

// ---------------------------------------------------------------- event view
function highlighted(text, spans) {
  // the article as text nodes, each evidence span wrapped in <mark>; overlapping spans are merged
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  const out = [];
  let at = 0;
  for (const s of merged) {
    if (s.start < at || s.end > text.length) continue;
    out.push(document.createTextNode(text.slice(at, s.start)));
    out.push(h("mark", { class: "evidence", dataset: { start: s.start, end: s.end } }, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}

function claimValue(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return Object.entries(v).filter(([, x]) => x != null).map(([k, x]) => `${k}: ${x}`).join(", ");
  return String(v);
}

async function openEvent(eventId, push = true) {
  let d;
  try { d = await api(`/api/events/${encodeURIComponent(eventId)}`); }
  catch (e) { status(`event ${eventId}: ${e.detail || e.message}`); return; }
  const ev = d.event;
  if (push) history.replaceState(null, "", `#event/${encodeURIComponent(ev.event_id)}`);
  state.selected = ev.event_id;
  document.querySelectorAll("#events tbody tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.eventId === ev.event_id));
  for (const [id, m] of state.markers) m.getElement()?.classList.toggle("selected", id === ev.event_id);
  const view = document.getElementById("event-view");
  const rows = [
    ["Day", ev.day ? `${ev.day}${ev.day_basis !== "event" ? ` (from ${ev.day_basis === "span" ? "date span" : "report date"})` : ""}` : "unknown"],
    ["Date text", ev.date_text], ["Span", ev.date_start ? `${ev.date_start} – ${ev.date_end || "?"}` : null],
    ["Place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")],
    ["Actors", [ev.actor1, ev.actor2].filter(Boolean).join(" vs ")],
    ["Associated", [...(ev.assoc_actor_1 || []), ...(ev.assoc_actor_2 || [])].join(", ")],
    ["Deaths", deathsText(ev) + (ev.fatalities_best != null ? ` (best ${ev.fatalities_best})` : "") +
      (ev.fatalities_conflict ? " · sources disagree" : "")],
    ["Claims", ev.claims_summary],
    ["Sources", `${(ev.sources || []).length}` + (ev.independent_sources != null ? ` (${ev.independent_sources} independent)` : "")],
    ["Territory", ev.territory ? `${ev.territory.place || "?"}: ${ev.territory.from_actor || "?"} → ${ev.territory.to_actor || "?"}` : null],
    ["Factuality", ev.factuality], ["Notes", ev.notes],
  ].filter(([, v]) => v);
  const claimCols = d.sources.map((s) => h("div", { class: "source-col", dataset: { docId: s.document.doc_id } },
    h("h3", {}, `${s.document.outlet || "unknown outlet"}, ${s.document.published || "undated"}`),
    s.claims.length ? s.claims.map((c) => h("div", { class: "claim" },
      h("div", { class: "kind" }, c.kind + (c.claimant ? ` · ${c.claimant}` : "") + (c.stance ? ` (${c.stance})` : "")),
      h("div", {}, claimValue(c.value)), c.quote ? h("blockquote", {}, c.quote) : null))
      : h("p", { class: "muted" }, "no attributed claims")));
  const articles = d.sources.map((s) => h("article", { class: "article", dataset: { docId: s.document.doc_id } },
    h("h3", {}, s.document.title || s.document.path || s.document.doc_id),
    h("p", { class: "muted" }, `${s.document.outlet || "unknown outlet"} · ${s.document.published || "undated"} · doc ${s.document.doc_id}`,
      s.document.url ? " · " : "", s.document.url && /^https?:\/\//.test(s.document.url) ? h("a", { href: s.document.url, rel: "noreferrer noopener", target: "_blank" }, s.document.url) : null),
    h("div", { class: "text" }, s.document.text == null ? "(document not in the store)" : highlighted(s.document.text, s.evidence))));
  view.replaceChildren(
    h("button", { class: "close", type: "button", onclick: () => { view.hidden = true; state.eventPlace = null; history.replaceState(null, "", "#"); } }, "Close"),
    h("h2", {}, `${ev.sub_event_type} `, h("span", { class: "badge " + ev.factuality }, ev.factuality), h("small", { class: "muted" }, ` ${ev.event_type} · ${ev.event_id}`)),
    h("dl", {}, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("h3", {}, "Claims by source"), h("div", { class: "claims-grid" }, claimCols),
    h("h3", {}, "Articles (evidence highlighted)"), h("div", { class: "articles" }, articles));
  view.hidden = false;
  view.querySelectorAll(".article .text").forEach((box) => {
    const m = box.querySelector("mark.evidence");
    if (m) box.scrollTop = Math.max(0, m.offsetTop - box.offsetTop - 40);
  });
  view.scrollIntoView({ behavior: "instant", block: "start" });
  state.eventPlace = ev.territory?.place || ev.location || null;
  loadLedger(state.eventPlace);
}

// ---------------------------------------------------------------- control ledger
async function loadLedger(place) {
  // requests for different places may answer out of order: only the latest one asked for is drawn
  const mine = ++state.ledgerRequest;
  const box = document.getElementById("ledger");
  document.getElementById("ledger-place").textContent = place ? `· ${place}` : "· all places";
  let rows;
  try { rows = await api("/api/control", place ? { place } : undefined); }
  catch (e) {
    if (mine !== state.ledgerRequest) return;
    box.replaceChildren(h("p", { class: "muted" }, e.status === 501 ? "No control ledger in this Sitrep build." : `Ledger unavailable (${e.detail || e.message}).`));
    return;
  }
  if (mine !== state.ledgerRequest) return;
  box.dataset.place = place || "";   // whose ledger is drawn ("" for all places)
  if (!rows.length) { box.replaceChildren(h("p", { class: "muted" }, "No control records for this place.")); return; }
  box.replaceChildren(...rows.map((p) => h("div", { class: "ledger-place", dataset: { place: p.place } },
    h("h3", {}, [p.place, p.admin1].filter(Boolean).join(", ")),
    h("table", {}, h("thead", {}, h("tr", {}, ["Actor", "Share", "Status", "Claimant", "Since", "Until", "Kind", "Evidence"].map((t) => h("th", {}, t)))),
      h("tbody", {}, (p.entries || []).map((e) => h("tr", { onclick: e.event_id ? () => openEvent(e.event_id) : null },
        h("td", {}, e.actor || ""), h("td", {}, typeof e.share === "number" ? `${Math.round(e.share * 100)}%` : ""),
        h("td", {}, e.status || ""), h("td", {}, e.claimant || ""),
        h("td", {}, e.since || (e.not_before ? `not before ${e.not_before}` : "")), h("td", {}, e.until || ""),
        h("td", {}, (e.kind || "") + (e.from_actor ? ` (from ${e.from_actor})` : "")),
        h("td", {}, (e.evidence || []).map((x) => x.text).join(" … ")))))))));
}

// ---------------------------------------------------------------- filters
const form = document.getElementById("filters");
function currentParams() {
  const fd = new FormData(form);
  const p = {};
  for (const k of ["since", "until", "place", "actor", "event_type", "source", "q"]) {
    const v = (fd.get(k) || "").toString().trim();
    if (v) p[k] = v;
  }
  if (fd.get("inview")) {
    const b = map.getBounds();
    p.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(",");
  }
  return p;
}
function setFilters(values) {
  for (const [k, v] of Object.entries(values)) if (form.elements[k]) form.elements[k].value = v;
  refresh();
}
form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
form.addEventListener("reset", () => setTimeout(refresh, 0));

async function refresh() {
  const p = currentParams();
  status("loading…");
  try {
    const [evs, tl] = await Promise.all([api("/api/events", p), api("/api/timeline", p)]);
    state.events = evs.events;
    drawMarkers(evs.events);
    if (!state.fitted && markerLayer.getLayers().length) {   // first load: frame the events
      map.fitBounds(markerLayer.getBounds().pad(0.5), { maxZoom: 9 });
      state.fitted = true;
    }
    drawTimeline(tl);
    drawTable(evs.events, evs.total, evs.leads || {});
    status(`${evs.total} events`);
  } catch (e) {
    status(`could not load events: ${e.detail || e.message}`);
  }
  await loadLedger(state.eventPlace || p.place);   // an open event keeps its place's ledger
  document.body.dataset.ready = "1";
}

async function loadFacets() {
  const f = await api("/api/facets");
  const sel = form.elements.event_type;
  for (const [type, subs] of Object.entries(f.event_types)) {
    sel.append(h("option", { value: type }, type));
    for (const s of subs) sel.append(h("option", { value: s }, `  · ${s}`));
  }
  const fill = (id, values) => document.getElementById(id).replaceChildren(...values.map((v) => h("option", { value: v })));
  fill("places", f.places); fill("actors", f.actors); fill("outlets", f.outlets);
}

async function main() {
  drawLegend();
  await Promise.all([loadBasemap().catch((e) => status(`basemap: ${e.message}`)), loadFacets().catch(() => {})]);
  await Promise.all([refresh(), fromHash()]);   // an event asked for in the address need not wait for the ledger
  window.addEventListener("hashchange", fromHash);
}

async function fromHash() {
  const m = location.hash.match(/^#event\/(.+)$/);
  if (m && decodeURIComponent(m[1]) !== state.selected) await openEvent(decodeURIComponent(m[1]), false);
}
main();
