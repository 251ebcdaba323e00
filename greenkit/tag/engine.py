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

from greenkit.frames import combine_codes, first_rows, join_codes, set_codes, value_codes
from greenkit.tag import criteria as crit
from greenkit.tag.matcher import (
    SCORE_INDUSTRY,
    SCORE_INDUSTRY_PARTIAL,
    SCORE_KEYWORD,
    CompiledTaxonomy,
    Keys,
    TextScan,
    criteria_applicability,
    industry_rule_hits,
    match_keys,
    text_rule_hits,
)

TAG_COLUMNS = ["row", "taxonomy", "edition", "rank", "item_code", "item_name", "status", "score",
               "rules", "evidence", "missing", "failed", "reason"]


def _rule_hits(ct: CompiledTaxonomy, frame: pd.DataFrame, rows: np.ndarray,
               scan: TextScan) -> pd.DataFrame:
    """All fired rules: row, rule_idx, keyword (bool), detail (keyword or code), partial."""
    text = text_rule_hits(ct, scan, rows)
    sub = frame.iloc[rows]
    system = sub["industry_code_system"] if "industry_code_system" in sub else pd.Series(
        "gbt4754-2017", index=sub.index)
    codes = sub["industry_code"] if "industry_code" in sub else pd.Series("", index=sub.index)
    ind = industry_rule_hits(ct, codes, system)
    ind_rule = ind["rule_idx"].to_numpy(dtype=np.int64)
    # an industry rule flagged partial in the table is partial evidence
    ind_partial = ind["partial"].to_numpy(dtype=bool) | ct.arrays.industry_partial[ind_rule]
    ind_row = rows[ind["row"].to_numpy(dtype=np.int64)]
    keep = _useful_industry_hits(ct, text["row"].to_numpy(dtype=np.int64),
                                 text["rule_idx"].to_numpy(dtype=np.int64), ind_row, ind_rule,
                                 ind_partial)
    ind, ind_rule, ind_partial = ind[keep], ind_rule[keep], ind_partial[keep]
    return pd.DataFrame({
        "row": np.r_[text["row"].to_numpy(dtype=np.int64), ind_row[keep]],
        "rule_idx": np.r_[text["rule_idx"].to_numpy(dtype=np.int64), ind_rule],
        "keyword": np.r_[np.ones(len(text), dtype=bool), np.zeros(len(ind), dtype=bool)],
        "detail": pd.Series(np.r_[text["keyword"].to_numpy(dtype=object),
                                  ind["code"].to_numpy(dtype=object)], dtype=object),
        "partial": np.r_[np.zeros(len(text), dtype=bool), ind_partial]})


def _useful_industry_hits(ct: CompiledTaxonomy, text_row: np.ndarray, text_rule: np.ndarray,
                          ind_row: np.ndarray, ind_rule: np.ndarray, partial: np.ndarray
                          ) -> np.ndarray:
    """Industry hits that can matter: full matches, exclusions, and partial
    matches of a (row, item) that a keyword or a full match also supports.

    A partial match alone never makes a candidate, so the partial hits a
    broad code (D44 against every 44xx rule) spreads over every row are
    dropped here, before the candidates are aggregated, instead of after.
    """
    ra = ct.arrays
    n_items = len(ra.item_codes)
    key = ind_row * n_items + ra.item[ind_rule]
    plain = partial & ~ra.exclusion[ind_rule]
    if not plain.any():
        return np.ones(len(ind_row), dtype=bool)
    anchors = np.unique(np.r_[text_row * n_items + ra.item[text_rule], key[~partial]])
    at = np.minimum(np.searchsorted(anchors, key[plain]), max(len(anchors) - 1, 0))
    keep = np.ones(len(ind_row), dtype=bool)
    keep[plain] = (anchors[at] == key[plain]) if len(anchors) else False
    return keep


def _evidence_labels(ra, rule: np.ndarray, detail: pd.Series, partial: np.ndarray,
                     keyword: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evidence code per hit, the label of each code, and the keyword length per hit.

    Labels (``keyword:光伏 [RULE]``, ``industry:4416* [RULE]``) are built once
    per distinct (rule, detail, partial), not per hit.
    """
    dcode, dlabels = pd.factorize(detail, sort=False)
    dlabels = np.asarray(dlabels, dtype=object)
    dlen = np.fromiter((len(x) for x in dlabels), dtype=np.int64, count=len(dlabels))
    pair = (rule * (len(dlabels) + 1) + dcode) * 2 + partial
    ecode, uniq = pd.factorize(pair, sort=False)
    u_rule = uniq // 2 // (len(dlabels) + 1)
    u_det = uniq // 2 % (len(dlabels) + 1)
    u_part = (uniq % 2).astype(bool)
    u_kw = keyword[first_rows(ecode)]  # a rule fires by keyword or by code, never both
    labels = (np.where(u_kw, "keyword:", "industry:").astype(object) + dlabels[u_det]
              + np.where(u_part, "*", "").astype(object) + " ["
              + ra.rule_id[u_rule] + "]")
    return ecode.astype(np.int64), labels, np.where(keyword, dlen[dcode], 0)


def _candidates(ct: CompiledTaxonomy, hits: pd.DataFrame) -> pd.DataFrame:
    """Aggregate positive hits to (row, item) candidates with score and evidence.

    Score = one weight per kind of evidence (keyword 3; industry 2, or 1 when
    partial); a candidate needs a keyword or a full industry match. Grouping
    is on one integer key per (row, item) so it stays in compiled code;
    evidence lists keyword hits first, then industry hits, each by rule id.
    """
    cols = ["row", "item_code", "score", "klen", "rules", "evidence"]
    ra = ct.arrays
    rule_all = hits["rule_idx"].to_numpy(dtype=np.int64)
    keep = ~ra.exclusion[rule_all]
    if not keep.any():
        return pd.DataFrame(columns=cols)
    pos = hits[keep]
    rule = rule_all[keep]
    order = np.argsort(ra.order[rule], kind="stable")
    pos, rule = pos.iloc[order], rule[order]
    n_items = len(ra.item_codes)
    key = pos["row"].to_numpy(dtype=np.int64) * n_items + ra.item[rule]
    is_kw = pos["keyword"].to_numpy(dtype=bool)
    partial = pos["partial"].to_numpy(dtype=bool)
    ecode, labels, klen = _evidence_labels(ra, rule, pos["detail"], partial, is_kw)
    ind_w = np.where(is_kw, 0.0, np.where(partial, SCORE_INDUSTRY_PARTIAL, SCORE_INDUSTRY))
    g = pd.DataFrame({"key": key, "kw": is_kw, "ind": ind_w, "klen": klen}).groupby(
        "key", sort=False)
    agg = g.max()
    agg = agg[(agg["kw"] | (agg["ind"] >= SCORE_INDUSTRY)).to_numpy()]
    chosen = np.isin(key, agg.index.to_numpy())
    k_rules, rules = join_codes(key[chosen], rule[chosen], ra.rule_id)
    k_ev, evidence = join_codes(key[chosen], ecode[chosen], labels, sep="; ")
    at = pd.Index(agg.index)
    out = pd.DataFrame({"row": agg.index.to_numpy() // n_items,
                        "item_code": ra.item_codes[agg.index.to_numpy() % n_items],
                        "score": np.where(agg["kw"], SCORE_KEYWORD, 0.0) + agg["ind"].to_numpy(),
                        "klen": agg["klen"].to_numpy(), "rules": None, "evidence": None})
    out.loc[at.get_indexer(k_rules), "rules"] = rules.to_numpy(zero_copy_only=False)
    out.loc[at.get_indexer(k_ev), "evidence"] = evidence.to_numpy(zero_copy_only=False)
    return out


def _exclusions(ct: CompiledTaxonomy, hits: pd.DataFrame) -> pd.DataFrame:
    """(row, item_code or '*', rule_id, detail) of fired exclusion rules."""
    rule = hits["rule_idx"].to_numpy(dtype=np.int64)
    ex = hits[ct.arrays.exclusion[rule]]
    r = ex["rule_idx"].to_numpy(dtype=np.int64)
    out = pd.DataFrame({"row": ex["row"].to_numpy(), "item_code": ct.arrays.item_codes[
        ct.arrays.item[r]], "rule_id": ct.arrays.rule_id[r], "detail": ex["detail"].to_numpy()})
    return out.drop_duplicates(["row", "item_code"])


def _rank(c: pd.DataFrame) -> pd.DataFrame:
    c = c.sort_values(["row", "score", "klen", "item_code"],
                      ascending=[True, False, False, True], kind="stable")
    c["rank"] = c.groupby("row", sort=False).cumcount() + 1
    return c


def tag_keys(ct: CompiledTaxonomy, keys: Keys, wanted: np.ndarray) -> pd.DataFrame:
    """Candidates of each match key in ``wanted`` (everything that does not read
    a loan's own figures): rank, score, rules, evidence and exclusions.

    Returns one row per (key, candidate) with ``key`` in place of ``row``,
    ``excl_rule``/``excl_detail`` set where an exclusion fired, plus one
    item-less ``excluded`` row per key that only an exclusion matched.
    """
    t = ct.taxonomy
    hits = _rule_hits(ct, keys.frame, wanted, keys.scan)
    cands = _candidates(ct, hits)
    excl = _exclusions(ct, hits)
    cands = _rank(_mark_exclusions(cands, excl))
    names = dict(zip(t.items["code"], t.items["name_zh"], strict=True))
    cands["item_name"] = cands["item_code"].map(names).fillna("")
    none = _rows_only_excluded(wanted, cands, excl)
    out = pd.concat([cands, none], ignore_index=True) if len(none) else cands
    out = out.rename(columns={"row": "key"}).drop(columns=["missing", "failed"], errors="ignore")
    out["score"] = out["score"].astype(float)
    return out.sort_values(["key", "rank"], kind="stable", ignore_index=True)


def expand_index(per_key_keys: np.ndarray, of_row: np.ndarray, rows: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Positions that broadcast a key-level table to the rows listed in ``rows``.

    ``per_key_keys`` (the table's key column) is sorted, so gathering each
    row's slice in row order yields rows ordered by (row, table order), with
    no join. Returns (row of each output line, position in the table).
    """
    kk = np.asarray(per_key_keys, dtype=np.int64)
    n_keys = max(int(of_row.max(initial=-1)), int(kk.max(initial=-1))) + 1
    counts = np.bincount(kk, minlength=n_keys)
    start = np.cumsum(counts) - counts
    k = of_row[rows]
    n = counts[k]
    ends = np.cumsum(n)
    idx = np.repeat(start[k] - (ends - n), n) + np.arange(int(ends[-1]) if len(ends) else 0)
    return np.repeat(rows, n), idx


def expand(per_key: pd.DataFrame, of_row: np.ndarray, rows: np.ndarray) -> pd.DataFrame:
    """Broadcast key-level candidates (sorted by key, then rank) to ``rows`` (sorted)."""
    kk = per_key["key"].to_numpy(dtype=np.int64)
    row, idx = expand_index(kk, of_row, rows)
    out = {c: per_key[c].to_numpy()[idx] for c in per_key.columns if c != "key"}
    return pd.DataFrame({"row": row, "key": kk[idx], **out})


def tag_partition(frame: pd.DataFrame, ct: CompiledTaxonomy, rows: np.ndarray | None = None,
                  keys: Keys | None = None) -> pd.DataFrame:
    """Tag rows of ``frame`` (all, or the positions in ``rows``) under one taxonomy.

    Returns the long table (``TAG_COLUMNS``): every candidate of every row with
    its rank, plus one ``excluded`` row (rank 1, no item) for a row that only
    an exclusion rule matched. A row absent from the table matched nothing: its
    status is ``not_eligible`` (see ``top_columns``). ``row`` is the position in
    ``frame``; ``keys`` lets several taxonomies share one grouping and keyword pass.
    """
    t = ct.taxonomy
    frame = frame.reset_index(drop=True)
    rows = np.arange(len(frame)) if rows is None else np.sort(np.asarray(rows, dtype=np.int64))
    keys = keys if keys is not None else match_keys(frame, [ct])
    per_key = tag_keys(ct, keys, np.unique(keys.of_row[rows]))
    long = expand(per_key, keys.of_row, rows)
    checked = long["item_code"].isin(ct.items_with_criteria).to_numpy()
    if checked.any():
        long = _with_criteria(long, checked, ct, keys, frame)
    long = _status(long)
    long["taxonomy"] = t.id
    long["edition"] = t.edition
    return long[TAG_COLUMNS]


CRITERIA_COLUMNS = ["crit_outcome", "missing", "failed", "checked"]


def _with_criteria(long: pd.DataFrame, checked: np.ndarray, ct: CompiledTaxonomy, keys: Keys,
                   frame: pd.DataFrame) -> pd.DataFrame:
    """Attach the criteria outcome of each candidate in ``checked``.

    An outcome depends only on the item, which criteria apply (by the key's
    keywords) and the row's values of the criterion variables, so candidates
    agreeing on those are evaluated once and share the result.
    """
    t = ct.taxonomy
    sub = long.loc[checked, ["row", "item_code", "key"]].reset_index(drop=True)
    applicable = criteria_applicability(ct, keys.scan, np.unique(sub["key"].to_numpy()))
    sig = _criteria_signature(sub, applicable, t.criteria, frame)
    rep = first_rows(sig)
    uniq = sub.iloc[rep].reset_index(drop=True)
    res = crit.combine(crit.evaluate(uniq, t.criteria, frame, applicable))
    at = pd.MultiIndex.from_frame(uniq[["row", "item_code"]]).get_indexer(
        pd.MultiIndex.from_frame(res[["row", "item_code"]]))
    pos = np.full(len(uniq), -1, dtype=np.int64)
    pos[at] = np.arange(len(res))
    pos = pos[sig]                      # result row of each checked candidate, -1 if none
    has = pos >= 0
    rows = np.flatnonzero(checked)[has]
    long = long.copy()
    for c in CRITERIA_COLUMNS:
        a = np.full(len(long), None, dtype=object)
        a[rows] = res[c].to_numpy(dtype=object)[pos[has]]
        long[c] = a
    return long


def _criteria_signature(sub: pd.DataFrame, applicable: pd.DataFrame, criteria: pd.DataFrame,
                        frame: pd.DataFrame) -> np.ndarray:
    """One code per distinct (item, applicable criteria of the key, variable values)."""
    n_keys = int(sub["key"].max()) + 1
    app = set_codes(applicable["row"].to_numpy(dtype=np.int64),
                    value_codes(applicable["criterion_id"].to_numpy(dtype=object)), n_keys)
    rows = sub["row"].to_numpy(dtype=np.int64)
    parts = [value_codes(sub["item_code"]), app[sub["key"].to_numpy(dtype=np.int64)]]
    for var in sorted(set(criteria["variable"])):
        if var in frame:
            parts.append(value_codes(frame[var].iloc[rows]))
    return combine_codes(parts)


def _mark_exclusions(c: pd.DataFrame, excl: pd.DataFrame) -> pd.DataFrame:
    """Attach the exclusion (taxonomy-wide or item-specific) that hits each candidate."""
    c = c.copy()
    c["excl_rule"], c["excl_detail"] = None, None
    if len(excl) and len(c):
        key = excl[["row", "item_code", "rule_id", "detail"]]
        wide = key[key["item_code"] == "*"].drop(columns="item_code")
        specific = key[key["item_code"] != "*"]
        m = c[["row", "item_code"]].merge(wide, on="row", how="left").merge(
            specific, on=["row", "item_code"], how="left", suffixes=("", "_s"))
        c["excl_rule"] = m["rule_id_s"].fillna(m["rule_id"]).to_numpy()
        c["excl_detail"] = m["detail_s"].fillna(m["detail"]).to_numpy()
    return c


def _status(c: pd.DataFrame) -> pd.DataFrame:
    """Status and reason from criteria outcomes; an exclusion overrides them."""
    for col, default in (("crit_outcome", "met"), ("missing", ""), ("failed", ""),
                         ("checked", 0)):
        if col not in c:
            c[col] = default
        c[col] = c[col].fillna(default)
    outcome = c["crit_outcome"].to_numpy()
    status = np.select([outcome == "failed", outcome == "missing"],
                       ["not_aligned", "eligible"], default="aligned").astype(object)
    checked = c["checked"].to_numpy(dtype=np.int64)
    reason = np.full(len(c), "matched; no technical criteria", dtype=object)
    for mask, text in ((checked > 0, lambda m: "all " + c.loc[m, "checked"].astype(int).astype(str)
                        + " criteria met"),
                       (outcome == "missing", lambda m: "missing data: " + c.loc[m, "missing"]),
                       (outcome == "failed", lambda m: "failed: " + c.loc[m, "failed"])):
        if mask.any():
            reason[mask] = text(mask).to_numpy(dtype=object)
    given = (c["status"] if "status" in c else pd.Series("", index=c.index)).fillna("")
    only = (given == "excluded").to_numpy()
    hit = c["excl_rule"].notna().to_numpy() & ~only
    rules = c["rules"].to_numpy(dtype=object).copy()
    if hit.any():
        status[hit] = "excluded"
        reason[hit] = ("exclusion " + c.loc[hit, "excl_rule"] + ": "
                       + c.loc[hit, "excl_detail"].astype(str)).to_numpy()
        rules[hit] = (c.loc[hit, "rules"].astype(str) + ";" + c.loc[hit, "excl_rule"]).to_numpy()
    if only.any():
        status[only] = "excluded"
        reason[only] = c.loc[only, "reason"].to_numpy()
    c["status"], c["reason"], c["rules"] = status, reason, rules
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
