"""The worker processes that tag a big book chunk by chunk.

Workers are forked from one fork server that has imported the tagger
(pandas, pyarrow, pandera and greenkit take ~0.7 s of CPU to import), so each
worker starts in milliseconds and leaves with ``os._exit`` instead of a slow
interpreter teardown. Plain ``fork`` of the main process is not used: its
Arrow thread pools must not be forked.

This module stays light (no pandas) so that the console entry point can start
the fork server *before* it imports the command line: for a big book the
server's imports then overlap the main process's own, which saves their
duration from every ``greenkit tag`` of a big book.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Modules the fork server imports once, before it forks any worker.
PRELOAD = ("greenkit.tag.run",)
#: A file at least this big is read in more than one default chunk (200,000
#: rows of a loan book take 25-40 MB as CSV), so ``greenkit tag`` starts its
#: workers before reading it.
BIG_FILE_BYTES = 64 << 20
_INPUTS = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq"}
_GLOBAL_FLAGS = {"--debug", "--quiet", "-q"}


def context():
    """The multiprocessing context workers are started from: a fork server
    where the platform has one (not on Windows, where workers are spawned)."""
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def prestart() -> None:
    """Start the fork server now; it imports the tagger in its own process."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def is_big(path: str | Path) -> bool:
    try:
        p = Path(path)
        return p.is_file() and p.stat().st_size >= BIG_FILE_BYTES
    except OSError:
        return False


def will_fan_out(argv: list[str]) -> bool:
    """Whether a command line is ``greenkit tag`` on a big book with workers.

    A cheap look at the words, before any parsing: the command is ``tag``,
    a later word names an input file of at least ``BIG_FILE_BYTES``, and
    ``--workers 1`` or ``--chunksize 0`` (no workers) are absent. It only
    decides whether to start the fork server early; a wrong guess costs a
    server that is started later, or one that stays unused.
    """
    words = [w for w in argv if w not in _GLOBAL_FLAGS]
    if not words or words[0] != "tag":
        return False
    rest = words[1:]
    pairs = {f"{a}={b}" for a, b in zip(rest, rest[1:], strict=False)} | set(rest)
    if pairs & {"--workers=1", "--chunksize=0"}:
        return False
    return any(not w.startswith("-") and os.path.splitext(w)[1].lower() in _INPUTS
               and is_big(w) for w in rest)
