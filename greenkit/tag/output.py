"""Write tagging results: a folder of CSV/JSON files, or one workbook.

Folder mode streams: tagged.csv, tags.csv and loans.parquet are appended
chunk by chunk, so a book larger than memory can be tagged with --chunksize.
"""

from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from greenkit.io import write_json, write_xlsx
from greenkit.tag.encode import Part, Spooled, append_csv, unspool
from greenkit.tag.run import TagResult

STREAMED = ("tagged", "tags")


class FolderSink:
    """Receives per-chunk tables, in input order, and appends them to files in
    ``folder``: DataFrames, Arrow tables, or Arrow files a worker spooled into
    ``spool_dir`` (removed on close)."""

    @property
    def spool_dir(self) -> str:
        """Where workers leave the tables they computed (removed on close)."""
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

    def __call__(self, name: str, part: Spooled | Part) -> None:
        if name == "loans":
            self._loans(part)
            return
        append_csv(self.folder / f"{name}.csv", part, first=name not in self._started)
        self._started.add(name)

    def _loans(self, part: Spooled | Part) -> None:
        """Append to loans.parquet on a writer thread (pyarrow encodes without the
        GIL), so compressing the chunk overlaps with checking the next one."""
        table = unspool(part)
        if isinstance(table, pd.DataFrame):
            table = pa.Table.from_pandas(table, preserve_index=False)
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


def write_small(result: TagResult, folder: Path) -> dict[str, Path]:
    """The tables that are always whole: rejected, findings, flags, summary.

    Written like tagged.csv and tags.csv (pyarrow's CSV writer, formulas
    neutralised), so the folder's files share one format.
    """
    return {
        "rejected": append_csv(folder / "rejected.csv", result.rejected, first=True),
        "findings": append_csv(folder / "findings.csv", result.findings, first=True),
        "flags": append_csv(folder / "flags.csv", result.flags, first=True),
        "summary": write_json(result.summary, folder / "summary.json"),
    }


def write_workbook(result: TagResult, path: Path) -> Path:
    sheets = {"tagged": result.tagged, "tags": result.tags, "rejected": result.rejected,
              "flags": result.flags, "findings": result.findings,
              "summary": pd.json_normalize(result.summary, sep=".").T.reset_index().rename(
                  columns={"index": "key", 0: "value"})}
    sheets["summary"]["value"] = sheets["summary"]["value"].astype(str)
    return write_xlsx(sheets, path)
