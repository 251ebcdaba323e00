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


def evaluate(cands: pd.DataFrame, criteria: pd.DataFrame, frame: pd.DataFrame,
             applicable: pd.DataFrame) -> pd.DataFrame:
    """Outcome of every criterion for every (row, item_code) candidate.

    Returns columns row, item_code, criterion_id, variable, any_group, outcome,
    value, detail.
    """
    cols = ["row", "item_code", "criterion_id", "variable", "any_group", "outcome", "value",
            "detail"]
    if cands.empty or criteria.empty:
        return pd.DataFrame(columns=cols)
    m = cands[["row", "item_code"]].merge(
        criteria[["criterion_id", "item_code", "variable", "operator", "threshold", "unit",
                  "applies_if_keywords", "any_group"]], on="item_code")
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.reset_index(drop=True)
    m["outcome"] = "missing"
    m["value"] = ""
    m["detail"] = ""
    conditional = m["applies_if_keywords"] != ""
    if conditional.any():
        key = applicable.assign(ok=True)
        ok = m[["row", "criterion_id"]].merge(key, on=["row", "criterion_id"], how="left")["ok"]
        m.loc[conditional & ok.isna().to_numpy(), "outcome"] = "n/a"
    active = m["outcome"] != "n/a"
    for (var, op), idx in m[active].groupby(["variable", "operator"]).groups.items():
        sub = m.loc[idx]
        vals = _values(frame, var, sub["row"].to_numpy())
        present = vals.notna().to_numpy() & (vals.astype(str).str.strip() != "").to_numpy()
        factors = np.array([_threshold_factor(u, var) for u in sub["unit"]], dtype=float)
        result = np.zeros(len(sub), dtype=bool)
        if present.any():
            result[present] = _compare(op, vals[present].reset_index(drop=True),
                                       sub["threshold"][present].reset_index(drop=True),
                                       factors[present])
        outcome = np.where(~present, "missing", np.where(result, "met", "failed"))
        m.loc[idx, "outcome"] = outcome
        shown = vals.astype(str).where(pd.Series(present), "")
        m.loc[idx, "value"] = shown.to_numpy()
        m.loc[idx, "detail"] = (var + " " + sub["operator"] + " " + sub["threshold"] + " "
                                + sub["unit"]).str.strip().to_numpy()
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
