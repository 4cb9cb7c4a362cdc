"""Profile (or time) ``pipeline.run`` in one process on 120 FA-KES-style texts, as benchmarks/run.py builds them.

    .venv/bin/python benchmarks/profile_run.py out/run.prof          # cProfile, top functions by cumulative time
    NOPROF=1 .venv/bin/python benchmarks/profile_run.py -             # CPU ms per article only
    NOPROF=1 PYTHONPATH=/path/to/other/src .venv/bin/python benchmarks/profile_run.py -   # another build, A/B

Models are loaded (one warm-up article) before the clock starts.
"""
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402


def main() -> None:
    from sitrep.execute import make_executor
    from sitrep.pipeline import run
    from sitrep.store import Store

    work, corpus = bench.warmed_corpus(120)
    store = Store(work / "s.db")
    noprof = bool(os.environ.get("NOPROF"))
    pr = cProfile.Profile()
    c0 = time.process_time()
    with make_executor(workers=0, doc_timeout=600) as ex:
        noprof or pr.enable()
        rep = run([str(corpus)], store, executor=ex)
        noprof or pr.disable()
    c1 = time.process_time()
    print(f"sitrep cpu {c1 - c0:.2f}s = {1000 * (c1 - c0) / 120:.1f} ms/article; stages",
          {k: round(v, 2) for k, v in rep.stage_seconds.items()}, dict(rep.counts))
    if not noprof:
        pr.dump_stats(sys.argv[1])
        pstats.Stats(sys.argv[1]).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
