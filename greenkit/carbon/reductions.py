"""Project emission reductions of tagged green loans.

For each loan tagged green (aligned or eligible) under one taxonomy column of a
tagged folder, the method is chosen by the loan's item (``methods.yaml``, rules
as data), computed on whole columns, and recorded with its inputs, the factor
and its source. The project total and the bank's attributed share (outstanding
/ total project investment, where the investment is given) are both reported.
Missing inputs give ``insufficient_data`` with the missing fields — never 0.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.carbon.common import (
    INSUFFICIENT,
    NO_METHOD,
    OK,
    REPORTED,
    fmt_num,
    mag,
    missing_list,
    num,
    present,
    provenance,
    q,
    text,
)
from greenkit.carbon.factors import (
    DEFAULT_SERIES,
    ELEC_COLUMNS,
    FactorSet,
    electricity_coefficient,
    electricity_factors,
    fuel_emissions,
    load_factors,
    tce_to_co2,
)
from greenkit.errors import (
    FINDING_COLUMNS,
    InputError,
    TaxonomyError,
    empty_findings,
)
from greenkit.io import ROW, read_table, write_csv, write_json
from greenkit.io.yamlfile import read_yaml
from greenkit.tag.folder import read_tagged  # noqa: F401 (re-exported for callers)

GREEN = ("aligned", "eligible")
RESULT_COLUMNS = [
    "loan_id", ROW, "borrower_name", "project_name", "region", "currency", "taxonomy", "edition",
    "item_code", "item_name", "tag_status", "method", "method_rule", "status", "missing",
    "reduction_tco2e", "attribution_factor", "attributed_reduction_tco2e", "attribution_basis",
    "outstanding", "project_investment", "project_key", "project_counted", "inputs", "coefficient", "coefficient_unit",
    "coefficient_basis", "parameter_set", *ELEC_COLUMNS, "reported_reduction_tco2e", "note",
]
_UNITS_NOTE = "reduction_tco2e and attributed_reduction_tco2e are annual, in tCO2e"


# --------------------------------------------------------------------------- methods table


@dataclass(frozen=True)
class Methods:
    path: Path
    methods: dict
    rules: pd.DataFrame


def load_methods(path: str | Path | None = None) -> Methods:
    """Load ``methods.yaml`` (or a user's copy); structural problems are errors."""
    if path is None:
        return _default_methods()
    return _read_methods(Path(path))


@lru_cache(maxsize=1)
def _default_methods() -> Methods:
    return _read_methods(Path(str(resources.files("greenkit.carbon").joinpath("methods.yaml"))))


def _read_methods(path: Path) -> Methods:
    doc = read_yaml(path)
    methods = doc.get("methods") or {}
    rules = pd.DataFrame(doc.get("rules") or [])
    for c in ("rule_id", "edition", "item_code", "method", "applies_if_keywords", "basis",
              "note"):
        if c not in rules:
            rules[c] = ""
    rules = rules.fillna("").astype(str)
    problems = []
    dup = rules["rule_id"].duplicated()
    problems += [f"rule {r} appears twice" for r in rules.loc[dup, "rule_id"]]
    unknown = ~rules["method"].isin(list(methods))
    problems += [f"rule {r}: unknown method {m!r}" for r, m in
                 zip(rules.loc[unknown, "rule_id"], rules.loc[unknown, "method"], strict=True)]
    for mid, m in methods.items():
        for key in ("name_zh", "formula", "basis", "source"):
            if not m.get(key):
                problems.append(f"method {mid} lacks {key!r}")
    if problems:
        found = pd.DataFrame([{"file": path.name, "row": "", "column": "", "check": "methods",
                               "value": "", "reason": "methods", "severity": "error",
                               "message": p} for p in problems], columns=FINDING_COLUMNS)
        raise TaxonomyError(f"{len(problems)} problem(s), first: {problems[0]}", path=path,
                            findings=found)
    return Methods(path=path, methods=methods, rules=rules)


def assign_methods(frame: pd.DataFrame, methods: Methods) -> pd.DataFrame:
    """Method and rule id per row from its (edition, item_code) and text; '' when none."""
    out = pd.DataFrame({"method": "", "method_rule": ""}, index=frame.index)
    edition, code = text(frame, "edition"), text(frame, "item_code")
    words = text(frame, "purpose") + " " + text(frame, "project_name")
    for rule in methods.rules.itertuples(index=False):
        mask = (out["method"] == "") & (edition == rule.edition) & (code == rule.item_code)
        if not mask.any():
            continue
        if rule.applies_if_keywords:
            pattern = "|".join(re.escape(k) for k in rule.applies_if_keywords.split("|") if k)
            mask &= words.str.contains(pattern, regex=True).fillna(False)
        out.loc[mask, "method"] = rule.method
        out.loc[mask, "method_rule"] = rule.rule_id
    return out


# --------------------------------------------------------------------------- options


@dataclass
class ReductionOptions:
    taxonomy: str = "in-force"
    year: int | None = None
    series: str = DEFAULT_SERIES
    statuses: tuple[str, ...] = GREEN
    project_data: str | Path | None = None
    allow_later_factor: bool = False
    parameter_set: str = "cn-gbt32150"
    factors: str | Path | None = None
    methods: str | Path | None = None


@dataclass
class ReductionResult:
    rows: pd.DataFrame
    by_method: pd.DataFrame
    by_item: pd.DataFrame
    summary: dict
    findings: pd.DataFrame = field(default_factory=empty_findings)


# --------------------------------------------------------------------------- inputs


def join_project_data(frame: pd.DataFrame, path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Overlay per-loan project data (keyed by loan_id) onto the loans."""
    from greenkit.validate import validate_table

    raw = read_table(path)
    v = validate_table(raw, "projects")
    data = v.accepted
    if "loan_id" not in data:
        raise InputError("project data needs a loan_id column (贷款编号)", path=path)
    data = data.drop(columns=[c for c in (ROW, "_rejected") if c in data]).drop_duplicates(
        "loan_id", keep="first").set_index("loan_id")
    unknown = ~data.index.isin(frame["loan_id"])
    findings = [v.findings]
    if unknown.any():
        findings.append(pd.DataFrame({
            "file": str(path), "row": "", "column": "loan_id", "check": "join",
            "value": data.index[unknown].astype(str), "reason": "unknown_loan_id",
            "severity": "warning", "message": "loan id not in the tagged folder"},
            columns=FINDING_COLUMNS))
    out = frame.copy()
    keyed = out.set_index("loan_id")
    for col in data.columns:
        if col in ("currency",):
            continue
        newer = data[col].reindex(keyed.index)
        out[col] = (newer.combine_first(keyed[col]) if col in keyed else newer).to_numpy()
    f = pd.concat([x for x in findings if len(x)], ignore_index=True) if any(
        len(x) for x in findings) else empty_findings()
    return out, f


# --------------------------------------------------------------------------- methods


@dataclass
class _Ctx:
    fs: FactorSet
    year: int
    series: str
    allow_later: bool
    parameter_set: str
    methods: dict


def _blank(sub: pd.DataFrame) -> pd.DataFrame:
    res = pd.DataFrame(index=sub.index)
    res["reduction_tco2e"] = np.nan
    res["status"] = INSUFFICIENT
    res["missing"] = ""
    res["inputs"] = ""
    for c in ("coefficient", "coefficient_unit", "coefficient_basis", "parameter_set", "note"):
        res[c] = np.nan if c == "coefficient" else ""
    for c in ELEC_COLUMNS:
        res[c] = pd.NA
    return res


def _grid(sub: pd.DataFrame, ctx: _Ctx, res: pd.DataFrame, mask: pd.Series) -> pd.Series:
    """Grid factor (tCO2/MWh) for rows in ``mask``; records the factor columns."""
    ef = pd.Series(np.nan, index=sub.index)
    if not mask.any():
        return ef
    look = electricity_factors(text(sub, "region")[mask], ctx.year, series=ctx.series,
                               fs=ctx.fs, allow_later=ctx.allow_later)
    for c in ELEC_COLUMNS:
        res.loc[mask, c] = look[c]
    ef[mask] = look["factor_value"]
    gap = mask & ef.isna()
    res.loc[gap, "missing"] = _join(res.loc[gap, "missing"],
                                    f"electricity factor ({ctx.series}) for a data year ≤ "
                                    f"{ctx.year}")
    return ef


def _join(a: pd.Series, b: str | pd.Series) -> pd.Series:
    b = b if isinstance(b, pd.Series) else pd.Series(b, index=a.index)
    a, b = a.astype("string").fillna(""), b.astype("string").fillna("")
    return (a + ";" + b).str.strip(";").str.replace(";;", ";", regex=False)


def _finish(res: pd.DataFrame, value: pd.Series, ok: pd.Series) -> pd.DataFrame:
    res.loc[ok, "reduction_tco2e"] = value[ok]
    res.loc[ok, "status"] = OK
    res.loc[ok, "missing"] = ""
    return res


def m_renewable(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    res["missing"] = missing_list(sub, ["annual_generation"])
    gen = num(sub, "annual_generation")
    ef = _grid(sub, ctx, res, gen.notna())
    red = pd.Series(mag(q(gen, "MWh") * q(ef, "tCO2/MWh"), "tCO2e", "renewable_generation"),
                    index=sub.index)
    res["inputs"] = "annual_generation=" + fmt_num(gen) + " MWh"
    return _finish(res, red, red.notna())


def _energy_saving(sub: pd.DataFrame, ctx: _Ctx, res: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Savings in tce and/or MWh → tCO2e; returns (value, usable)."""
    tce, mwh = num(sub, "energy_saved"), num(sub, "electricity_saved")
    k = tce_to_co2(ctx.fs)
    from_tce = pd.Series(mag(q(tce, "tce") * q(np.full(len(sub), k["value"]), "tCO2/tce"),
                             "tCO2e", "energy_saving"), index=sub.index)
    ef = _grid(sub, ctx, res, mwh.notna())
    from_mwh = pd.Series(mag(q(mwh, "MWh") * q(ef, "tCO2/MWh"), "tCO2e", "energy_saving"),
                         index=sub.index)
    usable = (tce.notna() | mwh.notna()) & ~(mwh.notna() & ef.isna())
    value = from_tce.fillna(0.0).where(tce.notna(), 0.0) + from_mwh.where(mwh.notna(), 0.0)
    has_tce = tce.notna()
    res.loc[has_tce, "coefficient"] = k["value"]
    res.loc[has_tce, "coefficient_unit"] = k["unit"]
    res.loc[has_tce, "coefficient_basis"] = "greenkit coal-equivalent method: " + k["basis"]
    res.loc[has_tce, "parameter_set"] = "cn-gbt32150"
    parts = ("energy_saved=" + fmt_num(tce) + " tce").where(has_tce, "")
    parts = _join(parts, ("electricity_saved=" + fmt_num(mwh) + " MWh").where(mwh.notna(), ""))
    res["inputs"] = parts
    return value.where(usable), usable


def m_energy_saving(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    value, usable = _energy_saving(sub, ctx, res)
    none = ~present(sub, "energy_saved") & ~present(sub, "electricity_saved")
    res.loc[none, "missing"] = "energy_saved|electricity_saved"
    return _finish(res, value, usable)


def m_green_building(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    value, usable = _energy_saving(sub, ctx, res)
    res = _finish(res, value, usable)
    bp = _baseline_project(sub)
    done = ~usable & bp["ok"]
    res.loc[done, "reduction_tco2e"] = bp["value"][done]
    res.loc[done, ["status", "missing"]] = [OK, ""]
    res.loc[done, "inputs"] = bp["inputs"][done]
    left = ~usable & ~done
    res.loc[left, "missing"] = "energy_saved|electricity_saved|baseline_emissions+project_emissions"
    res.loc[left, "note"] = ("green-building baseline (savings against the design standard) "
                             "must be stated; greenkit ships none")
    return res


def _baseline_project(sub: pd.DataFrame) -> pd.DataFrame:
    b, p = num(sub, "baseline_emissions"), num(sub, "project_emissions")
    return pd.DataFrame({
        "value": pd.Series(mag(q(b, "tCO2e") - q(p, "tCO2e"), "tCO2e", "baseline_minus_project"),
                           index=sub.index),
        "ok": b.notna() & p.notna(),
        "missing": missing_list(sub, ["baseline_emissions", "project_emissions"]),
        "inputs": "baseline_emissions=" + fmt_num(b) + " tCO2e;project_emissions=" + fmt_num(p)
                  + " tCO2e"}, index=sub.index)


def m_baseline_project(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    bp = _baseline_project(sub)
    res["missing"], res["inputs"] = bp["missing"], bp["inputs"]
    return _finish(res, bp["value"], bp["ok"])


def m_storage(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = m_baseline_project(sub, ctx)
    res.loc[res["status"] == INSUFFICIENT, "note"] = (
        "storage reductions depend on the charging source and the generation displaced; "
        "greenkit ships no baseline — state baseline_emissions and project_emissions")
    return res


def m_waste_to_energy(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    res["missing"] = missing_list(sub, ["annual_generation", "project_emissions"])
    gen, proj = num(sub, "annual_generation"), num(sub, "project_emissions")
    ef = _grid(sub, ctx, res, gen.notna())
    red = pd.Series(mag(q(gen, "MWh") * q(ef, "tCO2/MWh") - q(proj, "tCO2e"), "tCO2e",
                        "waste_to_energy"), index=sub.index)
    res["inputs"] = ("annual_generation=" + fmt_num(gen) + " MWh;project_emissions="
                     + fmt_num(proj) + " tCO2e")
    res.loc[proj.isna(), "note"] = ("the fossil CO2 of the waste burnt depends on its "
                                    "composition and must be stated (project_emissions)")
    return _finish(res, red, red.notna())


def _fuel_side(sub: pd.DataFrame, ctx: _Ctx, res: pd.DataFrame, prefix: str) -> pd.Series:
    """tCO2e of the baseline or project fuel column set; electricity uses the grid factor."""
    fuel = text(sub, f"{prefix}_fuel")
    qty = num(sub, f"{prefix}_fuel_quantity")
    unit = text(sub, f"{prefix}_fuel_unit")
    is_elec = fuel.str.lower().isin(["electricity", "电", "电力", "电能"])
    value = pd.Series(np.nan, index=sub.index)
    fuel_rows = ~is_elec & (fuel != "") & qty.notna() & (unit != "")
    if fuel_rows.any():
        em = fuel_emissions(fuel[fuel_rows], qty[fuel_rows], unit[fuel_rows],
                            parameter_set=ctx.parameter_set, fs=ctx.fs,
                            where=f"{prefix}_fuel_unit")
        value[fuel_rows] = em["co2e_t"]
        bad = em["fuel_status"] != "ok"
        if bad.any():
            idx = em.index[bad]
            res.loc[idx, "missing"] = _join(res.loc[idx, "missing"],
                                            f"{prefix}_fuel (not in {ctx.parameter_set})")
    elec_rows = is_elec & qty.notna() & (unit != "")
    if elec_rows.any():
        coef = unit[elec_rows].map({u: electricity_coefficient(u, f"{prefix}_fuel_unit")
                                    for u in unit[elec_rows].unique()})
        ef = _grid(sub, ctx, res, elec_rows)
        mwh = qty[elec_rows] * coef
        value[elec_rows] = mag(q(mwh, "MWh") * q(ef[elec_rows], "tCO2/MWh"), "tCO2e",
                               f"{prefix}_fuel")
    return value


def m_fuel_switching(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    cols = [f"{s}_fuel{x}" for s in ("baseline", "project") for x in ("", "_quantity", "_unit")]
    res["missing"] = missing_list(sub, cols)
    base = _fuel_side(sub, ctx, res, "baseline")
    proj = _fuel_side(sub, ctx, res, "project")
    red = base - proj
    res["parameter_set"] = ctx.parameter_set
    res["inputs"] = ("baseline=" + text(sub, "baseline_fuel") + " " +
                     fmt_num(num(sub, "baseline_fuel_quantity")) + " " +
                     text(sub, "baseline_fuel_unit") + ";project=" + text(sub, "project_fuel") +
                     " " + fmt_num(num(sub, "project_fuel_quantity")) + " " +
                     text(sub, "project_fuel_unit"))
    return _finish(res, red, red.notna())


def m_nev(sub: pd.DataFrame, ctx: _Ctx) -> pd.DataFrame:
    res = _blank(sub)
    need = ["vehicle_count", "annual_mileage", "baseline_fuel_economy", "baseline_vehicle_fuel",
            "fuel_density", "ev_electricity_economy"]
    res["missing"] = missing_list(sub, need)
    n, km = num(sub, "vehicle_count"), num(sub, "annual_mileage")
    lper, dens = num(sub, "baseline_fuel_economy"), num(sub, "fuel_density")
    kwh = num(sub, "ev_electricity_economy")
    distance = q(n, "dimensionless") * q(km, "km")
    fuel_t = pd.Series(mag(distance * q(lper, "L/(100*km)") * q(dens, "kg/L"), "t",
                           "baseline fuel mass"), index=sub.index)
    elec_mwh = pd.Series(mag(distance * q(kwh, "kWh/(100*km)"), "MWh", "EV electricity"),
                         index=sub.index)
    base = pd.Series(np.nan, index=sub.index)
    fuel = text(sub, "baseline_vehicle_fuel")
    rows = fuel_t.notna() & (fuel != "")
    if rows.any():
        em = fuel_emissions(fuel[rows], fuel_t[rows], "t", parameter_set=ctx.parameter_set,
                            fs=ctx.fs, where="baseline_vehicle_fuel")
        base[rows] = em["co2e_t"]
    ef = _grid(sub, ctx, res, elec_mwh.notna())
    proj = pd.Series(mag(q(elec_mwh, "MWh") * q(ef, "tCO2/MWh"), "tCO2e", "EV electricity"),
                     index=sub.index)
    red = base - proj
    res["parameter_set"] = ctx.parameter_set
    res["inputs"] = ("vehicles=" + fmt_num(n) + ";km=" + fmt_num(km) + ";baseline=" +
                     fmt_num(lper) + " L/100km " + fuel + " at " + fmt_num(dens) + " kg/L;EV=" +
                     fmt_num(kwh) + " kWh/100km")
    res.loc[res["missing"] != "", "note"] = ("the baseline vehicle's fuel consumption and the "
                                             "fuel density must be stated with their source; "
                                             "greenkit ships no baseline")
    return _finish(res, red, red.notna())


METHOD_FUNCS = {
    "renewable_generation": m_renewable,
    "energy_saving": m_energy_saving,
    "green_building": m_green_building,
    "energy_storage": m_storage,
    "waste_to_energy": m_waste_to_energy,
    "fuel_switching": m_fuel_switching,
    "nev_vs_conventional": m_nev,
    "baseline_minus_project": m_baseline_project,
}


# --------------------------------------------------------------------------- driver


def compute_reductions(frame: pd.DataFrame, opts: ReductionOptions | None = None, *,
                       fs: FactorSet | None = None, methods: Methods | None = None,
                       year: int | None = None) -> pd.DataFrame:
    """Per-loan reductions for rows of ``frame`` (tag columns edition/item_code/tag_status)."""
    opts = opts or ReductionOptions()
    fs = fs or load_factors(opts.factors)
    methods = methods or load_methods(opts.methods)
    year = int(year or opts.year or dt.date.today().year)
    ctx = _Ctx(fs=fs, year=year, series=opts.series, allow_later=opts.allow_later_factor,
               parameter_set=opts.parameter_set, methods=methods.methods)
    green = frame[text(frame, "tag_status").isin(opts.statuses)].copy()
    assigned = assign_methods(green, methods)
    green["method"], green["method_rule"] = assigned["method"], assigned["method_rule"]
    parts = []
    for method, func in METHOD_FUNCS.items():
        sub = green[green["method"] == method]
        if len(sub):
            parts.append(func(sub, ctx))
    res = pd.concat(parts) if parts else _blank(green.iloc[:0])
    res = res.reindex(green.index)
    nomethod = green["method"] == ""
    res.loc[nomethod, "status"] = NO_METHOD
    res.loc[nomethod, "note"] = "no greenkit method for this item (methods.yaml)"
    res.loc[nomethod, "missing"] = ""
    out = green.join(res)
    out = _fallbacks(out)
    out = _attribute(out)
    out = _projects(out)
    out["reported_reduction_tco2e"] = num(out, "reported_reduction")
    for c in RESULT_COLUMNS:
        if c not in out:
            out[c] = pd.NA
    out["missing"] = out["missing"].astype("string").fillna("")
    return out[RESULT_COLUMNS].reset_index(drop=True)


def _fallbacks(out: pd.DataFrame) -> pd.DataFrame:
    """Insufficient rows: the user's baseline/project figures, then a reported figure."""
    insufficient = out["status"] == INSUFFICIENT
    bp = _baseline_project(out)
    use_bp = insufficient & bp["ok"] & ~out["method"].isin(["baseline_minus_project",
                                                            "energy_storage"])
    out.loc[use_bp, "reduction_tco2e"] = bp["value"]
    out.loc[use_bp, "note"] = _join(out.loc[use_bp, "note"],
                                    "greenkit method lacked: " + out.loc[use_bp, "missing"])
    out.loc[use_bp, ["method", "status", "missing"]] = ["baseline_minus_project", OK, ""]
    out.loc[use_bp, "inputs"] = bp["inputs"]
    rep = num(out, "reported_reduction")
    use_rep = (out["status"] == INSUFFICIENT) & rep.notna()
    out.loc[use_rep, "reduction_tco2e"] = rep
    out.loc[use_rep, "note"] = _join(out.loc[use_rep, "note"],
                                     "reported figure used; greenkit method lacked: "
                                     + out.loc[use_rep, "missing"])
    out.loc[use_rep, ["method", "status"]] = ["reported", REPORTED]
    out.loc[use_rep, "inputs"] = "reported_reduction=" + fmt_num(rep[use_rep]) + " tCO2e"
    return out


def _attribute(out: pd.DataFrame) -> pd.DataFrame:
    """Bank's share = outstanding / total project investment (capped at 1), where given."""
    outstanding, inv = num(out, "outstanding"), num(out, "project_investment")
    share = (outstanding / inv).where(inv > 0)
    capped = share > 1
    out["attribution_factor"] = share.clip(upper=1.0)
    out["attribution_basis"] = np.where(
        share.isna(), "no project_investment: attributed share not computed",
        np.where(capped, "outstanding/project_investment > 1, capped at 1",
                 "outstanding/project_investment"))
    out["attributed_reduction_tco2e"] = out["reduction_tco2e"] * out["attribution_factor"]
    return out


def _projects(out: pd.DataFrame) -> pd.DataFrame:
    """One project financed by several loans counts once in project totals.

    The key is the borrower (credit code, else name) plus the project name; a
    loan without a project name is its own project. The first loan with a
    figure carries the project total (``project_counted``); every loan keeps its
    own attributed share.
    """
    who = text(out, "borrower_id").where(text(out, "borrower_id") != "",
                                         text(out, "borrower_name"))
    name = text(out, "project_name").str.strip()
    key = (who + "|" + name).where(name != "", "loan:" + text(out, "loan_id"))
    out["project_key"] = key
    has = out["status"].isin([OK, REPORTED])
    first = ~key.where(has).duplicated(keep="first") | ~has
    out["project_counted"] = (has & first).astype(bool)
    return out


def summarise(rows: pd.DataFrame, *, year: int, opts: ReductionOptions, fs: FactorSet,
              methods: Methods, source: dict | None = None) -> tuple[dict, pd.DataFrame,
                                                                     pd.DataFrame]:
    """Totals by method and by item, counts by status, factor editions used."""
    counted = rows["status"].isin([OK, REPORTED])
    once = counted & rows["project_counted"].astype(bool)

    def table(keys: list[str]) -> pd.DataFrame:
        g = rows.assign(method=rows["method"].replace("", "(no method)"), _ok=counted,
                        _ins=rows["status"] == INSUFFICIENT,
                        _red=rows["reduction_tco2e"].where(once),
                        _att=rows["attributed_reduction_tco2e"].where(counted))
        grouped = g.groupby(keys, dropna=False, sort=True)
        t = grouped.agg(loans=("loan_id", "size"), computed=("_ok", "sum"),
                        insufficient_data=("_ins", "sum"))
        # min_count=1: a group with nothing computed shows empty, not 0
        sums = grouped[["_red", "_att", "outstanding"]].sum(min_count=1)
        t["reduction_tco2e"] = sums["_red"]
        t["attributed_reduction_tco2e"] = sums["_att"]
        t["outstanding"] = sums["outstanding"]
        return t.reset_index()

    by_method = table(["method"])
    by_item = table(["edition", "item_code", "item_name"])
    used = rows[rows["factor_status"] == "ok"] if "factor_status" in rows else rows.iloc[:0]
    factors_used = (used.groupby(["factor_series", "factor_year", "factor_document"])
                    .size().rename("rows").reset_index().to_dict("records"))
    summary = provenance(
        reporting_year=year, taxonomy=opts.taxonomy, statuses=list(opts.statuses),
        electricity_series=opts.series, parameter_set=opts.parameter_set,
        loans=int(len(rows)),
        by_status={k: int(v) for k, v in rows["status"].value_counts().items()},
        totals={"reduction_tco2e": float(rows.loc[once, "reduction_tco2e"].sum()),
                "projects_counted": int(once.sum()),
                "loans_sharing_a_counted_project": int((counted & ~once).sum()),
                "attributed_reduction_tco2e": float(
                    rows.loc[counted, "attributed_reduction_tco2e"].sum()),
                "loans_counted": int(counted.sum()),
                "loans_attributed": int((counted & rows["attribution_factor"].notna()).sum()),
                "unit": "tCO2e per year"},
        by_method=by_method.to_dict("records"),
        factors_used=factors_used,
        factor_tables={"path": str(fs.path), "manifest_id": fs.manifest.get("id", ""),
                       "tables": fs.table_counts()},
        methods_file=str(methods.path),
        note=_UNITS_NOTE + "; loans with status insufficient_data are listed with the "
             "missing fields and are not counted (never as 0); a project financed by several "
             "loans counts once in reduction_tco2e (project_counted), each loan keeps its "
             "attributed share",
        source=source or {},
    )
    return summary, by_method, by_item


def reductions(tagged_dir: str | Path, opts: ReductionOptions | None = None) -> ReductionResult:
    """Python API: ``greenkit carbon reductions`` without writing files."""
    opts = opts or ReductionOptions()
    frame, tag_summary = read_tagged(tagged_dir, opts.taxonomy)
    findings = empty_findings()
    if opts.project_data:
        frame, findings = join_project_data(frame, opts.project_data)
    year = opts.year
    if year is None and tag_summary.get("as_of"):
        year = int(str(tag_summary["as_of"])[:4])
    year = int(year or dt.date.today().year)
    fs = load_factors(opts.factors)
    methods = load_methods(opts.methods)
    rows = compute_reductions(frame, opts, fs=fs, methods=methods, year=year)
    source = {"tagged_dir": str(tagged_dir), "input": tag_summary.get("input", {}),
              "as_of": tag_summary.get("as_of"), "project_data": str(opts.project_data or "")}
    summary, by_method, by_item = summarise(rows, year=year, opts=opts, fs=fs, methods=methods,
                                            source=source)
    return ReductionResult(rows=rows, by_method=by_method, by_item=by_item, summary=summary,
                           findings=findings)


def write_reductions(result: ReductionResult, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "reductions": write_csv(result.rows, out / "reductions.csv"),
        "by_method": write_csv(result.by_method, out / "reductions_by_method.csv"),
        "by_item": write_csv(result.by_item, out / "reductions_by_item.csv"),
        "summary": write_json(result.summary, out / "reductions_summary.json"),
    }
    if len(result.findings):
        paths["findings"] = write_csv(result.findings, out / "reductions_findings.csv")
    return paths
