"""Verify a bank's declared green classification against the rules.

Outcomes (README): ``confirmed`` — a green candidate (aligned or eligible) of
the declared catalogue is the declared item or lies under it; ``code_mismatch``
— the rules find a green activity, but a different one; ``not_supported`` — no
green activity is found (nothing matched, excluded, or a criterion failed);
``unknown_code`` — the declared code is not an item of the declared catalogue.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GREEN = ("aligned", "eligible")
DECLARED_COLUMNS = ["row", "declared.taxonomy", "declared.code", "declared.result",
                    "declared.reason"]


def verify(declared: pd.DataFrame, long: pd.DataFrame, known_codes: dict[str, set]) -> pd.DataFrame:
    """Compare declarations with the candidates of the same catalogue.

    ``declared``: row, taxonomy, code (rows with a declared code only).
    ``long``: candidate table with columns row, edition_id, item_code, status, rank.
    ``known_codes``: item codes per taxonomy id.
    """
    if declared.empty:
        return pd.DataFrame(columns=DECLARED_COLUMNS)
    d = declared.reset_index(drop=True)
    cand = long[["row", "edition_id", "item_code", "status", "rank"]]
    m = d.merge(cand, left_on=["row", "taxonomy"], right_on=["row", "edition_id"], how="left")
    code = m["code"].astype(str)
    item = m["item_code"].fillna("").astype(str)
    under = (item == code) | np.strings.startswith(item.to_numpy(dtype=str),
                                                    (code + ".").to_numpy(dtype=str))
    green = m["status"].isin(GREEN)
    m["hit"] = under & green
    m["green"] = green
    per = m.groupby("row", sort=False).agg(hit=("hit", "any"), green=("green", "any"))
    top = m[m["rank"] == 1].drop_duplicates("row").set_index("row")
    out = d.set_index("row")
    out["hit"] = per["hit"]
    out["green"] = per["green"]
    known = np.array([c in known_codes.get(t, set()) for t, c in
                      zip(out["taxonomy"], out["code"], strict=True)])
    result = np.select([~known, out["hit"], out["green"]],
                       ["unknown_code", "confirmed", "code_mismatch"], default="not_supported")
    top_code = top["item_code"].reindex(out.index).fillna("")
    top_status = top["status"].reindex(out.index).fillna("not_eligible")
    reason = np.select(
        [result == "unknown_code", result == "confirmed", result == "code_mismatch"],
        ["declared code is not an item of " + out["taxonomy"],
         "rules support the declared item",
         "rules find " + top_code + " (" + top_status + ")"],
        default="no green activity found (top: " + top_status + ")")
    return pd.DataFrame({
        "row": out.index, "declared.taxonomy": out["taxonomy"].to_numpy(),
        "declared.code": out["code"].to_numpy(), "declared.result": result,
        "declared.reason": reason})
