"""Issue 16, session 12: work done once that was done several times, with the same answers. Each test checks what
is read (how often, how much) on real text and the real gazetteer, and that the answer is the one the fuller
reading gives."""
from __future__ import annotations

import importlib

from sitrep.extract.places import DATELINE, _is_dateline
from sitrep.extract.words import words
from sitrep.places.recognise import recognise

resolve = importlib.import_module("sitrep.places.resolve")

TEXT = ("Air strikes hit Maarat al-Numan in Idlib province and the town of Saraqib on Tuesday, while shelling of "
        "Douma in Rif Dimashq killed five people, 20 km east of Damascus, Syria.")


def test_each_mention_says_what_it_says_of_the_country_once_per_resolution(monkeypatch):
    mentions = [m for m in recognise(TEXT) if m.candidates and not m.demonym]
    assert len(mentions) >= 4, [m.text for m in mentions]  # the premise: several places to resolve together
    calls = []
    real = resolve._country_votes

    def counted(m):
        calls.append(m.text)
        return real(m)

    monkeypatch.setattr(resolve, "_country_votes", counted)
    got = resolve.resolve_mentions(TEXT, mentions)
    # two passes (the second sees where the first put the other places), but the votes do not depend on them
    assert sorted(calls) == sorted(m.text for m in mentions), calls
    monkeypatch.undo()
    # the same places as contexts built afresh in each pass
    picks = None
    for _ in range(2):
        ctxs = resolve.contexts(TEXT, mentions, picks)
        picks = [resolve.rank(m.candidates, c)[0][0].place for m, c in zip(mentions, ctxs)]
    assert [r.place for r in got] == picks


def _full_prefix(text: str, start: int, end: int) -> bool:
    """:func:`_is_dateline` as it read the whole text before the place (before session 12)."""
    import re

    if not DATELINE.match(text[:start]) and not words().dateline_cue.search(text[:start]):
        return False
    after = text[end:end + 40]
    return bool(re.match(r"\s*(\(|,|-|–|—|:|\s[A-Z][a-z]+|\s*$)", after)) or text[start:end].isupper()


def test_a_dateline_cue_is_read_in_the_characters_it_can_match_with_the_same_answers():
    w = words()
    assert w.dateline_reach == max(map(len, w.dateline_cues)) + 41
    filler = "Fighting went on in the north for a third day, officials said. " * 40  # a long text before
    cases = []
    for cue in w.dateline_cues:
        for gap in ("", " ", " 12 May 2016 ", " " + "x" * 38 + " ", " " + "x" * 39 + " ", " " + "x" * 40 + " ",
                    " on 3 March. ", ": "):
            for before in ("", filler, filler[:-1] + "a"):  # a cue glued to a word before it matches too
                for written in (cue, cue.upper(), cue.title()):
                    cases.append(f"{before}{written}{gap}")
    cases += [filler, "", "  12-05-2016 ", filler + "published"]
    checked = 0
    for prefix in cases:
        for after in (" (Reuters) - Air strikes", " Nearly 50 strikes", " and more", ""):
            text = prefix + "ALEPPO" + after
            start, end = len(prefix), len(prefix) + len("ALEPPO")
            assert _is_dateline(text, start, end) == _full_prefix(text, start, end), (prefix[-80:], after)
            text = prefix + "Aleppo" + after
            assert _is_dateline(text, start, end) == _full_prefix(text, start, end), (prefix[-80:], after)
            checked += 1
    assert checked > 100
    # the premise: both answers occur among the cases
    assert _is_dateline(filler + "Last updated at 10:00 ALEPPO (Reuters)", len(filler) + 22, len(filler) + 28)
    assert not _is_dateline(filler + "ALEPPO (Reuters)", len(filler), len(filler) + 6)


PARAGRAPH = ("Syrian government forces backed by Russian jets shelled the town of Kafr Nabl in Idlib province on "
             "Monday, killing 12 civilians, the Syrian Observatory for Human Rights said. The United Nations said "
             "on Tuesday that more than 2,000 families had fled toward the Turkish border. Rebels of the National "
             "Liberation Front said they had repelled an attack near Saraqib.")


def _same_doc(a, b):
    attrs = a._get_array_attrs()
    assert [t.text_with_ws for t in a] == [t.text_with_ws for t in b]
    assert (a.to_array(attrs) == b.to_array(attrs)).all()
    assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
    assert [(t.i, t.head.i, t.dep_, t.lemma_, t.tag_, t.pos_) for t in a] == \
        [(t.i, t.head.i, t.dep_, t.lemma_, t.tag_, t.pos_) for t in b]


def test_a_spans_own_doc_reads_its_paragraphs_annotations_once_and_is_the_doc_as_doc_gives(monkeypatch):
    from sitrep.annotate import english
    from sitrep import spandoc

    doc = english()(PARAGRAPH)
    sents = list(doc.sents)
    assert len(sents) == 3 and doc.ents  # the premise
    # whole sentences, overlapping spans (an entity cut at either end, heads outside the span), one token
    spans = sents + [doc[2:9], doc[5:14], doc[sents[0].end - 4:sents[1].start + 3], doc[sents[1].start:],
                     doc[0:1], doc[:]] + sents
    expected = [s.as_doc() for s in spans]
    monkeypatch.setattr(spandoc, "_ARRAYS", [])
    for s, want in zip(spans, expected):
        _same_doc(spandoc.span_doc(s), want)
    assert len(spandoc._ARRAYS) == 1 and spandoc._ARRAYS[0][0] is doc  # the paragraph's array, read once
    # the parent is unchanged by its spans' fixes
    _same_doc(doc, english()(PARAGRAPH))
