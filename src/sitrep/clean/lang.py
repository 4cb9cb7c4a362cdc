"""Language identification of paragraphs (lingua, restricted to the languages conflict reporting here uses)."""
from __future__ import annotations

import functools
import re
from typing import Optional

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
HEBREW = re.compile(r"[\u0590-\u05FF]")

LANGS = ("ENGLISH", "ARABIC", "FRENCH", "GERMAN", "SPANISH", "TURKISH", "RUSSIAN", "PERSIAN", "HEBREW", "KURDISH")


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, n) for n in LANGS if hasattr(Language, n)]
    # low-accuracy mode: trigram models only, loads in ~50 ms; lines too short for it are decided by script
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


SAMPLE_CHARS = 4000


def script_of(text: str) -> Optional[str]:
    """The dominant script of the letters in text: 'arabic', 'latin', 'cyrillic', 'hebrew' or None."""
    counts = {
        "arabic": len(ARABIC_SCRIPT.findall(text)),
        "latin": len(LATIN.findall(text)),
        "cyrillic": len(CYRILLIC.findall(text)),
        "hebrew": len(HEBREW.findall(text)),
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def detect(text: str) -> Optional[str]:
    """ISO 639-1 code of the text's language, or None for text too short or without letters to tell."""
    # a sample decides: lingua's detector is one native call, uninterruptible and slow on a 5 MB line (issue 8)
    text = text[:SAMPLE_CHARS]
    script = script_of(text)
    if script is None:
        return None
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3:
        return None
    if script == "hebrew":
        return "he"
    if letters < 12:  # too short for a statistical guess; the script is the best evidence
        return {"arabic": "ar", "latin": "en", "cyrillic": "ru"}[script]
    lang = _detector().detect_language_of(text)
    if lang is None:
        return None
    return lang.iso_code_639_1.name.lower()
