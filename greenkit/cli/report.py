"""`greenkit report …` — disclosure reports as HTML or PDF (by the output's suffix).

    greenkit report disclosure --profile institution.yaml --tagged DIR [--carbon DIR] [--previous DIR] -o report.pdf
    greenkit report esg --profile company.yaml --activity FILE -o report.pdf
    greenkit report pboc-cerf --tagged DIR --quarter 2026Q3 [--carbon DIR] -o table.pdf
"""

from __future__ import annotations

from pathlib import Path

import typer

from greenkit.cli.common import LANG_OPT, Lang, say

app = typer.Typer(
    help="报告 · Reports: JR/T 0227 environmental disclosure, SSE/SZSE sustainability report, "
         "碳减排支持工具 disclosure — HTML or PDF.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

OUTPUT_OPT = typer.Option(..., "--output", "-o", help="Output file: .html or .pdf.")
TAGGED_OPT = typer.Option(..., "--tagged", help="Folder written by `greenkit tag BOOK -o DIR`.")
CARBON_OPT = typer.Option(None, "--carbon", help="Folder of `greenkit carbon` outputs "
                                                 "(reductions/, financed/, … as `greenkit demo` "
                                                 "writes them).")


@app.command()
def disclosure(
    profile: Path = typer.Option(..., "--profile", help="Institution profile (YAML; see "
                                 "samples/institution.yaml)."),
    tagged: Path = TAGGED_OPT,
    output: Path = OUTPUT_OPT,
    carbon: Path | None = CARBON_OPT,
    previous: list[Path] | None = typer.Option(
        None, "--previous", help="Tagged folder of an earlier period (repeatable): growth and "
                                 "the balance trend. Without it growth is shown as —."),
    lang: Lang = LANG_OPT,
) -> None:
    """金融机构环境信息披露报告 (JR/T 0227—2021): the standard's eleven elements in order."""
    from greenkit.report.disclosure import disclosure_report

    path = disclosure_report(profile, tagged, output, carbon=carbon, previous=previous or (),
                             lang=lang.value)
    say(f"wrote {path}")


@app.command()
def esg(
    profile: Path = typer.Option(..., "--profile", help="Company profile (YAML; see "
                                 "samples/company.yaml)."),
    activity: Path = typer.Option(..., "--activity", help="Activity data for Scope 1/2/3 (YAML "
                                  "or XLSX; see samples/company_activity.yaml)."),
    output: Path = OUTPUT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """上市公司可持续发展报告 (SSE/SZSE 2024 guidelines) with an IFRS S2 / GRI 305 index."""
    from greenkit.report.esg import esg_report

    say(f"wrote {esg_report(profile, activity, output, lang=lang.value)}")


@app.command("pboc-cerf")
def pboc_cerf(
    tagged: Path = TAGGED_OPT,
    quarter: str = typer.Option(..., "--quarter", help="Quarter to disclose, e.g. 2026Q3."),
    output: Path = OUTPUT_OPT,
    carbon: Path | None = CARBON_OPT,
    rules: Path | None = typer.Option(None, "--rules", help="Your bank's eligibility rules "
                                      "(format of greenkit/carbon/cerf.yaml)."),
    profile: Path | None = typer.Option(None, "--profile", help="Institution profile, for the "
                                        "bank's name on the cover."),
    lang: Lang = LANG_OPT,
) -> None:
    """碳减排支持工具 disclosure table of one quarter (projects, amount, rate, CO2e driven)."""
    from greenkit.report.cerf import cerf_report

    path = cerf_report(tagged, quarter, output, carbon=carbon, rules=rules, profile=profile,
                       lang=lang.value)
    say(f"wrote {path}")
