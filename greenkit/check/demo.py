"""Demo step of `greenkit check`: review the clean and the flawed sample submissions.

``run_demo(out_dir)`` checks ``samples/submissions/clean`` and
``samples/submissions/flawed`` one by one and the three sample banks together
(batch comparison), writing review.json, findings CSVs and review.html under
``out_dir/check/``. With ``pdf=True`` the PDF reports are written too (about
a minute each on a 2-core machine, so the default demo writes HTML).
"""

from __future__ import annotations

from pathlib import Path

from greenkit.check.report import write_all
from greenkit.check.run import CheckResult, check
from greenkit.paths import samples_dir

#: Problems planted in the flawed sample and the rule that must name each.
PLANTED = {
    "misclassified loans": "CHK-K01",
    "inflated green loan balance": "CHK-R01",
    "wrong grid factor": "CHK-R06",
    "reductions computed with the wrong factor": "CHK-R05",
    "missing JR/T 0227 elements": "CHK-C01",
}


def run_demo(out_dir: Path, pdf: bool = False, lang: str = "zh") -> dict[str, Path]:
    base = samples_dir() / "submissions"
    out = Path(out_dir) / "check"
    steps: dict[str, Path] = {}
    results: dict[str, CheckResult] = {}
    for name in ("clean", "flawed"):
        res = check([base / name])
        results[name] = res
        paths = write_all(res, out / name, lang=lang, pdf=pdf)
        steps[f"check {name} ({res.reviews[0].verdict})"] = paths["html"]
    batch = check([base / "clean", base / "flawed", base / "peer"])
    paths = write_all(batch, out / "batch", lang=lang, pdf=pdf)
    steps["check batch (comparison)"] = paths["html"]
    named = planted_named(results["flawed"])
    missing = [k for k, v in named.items() if not v]
    if results["clean"].exit_code != 0 or missing:
        from greenkit.errors import GreenkitError

        raise GreenkitError(f"check demo: clean verdict {results['clean'].reviews[0].verdict}; "
                            f"planted problems not named: {', '.join(missing) or 'none'}")
    return steps


#: Loans the sample script declares green although they are not (PLANTED).
PLANTED_MISCLASSIFIED_IDS = ("XM2024000474", "XM2020000041", "XM2020000457")


def planted_named(result: CheckResult) -> dict[str, bool]:
    """For each planted problem of the flawed sample: does the review name it?"""
    found = result.reviews[0].findings
    rules = {f.rule for f in found}
    out = {k: v in rules for k, v in PLANTED.items()}
    k_loans = {i for f in found if f.rule in ("CHK-K01", "CHK-K02") for i in f.loan_ids}
    out["misclassified loans"] = set(PLANTED_MISCLASSIFIED_IDS) <= k_loans
    out["wrong grid factor"] = any(f.rule == "CHK-R06" and "福建" in f.message_zh
                                   and "0.5306" in f.declared for f in found)
    return out
