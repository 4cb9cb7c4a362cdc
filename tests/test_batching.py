"""Several documents parsed in one call of the language model (sitrep.annotate.annotate_many, sitrep.pipeline.
process_many) get exactly what each gets alone, and one bad document fails alone."""
from pathlib import Path

from sitrep.annotate import annotate, annotate_many
from sitrep.clean import clean
from sitrep.ingest import read_paths
from sitrep.pipeline import process, process_many

SEEDS = Path(__file__).resolve().parents[1] / "../shared/seeds"
if not SEEDS.is_dir():  # a worktree not beside ../shared: the repository's copy of the same seeds
    SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _raws():
    raws = list(read_paths([str(p) for p in sorted(SEEDS.glob("*.txt"))]))
    assert len(raws) >= 5
    return raws


def _tokens(a):
    return [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in seg.doc]
            for i in sorted(a._parsed) for seg in a._parsed[i] if seg.doc is not None]


def test_a_batch_annotates_each_document_as_a_call_of_its_own():
    docs = [clean(r) for r in _raws()]
    for full in (True, False):  # the full pipeline and the cascade's stretches
        alone = [annotate(d, full_parse=full) for d in docs]
        together = annotate_many(docs, [full] * len(docs))
        for a, b in zip(alone, together):
            assert a.sentences == b.sentences
            assert _tokens(a) == _tokens(b)
            title_a, title_b = getattr(a, "_title_parse", None), getattr(b, "_title_parse", None)
            assert (title_a is None) == (title_b is None)


def test_one_bad_document_fails_alone_and_the_others_are_as_alone():
    raws = _raws()[:4]
    bad = raws[1].model_copy(update={"content": "word " * 1_200_000})  # one paragraph longer than spaCy takes
    batch = [raws[0], bad, raws[2], raws[3]]
    timings = [{"clean": 0.0, "annotate": 0.0, "extract": 0.0, "resolve": 0.0} for _ in batch]
    seen = []
    out = list(process_many(batch, timings, before=lambda raw: seen.append(raw.doc_id)))
    assert isinstance(out[1], ValueError) and "longer than the parser accepts" in str(out[1])
    for raw, got in zip([raws[0], raws[2], raws[3]], [out[0], out[2], out[3]]):
        want = process(raw)
        assert [m.model_dump() for m in got.mentions] == [m.model_dump() for m in want.mentions]
        assert got.annotated.sentences == want.annotated.sentences
    assert seen == [raws[0].doc_id, raws[2].doc_id, raws[3].doc_id]  # the hook runs for each document processed
    assert all(t["annotate"] > 0 for i, t in enumerate(timings) if i != 1)
