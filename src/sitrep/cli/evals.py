"""``sitrep eval ...``: Sitrep scored against gold data, each set by its own command."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import EXIT_INPUT, EXIT_OK, app, err, output_to


eval_app = typer.Typer(no_args_is_help=True, help="Score Sitrep against gold data.")
app.add_typer(eval_app, name="eval")


@eval_app.command("cleaning")
def eval_cleaning(folder: Path = typer.Argument(..., help="folder of pages with NAME.gold.json beside each"),
                  show_failures: bool = typer.Option(False, "--failures", help="list every miss")) -> None:
    """Cleaning: article lines kept, boilerplate lines removed, title, publication date, language."""
    from ..evaluate import score_cleaning

    sc = score_cleaning(folder)
    print("| set | measure | score |\n|---|---|---|")
    print(sc.markdown(folder.name))
    if show_failures:
        for f in sc.failures:
            print(f"- {f}")


@eval_app.command("timebank")
def eval_timebank(folder: Path = typer.Argument(..., help="a folder of TimeML .tml files (TimeBank, AQUAINT)"),
                  show_failures: bool = typer.Option(False, "--failures", help="list every miss")) -> None:
    """DATE value accuracy on TimeML gold expressions, against each document's creation time."""
    from ..evaluate import score_timebank

    sc = score_timebank(folder)
    print("| set | documents | DATE expressions | value correct | no value |\n|---|---|---|---|---|")
    print(f"| {folder.name} | {sc.documents} | {sc.dates} | {sc.correct} ({100 * sc.accuracy:.1f}%) | {sc.unresolved} |")
    if show_failures:
        for m in sc.misses:
            print(f"- {m}")


@eval_app.command("geowebnews")
def eval_geowebnews(xml: Path = typer.Argument(..., help="GeoWebNews GWN.xml")) -> None:
    """Toponym recall/precision/F1 and accuracy within 161 km on GeoWebNews, beside a naive peer (spaCy
    GPE/LOC/FAC + most populous name), for the 2,720 toponyms, the literal ones and all annotations."""
    from ..evalgeo import score_geowebnews

    print(score_geowebnews(xml).markdown())
def _eval_input(path: Path, what: str) -> None:
    if not path.exists():
        err(f"error: {path}: no such file or folder ({what})")
        raise typer.Exit(EXIT_INPUT)


def _emit(markdown: str, report: Optional[Path]) -> None:
    print(markdown)
    if report is not None:
        with output_to(report) as out:
            out.write(markdown + "\n")


ReportOption = typer.Option(None, "--report", help="also write the Markdown to this file")


@eval_app.command("seeds")
def eval_seeds(gold: Path = typer.Argument(..., help="seeds-style gold JSON (shared/gold/seeds.json)"),
               docs: Path = typer.Argument(..., help="folder of the articles the gold describes"),
               keep: Optional[Path] = typer.Option(None, "--keep", help="keep the store and exports in this folder"),
               show_failures: bool = typer.Option(False, "--failures", help="list every miss"),
               report: Optional[Path] = ReportOption) -> None:
    """Run the pipeline on DOCS into a fresh store and score the export against seeds-style gold."""
    from ..evalsets import score_seeds

    _eval_input(gold, "gold JSON")
    _eval_input(docs, "articles")
    res = score_seeds(gold, docs, keep)
    _emit(res.markdown(), report)
    if show_failures:
        for f in res.failures():
            print(f"- {f}")


@eval_app.command("fakes")
def eval_fakes(csv_path: Path = typer.Argument(..., metavar="CSV", help="FA-KES CSV (shared/data/fa-kes-dev.csv)"),
               limit: Optional[int] = typer.Option(None, "--limit", help="only the first N articles"),
               keep: Optional[Path] = typer.Option(None, "--keep", help="keep the store and exports in this folder"),
               report: Optional[Path] = ReportOption) -> None:
    """Main event of each FA-KES article: governorate, perpetrator class, cause, deaths."""
    from ..evalsets import score_fakes

    _eval_input(csv_path, "FA-KES CSV")
    _emit(score_fakes(csv_path, limit, keep).markdown(), report)


@eval_app.command("ucdp")
def eval_ucdp(csv_path: Path = typer.Argument(..., metavar="CSV", help="UCDP GED CSV (shared/data/ucdp-ged-syria-2016-2017.csv)"),
              report: Optional[Path] = ReportOption) -> None:
    """Geocoding of UCDP place strings, names the gazetteer build saw (dev half) and held out."""
    from ..evalsets import score_ucdp

    _eval_input(csv_path, "UCDP GED CSV")
    _emit(score_ucdp(csv_path).markdown(), report)


@eval_app.command("case")
def eval_case(tsv: Path = typer.Argument(..., help="CASE 2021 task 2 TSV (id, EventSnippet, SubType)"),
              limit: Optional[int] = typer.Option(None, "--limit", help="only the first N snippets"),
              report: Optional[Path] = ReportOption) -> None:
    """Event types of CASE 2021 snippets (ACLED sub-event types)."""
    from ..evalsets import score_case

    _eval_input(tsv, "CASE 2021 TSV")
    _emit(score_case(tsv, limit).markdown(), report)


@eval_app.command("wikievents")
def eval_wikievents(jsonl: Path = typer.Argument(..., help="WikiEvents dev.jsonl"),
                    report: Optional[Path] = ReportOption) -> None:
    """Attack, death and injury events of WikiEvents found by Sitrep."""
    from ..evalsets import score_wikievents

    _eval_input(jsonl, "WikiEvents JSONL")
    _emit(score_wikievents(jsonl).markdown(), report)


@eval_app.command("re3d")
def eval_re3d(folder: Path = typer.Argument(..., help="re3d folder (documents.json and entities.json per source)"),
              report: Optional[Path] = ReportOption) -> None:
    """re3d Organisation and Location entities recalled by the actor and place rulers."""
    from ..evalsets import score_re3d

    _eval_input(folder, "re3d folder")
    _emit(score_re3d(folder).markdown(), report)


@eval_app.command("split")
def eval_split(data: Path = typer.Option(Path("../shared/data"), "--data", help="folder of the evaluation sets"),
               out: Path = typer.Option(Path("out/splits"), "--out", help="folder for the parts")) -> None:
    """Write the read and unread parts of every tuning set (FA-KES, CASE, GVC) by a fixed hash of each id."""
    from ..devsplit import write_splits

    _eval_input(data, "data folder")
    for path, n in write_splits(data, out).items():
        print(f"{n:6d}  {path}")


@eval_app.command("all")
def eval_all(data: Path = typer.Option(Path("../shared/data"), "--data", help="folder of the evaluation sets"),
             gold: Path = typer.Option(Path("../shared/gold/seeds.json"), "--seeds-gold", help="seeds-style gold"),
             seeds: Path = typer.Option(Path("examples/seeds"), "--seeds", help="the articles of the seeds gold"),
             cleaning: List[Path] = typer.Option([Path("tests/fixtures/cleaning"), Path("tests/fixtures/cleaning_heldout")],
                                                 "--cleaning", help="cleaning gold folders"),
             report: Optional[Path] = ReportOption) -> None:
    """Every set that is present: one Markdown report (figures, date, the command for each)."""
    from ..evalreport import full_report

    md, missing = full_report(data=data, gold=gold, seeds=seeds, cleaning=cleaning, log=err)
    _emit(md, report)
    for m in missing:
        err(f"error: {m}")
    raise typer.Exit(EXIT_INPUT if missing else EXIT_OK)
