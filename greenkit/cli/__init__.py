"""The ``greenkit`` command line.

Conventions shared by every command: ``-o/--output``, ``--format
table|json|csv``, ``--lang zh|en`` (Chinese by default), ``--quiet``; exit 0
on success, 1 when the run completed with findings (rejected rows, failed
review checks), 2 on a usage or input error. A ``GreenkitError`` is printed as
one line; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys

import typer

from greenkit import __version__
from greenkit.cli.common import console, state
from greenkit.errors import GreenkitError

app = typer.Typer(
    name="greenkit",
    help="绿色金融分类、碳核算与信息披露工具 · Green finance tagging, carbon accounting and disclosure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"greenkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only print errors."),
) -> None:
    state.debug = debug
    state.quiet = quiet


def _register() -> None:
    from greenkit.cli import carbon, check, demo, library, report, tag, taxonomy

    app.command("demo")(demo.demo)
    app.add_typer(taxonomy.app, name="taxonomy")
    app.command("tag")(tag.tag)
    app.add_typer(carbon.app, name="carbon")
    app.add_typer(library.app, name="library")
    app.add_typer(report.app, name="report")
    app.command("check")(check.check)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn greenkit errors into one clear line."""
    try:
        rc = app(args=argv, standalone_mode=False)
    except GreenkitError as exc:
        if state.debug:
            raise
        console(err=True).print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        console(err=True).print("aborted")
        sys.exit(2)
    except Exception as exc:
        # usage errors from typer's (vendored) click carry show() and exit_code
        if callable(getattr(exc, "show", None)) and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2)
        if state.debug:
            raise
        console(err=True).print(
            f"[bold red]internal error:[/] {type(exc).__name__}: {exc} (run with --debug for details)",
            highlight=False, soft_wrap=True)
        sys.exit(3)
    sys.exit(rc if isinstance(rc, int) else 0)
