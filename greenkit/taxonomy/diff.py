"""What changed between two editions: added, removed, renamed, criteria changed.

Editions renumber their items (the 2021 bond catalogue's 4-level codes are not
the 2019 catalogue's 3-level ones), so the diff pairs items through the
crosswalk when one exists and by identical code otherwise.
"""

from __future__ import annotations

import pandas as pd

from greenkit.taxonomy.crosswalk import crosswalk_path, load_crosswalk
from greenkit.taxonomy.model import Taxonomy

DIFF_COLUMNS = ["change", "a_code", "a_name", "b_code", "b_name", "relation", "detail"]


def _pairs(a: Taxonomy, b: Taxonomy) -> pd.DataFrame:
    """from_code/to_code/relation pairs between the two editions' leaf items."""
    if crosswalk_path(a.id, b.id):
        cw = load_crosswalk(a.id, b.id)
        return cw[["from_code", "to_code", "relation"]]
    la, lb = set(a.leaves["code"]), set(b.leaves["code"])
    rows = [(c, c, "exact") for c in sorted(la & lb)]
    rows += [(c, "", "none") for c in sorted(la - lb)]
    rows += [("", c, "none") for c in sorted(lb - la)]
    return pd.DataFrame(rows, columns=["from_code", "to_code", "relation"])


def _criteria_signature(t: Taxonomy) -> dict[str, frozenset]:
    c = t.criteria
    if c.empty:
        return {}
    sig = c["variable"] + " " + c["operator"] + " " + c["threshold"] + " " + c["unit"]
    return {code: frozenset(s) for code, s in sig.groupby(c["item_code"])}


def diff_taxonomies(a: Taxonomy, b: Taxonomy) -> pd.DataFrame:
    """One row per change. ``change`` is added, removed, renamed or criteria_changed."""
    pairs = _pairs(a, b)
    name_a = dict(zip(a.items["code"], a.items["name_zh"], strict=True))
    name_b = dict(zip(b.items["code"], b.items["name_zh"], strict=True))
    crit_a, crit_b = _criteria_signature(a), _criteria_signature(b)
    rows = []
    mapped_a = set(pairs.loc[pairs["to_code"] != "", "from_code"])
    mapped_b = set(pairs.loc[pairs["from_code"] != "", "to_code"])
    for code in sorted(set(a.leaves["code"]) - mapped_a):
        rows.append(("removed", code, name_a.get(code, ""), "", "", "none", ""))
    for code in sorted(set(b.leaves["code"]) - mapped_b):
        rows.append(("added", "", "", code, name_b.get(code, ""), "none", ""))
    linked = pairs[(pairs["from_code"] != "") & (pairs["to_code"] != "")]
    for r in linked.itertuples(index=False):
        na, nb = name_a.get(r.from_code, ""), name_b.get(r.to_code, "")
        if na != nb:
            rows.append(("renamed", r.from_code, na, r.to_code, nb, r.relation, ""))
        ca, cb = crit_a.get(r.from_code, frozenset()), crit_b.get(r.to_code, frozenset())
        if ca != cb and (ca or cb):
            detail = "; ".join([f"- {x}" for x in sorted(ca - cb)] + [f"+ {x}" for x in sorted(cb - ca)])
            rows.append(("criteria_changed", r.from_code, na, r.to_code, nb, r.relation, detail))
    order = {"added": 0, "removed": 1, "renamed": 2, "criteria_changed": 3}
    out = pd.DataFrame(rows, columns=DIFF_COLUMNS)
    return out.sort_values(["change", "a_code", "b_code"], key=lambda s: s.map(order) if
                           s.name == "change" else s, kind="stable", ignore_index=True)
