"""Recognise candidate green enterprises and projects from tagged data.

Inputs (see ``greenkit/library/README`` section of samples/README.md):

* a **tagged folder** written by ``greenkit tag`` (``tagged.csv`` and
  ``loans.parquet``; ``summary.json`` gives the default as-of date);
* optionally **company data** (``tables: [companies]`` in
  ``greenkit/fields/library.yaml``): one row per business line with revenue,
  profit and green flag, plus the screens (penalty date, environmental credit
  rating, blacklist);
* optionally a **carbon reductions** CSV with the columns ``loan_id``,
  ``reduction_tco2e`` (tCO2e per year, a number) and ``status`` (free text,
  recorded as evidence);
* the MIIT green-factory list (supporting evidence).

Projects are loans grouped by borrower credit code and project name (a loan
without a project name is a project of its own), so a project financed by two
loans is one candidate. Every rule of the rules file is evaluated as column
operations over all candidates at once; the result is a decisions table (one
row per candidate: recognised or not, tier, the rules that decided, a
human-readable reason) and a long outcomes table (one row per candidate and
rule, with the value used), from which any decision can be explained.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from greenkit.errors import FINDING_COLUMNS, InputError, empty_findings
from greenkit.ids import uscc_problem
from greenkit.io.read import file_sha256, read_table
from greenkit.library.names import (
    FactoryList,
    clean_codes,
    default_factory_path,
    load_factories,
    match_factories,
    name_key,
)
from greenkit.library.rules import Rule, RuleSet, load_rules
from greenkit.tag.folder import read_tagged as read_tagged_folder
from greenkit.validate import REJECTED, validate_table

#: The edition whose items carry the 温室气体减排贡献属性 (carbon_effect).
CARBON_EFFECT_EDITION = "cn-green-finance-2025"
#: Default taxonomy of a business line's taxonomy code.
DEFAULT_LINE_TAXONOMY = "cn-green-finance-2025"
#: Worst status first: a project is as strong as its weakest loan.
STATUS_RANK = {"excluded": 0, "not_aligned": 1, "not_eligible": 2, "eligible": 3, "aligned": 4}
_RANK_STATUS = {v: k for k, v in STATUS_RANK.items()}

DECISION_COLUMNS = [
    "kind", "subject_key", "name", "credit_code", "recognised", "tier", "tier_label_zh",
    "tier_label_en", "rules_fired", "reasons", "notes",
]
OUTCOME_COLUMNS = ["kind", "subject_key", "rule_id", "role", "outcome", "effect", "detail"]
EVIDENCE_COLUMNS = ["kind", "subject_key", "evidence_type", "description", "value"]
SCREEN_COLUMNS = ["env_penalty_date", "env_credit_rating", "credit_blacklist"]


@dataclass
class Recognition:
    """Everything one recognition run decided, and why."""

    decisions: pd.DataFrame
    outcomes: pd.DataFrame
    evidence: pd.DataFrame
    findings: pd.DataFrame
    rules: RuleSet
    as_of: dt.date
    inputs: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        d = self.decisions
        out: dict[str, Any] = {}
        for kind in ("enterprise", "project"):
            k = d[d["kind"] == kind]
            out[kind] = {"candidates": int(len(k)), "recognised": int(k["recognised"].sum()),
                         "rejected": int((~k["recognised"]).sum()),
                         "by_tier": {str(t): int(n) for t, n in
                                     k.loc[k["recognised"], "tier"].value_counts().items()}}
        return out

    def explain(self, kind: str, subject_key: str) -> pd.DataFrame:
        o = self.outcomes
        return o[(o["kind"] == kind) & (o["subject_key"] == subject_key)]


# --------------------------------------------------------------------------
# Reading inputs
# --------------------------------------------------------------------------

def read_tagged(folder: Path, taxonomy: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Loans with their tag under ``taxonomy``, from a ``greenkit tag`` folder,
    in the library's column names, and the provenance of what was read."""
    frame, summary = read_tagged_folder(folder, taxonomy)
    frame = frame.rename(columns={"edition": "taxonomy_edition", "item_code": "taxonomy_code",
                                  "item_name": "taxonomy_name", "tag_status": "taxonomy_status",
                                  "tag_rules": "tag_rules", "tag_reason": "tag_reason"})
    keep = ["loan_id", "borrower_name", "borrower_id", "project_name", "purpose",
            "industry_code", "outstanding", "currency", "approval_date", "region",
            "taxonomy_edition", "taxonomy_code", "taxonomy_name", "taxonomy_status",
            "tag_rules", "tag_reason"]
    for c in keep:
        if c not in frame:
            frame[c] = pd.Series(pd.NA, index=frame.index, dtype="string")
    provenance = {**summary["_provenance"], "book": (summary.get("input") or {}).get("sha256"),
                  "tagged_as_of": summary.get("as_of")}
    return frame[keep], provenance


def read_company_data(path: str | Path, amount_unit: str | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Validated business-line rows (accepted only), findings, and the file hash."""
    raw = read_table(path)
    v = validate_table(raw, "companies", amount_unit=amount_unit)
    f = v.frame
    if "borrower_name" not in f and "borrower_id" not in f:
        raise InputError("company data needs a 企业名称 (borrower_name) or 统一社会信用代码 "
                         f"(borrower_id) column; found {', '.join(raw.headers)}", path=raw.path)
    accepted = f[f[REJECTED] == ""].copy()
    for c in ("borrower_name", "borrower_id", "business_line", "line_taxonomy_code",
              "line_taxonomy", "env_credit_rating"):
        if c not in accepted:
            accepted[c] = pd.Series(pd.NA, index=accepted.index, dtype="string")
    for c in ("line_revenue", "line_profit"):
        if c not in accepted:
            accepted[c] = np.nan
    for c in ("line_is_green", "credit_blacklist"):
        if c not in accepted:
            accepted[c] = pd.Series(pd.NA, index=accepted.index, dtype="boolean")
    if "env_penalty_date" not in accepted:
        accepted["env_penalty_date"] = pd.NaT
    if "fiscal_year" not in accepted:
        accepted["fiscal_year"] = np.nan
    return accepted, v.findings, raw.sha256


def read_reductions(path: str | Path) -> tuple[pd.DataFrame, str]:
    """Per-loan reductions: loan_id, reduction_tco2e (float, NaN if not a number), status.

    Only those three columns are read (``greenkit carbon`` writes many more, among
    them a ``_row`` column), from CSV in any supported encoding or Parquet.
    """
    from greenkit.io import detect_encoding
    from greenkit.io.read import check_path

    p = check_path(path)
    wanted = {"loan_id", "reduction_tco2e", "status"}
    try:
        if p.suffix.lower() in (".parquet", ".pq"):
            f = pd.read_parquet(p)
            f = f[[c for c in f.columns if str(c).strip().lower() in wanted]].astype("string")
        else:
            f = pd.read_csv(p, encoding=detect_encoding(p), dtype="string",
                            keep_default_na=False,
                            usecols=lambda c: str(c).strip().lower() in wanted)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the carbon reductions file: {exc}", path=p) from exc
    lower = {str(h).strip().lower(): h for h in f.columns}
    if "loan_id" not in lower or "reduction_tco2e" not in lower:
        raise InputError("carbon reductions file needs the columns loan_id and reduction_tco2e "
                         f"(found {', '.join(map(str, f.columns))})", path=p)
    out = pd.DataFrame({
        "loan_id": f[lower["loan_id"]].astype("string").str.strip(),
        "reduction_tco2e": pd.to_numeric(f[lower["reduction_tco2e"]].str.strip(),
                                         errors="coerce").astype("float64"),
        "reduction_status": (f[lower["status"]].astype("string").replace("", pd.NA)
                             if "status" in lower
                             else pd.Series(pd.NA, index=f.index, dtype="string")),
    })
    # One figure per loan: if a loan is listed twice, keep its largest figure.
    out = (out.sort_values("reduction_tco2e", ascending=False, na_position="last")
           .drop_duplicates("loan_id").reset_index(drop=True))
    return out, file_sha256(p)


@lru_cache(maxsize=8)
def _items(taxonomy: str) -> pd.DataFrame:
    from greenkit.taxonomy import load_taxonomy

    return load_taxonomy(taxonomy).items[["code", "carbon_effect"]].astype("string")


# --------------------------------------------------------------------------
# Building candidates
# --------------------------------------------------------------------------

def _first_notna(frame: pd.DataFrame, by: str, cols: list[str]) -> pd.DataFrame:
    return frame.groupby(by, sort=False)[cols].first()


def build_companies(lines: pd.DataFrame, book: pd.DataFrame) -> pd.DataFrame:
    """One row per company: identity, green shares, main line, screens."""
    if lines.empty:
        return pd.DataFrame(columns=["company_key", "name", "credit_code"]).set_index(
            "company_key", drop=False)
    lines = lines.copy()
    lines["credit_code"] = lines["borrower_id"].astype("string").str.strip().str.upper()
    lines["name_key"] = name_key(lines["borrower_name"])
    # A row without a code inherits the code its name has in the book (if unique).
    bk = book[["borrower_name", "borrower_id"]].dropna().drop_duplicates()
    bk = bk.assign(name_key=name_key(bk["borrower_name"]),
                   code=clean_codes(bk["borrower_id"])).dropna(subset=["code"])
    bk = bk.drop_duplicates("name_key", keep=False).set_index("name_key")["code"]
    no_code = lines["credit_code"].isna() | (lines["credit_code"] == "")
    lines.loc[no_code, "credit_code"] = lines.loc[no_code, "name_key"].map(bk)
    lines["company_key"] = lines["credit_code"].where(
        lines["credit_code"].notna() & (lines["credit_code"] != ""),
        "NAME:" + lines["name_key"].fillna(""))
    # Green flag: explicit 是/否 wins; else a taxonomy code that exists is green.
    tax = lines["line_taxonomy"].fillna(DEFAULT_LINE_TAXONOMY)
    coded = pd.Series(False, index=lines.index)
    for t in tax[lines["line_taxonomy_code"].notna()].unique():
        m = (tax == t) & lines["line_taxonomy_code"].notna()
        coded[m] = lines.loc[m, "line_taxonomy_code"].isin(set(_items(str(t))["code"]))
    green = lines["line_is_green"].astype("boolean").fillna(coded).astype(bool)
    lines["line_green"] = green
    rev = lines["line_revenue"].astype("float64")
    lines["green_rev"] = rev.where(green, 0.0).where(rev.notna())
    g = lines.groupby("company_key", sort=False)
    comp = _first_notna(lines, "company_key",
                        ["borrower_name", "credit_code", "fiscal_year", *SCREEN_COLUMNS])
    comp = comp.rename(columns={"borrower_name": "name"})
    comp["total_revenue"] = g["line_revenue"].sum(min_count=1)
    comp["green_revenue"] = g["green_rev"].sum(min_count=1)
    comp["total_profit"] = g["line_profit"].sum(min_count=1)
    comp["line_count"] = g["business_line"].count()
    share = comp["green_revenue"] / comp["total_revenue"].where(comp["total_revenue"] > 0)
    comp["green_revenue_share"] = share
    with_rev = lines[rev.notna()]
    main_idx = with_rev.groupby("company_key", sort=False)["line_revenue"].idxmax()
    main = lines.loc[main_idx.to_numpy()].set_index("company_key")
    with_profit = lines[lines["line_profit"].notna()]
    top_profit = with_profit.groupby("company_key", sort=False)["line_profit"].idxmax()
    comp["main_line"] = main["business_line"]
    comp["main_line_green"] = main["line_green"]
    comp["main_line_revenue"] = main["line_revenue"]
    comp["main_line_profit"] = main["line_profit"]
    comp["main_line_revenue_share"] = comp["main_line_revenue"] / comp["total_revenue"].where(
        comp["total_revenue"] > 0)
    comp["main_line_profit_share"] = comp["main_line_profit"] / comp["total_profit"].where(
        comp["total_profit"] > 0)
    comp["main_line_top_profit"] = pd.Series(main_idx, dtype="float64").reindex(comp.index).eq(
        pd.Series(top_profit, dtype="float64").reindex(comp.index))
    comp["has_company_data"] = True
    comp["lines"] = g[["business_line", "line_revenue", "line_profit", "line_green",
                       "line_taxonomy_code"]].apply(lambda x: x.to_dict("records"))
    comp["company_key"] = comp.index
    return comp


def _screens_for(keys_code: pd.Series, keys_name: pd.Series, comp: pd.DataFrame) -> pd.DataFrame:
    """Screen columns for candidates, looked up by credit code then by name key."""
    out = pd.DataFrame(index=keys_code.index)
    if comp.empty:
        for c in SCREEN_COLUMNS:
            out[c] = pd.NA
        out["has_company_data"] = False
        return out
    by_code = comp[comp["credit_code"].notna()].drop_duplicates("credit_code").set_index(
        "credit_code")
    named = comp.assign(nk=name_key(comp["name"])).dropna(subset=["nk"])
    by_name = named.drop_duplicates("nk", keep=False).set_index("nk")
    code_hit = keys_code.isin(by_code.index)
    for c in [*SCREEN_COLUMNS, "has_company_data"]:
        out[c] = keys_code.map(by_code[c]).where(code_hit, keys_name.map(by_name[c]))
    out["has_company_data"] = out["has_company_data"].fillna(False).astype(bool)
    return out


def _text_key(s: pd.Series) -> pd.Series:
    """Width- and space-insensitive text (project names keep their digits and dots)."""
    from greenkit.validate import normalise_text

    return normalise_text(s).str.replace(" ", "", regex=False).str.upper().fillna("")


def build_projects(loans: pd.DataFrame, reductions: pd.DataFrame | None,
                   companies: pd.DataFrame) -> pd.DataFrame:
    """Group matched loans into projects; worst status, largest reduction."""
    matched = loans[loans["taxonomy_code"].fillna("") != ""].copy()
    code = matched["borrower_id"].astype("string").str.strip().str.upper()
    pname = matched["project_name"].astype("string").str.strip()
    has_name = pname.notna() & (pname != "")
    owner = code.where(code.notna() & (code != ""), "NAME:" + name_key(
        matched["borrower_name"]).fillna(""))
    matched["subject_key"] = ("P:" + owner + ":" + _text_key(pname)).where(
        has_name, "L:" + matched["loan_id"].astype("string"))
    matched["rank"] = matched["taxonomy_status"].map(STATUS_RANK).fillna(0).astype(int)
    if reductions is not None:
        matched = matched.merge(reductions, on="loan_id", how="left")
    else:
        matched["reduction_tco2e"] = np.nan
        matched["reduction_status"] = pd.NA
    matched = matched.sort_values(["subject_key", "rank", "loan_id"], kind="stable")
    g = matched.groupby("subject_key", sort=True)
    p = g[["borrower_name", "borrower_id", "taxonomy_edition", "taxonomy_code", "taxonomy_name",
           "tag_rules", "tag_reason", "industry_code", "region", "currency"]].first()
    p["name"] = g["project_name"].first().fillna(g["purpose"].first())
    p["credit_code"] = p["borrower_id"].astype("string").str.strip().str.upper()
    p["loan_ids"] = g["loan_id"].agg(lambda s: ";".join(sorted(s)))
    p["loan_count"] = g["loan_id"].size()
    p["outstanding"] = g["outstanding"].sum(min_count=1)
    p["currencies"] = g["currency"].agg(lambda s: ";".join(sorted(set(s.dropna()))))
    p["approval_date"] = g["approval_date"].min()
    p["taxonomy_status"] = g["rank"].min().map(_RANK_STATUS)
    p["editions"] = g["taxonomy_edition"].agg(lambda s: ";".join(sorted(set(s.dropna()))))
    p["reduction_tco2e"] = g["reduction_tco2e"].max()
    p["reduction_loans"] = g["reduction_tco2e"].count()
    p["reduction_status"] = g["reduction_status"].first()
    p["subject_key"] = p.index
    # Carbon-reduction attribute: only the 2025 catalogue's items carry it.
    eff = _items(CARBON_EFFECT_EDITION).drop_duplicates("code").set_index("code")["carbon_effect"]
    is_2025 = p["taxonomy_edition"] == CARBON_EFFECT_EDITION
    marked = p["taxonomy_code"].map(eff).fillna("")
    p["carbon_effect"] = np.where(is_2025, np.where(marked != "", marked, "unmarked"),
                                  "unavailable")
    p["carbon_effect_note"] = np.where(
        is_2025, "温室气体减排贡献属性 of " + CARBON_EFFECT_EDITION + " item "
        + p["taxonomy_code"].fillna(""),
        "attribute unavailable: edition " + p["taxonomy_edition"].fillna("?")
        + " has no 温室气体减排贡献属性")
    screens = _screens_for(p["credit_code"], name_key(p["borrower_name"]), companies)
    return pd.concat([p, screens], axis=1).reset_index(drop=True)


def build_enterprises(companies: pd.DataFrame, projects: pd.DataFrame,
                      factories: FactoryList | None) -> pd.DataFrame:
    """Companies with data, plus project borrowers with a credit code but no data."""
    ent = companies.reset_index(drop=True).copy()
    borrowers = projects[projects["credit_code"].notna() & (projects["credit_code"] != "")]
    borrowers = borrowers.drop_duplicates("credit_code")
    extra = borrowers[~borrowers["credit_code"].isin(ent.get("credit_code", pd.Series(dtype=str)))]
    if len(extra):
        add = pd.DataFrame({"company_key": extra["credit_code"].to_numpy(),
                            "name": extra["borrower_name"].to_numpy(),
                            "credit_code": extra["credit_code"].to_numpy(),
                            "has_company_data": False})
        ent = pd.concat([ent, add], ignore_index=True) if len(ent) else add
    for c in ("total_revenue", "green_revenue", "total_profit", "green_revenue_share",
              "main_line_revenue_share", "main_line_profit_share", "main_line_revenue",
              "main_line_profit", "fiscal_year", "line_count"):
        if c not in ent:
            ent[c] = np.nan
    for c in ("main_line", "env_credit_rating", "lines"):
        if c not in ent:
            ent[c] = pd.NA
    for c in ("main_line_green", "main_line_top_profit"):
        ent[c] = ent[c].fillna(False).astype(bool) if c in ent else False
    if "env_penalty_date" not in ent:
        ent["env_penalty_date"] = pd.NaT
    if "credit_blacklist" not in ent:
        ent["credit_blacklist"] = pd.NA
    ent["has_company_data"] = ent["has_company_data"].fillna(False).astype(bool)
    ent["line_count"] = ent["line_count"].fillna(0)
    ent["subject_key"] = ent["company_key"]
    if factories is not None and len(ent):
        m = match_factories(ent["name"], ent["credit_code"], factories)
        ent = pd.concat([ent, m.set_axis(ent.index)], axis=1)
        ent["factory_list"] = True
    else:
        ent["factory_matched"] = False
        for c in ("factory_name", "factory_region", "factory_batch", "factory_match_method"):
            ent[c] = ""
        ent["factory_list"] = False
    return ent


# --------------------------------------------------------------------------
# Checks: each returns (outcome, detail) Series over all candidates.
# outcome is pass | fail | missing.
# --------------------------------------------------------------------------

def _pct(s: pd.Series) -> pd.Series:
    return (s * 100).round(1).astype("string").fillna("?") + "%"


def _num(s: pd.Series, digits: int = 2) -> pd.Series:
    return s.round(digits).astype("string").fillna("?")


def _outcome(ok: pd.Series, missing: pd.Series) -> pd.Series:
    return pd.Series(np.select([missing.to_numpy(), ok.to_numpy()], ["missing", "pass"], "fail"),
                     index=ok.index, dtype="string")


def check_credit_code_valid(c: pd.DataFrame, p: dict, ctx: dict):
    code = c["credit_code"].astype("string")
    missing = code.isna() | (code.str.strip() == "")
    problem = uscc_problem(code)
    ok = ~missing & (problem == "")
    detail = pd.Series("credit code " + code.fillna(""), index=c.index, dtype="string")
    detail = detail.where(ok, "credit code " + code.fillna("") + ": " + problem)
    detail = detail.where(~missing, "no unified social credit code (personal borrower or not given)")
    return _outcome(ok, missing), detail


def check_catalogue_status(c, p, ctx):
    st = c["taxonomy_status"].astype("string")
    ok = st.isin(p["statuses"]).fillna(False)
    detail = (c["taxonomy_edition"].fillna("?") + " " + c["taxonomy_code"].fillna("?") + " "
              + c["taxonomy_name"].fillna("") + ": " + st.fillna("?")
              + pd.Series(np.where(ok, " in ", " not in "), index=c.index)
              + "[" + ",".join(p["statuses"]) + "]")
    return _outcome(ok, st.isna()), detail.astype("string")


def check_reduction_quantified(c, p, ctx):
    r = c["reduction_tco2e"].astype("float64")
    missing = r.isna()
    ok = r > float(p["min_tco2e"])
    base = "no reduction figure" + (" (no reductions file given)" if not ctx["reductions"]
                                    else " for the project's loans")
    detail = ("annual reduction " + _num(r) + " tCO2e"
              + pd.Series(np.where(ok, " > ", " ≤ "), index=c.index) + str(p["min_tco2e"]))
    return _outcome(ok, missing), detail.where(~missing, base).astype("string")


def check_green_revenue_share(c, p, ctx):
    s = c["green_revenue_share"].astype("float64")
    missing = s.isna()
    ok = s >= float(p["min_share"]) - 1e-12
    detail = ("green revenue share " + _pct(s) + " (" + _num(c["green_revenue"] / 1e4)
              + " / " + _num(c["total_revenue"] / 1e4) + " 万元)"
              + pd.Series(np.where(ok, " ≥ ", " < "), index=c.index)
              + f"{p['min_share']:.0%}")
    return _outcome(ok, missing), detail.where(
        ~missing, "no business-line revenue data").astype("string")


def check_main_line_green(c, p, ctx):
    rs, ps = c["main_line_revenue_share"].astype("float64"), c["main_line_profit_share"]
    missing = rs.isna() | c["main_line"].isna()
    profit_ok = c["total_profit"].astype("float64") > 0
    green, top = c["main_line_green"].astype(bool), c["main_line_top_profit"].astype(bool)
    r_ok = rs >= float(p["min_revenue_share"]) - 1e-12
    p_ok = ps.astype("float64") >= float(p["min_profit_share"]) - 1e-12
    ok = green & top & r_ok & p_ok & profit_ok
    why = np.select(
        [~profit_ok.to_numpy(), ~green.to_numpy(), ~top.to_numpy(), ~r_ok.to_numpy(),
         ~p_ok.to_numpy()],
        ["total profit not positive", "largest line is not green",
         "largest line by revenue is not the most profitable",
         f"revenue share below {p['min_revenue_share']:.0%}",
         f"profit share below {p['min_profit_share']:.0%}"], "all conditions met")
    detail = ("largest line " + c["main_line"].astype("string").fillna("?") + ": revenue "
              + _pct(rs) + ", profit " + _pct(ps.astype("float64")) + "; " + why)
    return _outcome(ok, missing), detail.where(
        ~missing, "no business-line data").astype("string")


def check_green_factory(c, p, ctx):
    listed = c["factory_list"].astype(bool)
    ok = c["factory_matched"].astype(bool)
    detail = ("MIIT green factory: " + c["factory_name"].astype("string") + " (batch "
              + c["factory_batch"].astype("string") + ", " + c["factory_region"].astype("string")
              + ", matched by " + c["factory_match_method"].astype("string") + ")")
    detail = detail.where(ok, "not on the MIIT green-factory list")
    detail = detail.where(listed, "MIIT green-factory list not available")
    return _outcome(ok, ~listed), detail.astype("string")


def check_env_penalty(c, p, ctx):
    d = pd.to_datetime(c["env_penalty_date"], errors="coerce")
    as_of = pd.Timestamp(ctx["as_of"])
    since = as_of - pd.DateOffset(months=round(float(p["years"]) * 12))
    # In company data an empty penalty date means "no penalty"; a candidate
    # without any company data has not been checked.
    missing = d.isna() & ~c["has_company_data"].astype(bool)
    hit = (d > since) & (d <= as_of)
    detail = ("latest environmental penalty " + d.dt.strftime("%Y-%m-%d").astype("string")
              + pd.Series(np.where(hit, " within ", " not within "), index=c.index)
              + f"{p['years']} years before {ctx['as_of']}")
    detail = detail.where(d.notna(), "no environmental penalty recorded in company data")
    return _outcome(~hit, missing), detail.where(
        ~missing, "no company data: penalties not checked").astype("string")


def check_env_credit_rating(c, p, ctx):
    r = c["env_credit_rating"].astype("string")
    missing = r.isna() | ~r.isin(["绿", "蓝", "黄", "红", "黑"]).fillna(False)
    hit = r.isin(p["reject"]).fillna(False)
    detail = ("environmental credit rating " + r.fillna("?")
              + pd.Series(np.where(hit, " in ", " not in "), index=c.index)
              + "[" + ",".join(p["reject"]) + "]")
    return _outcome(~hit, missing), detail.where(
        ~missing, "no (recognised) environmental credit rating").astype("string")


def check_credit_blacklist(c, p, ctx):
    b = c["credit_blacklist"].astype("boolean")
    missing = b.isna()
    hit = b.fillna(False).astype(bool)
    detail = pd.Series(np.where(hit, "on a credit blacklist", "not on a credit blacklist"),
                       index=c.index, dtype="string")
    return _outcome(~hit, missing), detail.where(
        ~missing, "blacklist status not given").astype("string")


CHECK_FUNCTIONS = {
    "credit_code_valid": check_credit_code_valid,
    "catalogue_status": check_catalogue_status,
    "reduction_quantified": check_reduction_quantified,
    "green_revenue_share": check_green_revenue_share,
    "main_line_green": check_main_line_green,
    "green_factory": check_green_factory,
    "env_penalty": check_env_penalty,
    "env_credit_rating": check_env_credit_rating,
    "credit_blacklist": check_credit_blacklist,
}


def _effect(rule: Rule, outcome: pd.Series) -> pd.Series:
    """What an outcome does to the decision: ok | reject | note | qualify_fail | evidence."""
    o = outcome.to_numpy()
    if rule.role == "require":
        eff = np.where(o == "pass", "ok", rule.on_fail)
    elif rule.role == "qualify":
        eff = np.where(o == "pass", "ok", "qualify_fail")
    elif rule.role == "screen":
        on_missing = {"note": "note", "reject": "reject", "pass": "ok"}[rule.params["missing"]]
        eff = np.select([o == "pass", o == "missing"], ["ok", on_missing], "reject")
    else:
        eff = np.where(o == "pass", "evidence", "ok")
    return pd.Series(eff, index=outcome.index, dtype="string")


def evaluate(kind: str, cands: pd.DataFrame, rules: RuleSet, ctx: dict
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run every rule for ``kind``; return (decisions, long outcomes)."""
    parts = []
    for rule in rules.for_kind(kind):
        outcome, detail = CHECK_FUNCTIONS[rule.check](cands, rule.params, ctx)
        parts.append(pd.DataFrame({
            "kind": kind, "subject_key": cands["subject_key"].astype("string").to_numpy(),
            "rule_id": rule.id, "role": rule.role, "outcome": outcome.to_numpy(),
            "effect": _effect(rule, outcome).to_numpy(), "detail": detail.to_numpy()}))
    out = (pd.concat(parts, ignore_index=True) if parts
           else pd.DataFrame(columns=OUTCOME_COLUMNS))
    key = out["subject_key"]
    keys = cands["subject_key"].astype("string")
    rejected = keys.isin(key[out["effect"] == "reject"])
    qualify = out[out["role"] == "qualify"]
    if len(qualify):
        passed = keys.isin(qualify.loc[qualify["outcome"] == "pass", "subject_key"])
        rejected |= ~passed
    else:
        passed = pd.Series(True, index=cands.index)
    recognised = ~rejected
    rec_keys = set(keys[recognised])
    decisive = (out["effect"] == "reject") | ((out["effect"] == "qualify_fail")
                                              & ~key.isin(keys[passed]))
    reasons_rows = out[decisive]
    fired_ok = out[key.isin(rec_keys) & out["effect"].isin(["ok", "evidence"])
                   & (out["outcome"] == "pass") & out["role"].isin(["require", "qualify",
                                                                   "evidence"])]
    line = out["rule_id"] + " " + out["detail"]
    reasons = line[decisive.to_numpy()].groupby(reasons_rows["subject_key"]).agg("; ".join)
    notes = line[(out["effect"] == "note").to_numpy()].groupby(
        out.loc[out["effect"] == "note", "subject_key"]).agg("; ".join)
    fired_bad = reasons_rows.groupby("subject_key")["rule_id"].agg(",".join)
    fired_good = fired_ok.groupby("subject_key")["rule_id"].agg(",".join)
    dec = cands.copy()
    dec["kind"] = kind
    dec["recognised"] = recognised.to_numpy(dtype=bool)
    dec["rules_fired"] = _map_text(keys, fired_good).where(
        recognised, _map_text(keys, fired_bad)).to_numpy()
    passed_text = line[fired_ok.index].groupby(fired_ok["subject_key"]).agg("; ".join)
    dec["reasons"] = _map_text(keys, reasons).where(
        ~recognised, _map_text(keys, passed_text)).to_numpy()
    dec["notes"] = _map_text(keys, notes).to_numpy()
    _assign_tiers(dec, rules.tiers.get(kind, ()))
    return dec, out


def _map_text(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``keys.map(table)`` as text ('' where absent), whatever ``table``'s dtype."""
    return keys.map(table.astype("string")).astype("string").fillna("")


def _condition(values: pd.Series, cond: Any) -> pd.Series:
    if isinstance(cond, list):
        return values.astype("string").isin([str(v) for v in cond]).fillna(False)
    v = pd.to_numeric(values, errors="coerce") if not isinstance(
        next(iter(cond.values()), 0), str) else values.astype("string")
    mask = pd.Series(True, index=values.index)
    ops = {"ge": v.__ge__, "gt": v.__gt__, "le": v.__le__, "lt": v.__lt__, "eq": v.__eq__,
           "ne": v.__ne__}
    for op, ref in cond.items():
        mask &= ops[op](ref).fillna(False).astype(bool)
    return mask


def _assign_tiers(dec: pd.DataFrame, tiers) -> None:
    dec["tier"] = pd.Series(pd.NA, index=dec.index, dtype="string")
    dec["tier_label_zh"] = pd.Series(pd.NA, index=dec.index, dtype="string")
    dec["tier_label_en"] = pd.Series(pd.NA, index=dec.index, dtype="string")
    free = dec["recognised"].astype(bool)
    for t in tiers:
        mask = free.copy()
        for var, cond in t.when.items():
            values = dec[var] if var in dec else pd.Series(pd.NA, index=dec.index)
            mask &= _condition(values, cond)
        dec.loc[mask, ["tier", "tier_label_zh", "tier_label_en"]] = [t.id, t.label_zh,
                                                                     t.label_en]
        free &= ~mask


# --------------------------------------------------------------------------
# Evidence (long table; values are JSON-able dicts)
# --------------------------------------------------------------------------

def _evidence(projects: pd.DataFrame, enterprises: pd.DataFrame, inputs: dict
              ) -> pd.DataFrame:
    rows = []
    if len(projects):
        tag = projects[["subject_key", "taxonomy_edition", "taxonomy_code", "taxonomy_name",
                        "taxonomy_status", "tag_rules", "tag_reason", "loan_ids",
                        "carbon_effect", "carbon_effect_note"]].astype("string")
        rows.append(pd.DataFrame({
            "kind": "project", "subject_key": tag["subject_key"],
            "evidence_type": "taxonomy_tag",
            "description": ("tagged " + tag["taxonomy_status"].fillna("") + " under "
                            + tag["taxonomy_edition"].fillna("") + " "
                            + tag["taxonomy_code"].fillna("") + " by rules "
                            + tag["tag_rules"].fillna("")),
            "value": tag.drop(columns="subject_key").assign(
                tagged_csv_sha256=inputs.get("tagged_csv")).to_dict("records")}))
        red = projects[projects["reduction_tco2e"].notna()]
        if len(red):
            rows.append(pd.DataFrame({
                "kind": "project", "subject_key": red["subject_key"].astype("string"),
                "evidence_type": "carbon_reduction",
                "description": "annual reduction " + red["reduction_tco2e"].round(2).astype(
                    "string") + " tCO2e (largest of " + red["reduction_loans"].astype("string")
                    + " loan figure(s))",
                "value": red[["reduction_tco2e", "reduction_loans", "reduction_status"]].assign(
                    reductions_sha256=inputs.get("reductions")).astype(object).where(
                    red[["reduction_tco2e", "reduction_loans", "reduction_status"]].notna(),
                    None).to_dict("records")}))
    if len(enterprises):
        data = enterprises[enterprises["has_company_data"]]
        if len(data):
            rows.append(pd.DataFrame({
                "kind": "enterprise", "subject_key": data["subject_key"].astype("string"),
                "evidence_type": "business_lines",
                "description": "business lines (fiscal year " + data["fiscal_year"].astype(
                    "Int64").astype("string").fillna("?") + "): green revenue share "
                    + _pct(data["green_revenue_share"].astype("float64")),
                "value": [{"lines": _jsonable(v), "company_data_sha256": inputs.get(
                    "company_data")} for v in data["lines"]]}))
        fac = enterprises[enterprises["factory_matched"].astype(bool)]
        if len(fac):
            rows.append(pd.DataFrame({
                "kind": "enterprise", "subject_key": fac["subject_key"].astype("string"),
                "evidence_type": "miit_green_factory",
                "description": "MIIT national green factory: " + fac["factory_name"].astype(
                    "string"),
                "value": fac[["factory_name", "factory_region", "factory_batch",
                              "factory_match_method"]].astype(str).assign(
                    list_sha256=inputs.get("green_factories")).to_dict("records")}))
    if not rows:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    return pd.concat(rows, ignore_index=True)[EVIDENCE_COLUMNS]


def _jsonable(v: Any) -> Any:
    from greenkit.io import to_jsonable

    return to_jsonable(v) if v is not None and not (isinstance(v, float) and np.isnan(v)) else []


# --------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------

def recognise(tagged_dir: str | Path, company_data: str | Path | None = None,
              reductions: str | Path | None = None, rules: RuleSet | str | Path | None = None,
              as_of: dt.date | None = None, green_factories: str | Path | None | bool = None,
              amount_unit: str | None = None) -> Recognition:
    """Recognise candidate enterprises and projects (see module docstring).

    ``green_factories``: a path, ``None`` for the default list (skipped with a
    note if absent), or ``False`` to skip the list.
    """
    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    taxonomy = rs.param("catalogue_status", "taxonomy")
    loans, prov = read_tagged(Path(tagged_dir), taxonomy)
    notes: list[str] = []
    if as_of is None:
        as_of = (dt.date.fromisoformat(prov["tagged_as_of"]) if prov.get("tagged_as_of")
                 else dt.date.today())
    inputs: dict[str, Any] = {"tagged_dir": str(tagged_dir), **prov}
    findings = empty_findings()
    lines = pd.DataFrame()
    if company_data is not None:
        lines, findings, inputs["company_data"] = read_company_data(company_data, amount_unit)
        inputs["company_data_path"] = str(company_data)
    red = None
    if reductions is not None:
        red, inputs["reductions"] = read_reductions(reductions)
        inputs["reductions_path"] = str(reductions)
        usable = rs.param("reduction_quantified", "usable_statuses")
        st = red["reduction_status"].astype("string").str.strip()
        red.loc[st.notna() & ~st.isin(usable).fillna(False), "reduction_tco2e"] = np.nan
    else:
        notes.append("no carbon reductions file: XLR-P02 cannot be met")
    factories = None
    if green_factories is not False:
        path = Path(green_factories) if green_factories else default_factory_path()
        if path.is_file():
            factories = load_factories(path)
            inputs["green_factories"] = factories.sha256
            inputs["green_factories_path"] = str(path)
        elif green_factories:
            raise InputError("green-factory list not found", path=path)
        else:
            notes.append(f"MIIT green-factory list not found at {path}: XLR-E03 not evaluated")
    companies = build_companies(lines, loans) if len(lines) else build_companies(
        pd.DataFrame(), loans)
    projects = build_projects(loans, red, companies)
    enterprises = build_enterprises(companies, projects, factories)
    ctx = {"as_of": as_of, "reductions": red is not None}
    pdec, pout = evaluate("project", projects, rs, ctx)
    edec, eout = evaluate("enterprise", enterprises, rs, ctx)
    decisions = pd.concat([edec, pdec], ignore_index=True, sort=False)
    front = [c for c in DECISION_COLUMNS if c in decisions]
    decisions = decisions[front + [c for c in decisions.columns if c not in front]]
    outcomes = pd.concat([eout, pout], ignore_index=True)
    evidence = _evidence(projects, enterprises, inputs)
    inputs["rules"] = rs.label
    inputs["rules_path"] = rs.path
    return Recognition(decisions, outcomes, evidence, findings[FINDING_COLUMNS], rs, as_of,
                       inputs, notes)


#: Columns of the decisions table written by `recognise -o` (others are internal).
DECISION_EXPORT = [
    "kind", "subject_key", "name", "credit_code", "recognised", "tier", "tier_label_zh",
    "rules_fired", "reasons", "notes", "borrower_name", "loan_ids", "taxonomy_edition",
    "taxonomy_code", "taxonomy_name", "taxonomy_status", "carbon_effect", "reduction_tco2e",
    "outstanding", "green_revenue_share", "main_line", "main_line_revenue_share",
    "main_line_profit_share", "factory_name", "factory_match_method", "env_penalty_date",
    "env_credit_rating", "credit_blacklist",
]


def decisions_table(rec: Recognition) -> pd.DataFrame:
    d = rec.decisions
    return d[[c for c in DECISION_EXPORT if c in d]].copy()
