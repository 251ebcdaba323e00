"""Encode a partition's output tables for the tagged folder, off the writer.

Workers turn their tables into what the files need — CSV bytes with
spreadsheet formulas neutralised, written to spool files, and the accepted
rows as an Arrow IPC file — so the process that appends files in input order
only copies bytes and maps the Arrow file into ``loans.parquet``; none of it
is pickled between processes.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from greenkit.io import neutralise_formulas
from greenkit.io.write import neutralise_arrow


@dataclass(frozen=True)
class EncodedCsv:
    """One partition of a CSV file: its header line and its body, as UTF-8."""

    header: bytes
    body: bytes


def _csv_table(frame: pd.DataFrame) -> pa.Table | None:
    """``frame`` as the Arrow table the CSV writer takes, formulas neutralised;
    None for a column of mixed Python objects (pandas formats those)."""
    try:
        return neutralise_arrow(pa.Table.from_pandas(frame, preserve_index=False))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def _header(table: pa.Table) -> bytes:
    head = io.BytesIO()
    pacsv.write_csv(table.slice(0, 0), head, pacsv.WriteOptions(include_header=True))
    return head.getvalue()


def _pandas_csv(frame: pd.DataFrame) -> EncodedCsv:
    text = neutralise_formulas(frame).to_csv(index=False)
    head, _, body = text.partition("\n")
    return EncodedCsv((head + "\n").encode("utf-8"), body.encode("utf-8"))


def encode_csv(frame: pd.DataFrame) -> EncodedCsv:
    """CSV bytes of ``frame`` after formula neutralisation (pyarrow's writer).

    The frame is turned into Arrow once; neutralisation works on that table.
    """
    table = _csv_table(frame)
    if table is None:
        return _pandas_csv(frame)
    body = io.BytesIO()
    pacsv.write_csv(table, body, pacsv.WriteOptions(include_header=False))
    return EncodedCsv(_header(table), body.getvalue())


@dataclass(frozen=True)
class SpooledCsv:
    """One partition of a CSV file whose body a worker wrote to a spool file:
    only the file name travels back to the writing process, not the bytes."""

    header: bytes
    path: str


@dataclass(frozen=True)
class SpooledTable:
    """A partition's accepted rows, written by a worker to an Arrow IPC file
    that the writing process memory-maps into ``loans.parquet``."""

    path: str


def _spool_file(folder: str, suffix: str) -> tuple[int, str]:
    return tempfile.mkstemp(suffix=suffix, dir=folder)


def spool_tables(tables: dict[str, pd.DataFrame], folder: str) -> dict[str, SpooledCsv]:
    """:func:`encode_tables`, each body written by pyarrow straight into a
    file in ``folder`` (no bytes object in between: a 30 MB body copied
    through Python costs more than encoding it)."""
    out = {}
    for name, frame in tables.items():
        fd, path = _spool_file(folder, f".{name}.part")
        table = _csv_table(frame)
        if table is None:
            enc = _pandas_csv(frame)
            with os.fdopen(fd, "wb") as fh:
                fh.write(enc.body)
            out[name] = SpooledCsv(enc.header, path)
            continue
        os.close(fd)
        pacsv.write_csv(table, path, pacsv.WriteOptions(include_header=False))
        out[name] = SpooledCsv(_header(table), path)
    return out


def spool_arrow(frame: pd.DataFrame, folder: str) -> SpooledTable:
    """Write ``frame`` to an Arrow IPC file in ``folder`` (Arrow's own layout:
    the reader maps it without decoding)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fd, path = _spool_file(folder, ".loans.arrow")
    os.close(fd)
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return SpooledTable(path)


def read_spooled(t: SpooledTable) -> pa.Table:
    with pa.memory_map(t.path) as source:
        return pa.ipc.open_file(source).read_all()


def discard(part) -> None:
    """Remove the spool file of a result that will not be written."""
    if isinstance(part, SpooledCsv | SpooledTable):
        os.unlink(part.path)


def encode_tables(tables: dict[str, pd.DataFrame]) -> dict[str, EncodedCsv]:
    """tagged/tags → ``EncodedCsv``."""
    return {name: encode_csv(frame) for name, frame in tables.items()}
