"""Greenwashing red flags as a table (definitions in ``flags.yaml``).

Row-level flags are computed per partition; the "same project financed twice"
flag needs the whole book and is computed in the reduce step
(``project_duplicates``). Every flag row names the loan, the flag id, its
severity, the taxonomy it concerns and the evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from greenkit.frames import regex_contains

FLAG_COLUMNS = ["loan_id", "row", "flag", "name", "severity", "taxonomy", "evidence", "message"]
GREEN = ("aligned", "eligible")


@lru_cache(maxsize=1)
def definitions() -> dict[str, dict]:
    text = resources.files(__package__).joinpath("flags.yaml").read_text(encoding="utf-8")
    return {f["id"]: f for f in yaml.safe_load(text)["flags"]}


def _pattern(words: list[str]) -> str:
    """An RE2 alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _flag(frame: pd.DataFrame, mask: pd.Series | np.ndarray, fid: str, taxonomy,
          evidence) -> pd.DataFrame:
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return pd.DataFrame(columns=FLAG_COLUMNS)
    d = definitions()[fid]
    ev = evidence[mask] if isinstance(evidence, (pd.Series, np.ndarray)) else evidence
    tx = taxonomy[mask] if isinstance(taxonomy, (pd.Series, np.ndarray)) else taxonomy
    return pd.DataFrame({
        "loan_id": frame["loan_id"].to_numpy()[mask], "row": frame["_row"].to_numpy()[mask],
        "flag": fid, "name": d["name"], "severity": d["severity"],
        "taxonomy": np.asarray(tx) if not isinstance(tx, str) else tx,
        "evidence": np.asarray(ev, dtype=object) if not isinstance(ev, str) else ev,
        "message": " ".join(d["description"].split())})


def _text(frame: pd.DataFrame) -> pd.Series:
    cols = [frame[c].fillna("") for c in ("purpose", "project_name") if c in frame]
    return (cols[0] + " " + cols[1]) if len(cols) == 2 else (cols[0] if cols else
                                                            pd.Series("", index=frame.index))


def row_flags(frame: pd.DataFrame, top: dict[str, pd.DataFrame], declared: pd.DataFrame
              ) -> pd.DataFrame:
    """Flags GW01–GW05 for one partition.

    ``frame`` is positional (row = position) with loan_id, _row and text columns;
    ``top`` maps taxonomy name → its rank-1 tags as arrays (``top_columns``); ``declared``
    is the declaration check (may be empty).
    """
    d = definitions()
    parts = []
    text = _text(frame)
    if len(declared):
        dec = declared.set_index("row").reindex(range(len(frame)))
        res = dec["declared.result"].fillna("")
        ev = ("declared " + dec["declared.code"].fillna("") + ": " +
              dec["declared.reason"].fillna(""))
        tx = dec["declared.taxonomy"].fillna("")
        parts.append(_flag(frame, (res == "not_supported").to_numpy(), "GW01", tx, ev))
        parts.append(_flag(frame, (res == "code_mismatch").to_numpy(), "GW02", tx, ev))
        wc = _pattern(d["GW05"]["params"]["keywords"])
        working = (regex_contains(frame["purpose"], wc) if "purpose" in frame
                   else pd.Series(False, index=frame.index))
        has_decl = dec["declared.code"].fillna("") != ""
        parts.append(_flag(frame, (working & has_decl).to_numpy(), "GW05", tx,
                           "purpose: " + frame.get("purpose", pd.Series("", index=frame.index))
                           .fillna("")))
    brown_kw = _pattern(d["GW04"]["params"]["keywords"])
    codes = tuple(d["GW04"]["params"]["industry_codes"])
    code = frame.get("industry_code", pd.Series("", index=frame.index)).fillna("").astype(str)
    brown_code = code.str.startswith(codes) & (code != "")
    brown_text = regex_contains(text, brown_kw)
    brown = (brown_code | brown_text).to_numpy()
    brown_ev = pd.Series("", index=frame.index, dtype=object)
    if brown.any():
        word = text[brown].str.extract(f"({brown_kw})", expand=False).fillna("")
        brown_ev[brown] = np.where(brown_code[brown], "industry " + code[brown],
                                   "text: " + word)
    brown_ev = brown_ev.to_numpy()
    for name, tags in top.items():
        status = tags["status"]
        green = np.isin(status, GREEN)
        hit = brown & green
        if hit.any():
            ev = np.full(len(frame), "", dtype=object)
            ev[hit] = [f"{b} → {c} {s}" for b, c, s in
                       zip(brown_ev[hit], tags["item_code"][hit], status[hit], strict=True)]
            parts.append(_flag(frame, hit, "GW04", name, ev))
    if "borrower_name" in frame:
        gw = _pattern(d["GW03"]["params"]["green_name_words"])
        greenish = regex_contains(frame["borrower_name"], gw).to_numpy()
        parts.append(_flag(frame, greenish & brown, "GW03", "",
                           "borrower " + frame["borrower_name"].fillna("") + "; " +
                           pd.Series(brown_ev, index=frame.index)))
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FLAG_COLUMNS)


def project_duplicates(keys: pd.DataFrame) -> pd.DataFrame:
    """GW06 over the whole book: same normalised project name and borrower.

    ``keys``: loan_id, _row, borrower (id or name), project (normalised).
    """
    k = keys[(keys["project"] != "")]
    if k.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    grp = k.groupby(["borrower", "project"], sort=False)["loan_id"]
    n = grp.transform("size")
    dup = k[n > 1]
    if dup.empty:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    others = dup.groupby(["borrower", "project"], sort=False)["loan_id"].transform(
        lambda s: ",".join(s))
    d = definitions()["GW06"]
    return pd.DataFrame({
        "loan_id": dup["loan_id"].to_numpy(), "row": dup["_row"].to_numpy(), "flag": "GW06",
        "name": d["name"], "severity": d["severity"], "taxonomy": "",
        "evidence": ("project " + dup["project"] + " financed by loans " + others).to_numpy(),
        "message": " ".join(d["description"].split())})
