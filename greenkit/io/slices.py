"""Cut a CSV file into byte ranges of whole records that workers parse themselves.

With several worker processes, parsing a big CSV in the main process and
shipping the parsed chunks to the workers costs more than the parse: every
chunk is pickled out, and the main process parses while the workers wait.
Instead the main process makes one sequential pass over the bytes — the
SHA-256 it needs anyway, plus a few byte comparisons — and hands each worker
a ``CsvSlice``: where the chunk starts and ends in the file and how many
records it holds. Each worker reads and parses its own range, so reading
scales with the workers and nothing parsed crosses a process boundary.

A record ends at a line feed that is not inside a quoted field. Inside the
pass a quote is assumed to toggle "inside quotes" (RFC 4180, where an escaped
``""`` toggles twice), which is what the CSV parser does as long as every
quote stands where RFC 4180 allows one: an opening quote at the start of a
field, a closing quote at its end. The pass checks exactly that for every
quote, and declines — the rest of the file is then streamed by the main
process as before — when one does not (``12" pipe``), or when a line ends in
a bare carriage return. Empty lines are skipped as the parser skips them, so
``first_row`` is the number a spreadsheet user sees. Each worker checks that
its parse found ``rows`` records (``SliceMismatch`` otherwise), so a
disagreement can never shift row numbers silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from greenkit.errors import InputError
from greenkit.io.read import (
    RawTable,
    csv_convert_options,
    csv_delimiter,
    csv_error,
    csv_layout,
    csv_parse_options,
    csv_read_options,
    stream_csv,
    text_frame,
)

#: Bytes read per step of the pass (memory stays bounded whatever the file size).
BLOCK = 16 << 20
_LF, _CR, _QUOTE = 0x0A, 0x0D, 0x22


class SliceMismatch(InputError):
    """A worker's parse of a slice found another number of records than the plan."""


@dataclass(frozen=True)
class CsvSlice:
    """A byte range of a CSV file holding ``rows`` whole records, the first of
    which is spreadsheet row ``first_row``."""

    path: str
    encoding: str
    headers: tuple[str, ...]
    delimiter: str
    start: int
    end: int
    first_row: int
    rows: int

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as fh:
            fh.seek(self.start)
            return fh.read(self.end - self.start)


def parse_slice(s: CsvSlice) -> pa.Table:
    """Parse one slice (in the worker that tags it); every column is text."""
    if not s.rows:  # a file with a header and no record
        return pa.table({h: pa.array([], pa.string()) for h in s.headers})
    try:
        table = pacsv.read_csv(
            pa.BufferReader(s.read_bytes()), read_options=csv_read_options(s.encoding, s.headers, 0),
            parse_options=csv_parse_options(s.delimiter),
            convert_options=csv_convert_options(s.headers))
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise csv_error(exc, s.encoding, s.path,
                        f" in rows {s.first_row}–{s.first_row + s.rows - 1}") from exc
    if table.num_rows != s.rows:
        raise SliceMismatch(
            f"bytes {s.start}–{s.end} parse into {table.num_rows} records where the chunk plan "
            f"counted {s.rows}; please report this and re-run with --workers 1", path=s.path)
    return table


def slice_table(s: CsvSlice) -> RawTable:
    """A slice parsed into the ``RawTable`` a whole read would have given for its rows."""
    return RawTable(text_frame(parse_slice(s), s.first_row), s.path, "csv", "", s.encoding)


@dataclass
class _Pass:
    """What the pass carries from one block to the next."""

    quotes: int = 0            # quote bytes seen before the block
    prev: int = _LF            # last byte of the previous block (a line feed at the start)
    last_end: int | None = None  # offset of the last record terminator (None: in the header)
    start: int = 0             # offset where the chunk being counted starts
    rows: int = 0              # records counted in that chunk
    first_row: int = 2


@dataclass
class CsvPlan:
    """The slices of one CSV file, produced by one sequential pass (see module doc).

    Iterating yields ``CsvSlice`` objects of ``chunksize`` records (the last
    one shorter); if the pass has to decline, what remains of the file is
    streamed from the first unplanned record and yielded as ``RawTable``
    chunks parsed here, of the same size, so the chunks and their row numbers
    are the same either way. ``sha256`` is the file's hash once iteration has
    finished.
    """

    path: Path
    encoding: str
    headers: tuple[str, ...]
    chunksize: int
    delimiter: str = ","
    sha256: str | None = None
    declined: str | None = None  # why the pass stopped planning, if it did
    _hash: hashlib._Hash = field(default_factory=hashlib.sha256, repr=False)

    def __iter__(self) -> Iterator[CsvSlice | RawTable]:
        st = _Pass()
        offset = 0
        self._hash, self.sha256, self.declined = hashlib.sha256(), None, None
        with open(self.path, "rb") as fh:
            head = fh.read(3)
            if head == b"\xef\xbb\xbf":  # a BOM is not part of the first field
                offset = 3
                self._hash.update(head)
            else:
                fh.seek(0)
            cur, nxt = fh.read(BLOCK), fh.read(BLOCK)
            while cur:
                self._hash.update(cur)
                try:
                    yield from self._block(cur, offset, nxt[0] if nxt else None, st)
                except _Decline as why:
                    self.declined = str(why)
                    break
                offset += len(cur)
                cur, nxt = nxt, fh.read(BLOCK)
            else:
                yield from self._last(offset, st)
                self.sha256 = self._hash.hexdigest()
                return
            self._finish_hash(fh, nxt)
        yield from self._stream(st)

    def _finish_hash(self, fh, nxt: bytes) -> None:
        self._hash.update(nxt)
        for block in iter(lambda: fh.read(BLOCK), b""):
            self._hash.update(block)
        self.sha256 = self._hash.hexdigest()

    def _stream(self, st: _Pass) -> Iterator[RawTable]:
        """The rest of the file, from the first unplanned record, parsed here
        (from the top, header skipped, when the pass declined in the header)."""
        in_header = st.last_end is None
        with open(self.path, "rb") as fh:
            fh.seek(0 if in_header else st.start)
            yield from stream_csv(fh, self.path, self.encoding, self.headers, self.delimiter,
                                  self.chunksize, self.sha256, int(in_header), st.first_row)

    def _block(self, block: bytes, offset: int, after: int | None, st: _Pass):
        """Check the quotes of one block, count its records, yield full slices.

        ``after`` is the byte that follows the block (None at the end of the
        file). Carriage returns and quotes are first looked for with a byte
        search, so a block without them costs one pass for its line feeds.
        """
        data = np.frombuffer(block, dtype=np.uint8)
        if block.find(b"\r") >= 0:
            cr = np.flatnonzero(data == _CR)
            nxt = np.append(data, _LF if after is not None and after == _LF else 0)[cr + 1]
            if (nxt != _LF).any():
                raise _Decline(f"a line ends in a bare carriage return near byte {offset}")
        q = (np.flatnonzero(data == _QUOTE) if block.find(b'"') >= 0
             else np.empty(0, dtype=np.int64))
        if len(q):
            self._check_quotes(data, q, st, after, offset)
        lf = np.flatnonzero(data == _LF)
        if len(q) or st.quotes % 2:  # quotes here, or a quoted field open since an earlier block
            lf = lf[(st.quotes + np.searchsorted(q, lf)) % 2 == 0]
        ends = lf + offset
        st.quotes += len(q)
        if len(ends) and st.last_end is None:  # the header record
            st.last_end, st.start, ends = int(ends[0]), int(ends[0]) + 1, ends[1:]
        if len(ends):
            yield from self._count(ends, data, offset, st)
        st.prev = int(data[-1])

    def _check_quotes(self, data: np.ndarray, q: np.ndarray, st: _Pass, after: int | None,
                      offset: int) -> None:
        """Decline unless every opening quote starts a field (or doubles a quote)
        and every closing quote ends one (or is doubled)."""
        delim = ord(self.delimiter)
        ext = np.empty(len(data) + 2, dtype=np.uint8)  # ext[i + 1] is data[i]
        ext[0], ext[1:-1], ext[-1] = st.prev, data, _LF if after is None else after
        opens_ok = np.zeros(256, dtype=bool)
        opens_ok[[delim, _LF, _QUOTE]] = True
        closes_ok = np.zeros(256, dtype=bool)
        closes_ok[[delim, _LF, _CR, _QUOTE]] = True
        first = st.quotes % 2  # 0: the block's first quote opens a field
        opening, closing = q[first::2], q[1 - first::2]
        bad_open = ~opens_ok[ext[opening]]          # the byte before each opening quote
        bad_close = ~closes_ok[ext[closing + 2]]     # the byte after each closing quote
        if bad_open.any() or bad_close.any():
            at = min(opening[bad_open].min(initial=len(data)),
                     closing[bad_close].min(initial=len(data)))
            raise _Decline(f"a quote inside an unquoted field at byte {offset + int(at)}")

    def _count(self, ends: np.ndarray, data: np.ndarray, offset: int, st: _Pass):
        """Count non-empty records among the terminators ``ends``; yield each
        slice as soon as it holds ``chunksize`` records."""
        prev_end = np.r_[st.last_end, ends[:-1]]
        length = ends - prev_end - 1
        at = ends - 1 - offset
        last_byte = np.where(at >= 0, data[np.maximum(at, 0)], st.prev)
        record_ends = ends[(length > 1) | ((length == 1) & (last_byte != _CR))]
        st.last_end = int(ends[-1])
        while st.rows + len(record_ends) >= self.chunksize:
            k = self.chunksize - st.rows
            end = int(record_ends[k - 1]) + 1
            yield self._slice(st.start, end, st.first_row, self.chunksize)
            st.first_row += self.chunksize
            st.start, st.rows, record_ends = end, 0, record_ends[k:]
        st.rows += len(record_ends)

    def _last(self, size: int, st: _Pass) -> Iterator[CsvSlice]:
        """The final slice, including a last record with no line feed after it."""
        if st.last_end is not None and size - st.last_end - 1 > 0:
            st.rows += 1  # bytes after the last line feed: a record (a bare CR declined)
        if st.rows or st.first_row == 2:  # a book without records is one empty chunk
            yield self._slice(st.start, size, st.first_row, st.rows)

    def _slice(self, start: int, end: int, first_row: int, rows: int) -> CsvSlice:
        return CsvSlice(str(self.path), self.encoding, self.headers, self.delimiter, start, end,
                        first_row, rows)


class _Decline(Exception):
    """The pass cannot be sure where records end from here on."""


def plan_csv(path: Path, chunksize: int) -> CsvPlan:
    """The slice plan of a CSV file (encoding and headers checked here, up front)."""
    encoding, headers = csv_layout(path)
    return CsvPlan(path, encoding, tuple(headers), chunksize, csv_delimiter(path))


__all__ = ["CsvPlan", "CsvSlice", "SliceMismatch", "parse_slice", "plan_csv", "slice_table"]
