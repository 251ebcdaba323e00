"""Greenwashing red flags as a table (definitions in ``flags.yaml``).

Row-level flags are computed per partition; the "same project financed twice"
flag needs the whole book and is computed in the reduce step
(``project_duplicates``). Every flag row names the loan, the flag id, its
severity, the taxonomy it concerns and the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from greenkit.frames import combine_codes, join_codes, regex_contains
from greenkit.io.yamlfile import load_yaml_text

FLAG_COLUMNS = ["loan_id", "row", "flag", "name", "severity", "taxonomy", "evidence", "message"]
GREEN = ("aligned", "eligible")


@lru_cache(maxsize=1)
def definitions() -> dict[str, dict]:
    text = resources.files(__package__).joinpath("flags.yaml").read_text(encoding="utf-8")
    return {f["id"]: f for f in load_yaml_text(text)["flags"]}


def _pattern(words: list[str]) -> str:
    """An RE2 alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _flag(frame: pd.DataFrame, mask: np.ndarray, fid: str, taxonomy, evidence) -> pd.DataFrame:
    """Flag rows of ``mask``; ``taxonomy``/``evidence`` are scalars or callables
    given the flagged positions (so texts are built for flagged rows only)."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return pd.DataFrame(columns=FLAG_COLUMNS)
    d = definitions()[fid]
    at = np.flatnonzero(mask)
    return pd.DataFrame({
        "loan_id": _column(frame, "loan_id")(at), "row": frame["_row"].to_numpy()[at],
        "flag": fid, "name": d["name"], "severity": d["severity"],
        "taxonomy": taxonomy(at) if callable(taxonomy) else taxonomy,
        "evidence": evidence(at) if callable(evidence) else evidence,
        "message": " ".join(d["description"].split())})


Distinct = tuple[np.ndarray, pd.Series]


def distinct(values: pd.Series) -> Distinct:
    """(code per row, distinct values): flags test each distinct text once."""
    codes, uniq = pd.factorize(values.fillna("").astype(str), sort=False)
    return codes, pd.Series(np.asarray(uniq, dtype=object), dtype="string")


def _contains_at(frame: pd.DataFrame, column: str, rows: np.ndarray, pattern: str) -> np.ndarray:
    """Row mask: ``pattern`` found in ``column``, tested only on the rows in
    ``rows`` (a flag that needs both), each distinct text once."""
    out = np.zeros(len(frame), dtype=bool)
    at = np.flatnonzero(rows)
    if column in frame and len(at):
        codes, uniq = distinct(frame[column].iloc[at])
        out[at] = regex_contains(uniq, pattern).to_numpy()[codes]
    return out


def _text(frame: pd.DataFrame) -> pd.Series:
    cols = [frame[c].fillna("") for c in ("purpose", "project_name") if c in frame]
    return (cols[0] + " " + cols[1]) if len(cols) == 2 else (cols[0] if cols else
                                                            pd.Series("", index=frame.index))


def _column(frame: pd.DataFrame, name: str) -> Callable[[np.ndarray], np.ndarray]:
    """Values of a text column at given positions ('' when missing), gathered
    lazily: converting a whole Arrow column to Python strings costs more than
    the flag itself."""
    def at(pos: np.ndarray) -> np.ndarray:
        if name not in frame:
            return np.full(len(pos), "", dtype=object)
        return frame[name].iloc[pos].fillna("").to_numpy(dtype=object)
    return at


def _brown(frame: pd.DataFrame, text: Distinct) -> tuple[np.ndarray, Callable]:
    """High-carbon rows (industry code or text) and their evidence, per GW04's params."""
    params = definitions()["GW04"]["params"]
    words = _pattern(params["keywords"])
    codes = distinct(frame["industry_code"] if "industry_code" in frame
                     else pd.Series("", index=frame.index))
    code_u = codes[1].fillna("")
    by_code = (code_u.str.startswith(tuple(params["industry_codes"])) & (code_u != "")
               ).to_numpy()[codes[0]]
    hit_u = regex_contains(text[1], words).to_numpy()
    brown = by_code | hit_u[text[0]]
    word_u = np.full(len(text[1]), "", dtype=object)
    if hit_u.any():
        word_u[hit_u] = text[1][hit_u].str.extract(f"({words})", expand=False).fillna("").to_numpy()

    def evidence(at: np.ndarray) -> np.ndarray:
        return np.where(by_code[at], "industry " + codes[1].to_numpy(dtype=object)[codes[0][at]],
                        "text: " + word_u[text[0][at]])
    return brown, evidence


def row_flags(frame: pd.DataFrame, top: dict[str, dict], declared: pd.DataFrame,
              text: Distinct | None = None) -> pd.DataFrame:
    """Flags GW01–GW05 for one partition.

    ``frame`` is positional (row = position) with loan_id, _row and text columns;
    ``top`` maps taxonomy name → its rank-1 tags as arrays (``top_columns``); ``declared``
    is the declaration check (may be empty); ``text`` the distinct purpose+project
    texts with a code per row, when the caller already has them.
    """
    d = definitions()
    parts = []
    text = text if text is not None else distinct(_text(frame))
    if len(declared):
        n, rows = len(frame), declared["row"].to_numpy(dtype=np.int64)

        def spread(col: str) -> np.ndarray:
            out = np.full(n, "", dtype=object)
            out[rows] = declared[col].fillna("").to_numpy(dtype=object)
            return out
        res, tx = spread("declared.result"), spread("declared.taxonomy")
        code, why = spread("declared.code"), spread("declared.reason")

        def declared_ev(at):
            return "declared " + code[at] + ": " + why[at]

        def taxonomy(at):
            return tx[at]
        parts.append(_flag(frame, res == "not_supported", "GW01", taxonomy, declared_ev))
        parts.append(_flag(frame, res == "code_mismatch", "GW02", taxonomy, declared_ev))
        purpose = _column(frame, "purpose")
        working = _contains_at(frame, "purpose", code != "",
                               _pattern(d["GW05"]["params"]["keywords"]))
        parts.append(_flag(frame, working, "GW05", taxonomy,
                           lambda at: "purpose: " + purpose(at)))
    brown, brown_ev = _brown(frame, text)
    for name, tags in top.items():
        status, item = tags["status"], tags["item_code"]
        parts.append(_flag(frame, brown & np.isin(status, GREEN), "GW04", name,
                           lambda at, s=status, i=item: brown_ev(at) + " → " + i[at] + " " + s[at]))
    if "borrower_name" in frame:
        greenish = _contains_at(frame, "borrower_name", brown,
                                _pattern(d["GW03"]["params"]["green_name_words"]))
        names = _column(frame, "borrower_name")
        parts.append(_flag(frame, greenish, "GW03", "",
                           lambda at: "borrower " + names(at) + "; " + brown_ev(at)))
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FLAG_COLUMNS)


def project_duplicates(keys: pd.DataFrame) -> pd.DataFrame:
    """GW06 over the whole book: same normalised project name and borrower.

    ``keys``: loan_id, _row, borrower (id or name), project (normalised).
    """
    k = keys[(keys["project"] != "").to_numpy()]
    if k.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    group = combine_codes([pd.factorize(k["borrower"])[0], pd.factorize(k["project"])[0]])
    dup = (np.bincount(group) > 1)[group]
    if not dup.any():
        return pd.DataFrame(columns=FLAG_COLUMNS)
    group, ids = group[dup], k["loan_id"].to_numpy(dtype=object)[dup]
    # every loan of the group, in book order: one Arrow join, no Python per group
    g, joined = join_codes(group, np.arange(len(ids)), ids, sep=",", max_items=len(ids))
    others = joined.take(pa.array(np.searchsorted(g, group)))
    text = [pa.scalar(t, pa.large_string()) for t in ("project ", " financed by loans ", "")]
    evidence = pc.binary_join_element_wise(
        text[0], pa.array(k["project"].to_numpy(dtype=object)[dup], type=pa.large_string()),
        text[1], others, text[2])
    d = definitions()["GW06"]
    return pd.DataFrame({
        "loan_id": ids, "row": k["_row"].to_numpy()[dup], "flag": "GW06",
        "name": d["name"], "severity": d["severity"], "taxonomy": "",
        "evidence": evidence.to_numpy(zero_copy_only=False),
        "message": " ".join(d["description"].split())})
