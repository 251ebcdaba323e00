"""Reviewer overrides: a decision that survives re-runs and stays auditable.

An overrides file (CSV/XLSX) has one row per (loan, taxonomy): the code and
status the reviewer decided, who, when and why. It is applied after the rules,
and the tag keeps what the rules said next to the override.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from greenkit.errors import InputError
from greenkit.io import ROW, read_table
from greenkit.taxonomy.model import STATUSES

COLUMNS = {"loan_id": ("贷款编号", "借据号"), "taxonomy": ("分类标准", "目录"),
           "code": ("分类代码", "代码", "item_code"), "status": ("状态",),
           "reviewer": ("复核人", "审核人"), "reason": ("原因", "理由", "说明"),
           "date": ("日期", "复核日期")}


def read_overrides(path: str | Path, known: dict[str, set[str]]) -> pd.DataFrame:
    """Read and check an overrides file; every problem is reported at once.

    ``known`` maps each taxonomy name used in this run to its item codes.
    """
    raw = read_table(path)
    f = raw.frame
    rename = {}
    for canon, alts in COLUMNS.items():
        for h in raw.headers:
            if h.strip().lower() == canon or h.strip() in alts:
                rename[h] = canon
    f = f.rename(columns=rename)
    missing = [c for c in COLUMNS if c not in f]
    if missing:
        raise InputError(f"overrides file lacks column(s): {', '.join(missing)}", path=path)
    f = f.assign(**{c: f[c].fillna("").astype(str).str.strip() for c in COLUMNS})
    problems = []
    # a reviewer's file has tens of rows: this loop is not on the hot path
    for line, r in zip(f[ROW], f[list(COLUMNS)].itertuples(index=False), strict=True):
        where = f"row {line}"
        if r.taxonomy not in known:
            problems.append(f"{where} taxonomy: {r.taxonomy!r} is not tagged in this run "
                            f"({', '.join(known)})")
        elif r.code and r.code not in known[r.taxonomy]:
            problems.append(f"{where} code: {r.code!r} is not an item of {r.taxonomy}")
        if r.status not in STATUSES:
            problems.append(f"{where} status: {r.status!r} is not one of {', '.join(STATUSES)}")
        if not r.reviewer or not r.reason:
            problems.append(f"{where}: reviewer and reason are required")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError("; ".join(problems[:5]) + more, path=path)
    dup = f.duplicated(["loan_id", "taxonomy"], keep=False)
    if dup.any():
        raise InputError(f"loan {f.loc[dup, 'loan_id'].iloc[0]} has two overrides for one "
                         "taxonomy", path=path)
    return f[list(COLUMNS)].reset_index(drop=True)


def apply(long: pd.DataFrame, loan_ids: pd.Series, overrides: pd.DataFrame | None,
          taxonomy: str) -> pd.DataFrame:
    """Replace the rank-1 tag of overridden loans; record what the rules said."""
    if overrides is None or overrides.empty:
        return long
    ov = overrides[overrides["taxonomy"] == taxonomy].set_index("loan_id")
    if ov.empty:
        return long
    ids = loan_ids.to_numpy()[long["row"].to_numpy()]
    hit = (long["rank"] == 1).to_numpy() & pd.Series(ids).isin(ov.index).to_numpy()
    if not hit.any():
        return long
    long = long.copy()
    o = ov.loc[ids[hit]]
    was = ("rules said " + long.loc[hit, "item_code"].replace("", "-") + " "
           + long.loc[hit, "status"])
    long.loc[hit, "override"] = ("override by " + o["reviewer"].to_numpy() + " on "
                                 + o["date"].to_numpy() + ": " + o["reason"].to_numpy()
                                 + " (" + was.to_numpy() + ")")
    long.loc[hit, "item_code"] = o["code"].to_numpy()
    long.loc[hit, "status"] = o["status"].to_numpy()
    long.loc[hit, "rules"] = "override"
    long.loc[hit, "reason"] = long.loc[hit, "override"]
    return long
