"""The console entry point starts the workers' fork server early only for
``greenkit tag`` on a big book (greenkit.workers.will_fan_out)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from greenkit.workers import BIG_FILE_BYTES, will_fan_out


@pytest.fixture
def big(tmp_path):
    p = tmp_path / "book.csv"
    with p.open("wb") as fh:  # sparse: the size is what counts
        fh.truncate(BIG_FILE_BYTES)
    return str(p)


@pytest.mark.parametrize("argv,expected", [
    (["tag", "{big}", "-o", "out"], True),
    (["--quiet", "tag", "{big}", "-o", "out", "--as-of", "2026-09-30"], True),
    (["tag", "-o", "out", "{big}"], True),
    (["tag", "{big}", "-o", "out", "--workers", "1"], False),
    (["tag", "{big}", "-o", "out", "--workers=1"], False),
    (["tag", "{big}", "-o", "out", "--chunksize", "0"], False),
    (["tag", "{small}", "-o", "out"], False),
    (["tag", "missing.csv", "-o", "out"], False),
    (["check", "{big}"], False),
    (["report", "esg", "-o", "tag", "{big}"], False),
    ([], False),
])
def test_fork_server_started_early_only_for_big_books(big, tmp_path, argv, expected):
    small = tmp_path / "small.csv"
    small.write_text("贷款编号\nA\n", encoding="utf-8")
    words = [w.format(big=big, small=small) for w in argv]
    assert will_fan_out(words) is expected


def test_console_entry_point_runs_the_command_line():
    out = subprocess.run([sys.executable, "-m", "greenkit", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("greenkit ")
