"""Small pieces every CLI command shares: console, output formats, progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from greenkit.io import to_jsonable, write_table


@dataclass
class _State:
    debug: bool = False
    quiet: bool = False


state = _State()


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


FORMAT_OPT = typer.Option(Format.table, "--format", "-f", help="Output format.")
LANG_OPT = typer.Option(Lang.zh, "--lang", help="Language of labels: zh (default) or en.")


def console(err: bool = False) -> Console:
    return Console(stderr=err, soft_wrap=False, width=None)


def say(*args, **kw) -> None:
    """Print unless --quiet."""
    if not state.quiet:
        console().print(*args, **kw)


def emit(frame: pd.DataFrame, fmt: Format, title: str = "", output: Path | None = None,
         json_obj=None) -> None:
    """Print a table in the requested format, or write it to ``output``."""
    if output is not None:
        if fmt == Format.json and json_obj is not None:
            output.write_text(json.dumps(to_jsonable(json_obj), ensure_ascii=False, indent=2),
                              encoding="utf-8")
        else:
            write_table(frame, output)
        say(f"wrote {output}")
        return
    if fmt == Format.json:
        data = json_obj if json_obj is not None else frame.to_dict("records")
        typer.echo(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2))
    elif fmt == Format.csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    else:
        console().print(rich_table(frame, title))


def rich_table(frame: pd.DataFrame, title: str = "", max_rows: int = 200) -> Table:
    t = Table(title=title or None, show_lines=False, header_style="bold")
    for i, col in enumerate(frame.columns):
        # the first column is the key a user scans for: never wrap it
        t.add_column(str(col), overflow="fold", no_wrap=i == 0)
    for row in frame.head(max_rows).itertuples(index=False):
        t.add_row(*["" if pd.isna(v) else str(v) for v in row])
    if len(frame) > max_rows:
        t.caption = f"{max_rows} of {len(frame)} rows shown; use --format csv for all"
    return t
