"""Turn a text table into a typed, canonical frame plus a findings table.

Validation never raises on a bad cell: every problem becomes a row of the
findings table (file, row, column, check, value, reason, severity, message),
like pandera's lazy validation. ``error`` findings reject their row; a
``warning`` keeps the row and says what was doubtful. Only a file that cannot
be used at all (no required column, no unit on an amount) raises an
``InputError``. Everything here works on whole columns.

Every check is a test of one value, and a loan book repeats the same industry
codes, regions and dates thousands of times, so a column whose values repeat
is factorised and typed, checked and searched once per *distinct* text; the
results reach the rows through the codes (``_Distinct``). Near-unique columns
(ids, names, amounts) are typed per row, where byte scans over arrow's buffers
pick the few values a regex or ``pd.to_numeric`` has to see.

Cross-row checks that need the whole book (duplicate ids across chunks) live
in ``DuplicateTracker`` so that the per-partition work stays a pure function.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa
import pyarrow.compute as pc

from greenkit.errors import FINDING_COLUMNS, InputError, UnitError, empty_findings
from greenkit.fields import Field, FieldRegistry, HeaderMatch, registry
from greenkit.frames import first_bytes, nfkc, nfkc_arrow, utf8_view, values_with_bytes
from greenkit.ids import uscc_problem
from greenkit.io.read import ROW, RawTable
from greenkit.units import currency_scale

#: Column holding the reason a row was rejected (empty when accepted).
REJECTED = "_rejected"

# RE2 patterns, run by pyarrow on arrays rather than by Python's ``re``.
_FORMULA = r"^[ \t]*[=+@]|^[ \t]*-[^0-9.]"
_HTML = r"<[ \t]*/?[ \t]*[a-zA-Z][^>]*>"
#: First bytes of every ``_FORMULA`` match.
_FORMULA_FIRST = list(b" \t=+@-")
_TRUE = {"true", "1", "y", "yes", "是", "有", "符合", "达标", "t"}
_FALSE = {"false", "0", "n", "no", "否", "无", "不符合", "未达标", "f"}


def _lt_byte(data: np.ndarray) -> np.ndarray:
    """'<', which every ``_HTML`` match holds."""
    return data == 0x3C


def _clean_bytes(data: np.ndarray) -> np.ndarray:
    """Bytes the number cleaning regex ``[, \\t]|%$`` may remove (and other controls)."""
    return (data <= 0x20) | (data == 0x25) | (data == 0x2C)


#: Rows sampled to decide whether a column repeats enough to factorise.
_SAMPLE = 2048

MESSAGES = {
    "missing_value": "required value is empty",
    "not_a_number": "not a number",
    "not_an_integer": "not a whole number",
    "below_minimum": "below the allowed minimum",
    "above_maximum": "above the allowed maximum",
    "not_allowed": "not one of the allowed values",
    "bad_date": "not a date (use YYYY-MM-DD)",
    "bad_bool": "not yes/no (是/否, true/false)",
    "uscc_length": "credit code must have 18 characters",
    "uscc_charset": "credit code has a character not allowed by GB 32100-2015",
    "uscc_check_digit": "credit code check digit is wrong (GB 32100-2015)",
    "duplicate_id": "loan id already used by an earlier row",
    "formula_text": "text looks like a spreadsheet formula; it is neutralised on export",
    "html_text": "text contains HTML markup; it is shown as text, never rendered",
    "unit_assumed": "no unit in the header; values taken in the field's canonical unit",
    "currency_conflict": "the header's currency differs from the row's 币种",
}


@dataclass
class Validated:
    """Result of validating one table (or one chunk of it)."""

    frame: pd.DataFrame  # canonical columns + ROW + REJECTED (all rows, nothing dropped)
    findings: pd.DataFrame
    matches: list[HeaderMatch] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> pd.DataFrame:
        return self.frame[self.frame[REJECTED] == ""]

    @property
    def rejected_mask(self) -> pd.Series:
        return self.frame[REJECTED] != ""


def findings_for(file: str, rows, column: str, check: str, values, reason: str,
                 severity: str = "error", message: str | None = None) -> pd.DataFrame:
    """Build findings rows for every flagged cell of one column, vectorised.

    ``rows`` and ``values`` are Series or arrays (numpy, pandas) of equal length.
    """
    if len(rows) == 0:
        return empty_findings()
    rows = rows.to_numpy() if isinstance(rows, pd.Series) else np.asarray(rows)
    values = values if isinstance(values, pd.Series) else pd.Series(values)
    return pd.DataFrame({
        "file": file, "row": rows, "column": column, "check": check,
        "value": values.astype("string").fillna("").to_numpy(), "reason": reason,
        "severity": severity, "message": message or MESSAGES.get(reason, reason),
    }, columns=FINDING_COLUMNS)


def normalise_text(s: pd.Series) -> pd.Series:
    """Full-width → half-width (NFKC), trimmed, inner whitespace collapsed (in C++)."""
    return nfkc(s)


def _strings(arr: pa.Array) -> pd.arrays.ArrowStringArray:
    """An arrow string array as pandas' ``string`` dtype, without a copy."""
    return pd.arrays.ArrowStringArray(arr)


def _arrow_strings(values) -> pa.Array:
    """A column (Series or pandas array) as one arrow ``large_string`` array, without
    a copy when pandas already holds it so; missing values stay null."""
    arr = pa.array(pd.Series(values).astype("string"))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
    return arr.cast(pa.large_string())


def _text_array(values) -> pa.Array:
    """A column as one arrow ``large_string`` array, a missing value as ''."""
    arr = _arrow_strings(values)
    return arr.fill_null("") if arr.null_count else arr


def _bools(arr: pa.Array) -> np.ndarray:
    return arr.to_numpy(zero_copy_only=False)


def _factorise(arr: pa.Array, f: Field) -> bool:
    """Whether to type ``f`` once per distinct value rather than once per row.

    Factorising costs a hash pass over the column, which pays when values
    repeat (industry codes, regions, mostly-empty technical columns) and
    always for dates (parsing is slow); per-row typing is mostly byte scans,
    cheaper than hashing for near-unique columns such as names and amounts.
    A fixed sample of rows says how much values repeat; the result is the
    same either way.
    """
    if f.unique:
        return False
    if f.dtype == "date" or len(arr) <= _SAMPLE:
        return True
    sample = arr.take(np.linspace(0, len(arr) - 1, _SAMPLE).astype(np.int64))
    return pc.count_distinct(sample).as_py() <= _SAMPLE // 2


@dataclass
class _Distinct:
    """One raw column as its distinct texts plus, per row, which one it holds.

    Typing and checks run once per distinct text and are broadcast back with
    ``codes``; a column that is not factorised (see ``_factorise``) is its
    own distinct texts.
    """

    text: pa.Array  # distinct raw texts (large_string), '' for a missing cell
    codes: np.ndarray | None  # row -> index into ``text``; None: row i holds text[i]

    @classmethod
    def of(cls, raw: pd.Series, f: Field) -> _Distinct:
        arr = _text_array(raw)
        if not _factorise(arr, f):
            return cls(arr, None)
        enc = pc.dictionary_encode(arr)
        return cls(enc.dictionary, enc.indices.to_numpy())

    @property
    def raw(self) -> pd.arrays.ArrowStringArray:
        return _strings(self.text)

    def broadcast(self, values):
        """Per-distinct-value results (numpy or pandas array) → one per row."""
        return values if self.codes is None else values.take(self.codes)

    def rows(self, hit: np.ndarray) -> np.ndarray:
        """Row mask of the rows whose distinct value is flagged in ``hit``."""
        return hit if self.codes is None else hit[self.codes]

    def shown(self, hit: np.ndarray, rows: np.ndarray, values):
        """``values`` (one per distinct value) for the flagged rows ``rows``."""
        return values[hit] if self.codes is None else values.take(self.codes[rows])


def _value_words(f: Field) -> tuple[pa.Array, pa.Array]:
    """Declared value words (二星级 → 2) as arrow (keys, replacements), keys NFKC'd."""
    table = {unicodedata.normalize("NFKC", k).strip(): str(v) for k, v in f.values}
    return (pa.array(list(table), pa.large_string()),
            pa.array(list(table.values()), pa.large_string()))


def _mapped(text: pa.Array, f: Field) -> pa.Array:
    """Replace value words (二星级 → 2) declared on the field; whole-value matches."""
    if not f.values:
        return text
    keys, words = _value_words(f)
    at = pc.index_in(text, value_set=keys)
    return pc.if_else(pc.is_null(at), text, pc.take(words, at))


def _plain_numbers(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(plain?, number of non-digits) per value; plain is ``^[0-9]+(\\.[0-9]+)?$``
    in at most 15 bytes. Found from the positions of non-digit bytes, which
    amounts hold one of (the dot), rather than by a regex per value."""
    offsets, data = utf8_view(text)
    starts, ends = offsets[:-1], offsets[1:]
    at = np.flatnonzero((data - np.uint8(0x30)) > 9)
    owner = np.searchsorted(offsets, at, side="right") - 1
    others = np.bincount(owner, minlength=len(text))
    size = ends - starts
    plain = (size >= 1) & (size <= 15) & (others <= 1)
    not_dot = (data[at] != 0x2E) | (at == starts[owner]) | (at == ends[owner] - 1)
    plain[owner[not_dot]] = False
    return plain, others


def _numbers(text: pa.Array) -> np.ndarray:
    """Parse numbers as pandas does, after dropping thousands separators, blanks and a
    trailing %; '' and unparsable text become NaN.

    Only values holding one of ``, \\t%`` meet the cleaning regex. Plain
    decimals (most amounts) are then cast by arrow; the rest go through
    ``pd.to_numeric`` together with one plain integer and/or decimal standing
    in for the cast ones, so that its choice between integer and float
    parsing (which can move the last digit of a huge integer) is the one it
    would make on the whole column.
    """
    dirty = values_with_bytes(text, _clean_bytes)
    if dirty.any():
        cleaned = pc.replace_substring_regex(text.filter(dirty), pattern=r"[, \t]|%$",
                                             replacement="")
        text = pc.replace_with_mask(text, dirty, cleaned)
    plain, dots = _plain_numbers(text)
    out = np.empty(len(text), dtype=np.float64)
    out[plain] = pc.cast(text.filter(plain), pa.float64()).to_numpy()
    if plain.all():
        return out
    stand_ins = (["1"] * bool((plain & (dots == 0)).any())
                 + ["0.5"] * bool((plain & (dots > 0)).any()))
    rest = pa.concat_arrays([text.filter(~plain), pa.array(stand_ins, pa.large_string())])
    rest = pc.if_else(pc.equal(rest, ""), pa.scalar(None, pa.large_string()), rest)
    parsed = pd.to_numeric(pd.Series(_strings(rest)), errors="coerce")
    out[~plain] = parsed.astype("float64").to_numpy()[:len(rest) - len(stand_ins)]
    return out


def _dates(text: pa.Array) -> pd.Series:
    """Dates written 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305; NaT otherwise."""
    t = pc.replace_substring_regex(text, pattern=r"[年月/.]", replacement="-")
    t = pc.replace_substring_regex(t, pattern=r"日| .*$", replacement="")
    ts = pd.Series(_strings(t))
    out = pd.to_datetime(ts, format="%Y-%m-%d", errors="coerce")
    compact = out.isna() & _bools(pc.match_substring_regex(t, pattern=r"^[0-9]{8}$"))
    if compact.any():
        out[compact] = pd.to_datetime(ts[compact], format="%Y%m%d", errors="coerce")
    return out


class _Typer:
    """Types one column's distinct values, collecting findings; one branch per dtype."""

    def __init__(self, file: str, rows: np.ndarray):
        self.file = file
        self.rows = rows
        self.found: list[pd.DataFrame] = []

    def flag(self, col: _Distinct, hit: np.ndarray, header: str, check: str, shown,
             reason: str, severity: str) -> None:
        """Findings for every row whose distinct value is flagged in ``hit``;
        ``shown`` holds, per distinct value, what the finding reports."""
        if not hit.any():
            return
        rows = col.rows(hit)
        self.found.append(findings_for(self.file, self.rows[rows], header, check,
                                       col.shown(hit, rows, shown), reason, severity))

    def column(self, col: _Distinct, f: Field, header: str):
        """Typed values, one per distinct text of ``col`` (numpy or pandas array)."""
        text = nfkc_arrow(col.text)
        empty = _bools(pc.equal(text, ""))
        severity = "error" if f.required else "warning"
        if f.dtype in ("float", "int"):
            values = _numbers(_mapped(text, f))
            self.flag(col, ~empty & np.isnan(values), header, "dtype", col.raw, "not_a_number",
                      severity)
            if f.dtype == "int":
                with np.errstate(invalid="ignore"):
                    frac = ~np.isnan(values) & (np.remainder(values, 1) != 0)
                self.flag(col, frac, header, "dtype", col.raw, "not_an_integer", severity)
                values = np.where(frac, np.nan, values)
            return values
        if f.dtype == "date":
            values = _dates(text)
            self.flag(col, ~empty & values.isna().to_numpy(), header, "dtype", col.raw,
                      "bad_date", severity)
            return values.array
        if f.dtype == "bool":
            low = pc.utf8_lower(_mapped(text, f))
            true = _bools(pc.is_in(low, value_set=pa.array(sorted(_TRUE), pa.large_string())))
            false = _bools(pc.is_in(low, value_set=pa.array(sorted(_FALSE), pa.large_string())))
            known = true | false
            self.flag(col, ~empty & ~known, header, "dtype", col.raw, "bad_bool", severity)
            return pd.arrays.BooleanArray(true, ~known)
        nulls = pa.nulls(len(text), pa.large_string())
        return _strings(pc.if_else(pc.equal(text, ""), nulls, _mapped(text, f)))


@dataclass
class _Typed:
    """A typed column, kept as its distinct values until the frame is assembled."""

    field: Field
    header: str
    col: _Distinct
    values: object  # one typed value per distinct text (numpy or pandas array)

    def column(self):
        return self.col.broadcast(self.values)


def _schema(fields: list[Field], columns: list[str]) -> pandera.DataFrameSchema:
    """The pandera schema of a table, generated from the field registry."""
    cols = {}
    for f in fields:
        if f.name not in columns:
            continue
        checks = []
        if f.min is not None:
            checks.append(pandera.Check.ge(f.min, name="below_minimum"))
        if f.max is not None:
            checks.append(pandera.Check.le(f.max, name="above_maximum"))
        if f.allowed:
            checks.append(pandera.Check.isin(list(f.allowed), name="not_allowed"))
        cols[f.name] = pandera.Column(nullable=not f.required, checks=checks, coerce=False,
                                      required=False)
    return pandera.DataFrameSchema(cols, strict=False)


def schema_for(table: str, reg: FieldRegistry | None = None) -> pandera.DataFrameSchema:
    """Public: the pandera schema for an input table (``loans``, ``financed``…)."""
    reg = reg or registry()
    fields = reg.for_table(table)
    return _schema(fields, [f.name for f in fields])


def _check_reason(check: str) -> str:
    """pandera names built-in checks by their repr; map them to greenkit's reason codes."""
    if "not_nullable" in check:
        return "missing_value"
    for start, reason in (("greater_than", "below_minimum"), ("less_than", "above_maximum"),
                          ("isin", "not_allowed")):
        if check.startswith(start):
            return reason
    return check


def _checked(f: Field) -> bool:
    """Whether pandera can fail a value of ``f`` (a nullable field without checks cannot)."""
    return f.required or f.min is not None or f.max is not None or bool(f.allowed)


def _pandera_failures(t: _Typed) -> list[tuple[str, np.ndarray]]:
    """(pandera's name of the check, fails? per distinct value) for each rule of ``t``'s schema.

    The column's pandera checks run on its distinct values as pandera runs
    them (missing values skipped); ``nullable`` is tested as pandera tests it.
    Calling the checks rather than ``schema.validate(lazy=True)`` skips the
    lazy error report, which costs ~10 ms per failing column and which we
    would only map back to rows.
    """
    column = _schema([t.field], [t.field.name]).columns[t.field.name]
    values = pd.Series(t.values)
    failed = []
    if not column.nullable:
        failed.append(("not_nullable", values.isna().to_numpy()))
    for check in column.checks:
        passed = check(values).check_output
        hit = np.zeros(len(values), dtype=bool)
        hit[passed.index[~passed.to_numpy(dtype=bool)]] = True
        failed.append((str(check.error), hit))
    return failed


def _schema_findings(typed: list[_Typed], typer: _Typer) -> None:
    """Required/range/allowed findings from the pandera schema, per distinct value.

    Every check is a test of one value, so checking each distinct value once
    and flagging the rows that hold a failing one gives the findings that
    validating every row would, at the cost of the distinct values.
    """
    for t in typed:
        if not _checked(t.field):
            continue
        for check, hit in _pandera_failures(t):
            reason = _check_reason(check)
            typer.flag(t.col, hit, t.header, "required" if reason == "missing_value" else "range",
                       t.col.raw, reason, "error" if t.field.required else "warning")


def _hazards(values) -> list[tuple[str, np.ndarray]]:
    """(reason, hit per value) for formula and HTML text in string values.

    Only a value holding '<' or starting with a blank or ``=+@-`` can match,
    so a byte scan picks those and the regexes run on them alone.
    """
    arr = _arrow_strings(values)
    maybe = values_with_bytes(arr, _lt_byte) | np.isin(first_bytes(arr), _FORMULA_FIRST)
    if arr.null_count:
        maybe &= _bools(arr.is_valid())
    if not maybe.any():
        return []
    at = np.flatnonzero(maybe)
    sub = arr.take(at)
    out = []
    for reason, pattern in (("formula_text", _FORMULA), ("html_text", _HTML)):
        hit = np.zeros(len(arr), dtype=bool)
        hit[at[_bools(pc.match_substring_regex(sub, pattern=pattern))]] = True
        out.append((reason, hit))
    return out


def _text_hazards(typed: list[_Typed], typer: _Typer) -> None:
    """Warn about text that looks like a spreadsheet formula or HTML markup."""
    for t in typed:
        if t.field.dtype != "string":
            continue
        for reason, hit in _hazards(t.values):
            typer.flag(t.col, hit, t.header, "text", t.values, reason, "warning")


def _unit_for(m: HeaderMatch, amount_unit: str | None, file: str) -> tuple[float, str | None]:
    """Scale factor for a quantity column, and the currency its header implies."""
    f = m.field
    if m.unit is not None or not f.unit:
        return m.factor, m.currency
    money = currency_scale(f.unit)
    if money is None:
        return 1.0, None
    if amount_unit is None:
        raise InputError(
            f"column {m.header!r} ({f.label_zh}) has no unit: write it in the header, "
            f"e.g. {f.label_zh}（万元）, or pass --amount-unit 万元", path=file)
    scale = currency_scale(amount_unit, "--amount-unit")
    if scale is None:
        raise UnitError(f"--amount-unit {amount_unit!r} is not a money unit", path=file)
    return scale[1], scale[0]


def validate_table(raw: RawTable, table: str = "loans", *, renames: dict[str, str] | None = None,
                   amount_unit: str | None = None, reg: FieldRegistry | None = None) -> Validated:
    """Validate one raw table (or chunk) into canonical columns plus findings."""
    reg = reg or registry()
    file = raw.path
    matches, unmatched = reg.map_headers(raw.headers, file, renames)
    fields = [m.field for m in matches]
    missing = [f for f in reg.for_table(table) if f.required and f not in fields]
    if missing:
        names = ", ".join(f"{f.label_zh} ({f.name})" for f in missing)
        raise InputError(
            f"required column(s) missing: {names}; found headers: {', '.join(raw.headers)}. "
            "Rename them or map them with --columns", path=file)
    rows = raw.frame[ROW]
    typer = _Typer(file, rows.to_numpy())
    typed: dict[str, _Typed] = {}
    header_currency = None
    for m in matches:
        f = m.field
        col = _Distinct.of(raw.frame[m.header], f)
        values = typer.column(col, f, m.header)
        if f.unit:
            factor, cur = _unit_for(m, amount_unit, file)
            header_currency = header_currency or cur
            if factor != 1.0:
                values = values * factor
            if m.unit is None and not currency_scale(f.unit):
                typer.found.append(findings_for(file, pd.Series([1]), m.header, "unit",
                                                pd.Series([f.unit]), "unit_assumed", "warning"))
        typed[f.name] = _Typed(f, m.header, col, values)
    currency = _fill_currency(typed, header_currency, typer, len(rows))
    _schema_findings(list(typed.values()), typer)
    if "borrower_id" in typed:
        t = typed["borrower_id"]
        problem = uscc_problem(pd.Series(t.values)).to_numpy()
        for reason in ("uscc_length", "uscc_charset", "uscc_check_digit"):
            typer.flag(t.col, problem == reason, t.header, "uscc", t.values, reason, "error")
        t.values = pd.Series(t.values).str.upper().array
    _text_hazards(list(typed.values()), typer)
    out = {ROW: rows.to_numpy()}
    out.update({name: t.column() for name, t in typed.items()})
    out.update({h: raw.frame[h].array for h in unmatched})
    if currency is not None:
        out["currency"] = currency
    frame = pd.DataFrame(out, index=raw.frame.index, copy=False)
    findings = concat_findings(typer.found)
    frame[REJECTED] = rejection_reasons(frame, findings)
    return Validated(frame, findings, matches, unmatched)


def _fill_currency(typed: dict[str, _Typed], header_currency: str | None, typer: _Typer,
                   n: int):
    """Canonical currency codes (人民币 → CNY), defaulting to the header's currency.

    Updates the typed ``currency`` column in place; when the book has none,
    returns a constant column to append.
    """
    default = header_currency or "CNY"
    if "currency" not in typed:
        return pd.array([default] * n, dtype="string")
    t = typed["currency"]
    written = pd.Series(t.values)
    cur = written.str.upper()
    cur = cur.replace({"人民币": "CNY", "RMB": "CNY", "美元": "USD", "欧元": "EUR", "港币": "HKD",
                       "港元": "HKD"})
    if header_currency and header_currency != "CNY":
        conflict = cur.notna() & (cur != header_currency)
        typer.flag(t.col, conflict.to_numpy(dtype=bool, na_value=False), t.header, "unit",
                   written.array, "currency_conflict", "warning")
    t.values = cur.fillna(default).array
    return None


def concat_findings(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate findings; an empty required cell already reported as a bad
    value (``not_a_number``…) is not reported a second time as missing."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_findings()
    out = pd.concat(parts, ignore_index=True)
    typed = (out["check"] == "dtype").to_numpy(dtype=bool, na_value=False)
    if typed.any():
        key = _text_array(out["row"].astype(str) + "\x1f" + out["column"].astype(str))
        again = _bools(pc.is_in(key, value_set=key.filter(typed)))
        out = out[~((out["reason"] == "missing_value").to_numpy(dtype=bool, na_value=False)
                    & again)]
    return out.sort_values(["row", "column"], kind="stable", ignore_index=True)


def rejection_reasons(frame: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """Per row: ``;``-joined reasons of its error findings, '' when accepted.

    Reasons keep the order of the findings, each once; arrow's single-threaded
    group-by keeps that order, so no Python runs per row.
    """
    errors = findings[findings["severity"] == "error"]
    if errors.empty:
        return pd.Series("", index=frame.index, dtype="string")
    pairs = errors[["row", "reason"]].drop_duplicates()
    table = pa.table({"row": pa.array(pairs["row"].to_numpy()),
                      "reason": _text_array(pairs["reason"])})
    grouped = table.group_by("row", use_threads=False).aggregate([("reason", "list")])
    joined = pc.binary_join(grouped["reason_list"], pa.scalar(";", pa.large_string()))
    at = pd.Index(grouped["row"].to_numpy()).get_indexer(frame[ROW].to_numpy())
    picked = joined.take(pa.array(at, mask=at < 0)).fill_null("")
    return pd.Series(_strings(picked.combine_chunks()), index=frame.index)


_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijection of uint64 that spreads every bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * _MIX1
    x = x ^ (x >> np.uint64(27))
    x = x * _MIX2
    return x ^ (x >> np.uint64(31))


def hash_text(text: pa.Array) -> np.ndarray:
    """A 64-bit hash of each string of an arrow ``large_string`` array, in numpy.

    Reads each string 8 bytes at a time (a little-endian word, zero-padded at
    its end) and chains ``h = mix(h ^ word)`` from a mix of its length: one
    vectorised step per 8 bytes of the longest string, over the strings still
    that long. Like any good 64-bit hash, a collision among a few million ids
    is ~1e-7 likely.
    """
    offsets, data = utf8_view(text)
    lengths = np.diff(offsets)
    padded = np.zeros(len(data) + 8, dtype=np.uint8)
    padded[:len(data)] = data
    # the (unaligned) 8-byte word starting at every byte
    words = np.ndarray((len(data) + 1,), dtype="<u8", buffer=padded, strides=(1,))
    h = _mix64(lengths.astype(np.uint64) ^ np.uint64(0x9E3779B97F4A7C15))
    live = np.flatnonzero(lengths > 0)
    step = 0
    while len(live):
        left = lengths[live] - step
        w = words[offsets[live] + step]
        short = left < 8
        w[short] &= (np.uint64(1) << (left[short].astype(np.uint64) * np.uint64(8))) - np.uint64(1)
        h[live] = _mix64(h[live] ^ w)
        live = live[left > 8]
        step += 8
    return h


class DuplicateTracker:
    """Finds repeated ids across a whole book, chunk after chunk.

    The first occurrence is kept; later ones are rejected with the row of the
    first, because silently keeping both would double-count a green loan.
    """

    def __init__(self, column: str = "loan_id"):
        self.column = column
        # ids seen so far as sorted 64-bit hashes with the row of their first use:
        # compact (16 bytes an id) and searched by bisection, never a Python dict
        self._hash = np.empty(0, dtype=np.uint64)
        self._row = np.empty(0, dtype=np.int64)

    def _first_rows(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(seen before?, first row) for each hash."""
        if not len(self._hash):
            return np.zeros(len(hashes), dtype=bool), np.zeros(len(hashes), dtype=np.int64)
        at = np.minimum(np.searchsorted(self._hash, hashes), len(self._hash) - 1)
        return self._hash[at] == hashes, self._row[at]

    def ids(self, v: Validated) -> tuple[np.ndarray, np.ndarray] | None:
        """(hash, present) of each row's id; None when the table has no id column."""
        if self.column not in v.frame:
            return None
        text = _text_array(v.frame[self.column])
        return hash_text(text), _bools(pc.not_equal(text, ""))

    def _take_in(self, hashes: np.ndarray, present: np.ndarray, rows: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Remember a chunk's new ids. Per row: was its id used in an earlier
        chunk, is it a repeat within this chunk, and the row of the earlier use."""
        # in hash order: bisection stays in cache, repeats sit side by side with
        # the first occurrence first (stable sort), and new ids are already sorted
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        seen_o, first_o = self._first_rows(ordered)
        seen_o &= present[order]
        again_o = np.r_[False, ordered[1:] == ordered[:-1]] & present[order]
        self._remember(ordered, rows[order], present[order] & ~again_o & ~seen_o)
        seen, again = np.empty(len(hashes), dtype=bool), np.empty(len(hashes), dtype=bool)
        first = np.empty(len(hashes), dtype=np.int64)
        seen[order], again[order], first[order] = seen_o, again_o, first_o
        return seen, again, first

    def merge(self, hashes: np.ndarray, present: np.ndarray, rows: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
        """Take in a chunk whose repeats within itself were already checked
        (``check`` on a fresh tracker): remember its new ids, and return, per
        row, whether an earlier chunk used its id and at which row."""
        seen, _, first = self._take_in(hashes, present, rows)
        return seen, first

    def _remember(self, ordered: np.ndarray, rows: np.ndarray, keep: np.ndarray) -> None:
        """Add the ``keep`` ids of a hash-sorted chunk: two sorted runs, which the
        stable sort (timsort) merges in linear time."""
        h = np.concatenate([self._hash, ordered[keep]])
        r = np.concatenate([self._row, rows[keep]])
        merged = np.argsort(h, kind="stable")
        self._hash, self._row = h[merged], r[merged]

    def check(self, v: Validated, file: str, header: str | None = None) -> Validated:
        f = v.frame
        if self.column not in f:
            return v
        ids = f[self.column]
        rows = f[ROW].to_numpy(dtype=np.int64)
        hashes, present = self.ids(v)
        seen, again, _ = self._take_in(hashes, present, rows)
        dup = seen | again
        if dup.any():
            firsts = self._first_rows(hashes[dup])[1]
            found = findings_for(file, rows[dup], header or self.column, "unique",
                                 ids.array[dup], "duplicate_id")
            found["message"] = ("loan id already used at row " + pd.Series(firsts).astype(str)
                                ).to_numpy()
            v.findings = concat_findings([v.findings, found])
            f[REJECTED] = rejection_reasons(f, v.findings)
        return v
