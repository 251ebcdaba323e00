"""Recognition rules of the 厦绿融 library: the rules file, and passing and failing cases.

Each case is a small real frame written to a tagged folder / company-data CSV
in tmp_path; expected values are computed by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import valid_uscc

from greenkit.errors import ConfigError
from greenkit.library.recognise import recognise
from greenkit.library.rules import default_rules_path, describe, load_rules

AS_OF = dt.date(2026, 9, 30)
CODE_A = valid_uscc("91350200MA2YA0001")
CODE_B = valid_uscc("91350200MA2YA0002")
CODE_C = valid_uscc("91350200MA2YA0003")


def write_tagged(folder: Path, loans: list[dict]) -> Path:
    """A minimal ``greenkit tag`` folder: tagged.csv + loans.parquet."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, ln in enumerate(loans):
        rows.append({"loan_id": ln["loan_id"], "_row": i + 2,
                     "in-force.edition": ln.get("edition", "cn-green-finance-2025"),
                     "in-force.code": ln.get("code", ""), "in-force.name": ln.get("name", ""),
                     "in-force.status": ln.get("status", "not_eligible"),
                     "in-force.rule": ln.get("rule", "R1"), "in-force.reason": "test"})
    cols = ["loan_id", "_row"] + [f"in-force.{c}" for c in
                                  ("edition", "code", "name", "status", "rule", "reason")]
    pd.DataFrame(rows, columns=cols).to_csv(folder / "tagged.csv", index=False,
                                            encoding="utf-8-sig")
    frame = pd.DataFrame({
        "loan_id": [ln["loan_id"] for ln in loans],
        "borrower_name": [ln.get("borrower", "甲公司") for ln in loans],
        "borrower_id": [ln.get("code_id", CODE_A) for ln in loans],
        "project_name": [ln.get("project") for ln in loans],
        "purpose": [ln.get("purpose", "项目建设") for ln in loans],
        "industry_code": ["4416"] * len(loans),
        "outstanding": [ln.get("amount", 1e7) for ln in loans],
        "currency": ["CNY"] * len(loans),
        "approval_date": pd.to_datetime(["2025-11-01"] * len(loans)),
        "region": ["厦门市"] * len(loans),
    }).astype({"loan_id": "string", "borrower_name": "string", "borrower_id": "string",
               "project_name": "string", "purpose": "string"})
    frame.to_parquet(folder / "loans.parquet", index=False)
    return folder


COMPANY_HEADER = ["企业名称", "统一社会信用代码", "业务板块", "板块营业收入（万元）",
                  "板块利润（万元）", "是否绿色业务", "最近环境行政处罚日期",
                  "企业环境信用评价等级", "是否列入失信名单"]


def write_companies(path: Path, rows: list[list]) -> Path:
    pd.DataFrame(rows, columns=COMPANY_HEADER).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def decisions_for(tmp_path: Path, companies: list[list], loans: list[dict] | None = None,
                  **kw) -> pd.DataFrame:
    tagged = write_tagged(tmp_path / "tagged", loans or [])
    comp = write_companies(tmp_path / "companies.csv", companies)
    rec = recognise(tagged, company_data=comp, as_of=AS_OF, green_factories=False, **kw)
    return rec.decisions.set_index("name")


def code(i: int) -> str:
    return valid_uscc(f"91350200MA2YB{i:04d}")


# --------------------------------------------------------------------------
# The rules file
# --------------------------------------------------------------------------

def test_default_rules_are_labelled_greenkit_defaults_with_stable_ids():
    rs = load_rules()
    assert rs.official is False
    assert "非厦门官方" in rs.title_zh and "not the official" in rs.title_en
    ids = [r.id for r in rs.rules]
    assert ids == ["XLR-G01", "XLR-P01", "XLR-P02", "XLR-E01", "XLR-E02", "XLR-E03",
                   "XLR-S01", "XLR-S02", "XLR-S03"]
    rows = describe(rs, "en")
    assert all(r["description"] and r["source"] for r in rows)
    assert rs.rule("XLR-E01").params == {"min_share": 0.5}
    assert rs.rule("XLR-S01").params == {"years": 3, "missing": "note"}


def _user_rules(tmp_path: Path, edit) -> Path:
    doc = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    edit(doc)
    p = tmp_path / "my-rules.yaml"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return p


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["rules"][0].update(check="eval_python"), "unknown check 'eval_python'"),
    (lambda d: d["rules"][1].update(id="XLR-G01"), "id used twice"),
    (lambda d: d["rules"][3]["params"].update(min_share="half"), "min_share"),
    (lambda d: d["rules"][3]["params"].update(threshold=0.5), "unknown parameter"),
    (lambda d: d["rules"][6]["params"].update(missing="maybe"), "missing"),
    (lambda d: d["rules"][7]["params"].update(reject=["紫"]), "not among"),
    (lambda d: d["rules"][3].update(role="must"), "role 'must'"),
    (lambda d: d["rules"][1].update(applies_to=["enterprise"]), "cannot apply to"),
    (lambda d: d["tiers"]["project"][0].update(when={"colour": ["green"]}),
     "unknown variable 'colour'"),
    (lambda d: d["tiers"]["enterprise"][0].update(when={"green_revenue_share": {"gte": 1}}),
     "unknown operator"),
    (lambda d: d.update(rules=[r for r in d["rules"] if r["role"] != "qualify"]),
     "no `qualify` rule"),
])
def test_a_users_rules_file_is_validated_with_file_and_rule_named(tmp_path, edit, message):
    p = _user_rules(tmp_path, edit)
    with pytest.raises(ConfigError) as err:
        load_rules(p)
    assert message in str(err.value)
    assert str(p) in str(err.value)


def test_a_valid_user_rules_file_changes_the_decision(tmp_path):
    # 45 % green revenue fails the default 50 % but passes a user's 40 %.
    companies = [["乙公司", CODE_B, "光伏", 45, 5, "是", "", "蓝", "否"],
                 ["乙公司", CODE_B, "贸易", 55, 8, "否", "", "", ""]]
    default = decisions_for(tmp_path, companies)
    assert not default.loc["乙公司", "recognised"]
    p = _user_rules(tmp_path, lambda d: d["rules"][3]["params"].update(min_share=0.4))
    mine = decisions_for(tmp_path, companies, rules=p)
    assert mine.loc["乙公司", "recognised"]
    assert "XLR-E01" in mine.loc["乙公司", "rules_fired"]


# --------------------------------------------------------------------------
# Enterprise rules (XLR-E01 50 %, XLR-E02 30 %/30 %), passing and failing
# --------------------------------------------------------------------------

ENTERPRISES = [
    # 60 green / (60 + 40) = 60 % ≥ 50 % → E01 passes; tier TE2 (50 % ≤ 60 % < 95 %)
    ["A六成绿色", code(1), "污水处理", 60, 6, "是", "", "蓝", "否"],
    ["A六成绿色", code(1), "工程", 40, 4, "否", "", "", ""],
    # exactly 50 / 100 = 50 % → E01 passes (≥)
    ["D五成", code(4), "光伏", 50, 5, "是", "", "蓝", "否"],
    ["D五成", code(4), "贸易", 50, 5, "否", "", "", ""],
    # 40 % green; largest line green with 40 % of revenue and 55/100 = 55 % of profit
    # and the highest profit → E01 fails, E02 passes; tier TE3
    ["B三十规则", code(2), "污水处理运营", 40, 55, "是", "", "蓝", "否"],
    ["B三十规则", code(2), "市政施工", 35, 25, "否", "", "", ""],
    ["B三十规则", code(2), "建材贸易", 25, 20, "否", "", "", ""],
    # largest line exactly 30 % of revenue (30/100) and 30 % of profit (30/100), top profit
    ["E三十整", code(5), "风电", 30, 30, "是", "", "蓝", "否"],
    ["E三十整", code(5), "甲", 25, 25, "否", "", "", ""],
    ["E三十整", code(5), "乙", 25, 25, "否", "", "", ""],
    ["E三十整", code(5), "丙", 20, 20, "否", "", "", ""],
    # largest line 29 % (29/100) → E02 fails; 29 % green → E01 fails
    ["F二十九", code(6), "风电", 29, 40, "是", "", "蓝", "否"],
    ["F二十九", code(6), "甲", 28, 20, "否", "", "", ""],
    ["F二十九", code(6), "乙", 28, 20, "否", "", "", ""],
    ["F二十九", code(6), "丙", 15, 20, "否", "", "", ""],
    # largest line green (36 of 100) but "other" earns more profit (60 > 20) → both fail
    ["C非最赚钱", code(3), "光伏组件", 36, 20, "是", "", "蓝", "否"],
    ["C非最赚钱", code(3), "地产", 34, 60, "否", "", "", ""],
    ["C非最赚钱", code(3), "贸易", 30, 20, "否", "", "", ""],
    # total profit 10 - 30 = -20 ≤ 0 → E02 cannot hold; green 40 % → E01 fails
    ["G亏损", code(7), "光伏", 40, 10, "是", "", "蓝", "否"],
    ["G亏损", code(7), "地产", 35, -30, "否", "", "", ""],
    ["G亏损", code(7), "贸易", 25, 0, "否", "", "", ""],
    # 100 % green → tier TE1 (≥ 95 %)
    ["H纯绿", code(8), "储能", 80, 9, "是", "", "绿牌", "否"],
]


@pytest.fixture(scope="module")
def enterprise_decisions(tmp_path_factory):
    return decisions_for(tmp_path_factory.mktemp("ent"), ENTERPRISES)


@pytest.mark.parametrize("name, recognised, tier, fired", [
    ("A六成绿色", True, "XLR-TE2", "XLR-E01"),
    ("D五成", True, "XLR-TE2", "XLR-E01"),
    ("B三十规则", True, "XLR-TE3", "XLR-E02"),
    ("E三十整", True, "XLR-TE3", "XLR-E02"),
    ("H纯绿", True, "XLR-TE1", "XLR-E01"),
    ("F二十九", False, None, "XLR-E01,XLR-E02"),
    ("C非最赚钱", False, None, "XLR-E01,XLR-E02"),
    ("G亏损", False, None, "XLR-E01,XLR-E02"),
])
def test_enterprise_share_rules(enterprise_decisions, name, recognised, tier, fired):
    row = enterprise_decisions.loc[name]
    assert bool(row["recognised"]) is recognised
    assert (None if pd.isna(row["tier"]) else row["tier"]) == tier
    assert fired in row["rules_fired"]
    if not recognised:
        assert row["rules_fired"] == fired  # a rejected candidate names the rules that failed


def test_enterprise_values_are_recorded(enterprise_decisions):
    a = enterprise_decisions.loc["A六成绿色"]
    assert a["green_revenue_share"] == pytest.approx(0.6)     # 60 / 100
    assert a["total_revenue"] == pytest.approx(100 * 1e4)     # 100 万元 in 元
    b = enterprise_decisions.loc["B三十规则"]
    assert b["main_line_revenue_share"] == pytest.approx(0.40)  # 40 / 100
    assert b["main_line_profit_share"] == pytest.approx(0.55)   # 55 / (55 + 25 + 20)
    assert "revenue 40.0%, profit 55.0%" in b["reasons"]
    c = enterprise_decisions.loc["C非最赚钱"]
    assert "not the most profitable" in c["reasons"]
    g = enterprise_decisions.loc["G亏损"]
    assert "total profit not positive" in g["reasons"]
    f = enterprise_decisions.loc["F二十九"]
    assert "29.0% (29.0 / 100.0 万元) < 50%" in f["reasons"]


# --------------------------------------------------------------------------
# Negative screens, each a rule of its own
# --------------------------------------------------------------------------

def _green(name, i, penalty="", rating="蓝", blacklist="否"):
    return [name, code(i), "污水处理", 100, 10, "是", penalty, rating, blacklist]


SCREENED = [
    # as of 2026-09-30 the 3-year window starts 2023-09-30 (exclusive)
    (_green("近两年处罚", 20, penalty="2024-09-30"), False, "XLR-S01"),
    (_green("窗口内一天", 21, penalty="2023-10-01"), False, "XLR-S01"),
    (_green("窗口外", 22, penalty="2023-09-30"), True, "XLR-E01"),
    (_green("红牌", 23, rating="红牌"), False, "XLR-S02"),
    (_green("环保不良", 24, rating="环保不良企业"), False, "XLR-S02"),
    (_green("黑牌", 25, rating="黑"), False, "XLR-S02"),
    (_green("黄牌", 26, rating="黄"), True, "XLR-E01"),
    (_green("失信", 27, blacklist="是"), False, "XLR-S03"),
]


@pytest.fixture(scope="module")
def screen_decisions(tmp_path_factory):
    return decisions_for(tmp_path_factory.mktemp("scr"), [r for r, _, _ in SCREENED])


@pytest.mark.parametrize("row, recognised, fired", SCREENED)
def test_negative_screens(screen_decisions, row, recognised, fired):
    d = screen_decisions.loc[row[0]]
    assert bool(d["recognised"]) is recognised
    assert fired in d["rules_fired"]


def test_screen_on_missing_data_is_configurable(tmp_path):
    row = [_green("无评级", 30, rating="")]
    assert decisions_for(tmp_path, row).loc["无评级", "recognised"]
    assert "XLR-S02 no (recognised) environmental credit rating" in decisions_for(
        tmp_path, row).loc["无评级", "notes"]
    p = _user_rules(tmp_path, lambda d: d["rules"][7]["params"].update(missing="reject"))
    d = decisions_for(tmp_path, row, rules=p).loc["无评级"]
    assert not d["recognised"] and d["rules_fired"] == "XLR-S02"


# --------------------------------------------------------------------------
# Credit codes (GB 32100-2015 through greenkit.ids.uscc_problem)
# --------------------------------------------------------------------------

def test_invalid_or_missing_credit_code_rejects(tmp_path):
    good = code(40)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # wrong check character
    loans = [{"loan_id": "L1", "code": "4.2.2", "status": "aligned", "code_id": bad,
              "borrower": "错码公司"},
             {"loan_id": "L2", "code": "4.2.2", "status": "aligned", "code_id": None,
              "borrower": "张*华"},
             {"loan_id": "L3", "code": "4.2.2", "status": "aligned", "code_id": good,
              "borrower": "好码公司"}]
    tagged = write_tagged(tmp_path / "t", loans)
    d = recognise(tagged, as_of=AS_OF, green_factories=False).decisions
    p = d[d["kind"] == "project"].set_index("subject_key")
    assert p.loc["L:L1", "rules_fired"] == "XLR-G01"
    assert "uscc_check_digit" in p.loc["L:L1", "reasons"]
    assert "no unified social credit code" in p.loc["L:L2", "reasons"]
    assert p.loc["L:L3", "recognised"]


# --------------------------------------------------------------------------
# Project rules and tiers
# --------------------------------------------------------------------------

def test_projects_status_grouping_reduction_and_tier(tmp_path):
    loans = [
        # one project financed by two loans: worst status wins (aligned + eligible → eligible)
        {"loan_id": "L1", "code": "4.2.2", "status": "aligned", "project": "翔安20MW光伏"},
        {"loan_id": "L2", "code": "4.2.2", "status": "eligible", "project": "翔安 20MW光伏"},
        # 4.2.2 in the 2025 catalogue is marked direct → tier TP1
        {"loan_id": "L3", "code": "4.2.2", "status": "aligned", "project": "海沧光伏",
         "code_id": CODE_B, "borrower": "乙公司"},
        # 7.2.2 合同能源管理 is marked indirect → TP2
        {"loan_id": "L4", "code": "7.2.2", "status": "aligned", "code_id": CODE_C,
         "borrower": "丙公司"},
        # the 2019 catalogue has no attribute → TP3, recorded as unavailable
        {"loan_id": "L5", "code": "3.2.2", "status": "aligned", "edition":
         "cn-green-industry-2019", "code_id": CODE_C, "borrower": "丙公司"},
        # not matched to any item: not a candidate at all
        {"loan_id": "L6", "status": "not_eligible"},
    ]
    tagged = write_tagged(tmp_path / "t", loans)
    red = tmp_path / "reductions.csv"
    # L3 is financed twice in the reductions file: the largest figure is kept (120)
    # L4's figure has status insufficient_data, not in usable_statuses [ok, reported] → ignored;
    # the extra _row column (greenkit carbon writes one) is not read.
    pd.DataFrame({"loan_id": ["L1", "L2", "L3", "L3", "L4"],
                  "reduction_tco2e": [100, 100, 90, 120, 50],
                  "status": ["ok", "ok", "ok", "reported", "insufficient_data"],
                  "_row": [2, 3, 4, 5, 6]}).to_csv(red, index=False)
    rec = recognise(tagged, reductions=red, as_of=AS_OF, green_factories=False)
    p = rec.decisions[rec.decisions["kind"] == "project"].set_index("subject_key")
    assert len(p) == 4  # L1+L2 grouped, L3, L4, L5; L6 not a candidate
    key12 = f"P:{CODE_A}:翔安20MW光伏"
    assert p.loc[key12, "loan_ids"] == "L1;L2"
    assert p.loc[key12, "taxonomy_status"] == "eligible"
    assert not p.loc[key12, "recognised"] and p.loc[key12, "rules_fired"] == "XLR-P01"
    k3 = f"P:{CODE_B}:海沧光伏"
    assert p.loc[k3, "reduction_tco2e"] == 120
    assert p.loc[k3, "tier"] == "XLR-TP1" and p.loc[k3, "carbon_effect"] == "direct"
    assert p.loc["L:L4", "tier"] == "XLR-TP2" and p.loc["L:L4", "carbon_effect"] == "indirect"
    assert "XLR-P02 no reduction figure" in p.loc["L:L4", "notes"]  # on_fail: note
    assert p.loc["L:L5", "tier"] == "XLR-TP3"
    assert p.loc["L:L5", "carbon_effect"] == "unavailable"
    assert "has no 温室气体减排贡献属性" in p.loc["L:L5", "carbon_effect_note"]
    # evidence: the tag and the reduction are attached
    ev = rec.evidence[rec.evidence["subject_key"] == k3]
    assert set(ev["evidence_type"]) == {"taxonomy_tag", "carbon_reduction"}


def test_eligible_is_configurable_and_reduction_can_be_required(tmp_path):
    loans = [{"loan_id": "L1", "code": "4.2.2", "status": "eligible"}]
    tagged = write_tagged(tmp_path / "t", loans)
    p = _user_rules(tmp_path, lambda d: (
        d["rules"][1]["params"].update(statuses=["aligned", "eligible"]),
        d["rules"][2].update(on_fail="reject")))
    d = recognise(tagged, rules=p, as_of=AS_OF, green_factories=False).decisions
    row = d[d["kind"] == "project"].iloc[0]
    assert not row["recognised"] and row["rules_fired"] == "XLR-P02"  # status ok, no reduction


def test_project_screened_through_its_borrower(tmp_path):
    loans = [{"loan_id": "L1", "code": "4.2.2", "status": "aligned", "borrower": "甲公司"}]
    tagged = write_tagged(tmp_path / "t", loans)
    comp = write_companies(tmp_path / "c.csv", [
        ["甲公司", CODE_A, "光伏", 10, 1, "是", "2025-01-05", "蓝", "否"]])
    d = recognise(tagged, company_data=comp, as_of=AS_OF, green_factories=False).decisions
    proj = d[d["kind"] == "project"].iloc[0]
    assert not proj["recognised"] and proj["rules_fired"] == "XLR-S01"
    assert "2025-01-05 within 3 years" in proj["reasons"]
