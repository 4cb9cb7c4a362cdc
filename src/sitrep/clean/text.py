"""Boilerplate classifier for plain text that was already scraped from a web page.

Every line of the page becomes a :class:`Line` with features (length, stop-word density, script and language,
repetition, menu shape, pattern category from ``data/boilerplate.yaml``, position) and is classified in three
passes:

1. context-free: hard decisions (a pattern of page furniture, a line in another script than the article, a
   repeat of an earlier line, a menu) and, for the rest, jusText's prose classes: ``good`` (long, dense in stop
   words), ``neargood``, ``short`` and ``bad`` (Pomikálek 2011, the algorithm behind jusText);
2. structure: the comment section and related-story lists that close a page are cut from their opening line;
3. context: ``short`` and ``neargood`` lines take the class of their nearest decided neighbours (jusText's
   revision), and a short line that reads as a sentence continuing the prose around it is kept.

The surviving lines, joined by blank lines, are the article's text; every line keeps its label and the reason
for it, so a reader can audit each decision (``sitrep clean --explain``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_yaml
from . import lang as langid
from .outlet import is_outlet_line

# jusText's defaults (justext.core): length in characters, stop-word density thresholds.
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
# Languages whose stop-word density runs lower than English (clitics written attached to the word).
DENSITY_SCALE = {"ar": 0.5, "fa": 0.6, "tr": 0.6, "he": 0.6, "ru": 0.8, "ku": 0.6}
# News prose is dense in names (people, places, groups), so its stop-word density runs below general web text's;
# a line that ends as a sentence needs less of it to count as prose. Menus and headline lists rarely end so.
SENTENCE_DENSITY_SCALE = 0.6
MAX_PATTERN_WORDS = 30  # a furniture pattern never removes a line longer than this: that is prose quoting it
END_MIN_POSITION = 0.5  # a comment section / related list only closes the article in the page's second half

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
MENU_SPLIT = re.compile(r"\s+[|•·»›]\s+|\s+/\s+|\s*\|\s*")
WORD = re.compile(r"\w[\w'’-]*", re.U)
TERMINAL = re.compile(r"""[.!?؟…:"”»)\]]['"”’]?\s*$""")


def normalise(text: str) -> str:
    """NFC, one kind of space, no invisible formatting characters, Unix newlines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = INVISIBLE.sub("", text)
    return "\n".join(SPACES.sub(" ", ln).strip() for ln in text.split("\n"))


@functools.lru_cache(maxsize=None)
def stop_words(code: Optional[str]) -> frozenset[str]:
    import importlib.util

    try:  # the list's file alone: importing it as spacy.lang.XX.stop_words runs the language package's __init__,
        # which compiles its tokenizer rules (French: 2-4 s of a run's start)
        root = importlib.util.find_spec("spacy.lang").submodule_search_locations[0]
        spec = importlib.util.spec_from_file_location(f"_sitrep_stop_words_{code or 'en'}",
                                                      f"{root}/{code or 'en'}/stop_words.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return frozenset(w.lower() for w in module.STOP_WORDS)
    except Exception:  # noqa: BLE001
        pass
    try:
        import spacy.util

        return frozenset(w.lower() for w in spacy.util.get_lang_class(code or "en").Defaults.stop_words)
    except Exception:  # noqa: BLE001 - a language spaCy has no list for: density is not a usable feature
        return frozenset()


@dataclass
class Category:
    name: str
    effect: str
    patterns: list[re.Pattern]
    max_words: int


@functools.lru_cache(maxsize=1)
def categories() -> list[Category]:
    data = load_yaml("boilerplate.yaml")
    out = []
    for name, spec in data["categories"].items():
        pats = [re.compile(p, re.I) for p in spec["patterns"]]
        out.append(Category(name, spec.get("effect", "line"), pats, int(spec.get("max_words", MAX_PATTERN_WORDS))))
    return out


@dataclass
class Line:
    index: int
    text: str
    words: int = 0
    letters: int = 0
    language: Optional[str] = None
    script: Optional[str] = None
    stop_density: float = 0.0
    terminal: bool = False
    category: Optional[str] = None
    effect: Optional[str] = None
    menu: bool = False
    dup_of: Optional[int] = None
    cls: str = "short"  # jusText class: good, neargood, short, bad
    hard: bool = False  # decided by a hard feature; context never revises it
    label: str = "body"
    reason: Optional[str] = None
    extra: dict = field(default_factory=dict)

    def decide(self, label: str, reason: str) -> None:
        self.cls, self.hard, self.label, self.reason = "bad", True, label, reason


def split_lines(text: str) -> list[str]:
    """Non-empty lines, with hard-wrapped prose joined back into one line per paragraph."""
    out: list[str] = []
    prev_blank = True
    for raw in text.split("\n"):
        ln = raw.strip()
        if not ln:
            prev_blank = True
            continue
        if (out and not prev_blank and len(out[-1]) >= 40 and not TERMINAL.search(out[-1])
                and ln[:1].islower()):
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
        prev_blank = False
    return out


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def _is_menu(text: str) -> bool:
    parts = [p for p in MENU_SPLIT.split(text) if p.strip()]
    if len(parts) < 3:
        return False
    sizes = sorted(len(WORD.findall(p)) for p in parts)
    return sizes[len(sizes) // 2] <= 4


NON_LATIN = {"ar", "fa", "ku", "ru", "he", "uk"}  # languages Sitrep meets that are not written in Latin script


def _stop_count(words: list[str], code: str) -> int:
    stops = stop_words(code)
    return sum(w.lower() in stops for w in words)


def _by_stop_words(words: list[str], detected: Optional[str], script: Optional[str],
                   prefer: str = "en", tie: bool = False) -> Optional[str]:
    """The line's language, checked by its function words: the statistical guess is unsure on a short line ("Police
    continue to investigate." read as Spanish, "Gunmen shot a man in Salina, Kansas, on Sunday." as Turkish), so a
    Latin-script line that holds more of ``prefer``'s stop words than of the guessed language's is in ``prefer``
    (with ``tie``, as many is enough)."""
    if not detected or detected == prefer or script != "latin" or not words:
        return detected
    mine, theirs = _stop_count(words, prefer), _stop_count(words, detected)
    return prefer if mine > theirs or (tie and mine == theirs) else detected


def features(idx: int, text: str) -> Line:
    words = WORD.findall(text)
    ln = Line(index=idx, text=text, words=len(words), letters=sum(c.isalpha() for c in text))
    ln.script = langid.script_of(text)
    ln.language = _by_stop_words(words, langid.detect(text), ln.script)
    stops = stop_words(ln.language if ln.language else "en")
    if words and stops:
        ln.stop_density = sum(w.lower() in stops for w in words) / len(words)
    ln.terminal = bool(TERMINAL.search(text))
    collapsed = " ".join(text.split())
    for cat in categories():
        if ln.words > cat.max_words:
            continue
        if any(p.search(collapsed) for p in cat.patterns):
            ln.category, ln.effect = cat.name, cat.effect
            break
    ln.menu = _is_menu(text)
    return ln


def _justext_class(ln: Line) -> str:
    scale = DENSITY_SCALE.get(ln.language or "", 1.0)
    if ln.terminal:
        scale *= SENTENCE_DENSITY_SCALE
    if not stop_words(ln.language or "en"):
        # no stop-word list for this language: length alone
        return "good" if len(ln.text) > LENGTH_HIGH else "neargood" if len(ln.text) >= LENGTH_LOW else "short"
    if len(ln.text) < LENGTH_LOW:
        return "short"
    if ln.terminal and ln.words >= 10 and ln.stop_density >= STOPWORDS_LOW * scale:
        return "good"  # a full sentence (or several) of prose, whatever its length
    if ln.stop_density >= STOPWORDS_HIGH * scale:
        return "good" if len(ln.text) > LENGTH_HIGH else "neargood"
    if ln.stop_density >= STOPWORDS_LOW * scale:
        return "neargood"
    return "bad"


def _neighbour(lines: list[Line], i: int, step: int, ignore_neargood: bool) -> str:
    j = i + step
    while 0 <= j < len(lines):
        c = lines[j].cls
        if c in ("bad", "good"):
            return c
        if c == "neargood" and not ignore_neargood:
            return c
        j += step
    return "bad"  # the page's edges count as boilerplate, as in jusText


def _sentence_like(ln: Line) -> bool:
    return (ln.terminal and ln.words >= 4 and ln.stop_density > 0 and not ln.text.endswith(":")
            and (ln.text[:1].isupper() or ln.text[:1] in "\"“'‘(" or ln.script == "arabic"))


def _headline_like(ln: Line) -> bool:
    return 3 <= ln.words <= 30 and len(ln.text) <= 220 and not ln.text.endswith(":")


def _title_score(ln: Line, lines: list[Line]) -> float:
    words = WORD.findall(ln.text)
    stops = stop_words(ln.language or "en")
    lower_stops = sum(1 for w in words if w in stops)  # as written: "in", "of" (Title Case menus have none)
    score = 0.0
    if lower_stops:
        score += 2
    if any(ch.isdigit() for ch in ln.text):
        score += 1
    if 6 <= len(words) <= 20:
        score += 1
    if not lower_stops and not any(ch.isdigit() for ch in ln.text) and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        score -= 3  # "Home News Politics Economy": a menu run together
    key = _key(ln.text)
    if any(_key(o.text) == key or _key(o.text).endswith(" " + key) for o in lines if o.index != ln.index):
        score += 3  # repeated, or the tail of a breadcrumb
    return score


def _pick_title(lines: list[Line]) -> Optional[str]:
    cands = []
    for ln in lines:
        if ln.cls == "good" and not ln.hard:
            break
        if (not ln.hard and 4 <= ln.words <= 30 and len(ln.text) <= 250 and not ln.text.endswith((".", ":"))):
            cands.append(ln)
    if not cands:
        return None
    best = max(cands, key=lambda ln: (_title_score(ln, lines), -ln.index))
    if _title_score(best, lines) < 1:
        return None
    title = best.text
    best.decide("title", "the headline: the most headline-like line before the prose")
    for other in lines:
        if other.index != best.index and _key(other.text) == _key(title) and other.label != "title":
            other.decide("duplicate", "repeats the headline")
    return title


def _language(lines: list[Line]) -> Optional[str]:
    """The article's language: the language of most prose characters (of any line when no line is prose)."""
    mass: dict[str, int] = {}
    for ln in lines:
        if ln.language and not ln.category and not ln.menu and ln.words >= 6:
            mass[ln.language] = mass.get(ln.language, 0) + len(ln.text)
    if not mass:
        for ln in lines:
            if ln.language:
                mass[ln.language] = mass.get(ln.language, 0) + len(ln.text)
    return max(mass, key=mass.get) if mass else None


def _hard_decisions(lines: list[Line], language: Optional[str], title: Optional[str]) -> None:
    """Pass 1: hard, context-free decisions (headline, foreign script, furniture patterns, menus, outlet lines,
    repeated lines); jusText classes for the rest."""
    doc_script = {"ar": "arabic", "fa": "arabic", "ur": "arabic", "ru": "cyrillic", "he": "hebrew"}.get(language or "", "latin")
    seen: dict[str, int] = {}
    title_key = _key(title) if title else None
    for ln in lines:
        key = _key(ln.text)
        if title_key and key == title_key:
            if "title" not in {x.label for x in lines[: ln.index]}:
                ln.decide("title", "the headline")
            else:
                ln.decide("duplicate", "repeats the headline")
            continue
        if ln.script and ln.script != doc_script and ln.letters >= 3:
            ln.decide("foreign", f"{ln.language or ln.script} line in a {language or 'latin-script'} article")
        elif ln.category:
            label = ln.effect if ln.effect in ("caption", "byline") else "boilerplate"
            ln.decide(label, f"pattern: {ln.category}")
        elif ln.menu:
            ln.decide("boilerplate", "menu or list of links")
        elif ln.words <= 6 and is_outlet_line(ln.text):
            ln.decide("byline", "the outlet's name (dateline or signature)")
        elif len(key) >= 20 and key in seen:
            ln.decide("duplicate", f"repeats line {seen[key] + 1}")
        else:
            ln.cls = _justext_class(ln)
            if ln.cls == "bad":
                ln.reason = f"not prose (stop-word density {ln.stop_density:.2f})"
        if len(key) >= 20:
            seen.setdefault(key, ln.index)


def _close_at_tail(lines: list[Line]) -> None:
    """Pass 2: structure. The comment section (effect 'tail') closes the article wherever prose follows;
    a related-stories header (effect 'end') closes it when no article prose follows."""
    total_chars = sum(len(ln.text) for ln in lines) or 1
    pos = 0
    cut_reason = None
    for i, ln in enumerate(lines):
        if cut_reason is None and ln.effect in ("tail", "end") and pos / total_chars >= END_MIN_POSITION:
            later_prose = any(x.cls == "good" and not x.hard for x in lines[i + 1:])
            if ln.effect == "tail" or not later_prose:
                cut_reason = f"after the page's {ln.category.replace('_', ' ')} (line {i + 1})"
        elif cut_reason and not ln.hard:
            ln.decide("boilerplate", cut_reason)
        pos += len(ln.text)


def _revise_short(lines: list[Line]) -> None:
    """Pass 3: context (jusText's revision of short and near-good lines)."""
    new = {}
    for i, ln in enumerate(lines):
        if ln.hard or ln.cls != "short":
            continue
        prev, nxt = _neighbour(lines, i, -1, True), _neighbour(lines, i, 1, True)
        if prev == nxt == "good":
            new[i] = "good"
        elif prev == nxt == "bad":
            new[i] = "bad"
        elif (prev == "bad" and _neighbour(lines, i, -1, False) == "neargood") or (
                nxt == "bad" and _neighbour(lines, i, 1, False) == "neargood"):
            new[i] = "good"
        else:
            new[i] = "bad"
    for i, c in new.items():
        lines[i].cls = c
        if c == "bad":
            lines[i].reason = "short line among boilerplate"
    for i, ln in enumerate(lines):
        if ln.hard or ln.cls != "neargood":
            continue
        prev, nxt = _neighbour(lines, i, -1, True), _neighbour(lines, i, 1, True)
        if prev == nxt == "bad":
            ln.cls, ln.reason = "bad", "borderline prose among boilerplate"
        else:
            ln.cls = "good"


def _rescue_sentences(lines: list[Line]) -> None:
    """A short line that reads as a sentence and continues the prose before it is article text."""
    for i, ln in enumerate(lines):
        if ln.hard or ln.cls == "good" or not _sentence_like(ln):
            continue
        before = lines[i - 1] if i > 0 else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if (before is not None and before.cls == "good" and not before.hard) or (
                after is not None and after.cls == "good" and not after.hard and ln.words >= 8
                and any(x.cls == "good" and not x.hard for x in lines[:i])):
            ln.cls, ln.reason = "good", "short sentence within the article"


def _rescue_subheadings(lines: list[Line]) -> None:
    """A headline-shaped line between two article paragraphs is a subheading (pages that carry several stories)."""
    for i, ln in enumerate(lines):
        if (not ln.hard and ln.cls != "good" and 0 < i < len(lines) - 1 and _headline_like(ln)
                and lines[i - 1].cls == "good" and not lines[i - 1].hard
                and lines[i + 1].cls == "good" and not lines[i + 1].hard):
            ln.cls, ln.reason = "good", "subheading within the article"


def _keep_stub(lines: list[Line]) -> None:
    """A stub (a headline and a line or two): keep what is not furniture rather than nothing."""
    if not any(ln.cls == "good" and not ln.hard for ln in lines):
        soft = [ln for ln in lines if not ln.hard]
        for ln in soft:
            ln.cls, ln.reason = "good", "kept: the page has no longer prose"
        if not soft:
            for ln in lines:
                if ln.label == "title":
                    ln.cls, ln.hard, ln.label, ln.reason = "good", False, "body", "kept: the headline is all the page says"


def _final_labels(lines: list[Line]) -> None:
    """Every line not decided by a hard rule is body or boilerplate by its class."""
    for ln in lines:
        if ln.hard:
            continue
        if ln.cls == "good":
            ln.label = "body"
            if ln.reason not in ("short sentence within the article", "subheading within the article",
                                 "kept: the page has no longer prose", "kept: the headline is all the page says"):
                ln.reason = None
        else:
            ln.label = "boilerplate"
            ln.reason = ln.reason or "short line among boilerplate"

def classify(raw_lines: list[str], language: Optional[str] = None, title: Optional[str] = None) -> tuple[list[Line], Optional[str], Optional[str]]:
    """Label every line. Returns (lines, document language, title): the language given, else the language of most
    prose; the title given, else the most headline-like line before the article's first prose line."""
    lines = [features(i, t) for i, t in enumerate(raw_lines)]
    if not language:
        language = _language(lines)
    if language and language not in NON_LATIN:  # in an article of one language, a line the guess puts in
        for ln in lines:  # another language needs more of that language's stop words than of the article's
            if ln.language and ln.language != language:
                words = WORD.findall(ln.text)
                ln.language = _by_stop_words(words, ln.language, ln.script, language, tie=True)
                if ln.language == language and words:
                    ln.stop_density = _stop_count(words, language) / len(words)
    _hard_decisions(lines, language, title)
    _close_at_tail(lines)
    if title is None:
        title = _pick_title(lines)
    _revise_short(lines)
    _rescue_sentences(lines)
    _rescue_subheadings(lines)
    _keep_stub(lines)
    _final_labels(lines)
    return lines, language, title
