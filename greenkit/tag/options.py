"""What a tagging run is asked to do (``TagOptions``) and what it returns (``TagResult``)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from greenkit.io import ROW
from greenkit.tag.editions import IN_FORCE

DEFAULT_TAXONOMIES = (IN_FORCE, "cn-green-bond-2021")
LONG_COLUMNS = ["loan_id", ROW, "taxonomy", "edition", "rank", "item_code", "item_name", "status",
                "score", "rules", "evidence", "missing", "failed", "reason", "override"]


@dataclass
class TagOptions:
    taxonomies: tuple[str, ...] = DEFAULT_TAXONOMIES
    as_of: dt.date | None = None
    product: str | None = None
    industry_system: str | None = None
    amount_unit: str | None = None
    renames: dict[str, str] | None = None
    sheet: str | None = None
    chunksize: int | None = None
    overrides: str | Path | None = None
    fx: str | Path | None = None
    workers: int | None = None  # tagging processes for multi-chunk books; None = one per CPU

    def worker_count(self) -> int:
        return max(1, self.workers if self.workers is not None else min(os.cpu_count() or 1, 4))

    @property
    def report_date(self) -> dt.date:
        return self.as_of or dt.date.today()

    @property
    def names(self) -> list[str]:
        """The requested taxonomy names, each once, in the order given."""
        return list(dict.fromkeys(str(n) for n in self.taxonomies))


@dataclass
class TagResult:
    """The tables `greenkit tag` writes, as DataFrames (plus the summary)."""

    tagged: pd.DataFrame
    tags: pd.DataFrame
    rejected: pd.DataFrame
    findings: pd.DataFrame
    flags: pd.DataFrame
    loans: pd.DataFrame
    summary: dict = field(default_factory=dict)
