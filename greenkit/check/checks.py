"""The review checks: one small function per rule of ``rules.yaml``.

Each function takes the re-derived results of one submission (``Derived``) and
its rule, and returns findings: rule id, severity, a message in Chinese and
English, the amount at stake (元) or the difference in the figure's unit, and
the loans behind the finding. Functions only compare — the arithmetic is in
``derive.py``. Batch checks (peer range, same project in several
submissions) take every submission at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from greenkit.check.derive import Derived
from greenkit.check.rules import Rule
from greenkit.errors import TaxonomyError
from greenkit.ids import uscc_problem
from greenkit.io import ROW
from greenkit.tag.editions import IN_FORCE, chain
from greenkit.taxonomy import load_taxonomy

LOAN_COLUMNS = ["loan_id", ROW, "borrower_name", "outstanding", "currency", "detail"]
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


@dataclass
class Finding:
    submission: str
    rule: str
    severity: str
    category: str
    name_zh: str
    name_en: str
    message_zh: str
    message_en: str
    amount: float | None = None          # money at stake, 元
    difference: float | None = None      # declared − recomputed, in `unit`
    unit: str = ""
    declared: str = ""
    recomputed: str = ""
    file: str = ""
    key: str = ""
    loans: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LOAN_COLUMNS))

    @property
    def loan_ids(self) -> list[str]:
        return [str(x) for x in self.loans["loan_id"].tolist()] if len(self.loans) else []

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


# --------------------------------------------------------------------------- formatting


def fmt_num(x: float | None, digits: int = 2) -> str:
    """Thousands-separated number; scientific beyond 1e15; '—' when missing or not finite."""
    if x is None:
        return "—"
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return "—"
    if not math.isfinite(xf):
        return "—"
    if abs(xf) >= 1e15:
        return f"{xf:.4e}"
    return f"{xf:,.{digits}f}"


def fmt_wan(yuan: float | None) -> str:
    """元 → 'n,nnn.nn 万元'."""
    text = fmt_num(yuan / 1e4 if isinstance(yuan, int | float) else None)
    return text if text == "—" else f"{text} 万元"


def fmt_pct(frac: float | None) -> str:
    return "—" if frac is None else f"{fmt_num(frac * 100, 2)} %"


def fmt_t(t: float | None) -> str:
    return f"{fmt_num(t, 2)} tCO2e"


def close(declared: float, recomputed: float, rel: float, abs_tol: float) -> bool:
    """|d − r| ≤ max(abs_tol, rel × |r|)."""
    if not (math.isfinite(declared) and math.isfinite(recomputed)):
        return False
    return abs(declared - recomputed) <= max(abs_tol, rel * abs(recomputed))


def _loans(frame: pd.DataFrame, detail: pd.Series | str = "") -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=LOAN_COLUMNS)
    out = pd.DataFrame(index=frame.index)
    for c in LOAN_COLUMNS[:-1]:
        out[c] = frame[c] if c in frame else ""
    out["detail"] = detail if isinstance(detail, pd.Series) else detail
    out = out.sort_values("outstanding", ascending=False, kind="stable")
    return out.reset_index(drop=True)


def _f(d: Derived, rule: Rule, zh: str, en: str, **kw) -> Finding:
    return Finding(submission=d.name, rule=rule.id, severity=kw.pop("severity", rule.severity),
                   category=rule.category, name_zh=rule.name_zh, name_en=rule.name_en,
                   message_zh=zh, message_en=en, **kw)


def _money_tol(rule: Rule) -> tuple[float, float]:
    rel = float(rule.params.get("rel_tolerance", 0.0))
    abs_tol = float(rule.params.get("abs_tolerance", 0.0))
    unit = rule.params.get("abs_unit", "")
    if unit == "万元":
        abs_tol *= 1e4
    return rel, abs_tol


# --------------------------------------------------------------------------- completeness


def chk_c01(d: Derived, rule: Rule) -> list[Finding]:
    elements = rule.params.get("elements") or []
    text = (d.report_text or "").replace(" ", "").replace("\u3000", "")
    listed = {s.replace(" ", "") for s in d.declared.sections}
    missing = []
    for e in elements:
        if not e.get("required", True):
            continue
        keys = {e["id"], e["title_zh"], *e.get("match", [])}
        in_listed = bool(listed & {k.replace(" ", "") for k in keys})
        in_text = any(str(k).replace(" ", "") in text for k in e.get("match", [])) if text \
            else False
        if not (in_listed or in_text):
            missing.append(e)
    if not missing:
        return []
    src_zh = "报告正文" if d.report_text is not None else "（未提交报告）"
    src_en = "the report text" if d.report_text is not None else "(no report submitted)"
    if d.report_problem:
        src_zh = src_en = d.report_problem
    zh = (f"{len(missing)} 个要素在{src_zh}和 disclosure.sections 中均未找到："
          + "；".join(f"{e['id']} {e['title_zh']}" for e in missing))
    en = (f"{len(missing)} element(s) found neither in {src_en} nor in disclosure.sections: "
          + "; ".join(f"{e['id']} {e['title_en']}" for e in missing))
    return [_f(d, rule, zh, en, file=d.sub.file_label("report"),
               key=",".join(e["id"] for e in missing))]


def chk_c02(d: Derived, rule: Rule) -> list[Finding]:
    req = set(rule.params.get("required") or [])
    probs = [p for p in d.manifest.problems if p["field"] in req or p["problem"] != "missing"]
    if d.manifest.catalogue and d.manifest.catalogue != IN_FORCE:
        try:
            load_taxonomy(d.manifest.catalogue)
        except TaxonomyError:
            probs.append({"field": "catalogue",
                          "problem": f"unknown catalogue {d.manifest.catalogue!r}"})
    if not probs:
        return []
    zh = "manifest：" + "；".join(f"{p['field']} {_zh_problem(p['problem'])}" for p in probs)
    en = "manifest: " + "; ".join(f"{p['field']} {p['problem']}" for p in probs)
    return [_f(d, rule, zh, en, file=d.sub.file_label("manifest"),
               key=",".join(p["field"] for p in probs))]


def _zh_problem(p: str) -> str:
    return "缺失" if p == "missing" else p


def chk_c03(d: Derived, rule: Rule) -> list[Finding]:
    missing = [p for p in rule.params.get("required") or [] if p not in d.declared.present]
    if not missing:
        return []
    return [_f(d, rule, "declared 文件缺少：" + "、".join(missing),
               "declared figures missing: " + ", ".join(missing),
               file=d.sub.file_label("declared"), key=",".join(missing))]


def chk_c04(d: Derived, rule: Rule) -> list[Finding]:
    out = []
    for p in d.declared.problems:
        v = str(p["value"])[:60]
        out.append(_f(d, rule, f"{p['path']} = {v} {p['unit']}：{p['problem']}",
                      f"{p['path']} = {v} {p['unit']}: {p['problem']}",
                      declared=f"{v} {p['unit']}".strip(), file=d.sub.file_label("declared"),
                      key=p["path"]))
    return out


def chk_c05(d: Derived, rule: Rule) -> list[Finding]:
    out = []
    have = set(d.tag.loans.columns)
    cols = [c for c in rule.params.get("required_columns") or [] if c not in have]
    if cols:
        out.append(_f(d, rule, "贷款明细缺少列：" + "、".join(cols),
                      "loan-level data lacks column(s): " + ", ".join(cols),
                      file=d.sub.file_label("loans"), key=",".join(cols)))
    L = d.loans
    nocode = L[L["declared"] & (L["declared_code"] == "")]
    if len(nocode):
        out.append(_f(d, rule,
                      f"{len(nocode)} 笔申报为绿色的贷款未填写分类代码（余额 "
                      f"{fmt_wan(nocode['outstanding'].sum())}），无法核对分类",
                      f"{len(nocode)} loan(s) declared green without an item code "
                      f"({fmt_wan(nocode['outstanding'].sum())}); the classification cannot "
                      "be verified",
                      amount=float(nocode["outstanding"].sum()), file=d.sub.file_label("loans"),
                      key="declared_code", loans=_loans(nocode, "declared_taxonomy=" +
                                                        nocode["declared_taxonomy"])))
    return out


def chk_c06(d: Derived, rule: Rule) -> list[Finding]:
    r = d.reductions
    if r is None or r.empty:
        return []
    miss = r[~r["status"].isin(["ok", "reported"])]
    if miss.empty:
        return []
    detail = (miss["status"].astype(str) + ": " + miss["missing"].astype(str)).str.strip(": ")
    zh = (f"{len(miss)} 笔申报绿色贷款的减排量无法重算（余额 {fmt_wan(miss['outstanding'].sum())}）；"
          "未计入重算结果，不按 0 计")
    en = (f"reductions of {len(miss)} declared green loan(s) cannot be recomputed "
          f"({fmt_wan(miss['outstanding'].sum())}); left out, not counted as 0")
    return [_f(d, rule, zh, en, amount=float(miss["outstanding"].sum()),
               file=d.sub.file_label("loans"), loans=_loans(miss, detail))]


# --------------------------------------------------------------------------- recalculation


def chk_r01(d: Derived, rule: Rule) -> list[Finding]:
    dec = d.declared.get("green_loans.balance")
    if dec is None:
        return []
    rec = d.totals["green_cny"]
    rel, abs_tol = _money_tol(rule)
    if close(dec, rec, rel, abs_tol):
        return []
    diff = dec - rec
    zh = (f"申报绿色贷款余额 {fmt_wan(dec)}，明细中申报为绿色的 {d.totals['green_loans']} 笔贷款"
          f"合计 {fmt_wan(rec)}，差额 {fmt_wan(diff)}（{fmt_pct(diff / rec if rec else None)}）")
    en = (f"declared green loan balance {fmt_wan(dec)}; the {d.totals['green_loans']} loans "
          f"declared green in the loan data total {fmt_wan(rec)}; difference {fmt_wan(diff)} "
          f"({fmt_pct(diff / rec if rec else None)})")
    return [_f(d, rule, zh, en, amount=abs(diff), difference=diff, unit="元",
               declared=fmt_wan(dec), recomputed=fmt_wan(rec), file=d.sub.file_label("declared"),
               key="green_loans.balance")]


def chk_r02(d: Derived, rule: Rule) -> list[Finding]:
    figs = d.declared.lists.get("green_loans.by_category", [])
    if not figs:
        return []
    rel, abs_tol = _money_tol(rule)
    by = d.by_category
    dec_rows = [(str(f.extra.get("catalogue") or ""), str(f.extra.get("code") or "").strip(),
                 f.value) for f in figs if f.ok]
    seen = set()
    out = []
    cats = set(by["declared_edition"])
    for cat, code, val in dec_rows:
        cat = cat or (next(iter(cats)) if len(cats) == 1 else "")
        m = by[(by["category"] == code) & ((by["declared_edition"] == cat) | (cat == ""))]
        rec = float(m["amount"].sum())
        seen |= {(e, c) for e, c in zip(m["declared_edition"], m["category"], strict=True)}
        if close(val, rec, rel, abs_tol):
            continue
        L = d.loans
        sel = L[L["declared"] & L["cny"] & (L["category"] == code)
                & ((L["declared_edition"] == cat) | (cat == ""))]
        diff = val - rec
        out.append(_f(d, rule,
                      f"{cat} 第 {code} 类：申报 {fmt_wan(val)}，明细合计 {fmt_wan(rec)}"
                      f"（{len(sel)} 笔），差额 {fmt_wan(diff)}",
                      f"{cat} category {code}: declared {fmt_wan(val)}, loan-level "
                      f"{fmt_wan(rec)} ({len(sel)} loans), difference {fmt_wan(diff)}",
                      amount=abs(diff), difference=diff, unit="元", declared=fmt_wan(val),
                      recomputed=fmt_wan(rec), file=d.sub.file_label("declared"),
                      key=f"{cat}:{code}", loans=_loans(sel, "declared " + sel["declared_code"])))
    rest = by[[(e, c) not in seen for e, c in zip(by["declared_edition"], by["category"],
                                                  strict=True)]]
    rest = rest[rest["amount"] > abs_tol]
    for e, c, a, n in zip(rest["declared_edition"], rest["category"], rest["amount"],
                          rest["loans"], strict=True):
        out.append(_f(d, rule,
                      f"{e} 第 {c or '（无代码）'} 类有 {n} 笔申报绿色贷款（{fmt_wan(a)}），"
                      "但分类申报中没有该类",
                      f"{e} category {c or '(no code)'} has {n} declared green loan(s) "
                      f"({fmt_wan(a)}) but no declared category figure",
                      amount=float(a), difference=-float(a), unit="元", declared="—",
                      recomputed=fmt_wan(a), file=d.sub.file_label("declared"), key=f"{e}:{c}"))
    return out


def chk_r03(d: Derived, rule: Rule) -> list[Finding]:
    dec = d.declared.get("green_loans.share")
    rec = d.totals["share"]
    if dec is None or rec is None:
        return []
    tol = float(rule.params.get("abs_tolerance_pct_points", 0.0)) / 100
    if abs(dec - rec) <= tol:
        return []
    zh = (f"申报绿色贷款占比 {fmt_pct(dec)}，明细重算 {fmt_pct(rec)}（绿色 "
          f"{fmt_wan(d.totals['green_cny'])} ÷ 各项贷款 {fmt_wan(d.totals['total_cny'])}）")
    en = (f"declared green share {fmt_pct(dec)}; recomputed {fmt_pct(rec)} (green "
          f"{fmt_wan(d.totals['green_cny'])} ÷ all loans {fmt_wan(d.totals['total_cny'])})")
    return [_f(d, rule, zh, en, difference=(dec - rec) * 100, unit="pp",
               declared=fmt_pct(dec), recomputed=fmt_pct(rec),
               file=d.sub.file_label("declared"), key="green_loans.share")]


def chk_r04(d: Derived, rule: Rule) -> list[Finding]:
    dec = d.declared.get("green_loans.growth")
    prior = d.declared.get("green_loans.prior_balance")
    if dec is None or prior is None or prior <= 0:
        return []
    rec = (d.totals["green_cny"] - prior) / prior
    tol = float(rule.params.get("abs_tolerance_pct_points", 0.0)) / 100
    if abs(dec - rec) <= tol:
        return []
    zh = (f"申报增长率 {fmt_pct(dec)}；按明细期末余额 {fmt_wan(d.totals['green_cny'])} 与申报上期余额 "
          f"{fmt_wan(prior)} 重算为 {fmt_pct(rec)}")
    en = (f"declared growth {fmt_pct(dec)}; from the loan-level balance "
          f"{fmt_wan(d.totals['green_cny'])} and the declared prior balance {fmt_wan(prior)} "
          f"it is {fmt_pct(rec)}")
    return [_f(d, rule, zh, en, difference=(dec - rec) * 100, unit="pp", declared=fmt_pct(dec),
               recomputed=fmt_pct(rec), file=d.sub.file_label("declared"),
               key="green_loans.growth")]


def _changed_by_factor(d: Derived) -> pd.DataFrame:
    """Loans whose reduction changes when the declared factors are used."""
    a, b = d.reductions, d.reductions_declared_factors
    if b is None or a is None or a.empty:
        return a.iloc[:0] if a is not None else pd.DataFrame(columns=LOAN_COLUMNS)
    ra, rb = a["reduction_tco2e"].astype(float), b["reduction_tco2e"].astype(float)
    changed = (ra.notna() & rb.notna() & ~np.isclose(ra, rb, rtol=1e-9, atol=1e-9)).to_numpy()
    out = a[changed].copy()
    out["declared_factor_reduction"] = rb[changed].to_numpy()
    return out


def chk_r05(d: Derived, rule: Rule) -> list[Finding]:
    rel = float(rule.params.get("rel_tolerance", 0.0))
    abs_tol = float(rule.params.get("abs_tolerance", 0.0))
    out = []
    rt = d.reduction_totals
    for path, key, label_zh, label_en in (
            ("emission_reductions.project_total", "project_total", "项目年碳减排量",
             "project annual reductions"),
            ("emission_reductions.attributed", "attributed", "按贷款份额归属的年碳减排量",
             "attributed annual reductions")):
        dec = d.declared.get(path)
        if dec is None:
            continue
        rec = rt[key]
        if close(dec, rec, rel, abs_tol):
            continue
        diff = dec - rec
        alt = rt.get(f"{key}_declared_factors")
        zh = (f"申报{label_zh} {fmt_t(dec)}；按官方电力排放因子重算 {fmt_t(rec)}"
              f"（{rt['loans_ok']} 笔可重算），差额 {fmt_t(diff)}")
        en = (f"declared {label_en} {fmt_t(dec)}; recomputed with the official electricity "
              f"factors {fmt_t(rec)} ({rt['loans_ok']} loans computable); difference "
              f"{fmt_t(diff)}")
        if alt is not None and not close(alt, rec, 1e-9, 1e-6):
            if close(dec, alt, rel, abs_tol):
                zh += f"。用银行申报的因子重算得 {fmt_t(alt)}，与申报值一致：差异来自所用因子"
                en += (f". With the bank's declared factors the recomputation gives "
                       f"{fmt_t(alt)}, matching the declared figure: the gap comes from the "
                       "factor used")
            else:
                zh += f"。用银行申报的因子重算得 {fmt_t(alt)}"
                en += f". With the bank's declared factors: {fmt_t(alt)}"
        ch = _changed_by_factor(d)
        detail = ("official " + ch["reduction_tco2e"].map(fmt_num) + " vs declared-factor "
                  + ch["declared_factor_reduction"].map(fmt_num) + " tCO2e") if len(ch) else ""
        out.append(_f(d, rule, zh, en, amount=float(ch["outstanding"].sum()) if len(ch) else None,
                      difference=diff, unit="tCO2e", declared=fmt_t(dec), recomputed=fmt_t(rec),
                      file=d.sub.file_label("declared"), key=path, loans=_loans(ch, detail)))
    return out


def _loans_in_region(d: Derived, region: str) -> pd.DataFrame:
    r = d.reductions
    if r is None or r.empty or "factor_region" not in r:
        return pd.DataFrame(columns=LOAN_COLUMNS)
    return r[(r["factor_region"].astype("string") == region)
             & (r["factor_status"].astype("string") == "ok")]


def chk_r06(d: Derived, rule: Rule) -> list[Finding]:
    tol = float(rule.params.get("abs_tolerance", 0.0))
    out = []
    for row in d.grid_factors.itertuples(index=False):  # one row per declared factor
        if not row.usable:
            continue
        yr = "" if pd.isna(row.year) else int(row.year)
        if pd.isna(row.official):
            zh = (f"申报 {row.region_input} {yr} 年电力排放因子 {row.declared:.4f} tCO2/MWh："
                  f"官方表中没有 {row.region} {yr} 数据年份的数值")
            en = (f"declared factor {row.declared:.4f} tCO2/MWh for {row.region_input} {yr}: "
                  f"the official table has no value for {row.region}, data year {yr}")
        elif abs(row.declared - row.official) > tol:
            zh = (f"申报 {row.region_input} {yr} 年电力排放因子 {row.declared:.4f} tCO2/MWh，"
                  f"官方数值为 {row.official:.4f}（{row.official_document}）")
            en = (f"declared factor for {row.region_input} {yr}: {row.declared:.4f} tCO2/MWh; "
                  f"the official value is {row.official:.4f} ({row.official_document})")
        else:
            continue
        affected = _loans_in_region(d, row.region)
        out.append(_f(d, rule, zh, en, amount=float(affected["outstanding"].sum()) if len(
            affected) else None, difference=(row.declared - row.official) if not pd.isna(
            row.official) else None, unit="tCO2/MWh", declared=f"{row.declared:.4f}",
            recomputed="—" if pd.isna(row.official) else f"{row.official:.4f}",
            file=d.sub.file_label("declared"), key=row.path,
            loans=_loans(affected, "annual_generation-based reduction in " + row.region)))
    return out


def chk_r07(d: Derived, rule: Rule) -> list[Finding]:
    r = d.reductions
    if r is None or r.empty:
        return []
    rel = float(rule.params.get("rel_tolerance", 0.0))
    abs_tol = float(rule.params.get("abs_tolerance", 0.0))
    rep = pd.to_numeric(r["reported_reduction_tco2e"], errors="coerce")
    rec = pd.to_numeric(r["reduction_tco2e"], errors="coerce")
    both = (r["status"] == "ok") & rep.notna() & rec.notna()
    bad = both & ((rep - rec).abs() > np.maximum(abs_tol, rel * rec.abs()))
    if not bad.any():
        return []
    sel = r[bad]
    diff = float((rep - rec)[bad].sum())
    detail = ("reported " + rep[bad].map(fmt_num) + " vs recomputed " + rec[bad].map(fmt_num)
              + " tCO2e")
    zh = (f"{int(bad.sum())} 笔贷款逐笔申报的年碳减排量与重算不符，合计多报 {fmt_t(diff)}"
          if diff >= 0 else f"{int(bad.sum())} 笔贷款逐笔申报的年碳减排量与重算不符，合计差额 "
          f"{fmt_t(diff)}")
    en = (f"{int(bad.sum())} loan(s) report an annual reduction that differs from the "
          f"recomputation; net difference {fmt_t(diff)}")
    return [_f(d, rule, zh, en, amount=float(sel["outstanding"].sum()), difference=diff,
               unit="tCO2e", file=d.sub.file_label("loans"), key="reported_reduction",
               loans=_loans(sel, detail))]


def _not_rederivable(d: Derived, rule: Rule, what_zh: str, what_en: str, path: str,
                     input_name: str) -> Finding:
    sev = rule.params.get("missing_data_severity", "info")
    return _f(d, rule, f"申报了{what_zh}，但未提交 {input_name}，无法核验",
              f"{what_en} declared but no {input_name} submitted: cannot be re-derived",
              severity=sev, file=d.sub.file_label("declared"), key=path)


def chk_r08(d: Derived, rule: Rule) -> list[Finding]:
    dec = d.declared.get("financed_emissions.total")
    if dec is None:
        return []
    if d.financed is None:
        return [_not_rederivable(d, rule, "投融资碳排放", "financed emissions",
                                 "financed_emissions.total", "financed.csv")]
    rel = float(rule.params.get("rel_tolerance", 0.0))
    abs_tol = float(rule.params.get("abs_tolerance", 0.0))
    rec = float(d.financed.summary["totals"]["financed_scope12_tco2e"])
    if close(dec, rec, rel, abs_tol):
        return []
    zh = f"申报投融资碳排放（范围一、二）{fmt_t(dec)}；按 PCAF 重算 {fmt_t(rec)}"
    en = f"declared financed emissions (Scope 1+2) {fmt_t(dec)}; PCAF recomputation {fmt_t(rec)}"
    return [_f(d, rule, zh, en, difference=dec - rec, unit="tCO2e", declared=fmt_t(dec),
               recomputed=fmt_t(rec), file=d.sub.file_label("financed"),
               key="financed_emissions.total")]


def chk_r09(d: Derived, rule: Rule) -> list[Finding]:
    dec = d.declared.get("financed_emissions.data_quality_score")
    if dec is None or d.financed is None:
        return []
    rec = d.financed.summary.get("weighted_data_quality")
    if rec is None or (isinstance(rec, float) and math.isnan(rec)):
        return []
    tol = float(rule.params.get("abs_tolerance", 0.0))
    if abs(dec - float(rec)) <= tol:
        return []
    zh = f"申报加权数据质量评分 {dec:.2f}；按余额加权重算 {float(rec):.2f}"
    en = f"declared weighted data-quality score {dec:.2f}; recomputed {float(rec):.2f}"
    return [_f(d, rule, zh, en, difference=dec - float(rec), unit="score",
               declared=f"{dec:.2f}", recomputed=f"{float(rec):.2f}",
               file=d.sub.file_label("financed"), key="financed_emissions.data_quality_score")]


def chk_r10(d: Derived, rule: Rule) -> list[Finding]:
    paths = {"own_operations.scope1": "scope1_tco2e",
             "own_operations.scope2": "scope2_location_tco2e"}
    declared = {p: d.declared.get(p) for p in paths}
    if all(v is None for v in declared.values()):
        return []
    if d.operations is None:
        return [_not_rederivable(d, rule, "自身运营排放", "own-operations emissions",
                                 "own_operations", "operations.yaml")]
    rel = float(rule.params.get("rel_tolerance", 0.0))
    abs_tol = float(rule.params.get("abs_tolerance", 0.0))
    out = []
    tot = d.operations.summary["totals"]
    for p, k in paths.items():
        dec = declared[p]
        if dec is None:
            continue
        # no activity line of the scope: nothing computed, which supports a declared 0 only
        rec = float(tot[k]) if tot.get(k) is not None else 0.0
        if close(dec, rec, rel, abs_tol):
            continue
        scope = p.split(".")[1]
        out.append(_f(d, rule, f"申报自身运营 {scope} {fmt_t(dec)}；按活动数据重算 {fmt_t(rec)}",
                      f"declared own-operations {scope} {fmt_t(dec)}; recomputed from the "
                      f"activity data {fmt_t(rec)}", difference=dec - rec, unit="tCO2e",
                      declared=fmt_t(dec), recomputed=fmt_t(rec),
                      file=d.sub.file_label("operations"), key=p))
    return out


# --------------------------------------------------------------------------- classification


def _declared_result(d: Derived, rule: Rule, result: str) -> list[Finding]:
    L = d.loans
    sel = L[L["declared"] & (L["declared.result"] == result)]
    if sel.empty:
        return []
    amt = float(sel["outstanding"].sum())
    words = {"not_supported": ("无规则支持", "are not supported by any rule"),
             "code_mismatch": ("分类代码与证据不符", "have a code the evidence does not support"),
             "unknown_code": ("代码不在所申报目录中", "declare a code that is not in the catalogue")}
    zh_w, en_w = words[result]
    detail = (sel["declared_edition"] + " " + sel["declared_code"] + " → "
              + sel["declared.reason"])
    return [_f(d, rule, f"{len(sel)} 笔申报绿色贷款{zh_w}，余额 {fmt_wan(amt)}",
               f"{len(sel)} declared green loan(s) {en_w}; outstanding {fmt_wan(amt)}",
               amount=amt, file=d.sub.file_label("loans"), key=result,
               loans=_loans(sel, detail))]


def chk_k01(d: Derived, rule: Rule) -> list[Finding]:
    return _declared_result(d, rule, "not_supported")


def chk_k02(d: Derived, rule: Rule) -> list[Finding]:
    return _declared_result(d, rule, "code_mismatch")


def chk_k03(d: Derived, rule: Rule) -> list[Finding]:
    return _declared_result(d, rule, "unknown_code")


def _edition_dates() -> tuple[dict, dict]:
    """(edition → switch date), (edition → [(superseding edition, its effective date)])."""
    eds = {}
    for product in ("loan", "bond"):
        try:
            for t in chain(product):
                eds[t.id] = t
        except Exception:  # a product without shipped editions
            continue
    start, superseded = {}, {}
    for t in eds.values():
        start[t.id] = pd.Timestamp(t.published or t.effective_from) if (
            t.published or t.effective_from) else pd.Timestamp.min
        for old in t.manifest.get("supersedes") or []:
            if t.effective_from:
                superseded.setdefault(str(old), []).append((t.id, pd.Timestamp(t.effective_from)))
    loan_chain = [t.id for t in chain("loan")]
    for old, new in zip(loan_chain, loan_chain[1:], strict=False):
        if eds[new].effective_from:
            superseded.setdefault(old, []).append((new, pd.Timestamp(eds[new].effective_from)))
    return start, superseded


def chk_k04(d: Derived, rule: Rule) -> list[Finding]:
    L = d.loans
    dec = L[L["declared"] & (L["declared_taxonomy"] != "") & L["approval_date"].notna()]
    if dec.empty:
        return []
    start, superseded = _edition_dates()
    ed = dec["declared_taxonomy"]
    appr = dec["approval_date"]
    not_yet = appr < ed.map(start).fillna(pd.Timestamp.min)
    by_new = pd.Series("", index=dec.index, dtype="string")
    for old, news in superseded.items():
        for new, eff in news:
            hit = (ed == old) & (appr >= eff) & (by_new == "")
            by_new[hit] = new
    out = []
    for mask, zh_w, en_w, key in (
            (by_new != "", "审批时所申报目录已被替代", "the declared catalogue had been superseded "
             "when the loan was approved", "superseded"),
            (not_yet, "审批时所申报目录尚未发布", "the declared catalogue was not yet published "
             "when the loan was approved", "not_yet")):
        sel = dec[mask.to_numpy()]
        if sel.empty:
            continue
        amt = float(sel["outstanding"].sum())
        detail = (sel["declared_taxonomy"] + " declared; approved "
                  + sel["approval_date"].dt.strftime("%Y-%m-%d"))
        if key == "superseded":
            detail = detail + "; in force: " + by_new[mask].astype(str)
        out.append(_f(d, rule, f"{len(sel)} 笔贷款{zh_w}，余额 {fmt_wan(amt)}",
                      f"{len(sel)} loan(s): {en_w}; outstanding {fmt_wan(amt)}", amount=amt,
                      file=d.sub.file_label("loans"), key=key, loans=_loans(sel, detail)))
    return out


def chk_k05(d: Derived, rule: Rule) -> list[Finding]:
    L = d.loans
    sel = L[~L["declared"] & L[f"{IN_FORCE}.status"].isin(["aligned", "eligible"])]
    if sel.empty:
        return []
    amt = float(sel["outstanding"].sum())
    detail = (sel[f"{IN_FORCE}.edition"] + " " + sel[f"{IN_FORCE}.code"] + " "
              + sel[f"{IN_FORCE}.status"])
    return [_f(d, rule, f"{len(sel)} 笔贷款按适用目录判定为符合或基本符合但未申报为绿色，余额 {fmt_wan(amt)}",
               f"{len(sel)} loan(s) aligned or eligible under the edition in force but not "
               f"declared green; outstanding {fmt_wan(amt)}", amount=amt, file=d.sub.file_label("loans"),
               key="undeclared", loans=_loans(sel, detail))]


# --------------------------------------------------------------------------- greenwashing


def chk_g01(d: Derived, rule: Rule) -> list[Finding]:
    fl = d.tag.flags
    if fl is None or fl.empty:
        return []
    exclude = set(rule.params.get("exclude_flags") or [])
    L = d.loans
    declared_ids = set(L.loc[L["declared"], "loan_id"].astype(str))
    f = fl[~fl["flag"].isin(exclude) & fl["loan_id"].astype(str).isin(declared_ids)]
    f = f.drop_duplicates(["loan_id", "flag"])
    out = []
    for flag, g in f.groupby("flag", sort=True):
        sel = L[L["loan_id"].astype(str).isin(set(g["loan_id"].astype(str)))].copy()
        ev = g.drop_duplicates("loan_id").set_index("loan_id")["evidence"].astype(str)
        detail = sel["loan_id"].astype(str).map(ev).fillna("")
        amt = float(sel["outstanding"].sum())
        sev = str(g["severity"].iloc[0]) if rule.params.get("follow_flag_severity") else \
            rule.severity
        sev = sev if sev in SEVERITY_RANK else rule.severity
        name = str(g["name"].iloc[0])
        out.append(_f(d, rule, f"{flag}（{name}）：{len(sel)} 笔申报绿色贷款，余额 {fmt_wan(amt)}",
                      f"{flag} ({name}): {len(sel)} declared green loan(s), outstanding "
                      f"{fmt_wan(amt)}", severity=sev, amount=amt,
                      file=d.sub.file_label("loans"), key=flag, loans=_loans(sel, detail)))
    return out


def chk_g02(d: Derived, rule: Rule) -> list[Finding]:
    prior = d.declared.get("green_loans.prior_balance")
    if prior is None or prior <= 0:
        return []
    current = d.totals["green_cny"]
    new = d.totals["new_green_cny"]
    increase = current - prior
    unexplained = increase - new
    limit = float(rule.params.get("max_unexplained_share_of_prior", 0.0)) * prior
    if unexplained <= limit:
        return []
    L = d.loans
    start = pd.Timestamp(d.manifest.period_start) if d.manifest.period_start else None
    old = L[L["declared"] & L["cny"]]
    if start is not None:
        old = old[old["approval_date"] < start]
    zh = (f"绿色贷款余额较上期增加 {fmt_wan(increase)}，报告期内新审批的绿色贷款仅 "
          f"{fmt_wan(new)}（{d.totals['new_green_loans']} 笔），{fmt_wan(unexplained)} 无新增贷款对应"
          f"（超过上期余额的 {fmt_pct(limit / prior)}）；请核对存量贷款是否被重新归类为绿色")
    en = (f"the green balance grew by {fmt_wan(increase)} but green loans approved in the period "
          f"total only {fmt_wan(new)} ({d.totals['new_green_loans']} loans); "
          f"{fmt_wan(unexplained)} is not explained by new loans (limit "
          f"{fmt_pct(limit / prior)} of the prior balance); check for relabelled existing loans")
    return [_f(d, rule, zh, en, amount=unexplained, file=d.sub.file_label("declared"),
               key="growth_without_new_loans",
               loans=_loans(old, "declared green, approved before the period"))]


# --------------------------------------------------------------------------- data quality


def _findings_rows(d: Derived, reasons: pd.Series) -> pd.DataFrame:
    f = d.tag.findings
    return f[reasons] if len(f) else f


def _rejected_loans(d: Derived, rows: pd.DataFrame) -> pd.DataFrame:
    rej = d.tag.rejected
    parts = [x[[ROW, "loan_id"]] for x in (rej, d.loans) if len(x)]
    ids = (pd.concat(parts).drop_duplicates(ROW).set_index(ROW)["loan_id"] if parts
           else pd.Series(dtype=object))
    out = pd.DataFrame({"loan_id": rows["row"].map(ids).fillna("").astype(str).to_numpy(),
                        ROW: rows["row"].to_numpy(), "borrower_name": "",
                        "outstanding": np.nan, "currency": "",
                        "detail": (rows["column"].astype(str) + "=" + rows["value"].astype(str)
                                   + ": " + rows["message"].astype(str)).to_numpy()})
    return out[LOAN_COLUMNS]


def chk_d01(d: Derived, rule: Rule) -> list[Finding]:
    f = d.tag.findings
    rows = f[f["reason"] == "duplicate_id"] if len(f) else f
    if rows.empty:
        return []
    return [_f(d, rule, f"{len(rows)} 行贷款编号重复，已拒收：" + "、".join(
        rows["value"].astype(str).unique()[:10]),
        f"{len(rows)} row(s) repeat a loan id and were rejected: " + ", ".join(
            rows["value"].astype(str).unique()[:10]),
        file=d.sub.file_label("loans"), key="duplicate_id", loans=_rejected_loans(d, rows))]


def chk_d02(d: Derived, rule: Rule) -> list[Finding]:
    out = []
    f = d.tag.findings
    rows = f[f["reason"].astype(str).str.startswith("uscc")] if len(f) else f
    if len(rows):
        out.append(_f(d, rule, f"{len(rows)} 个借款人统一社会信用代码无效（GB 32100-2015），该行已拒收",
                      f"{len(rows)} borrower credit code(s) fail GB 32100-2015; rows rejected",
                      file=d.sub.file_label("loans"), key="borrower",
                      loans=_rejected_loans(d, rows)))
    code = d.manifest.credit_code
    if code:
        prob = str(uscc_problem(pd.Series([code])).iloc[0])
        if prob:
            out.append(_f(d, rule, f"报送机构统一社会信用代码 {code} 无效（{prob}）",
                          f"the bank's credit code {code} is invalid ({prob})",
                          file=d.sub.file_label("manifest"), key="bank"))
    return out


_D_OTHER_EXCLUDE = ("duplicate_id",)


def chk_d03(d: Derived, rule: Rule) -> list[Finding]:
    out = []
    f = d.tag.findings
    if len(f):
        r = f["reason"].astype(str)
        rows = f[(f["severity"] == "error") & ~r.isin(_D_OTHER_EXCLUDE) & ~r.str.startswith("uscc")]
        if len(rows):
            kinds = ", ".join(f"{k} {v}" for k, v in rows["reason"].value_counts().items())
            out.append(_f(d, rule, f"{len(rows)} 行含不可能或无法读取的数值，已拒收（{kinds}）",
                          f"{len(rows)} row(s) with impossible or unreadable values were "
                          f"rejected ({kinds})", file=d.sub.file_label("loans"),
                          key="rejected", loans=_rejected_loans(d, rows)))
    L = d.loans
    late = L[L["approval_date"] > pd.Timestamp(d.manifest.as_of)]
    if len(late):
        out.append(_f(d, rule, f"{len(late)} 笔贷款审批日晚于数据截止日 {d.manifest.as_of}",
                      f"{len(late)} loan(s) approved after the as-of date {d.manifest.as_of}",
                      amount=float(late["outstanding"].sum()), file=d.sub.file_label("loans"),
                      key="approval_after_as_of", loans=_loans(
                          late, "approved " + late["approval_date"].dt.strftime("%Y-%m-%d"))))
    return out


def chk_d04(d: Derived, rule: Rule) -> list[Finding]:
    out = []
    for row in d.grid_factors.itertuples(index=False):
        if not row.usable or pd.isna(row.year) or pd.isna(row.latest_year):
            continue
        if int(row.latest_year) > int(row.year):
            out.append(_f(d, rule,
                          f"{row.region_input} 因子数据年份 {int(row.year)}，报告年度 "
                          f"{d.manifest.reporting_year} 可用的最新官方数据年份为 "
                          f"{int(row.latest_year)}（{row.latest_value:.4f} tCO2/MWh）",
                          f"{row.region_input}: factor data year {int(row.year)}; the latest "
                          f"official data year for reporting year {d.manifest.reporting_year} "
                          f"is {int(row.latest_year)} ({row.latest_value:.4f} tCO2/MWh)",
                          declared=str(int(row.year)), recomputed=str(int(row.latest_year)),
                          file=d.sub.file_label("declared"), key=row.path))
    return out


def chk_d05(d: Derived, rule: Rule) -> list[Finding]:
    f = d.tag.findings
    rows = f[(f["severity"] == "warning") & f["reason"].isin(["formula_text", "html_text"])] \
        if len(f) else f
    if rows.empty:
        return []
    return [_f(d, rule, f"{len(rows)} 个单元格像公式或含 HTML 标记（已按文本处理）",
               f"{len(rows)} cell(s) look like formulas or contain HTML (treated as text)",
               file=d.sub.file_label("loans"), key="text",
               loans=_rejected_loans(d, rows))]


def chk_d06(d: Derived, rule: Rule) -> list[Finding]:
    L = d.loans
    sel = L[~L["cny"]]
    if sel.empty:
        return []
    cur = ", ".join(sorted(sel["currency"].unique()))
    return [_f(d, rule, f"{len(sel)} 笔外币贷款（{cur}）未计入人民币口径的合计与占比",
               f"{len(sel)} loan(s) in {cur} left out of the CNY totals and share",
               file=d.sub.file_label("loans"), key="non_cny",
               loans=_loans(sel, "currency " + sel["currency"]))]


#: rule id → function over one submission.
SINGLE: dict[str, Callable[[Derived, Rule], list[Finding]]] = {
    "CHK-C01": chk_c01, "CHK-C02": chk_c02, "CHK-C03": chk_c03, "CHK-C04": chk_c04,
    "CHK-C05": chk_c05, "CHK-C06": chk_c06,
    "CHK-R01": chk_r01, "CHK-R02": chk_r02, "CHK-R03": chk_r03, "CHK-R04": chk_r04,
    "CHK-R05": chk_r05, "CHK-R06": chk_r06, "CHK-R07": chk_r07, "CHK-R08": chk_r08,
    "CHK-R09": chk_r09, "CHK-R10": chk_r10,
    "CHK-K01": chk_k01, "CHK-K02": chk_k02, "CHK-K03": chk_k03, "CHK-K04": chk_k04,
    "CHK-K05": chk_k05,
    "CHK-G01": chk_g01, "CHK-G02": chk_g02,
    "CHK-D01": chk_d01, "CHK-D02": chk_d02, "CHK-D03": chk_d03, "CHK-D04": chk_d04,
    "CHK-D05": chk_d05, "CHK-D06": chk_d06,
}


# --------------------------------------------------------------------------- batch checks


def intensity(d: Derived) -> float | None:
    """Declared (else recomputed) annual reductions per 万元 of green loans, tCO2e/万元."""
    red = d.declared.get("emission_reductions.project_total")
    if red is None:
        red = d.reduction_totals["project_total"]
    bal = d.declared.get("green_loans.balance")
    if bal is None:
        bal = d.totals["green_cny"]
    return red / (bal / 1e4) if bal and bal > 0 else None


def chk_g03(ds: list[Derived], rule: Rule) -> list[Finding]:
    ratio = float(rule.params.get("ratio", 3.0))
    min_peers = int(rule.params.get("min_peers", 2))
    fixed = rule.params.get("peer_range")
    vals = [intensity(d) for d in ds]
    out = []
    for i, d in enumerate(ds):
        x = vals[i]
        if x is None:
            continue
        if fixed:
            lo, hi = float(fixed[0]), float(fixed[1])
            basis_zh, basis_en = "规则文件给定的区间", "the range in the rules file"
        else:
            peers = [v for j, v in enumerate(vals) if j != i and v is not None]
            if len(peers) < min_peers:
                continue
            med = float(np.median(peers))
            lo, hi = med / ratio, med * ratio
            basis_zh = f"同批次 {len(peers)} 家机构中位数 {med:.4f} 的 1/{ratio:g}–{ratio:g} 倍"
            basis_en = f"1/{ratio:g}–{ratio:g} × the median {med:.4f} of {len(peers)} peers"
        if lo <= x <= hi:
            continue
        out.append(_f(d, rule, f"单位绿色贷款年碳减排量 {x:.4f} tCO2e/万元，超出{basis_zh}"
                               f"（{lo:.4f}–{hi:.4f}）",
                      f"annual reductions per 万元 of green loans {x:.4f} tCO2e/万元 lie outside "
                      f"{basis_en} ({lo:.4f}–{hi:.4f})",
                      difference=x, unit="tCO2e/万元", declared=f"{x:.4f}",
                      recomputed=f"{lo:.4f}–{hi:.4f}", file=d.sub.file_label("declared"),
                      key="intensity"))
    return out


def _project_key(L: pd.DataFrame) -> pd.Series:
    who = L["borrower_id"].where(L["borrower_id"] != "", L["borrower_name"])
    proj = L["project_name"].str.replace(r"\s+", "", regex=True)
    return (who + "|" + proj).where(proj != "", "")


def chk_g04(ds: list[Derived], rule: Rule) -> list[Finding]:
    if len(ds) < 2:
        return []
    parts = []
    for i, d in enumerate(ds):
        L = d.loans[d.loans["declared"]]
        k = _project_key(L)
        parts.append(pd.DataFrame({"i": i, "key": k.to_numpy(), "idx": L.index.to_numpy()})
                     .query("key != ''"))
    allk = pd.concat(parts, ignore_index=True)
    banks = allk.drop_duplicates(["i", "key"]).groupby("key")["i"].nunique()
    shared = set(banks[banks > 1].index)
    out = []
    for i, d in enumerate(ds):
        mine = allk[(allk["i"] == i) & allk["key"].isin(shared)]
        if mine.empty:
            continue
        sel = d.loans.loc[mine["idx"].to_numpy()]
        others = {}
        for key in mine["key"].unique():
            js = sorted(set(allk.loc[(allk["key"] == key) & (allk["i"] != i), "i"]))
            others[key] = ", ".join(ds[j].name for j in js)
        detail = pd.Series(mine["key"].map(others).to_numpy(), index=sel.index)
        detail = "also in: " + detail.astype(str) + " — " + sel["project_name"]
        amt = float(sel["outstanding"].sum())
        names = sorted({n for v in others.values() for n in v.split(", ")})
        out.append(_f(d, rule, f"{mine['key'].nunique()} 个项目同时出现在 {'、'.join(names)} 的报送中"
                               f"（本机构 {len(sel)} 笔，余额 {fmt_wan(amt)}）",
                      f"{mine['key'].nunique()} project(s) also appear in the submission(s) of "
                      f"{', '.join(names)} ({len(sel)} loans here, {fmt_wan(amt)})",
                      amount=amt, file=d.sub.file_label("loans"), key="same_project",
                      loans=_loans(sel, detail)))
    return out


BATCH: dict[str, Callable[[list[Derived], Rule], list[Finding]]] = {
    "CHK-G03": chk_g03, "CHK-G04": chk_g04,
}
