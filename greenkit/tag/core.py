"""Tag one partition of accepted rows: the pure map function (``tag_frame``).

A DataFrame of validated rows goes in; the wide and long tag tables, the
declaration checks and the row-level red flags come out. Nothing here reads
files or keeps state beyond the loaded, immutable catalogues, so the same
function runs on a whole book, on one ``--chunksize`` chunk in a worker
process, or under Dask ``map_partitions`` / Spark ``mapInPandas``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from greenkit.errors import TaxonomyError
from greenkit.frames import combine_codes, first_rows, value_codes
from greenkit.io import ROW
from greenkit.tag import declared as decl
from greenkit.tag import flags as flg
from greenkit.tag import overrides as ovr
from greenkit.tag.editions import IN_FORCE, edition_for
from greenkit.tag.engine import TAG_COLUMNS, expand_index, tag_partition, top_columns
from greenkit.tag.matcher import (
    DEFAULT_FIELDS,
    RowTexts,
    compile_taxonomy,
    match_keys,
    scan_texts,
)
from greenkit.tag.options import LONG_COLUMNS, TagOptions
from greenkit.taxonomy import Taxonomy, load_taxonomy


def _needs(acc: pd.DataFrame, named: dict[str, Taxonomy], in_force_ids: pd.Series
           ) -> tuple[dict[str, np.ndarray], dict[str, Taxonomy], pd.DataFrame]:
    """Rows each edition must tag, the edition objects, and the declarations to check.

    Each edition is tagged once over the union of the rows that need it (the
    rows it is in force for, all rows when requested by name, the rows
    declared under it), so no row is tagged twice under one edition. Editions
    are carried as objects: a user's folder is never swapped for a shipped
    edition that happens to share its id.
    """
    n = len(acc)
    need: dict[str, np.ndarray] = {}  # edition id → bool mask over rows
    objs: dict[str, Taxonomy] = {}

    def add(t: Taxonomy, rows: np.ndarray) -> None:
        objs.setdefault(t.id, t)
        mask = need.setdefault(t.id, np.zeros(n, dtype=bool))
        mask[rows] = True

    for name, t in named.items():
        if name == IN_FORCE:
            for e in in_force_ids.unique():
                add(load_taxonomy(str(e)), np.flatnonzero((in_force_ids == e).to_numpy()))
        else:
            add(t, np.arange(n))
    declared = _declared_rows(acc, in_force_ids)
    for t_id, g in declared.groupby("taxonomy"):
        t = objs.get(t_id)
        if t is None:
            try:
                t = load_taxonomy(t_id)
            except TaxonomyError:  # an unknown declared catalogue is reported per row (unknown_code)
                continue
        add(t, g["row"].to_numpy())
    return {e: np.flatnonzero(m) for e, m in need.items()}, objs, declared


def resolve_taxonomies(opts: TagOptions) -> dict[str, Taxonomy | None]:
    """Requested names → loaded editions (``in-force`` resolves per row later)."""
    out: dict[str, Taxonomy | None] = {}
    for name in opts.names:
        out[name] = None if name == IN_FORCE else load_taxonomy(name)
    return out


def tag_frame(accepted: pd.DataFrame, opts: TagOptions, overrides: pd.DataFrame | None = None
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pure map step: tag accepted rows under every requested taxonomy.

    Returns (tagged wide, tags long, declared checks, row-level flags); row
    positions refer to ``accepted`` (reset to a RangeIndex).

    Rows that agree on everything the tagger reads (see ``tag_keys_of``) get
    the same tags, so each distinct such row is tagged once and the results
    are gathered back to every row; only the flags, which name the loan and
    its borrower, are computed on all rows.
    """
    acc = accepted.reset_index(drop=True)
    approval = acc["approval_date"] if "approval_date" in acc else pd.Series(pd.NaT, index=acc.index)
    needs_chain = IN_FORCE in opts.taxonomies or (
        "declared_code" in acc and acc["declared_code"].notna().any())
    in_force_ids = (edition_for(approval, opts.report_date, opts.product) if needs_chain
                    else pd.Series("", index=acc.index, dtype="string"))
    named = resolve_taxonomies(opts)
    _, objs, _ = _needs(acc, named, in_force_ids)
    texts = scan_texts(acc, [compile_taxonomy(t) for t in objs.values()])
    key = tag_keys_of(acc, in_force_ids, list(objs.values()), overrides, texts)
    rep = first_rows(key)
    uniq = acc.iloc[rep].reset_index(drop=True)
    wide_u, long_u, declared_u, tops_u = _tag_distinct(
        uniq, opts, overrides, in_force_ids.iloc[rep].reset_index(drop=True), named,
        texts.take(rep))
    wide = wide_u.take(key).reset_index(drop=True)
    wide["loan_id"], wide[ROW] = acc["loan_id"].to_numpy(), acc[ROW].to_numpy()
    long = _expand_rows(_row_major(long_u), key)
    if len(long):
        r = long["row"].to_numpy(dtype=np.int64)
        long["loan_id"] = acc["loan_id"].to_numpy()[r]
        long[ROW] = acc[ROW].to_numpy()[r]
    declared = _expand_rows(declared_u, key)
    tops = {name: {c: a[key] for c, a in top.items()} for name, top in tops_u.items()}
    flags = flg.row_flags(acc, tops, declared, _texts(texts))
    return wide, long, declared, flags


def tag_keys_of(acc: pd.DataFrame, in_force_ids: pd.Series, editions: list[Taxonomy],
                overrides: pd.DataFrame | None, texts: RowTexts) -> np.ndarray:
    """One dense code per distinct combination of everything tagging reads.

    That is the industry code and its system, the texts the rules search
    (only as far as they fire rules or make criteria apply: see
    ``RowTexts.relevant_codes``),
    every criterion variable of the editions in use, the edition in force,
    the declaration, and — for loans a reviewer overrode — the loan itself
    (an override is per loan, so such a loan is never shared).
    """
    cols = {"industry_code", "industry_code_system", "declared_code", "declared_taxonomy"}
    cols |= {v for t in editions for v in t.criteria["variable"]} if editions else set()
    parts = [value_codes(in_force_ids)] + [value_codes(acc[c]) for c in sorted(cols) if c in acc]
    parts += texts.relevant_codes([compile_taxonomy(t) for t in editions])
    if overrides is not None and len(overrides):
        ids = acc["loan_id"]
        parts.append(value_codes(ids.where(ids.isin(overrides["loan_id"]), "")))
    return combine_codes(parts)


def _row_major(long: pd.DataFrame) -> pd.DataFrame:
    """Each row's tags together (by taxonomy as requested, then rank), rows in
    order: the table then does not depend on where a book is cut into chunks."""
    return long.take(np.argsort(long["row"].to_numpy(), kind="stable")).reset_index(drop=True)


def _expand_rows(per_key: pd.DataFrame, key: np.ndarray) -> pd.DataFrame:
    """A table of the distinct rows (``row`` = key, sorted) broadcast to every
    row of each key, in row order; columns and dtypes are kept."""
    if per_key.empty:
        return per_key
    row, idx = expand_index(per_key["row"].to_numpy(dtype=np.int64), key, np.arange(len(key)))
    out = per_key.take(idx).reset_index(drop=True)
    out["row"] = row
    return out


def _tag_distinct(acc: pd.DataFrame, opts: TagOptions, overrides: pd.DataFrame | None,
                  in_force_ids: pd.Series, named: dict, texts: RowTexts | None = None):
    """Tag rows that are all distinct in what tagging reads (see ``tag_frame``).

    ``texts`` is the scan of the rows' texts when the caller already made it.
    Returns the wide table, the long table, the declaration checks and the
    rank-1 tags per taxonomy name.
    """
    n = len(acc)
    need, objs, declared_rows = _needs(acc, named, in_force_ids)
    compiled = {e: compile_taxonomy(objs[e]) for e in need}
    keys = match_keys(acc, list(compiled.values()), texts)
    by_edition = {}
    for e, rows in need.items():
        long = tag_partition(acc, compiled[e], rows, keys)
        long["edition_id"] = e
        by_edition[e] = long
    longs, tops = [], {}
    wide = {"loan_id": acc["loan_id"].to_numpy(), ROW: acc[ROW].to_numpy()}
    for name, t in named.items():
        if name == IN_FORCE:
            # no edition is in force for a partition without rows (all rejected)
            long = pd.concat([by_edition[str(e)][
                np.isin(by_edition[str(e)]["row"].to_numpy(),
                        np.flatnonzero((in_force_ids == e).to_numpy()))]
                for e in in_force_ids.unique()] or [pd.DataFrame(columns=TAG_COLUMNS)],
                ignore_index=True)
            edition = in_force_ids.to_numpy(dtype=object)
        else:
            long = by_edition[t.id]
            edition = np.full(n, t.id, dtype=object)
        long = long.assign(taxonomy=name, override="")
        long = ovr.apply(long, acc["loan_id"], overrides, name)
        top = top_columns(long, n)
        tops[name] = top
        wide[f"{name}.edition"] = edition
        for col, src in (("code", "item_code"), ("name", "item_name"), ("status", "status"),
                         ("rule", "rules"), ("reason", "reason")):
            wide[f"{name}.{col}"] = top[src]
        longs.append(long)
    wide = pd.DataFrame(wide)
    declared = _verify_declared(declared_rows, by_edition, objs)
    if "declared_code" in acc:  # same columns in every chunk, declarations or not
        for c in decl.DECLARED_COLUMNS[1:]:
            a = np.full(n, "", dtype=object)
            a[declared["row"].to_numpy(dtype=np.int64)] = declared[c].to_numpy(dtype=object)
            wide[c] = a
    long = pd.concat(longs, ignore_index=True) if longs else pd.DataFrame(columns=LONG_COLUMNS)
    return wide, long, declared, tops


def _texts(texts: RowTexts) -> flg.Distinct | None:
    """The purpose+project texts the keyword scan already made distinct, per row."""
    g = DEFAULT_FIELDS
    if g not in texts.texts:
        return None
    uniq = texts.texts[g].to_pandas(types_mapper=lambda t: pd.StringDtype())
    return texts.codes[g], uniq


def _declared_rows(acc: pd.DataFrame, in_force_ids: pd.Series) -> pd.DataFrame:
    """row, taxonomy, code for every row with a declared classification."""
    empty = pd.DataFrame({"row": pd.Series(dtype="int64"), "taxonomy": pd.Series(dtype=object),
                          "code": pd.Series(dtype=object)})
    if "declared_code" not in acc:
        return empty
    code = acc["declared_code"].fillna("").astype(str).str.strip()
    has = (code != "").to_numpy()
    if not has.any():
        return empty
    tax = (acc["declared_taxonomy"] if "declared_taxonomy" in acc
           else pd.Series("", index=acc.index)).fillna("").astype(str)
    tax = tax.where(tax != "", in_force_ids.astype(str))
    rows = np.flatnonzero(has)
    return pd.DataFrame({"row": rows, "taxonomy": tax.to_numpy()[rows],
                         "code": code.to_numpy()[rows]})


def _verify_declared(d: pd.DataFrame, by_edition: dict[str, pd.DataFrame],
                     objs: dict[str, Taxonomy]) -> pd.DataFrame:
    if d.empty:
        return pd.DataFrame(columns=decl.DECLARED_COLUMNS)
    known, longs = {}, []
    for t_id in d["taxonomy"].unique():
        t = objs.get(t_id)
        if t is None:  # unknown catalogue: every such row becomes unknown_code
            known[t_id] = set()
            continue
        known[t_id] = set(t.items["code"])
        le = by_edition[t.id]
        rows = d.loc[d["taxonomy"] == t_id, "row"].to_numpy()
        longs.append(le[np.isin(le["row"].to_numpy(), rows)].assign(edition_id=t_id))
    cols = ["row", "edition_id", "item_code", "status", "rank"]
    long = pd.concat(longs, ignore_index=True)[cols] if longs else pd.DataFrame(columns=cols)
    return decl.verify(d, long, known)
