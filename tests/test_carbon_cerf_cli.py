"""碳减排支持工具 table and the `greenkit carbon` commands end to end (tag → carbon)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from greenkit.carbon.cerf import disclosure_table, load_cerf_rules, match_rules
from greenkit.cli import app as root_app
from greenkit.cli.carbon import app
from greenkit.paths import samples_dir

runner = CliRunner()

BOOK = pd.DataFrame({
    "贷款编号": ["C1", "C2", "C3", "C4"],
    "借款人名称": ["厦门光明新能源有限公司", "漳州海风发电有限公司", "厦门顺达贸易有限公司",
               "厦门节能服务有限公司"],
    "行业代码": ["D4416", "D4415", "F5164", "L7514"],
    "贷款用途": ["用于厦门翔安区100MW光伏电站建设", "支付漳州50MW风电场建设款", "补充日常经营流动资金",
             "合同能源管理项目设备采购"],
    "项目名称": ["翔安100MW光伏电站", "漳州50MW风电场", "", "某厂合同能源管理项目"],
    "贷款余额（万元）": ["20000", "30000", "500", "1000"],
    "审批日期": ["2026-07-15", "2026-08-20", "2026-08-01", "2026-05-10"],
    "所在地区": ["厦门市", "福建省漳州市", "厦门市", "厦门市"],
    "贷款利率（%）": ["3.0", "4.0", "5.5", "3.5"],
    "项目总投资（万元）": ["40000", "", "", ""],
    "年发电量（万千瓦时）": ["12000", "", "", ""],
    "节能量（吨标准煤）": ["", "", "", "1000"],
})


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    d = tmp_path_factory.mktemp("carbon")
    book = d / "book.csv"
    BOOK.to_csv(book, index=False, encoding="utf-8-sig")
    res = runner.invoke(root_app, ["--quiet", "tag", str(book), "-o", str(d / "tagged"),
                                   "--as-of", "2026-09-30"])
    assert res.exit_code in (0, 1), res.output
    return d / "tagged"


def test_cerf_rules_and_quarter_table():
    f = pd.DataFrame({"loan_id": ["a", "b", "c"], "edition": ["cn-green-finance-2025"] * 3,
                      "item_code": ["4.2.2", "4.2.5", "6.1.1"],
                      "approval_date": pd.to_datetime(["2026-07-01", "2026-07-01",
                                                       "2026-07-01"])})
    m = match_rules(f, load_cerf_rules())
    # PV → 清洁能源; nuclear (4.2.5) left out; 6.1.1 has no direct-effect mark → not counted
    assert m["cerf_domain"].tolist() == ["清洁能源", "", ""]
    loans = pd.DataFrame({
        "loan_id": ["a", "b", "c"], "project_name": ["P1", "P1", ""], "quarter": ["2026Q3"] * 3,
        "outstanding": [1e7, 3e7, 1e7], "interest_rate": [3.0, 4.0, np.nan],
        "reduction_status": ["ok", "ok", "insufficient_data"],
        "attributed_reduction_tco2e": [100.0, np.nan, np.nan],
        "reduction_tco2e": [300.0, 300.0, np.nan]})
    t = disclosure_table(loans).set_index("period_type")
    q = t.loc["quarter"]
    # projects: P1 (two loans) and one loan without a project name = 2
    assert (q["projects"], q["loans"]) == (2, 3)
    # amount: (1,000 + 3,000 + 1,000)万 = 5,000万; rate weighted by amount over rows with a rate:
    # (1,000×3.0 + 3,000×4.0) / 4,000 = 3.75
    assert q["loan_amount_wan_yuan"] == pytest.approx(5000.0)
    assert q["weighted_avg_rate_pct"] == pytest.approx(3.75)
    assert q["annual_reduction_tco2e"] == pytest.approx(100.0)
    assert (q["loans_with_reduction"], q["loans_without_reduction"]) == (1, 2)


def test_reductions_and_cerf_commands(tagged, tmp_path):
    out = tmp_path / "red"
    res = runner.invoke(app, ["reductions", str(tagged), "-o", str(out), "--year", "2023"])
    assert res.exit_code == 0, res.output
    rows = pd.read_csv(out / "reductions.csv", dtype={"loan_id": str}).set_index("loan_id")
    # C1: 12,000万千瓦时 = 120,000 MWh × 0.4211 (福建 2023) = 50,532; share 2亿/4亿 → 25,266
    assert rows.loc["C1", "reduction_tco2e"] == pytest.approx(50532.0)
    assert rows.loc["C1", "attributed_reduction_tco2e"] == pytest.approx(25266.0)
    # C2: no generation given → insufficient_data, listed with the missing field
    assert rows.loc["C2", "status"] == "insufficient_data"
    assert rows.loc["C2", "missing"] == "annual_generation"
    assert "C3" not in rows.index  # not green
    summary = json.loads((out / "reductions_summary.json").read_text(encoding="utf-8"))
    assert summary["reporting_year"] == 2023 and summary["greenkit_version"]
    res = runner.invoke(app, ["cerf", str(tagged), "-o", str(tmp_path / "cerf"),
                              "--reductions", str(out / "reductions.csv")])
    assert res.exit_code == 0, res.output
    table = pd.read_csv(tmp_path / "cerf" / "cerf_disclosure.csv")
    q3 = table[table["period"] == "2026Q3"].iloc[0]
    # C1 (3.0 %, 2亿) and C2 (4.0 %, 3亿): (2×3.0 + 3×4.0) / 5 = 3.6 %
    assert q3["loans"] == 2 and q3["weighted_avg_rate_pct"] == pytest.approx(3.6)
    assert q3["annual_reduction_tco2e"] == pytest.approx(25266.0)


def test_financed_company_and_factors_commands(tmp_path):
    res = runner.invoke(app, ["financed", str(samples_dir() / "financed_book.csv"), "-o",
                              str(tmp_path / "fin"), "--year", "2025"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "fin" / "financed_summary.json").exists()
    res = runner.invoke(app, ["company", str(samples_dir() / "company_activity.yaml"), "-o",
                              str(tmp_path / "co")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "co" / "company_footprint.csv").exists()
    res = runner.invoke(app, ["factors", "--region", "福建", "--year", "2023", "--series",
                              "mee-grid-average", "--format", "json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)
    assert got[0]["factor_value"] == 0.4211 and got[0]["factor_region_level"] == "province"


def test_bad_input_is_one_clear_error(tmp_path):
    from greenkit.errors import InputFileNotFound

    res = runner.invoke(app, ["reductions", str(tmp_path / "nope"), "-o", str(tmp_path / "x")])
    assert isinstance(res.exception, InputFileNotFound)
    assert "greenkit tag" in str(res.exception)
