"""Write tagging results: a folder of CSV/JSON files, or one workbook.

Folder mode streams: tagged.csv, tags.csv and loans.parquet are appended
chunk by chunk, so a book larger than memory can be tagged with --chunksize.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from greenkit.io import write_json, write_xlsx
from greenkit.tag.encode import EncodedCsv, SpooledCsv, SpooledTable, encode_csv, read_spooled
from greenkit.tag.run import TagResult

STREAMED = ("tagged", "tags")


class FolderSink:
    """Receives per-chunk tables and appends them to files in ``folder``.

    Tables arrive as DataFrames or already encoded by a worker
    (``takes_encoded``): CSV bytes and Arrow tables are appended as they are.
    """

    takes_encoded = True

    @property
    def spool_dir(self) -> str:
        """Where workers leave the CSV bodies they encoded (removed on close)."""
        spool = self.folder / ".greenkit-spool"
        spool.mkdir(exist_ok=True)
        return str(spool)

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._started: set[str] = set()
        self._parquet: pq.ParquetWriter | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list[Future] = []
        for name in (*STREAMED, "loans"):
            for suffix in (".csv", ".parquet"):
                (folder / f"{name}{suffix}").unlink(missing_ok=True)

    def __call__(self, name: str, frame: pd.DataFrame | EncodedCsv | pa.Table) -> None:
        if name == "loans":
            self._loans(frame)
            return
        _append_csv(self.folder / f"{name}.csv", frame, first=name not in self._started)
        self._started.add(name)

    def _loans(self, frame: pd.DataFrame | SpooledTable) -> None:
        """Append to loans.parquet on a writer thread (pyarrow encodes without the
        GIL), so compressing the chunk overlaps with checking the next one."""
        if isinstance(frame, SpooledTable):
            table = read_spooled(frame)
            os.unlink(frame.path)  # the mapping stays valid until the table is freed
        else:
            table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.folder / "loans.parquet", table.schema)
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="greenkit-parquet")
        else:
            table = table.cast(self._parquet.schema)
        self._writes.append(self._writer.submit(self._parquet.write_table, table))
        while self._writes and self._writes[0].done():
            self._writes.pop(0).result()  # re-raise a failed write here

    def close(self) -> None:
        shutil.rmtree(self.folder / ".greenkit-spool", ignore_errors=True)
        if self._parquet is not None:
            try:
                for w in self._writes:
                    w.result()
            finally:
                self._writer.shutdown()
                self._parquet.close()


def _append_csv(path: Path, frame: pd.DataFrame | EncodedCsv | SpooledCsv, first: bool) -> Path:
    """Start (BOM and header) or continue a CSV file of the tagged folder."""
    part = frame if isinstance(frame, EncodedCsv | SpooledCsv) else encode_csv(frame)
    with path.open("wb" if first else "r+b") as fh:
        fh.seek(0, os.SEEK_END)
        if first:
            fh.write(b"\xef\xbb\xbf")  # BOM: Excel then reads the Chinese correctly
            fh.write(part.header)
        if isinstance(part, SpooledCsv):
            fh.flush()
            with open(part.path, "rb") as src:
                _copy_file(src, fh)
            os.unlink(part.path)
        else:
            fh.write(part.body)
    return path


def _copy_file(src, dst) -> None:
    """Append ``src`` to ``dst`` (positioned at its end) inside the kernel
    (``copy_file_range``: no bytes pass through this process), or by plain
    copying where the file system cannot."""
    size = os.fstat(src.fileno()).st_size
    done = 0
    copy_range = getattr(os, "copy_file_range", None)  # Linux only
    try:
        while copy_range is not None and done < size:
            n = copy_range(src.fileno(), dst.fileno(), size - done)
            if n == 0:
                break
            done += n
    except OSError:
        pass  # EXDEV, ENOSYS, EINVAL…: copy what is left through user space
    if done < size:
        src.seek(done)
        dst.seek(0, os.SEEK_END)
        shutil.copyfileobj(src, dst, 1 << 22)


def write_small(result: TagResult, folder: Path) -> dict[str, Path]:
    """The tables that are always whole: rejected, findings, flags, summary.

    Written like tagged.csv and tags.csv (pyarrow's CSV writer, formulas
    neutralised), so the folder's files share one format.
    """
    return {
        "rejected": _append_csv(folder / "rejected.csv", result.rejected, first=True),
        "findings": _append_csv(folder / "findings.csv", result.findings, first=True),
        "flags": _append_csv(folder / "flags.csv", result.flags, first=True),
        "summary": write_json(result.summary, folder / "summary.json"),
    }


def write_workbook(result: TagResult, path: Path) -> Path:
    sheets = {"tagged": result.tagged, "tags": result.tags, "rejected": result.rejected,
              "flags": result.flags, "findings": result.findings,
              "summary": pd.json_normalize(result.summary, sep=".").T.reset_index().rename(
                  columns={"index": "key", 0: "value"})}
    sheets["summary"]["value"] = sheets["summary"]["value"].astype(str)
    return write_xlsx(sheets, path)
