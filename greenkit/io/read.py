"""Read CSV, XLSX and Parquet into frames of text, losing nothing.

Banks export loan books from core systems and Excel in whatever encoding the
machine had: UTF-8, UTF-8 with BOM, GBK or GB18030. Every cell is read as text
first — typing happens in validation, where a bad cell becomes a finding with
its row and column instead of a crash or a silent NaN. Each frame carries the
file's SHA-256 so every figure downstream can be traced to the exact input.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from greenkit.errors import EncodingError, InputError, InputFileNotFound

#: Encodings tried in order. GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8", "gb18030")
SNIFF_BYTES = 4 << 20
#: Name of the column holding each record's row number as a spreadsheet user
#: counts it (header = row 1, first data row = row 2).
ROW = "_row"
TEXT_FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv"}
FORMATS = {**TEXT_FORMATS, ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet"}


@dataclass
class RawTable:
    """A file read as text: original headers, a ``_row`` column, provenance."""

    frame: pd.DataFrame
    path: str
    format: str
    sha256: str
    encoding: str | None = None
    sheet: str | None = None

    @property
    def headers(self) -> list[str]:
        return [c for c in self.frame.columns if c != ROW]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def detect_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot read {path.suffix or 'files without an extension'}: "
            "use .csv, .xlsx or .parquet", path=path)
    return fmt


def check_path(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputFileNotFound("no such file", path=p)
    if p.is_dir():
        raise InputError("is a folder, expected a file", path=p)
    return p


def detect_encoding(path: Path) -> str:
    """Name the encoding of a text file: utf-8-sig, utf-8 or gb18030.

    Decodes the first few MB with each candidate (incrementally, so a
    multi-byte character cut at the sample's end is not a false alarm).
    """
    with path.open("rb") as fh:
        sample = fh.read(SNIFF_BYTES)
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EncodingError("is UTF-16; save it as UTF-8 or GBK CSV", path=path)
    errors = []
    for enc in ENCODINGS:
        try:
            import codecs

            codecs.getincrementaldecoder(enc)().decode(sample, final=len(sample) < SNIFF_BYTES)
            return enc
        except UnicodeDecodeError as exc:
            errors.append(f"{enc} fails at byte {exc.start}")
    raise EncodingError(
        "is neither UTF-8 nor GBK/GB18030 text (" + "; ".join(errors) + ")", path=path)


def _csv_header(path: Path, encoding: str) -> list[str]:
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(64 << 10)
    first = next(csv.reader(io.StringIO(sample), delimiter=csv_delimiter(path)), None)
    if not first or not any(c.strip() for c in first):
        raise InputError("has no header row", path=path)
    return first


def _check_headers(headers: list[str], path: Path) -> list[str]:
    clean = [str(h).strip() for h in headers]
    seen: set[str] = set()
    out = []
    for i, h in enumerate(clean, start=1):
        if not h:
            h = f"column_{i}"
        if h in seen:
            raise InputError(f"header {h!r} appears twice (column {i})", path=path)
        seen.add(h)
        out.append(h)
    return out


def csv_delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def csv_layout(path: Path) -> tuple[str, list[str]]:
    """(encoding, checked headers) of a CSV file."""
    enc = detect_encoding(path)
    return enc, _check_headers(_csv_header(path, enc), path)


def csv_read_options(encoding: str, headers, skip_rows: int = 1,
                     block_size: int = 1 << 24) -> pacsv.ReadOptions:
    return pacsv.ReadOptions(
        encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding,
        column_names=list(headers), skip_rows=skip_rows, block_size=block_size)


def csv_parse_options(delimiter: str) -> pacsv.ParseOptions:
    return pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)


def csv_convert_options(headers) -> pacsv.ConvertOptions:
    """Every column as text, an empty cell as '' (typing happens in validation)."""
    return pacsv.ConvertOptions(column_types={h: pa.string() for h in headers},
                                strings_can_be_null=False, quoted_strings_can_be_null=False)


def csv_error(exc: Exception, encoding: str, path, where: str = "") -> InputError:
    """The one-line error for a CSV the parser refuses."""
    return InputError(f"cannot be parsed as CSV ({encoding}){where}: {_arrow_msg(exc)}",
                      path=path)


def _add_row_numbers(frame: pd.DataFrame, first_row: int) -> pd.DataFrame:
    """Insert ``_row``; a file that already has one (e.g. greenkit's own output)
    keeps it as ``_row_input``."""
    if ROW in frame.columns:
        frame = frame.rename(columns={ROW: f"{ROW}_input"})
    frame.insert(0, ROW, np.arange(first_row, first_row + len(frame)))
    return frame


def text_frame(table: pa.Table, first_row: int) -> pd.DataFrame:
    """An all-text Arrow table as pandas ``string`` columns plus ``_row`` numbers."""
    frame = table.to_pandas(types_mapper=lambda t: pd.StringDtype() if t == pa.string() else None)
    return _add_row_numbers(frame, first_row)


def _read_csv(path: Path) -> RawTable:
    enc, headers = csv_layout(path)
    try:
        table = pacsv.read_csv(path, csv_read_options(enc, headers),
                               csv_parse_options(csv_delimiter(path)), csv_convert_options(headers))
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise csv_error(exc, enc, path) from exc
    return RawTable(text_frame(table, 2), str(path), "csv", file_sha256(path), enc)


def _arrow_msg(exc: Exception) -> str:
    return str(exc).splitlines()[0][:300]


def _cell_text(v) -> str:
    """Excel cell value → text, undoing Excel's typing of codes and dates."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException…
        raise InputError(f"cannot be opened as an Excel workbook ({exc})", path=path) from exc
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise InputError(f"has no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})",
                             path=path)
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        first = next(((i, values) for i, values in enumerate(rows, start=1)
                      if values and any(v not in (None, "") for v in values)), None)
        header, header_row = (None, 0) if first is None else (
            [_cell_text(v) for v in first[1]], first[0])
        if header is None:
            raise InputError(f"sheet {ws.title!r} is empty", path=path)
        while header and not header[-1].strip():
            header.pop()
        headers = _check_headers(header, path)
        n = len(headers)
        body = [[_cell_text(v) for v in (r or ())[:n]] for r in rows]
        body = [r + [""] * (n - len(r)) for r in body]
        while body and not any(c.strip() for c in body[-1]):
            body.pop()
        title = ws.title
    finally:
        wb.close()
    frame = _add_row_numbers(pd.DataFrame(body, columns=headers, dtype="string"), header_row + 1)
    return RawTable(frame, str(path), "xlsx", file_sha256(path), None, title)


def _parquet_text(table: pa.Table) -> pa.Table:
    cols = []
    for col in table.columns:
        if pa.types.is_timestamp(col.type) or pa.types.is_date(col.type):
            col = col.cast(pa.date32()).cast(pa.string())
        elif not pa.types.is_string(col.type):
            col = col.cast(pa.string())
        cols.append(col.fill_null(""))
    return pa.table(cols, names=table.column_names)


def _read_parquet(path: Path) -> RawTable:
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"cannot be read as Parquet: {_arrow_msg(exc)}", path=path) from exc
    _check_headers(table.column_names, path)
    return RawTable(text_frame(_parquet_text(table), 2), str(path), "parquet",
                    file_sha256(path))


def read_table(path: str | Path, sheet: str | None = None) -> RawTable:
    """Read a whole CSV/XLSX/Parquet file as text (see module docstring)."""
    p = check_path(path)
    fmt = detect_format(p)
    if fmt == "csv":
        raw = _read_csv(p)
    elif fmt == "xlsx":
        raw = _read_xlsx(p, sheet)
    else:
        raw = _read_parquet(p)
    return raw


def estimate_rows(path: str | Path, sample: int = 4 << 20) -> int | None:
    """About how many data rows a file holds, without reading it all.

    Parquet says so in its footer. For CSV the file size is divided by the
    mean line length of its first ``sample`` bytes (quoted line breaks make
    this a slight over-estimate). Used only to even out chunks between
    workers, never for a count that is reported. None for workbooks or
    unreadable files.
    """
    try:
        p = Path(path)
        fmt = detect_format(p)
        if fmt == "parquet":
            return pq.ParquetFile(p).metadata.num_rows
        if fmt != "csv":
            return None
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(sample)
    except (OSError, InputError, pa.ArrowException):
        return None
    lines = head.count(b"\n")
    if not lines:
        return None
    if len(head) >= size:
        return lines - 1 + (not head.endswith(b"\n"))
    return int(size / (len(head) / lines))


def iter_table(path: str | Path, chunksize: int, sheet: str | None = None) -> Iterator[RawTable]:
    """Stream a file in chunks of about ``chunksize`` rows with bounded memory.

    CSV and Parquet are streamed; a workbook is read whole (Excel files are
    limited to about a million rows) and then sliced. Row numbers continue
    across chunks so findings still point at the right line.
    """
    p = check_path(path)
    fmt = detect_format(p)
    digest = file_sha256(p)
    if fmt == "csv":
        enc, headers = csv_layout(p)
        yield from stream_csv(p, p, enc, headers, csv_delimiter(p), chunksize, digest)
    elif fmt == "parquet":
        pf = pq.ParquetFile(p)
        batches = (pa.Table.from_batches([b]) for b in pf.iter_batches(batch_size=chunksize))
        yield from rechunk((_parquet_text(t) for t in batches), chunksize, str(p), "parquet",
                            digest, None)
    else:
        whole = _read_xlsx(p, sheet)
        for start in range(0, max(len(whole.frame), 1), chunksize):
            part = whole.frame.iloc[start:start + chunksize].reset_index(drop=True)
            yield RawTable(part, whole.path, "xlsx", digest, None, whole.sheet)


def stream_csv(source, path: Path, encoding: str, headers, delimiter: str, chunksize: int,
               digest: str, skip_rows: int = 1, first_row: int = 2) -> Iterator[RawTable]:
    """Stream CSV records from ``source`` (the file's path, or an open file
    positioned at a record) in ``RawTable`` chunks of ``chunksize`` rows
    numbered from ``first_row``."""
    try:
        reader = pacsv.open_csv(
            source, read_options=csv_read_options(encoding, headers, skip_rows, 1 << 22),
            parse_options=csv_parse_options(delimiter), convert_options=csv_convert_options(headers))
        yield from rechunk(reader, chunksize, str(path), "csv", digest, encoding, first_row)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise csv_error(exc, encoding, path) from exc


def rechunk(batches, chunksize: int, path: str, fmt: str, digest: str, enc: str | None,
            first_row: int = 2) -> Iterator[RawTable]:
    """Record batches → RawTables of exactly ``chunksize`` rows (the last one
    shorter), numbered from ``first_row``; a file with no rows still gives one
    (empty) table when it starts at the top."""
    pending: list[pa.Table] = []
    size, start = 0, first_row
    for batch in batches:
        t = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        pending.append(t)
        size += t.num_rows
        while size >= chunksize:
            whole = pa.concat_tables(pending)
            head, rest = whole.slice(0, chunksize), whole.slice(chunksize)
            yield RawTable(text_frame(head, first_row), path, fmt, digest, enc)
            first_row += chunksize
            pending, size = [rest], rest.num_rows
    if size or first_row == start == 2:
        schema = getattr(batches, "schema", None)  # a CSV reader knows it before any batch
        whole = (pa.concat_tables(pending) if pending
                 else schema.empty_table() if schema is not None else None)
        if whole is not None:
            yield RawTable(text_frame(whole, first_row), path, fmt, digest, enc)
