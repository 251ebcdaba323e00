"""A company's Scope 1, 2 and 3 emissions from its activity data.

Input: a YAML file (or an XLSX workbook with one sheet per section) with the
company, its fuels, refrigerant and other fugitive gases, electricity by
province and year, purchased heat, green-power contracts and green
certificates, and Scope 3 categories. Every line of the result names its
factor, the factor's source, the parameter set and the GWP set; a line whose
data is incomplete is ``insufficient_data`` with the missing fields.

- Scope 1: fuel quantity × NCV × carbon content × oxidation × 44/12 (fuels.csv,
  parameter set named on the line); CH4 and N2O only where the parameter set
  has factors, with the chosen GWP set (default AR5: PCAF Part A 2nd ed. 6
  asks for AR5 values as published by the GHG Protocol or the latest IPCC
  report); fugitive gases × GWP100.
- Scope 2 location-based: electricity × the MEE/NBS factor of its province
  and year (province → grid → national; latest data year ≤ the year);
  purchased heat × its supplier's factor, else the GB/T 32150—2025 default.
- Scope 2 market-based (only when green certificates or green-power contracts
  are given): greenkit's method, following the GHG Protocol Scope 2 market
  logic — certified green electricity (1 certificate = 1 MWh, 发改能源〔2023〕
  1044号) counts at 0; the remaining electricity uses the national factor that
  excludes market-traded non-fossil electricity (MEE/NBS 附件表4) as a
  residual mix. That use of the table-4 factor is greenkit's reading; the
  announcements only say the factors are for reference when accounting for
  electricity consumption.
- Scope 3: by category where data is given — fuel or electricity used on the
  company's behalf (factors as above), or activity × a user-supplied factor
  with its source (spend- or activity-based). greenkit ships no Scope 3
  factors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pint

from greenkit.carbon.common import INSUFFICIENT, OK, num, provenance, text
from greenkit.carbon.factors import (
    DEFAULT_SERIES,
    electricity_coefficient,
    electricity_factors,
    fuel_emissions,
    load_factors,
)
from greenkit.errors import ConfigError, InputError, InputFileNotFound, UnitError
from greenkit.io import read_table, write_csv, write_json
from greenkit.io.read import file_sha256
from greenkit.io.yamlfile import read_yaml
from greenkit.units import parse_unit

SECTIONS = ("fuels", "fugitive", "electricity", "heat", "green_certificates", "green_power",
            "scope3")
LINE_COLUMNS = ["scope", "category", "section", "line", "description", "quantity", "unit",
                "method", "status", "missing", "co2_t", "ch4_t", "n2o_t", "tco2e",
                "tco2e_market", "factor_value", "factor_unit", "factor_source", "factor_verified",
                "parameter_set", "gwp_set", "region", "year", "factor_fallback", "note"]
RESIDUAL_SERIES = "mee-national-excl-market-nonfossil"
SCOPE3_CATEGORIES = {
    1: "外购商品和服务", 2: "资本货物", 3: "燃料和能源相关活动", 4: "上游运输和配送",
    5: "运营中产生的废弃物", 6: "商务差旅", 7: "员工通勤", 8: "上游租赁资产",
    9: "下游运输和配送", 10: "售出产品的加工", 11: "售出产品的使用", 12: "售出产品的报废处理",
    13: "下游租赁资产", 14: "特许经营", 15: "投资"}


@dataclass
class FootprintOptions:
    gwp_set: str | None = None
    parameter_set: str | None = None
    year: int | None = None
    series: str = DEFAULT_SERIES
    factors: str | Path | None = None


@dataclass
class FootprintResult:
    lines: pd.DataFrame
    summary: dict


# --------------------------------------------------------------------------- reading


def read_activity(path: str | Path) -> tuple[dict, dict[str, pd.DataFrame]]:
    """(company dict, section frames) from YAML or XLSX."""
    p = Path(path)
    if not p.exists():
        raise InputFileNotFound(f"{p} does not exist", path=p)
    if p.suffix.lower() in (".yaml", ".yml"):
        doc = read_yaml(p, ConfigError, expect=object) or {}
        if not isinstance(doc, dict):
            raise InputError("expected a mapping with company, fuels, electricity, …", path=p)
        company = doc.get("company") or {}
        frames = {}
        for s in SECTIONS:
            items = doc.get(s) or []
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise InputError(f"section {s!r} must be a list of mappings", path=p)
            df = pd.DataFrame(items)
            df["line"] = [f"{s}[{i}]" for i in range(len(df))]
            frames[s] = df
        unknown = set(doc) - {"company", *SECTIONS}
        if unknown:
            raise InputError(f"unknown section(s): {', '.join(sorted(unknown))}; expected "
                             f"company, {', '.join(SECTIONS)}", path=p)
        return company, frames
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        names = load_workbook(p, read_only=True).sheetnames
        frames = {}
        for s in SECTIONS:
            if s in names:
                df = read_table(p, sheet=s).frame.replace("", np.nan)
                df["line"] = s + " row " + df["_row"].astype(str)
                frames[s] = df.drop(columns="_row")
            else:
                frames[s] = pd.DataFrame({"line": pd.Series(dtype=str)})
        company = {}
        if "company" in names:
            kv = read_table(p, sheet="company").frame
            if {"key", "value"} <= set(kv.columns):
                company = dict(zip(kv["key"], kv["value"], strict=True))
        return company, frames
    raise InputError("activity data must be .yaml or .xlsx", path=p)


# --------------------------------------------------------------------------- sections


def _empty(section: str, scope: str) -> pd.DataFrame:
    return pd.DataFrame(columns=LINE_COLUMNS).assign(section=section, scope=scope)


def _base(df: pd.DataFrame, section: str, scope: str, category: str = "") -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    out["scope"], out["category"], out["section"] = scope, category, section
    out["line"] = df["line"]
    out["description"] = text(df, "description").where(text(df, "description") != "",
                                                       text(df, "source"))
    out["quantity"] = num(df, "quantity")
    out["unit"] = text(df, "unit")
    for c in ("co2_t", "ch4_t", "n2o_t", "tco2e", "tco2e_market", "factor_value"):
        out[c] = np.nan
    for c in ("method", "missing", "factor_unit", "factor_source", "parameter_set", "gwp_set",
              "region", "factor_fallback", "note"):
        out[c] = ""
    out["status"] = INSUFFICIENT
    out["factor_verified"] = False
    out["year"] = pd.NA
    return out


def _missing(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    from greenkit.carbon.common import missing_list

    return missing_list(df, cols)


def _fuels(df: pd.DataFrame, ctx: dict, where: str, scope: str = "1", category: str = "",
           section: str = "fuels") -> pd.DataFrame:
    out = _base(df, section, scope, category)
    out["method"] = "fuel combustion: quantity × NCV × carbon content × oxidation × 44/12"
    out["missing"] = _missing(df, ["fuel", "quantity", "unit"])
    pset = text(df, "parameter_set").where(text(df, "parameter_set") != "", ctx["parameter_set"])
    out["parameter_set"] = pset
    out["gwp_set"] = ctx["gwp_set"]
    rows = out["missing"] == ""
    if rows.any():
        em = fuel_emissions(text(df, "fuel")[rows], num(df, "quantity")[rows],
                            text(df, "unit")[rows], parameter_set=pset[rows], gwp_set=ctx["gwp_set"],
                            fs=ctx["fs"], where=f"{where} {section}")
        ok = em["fuel_status"] == "ok"
        for c in ("co2_t", "ch4_t", "n2o_t"):
            out.loc[em.index, c] = em[c]
        out.loc[em.index, "tco2e"] = em["co2e_t"].where(ok)
        out.loc[em.index, "factor_value"] = (em["co2e_t"] / num(df, "quantity")[rows]).where(ok)
        out.loc[em.index, "factor_unit"] = "tCO2e/" + text(df, "unit")[rows]
        out.loc[em.index, "factor_source"] = em["fuel_document"]
        out.loc[em.index, "factor_verified"] = em["fuel_verified"]
        out.loc[em.index, "note"] = em["non_co2"]
        bad = em.index[~ok.to_numpy()]
        out.loc[bad, "missing"] = "fuel (" + em.loc[bad, "fuel_status"] + " in " + \
            pset[bad] + ")"
        out.loc[em.index[ok.to_numpy()], "status"] = OK
    return out


def _fugitive(df: pd.DataFrame, ctx: dict, where: str) -> pd.DataFrame:
    out = _base(df, "fugitive", "1")
    out["method"] = "fugitive release: mass × GWP100"
    out["gwp_set"] = ctx["gwp_set"]
    out["missing"] = _missing(df, ["gas", "quantity", "unit"])
    gwp = ctx["fs"].gwp_values(ctx["gwp_set"])
    gas = text(df, "gas").str.strip()
    value = gas.map(gwp)
    to_t = text(df, "unit").map({u: _mass_to_t(u, f"{where} fugitive unit") for u in
                                 text(df, "unit")[out["missing"] == ""].unique()})
    t = num(df, "quantity") * to_t
    out["tco2e"] = (t * value).where(out["missing"] == "")
    out["factor_value"] = value
    out["factor_unit"] = "tCO2e/t (GWP100)"
    out["factor_source"] = "gwp.csv " + ctx["gwp_set"]
    unknown = (out["missing"] == "") & value.isna()
    out.loc[unknown, "missing"] = "gas (not in gwp.csv " + ctx["gwp_set"] + ")"
    out.loc[out["tco2e"].notna(), "status"] = OK
    return out


def _mass_to_t(unit: str, where: str) -> float:
    try:
        return float((parse_unit(unit, where) / parse_unit("t")).to("dimensionless"))
    except pint.DimensionalityError as exc:
        raise UnitError(f"{where}: {unit!r} is not a mass", unit=unit) from exc


def _electricity(df: pd.DataFrame, ctx: dict, where: str, scope: str = "2", category: str = "",
                 section: str = "electricity") -> pd.DataFrame:
    out = _base(df, section, scope, category)
    out["method"] = f"location-based: MWh × grid factor ({ctx['series']})"
    out["missing"] = _missing(df, ["quantity", "unit"])
    units = text(df, "unit")
    coef = units.map({u: electricity_coefficient(u, f"{where} {section} unit") for u in
                      units[out["missing"] == ""].unique()})
    mwh = num(df, "quantity") * coef
    region = text(df, "region").where(text(df, "region") != "", ctx["region"])
    year = num(df, "year").fillna(ctx["year"])
    out["region"], out["year"] = region, year.astype("Int64")
    rows = mwh.notna()
    if rows.any():
        ef = electricity_factors(region[rows], year[rows], series=ctx["series"], fs=ctx["fs"])
        out.loc[rows, "factor_value"] = ef["factor_value"]
        out.loc[rows, "factor_unit"] = ef["factor_unit"]
        out.loc[rows, "factor_source"] = ef["factor_document"]
        out.loc[rows, "factor_verified"] = ef["factor_verified"]
        out.loc[rows, "factor_fallback"] = (ef["factor_region"] + " " + ef["factor_year"].astype(
            "string").fillna("") + ": " + ef["factor_fallback"])
        out.loc[rows, "tco2e"] = mwh[rows] * ef["factor_value"]
        gap = rows & out["tco2e"].isna()
        out.loc[gap, "missing"] = "electricity factor for a data year ≤ the line's year"
    out["co2_t"] = out["tco2e"]
    out["mwh"] = mwh
    out.loc[out["tco2e"].notna(), "status"] = OK
    return out


def _heat(df: pd.DataFrame, ctx: dict, where: str) -> pd.DataFrame:
    out = _base(df, "heat", "2")
    out["method"] = "purchased heat: GJ × supplier factor, else GB/T 32150—2025 default"
    out["missing"] = _missing(df, ["quantity", "unit"])
    gj = num(df, "quantity") * text(df, "unit").map(
        {u: _to(u, "GJ", f"{where} heat unit") for u in text(df, "unit")[out["missing"] == ""]
         .unique()})
    own = num(df, "factor")
    own_unit = text(df, "factor_unit")
    own_k = own_unit.map({u: _to(u, "tCO2/GJ", f"{where} heat factor_unit") for u in
                          own_unit[own.notna()].unique()})
    default = ctx["fs"].other_factor("purchased_heat_default")
    k = (own * own_k).where(own.notna(), default["value"])
    out["factor_value"] = k
    out["factor_unit"] = "tCO2/GJ"
    out["factor_source"] = text(df, "factor_source").where(own.notna(), default["document"])
    out["factor_verified"] = own.isna() & bool(default["verified"])
    out["tco2e"] = gj * k
    out["co2_t"] = out["tco2e"]
    out["tco2e_market"] = out["tco2e"]
    out.loc[own.notna() & (text(df, "factor_source") == ""), "missing"] = "factor_source"
    ok = out["tco2e"].notna() & (out["missing"] == "")
    out.loc[ok, "status"] = OK
    out.loc[~ok, "tco2e"] = np.nan
    return out


def _to(unit: str, target: str, where: str) -> float:
    try:
        return float((parse_unit(unit, where) / parse_unit(target)).to("dimensionless"))
    except pint.DimensionalityError as exc:
        raise UnitError(f"{where}: {unit!r} cannot be converted to {target}", unit=unit) from exc


def _market(elec: pd.DataFrame, certs: pd.DataFrame, green: pd.DataFrame, ctx: dict,
            where: str) -> tuple[pd.DataFrame, dict]:
    """Market-based Scope 2 lines (greenkit's method, see module doc)."""
    info = {"computed": False, "reason": "no green certificates or green-power contracts given"}
    if certs.empty and green.empty:
        return pd.DataFrame(columns=LINE_COLUMNS), info
    fs = ctx["fs"]
    per_cert = float(fs.other_quantity("green_certificate_energy").to("MWh").magnitude)
    cert_mwh = num(certs, "count") * per_cert
    gunits = text(green, "unit")
    green_mwh = num(green, "quantity") * gunits.map(
        {u: electricity_coefficient(u, f"{where} green_power unit") for u in
         gunits[gunits != ""].unique()}).astype("float64")
    total = float(elec["mwh"].sum(min_count=1)) if "mwh" in elec else np.nan
    claimed = float(cert_mwh.sum()) + float(green_mwh.sum())
    zero = min(claimed, total) if total == total else claimed
    resid = pd.Series(["全国"])  # the residual (table-4) factor exists only nationally
    ef = electricity_factors(resid, ctx["year"], series=RESIDUAL_SERIES, fs=fs).iloc[0]
    rows = []
    base = {"scope": "2", "category": "market-based", "gwp_set": "", "parameter_set": "",
            "ch4_t": np.nan, "n2o_t": np.nan, "tco2e": np.nan, "status": OK, "missing": "",
            "region": "", "year": ctx["year"], "note": ""}
    rows.append({**base, "section": "green_electricity", "line": "market[0]",
                 "description": "green certificates and green-power contracts (counted at 0)",
                 "quantity": zero, "unit": "MWh", "method": "certified renewable electricity",
                 "co2_t": 0.0, "tco2e_market": 0.0, "factor_value": 0.0,
                 "factor_unit": "tCO2/MWh",
                 "factor_source": fs.other_factor("green_certificate_energy")["document"],
                 "factor_verified": True, "factor_fallback": "",
                 "note": f"{len(certs)} certificate line(s) at {per_cert:g} MWh each, "
                         f"{len(green)} contract line(s)"})
    residual = total - zero if total == total else np.nan
    rows.append({**base, "section": "residual_electricity", "line": "market[1]",
                 "description": "electricity not covered by certificates or contracts",
                 "quantity": residual, "unit": "MWh",
                 "method": f"residual × {RESIDUAL_SERIES} (greenkit's reading of 附件表4)",
                 "co2_t": residual * ef["factor_value"],
                 "tco2e_market": residual * ef["factor_value"],
                 "factor_value": ef["factor_value"], "factor_unit": ef["factor_unit"],
                 "factor_source": ef["factor_document"],
                 "factor_verified": bool(ef["factor_verified"]),
                 "factor_fallback": f"{ef['factor_region']} {ef['factor_year']}: "
                                    f"{ef['factor_fallback']}"})
    info = {"computed": True, "green_mwh_claimed": claimed, "green_mwh_used": zero,
            "total_electricity_mwh": total, "residual_factor_series": RESIDUAL_SERIES,
            "residual_factor": float(ef["factor_value"]), "residual_factor_year":
            int(ef["factor_year"]) if pd.notna(ef["factor_year"]) else None,
            "capped": bool(claimed > total) if total == total else False,
            "method": "greenkit's method (see greenkit/carbon/footprint.py)"}
    return pd.DataFrame(rows, columns=LINE_COLUMNS), info


def _scope3(df: pd.DataFrame, ctx: dict, where: str) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=LINE_COLUMNS)
    kind = text(df, "type").str.lower()
    cat = num(df, "category")
    label = cat.astype("Int64").astype("string").fillna("?") + " " + \
        cat.map(SCOPE3_CATEGORIES).fillna("")
    parts = []
    fuel = kind == "fuel"
    if fuel.any():
        parts.append(_fuels(df[fuel], ctx, where, scope="3", section="scope3"))
    elec = kind == "electricity"
    if elec.any():
        e = _electricity(df[elec], ctx, where, scope="3", section="scope3")
        parts.append(e.drop(columns="mwh"))
    other = ~fuel & ~elec
    if other.any():
        parts.append(_factor_lines(df[other], ctx, where))
    out = pd.concat(parts)
    out = out.reindex(df.index)
    out["category"] = label
    bad_cat = ~cat.between(1, 15)
    out.loc[bad_cat, "missing"] = _join(out.loc[bad_cat, "missing"], "category (1-15)")
    out.loc[bad_cat, ["status", "tco2e"]] = [INSUFFICIENT, np.nan]
    return out


def _join(a: pd.Series, b: str) -> pd.Series:
    return (a.astype("string").fillna("") + ";" + b).str.strip(";")


def _factor_lines(df: pd.DataFrame, ctx: dict, where: str) -> pd.DataFrame:
    """activity × user factor (spend- or activity-based), each factor with its source."""
    out = _base(df, "scope3", "3")
    out["method"] = text(df, "type").where(text(df, "type") != "", "activity") + \
        "-based: activity × user-supplied factor"
    out["missing"] = _missing(df, ["quantity", "unit", "factor", "factor_unit",
                                   "factor_source"])
    rows = out["missing"] == ""
    units = pd.DataFrame({"unit": text(df, "unit"), "factor_unit": text(df, "factor_unit")},
                         index=df.index)
    pairs = units[rows].drop_duplicates()
    k = {}
    for u, fu in pairs.itertuples(index=False):
        w = f"{where} scope3 (unit {u!r}, factor_unit {fu!r})"
        try:
            k[(u, fu)] = float((parse_unit(u, w) * parse_unit(fu, w)).to("tCO2e").magnitude)
        except pint.DimensionalityError as exc:
            raise UnitError(f"{w}: activity × factor is not an emission "
                            f"({(parse_unit(u) * parse_unit(fu)).dimensionality})",
                            unit=fu) from exc
    table = pd.DataFrame([(u, fu, v) for (u, fu), v in k.items()],
                         columns=["unit", "factor_unit", "_k"])
    coef = units.merge(table, on=["unit", "factor_unit"], how="left")["_k"]
    coef.index = df.index
    out["factor_value"] = num(df, "factor")
    out["factor_unit"] = text(df, "factor_unit")
    out["factor_source"] = text(df, "factor_source")
    out["tco2e"] = (num(df, "quantity") * num(df, "factor") * coef).where(rows)
    out.loc[out["tco2e"].notna(), "status"] = OK
    out.loc[~rows, "note"] = "greenkit ships no Scope 3 factors: give factor, factor_unit and " \
                             "factor_source"
    return out


# --------------------------------------------------------------------------- driver


def footprint(path: str | Path, opts: FootprintOptions | None = None) -> FootprintResult:
    """Python API of ``greenkit carbon company``."""
    opts = opts or FootprintOptions()
    fs = load_factors(opts.factors)
    company, frames = read_activity(path)
    year = opts.year or company.get("reporting_year")
    if year is None:
        raise InputError("the reporting year is needed for the electricity factors: set "
                         "company.reporting_year or pass --year", path=path)
    gwp_set = opts.gwp_set or company.get("gwp_set") or "AR5"
    ctx = {"fs": fs, "year": int(year), "series": opts.series, "gwp_set": str(gwp_set),
           "parameter_set": opts.parameter_set or company.get("parameter_set") or "cn-gbt32150",
           "region": str(company.get("region") or "")}
    fs.gwp_values(ctx["gwp_set"])  # unknown set → clear error
    where = str(path)
    elec = _electricity(frames["electricity"], ctx, where) if len(frames["electricity"]) else \
        pd.DataFrame(columns=[*LINE_COLUMNS, "mwh"])
    parts = [
        _fuels(frames["fuels"], ctx, where) if len(frames["fuels"]) else None,
        _fugitive(frames["fugitive"], ctx, where) if len(frames["fugitive"]) else None,
        elec.drop(columns="mwh"),
        _heat(frames["heat"], ctx, where) if len(frames["heat"]) else None,
    ]
    market, market_info = _market(elec, frames["green_certificates"], frames["green_power"],
                                  ctx, where)
    parts += [market, _scope3(frames["scope3"], ctx, where)]
    lines = pd.concat([p for p in parts if p is not None and len(p)], ignore_index=True)
    lines = lines.reindex(columns=LINE_COLUMNS)
    for c in ("quantity", "co2_t", "ch4_t", "n2o_t", "tco2e", "tco2e_market", "factor_value"):
        lines[c] = pd.to_numeric(lines[c], errors="coerce").astype("float64")
    lines["gwp_set"] = lines["gwp_set"].replace("", np.nan).fillna(
        lines["scope"].map({"1": ctx["gwp_set"]})).fillna("")
    summary = _summary(lines, company, ctx, market_info, path, fs)
    return FootprintResult(lines=lines, summary=summary)


def _summary(lines: pd.DataFrame, company: dict, ctx: dict, market_info: dict, path, fs
             ) -> dict:
    ok = lines["status"] == OK
    loc = lines["category"] != "market-based"

    def total(mask) -> float | None:
        v = lines.loc[mask & ok, "tco2e"]
        return float(v.sum()) if len(v) else None

    s2_loc = total((lines["scope"] == "2") & loc)
    market = None
    if market_info.get("computed"):
        heat = lines.loc[(lines["section"] == "heat") & ok, "tco2e"].sum()
        market = float(lines.loc[lines["category"] == "market-based", "tco2e_market"].sum()
                       + heat)
    s3 = lines[(lines["scope"] == "3") & ok].groupby("category")["tco2e"].sum()
    return provenance(
        company={k: (str(v) if v is not None else None) for k, v in company.items()},
        input={"path": str(path), "sha256": file_sha256(Path(path))},
        reporting_year=ctx["year"], gwp_set=ctx["gwp_set"], parameter_set=ctx["parameter_set"],
        electricity_series=ctx["series"],
        totals={"scope1_tco2e": total(lines["scope"] == "1"),
                "scope2_location_tco2e": s2_loc, "scope2_market_tco2e": market,
                "scope3_tco2e": total(lines["scope"] == "3"),
                "scope3_by_category": {str(k): float(v) for k, v in s3.items()},
                "unit": "tCO2e"},
        market_based=market_info,
        insufficient_data=lines.loc[lines["status"] == INSUFFICIENT,
                                    ["line", "missing"]].to_dict("records"),
        factor_tables=str(fs.path),
        notes=["CH4/N2O from combustion are included only where the parameter set has "
               "factors (see each line's note)",
               "totals add only lines with status ok; insufficient_data lines are listed, "
               "never counted as 0"])


def write_footprint(result: FootprintResult, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {"lines": write_csv(result.lines, out / "company_footprint.csv"),
            "summary": write_json(result.summary, out / "company_summary.json")}
