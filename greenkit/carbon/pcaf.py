"""Financed emissions under PCAF Part A (2nd ed., December 2022).

Attribution factor × emissions, per row, with the data-quality score of the
option used (PCAF Tables 5-3, 5-7, 5-10, 5-14, 5-15, 5-16), then totals by
asset class and sector, the outstanding-weighted data-quality score (Box 8),
the economic emission intensity (tCO2e per 百万元 lent) and WACI
(tCO2e per 百万元 revenue). Everything is column operations.

Options greenkit implements (rows that fit none are ``insufficient_data``
with the missing fields, never 0):

- corporate (listed equity, corporate bonds, business loans, unlisted equity,
  project finance): 1a verified reported Scope 1+2 → score 1; 1b unverified
  → 2; 2a energy use × MEE/NBS grid and fuel factors → 2; 3a revenue × a
  user-supplied sector intensity per revenue → 4; 3b outstanding × a
  user-supplied sector intensity per asset → 5. Option 2b (production data)
  and 3c (asset turnover) are not implemented.
- buildings (commercial real estate, mortgages): metered energy use with
  average factors (1b) → 2, and reported building emissions are scored 2 as
  well (greenkit cannot tell that supplier-specific factors were used, which
  1a requires); floor area × a user-supplied intensity per m2 (2b) → 4.
- motor vehicle loans: actual fuel / electricity consumption (1a) → 1.
  Distance-based options need statistics greenkit does not ship.

Sector-average intensities (options 3a, 3b, 2b) have no published Chinese
source (``taxonomies/factors/sector_intensity.csv`` is header-only), so they
come only from a user file (``--intensities``), each row with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.carbon.common import INSUFFICIENT, OK, mag, num, present, provenance, q, text
from greenkit.carbon.factors import (
    DEFAULT_SERIES,
    FactorSet,
    electricity_coefficient,
    electricity_factors,
    fuel_emissions,
    load_factors,
)
from greenkit.errors import FINDING_COLUMNS, InputError, UnitError, empty_findings
from greenkit.io import ROW, read_table, write_csv, write_json
from greenkit.units import parse_unit

CORPORATE = ("business_loan", "unlisted_equity", "listed_equity", "corporate_bond",
             "project_finance")
BUILDINGS = ("commercial_real_estate", "mortgage")
VEHICLES = ("motor_vehicle_loan",)
ASSET_CLASSES = (*CORPORATE, *BUILDINGS, *VEHICLES)
#: Energy columns of the financed table and how each becomes emissions.
FUEL_COLUMNS = {"coal_use": ("raw_coal", "t"), "natural_gas_use": ("natural_gas", "m**3"),
                "diesel_use": ("diesel", "t"), "gasoline_use": ("gasoline", "t")}
ENERGY_COLUMNS = ("electricity_use", *FUEL_COLUMNS)
PCAF_TABLES = {"listed_equity": "Table 5-3", "corporate_bond": "Table 5-3",
               "business_loan": "Table 5-7", "unlisted_equity": "Table 5-7",
               "project_finance": "Table 5-10", "commercial_real_estate": "Table 5-14",
               "mortgage": "Table 5-15", "motor_vehicle_loan": "Table 5-16"}
MILLION = 1e6  # 百万元 in 元
RESULT_COLUMNS = [
    "loan_id", ROW, "borrower_name", "asset_class", "sector", "industry_code", "region",
    "currency", "outstanding", "attribution_basis", "attribution_denominator",
    "attribution_factor", "pcaf_option", "data_quality", "pcaf_table", "status", "missing",
    "scope1_tco2e", "scope2_tco2e", "scope12_tco2e", "scope3_tco2e",
    "financed_scope1_tco2e", "financed_scope2_tco2e", "financed_scope12_tco2e",
    "financed_scope3_tco2e", "data_quality_scope3", "revenue", "emission_basis",
    "intensity_value", "intensity_unit", "intensity_source", "factor_series", "factor_region",
    "factor_year", "factor_value", "factor_fallback", "parameter_set", "flags",
]


@dataclass
class FinancedOptions:
    year: int | None = None
    series: str = DEFAULT_SERIES
    intensities: str | Path | None = None
    parameter_set: str = "cn-gbt32150"
    amount_unit: str | None = None
    renames: dict[str, str] | None = None
    sheet: str | None = None
    factors: str | Path | None = None


@dataclass
class FinancedResult:
    rows: pd.DataFrame
    by_asset_class: pd.DataFrame
    by_sector: pd.DataFrame
    summary: dict
    findings: pd.DataFrame = field(default_factory=empty_findings)
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)


# --------------------------------------------------------------------------- intensities

INTENSITY_COLUMNS = ("sector_code", "basis", "value", "unit", "source")
BASIS_UNITS = {"revenue": "tCO2e/CNY", "assets": "tCO2e/CNY", "floor_area": "tCO2e/m**2"}


def read_intensities(path: str | Path | None) -> pd.DataFrame:
    """A user's sector intensities: sector_code, basis, value, unit, source (each row sourced).

    Values are converted to tCO2e per 元 (revenue, assets) or per m2 (floor area).
    """
    cols = ["sector_code", "basis", "value_canonical", "unit", "source", "value"]
    if path is None:
        return pd.DataFrame(columns=cols)
    raw = read_table(path).frame
    missing = [c for c in INTENSITY_COLUMNS if c not in raw]
    if missing:
        raise InputError(f"intensities file needs columns {', '.join(INTENSITY_COLUMNS)}; "
                         f"missing {', '.join(missing)}", path=path)
    df = raw[[*INTENSITY_COLUMNS, ROW]].copy()
    for c in INTENSITY_COLUMNS:
        df[c] = df[c].astype("string").str.strip().fillna("")
    bad = ~df["basis"].isin(list(BASIS_UNITS))
    if bad.any():
        r = df[bad].iloc[0]
        raise InputError(f"row {r[ROW]} column basis: {r['basis']!r} is not one of "
                         f"{', '.join(BASIS_UNITS)}", path=path)
    nosrc = df["source"] == ""
    if nosrc.any():
        raise InputError(f"row {df.loc[nosrc, ROW].iloc[0]} column source: every intensity "
                         "needs its source (document, table, year)", path=path)
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    if df["value"].isna().any():
        raise InputError(f"row {df.loc[df['value'].isna(), ROW].iloc[0]} column value: not a "
                         "number", path=path)
    factor = {}
    for (basis, unit), _ in df.groupby(["basis", "unit"]):
        where = f"{path} column unit ({basis})"
        try:
            factor[(basis, unit)] = float((parse_unit(unit, where)
                                           / parse_unit(BASIS_UNITS[basis])).to("dimensionless"))
        except Exception as exc:
            raise UnitError(f"{where}: {unit!r} is not convertible to {BASIS_UNITS[basis]}",
                            path=path, unit=unit) from exc
    # C30 and 30 both mean division 30; a bare section letter (C) stays a section
    df["sector_code"] = df["sector_code"].str.upper().str.replace(r"^[A-T](\d{2,4})$", r"\1",
                                                                   regex=True)
    keys = pd.MultiIndex.from_frame(df[["basis", "unit"]])
    df["value_canonical"] = df["value"] * pd.Series(keys.map(factor), index=df.index)
    return df[cols].drop_duplicates(["sector_code", "basis"], keep="first")


def _sector_keys(frame: pd.DataFrame) -> list[pd.Series]:
    """Candidate keys per row, most specific first: sector, code, group, division, section,
    asset class."""
    sector = text(frame, "sector").str.upper().str.strip()
    code = text(frame, "industry_code").str.replace(r"^[A-Za-z]", "", regex=True)
    section = text(frame, "industry_section")
    return [sector, code, code.str[:3], code.str[:2], section, text(frame, "asset_class")]


def _intensity(frame: pd.DataFrame, table: pd.DataFrame, basis: str) -> pd.DataFrame:
    out = pd.DataFrame({"value": np.nan, "unit": "", "source": "", "key": ""},
                       index=frame.index)
    sub = table[table["basis"] == basis]
    if sub.empty:
        return out
    look = sub.set_index(sub["sector_code"].str.upper())
    for keys in _sector_keys(frame):
        todo = out["value"].isna() & (keys != "")
        if not todo.any():
            continue
        k = keys[todo].str.upper()
        hit = k.isin(look.index)
        idx = k[hit].index
        out.loc[idx, "value"] = look.loc[k[hit], "value_canonical"].to_numpy()
        out.loc[idx, "unit"] = look.loc[k[hit], "unit"].to_numpy()
        out.loc[idx, "source"] = look.loc[k[hit], "source"].to_numpy()
        out.loc[idx, "key"] = k[hit].to_numpy()
    return out


# --------------------------------------------------------------------------- reading


def read_financed(path: str | Path, opts: FinancedOptions) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                    pd.DataFrame, dict]:
    """Validate the PCAF input table; returns (accepted, findings, rejected, input info)."""
    from greenkit.tag.industry import normalise_gbt
    from greenkit.validate import REJECTED, validate_table

    raw = read_table(path, sheet=opts.sheet)
    v = validate_table(raw, "financed", renames=opts.renames, amount_unit=opts.amount_unit)
    for m in v.matches:
        if m.field.name == "electricity_use" and m.unit:
            electricity_coefficient(m.unit, f"{raw.path} column {m.header!r}")
    frame = v.frame
    if "industry_code" in frame:
        norm = normalise_gbt(frame["industry_code"].astype("string"))
        frame["industry_code"] = pd.Series(norm["code"].fillna("").to_numpy(),
                                           index=frame.index, dtype="string")
        frame["industry_section"] = pd.Series(norm["section"].fillna("").to_numpy(),
                                              index=frame.index, dtype="string")
    rejected = frame[frame[REJECTED] != ""]
    info = {"path": raw.path, "sha256": raw.sha256, "format": raw.format,
            "encoding": raw.encoding, "read": int(len(frame)),
            "accepted": int((frame[REJECTED] == "").sum()), "rejected": int(len(rejected))}
    return frame[frame[REJECTED] == ""].copy(), v.findings, rejected, info


# --------------------------------------------------------------------------- computing


def _attribution(f: pd.DataFrame) -> pd.DataFrame:
    """Attribution factor per PCAF asset class (capped at 1, flagged)."""
    ac = text(f, "asset_class")
    out_amt = num(f, "outstanding")
    evic, ted, ta = num(f, "evic"), num(f, "total_equity_debt"), num(f, "total_assets")
    inv, pv, vv = num(f, "project_investment"), num(f, "property_value"), num(f, "vehicle_value")
    corp = ac.isin(["business_loan", "unlisted_equity", "listed_equity", "corporate_bond"])
    pf = ac == "project_finance"
    bld = ac.isin(list(BUILDINGS))
    veh = ac.isin(list(VEHICLES))
    conds = [corp & evic.gt(0), corp & ted.gt(0), corp & ta.gt(0),
             pf & ted.gt(0), pf & inv.gt(0), pf & ta.gt(0),
             bld & pv.gt(0), veh & vv.gt(0), veh]
    bases = ["outstanding/EVIC", "outstanding/(total equity + debt)",
             "outstanding/total assets (fallback: equity or debt unknown)",
             "outstanding/(project equity + debt)",
             "outstanding/total project investment (financing available at start)",
             "outstanding/project total assets (fallback)",
             "outstanding/property value at origination",
             "outstanding/vehicle value at origination",
             "100% (vehicle value unknown; PCAF 5.6)"]
    denoms = [evic, ted, ta, ted, inv, ta, pv, vv, pd.Series(np.nan, index=f.index)]
    basis = pd.Series(np.select(conds, bases, default=""), index=f.index)
    denom = pd.Series(np.select(conds, [d.to_numpy() for d in denoms], default=np.nan),
                      index=f.index)
    factor = out_amt / denom
    factor = factor.where(basis != bases[-1], 1.0)
    flags = pd.Series("", index=f.index, dtype="string")
    over = factor > 1
    flags[over] = "attribution_factor_gt_1_capped"
    flags[basis.str.contains("fallback")] = "total_assets_fallback"
    flags[basis == bases[-1]] = "vehicle_value_unknown_100pct"
    missing = pd.Series(np.select(
        [corp & (basis == ""), pf & (basis == ""), bld & (basis == "")],
        ["evic|total_equity_debt|total_assets",
         "total_equity_debt|project_investment|total_assets", "property_value"], default=""),
        index=f.index)
    return pd.DataFrame({"attribution_basis": basis, "attribution_denominator": denom,
                         "attribution_factor": factor.clip(upper=1.0), "flags": flags,
                         "attr_missing": missing}, index=f.index)


def _energy_emissions(f: pd.DataFrame, opts: FinancedOptions, fs: FactorSet, year: int | None
                      ) -> pd.DataFrame:
    """Scope 1 (fuels) and Scope 2 (electricity × grid factor) from energy columns."""
    has = pd.DataFrame({c: present(f, c) for c in ENERGY_COLUMNS}, index=f.index)
    any_energy = has.any(axis=1)
    s1 = pd.Series(0.0, index=f.index).where(any_energy)
    for col, (fuel, unit) in FUEL_COLUMNS.items():
        rows = has[col]
        if rows.any():
            em = fuel_emissions(pd.Series(fuel, index=f.index[rows]), num(f, col)[rows], unit,
                                parameter_set=opts.parameter_set, fs=fs, where=col)
            s1[rows] = s1[rows] + em["co2e_t"]
    s2 = pd.Series(0.0, index=f.index).where(any_energy)
    look = pd.DataFrame(index=f.index, columns=["factor_series", "factor_region", "factor_year",
                                                "factor_value", "factor_fallback"])
    elec = has["electricity_use"]
    if elec.any():
        if year is None:
            raise InputError("rows with electricity_use need the reporting year for the grid "
                             "factor: pass --year (e.g. --year 2025)")
        ef = electricity_factors(text(f, "region")[elec], year, series=opts.series, fs=fs)
        look.loc[elec] = ef[look.columns].to_numpy()
        s2[elec] = mag(q(num(f, "electricity_use")[elec], "MWh") * q(ef["factor_value"],
                                                                     "tCO2/MWh"),
                       "tCO2e", "electricity_use")
    used = has.astype(object).dot(pd.Series([c + ";" for c in ENERGY_COLUMNS],
                                            index=list(ENERGY_COLUMNS))).str.rstrip(";")
    return pd.DataFrame({"s1": s1, "s2": s2, "any": any_energy, "used": used,
                         "elec": elec}, index=f.index).join(look)


def compute_financed(frame: pd.DataFrame, opts: FinancedOptions | None = None, *,
                     fs: FactorSet | None = None, intensities: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Per-row financed emissions with PCAF option, data-quality score and flags."""
    opts = opts or FinancedOptions()
    fs = fs or load_factors(opts.factors)
    intensities = intensities if intensities is not None else read_intensities(opts.intensities)
    f = frame.copy()
    ac = text(f, "asset_class")
    corp, bld, veh = ac.isin(list(CORPORATE)), ac.isin(list(BUILDINGS)), ac.isin(list(VEHICLES))
    attr = _attribution(f)
    af = attr["attribution_factor"]
    s1r, s2r, s3r = num(f, "scope1"), num(f, "scope2"), num(f, "scope3")
    verified = f["emissions_verified"].fillna(False).astype(bool) if "emissions_verified" in f \
        else pd.Series(False, index=f.index)
    reported = s1r.notna() & s2r.notna()
    energy = _energy_emissions(f, opts, fs, opts.year)
    revenue = num(f, "revenue")
    i_rev = _intensity(f, intensities, "revenue")
    i_ast = _intensity(f, intensities, "assets")
    i_area = _intensity(f, intensities, "floor_area")
    area = num(f, "floor_area")
    has_af = af.notna()

    # Option choice, best first; each condition is a whole column.
    c_1a = corp & reported & verified & has_af
    c_1b = corp & reported & ~verified & has_af
    c_2a = corp & ~reported & energy["any"] & has_af
    c_3a = corp & ~reported & ~energy["any"] & has_af & revenue.notna() & i_rev["value"].notna()
    c_3b = corp & ~reported & ~energy["any"] & ~(has_af & revenue.notna()
                                                 & i_rev["value"].notna()) & i_ast["value"].notna()
    b_1b = bld & has_af & (energy["any"] | reported)
    b_2b = bld & has_af & ~(energy["any"] | reported) & area.notna() & i_area["value"].notna()
    v_1a = veh & energy["any"]
    conds = [c_1a, c_1b, c_2a, c_3a, c_3b, b_1b, b_2b, v_1a]
    option = pd.Series(np.select(conds, ["1a", "1b", "2a", "3a", "3b", "1b", "2b", "1a"],
                                 default=""), index=f.index)
    score = pd.Series(np.select(conds, [1, 2, 2, 4, 5, 2, 4, 1], default=0),
                      index=f.index).replace(0, np.nan)
    from_energy = c_2a | (b_1b & ~reported) | v_1a
    from_report = c_1a | c_1b | (b_1b & reported)
    s1 = s1r.where(from_report, energy["s1"].where(from_energy))
    s2 = s2r.where(from_report, energy["s2"].where(from_energy))
    s12 = s1 + s2
    rev_em = pd.Series(mag(q(revenue, "CNY") * q(i_rev["value"], "tCO2e/CNY"), "tCO2e",
                           "revenue × intensity"), index=f.index)
    s12 = s12.where(~c_3a, rev_em)
    area_em = pd.Series(mag(q(area, "m**2") * q(i_area["value"], "tCO2e/m**2"), "tCO2e",
                            "floor area × intensity"), index=f.index)
    s12 = s12.where(~b_2b, area_em)
    fin1, fin2 = af * s1, af * s2
    fin12 = af * s12
    asset_em = pd.Series(mag(q(num(f, "outstanding"), "CNY") * q(i_ast["value"], "tCO2e/CNY"),
                             "tCO2e", "outstanding × asset intensity"), index=f.index)
    fin12 = fin12.where(~c_3b, asset_em)
    ok = option != ""
    fin3 = (af * s3r).where(corp & has_af)
    dq3 = pd.Series(np.where(verified, 1.0, 2.0), index=f.index).where(fin3.notna())

    missing = pd.Series("", index=f.index, dtype="string")
    corp_miss = ("scope1+scope2 (reported) | energy use (electricity_use, coal_use, "
                 "natural_gas_use, diesel_use, gasoline_use) | revenue + a revenue intensity "
                 "(--intensities) | an asset intensity (--intensities)")
    missing[corp & ~ok] = corp_miss
    missing[bld & ~ok] = "metered energy use or scope1+scope2 | floor_area + an intensity per m2 " \
                         "(--intensities)"
    missing[veh & ~ok] = "fuel or electricity consumption of the vehicle (diesel_use, " \
                         "gasoline_use, electricity_use)"
    need_attr = (corp & ~has_af & ~c_3b) | (bld & ~has_af)
    missing[need_attr] = attr.loc[need_attr, "attr_missing"] + "; " + missing[need_attr]
    unknown = ~ac.isin(list(ASSET_CLASSES))
    missing[unknown] = "asset_class"
    basis_txt = pd.Series(np.select(
        [c_1a | c_1b | (b_1b & reported), from_energy, c_3a, c_3b, b_2b],
        ["reported emissions", "energy use × factors (" + energy["used"] + ")",
         "revenue × sector intensity (" + i_rev["key"] + ")",
         "outstanding × sector asset intensity (" + i_ast["key"] + ")",
         "floor area × intensity (" + i_area["key"] + ")"], default=""), index=f.index)
    ivalue = i_rev["value"].where(c_3a, i_ast["value"].where(c_3b, i_area["value"].where(b_2b)))
    iunit = i_rev["unit"].where(c_3a, i_ast["unit"].where(c_3b, i_area["unit"].where(b_2b, "")))
    isrc = i_rev["source"].where(c_3a, i_ast["source"].where(c_3b,
                                                           i_area["source"].where(b_2b, "")))
    for c in ("factor_series", "factor_region", "factor_year", "factor_value", "factor_fallback"):
        energy[c] = energy[c].where(from_energy & energy["elec"])
    res = pd.DataFrame({
        "loan_id": text(f, "loan_id"), ROW: f[ROW] if ROW in f else pd.NA,
        "borrower_name": text(f, "borrower_name"), "asset_class": ac,
        "sector": _sector_label(f), "industry_code": text(f, "industry_code"),
        "region": text(f, "region"), "currency": text(f, "currency"),
        "outstanding": num(f, "outstanding"),
        "attribution_basis": attr["attribution_basis"],
        "attribution_denominator": attr["attribution_denominator"],
        "attribution_factor": af, "pcaf_option": option, "data_quality": score,
        "pcaf_table": ac.map(PCAF_TABLES).fillna(""),
        "status": np.where(ok, OK, INSUFFICIENT), "missing": missing.where(~ok, ""),
        "scope1_tco2e": s1.where(ok), "scope2_tco2e": s2.where(ok),
        "scope12_tco2e": s12.where(ok & ~c_3b), "scope3_tco2e": s3r,
        "financed_scope1_tco2e": fin1.where(ok & ~c_3a & ~c_3b & ~b_2b),
        "financed_scope2_tco2e": fin2.where(ok & ~c_3a & ~c_3b & ~b_2b),
        "financed_scope12_tco2e": fin12.where(ok), "financed_scope3_tco2e": fin3,
        "data_quality_scope3": dq3, "revenue": revenue, "emission_basis": basis_txt,
        "intensity_value": ivalue, "intensity_unit": iunit, "intensity_source": isrc,
        "factor_series": energy["factor_series"], "factor_region": energy["factor_region"],
        "factor_year": energy["factor_year"], "factor_value": energy["factor_value"],
        "factor_fallback": energy["factor_fallback"],
        "parameter_set": np.where(from_energy & (energy["used"] != "electricity_use"),
                                  opts.parameter_set, ""),
        "flags": attr["flags"],
    }, index=f.index)
    return res[RESULT_COLUMNS].reset_index(drop=True)


def _sector_label(f: pd.DataFrame) -> pd.Series:
    sector = text(f, "sector")
    section = text(f, "industry_section")
    return sector.where(sector != "", section).where(lambda s: s != "", "(none)")


# --------------------------------------------------------------------------- summaries


def weighted_score(outstanding: pd.Series, score: pd.Series) -> float:
    """PCAF Box 8: Σ outstanding × score / Σ outstanding over rows with a score."""
    has = score.notna() & outstanding.notna()
    w = outstanding[has]
    return float((w * score[has]).sum() / w.sum()) if w.sum() > 0 else float("nan")


def _group(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    ok = rows["status"] == OK
    cny = rows["currency"].isin(["CNY", ""])
    g = rows.assign(_ok=ok, _out_ok=rows["outstanding"].where(ok),
                    _out_cny_ok=rows["outstanding"].where(ok & cny),
                    _fin_cny=rows["financed_scope12_tco2e"].where(ok & cny),
                    _wdq=(rows["outstanding"] * rows["data_quality"]).where(ok),
                    _wdq3=(rows["outstanding"] * rows["data_quality_scope3"]),
                    _out3=rows["outstanding"].where(rows["data_quality_scope3"].notna()))
    grouped = g.groupby(key, sort=True)
    t = grouped.agg(rows=("loan_id", "size"), computed=("_ok", "sum"))
    s = grouped[["outstanding", "_out_ok", "financed_scope12_tco2e", "financed_scope3_tco2e",
                 "_wdq", "_out_cny_ok", "_fin_cny", "_wdq3", "_out3"]].sum(min_count=1)
    t["outstanding"] = s["outstanding"]
    t["outstanding_covered_share"] = s["_out_ok"] / s["outstanding"]
    t["financed_scope12_tco2e"] = s["financed_scope12_tco2e"]
    t["financed_scope3_tco2e"] = s["financed_scope3_tco2e"]
    t["weighted_data_quality"] = s["_wdq"] / s["_out_ok"]
    t["weighted_data_quality_scope3"] = s["_wdq3"] / s["_out3"]
    t["economic_intensity_tco2e_per_million_cny"] = s["_fin_cny"] / (s["_out_cny_ok"] / MILLION)
    return t.reset_index()


def waci(rows: pd.DataFrame) -> dict:
    """Σ (outstanding_i / Σ outstanding) × (Scope 1+2_i / revenue_i in 百万元), CNY rows with
    company emissions and revenue."""
    use = (rows["status"] == OK) & rows["scope12_tco2e"].notna() & (rows["revenue"] > 0) & \
        rows["currency"].isin(["CNY", ""]) & rows["asset_class"].isin(list(CORPORATE))
    w = rows.loc[use, "outstanding"]
    if w.sum() <= 0:
        return {"value": None, "unit": "tCO2e per 百万元 revenue", "rows": 0,
                "outstanding_share": 0.0}
    intensity = rows.loc[use, "scope12_tco2e"] / (rows.loc[use, "revenue"] / MILLION)
    corp_out = rows.loc[rows["asset_class"].isin(list(CORPORATE)), "outstanding"].sum()
    return {"value": float((w / w.sum() * intensity).sum()),
            "unit": "tCO2e per 百万元 revenue", "rows": int(use.sum()),
            "outstanding_share": float(w.sum() / corp_out) if corp_out else None,
            "definition": "TCFD (2017) WACI as listed in PCAF Part A 2nd ed. Box 7: weights = "
                          "outstanding / outstanding of the rows covered; company Scope 1+2 "
                          "(not attributed) / company revenue"}


def summarise_financed(rows: pd.DataFrame, *, opts: FinancedOptions, fs: FactorSet,
                       info: dict) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    by_ac = _group(rows, "asset_class")
    by_sector = _group(rows, "sector")
    ok = rows["status"] == OK
    cny = rows["currency"].isin(["CNY", ""])
    fin_cny = rows.loc[ok & cny, "financed_scope12_tco2e"].sum()
    out_cny = rows.loc[ok & cny, "outstanding"].sum()
    used = rows[rows["factor_series"].notna()] if "factor_series" in rows else rows.iloc[:0]
    summary = provenance(
        standard="PCAF Global GHG Accounting and Reporting Standard Part A: Financed Emissions, "
                 "2nd ed. (December 2022)",
        reporting_year=opts.year, electricity_series=opts.series,
        parameter_set=opts.parameter_set, input=info,
        rows=int(len(rows)), computed=int(ok.sum()),
        insufficient_data=int((rows["status"] == INSUFFICIENT).sum()),
        totals={
            "financed_scope12_tco2e": float(rows.loc[ok, "financed_scope12_tco2e"].sum()),
            "financed_scope1_tco2e": float(rows.loc[ok, "financed_scope1_tco2e"].sum()),
            "financed_scope2_tco2e": float(rows.loc[ok, "financed_scope2_tco2e"].sum()),
            "financed_scope3_tco2e": float(rows["financed_scope3_tco2e"].sum()),
            "note": "Scope 1 and 2 columns exclude option 3 and 2b rows (their split is "
                    "unknown); Scope 3 is reported separately (PCAF 6)",
            "outstanding": float(rows["outstanding"].sum()),
            "outstanding_covered": float(rows.loc[ok, "outstanding"].sum()),
        },
        weighted_data_quality=weighted_score(rows["outstanding"], rows["data_quality"]),
        weighted_data_quality_scope3=weighted_score(rows["outstanding"],
                                                    rows["data_quality_scope3"]),
        economic_intensity={"value": float(fin_cny / (out_cny / MILLION)) if out_cny else None,
                            "unit": "tCO2e per 百万元 lent (CNY rows)"},
        waci=waci(rows),
        by_option={str(k): int(v) for k, v in rows["pcaf_option"].replace(
            "", "(none)").value_counts().items()},
        flags={str(k): int(v) for k, v in rows["flags"].replace("", pd.NA).dropna()
               .value_counts().items()},
        factors_used=(used.groupby(["factor_series", "factor_year"]).size().rename("rows")
                      .reset_index().to_dict("records")) if len(used) else [],
        intensities=str(opts.intensities or ""),
        sector_intensity_note="no published Chinese sector-average intensity was found "
                              "(taxonomies/factors/sector_intensity.csv is header-only); options "
                              "3a/3b/2b use only user-supplied values (--intensities)",
        factor_tables=str(fs.path),
    )
    return summary, by_ac, by_sector


def financed(path: str | Path, opts: FinancedOptions | None = None) -> FinancedResult:
    """Python API of ``greenkit carbon financed``."""
    opts = opts or FinancedOptions()
    fs = load_factors(opts.factors)
    frame, findings, rejected, info = read_financed(path, opts)
    rows = compute_financed(frame, opts, fs=fs, intensities=read_intensities(opts.intensities))
    summary, by_ac, by_sector = summarise_financed(rows, opts=opts, fs=fs, info=info)
    return FinancedResult(rows=rows, by_asset_class=by_ac, by_sector=by_sector, summary=summary,
                          findings=findings if len(findings) else empty_findings(),
                          rejected=rejected)


def write_financed(result: FinancedResult, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"financed": write_csv(result.rows, out / "financed.csv"),
             "by_asset_class": write_csv(result.by_asset_class, out / "financed_by_asset_class.csv"),
             "by_sector": write_csv(result.by_sector, out / "financed_by_sector.csv"),
             "summary": write_json(result.summary, out / "financed_summary.json")}
    if len(result.findings):
        paths["findings"] = write_csv(result.findings[FINDING_COLUMNS],
                                      out / "financed_findings.csv")
    return paths
