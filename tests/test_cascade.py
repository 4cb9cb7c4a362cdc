"""The cascade (issue 16, `sitrep run --cascade`): the parser only on sentences that can tell an event, with the
real spaCy model and the real lexicon; the same events as the full pipeline on the seed articles."""
from __future__ import annotations

from conftest import SEEDS
from sitrep.annotate import annotate, english
from sitrep.cascade import could_trigger, forms
from sitrep.clean import clean
from sitrep.ingest import read_paths
from sitrep.models import RawDocument
from sitrep.pipeline import process

TEXT = ("Fighting in the north\n\n"
        "Government forces shelled the town of Khan Shaykhun in southern Idlib on Monday, killing five civilians. "
        "The Syrian Observatory for Human Rights said the toll could rise. "
        "The weather in the capital was pleasant and markets were open. "
        "Shops sold bread and vegetables as usual. "
        "Later, rebels attacked an army checkpoint near Hama, the monitor said.\n")


def raw(text: str) -> RawDocument:
    return RawDocument(doc_id="t" + str(abs(hash(text))), path="t.txt", kind="txt", content=text)


def test_trigger_forms_come_from_the_lexicon_and_spacy_lemma_tables():
    assert "kill" in forms("killed") and "shell" in forms("shelled")
    assert not could_trigger(english().make_doc("The weather was pleasant and markets were open."))
    assert could_trigger(english().make_doc("Rebels attacked a checkpoint."))
    assert could_trigger(english().make_doc("At least 44 people died over the weekend."))  # a casualty word
    assert not could_trigger(english().make_doc("according to the report"))  # a false friend of 'accord'


def test_only_sentences_that_can_tell_an_event_are_parsed_and_every_sentence_is_kept():
    doc = clean(raw(TEXT))
    full_counts, cascade_counts = {}, {}
    full = annotate(doc, full_parse=True, counts=full_counts)
    cascaded = annotate(doc, full_parse=False, counts=cascade_counts)
    assert full_counts["parsed_sentences"] == full_counts["sentences"]
    # the lead's two sentences and the attack are parsed; the weather and the shops are not
    assert cascade_counts["parsed_sentences"] == cascade_counts["sentences"] - 2
    assert [s.text for s in cascaded.sentences] == [s.text for s in full.sentences]
    for s in cascaded.sentences:  # offsets into the cleaned text
        assert doc.text[s.start:s.end] == s.text
    body = next(b for b in doc.blocks if b.start is not None and b.label != "title")
    unparsed = [doc.text[body.start + seg.start: body.start + seg.end] for seg in cascaded.segments(body.index)
                if seg.doc is None]
    assert unparsed == ["The weather in the capital was pleasant and markets were open.",
                        "Shops sold bread and vegetables as usual."]


def test_the_cascade_finds_the_events_of_the_full_pipeline_on_the_seeds():
    for item in read_paths([str(SEEDS)]):
        full = process(item, full_parse=True)
        cascaded = process(item, full_parse=False)
        assert [m.model_dump() for m in cascaded.mentions] == [m.model_dump() for m in full.mentions], item.path
