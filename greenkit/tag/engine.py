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

from greenkit.frames import join_per_group
from greenkit.tag import criteria as crit
from greenkit.tag.matcher import (
    SCORE_INDUSTRY,
    SCORE_INDUSTRY_PARTIAL,
    SCORE_KEYWORD,
    CompiledTaxonomy,
    TextScan,
    criteria_applicability,
    industry_rule_hits,
    scan_texts,
    text_rule_hits,
)

TAG_COLUMNS = ["row", "taxonomy", "edition", "rank", "item_code", "item_name", "status", "score",
               "rules", "evidence", "missing", "failed", "reason"]


def _rule_hits(ct: CompiledTaxonomy, frame: pd.DataFrame, rows: np.ndarray,
               scan: TextScan) -> pd.DataFrame:
    """All fired rules: row, rule_idx, kind, detail, partial, item_code, match, rule_id."""
    rules = ct.rules
    text = text_rule_hits(ct, scan, rows)
    text = text.assign(kind="keyword", detail=text["keyword"].astype(object), partial=False)
    sub = frame.iloc[rows]
    system = sub["industry_code_system"] if "industry_code_system" in sub else pd.Series(
        "gbt4754-2017", index=sub.index)
    codes = sub["industry_code"] if "industry_code" in sub else pd.Series("", index=sub.index)
    ind = industry_rule_hits(ct, codes, system)
    ind = ind.assign(row=rows[ind["row"].to_numpy(dtype=np.int64)], kind="industry",
                     detail=ind["code"].astype(object))
    cols = ["row", "rule_idx", "kind", "detail", "partial"]
    hits = pd.concat([text[cols], ind[cols]], ignore_index=True)
    idx = hits["rule_idx"].to_numpy(dtype=np.int64)
    hits["row"] = hits["row"].astype(np.int64)
    hits["item_code"] = rules["item_code"].to_numpy()[idx]
    hits["match"] = rules["match"].to_numpy()[idx]
    hits["rule_id"] = rules["rule_id"].to_numpy()[idx]
    # an industry rule flagged partial in the table is partial evidence
    hits["partial"] = hits["partial"].astype(bool).to_numpy() | (
        (hits["kind"] == "industry").to_numpy() & rules["industry_partial"].to_numpy()[idx].astype(bool))
    return hits


def _candidates(hits: pd.DataFrame) -> pd.DataFrame:
    """Aggregate positive hits to (row, item) candidates with score and evidence.

    Score = one weight per kind of evidence (keyword 3; industry 2, or 1 when
    partial); a candidate needs a keyword or a full industry match. Grouping
    is on one integer key per (row, item) so it stays in compiled code.
    """
    cols = ["row", "item_code", "score", "klen", "rules", "evidence"]
    pos = hits[(hits["match"] != "exclusion").to_numpy()]
    if pos.empty:
        return pd.DataFrame(columns=cols)
    item_idx, items = pd.factorize(pos["item_code"], sort=False)
    row = pos["row"].to_numpy(dtype=np.int64)
    key = row * len(items) + item_idx
    is_kw = (pos["kind"] == "keyword").to_numpy()
    partial = pos["partial"].to_numpy(dtype=bool)
    ind_w = np.where(is_kw, 0.0, np.where(partial, SCORE_INDUSTRY_PARTIAL, SCORE_INDUSTRY))
    klen = np.where(is_kw, pos["detail"].astype("string").str.len().fillna(0).to_numpy(), 0)
    df = pd.DataFrame({"key": key, "kw": is_kw, "ind": ind_w, "klen": klen})
    g = df.groupby("key", sort=False)
    agg = pd.DataFrame({"kw": g["kw"].max(), "ind": g["ind"].max(), "klen": g["klen"].max()})
    agg["score"] = np.where(agg["kw"], SCORE_KEYWORD, 0.0) + agg["ind"]
    agg = agg[agg["kw"] | (agg["ind"] >= SCORE_INDUSTRY)]
    ev = pd.DataFrame({
        "key": key, "rule_id": pos["rule_id"].to_numpy(),
        "ev": (pos["kind"] + ":" + pos["detail"].astype("string")
               + np.where(partial, "*", "") + " [" + pos["rule_id"] + "]").to_numpy()})
    ev = ev[np.isin(key, agg.index.to_numpy())]
    agg["rules"] = join_per_group(ev, ["key"], "rule_id").reindex(agg.index)
    agg["evidence"] = join_per_group(ev, ["key"], "ev", sep="; ").reindex(agg.index)
    k = agg.index.to_numpy()
    out = pd.DataFrame({"row": k // len(items), "item_code": np.asarray(items)[k % len(items)],
                        "score": agg["score"].to_numpy(), "klen": agg["klen"].to_numpy(),
                        "rules": agg["rules"].to_numpy(), "evidence": agg["evidence"].to_numpy()})
    return out


def _exclusions(hits: pd.DataFrame) -> pd.DataFrame:
    """(row, item_code or '*', rule_id, detail) of fired exclusion rules."""
    ex = hits[hits["match"] == "exclusion"]
    return ex[["row", "item_code", "rule_id", "detail"]].drop_duplicates(["row", "item_code"])


def _rank(c: pd.DataFrame) -> pd.DataFrame:
    c = c.sort_values(["row", "score", "klen", "item_code"],
                      ascending=[True, False, False, True], kind="stable")
    c["rank"] = c.groupby("row", sort=False).cumcount() + 1
    return c


def tag_partition(frame: pd.DataFrame, ct: CompiledTaxonomy, rows: np.ndarray | None = None,
                  scan: TextScan | None = None) -> pd.DataFrame:
    """Tag rows of ``frame`` (all, or the positions in ``rows``) under one taxonomy.

    Returns the long table (``TAG_COLUMNS``): every candidate of every row with
    its rank, plus one ``excluded`` row (rank 1, no item) for a row that only
    an exclusion rule matched. A row absent from the table matched nothing: its
    status is ``not_eligible`` (see ``top_tags``). ``row`` is the position in
    ``frame``; ``scan`` lets several taxonomies share one keyword pass.
    """
    t = ct.taxonomy
    frame = frame.reset_index(drop=True)
    rows = np.arange(len(frame)) if rows is None else np.asarray(rows, dtype=np.int64)
    scan = scan if scan is not None else scan_texts(frame, [ct])
    hits = _rule_hits(ct, frame, rows, scan)
    cands = _candidates(hits)
    if len(cands) and len(t.criteria):
        applicable = criteria_applicability(ct, scan, rows)
        outcomes = crit.evaluate(cands, t.criteria, frame, applicable)
        cands = cands.merge(crit.combine(outcomes), on=["row", "item_code"], how="left")
    for col, default in (("crit_outcome", "met"), ("missing", ""), ("failed", ""),
                         ("checked", 0)):
        if col not in cands:
            cands[col] = default
        cands[col] = cands[col].fillna(default)
    excl = _exclusions(hits)
    cands = _rank(_apply_status(cands, excl))
    names = dict(zip(t.items["code"], t.items["name_zh"], strict=True))
    cands["item_name"] = cands["item_code"].map(names).fillna("")
    none = _rows_only_excluded(rows, cands, excl)
    out = pd.concat([cands, none], ignore_index=True) if len(none) else cands
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


def _rows_only_excluded(rows: np.ndarray, cands: pd.DataFrame, excl: pd.DataFrame
                        ) -> pd.DataFrame:
    """An ``excluded`` row for rows with no candidate but a taxonomy-wide exclusion."""
    if excl.empty:
        return pd.DataFrame(columns=TAG_COLUMNS)
    wide = excl[excl["item_code"] == "*"].drop_duplicates("row")
    wide = wide[np.isin(wide["row"].to_numpy(dtype=np.int64), rows)
                & ~np.isin(wide["row"].to_numpy(dtype=np.int64),
                           cands["row"].to_numpy(dtype=np.int64) if len(cands) else [])]
    if wide.empty:
        return pd.DataFrame(columns=TAG_COLUMNS)
    detail = wide["detail"].astype(str)
    return pd.DataFrame({
        "row": wide["row"].to_numpy(dtype=np.int64), "rank": 1, "item_code": "", "item_name": "",
        "status": "excluded", "score": 0.0, "rules": wide["rule_id"].to_numpy(),
        "evidence": ("keyword:" + detail).to_numpy(), "missing": "", "failed": "",
        "reason": ("exclusion " + wide["rule_id"] + ": " + detail).to_numpy()})


NO_MATCH = {"item_code": "", "item_name": "", "status": "not_eligible", "rules": "",
            "reason": "no rule matched"}


def top_columns(long: pd.DataFrame, n: int) -> dict[str, np.ndarray]:
    """Rank-1 tag of each of ``n`` rows as arrays; rows without one are not_eligible."""
    top = long[(long["rank"] == 1).to_numpy()]
    r = top["row"].to_numpy(dtype=np.int64)
    out = {}
    for col, default in NO_MATCH.items():
        a = np.full(n, default, dtype=object)
        a[r] = top[col].to_numpy(dtype=object)
        out[col] = a
    return out
