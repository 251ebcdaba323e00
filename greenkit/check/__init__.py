"""Regulator review of a bank's green-loan submission (`greenkit check`).

Python API::

    from greenkit.check import check, load_rules
    result = check(["samples/submissions/flawed"])        # CheckResult
    result.exit_code, result.findings, result.comparison
    from greenkit.check.report import write_all
    write_all(result, Path("out/review"), lang="zh", pdf=False)

See ``rules.yaml`` for the checks, ``submission.py`` for the submission layout.
"""

from greenkit.check.rules import load_rules
from greenkit.check.run import CheckResult, Review, check

__all__ = ["CheckResult", "Review", "check", "load_rules"]
