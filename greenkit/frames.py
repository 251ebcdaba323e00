"""Column-level helpers shared by validation and tagging (no per-row or per-group Python)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MAX_JOINED = 6


def combine_codes(parts: list[np.ndarray]) -> np.ndarray:
    """One dense code per distinct tuple of codes (first-appearance order).

    Codes must be non-negative: each step packs ``key * (max + 1) + code``.
    """
    if any(len(c) and c.min() < 0 for c in parts):
        raise ValueError("combine_codes needs non-negative codes")
    key = pd.factorize(parts[0])[0].astype(np.int64)
    for c in parts[1:]:
        key = pd.factorize(key * (int(c.max(initial=0)) + 1) + c)[0].astype(np.int64)
    return key


def value_codes(values: pd.Series | np.ndarray) -> np.ndarray:
    """An integer code per value (equal values, equal codes; missing values share one).

    Arrow-backed text is dictionary-encoded in C++ without turning every
    cell into a Python string; anything else goes through ``pd.factorize``.
    """
    if isinstance(values, pd.Series) and isinstance(values.array, pd.arrays.ArrowStringArray):
        arr = pa.array(values.array)
        enc = pc.dictionary_encode(arr, null_encoding="encode")
        if isinstance(enc, pa.ChunkedArray):
            enc = enc.unify_dictionaries().combine_chunks()
        return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return pd.factorize(np.asarray(values) if not isinstance(values, pd.Series) else values,
                        use_na_sentinel=False)[0].astype(np.int64)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """Position of the first row of each code (codes dense, first-appearance order)."""
    n = int(codes.max(initial=-1)) + 1
    rep = np.empty(n, dtype=np.int64)
    rep[codes[::-1]] = np.arange(len(codes) - 1, -1, -1, dtype=np.int64)
    return rep


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


def set_codes(groups: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """A code per group ``0..n-1`` for the *set* of values it holds: groups
    holding the same set get the same code, an empty group gets 0.

    Exact (no hashing): each group's sorted distinct values are joined into
    one string by Arrow and the strings dictionary-encoded.
    """
    out = np.zeros(n, dtype=np.int64)
    groups = np.asarray(groups, dtype=np.int64)
    if not len(groups):
        return out
    values = np.asarray(values, dtype=np.int64)
    if values.min() < 0:
        raise ValueError("set_codes needs non-negative values")
    width = int(values.max()) + 1
    pair = np.unique(groups * width + values)        # sorted: by group, then value
    g, v = pair // width, pair % width
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    lists = pa.LargeListArray.from_arrays(pa.array(np.r_[starts, len(g)].astype(np.int64)),
                                          pc.cast(pa.array(v), pa.large_string()))
    joined = pc.binary_join(lists, pa.scalar(",", type=pa.large_string()))
    enc = pc.dictionary_encode(joined).indices.to_numpy(zero_copy_only=False)
    out[g[starts]] = enc.astype(np.int64) + 1
    return out


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
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=index[first_rows(gcodes)[g]],
                     dtype="string")


@lru_cache(maxsize=1)
def _nfkc_ranges() -> tuple[tuple[int, int], ...]:
    """Code point ranges of every character NFKC may change or combine.

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
    return tuple(ranges)


@lru_cache(maxsize=1)
def _nfkc_sensitive() -> str:
    """An RE2 character class of every character NFKC may change or combine."""
    parts = [f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}"
             for a, b in _nfkc_ranges()]
    return "[" + "".join(parts) + "]"


def nfkc(values: pd.Series, lower: bool = False) -> pd.Series:
    """NFKC-normalise (full-width → half-width), trim, collapse whitespace; in C++.

    Only values that may hold a character NFKC would change are normalised
    (most Chinese text and ASCII codes are left as they are, which is the same
    result at a fraction of the cost); see :func:`nfkc_arrow`.
    """
    arr = nfkc_arrow(_arrow(values))
    if lower:
        arr = pc.utf8_lower(arr)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=values.index)


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


#: Values whose whitespace needs tidying: a run, a tab/newline, or an edge space.
_SPACED = r"[\s]{2,}|[\t\n\r\f\v]|^\s|\s$"


def _space_bytes(data: np.ndarray) -> np.ndarray:
    """Bytes RE2 may match in ``_SPACED`` (its ``\\s`` is ASCII-only), and other
    control bytes: one comparison."""
    return data <= 0x20


def _nfkc_lead_bytes(data: np.ndarray) -> np.ndarray:
    """Bytes that may start a character of :func:`_nfkc_sensitive`: lead bytes
    C0–E3 and EA–FF. A value holding none holds no sensitive character (a lead
    byte is never ASCII nor a continuation byte); E4–E9 lead the CJK
    ideographs, which NFKC never changes (tests/test_validate_uniques.py)."""
    return ((data - np.uint8(0xE4)) > 5) & (data >= 0xC0)


def utf8_view(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(offsets from the first value, bytes) of an arrow ``string`` or
    ``large_string`` array; the bytes are not copied."""
    n = len(arr)
    buffers = arr.buffers()
    width = np.int32 if pa.types.is_string(arr.type) else np.int64
    offsets = np.frombuffer(buffers[1], dtype=width, count=n + 1,
                            offset=np.dtype(width).itemsize * arr.offset).astype(np.int64,
                                                                                   copy=False)
    start, end = int(offsets[0]), int(offsets[-1])
    data = (np.frombuffer(buffers[2], dtype=np.uint8, count=end - start, offset=start)
            if end > start else np.empty(0, dtype=np.uint8))
    return offsets - start, data


def values_with_bytes(arr: pa.Array, test: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Bool per value of a ``large_string`` array: does ``test`` (a vectorised
    predicate on UTF-8 bytes) hold for any of its bytes?

    A comparison or two over the data buffer — far cheaper than a regex per
    value — picks the few values a regex then has to look at.
    """
    offsets, data = utf8_view(arr)
    out = np.zeros(len(arr), dtype=bool)
    out[np.searchsorted(offsets, np.flatnonzero(test(data)), side="right") - 1] = True
    return out


def first_bytes(arr: pa.Array) -> np.ndarray:
    """First byte of each value of a ``string`` or ``large_string`` array; -1 for ''."""
    offsets, data = utf8_view(arr)
    out = np.full(len(arr), -1, dtype=np.int16)
    filled = offsets[1:] > offsets[:-1]
    out[filled] = data[offsets[:-1][filled]]
    return out


def nfkc_arrow(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`nfkc` on an arrow string array without missing values, staying in arrow.

    Validation calls this on the distinct values of a column, so it must not
    pay for a pandas round trip. A byte scan picks the values that may hold
    an NFKC-sensitive character or whitespace to tidy; only those meet the
    regexes and the normaliser, and ``replace_with_mask`` puts them back.
    """
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    maybe = np.flatnonzero(values_with_bytes(arr, _nfkc_lead_bytes))
    spaced = values_with_bytes(arr, _space_bytes)
    if len(maybe):
        sub = arr.take(maybe)
        needs = pc.match_substring_regex(sub, pattern=_nfkc_sensitive()).to_numpy(
            zero_copy_only=False)
        if needs.any():
            mask = np.zeros(len(arr), dtype=bool)
            mask[maybe[needs]] = True
            arr = pc.replace_with_mask(arr, mask, pc.utf8_normalize(sub.filter(needs), form="NFKC"))
            spaced |= mask
    maybe = np.flatnonzero(spaced)
    if len(maybe):
        sub = arr.take(maybe)
        hit = pc.match_substring_regex(sub, pattern=_SPACED).to_numpy(zero_copy_only=False)
        if hit.any():
            mask = np.zeros(len(arr), dtype=bool)
            mask[maybe[hit]] = True
            tidy = pc.replace_substring_regex(sub.filter(hit), pattern=r"\s+", replacement=" ")
            arr = pc.replace_with_mask(arr, mask, pc.utf8_trim_whitespace(tidy))
    return arr
