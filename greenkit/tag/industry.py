"""Industry codes: normalise what banks write, and relate them to rule codes.

Banks write GB/T 4754-2017 codes as ``D4416``, ``4416``, ``D44`` or ``441``;
Excel drops leading zeros (``0111`` → ``111``); foreign books use NACE Rev. 2
(``35.11``). Everything here works on the *unique* codes of a book (a few
hundred), then broadcasts back to rows, so the cost does not grow with rows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from greenkit.paths import taxonomies_dir

GBT = "gbt4754-2017"
NACE = "nace-rev2"
_GBT_RE = re.compile(r"^([A-T])?(\d{2,4})$")
_SECTION_RE = re.compile(r"^[A-T]$")
_NACE_RE = re.compile(r"^([A-U])?(\d{2})(?:\.?(\d{1,2}))?$")


@lru_cache(maxsize=1)
def gbt_table() -> pd.DataFrame:
    """The GB/T 4754-2017 code list (code, level, section, parent, name_zh, …)."""
    path = taxonomies_dir() / "industry" / "gbt4754-2017.csv"
    if not path.exists():
        return pd.DataFrame(columns=["code", "level", "section", "parent", "name_zh", "name_en"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _gbt_sets() -> tuple[frozenset, dict]:
    t = gbt_table()
    codes = frozenset(t["code"])
    section = dict(zip(t["code"], t["section"], strict=True))
    return codes, section


def section_of(code: str) -> str:
    """Section letter of a GB/T code ('' when unknown)."""
    return _gbt_sets()[1].get(code, "")


def normalise_gbt(codes: pd.Series) -> pd.DataFrame:
    """Normalise GB/T 4754 codes; returns columns ``code``, ``section``, ``problem``.

    ``problem`` is '' or a reason code: ``industry_code_format``,
    ``unknown_industry_code``, ``industry_section_mismatch`` (a warning: the
    digits win) or ``industry_leading_zero`` (Excel ate a zero; repaired).
    """
    uniq, inverse = np.unique(codes.fillna("").astype(str).to_numpy(), return_inverse=True)
    valid, sections = _gbt_sets()
    out_code, out_sec, out_problem = [], [], []
    for raw in uniq:
        s = re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", raw)).upper()
        if not s:
            out_code.append("")
            out_sec.append("")
            out_problem.append("")
            continue
        if _SECTION_RE.match(s):
            out_code.append(s)
            out_sec.append(s)
            out_problem.append("" if not valid or s in valid else "unknown_industry_code")
            continue
        m = _GBT_RE.match(s)
        if not m:
            out_code.append("")
            out_sec.append("")
            out_problem.append("industry_code_format")
            continue
        letter, digits = m.group(1) or "", m.group(2)
        problem = ""
        if valid and digits not in valid:
            if len(digits) in (2, 3) and ("0" + digits) in valid and not letter:
                digits, problem = "0" + digits, "industry_leading_zero"
            else:
                problem = "unknown_industry_code"
        sec = sections.get(digits, letter)
        if letter and sec and letter != sec and not problem:
            problem = "industry_section_mismatch"
        out_code.append(digits if problem != "unknown_industry_code" else "")
        out_sec.append(sec)
        out_problem.append(problem)
    return pd.DataFrame({
        "code": np.array(out_code, dtype=object)[inverse],
        "section": np.array(out_sec, dtype=object)[inverse],
        "problem": np.array(out_problem, dtype=object)[inverse],
    }, index=codes.index)


def normalise_nace(codes: pd.Series) -> pd.DataFrame:
    """Normalise NACE Rev. 2 codes to ``35.11`` / ``35.1`` / ``35``."""
    uniq, inverse = np.unique(codes.fillna("").astype(str).to_numpy(), return_inverse=True)
    out_code, out_problem = [], []
    for raw in uniq:
        s = re.sub(r"\s", "", unicodedata.normalize("NFKC", raw)).upper()
        if not s:
            out_code.append("")
            out_problem.append("")
            continue
        m = _NACE_RE.match(s)
        if not m:
            out_code.append("")
            out_problem.append("industry_code_format")
            continue
        out_code.append(m.group(2) + ("." + m.group(3) if m.group(3) else ""))
        out_problem.append("")
    return pd.DataFrame({
        "code": np.array(out_code, dtype=object)[inverse],
        "section": "",
        "problem": np.array(out_problem, dtype=object)[inverse],
    }, index=codes.index)


@lru_cache(maxsize=1)
def nace_gbt_crosswalk() -> pd.DataFrame:
    path = taxonomies_dir() / "crosswalks" / "nace-rev2__gbt4754-2017.csv"
    if not path.exists():
        return pd.DataFrame(columns=["nace_code", "gbt_code", "relation"])
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df[df["relation"].isin(["exact", "partial"]) & (df["gbt_code"] != "")]


def digits(code: str) -> str:
    """Comparable digit string: ``35.11`` → ``3511``; GB/T codes unchanged."""
    return code.replace(".", "")


def translate(code: str, src: str, dst: str) -> list[tuple[str, bool]]:
    """Codes in ``dst`` system for one ``src`` code, with a partial flag."""
    if not code:
        return []
    if src == dst:
        return [(code, False)]
    cw = nace_gbt_crosswalk()
    if src == NACE and dst == GBT:
        hit = cw[(cw["nace_code"] == code) | cw["nace_code"].str.startswith(code + ".")
                 | (cw["nace_code"].str.replace(".", "", regex=False) == digits(code))]
        return [(g, r != "exact") for g, r in zip(hit["gbt_code"], hit["relation"], strict=True)]
    if src == GBT and dst == NACE:
        hit = cw[cw["gbt_code"] == code]
        return [(n, r != "exact") for n, r in zip(hit["nace_code"], hit["relation"], strict=True)]
    return []
