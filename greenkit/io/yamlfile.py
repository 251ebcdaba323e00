"""Read a YAML document a user may have edited, with a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from greenkit.errors import ConfigError, GreenkitError, InputFileNotFound

#: libyaml's C loader parses ~10x faster than the pure-Python SafeLoader; both
#: build only plain Python objects, so results are identical.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """Parse YAML text safely with the fastest available loader.

    Every YAML parse in greenkit goes through here so that start-up (field
    registry, taxonomy manifests, flag tables) pays libyaml's cost, not
    PyYAML's pure-Python one. Raises ``yaml.YAMLError`` like ``yaml.safe_load``.
    """
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def read_yaml(path: str | Path, error: type[GreenkitError] = ConfigError,
              expect: type = dict) -> Any:
    """Parse ``path``; a missing file, invalid YAML or a document of the wrong
    type is a ``GreenkitError`` (``error``) naming the file."""
    p = Path(path)
    if not p.is_file():
        raise InputFileNotFound("does not exist", path=p)
    try:
        doc = load_yaml_text(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise error(f"not valid YAML: {exc}", path=p) from exc
    if doc is None:
        doc = expect()
    if not isinstance(doc, expect):
        raise error(f"expected a {expect.__name__} at the top level", path=p)
    return doc
