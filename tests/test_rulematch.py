"""The attribute ruler's indexed matcher (sitrep.rulematch) finds what spaCy's Matcher finds, and the English
pipeline annotates every token the same with it."""
import spacy
from spacy.pipeline import AttributeRuler

from sitrep.annotate import MODEL, english
from sitrep.rulematch import FastMatch, Unsupported, install

TEXTS = [
    "Syrian government warplanes pounded the village of Kafr Nabl on Tuesday, killing at least 12 civilians.",
    "I ain't gonna say it: y'all know nothin' about it, let's go. C'mon, you got ta see it.",
    "It is what it is, and there are two of them; do you have it?  He did.\n\nI gave it to you, not him.",
    "Islamic State (IS) fighters seized the town but were driven out by Kurdish forces, the monitor said.",
    "THE MAN WHO WASN'T THERE n't nt n’t is 's 're 'm 've whether although because",
    "",
    "   ",
]


def test_the_indexed_matcher_finds_what_spacys_matcher_finds():
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastMatch(ruler)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(TEXTS))
    total = 0
    for doc in docs:
        want = AttributeRuler.match(ruler, doc)  # spaCy's own, through its Matcher
        got = fast(doc)
        assert sorted(set(got)) == sorted(set(want)), doc.text
        assert got == sorted(got)
        total += len(want)
    assert total > 50  # the texts exercise the rules (tags, words, two-token rules)


def test_the_english_pipeline_annotates_as_spacy_does():
    plain = spacy.load(MODEL)
    ours = english()
    assert isinstance(ours.get_pipe("attribute_ruler").match, FastMatch)
    for a, b in zip(plain.pipe(TEXTS), ours.pipe(TEXTS)):
        assert [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in a] == \
               [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_a_pattern_it_cannot_read_leaves_the_ruler_as_it_is():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})
    try:
        FastMatch(ruler)
        raise AssertionError("an operator must not be read")
    except Unsupported:
        pass
    assert install(nlp) is False
    assert "match" not in vars(ruler)
    assert [t.lemma_ for t in nlp("a a b")] == ["a", "a", ""]
