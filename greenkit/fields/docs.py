"""Generate the README's input-contract tables from the field registry.

The README must not drift from the registry, so its field tables are written
by this module between markers (``<!-- fields:TABLE -->`` … ``<!-- /fields -->``)
and a test checks they are current. Run ``python -m greenkit.fields.docs`` to
rewrite them after changing a field.
"""

from __future__ import annotations

import re
import sys

from greenkit.fields import Field, registry
from greenkit.paths import home

MARKER = re.compile(r"(<!-- fields:(?P<table>\w+) -->\n)(?P<body>.*?)(<!-- /fields -->)", re.S)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(f: Field) -> str:
    aliases = ", ".join(a for a in f.aliases if not a.isascii())
    english = ", ".join(a for a in f.aliases if a.isascii())
    unit = f.unit or ""
    req = "required" + (", unique" if f.unique else "") if f.required else ""
    return (f"| `{f.name}` | {_cell(f.label_zh)} | {_cell(aliases)} | {_cell(f.label_en)}"
            f"{'; ' + _cell(english) if english else ''} | {f.dtype} | {_cell(unit)} | {req} |"
            f" {_cell(f.description)} |")


def markdown_table(table: str) -> str:
    """The contract of one input table as a Markdown table."""
    fields = [f for f in registry() if table in f.tables] if table != "technical" else [
        f for f in registry() if not f.tables]
    head = ("| field | 中文表头 | other Chinese headers | English | dtype | unit | | meaning |\n"
            "|---|---|---|---|---|---|---|---|\n")
    return head + "\n".join(_row(f) for f in fields) + "\n"


def render(text: str) -> str:
    return MARKER.sub(lambda m: m.group(1) + markdown_table(m.group("table")) + m.group(4), text)


def main() -> None:
    path = home() / "README.md"
    text = path.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"updated {path}")
    sys.exit(0)


if __name__ == "__main__":
    main()
