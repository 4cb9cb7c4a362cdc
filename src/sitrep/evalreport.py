"""``sitrep eval all``: every evaluation set that is present, one Markdown report with the date and, for each
set, the command that reproduces its figures on its own."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from . import __version__
from .evalsets import today

REFERENCES = """| reference system | measure | published figure |
|---|---|---|
| Mordecai 3 (Halterman 2023) | exact toponym resolution with gold toponyms | 92.6% |
| Mordecai 3 (Halterman 2023) | toponym resolution on LGL | 79.4% |
| trafilatura (Barbaresi 2021) | main-text extraction F1 on its HTML benchmark | 0.909 |
| GDELT (2014 accuracy check) | actor / location / event code correct | 79% / 75% / 81% |"""


def full_report(*, data: Path, gold: Path, seeds: Path, cleaning: list[Path],
                log: Callable[[str], None] = lambda m: None) -> tuple[str, list[str]]:
    from . import evalsets as E
    from .evaluate import score_cleaning, score_timebank

    sections: list[str] = []
    missing: list[str] = []

    def section(title: str, command: str, path: Path, fn: Callable[[], str]) -> None:
        if not path.exists():
            missing.append(f"{path}: not found, {title} skipped")
            return
        log(f"eval: {title}")
        t0 = time.perf_counter()
        body = fn()
        secs = time.perf_counter() - t0
        sections.append(f"## {title}\n\n    {command}\n\n{body}\n\n({secs:.0f} s)")

    section(f"Seeds ({gold.name})", f".venv/bin/sitrep eval seeds {gold} {seeds} --failures", gold,
            lambda: E.score_seeds(gold, seeds).markdown() if seeds.exists() else f"{seeds}: not found")
    fk = data / "fa-kes-dev.csv"
    section("FA-KES dev (main event per article)", f".venv/bin/sitrep eval fakes {fk}", fk,
            lambda: E.score_fakes(fk).markdown())
    ucdp = data / "ucdp-ged-syria-2016-2017.csv"
    section("Geocoding: UCDP GED Syria 2016-2017", f".venv/bin/sitrep eval ucdp {ucdp}", ucdp,
            lambda: E.score_ucdp(ucdp).markdown())
    gwn = data / "geowebnews" / "GWN.xml"

    def geowebnews() -> str:
        from .evalgeo import score_geowebnews

        return score_geowebnews(gwn).markdown()
    section("Geoparsing: GeoWebNews", f".venv/bin/sitrep eval geowebnews {gwn}", gwn, geowebnews)
    tb = data / "timebank"

    def timebank() -> str:
        sc = score_timebank(tb)
        return ("| documents | DATE expressions | value exactly right | no value given |\n|---|---|---|---|\n"
                f"| {sc.documents} | {sc.dates} | {sc.correct} ({100 * sc.accuracy:.1f}%) | {sc.unresolved} |")
    section("Dates: TimeBank + AQUAINT (TimeML)", f".venv/bin/sitrep eval timebank {tb}", tb, timebank)
    case = data / "case2021-task2-dev.tsv"
    section("Event types: CASE 2021 task 2 dev", f".venv/bin/sitrep eval case {case}", case,
            lambda: E.score_case(case).markdown())
    we = data / "wikievents" / "dev.jsonl"
    section("Events: WikiEvents dev (KAIROS)", f".venv/bin/sitrep eval wikievents {we}", we,
            lambda: E.score_wikievents(we).markdown())
    re3d = data / "re3d"
    section("Entities: re3d", f".venv/bin/sitrep eval re3d {re3d}", re3d, lambda: E.score_re3d(re3d).markdown())
    for folder in cleaning:
        def cl(folder: Path = folder) -> str:
            sc = score_cleaning(folder)
            return "| set | measure | score |\n|---|---|---|\n" + sc.markdown(folder.name)
        section(f"Cleaning: {folder}", f".venv/bin/sitrep eval cleaning {folder} --failures", folder, cl)
    head = (f"# Sitrep evaluation report\n\nMeasured {today()} with Sitrep {__version__}, by\n\n"
            f"    .venv/bin/sitrep eval all --data {data} --seeds-gold {gold} --seeds {seeds} --report FILE.md\n\n"
            f"Reference figures of other systems (published, not rerun here):\n\n{REFERENCES}\n")
    return "\n\n".join([head, *sections]) + "\n", missing
