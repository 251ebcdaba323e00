"""Chinese company names: legal-form normalisation and the MIIT green-factory matcher.

A bank's credit file says ``锐铭运动用品（厦门）有限公司``, the MIIT list says
``锐铭运动用品(厦门)有限公司`` and a spreadsheet says ``锐铭运动用品有限公司 ``.
The 厦绿融 library keys enterprises by unified social credit code; where a
code is missing (the MIIT list publishes none) names are compared on a *name
key*: the name with width, spacing, brackets and legal forms taken away.

The key is deliberately conservative: it never drops words from the middle of
a name and never strips a leading place name (``厦门钨业`` stays ``厦门钨业``),
so two different firms only collide when they differ by legal form or by a
bracketed note such as ``（厦门）`` or ``（原…）``. A name match is therefore
recorded as *supporting evidence* with its method, never as identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.errors import InputError
from greenkit.ids import uscc_problem

#: Legal forms and organisational suffixes removed from the end of a name,
#: longest first; removal repeats (``集团股份有限公司`` → ``集团`` → ``''``).
LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司", "有限责任公司", "股份合作公司", "有限公司", "股份公司",
    "分公司", "总公司", "集团", "公司", "有限合伙", "合伙企业",
)
#: Any bracketed part: place notes （厦门）, former names （原…）, （有限合伙）.
_BRACKETS = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")
_SPACE = re.compile(r"[\s\u3000·•・.,，、\"'“”‘’]+")
_TAIL = re.compile("(?:" + "|".join(sorted(LEGAL_FORMS, key=len, reverse=True)) + ")+$")
#: ``XX有限公司厦门分公司`` is a branch of ``XX有限公司``: keep the head office's name.
_BRANCH = re.compile(r"^(.+?(?:股份有限公司|有限责任公司|有限公司|集团)).+分公司$")


def name_key_one(name: str) -> str:
    """The match key of one name (see module docstring)."""
    s = unicodedata.normalize("NFKC", str(name))
    s = _SPACE.sub("", s)
    prev = None
    while prev != s:  # nested or repeated brackets
        prev, s = s, _BRACKETS.sub("", s)
    s = _BRANCH.sub(r"\1", s)
    stripped = _TAIL.sub("", s)
    # A name that is nothing but a legal form keeps its text, so it cannot
    # match every other such name.
    return (stripped or s).upper()


def name_key(names: pd.Series) -> pd.Series:
    """Vectorised :func:`name_key_one`: computed once per distinct name."""
    text = names.astype("string")
    present = text.notna() & (text.str.strip() != "")
    out = pd.Series(pd.NA, index=names.index, dtype="string")
    if not present.any():
        return out
    uniq, codes = np.unique(text[present].to_numpy(dtype=object), return_inverse=True)
    keys = np.array([name_key_one(u) for u in uniq], dtype=object)
    out[present] = keys[codes]
    return out


def clean_codes(codes: pd.Series) -> pd.Series:
    """Upper-case, trimmed credit codes; invalid ones (GB 32100-2015) become NA."""
    s = codes.astype("string").str.strip().str.upper()
    bad = uscc_problem(s) != ""
    return s.where(~bad & s.notna() & (s != ""), pd.NA)


# --------------------------------------------------------------------------
# The MIIT national green-factory list
# --------------------------------------------------------------------------

#: Headers of the published list and what greenkit calls them.
_FACTORY_HEADERS = {
    "工厂名称": "name", "名称": "name", "企业名称": "name", "name": "name",
    "地区": "region", "省份": "region", "region": "region",
    "行业": "industry", "industry": "industry",
    "批次": "batch", "batch": "batch",
    "统一社会信用代码": "credit_code", "信用代码": "credit_code", "credit_code": "credit_code",
}


@dataclass(frozen=True)
class FactoryList:
    """The green-factory list, keyed for matching."""

    frame: pd.DataFrame  # name, region, industry, batch, credit_code, name_key
    path: str
    sha256: str

    def __len__(self) -> int:
        return len(self.frame)


def default_factory_path() -> Path:
    """``GREENKIT_GREEN_FACTORIES``, else the copy shipped in ``taxonomies/lists/``."""
    import os

    from greenkit.paths import taxonomies_dir

    env = os.environ.get("GREENKIT_GREEN_FACTORIES")
    if env:
        return Path(env)
    return taxonomies_dir() / "lists" / "miit-green-factories.csv"


def load_factories(path: str | Path | None = None) -> FactoryList:
    """Read the MIIT list (CSV/XLSX, any supported encoding); names are keyed once."""
    from greenkit.io import read_table

    raw = read_table(path or default_factory_path())
    rename = {h: _FACTORY_HEADERS[h.strip()] for h in raw.headers
              if h.strip() in _FACTORY_HEADERS}
    if "name" not in rename.values():
        raise InputError(f"green-factory list needs a 工厂名称 column; found {raw.headers}",
                         path=raw.path)
    f = raw.frame.rename(columns=rename)
    for col in ("region", "industry", "batch", "credit_code"):
        if col not in f:
            f[col] = pd.NA
    f = f[["name", "region", "industry", "batch", "credit_code"]].astype("string")
    f["credit_code"] = clean_codes(f["credit_code"])
    f["name_key"] = name_key(f["name"])
    f = f[f["name_key"].notna()].reset_index(drop=True)
    return FactoryList(f, raw.path, raw.sha256)


MATCH_COLUMNS = ["factory_matched", "factory_name", "factory_region", "factory_batch",
                 "factory_match_method"]


def match_factories(names: pd.Series, codes: pd.Series | None,
                    factories: FactoryList) -> pd.DataFrame:
    """Match companies to the green-factory list: by credit code, else by name key.

    Returns a frame aligned with ``names`` with :data:`MATCH_COLUMNS`;
    ``factory_match_method`` is ``credit_code``, ``name`` or ``''``. A listed
    firm that appears in several batches (renamed, re-listed) matches its
    first row in list order.
    """
    out = pd.DataFrame(index=names.index)
    out["factory_matched"] = False
    for col in MATCH_COLUMNS[1:]:
        out[col] = pd.Series("", index=names.index, dtype="string")
    fl = factories.frame
    keys = name_key(names)
    lookup = fl.drop_duplicates("name_key").set_index("name_key")
    by_name = keys.map(lookup["name"]) if len(lookup) else pd.Series(pd.NA, index=names.index)
    hit_name = by_name.notna()
    by_code = pd.Series(pd.NA, index=names.index, dtype="string")
    hit_code = pd.Series(False, index=names.index)
    if codes is not None and fl["credit_code"].notna().any():
        coded = fl[fl["credit_code"].notna()].drop_duplicates("credit_code")
        cc = clean_codes(codes)
        by_code = cc.map(coded.set_index("credit_code")["name_key"])
        hit_code = by_code.notna()
    key = by_code.where(hit_code, keys.where(hit_name))
    matched = hit_code | hit_name
    if matched.any():
        rows = lookup.loc[key[matched].to_numpy()]
        out.loc[matched, "factory_name"] = rows["name"].to_numpy()
        out.loc[matched, "factory_region"] = rows["region"].fillna("").to_numpy()
        out.loc[matched, "factory_batch"] = rows["batch"].fillna("").to_numpy()
    out["factory_matched"] = matched.to_numpy()
    out["factory_match_method"] = np.select([hit_code.to_numpy(), hit_name.to_numpy()],
                                            ["credit_code", "name"], default="")
    out["factory_match_method"] = out["factory_match_method"].astype("string")
    return out
