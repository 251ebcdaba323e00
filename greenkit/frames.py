"""Column-level helpers shared by validation and tagging (no per-row or per-group Python)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MAX_JOINED = 6


def join_codes(groups: np.ndarray, values: np.ndarray, labels, sep: str = ";",
               max_items: int = MAX_JOINED) -> tuple[np.ndarray, pa.Array]:
    """Join the distinct labels of each group, in the order the rows come.

    ``groups`` and ``values`` are integer codes per row; ``labels[v]`` is the
    text of value code ``v``. Returns (group codes, joined text per group).
    Repeated (group, value) pairs count once; a group with more than
    ``max_items`` values ends with ``…(+n)``. The join itself is one Arrow
    ``binary_join`` over a list array whose offsets are the group boundaries,
    so no Python runs per group.
    """
    groups = np.asarray(groups, dtype=np.int64)
    values = np.asarray(values, dtype=np.int64)
    if not len(groups):
        return groups, pa.array([], type=pa.large_string())
    pair = groups * (int(values.max()) + 1) + values
    _, first = np.unique(pair, return_index=True)
    first.sort()                                   # distinct pairs, in row order
    order = first[np.argsort(groups[first], kind="stable")]
    g = groups[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    counts = np.diff(np.r_[starts, len(g)])
    text = pa.array(np.asarray(labels, dtype=object), type=pa.large_string()).take(
        pa.array(values[order]))
    offsets = pa.array(np.r_[starts, len(g)].astype(np.int64))
    lists = pa.LargeListArray.from_arrays(offsets, text)
    more = counts > max_items
    if more.any():
        lists = pc.list_slice(lists, 0, max_items)
    joined = pc.binary_join(lists, pa.scalar(sep, type=pa.large_string()))
    if more.any():
        tail = np.where(more, np.char.add(np.char.add("…(+", (counts - max_items).astype(str)),
                                          ")"), "")
        joined = pc.binary_join_element_wise(
            joined, pa.array(tail, type=pa.large_string()), pa.scalar("", pa.large_string()))
    return g[starts], joined


def join_per_group(frame: pd.DataFrame, keys: list[str], value: str, sep: str = ";",
                   max_items: int = MAX_JOINED) -> pd.Series:
    """Distinct ``value``s of each group joined by ``sep``, in first-seen order.

    Empty and missing values are skipped; a group with more than ``max_items``
    values ends with ``…(+n)``. Returns a Series indexed by ``keys``.
    """
    d = frame[keys + [value]]
    d = d[(d[value].notna() & (d[value] != "")).to_numpy()]
    index = (pd.MultiIndex.from_frame(d[keys]) if len(keys) > 1 else pd.Index(d[keys[0]]))
    if d.empty:
        return pd.Series([], dtype="string", index=index[:0])
    if len(keys) == 1:
        gcodes, _ = pd.factorize(d[keys[0]], sort=False)
    else:
        gcodes = pd.MultiIndex.from_frame(d[keys]).factorize()[0]
    vcodes, labels = pd.factorize(d[value], sort=False)
    g, joined = join_codes(gcodes, vcodes, np.asarray(labels, dtype=object), sep, max_items)
    first = np.empty(int(gcodes.max()) + 1, dtype=np.int64)
    first[gcodes[::-1]] = np.arange(len(gcodes) - 1, -1, -1)
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=index[first[g]],
                     dtype="string")


@lru_cache(maxsize=1)
def _nfkc_sensitive() -> str:
    """An RE2 character class of every character NFKC may change or combine.

    Built once from ``unicodedata`` for the Basic Multilingual Plane —
    characters whose NFKC form differs, plus combining marks (which compose
    with what precedes them) — and, wholesale, the supplementary blocks that
    hold compatibility characters (mathematical alphanumerics, enclosed
    alphanumerics, CJK compatibility ideographs). A superset is harmless: it
    only decides which values go through the normaliser.
    """
    import unicodedata

    cps = [c for c in range(0x10000)
           if not 0xD800 <= c <= 0xDFFF
           and (unicodedata.normalize("NFKC", chr(c)) != chr(c) or unicodedata.combining(chr(c)))]
    ranges, start, prev = [], cps[0], cps[0]
    for c in cps[1:]:
        if c != prev + 1:
            ranges.append((start, prev))
            start = c
        prev = c
    ranges.append((start, prev))
    ranges += [(0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF), (0x2F800, 0x2FA1F)]
    parts = [f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


def nfkc(values: pd.Series, lower: bool = False) -> pd.Series:
    """NFKC-normalise (full-width → half-width), trim, collapse whitespace; in C++.

    Only values containing a character NFKC would change are normalised (most
    Chinese text and ASCII codes are left as they are, which is the same result
    at a fraction of the cost).
    """
    arr = pa.array(values.astype("string").fillna(""), type=pa.large_string())
    needs = pc.match_substring_regex(arr, pattern=_nfkc_sensitive())
    if pc.any(needs).as_py():
        arr = pc.if_else(needs, pc.utf8_normalize(arr, form="NFKC"), arr)
    spaced = pc.match_substring_regex(arr, pattern=r"[\s]{2,}|[\t\n\r\f\v]|^\s|\s$")
    if pc.any(spaced).as_py():
        arr = pc.if_else(spaced, pc.utf8_trim_whitespace(
            pc.replace_substring_regex(arr, pattern=r"\s+", replacement=" ")), arr)
    if lower:
        arr = pc.utf8_lower(arr)
    out = arr.cast(pa.string()).to_pandas(types_mapper=lambda t: pd.StringDtype())
    out.index = values.index
    return out


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("string").fillna(""), type=pa.large_string())


def regex_contains(values: pd.Series, pattern: str) -> pd.Series:
    """Boolean Series: ``pattern`` (RE2 syntax) found in each value; missing → False.

    Goes straight to pyarrow's RE2 so it never falls back to Python's ``re``.
    """
    out = pc.match_substring_regex(_arrow(values), pattern=pattern)
    return pd.Series(out.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def regex_replace(values: pd.Series, pattern: str, replacement: str) -> pd.Series:
    """Replace every ``pattern`` (RE2) match; returns a pyarrow-backed string Series."""
    out = pc.replace_substring_regex(_arrow(values), pattern=pattern, replacement=replacement)
    res = out.cast(pa.string()).to_pandas(types_mapper=lambda t: pd.StringDtype())
    res.index = values.index
    return res.where(values.notna(), pd.NA)
