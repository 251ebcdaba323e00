"""Open a bank's submission (a folder or a zip) safely.

Layout (names are fixed; see ``samples/README.md``)::

    manifest.yaml            bank_name, credit_code, period_start, period_end, as_of, catalogue
    loans.csv | loans.xlsx   loan-level data with the bank's declared classification
                             (the input contract of `greenkit tag`)
    declared.yaml | .json    declared figures, every number with its unit
    report.html | report.pdf optional: the published disclosure report
    financed.csv | .xlsx     optional: PCAF inputs (`greenkit carbon financed`)
    operations.yaml          optional: own-operations activity data (`greenkit carbon company`)
    README.md | README.txt   optional: a note for humans (not read)

A zip may hold these at its top level or inside one folder. It is refused
when an entry has an absolute path, a ``..`` component, a drive letter or a
backslash path, is a symlink, is encrypted, repeats a name, is not in the
layout, or when the entries would expand beyond the size or ratio limits
(zip bombs): the limits are checked against the header sizes first and again
while extracting, on the bytes actually written. ``__MACOSX/`` entries and
``.DS_Store`` files are skipped. A folder is refused when it contains a
symlink, a sub-folder or a file outside the layout. Every refusal is a
``SubmissionError`` naming the submission and the entry (exit code 2).
"""

from __future__ import annotations

import json
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from greenkit.errors import SubmissionError
from greenkit.io.yamlfile import load_yaml_text

#: kind → accepted file names (first match wins), and whether required.
LAYOUT: dict[str, tuple[tuple[str, ...], bool]] = {
    "manifest": (("manifest.yaml", "manifest.yml", "manifest.json"), True),
    "loans": (("loans.csv", "loans.xlsx"), True),
    "declared": (("declared.yaml", "declared.yml", "declared.json"), True),
    "report": (("report.html", "report.htm", "report.pdf"), False),
    "financed": (("financed.csv", "financed.xlsx"), False),
    "operations": (("operations.yaml", "operations.yml"), False),
    "readme": (("README.md", "README.txt", "readme.md", "readme.txt"), False),
}
ALLOWED = {name: kind for kind, (names, _) in LAYOUT.items() for name in names}
SKIPPED = ("__MACOSX/", ".DS_Store")


@dataclass(frozen=True)
class Limits:
    """Zip-bomb limits (bytes and a compression ratio)."""

    max_entries: int = 32
    max_file_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 200.0


DEFAULT_LIMITS = Limits()
_CHUNK = 1 << 20


@dataclass
class Submission:
    """An opened submission: its files and the parsed manifest and declared figures."""

    name: str
    source: Path
    root: Path
    files: dict[str, Path]
    manifest: dict
    declared: dict
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Submission:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def file_label(self, kind: str) -> str:
        p = self.files.get(kind)
        return f"{self.name}/{p.name}" if p else f"{self.name}/{kind}"


# --------------------------------------------------------------------------- zip


def _entry_problem(name: str) -> str | None:
    """Why a zip entry name is unsafe, or None."""
    if "\x00" in name:
        return "contains a NUL character"
    if "\\" in name:
        return "uses backslashes (a Windows path)"
    if name.startswith("/"):
        return "is an absolute path"
    if len(name) >= 2 and name[1] == ":":
        return "has a drive letter"
    parts = PurePosixPath(name).parts
    if any(p == ".." for p in parts):
        return "has a '..' component (path traversal)"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _skipped(name: str) -> bool:
    return name.startswith(SKIPPED[0]) or PurePosixPath(name).name == SKIPPED[1]


def _plan_zip(zf: zipfile.ZipFile, label: str, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Check every entry; return layout name → entry (refuse anything unsafe)."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise SubmissionError(f"has {len(infos)} entries (limit {limits.max_entries})",
                              path=label)
    files, total = [], 0
    for info in infos:
        name = info.filename
        why = _entry_problem(name)
        if why:
            raise SubmissionError(f"entry {name!r} {why}; refused", path=label)
        if _is_symlink(info):
            raise SubmissionError(f"entry {name!r} is a symlink; refused", path=label)
        if info.flag_bits & 0x1:
            raise SubmissionError(f"entry {name!r} is encrypted; refused", path=label)
        if info.is_dir() or _skipped(name):
            continue
        if info.file_size > limits.max_file_bytes:
            raise SubmissionError(f"entry {name!r} expands to {info.file_size:,} bytes "
                                  f"(limit {limits.max_file_bytes:,}); refused", path=label)
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            raise SubmissionError(f"entry {name!r} has a compression ratio of "
                                  f"{info.file_size / info.compress_size:,.0f}:1 "
                                  f"(limit {limits.max_ratio:,.0f}:1, a zip bomb?); refused",
                                  path=label)
        total += info.file_size
        files.append(info)
    if total > limits.max_total_bytes:
        raise SubmissionError(f"expands to {total:,} bytes (limit {limits.max_total_bytes:,}); "
                              "refused", path=label)
    # one optional top-level folder
    tops = {PurePosixPath(i.filename).parts[0] for i in files}
    prefix: tuple[str, ...] = ()
    if files and all(len(PurePosixPath(i.filename).parts) == 2 for i in files) and len(tops) == 1:
        prefix = (tops.pop(),)
    plan: dict[str, zipfile.ZipInfo] = {}
    for info in files:
        parts = PurePosixPath(info.filename).parts[len(prefix):]
        if len(parts) != 1 or parts[0] not in ALLOWED:
            raise SubmissionError(f"entry {info.filename!r} is not part of the submission "
                                  f"layout ({', '.join(sorted(ALLOWED))}); refused", path=label)
        if parts[0] in plan:
            raise SubmissionError(f"entry {info.filename!r} appears twice; refused", path=label)
        plan[parts[0]] = info
    return plan


def _extract(zf: zipfile.ZipFile, plan: dict[str, zipfile.ZipInfo], dest: Path, label: str,
             limits: Limits) -> None:
    """Stream each planned entry to ``dest/name``, counting the bytes really written."""
    total = 0
    for name, info in plan.items():
        written = 0
        target = dest / name  # a bare layout name: cannot leave dest
        with zf.open(info) as src, open(target, "wb") as out:
            while True:
                chunk = src.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                total += len(chunk)
                if written > max(info.file_size, 0) or written > limits.max_file_bytes \
                        or total > limits.max_total_bytes:
                    raise SubmissionError(f"entry {info.filename!r} expands beyond its "
                                          "declared size or the limits; refused", path=label)
                out.write(chunk)


def _open_zip(path: Path, limits: Limits) -> tuple[Path, tempfile.TemporaryDirectory]:
    label = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SubmissionError(f"is not a readable zip file ({exc})", path=label) from exc
    tmp = tempfile.TemporaryDirectory(prefix="greenkit-check-")
    try:
        with zf:
            plan = _plan_zip(zf, label, limits)
            _extract(zf, plan, Path(tmp.name), label, limits)
    except SubmissionError:
        tmp.cleanup()
        raise
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        tmp.cleanup()
        raise SubmissionError(f"cannot be extracted ({exc})", path=label) from exc
    return Path(tmp.name), tmp


# --------------------------------------------------------------------------- folder


def _check_folder(path: Path, limits: Limits) -> None:
    label = str(path)
    if path.is_symlink():
        raise SubmissionError("is a symlink; refused", path=label)
    total = 0
    for p in sorted(path.iterdir()):
        if p.name == SKIPPED[1]:
            continue
        if p.is_symlink():
            raise SubmissionError(f"{p.name!r} is a symlink; refused", path=label)
        if p.is_dir():
            raise SubmissionError(f"{p.name!r} is a folder; a submission is flat "
                                  f"({', '.join(sorted(ALLOWED))}); refused", path=label)
        if p.name not in ALLOWED:
            raise SubmissionError(f"{p.name!r} is not part of the submission layout "
                                  f"({', '.join(sorted(ALLOWED))}); refused", path=label)
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise SubmissionError(f"{p.name!r} has {size:,} bytes (limit "
                                  f"{limits.max_file_bytes:,}); refused", path=label)
        total += size
    if total > limits.max_total_bytes:
        raise SubmissionError(f"holds {total:,} bytes (limit {limits.max_total_bytes:,}); "
                              "refused", path=label)


# --------------------------------------------------------------------------- parsing


def _find(root: Path, label: str) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for kind, (names, required) in LAYOUT.items():
        hits = [root / n for n in names if (root / n).is_file()]
        if len(hits) > 1:
            raise SubmissionError(f"has both {hits[0].name} and {hits[1].name}; keep one",
                                  path=label)
        if hits:
            files[kind] = hits[0]
        elif required:
            raise SubmissionError(f"has no {kind} file (expected one of {', '.join(names)})",
                                  path=label)
    return files


def read_mapping(path: Path, label: str) -> dict:
    """A YAML or JSON file that must hold a mapping (safe loaders only)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        doc = json.loads(text) if path.suffix.lower() == ".json" else load_yaml_text(text)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SubmissionError(f"{path.name} cannot be parsed: {exc}", path=label) from exc
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise SubmissionError(f"{path.name} must hold a mapping (key: value), not "
                              f"{type(doc).__name__}", path=label)
    return doc


def open_submission(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """Open a folder or a zip; the caller closes it (or uses ``with``)."""
    src = Path(path)
    label = str(src)
    if not src.exists() and not src.is_symlink():
        raise SubmissionError("does not exist", path=label)
    tmp = None
    if src.is_dir() and not src.is_symlink():
        _check_folder(src, limits)
        root = src
    elif src.is_symlink():
        raise SubmissionError("is a symlink; refused", path=label)
    elif zipfile.is_zipfile(src):
        root, tmp = _open_zip(src, limits)
    else:
        raise SubmissionError("is neither a folder nor a zip file", path=label)
    try:
        files = _find(root, label)
        manifest = read_mapping(files["manifest"], label)
        declared = read_mapping(files["declared"], label)
    except SubmissionError:
        if tmp is not None:
            tmp.cleanup()
        raise
    name = str(manifest.get("bank_name") or "").strip() or src.stem
    return Submission(name=name, source=src, root=root, files=files, manifest=manifest,
                      declared=declared, _tmp=tmp)

