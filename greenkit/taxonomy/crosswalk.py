"""Crosswalks between taxonomy editions, stored as data.

A crosswalk file ``crosswalks/<a>__<b>.csv`` maps item codes of edition ``a``
to edition ``b`` with a relation: ``exact``, ``partial`` or ``none``. Reading
``b → a`` swaps the columns, so each correspondence is written once.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from greenkit.errors import TaxonomyError
from greenkit.paths import taxonomies_dir

RELATIONS = ("exact", "partial", "none")
COLUMNS = ["from_code", "to_code", "relation", "note", "source", "verified"]


def crosswalk_path(a: str, b: str) -> tuple[Path, bool] | None:
    """(path, swapped) of the file linking ``a`` and ``b``, or None."""
    root = taxonomies_dir() / "crosswalks"
    direct, reverse = root / f"{a}__{b}.csv", root / f"{b}__{a}.csv"
    if direct.exists():
        return direct, False
    if reverse.exists():
        return reverse, True
    return None


def available() -> list[tuple[str, str]]:
    root = taxonomies_dir() / "crosswalks"
    if not root.exists():
        return []
    return [tuple(p.stem.split("__", 1)) for p in sorted(root.glob("*__*.csv"))]


def load_crosswalk(a: str, b: str) -> pd.DataFrame:
    """Rows mapping taxonomy ``a`` codes (from_code) to ``b`` codes (to_code)."""
    found = crosswalk_path(a, b)
    if found is None:
        raise TaxonomyError(f"no crosswalk between {a} and {b} "
                            f"(available: {', '.join('↔'.join(p) for p in available()) or 'none'})")
    path, swapped = found
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("from_code", "to_code", "relation") if c not in df.columns]
    if missing:
        raise TaxonomyError(f"crosswalk lacks column(s) {', '.join(missing)}", path=path)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    if swapped:
        df = df.rename(columns={"from_code": "to_code", "to_code": "from_code"})
    df["verified"] = df["verified"].str.lower().isin({"true", "1", "yes"})
    return df[COLUMNS + [c for c in df.columns if c not in COLUMNS]]


def check_crosswalk(a, b) -> pd.DataFrame:
    """Integrity findings for a crosswalk: both ends exist, relations known.

    ``a`` and ``b`` are loaded ``Taxonomy`` objects.
    """
    df = load_crosswalk(a.id, b.id)
    problems = []
    codes_a, codes_b = set(a.items["code"]), set(b.items["code"])
    for i, r in enumerate(df.itertuples(index=False), start=2):
        if r.relation not in RELATIONS:
            problems.append((i, "relation", r.relation, "unknown relation"))
        if r.from_code and r.from_code not in codes_a:
            problems.append((i, "from_code", r.from_code, f"not an item of {a.id}"))
        if r.to_code and r.to_code not in codes_b:
            problems.append((i, "to_code", r.to_code, f"not an item of {b.id}"))
        if not r.from_code and not r.to_code:
            problems.append((i, "from_code", "", "both ends empty"))
        if r.relation != "none" and (not r.from_code or not r.to_code):
            problems.append((i, "relation", r.relation, "exact/partial need both ends"))
    return pd.DataFrame(problems, columns=["row", "column", "value", "message"])
