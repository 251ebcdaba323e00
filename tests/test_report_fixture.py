"""A small, hand-made tagged folder and institution profile for the report tests.

The tagged folder follows the contract of `greenkit tag BOOK -o DIR` (loans.parquet,
tagged.csv, summary.json) with statuses chosen by hand, so the expected report
figures can be computed by hand and do not move when tagging rules change:

| loan  | borrower                    | amount (元)  | cur | approved   | in-force tag                     |
|-------|-----------------------------|-------------:|-----|------------|----------------------------------|
| XM-A1 | 厦门阳光示例光伏有限公司     | 12,000,000   | CNY | 2024-03-05 | 2019 catalogue 3.2.2, aligned    |
| XM-A2 | <script>alert(1)</script>   |  5,005,000   | CNY | 2026-08-15 | 2025 catalogue 4.2.2, eligible   |
| XM-A3 | 厦门示例热电有限公司 (4411)   | 30,000,000   | CNY | 2023-05-10 | not_eligible                     |
| XM-A4 | 厦门示例航运有限公司          |  1,000,000   | USD | 2025-02-01 | not_eligible                     |
| XM-A5 | 厦门示例置业有限公司          |  8,000,000   | CNY | 2025-12-01 | 2025 catalogue 6.1.1, eligible   |

Green CNY balance = 12,000,000 + 5,005,000 + 8,000,000 = 25,005,000 元 = 2,500.50 万元;
all CNY = 25,005,000 + 30,000,000 = 55,005,000 元; share = 25,005,000 / 55,005,000 = 45.46 %.
High-carbon (4411) = 3,000.00 万元 = 54.54 % of CNY loans.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

HOSTILE_BORROWER = "<script>alert(1)</script>"
HOSTILE_NARRATIVE = '<img src="http://example.com/x.png"> 其他环境信息'
GREEN_WAN = "2,500.50"      # (12,000,000 + 5,005,000 + 8,000,000) / 10,000
GREEN_SHARE = "45.46%"      # 25,005,000 / 55,005,000 = 0.454595…
HIGH_CARBON_WAN = "3,000.00"  # 30,000,000 / 10,000
HIGH_CARBON_SHARE = "54.54%"  # 30,000,000 / 55,005,000 = 0.545405…


def make_tagged(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nan = float("nan")
    loans = pd.DataFrame({
        "_row": [2, 3, 4, 5, 6],
        "loan_id": ["XM-A1", "XM-A2", "XM-A3", "XM-A4", "XM-A5"],
        "borrower_name": ["厦门阳光示例光伏有限公司", HOSTILE_BORROWER, "厦门示例热电有限公司",
                          "厦门示例航运有限公司", "厦门示例置业有限公司"],
        "borrower_id": ["", "", "", "", ""],
        "industry_code": ["4416", "4416", "4411", "5521", "7010"],
        "industry_section": ["D", "D", "D", "G", "K"],
        "purpose": ["厦门翔安区6MW分布式光伏发电项目建设", "支付集美区2MW屋顶光伏发电项目设备款",
                    "补充日常经营流动资金", "购置散货船", "二星级绿色建筑住宅项目开发"],
        "project_name": ["翔安6MW分布式光伏发电项目", "集美2MW屋顶光伏发电项目", None, None,
                         "示例绿色住宅项目"],
        "outstanding": [12_000_000.0, 5_005_000.0, 30_000_000.0, 1_000_000.0, 8_000_000.0],
        "currency": ["CNY", "CNY", "CNY", "USD", "CNY"],
        "approval_date": pd.to_datetime(["2024-03-05", "2026-08-15", "2023-05-10",
                                         "2025-02-01", "2025-12-01"]),
        "region": ["厦门市", "厦门市", "厦门市", "厦门市", "厦门市"],
        "interest_rate": [3.2, 3.1, 4.2, 5.0, 3.6],
        "project_investment": [20_000_000.0, nan, nan, nan, nan],
        "annual_generation": [8000.0, nan, nan, nan, nan],
        "energy_saved": [nan, nan, nan, nan, nan],
    })
    loans["borrower_id"] = loans["borrower_id"].astype("string")
    loans.to_parquet(folder / "loans.parquet", index=False)
    tagged = pd.DataFrame({
        "loan_id": loans["loan_id"], "_row": loans["_row"],
        "in-force.edition": ["cn-green-industry-2019", "cn-green-finance-2025",
                             "cn-green-industry-2019", "cn-green-industry-2019",
                             "cn-green-finance-2025"],
        "in-force.code": ["3.2.2", "4.2.2", "", "", "6.1.1"],
        "in-force.name": ["太阳能利用设施建设和运营", "太阳能利用设施建设和运营", "", "",
                          "绿色建筑建设和运营"],
        "in-force.status": ["aligned", "eligible", "not_eligible", "not_eligible", "eligible"],
        "in-force.rule": ["fixture", "fixture", "", "", "fixture"],
        "in-force.reason": ["", "", "no rule matched", "no rule matched", ""],
    })
    tagged.to_csv(folder / "tagged.csv", index=False, encoding="utf-8-sig")
    summary = {
        "read": 6, "accepted": 5, "rejected": 1, "nothing_lost": True, "warnings": 0,
        "rejected_by_reason": {"duplicate_id": 1},
        "declared": {"confirmed": 2, "not_supported": 1}, "flags": {"GW01": 1, "GW04": 1},
        "input": {"path": "fixture_book.csv", "sha256": "ab" * 32, "format": "csv",
                  "encoding": "utf-8-sig", "sheet": None},
        "editions": [
            {"id": "cn-green-finance-2025", "document_number": "银发〔2025〕132号",
             "effective_from": "2025-10-01"},
            {"id": "cn-green-industry-2019", "document_number": "发改环资〔2019〕293号",
             "effective_from": "2019-02-14"}],
        "as_of": "2026-09-30", "greenkit_version": "fixture", "run_at": "2026-10-01T09:00:00",
    }
    (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    return folder


PROFILE = {
    "report": {"period_start": "2026-01-01", "period_end": "2026-09-30", "illustrative": True},
    "institution": {"name": {"zh": "厦门测试银行（虚构）", "en": "Xiamen Test Bank (fictional)"}},
    "overview": {"summary": {"zh": "年度概况叙述。", "en": "Overview narrative."}},
    "governance": {"summary": "董事会负责。",
                   "bodies": [{"body": "董事会", "role": "审议绿色金融规划。"}]},
    "policies": {"summary": "绿色金融制度。", "external": ["JR/T 0227—2021"]},
    "products": {"summary": {"zh": "光伏贷。"}},  # no English: falls back, and says so
    "risk_management": {"summary": "全流程管理。",
                        "steps": [{"stage": "识别", "description": "贷前调查。"}]},
    "impacts": {"summary": "物理风险与转型风险。",
                "risks": [{"name": "台风", "type": "physical", "description": "损坏抵押物。"}]},
    "operations": {
        "employees": 100,
        "water": {"quantity": 5000, "unit": "m³"},
        "paper": {"quantity": 2.5, "unit": "t"},
        "footprint": {
            "company": {"name": "厦门测试银行（虚构）", "region": "厦门市", "reporting_year": 2026},
            # 1,000 MWh × 0.4211 tCO2/MWh (福建, data year 2023) = 421.10 tCO2
            "electricity": [{"site": "总行", "region": "厦门市", "year": 2026,
                             "quantity": 1000, "unit": "MWh"}],
            "fuels": [{"source": "公务车", "fuel": "gasoline", "quantity": 2.0, "unit": "t"}],
        },
    },
    "data_governance": {"summary": "逐行校验。"},
    "innovation": {"summary": "研究。"},
    "other": HOSTILE_NARRATIVE,
}


def make_profile(path: Path) -> Path:
    path.write_text(yaml.safe_dump(PROFILE, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def test_fixture_is_a_readable_tagged_folder(tmp_path):
    from greenkit.report import data as D

    tg = D.load_tagged(make_tagged(tmp_path / "tagged"))
    cov = D.coverage(tg.frame)
    # CNY: 5 loans minus the USD one = 4; green = A1 + A2 + A5
    assert cov["CNY"]["count"] == 4
    assert cov["CNY"]["green_count"] == 3
    assert cov["CNY"]["green_amount"] == 25_005_000.0
    assert cov["USD"] == {"count": 1, "amount": 1_000_000.0, "green_count": 0,
                          "green_amount": 0.0, "share": 0.0}
