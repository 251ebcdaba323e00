"""Build the sample submissions of ``samples/submissions/`` for `greenkit check`.

    python -m greenkit.check.sample_data          # rewrites samples/submissions/{clean,flawed,peer}

Three **fictional** banks, report period 2025 (as of 2025-12-31), each with
the layout of ``greenkit/check/submission.py``:

* ``clean`` — a 400-loan book from ``greenkit.synth.generate_loan_book``
  (seed 20261122, no planted defects) whose declarations were tidied so every
  declared loan is confirmed under the catalogue in force at its approval date
  and raises no red flag; its declared figures are greenkit's own
  recomputation (so `greenkit check` finds nothing).
* ``flawed`` — a 500-loan book (seed 20261201, with the generator's planted
  defects) plus the problems this script plants, each labelled ``PLANTED``
  below and in ``samples/README.md``: three extra misclassified loans, a green
  loan balance inflated by 15 % (carried into the category, share and growth
  figures), reductions computed with the national 2023 grid factor 0.5306
  applied to Fujian (official Fujian 2023 value 0.4211) and declared as the
  factor used, and two JR/T 0227 elements missing from the report.
* ``peer`` — a 200-loan second bank (seed 20261202, tidied like ``clean``)
  that co-finances two of the flawed bank's green projects (same borrower
  credit code and project name), for the batch check "same project in two
  banks' submissions".

Loan amounts, activity data, financials and the banks themselves are
illustrative (the generator's and ``greenkit.carbon.sample_data``'s); the
grid factors are the official MEE/NBS values read from
``taxonomies/factors/electricity.csv`` — except the one planted wrong value,
which is itself an official value (the national one) used for the wrong region.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from greenkit.carbon.sample_data import build as build_financed
from greenkit.check.checks import _edition_dates
from greenkit.check.derive import derive
from greenkit.check.submission import open_submission
from greenkit.ids import uscc_check_char
from greenkit.paths import samples_dir
from greenkit.synth import C_GREEN, C_STD, generate_loan_book
from greenkit.tag.editions import IN_FORCE
from greenkit.tag.run import TagOptions, run

PERIOD_START = dt.date(2025, 1, 1)
PERIOD_END = AS_OF = dt.date(2025, 12, 31)
STD_2021, STD_2025 = "cn-green-bond-2021", "cn-green-finance-2025"
C_REDUCTION = "年碳减排量（tCO2e）"
GREEN = ("aligned", "eligible")

BANKS = {
    "clean": {"seed": 20261122, "rows": 400, "bank_name": "厦门示例银行（虚构）",
              "bank_en": "Xiamen Example Bank (fictional)", "body": "91350200MA0000001"},
    "flawed": {"seed": 20261201, "rows": 500, "bank_name": "鹭岛示例商业银行（虚构）",
               "bank_en": "Ludao Example Commercial Bank (fictional)",
               "body": "91350200MA0000002"},
    "peer": {"seed": 20261202, "rows": 200, "bank_name": "同安示例农村商业银行（虚构）",
             "bank_en": "Tong'an Example Rural Commercial Bank (fictional)",
             "body": "91350212MA0000003"},
}

#: PLANTED in the flawed bank: extra misclassifications (segment, count, declared code).
PLANTED_MISCLASSIFIED = [("hotel", 2, "5.2.1.5"), ("trade_metal", 1, "1.5.2.2")]
#: PLANTED: the declared green balance is the loan-level total × this factor.
PLANTED_INFLATION = 1.15
#: PLANTED: Fujian reductions computed with the national 2023 factor (official national value).
PLANTED_FACTOR_REGION, PLANTED_FACTOR_FROM = "福建", "全国"
#: PLANTED: JR/T 0227 elements the flawed report leaves out.
PLANTED_MISSING_ELEMENTS = ("J09", "J10")
#: Projects of the flawed bank the peer bank co-finances.
SHARED_PROJECTS = 2

OPERATIONS = {  # illustrative own-operations activity of each bank (made up)
    "clean": {"electricity": 8600, "diesel": 35.0, "gas": 2.1},
    "flawed": {"electricity": 11200, "diesel": 48.0, "gas": 3.4},
    "peer": {"electricity": 2300, "diesel": 12.0, "gas": 0.6},
}


def credit_code(body: str) -> str:
    return body + uscc_check_char(body)


# --------------------------------------------------------------------------- books


def _book(bank: str, problems: bool) -> pd.DataFrame:
    b = BANKS[bank]
    book = generate_loan_book(b["rows"], seed=b["seed"], problems=problems, truth=True)
    dates = pd.to_datetime(book["审批日期"], errors="coerce")
    keep = (dates <= pd.Timestamp(AS_OF)) | dates.isna()
    return book[keep & (book["币种"] == "CNY")].copy()


def _tag(book: pd.DataFrame):
    cols = [c for c in book.columns if c not in ("segment", "segment_green_code")]
    return run(book[cols].reset_index(drop=True), TagOptions(taxonomies=(IN_FORCE,),
                                                             as_of=AS_OF))


def tidy(book: pd.DataFrame) -> pd.DataFrame:
    """Make every declaration one greenkit confirms under the edition in force, with no flag."""
    book = book.reset_index(drop=True)
    tr = _tag(book)
    t = tr.tagged.set_index("_row")
    rows = book.index + 2
    status = t[f"{IN_FORCE}.status"].reindex(rows).to_numpy()
    code = t[f"{IN_FORCE}.code"].reindex(rows).fillna("").to_numpy()
    edition = t[f"{IN_FORCE}.edition"].reindex(rows).fillna("").to_numpy()
    declared = (book[C_STD].fillna("") != "").to_numpy()
    green = np.isin(status, GREEN)
    # declarations under an edition not yet published at approval, and every loan of the
    # 2025 edition: declare under the edition in force with greenkit's code
    start, _ = _edition_dates()
    approved = pd.to_datetime(book["审批日期"], errors="coerce")
    early = (approved < book[C_STD].map(start)).fillna(False).to_numpy()
    move = declared & ((edition == STD_2025) | early)
    book.loc[move & green, C_STD] = edition[move & green]
    book.loc[move & green, C_GREEN] = code[move & green]
    book.loc[move & ~green, [C_STD, C_GREEN]] = ""
    tr = _tag(book)
    t = tr.tagged.set_index("_row")
    result = t["declared.result"].reindex(rows).fillna("").to_numpy()
    flagged = set(tr.flags.loc[~tr.flags["flag"].isin(["GW01", "GW02"]), "row"].astype(int))
    declared = (book[C_STD].fillna("") != "").to_numpy()
    book.loc[declared & (result != "confirmed"), [C_STD, C_GREEN]] = ""
    drop = declared & np.isin(rows, list(flagged))
    return book[~drop].reset_index(drop=True)


def plant_misclassified(book: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """PLANTED: ordinary loans of some segments declared green under the 2021 catalogue."""
    ids = []
    before = pd.to_datetime(book["审批日期"], errors="coerce") < pd.Timestamp("2025-10-01")
    for segment, n, code in PLANTED_MISCLASSIFIED:
        pick = book.index[(book["segment"] == segment) & (book[C_STD].fillna("") == "")
                          & before][:n]
        book.loc[pick, C_STD] = STD_2021
        book.loc[pick, C_GREEN] = code
        ids += book.loc[pick, "贷款编号"].tolist()
    return book, ids


def share_projects(flawed: pd.DataFrame, peer: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Copy SHARED_PROJECTS declared green project loans of the flawed bank into the peer's book."""
    cand = flawed[(flawed[C_STD].fillna("") != "") & (flawed["项目名称"].fillna("") != "")
                  & (flawed["统一社会信用代码"].fillna("") != "")
                  & flawed["segment"].isin(["pv_distributed", "wind_onshore", "pv_plant"])]
    cand = cand.drop_duplicates("项目名称").head(SHARED_PROJECTS).copy()
    cand["贷款编号"] = ["TA2025" + f"{900001 + i}" for i in range(len(cand))]
    amount = pd.to_numeric(cand["贷款余额（万元）"]) * 0.4  # the peer's tranche (illustrative)
    cand["贷款余额（万元）"] = amount.round(2).map(lambda x: f"{x:.2f}")
    cand[C_REDUCTION] = ""
    return pd.concat([peer, cand], ignore_index=True), cand["项目名称"].tolist()


# --------------------------------------------------------------------------- files


def _manifest(bank: str) -> dict:
    b = BANKS[bank]
    return {"bank_name": b["bank_name"], "bank_name_en": b["bank_en"],
            "credit_code": credit_code(b["body"]), "period_start": str(PERIOD_START),
            "period_end": str(PERIOD_END), "as_of": str(AS_OF), "catalogue": IN_FORCE,
            "product": "loan",
            "note": "fictional bank; illustrative figures (samples/README.md)"}


def _operations(bank: str) -> dict:
    o = OPERATIONS[bank]
    return {"company": {"name": BANKS[bank]["bank_name"], "region": "厦门市",
                        "reporting_year": PERIOD_END.year, "gwp_set": "AR5",
                        "parameter_set": "cn-gbt32150"},
            "fuels": [{"source": "公务用车（示例数据）", "fuel": "diesel", "quantity": o["diesel"],
                       "unit": "t"},
                      {"source": "职工食堂（示例数据）", "fuel": "natural_gas",
                       "quantity": o["gas"], "unit": "万立方米"}],
            "electricity": [{"site": "总部及营业网点（示例数据）", "region": "厦门市",
                             "year": PERIOD_END.year, "quantity": o["electricity"],
                             "unit": "MWh"}]}


def _report(bank: str, missing: tuple[str, ...] = ()) -> str:
    from greenkit.check.rules import load_rules

    els = load_rules()["CHK-C01"].params["elements"]
    body = "\n".join(f"<h2>{i}. {e['title_zh']}</h2>\n<p>（示例报告正文，内容为虚构。）</p>"
                     for i, e in enumerate([e for e in els if e["id"] not in missing], 1))
    return ("<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{BANKS[bank]['bank_name']} 2025年度环境信息披露报告（示例）</title></head>\n"
            f"<body>\n<h1>{BANKS[bank]['bank_name']} 2025年度环境信息披露报告（示例，虚构）</h1>\n"
            f"{body}\n</body></html>\n")


def _write_book(book: pd.DataFrame, path: Path) -> None:
    cols = [c for c in book.columns if c not in ("segment", "segment_green_code")]
    book[cols].to_csv(path, index=False, encoding="utf-8-sig")


def _write_yaml(doc: dict, path: Path, header: str) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + text, encoding="utf-8")


def _figure(value: float, unit: str, digits: int = 2) -> dict:
    return {"value": round(float(value), digits), "unit": unit}


def _declared(d, prior_wan: float, *, inflate: float = 1.0,
              factors: list[dict] | None = None, reductions: dict | None = None) -> dict:
    """Declared figures from a derived submission (optionally PLANTED inflation)."""
    green = d.totals["green_cny"] / 1e4
    extra = green * (inflate - 1.0)
    declared_green = green + extra
    cats = []
    by = d.by_category.sort_values(["declared_edition", "category"])
    biggest = by["amount"].idxmax() if len(by) else None
    for i, r in by.iterrows():
        amount = r["amount"] / 1e4 + (extra if i == biggest else 0.0)
        cats.append({"catalogue": r["declared_edition"], "code": r["category"],
                     "name": r["name"], **_figure(amount, "万元")})
    total = d.totals["total_cny"] / 1e4 + extra
    rt = reductions or d.reduction_totals
    out = {
        "green_loans": {
            "balance": _figure(declared_green, "万元"),
            "prior_balance": _figure(prior_wan, "万元"),
            "growth": _figure((declared_green - prior_wan) / prior_wan * 100, "%"),
            "share": _figure(declared_green / total * 100, "%"),
            "by_category": cats,
        },
        "emission_reductions": {
            "project_total": _figure(rt["project_total"], "tCO2e"),
            "attributed": _figure(rt["attributed"], "tCO2e"),
            "grid_factors": factors or [],
        },
    }
    if d.financed is not None:
        s = d.financed.summary
        out["financed_emissions"] = {
            "total": _figure(s["totals"]["financed_scope12_tco2e"], "tCO2e"),
            "data_quality_score": round(float(s["weighted_data_quality"]), 2)}
    if d.operations is not None:
        tot = d.operations.summary["totals"]
        out["own_operations"] = {"scope1": _figure(tot["scope1_tco2e"], "tCO2e"),
                                 "scope2": _figure(tot["scope2_location_tco2e"], "tCO2e")}
    out["disclosure"] = {"report": "report.html"}
    return out


def _official_factors(d) -> list[dict]:
    """Official factor (data year used) for every region the recomputation used."""
    r = d.reductions
    used = r[r["factor_status"].astype("string") == "ok"]
    t = used.drop_duplicates("factor_region")[["factor_region", "factor_year", "factor_value"]]
    return [{"region": str(reg), "year": int(y), "value": float(v), "unit": "tCO2/MWh"}
            for reg, y, v in sorted(zip(t["factor_region"], t["factor_year"], t["factor_value"],
                                        strict=True))]


def _derive(folder: Path):
    with open_submission(folder) as sub:
        return derive(sub)


def _fill_reported(book: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    ok = rows[rows["status"] == "ok"]
    value = pd.Series(ok["reduction_tco2e"].astype(float).round(2).to_numpy(),
                      index=ok["loan_id"].astype(str))
    value = value[~value.index.duplicated()]
    book[C_REDUCTION] = book["贷款编号"].astype(str).map(value).map(
        lambda x: "" if pd.isna(x) else f"{x:.2f}")
    return book


def write_bank(bank: str, book: pd.DataFrame, folder: Path, *, flawed: bool = False,
               full_book: pd.DataFrame | None = None) -> dict:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    _write_yaml(_manifest(bank), folder / "manifest.yaml",
                "# Fictional bank for greenkit's review demo (samples/README.md).\n")
    _write_yaml(_operations(bank), folder / "operations.yaml",
                "# Illustrative own-operations activity data (made up), company-footprint "
                "format.\n")
    fin = build_financed(full_book if full_book is not None else book)
    fin = fin[fin["贷款编号"].isin(set(book["贷款编号"]))]
    fin.to_csv(folder / "financed.csv", index=False, encoding="utf-8-sig")
    missing = PLANTED_MISSING_ELEMENTS if flawed else ()
    (folder / "report.html").write_text(_report(bank, missing), encoding="utf-8")
    book = book.copy()
    book[C_REDUCTION] = ""
    _write_book(book, folder / "loans.csv")
    (folder / "declared.yaml").write_text("{}\n", encoding="utf-8")
    d = _derive(folder)
    official = _official_factors(d)
    factors, reductions, rows = official, d.reduction_totals, d.reductions
    if flawed:
        # PLANTED: the Fujian factor is replaced by the national value of the same year
        national = [f for f in official if f["region"] == PLANTED_FACTOR_REGION]
        from greenkit.carbon import electricity_factors

        nat = electricity_factors(pd.Series([PLANTED_FACTOR_FROM]), AS_OF.year)
        factors = [dict(f, value=float(nat["factor_value"].iloc[0]))
                   if f["region"] == PLANTED_FACTOR_REGION else f for f in official]
        assert national, "the flawed book has no Fujian renewable loan to plant the factor on"
        _write_yaml({"emission_reductions": {"grid_factors": factors}},
                    folder / "declared.yaml", "")
        d = _derive(folder)
        rows = d.reductions_declared_factors
        reductions = {"project_total": d.reduction_totals["project_total_declared_factors"],
                      "attributed": d.reduction_totals["attributed_declared_factors"]}
    book = _fill_reported(book, rows)
    _write_book(book, folder / "loans.csv")
    d = _derive(folder)
    prior = (d.totals["green_cny"] - 0.9 * d.totals["new_green_cny"]) / 1e4  # illustrative
    doc = _declared(d, round(prior, 2), inflate=PLANTED_INFLATION if flawed else 1.0,
                    factors=factors, reductions=reductions)
    header = ("# Declared figures of a fictional bank (samples/README.md).\n" if not flawed else
              "# Declared figures of a fictional bank, with PLANTED errors for the review demo:\n"
              f"# green balance × {PLANTED_INFLATION} (also in the largest category, share and "
              "growth),\n# Fujian grid factor = national 2023 value (see samples/README.md).\n")
    _write_yaml(doc, folder / "declared.yaml", header)
    (folder / "README.md").write_text(
        f"# {BANKS[bank]['bank_name']}\n\nFictional sample submission for `greenkit check`; "
        "see `samples/README.md` (section *submissions*). Rebuild with "
        "`python -m greenkit.check.sample_data`.\n", encoding="utf-8")
    return {"folder": folder, "loans": int(len(book)), "declared": doc}


def build_all(out: Path | None = None) -> dict[str, dict]:
    out = out or samples_dir() / "submissions"
    clean = tidy(_book("clean", problems=False))
    flawed_full = generate_loan_book(BANKS["flawed"]["rows"], seed=BANKS["flawed"]["seed"],
                                     problems=True, truth=True)
    flawed = _book("flawed", problems=True)
    flawed, planted_ids = plant_misclassified(flawed)
    peer = tidy(_book("peer", problems=False))
    peer, shared = share_projects(flawed, peer)
    res = {"clean": write_bank("clean", clean, out / "clean",
                               full_book=generate_loan_book(BANKS["clean"]["rows"],
                                                            seed=BANKS["clean"]["seed"],
                                                            problems=False, truth=True)),
           "flawed": write_bank("flawed", flawed, out / "flawed", flawed=True,
                                full_book=flawed_full),
           "peer": write_bank("peer", peer, out / "peer",
                              full_book=generate_loan_book(BANKS["peer"]["rows"],
                                                           seed=BANKS["peer"]["seed"],
                                                           problems=False, truth=True))}
    res["flawed"]["planted_misclassified"] = planted_ids
    res["peer"]["shared_projects"] = shared
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m greenkit.check.sample_data",
                                 description="Rebuild samples/submissions/ (fictional banks).")
    ap.add_argument("-o", "--output", default=str(samples_dir() / "submissions"))
    args = ap.parse_args(argv)
    res = build_all(Path(args.output))
    for k, v in res.items():
        extra = {x: v[x] for x in ("planted_misclassified", "shared_projects") if x in v}
        print(f"{k}: {v['loans']} loans → {v['folder']} {extra or ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
