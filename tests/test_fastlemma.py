"""The rule lemmatizer with its answers remembered (sitrep.fastlemma) gives every token the lemma spaCy's own gives,
through nlp() and nlp.pipe, the first time and from the memo."""
from pathlib import Path

import spacy

from sitrep.annotate import MODEL, english
from sitrep.fastlemma import MemoLemmatizer, install

SEEDS = Path(__file__).resolve().parents[1] / "../shared/seeds"
if not SEEDS.is_dir():  # a worktree not beside ../shared: the repository's copy of the same seeds
    SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
TEXTS = [
    "Syrian government warplanes pounded the village of Kafr Nabl on Tuesday, killing at least 12 civilians.",
    "He was wounded; they were wounded. The wounded were taken to better hospitals, the best ones.",
    "THE MAN WHO WASN'T THERE n't is 's 're 'm 've whether although because",
    "",
    "   ",
]


def _texts() -> list[str]:
    seeds = sorted(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert seeds, SEEDS
    return TEXTS + seeds


def _rows(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_memo_gives_spacys_lemmas_first_time_and_again():
    plain = spacy.load(MODEL)
    ours = english()
    assert type(ours.get_pipe("lemmatizer")).__name__.startswith("Memo")
    texts = _texts()
    want = [_rows(d) for d in plain.pipe(texts)]
    for _ in range(2):  # the second pass answers from the memo
        assert [_rows(d) for d in ours.pipe(texts)] == want
    assert [_rows(ours(t)) for t in texts[:3]] == want[:3]  # nlp() calls the component through its type
    assert sum(len(r) for r in want) > 500


def test_a_lemmatizer_that_overwrites_is_left_as_it_is():
    nlp = spacy.load(MODEL)
    lem = nlp.get_pipe("lemmatizer")
    lem.overwrite = True
    assert install(nlp) is False
    assert not isinstance(type(lem).__call__, MemoLemmatizer) and not type(lem).__name__.startswith("Memo")


def test_the_lemma_index_answers_membership_as_a_set_with_the_same_words_in_the_same_order():
    from sitrep.fastlemma import IndexedList

    plain = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    ours = english().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert sorted(ours.keys()) == sorted(plain.keys()) and len(plain) >= 4
    for pos, words in plain.items():
        mine = ours[pos]
        assert isinstance(mine, IndexedList) and isinstance(mine, list)  # a set's test, still a list
        assert list(mine) == list(words)
        probes = words[:50] + words[-50:] + [w + "x" for w in words[:50]] + ["", "the", "Syria", "bombing"]
        assert [p in mine for p in probes] == [p in words for p in probes]
