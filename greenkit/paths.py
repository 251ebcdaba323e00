"""Where greenkit finds its shipped data.

The rule tables (``taxonomies/``) and report templates (``templates/``) sit
beside the package in the repository, because they are data a user reads,
diffs and copies — not code. ``GREENKIT_HOME`` points elsewhere (e.g. a
checkout used by an installed package).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    env = os.environ.get("GREENKIT_HOME")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def taxonomies_dir() -> Path:
    return home() / "taxonomies"


def templates_dir() -> Path:
    return home() / "templates"


def samples_dir() -> Path:
    return home() / "samples"
