"""Recognition: which words of a text name places.

Spans come from the gazetteer (capitalised runs of words, and Arabic-script runs, looked up by key in the index,
longest first) and from the language model's GPE/LOC/FAC entities. A span is kept as a place when it is used as one:

- the language model calls it GPE, LOC or FAC, or a demonym (NORP) names a country;
- or the words around it say so (``place_cues`` in ``data/geo.yaml``: "in X", "the town of X", "X province",
  "north of X", "X, Y" after a place ...);
- or, with no language model, it is a country, a first-level unit or a city (population >= ``strong_population``)
  or a place of a country the text already names.

A span the language model calls a person, organisation, work or event is never a place, and a loose or fuzzy
spelling counts only where the span is used as a place (so "Sheila" is never the village Shuhayl). An entity the
gazetteer does not know is still a mention, with no place (null coordinates).
"""
from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_yaml
from .build import admin1_abbreviations
from .candidates import candidates, loose_floor
from .keys import is_arabic, key
from .rank import source_of
from .store import Candidate, matched, store

TOKEN = re.compile(r"[^\W\d_][\w'’ʿʾ`\-]*")
ARTICLE_CAP = re.compile(r"^(?:al|el|as|ash|ad|ar|az|an|at|ez|es|er|ed|ed-)[-’'][A-Z]")
POSSESSIVE = re.compile(r"['’]s?$")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "DATE", "TIME",
                    "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
MAX_WORDS = 6


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    geo = load_yaml("geo.yaml")
    cues = geo.get("place_cues") or {}
    return {
        "stop": {str(w).lower() for w in geo.get("stop_names") or []},
        "connectors": {str(w).lower() for w in cues.get("connectors") or []},
        "particles": {str(w).lower() for w in cues.get("particles") or []},
        "abbreviations": {str(w).lower() for w in cues.get("abbreviations") or []},
        "descriptors": {str(w).lower() for w in cues.get("after") or []}
        | {str(w).lower() for w in geo.get("admin_words") or []},
        "before": re.compile(r"(?:" + "|".join(cues.get("before") or ["$^"]) + r")\s*$", re.I),
        "after": re.compile(r"^\s*(?:" + "|".join(cues.get("after") or ["$^"]) + r")\b", re.I),
        "unit_after": re.compile(r"^\s*(?:" + "|".join(cues.get("unit_words") or ["$^"]) + r")\b", re.I),
        "unit_words": {str(w).lower() for w in cues.get("unit_words") or []},
        "strong": int(geo.get("strong_population") or 100_000),
        "street_words": {str(w).lower() for w in cues.get("street_words") or []},
        "acronyms": sorted({a for v in (geo.get("acronyms") or {}).values() for a in v}
                           | {a for v in admin1_abbreviations().values() for a in v}, key=len, reverse=True),
    }


@functools.lru_cache(maxsize=1)
def _acronyms() -> list[tuple[str, re.Pattern]]:
    """Each acronym of a place (``_data()["acronyms"]``, longest first) with its pattern, compiled once."""
    return [(a, re.compile(r"(?<![\w.])" + re.escape(a) + r"(?![\w])")) for a in _data()["acronyms"]]


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[Candidate] = field(default_factory=list)
    label: Optional[str] = None      # the language model's label of the span, if any
    cue: bool = False                # the words around it use it as a place
    demonym: bool = False


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() or is_arabic(tok[:1]) or bool(ARTICLE_CAP.match(tok))


def spans(text: str) -> list[tuple[int, int]]:
    """Candidate spans: sub-runs of capitalised words (connectors like 'of', 'de', 'al' inside), up to six words."""
    conn, desc, part = _data()["connectors"], _data()["descriptors"], _data()["particles"]
    abbr = _data()["abbreviations"]
    toks = []
    for m in TOKEN.finditer(text):
        s, e = m.start(), m.end()
        t = m.group(0).rstrip("-")
        e = s + len(t)
        pm = POSSESSIVE.search(t)
        if pm and len(t) - len(pm.group(0)) >= 2:
            e -= len(pm.group(0))
            t = t[: len(t) - len(pm.group(0))]
        toks.append((s, e, t))
    out = []
    i = 0
    while i < len(toks):
        if not _capitalised(toks[i][2]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            gap = text[run[-1][1]:toks[j][0]]
            if gap.strip() not in ("", "-") and not (gap.strip() == "." and run[-1][2].lower() in abbr):
                break  # a full stop ends the name, unless it closes an abbreviation ("St. Louis")
            if len(gap) > 2:
                break
            if _capitalised(toks[j][2]) or toks[j][2].lower() in conn or toks[j][2].lower() in part:
                run.append(toks[j])
                j += 1
            else:
                break
        while run and not _capitalised(run[-1][2]):
            run.pop()
        # a descriptor written after the name is part of some names ("Yarmouk camp", "Idlib province")
        # but not one that a name follows: "the Syrian town of Raqqa" names Raqqa
        if run and j < len(toks) and toks[j][2].lower() in desc and len(text[run[-1][1]:toks[j][0]]) <= 2 \
                and not text[run[-1][1]:toks[j][0]].strip() and not OF_NAME.match(text, toks[j][1]):
            run.append(toks[j])
            j += 1
        for a in range(len(run)):
            if not _capitalised(run[a][2]):
                continue
            for b in range(a, min(len(run), a + MAX_WORDS)):
                if _capitalised(run[b][2]) or (b == len(run) - 1 and run[b][2].lower() in desc):
                    out.append((run[a][0], run[b][1]))
        i = max(j, i + 1)
    return out


OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _glued(text: str) -> list[tuple[int, int]]:
    """A name glued to the next word in scraped text ("Kobaninorth Syria", "Aleppocountryside"): the name."""
    rx = re.compile(r"\b([A-Z][a-z]{3,}?)(?:north|south|east|west|northern|southern|eastern|western|city|province|"
                    r"countryside|governorate)(?:-?(?:east|west)(?:ern)?)?\b")
    return [(m.start(1), m.end(1)) for m in rx.finditer(text)]


LEADING = re.compile(r"^(?:the|The|THE)\s+")
TRAILING = re.compile(r"(?:['’]s?|[.,;:])$")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """An entity span without its determiner and possessive: "the United States'" -> "United States"."""
    m = LEADING.match(text[s:e])
    if m:
        s += m.end()
    t = TRAILING.search(text[s:e])
    if t and not text[s:e].endswith(".") or (t and text[s:e].count(".") == 1 and len(text[s:e]) > 4):
        e -= len(t.group(0))
    return s, e


# two or three capitals are an initialism ("IU Health", "the UN", "RSF", "USA"): a place only when the acronym list
# (``acronyms`` in data/geo.yaml) writes it so, never a place's name or alternate name spelled alike ("Iu", "Un", "Usha")
SHORT_CAPS = re.compile(r"[A-Z]{2,3}")


def find_spans(text: str, ents: Optional[list[tuple[int, int, str]]] = None) -> list[Mention]:
    """Gazetteer names and entity spans, longest first, no overlaps; candidates by exact name (loose keys later,
    only for spans used as places)."""
    d = _data()
    cand_spans = spans(text) + _glued(text)
    keys = {}
    for s, e in cand_spans:
        k = key(text[s:e])
        if len(k) >= 2 and k not in d["stop"] and not (e - s < 3 and not text[s:e].isupper()) \
                and not SHORT_CAPS.fullmatch(text[s:e]):
            keys[(s, e)] = k
    ent_keys = [key(text[slice(*_trim(text, s, e))]) for s, e, label in ents or [] if label in PLACE_LABELS]
    present = store().keys_present(list(keys.values()) + ent_keys)
    found = [(s, e) for (s, e), k in keys.items() if k in present]
    found += _cued_spellings(text, keys, found)
    for a, rx in _acronyms():
        if a in text:  # most texts hold none of them: skip the regular expression
            for m in rx.finditer(text):
                found.append((m.start(), m.end()))
    inner = set(found)
    for s, e, label in ents or []:
        if label in PLACE_LABELS:
            s, e = _trim(text, s, e)
            if e - s < 2:
                continue
            if key(text[s:e]) not in present and any(s <= a and b <= e for a, b in inner):
                # "the Honolulu Star-Advertiser": the gazetteer's name inside stands, unless it is the entity's
                # last word, the kind of thing it is ("Frenchmen Street", "Trump Tower", "Korean Peninsula")
                heads = {(a, b) for a, b in inner if s < a and b == e}
                found = [x for x in found if x not in heads]
                continue
            found.append((s, e))
    found = sorted(set(found), key=lambda se: (-(se[1] - se[0]), se[0]))
    chosen: list[tuple[int, int]] = []
    for s, e in found:
        if all(e <= cs or s >= ce for cs, ce in chosen):
            chosen.append((s, e))
    chosen.sort()
    out = []
    for s, e in chosen:
        surface = text[s:e]
        out.append(Mention(s, e, surface))
    return out


def _cued_spellings(text: str, keys: dict[tuple[int, int], str], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans the words before use as a place ("in Deir Ezour", "the town of Kafarnabudeh") that no name of the
    gazetteer spells alike but a loose transliteration key finds: the longest such span at each start, when it is
    longer than any exact name starting there."""
    d = _data()
    longest: dict[int, int] = {}
    for s, e in found:
        longest[s] = max(longest.get(s, s), e)
    by_start: dict[int, list[int]] = {}
    cued: dict[int, bool] = {}  # each start's words before, read once (and only for spans longer than a name)
    for s, e in keys:
        if e <= longest.get(s, s):
            continue
        if s not in cued:
            cued[s] = bool(d["before"].search(text[max(0, s - 40):s]))
        if not cued[s]:
            continue
        words = TOKEN.findall(text[s:e])
        # name words only: no connector ("District of Damascus"), no descriptor ("Hasakeh province"), at most three
        # (and a transliterated name's particles: "Abu as Sakhrah", "Dayr al Fardis")
        names = [w for w in words if w.lower() not in d["particles"] or _capitalised(w)]
        if len(names) <= 3 and len(words) <= 5 and _capitalised(words[-1]) and all(
                (_capitalised(w) and w.lower() not in d["descriptors"] and w.lower() not in d["connectors"])
                or w.lower() in d["particles"] for w in words):
            by_start.setdefault(s, []).append(e)
    out = []
    st = store()
    for s, ends in by_start.items():
        for e in sorted(ends, reverse=True):
            # a name written as a transliteration ("Al Qasimiyah", "Abu as Sakhrah") tolerates other vowels
            # and so does one the writer places inside a unit ("in Barah in Idlib province")
            translit = any(w.lower() in d["particles"] for w in TOKEN.findall(text[s:e]))
            floor = TRANSLIT_SIMILARITY if translit else LOOSE_SIMILARITY
            if IN_UNIT_AFTER.match(text, e):  # the unit decides among near-spellings: a lookup's own floor
                floor = min(floor, loose_floor(text[s:e]))
            if st.loose(text[s:e], min_similarity=floor):
                out.append((s, e))
                break
    return out


IN_UNIT_AFTER = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?(?:[\w'’-]+\s+){1,3}"
                           r"(?:province|governorate|countryside|district|region|state|county|oblast)\b", re.I)
LOOSE_SIMILARITY = 0.85  # stricter than a lookup: here the spelling alone says the words are a name
TRANSLIT_SIMILARITY = 0.75  # a transliterated name's vowels vary ("Al Qasimiyah" ~ "Qasemiyeh")


def _strong(m: Mention, d: dict) -> bool:
    """A country, a first-level unit, a big city, or a name an analyst curated (data/gazetteer/sy_places.tsv,
    user_places.tsv): a place without a cue (by its own name or one spelled like it: "White House" is an alternate
    name of Casablanca, not a sign)."""
    return any((c.place.feature in ("country", "admin1", "continent") or c.place.population >= d["strong"]
                or source_of(c.place) == "curated")
               and (c.match in ("exact", "case", "demonym") or c.similarity >= STRONG_ALTERNATE)
               for c in m.candidates if c.match != "loose")


STREET_AFTER = re.compile(r"^ ([A-Z][a-z]*)\b\.?")


def _street(text: str, m: Mention, d: dict) -> int:
    """Where the street's name ends when the name is followed by a capitalised word of ``place_cues.street_words``
    ("Foster Drive", "Main St."), else 0."""
    w = STREET_AFTER.match(text[m.end:m.end + 12])
    return m.end + w.end(1) if w and w.group(1).lower() in d["street_words"] else 0


def _big(m: Mention, d: dict) -> bool:
    """A country, a first-level unit or a city of ``strong_population`` by its own name."""
    return any((c.place.feature in ("country", "admin1") or c.place.population >= d["strong"])
               and c.match in ("exact", "case") for c in m.candidates)


STRONG_ALTERNATE = 0.5  # an alternate name this close to the place's own name says as much as the name

FUNCTION_WORDS = {"the", "a", "an", "in", "on", "at", "of", "and", "or", "for", "to", "from", "by", "with", "as",
                  "but", "while", "after", "before", "when", "since", "near"}
WORD_BEFORE = re.compile(r"([^\W\d_][\w'’\-]*)[ ]$")
WORD_AFTER = re.compile(r"^[ ]([^\W\d_][\w'’\-]*)")


def _inside_run(text: str, m: Mention) -> bool:
    """The mention has a capitalised word right beside it (not a function word, not a descriptor)."""
    d = _data()
    for rx, piece in ((WORD_BEFORE, text[max(0, m.start - 30):m.start]), (WORD_AFTER, text[m.end:m.end + 30])):
        w = rx.search(piece)
        if w and _capitalised(w.group(1)) and w.group(1).lower() not in FUNCTION_WORDS \
                and w.group(1).lower() not in d["descriptors"] and w.group(1).lower() not in d["connectors"]:
            return True
    return False


TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
TITLE_CASE_MIN_WORDS = 3  # content words of a line before its capitals can be the headline's style


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _title_case_line(text: str, at: int) -> bool:
    """The line holding offset ``at`` is written in title case (every word but function words capitalised, as
    headlines are): there a capital says nothing of a word being a name."""
    s, e = _line(text, at)
    words = [w for w in TITLE_WORD.findall(text[s:e]) if w.lower() not in FUNCTION_WORDS]
    return len(words) >= TITLE_CASE_MIN_WORDS and all(_capitalised(w) for w in words)


def _named_in_prose(text: str, name: str) -> bool:
    """``name`` is also written, capitalised, in a line of running text (not in title case)."""
    for hit in re.finditer(r"(?<![\w'’])" + re.escape(name) + r"(?![\w'’])", text):
        if not _title_case_line(text, hit.start()):
            return True
    return False


def _label(m: Mention, ents: list[tuple[int, int, str]]) -> Optional[str]:
    best = None
    for s, e, label in ents:
        if s < m.end and m.start < e:
            if label in PLACE_LABELS:
                return label
            if label == "NORP":
                best = best or label
            elif (e - s) >= (m.end - m.start):
                best = label  # a longer (or the same) span of another kind: "Jordan" in "Michael Jordan"
    return best


VETO_LABELS = {"PERSON"}  # measured on FA-KES: a one-word "person" is often a village the model misreads on
# unpunctuated text (unread governorate -1), and a longer NORP span too (unread deaths -1): neither vetoes


def _vetoed(text: str, m: Mention, others: list[tuple[int, int, str]], big: bool) -> bool:
    """The language model reads the mention's words as part of something that is not a place: a person's name
    ("Sheila Williams", "Abu Abdelrahman Salqeen"), or a street named after a place ("Baghdad Street": a FAC
    entity ending in a word of ``place_cues.street_words``). A country, first-level unit or big city inside a
    "person" is more often the model's mistake on unpunctuated text ("Syrias Aleppo Monitor") than a person named
    after it, so those stay places (the language model decides alone in ``sitrep geoparse``)."""
    streets = _data()["street_words"]
    for s, e, label in others:
        if not (s < m.end and m.start < e):
            continue
        longer = (e - s) > (m.end - m.start)
        if label in VETO_LABELS and longer and not big:
            return True
        if label == "FAC" and longer and s <= m.start and m.end < e \
                and (TOKEN.findall(text[s:e]) or [""])[-1].lower() in streets:
            return True
        if label in NAME_LABELS and longer and s < m.start and m.end <= e and _mid_name(text[s:m.start]):
            return True
    return False


NAME_LABELS = {"ORG", "FAC"}


def _mid_name(before: str) -> bool:
    """The words of an organisation's or a building's name before the mention are a capitalised run ("the Eagle
    View Mobile Home Park": "Mobile" is that name's word, not the city), not a place it is "of" or "in" ("the
    University of Aleppo")."""
    words = TOKEN.findall(before)
    words = words[1:] if words and words[0].lower() == "the" else words
    return bool(words) and words[-1].lower() not in FUNCTION_WORDS and words[-1][:1].isupper()


_READ_LOCK = threading.Lock()
READ_CACHE_TEXTS = 16


def _read(text: str, ents: Optional[tuple[tuple[int, int, str], ...]]) -> tuple[list[Mention], set[str]]:
    """The first reading of :func:`recognise`, which the caller's ``others`` do not change: the spans, each with
    its label, cue and exact candidates, and the countries the text names most. One document asks it of the same
    text more than once (its story country, its focus), so the last texts' readings are kept; each caller gets its
    own copies of the mentions (recognise changes them)."""
    ck = (text, ents)
    memo = store().__dict__.setdefault("_readings_memo", OrderedDict())  # a new gazetteer store reads anew
    with _READ_LOCK:
        hit = memo.get(ck)
    if hit is None:
        hit = _first_reading(text, ents)
        with _READ_LOCK:
            memo[ck] = hit
            while len(memo) > READ_CACHE_TEXTS:
                memo.popitem(last=False)
    mentions, countries_named = hit
    return [dataclasses.replace(m, candidates=list(m.candidates)) for m in mentions], countries_named


def _first_reading(text: str, ents_given: Optional[tuple]) -> tuple[list[Mention], set[str]]:
    d = _data()
    use_ner = ents_given is not None
    ents = list(ents_given or [])
    mentions = find_spans(text, ents)
    country_counts: dict[str, int] = {}
    for m in mentions:
        m.label = _label(m, ents) if use_ner else None
        before = text[max(0, m.start - 40):m.start]
        after = text[m.end:m.end + 25]
        # "Rapides Parish", "Idlib province": the name says itself that it is a place
        self_described = m.text.split()[-1].lower() in d["descriptors"] and len(m.text.split()) > 1
        m.cue = bool(d["before"].search(before) or d["after"].match(after) or d["unit_after"].match(after)
                     or self_described)
        if self_described and m.label in NOT_PLACE_LABELS:
            m.label = None
        m.candidates = candidates(m.text, loose_ok=False, fuzzy_ok=False)
        if SHORT_CAPS.fullmatch(m.text):  # a listed initialism: the places it is written for, not names spelled alike
            m.candidates = [c for c in m.candidates if c.match == "case"]
        exact_cc = [c for c in m.candidates if c.match in ("exact", "alternate", "case", "demonym")]
        m.demonym = bool(exact_cc) and all(c.match == "demonym" for c in exact_cc)
        if any(c.place.feature == "country" and c.match != "demonym" for c in m.candidates):
            for cc in {c.place.country for c in m.candidates if c.place.feature == "country"}:
                country_counts[cc] = country_counts.get(cc, 0) + 1
        elif not use_ner and len({c.place.country for c in m.candidates}) == 1 and _strong(m, d) \
                and not _inside_run(text, m):
            # a first-level unit or big city of one country only ("Idlib", "Aleppo") says the country too
            cc = m.candidates[0].place.country
            country_counts[cc] = country_counts.get(cc, 0) + 1
    # the country the text names most (ties: each): its places need no cue; a country named in passing ("the
    # United States called for ...") does not make every namesake of a word there a place ("Council", "White")
    top = max(country_counts.values(), default=0)
    return mentions, {cc for cc, n in country_counts.items() if n == top}


def recognise(text: str, ents: Optional[list[tuple[int, int, str]]] = None,
              others: Optional[list[tuple[int, int, str]]] = None) -> list[Mention]:
    """Place mentions of a text, each with its candidates (possibly none: a place the gazetteer does not know).

    ``ents``: the language model's entities, when it decides what is a place (``sitrep geoparse``). ``others``:
    its entities when it only vetoes (extraction, where the text's own cues decide): a name inside a person's name
    or a street's is not a place unless the words around use it as one ("Sheila Williams" gives no place)."""
    d = _data()
    use_ner = ents is not None
    mentions, countries_named = _read(text, tuple(ents) if use_ner else None)
    out = []
    prev_kept_end = -10
    for m in mentions:
        street = _street(text, m, d)
        if street:  # "South Mason Road", "North Foster Drive": a street's name, not the place
            if use_ner and m.label in PLACE_LABELS:  # the model's toponym: reported, unresolved (null coordinates)
                m.end = street
                m.text, m.candidates = text[m.start:m.end], []
                out.append(m)
                prev_kept_end = m.end
            continue
        strong = _strong(m, d)
        # a name inside a longer capitalised name is that name's word ("the Security Council", "Secretary General")
        in_named = any(c.place.country in countries_named for c in m.candidates) and not _inside_run(text, m)
        listed = prev_kept_end >= 0 and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[prev_kept_end:m.start] or "x")
        exact = any(c.match in ("exact", "alternate", "case") for c in m.candidates)
        if use_ner:
            if m.label in NOT_PLACE_LABELS and not (exact and (m.cue or listed)):
                continue  # a person or an organisation, unless the words around use the name as a place
            if m.label == "NORP" and not m.demonym and not _unit_by_name(m):
                continue
            used = m.label in PLACE_LABELS or m.demonym or m.cue or bool(listed)
            if not used:
                continue
        else:
            used = m.cue or bool(listed) or m.label in PLACE_LABELS
            if not (used or strong or in_named) or (m.demonym and not used):
                continue
            if not (used or in_named) and _title_case_line(text, m.start) and not _named_in_prose(text, m.text):
                continue  # "Salina Man Dies From Gunshot Wound": a headline's capitals say nothing of "Man"
            if others and not (exact and (m.cue or listed)) and _vetoed(text, m, others, _big(m, d)):
                continue
        if not m.candidates and used and (m.label in PLACE_LABELS or m.cue):
            m.candidates = candidates(m.text, loose_ok=True, fuzzy_ok=False)
            if use_ner and countries_named:  # a loose spelling is read in the countries the text names, not the world
                m.candidates = [c for c in m.candidates if c.place.country in countries_named]
        if not m.candidates and not (m.label in PLACE_LABELS):
            continue
        if m.candidates and _unit_named(text, m, d):
            m.candidates = _units(m, countries_named) or m.candidates
        out.append(m)
        prev_kept_end = m.end
    return out


def _unit_by_name(m: Mention) -> bool:
    """A name of two or more words that a unit (first- or second-level) bears as its own: the language model's
    "group" reading of a unit's name ("Rapides Parish" as NORP) is its mistake."""
    return len(m.text.split()) > 1 and any(c.match in ("exact", "case") and c.place.feature in ("admin1", "district")
                                           for c in m.candidates)


def _unit_named(text: str, m: Mention, d: dict) -> bool:
    """The writer says the place is a first-level unit: "Myanmar's Sagaing region", "Kaduna state", "Idlib
    province" (``place_cues.unit_words`` in ``data/geo.yaml``, written after the name or ending it)."""
    words = m.text.split()
    return (len(words) > 1 and words[-1].lower() in d["unit_words"]) or bool(d["unit_after"].match(text[m.end:m.end + 20]))


def unit_named(name: str) -> bool:
    """A name given alone that ends in a unit word ("Sagaing Region", "Kaduna State")."""
    words = name.split() if isinstance(name, str) else []
    return len(words) > 1 and words[-1].lower() in _data()["unit_words"]


UNIT_SIMILARITY = 0.85


def _units(m: Mention, countries_named: set[str]) -> list[Candidate]:
    """The first-level units among a mention's candidates; none, a unit of the candidates' countries (or the
    countries the text names) spelled alike (a close spelling: GeoNames' "Sagain" for "Sagaing")."""
    units = [c for c in m.candidates if c.place.feature == "admin1"]
    if units:
        return units
    from rapidfuzz import fuzz

    from .candidates import GENERIC_SUFFIX

    name = key(GENERIC_SUFFIX.sub("", m.text))
    out = []
    for cc in sorted({c.place.country for c in m.candidates} | countries_named):
        for p in store().units(cc):
            sim = fuzz.ratio(name, key(p.name)) / 100.0
            if sim >= UNIT_SIMILARITY:
                out.append(matched(p, "loose", sim))
    return out
