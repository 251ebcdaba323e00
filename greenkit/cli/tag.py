"""`greenkit tag` — validate, classify, explain and flag a loan book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from greenkit.cli.common import FORMAT_OPT, Format, console, emit, say, state
from greenkit.fields import parse_column_renames
from greenkit.tag.run import DEFAULT_TAXONOMIES, TagOptions, run

#: Rows per chunk by default: keeps a million-row book well under 2 GB.
DEFAULT_CHUNKSIZE = 200_000


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


def tag(
    input: Path = typer.Argument(..., help="Loan book or project list (CSV, XLSX, Parquet)."),
    output: Path = typer.Option(..., "--output", "-o",
                                help="Output folder, or a .xlsx workbook."),
    taxonomy: list[str] | None = typer.Option(
        None, "--taxonomy", "-t",
        help="Taxonomy id or folder (repeatable). Default: in-force and cn-green-bond-2021."),
    as_of: str | None = typer.Option(None, "--as-of", help="Report date (YYYY-MM-DD); "
                                     "picks the edition in force. Default: today."),
    overrides: Path | None = typer.Option(None, "--overrides", help="Reviewer overrides file."),
    columns: str | None = typer.Option(None, "--columns",
                                       help="Rename headers: 'src=field,...' or a YAML/CSV file."),
    amount_unit: str | None = typer.Option(None, "--amount-unit",
                                           help="Unit of amounts whose header has none (万元…)."),
    industry_system: str | None = typer.Option(None, "--industry-system",
                                               help="gbt (GB/T 4754-2017, default) or nace."),
    product: str | None = typer.Option(None, "--product", help="loan (default) or bond."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of an XLSX input."),
    chunksize: int = typer.Option(DEFAULT_CHUNKSIZE, "--chunksize", min=0,
                                  help="Stream the input in chunks of N rows (bounded memory; "
                                       "results are identical). 0 = read it whole."),
    fx: Path | None = typer.Option(None, "--fx", help="FX table (currency, rate_to_cny)."),
    workers: int | None = typer.Option(None, "--workers", min=1,
                                       help="Tagging processes for a book of several chunks "
                                            "(default: one per CPU, at most 4; 1 = no workers)."),
    fmt: Format = FORMAT_OPT,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only print errors."),
) -> None:
    """Tag every row under one or more taxonomies; write tagged/tags/rejected/flags/summary.

    Exit 0 when every row was accepted and no red flag was raised, 1 when rows
    were rejected or flags raised, 2 when the input cannot be used.
    """
    from greenkit.tag.output import FolderSink, write_small, write_workbook

    state.quiet = state.quiet or quiet
    system = {"gbt": "gbt4754-2017", "nace": "nace-rev2", None: None}.get(
        industry_system, industry_system)
    if system not in (None, "gbt4754-2017", "nace-rev2"):
        raise typer.BadParameter("--industry-system must be gbt or nace")
    opts = TagOptions(
        taxonomies=tuple(taxonomy) if taxonomy else DEFAULT_TAXONOMIES, as_of=_date(as_of),
        product=product, industry_system=system, amount_unit=amount_unit,
        renames=parse_column_renames(columns), sheet=sheet, chunksize=chunksize or None,
        overrides=overrides, fx=fx, workers=workers)
    workbook = output.suffix.lower() == ".xlsx"
    sink = None if workbook else FolderSink(output)
    with Progress(SpinnerColumn(), TextColumn("[bold]tagging[/] {task.description}"),
                  BarColumn(), TextColumn("{task.completed:,} rows"), TimeElapsedColumn(),
                  console=console(err=True), disable=state.quiet, transient=True) as bar:
        task = bar.add_task(str(input), total=None)
        try:
            result = run(input, opts, sink=sink, progress=lambda n: bar.advance(task, n))
        finally:
            if sink is not None:
                sink.close()
    if workbook:
        write_workbook(result, output)
    else:
        write_small(result, output)
    s = result.summary
    if fmt == Format.json:
        emit(pd.DataFrame(), fmt, json_obj=s)
    elif not state.quiet:
        _print_summary(s, output)
    raise typer.Exit(1 if s["rejected"] or s["flags"] else 0)


def _print_summary(s: dict, output: Path) -> None:
    c = console()
    c.print(f"read {s['read']:,} · accepted {s['accepted']:,} · rejected {s['rejected']:,} "
            f"· warnings {s['warnings']:,} · {s['seconds']} s", highlight=False)
    for name, t in s["taxonomies"].items():
        rows = []
        for status, by_cur in t["by_status"].items():
            for cur, v in by_cur.items():
                rows.append({"status": status, "currency": cur, "loans": f"{v['count']:,}",
                             "amount (万)": f"{v['amount'] / 1e4:,.2f}"})
        emit(pd.DataFrame(rows), Format.table, f"{name}")
    if s["declared"]:
        say("declared: " + ", ".join(f"{k} {v}" for k, v in s["declared"].items()))
    if s["flags"]:
        say("flags: " + ", ".join(f"{k} {v}" for k, v in s["flags"].items()))
    say(f"outputs in {output}")
