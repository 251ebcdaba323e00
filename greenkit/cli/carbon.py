"""`greenkit carbon …` — emission reductions, financed emissions (PCAF), a company's
Scope 1/2/3, the 碳减排支持工具 table, and the factors they use."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from greenkit.cli.common import FORMAT_OPT, Format, emit, say
from greenkit.fields import parse_column_renames

app = typer.Typer(
    help="碳核算 · Carbon accounting: project reductions, PCAF financed emissions, "
         "company Scope 1/2/3, 碳减排支持工具 disclosure, factor look-up.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

SERIES_OPT = typer.Option("mee-grid-average", "--series",
                          help="Electricity factor series: mee-grid-average (default), "
                               "mee-fossil-only, mee-national-excl-market-nonfossil, "
                               "ets-reporting.")
FACTORS_OPT = typer.Option(None, "--factors", help="Factor folder (default: shipped "
                                                   "taxonomies/factors).")


def _fmt(v, digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    return f"{v:,.{digits}f}"


def _paths(paths: dict) -> None:
    for name, p in paths.items():
        say(f"  {name}: {p}")


@app.command()
def reductions(
    tagged_dir: Path = typer.Argument(..., help="Folder written by `greenkit tag BOOK -o DIR`."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder."),
    taxonomy: str = typer.Option("in-force", "--taxonomy", "-t",
                                 help="Which tag columns to use (in-force, cn-green-bond-2021 …)."),
    year: int | None = typer.Option(None, "--year", help="Reporting year for the grid factors "
                                    "(default: the tagged folder's as-of year)."),
    series: str = SERIES_OPT,
    project_data: Path | None = typer.Option(
        None, "--project-data", help="Per-loan method inputs keyed by loan_id (vehicle_count, "
                                     "baseline_emissions, reported_reduction …)."),
    status: list[str] | None = typer.Option(None, "--status", help="Tag statuses to include "
                                            "(repeatable; default aligned and eligible)."),
    allow_later_factor: bool = typer.Option(False, "--allow-later-factor",
                                            help="Use a later data year when none ≤ the "
                                                 "reporting year exists (recorded)."),
    factors: Path | None = FACTORS_OPT,
) -> None:
    """Per-loan project emission reductions and totals by method and item.

    Loans whose method lacks inputs are `insufficient_data` with the missing
    fields; they are never counted as 0.
    """
    from greenkit.carbon.reductions import ReductionOptions, write_reductions
    from greenkit.carbon.reductions import reductions as run

    opts = ReductionOptions(taxonomy=taxonomy, year=year, series=series,
                            statuses=tuple(status) if status else ("aligned", "eligible"),
                            project_data=project_data, allow_later_factor=allow_later_factor,
                            factors=factors)
    result = run(tagged_dir, opts)
    paths = write_reductions(result, output)
    s = result.summary
    emit(result.by_method.round(1), Format.table,
         title=f"减排量 reductions · reporting year {s['reporting_year']} · {series}")
    say(f"loans {s['loans']} · by status {s['by_status']} · total "
        f"{_fmt(s['totals']['reduction_tco2e'])} tCO2e/yr · attributed "
        f"{_fmt(s['totals']['attributed_reduction_tco2e'])} tCO2e/yr")
    _paths(paths)


@app.command()
def financed(
    loans: Path = typer.Argument(..., help="PCAF input table (CSV, XLSX, Parquet); columns in "
                                 "greenkit/fields/carbon.yaml (asset_class, outstanding, evic, "
                                 "total_equity_debt, property_value, vehicle_value, scope1, "
                                 "scope2, scope3, emissions_verified, electricity_use … revenue, "
                                 "sector)."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder."),
    year: int | None = typer.Option(None, "--year", help="Reporting year (grid factors for "
                                    "rows with energy use)."),
    series: str = SERIES_OPT,
    intensities: Path | None = typer.Option(
        None, "--intensities", help="Your sector intensities (sector_code, basis "
                                    "revenue|assets|floor_area, value, unit, source) for PCAF "
                                    "options 3a/3b/2b; greenkit ships none."),
    parameter_set: str = typer.Option("cn-gbt32150", "--parameter-set",
                                      help="Fuels parameter set (fuels.csv)."),
    amount_unit: str | None = typer.Option(None, "--amount-unit",
                                           help="Unit of amounts whose header has none (万元…)."),
    columns: str | None = typer.Option(None, "--columns", help="Rename headers: 'src=field,…'."),
    sheet: str | None = typer.Option(None, "--sheet", help="Worksheet of an XLSX input."),
    factors: Path | None = FACTORS_OPT,
) -> None:
    """Financed emissions (PCAF Part A 2nd ed.) with data-quality scores.

    Exit 1 when input rows were rejected by validation (see financed_findings.csv).
    """
    from greenkit.carbon.pcaf import FinancedOptions, write_financed
    from greenkit.carbon.pcaf import financed as run

    opts = FinancedOptions(year=year, series=series, intensities=intensities,
                           parameter_set=parameter_set, amount_unit=amount_unit,
                           renames=parse_column_renames(columns), sheet=sheet, factors=factors)
    result = run(loans, opts)
    paths = write_financed(result, output)
    s = result.summary
    show = result.by_asset_class[["asset_class", "rows", "computed", "outstanding",
                                  "financed_scope12_tco2e", "weighted_data_quality",
                                  "economic_intensity_tco2e_per_million_cny"]].copy()
    show["outstanding"] = (show["outstanding"] / 1e4).round(2)
    emit(show.rename(columns={"outstanding": "outstanding (万)"}).round(2), Format.table,
         title="融资排放 financed emissions (PCAF)")
    say(f"financed Scope 1+2 {_fmt(s['totals']['financed_scope12_tco2e'])} tCO2e · Scope 3 "
        f"{_fmt(s['totals']['financed_scope3_tco2e'])} tCO2e · weighted data quality "
        f"{_fmt(s['weighted_data_quality'], 2)} · intensity "
        f"{_fmt(s['economic_intensity']['value'], 2)} tCO2e/百万元 · WACI "
        f"{_fmt(s['waci']['value'], 1)} · insufficient_data {s['insufficient_data']}")
    _paths(paths)
    if s["input"]["rejected"]:
        raise typer.Exit(1)


@app.command()
def company(
    activity: Path = typer.Argument(..., help="Activity data: YAML (see "
                                    "samples/company_activity.yaml) or XLSX with one sheet per "
                                    "section."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder."),
    gwp: str | None = typer.Option(None, "--gwp", help="GWP set AR4|AR5|AR6 (default: the "
                                   "file's, else AR5)."),
    parameter_set: str | None = typer.Option(None, "--parameter-set",
                                             help="Default fuels parameter set."),
    year: int | None = typer.Option(None, "--year", help="Reporting year (default: the "
                                    "file's company.reporting_year)."),
    series: str = SERIES_OPT,
    factors: Path | None = FACTORS_OPT,
) -> None:
    """A company's Scope 1, 2 (location- and market-based) and 3 emissions."""
    from greenkit.carbon.footprint import FootprintOptions, footprint, write_footprint

    result = footprint(activity, FootprintOptions(gwp_set=gwp, parameter_set=parameter_set,
                                                  year=year, series=series, factors=factors))
    paths = write_footprint(result, output)
    t = result.summary["totals"]
    frame = pd.DataFrame([
        {"scope": "Scope 1", "tCO2e": t["scope1_tco2e"]},
        {"scope": "Scope 2 location-based", "tCO2e": t["scope2_location_tco2e"]},
        {"scope": "Scope 2 market-based", "tCO2e": t["scope2_market_tco2e"]},
        {"scope": "Scope 3 (categories with data)", "tCO2e": t["scope3_tco2e"]},
    ])
    emit(frame.round(1), Format.table, title=f"{result.summary['company'].get('name', '')} · "
                                             f"{result.summary['reporting_year']} · "
                                             f"{result.summary['gwp_set']}")
    if result.summary["insufficient_data"]:
        say(f"insufficient_data: {len(result.summary['insufficient_data'])} line(s) — see "
            "company_footprint.csv")
    _paths(paths)


@app.command()
def cerf(
    tagged_dir: Path = typer.Argument(..., help="Folder written by `greenkit tag`."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder."),
    taxonomy: str = typer.Option("in-force", "--taxonomy", "-t", help="Tag columns to use."),
    reductions_csv: Path | None = typer.Option(None, "--reductions",
                                               help="reductions.csv from `greenkit carbon "
                                                    "reductions` (default: computed now)."),
    rules: Path | None = typer.Option(None, "--rules", help="Your eligibility rules (YAML, "
                                      "format of greenkit/carbon/cerf.yaml)."),
    year: int | None = typer.Option(None, "--year", help="Reporting year for grid factors."),
) -> None:
    """碳减排支持工具 disclosure: per quarter, projects, amount, weighted rate, CO2e driven."""
    from greenkit.carbon.cerf import CerfOptions, write_cerf
    from greenkit.carbon.cerf import cerf as run

    result = run(tagged_dir, CerfOptions(taxonomy=taxonomy, reductions=reductions_csv,
                                         rules=rules, year=year))
    paths = write_cerf(result, output)
    emit(result.table.round(2), Format.table, title="碳减排支持工具 disclosure")
    _paths(paths)


@app.command()
def factors(
    region: str | None = typer.Option(None, "--region", help="Region as written in a book "
                                      "(福建, 厦门市, 福建省泉州市, 华东 …)."),
    year: int | None = typer.Option(None, "--year", help="Reporting year."),
    series: str | None = typer.Option(None, "--series", help="One electricity series "
                                      "(default: all)."),
    fuel: str | None = typer.Option(None, "--fuel", help="A fuel (diesel, 柴油, natural_gas …)."),
    unit: str = typer.Option("t", "--unit", help="Unit of one fuel quantity for --fuel."),
    parameter_set: str | None = typer.Option(None, "--parameter-set",
                                             help="Fuels parameter set (default: all)."),
    gwp: str = typer.Option("AR5", "--gwp", help="GWP set for CH4/N2O."),
    table: str | None = typer.Option(None, "--table", help="Print one whole table: electricity, "
                                     "regions, fuels, gwp, other, sector_intensity."),
    fmt: Format = FORMAT_OPT,
    factors_dir: Path | None = FACTORS_OPT,
) -> None:
    """Show which factor greenkit will use (and why), or list the factor tables."""
    from greenkit.carbon.factors import (
        SERIES,
        electricity_factors,
        fuel_emissions,
        load_factors,
        tce_to_co2,
    )

    fs = load_factors(factors_dir)
    if table:
        frames = {"electricity": fs.electricity, "regions": fs.regions, "fuels": fs.fuels,
                  "gwp": fs.gwp, "other": fs.other, "sector_intensity": fs.sector_intensity}
        if table not in frames:
            raise typer.BadParameter(f"--table must be one of {', '.join(frames)}")
        emit(frames[table], fmt, title=f"{fs.path / (table + '.csv')}")
        return
    if region is not None or year is not None:
        if year is None:
            raise typer.BadParameter("--year is needed with --region")
        rows = []
        for s in ([series] if series else SERIES):
            look = electricity_factors(pd.Series([region or ""]), year, series=s, fs=fs)
            rows.append(look.iloc[0].to_dict())
        frame = pd.DataFrame(rows)[["factor_series", "factor_region_input", "factor_region",
                                    "factor_region_level", "factor_year", "factor_value",
                                    "factor_unit", "factor_fallback", "factor_document",
                                    "factor_verified", "factor_status"]]
        if fmt == Format.table:  # the document is long; json/csv keep it
            frame = frame.drop(columns=["factor_region_input", "factor_document"])
        emit(frame, fmt, title=f"electricity factor for {region!r}, reporting year {year}")
        if not fuel:
            return
    if fuel:
        sets = [parameter_set] if parameter_set else list(fs.parameter_sets)
        rows = []
        for p in sets:
            em = fuel_emissions(pd.Series([fuel]), pd.Series([1.0]), unit, parameter_set=p,
                                gwp_set=gwp, fs=fs, where="--fuel")
            r = em.iloc[0].to_dict()
            r["per"] = f"1 {unit}"
            rows.append(r)
        frame = pd.DataFrame(rows)
        if fmt == Format.table:
            frame = frame[["fuel_id", "parameter_set", "per", "co2_t", "ch4_t", "n2o_t", "co2e_t",
                           "energy_gj", "fuel_verified", "fuel_status"]].round(6)
        emit(frame, fmt, title=f"combustion factors for {fuel!r} (gwp {gwp})")
        return
    counts = pd.DataFrame(fs.table_counts())
    counts["documents"] = counts["documents"].map(lambda d: "; ".join(d[:3]) +
                                                  (" …" if len(d) > 3 else ""))
    k = tce_to_co2(fs)
    emit(counts, fmt, title=f"factor tables in {fs.path}",
         json_obj={"tables": fs.table_counts(), "tce_to_co2": k})
    if fmt == Format.table:
        say(f"energy saving: {k['value']:.4f} {k['unit']} ({k['basis']}; greenkit method)")
