#!/usr/bin/env python3
"""Build src/sitrep/data/actors_ucdp.json from the UCDP Actor Dataset (../shared/data/ucdp-actor-221.csv).

Usage: .venv/bin/python scripts/build_ucdp_actors.py [CSV]

Every non-government actor of UCDP's list becomes a registry entry: rebel groups (UCDP Org 1; ACLED inter 2),
supporters of parties and other informally organised groups (Org 2; political militia, inter 3) and identity
groups (Org 3; identity militia, inter 4, matched only as "<name> militia/fighters/gunmen", never as the bare name
of a people). Names: "ABBR: English full name" when UCDP's data name is an abbreviation ("JNIM: Group for the
Support of Islam and Muslims"), else the data name. Aliases: the data name, the original and English full names
and the new name; an abbreviation (all capitals, digits or a slash) counts only where the text names one of the
group's countries (`context_aliases`), and so does a name groups of different countries share ("ELN": Bolivia,
Colombia, Peru; a name two groups of one country share is dropped). Countries: UCDP's `Location` names mapped to ISO codes through
data/countries.yaml. An alias two UCDP groups share is dropped from both; an alias a curated entry
(actors.yaml, actors_world.yaml) owns stays the curated entry's when the registry loads. Deterministic.
Source: UCDP Actor Dataset 22.1 (CC BY 4.0; cite UCDP).
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "ucdp-actor-221.csv"
OUT = ROOT / "src" / "sitrep" / "data" / "actors_ucdp.json"
UCDP_PLACE = {"DR Congo (Zaire)": "CD", "Congo": "CG", "Yemen (North Yemen)": "YE", "South Yemen": "YE",
              "Russia (Soviet Union)": "RU", "Myanmar (Burma)": "MM", "Cambodia (Kampuchea)": "KH",
              "Serbia (Yugoslavia)": "RS", "Vietnam (North Vietnam)": "VN", "South Vietnam": "VN",
              "Zimbabwe (Rhodesia)": "ZW", "Madagascar (Malagasy)": "MG", "Bosnia-Herzegovina": "BA",
              "Ivory Coast": "CI", "United States of America": "US", "Macedonia, FYR": "MK", "Kingdom of eSwatini (Swaziland)": "SZ",
              "Burkina Faso (Upper Volta)": "BF", "Iran": "IR", "Syria": "SY", "Laos": "LA", "Tanzania": "TZ",
              "Surinam": "SR", "Sri Lanka": "LK", "East Timor": "TL", "Germany (Prussia)": "DE", "Hyderabad": "IN",
              "Israel": "IL", "Palestine": "PS", "Turkey": "TR", "Turkey (Ottoman Empire)": "TR", "Guinea-Bissau": "GW",
              "Comoros": "KM", "Kosovo": "XK", "North Korea": "KP", "South Korea": "KR", "Taiwan": "TW",
              "Bahamas": "BS", "Gambia": "GM", "Cape Verde": "CV", "Czech Republic": "CZ", "Sudan": "SD",
              "South Sudan": "SS", "Central African Republic": "CF", "Libya": "LY", "Mali": "ML", "Niger": "NE"}
ABBR = re.compile(r"^[A-Z0-9][A-Z0-9/&.\-]{1,9}$|^[A-Z]{2,}(?:-[A-Z0-9]+)+$")
MILITIA_NOUNS = ["militia", "militias", "militiamen", "fighters", "gunmen", "ethnic militia"]
# names in UCDP's list that are also ordinary words or places in news text: never aliases
NOT_NAMES = {"be well", "elements", "spanish", "tibet", "maidan", "greenlanders", "cobras", "contras", "outlaws",
             "royalists", "neutralists", "counterrevolutionaries", "contrarevolucionarios", "rastas", "ninjas", "huk",
             "jama'at", "sakartvelo", "the base", "the reds", "istiqlal", "perci", "eyie", "webta", "forebu",
             "katiara", "lagunya", "monima", "deebam", "deewell", "isenasawo", "la linea", "okaida", "al-umma",
             "amal", "fatah", "the nation", "the sentinel"}  # the last two: newspapers of several countries
ORG = {"1": ("rebel_group", 2), "2": ("political_militia", 3), "3": ("identity_militia", 4)}


def _codes(location: str, names: dict[str, str]) -> list[str]:
    out = []
    for part in re.split(r",\s*(?![^()]*\))", location or ""):
        part = part.strip()
        if not part:
            continue
        code = UCDP_PLACE.get(part) or names.get(part) or names.get(re.sub(r"\s*\(.*\)$", "", part))
        if code is None:
            inner = re.search(r"\(([^)]*)\)", part)
            code = names.get(inner.group(1)) if inner else None
        if code and code not in out:
            out.append(code)
    return out


def _countries_apart(entries: list[dict]) -> set[str]:
    """Names (casefolded) several groups share whose countries never overlap, every group with a country: the
    text's country tells which group such a name means."""
    by_name: dict[str, list[set[str]]] = {}
    for e in entries:
        for a in set(x.casefold() for x in e["aliases"] + e["context_aliases"]):
            by_name.setdefault(a, []).append(set(e["context"]))
    return {a for a, sets in by_name.items() if len(sets) > 1 and all(sets) and
            all(not (s & t) for i, s in enumerate(sets) for t in sets[i + 1:])}


def _clean(v: str) -> str:
    v = (v or "").strip()
    return "" if v.lower() in ("", "n/a", "na", "none") else re.sub(r"\s+", " ", v)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    src = Path(argv[0]) if argv else DEFAULT
    countries = yaml.safe_load((ROOT / "src" / "sitrep" / "data" / "countries.yaml").read_text(encoding="utf-8"))
    names = {}
    for code, c in countries["countries"].items():
        for n in [c["name"], c.get("acled_name")] + list(c.get("aliases") or []) + list(c.get("aliases_extra") or []):
            if n:
                names.setdefault(n, code)
    rows = list(csv.DictReader(open(src, encoding="utf-8-sig", newline="")))
    entries = []
    for r in rows:
        if r["Org"] not in ORG:
            continue
        data, orig, full, eng, new = (_clean(r.get(k, "")) for k in
                                      ("NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NewName"))
        if not data:
            continue
        kind, inter = ORG[r["Org"]]
        codes = _codes(r.get("Location", ""), names)
        name = f"{data}: {eng}" if ABBR.match(data) and eng and eng != data else data
        if kind == "identity_militia":
            base = re.sub(r"\s*\(.*\)$", "", data)
            aliases = [f"{base} {n}" for n in MILITIA_NOUNS]
            name = f"{base} Ethnic Militia" + (f" ({countries['countries'][codes[0]].get('acled_name') or countries['countries'][codes[0]]['name']})" if codes else "")
            abbrs = []
        else:
            pool = [x for x in dict.fromkeys([data, orig, full, eng, new]) if x and len(x) >= 3]
            abbrs = [x for x in pool if ABBR.match(x)]
            aliases = [x for x in pool if x not in abbrs and not re.search(r"\b(faction|splinter)\b", x, re.I)
                       or x == data]
            aliases = [x for x in aliases if x not in abbrs]
        # an English rendering with its article ("The Family" for La Familia, "The Resistance" for La Resistencia)
        # is a phrase of everyday English too: it names the group only as a proper name is written, capitalised
        translated = [eng] if (eng and eng not in (data, orig, full) and eng in aliases
                               and re.match(r"the\s", eng, re.I)) else []
        entries.append({"id": f"ucdp_{r['ActorId'].strip()}", "name": name, "type": kind, "acled_inter": inter,
                        "translated": translated,
                        "country": codes[0] if codes else None, "context": codes, "aliases": aliases,
                        "context_aliases": abbrs, "stance": "party",
                        "notes": f"UCDP actor {r['ActorId'].strip()} ({r.get('Location', '').strip()})"})
    for e in entries:
        e["aliases"] = [a for a in e["aliases"] if a.casefold() not in NOT_NAMES and a not in names
                        and not re.search(r"[\u1780-\u17ff]", a)]
        # a one-word name is a proper name: matched as written ("Seleka", not "seleka")
        e["case_sensitive_aliases"] = [a for a in e["aliases"] if " " not in a.strip() or a in e["translated"]]
        e.pop("translated")
    count = Counter(a.casefold() for e in entries for a in set(e["aliases"] + e["context_aliases"]))
    apart = _countries_apart(entries)
    out = []
    for e in entries:
        # a name groups of different countries share ("ELN", "National Liberation Army": Bolivia, Colombia, Peru)
        # names each where the text names its country; a name two groups of one country share names neither
        shared = [a for a in e["aliases"] + e["context_aliases"] if count[a.casefold()] > 1 and a.casefold() in apart]
        e["aliases"] = [a for a in e["aliases"] if count[a.casefold()] == 1]
        e["context_aliases"] = [a for a in e["context_aliases"] if count[a.casefold()] == 1] + shared
        if not (e["aliases"] or e["context_aliases"]):
            continue
        if not e["context"]:
            e.pop("context")
        if not e["context_aliases"]:
            e.pop("context_aliases")
        if not e["case_sensitive_aliases"]:
            e.pop("case_sensitive_aliases")
        out.append(e)
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.textmatch import key

    for e in out:
        e["keys"] = [key(a) for a in e["aliases"]]  # normal forms, so the registry loads without recomputing
    data = {"version": 1,
            "about": ("Generated by scripts/build_ucdp_actors.py from the UCDP Actor Dataset 22.1 (ucdp-actor-221.csv): "
                      "every rebel group, party militia and identity militia UCDP lists. JSON (not YAML) so that it "
                      "loads in milliseconds. Do not edit by hand: curated entries go in actors_world.yaml, which wins "
                      "on any shared alias. Source: Uppsala Conflict Data Program, UCDP Actor Dataset 22.1, CC BY 4.0."),
            "sources": [{"name": "UCDP Actor Dataset 22.1 (CC BY 4.0)", "url": "https://ucdp.uu.se/downloads/"}],
            "actors": out}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(out)} actors from {len(rows)} UCDP rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
