"""One error hierarchy for greenkit.

Every error a user can cause (a bad file, a broken taxonomy folder, an unknown
unit) is a ``GreenkitError``. Each subclass also inherits the matching
built-in so that callers who catch ``ValueError`` or ``FileNotFoundError``
keep working. Messages start with the file or rule they are about, because a
risk officer reading a terminal should know where to look without a traceback.
The CLI turns any ``GreenkitError`` into one line and exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where a table is built: ``import greenkit`` stays light
    import pandas as pd

#: Columns of every findings table greenkit produces (validation, taxonomy
#: checks, review findings). One vocabulary so tables can be concatenated.
#: ``severity`` is ``error`` (the row is rejected) or ``warning`` (kept, noted).
FINDING_COLUMNS = ["file", "row", "column", "check", "value", "reason", "severity", "message"]


class GreenkitError(Exception):
    """Base class: something the user can fix, explained in one line."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, **context: Any):
        self.path = str(path) if path is not None else None
        self.context = context
        prefix = f"{self.path}: " if self.path and not message.startswith(self.path) else ""
        super().__init__(prefix + message)


class InputError(GreenkitError, ValueError):
    """An input file cannot be read or used at all."""


class InputFileNotFound(GreenkitError, FileNotFoundError):
    """The path given does not exist."""


class EncodingError(InputError, UnicodeError):
    """A text file is in none of the encodings greenkit understands."""


class UnitError(GreenkitError, ValueError):
    """A unit could not be understood or has the wrong dimension."""


class ColumnMappingError(InputError):
    """A ``--columns`` mapping is malformed or names an unknown field."""


class TaxonomyError(GreenkitError, ValueError):
    """A taxonomy folder is missing, malformed or fails validation."""

    def __init__(self, message: str, *, findings: pd.DataFrame | None = None, **kw: Any):
        self.findings = findings if findings is not None else empty_findings()
        super().__init__(message, **kw)


class ConfigError(GreenkitError, ValueError):
    """A configuration or profile file is invalid."""


class StoreError(GreenkitError, RuntimeError):
    """The library database cannot be opened or written."""


class SubmissionError(InputError):
    """A regulator's submission folder or zip cannot be read safely."""


@dataclass
class Findings:
    """Collects problems as rows instead of raising at the first one."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, file: str, row: Any, column: str, check: str, value: Any, reason: str,
            severity: str = "error", message: str = "") -> None:
        self.rows.append(
            {"file": file, "row": row, "column": column, "check": check,
             "value": value, "reason": reason, "severity": severity, "message": message}
        )

    def extend(self, frame: pd.DataFrame) -> None:
        if len(frame):
            self.rows.extend(frame[FINDING_COLUMNS].to_dict("records"))

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        if not self.rows:
            return empty_findings()
        return pd.DataFrame(self.rows, columns=FINDING_COLUMNS)


def empty_findings() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in FINDING_COLUMNS})
