"""`greenkit demo` — run the whole pipeline on samples/ and write to out/."""

from __future__ import annotations

from pathlib import Path

import typer

from greenkit.cli.common import say


def demo(output: Path = typer.Option(Path("out"), "--output", "-o",
                                     help="Folder the demo writes to.")) -> None:
    """Run every stage greenkit has on the shipped samples and write the outputs."""
    from greenkit.demo import run_demo

    results = run_demo(output)
    for step, path in results.items():
        say(f"[green]✓[/] {step}: {path}")
