"""Small hand-made submissions for the `greenkit check` tests.

BASE is a four-loan bank whose declared figures were computed by hand below;
every rule passes on it. BAD_LOANS plants one loan-level defect per rule.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import yaml

HEADER = ["贷款编号", "借款人名称", "统一社会信用代码", "行业代码", "贷款用途", "项目名称",
          "贷款余额（万元）", "币种", "审批日期", "所在地区", "分类标准", "绿色贷款分类",
          "项目总投资（万元）", "年发电量（万千瓦时）", "年碳减排量（tCO2e）"]

# Fictional borrowers; credit codes taken from samples/loan_book.csv (valid check characters).
PV = ["T001", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
      "支付丰通南安市6.95MW分布式光伏发电项目设备及工程款", "丰通南安市6.95MW分布式光伏发电项目",
      "1000", "CNY", "2024-03-01", "福建省泉州市", "cn-green-bond-2021", "3.2.2.2", "2000", "1000", ""]
WIND = ["T002", "酒泉风能开发有限公司", "", "D4415", "用于酒泉瓜州100MW风电场项目建设",
        "瓜州100MW风电场项目", "500", "CNY", "2025-06-01", "甘肃省酒泉市", "cn-green-bond-2021",
        "3.2.2.1", "", "2000", ""]
TRADE = ["T003", "厦门金钧金属材料股份有限公司", "91350205902365850E", "F5164", "补充日常经营流动资金",
         "", "2000", "CNY", "2023-05-01", "厦门市", "", "", "", "", ""]
HOME = ["T004", "陈*华", "", "", "个人住房按揭贷款", "", "300", "CNY", "2022-01-10", "厦门市", "", "",
        "", "", ""]
BASE_ROWS = [PV, WIND, TRADE, HOME]

# Hand-computed figures of BASE (reporting year 2025 → factor data year 2023):
#   green balance = 1000 + 500 = 1500 万元; all loans = 1000 + 500 + 2000 + 300 = 3800 万元
#   share = 1500 / 3800 = 39.4737 %; prior 1200 → growth (1500 − 1200) / 1200 = 25 %
#   PV: 1000 万千瓦时 = 10,000 MWh × 0.4211 (福建 2023) = 4,211 tCO2e; share 1000/2000 = 0.5 → 2,105.5
#   wind: 2000 万千瓦时 = 20,000 MWh × 0.4471 (甘肃 2023) = 8,942 tCO2e (no investment → not attributed)
#   project total 4,211 + 8,942 = 13,153 tCO2e; attributed 2,105.5 tCO2e
#   financed: 1000 / 10,000 × (5,000 + 1,000) = 600 tCO2e, verified → data quality 1
#   operations: 1,000 MWh in 厦门 × 0.4211 = 421.1 tCO2e Scope 2; no fuel → Scope 1 = 0
BASE_DECLARED = {
    "green_loans": {
        "balance": {"value": 1500, "unit": "万元"},
        "prior_balance": {"value": 1200, "unit": "万元"},
        "growth": {"value": 25.0, "unit": "%"},
        "share": {"value": 39.47, "unit": "%"},
        "by_category": [{"catalogue": "cn-green-bond-2021", "code": "3", "value": 1500,
                         "unit": "万元"}],
    },
    "emission_reductions": {
        "project_total": {"value": 13153, "unit": "tCO2e"},
        "attributed": {"value": 2105.5, "unit": "tCO2e"},
        "grid_factors": [{"region": "福建", "year": 2023, "value": 0.4211, "unit": "tCO2/MWh"},
                         {"region": "甘肃", "year": 2023, "value": 0.4471, "unit": "tCO2/MWh"}],
    },
    "financed_emissions": {"total": {"value": 600, "unit": "tCO2e"}, "data_quality_score": 1},
    "own_operations": {"scope1": {"value": 0, "unit": "tCO2e"},
                       "scope2": {"value": 421.1, "unit": "tCO2e"}},
}
MANIFEST = {"bank_name": "测试银行（虚构）", "credit_code": "91350200MA0000001W",
            "period_start": "2025-01-01", "period_end": "2025-12-31", "as_of": "2025-12-31",
            "catalogue": "in-force"}
FINANCED = ("贷款编号,借款人名称,统一社会信用代码,行业代码,所在地区,资产类别,贷款余额（万元）,币种,"
            "权益与负债合计（万元）,范围一排放（吨二氧化碳当量）,范围二排放（吨二氧化碳当量）,排放数据经第三方核查\n"
            "T003,厦门金钧金属材料股份有限公司,91350205902365850E,5164,厦门市,business_loan,1000,"
            "CNY,10000,5000,1000,是\n")
OPERATIONS = {"company": {"name": "测试银行（虚构）", "region": "厦门市", "reporting_year": 2025,
                          "gwp_set": "AR5", "parameter_set": "cn-gbt32150"},
              "electricity": [{"site": "总部", "region": "厦门市", "year": 2025,
                               "quantity": 1000, "unit": "MWh"}]}
TITLES = ["年度概况", "金融机构环境相关治理结构", "金融机构环境相关政策制度", "金融机构环境相关产品与服务创新",
          "金融机构环境风险管理流程", "环境因素对金融机构的影响", "金融机构投融资活动的环境影响",
          "金融机构经营活动的环境影响", "数据梳理、校验及保护", "绿色金融创新及研究成果"]

# One defect per row (rule in the comment); BAD_LOANS = BASE_ROWS + these.
BAD = [
    # CHK-K01 + GW05: working capital declared as PV
    ["B001", "厦门金钧金属材料股份有限公司", "91350205902365850E", "F5164", "补充日常经营流动资金", "",
     "800", "CNY", "2024-02-01", "厦门市", "cn-green-bond-2021", "3.2.2.2", "", "", ""],
    # CHK-K02: a PV plant declared as wind
    ["B002", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于晋江市5MW分布式光伏发电项目建设", "晋江5MW分布式光伏发电项目", "400", "CNY", "2024-04-01",
     "福建省泉州市", "cn-green-bond-2021", "3.2.2.1", "", "", ""],
    # CHK-K03: a code that is not in the catalogue
    ["B003", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于石狮市3MW分布式光伏发电项目建设", "石狮3MW分布式光伏发电项目", "300", "CNY", "2024-05-01",
     "福建省泉州市", "cn-green-bond-2021", "9.9.9.9", "", "", ""],
    # CHK-K04: approved 2025-11-03, declared under the superseded 2021 catalogue
    ["B004", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于惠安县2MW分布式光伏发电项目建设", "惠安2MW分布式光伏发电项目", "200", "CNY", "2025-11-03",
     "福建省泉州市", "cn-green-bond-2021", "3.2.2.2", "", "", ""],
    # CHK-C05: declared green without a code
    ["B005", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于永春县1MW分布式光伏发电项目建设", "永春1MW分布式光伏发电项目", "100", "CNY", "2025-03-01",
     "福建省泉州市", "cn-green-bond-2021", "", "", "", ""],
    # CHK-R07: reported 5,000 tCO2e, recomputed 500 万千瓦时 = 5,000 MWh × 0.4211 = 2,105.5
    ["B006", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于德化县4MW分布式光伏发电项目建设", "德化4MW分布式光伏发电项目", "150", "CNY", "2024-07-01",
     "福建省泉州市", "cn-green-bond-2021", "3.2.2.2", "", "500", "5000"],
    # CHK-K05: aligned PV not declared
    ["B007", "丰通能源发展（泉州）有限公司", "91350583908190051M", "D4416",
     "用于安溪县6MW分布式光伏发电项目建设", "安溪6MW分布式光伏发电项目", "250", "CNY", "2024-08-01",
     "福建省泉州市", "", "", "", "", ""],
    # CHK-D01: repeats T003's id
    ["T003", "厦门金钧金属材料股份有限公司", "91350205902365850E", "F5164", "补充日常经营流动资金", "",
     "90", "CNY", "2023-05-01", "厦门市", "", "", "", "", ""],
    # CHK-D02: credit code with a wrong check character (last M → N)
    ["B009", "丰通贸易有限公司", "91350583908190051N", "F5164", "补充日常经营流动资金", "", "60",
     "CNY", "2023-05-01", "厦门市", "", "", "", "", ""],
    # CHK-D03: negative balance
    ["B010", "厦门某贸易有限公司", "", "F5164", "补充日常经营流动资金", "", "-50", "CNY",
     "2023-05-01", "厦门市", "", "", "", "", ""],
    # CHK-D03: approved after the as-of date
    ["B011", "厦门某贸易有限公司", "", "F5164", "补充日常经营流动资金", "", "70", "CNY",
     "2026-02-01", "厦门市", "", "", "", "", ""],
    # CHK-D05: a formula in a name
    ["B012", '=HYPERLINK("http://x","点击")', "", "F5164", "补充日常经营流动资金", "", "40", "CNY",
     "2023-05-01", "厦门市", "", "", "", "", ""],
    # CHK-D06: a USD loan
    ["B013", "厦门航运有限公司", "", "G5521", "支付船舶租金", "", "30", "USD", "2023-05-01",
     "厦门市", "", "", "", "", ""],
    # CHK-C06: declared green building without the data a reduction needs
    ["B014", "厦门某置业有限公司", "", "K7010", "用于集美区和泓公馆绿色建筑项目建设（二星级）",
     "和泓公馆绿色建筑项目", "120", "CNY", "2024-09-01", "厦门市", "cn-green-bond-2021", "5.2.1.2",
     "", "", ""],
]


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([HEADER, *rows])
    return buf.getvalue()


def report_html(missing: tuple[str, ...] = ()) -> str:
    body = "".join(f"<h2>{t}</h2><p>…</p>" for t in TITLES if t not in missing)
    return f"<!doctype html><html><body><h1>报告</h1>{body}</body></html>"


def make_submission(folder: Path, rows: list[list[str]] | None = None,
                    declared: dict | None = None, manifest: dict | None = None,
                    report: str | None = None, financed: bool = True,
                    operations: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.yaml").write_text(
        yaml.safe_dump(manifest or MANIFEST, allow_unicode=True), encoding="utf-8")
    (folder / "declared.yaml").write_text(
        yaml.safe_dump(BASE_DECLARED if declared is None else declared, allow_unicode=True),
        encoding="utf-8")
    (folder / "loans.csv").write_text(_csv(BASE_ROWS if rows is None else rows),
                                      encoding="utf-8-sig")
    (folder / "report.html").write_text(report or report_html(), encoding="utf-8")
    if financed:
        (folder / "financed.csv").write_text(FINANCED, encoding="utf-8-sig")
    if operations:
        (folder / "operations.yaml").write_text(yaml.safe_dump(OPERATIONS, allow_unicode=True),
                                                encoding="utf-8")
    return folder


def declared_with(path: str, value) -> dict:
    """BASE_DECLARED with one entry replaced (dotted path; list index as [i])."""
    doc = copy.deepcopy(BASE_DECLARED)
    parts = path.split(".")
    cur = doc
    for p in parts[:-1]:
        cur = cur[int(p)] if p.isdigit() else cur.setdefault(p, {})
    last = parts[-1]
    if value is None:
        del cur[last]
    elif last.isdigit():
        cur[int(last)] = value
    else:
        cur[last] = value
    return doc
