"""Run tagging over a whole book: map (per partition) then reduce.

Map: each partition (the whole file, or one ``--chunksize`` chunk) is
validated, normalised and tagged by pure functions. Reduce: whole-book work —
duplicate ids across chunks, the same project financed twice, the summary —
happens here, on small per-partition aggregates, so memory stays bounded when
streaming and the map step could run under Dask or Spark unchanged.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit import __version__, workers
from greenkit.errors import InputError, TaxonomyError
from greenkit.frames import combine_codes, first_rows, value_codes
from greenkit.io import ROW, RawTable, estimate_rows, iter_table, read_table
from greenkit.io.read import check_path, detect_format
from greenkit.io.slices import CsvPlan, CsvSlice, plan_csv, slice_table
from greenkit.tag import declared as decl
from greenkit.tag import flags as flg
from greenkit.tag import overrides as ovr
from greenkit.tag.editions import IN_FORCE, chain, edition_for
from greenkit.tag.encode import discard
from greenkit.tag.engine import TAG_COLUMNS, expand_index, tag_partition, top_columns
from greenkit.tag.industry import GBT, NACE, normalise_gbt, normalise_nace
from greenkit.tag.matcher import (
    DEFAULT_FIELDS,
    RowTexts,
    compile_taxonomy,
    match_keys,
    scan_texts,
)
from greenkit.taxonomy import Taxonomy, load_taxonomy
from greenkit.validate import (
    REJECTED,
    DuplicateTracker,
    Validated,
    concat_findings,
    findings_for,
    rejection_reasons,
    validate_table,
)

DEFAULT_TAXONOMIES = (IN_FORCE, "cn-green-bond-2021")
LONG_COLUMNS = ["loan_id", ROW, "taxonomy", "edition", "rank", "item_code", "item_name", "status",
                "score", "rules", "evidence", "missing", "failed", "reason", "override"]
REJECTED_COLUMNS = [ROW, "loan_id", "column", "value", "reason", "message"]
INDUSTRY_MESSAGES = {
    "industry_code_format": ("error", "not a GB/T 4754-2017 or NACE code"),
    "unknown_industry_code": ("error", "not a code of GB/T 4754-2017"),
    "industry_section_mismatch": ("warning", "section letter does not match the digits; "
                                             "the digits are used"),
    "industry_leading_zero": ("warning", "leading zero restored (Excel drops it)"),
}


@dataclass
class TagOptions:
    taxonomies: tuple[str, ...] = DEFAULT_TAXONOMIES
    as_of: dt.date | None = None
    product: str | None = None
    industry_system: str | None = None
    amount_unit: str | None = None
    renames: dict[str, str] | None = None
    sheet: str | None = None
    chunksize: int | None = None
    overrides: str | Path | None = None
    fx: str | Path | None = None
    workers: int | None = None  # tagging processes for multi-chunk books; None = one per CPU

    def worker_count(self) -> int:
        return max(1, self.workers if self.workers is not None else min(os.cpu_count() or 1, 4))

    @property
    def report_date(self) -> dt.date:
        return self.as_of or dt.date.today()


@dataclass
class TagResult:
    """The tables `greenkit tag` writes, as DataFrames (plus the summary)."""

    tagged: pd.DataFrame
    tags: pd.DataFrame
    rejected: pd.DataFrame
    findings: pd.DataFrame
    flags: pd.DataFrame
    loans: pd.DataFrame
    summary: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- map


def normalise_industry(v: Validated, file: str, system: str | None) -> Validated:
    """Normalise industry codes; unknown codes reject their row (with a finding).

    Works on the distinct (code, code system) pairs — a few hundred in any
    book — and broadcasts the result back to the rows.
    """
    f = v.frame
    if "industry_code" not in f:
        return v
    sys_col = f.get("industry_code_system")
    sysv = (sys_col.fillna(system or GBT) if sys_col is not None
            else pd.Series(system or GBT, index=f.index))
    header = next((m.header for m in v.matches if m.field.name == "industry_code"),
                  "industry_code")
    raw_codes = f["industry_code"]
    c_code, u_code = pd.factorize(raw_codes.fillna(""), sort=False)
    c_sys, u_sys = pd.factorize(sysv.astype(str), sort=False)
    pair = combine_codes([c_code, c_sys])
    rep = first_rows(pair)
    ucode = pd.Series(np.asarray(u_code, dtype=object)[c_code[rep]], dtype=object)
    usys = np.asarray(u_sys, dtype=object)[c_sys[rep]]
    norm = pd.DataFrame({"code": "", "section": "", "problem": ""}, index=ucode.index)
    for s, conv in ((GBT, normalise_gbt), (NACE, normalise_nace)):
        mask = usys == s
        if mask.any():
            norm.loc[mask] = conv(ucode[mask]).to_numpy()
    f["industry_code"] = pd.Series(norm["code"].to_numpy(dtype=object)[pair], index=f.index,
                                   dtype="string")
    f["industry_section"] = pd.Series(norm["section"].to_numpy(dtype=object)[pair],
                                      index=f.index, dtype="string")
    f["industry_code_system"] = sysv.astype("string")
    problem = norm["problem"].to_numpy(dtype=object)
    found = [v.findings]
    for reason, (sev, msg) in INDUSTRY_MESSAGES.items():
        hit = (problem == reason)[pair]
        if hit.any():
            found.append(findings_for(file, f.loc[hit, ROW], header, "industry",
                                      raw_codes[hit], reason, sev, msg))
    if len(found) > 1:
        v.findings = concat_findings(found)
        f[REJECTED] = rejection_reasons(f, v.findings)
    return v


def _resolve_names(names: Iterable[str]) -> list[str]:
    out = []
    for n in names:
        n = str(n)
        if n not in out:
            out.append(n)
    return out


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
    for name in _resolve_names(opts.taxonomies):
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


# ------------------------------------------------------------------------ reduce


def _first_levels(names: list[str], editions: Iterable[str]) -> dict[str, dict[str, str]]:
    out = {}
    for e in editions:
        t = load_taxonomy(e)
        anc = t.ancestor_map(1)
        label = dict(zip(t.items["code"], t.items["name_zh"], strict=True))
        out[e] = {c: f"{a} {label.get(a, '')}" for c, a in anc.items()}
    return out


class Summary:
    """Accumulates per-partition aggregates into the run summary."""

    def __init__(self, opts: TagOptions):
        self.opts = opts
        self.read = 0
        self.accepted = 0
        self.rejected = 0
        self.warnings = 0
        self.reasons: dict[str, int] = {}
        self.parts: list[pd.DataFrame] = []
        self.declared: dict[str, int] = {}
        self.flags: dict[str, int] = {}
        self.editions: set[str] = set()

    def add_validation(self, v: Validated) -> None:
        """Counts of read, accepted and rejected rows and of findings."""
        self.read += len(v.frame)
        rej = v.rejected_mask
        self.rejected += int(rej.sum())
        self.accepted += int((~rej).sum())
        self.warnings += int((v.findings["severity"] == "warning").sum())
        for r, c in v.findings.loc[v.findings["severity"] == "error", "reason"].value_counts().items():
            self.reasons[r] = self.reasons.get(r, 0) + int(c)

    def add_tags(self, wide: pd.DataFrame, amounts: pd.DataFrame, declared: pd.DataFrame,
                 flags: pd.DataFrame) -> None:
        """Counts and amounts by taxonomy, edition, item, status and currency."""
        for name in _resolve_names(self.opts.taxonomies):
            if f"{name}.status" not in wide:
                continue
            cols = {"edition": wide[f"{name}.edition"], "code": wide[f"{name}.code"],
                    "status": wide[f"{name}.status"], "currency": amounts["currency"]}
            # one integer key per (edition, code, status, currency): the groupby
            # then runs on int64 codes, not on four columns of strings
            key = combine_codes([value_codes(c) for c in cols.values()])
            g = pd.Series(amounts["amount"].to_numpy()).groupby(key, sort=True)
            agg = g.agg(["size", "sum"])
            rep = first_rows(key)[agg.index.to_numpy()]
            part = pd.DataFrame({"taxonomy": name,
                                 **{c: v.iloc[rep].to_numpy() for c, v in cols.items()},
                                 "size": agg["size"].to_numpy(), "sum": agg["sum"].to_numpy()})
            self.editions.update(part["edition"].dropna().unique())
            self.parts.append(part)
        if len(declared):
            for r, c in declared["declared.result"].value_counts().items():
                self.declared[r] = self.declared.get(r, 0) + int(c)
        if len(flags):
            self.add_flags(flags)

    def merge(self, other: Summary) -> None:
        """Fold in the aggregates a worker computed for one partition."""
        self.read += other.read
        self.accepted += other.accepted
        self.rejected += other.rejected
        self.warnings += other.warnings
        for r, c in other.reasons.items():
            self.reasons[r] = self.reasons.get(r, 0) + c
        self.parts.extend(other.parts)
        self.editions |= other.editions
        for mine, theirs in ((self.declared, other.declared), (self.flags, other.flags)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n

    def add_flags(self, flags: pd.DataFrame) -> None:
        for r, c in flags["flag"].value_counts().items():
            self.flags[r] = self.flags.get(r, 0) + int(c)

    def build(self, source: dict, started: float, started_at: str) -> dict:
        agg = (pd.concat(self.parts).groupby(["taxonomy", "edition", "code", "status", "currency"],
                                             dropna=False)[["size", "sum"]].sum().reset_index()
               if self.parts else pd.DataFrame(columns=["taxonomy", "edition", "code", "status",
                                                        "currency", "size", "sum"]))
        levels = _first_levels(list(self.opts.taxonomies), [e for e in self.editions if e])
        agg["first_level"] = [levels.get(e, {}).get(c, "") for e, c in
                              zip(agg["edition"], agg["code"], strict=True)]
        per_tax = {}
        for name, g in agg.groupby("taxonomy", sort=False):
            per_tax[name] = _taxonomy_summary(g)
        editions = []
        for e in sorted(self.editions):
            t = load_taxonomy(e)
            editions.append({"id": t.id, "document_number": t.manifest.get("document_number", ""),
                             "effective_from": str(t.effective_from or ""),
                             "path": str(t.path)})
        return {
            "read": self.read, "accepted": self.accepted, "rejected": self.rejected,
            "nothing_lost": self.read == self.accepted + self.rejected,
            "warnings": self.warnings, "rejected_by_reason": dict(sorted(self.reasons.items())),
            "taxonomies": per_tax, "declared": self.declared, "flags": dict(sorted(self.flags.items())),
            "input": source, "editions": editions,
            "as_of": str(self.opts.report_date), "in_force_rule": chain_note(self.opts),
            "greenkit_version": __version__, "run_at": started_at,
            "seconds": round(time.perf_counter() - started, 3),
        }


def chain_note(opts: TagOptions) -> list[dict]:
    from greenkit.tag.editions import explain

    return explain(opts.report_date, opts.product)


def _taxonomy_summary(g: pd.DataFrame) -> dict:
    green = g["status"].isin(decl.GREEN)
    out = {"by_status": {}, "by_first_level": {}, "coverage": {}}
    for (status, cur), x in g.groupby(["status", "currency"]):
        out["by_status"].setdefault(status, {})[cur] = {"count": int(x["size"].sum()),
                                                        "amount": float(x["sum"].sum())}
    for (lvl, status, cur), x in g[green].groupby(["first_level", "status", "currency"]):
        out["by_first_level"].setdefault(lvl, {}).setdefault(status, {})[cur] = {
            "count": int(x["size"].sum()), "amount": float(x["sum"].sum())}
    for cur, x in g.groupby("currency"):
        gx = x[x["status"].isin(decl.GREEN)]
        total_n, total_a = int(x["size"].sum()), float(x["sum"].sum())
        out["coverage"][cur] = {
            "green_count": int(gx["size"].sum()), "count": total_n,
            "green_amount": float(gx["sum"].sum()), "amount": total_a,
            "share_by_count": round(int(gx["size"].sum()) / total_n, 6) if total_n else 0.0,
            "share_by_amount": round(float(gx["sum"].sum()) / total_a, 6) if total_a else 0.0}
    return out


def _rejected_rows(v: Validated) -> pd.DataFrame:
    f = v.findings[v.findings["severity"] == "error"]
    if f.empty:
        return pd.DataFrame(columns=REJECTED_COLUMNS)
    ids = v.frame.set_index(ROW)["loan_id"] if "loan_id" in v.frame else None
    out = f.rename(columns={"row": ROW})
    out["loan_id"] = out[ROW].map(ids) if ids is not None else ""
    return out[REJECTED_COLUMNS]


def _fx_table(path) -> pd.DataFrame | None:
    if path is None:
        return None
    raw = read_table(path).frame
    cols = {c.lower(): c for c in raw.columns}
    if "currency" not in cols or "rate_to_cny" not in cols:
        raise InputError("FX table needs columns currency, rate_to_cny", path=path)
    fx = pd.DataFrame({"currency": raw[cols["currency"]].str.upper().str.strip(),
                       "rate": pd.to_numeric(raw[cols["rate_to_cny"]], errors="coerce")})
    if fx["rate"].isna().any() or (fx["rate"] <= 0).any():
        raise InputError("FX rates must be positive numbers", path=path)
    return pd.concat([fx, pd.DataFrame({"currency": ["CNY"], "rate": [1.0]})]).drop_duplicates(
        "currency")


def _amounts(acc: pd.DataFrame, fx: pd.DataFrame | None, file: str) -> pd.DataFrame:
    cur = acc["currency"].fillna("CNY").astype(str)
    amt = acc["outstanding"].astype(float)
    if fx is None:
        return pd.DataFrame({"currency": cur, "amount": amt})
    rate = cur.map(dict(zip(fx["currency"], fx["rate"], strict=True)))
    if rate.isna().any():
        raise InputError(f"FX table has no rate for {', '.join(sorted(cur[rate.isna()].unique()))}",
                         path=file)
    return pd.DataFrame({"currency": "CNY", "amount": amt * rate})


#: A unit of map work: a parsed chunk, or a byte range of a CSV file that the
#: worker parses itself (see ``greenkit.io.slices``).
Unit = RawTable | CsvSlice


def partitions(source, opts: TagOptions) -> Iterable[Unit]:
    """The book as units of map work, in input order.

    A CSV read by worker processes is cut into byte ranges (a ``CsvPlan``,
    which also hashes the file); any other input is parsed here.
    """
    if isinstance(source, pd.DataFrame):
        frame = source.astype("string").fillna("")
        frame.insert(0, ROW, np.arange(2, len(frame) + 2))
        import hashlib

        digest = hashlib.sha256(pd.util.hash_pandas_object(source, index=False).values
                                .tobytes()).hexdigest()
        return [RawTable(frame, "<DataFrame>", "dataframe", digest)]
    if opts.chunksize:
        size = even_chunksize(source, opts)
        if opts.worker_count() > 1 and detect_format(check_path(source)) == "csv":
            return plan_csv(Path(source), size)
        return iter_table(source, size, opts.sheet)
    return [read_table(source, opts.sheet)]


def load_unit(unit: Unit) -> RawTable:
    return slice_table(unit) if isinstance(unit, CsvSlice) else unit


def unit_source(unit: Unit) -> dict:
    """Provenance of the input as ``summary.json`` records it (the hash of a
    planned CSV is filled in once the plan has read the whole file)."""
    if isinstance(unit, CsvSlice):
        return {"path": unit.path, "sha256": None, "format": "csv", "encoding": unit.encoding,
                "sheet": None}
    return {"path": unit.path, "sha256": unit.sha256, "format": unit.format,
            "encoding": unit.encoding, "sheet": unit.sheet}


def even_chunksize(source, opts: TagOptions) -> int:
    """``--chunksize`` (an upper bound), lowered so the chunks come out about
    equal and their number a multiple of the workers.

    Five chunks on two workers leave one worker idle while the other tags the
    fifth; six slightly smaller ones keep both busy to the end. The row count
    is an estimate (see ``estimate_rows``); results never depend on it.
    """
    size, workers = opts.chunksize, opts.worker_count()
    est = estimate_rows(source) if workers > 1 else None
    if not size or est is None or est <= size:
        return size
    n = -(-est // size)
    n = -(-n // workers) * workers
    return min(size, -(-int(est * 1.02) // n))


@dataclass
class Mapped:
    """What the map step returns for one partition's accepted rows."""

    tables: dict  # tagged, tags: DataFrames, or encoded for a file sink
    flags: pd.DataFrame
    summary: Summary


def map_tags(acc: pd.DataFrame, amounts: pd.DataFrame, opts: TagOptions,
             overrides: pd.DataFrame | None, encode: bool, spool: str | None = None) -> Mapped:
    """The map step: tag, aggregate and (for a file sink) encode one partition.

    Pure: the same input gives the same output in any process. Encoding the
    CSV here (formula neutralisation included) keeps it off the process that
    writes the files in order.
    """
    from greenkit.tag.encode import encode_tables, spool_tables

    wide, long, declared, fl = tag_frame(acc, opts, overrides)
    summary = Summary(opts)
    summary.add_tags(wide, amounts, declared, fl)
    tables = {"tagged": wide, "tags": long.reindex(columns=LONG_COLUMNS)}
    if encode:  # a worker with a spool folder sends back file names, not the bytes
        tables = spool_tables(tables, spool) if spool else encode_tables(tables)
    return Mapped(tables, fl, summary)


@dataclass
class Prepared:
    """What the map step returns for one chunk: everything the reduce step
    folds in, and nothing it does not need (the validated frame stays in
    the worker).

    ``rows`` and ``ids`` (the hash and presence of each row's loan id, with
    repeats checked only within the chunk) let the writing process check
    repeated ids book-wide; ``loans`` are the accepted rows, spooled to an
    Arrow file when a worker writes for a file sink.
    """

    rows: np.ndarray
    ids: tuple[np.ndarray, np.ndarray] | None
    rejected: pd.DataFrame
    findings: pd.DataFrame
    projects: pd.DataFrame
    loans: object  # DataFrame, or SpooledTable
    mapped: Mapped


def prepare(unit: Unit, opts: TagOptions, overrides: pd.DataFrame | None,
            fx: pd.DataFrame | None, encode: bool, spool: str | None = None,
            tracker: DuplicateTracker | None = None) -> Prepared:
    """Read (a slice), validate, normalise and tag one chunk: the whole map step, pure.

    Repeated loan ids are checked against ``tracker`` — by default a fresh
    one, so within the chunk only; the writing process then checks them
    book-wide from the returned id hashes.
    """
    from greenkit.tag.encode import spool_arrow

    raw = load_unit(unit)
    fresh = tracker is None
    tracker = tracker or DuplicateTracker()
    v = validate_chunk(raw, opts, tracker)
    acc = v.accepted.reset_index(drop=True)
    mapped = map_tags(acc, _amounts(acc, fx, raw.path), opts, overrides, encode, spool)
    mapped.summary.add_validation(v)
    return Prepared(v.frame[ROW].to_numpy(dtype=np.int64), tracker.ids(v) if fresh else None,
                    _rejected_rows(v), v.findings, _project_keys(acc),
                    spool_arrow(acc, spool) if spool else acc, mapped)


def validate_chunk(raw: RawTable, opts: TagOptions, tracker: DuplicateTracker) -> Validated:
    """Validate a chunk, reject ids ``tracker`` has seen (or that repeat), normalise codes."""
    v = validate_table(raw, "loans", renames=opts.renames, amount_unit=opts.amount_unit)
    header = next((m.header for m in v.matches if m.field.name == "loan_id"), None)
    return normalise_industry(tracker.check(v, raw.path, header), raw.path,
                              opts.industry_system)


def _warm(opts: TagOptions) -> None:
    """Worker start-up: load and compile the catalogues once, before any chunk."""
    for name in opts.taxonomies:
        for t in (chain(opts.product) if name == IN_FORCE else [load_taxonomy(name)]):
            compile_taxonomy(t)


def _ready() -> bool:
    return True


class _Mapper:
    """Runs the map step (``prepare``: validate and tag a chunk) in-process or
    in worker processes.

    Reading, the book-wide check of repeated ids and writing stay in this
    process, in input order, so results are identical whatever the number of
    workers. Workers start only for a big file or when a book has a second
    chunk: a small book pays no start-up cost.
    """

    def __init__(self, opts: TagOptions, overrides: pd.DataFrame | None, parallel: bool,
                 encode: bool, spool: str | None = None):
        self.opts, self.overrides, self.encode = opts, overrides, encode
        self.pool = None
        if parallel and opts.worker_count() > 1:
            from concurrent.futures import ProcessPoolExecutor

            # forked from a fork server that imported the tagger (greenkit.workers)
            self.pool = ProcessPoolExecutor(opts.worker_count(), mp_context=workers.context(),
                                            initializer=_warm, initargs=(opts,))
            for _ in range(opts.worker_count()):  # start every worker now, not on demand
                self.pool.submit(_ready)
        self.spool = spool if self.pool is not None and encode else None

    @property
    def depth(self) -> int:
        """Chunks in flight: a queued chunk for every worker while this process writes."""
        return 2 * self.opts.worker_count() + 1 if self.pool else 1

    def submit(self, unit: Unit, fx: pd.DataFrame | None):
        args = (unit, self.opts, self.overrides, fx, self.encode, self.spool)
        if self.pool is None:
            return _Done(prepare(*args))
        return self.pool.submit(prepare, *args)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class _Done:
    """A result computed in-process, with the ``Future.result`` interface."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _peeked(parts: Iterable[Unit]) -> tuple[Iterable[Unit], bool]:
    """The partitions, and whether there is more than one (read ahead by one)."""
    it = iter(parts)
    head = list(itertools.islice(it, 2))
    return itertools.chain(head, it), len(head) > 1


def run(source, opts: TagOptions | None = None,
        sink: Callable[[str, pd.DataFrame], None] | None = None,
        progress: Callable[[int], None] | None = None) -> TagResult:
    """Tag a file (or DataFrame) under the requested taxonomies.

    With ``sink`` the big per-row tables are handed over chunk by chunk
    (``sink(name, frame)``) and not kept; otherwise they are collected and
    returned. Small tables (rejected, flags) and the summary are always returned.
    """
    opts = opts or TagOptions()
    started, started_at = time.perf_counter(), dt.datetime.now().isoformat(timespec="seconds")
    for name in opts.taxonomies:
        if name == IN_FORCE:
            chain(opts.product)
        else:
            load_taxonomy(name)
    state = _RunState(opts, sink, progress)
    encode = getattr(sink, "takes_encoded", False)
    spool = getattr(sink, "spool_dir", None) if encode else None
    # a big file starts its workers before the first chunk is read, so their
    # start-up overlaps the reading; a small one waits to see a second chunk
    mapper = (_Mapper(opts, state.overrides, True, encode, spool) if _big_file(source, opts)
              else None)
    plan = parts = partitions(source, opts)
    if mapper is None:
        parts, many = _peeked(parts)
        mapper = _Mapper(opts, state.overrides, parallel=many, encode=encode, spool=spool)
    pending: list = []
    try:
        for unit in parts:
            pending.append((unit, mapper.submit(unit, state.fx)))
            while len(pending) >= mapper.depth:
                state.settle(*pending.pop(0), mapper)
        while pending:
            state.settle(*pending.pop(0), mapper)
    finally:
        mapper.close()
    if isinstance(plan, CsvPlan):  # its hash is known once the whole file was read
        state.source["sha256"] = plan.sha256
    out = state.result(started, started_at)
    out.summary["workers"] = opts.worker_count() if mapper.pool else 1
    return out


def _big_file(source, opts: TagOptions) -> bool:
    """A file big enough to start the workers before reading it."""
    if not opts.chunksize or opts.worker_count() < 2 or isinstance(source, pd.DataFrame):
        return False
    return workers.is_big(source)  # a missing file is reported by the reader


class _RunState:
    """Everything ``run`` accumulates across partitions (the reduce side)."""

    def __init__(self, opts: TagOptions, sink, progress):
        self.opts, self.sink, self.progress = opts, sink, progress
        self.tracker = DuplicateTracker()
        self.summary = Summary(opts)
        self.overrides = _load_overrides(opts)
        self.fx = _fx_table(opts.fx)
        self.keep: dict[str, list[pd.DataFrame]] = {"tagged": [], "tags": [], "loans": []}
        self.rejected, self.findings, self.flags, self.projects = [], [], [], []
        self.source: dict = {}

    def settle(self, unit: Unit, future, mapper: _Mapper) -> None:
        """Fold in one chunk's map result, in input order, after the book-wide
        check of repeated ids.

        In the rare chunk that reuses an id of an earlier chunk, the worker's
        result is set aside: the chunk is validated again here against every
        id seen so far and tagged in this process, exactly as a whole read.
        """
        self.source = unit_source(unit)
        p: Prepared = future.result()
        if p.ids is not None and not self.tracker.absorb(*p.ids, p.rows):
            for part in (p.loans, *p.mapped.tables.values()):
                discard(part)
            p = prepare(unit, self.opts, self.overrides, self.fx, mapper.encode,
                        tracker=self.tracker)
        self.reduce(p)

    def reduce(self, p: Prepared) -> None:
        """Fold one mapped partition in, in input order."""
        self.summary.merge(p.mapped.summary)
        self.rejected.append(p.rejected)
        self.findings.append(p.findings)
        self.flags.append(p.mapped.flags)
        self.projects.append(p.projects)
        for name, frame in {**p.mapped.tables, "loans": p.loans}.items():
            if self.sink is not None:
                self.sink(name, frame)
            else:
                self.keep[name].append(frame)
        if self.progress:
            self.progress(len(p.rows))

    def result(self, started: float, started_at: str) -> TagResult:
        summary = self.summary
        if summary.read == 0:
            raise InputError("has no data rows", path=self.source.get("path"))
        if summary.accepted == 0:
            raise InputError(f"no usable row: all {summary.read} rows were rejected "
                             f"({', '.join(summary.reasons)}); see rejected.csv",
                             path=self.source.get("path"))
        gw06 = flg.project_duplicates(pd.concat(self.projects, ignore_index=True))
        summary.add_flags(gw06)
        flags = [f for f in self.flags + [gw06] if len(f)]
        flags_all = (pd.concat(flags, ignore_index=True) if flags
                     else pd.DataFrame(columns=flg.FLAG_COLUMNS))
        flags_all = flags_all.sort_values(["row", "flag"], kind="stable", ignore_index=True)
        out = TagResult(
            tagged=_cat(self.keep["tagged"]), tags=_cat(self.keep["tags"]),
            rejected=_cat(self.rejected, REJECTED_COLUMNS),
            findings=concat_findings(self.findings), flags=flags_all,
            loans=_cat(self.keep["loans"]))
        out.summary = summary.build(self.source, started, started_at)
        if self.overrides is not None:
            out.summary["overrides"] = {"file": str(self.opts.overrides),
                                        "rows": len(self.overrides)}
        return out


def _cat(parts: list[pd.DataFrame], columns: list[str] | None = None) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns or [])
    return pd.concat(parts, ignore_index=True)


def _project_keys(acc: pd.DataFrame) -> pd.DataFrame:
    if "project_name" not in acc:
        return pd.DataFrame(columns=["loan_id", ROW, "borrower", "project"])
    proj = acc["project_name"].fillna("").str.replace(" ", "", regex=False)
    has = proj != ""
    borrower = acc.get("borrower_id", pd.Series("", index=acc.index)).fillna("").astype(str)
    borrower = borrower.where(borrower != "", acc["borrower_name"].fillna("").astype(str))
    return pd.DataFrame({"loan_id": acc.loc[has, "loan_id"], ROW: acc.loc[has, ROW],
                         "borrower": borrower[has], "project": proj[has]})


def _load_overrides(opts: TagOptions) -> pd.DataFrame | None:
    if not opts.overrides:
        return None
    known = {}
    for name in opts.taxonomies:
        if name == IN_FORCE:
            codes = set()
            for t in chain(opts.product):
                codes |= set(t.items["code"])
            known[name] = codes
        else:
            known[name] = set(load_taxonomy(name).items["code"])
    return ovr.read_overrides(opts.overrides, known)
