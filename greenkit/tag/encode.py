"""Hand a partition's output tables from a worker to the writing process, and encode CSV.

A worker writes its tables (tagged, tags and the accepted rows) as Arrow IPC
files into a spool folder inside the output folder; only the file names
travel back. The writing process maps them without decoding, can still drop
rows a book-wide check rejects afterwards (a loan id an earlier chunk used,
``greenkit.tag.repeats``), and appends them: tagged and tags as CSV, written
by pyarrow straight into the file with spreadsheet formulas neutralised;
the accepted rows into ``loans.parquet``. Nothing is pickled, and every byte
of a CSV is written once.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from greenkit.io import neutralise_formulas
from greenkit.io.write import neutralise_arrow

#: What a partition's table can be on its way to the writer.
Part = pd.DataFrame | pa.Table


@dataclass(frozen=True)
class Spooled:
    """A table a worker wrote to an Arrow IPC file in the spool folder."""

    path: str


def spool(frame: pd.DataFrame, folder: str, name: str) -> Spooled:
    """Write ``frame`` to an Arrow IPC file in ``folder`` (Arrow's own layout:
    the reader maps it without decoding)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fd, path = tempfile.mkstemp(suffix=f".{name}.arrow", dir=folder)
    os.close(fd)
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return Spooled(path)


def unspool(part: Spooled | Part) -> Part:
    """The table of a spooled part, memory-mapped; the file is removed at once
    (the mapping stays valid until the table is freed). Other parts as they are."""
    if not isinstance(part, Spooled):
        return part
    with pa.memory_map(part.path) as source:
        table = pa.ipc.open_file(source).read_all()
    os.unlink(part.path)
    return table


def split_rows(part: Spooled | Part, rows: np.ndarray, column: str) -> tuple[Part, pd.DataFrame]:
    """(the part without the rows whose ``column`` is in ``rows``, those rows)."""
    part = unspool(part)
    if isinstance(part, pd.DataFrame):
        drop = part[column].isin(rows).to_numpy(dtype=bool)
        return part[~drop].reset_index(drop=True), part[drop].reset_index(drop=True)
    values = pa.array(np.asarray(rows), type=part.schema.field(column).type)
    drop = pc.is_in(part[column], value_set=values).to_numpy(zero_copy_only=False)
    at = np.flatnonzero(drop)
    # the rows kept, as slices between the dropped ones: nothing is copied
    bounds = np.r_[-1, at, len(part)]
    kept = [part.slice(a + 1, b - a - 1) for a, b in zip(bounds[:-1], bounds[1:], strict=True)
            if b - a > 1]
    return (pa.concat_tables(kept) if kept else part.slice(0, 0)), part.take(at).to_pandas()


def csv_table(part: Part) -> pa.Table | None:
    """A part as the Arrow table the CSV writer takes, formulas neutralised;
    None for a column of mixed Python objects (pandas formats those)."""
    try:
        table = part if isinstance(part, pa.Table) else pa.Table.from_pandas(
            part, preserve_index=False)
        return neutralise_arrow(table)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def append_csv(path: Path, part: Spooled | Part, first: bool) -> Path:
    """Start (BOM and header) or continue a CSV file with one part's rows.

    The body is written by pyarrow straight into the file; only a frame of
    mixed Python objects goes through pandas.
    """
    part = unspool(part)
    table = csv_table(part)
    if table is None:
        text = neutralise_formulas(part if isinstance(part, pd.DataFrame)
                                   else part.to_pandas()).to_csv(index=False)
        head, _, body = text.partition("\n")
        with path.open("wb" if first else "ab") as fh:
            if first:
                fh.write(b"\xef\xbb\xbf" + (head + "\n").encode("utf-8"))
            fh.write(body.encode("utf-8"))
        return path
    if first:
        head = io.BytesIO()
        pacsv.write_csv(table.slice(0, 0), head, pacsv.WriteOptions(include_header=True))
        path.write_bytes(b"\xef\xbb\xbf" + head.getvalue())  # BOM: Excel reads Chinese right
    with pa.OSFile(str(path), "ab") as out:
        pacsv.write_csv(table, out, pacsv.WriteOptions(include_header=False))
    return path
