"""The English pipeline's attribute ruler, matched faster with the same result (issue 16).

``en_core_web_sm`` sets part-of-speech exceptions, morphology and some lemmas with an ``attribute_ruler``: 179
patterns of one or two tokens on LOWER, TAG, DEP and IS_SPACE, run by spaCy's general ``Matcher``, which tries
every pattern at every token; that was about a tenth of the whole pipeline's time (6.7-7.7 ms of 65 ms per
FA-KES article; 2.2 ms with this matcher). :func:`install` gives the ruler a matcher that indexes each pattern's
first token by one attribute it requires (a word, a tag, a dependency label) and checks only the patterns a token
can start. It finds the same matches, as the ruler's own ``match`` sorts them (rule order, then position), and the
ruler applies them with its own code, so every token ends with the same attributes (``tests/test_rulematch.py``
compares both matchers).

A pattern it cannot read (an operator, another attribute or predicate) leaves the ruler's own matcher in place.
(Reading the rule lemmatizer's cache from one array instead of token by token was tried: 3.1 ms per article
before and after, so it was dropped.)
"""
from __future__ import annotations

import re
from typing import Callable, Optional

ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")  # the columns read, in this order


class Unsupported(ValueError):
    """A pattern this matcher does not read the way spaCy's Matcher does."""


def _predicate(col: int, value, strings) -> tuple[Callable[[list[int]], bool], Optional[tuple[int, frozenset]]]:
    """A test of one token's row, and (column, hashes) when it requires the column to hold one of those hashes."""
    if ATTRS[col] == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"IS_SPACE {value!r}")
        want = int(value)
        return (lambda row: row[col] == want), (col, frozenset([want]))
    if isinstance(value, str):
        h = strings.add(value)
        return (lambda row: row[col] == h), (col, frozenset([h]))
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            hs = frozenset(strings.add(v) for v in arg)
            return (lambda row: row[col] in hs), (col, hs)
        if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
            hs = frozenset(strings.add(v) for v in arg)
            return (lambda row: row[col] not in hs), None
        if op == "REGEX" and isinstance(arg, str):
            rx, seen = re.compile(arg), {}

            def test(row: list[int]) -> bool:
                h = row[col]
                got = seen.get(h)
                if got is None:
                    got = seen[h] = bool(rx.search(strings[h]))
                return got
            return test, None
    raise Unsupported(f"{ATTRS[col]} {value!r}")


def _token_test(spec: dict, strings) -> tuple[Callable[[list[int]], bool], Optional[tuple[int, frozenset]]]:
    if not isinstance(spec, dict) or not spec:
        raise Unsupported(repr(spec))
    tests, index = [], None
    for attr, value in spec.items():
        if attr not in ATTRS:
            raise Unsupported(attr)
        test, idx = _predicate(ATTRS.index(attr), value, strings)
        tests.append(test)
        if idx is not None and (index is None or idx[0] < index[0]):
            index = idx  # the first of LOWER, TAG, DEP, IS_SPACE the token must hold one of some values of
    return (lambda row: all(t(row) for t in tests)), index


class FastMatch:
    """``AttributeRuler.match`` with an index: the same sorted (rule, rule key, start, end) list."""

    def __init__(self, ruler) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = ruler.vocab.strings
        self.columns = [LOWER, TAG, DEP, IS_SPACE]
        self.by_value: dict[tuple[int, int], list] = {}
        self.anywhere: list = []
        for i in range(len(ruler.attrs)):
            key = str(i)
            got = ruler.matcher.get(key)
            if got is None:
                raise Unsupported(f"rule {i} has no patterns")
            match_id = strings[key]
            for pattern in got[1]:
                if not isinstance(pattern, list) or not pattern:
                    raise Unsupported(repr(pattern))
                tests = [_token_test(spec, strings) for spec in pattern]
                index = tests[0][1]
                # a one-token rule on one attribute that the index already checks needs no test
                checked = len(pattern) == 1 and len(pattern[0]) == 1 and index is not None
                entry = (i, match_id, len(tests), None if checked else [t for t, _ in tests])
                if index is None:
                    self.anywhere.append(entry)
                else:
                    for h in index[1]:
                        self.by_value.setdefault((index[0], h), []).append(entry)

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(self.columns).tolist() if len(doc) else []
        n = len(rows)
        by_value, anywhere = self.by_value, self.anywhere
        found = []
        for start, row in enumerate(rows):
            entries = anywhere
            for key in zip(range(4), row):
                got = by_value.get(key)
                if got:
                    entries = entries + got
            for rule, match_id, length, tests in entries:
                end = start + length
                if tests is None:
                    found.append((rule, match_id, start, end))
                elif end <= n and all(t(rows[start + k]) for k, t in enumerate(tests)):
                    found.append((rule, match_id, start, end))
        found.sort()
        return found


def install(nlp) -> bool:
    """Give the pipeline's attribute ruler the indexed matcher; False (the ruler unchanged) when there is none or
    one of its patterns is of a kind :class:`FastMatch` does not read."""
    if "attribute_ruler" not in nlp.component_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = FastMatch(ruler)  # the instance's own: AttributeRuler.__call__ calls self.match(doc)
    except Unsupported:
        return False
    return True
