"""greenkit — green finance classification, carbon accounting and disclosure.

Data flows one way: read → validate → tag → account → recognise → render/check.
Every stage is callable from Python as well as from the ``greenkit`` CLI.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("greenkit")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"

from greenkit.errors import GreenkitError  # noqa: E402
from greenkit.tag import tag  # noqa: E402
from greenkit.taxonomy import load_taxonomy  # noqa: E402

__all__ = ["GreenkitError", "__version__", "load_taxonomy", "tag"]
