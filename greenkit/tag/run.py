"""Run tagging over a whole book: map (per partition) then reduce.

Map (``prepare``): each partition — the whole file, or one ``--chunksize``
chunk, parsed here or, for a CSV, by the worker from its own byte range — is
validated, normalised and tagged by pure functions (``greenkit.tag.core``).
Reduce (``_RunState``): whole-book work — duplicate ids across chunks, the
same project financed twice, the summary (``greenkit.tag.summary``) —
happens here, in input order, on what each partition returns, so the map
step could run under Dask or Spark unchanged.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit import workers
from greenkit.errors import InputError
from greenkit.frames import combine_codes, first_rows
from greenkit.io import ROW, RawTable, estimate_rows, iter_table, read_table
from greenkit.io.read import check_path, detect_format
from greenkit.io.slices import CsvPlan, CsvSlice, plan_csv, slice_table
from greenkit.tag import encode as enc
from greenkit.tag import flags as flg
from greenkit.tag import overrides as ovr
from greenkit.tag.core import tag_frame
from greenkit.tag.editions import IN_FORCE, chain
from greenkit.tag.industry import GBT, NACE, normalise_gbt, normalise_nace
from greenkit.tag.matcher import compile_taxonomy
from greenkit.tag.options import DEFAULT_TAXONOMIES, LONG_COLUMNS, TagOptions, TagResult
from greenkit.tag.repeats import reject_repeats
from greenkit.tag.summary import Summary, amounts
from greenkit.taxonomy import load_taxonomy
from greenkit.validate import (
    REJECTED,
    DuplicateTracker,
    Validated,
    concat_findings,
    findings_for,
    rejection_reasons,
    validate_table,
)

__all__ = ["DEFAULT_TAXONOMIES", "TagOptions", "TagResult", "run", "tag_frame"]

REJECTED_COLUMNS = [ROW, "loan_id", "column", "value", "reason", "message"]
INDUSTRY_MESSAGES = {
    "industry_code_format": ("error", "not a GB/T 4754-2017 or NACE code"),
    "unknown_industry_code": ("error", "not a code of GB/T 4754-2017"),
    "industry_section_mismatch": ("warning", "section letter does not match the digits; "
                                             "the digits are used"),
    "industry_leading_zero": ("warning", "leading zero restored (Excel drops it)"),
}


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

    tables: dict  # tagged, tags: DataFrames, or Arrow files spooled for a file sink
    flags: pd.DataFrame
    summary: Summary


def map_tags(acc: pd.DataFrame, amounts: pd.DataFrame, opts: TagOptions,
             overrides: pd.DataFrame | None, spool: str | None = None) -> Mapped:
    """The map step: tag and aggregate one partition.

    Pure: the same input gives the same output in any process. A worker
    writing for a file sink leaves its tables in ``spool`` as Arrow files.
    """
    wide, long, declared, fl = tag_frame(acc, opts, overrides)
    summary = Summary(opts)
    summary.add_tags(wide, amounts, declared, fl)
    tables = {"tagged": wide, "tags": long.reindex(columns=LONG_COLUMNS)}
    if spool:  # only file names travel back, not the tables
        tables = {name: enc.spool(frame, spool, name) for name, frame in tables.items()}
    return Mapped(tables, fl, summary)


@dataclass
class Prepared:
    """What the map step returns for one chunk: everything the reduce step
    folds in, and nothing it does not need (the validated frame stays in
    the worker).

    ``rows`` and ``ids`` (the hash and presence of each row's loan id, with
    repeats checked only within the chunk) let the writing process check
    repeated ids book-wide (``greenkit.tag.repeats``); ``loans`` are the
    accepted rows, spooled to an Arrow file when a worker writes for a file
    sink; ``id_header`` is the input header of the loan id.
    """

    rows: np.ndarray
    ids: tuple[np.ndarray, np.ndarray] | None
    rejected: pd.DataFrame
    findings: pd.DataFrame
    projects: pd.DataFrame
    loans: object  # DataFrame, or Spooled
    mapped: Mapped
    id_header: str | None = None


def prepare(unit: Unit, opts: TagOptions, overrides: pd.DataFrame | None,
            fx: pd.DataFrame | None, spool: str | None = None) -> Prepared:
    """Read (a slice), validate, normalise and tag one chunk: the whole map step, pure.

    Repeated loan ids are checked within the chunk; the writing process then
    checks them book-wide, in input order, from the returned id hashes.
    """
    raw = load_unit(unit)
    tracker = DuplicateTracker()
    v = validate_chunk(raw, opts, tracker)
    acc = v.accepted.reset_index(drop=True)
    mapped = map_tags(acc, amounts(acc, fx, raw.path), opts, overrides, spool)
    mapped.summary.add_validation(v)
    return Prepared(v.frame[ROW].to_numpy(dtype=np.int64), tracker.ids(v), _rejected_rows(v),
                    v.findings, _project_keys(acc), enc.spool(acc, spool, "loans") if spool
                    else acc, mapped, _id_header(v))


def _id_header(v: Validated) -> str | None:
    return next((m.header for m in v.matches if m.field.name == "loan_id"), None)


def validate_chunk(raw: RawTable, opts: TagOptions, tracker: DuplicateTracker) -> Validated:
    """Validate a chunk, reject ids ``tracker`` has seen (or that repeat), normalise codes."""
    v = validate_table(raw, "loans", renames=opts.renames, amount_unit=opts.amount_unit)
    return normalise_industry(tracker.check(v, raw.path, _id_header(v)), raw.path,
                              opts.industry_system)


def _warm(opts: TagOptions) -> None:
    """Worker start-up: load and compile the catalogues once, before any chunk."""
    for name in opts.taxonomies:
        for t in (chain(opts.product) if name == IN_FORCE else [load_taxonomy(name)]):
            compile_taxonomy(t)


def _ready() -> bool:
    return True


class _Mapper:
    """Runs the map step (``prepare``: read a slice, validate and tag a chunk)
    in-process or in worker processes.

    The book-wide check of repeated ids and writing stay in this process, in
    input order, so results are identical whatever the number of workers.
    Workers start only for a big file or when a book has a second chunk: a
    small book pays no start-up cost.
    """

    def __init__(self, opts: TagOptions, overrides: pd.DataFrame | None, parallel: bool,
                 spool: str | None = None):
        self.opts, self.overrides = opts, overrides
        self.pool = None
        if parallel and opts.worker_count() > 1:
            from concurrent.futures import ProcessPoolExecutor

            # forked from a fork server that imported the tagger (greenkit.workers)
            self.pool = ProcessPoolExecutor(opts.worker_count(), mp_context=workers.context(),
                                            initializer=_warm, initargs=(opts,))
            for _ in range(opts.worker_count()):  # start every worker now, not on demand
                self.pool.submit(_ready)
        self.spool = spool if self.pool is not None else None

    @property
    def depth(self) -> int:
        """Chunks in flight: a queued chunk for every worker while this process writes."""
        return 2 * self.opts.worker_count() + 1 if self.pool else 1

    def submit(self, unit: Unit, fx: pd.DataFrame | None):
        args = (unit, self.opts, self.overrides, fx, self.spool)
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
    spool = getattr(sink, "spool_dir", None)
    # a big file starts its workers before the first chunk is read, so their
    # start-up overlaps the reading; a small one waits to see a second chunk
    mapper = (_Mapper(opts, state.overrides, True, spool) if _big_file(source, opts)
              else None)
    plan = parts = partitions(source, opts)
    if mapper is None:
        parts, many = _peeked(parts)
        mapper = _Mapper(opts, state.overrides, parallel=many, spool=spool)
    pending: list = []
    try:
        for unit in parts:
            pending.append((unit, mapper.submit(unit, state.fx)))
            while len(pending) >= mapper.depth:
                state.settle(*pending.pop(0))
        while pending:
            state.settle(*pending.pop(0))
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

    def settle(self, unit: Unit, future) -> None:
        """Fold in one chunk's map result, in input order, after the book-wide
        check of repeated ids: a row whose id an earlier chunk used is
        rejected now, exactly as a whole read rejects it (``greenkit.tag.repeats``)."""
        self.source = unit_source(unit)
        p: Prepared = future.result()
        if p.ids is not None:
            seen, first = self.tracker.merge(*p.ids, p.rows)
            if seen.any():
                p = reject_repeats(p, p.rows[seen], first[seen], unit.path, self.opts, self.fx)
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
