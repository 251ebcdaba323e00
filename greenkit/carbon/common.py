"""Small helpers shared by the carbon modules: units at the boundaries, the
``insufficient_data`` vocabulary, provenance for summaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pint

from greenkit import __version__
from greenkit.errors import UnitError
from greenkit.units import parse_unit, registry

#: Result status vocabulary of every carbon result row.
OK = "ok"
INSUFFICIENT = "insufficient_data"
REPORTED = "reported"
NO_METHOD = "no_method"
STATUSES = (OK, INSUFFICIENT, REPORTED, NO_METHOD)


def q(values, unit: str) -> pint.Quantity:
    """A pint quantity holding a numpy array (NaN for missing)."""
    arr = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype="float64")
    return registry().Quantity(arr, parse_unit(unit).units) * parse_unit(unit).magnitude


def mag(quantity: pint.Quantity, unit: str, what: str) -> np.ndarray:
    """Magnitudes in ``unit``; a wrong dimension is a UnitError naming ``what``."""
    try:
        return np.asarray(quantity.to(parse_unit(unit).units).magnitude, dtype="float64") / \
            parse_unit(unit).magnitude
    except pint.DimensionalityError as exc:
        raise UnitError(f"{what}: result in {quantity.units:~P} cannot be expressed in {unit} "
                        f"({quantity.dimensionality} vs {parse_unit(unit).dimensionality})",
                        unit=str(quantity.units)) from exc


def present(frame: pd.DataFrame, col: str) -> pd.Series:
    """True where ``col`` exists and holds a value (numbers: not NaN; text: not empty)."""
    if col not in frame:
        return pd.Series(False, index=frame.index)
    s = frame[col]
    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        return s.notna()
    return s.notna() & (s.astype("string").str.strip() != "")


def missing_list(frame: pd.DataFrame, required: list[str]) -> pd.Series:
    """Per row: ``;``-joined names of required fields that are empty ('' when complete)."""
    if not required:
        return pd.Series("", index=frame.index, dtype="string")
    absent = pd.DataFrame({c: ~present(frame, c) for c in required}, index=frame.index)
    names = pd.Series([c + ";" for c in required], index=required, dtype=object)
    joined = absent.astype(object).dot(names) if len(frame) else pd.Series(dtype=object)
    joined = joined.where(absent.any(axis=1), "") if len(frame) else joined
    return pd.Series(joined, index=frame.index).fillna("").astype("string").str.rstrip(";")


def num(frame: pd.DataFrame, col: str) -> pd.Series:
    """A numeric column, or all-NaN when absent."""
    if col not in frame:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[col], errors="coerce").astype("float64")


def text(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame:
        return pd.Series("", index=frame.index, dtype="string")
    return frame[col].astype("string").fillna("")


def fmt_num(values: pd.Series, digits: int = 6) -> pd.Series:
    """Numbers as short text for the ``inputs`` column ('' for missing)."""
    v = pd.to_numeric(values, errors="coerce").round(digits)
    out = v.astype("string").str.replace(r"\.0$", "", regex=True)
    return out.fillna("")


def provenance(**extra) -> dict:
    """Fields every summary carries."""
    return {"greenkit_version": __version__,
            "run_at": dt.datetime.now().replace(microsecond=0).isoformat(), **extra}


def rel(path: str | Path) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)
