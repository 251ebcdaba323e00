"""Evaluate technical screening criteria as column operations.

A criterion compares one registered field with a threshold, converting the
threshold's unit into the field's canonical unit with the shared pint
registry. Each (loan, candidate item, criterion) gets an outcome: ``met``,
``failed``, ``missing`` (the loan lacks the value) or ``n/a`` (the criterion
concerns another product of the item, per ``applies_if_keywords``). Criteria
sharing an ``any_group`` are alternatives. Nothing is parsed with ``eval``:
operators are a fixed vocabulary mapped to numpy functions.
"""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd

from greenkit.fields import registry
from greenkit.frames import join_per_group
from greenkit.units import conversion_factor

_CMP = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
OUTCOME_ORDER = {"failed": 3, "missing": 2, "met": 1, "n/a": 0}


def _threshold_factor(unit: str, variable: str) -> float:
    f = registry()[variable] if variable in registry() else None
    if not unit or f is None or not f.unit:
        return 1.0
    return conversion_factor(unit, f.unit, f"criterion unit for {variable}")


def _values(frame: pd.DataFrame, variable: str, rows: np.ndarray) -> pd.Series:
    if variable not in frame:
        return pd.Series([pd.NA] * len(rows), dtype="object")
    return frame[variable].iloc[rows].reset_index(drop=True)


def _compare(op: str, values: pd.Series, thresholds: pd.Series, factors: np.ndarray) -> np.ndarray:
    """Vector of True/False for present values (missing handled by the caller)."""
    if op in _CMP:
        v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
        t = pd.to_numeric(thresholds, errors="coerce").to_numpy(dtype=float) * factors
        return _CMP[op](v, t)
    if op == "is_true":
        return values.map(lambda x: x is True or x == 1 or str(x).lower() == "true").to_numpy()
    sv = values.astype(str).str.strip()
    num = pd.to_numeric(values, errors="coerce")
    # integers stored as floats compare as "2", not "2.0"
    sv = sv.where(num.isna() | (num % 1 != 0), num.astype("Int64").astype(str))
    if op in ("==", "!="):
        tn = pd.to_numeric(thresholds, errors="coerce")
        eq = np.where(num.notna() & tn.notna(), num.to_numpy() == tn.to_numpy() * factors,
                      sv.to_numpy() == thresholds.astype(str).str.strip().to_numpy())
        return eq if op == "==" else ~eq
    allowed = thresholds.astype(str).str.split("|")
    inside = np.array([v in {a.strip() for a in al} for v, al in zip(sv, allowed, strict=True)])
    return inside if op == "in" else ~inside


def _factors(criteria: pd.DataFrame) -> np.ndarray:
    """Threshold unit → field unit factor, once per criterion (not per loan)."""
    pairs = list(zip(criteria["unit"], criteria["variable"], strict=True))
    cache = {p: _threshold_factor(*p) for p in set(pairs)}
    return np.array([cache[p] for p in pairs], dtype=float)


def evaluate(cands: pd.DataFrame, criteria: pd.DataFrame, frame: pd.DataFrame,
             applicable: pd.DataFrame) -> pd.DataFrame:
    """Outcome of every criterion for every (row, item_code) candidate.

    ``cands`` has row, item_code and key (the match key of the row);
    ``applicable`` holds the (key, criterion_id) pairs whose
    applies_if_keywords occur in the key's text. Returns columns row,
    item_code, criterion_id, variable, any_group, outcome, value, detail.
    """
    cols = ["row", "item_code", "criterion_id", "variable", "any_group", "outcome", "value",
            "detail"]
    if cands.empty or criteria.empty:
        return pd.DataFrame(columns=cols)
    table = criteria[["criterion_id", "item_code", "variable", "operator", "threshold", "unit",
                      "applies_if_keywords", "any_group"]].assign(factor=_factors(criteria))
    m = cands[["row", "item_code", "key"]].merge(table, on="item_code")
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.reset_index(drop=True)
    # results go into NumPy arrays and are attached once: writing into
    # Arrow-backed string columns piece by piece copies them each time
    outcome = np.full(len(m), "missing", dtype=object)
    value = np.full(len(m), "", dtype=object)
    detail = np.full(len(m), "", dtype=object)
    conditional = (m["applies_if_keywords"] != "").to_numpy()
    if conditional.any():
        ok = applicable.rename(columns={"row": "key"}).assign(ok=True)
        ok = m[["key", "criterion_id"]].merge(ok, on=["key", "criterion_id"], how="left")["ok"]
        outcome[conditional & ok.isna().to_numpy()] = "n/a"
    active = outcome != "n/a"
    for (var, op), idx in m[active].groupby(["variable", "operator"]).indices.items():
        at = np.flatnonzero(active)[idx]
        sub = m.iloc[at]
        vals = _values(frame, var, sub["row"].to_numpy())
        present = vals.notna().to_numpy() & (vals.astype(str).str.strip() != "").to_numpy()
        factors = sub["factor"].to_numpy(dtype=float)
        result = np.zeros(len(sub), dtype=bool)
        if present.any():
            result[present] = _compare(op, vals[present].reset_index(drop=True),
                                       sub["threshold"][present].reset_index(drop=True),
                                       factors[present])
        outcome[at] = np.where(~present, "missing", np.where(result, "met", "failed"))
        value[at] = vals.astype(str).where(pd.Series(present), "").to_numpy(dtype=object)
        detail[at] = (var + " " + sub["operator"] + " " + sub["threshold"] + " "
                      + sub["unit"]).str.strip().to_numpy(dtype=object)
    m = m.assign(outcome=outcome, value=value, detail=detail)
    return m[cols]


def combine(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per (row, item_code): worst outcome over criteria groups, missing fields, failures.

    Within an ``any_group`` one ``met`` suffices; otherwise the group is
    ``missing`` if any member lacks data, else ``failed``. Column operations
    only: group maxima, then joins of the few strings per candidate.
    """
    cols = ["row", "item_code", "crit_outcome", "missing", "failed", "checked"]
    o = outcomes[outcomes["outcome"] != "n/a"]
    if o.empty:
        return pd.DataFrame(columns=cols)
    keys = ["row", "item_code"]
    group = np.where(o["any_group"] != "", "g:" + o["any_group"].astype(str),
                     o["criterion_id"].astype(str))
    o = o.assign(group=group, is_met=(o["outcome"] == "met").to_numpy())
    any_met = o.groupby(keys + ["group"], sort=False)["is_met"].transform("max").to_numpy()
    eff = np.where(any_met, "met", o["outcome"].to_numpy())
    o = o.assign(eff=eff, erank=pd.Series(eff, index=o.index).map(OUTCOME_ORDER).to_numpy())
    per = o.groupby(keys, sort=False)
    out = pd.DataFrame({"erank": per["erank"].max(), "checked": per.size()})
    inv = {v: k for k, v in OUTCOME_ORDER.items()}
    out["crit_outcome"] = out["erank"].map(inv)
    missing = o[o["eff"] == "missing"]
    out["missing"] = join_per_group(missing, keys, "variable").reindex(out.index).fillna("")
    failed = o[o["eff"] == "failed"]
    failed = failed.assign(txt=failed["criterion_id"] + " (" + failed["detail"] + "; value "
                           + failed["value"].astype(str) + ")")
    out["failed"] = join_per_group(failed, keys, "txt", sep="; ").reindex(out.index).fillna("")
    return out.reset_index()[cols]
