"""A loan id an earlier chunk used: reject the row afterwards, as a whole read would.

Chunks are validated in parallel, each knowing only its own ids. The writing
process checks each chunk's ids against all earlier chunks, in input order
(``DuplicateTracker.merge``). Where a row's id was used before, the row is
rejected here instead of the chunk being validated and tagged again: its
tags, flags, project key and accepted row are dropped from the chunk's
tables, a ``duplicate_id`` finding names the row of the first use (replacing
the one the worker wrote when the id also repeats within the chunk), and the
chunk's tag aggregates are recomputed from the rows that remain. The rest of
the chunk's work stands, because a row's tags never depend on the other rows
(``tests/test_tag_shared.py``). The result equals a whole read's
(``tests/test_cli.py``, ``tests/test_tag.py``), at the cost of reading back
one chunk's tables rather than tagging it twice.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from greenkit.io import ROW
from greenkit.tag.encode import split_rows
from greenkit.tag.summary import Summary, amounts
from greenkit.validate import MESSAGES, concat_findings, findings_for

if TYPE_CHECKING:
    from greenkit.tag.options import TagOptions
    from greenkit.tag.run import Prepared


def reject_repeats(p: Prepared, rows: np.ndarray, firsts: np.ndarray, file: str,
                   opts: TagOptions, fx: pd.DataFrame | None) -> Prepared:
    """``p`` with its rows ``rows`` rejected as repeats of rows ``firsts``."""
    loans, dropped = split_rows(p.loans, rows, ROW)
    tables, wide = {}, None
    for name, part in p.mapped.tables.items():
        tables[name], gone = split_rows(part, rows, ROW)
        wide = gone if name == "tagged" else wide
    flags = p.mapped.flags[~p.mapped.flags["row"].isin(rows)].reset_index(drop=True)
    projects = p.projects[~p.projects[ROW].isin(rows)].reset_index(drop=True)
    findings, new = _findings(p.findings, rows, firsts, _ids(p.rejected, dropped), file,
                              p.id_header)
    summary = _summary(p.mapped.summary, tables["tagged"], loans, flags, file, opts, fx)
    summary.accepted -= len(dropped)
    summary.rejected += len(dropped)
    summary.reasons["duplicate_id"] = summary.reasons.get("duplicate_id", 0) + new
    mapped = dataclasses.replace(p.mapped, tables=tables, flags=flags, summary=summary)
    return dataclasses.replace(p, rejected=_rejected(findings, p.rejected, dropped),
                               findings=findings, projects=projects, loans=loans, mapped=mapped)


def _ids(rejected: pd.DataFrame, dropped: pd.DataFrame) -> pd.Series:
    """Loan id by row, for the rows already rejected and those rejected now."""
    both = pd.concat([rejected[[ROW, "loan_id"]], dropped[[ROW, "loan_id"]]], ignore_index=True)
    return both.drop_duplicates(ROW).set_index(ROW)["loan_id"]


def _findings(found: pd.DataFrame, rows: np.ndarray, firsts: np.ndarray, ids: pd.Series,
              file: str, header: str | None) -> tuple[pd.DataFrame, int]:
    """The chunk's findings with one ``duplicate_id`` finding per repeated row
    naming the first use; also how many findings were added."""
    message = pd.Series("loan id already used at row " + firsts.astype(str), index=rows)
    again = (found["reason"] == "duplicate_id").to_numpy() & found["row"].isin(rows).to_numpy()
    found = found.copy()
    found.loc[again, "message"] = message.reindex(found.loc[again, "row"]).to_numpy()
    new = rows[~np.isin(rows, found.loc[again, "row"].to_numpy())]
    added = findings_for(file, new, header or "loan_id", "unique", ids.reindex(new),
                         "duplicate_id", message=MESSAGES["duplicate_id"])
    added["message"] = message.reindex(new).to_numpy()
    return concat_findings([found, added]), len(new)


def _rejected(findings: pd.DataFrame, rejected: pd.DataFrame, dropped: pd.DataFrame
              ) -> pd.DataFrame:
    """rejected.csv rows of the chunk: one per error finding, in findings order."""
    errors = findings[findings["severity"] == "error"].rename(columns={"row": ROW})
    errors = errors.assign(loan_id=errors[ROW].map(_ids(rejected, dropped)).to_numpy())
    return errors[rejected.columns].reset_index(drop=True)


def _summary(old: Summary, tagged, loans, flags: pd.DataFrame, file: str, opts: TagOptions,
             fx: pd.DataFrame | None) -> Summary:
    """The chunk's tag aggregates computed again from the rows that remain
    (exact, where subtracting amounts would not be), with its validation counts."""
    wide = tagged if isinstance(tagged, pd.DataFrame) else tagged.to_pandas()
    acc = loans if isinstance(loans, pd.DataFrame) else loans.select(
        ["currency", "outstanding"]).to_pandas()
    new = Summary(opts)
    declared = (wide[wide["declared.result"].fillna("") != ""] if "declared.result" in wide
                else pd.DataFrame(columns=["declared.result"]))
    new.add_tags(wide, amounts(acc, fx, file), declared, flags)
    for name in ("read", "accepted", "rejected", "warnings"):
        setattr(new, name, getattr(old, name))
    new.reasons = dict(old.reasons)
    return new
