"""Compile a taxonomy's rules once, then find candidates for a whole book.

Keyword rules are matched with one Aho–Corasick automaton over the *unique*
texts of the book (a loan book repeats its purposes a lot), concatenated into
one string so the automaton runs in a single C-level pass. Industry rules are
joined on the unique industry codes. Both produce (row, rule) hits with the
evidence that fired; nothing here loops over rows in Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy as np
import pandas as pd

from greenkit.tag.industry import GBT, digits, translate
from greenkit.taxonomy.model import Taxonomy

DEFAULT_TEXT_FIELDS = ("purpose", "project_name")
SEP = "\x1f"

#: Evidence strength of each kind of hit; the candidate score is their sum
#: (documented in the README: keyword 3, full industry 2, partial industry 1,
#: a partial industry hit counts only when a keyword found the same item).
SCORE_KEYWORD = 3.0
SCORE_INDUSTRY = 2.0
SCORE_INDUSTRY_PARTIAL = 1.0


def norm_text(s: str) -> str:
    return unicodedata.normalize("NFKC", s).lower()


def _split(cell: str) -> list[str]:
    return [norm_text(k).strip() for k in str(cell or "").split("|") if k.strip()]


@dataclass(frozen=True)
class CompiledTaxonomy:
    """Matching structures for one taxonomy (built once, reused for every chunk)."""

    taxonomy: Taxonomy
    keywords: tuple[str, ...]
    automaton: object
    rule_kw: pd.DataFrame       # rule_idx, kw_idx, role (inc|ctx|exc)
    rules: pd.DataFrame          # taxonomy rules + idx, has_ctx, fields
    industry_full: dict          # digit code → list[rule_idx]
    industry_below: dict         # digit prefix → list[rule_idx] for longer rule codes
    criteria_kw: pd.DataFrame    # criterion_id, kw_idx (applies_if_keywords)

    @property
    def id(self) -> str:
        return self.taxonomy.id


def _build_automaton(words: list[str]):
    a = ahocorasick.Automaton()
    for i, w in enumerate(words):
        a.add_word(w, i)
    if words:
        a.make_automaton()
    return a


@lru_cache(maxsize=16)
def compile_taxonomy(t: Taxonomy) -> CompiledTaxonomy:
    """Build the matching structures (cached per loaded taxonomy object)."""
    rules = t.rules.reset_index(drop=True).copy()
    rules["idx"] = np.arange(len(rules))
    rules["fields"] = rules["text_fields"].astype(object).where(
        rules["text_fields"] != "", "|".join(DEFAULT_TEXT_FIELDS))
    kw_index: dict[str, int] = {}
    links = []

    def index(word: str) -> int:
        return kw_index.setdefault(word, len(kw_index))

    text_rules = rules[rules["match"].isin(["keyword", "exclusion"])]
    for r in text_rules.itertuples(index=False):
        for role, col in (("inc", r.keywords), ("ctx", r.context_keywords),
                          ("exc", r.exclude_keywords)):
            for w in _split(col):
                links.append((r.idx, index(w), role))
    crit_links = []
    for c in t.criteria.itertuples(index=False):
        for w in _split(getattr(c, "applies_if_keywords", "")):
            crit_links.append((c.criterion_id, index(w)))
    rule_kw = pd.DataFrame(links, columns=["rule_idx", "kw_idx", "role"])
    has_ctx = set(rule_kw.loc[rule_kw["role"] == "ctx", "rule_idx"])
    rules["has_ctx"] = rules["idx"].isin(has_ctx)
    words = list(kw_index)
    full: dict[str, list[int]] = {}
    below: dict[str, list[int]] = {}
    ind = rules[rules["match"].isin(["industry", "exclusion"])]
    code_col = "industry_code" if t.code_system == GBT else "nace_code"
    for r in ind.itertuples(index=False):
        code = digits(getattr(r, code_col) or "")
        if not code:
            continue
        full.setdefault(code, []).append(r.idx)
        for k in range(2, len(code)):
            below.setdefault(code[:k], []).append(r.idx)
    return CompiledTaxonomy(
        taxonomy=t, keywords=tuple(words), automaton=_build_automaton(words), rule_kw=rule_kw,
        rules=rules, industry_full=full, industry_below=below,
        criteria_kw=pd.DataFrame(crit_links, columns=["criterion_id", "kw_idx"]))


def keyword_hits(ct: CompiledTaxonomy, texts: np.ndarray) -> pd.DataFrame:
    """(text_idx, kw_idx, end) for every keyword occurrence in the unique texts.

    Texts are joined with a separator that no keyword contains, searched in
    one pass, and hits mapped back to their text with ``searchsorted``.
    """
    if not ct.keywords or len(texts) == 0:
        return pd.DataFrame({"text_idx": [], "kw_idx": []}, dtype="int64")
    normed = [norm_text(t) for t in texts]
    big = SEP.join(normed)
    lengths = np.fromiter((len(t) + 1 for t in normed), dtype=np.int64, count=len(normed))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    found = list(ct.automaton.iter(big))
    if not found:
        return pd.DataFrame({"text_idx": [], "kw_idx": []}, dtype="int64")
    ends, kws = zip(*found, strict=True)
    ends = np.asarray(ends, dtype=np.int64)
    text_idx = np.searchsorted(starts, ends, side="right") - 1
    hits = pd.DataFrame({"text_idx": text_idx, "kw_idx": np.asarray(kws, dtype=np.int64)})
    return hits.drop_duplicates(ignore_index=True)


def _rules_on_texts(ct: CompiledTaxonomy, hits: pd.DataFrame, fields: str) -> pd.DataFrame:
    """Keyword/exclusion rules (of one text-field group) that fire on each text."""
    group_rules = ct.rules.loc[ct.rules["fields"] == fields, "idx"]
    rk = ct.rule_kw[ct.rule_kw["rule_idx"].isin(group_rules)]
    if hits.empty or rk.empty:
        return pd.DataFrame(columns=["text_idx", "rule_idx", "keyword"])
    m = hits.merge(rk, on="kw_idx")
    if m.empty:
        return pd.DataFrame(columns=["text_idx", "rule_idx", "keyword"])
    m["keyword"] = np.asarray(ct.keywords, dtype=object)[m["kw_idx"].to_numpy()]
    roles = m.pivot_table(index=["text_idx", "rule_idx"], columns="role", values="kw_idx",
                          aggfunc="size", fill_value=0)
    for role in ("inc", "ctx", "exc"):
        if role not in roles:
            roles[role] = 0
    roles = roles.reset_index()
    has_ctx = ct.rules["has_ctx"].to_numpy()[roles["rule_idx"].to_numpy()]
    fire = (roles["inc"] > 0) & ((roles["ctx"] > 0) | ~has_ctx) & (roles["exc"] == 0)
    fired = roles.loc[fire, ["text_idx", "rule_idx"]]
    # evidence: the longest include keyword (the most specific) of each firing
    inc = m[m["role"] == "inc"]
    inc = inc.assign(klen=inc["keyword"].str.len()).sort_values("klen", ascending=False)
    best = inc.drop_duplicates(["text_idx", "rule_idx"])[["text_idx", "rule_idx", "keyword"]]
    return fired.merge(best, on=["text_idx", "rule_idx"], how="left")


def text_rule_hits(ct: CompiledTaxonomy, frame: pd.DataFrame) -> pd.DataFrame:
    """(row, rule_idx, keyword) for keyword and exclusion rules, row = frame position."""
    parts = []
    for fields in ct.rules.loc[ct.rules["match"].isin(["keyword", "exclusion"]), "fields"].unique():
        cols = [frame[f].fillna("").astype(str) if f in frame else
                pd.Series("", index=frame.index) for f in fields.split("|")]
        text = cols[0]
        for c in cols[1:]:
            text = text + " " + SEP + " " + c
        codes, uniques = pd.factorize(text, sort=False)
        hits = keyword_hits(ct, np.asarray(uniques, dtype=object))
        fired = _rules_on_texts(ct, hits, fields)
        if fired.empty:
            continue
        rows = pd.DataFrame({"row": np.arange(len(frame)), "text_idx": codes})
        parts.append(rows.merge(fired, on="text_idx")[["row", "rule_idx", "keyword"]])
    if not parts:
        return pd.DataFrame({"row": pd.Series(dtype="int64"), "rule_idx": pd.Series(dtype="int64"),
                             "keyword": pd.Series(dtype="object")})
    return pd.concat(parts, ignore_index=True)


def industry_rule_hits(ct: CompiledTaxonomy, codes: pd.Series, system: pd.Series
                       ) -> pd.DataFrame:
    """(row, rule_idx, code, partial) for industry and industry-exclusion rules.

    A rule fires *fully* when the row's code is the rule's code or below it
    (rule 441 covers row 4416); *partially* when the row is less specific
    than the rule (row D44 vs rule 4416) or the code was translated through a
    partial NACE↔GB/T correspondence.
    """
    key = codes.fillna("").astype(str) + "|" + system.fillna(GBT).astype(str)
    kcodes, uniq = pd.factorize(key, sort=False)
    tax_sys = ct.taxonomy.code_system
    rows = []
    for u_idx, u in enumerate(uniq):
        code, sys_ = u.split("|", 1)
        for c, translated_partial in translate(code, sys_, tax_sys):
            d = digits(c)
            for k in range(2, len(d) + 1):
                for r in ct.industry_full.get(d[:k], ()):
                    rows.append((u_idx, r, c, translated_partial))
            for r in ct.industry_below.get(d, ()):
                rows.append((u_idx, r, c, True))
    if not rows:
        return pd.DataFrame({"row": pd.Series(dtype="int64"), "rule_idx": pd.Series(dtype="int64"),
                             "code": pd.Series(dtype="object"), "partial": pd.Series(dtype=bool)})
    hits = pd.DataFrame(rows, columns=["code_idx", "rule_idx", "code", "partial"])
    hits = hits.sort_values("partial").drop_duplicates(["code_idx", "rule_idx"])
    rowmap = pd.DataFrame({"row": np.arange(len(codes)), "code_idx": kcodes})
    rowmap = rowmap[rowmap["code_idx"] >= 0]
    return rowmap.merge(hits, on="code_idx")[["row", "rule_idx", "code", "partial"]]


def criteria_applicability(ct: CompiledTaxonomy, frame: pd.DataFrame) -> pd.DataFrame:
    """(row, criterion_id) pairs whose applies_if_keywords occur in the row's text."""
    if ct.criteria_kw.empty:
        return pd.DataFrame(columns=["row", "criterion_id"])
    text = frame["purpose"].fillna("") if "purpose" in frame else pd.Series("", index=frame.index)
    if "project_name" in frame:
        text = text + " " + SEP + " " + frame["project_name"].fillna("")
    codes, uniques = pd.factorize(text.astype(str), sort=False)
    hits = keyword_hits(ct, np.asarray(uniques, dtype=object))
    m = hits.merge(ct.criteria_kw, on="kw_idx")[["text_idx", "criterion_id"]].drop_duplicates()
    rows = pd.DataFrame({"row": np.arange(len(frame)), "text_idx": codes})
    return rows.merge(m, on="text_idx")[["row", "criterion_id"]]
