"""The ``greenkit`` console command: the command line of ``greenkit.cli``,
preceded, for ``greenkit tag`` on a big book, by starting the workers' fork
server before the command line's own imports (see ``greenkit.workers``)."""

from __future__ import annotations

import sys


def main() -> None:
    from greenkit.workers import prestart, will_fan_out

    if will_fan_out(sys.argv[1:]):
        prestart()
    from greenkit.cli import main as cli_main

    cli_main()
