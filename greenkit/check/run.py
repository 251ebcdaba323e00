"""``greenkit check``: review one or several submissions.

``check(paths)`` opens every submission safely, re-derives its figures
(``derive.py``), runs each enabled rule (``checks.py``) and, when several
submissions are checked together, the batch rules (peer range, same project in
several submissions) and a comparison table across submitters. The result
serialises to JSON (``as_dict``) and feeds the HTML/PDF review report.

Verdict per submission: ``fail`` when a ``high`` finding exists, ``findings``
when only ``medium``/``low`` ones do, ``clean`` otherwise (``info`` findings
are notes). The command exits 0 when every submission is clean, 1 otherwise,
and 2 when a submission cannot be read (``SubmissionError``).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from greenkit import __version__
from greenkit.check import checks as ck
from greenkit.check.derive import Derived, derive
from greenkit.check.rules import COUNTING, Rules, load_rules, parse_tolerance, with_tolerance
from greenkit.check.submission import DEFAULT_LIMITS, Limits, open_submission
from greenkit.io.read import file_sha256

FINDING_TABLE = ["submission", "rule", "severity", "category", "name_zh", "name_en",
                 "message_zh", "message_en", "amount", "difference", "unit", "declared",
                 "recomputed", "loan_count", "loan_ids", "file", "key"]
VERDICTS = ("clean", "findings", "fail")


@dataclass
class Review:
    """The review of one submission."""

    name: str
    source: str
    derived: Derived
    findings: list[ck.Finding]
    files: dict = field(default_factory=dict)

    @property
    def counting(self) -> list[ck.Finding]:
        return [f for f in self.findings if f.severity in COUNTING]

    @property
    def verdict(self) -> str:
        sev = {f.severity for f in self.findings}
        if "high" in sev:
            return "fail"
        if sev & {"medium", "low"}:
            return "findings"
        return "clean"

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in ("high", "medium", "low", "info")}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out


@dataclass
class CheckResult:
    reviews: list[Review]
    rules: Rules
    comparison: pd.DataFrame
    run_at: str = ""
    seconds: float = 0.0
    options: dict = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return all(r.verdict == "clean" for r in self.reviews)

    @property
    def exit_code(self) -> int:
        return 0 if self.clean else 1

    @property
    def findings(self) -> pd.DataFrame:
        rows = []
        for r in self.reviews:
            for f in r.findings:
                rows.append({**{k: getattr(f, k) for k in FINDING_TABLE
                                if k not in ("loan_count", "loan_ids")},
                             "loan_count": len(f.loans), "loan_ids": ";".join(f.loan_ids)})
        return pd.DataFrame(rows, columns=FINDING_TABLE)

    @property
    def finding_loans(self) -> pd.DataFrame:
        parts = []
        for r in self.reviews:
            for n, f in enumerate(r.findings, start=1):
                if len(f.loans):
                    parts.append(f.loans.assign(submission=r.name, finding=n, rule=f.rule,
                                                severity=f.severity))
        cols = ["submission", "finding", "rule", "severity", *ck.LOAN_COLUMNS]
        if not parts:
            return pd.DataFrame(columns=cols)
        return pd.concat(parts, ignore_index=True)[cols]

    def as_dict(self) -> dict:
        return {
            "greenkit_version": __version__, "run_at": self.run_at, "seconds": self.seconds,
            "options": self.options,
            "verdict": "clean" if self.clean else max(
                (r.verdict for r in self.reviews), key=VERDICTS.index),
            "exit_code": self.exit_code,
            "rules": {"file": self.rules.path, "user_file": self.rules.user_file,
                      "rules": [r.as_dict() for r in self.rules]},
            "submissions": [review_dict(r) for r in self.reviews],
            "comparison": self.comparison.to_dict("records"),
        }


def _sort(findings: list[ck.Finding]) -> list[ck.Finding]:
    return sorted(findings, key=lambda f: (ck.SEVERITY_RANK.get(f.severity, 9),
                                           -(f.amount or 0.0), f.rule, f.key))


def _finding_dict(n: int, f: ck.Finding) -> dict:
    return {"n": n, "rule": f.rule, "severity": f.severity, "category": f.category,
            "name_zh": f.name_zh, "name_en": f.name_en, "message_zh": f.message_zh,
            "message_en": f.message_en, "amount_yuan": f.amount, "difference": f.difference,
            "unit": f.unit, "declared": f.declared, "recomputed": f.recomputed, "file": f.file,
            "key": f.key, "loan_count": int(len(f.loans)),
            "loans": f.loans.to_dict("records")}


def recomputed_dict(d: Derived) -> dict:
    t, rt = d.totals, d.reduction_totals
    out = {
        "green_loan_balance_yuan": t["green_cny"], "total_loan_balance_yuan": t["total_cny"],
        "green_share": t["share"], "green_loans": t["green_loans"], "loans": t["loans"],
        "new_green_in_period_yuan": t["new_green_cny"],
        "growth": None, "by_category": d.by_category.to_dict("records"),
        "reductions": rt,
        "classification": classification_table(d).to_dict("records"),
        "grid_factors": d.grid_factors.to_dict("records"),
    }
    prior = d.declared.get("green_loans.prior_balance")
    if prior:
        out["growth"] = (t["green_cny"] - prior) / prior
    if d.financed is not None:
        s = d.financed.summary
        out["financed"] = {"scope12_tco2e": s["totals"]["financed_scope12_tco2e"],
                           "weighted_data_quality": s.get("weighted_data_quality")}
    if d.operations is not None:
        tot = d.operations.summary["totals"]
        out["operations"] = {"scope1_tco2e": tot["scope1_tco2e"],
                             "scope2_location_tco2e": tot["scope2_location_tco2e"]}
    return out


def classification_table(d: Derived) -> pd.DataFrame:
    """Declared green loans by verification result: count and amount."""
    L = d.loans[d.loans["declared"]]
    res = L["declared.result"].replace("", "no_code")
    g = L.assign(result=res).groupby("result").agg(loans=("loan_id", "size"),
                                                   amount=("outstanding", "sum"))
    return g.reset_index()


def review_dict(r: Review) -> dict:
    d = r.derived
    m = d.manifest
    return {
        "name": r.name, "source": r.source, "verdict": r.verdict, "counts": r.counts(),
        "manifest": {"bank_name": m.bank_name, "credit_code": m.credit_code,
                     "period_start": str(m.period_start or ""),
                     "period_end": str(m.period_end or ""), "as_of": str(m.as_of),
                     "catalogue": m.catalogue, "reporting_year": m.reporting_year},
        "files": r.files,
        "tag": {k: d.tag.summary.get(k) for k in ("read", "accepted", "rejected",
                                                   "nothing_lost", "declared", "flags",
                                                   "editions")},
        "declared": {p: {"value": f.raw_value, "unit": f.raw_unit, "canonical": f.value}
                     for p, f in d.declared.scalars.items()},
        "recomputed": recomputed_dict(d),
        "findings": [_finding_dict(n, f) for n, f in enumerate(r.findings, start=1)],
    }


def comparison_table(reviews: list[Review]) -> pd.DataFrame:
    rows = []
    for r in reviews:
        d = r.derived
        c = r.counts()
        cls = classification_table(d).set_index("result")
        dec_total = float(cls["amount"].sum()) if len(cls) else 0.0
        confirmed = float(cls["amount"].get("confirmed", 0.0)) if len(cls) else 0.0
        rows.append({
            "submission": r.name, "credit_code": d.manifest.credit_code,
            "period_end": str(d.manifest.period_end or ""), "verdict": r.verdict,
            "high": c["high"], "medium": c["medium"], "low": c["low"], "info": c["info"],
            "declared_green_balance_yuan": d.declared.get("green_loans.balance"),
            "recomputed_green_balance_yuan": d.totals["green_cny"],
            "declared_share": d.declared.get("green_loans.share"),
            "recomputed_share": d.totals["share"],
            "confirmed_share_of_declared": confirmed / dec_total if dec_total else None,
            "declared_reductions_tco2e": d.declared.get("emission_reductions.project_total"),
            "recomputed_reductions_tco2e": d.reduction_totals["project_total"],
            "reductions_per_wan_yuan": ck.intensity(d),
        })
    return pd.DataFrame(rows)


def check(paths: list[str | Path] | str | Path, rules: Rules | str | Path | None = None,
          tolerance: float | str | None = None, limits: Limits = DEFAULT_LIMITS) -> CheckResult:
    """Review submissions (folders or zips); see the module docstring."""
    started = time.perf_counter()
    run_at = dt.datetime.now().isoformat(timespec="seconds")
    if isinstance(paths, str | Path):
        paths = [paths]
    rs = rules if isinstance(rules, Rules) else load_rules(rules)
    tol = parse_tolerance(tolerance) if isinstance(tolerance, str) else tolerance
    rs = with_tolerance(rs, tol)
    subs = []
    try:
        for p in paths:
            subs.append(open_submission(p, limits))
        for s, n in zip(subs, _unique_names([s.name for s in subs]), strict=True):
            s.name = n
        derived = [derive(s) for s in subs]
        per: list[list[ck.Finding]] = []
        for d in derived:
            found: list[ck.Finding] = []
            for rid, func in ck.SINGLE.items():
                rule = rs.rules.get(rid)
                if rule is not None and rule.enabled:
                    found += func(d, rule)
            per.append(found)
        for rid, func in ck.BATCH.items():
            rule = rs.rules.get(rid)
            if rule is None or not rule.enabled:
                continue
            index = {d.name: i for i, d in enumerate(derived)}
            for f in func(derived, rule):
                per[index[f.submission]].append(f)
        reviews = [Review(name=d.name, source=str(d.sub.source), derived=d, findings=_sort(f),
                          files={k: {"name": p.name, "sha256": file_sha256(p)}
                                 for k, p in d.sub.files.items()})
                   for d, f in zip(derived, per, strict=True)]
        result = CheckResult(reviews=reviews, rules=rs, comparison=comparison_table(reviews),
                             run_at=run_at, options={"tolerance": tol,
                                                     "rules_file": rs.user_file})
    finally:
        for s in subs:
            s.close()
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _unique_names(names: list[str]) -> list[str]:
    out, seen = [], {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out
