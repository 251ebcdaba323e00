"""Tag one partition of a loan book under one taxonomy: a pure function.

``tag_partition(frame, compiled)`` takes validated rows (canonical columns)
and a compiled taxonomy and returns the long candidate table — one row per
(loan, candidate item) with rank, status, rules, evidence and missing data —
plus the top tag per loan. It reads nothing else and keeps no state, so the
same function runs whole-book, chunk by chunk, or under Dask/Spark.

Status vocabulary (README): ``aligned`` activity matched and every criterion
checked and met; ``eligible`` matched but some criteria could not be checked
(the missing fields are listed); ``not_aligned`` a criterion was checked and
failed; ``excluded`` an exclusion rule fired; ``not_eligible`` nothing matched.

Candidate score (README): keyword rule 3 + full industry match 2 + partial
industry match 1 (a partial match alone never makes a candidate). Ties are
broken by the longest keyword, then the lowest item code; the runner-up is kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from greenkit.tag import criteria as crit
from greenkit.tag.matcher import (
    SCORE_INDUSTRY,
    SCORE_INDUSTRY_PARTIAL,
    SCORE_KEYWORD,
    CompiledTaxonomy,
    criteria_applicability,
    industry_rule_hits,
    text_rule_hits,
)

TAG_COLUMNS = ["row", "taxonomy", "edition", "rank", "item_code", "item_name", "status", "score",
               "rules", "evidence", "missing", "failed", "reason"]


def _rule_hits(ct: CompiledTaxonomy, frame: pd.DataFrame) -> pd.DataFrame:
    """All fired rules: row, rule_idx, item_code, match, kind, evidence, weight."""
    rules = ct.rules
    text = text_rule_hits(ct, frame)
    text = text.assign(kind="keyword", detail=text["keyword"].astype(str), partial=False)
    system = frame.get("industry_code_system", pd.Series("gbt4754-2017", index=frame.index))
    ind = industry_rule_hits(ct, frame.get("industry_code", pd.Series("", index=frame.index)),
                             system)
    ind = ind.assign(kind="industry", detail=ind["code"])
    hits = pd.concat([text[["row", "rule_idx", "kind", "detail", "partial"]],
                      ind[["row", "rule_idx", "kind", "detail", "partial"]]], ignore_index=True)
    if hits.empty:
        return hits.assign(item_code="", match="", rule_id="")
    idx = hits["rule_idx"].to_numpy()
    hits["item_code"] = rules["item_code"].to_numpy()[idx]
    hits["match"] = rules["match"].to_numpy()[idx]
    hits["rule_id"] = rules["rule_id"].to_numpy()[idx]
    # an industry rule flagged partial in the table is partial evidence
    hits["partial"] = hits["partial"].astype(bool) | (
        (hits["kind"] == "industry") & rules["industry_partial"].to_numpy()[idx].astype(bool))
    # exclusion rules with keywords fire on text; with codes on industry
    return hits


def _candidates(hits: pd.DataFrame) -> pd.DataFrame:
    """Aggregate positive hits to (row, item) candidates with score and evidence."""
    pos = hits[hits["match"] != "exclusion"]
    if pos.empty:
        return pd.DataFrame(columns=["row", "item_code", "score", "klen", "rules", "evidence"])
    weight = np.select(
        [pos["kind"] == "keyword", ~pos["partial"].to_numpy()],
        [SCORE_KEYWORD, SCORE_INDUSTRY], default=SCORE_INDUSTRY_PARTIAL)
    pos = pos.assign(weight=weight, klen=np.where(pos["kind"] == "keyword",
                                                  pos["detail"].str.len(), 0))
    pos = pos.assign(ev=pos["kind"] + ":" + pos["detail"] + np.where(pos["partial"], "*", "")
                     + " [" + pos["rule_id"] + "]")
    # one weight per kind (several keyword rules for one item count once)
    per_kind = pos.groupby(["row", "item_code", "kind"], sort=False).agg(
        weight=("weight", "max"), klen=("klen", "max"))
    agg = per_kind.groupby(level=["row", "item_code"], sort=False).agg(
        score=("weight", "sum"), klen=("klen", "max"))
    has_kw = per_kind.reset_index().query("kind == 'keyword'")[["row", "item_code"]]
    has_kw["kw"] = True
    agg = agg.reset_index().merge(has_kw, on=["row", "item_code"], how="left")
    strong = agg["kw"].fillna(False).astype(bool) | (agg["score"] >= SCORE_INDUSTRY)
    agg = agg[strong].drop(columns="kw")
    text = pos.groupby(["row", "item_code"], sort=False).agg(
        rules=("rule_id", lambda s: ";".join(dict.fromkeys(s))),
        evidence=("ev", lambda s: "; ".join(dict.fromkeys(s))))
    return agg.merge(text.reset_index(), on=["row", "item_code"], how="left")


def _exclusions(hits: pd.DataFrame) -> pd.DataFrame:
    """(row, item_code or '*', rule_id, detail) of fired exclusion rules."""
    ex = hits[hits["match"] == "exclusion"]
    return ex[["row", "item_code", "rule_id", "detail"]].drop_duplicates(["row", "item_code"])


def _rank(c: pd.DataFrame) -> pd.DataFrame:
    c = c.sort_values(["row", "score", "klen", "item_code"],
                      ascending=[True, False, False, True], kind="stable")
    c["rank"] = c.groupby("row", sort=False).cumcount() + 1
    return c


def tag_partition(frame: pd.DataFrame, ct: CompiledTaxonomy) -> pd.DataFrame:
    """Tag every row of ``frame`` under one compiled taxonomy.

    Returns the long table (``TAG_COLUMNS``): every candidate of every row with
    its rank, and for rows with no candidate a single ``not_eligible`` or
    ``excluded`` row with rank 1. ``row`` is the position in ``frame``.
    """
    t = ct.taxonomy
    frame = frame.reset_index(drop=True)
    hits = _rule_hits(ct, frame)
    cands = _candidates(hits) if len(hits) else _candidates(hits.assign(kind=[], partial=[]))
    if len(cands):
        applicable = criteria_applicability(ct, frame) if len(t.criteria) else None
        outcomes = crit.evaluate(cands, t.criteria, frame,
                                 applicable if applicable is not None else
                                 pd.DataFrame(columns=["row", "criterion_id"]))
        combined = crit.combine(outcomes)
        cands = cands.merge(combined, on=["row", "item_code"], how="left")
    for col, default in (("crit_outcome", "met"), ("missing", ""), ("failed", ""),
                         ("checked", 0)):
        if col not in cands:
            cands[col] = default
        cands[col] = cands[col].fillna(default)
    excl = _exclusions(hits) if len(hits) else pd.DataFrame(columns=["row", "item_code",
                                                                       "rule_id", "detail"])
    cands = _apply_status(cands, excl)
    cands = _rank(cands)
    names = dict(zip(t.items["code"], t.items["name_zh"], strict=True))
    cands["item_name"] = cands["item_code"].map(names).fillna("")
    none = _rows_without_candidates(len(frame), cands, excl)
    out = pd.concat([cands, none], ignore_index=True)
    out["taxonomy"] = t.id
    out["edition"] = t.edition
    out["score"] = out["score"].astype(float)
    for c in TAG_COLUMNS:
        if c not in out:
            out[c] = ""
    return out[TAG_COLUMNS].sort_values(["row", "rank"], kind="stable", ignore_index=True)


def _apply_status(c: pd.DataFrame, excl: pd.DataFrame) -> pd.DataFrame:
    c = c.copy()
    status = np.select(
        [c["crit_outcome"] == "failed", c["crit_outcome"] == "missing"],
        ["not_aligned", "eligible"], default="aligned")
    reason = np.select(
        [c["crit_outcome"] == "failed", c["crit_outcome"] == "missing", c["checked"] > 0],
        ["failed: " + c["failed"].astype(str), "missing data: " + c["missing"].astype(str),
         "all " + c["checked"].astype(int).astype(str) + " criteria met"],
        default="matched; no technical criteria")
    c["status"], c["reason"] = status, reason
    if len(excl):
        key = excl[["row", "item_code", "rule_id", "detail"]]
        wide = key[key["item_code"] == "*"].drop(columns="item_code")
        specific = key[key["item_code"] != "*"]
        m = c.merge(wide, on="row", how="left").merge(
            specific, on=["row", "item_code"], how="left", suffixes=("", "_s"))
        rule = m["rule_id_s"].fillna(m["rule_id"])
        detail = m["detail_s"].fillna(m["detail"])
        hit = rule.notna().to_numpy()
        c.loc[hit, "status"] = "excluded"
        c.loc[hit, "reason"] = ("exclusion " + rule[hit] + ": " + detail[hit].astype(str)).to_numpy()
        c.loc[hit, "rules"] = (c.loc[hit, "rules"].astype(str) + ";" + rule[hit].to_numpy())
    return c


def _rows_without_candidates(n: int, cands: pd.DataFrame, excl: pd.DataFrame) -> pd.DataFrame:
    rows = np.setdiff1d(np.arange(n), cands["row"].unique() if len(cands) else [])
    out = pd.DataFrame({"row": rows, "rank": 1, "item_code": "", "item_name": "",
                        "status": "not_eligible", "score": 0.0, "rules": "", "evidence": "",
                        "missing": "", "failed": "", "reason": "no rule matched"})
    if len(excl) and len(out):
        wide = excl[excl["item_code"] == "*"].drop_duplicates("row").set_index("row")
        hit = out["row"].isin(wide.index)
        if hit.any():
            r = out.loc[hit, "row"]
            out.loc[hit, "status"] = "excluded"
            out.loc[hit, "rules"] = r.map(wide["rule_id"]).to_numpy()
            out.loc[hit, "evidence"] = ("keyword:" + r.map(wide["detail"]).astype(str)).to_numpy()
            out.loc[hit, "reason"] = ("exclusion " + r.map(wide["rule_id"]) + ": "
                                      + r.map(wide["detail"]).astype(str)).to_numpy()
    return out


def top_tags(long: pd.DataFrame) -> pd.DataFrame:
    """Rank-1 tag per row (every row has exactly one)."""
    return long[long["rank"] == 1].set_index("row", drop=False)
