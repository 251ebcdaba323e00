"""Load, validate and look up the carbon factor tables (``taxonomies/factors/``).

The factor folder is validated the way a taxonomy folder is: every problem is a
finding row (file, row, column, check, value, reason, severity, message) and a
folder with errors raises ``TaxonomyError`` carrying the whole findings table.
A user can point greenkit at their own copy of the folder (``--factors PATH``).

Lookups work on whole columns: the (region, year) pairs of a book are
factorised, each unique pair is resolved once with table joins, and the answer
is broadcast back. Every result records the series, the region and level used,
the data year, the value and unit, the document and the fallback step taken.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pint
import yaml

from greenkit.errors import FINDING_COLUMNS, InputError, TaxonomyError, UnitError, empty_findings
from greenkit.io.yamlfile import load_yaml_text
from greenkit.paths import taxonomies_dir
from greenkit.units import parse_unit, registry

TABLES = {
    "electricity.csv": ("series", "region_zh", "region_en", "region_level", "year", "value", "unit",
                        "document", "published", "source", "verified", "note"),
    "regions.csv": ("province_zh", "province_full", "province_en", "gb2260", "grid", "aliases",
                    "has_factor", "source", "verified", "note"),
    "fuels.csv": ("parameter_set", "fuel_id", "fuel_zh", "fuel_en", "ncv", "ncv_unit",
                  "carbon_content", "oxidation", "co2_factor_tj", "ch4_kg_per_tj", "n2o_kg_per_tj",
                  "document", "source", "verified", "note"),
    "gwp.csv": ("set", "gas", "gwp100", "source", "verified", "note"),
    "other.csv": ("factor_id", "name_zh", "name_en", "value", "unit", "document", "source",
                  "verified", "note"),
    "sector_intensity.csv": ("sector_code", "sector_level", "sector_name_zh", "sector_name_en",
                             "basis", "value", "unit", "year", "document", "source", "verified",
                             "note"),
}
KEYS = {"electricity.csv": ["series", "region_zh", "year"], "regions.csv": ["province_zh"],
        "fuels.csv": ["parameter_set", "fuel_id"], "gwp.csv": ["set", "gas"],
        "other.csv": ["factor_id"], "sector_intensity.csv": ["sector_code", "basis", "year"]}
SERIES = ("mee-grid-average", "mee-national-excl-market-nonfossil", "mee-fossil-only",
          "ets-reporting")
DEFAULT_SERIES = "mee-grid-average"
REGION_LEVELS = ("national", "grid", "province")
GRIDS = ("华北", "东北", "华东", "华中", "西北", "南方", "西南")
NATIONAL = "全国"
#: Words that name the whole country (matched whole, after normalisation).
NATIONAL_WORDS = ("全国", "中国", "全国电网", "china", "national", "cn")
EMISSION_PER_ENERGY = "tCO2/MWh"
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}
CO2_PER_C = 44.0 / 12.0


@dataclass(frozen=True, eq=False)
class FactorSet:
    """The validated factor tables of one folder (treat the frames as read-only)."""

    path: Path
    manifest: dict
    electricity: pd.DataFrame
    regions: pd.DataFrame
    fuels: pd.DataFrame
    gwp: pd.DataFrame
    other: pd.DataFrame
    sector_intensity: pd.DataFrame
    warnings: pd.DataFrame = field(default_factory=empty_findings)
    region_aliases: pd.DataFrame = field(default_factory=pd.DataFrame)

    # --- single values ------------------------------------------------------
    def other_factor(self, factor_id: str) -> dict:
        """One row of other.csv as a dict (value as float); error if absent."""
        hit = self.other[self.other["factor_id"] == factor_id]
        if hit.empty:
            raise InputError(f"{self.path / 'other.csv'}: no factor {factor_id!r}")
        row = hit.iloc[0].to_dict()
        row["value"] = float(row["value"])
        return row

    def other_quantity(self, factor_id: str) -> pint.Quantity:
        row = self.other_factor(factor_id)
        return row["value"] * parse_unit(row["unit"], f"other.csv {factor_id}")

    def gwp_values(self, gwp_set: str) -> dict[str, float]:
        sub = self.gwp[self.gwp["set"] == gwp_set]
        if sub.empty:
            sets = ", ".join(sorted(self.gwp["set"].unique()))
            raise InputError(f"GWP set {gwp_set!r} is not in {self.path / 'gwp.csv'} ({sets})")
        return dict(zip(sub["gas"], sub["gwp100"].astype(float), strict=True))

    def fuel_row(self, parameter_set: str, fuel_id: str) -> dict:
        hit = self.fuels[(self.fuels["parameter_set"] == parameter_set)
                         & (self.fuels["fuel_id"] == fuel_id)]
        if hit.empty:
            raise InputError(f"fuel {fuel_id!r} is not in parameter set {parameter_set!r} "
                             f"({self.path / 'fuels.csv'})")
        return hit.iloc[0].to_dict()

    @property
    def parameter_sets(self) -> tuple[str, ...]:
        return tuple(sorted(self.fuels["parameter_set"].unique()))

    def documents(self, series: str | None = None) -> list[dict]:
        """Electricity editions (series, data year, document) for summaries."""
        e = self.electricity if series is None else self.electricity[
            self.electricity["series"] == series]
        d = (e.groupby(["series", "year"], sort=True)["document"].first().reset_index())
        return d.to_dict("records")

    def table_counts(self) -> list[dict]:
        """Every table with its row count, verified count and sources (for reports)."""
        out = []
        for name in TABLES:
            frame = getattr(self, name.removesuffix(".csv"))
            out.append({"table": name, "rows": int(len(frame)),
                        "verified": int(frame["verified"].sum()) if len(frame) else 0,
                        "documents": sorted({str(d) for d in frame.get("document", pd.Series(
                            dtype=str)).dropna() if str(d)})[:12]})
        return out


# --------------------------------------------------------------------------- loading


def _finding(file, row, column, check, value, message, severity="error") -> dict:
    return {"file": file, "row": row, "column": column, "check": check,
            "value": "" if value is None else str(value), "reason": check,
            "severity": severity, "message": message}


def _mask_findings(frame: pd.DataFrame, mask: pd.Series, file: str, column: str, check: str,
                   message: str, severity: str = "error") -> pd.DataFrame:
    if not mask.any():
        return empty_findings()
    vals = frame.loc[mask, column] if column in frame else pd.Series("", index=frame.index[mask])
    return pd.DataFrame({"file": file, "row": frame.loc[mask, "_line"].to_numpy(),
                         "column": column, "check": check,
                         "value": vals.astype("string").fillna("").to_numpy(), "reason": check,
                         "severity": severity, "message": message}, columns=FINDING_COLUMNS)


def _read(path: Path, columns: tuple[str, ...], found: list) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in (*columns, "_line")})
    if not path.exists():
        found.append(pd.DataFrame([_finding(path.name, "", "", "file_missing", "",
                                            f"{path.name} is missing")]))
        return empty
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # ParserError, UnicodeDecodeError, EmptyDataError
        found.append(pd.DataFrame([_finding(path.name, "", "", "unreadable", "",
                                            f"cannot be read as CSV: {exc}")]))
        return empty
    missing = [c for c in columns if c not in df.columns]
    if missing:
        found.append(pd.DataFrame([_finding(path.name, 1, c, "column_missing", "",
                                            f"required column {c!r} is missing")
                                   for c in missing]))
        for c in missing:
            df[c] = ""
    df = df.astype("string").apply(lambda s: s.str.strip())
    df["_line"] = np.arange(2, len(df) + 2)
    return df


def _numeric(df: pd.DataFrame, col: str, file: str, found: list, required: bool = True,
             positive: bool = False) -> None:
    text = df[col].fillna("")
    num = pd.to_numeric(text.replace("", None), errors="coerce").astype("float64")
    bad = (text != "") & num.isna()
    found.append(_mask_findings(df, bad, file, col, "not_a_number", "not a number"))
    if required:
        found.append(_mask_findings(df, text == "", file, col, "missing_value",
                                    "required value is empty"))
    if positive:
        found.append(_mask_findings(df, num.notna() & (num <= 0), file, col, "not_positive",
                                    "must be greater than 0"))
    df[col] = num


def _bool(df: pd.DataFrame, col: str, file: str, found: list) -> None:
    low = df[col].fillna("").str.lower()
    found.append(_mask_findings(df, ~low.isin(_TRUE | _FALSE), file, col, "bad_bool",
                                "must be true or false"))
    df[col] = low.isin(_TRUE)


def _common(df: pd.DataFrame, file: str, found: list) -> None:
    _bool(df, "verified", file, found)
    found.append(_mask_findings(df, df["source"].fillna("") == "", file, "source", "no_source",
                                "every row must name its source"))
    key = KEYS[file]
    dup = df.duplicated(key, keep="first") & (df[key[0]].fillna("") != "")
    found.append(_mask_findings(df, dup, file, key[0], "duplicate_key",
                                f"duplicate key ({', '.join(key)})"))


def _units(df: pd.DataFrame, col: str, file: str, found: list, expect: str | None) -> None:
    """Each distinct unit must parse (and, if ``expect`` is given, match its dimension)."""
    rows = []
    for u in df[col].fillna("").unique():
        msg = None
        try:
            q = parse_unit(u, f"{file} column {col}")
            if expect is not None:
                (q / parse_unit(expect)).to("dimensionless")
        except UnitError as exc:
            msg = str(exc)
        except pint.DimensionalityError:
            msg = f"unit {u!r} is not convertible to {expect}"
        if msg:
            rows.append(_mask_findings(df, df[col] == u, file, col, "bad_unit", msg))
    found.extend(rows)


def _vocab(df: pd.DataFrame, col: str, allowed, file: str, found: list) -> None:
    found.append(_mask_findings(df, ~df[col].isin(list(allowed)), file, col, "not_allowed",
                                f"must be one of {', '.join(allowed)}"))


def validate_folder(path: Path) -> tuple[dict[str, pd.DataFrame], dict, pd.DataFrame]:
    """Read and check every table; return (frames, manifest, findings)."""
    found: list[pd.DataFrame] = []
    frames = {name: _read(path / name, cols, found) for name, cols in TABLES.items()}
    manifest: dict = {}
    mpath = path / "manifest.yaml"
    if mpath.exists():
        try:
            manifest = load_yaml_text(mpath.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            found.append(pd.DataFrame([_finding("manifest.yaml", "", "", "unreadable", "",
                                                f"not valid YAML: {exc}")]))
    else:
        found.append(pd.DataFrame([_finding("manifest.yaml", "", "", "file_missing", "",
                                            "manifest.yaml is missing", "warning")]))
    for name, df in frames.items():
        _common(df, name, found)

    e = frames["electricity.csv"]
    _vocab(e, "series", SERIES, "electricity.csv", found)
    _vocab(e, "region_level", REGION_LEVELS, "electricity.csv", found)
    _numeric(e, "year", "electricity.csv", found)
    _numeric(e, "value", "electricity.csv", found, positive=True)
    _units(e, "unit", "electricity.csv", found, EMISSION_PER_ENERGY)
    r = frames["regions.csv"]
    _bool(r, "has_factor", "regions.csv", found)
    known = set(r["province_zh"]) | set(GRIDS) | {NATIONAL}
    found.append(_mask_findings(e, ~e["region_zh"].isin(known), "electricity.csv", "region_zh",
                                "unknown_region", "not a province of regions.csv, a grid or 全国"))
    found.append(_mask_findings(r, (r["grid"] != "") & ~r["grid"].isin(GRIDS), "regions.csv",
                                "grid", "not_allowed", f"must be one of {', '.join(GRIDS)}"))
    f = frames["fuels.csv"]
    _numeric(f, "ncv", "fuels.csv", found, positive=True)
    _numeric(f, "carbon_content", "fuels.csv", found, positive=True)
    _numeric(f, "oxidation", "fuels.csv", found, positive=True)
    for c in ("co2_factor_tj", "ch4_kg_per_tj", "n2o_kg_per_tj"):
        _numeric(f, c, "fuels.csv", found, required=False)
    found.append(_mask_findings(f, f["oxidation"] > 1, "fuels.csv", "oxidation", "above_maximum",
                                "an oxidation rate is a fraction (0-1]"))
    _units(f, "ncv_unit", "fuels.csv", found, None)
    _energy_per_quantity(f, found)
    g = frames["gwp.csv"]
    _numeric(g, "gwp100", "gwp.csv", found, positive=True)
    o = frames["other.csv"]
    _numeric(o, "value", "other.csv", found, positive=True)
    _units(o, "unit", "other.csv", found, None)
    s = frames["sector_intensity.csv"]
    _numeric(s, "value", "sector_intensity.csv", found, positive=True)
    _numeric(s, "year", "sector_intensity.csv", found, required=False)
    _vocab(s, "basis", ("revenue", "assets", "floor_area"), "sector_intensity.csv", found)
    found.append(_tce_check(o))
    findings = pd.concat([x for x in found if len(x)], ignore_index=True) if any(
        len(x) for x in found) else empty_findings()
    return frames, manifest, findings[FINDING_COLUMNS] if len(findings) else findings


def _energy_per_quantity(f: pd.DataFrame, found: list) -> None:
    """An NCV unit must be energy per mass or per volume (GJ/t, GJ/(10**4*m**3))."""
    ureg = registry()
    for u in f["ncv_unit"].fillna("").unique():
        try:
            den = parse_unit("GJ") / parse_unit(u)
        except (UnitError, ZeroDivisionError):
            continue  # reported by _units
        dims = den.dimensionality
        if dims not in (ureg.get_dimensionality("[mass]"), ureg.get_dimensionality("[length]**3")):
            found.append(_mask_findings(f, f["ncv_unit"] == u, "fuels.csv", "ncv_unit",
                                        "bad_unit", "NCV must be energy per mass or per volume"))


def _tce_check(o: pd.DataFrame) -> pd.DataFrame:
    """other.csv's tce energy content must agree with the unit registry's tce."""
    hit = o[o["factor_id"] == "tce_energy"]
    if hit.empty or pd.isna(hit["value"].iloc[0]):
        return empty_findings()
    try:
        table = float(hit["value"].iloc[0]) * parse_unit(hit["unit"].iloc[0])
        ratio = float(table.to("dimensionless").magnitude)  # GJ/tce through the registry's tce
    except (UnitError, pint.DimensionalityError):
        return empty_findings()
    if abs(ratio - 1) > 1e-9:
        return _mask_findings(hit, pd.Series(True, index=hit.index), "other.csv", "value",
                              "inconsistent", "tce_energy differs from greenkit's unit registry "
                              "(greenkit/units/definitions.txt)")
    return empty_findings()


def load_factors(path: str | Path | None = None) -> FactorSet:
    """Load and validate a factor folder (default: the shipped ``taxonomies/factors``)."""
    if path is None:
        return _default()
    return _load(Path(path).resolve())


@lru_cache(maxsize=1)
def _default() -> FactorSet:
    return _load(taxonomies_dir() / "factors")


def _load(path: Path) -> FactorSet:
    if not path.is_dir():
        raise TaxonomyError(f"factor folder {path} does not exist", path=path)
    frames, manifest, findings = validate_folder(path)
    errors = findings[findings["severity"] == "error"] if len(findings) else findings
    if len(errors):
        first = errors.iloc[0]
        raise TaxonomyError(
            f"{path}: {len(errors)} problem(s) in the factor tables, first: {first['file']} row "
            f"{first['row']} column {first['column']}: {first['message']}",
            findings=findings, path=path)
    frames = {k: v.drop(columns="_line") for k, v in frames.items()}
    e = frames["electricity.csv"]
    e["year"] = e["year"].astype(int)
    for col in ("value",):
        frames["other.csv"][col] = frames["other.csv"][col].astype(float)
    warnings = findings[findings["severity"] != "error"] if len(findings) else findings
    return FactorSet(path=path, manifest=manifest, electricity=e,
                     regions=frames["regions.csv"], fuels=frames["fuels.csv"],
                     gwp=frames["gwp.csv"], other=frames["other.csv"],
                     sector_intensity=frames["sector_intensity.csv"], warnings=warnings,
                     region_aliases=alias_table(frames["regions.csv"]))


# --------------------------------------------------------------------------- regions


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).lower()


def alias_table(regions: pd.DataFrame) -> pd.DataFrame:
    """Every spelling of a province, grid or the nation, keyed for matching."""
    rows = []
    for rec in regions.to_dict("records"):
        names = [rec["province_zh"], rec["province_full"], rec["province_en"],
                 *[a for a in str(rec.get("aliases") or "").split("|") if a]]
        for n in dict.fromkeys(names):
            rows.append({"key": _key(n), "province": rec["province_zh"],
                         "grid": rec.get("grid") or "", "level": "province"})
    for g in GRIDS:
        for n in (g, f"{g}电网", f"{g}区域电网", f"{g}地区"):
            rows.append({"key": _key(n), "province": "", "grid": g, "level": "grid"})
    for n in NATIONAL_WORDS:
        rows.append({"key": _key(n), "province": "", "grid": "", "level": "national"})
    return pd.DataFrame(rows).drop_duplicates("key")


def normalise_regions(values: pd.Series, fs: FactorSet | None = None) -> pd.DataFrame:
    """Map free-text regions (厦门市, 福建省泉州市, 华东, Fujian) to province / grid.

    Returns a frame aligned with ``values``: ``province``, ``grid``, ``level``
    (province, grid, national, unknown, missing) and ``match`` (exact,
    contained, ambiguous, none, empty). A whole value is matched against
    every name and alias; otherwise a province or city name of two or more
    characters contained in the text is used, the earliest and then longest
    one (so 青海省海南藏族自治州 is Qinghai, not Hainan). One-character
    abbreviations (闽 宁 吉 …) only ever match a whole value.
    """
    fs = fs or load_factors()
    table = fs.region_aliases
    text = values.astype("string").fillna("")
    codes, uniq = pd.factorize(text.map(_key), sort=False)
    u = pd.Series(uniq, dtype="string")
    out = pd.DataFrame({"province": "", "grid": "", "level": "unknown", "match": "none"},
                       index=u.index)
    exact = u.to_frame("key").merge(table, on="key", how="left").set_index(u.index)
    hit = exact["level"].notna()
    out.loc[hit, ["province", "grid", "level"]] = exact.loc[hit, ["province", "grid", "level"]]
    out.loc[hit, "match"] = "exact"
    rest = ~hit & (u != "")
    if rest.any():
        cands = table[(table["key"].str.len() >= 2) & (table["level"] == "province")
                      & ~table["key"].str.fullmatch(r"[a-z .]+")]
        keys = list(zip(cands["key"], cands["province"], strict=True))
        grid_of = dict(zip(fs.regions["province_zh"], fs.regions["grid"], strict=True))
        # Unique texts × the alias table (a few hundred names): earliest, then longest,
        # match; two provinces tied at the same place make the value ambiguous.
        for i, t in zip(u.index[rest], u[rest], strict=True):
            best = (np.inf, 0, "")
            tied = False
            for key, prov in keys:
                pos = t.find(key)
                if pos < 0:
                    continue
                if (pos, -len(key)) < (best[0], -best[1]):
                    best, tied = (pos, len(key), prov), False
                elif (pos, len(key)) == best[:2] and prov != best[2]:
                    tied = True
            if best[2] and not tied:
                out.loc[i, ["province", "grid", "level", "match"]] = [
                    best[2], grid_of.get(best[2], ""), "province", "contained"]
            elif tied:
                out.loc[i, "match"] = "ambiguous"
    out.loc[u == "", ["level", "match"]] = ["missing", "empty"]
    res = out.iloc[codes].reset_index(drop=True)
    res.index = values.index
    return res


# --------------------------------------------------------------------------- electricity

ELEC_COLUMNS = ["factor_series", "factor_region_input", "factor_region", "factor_region_level",
                "factor_year", "factor_value", "factor_unit", "factor_document",
                "factor_verified", "factor_fallback", "factor_status"]


def _check_series(fs: FactorSet, series: str) -> pd.DataFrame:
    s = fs.electricity[fs.electricity["series"] == series]
    if s.empty:
        have = ", ".join(sorted(fs.electricity["series"].unique()))
        raise InputError(f"electricity factor series {series!r} is not in "
                         f"{fs.path / 'electricity.csv'} (series: {have})")
    return s


def electricity_factors(regions: pd.Series, years: pd.Series | int, *,
                        series: str = DEFAULT_SERIES, fs: FactorSet | None = None,
                        allow_later: bool = False) -> pd.DataFrame:
    """Grid emission factor for each (region, reporting year), aligned with ``regions``.

    Rule (taxonomies/factors/README.md): within one series take the latest
    data year not after the reporting year; then the province's row, else its
    grid's, else the national row. With no data year ≤ the reporting year the
    status is ``no_factor_for_year`` (value NaN) unless ``allow_later``, which
    takes the earliest later year and says so.
    """
    fs = fs or load_factors()
    s = _check_series(fs, series)
    if not isinstance(years, pd.Series):
        years = pd.Series(years, index=regions.index)
    years = pd.to_numeric(years, errors="coerce")
    norm = normalise_regions(regions, fs)
    pairs = pd.DataFrame({"input": regions.astype("string").fillna(""),
                          "year": years.astype("Float64")})
    key = pairs["input"] + "\x1f" + pairs["year"].astype("string").fillna("")
    codes, _ = pd.factorize(key, sort=False)
    first = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
    u = pd.concat([pairs.iloc[first].reset_index(drop=True),
                   norm.iloc[first].reset_index(drop=True)], axis=1)
    avail = np.sort(s["year"].unique())
    ry = u["year"].to_numpy(dtype="float64", na_value=np.nan)
    pos = np.searchsorted(avail, np.nan_to_num(ry, nan=-1), side="right") - 1
    data_year = np.where(pos >= 0, avail[np.clip(pos, 0, None)], np.nan)
    later = np.isnan(data_year) & ~np.isnan(ry)
    if allow_later and later.any():
        data_year = np.where(later, avail[0], data_year)
    u["data_year"] = data_year
    u["year_step"] = ""
    moved = ~np.isnan(data_year) & (data_year != ry)
    u.loc[moved, "year_step"] = ("year " + u.loc[moved, "year"].astype("Int64").astype(str)
                                 + "→" + u.loc[moved, "data_year"].astype(int).astype(str))
    if allow_later:
        u.loc[later, "year_step"] += " (later data year, opted in)"
    look = s[["region_zh", "region_level", "year", "value", "unit", "document", "verified"]]
    look = look.rename(columns={"year": "data_year"})
    look["data_year"] = look["data_year"].astype(float)

    def at(col: str) -> pd.DataFrame:
        return (u[[col, "data_year"]].rename(columns={col: "region_zh"})
                .merge(look, on=["region_zh", "data_year"], how="left").set_index(u.index))

    prov, grid = at("province"), at("grid")
    nat = u[["data_year"]].assign(region_zh=NATIONAL).merge(look, on=["region_zh", "data_year"],
                                                            how="left").set_index(u.index)
    use_p = prov["value"].notna() & (u["province"] != "")
    use_g = ~use_p & grid["value"].notna() & (u["grid"] != "")
    use_n = ~use_p & ~use_g & nat["value"].notna()
    chosen = nat.copy()
    chosen.loc[use_g] = grid.loc[use_g]
    chosen.loc[use_p] = prov.loc[use_p]
    step = np.select(
        [use_p,
         use_g & (u["level"] == "grid"),
         use_g,
         use_n & (u["level"] == "national"),
         use_n & (u["level"] == "province") & (u["grid"] != ""),
         use_n & (u["level"] == "province"),
         use_n & (u["level"] == "grid"),
         use_n & (u["level"] == "missing"),
         use_n],
        ["province",
         "grid",
         "province→grid (no provincial factor)",
         "national",
         "province→grid→national (no provincial or grid factor)",
         "province→national (province has no factor and no grid)",
         "grid→national (no grid factor in this series)",
         "no region→national",
         "region not recognised→national"], default="")
    step = pd.Series(step, index=u.index)
    step = step.where(u["year_step"] == "", step + "; " + u["year_step"])
    ok = use_p | use_g | use_n
    res = pd.DataFrame({
        "factor_series": series,
        "factor_region_input": u["input"],
        "factor_region": chosen["region_zh"].where(ok, ""),
        "factor_region_level": chosen["region_level"].where(ok, ""),
        "factor_year": pd.Series(u["data_year"], dtype="Float64").astype("Int64"),
        "factor_value": chosen["value"].where(ok).astype(float),
        "factor_unit": chosen["unit"].where(ok, EMISSION_PER_ENERGY),
        "factor_document": chosen["document"].where(ok, ""),
        "factor_verified": chosen["verified"].where(ok, False).astype(bool),
        "factor_fallback": step.where(ok, ""),
        "factor_status": np.where(ok, "ok", np.where(u["year"].isna(), "no_reporting_year",
                                                     "no_factor_for_year")),
    }, index=u.index)
    out = res.iloc[codes].reset_index(drop=True)
    out.index = regions.index
    return out[ELEC_COLUMNS]


def electricity_coefficient(unit: str, where: str) -> float:
    """MWh per ``unit`` for an electricity quantity; refuses coal-equivalent units."""
    if re.search(r"ce\b|ce$|标准?煤", str(unit)):
        raise UnitError(f"{where}: {unit!r} is a coal-equivalent unit; electricity must be given "
                        "as electricity (kWh, MWh, 万千瓦时), not converted to standard coal",
                        unit=unit)
    return _convert(unit, "MWh", where)


def _convert(unit: str, target: str, where: str) -> float:
    try:
        return float((parse_unit(unit, where) / parse_unit(target)).to("dimensionless"))
    except pint.DimensionalityError as exc:
        dim = parse_unit(unit, where).dimensionality
        raise UnitError(f"{where}: {unit!r} ({dim}) cannot be converted to {target}",
                        unit=unit) from exc


# --------------------------------------------------------------------------- fuels

FUEL_COLUMNS = ["fuel_id", "parameter_set", "co2_t", "ch4_t", "n2o_t", "co2e_t", "energy_gj",
                "non_co2", "fuel_status", "fuel_document", "fuel_verified"]


def fuel_ids(values: pd.Series, fs: FactorSet | None = None) -> pd.Series:
    """fuel_id for ids or Chinese/English names (柴油 → diesel); '' when unknown."""
    fs = fs or load_factors()
    table = {}
    for rec in fs.fuels[["fuel_id", "fuel_zh", "fuel_en"]].drop_duplicates().to_dict("records"):
        for k in (rec["fuel_id"], rec["fuel_zh"], rec["fuel_en"]):
            table.setdefault(_key(k), rec["fuel_id"])
    extra = {"煤": "raw_coal", "煤炭": "raw_coal", "燃煤": "raw_coal", "coal": "raw_coal",
             "lng": "natural_gas", "cng": "natural_gas", "petrol": "gasoline"}
    for k, v in extra.items():
        table.setdefault(_key(k), v)
    return values.astype("string").fillna("").map(_key).map(table).fillna("").astype("string")


def fuel_coefficients(fs: FactorSet, parameter_set: str, fuel_id: str, unit: str,
                      where: str) -> dict:
    """Per ``unit`` of fuel: GJ, tCO2, tCH4, tN2O (pint does the unit algebra)."""
    row = fs.fuel_row(parameter_set, fuel_id)
    ncv = float(row["ncv"]) * parse_unit(row["ncv_unit"])
    per = parse_unit("GJ") / parse_unit(row["ncv_unit"])  # the physical unit the NCV is per
    q = parse_unit(unit, where)
    if q.dimensionality == parse_unit("GJ").dimensionality:
        raise UnitError(
            f"{where}: {fuel_id} is given in {unit!r} (energy); the fuels table "
            f"({parameter_set}) works from the physical quantity through the NCV "
            f"({row['ncv']} {row['ncv_unit']}): give it in {per.units:~P} or a multiple",
            unit=unit)
    try:
        gj = float((q * ncv).to("GJ").magnitude)
    except pint.DimensionalityError as exc:
        raise UnitError(
            f"{where}: {fuel_id} quantity in {unit!r} ({q.dimensionality}) cannot be used with "
            f"the NCV in {row['ncv_unit']} of parameter set {parameter_set}: give a "
            f"{per.dimensionality} quantity (no density or conversion path is shipped)",
            unit=unit) from exc
    tj = gj / 1000.0
    co2_tj = row["co2_factor_tj"]
    if pd.notna(co2_tj):
        co2 = tj * float(co2_tj)  # IPCC Table 1.4 default (oxidation factor 1 included)
    else:
        co2 = tj * float(row["carbon_content"]) * float(row["oxidation"]) * CO2_PER_C
    ch4 = tj * float(row["ch4_kg_per_tj"]) / 1000 if pd.notna(row["ch4_kg_per_tj"]) else np.nan
    n2o = tj * float(row["n2o_kg_per_tj"]) / 1000 if pd.notna(row["n2o_kg_per_tj"]) else np.nan
    return {"gj": gj, "co2": co2, "ch4": ch4, "n2o": n2o, "document": row["document"],
            "verified": bool(row["verified"])}


def fuel_emissions(fuels: pd.Series, quantities: pd.Series, units: pd.Series | str, *,
                   parameter_set: str | pd.Series = "cn-gbt32150", gwp_set: str = "AR5",
                   fs: FactorSet | None = None, where: str = "fuel") -> pd.DataFrame:
    """Combustion emissions of fuel quantities, aligned with ``fuels``.

    Each unique (parameter set, fuel, unit) is resolved once with pint; the
    per-unit coefficients are broadcast. CO2 = quantity × NCV × carbon content
    × oxidation × 44/12 (or × the IPCC Table 1.4 factor where the set gives
    one); CH4 and N2O only where the parameter set has factors (``non_co2``
    says which). An unknown fuel gives ``fuel_status = unknown_fuel`` and NaN.
    """
    fs = fs or load_factors()
    gwp = fs.gwp_values(gwp_set)
    idx = fuels.index
    units = units if isinstance(units, pd.Series) else pd.Series(units, index=idx)
    psets = (parameter_set if isinstance(parameter_set, pd.Series)
             else pd.Series(parameter_set, index=idx))
    fid = fuel_ids(fuels, fs)
    frame = pd.DataFrame({"p": psets.astype("string").fillna(""), "f": fid,
                          "u": units.astype("string").fillna("")}, index=idx)
    known = pd.MultiIndex.from_frame(fs.fuels[["parameter_set", "fuel_id"]])
    in_set = pd.Series(pd.MultiIndex.from_frame(frame[["p", "f"]]).isin(known), index=idx)
    uniq = frame[in_set].drop_duplicates()
    coef = pd.DataFrame([{"p": p, "f": f, "u": u, **fuel_coefficients(
        fs, p, f, u, f"{where} ({f}, unit {u!r})")} for p, f, u in uniq.itertuples(index=False)],
        columns=["p", "f", "u", "gj", "co2", "ch4", "n2o", "document", "verified"])
    c = frame.merge(coef, on=["p", "f", "u"], how="left").set_index(idx)
    q = pd.to_numeric(quantities, errors="coerce").to_numpy(dtype=float)
    co2 = q * c["co2"].to_numpy(dtype=float)
    ch4 = q * c["ch4"].to_numpy(dtype=float)
    n2o = q * c["n2o"].to_numpy(dtype=float)
    has_non_co2 = ~np.isnan(ch4) & ~np.isnan(n2o)
    co2e = co2 + np.where(has_non_co2, ch4 * gwp["CH4"] + n2o * gwp["N2O"], 0.0)
    status = np.where(~in_set, np.where(fid == "", "unknown_fuel", "fuel_not_in_parameter_set"),
                      np.where(np.isnan(q), "missing_quantity", "ok"))
    return pd.DataFrame({
        "fuel_id": fid.to_numpy(), "parameter_set": frame["p"].to_numpy(),
        "co2_t": co2, "ch4_t": ch4, "n2o_t": n2o, "co2e_t": co2e,
        "energy_gj": q * c["gj"].to_numpy(dtype=float),
        "non_co2": np.where(has_non_co2, f"CH4+N2O included ({gwp_set})",
                            "CH4/N2O: no factor in parameter set"),
        "fuel_status": status,
        "fuel_document": c["document"].fillna("").to_numpy(),
        "fuel_verified": c["verified"].fillna(False).astype(bool).to_numpy(),
    }, index=idx)[FUEL_COLUMNS]


def tce_to_co2(fs: FactorSet, *, parameter_set: str = "cn-gbt32150",
               fuel_id: str = "raw_coal") -> dict:
    """tCO2 per tce by greenkit's coal-equivalent method (see methods.yaml)."""
    tce = fs.other_quantity("tce_energy")  # GJ/tce
    row = fs.fuel_row(parameter_set, fuel_id)
    per_tj = (float(row["co2_factor_tj"]) if pd.notna(row["co2_factor_tj"]) else
              float(row["carbon_content"]) * float(row["oxidation"]) * CO2_PER_C)
    value = float((tce * parse_unit("tce")).to("GJ").magnitude) / 1000.0 * per_tj
    return {"value": value, "unit": "tCO2/tce",
            "basis": f"{fs.other_factor('tce_energy')['value']} GJ/tce × {fuel_id} "
                     f"({parameter_set}) {per_tj:.4g} tCO2/TJ",
            "verified": bool(row["verified"]) and bool(fs.other_factor("tce_energy")["verified"])}
