"""Readers and writers (see read.py and write.py for why they behave as they do)."""

from greenkit.io.read import (
    ROW,
    RawTable,
    detect_encoding,
    estimate_rows,
    iter_table,
    read_table,
)
from greenkit.io.write import (
    neutralise_formulas,
    to_jsonable,
    write_csv,
    write_json,
    write_parquet,
    write_table,
    write_xlsx,
)

__all__ = [
    "ROW", "RawTable", "detect_encoding", "estimate_rows", "iter_table", "read_table", "neutralise_formulas",
    "to_jsonable", "write_csv", "write_json", "write_parquet", "write_table", "write_xlsx",
]
