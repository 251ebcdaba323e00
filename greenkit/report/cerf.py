"""碳减排支持工具 disclosure for one quarter, in the shape banks publish.

Rows: this quarter, year to date (January to the quarter) and cumulative (up to
the quarter); columns: number of projects, carbon-reduction loan amount,
weighted average rate, annual CO2e reduction driven (plus the loans without a
reduction figure, which are never counted as 0). Then the quarter by supported
area (清洁能源 / 节能环保 / 碳减排技术 …), every quarter's figures, and the loans
of the quarter. The figures are ``greenkit.carbon.cerf`` on the tagged folder
(its eligibility rules, ``--rules`` to replace them; reductions from the carbon
folder's ``reductions.csv`` when given).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from greenkit import __version__
from greenkit.carbon.cerf import CerfOptions, cerf, disclosure_table
from greenkit.io.read import file_sha256
from greenkit.report import data as D
from greenkit.report.profile import load_profile, localise
from greenkit.report.render import ReportError, fmt_number, write_report

TEMPLATE = "cerf/report.html.j2"
QUARTER = re.compile(r"^(\d{4})Q([1-4])$")

SECTIONS = [("summary", "1", 1), ("domains", "2", 1), ("trend", "3", 1), ("loans", "4", 1),
            ("method", "5", 1), ("appendix", "A", 1)]


def parse_quarter(text: str) -> tuple[int, int]:
    m = QUARTER.match(str(text).strip().upper())
    if not m:
        raise ReportError(f"--quarter {text!r}: write it as YYYYQn, e.g. 2026Q3")
    return int(m.group(1)), int(m.group(2))


def _row_cells(row: pd.Series | None) -> list[str]:
    if row is None:
        return ["0", "0", "0.00", "—", "—", "0"]
    return [D.n0(row["projects"]), D.n0(row["loans"]), fmt_number(row["loan_amount_wan_yuan"], 2),
            fmt_number(row["weighted_avg_rate_pct"], 2),
            fmt_number(row["annual_reduction_tco2e"], 1), D.n0(row["loans_without_reduction"])]


def _one(loans: pd.DataFrame, kind: str) -> pd.Series | None:
    if loans.empty:
        return None
    table = disclosure_table(loans)
    hit = table[table["period_type"] == kind]
    return hit.iloc[0] if len(hit) else None


def _reduction_cell(r, reg: D.Registry) -> str:
    """The loan's attributed reduction, or why there is none (never a 0)."""
    if r.reduction_status not in ("ok", "reported"):
        return reg.label("line_status", r.reduction_status)
    if pd.isna(r.attributed_reduction_tco2e):
        return reg.t("cerf.text.no_share")
    return fmt_number(r.attributed_reduction_tco2e, 1)


def build_context(tagged: str | Path, quarter: str, carbon: str | Path | None = None,
                  rules: str | Path | None = None, profile: str | Path | None = None,
                  lang: str = "zh") -> dict:
    year, q = parse_quarter(quarter)
    quarter = f"{year}Q{q}"
    reg = D.Registry(lang)
    t = reg.t
    tg = D.load_tagged(tagged)
    red_csv = D.find_file(Path(carbon), "reductions.csv") if carbon else None
    res = cerf(tg.folder, CerfOptions(reductions=red_csv, rules=rules))
    loans = res.loans.dropna(subset=["quarter"])
    upto = loans[loans["quarter"] <= quarter]  # "2026Q3" strings sort like quarters
    this_q = upto[upto["quarter"] == quarter]
    ytd = upto[upto["quarter"].str[:4] == str(year)]
    src = "cerf_loans.csv (greenkit carbon cerf)"
    cols = [(t("col.period"), False), (t("col.projects"), True), (t("col.loans"), True),
            (t("col.cerf_amount"), True), (t("col.cerf_rate"), True),
            (t("col.cerf_reduction"), True), (t("col.cerf_without"), True)]
    rows = [[t("cerf.row.quarter", quarter=quarter), *_row_cells(_one(this_q, "quarter"))],
            [t("cerf.row.ytd", year=year, quarter=quarter), *_row_cells(_one(ytd, "year"))],
            [t("cerf.row.cumulative", quarter=quarter),
             *_row_cells(_one(upto, "cumulative"))]]
    notes = [t("cerf.note.amount"), t("cerf.note.eligibility")]
    if this_q.empty:
        notes.insert(0, t("cerf.note.empty"))
    t_main = reg.table("T-1", t("cerf.tbl.disclosure", quarter=quarter), cols, rows,
                       source=src, filter=t("cerf.trace.disclosure", quarter=quarter, year=year),
                       notes=notes)
    dom_rows = []
    for domain, g in this_q.groupby("cerf_domain", sort=True):
        dom_rows.append([reg.label("cerf_domain", domain), *_row_cells(_one(g, "quarter"))])
    t_dom = reg.table("T-2", t("cerf.tbl.domains"),
                      [(t("col.domain"), False), *cols[1:]], dom_rows, source=src,
                      filter=t("cerf.trace.domains"))
    trend = disclosure_table(upto) if len(upto) else pd.DataFrame(columns=["period_type"])
    trend = trend[trend["period_type"] == "quarter"]
    t_trend = reg.table("T-3", t("cerf.tbl.trend"), cols,
                        [[r["period"], *_row_cells(r)] for _, r in trend.iterrows()],
                        source=src, filter=t("cerf.trace.trend"))
    f_trend = reg.figure("F-1", t("cerf.fig.trend"), "bar",
                         {"labels": trend["period"].tolist(),
                          "values": trend["loan_amount_wan_yuan"].tolist(),
                          "unit": t("unit.wan_yuan")}, source=src, filter=t("cerf.trace.trend"))
    loan_rows = [[r.loan_id, r.borrower_name, "" if pd.isna(r.project_name) else r.project_name,
                  str(r.approval_date)[:10], reg.label("cerf_domain", r.cerf_domain),
                  str(r.item_code), fmt_number(r.outstanding / 1e4, 2),
                  fmt_number(r.interest_rate, 2), _reduction_cell(r, reg)]
                 for r in this_q.itertuples(index=False)]
    t_loans = reg.table(
        "T-4", t("cerf.tbl.loans"),
        [(t("col.loan_id"), False), (t("col.borrower"), False), (t("col.project"), False),
         (t("col.approval_date"), False), (t("col.domain"), False), (t("col.item_code"), False),
         (t("col.amount_wan"), True), (t("col.rate"), True), (t("col.cerf_reduction"), True)],
        loan_rows, source=src, filter=t("cerf.trace.loans", quarter=quarter), cls="cerf-loans",
        notes=[t("cerf.text.no_share_note")])

    entity = Path(tg.summary.get("input", {}).get("path", "")).name
    inputs = [D.input_row(t("input.loan_book"), entity, tg.summary["input"].get("sha256"))]
    illustrative = False
    if profile:
        prof = localise(load_profile(profile, "institution"), lang)
        entity = prof["institution"]["name"]
        illustrative = bool(prof["report"].get("illustrative", False))
        inputs.append(D.input_row(t("input.profile"), Path(profile).name,
                                  file_sha256(Path(profile))))
    if red_csv is not None:
        inputs.append(D.input_row(t("input.reductions"), red_csv.name, file_sha256(red_csv)))
    if rules:
        inputs.append(D.input_row(t("input.cerf_rules"), Path(rules).name,
                                  file_sha256(Path(rules))))
    t_inputs = reg.table("T-A.1", t("appendix.inputs"),
                         [(t("col.role"), False), (t("col.file"), False),
                          (t("col.sha256"), False)], inputs, source="—", filter="—")
    ed_rows = [[e["id"], e.get("document_number", ""), e.get("effective_from", "")]
               for e in tg.summary.get("editions", [])]
    t_editions = reg.table("T-A.2", t("appendix.editions"),
                           [(t("col.edition_id"), False), (t("col.document"), False),
                            (t("col.effective_from"), False)], ed_rows,
                           source=f"{tg.folder.name}/summary.json editions", filter="—")
    toc = [{"key": k, "id": f"sec-{k}", "number": n, "level": lvl,
            "title": t(f"cerf.sec.{k}")} for k, n, lvl in SECTIONS]
    return {
        "doc": {"kind": "cerf", "title": t("cerf.title"), "entity": entity,
                "subtitle": t("cerf.subtitle", quarter=quarter), "period_start": "",
                "period_end": "", "as_of": tg.as_of, "illustrative": illustrative, "published": None},
        "toc": toc, "sec": {s["key"]: s for s in toc}, "quarter": quarter,
        "tables": {"main": t_main, "domains": t_dom, "trend": t_trend, "loans": t_loans,
                   "inputs": t_inputs, "editions": t_editions},
        "figures": {"trend": f_trend},
        "trace": D.trace_items(reg.items),
        "summary": res.summary,
        "provenance": {"version": __version__, "run_at": D.now(),
                       "tagged_run_at": tg.summary.get("run_at", ""), "as_of": tg.as_of,
                       "standard": t("cerf.title")},
    }


def cerf_report(tagged: str | Path, quarter: str, output: str | Path,
                carbon: str | Path | None = None, rules: str | Path | None = None,
                profile: str | Path | None = None, lang: str = "zh") -> Path:
    """Write the 碳减排支持工具 disclosure of ``quarter`` as ``.html`` or ``.pdf``."""
    ctx = build_context(tagged, quarter, carbon, rules, profile, lang)
    return write_report(TEMPLATE, ctx, Path(output), lang)
