"""A throwaway PostgreSQL server for the library store tests.

``pg_url()`` returns a SQLAlchemy URL for a database on a real PostgreSQL
server, started once per test session and stopped at exit:

1. ``GREENKIT_TEST_PG_URL``, when set, is used as it is (a server you run).
2. Otherwise the Debian ``postgresql`` package's binaries are found under
   ``/usr/lib/postgresql/*/bin`` (``scripts/ensure-system.sh`` installs the
   package under ``make test`` as root). ``initdb`` refuses to run as root,
   so as root both ``initdb`` and ``pg_ctl`` run as the ``postgres`` OS user
   (``runuser -u postgres --``) on a data directory and a unix-socket
   directory inside a temporary folder owned by that user. The server
   listens only on 127.0.0.1, on a free port, with ``trust`` authentication,
   fsync off (a test server), and a database ``greenkit_test`` is created.
3. If none of that is possible, ``PgUnavailable`` says exactly what is
   missing; the tests then skip with that reason (loudly: a warning and the
   skip reason in pytest's summary), or fail when ``GREENKIT_REQUIRE_PG=1``.

This module also holds the worker function the concurrency test runs in
spawned processes (it must be importable by name in the child).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DB_NAME = "greenkit_test"


class PgUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


_server: dict | None = None
_failure: str | None = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parts[-3].split(".")])
    if not found:
        raise PgUnavailable("no PostgreSQL server binaries: /usr/lib/postgresql/*/bin/initdb not "
                            "found (install the Debian package `postgresql`; `make test` does "
                            "this when run as root)")
    return Path(found[-1]).parent


def _runner() -> tuple[list[str], str | None]:
    """Command prefix to run the server binaries, and the OS user that owns the files."""
    if os.geteuid() != 0:
        return [], None
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PgUnavailable("running as root, and initdb refuses root, but there is no "
                            "`postgres` OS user to run it as") from exc
    runuser = shutil.which("runuser")
    if not runuser:
        raise PgUnavailable("running as root, and initdb refuses root, but `runuser` is missing")
    return [runuser, "-u", "postgres", "--"], "postgres"


def _run(cmd: list[str], what: str, timeout: int = 120) -> None:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PgUnavailable(f"{what} failed: {exc}") from exc
    if r.returncode != 0:
        raise PgUnavailable(f"{what} failed (exit {r.returncode}): "
                            f"{(r.stderr or r.stdout).strip()[-600:]}")


def start() -> dict:
    """Start a server (once per process); return {'url', 'dir', ...}."""
    bindir = _bin_dir()
    prefix, owner = _runner()
    root = Path(tempfile.mkdtemp(prefix="greenkit-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    if owner:
        import pwd

        pw = pwd.getpwnam(owner)
        for p in (root, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    _run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--locale=C", "--no-sync"], "initdb")
    port = _free_port()
    opts = (f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off")
    _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w",
          "-t", "60", "start"], "pg_ctl start")
    info = {"root": root, "data": data, "port": port, "prefix": prefix, "bindir": bindir}
    atexit.register(stop, info)
    import psycopg

    deadline = time.time() + 30
    while True:
        try:
            with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres",
                                 autocommit=True) as c:
                c.execute(f"CREATE DATABASE {DB_NAME}")
            break
        except psycopg.OperationalError as exc:
            if time.time() > deadline:
                stop(info)
                raise PgUnavailable(f"server started but refused connections: {exc}") from exc
            time.sleep(0.2)
    info["url"] = f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DB_NAME}"
    return info


def stop(info: dict) -> None:
    if info.get("stopped"):
        return
    info["stopped"] = True
    subprocess.run([*info["prefix"], str(info["bindir"] / "pg_ctl"), "-D", str(info["data"]),
                    "-m", "immediate", "-w", "stop"], capture_output=True, check=False,
                   timeout=60)
    shutil.rmtree(info["root"], ignore_errors=True)


def pg_url() -> str:
    """The test server's URL; raises PgUnavailable (cached) when none can be had."""
    global _server, _failure
    env = os.environ.get("GREENKIT_TEST_PG_URL")
    if env:
        return env
    if _server is not None:
        return _server["url"]
    if _failure is not None:
        raise PgUnavailable(_failure)
    try:
        _server = start()
    except PgUnavailable as exc:
        _failure = str(exc)
        raise
    return _server["url"]


def reset_database(url: str) -> None:
    """Drop every table greenkit made, so each test starts from an empty database."""
    from sqlalchemy import create_engine

    eng = create_engine(url)
    with eng.begin() as c:
        c.exec_driver_sql("DROP SCHEMA public CASCADE")
        c.exec_driver_sql("CREATE SCHEMA public")
    eng.dispose()


# --------------------------------------------------------------------------
# Worker for the concurrency test (runs in a spawned process)
# --------------------------------------------------------------------------

def admit_worker(jobs: list[tuple[str, list[str]]], batch: str, actor: str, barrier, out
                 ) -> None:
    """For each (url, ids): wait for the other process, then admit ``ids`` one at a
    time (one transaction each). Reports the entry ids this process admitted."""
    from greenkit.library.store import Store

    admitted: list[list[int]] = []
    try:
        for url, ids in jobs:
            store = Store(url)
            mine: list[int] = []
            barrier.wait(timeout=120)
            for i in ids:
                mine.extend(store.admit(batch, actor, ids=[i])["admitted_ids"])
            admitted.append(mine)
            store.close()
        out.put((actor, admitted, None))
    except Exception as exc:  # reported to the parent, which fails the test
        out.put((actor, admitted, f"{type(exc).__name__}: {exc}"))
