"""Run a taxonomy's rule-case file (cases.csv) through the real tagger.

Rule tests are data: each case is an input row with the item and status the
rules must produce. Tests and `greenkit taxonomy validate --cases` use this.
"""

from __future__ import annotations

import pandas as pd

from greenkit.tag.run import TagOptions, run
from greenkit.taxonomy import Taxonomy

META = ("case_id", "expect_code", "expect_status", "note")


def run_cases(t: Taxonomy) -> pd.DataFrame:
    """One row per case: expected and actual code/status, and ``ok``."""
    cases = t.cases
    if cases.empty:
        return pd.DataFrame(columns=["case_id", "expect_code", "got_code", "expect_status",
                                     "got_status", "ok", "note"])
    book = cases.drop(columns=[c for c in META if c in cases]).copy()
    book.insert(0, "loan_id", cases["case_id"].to_numpy())
    book.insert(1, "borrower_name", "case")
    book["outstanding"] = "1"
    result = run(book, TagOptions(taxonomies=(str(t.path),), amount_unit="元"))
    tagged = result.tagged.set_index("loan_id")
    name = str(t.path)
    got_code = tagged[f"{name}.code"].reindex(cases["case_id"]).fillna("").to_numpy()
    got_status = tagged[f"{name}.status"].reindex(cases["case_id"]).fillna("rejected").to_numpy()
    out = pd.DataFrame({
        "case_id": cases["case_id"].to_numpy(), "expect_code": cases["expect_code"].to_numpy(),
        "got_code": got_code, "expect_status": cases["expect_status"].to_numpy(),
        "got_status": got_status, "note": cases["note"].to_numpy()})
    out["ok"] = (out["expect_code"] == out["got_code"]) & (out["expect_status"] == out["got_status"])
    return out
