"""The on-disk cache of validated taxonomies: a hit equals a fresh load, any
change to a folder's files invalidates it, damage is rebuilt, broken folders
are never cached, and ``GREENKIT_NO_CACHE`` turns it off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from greenkit.errors import TaxonomyError
from greenkit.taxonomy import load as L
from greenkit.taxonomy import load_taxonomy

MINI = Path(__file__).parent / "fixtures" / "mini-green"
TABLES = ("items", "rules", "criteria", "cases", "warnings")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A private cache dir, and no in-process cache hiding the disk cache."""
    root = tmp_path / "cache"
    monkeypatch.setenv("GREENKIT_CACHE_DIR", str(root))
    monkeypatch.delenv("GREENKIT_NO_CACHE", raising=False)
    L._load_cached.cache_clear()
    yield root
    L._load_cached.cache_clear()


@pytest.fixture
def folder(tmp_path) -> Path:
    dst = tmp_path / "mini-green"
    shutil.copytree(MINI, dst)
    return dst


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Record every folder that is actually read and checked (a cache miss)."""
    seen: list[Path] = []
    real = L.read_folder

    def spy(folder: Path):
        seen.append(folder)
        return real(folder)

    monkeypatch.setattr(L, "read_folder", spy)
    return seen


def cached_files(root: Path) -> list[Path]:
    return sorted((root / "taxonomies").glob("*.pickle")) if root.exists() else []


def reload(what):
    """Load again in a 'new process': only the disk cache survives."""
    L._load_cached.cache_clear()
    return load_taxonomy(what)


def assert_same(a, b) -> None:
    assert (a.id, a.path, dict(a.manifest)) == (b.id, b.path, dict(b.manifest))
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


@pytest.mark.parametrize("which", ["mini", "cn-green-bond-2021"])
def test_hit_equals_fresh_load(cache_dir, folder, reads, monkeypatch, which):
    what = folder if which == "mini" else which
    first = load_taxonomy(what)
    assert len(reads) == 1 and len(cached_files(cache_dir)) == 1
    hit = reload(what)
    assert len(reads) == 1, "a cache hit must not read the folder"
    assert_same(hit, first)
    monkeypatch.setenv("GREENKIT_NO_CACHE", "1")
    assert_same(hit, reload(what))


def test_editing_a_file_invalidates(cache_dir, folder, reads):
    load_taxonomy(folder)
    items = pd.read_csv(folder / "items.csv", dtype=str, keep_default_na=False)
    items.loc[0, "name_zh"] = "清洁能源产业"
    items.to_csv(folder / "items.csv", index=False)
    t = reload(folder)
    assert len(reads) == 2
    assert t.items.loc[0, "name_zh"] == "清洁能源产业"
    assert len(cached_files(cache_dir)) == 1, "the stale entry of the folder is dropped"
    reload(folder)
    assert len(reads) == 2


def test_new_file_in_folder_invalidates(cache_dir, folder, reads):
    load_taxonomy(folder)
    (folder / "NOTES.md").write_text("local notes\n", encoding="utf-8")
    reload(folder)
    assert len(reads) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_corrupt_cache_file_is_rebuilt(cache_dir, folder, reads, damage):
    fresh = load_taxonomy(folder)
    (path,) = cached_files(cache_dir)
    path.write_bytes(damage)
    assert_same(reload(folder), fresh)
    assert len(reads) == 2
    assert path.read_bytes() != damage
    reload(folder)
    assert len(reads) == 2, "the rebuilt file is used again"


def test_broken_folder_is_not_cached_and_still_raises(cache_dir, folder, reads):
    rules = pd.read_csv(folder / "rules.csv", dtype=str, keep_default_na=False)
    rules.loc[0, "item_code"] = "7.7.7"
    rules.to_csv(folder / "rules.csv", index=False)
    for _ in range(2):
        with pytest.raises(TaxonomyError) as exc:
            reload(folder)
        assert "item_missing" in set(exc.value.findings["check"])
    assert len(reads) == 2
    assert cached_files(cache_dir) == []


def test_no_cache_env_disables(cache_dir, folder, reads, monkeypatch):
    monkeypatch.setenv("GREENKIT_NO_CACHE", "1")
    load_taxonomy(folder)
    reload(folder)
    assert len(reads) == 2
    assert not cache_dir.exists()


def test_cache_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("GREENKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("GREENKIT_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert L._cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("GREENKIT_CACHE_DIR")
    assert L._cache_dir() == tmp_path / "xdg" / "greenkit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert L._cache_dir() == tmp_path / "home" / ".cache" / "greenkit"
    monkeypatch.setenv("GREENKIT_NO_CACHE", "1")
    assert L._cache_dir() is None
