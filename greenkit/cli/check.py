"""`greenkit check` — review banks' green-loan submissions (folders or zips).

    greenkit check SUBMISSION [SUBMISSION ...] -o OUT [--format json] [--rules FILE]
                   [--tolerance 0.5%] [--lang en] [--pdf]

OUT is a folder (review.json, findings.csv, finding_loans.csv, review.html,
comparison.csv for several submissions, review.pdf with --pdf), or a single
file by suffix: .json, .html or .pdf. Exit 0 when every submission is clean,
1 when findings exist (info notes do not count), 2 when a submission cannot
be read (unsafe zip, missing file, bad YAML, unusable loan data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from greenkit.cli.common import FORMAT_OPT, LANG_OPT, Format, Lang, console, emit, say, state


def check(
    paths: list[Path] = typer.Argument(..., help="Submission folders or zip files."),
    output: Path = typer.Option(..., "--output", "-o",
                                help="Output folder, or a .json / .html / .pdf file."),
    rules: Path | None = typer.Option(None, "--rules",
                                      help="Rules file changing severities, params, enabled."),
    tolerance: str | None = typer.Option(None, "--tolerance",
                                         help="Relative tolerance of every recalculation "
                                              "rule, e.g. 0.5% (default: per rule)."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write review.pdf (slower)."),
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Re-derive each submission's figures and list what does not hold.

    Exit 0 when clean, 1 when findings exist, 2 when a submission cannot be read.
    """
    from greenkit.check.report import write_all, write_json, write_report
    from greenkit.check.run import check as run_check

    result = run_check(paths, rules=rules, tolerance=tolerance)
    suffix = output.suffix.lower()
    if suffix == ".json":
        write_json(result, output)
    elif suffix in (".html", ".htm", ".pdf"):
        write_report(result, output, lang.value)
    else:
        write_all(result, output, lang.value, pdf=pdf)
    if fmt == Format.json:
        emit(pd.DataFrame(), fmt, json_obj=_summary(result))
    elif fmt == Format.csv:
        emit(result.findings, fmt)
    elif not state.quiet:
        _print(result, lang.value)
        say(f"outputs in {output}")
    raise typer.Exit(result.exit_code)


def _summary(result) -> dict:
    return {"verdict": result.as_dict()["verdict"], "exit_code": result.exit_code,
            "submissions": [{"name": r.name, "source": r.source, "verdict": r.verdict,
                             "counts": r.counts(),
                             "findings": [{"rule": f.rule, "severity": f.severity,
                                           "message": f.message_en, "amount_yuan": f.amount,
                                           "loans": len(f.loans)} for f in r.findings]}
                            for r in result.reviews]}


def _print(result, lang: str) -> None:
    from greenkit.check.checks import fmt_wan

    c = console()
    for r in result.reviews:
        counts = r.counts()
        colour = {"clean": "green", "findings": "yellow", "fail": "red"}[r.verdict]
        c.print(f"[bold]{r.name}[/] [{colour}]{r.verdict}[/] · high {counts['high']} · "
                f"medium {counts['medium']} · low {counts['low']} · info {counts['info']}",
                highlight=False)
        rows = [{"rule": f.rule, "severity": f.severity,
                 "amount (万元)": fmt_wan(f.amount).replace(" 万元", "") if f.amount else "",
                 "loans": len(f.loans), "message": f.message(lang)} for f in r.findings]
        if rows:
            emit(pd.DataFrame(rows), Format.table)
    if len(result.reviews) > 1:
        cmp = result.comparison[["submission", "verdict", "high", "medium", "low",
                                 "reductions_per_wan_yuan"]]
        emit(cmp, Format.table, "comparison")


__all__ = ["check", "Lang"]
