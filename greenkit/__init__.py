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

__all__ = ["GreenkitError", "__version__", "load_taxonomy", "tag"]


def __getattr__(name: str):
    """``greenkit.tag`` and ``greenkit.load_taxonomy``, imported on first use so that
    ``import greenkit`` stays fast for processes that only need a part of it."""
    if name == "load_taxonomy":
        from greenkit.taxonomy import load_taxonomy

        return load_taxonomy
    if name == "tag":
        import importlib

        return importlib.import_module("greenkit.tag")  # a callable module, see greenkit/tag
    raise AttributeError(f"module 'greenkit' has no attribute {name!r}")
