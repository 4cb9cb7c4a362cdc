"""Find many names (actor aliases, place names) in running text, whatever the transliteration's punctuation.

Names and text are compared in a normal form: case-folded, diacritics and apostrophe-like marks (’ ' ` ʿ ʾ)
removed, hyphens as spaces, the Arabic article dropped where it is written as a prefix ("al-", "el-", "as-", ...,
or "Al " before a capitalised word), so "Al-Hajar al-Aswad", "Hajar Aswad" and "al- Hajar al-Aswad" are one key,
and "Hay’at Tahrir al-Sham", "Hayat Tahrir al Sham" and "al-Hayat- Tahrir-al-Sham" another. Matching is an
Aho-Corasick automaton (pyahocorasick) over the normalised text with a map back to the original offsets; only
whole-word matches count, and overlapping matches resolve to the longest, leftmost one.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Generic, Iterable, Optional, TypeVar

import ahocorasick

T = TypeVar("T")
MARKS = set("’'`ʿʾ‘´ʼ")
DASHES = set("-‐‑‒–—_")
ARTICLE = re.compile(r"(?<![\w])(?:al|el|ul|ar|as|ash|ad|at|az|an|adh|ath)\s*-\s*|(?<![\w])(?:al|el)\s+(?=[A-Z])",
                     re.I)


def _word_char(ch: str) -> bool:
    """What a regular expression's \\w matches (str patterns): a letter or digit of any script, or '_'."""
    return ch.isalnum() or ch == "_"


def _fold_char(ch: str) -> str:
    if ch in MARKS:
        return ""
    if ch in DASHES:
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold() if base else ""


class _FoldTable(dict):
    """Character -> its normal form as a list of (char, is_space) pairs, computed once per distinct character."""

    def __missing__(self, ch: str) -> tuple[tuple[str, bool], ...]:
        v = tuple((c, c.isspace()) for c in _fold_char(ch))
        self[ch] = v
        return v


_FOLD = _FoldTable()


def normalise(text: str) -> tuple[str, list[int]]:
    """Normal form of text, and for each of its characters the offset of the original character it came from.

    The same text is normalised many times per document (each lexicon, the gazetteer from several stages), so the
    last results are cached; callers must not modify the returned list."""
    return _normalise(text)


@functools.lru_cache(maxsize=512)
def _normalise(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    where: list[int] = []
    masked = ARTICLE.sub(lambda m: "\0" * len(m.group(0)), text)  # articles vanish, offsets stay
    prev_space = True
    fold = _FOLD
    append, mark = out.append, where.append
    for i, ch in enumerate(masked):
        if ch == "\0":
            continue
        for c, space in fold[ch]:
            if space:
                if prev_space:
                    continue
                append(" ")
                mark(i)
                prev_space = True
            else:
                append(c)
                mark(i)
                prev_space = False
    return "".join(out), where


@functools.lru_cache(maxsize=65536)
def key(name: str) -> str:
    return normalise(name)[0].strip()


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    text: str
    payload: T


class Lexicon(Generic[T]):
    """Names -> payloads; several payloads may share a name (an ambiguous place name, say)."""

    def __init__(self) -> None:
        self._auto = ahocorasick.Automaton()
        self._case: dict[str, list[T]] = {}
        self._built = False
        self._entries: dict[str, list[T]] = {}

    def add(self, name: str, payload: T, case_sensitive: bool = False) -> None:
        if case_sensitive:
            self._case.setdefault(name, []).append(payload)
            return
        k = key(name)
        if len(k) < 2:
            return
        self._entries.setdefault(k, []).append(payload)
        self._built = False

    def add_key(self, k: str, payload: T) -> None:
        """Add a name already in normal form (``key(name)``, precomputed by a build script)."""
        if len(k) < 2:
            return
        self._entries.setdefault(k, []).append(payload)
        self._built = False

    def has_key(self, k: str) -> bool:
        return k in self._entries

    def __len__(self) -> int:
        return len(self._entries) + len(self._case)

    def lookup(self, name: str) -> list[T]:
        return list(self._entries.get(key(name), [])) + list(self._case.get(name, []))

    def _build(self) -> None:
        self._auto = ahocorasick.Automaton()
        for k, payloads in self._entries.items():
            self._auto.add_word(k, (len(k), payloads))
        if self._entries:
            self._auto.make_automaton()
        self._case_auto = None
        if self._case:  # names matched as written: an automaton over the text itself
            self._case_auto = ahocorasick.Automaton()
            for name in self._case:
                self._case_auto.add_word(name, (len(name), name))
            self._case_auto.make_automaton()
        self._built = True

    def _case_matches(self, text: str) -> list[tuple[int, int, str]]:
        """Names matched as written, whole words only, as a regex alternation of them (longest first) scans
        the text: at each position the longest name that stands as a word, then on from its end."""
        longest: dict[int, tuple[int, str]] = {}
        n = len(text)
        for end_idx, (length, name) in self._case_auto.iter(text):
            s, e = end_idx - length + 1, end_idx + 1
            if s > 0 and _word_char(text[s - 1]) or e < n and _word_char(text[e]):
                continue
            if s not in longest or longest[s][0] < e:
                longest[s] = (e, name)
        out, last = [], 0
        for s in sorted(longest):
            if s >= last:
                e, name = longest[s]
                out.append((s, e, name))
                last = e
        return out

    def find(self, text: str) -> list[Match[list[T]]]:
        if not self._built:
            self._build()
        norm, where = normalise(text)
        cands: list[tuple[int, int, list[T]]] = []
        if self._entries:
            for end_idx, (length, payloads) in self._auto.iter(norm):
                s, e = end_idx - length + 1, end_idx + 1
                if (s > 0 and norm[s - 1].isalnum()) or (e < len(norm) and norm[e].isalnum()):
                    continue
                cands.append((where[s], where[e - 1] + 1, payloads))
        if self._case_auto is not None:
            for s, e, name in self._case_matches(text):
                cands.append((s, e, self._case[name]))
        # longest first, then leftmost; drop anything overlapping a chosen match
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        chosen: list[tuple[int, int, list[T]]] = []
        for c in cands:
            if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
                chosen.append(c)
        chosen.sort()
        return [Match(s, e, text[s:e], p) for s, e, p in chosen]


def build(items: Iterable[tuple[str, Any, bool]]) -> Lexicon:
    lex: Lexicon = Lexicon()
    for name, payload, cs in items:
        lex.add(name, payload, cs)
    return lex


def strip_article(name: Optional[str]) -> Optional[str]:
    return ARTICLE.sub("", name).strip() if name else name
