"""Appending a worker's spooled CSV body to the output file (greenkit.tag.output)."""

from __future__ import annotations

import errno
import os

import pytest

from greenkit.tag import output
from greenkit.tag.encode import SpooledCsv


def _spool(tmp_path, name: str, body: bytes) -> SpooledCsv:
    p = tmp_path / name
    p.write_bytes(body)
    return SpooledCsv(b"a,b\n", str(p))


def _half_then_fail(src, dst, count):
    """A copy_file_range that copies a little, then meets a file system that cannot."""
    if os.fstat(src).st_size - os.lseek(src, 0, os.SEEK_CUR) == count and count > 5:
        return os.write(dst, os.read(src, 5))
    raise OSError(errno.EXDEV, "cross-device")


@pytest.mark.parametrize("copy", ["kernel", "absent", "fails midway"])
def test_spooled_bodies_append_in_order_whatever_the_copy(tmp_path, monkeypatch, copy):
    if copy == "absent":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    elif copy == "fails midway":
        monkeypatch.setattr(os, "copy_file_range", _half_then_fail)
    out = tmp_path / "tagged.csv"
    first, second = b'"1","x"\n"2","y"\n', b'"3","z"\n' * 1000
    output._append_csv(out, _spool(tmp_path, "p1", first), first=True)
    output._append_csv(out, _spool(tmp_path, "p2", second), first=False)
    assert out.read_bytes() == b"\xef\xbb\xbfa,b\n" + first + second
    assert not (tmp_path / "p1").exists() and not (tmp_path / "p2").exists()
