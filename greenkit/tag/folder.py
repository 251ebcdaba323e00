"""Read a tagged folder — the contract `greenkit tag BOOK -o DIR` writes.

Every later stage (carbon, library, reports, review) needs the accepted loans
joined with their tag under one taxonomy; this is the one place that knows
the folder's layout, so the writer (``output.py``) and the readers cannot drift.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from greenkit.errors import InputError, InputFileNotFound
from greenkit.io import ROW
from greenkit.io.read import file_sha256

#: Tag columns of one taxonomy in tagged.csv → names in the joined frame.
TAG_COLUMNS = {"edition": "edition", "code": "item_code", "name": "item_name",
               "status": "tag_status", "rule": "tag_rules", "reason": "tag_reason"}


def read_tagged(tagged_dir: str | Path, taxonomy: str = "in-force"
                ) -> tuple[pd.DataFrame, dict]:
    """Accepted loans with their tag under ``taxonomy``, and the run summary.

    The frame has every ``loans.parquet`` column plus ``edition``,
    ``item_code``, ``item_name``, ``tag_status``, ``tag_rules``, ``tag_reason``
    and ``taxonomy``. The summary is ``summary.json`` with a ``_provenance``
    entry holding the SHA-256 of the two files read.
    """
    folder = Path(tagged_dir)
    loans_path, tagged_path = folder / "loans.parquet", folder / "tagged.csv"
    for p in (loans_path, tagged_path):
        if not p.is_file():
            raise InputFileNotFound(f"not a tagged folder: {p.name} is missing (run "
                                    "`greenkit tag BOOK -o DIR` first)", path=folder)
    try:
        tagged = pd.read_csv(tagged_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        loans = pd.read_parquet(loans_path)
    except Exception as exc:  # pandas/pyarrow raise many types for a damaged file
        raise InputError(f"cannot read the tagged folder: {exc}", path=folder) from exc
    cols = {f"{taxonomy}.{k}": v for k, v in TAG_COLUMNS.items()}
    missing = [c for c in cols if c not in tagged]
    if missing:
        names = sorted({c.rsplit(".", 1)[0] for c in tagged.columns if c.endswith(".status")}
                       - {"declared"})
        raise InputError(f"tagged.csv has no columns for taxonomy {taxonomy!r} "
                         f"(have: {', '.join(names)})", path=tagged_path)
    # accepted loan ids are unique (duplicates are rejected), so loan_id is the key
    tags = tagged[["loan_id", *cols]].rename(columns=cols)
    loans = loans.assign(loan_id=loans["loan_id"].astype(str))
    if ROW in loans:
        loans[ROW] = loans[ROW].astype("int64")
    frame = loans.merge(tags, on="loan_id", how="left", validate="one_to_one")
    frame["taxonomy"] = taxonomy
    summary_path = folder / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else {}
    summary["_provenance"] = {"tagged_csv": file_sha256(tagged_path),
                              "loans_parquet": file_sha256(loans_path)}
    return frame, summary
