"""Write tables for people and for systems, safely.

CSV is written as UTF-8 with a BOM so that Excel on a Chinese Windows machine
opens it without mojibake. Text cells that Excel would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
neutralised with a leading apostrophe in CSV and XLSX: a borrower called
``=HYPERLINK(...)`` must not become a live link in a risk officer's sheet.
Parquet and JSON are for machines and keep values exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from greenkit.errors import InputError

# RE2 pattern (run by pyarrow, not Python's re) for text that is a plain number.
_NUMBER = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_FIRST = np.array([ord(c) for c in "=+-@\t\r"], dtype=np.int16)


def formula_cells(arr: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """Bool per value of an Arrow string array: would a spreadsheet run it as a
    formula? ``None`` when no value would (the common case, one byte test).

    The first byte of every value is read straight from the Arrow buffers;
    only values starting with ``= + - @``, tab or CR meet the number regex
    (``-12.5`` is data, not a formula).
    """
    from greenkit.frames import first_bytes

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    cand = np.flatnonzero(np.isin(first_bytes(arr), _FORMULA_FIRST))
    if not len(cand):
        return None
    number = pc.match_substring_regex(arr.take(pa.array(cand)), _NUMBER).fill_null(False)
    risky = cand[~number.to_numpy(zero_copy_only=False)]
    if not len(risky):
        return None
    mask = np.zeros(len(arr), dtype=bool)
    mask[risky] = True
    return mask


def neutralise_arrow(table: pa.Table) -> pa.Table:
    """:func:`neutralise_formulas` for an Arrow table (what the CSV writer takes)."""
    for i, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        col = table.column(i)  # chunk by chunk: a table of slices is not copied
        masks = [formula_cells(chunk) for chunk in col.chunks]
        if all(m is None for m in masks):
            continue
        mask = pa.chunked_array([pa.array(np.zeros(len(c), dtype=bool) if m is None else m)
                                 for m, c in zip(masks, col.chunks, strict=True)], pa.bool_())
        quoted = pc.binary_join_element_wise(pa.scalar("'", col.type), col,
                                             pa.scalar("", col.type))
        table = table.set_column(i, field, pc.if_else(mask, quoted, col))
    return table


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be executed by a spreadsheet.

    Only text columns are touched, and a cell that is a plain number written
    as text (``-12.5``) is left alone because it is data, not a formula. A
    column is tested once over its Arrow form (:func:`formula_cells`) and
    copied only when a risky cell is found, so clean columns cost one pass.
    """
    out = frame.copy(deep=False)
    for col in out.columns:
        s = out[col]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        try:
            arr = pa.array(s, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed Python objects
            arr = pa.array(s.astype("string"), from_pandas=True)
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
            arr = arr.cast(pa.large_string())
        mask = formula_cells(arr)
        if mask is not None:
            text = s.astype("string")
            out[col] = s.astype("object").where(~mask, "'" + text[mask].astype(str))
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    neutralise_formulas(frame).to_csv(p, index=False, encoding="utf-8-sig")
    return p


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write several tables as sheets of one workbook (names cut to Excel's 31 chars)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(p, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            safe = neutralise_formulas(_excel_safe(frame))
            safe.to_excel(xw, sheet_name=name[:31], index=False)
    return p


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no timezone-aware datetimes and no nullable extension types."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    return out


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(p, index=False)
    return p


def to_jsonable(value: Any) -> Any:
    """Make numpy/pandas scalars and containers JSON-serialisable."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_json(data: Any, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, pd.DataFrame):
        data = data.to_dict("records")
    p.write_text(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2), encoding="utf-8")
    return p


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write one table, format chosen by the file extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return write_csv(frame, p)
    if suffix == ".xlsx":
        return write_xlsx({p.stem: frame}, p)
    if suffix == ".parquet":
        return write_parquet(frame, p)
    if suffix == ".json":
        return write_json(frame, p)
    raise InputError(f"cannot write {suffix or 'files without an extension'}: "
                     "use .csv, .xlsx, .parquet or .json", path=p)
