"""Turn a text table into a typed, canonical frame plus a findings table.

Validation never raises on a bad cell: every problem becomes a row of the
findings table (file, row, column, check, value, reason, severity, message),
like pandera's lazy validation. ``error`` findings reject their row; a
``warning`` keeps the row and says what was doubtful. Only a file that cannot
be used at all (no required column, no unit on an amount) raises an
``InputError``. Everything here works on whole columns.

Cross-row checks that need the whole book (duplicate ids across chunks) live
in ``DuplicateTracker`` so that the per-partition work stays a pure function.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from greenkit.errors import FINDING_COLUMNS, InputError, UnitError, empty_findings
from greenkit.fields import Field, FieldRegistry, HeaderMatch, registry
from greenkit.frames import nfkc, regex_contains, regex_replace
from greenkit.ids import uscc_problem
from greenkit.io.read import ROW, RawTable
from greenkit.units import currency_scale

#: Column holding the reason a row was rejected (empty when accepted).
REJECTED = "_rejected"

# Plain pattern strings (not compiled re objects) so pandas hands them to
# pyarrow's RE2 engine instead of looping in Python.
_FORMULA = r"^[ \t]*[=+@]|^[ \t]*-[^0-9.]"
_HTML = r"<[ \t]*/?[ \t]*[a-zA-Z][^>]*>"
_TRUE = {"true", "1", "y", "yes", "是", "有", "符合", "达标", "t"}
_FALSE = {"false", "0", "n", "no", "否", "无", "不符合", "未达标", "f"}

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


def findings_for(file: str, rows: pd.Series, column: str, check: str, values: pd.Series,
                 reason: str, severity: str = "error", message: str | None = None) -> pd.DataFrame:
    """Build findings rows for every flagged cell of one column, vectorised."""
    if len(rows) == 0:
        return empty_findings()
    return pd.DataFrame({
        "file": file, "row": rows.to_numpy(), "column": column, "check": check,
        "value": values.astype("string").fillna("").to_numpy(), "reason": reason,
        "severity": severity, "message": message or MESSAGES.get(reason, reason),
    }, columns=FINDING_COLUMNS)


def normalise_text(s: pd.Series) -> pd.Series:
    """Full-width → half-width (NFKC), trimmed, inner whitespace collapsed (in C++)."""
    return nfkc(s)


def _numbers(text: pd.Series) -> pd.Series:
    cleaned = regex_replace(text, r"[, \t]|%$", "")
    return pd.to_numeric(cleaned.replace("", None), errors="coerce").astype("float64")


def _dates(text: pd.Series) -> pd.Series:
    t = regex_replace(regex_replace(text, r"[年月/.]", "-"), r"日| .*$", "")
    out = pd.to_datetime(t, format="%Y-%m-%d", errors="coerce")
    compact = out.isna() & regex_contains(t, r"^[0-9]{8}$")
    if compact.any():
        out[compact] = pd.to_datetime(t[compact], format="%Y%m%d", errors="coerce")
    return out


def _mapped(text: pd.Series, f: Field) -> pd.Series:
    """Replace value words (二星级 → 2) declared on the field."""
    if not f.values:
        return text
    table = {unicodedata.normalize("NFKC", k).strip(): str(v) for k, v in f.values}
    return text.map(table).fillna(text).astype("string")


class _Typer:
    """Types one column, collecting findings; one method per dtype."""

    def __init__(self, file: str, rows: pd.Series):
        self.file = file
        self.rows = rows
        self.found: list[pd.DataFrame] = []

    def flag(self, mask: pd.Series, f: Field, header: str, check: str, raw: pd.Series,
             reason: str, severity: str) -> None:
        if mask.any():
            self.found.append(findings_for(self.file, self.rows[mask], header, check, raw[mask],
                                           reason, severity))

    def column(self, raw: pd.Series, f: Field, header: str) -> pd.Series:
        text = normalise_text(raw)
        empty = text.isna() | (text == "")
        severity = "error" if f.required else "warning"
        if f.dtype in ("float", "int"):
            values = _numbers(_mapped(text, f))
            self.flag(~empty & values.isna(), f, header, "dtype", raw, "not_a_number", severity)
            if f.dtype == "int":
                frac = values.notna() & (values % 1 != 0)
                self.flag(frac, f, header, "dtype", raw, "not_an_integer", severity)
                values = values.where(~frac)
            return values
        if f.dtype == "date":
            values = _dates(text)
            self.flag(~empty & values.isna(), f, header, "dtype", raw, "bad_date", severity)
            return values
        if f.dtype == "bool":
            low = _mapped(text, f).str.lower()
            values = pd.Series(pd.NA, index=raw.index, dtype="boolean")
            values[low.isin(_TRUE).fillna(False)] = True
            values[low.isin(_FALSE).fillna(False)] = False
            self.flag(~empty & values.isna(), f, header, "dtype", raw, "bad_bool", severity)
            return values
        return _mapped(text, f).where(~empty, pd.NA)


def _schema(fields: list[Field], columns: list[str]) -> pa.DataFrameSchema:
    """The pandera schema of a table, generated from the field registry."""
    cols = {}
    for f in fields:
        if f.name not in columns:
            continue
        checks = []
        if f.min is not None:
            checks.append(pa.Check.ge(f.min, name="below_minimum"))
        if f.max is not None:
            checks.append(pa.Check.le(f.max, name="above_maximum"))
        if f.allowed:
            checks.append(pa.Check.isin(list(f.allowed), name="not_allowed"))
        cols[f.name] = pa.Column(nullable=not f.required, checks=checks, coerce=False,
                                 required=False)
    return pa.DataFrameSchema(cols, strict=False)


def schema_for(table: str, reg: FieldRegistry | None = None) -> pa.DataFrameSchema:
    """Public: the pandera schema for an input table (``loans``, ``financed``…)."""
    reg = reg or registry()
    fields = reg.for_table(table)
    return _schema(fields, [f.name for f in fields])


def _check_reason(check: pd.Series) -> pd.Series:
    """pandera names built-in checks by their repr; map them to greenkit's reason codes."""
    c = check.astype(str)
    return pd.Series(np.select(
        [c.str.contains("not_nullable"), c.str.startswith("greater_than"),
         c.str.startswith("less_than"), c.str.startswith("isin")],
        ["missing_value", "below_minimum", "above_maximum", "not_allowed"], default=c),
        index=check.index)


def _schema_findings(frame: pd.DataFrame, raw: pd.DataFrame, fields: list[Field],
                     headers: dict[str, str], file: str) -> pd.DataFrame:
    schema = _schema(fields, list(frame.columns))
    try:
        schema.validate(frame, lazy=True)
        return empty_findings()
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
    fc = fc[fc["index"].notna() & fc["column"].isin(headers)]
    if fc.empty:
        return empty_findings()
    by_name = {f.name: f for f in fields}
    reason = _check_reason(fc["check"])
    idx = fc["index"].astype(int).to_numpy()
    raw_values = [raw.at[i, headers[c]] for i, c in zip(idx, fc["column"], strict=True)]
    required = fc["column"].map(lambda c: by_name[c].required).astype(bool)
    out = pd.DataFrame({
        "file": file, "row": frame.loc[idx, ROW].to_numpy(),
        "column": fc["column"].map(headers).to_numpy(),
        "check": np.where(reason == "missing_value", "required", "range"),
        "value": pd.Series(raw_values, dtype="string").fillna("").to_numpy(),
        "reason": reason.to_numpy(),
        "severity": np.where(required, "error", "warning"),
    })
    out["message"] = out["reason"].map(lambda r: MESSAGES.get(r, r))
    return out[FINDING_COLUMNS]


def _text_hazards(frame: pd.DataFrame, fields: list[Field], headers: dict[str, str],
                  file: str) -> list[pd.DataFrame]:
    out = []
    for f in fields:
        if f.dtype != "string" or f.name not in frame:
            continue
        s = frame[f.name].fillna("")
        for reason, pattern in (("formula_text", _FORMULA), ("html_text", _HTML)):
            hit = regex_contains(s, pattern)
            if hit.any():
                out.append(findings_for(file, frame.loc[hit, ROW], headers[f.name], "text",
                                        s[hit], reason, "warning"))
    return out


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
    typer = _Typer(file, rows)
    out = {ROW: rows}
    headers = {}
    header_currency = None
    for m in matches:
        f = m.field
        values = typer.column(raw.frame[m.header], f, m.header)
        if f.unit:
            factor, cur = _unit_for(m, amount_unit, file)
            header_currency = header_currency or cur
            if factor != 1.0:
                values = values * factor
            if m.unit is None and not currency_scale(f.unit):
                typer.found.append(findings_for(file, pd.Series([1]), m.header, "unit",
                                                pd.Series([f.unit]), "unit_assumed", "warning"))
        out[f.name] = values
        headers[f.name] = m.header
    frame = pd.DataFrame(out, index=raw.frame.index)
    for h in unmatched:
        frame[h] = raw.frame[h]
    _fill_currency(frame, header_currency, headers, typer, file)
    found = typer.found
    found.append(_schema_findings(frame, raw.frame, fields, headers, file))
    if "borrower_id" in frame:
        problem = uscc_problem(frame["borrower_id"])
        for reason in ("uscc_length", "uscc_charset", "uscc_check_digit"):
            hit = problem == reason
            if hit.any():
                found.append(findings_for(file, rows[hit], headers["borrower_id"], "uscc",
                                          frame.loc[hit, "borrower_id"], reason))
        frame["borrower_id"] = frame["borrower_id"].str.upper()
    found.extend(_text_hazards(frame, fields, headers, file))
    findings = concat_findings(found)
    frame[REJECTED] = rejection_reasons(frame, findings)
    return Validated(frame, findings, matches, unmatched)


def _fill_currency(frame: pd.DataFrame, header_currency: str | None, headers: dict[str, str],
                   typer: _Typer, file: str) -> None:
    default = header_currency or "CNY"
    if "currency" not in frame:
        frame["currency"] = pd.Series(default, index=frame.index, dtype="string")
        return
    cur = frame["currency"].str.upper()
    cur = cur.replace({"人民币": "CNY", "RMB": "CNY", "美元": "USD", "欧元": "EUR", "港币": "HKD",
                       "港元": "HKD"})
    if header_currency and header_currency != "CNY":
        conflict = cur.notna() & (cur != header_currency)
        typer.flag(conflict, None, headers["currency"], "unit", frame["currency"],
                   "currency_conflict", "warning")
    frame["currency"] = cur.fillna(default)


def concat_findings(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate findings; an empty required cell already reported as a bad
    value (``not_a_number``…) is not reported a second time as missing."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_findings()
    out = pd.concat(parts, ignore_index=True)
    typed = out.loc[out["check"] == "dtype", ["row", "column"]]
    if len(typed):
        key = out["row"].astype(str) + "\x1f" + out["column"].astype(str)
        tkey = set(typed["row"].astype(str) + "\x1f" + typed["column"].astype(str))
        out = out[~((out["reason"] == "missing_value") & key.isin(tkey))]
    return out.sort_values(["row", "column"], kind="stable", ignore_index=True)


def rejection_reasons(frame: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """Per row: ``;``-joined reasons of its error findings, '' when accepted."""
    reasons = pd.Series("", index=frame.index, dtype="string")
    errors = findings[findings["severity"] == "error"]
    if errors.empty:
        return reasons
    joined = errors.groupby("row")["reason"].agg(lambda r: ";".join(dict.fromkeys(r)))
    by_row = frame[ROW].map(joined)
    return by_row.fillna("").astype("string")


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

    def check(self, v: Validated, file: str, header: str | None = None) -> Validated:
        f = v.frame
        if self.column not in f:
            return v
        ids = f[self.column]
        present = (ids.notna() & (ids != "")).to_numpy()
        hashes = pd.util.hash_array(ids.fillna("").to_numpy(dtype=object))
        seen, first_seen_row = self._first_rows(hashes)
        earlier = seen & present
        dup_here = ids.duplicated(keep="first").to_numpy() & present
        dup = earlier | dup_here
        new = present & ~dup
        rows = f[ROW].to_numpy(dtype=np.int64)
        if new.any():
            h = np.concatenate([self._hash, hashes[new]])
            r = np.concatenate([self._row, rows[new]])
            order = np.argsort(h, kind="stable")
            self._hash, self._row = h[order], r[order]
        dup = pd.Series(dup, index=f.index)
        if dup.any():
            firsts = pd.Series(self._first_rows(hashes[dup.to_numpy()])[1], index=ids[dup].index)
            found = findings_for(file, f.loc[dup, ROW], header or self.column, "unique",
                                 ids[dup], "duplicate_id")
            found["message"] = ("loan id already used at row " + firsts.astype(str)).to_numpy()
            v.findings = concat_findings([v.findings, found])
            f[REJECTED] = rejection_reasons(f, v.findings)
        return v
