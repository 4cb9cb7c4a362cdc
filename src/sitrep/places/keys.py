"""Name keys: how two spellings of one place meet.

- ``key``: the normal form of :mod:`sitrep.textmatch` (case, diacritics, apostrophes, hyphens, the Arabic article).
- ``skeleton``: the consonants of each word ("Khan Shaikhoun", "Khan Shaykhun" -> "khn shkhn").
- ``loose``: one spaceless phonetic key for a Latin spelling, and :func:`loose_arabic` the same key from Arabic
  script. Arabic writes the consonants; transliterations differ in vowels, doubled letters, digraphs (kh/k, sh/s,
  th/t), q/k, h and word breaks. So "Kafr Nabudah" (news), "Kafr Nabutha"'s Arabic كفر نبودة (OCHA) and
  "Kafarnabudeh" all give ``kfrnbd``, "Tall Rifat" and "Tall Refaat" (تل رفعت) ``tlrft``.
"""
from __future__ import annotations

import functools
import re

from ..textmatch import key

__all__ = ["key", "skeleton", "loose", "shape", "loose_arabic", "is_arabic", "script_ok"]


@functools.lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The consonants of each word; vowels (and y, w) vary between transliterations of Arabic."""
    words = []
    for w in key(name).split():
        w = w.replace("q", "k")
        w = re.sub(r"[aeiouyw]", "", w)
        w = re.sub(r"(.)\1+", r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)


_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
             ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "f"), ("p", "b"), ("ee", "i"), ("oo", "u"))


def _consonants_first(name: str) -> str:
    s = re.sub(r"[^a-z ]", "", key(name))
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    return re.sub(r"(?<=[aeiou])h\b", "", s)  # "Hamah", "Idlibeh": a final -ah/-eh is a vowel (ة), not a consonant


@functools.lru_cache(maxsize=65536)
def loose(name: str) -> str:
    """Spaceless consonant key of a Latin spelling (see the module doc)."""
    s = re.sub(r"[aeiouyw ]", "", _consonants_first(name))
    return re.sub(r"(.)\1+", r"\1", s)


@functools.lru_cache(maxsize=65536)
def shape(name: str) -> str:
    """The loose key with a mark where the spelling has vowels: where the vowels are, not which. Two
    transliterations of one Arabic name differ in which vowels they write and how ("Al Mujaymir" / OCHA's
    "Mjeimer": ``m*j*m*r`` / ``mj*m*r``; "Uwayjil" / "Oweijel": ``*j*l`` both), so spellings compared by shape
    meet where a letter-by-letter comparison of two different vowel systems does not."""
    s = re.sub(r"[aeiouyw]+", "*", _consonants_first(name).replace(" ", ""))
    return re.sub(r"(.)\1+", r"\1", s)


_AR = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
    "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ک": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "", "ة": "", "و": "", "ي": "", "ى": "", "ی": "", "ا": "", "أ": "", "إ": "", "آ": "",
    "ء": "", "ؤ": "", "ئ": "", "ع": "", "پ": "b", "گ": "g", "چ": "j", "ڤ": "f",
}
_AR_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:و?ال)(?=\S{2,})")


_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    return _ARABIC_CHAR.search(text) is not None


@functools.lru_cache(maxsize=65536)
def loose_arabic(name: str) -> str:
    """The same key from a name in Arabic script: its consonants, the article (ال) dropped."""
    s = _AR_ARTICLE.sub("", name.strip())
    s = re.sub(r"ه(?=\s|$)", "", s)  # a final ha is the -ah/-eh vowel in transliteration
    out = "".join("h" if ch == "ه" else _AR.get(ch, "") for ch in s)
    return re.sub(r"(.)\1+", r"\1", out)


def script_ok(name: str) -> bool:
    """Names kept in the index: Latin script (any diacritics) or Arabic script; other scripts are left out (the
    geoparser reads English and Arabic reporting)."""
    for ch in name:
        if ch.isalpha() and not (ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"
                                 or "\u0600" <= ch <= "\u06ff"):
            return False
    return True
