"""Tagging: classify loans and projects under taxonomies, explain, flag, verify."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd

from greenkit.tag.run import DEFAULT_TAXONOMIES, TagOptions, TagResult, run


def tag(frame_or_path: pd.DataFrame | str | Path,
        taxonomies: tuple[str, ...] | list[str] = DEFAULT_TAXONOMIES,
        as_of: dt.date | str | None = None, **options) -> TagResult:
    """Tag a loan book (DataFrame with input headers, or a file path).

    Returns a ``TagResult`` with the same tables the CLI writes (tagged, tags,
    rejected, findings, flags, loans) and the summary dict.
    """
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    opts = TagOptions(taxonomies=tuple(taxonomies), as_of=as_of, **options)
    return run(frame_or_path, opts)


__all__ = ["DEFAULT_TAXONOMIES", "TagOptions", "TagResult", "tag"]


class _CallableModule(sys.modules[__name__].__class__):
    """``greenkit.tag`` is both this package and the documented function
    ``greenkit.tag(book, taxonomies=..., as_of=...)``: once the package is
    imported, Python binds the attribute ``greenkit.tag`` to the module, so the
    module itself forwards calls to :func:`tag`."""

    def __call__(self, *args, **kwargs) -> TagResult:
        return tag(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
