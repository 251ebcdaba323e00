"""碳减排支持工具 disclosure table from a tagged book.

Per quarter of approval: number of projects, loan amount, weighted average
interest rate (weights: amount) and the annual CO2e reduction the loans drive,
plus the year-to-date and cumulative rows a bank's disclosure carries. Which
tagged loans count is data (``cerf.yaml``, greenkit's reading of the PBoC
announcements, see there); the reductions come from ``greenkit carbon
reductions``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.carbon.common import INSUFFICIENT, OK, REPORTED, num, provenance, text
from greenkit.carbon.factors import load_factors
from greenkit.carbon.reductions import (
    ReductionOptions,
    compute_reductions,
    load_methods,
)
from greenkit.errors import ConfigError, InputError, InputFileNotFound
from greenkit.io import ROW, write_csv, write_json
from greenkit.io.yamlfile import read_yaml
from greenkit.tag.folder import read_tagged

TABLE_COLUMNS = ["period", "period_type", "projects", "loans", "loan_amount_wan_yuan",
                 "weighted_avg_rate_pct", "annual_reduction_tco2e", "loans_with_reduction",
                 "loans_without_reduction", "project_total_reduction_tco2e"]
LOAN_COLUMNS = ["loan_id", ROW, "borrower_name", "project_name", "approval_date", "quarter",
                "edition", "item_code", "item_name", "cerf_rule", "cerf_domain", "outstanding",
                "currency", "interest_rate", "reduction_status", "reduction_tco2e",
                "attributed_reduction_tco2e", "method"]


@dataclass(frozen=True)
class CerfRules:
    path: Path
    doc: dict
    rules: pd.DataFrame


def load_cerf_rules(path: str | Path | None = None) -> CerfRules:
    if path is None:
        return _default_rules()
    return _read_rules(Path(path))


@lru_cache(maxsize=1)
def _default_rules() -> CerfRules:
    return _read_rules(Path(str(resources.files("greenkit.carbon").joinpath("cerf.yaml"))))


def _read_rules(path: Path) -> CerfRules:
    doc = read_yaml(path)
    rules = pd.DataFrame(doc.get("rules") or [])
    for c in ("rule_id", "edition", "code_prefix", "domain", "effective_from", "carbon_effect",
              "exclude_codes", "basis"):
        if c not in rules:
            rules[c] = ""
    rules = rules.fillna("").astype(str)
    if rules.empty or rules["rule_id"].duplicated().any() or (rules["domain"] == "").any():
        raise ConfigError("rules need unique rule_id and a domain", path=path)
    try:
        rules["effective_from"] = pd.to_datetime(rules["effective_from"], format="%Y-%m-%d")
    except ValueError as exc:
        raise ConfigError(f"effective_from must be YYYY-MM-DD: {exc}", path=path) from exc
    return CerfRules(path=path, doc=doc, rules=rules)


def _carbon_effect(frame: pd.DataFrame) -> pd.Series:
    """carbon_effect of each row's item, from its edition's items.csv."""
    from greenkit.taxonomy import load_taxonomy

    out = pd.Series("", index=frame.index, dtype="string")
    edition = text(frame, "edition")
    for ed in edition[edition != ""].unique():
        items = load_taxonomy(ed).items
        effect = dict(zip(items["code"].astype(str), items["carbon_effect"].fillna("").astype(str),
                          strict=True))
        mask = edition == ed
        out[mask] = text(frame, "item_code")[mask].map(effect).fillna("")
    return out


def match_rules(frame: pd.DataFrame, rules: CerfRules) -> pd.DataFrame:
    """First matching rule and domain per row ('' when the loan does not count)."""
    out = pd.DataFrame({"cerf_rule": "", "cerf_domain": ""}, index=frame.index)
    code, edition = text(frame, "item_code"), text(frame, "edition")
    approval = pd.to_datetime(frame.get("approval_date"), errors="coerce")
    effect = _carbon_effect(frame) if (rules.rules["carbon_effect"] != "").any() else None
    for r in rules.rules.itertuples(index=False):
        mask = ((out["cerf_rule"] == "") & (edition == r.edition)
                & ((code == r.code_prefix) | code.str.startswith(r.code_prefix + "."))
                & (approval >= r.effective_from).fillna(False))
        if r.exclude_codes:
            mask &= ~code.isin(r.exclude_codes.split("|"))
        if r.carbon_effect and effect is not None:
            mask &= effect == r.carbon_effect
        out.loc[mask, "cerf_rule"] = r.rule_id
        out.loc[mask, "cerf_domain"] = r.domain
    return out


@dataclass
class CerfOptions:
    taxonomy: str = "in-force"
    year: int | None = None
    reductions: str | Path | None = None
    rules: str | Path | None = None
    statuses: tuple[str, ...] = ("aligned", "eligible")


@dataclass
class CerfResult:
    loans: pd.DataFrame
    table: pd.DataFrame
    summary: dict


def _quarter(d: pd.Series) -> pd.Series:
    d = pd.to_datetime(d, errors="coerce")
    return (d.dt.year.astype("Int64").astype("string") + "Q"
            + d.dt.quarter.astype("Int64").astype("string"))


def _aggregate(g: pd.DataFrame, period: str, kind: str) -> dict:
    amount = g["outstanding"]
    rate = g["interest_rate"]
    w = amount.where(rate.notna())
    counted = g["reduction_status"].isin([OK, REPORTED])
    project = g["project_name"].fillna("").astype(str)
    key = project.where(project != "", "loan:" + g["loan_id"].astype(str))
    return {
        "period": period, "period_type": kind, "projects": int(key.nunique()),
        "loans": int(len(g)), "loan_amount_wan_yuan": float(amount.sum() / 1e4),
        "weighted_avg_rate_pct": float((w * rate).sum() / w.sum()) if w.sum() > 0 else np.nan,
        "annual_reduction_tco2e": float(g.loc[counted, "attributed_reduction_tco2e"].sum(
            min_count=1)) if counted.any() else np.nan,
        "loans_with_reduction": int((counted & g["attributed_reduction_tco2e"].notna()).sum()),
        "loans_without_reduction": int((~counted | g["attributed_reduction_tco2e"].isna()).sum()),
        "project_total_reduction_tco2e": float(g.loc[counted & ~key.duplicated(),
                                                     "reduction_tco2e"].sum(min_count=1))
        if counted.any() else np.nan,
    }


def disclosure_table(loans: pd.DataFrame) -> pd.DataFrame:
    """Quarter rows, then year-to-date rows for each year, then the cumulative row.

    Loops run over quarters and years (a handful), never over loans.
    """
    rows = []
    for period, g in loans.groupby("quarter", sort=True):
        rows.append(_aggregate(g, str(period), "quarter"))
    years = loans["quarter"].str[:4]
    for year, g in loans.groupby(years, sort=True):
        rows.append(_aggregate(g, str(year), "year"))
    if len(loans):
        rows.append(_aggregate(loans, "cumulative", "cumulative"))
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def cerf(tagged_dir: str | Path, opts: CerfOptions | None = None) -> CerfResult:
    """Python API of ``greenkit carbon cerf``."""
    opts = opts or CerfOptions()
    frame, tag_summary = read_tagged(tagged_dir, opts.taxonomy)
    rules = load_cerf_rules(opts.rules)
    year = opts.year or (int(str(tag_summary["as_of"])[:4]) if tag_summary.get("as_of")
                         else dt.date.today().year)
    if opts.reductions:
        path = Path(opts.reductions)
        if not path.exists():
            raise InputFileNotFound(f"{path} does not exist", path=path)
        red = pd.read_csv(path, dtype={"loan_id": str}, encoding="utf-8-sig")
        need = {"loan_id", "status", "reduction_tco2e", "attributed_reduction_tco2e", "method"}
        if not need <= set(red.columns):
            raise InputError(f"not a reductions.csv (needs {', '.join(sorted(need))})", path=path)
    else:
        red = compute_reductions(frame, ReductionOptions(taxonomy=opts.taxonomy),
                                 fs=load_factors(), methods=load_methods(), year=year)
    green = frame[text(frame, "tag_status").isin(opts.statuses)].copy()
    m = match_rules(green, rules)
    green = green.join(m)
    green = green[green["cerf_rule"] != ""]
    cny = text(green, "currency").isin(["CNY", ""])
    excluded_non_cny = int((~cny).sum())
    green = green[cny]
    red = red[["loan_id", "status", "reduction_tco2e", "attributed_reduction_tco2e", "method"]]
    red = red.rename(columns={"status": "reduction_status"}).drop_duplicates("loan_id")
    loans = green.merge(red, on="loan_id", how="left")
    loans["reduction_status"] = loans["reduction_status"].fillna(INSUFFICIENT)
    loans["quarter"] = _quarter(loans.get("approval_date"))
    loans["outstanding"] = num(loans, "outstanding")
    loans["interest_rate"] = num(loans, "interest_rate")
    for c in LOAN_COLUMNS:
        if c not in loans:
            loans[c] = pd.NA
    loans = loans[LOAN_COLUMNS].sort_values(["quarter", "loan_id"], kind="stable",
                                            ignore_index=True)
    no_date = loans["quarter"].isna()
    table = disclosure_table(loans[~no_date])
    summary = provenance(
        tool="碳减排支持工具 (PBoC carbon emission reduction facility)",
        rules_file=str(rules.path), taxonomy=opts.taxonomy, reporting_year=year,
        loans=int(len(loans)), loans_without_approval_date=int(no_date.sum()),
        excluded_non_cny=excluded_non_cny,
        by_domain={str(k): int(v) for k, v in loans["cerf_domain"].value_counts().items()},
        notes=[
            "eligibility is greenkit's reading of the PBoC announcements (cerf.yaml); "
            "use your bank's own list with --rules",
            "loan amount = outstanding balance (the book has no disbursed amount)",
            "annual reduction = the loans' attributed share of their projects' annual "
            "reduction (outstanding / total project investment); loans without it are counted "
            "in loans_without_reduction, never as 0",
        ],
        tagged_input=tag_summary.get("input", {}))
    return CerfResult(loans=loans, table=table, summary=summary)


def write_cerf(result: CerfResult, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {"table": write_csv(result.table, out / "cerf_disclosure.csv"),
            "loans": write_csv(result.loans, out / "cerf_loans.csv"),
            "summary": write_json(result.summary, out / "cerf_summary.json")}
