"""CPU time spent inside chosen functions while ``pipeline.run`` processes 120 FA-KES-style texts in one process
(as benchmarks/profile_run.py builds them; models loaded before the clock). Unlike cProfile, which inflates
pure-Python code several times over, each named function is only wrapped in a timer (``time.process_time``),
so the figures add up to the run's own CPU time; nested functions are counted in each.

    FN="sitrep.places.lookup,find,;sitrep.actors,find,Registry" .venv/bin/python benchmarks/fn_cpu.py

``FN``: ``module,function,class`` triples separated by ``;`` (class empty for a module-level function; every
``sitrep`` module that imported the function by name gets the timed one too).
"""
import functools
import importlib
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402

T: dict[str, float] = defaultdict(float)
N: dict[str, int] = defaultdict(int)


def wrap(modname: str, attr: str, cls: str = "") -> None:
    m = importlib.import_module(modname)
    owner = getattr(m, cls) if cls else m
    f = getattr(owner, attr)
    name = f"{modname.removeprefix('sitrep.')}.{cls + '.' if cls else ''}{attr}"

    @functools.wraps(f)
    def timed(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            T[name] += time.process_time() - t
            N[name] += 1

    setattr(owner, attr, timed)
    if not cls:
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("sitrep") and getattr(mod, attr, None) is f:
                setattr(mod, attr, timed)


def main() -> None:
    import sitrep.pipeline  # noqa: F401 - import the stages before wrapping, so their imported names are found
    import sitrep.extract.engine  # noqa: F401
    import sitrep.resolve  # noqa: F401
    from sitrep.execute import make_executor
    from sitrep.pipeline import run
    from sitrep.store import Store

    for spec in filter(None, os.environ.get("FN", "sitrep.places.lookup,find,").split(";")):
        mod, fn, cls = (spec.split(",") + ["", ""])[:3]
        wrap(mod, fn, cls)
    work, corpus = bench.warmed_corpus(120)
    T.clear()
    N.clear()
    c0 = time.process_time()
    with make_executor(workers=0, doc_timeout=600) as ex:
        run([str(corpus)], Store(work / "s.db"), executor=ex)
    print(f"whole run {(time.process_time() - c0) / 120 * 1000:.1f} ms CPU per article")
    for k, v in sorted(T.items(), key=lambda x: -x[1]):
        print(f"{k:45s} {v / 120 * 1000:7.2f} ms per article  {N[k]:6d} calls")


if __name__ == "__main__":
    main()
