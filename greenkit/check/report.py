"""Write a review: JSON for systems, CSV tables, and the HTML/PDF report.

The report is rendered with the shared renderer (``greenkit.report.render``:
autoescaped Jinja2, WeasyPrint with a fetcher restricted to ``templates/``)
from ``templates/review/report.html.j2``; its labels are in
``templates/review/i18n.yaml``. The JSON has every finding with all the loans
behind it; the HTML shows at most ``max_loans`` loans per finding.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from greenkit.check.checks import fmt_num, fmt_pct, fmt_wan
from greenkit.check.run import CheckResult, Review, classification_table, review_dict
from greenkit.errors import ConfigError
from greenkit.io import to_jsonable, write_csv
from greenkit.io.yamlfile import load_yaml_text
from greenkit.paths import templates_dir

TEMPLATE = "review/report.html.j2"
MAX_LOANS = 20


@lru_cache(maxsize=4)
def labels(lang: str = "zh") -> dict[str, str]:
    path = templates_dir() / "review" / "i18n.yaml"
    doc = load_yaml_text(path.read_text(encoding="utf-8")) or {}
    if lang not in doc:
        raise ConfigError(f"no labels for language {lang!r}", path=path)
    return {k: str(v) for k, v in doc[lang].items()}


def _anchor(i: int) -> str:
    return f"sub-{i + 1}"


def _figures(r: Review, L: dict) -> list[dict]:
    d = r.derived
    rec = review_dict(r)["recomputed"]
    get = d.declared.get
    rows = [
        (L["ind_green_balance"], fmt_wan(get("green_loans.balance")), fmt_wan(d.totals["green_cny"])),
        (L["ind_share"], fmt_pct(get("green_loans.share")), fmt_pct(d.totals["share"])),
        (L["ind_growth"], fmt_pct(get("green_loans.growth")), fmt_pct(rec["growth"])),
        (L["ind_red_project"], fmt_num(get("emission_reductions.project_total")),
         fmt_num(d.reduction_totals["project_total"])),
        (L["ind_red_attr"], fmt_num(get("emission_reductions.attributed")),
         fmt_num(d.reduction_totals["attributed"])),
    ]
    fin = rec.get("financed")
    rows.append((L["ind_financed"], fmt_num(get("financed_emissions.total")),
                 fmt_num(fin["scope12_tco2e"]) if fin else "—"))
    dq = fin.get("weighted_data_quality") if fin else None
    rows.append((L["ind_dq"], fmt_num(get("financed_emissions.data_quality_score")),
                 fmt_num(dq) if dq is not None else "—"))
    ops = rec.get("operations")
    rows.append((L["ind_scope1"], fmt_num(get("own_operations.scope1")),
                 fmt_num(ops["scope1_tco2e"]) if ops else "—"))
    rows.append((L["ind_scope2"], fmt_num(get("own_operations.scope2")),
                 fmt_num(ops["scope2_location_tco2e"]) if ops else "—"))
    return [{"label": a, "declared": b, "recomputed": c} for a, b, c in rows]


def _params(p: dict) -> str:
    text = json.dumps(to_jsonable(p), ensure_ascii=False)
    return text if len(text) <= 300 else text[:297] + "…"


def context(result: CheckResult, lang: str = "zh", max_loans: int = MAX_LOANS) -> dict:
    L = labels(lang)
    verdict = {v: L[f"verdict_{v}"] for v in ("clean", "findings", "fail")}
    sev = {s: L[f"severity_{s}"] for s in ("high", "medium", "low", "info")}
    subs = []
    for i, r in enumerate(result.reviews):
        rd = review_dict(r)
        findings = []
        for f in rd["findings"]:
            loans = f["loans"][:max_loans]
            findings.append({**f, "name": f[f"name_{lang}"], "message": f[f"message_{lang}"],
                             "severity_label": sev.get(f["severity"], f["severity"]),
                             "loans": loans,
                             "more": L["more_loans"].format(n=f["loan_count"] - len(loans))
                             if f["loan_count"] > len(loans) else ""})
        cls = classification_table(r.derived)
        subs.append({
            "anchor": _anchor(i), "name": r.name, "source": r.source, "verdict": r.verdict,
            "verdict_label": verdict[r.verdict], "counts": r.counts(),
            "manifest": rd["manifest"], "files": r.files, "figures": _figures(r, L),
            "classification": [{"label": L.get(f"result_{x}", x), "loans": n, "amount": a}
                               for x, n, a in zip(cls["result"], cls["loans"], cls["amount"],
                                                  strict=True)],
            "findings": findings})
    comparison = []
    if len(result.reviews) > 1:
        for c in result.comparison.to_dict("records"):
            comparison.append({**c, "verdict_label": verdict[c["verdict"]]})
    toc = [{"id": "summary", "number": "", "title": L["summary"], "level": 1}]
    if comparison:
        toc.append({"id": "comparison", "number": "", "title": L["comparison"], "level": 1})
    toc += [{"id": s["anchor"], "number": "", "title": s["name"], "level": 1} for s in subs]
    toc += [{"id": "rules", "number": "", "title": L["rules"], "level": 1},
            {"id": "provenance", "number": "", "title": L["provenance"], "level": 1}]
    first = subs[0]["manifest"] if subs else {}
    entity = "、".join(s["name"] for s in subs) if lang == "zh" else ", ".join(
        s["name"] for s in subs)
    rules = [{"id": r.id, "severity": r.severity, "severity_label": sev[r.severity],
              "name": r.name(lang), "explanation": r.explanation(lang),
              "params": _params(r.params) if r.params else ""}
             for r in result.rules if r.enabled]
    from greenkit import __version__

    return {
        "doc": {"title": L["title"], "entity": entity, "subtitle": L["subtitle"],
                "period_start": first.get("period_start", ""),
                "period_end": first.get("period_end", ""), "as_of": first.get("as_of", ""),
                "published": "", "illustrative": False, "kind": "review"},
        "toc": toc, "L": L, "subs": subs, "comparison": comparison, "rules": rules,
        "run": {"line": L["greenkit"].format(version=__version__, run_at=result.run_at,
                                             seconds=result.seconds,
                                             rules=result.rules.user_file or result.rules.path)},
    }


def write_json(result: CheckResult, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_jsonable(result.as_dict()), ensure_ascii=False, indent=2,
                               allow_nan=False), encoding="utf-8")
    return path


def write_report(result: CheckResult, path: Path, lang: str = "zh",
                 max_loans: int = MAX_LOANS) -> Path:
    """HTML or PDF by suffix, through the shared renderer."""
    from greenkit.report.render import write_report as render_write

    return render_write(TEMPLATE, context(result, lang, max_loans), Path(path), lang=lang)


def write_all(result: CheckResult, out_dir: Path, lang: str = "zh", pdf: bool = False
              ) -> dict[str, Path]:
    """review.json, findings.csv, finding_loans.csv, comparison.csv, review.html [, .pdf]."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": write_json(result, out / "review.json"),
             "findings": write_csv(result.findings, out / "findings.csv"),
             "finding_loans": write_csv(result.finding_loans, out / "finding_loans.csv"),
             "html": write_report(result, out / "review.html", lang)}
    if len(result.reviews) > 1:
        paths["comparison"] = write_csv(result.comparison, out / "comparison.csv")
    if pdf:
        paths["pdf"] = write_report(result, out / "review.pdf", lang)
    return paths

