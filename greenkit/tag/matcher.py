"""Compile taxonomies' rules once, scan a partition's texts once, find candidates.

Keyword rules of *all* taxonomies in a run share one Aho–Corasick automaton
(a ``KeywordSpace``). Each partition's texts are factorised, normalised in
C++ (NFKC, lower case), concatenated and scanned in a single pass
(``scan_texts``); every taxonomy then reads the same hits. Industry rules are
joined on the unique industry codes. Nothing here loops over rows in Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import ahocorasick_rs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from greenkit.frames import combine_codes, first_rows, set_codes, value_codes
from greenkit.tag.industry import GBT, digits, translate
from greenkit.taxonomy.model import Taxonomy

DEFAULT_FIELDS = "purpose|project_name"
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


@dataclass(frozen=True, eq=False)
class CompiledTaxonomy:
    """Matching structures for one taxonomy (built once, reused for every chunk)."""

    taxonomy: Taxonomy
    keywords: tuple[str, ...]    # local keyword list
    rule_kw: pd.DataFrame        # rule_idx, kw_idx (local), role (inc|ctx|exc)
    rules: pd.DataFrame          # taxonomy rules + idx, has_ctx, fields
    industry_full: dict          # digit code → list[rule_idx]
    industry_below: dict         # digit prefix → list[rule_idx] for longer rule codes
    criteria_kw: pd.DataFrame    # criterion_id, kw_idx (local; applies_if_keywords)
    items_with_criteria: frozenset  # item codes that have technical criteria
    arrays: RuleArrays              # per-rule columns as NumPy arrays, by rule idx

    @property
    def id(self) -> str:
        return self.taxonomy.id

    @property
    def text_groups(self) -> list[str]:
        groups = set(self.rules.loc[self.rules["match"].isin(["keyword", "exclusion"]), "fields"])
        if len(self.criteria_kw):
            groups.add(DEFAULT_FIELDS)
        return sorted(groups)


@dataclass(frozen=True, eq=False)
class RuleArrays:
    """Rule columns the hot path reads, as arrays indexed by rule idx."""

    item: np.ndarray        # index into item_codes ('*' for taxonomy-wide exclusions)
    item_codes: np.ndarray  # distinct item codes of the rules
    exclusion: np.ndarray   # bool: an exclusion rule
    order: np.ndarray       # position in evidence order: keyword rules first, then by rule id
    rule_id: np.ndarray
    industry_partial: np.ndarray

    @classmethod
    def of(cls, rules: pd.DataFrame) -> RuleArrays:
        item, codes = pd.factorize(rules["item_code"], sort=True)
        is_kw = (rules["match"] == "keyword").to_numpy()
        order = np.lexsort((rules["rule_id"].to_numpy(dtype=str), ~is_kw))
        rank = np.empty(len(rules), dtype=np.int64)
        rank[order] = np.arange(len(rules))
        return cls(item.astype(np.int64), np.asarray(codes, dtype=object),
                   (rules["match"] == "exclusion").to_numpy(), rank,
                   rules["rule_id"].to_numpy(dtype=object),
                   rules["industry_partial"].to_numpy().astype(bool))


@lru_cache(maxsize=16)
def compile_taxonomy(t: Taxonomy) -> CompiledTaxonomy:
    """Build the matching structures (cached per loaded taxonomy object)."""
    rules = t.rules.reset_index(drop=True).copy()
    rules["idx"] = np.arange(len(rules))
    rules["fields"] = rules["text_fields"].astype(object).where(
        rules["text_fields"] != "", DEFAULT_FIELDS)
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
    rules["has_ctx"] = rules["idx"].isin(set(rule_kw.loc[rule_kw["role"] == "ctx", "rule_idx"]))
    full: dict[str, list[int]] = {}
    below: dict[str, list[int]] = {}
    code_col = "industry_code" if t.code_system == GBT else "nace_code"
    for r in rules[rules["match"].isin(["industry", "exclusion"])].itertuples(index=False):
        code = digits(getattr(r, code_col) or "")
        if not code:
            continue
        full.setdefault(code, []).append(r.idx)
        for k in range(2, len(code)):
            below.setdefault(code[:k], []).append(r.idx)
    return CompiledTaxonomy(
        taxonomy=t, keywords=tuple(kw_index), rule_kw=rule_kw, rules=rules,
        industry_full=full, industry_below=below,
        criteria_kw=pd.DataFrame(crit_links, columns=["criterion_id", "kw_idx"]),
        items_with_criteria=frozenset(t.criteria["item_code"]) if len(t.criteria) else frozenset(),
        arrays=RuleArrays.of(rules))


@dataclass(frozen=True, eq=False)
class KeywordSpace:
    """The keywords of several taxonomies, split over two automatons.

    ``primary`` holds the include keywords of rules and the criteria's
    applies-if keywords, and scans every text; ``secondary`` holds the words
    that only ever serve as context or exclude keywords (often generic, like
    项目 or 建设) and scans only the texts where an include keyword was found,
    the only texts where such words can change a rule's outcome.
    """

    words: tuple[str, ...]
    primary: object
    secondary: object | None
    is_include: np.ndarray   # bool per word: an include keyword of some rule
    length: np.ndarray       # characters per word
    local_to_global: dict  # taxonomy object id → np.ndarray (local kw idx → global)

    @cached_property
    def word_array(self) -> np.ndarray:
        return np.asarray(self.words, dtype=object)

    def rule_kw(self, ct: CompiledTaxonomy) -> pd.DataFrame:
        m = self.local_to_global[id(ct)]
        return ct.rule_kw.assign(kw_idx=m[ct.rule_kw["kw_idx"].to_numpy()]
                                 if len(ct.rule_kw) else ct.rule_kw["kw_idx"])

    def criteria_kw(self, ct: CompiledTaxonomy) -> pd.DataFrame:
        m = self.local_to_global[id(ct)]
        return ct.criteria_kw.assign(kw_idx=m[ct.criteria_kw["kw_idx"].to_numpy()]
                                     if len(ct.criteria_kw) else ct.criteria_kw["kw_idx"])


class _Automaton:
    """An Aho–Corasick automaton (Rust ``ahocorasick_rs``) whose matches come
    back as global keyword indexes."""

    def __init__(self, words: dict[str, int]):
        self.ids = np.fromiter(words.values(), dtype=np.int64, count=len(words))
        self.ac = ahocorasick_rs.AhoCorasick(list(words),
                                             implementation=ahocorasick_rs.Implementation.DFA)

    def matches(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(start, keyword) of every match in ``text``, overlapping ones included."""
        found = self.ac.find_matches_as_indexes(text, overlapping=True)
        if not found:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        flat = np.array(found, dtype=np.int64)
        return flat[:, 1], self.ids[flat[:, 0]]


def _automaton(words: dict[str, int]) -> _Automaton | None:
    return _Automaton(words) if words else None


@lru_cache(maxsize=16)
def keyword_space(cts: tuple[CompiledTaxonomy, ...]) -> KeywordSpace:
    index: dict[str, int] = {}
    maps = {}
    for ct in cts:
        maps[id(ct)] = np.array([index.setdefault(w, len(index)) for w in ct.keywords],
                                dtype=np.int64)
    n = len(index)
    primary = np.zeros(n, dtype=bool)
    include = np.zeros(n, dtype=bool)
    for ct in cts:
        m = maps[id(ct)]
        inc = ct.rule_kw.loc[ct.rule_kw["role"] == "inc", "kw_idx"].to_numpy(dtype=np.int64)
        include[m[inc]] = True
        primary[m[inc]] = True
        primary[m[ct.criteria_kw["kw_idx"].to_numpy(dtype=np.int64)]] = True
    words = tuple(index)
    return KeywordSpace(
        words, _automaton({w: i for w, i in index.items() if primary[i]}),
        _automaton({w: i for w, i in index.items() if not primary[i]}), include,
        np.fromiter((len(w) for w in words), dtype=np.int64, count=n), maps)


@dataclass
class TextScan:
    """Keyword occurrences in one partition: per text-field group, the key →
    unique-text codes and the (text_idx, kw_idx) hits in the keyword space."""

    space: KeywordSpace
    codes: dict[str, np.ndarray]
    hits: dict[str, pd.DataFrame]
    texts: dict[str, pa.Array]
    fired: dict = field(default_factory=dict)  # (taxonomy, group) → rules fired per text

    def rules_fired(self, ct: CompiledTaxonomy, group: str) -> pd.DataFrame:
        """(text_idx, rule_idx, keyword) of ``ct``'s rules of ``group`` on every distinct text."""
        return _rules_fired(self, ct, group)


@dataclass
class Keys:
    """A partition's rows grouped by everything rule matching reads.

    Two loans with the same industry code, code system and texts fire the
    same rules, so matching runs once per *key* (a few tens of thousands in a
    200,000-row chunk) and only criteria, which read each loan's own figures,
    run per row. ``of_row`` gives each row's key; ``rep`` the first row of
    each key; ``frame`` the industry columns per key; ``scan`` is indexed by key.
    """

    of_row: np.ndarray
    rep: np.ndarray
    frame: pd.DataFrame
    scan: TextScan

    def __len__(self) -> int:
        return len(self.rep)


def _text_array(values: pd.Series) -> pa.Array:
    arr = pa.array(values.astype("string"), type=pa.large_string())
    return arr.fill_null("")


def _field_codes(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, pa.Array]:
    """Codes of a column's distinct values ('' for missing) and those values."""
    if name not in frame:
        return np.zeros(len(frame), dtype=np.int64), pa.array([""], type=pa.large_string())
    enc = pc.dictionary_encode(_text_array(frame[name]))
    return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary


def _group_texts(frame: pd.DataFrame, group: str, fields: dict) -> tuple[np.ndarray, pa.Array]:
    """Row codes and distinct combined texts of a text-field group.

    The combined text is built for distinct combinations only, as the fields
    joined by `` SEP ``, so a keyword never spans two fields.
    """
    names = group.split("|")
    for f in names:
        if f not in fields:
            fields[f] = _field_codes(frame, f)
    codes = combine_codes([fields[f][0] for f in names])
    rep = first_rows(codes)
    parts = [fields[f][1].take(pa.array(fields[f][0][rep])) for f in names]
    text = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(
        *parts, pa.scalar(f" {SEP} ", type=pa.large_string()))
    return codes, text


@dataclass
class RowTexts:
    """The distinct texts of each text-field group, a code per row, and the
    keyword hits of each distinct text (one scan, shared by all taxonomies)."""

    space: KeywordSpace
    codes: dict[str, np.ndarray]      # group → distinct-text code per row
    texts: dict[str, pa.Array]        # group → distinct texts
    hits: dict[str, pd.DataFrame]     # group → (text_idx, kw_idx)
    fired: dict = field(default_factory=dict)  # shared with every TextScan made from it

    def take(self, rows: np.ndarray) -> RowTexts:
        """The same texts, hits and fired rules for a subset of the rows."""
        return RowTexts(self.space, {g: c[rows] for g, c in self.codes.items()}, self.texts,
                        self.hits, self.fired)

    def rules_fired(self, ct: CompiledTaxonomy, group: str) -> pd.DataFrame:
        return _rules_fired(self, ct, group)

    def relevant_codes(self, cts: list[CompiledTaxonomy]) -> list[np.ndarray]:
        """Per group, a code per row that tells apart only texts that tag differently.

        A text reaches the tags only through the keyword and exclusion rules
        it fires (with the keyword each is evidenced by) and the criteria its
        applies-if keywords make applicable. Texts alike in both share a
        code, whatever else they say: 光伏电站 A and B differ in their
        names, not in their tags.
        """
        out = []
        for g, codes in self.codes.items():
            n = len(self.texts[g])
            fired = [self.rules_fired(ct, g).assign(ct=i) for i, ct in enumerate(cts)
                     if g in _keyword_groups(ct)]
            fired = pd.concat(fired, ignore_index=True) if fired else None
            sig = np.zeros(n, dtype=np.int64)
            if fired is not None and len(fired):
                token = combine_codes([fired["ct"].to_numpy(dtype=np.int64),
                                       fired["rule_idx"].to_numpy(dtype=np.int64),
                                       value_codes(fired["keyword"].to_numpy(dtype=object))])
                sig = set_codes(fired["text_idx"].to_numpy(dtype=np.int64), token, n)
            if g == DEFAULT_FIELDS:
                sig = combine_codes([sig, _criteria_sets(self, cts)])
            out.append(sig[codes])
        return out


def _keyword_groups(ct: CompiledTaxonomy) -> list[str]:
    return list(ct.rules.loc[ct.rules["match"].isin(["keyword", "exclusion"]), "fields"].unique())


def _rules_fired(scan, ct: CompiledTaxonomy, group: str) -> pd.DataFrame:
    """Keyword and exclusion rules of ``ct`` (reading ``group``) firing on each
    distinct text, computed once per scan and kept in ``scan.fired``."""
    key = (id(ct), group)
    if key not in scan.fired:
        n_kw = max(len(scan.space.words), 1)
        if ("present", group) not in scan.fired:  # shared by every taxonomy of the scan
            hits = scan.hits[group]
            scan.fired["present", group] = np.sort(hits["text_idx"].to_numpy(dtype=np.int64)
                                                   * n_kw + hits["kw_idx"].to_numpy(dtype=np.int64))
        scan.fired[key] = _rules_on_texts(_rule_index(scan.space, ct, group), scan.hits[group],
                                          scan.fired["present", group], scan.space)
    return scan.fired[key]


@dataclass(frozen=True, eq=False)
class RuleIndex:
    """One taxonomy's keyword rules of one text-field group as CSR arrays over
    the keyword space (``start[i]:start[i+1]`` slices ``values``): the rules
    each keyword is an include keyword of, and each rule's context and
    exclude keywords."""

    inc: tuple[np.ndarray, np.ndarray]  # keyword → rules
    ctx: tuple[np.ndarray, np.ndarray]  # rule → context keywords
    exc: tuple[np.ndarray, np.ndarray]  # rule → exclude keywords
    has_ctx: np.ndarray                 # bool per rule
    n_rules: int


def _csr(by: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(by, kind="stable")  # keeps the table's order within a key
    return np.r_[0, np.cumsum(np.bincount(by, minlength=n))], values[order]


@lru_cache(maxsize=64)
def _rule_index(space: KeywordSpace, ct: CompiledTaxonomy, group: str) -> RuleIndex:
    rule_kw = space.rule_kw(ct)
    rk = rule_kw[rule_kw["rule_idx"].isin(ct.rules.loc[ct.rules["fields"] == group, "idx"])]
    n_kw, n_rules = len(space.words), len(ct.rules)

    def role(r: str, by: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rk[rk["role"] == r]
        other = "rule_idx" if by == "kw_idx" else "kw_idx"
        return _csr(x[by].to_numpy(dtype=np.int64), x[other].to_numpy(dtype=np.int64), n)
    return RuleIndex(role("inc", "kw_idx", n_kw), role("ctx", "rule_idx", n_rules),
                     role("exc", "rule_idx", n_rules), ct.rules["has_ctx"].to_numpy(dtype=bool),
                     n_rules)


def _gather(csr: tuple[np.ndarray, np.ndarray], keys: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """(position in ``keys``, value) for every value listed under each key."""
    start, values = csr
    counts = start[keys + 1] - start[keys]
    owner = np.repeat(np.arange(len(keys)), counts)
    first = np.cumsum(counts) - counts
    return owner, values[np.arange(int(counts.sum())) - first[owner] + start[keys][owner]]


def _served(by_rule: tuple[np.ndarray, np.ndarray], pair: np.ndarray, present: np.ndarray,
            n_rules: int, n_kw: int) -> np.ndarray:
    """Per (text, rule) pair: does the text hold one of the rule's keywords
    listed in ``by_rule`` (its context or exclude keywords)? Each pair's
    keywords are looked up among the hits (``present``: sorted keys) by
    bisection — cheaper than expanding the hits, whose generic words serve
    hundreds of rules each, and sorting those."""
    owner, kw = _gather(by_rule, pair % n_rules)
    out = np.zeros(len(pair), dtype=bool)
    out[owner[_within((pair // n_rules)[owner] * n_kw + kw, present)]] = True
    return out


def _within(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Bool per key: is it one of ``sorted_keys``?"""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _rules_on_texts(ix: RuleIndex, hits: pd.DataFrame, present: np.ndarray,
                    space: KeywordSpace) -> pd.DataFrame:
    """Keyword/exclusion rules (of one text-field group) firing on each unique text.

    Include hits are expanded to the rules their keywords serve: the
    candidate (text, rule) pairs. Context and exclude keywords — often
    generic words like 项目 shared by hundreds of rules — then confirm or
    veto the pairs through integer-key membership tests (``_served``). Rows come
    in the order the include hits do; each pair's evidence is its longest
    include keyword (then the first in the keyword space). ``present`` holds
    the hits as sorted ``text * words + keyword`` keys.
    """
    text = hits["text_idx"].to_numpy(dtype=np.int64)
    kw = hits["kw_idx"].to_numpy(dtype=np.int64)
    owner, rule = _gather(ix.inc, kw)
    if not len(rule):
        return pd.DataFrame({"text_idx": pd.Series(dtype="int64"),
                             "rule_idx": pd.Series(dtype="int64"),
                             "keyword": pd.Series(dtype="object")})
    pair = text[owner] * ix.n_rules + rule
    pkw = kw[owner]
    uniq, first = np.unique(pair, return_index=True)
    best = np.lexsort((pkw, -space.length[pkw], pair))  # per pair: longest, then lowest index
    best = pkw[best[np.r_[True, pair[best][1:] != pair[best][:-1]]]]
    order = np.argsort(first)                           # pairs in the order hits found them
    p_pair, p_kw = uniq[order], best[order]
    p_text, p_rule = p_pair // ix.n_rules, p_pair % ix.n_rules
    n_kw = max(len(space.words), 1)
    fire = ((~ix.has_ctx[p_rule] | _served(ix.ctx, p_pair, present, ix.n_rules, n_kw))
            & ~_served(ix.exc, p_pair, present, ix.n_rules, n_kw))
    return pd.DataFrame({"text_idx": p_text[fire], "rule_idx": p_rule[fire],
                         "keyword": space.word_array[p_kw[fire]]})


@lru_cache(maxsize=64)
def _criteria_index(space: KeywordSpace, ct: CompiledTaxonomy) -> tuple[tuple, int]:
    """Keyword → the criteria (numbered within ``ct``) its applies-if words make
    applicable, as CSR arrays; and the number of criteria so numbered."""
    ckw = space.criteria_kw(ct)
    crit, n = pd.factorize(ckw["criterion_id"])
    return _csr(ckw["kw_idx"].to_numpy(dtype=np.int64), crit.astype(np.int64),
                len(space.words)), len(n)


def _criteria_sets(texts: RowTexts, cts: list[CompiledTaxonomy]) -> np.ndarray:
    """Per distinct text: a code of the set of criteria its applies-if keywords
    make applicable, over all taxonomies; 0 for none."""
    hits = texts.hits[DEFAULT_FIELDS]
    text = hits["text_idx"].to_numpy(dtype=np.int64)
    kw = hits["kw_idx"].to_numpy(dtype=np.int64)
    groups, tokens, offset = [], [], 0
    for ct in cts:  # a criterion is numbered after those of the taxonomies before it
        csr, n_crit = _criteria_index(texts.space, ct)
        owner, crit = _gather(csr, kw)
        groups.append(text[owner])
        tokens.append(crit + offset)
        offset += n_crit
    return set_codes(np.concatenate(groups) if groups else np.empty(0, dtype=np.int64),
                     np.concatenate(tokens) if tokens else np.empty(0, dtype=np.int64),
                     len(texts.texts[DEFAULT_FIELDS]))


def scan_texts(frame: pd.DataFrame, cts: list[CompiledTaxonomy]) -> RowTexts:
    """Factorise the text-field groups of ``frame`` and scan each distinct text once."""
    space = keyword_space(tuple(cts))
    groups = sorted({g for ct in cts for g in ct.text_groups})
    fields: dict[str, tuple[np.ndarray, pa.Array]] = {}
    gcodes, texts = {}, {}
    for g in groups:
        gcodes[g], texts[g] = _group_texts(frame, g, fields)
    return RowTexts(space, gcodes, texts, {g: _scan_unique(space, texts[g]) for g in groups})


def match_keys(frame: pd.DataFrame, cts: list[CompiledTaxonomy],
               texts: RowTexts | None = None) -> Keys:
    """Group rows into match keys; ``texts`` is the rows' scan when already made."""
    texts = texts if texts is not None else scan_texts(frame, cts)
    industry = [c for c in ("industry_code", "industry_code_system") if c in frame]
    parts = [_field_codes(frame, c)[0] for c in industry] + list(texts.codes.values())
    key = combine_codes(parts) if parts else np.zeros(len(frame), dtype=np.int64)
    rep = first_rows(key)
    scan = TextScan(texts.space, {g: c[rep] for g, c in texts.codes.items()}, texts.hits,
                    texts.texts, texts.fired)
    kframe = frame[industry].iloc[rep].reset_index(drop=True)
    return Keys(key, rep, kframe, scan)


def _matches(automaton: _Automaton, arr: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(text index, start position in its text, keyword) of every match in ``arr``.

    The texts are joined by ``SEP`` into one string and scanned in one pass.
    """
    one = pa.LargeListArray.from_arrays(pa.array([0, len(arr)], type=pa.int64()), arr)
    big = pc.binary_join(one, pa.scalar(SEP, type=pa.large_string()))[0].as_py()
    lengths = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64) + 1
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    start, kws = automaton.matches(big)
    text_idx = np.searchsorted(starts, start, side="right") - 1
    return text_idx, start - starts[text_idx], kws


def _scan_unique(space: KeywordSpace, texts: pa.Array) -> pd.DataFrame:
    """Distinct (text_idx, kw_idx) pairs, in the order of a single scan of all
    words over all texts (by end position, longer word first)."""
    empty = pd.DataFrame({"text_idx": pd.Series(dtype="int64"), "kw_idx": pd.Series(dtype="int64")})
    if space.primary is None or len(texts) == 0:
        return empty
    arr = pc.utf8_lower(pc.utf8_normalize(texts, "NFKC"))
    t, start, kw = _matches(space.primary, arr)
    if space.secondary is not None and len(t):
        sub = np.unique(t[space.is_include[kw]])
        if len(sub):
            t2, start2, kw2 = _matches(space.secondary, arr.take(pa.array(sub)))
            t, start, kw = np.r_[t, sub[t2]], np.r_[start, start2], np.r_[kw, kw2]
    if not len(t):
        return empty
    order = np.lexsort((-space.length[kw], start + space.length[kw], t))  # by end, longest first
    return pd.DataFrame({"text_idx": t[order], "kw_idx": kw[order]}).drop_duplicates(
        ignore_index=True)


def _to_rows(codes: np.ndarray, rows: np.ndarray, per_text: pd.DataFrame) -> pd.DataFrame:
    """Broadcast text-level results to the partition rows listed in ``rows``."""
    rowmap = pd.DataFrame({"row": rows, "text_idx": codes[rows]})
    return rowmap.merge(per_text, on="text_idx").drop(columns="text_idx")


def text_rule_hits(ct: CompiledTaxonomy, scan: TextScan, rows: np.ndarray) -> pd.DataFrame:
    """(row, rule_idx, keyword) for keyword and exclusion rules."""
    parts = []
    for g in _keyword_groups(ct):
        fired = scan.rules_fired(ct, g)
        if len(fired):
            parts.append(_to_rows(scan.codes[g], rows, fired))
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
    partial NACE↔GB/T correspondence. ``row`` is the position in ``codes``.
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


def criteria_applicability(ct: CompiledTaxonomy, scan: TextScan, rows: np.ndarray
                           ) -> pd.DataFrame:
    """(row, criterion_id) pairs whose applies_if_keywords occur in the row's text."""
    ckw = scan.space.criteria_kw(ct)
    if ckw.empty:
        return pd.DataFrame({"row": pd.Series(dtype="int64"),
                             "criterion_id": pd.Series(dtype="object")})
    m = scan.hits[DEFAULT_FIELDS].merge(ckw, on="kw_idx")[["text_idx", "criterion_id"]]
    return _to_rows(scan.codes[DEFAULT_FIELDS], rows, m.drop_duplicates())
