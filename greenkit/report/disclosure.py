"""金融机构环境信息披露报告 (JR/T 0227—2021) from a profile, a tagged folder and carbon results.

The eleven elements of JR/T 0227—2021 (披露内容), in the standard's order:
年度概况; 金融机构环境相关治理结构; 金融机构环境相关政策制度; 金融机构环境相关产品与服务创新;
金融机构环境风险管理流程; 环境因素对金融机构的影响; 金融机构投融资活动的环境影响;
金融机构经营活动的环境影响; 数据梳理、校验及保护; 绿色金融创新及研究成果; 其他环境相关信息.
Sub-headings of 6–8 follow published reports that follow the standard (风险和机遇 /
量化分析; 投融资所产生的环境影响; 直接排放与资源消耗 / 间接排放 / 环保措施).

Narrative comes from the institution profile; every figure from greenkit:

- green loans: tagged folder, taxonomy column ``in-force`` (the catalogue in force
  for each loan's approval date), statuses aligned + eligible, CNY only (other
  currencies are listed, never converted), by first-level category;
- growth: only against ``previous`` tagged folders (otherwise "—" with a note);
- project reductions: ``greenkit.carbon.reductions`` (carbon folder or computed);
- energy saved / renewable generation: the book's own ``energy_saved`` (tce) and
  ``annual_generation`` (MWh) of green loans;
- financed emissions: the carbon folder's PCAF results (absent → said so);
- high-carbon exposure: CNY loans whose GB/T 4754-2017 code starts with one of
  the GW04 codes in ``greenkit/tag/flags.yaml``;
- own operations: ``greenkit.carbon.footprint`` on the profile's activity data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from greenkit import __version__
from greenkit.io.read import file_sha256
from greenkit.report import data as D
from greenkit.report.profile import load_profile, localise
from greenkit.report.render import fmt_date, fmt_number, fmt_pct, fmt_wan, write_report

TEMPLATE = "disclosure/report.html.j2"

SECTIONS = [  # (key, number, level) in JR/T 0227—2021 order
    ("overview", "1", 1), ("governance", "2", 1), ("policies", "3", 1), ("products", "4", 1),
    ("risk", "5", 1), ("impacts", "6", 1), ("impacts_ro", "6.1", 2), ("impacts_quant", "6.2", 2),
    ("investments", "7", 1), ("inv_green", "7.1", 2), ("inv_benefit", "7.2", 2),
    ("inv_financed", "7.3", 2), ("inv_highcarbon", "7.4", 2),
    ("operations", "8", 1), ("ops_resources", "8.1", 2), ("ops_ghg", "8.2", 2),
    ("ops_measures", "8.3", 2), ("data", "9", 1), ("innovation", "10", 1), ("other", "11", 1),
    ("appendix", "A", 1),
]


def sections(lang: str) -> tuple[list[dict], dict[str, dict]]:
    from greenkit.report.render import translate

    toc = [{"key": k, "id": f"sec-{k}", "number": n, "level": lvl,
            "title": translate(f"disclosure.sec.{k}", lang)} for k, n, lvl in SECTIONS]
    return toc, {s["key"]: s for s in toc}


def _period_growth(cur: float, prev: float | None) -> float | None:
    if prev is None or not prev:
        return None
    return cur / prev - 1


def build_context(profile: str | Path, tagged: str | Path, carbon: str | Path | None = None,
                  previous: Sequence[str | Path] = (), lang: str = "zh") -> dict:
    """Everything the disclosure template needs, in ``lang``."""
    profile = Path(profile)
    raw = load_profile(profile, "institution")
    untranslated: list[str] = []
    prof = localise(raw, lang, untranslated)
    carbon = Path(carbon) if carbon else None
    reg = D.Registry(lang)
    t = reg.t
    tg = D.load_tagged(tagged)
    frame = tg.frame
    for r in prof["impacts"].get("risks") or []:
        r["type_label"] = reg.label("risk_type", r["type"])
    toc, sec = sections(lang)
    notes: list[str] = []

    # ------------------------------------------------------------------ 7.1 green loans
    cov = D.coverage(frame)
    cny = cov.get("CNY", {"count": 0, "amount": 0.0, "green_count": 0, "green_amount": 0.0,
                          "share": None})
    prevs = sorted((D.load_tagged(p) for p in previous), key=lambda x: x.as_of)
    prev_cov = [(p.as_of, D.coverage(p.frame).get("CNY", {})) for p in prevs]
    last_prev = prev_cov[-1] if prev_cov else None
    growth = _period_growth(cny["green_amount"], last_prev[1].get("green_amount")
                            if last_prev else None)
    growth_note = (t("disclosure.note.growth", prev=fmt_date(last_prev[0], lang)) if last_prev
                   else t("disclosure.note.no_growth"))
    non_cny = {c: v for c, v in cov.items() if c != "CNY"}

    cats = D.green_by_category(frame, lang)
    cat_rows = []
    for r in cats.itertuples(index=False):
        cat_rows.append([D.edition_label(r.edition, lang), f"{r.first_code} {r.first_name}",
                         D.n0(r.loans), fmt_wan(r.amount), fmt_pct(r.share)])
    cat_rows.append([t("col.total"), "", D.n0(cats["loans"].sum()), fmt_wan(cats["amount"].sum()),
                     fmt_pct(1.0 if len(cats) else None)])
    src_tag = f"{tg.folder.name}/tagged.csv + {tg.folder.name}/loans.parquet"
    t_green = reg.table(
        "T-7.1", t("disclosure.tbl.green_by_category"),
        [(t("col.edition"), False), (t("col.first_level"), False), (t("col.loans"), True),
         (t("col.balance_wan"), True), (t("col.share_of_green"), True)],
        cat_rows, total=True, source=src_tag,
        filter=t("disclosure.trace.green_by_category"),
        notes=[t("disclosure.note.in_force")])
    status_rows = []
    for status in D.GREEN:
        m = (frame["tag_status"] == status) & (frame["currency"] == "CNY")
        status_rows.append([reg.label("status", status), D.n0(m.sum()),
                            fmt_wan(frame.loc[m, "outstanding"].sum())])
    t_status = reg.table(
        "T-7.2", t("disclosure.tbl.green_by_status"),
        [(t("col.status"), False), (t("col.loans"), True), (t("col.balance_wan"), True)],
        status_rows, source=src_tag, filter=t("disclosure.trace.green_by_status"))
    f_cat = reg.figure(
        "F-7.1", t("disclosure.fig.green_by_category"), "barh",
        {"labels": [f"{D.edition_short(e, lang)} · {c} {n}" for e, c, n in
                    zip(cats["edition"], cats["first_code"], cats["first_name"], strict=True)],
         "values": (cats["amount"] / 1e4).tolist(), "unit": t("unit.wan_yuan")},
        source=src_tag, filter=t("disclosure.trace.green_by_category"))
    by_q = D.green_by_approval_quarter(frame)
    f_quarter = reg.figure(
        "F-7.2", t("disclosure.fig.green_by_quarter"), "bar",
        {"labels": by_q["quarter"].tolist(), "values": (by_q["amount"] / 1e4).tolist(),
         "unit": t("unit.wan_yuan")},
        source=src_tag, filter=t("disclosure.trace.green_by_quarter"),
        notes=[t("disclosure.note.quarter_not_trend")])
    f_periods = None
    if prev_cov:
        periods = [*prev_cov, (tg.as_of, cny)]
        f_periods = reg.figure(
            "F-7.3", t("disclosure.fig.green_by_period"), "line",
            {"labels": [p for p, _ in periods],
             "series": {t("col.balance_wan"): [v.get("green_amount", float("nan")) / 1e4
                                               for _, v in periods]},
             "unit": t("unit.wan_yuan")},
            source=", ".join(f"{p.folder.name}/summary.json" for p in [*prevs, tg]),
            filter=t("disclosure.trace.green_by_period"))

    # ------------------------------------------------------------------ 7.2 benefits
    red = D.load_reductions(tg, carbon)
    rs = red.summary
    bm_rows = []
    for r in red.by_method.itertuples(index=False):
        bm_rows.append([reg.label("method", r.method) if r.method != "(no method)"
                        else t("method.none"), D.n0(r.loans), D.n0(r.computed),
                        D.n0(r.insufficient_data), fmt_number(r.reduction_tco2e, 1),
                        fmt_number(r.attributed_reduction_tco2e, 1)])
    tot = rs.get("totals", {})
    bm_rows.append([t("col.total"), D.n0(rs.get("loans")), D.n0(tot.get("loans_counted")), "",
                    fmt_number(tot.get("reduction_tco2e"), 1),
                    fmt_number(tot.get("attributed_reduction_tco2e"), 1)])
    t_red = reg.table(
        "T-7.3", t("disclosure.tbl.reductions"),
        [(t("col.method"), False), (t("col.loans"), True), (t("col.computed"), True),
         (t("col.insufficient"), True), (t("col.reduction_project"), True),
         (t("col.reduction_attributed"), True)],
        bm_rows, total=True, source=red.source, filter=t("disclosure.trace.reductions"),
        notes=[t("disclosure.note.reductions", year=rs.get("reporting_year", "—"),
                 series=rs.get("electricity_series", "—"))])
    green = frame[D.is_green(frame)]
    saved = pd.to_numeric(green.get("energy_saved"), errors="coerce") \
        if "energy_saved" in green else pd.Series(dtype=float)
    gen = pd.to_numeric(green.get("annual_generation"), errors="coerce") \
        if "annual_generation" in green else pd.Series(dtype=float)
    t_benefit = reg.table(
        "T-7.4", t("disclosure.tbl.benefits"),
        [(t("col.indicator"), False), (t("col.value"), True), (t("col.unit"), False),
         (t("col.loans_with_data"), True)],
        [[t("indicator.energy_saved"), fmt_number(saved.sum(min_count=1), 1), "tce",
          D.n0(saved.notna().sum())],
         [t("indicator.annual_generation"), fmt_number(gen.sum(min_count=1), 0), "MWh",
          D.n0(gen.notna().sum())]],
        source=f"{tg.folder.name}/loans.parquet",
        filter=t("disclosure.trace.benefits"), notes=[t("disclosure.note.benefits")])

    # ------------------------------------------------------------------ 7.3 financed
    fin = D.load_financed(carbon)
    t_fin = f_fin = None
    fin_head = None
    if fin is not None:
        fs_ = fin.summary
        rows = []
        for r in fin.by_asset_class.itertuples(index=False):
            rows.append([reg.label("asset_class", r.asset_class), D.n0(r.rows), D.n0(r.computed),
                         fmt_wan(r.outstanding), fmt_pct(r.outstanding_covered_share),
                         fmt_number(r.financed_scope12_tco2e, 1),
                         fmt_number(r.financed_scope3_tco2e, 1),
                         fmt_number(r.weighted_data_quality, 2)])
        ft = fs_.get("totals", {})
        rows.append([t("col.total"), D.n0(fs_.get("rows")), D.n0(fs_.get("computed")),
                     fmt_wan(ft.get("outstanding")),
                     fmt_pct(ft["outstanding_covered"] / ft["outstanding"]
                             if ft.get("outstanding") else None),
                     fmt_number(ft.get("financed_scope12_tco2e"), 1),
                     fmt_number(ft.get("financed_scope3_tco2e"), 1),
                     fmt_number(fs_.get("weighted_data_quality"), 2)])
        t_fin = reg.table(
            "T-7.5", t("disclosure.tbl.financed"),
            [(t("col.asset_class"), False), (t("col.rows"), True), (t("col.computed"), True),
             (t("col.balance_wan"), True), (t("col.covered"), True),
             (t("col.financed_s12"), True), (t("col.financed_s3"), True),
             (t("col.pcaf_dq"), True)],
            rows, total=True, source=fin.source, filter=t("disclosure.trace.financed"),
            notes=[t("disclosure.note.pcaf"),
                   t("disclosure.note.pcaf_input", file=Path(fs_["input"]["path"]).name,
                     rows=fs_["input"].get("accepted", "—"), year=fs_.get("reporting_year"))])
        sec_df = fin.by_sector.dropna(subset=["financed_scope12_tco2e"])
        sec_df = sec_df.sort_values("financed_scope12_tco2e", ascending=False)
        labels = [(f"{s} {D.industry_name(s, lang)}" if s != "(none)" else t("label.no_sector"))
                  for s in sec_df["sector"].astype(str)]
        f_fin = reg.figure(
            "F-7.4", t("disclosure.fig.financed_by_sector"), "barh",
            {"labels": labels, "values": sec_df["financed_scope12_tco2e"].tolist(),
             "unit": "tCO2e"},
            source=f"{Path(fin.source).parent}/financed_by_sector.csv",
            filter=t("disclosure.trace.financed_by_sector"))
        fin_head = {"s12": fmt_number(ft.get("financed_scope12_tco2e"), 1),
                    "s3": fmt_number(ft.get("financed_scope3_tco2e"), 1),
                    "dq": fmt_number(fs_.get("weighted_data_quality"), 2),
                    "intensity": fmt_number((fs_.get("economic_intensity") or {}).get("value"), 2),
                    "waci": fmt_number((fs_.get("waci") or {}).get("value"), 1)}

    # ------------------------------------------------------------------ 7.4 high carbon
    hc = D.high_carbon_exposure(frame)
    hc_rows = [[r.code, D.industry_name(r.code, lang), D.n0(r.loans), fmt_wan(r.amount),
                fmt_pct(r.amount / cny["amount"] if cny["amount"] else None),
                D.n0(r.green_loans), fmt_wan(r.green_amount)] for r in hc.itertuples(index=False)]
    hc_total = float(hc["amount"].sum())
    hc_rows.append([t("col.total"), "", D.n0(hc["loans"].sum()), fmt_wan(hc_total),
                    fmt_pct(hc_total / cny["amount"] if cny["amount"] else None),
                    D.n0(hc["green_loans"].sum()), fmt_wan(hc["green_amount"].sum())])
    t_hc = reg.table(
        "T-7.6", t("disclosure.tbl.high_carbon"),
        [(t("col.industry_code"), False), (t("col.industry"), False), (t("col.loans"), True),
         (t("col.balance_wan"), True), (t("col.share_of_loans"), True),
         (t("col.tagged_green"), True), (t("col.green_balance_wan"), True)],
        hc_rows, total=True, source=f"{tg.folder.name}/loans.parquet",
        filter=t("disclosure.trace.high_carbon", codes=", ".join(D.high_carbon_codes())),
        notes=[t("disclosure.note.high_carbon")])

    # ------------------------------------------------------------------ 5 flags
    from greenkit.tag.flags import definitions

    flags = tg.summary.get("flags", {}) or {}
    defs = definitions()
    t_flags = reg.table(
        "T-5.1", t("disclosure.tbl.flags"),
        [(t("col.flag"), False), (t("col.flag_name"), False), (t("col.severity"), False),
         (t("col.loans"), True)],
        [[fid, reg.label("flag", fid), reg.label("severity", defs.get(fid, {}).get("severity", "")),
          D.n0(n)] for fid, n in sorted(flags.items())],
        source=f"{tg.folder.name}/flags.csv", filter=t("disclosure.trace.flags"),
        notes=[t("disclosure.note.flags")])

    # ------------------------------------------------------------------ 8 operations
    ops = prof["operations"]
    employees = float(ops["employees"])
    fp, fp_company, fp_frames = D.operations_footprint(raw["operations"]["footprint"], profile,
                                                       "operations.footprint")
    energy = D.energy_use(fp_company, fp_frames, lang)
    e_rows = []
    for r in energy.itertuples(index=False):
        e_rows.append([reg.label("energy", r.kind), r.label, f"{fmt_number(r.quantity, 2)} {r.unit}",
                       fmt_number(r.tce, 2), fmt_number(r.tce / employees, 4)])
    e_rows.append([t("col.total"), "", "", fmt_number(energy["tce"].sum(), 2),
                   fmt_number(energy["tce"].sum() / employees, 4)])
    for key in ("water", "paper"):
        if ops.get(key):
            q = ops[key]
            e_rows.append([reg.label("energy", key), q.get("note", ""),
                           f"{fmt_number(q['quantity'], 2)} {q['unit']}", "",
                           f"{fmt_number(q['quantity'] / employees, 4)} {q['unit']}"])
    t_energy = reg.table(
        "T-8.1", t("disclosure.tbl.resources"),
        [(t("col.category"), False), (t("col.item"), False), (t("col.quantity"), True),
         (t("col.tce"), True), (t("col.per_employee"), True)],
        e_rows, source=f"{profile.name}#operations",
        filter=t("disclosure.trace.resources"),
        notes=[t("disclosure.note.tce"), t("disclosure.note.employees", n=D.n0(employees))])
    ft_ = fp.summary["totals"]
    ghg_rows = [
        [t("scope.s1"), fmt_number(ft_["scope1_tco2e"], 2),
         fmt_number((ft_["scope1_tco2e"] or 0) / employees, 4)],
        [t("scope.s2_location"), fmt_number(ft_["scope2_location_tco2e"], 2),
         fmt_number((ft_["scope2_location_tco2e"] or 0) / employees, 4)],
    ]
    if ft_.get("scope2_market_tco2e") is not None:
        ghg_rows.append([t("scope.s2_market"), fmt_number(ft_["scope2_market_tco2e"], 2),
                         fmt_number(ft_["scope2_market_tco2e"] / employees, 4)])
    for cat, v in (ft_.get("scope3_by_category") or {}).items():
        ghg_rows.append([t("scope.s3_cat", cat=cat), fmt_number(v, 2),
                         fmt_number(v / employees, 4)])
    s12 = (ft_["scope1_tco2e"] or 0) + (ft_["scope2_location_tco2e"] or 0)
    ghg_rows.append([t("scope.s12_total"), fmt_number(s12, 2), fmt_number(s12 / employees, 4)])
    insufficient = fp.summary.get("insufficient_data") or []
    t_ghg = reg.table(
        "T-8.2", t("disclosure.tbl.own_ghg"),
        [(t("col.scope"), False), (t("col.tco2e"), True), (t("col.per_employee_t"), True)],
        ghg_rows, total=True, source=f"{profile.name}#operations.footprint",
        filter=t("disclosure.trace.own_ghg"),
        notes=[t("disclosure.note.own_ghg", gwp=fp.summary["gwp_set"],
                 year=fp.summary["reporting_year"])]
        + ([t("disclosure.note.insufficient", lines=", ".join(i["line"] for i in insufficient))]
           if insufficient else []))
    f_ghg = reg.figure(
        "F-8.1", t("disclosure.fig.own_ghg"), "bar",
        {"labels": [t("scope.s1"), t("scope.s2_location"), t("scope.s3")],
         "values": [ft_["scope1_tco2e"], ft_["scope2_location_tco2e"], ft_["scope3_tco2e"]],
         "unit": "tCO2e"},
        source=f"{profile.name}#operations.footprint", filter=t("disclosure.trace.own_ghg"))
    fp_lines = fp.lines
    t_lines = reg.table(
        "T-8.3", t("disclosure.tbl.own_lines"),
        [(t("col.scope"), False), (t("col.item"), False), (t("col.quantity"), True),
         (t("col.tco2e"), True), (t("col.factor"), False), (t("col.status"), False)],
        [[str(r.scope) + (f" · {r.category}" if isinstance(r.category, str) and r.category
                          and r.category != "market-based" else ""),
          D.footprint_item(r, t),
          f"{fmt_number(r.quantity, 2)} {r.unit}", fmt_number(r.tco2e, 2),
          "" if pd.isna(r.factor_value) else f"{fmt_number(r.factor_value, 4)} {r.factor_unit}",
          reg.label("line_status", r.status)] for r in fp_lines.itertuples(index=False)],
        source=f"{profile.name}#operations.footprint", filter=t("disclosure.trace.own_lines"))

    # ------------------------------------------------------------------ 9 data quality
    s = tg.summary
    dq_rows = [[t("dq.read"), D.n0(s.get("read"))], [t("dq.accepted"), D.n0(s.get("accepted"))],
               [t("dq.rejected"), D.n0(s.get("rejected"))],
               [t("dq.nothing_lost"), t("bool.t") if s.get("nothing_lost") else t("bool.f")]]
    for reason, n in (s.get("rejected_by_reason") or {}).items():
        dq_rows.append([t("dq.reason", reason=reason), D.n0(n)])
    for k, n in (s.get("declared") or {}).items():
        dq_rows.append([t("dq.declared", result=reg.label("declared", k)), D.n0(n)])
    t_dq = reg.table(
        "T-9.1", t("disclosure.tbl.data_quality"),
        [(t("col.check"), False), (t("col.count"), True)], dq_rows,
        source=f"{tg.folder.name}/summary.json, rejected.csv, findings.csv",
        filter=t("disclosure.trace.data_quality"))

    # ------------------------------------------------------------------ 1 key figures
    red_tot = tot.get("attributed_reduction_tco2e")
    key_rows = [
        [t("key.green_balance"), fmt_wan(cny["green_amount"]), t("unit.wan_yuan"), "T-7.1"],
        [t("key.green_share"), fmt_pct(cny["share"]), "", "T-7.1"],
        [t("key.green_growth"), fmt_pct(growth), "", "T-7.1"],
        [t("key.green_loans"), D.n0(cny["green_count"]), t("unit.loans"), "T-7.2"],
        [t("key.reduction"), fmt_number(red_tot, 1), t("unit.tco2e_per_year"), "T-7.3"],
        [t("key.financed"), fin_head["s12"] if fin_head else "—", "tCO2e", "T-7.5"],
        [t("key.high_carbon"), fmt_wan(hc_total), t("unit.wan_yuan"), "T-7.6"],
        [t("key.own_s12"), fmt_number(s12, 1), "tCO2e", "T-8.2"],
    ]
    t_key = reg.table(
        "T-1.1", t("disclosure.tbl.key_figures"),
        [(t("col.indicator"), False), (t("col.value"), True), (t("col.unit"), False),
         (t("col.see"), False)],
        key_rows, source=t("disclosure.trace.key_source"),
        filter=t("disclosure.trace.key_figures"), notes=[growth_note])

    # ------------------------------------------------------------------ appendix
    inputs = [D.input_row(t("input.loan_book"), Path(s["input"]["path"]).name,
                          s["input"].get("sha256")),
              D.input_row(t("input.profile"), profile.name, file_sha256(profile))]
    for p in prevs:
        inputs.append(D.input_row(t("input.previous", as_of=p.as_of),
                                  Path(p.summary["input"]["path"]).name,
                                  p.summary["input"].get("sha256")))
    if fin is not None:
        inputs.append(D.input_row(t("input.financed_book"),
                                  Path(fin.summary["input"]["path"]).name,
                                  fin.summary["input"].get("sha256")))
    t_inputs = reg.table("T-A.1", t("appendix.inputs"),
                         [(t("col.role"), False), (t("col.file"), False),
                          (t("col.sha256"), False)], inputs,
                         source="summary.json input.sha256", filter="—")
    ed_rows = [[e["id"], e.get("document_number", ""), e.get("effective_from", "")]
               for e in s.get("editions", [])]
    t_editions = reg.table("T-A.2", t("appendix.editions"),
                           [(t("col.edition_id"), False), (t("col.document"), False),
                            (t("col.effective_from"), False)], ed_rows,
                           source=f"{tg.folder.name}/summary.json editions", filter="—",
                           notes=[t("appendix.in_force_note", as_of=tg.as_of)])
    factor_rows = []
    for f in rs.get("factors_used", []):
        factor_rows.append([t("appendix.used_by_reductions"), f.get("factor_series", ""),
                            str(f.get("factor_year", "")), f.get("factor_document", "")])
    if fin is not None:
        for f in fin.summary.get("factors_used", []):
            factor_rows.append([t("appendix.used_by_financed"), f.get("factor_series", ""),
                                str(f.get("factor_year", "")), f.get("factor_document", "")])
    for src in sorted(set(fp_lines["factor_source"].dropna().astype(str)) - {""}):
        factor_rows.append([t("appendix.used_by_operations"), "", "", src])
    t_factors = reg.table("T-A.3", t("appendix.factors"),
                          [(t("col.used_by"), False), (t("col.series"), False),
                           (t("col.data_year"), False), (t("col.document"), False)],
                          factor_rows, source="taxonomies/factors/", filter="—",
                          notes=[t("appendix.factors_note")])
    if untranslated:
        notes.append(t("note.untranslated", keys=", ".join(untranslated[:8])))
    period_end = str(prof["report"]["period_end"])
    if tg.as_of and tg.as_of != period_end:
        notes.append(t("disclosure.note.as_of_differs", as_of=fmt_date(tg.as_of, lang),
                       end=fmt_date(period_end, lang)))
    if non_cny:
        notes.append(t("disclosure.note.non_cny", items="; ".join(
            f"{c}: {v['count']} / {fmt_wan(v['amount'])}" for c, v in non_cny.items())))

    trace = D.trace_items(reg.items)
    name = prof["institution"]["name"]
    return {
        "doc": {"kind": "disclosure", "title": prof["report"].get("title")
                or t("disclosure.title"), "entity": name,
                "subtitle": t("disclosure.subtitle"),
                "period_start": prof["report"]["period_start"],
                "period_end": prof["report"]["period_end"], "as_of": tg.as_of,
                "illustrative": bool(prof["report"].get("illustrative", False)),
                "published": prof["report"].get("published")},
        "toc": toc, "sec": sec, "p": prof, "notes": notes,
        "fig": {"growth": fmt_pct(growth), "growth_note": growth_note,
                "green_balance": fmt_wan(cny["green_amount"]), "green_share": fmt_pct(cny["share"]),
                "green_loans": D.n0(cny["green_count"]), "all_loans": D.n0(cny["count"]),
                "all_balance": fmt_wan(cny["amount"]), "hc_balance": fmt_wan(hc_total),
                "hc_share": fmt_pct(hc_total / cny["amount"] if cny["amount"] else None),
                "reduction": fmt_number(red_tot, 1),
                "reduction_project": fmt_number(tot.get("reduction_tco2e"), 1),
                "financed": fin_head, "own_s12": fmt_number(s12, 1),
                "employees": D.n0(employees)},
        "tables": {"key": t_key, "flags": t_flags, "green": t_green, "status": t_status,
                   "reductions": t_red, "benefits": t_benefit, "financed": t_fin,
                   "high_carbon": t_hc, "energy": t_energy, "ghg": t_ghg, "lines": t_lines,
                   "dq": t_dq, "inputs": t_inputs, "editions": t_editions,
                   "factors": t_factors},
        "figures": {"category": f_cat, "quarter": f_quarter, "periods": f_periods,
                    "financed": f_fin, "ghg": f_ghg},
        "trace": trace,
        "provenance": {"version": __version__, "run_at": D.now(),
                       "tagged_run_at": s.get("run_at", ""), "as_of": tg.as_of,
                       "standard": "JR/T 0227—2021"},
    }


def disclosure_report(profile: str | Path, tagged: str | Path, output: str | Path,
                      carbon: str | Path | None = None, previous: Sequence[str | Path] = (),
                      lang: str = "zh") -> Path:
    """Write the JR/T 0227—2021 report as ``.html`` or ``.pdf``."""
    ctx = build_context(profile, tagged, carbon, previous, lang)
    return write_report(TEMPLATE, ctx, Path(output), lang)
