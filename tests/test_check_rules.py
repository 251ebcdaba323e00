"""`greenkit check`: every rule passes on a clean hand-made bank and fails on a flawed one.

Expected values are computed by hand in tests/check_helpers.py (BASE) and in
the comments below.
"""

from __future__ import annotations

import dataclasses

import pytest
from check_helpers import (
    BAD,
    BASE_DECLARED,
    BASE_ROWS,
    MANIFEST,
    declared_with,
    make_submission,
    report_html,
)

from greenkit.check import checks as ck
from greenkit.check.derive import apply_declared, parse_manifest
from greenkit.check.rules import load_rules
from greenkit.check.run import check
from greenkit.check.submission import open_submission
from greenkit.errors import ConfigError


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = make_submission(tmp_path_factory.mktemp("base") / "bank")
    return check([folder]).reviews[0]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    folder = make_submission(tmp_path_factory.mktemp("bad") / "bank", rows=BASE_ROWS + BAD,
                             report=report_html(missing=("数据梳理、校验及保护",)),
                             operations=False)
    return check([folder]).reviews[0]


RULES = load_rules()


def run_rule(d, rule_id, **params):
    rule = RULES[rule_id]
    if params:
        rule = dataclasses.replace(rule, params={**rule.params, **params})
    return ck.SINGLE[rule_id](d, rule)


def by_rule(review, rule_id):
    return [f for f in review.findings if f.rule == rule_id]


def test_base_is_clean(base):
    # every rule passes on BASE: no finding at all, not even a note
    assert [f.rule for f in base.findings] == []
    assert base.verdict == "clean"
    d = base.derived
    assert d.totals["green_cny"] == pytest.approx(1500e4)      # 1000 + 500 万元
    assert d.totals["total_cny"] == pytest.approx(3800e4)      # 1000 + 500 + 2000 + 300 万元
    assert d.reduction_totals["project_total"] == pytest.approx(13153.0)   # 4211 + 8942
    assert d.reduction_totals["attributed"] == pytest.approx(2105.5)       # 4211 × 1000/2000


@pytest.mark.parametrize("rule_id", sorted(ck.SINGLE))
def test_every_single_rule_passes_on_base(base, rule_id):
    assert run_rule(base.derived, rule_id) == []


# --------------------------------------------------------------------------- completeness


def test_c01_missing_element_in_report(bad):
    (f,) = by_rule(bad, "CHK-C01")
    assert f.key == "J09" and "J09" in f.message_en


def test_c01_element_located_in_disclosure_sections_passes(bad):
    doc = {**BASE_DECLARED, "disclosure": {"sections": ["J09"]}}
    assert run_rule(apply_declared(bad.derived, doc), "CHK-C01") == []


def test_c02_missing_manifest_field(base):
    raw = {k: v for k, v in MANIFEST.items() if k != "credit_code"}
    d = dataclasses.replace(base.derived, manifest=parse_manifest(raw))
    (f,) = run_rule(d, "CHK-C02")
    assert f.key == "credit_code"


def test_c02_bad_date_and_unknown_catalogue(base):
    d = dataclasses.replace(base.derived, manifest=parse_manifest(
        {**MANIFEST, "as_of": "2025-13-45", "catalogue": "no-such-catalogue"}))
    (f,) = run_rule(d, "CHK-C02")
    assert f.key == "as_of,catalogue"


def test_c03_missing_declared_figure(base):
    d = apply_declared(base.derived, declared_with("own_operations", None))
    (f,) = run_rule(d, "CHK-C03")
    assert f.key == "own_operations.scope1,own_operations.scope2"


def test_c04_number_without_unit_and_wrong_dimension(base):
    doc = declared_with("green_loans.balance", 1500)            # no unit
    doc["green_loans"]["share"] = {"value": 39.47, "unit": "tCO2e"}  # wrong dimension
    found = run_rule(apply_declared(base.derived, doc), "CHK-C04")
    assert sorted(f.key for f in found) == ["green_loans.balance", "green_loans.share"]


def test_c05_declared_without_code(bad):
    (f,) = by_rule(bad, "CHK-C05")
    assert f.loan_ids == ["B005"] and f.amount == pytest.approx(100e4)


def test_c06_reductions_not_recomputable(bad):
    (f,) = by_rule(bad, "CHK-C06")
    assert f.severity == "info" and "B014" in f.loan_ids


# --------------------------------------------------------------------------- recalculation


def test_r01_inflated_balance(base):
    d = apply_declared(base.derived, declared_with("green_loans.balance",
                                                   {"value": 1725, "unit": "万元"}))
    (f,) = run_rule(d, "CHK-R01")
    # 1725 − 1500 = 225 万元 = 2,250,000 元
    assert f.amount == pytest.approx(2_250_000)
    assert f.severity == "high"


def test_r01_within_tolerance_passes(base):
    # 0.5 % of 1500 万元 = 7.5 万元: 1505 is inside
    d = apply_declared(base.derived, declared_with("green_loans.balance",
                                                   {"value": 1505, "unit": "万元"}))
    assert run_rule(d, "CHK-R01") == []
    assert len(run_rule(d, "CHK-R01", rel_tolerance=0.001)) == 1


def test_r01_units_are_converted(base):
    # 0.15 亿元 = 1500 万元
    d = apply_declared(base.derived, declared_with("green_loans.balance",
                                                   {"value": 0.15, "unit": "亿元"}))
    assert run_rule(d, "CHK-R01") == []


def test_r02_category(base):
    doc = declared_with("green_loans.by_category.0",
                        {"catalogue": "cn-green-bond-2021", "code": "3", "value": 1400,
                         "unit": "万元"})
    (f,) = run_rule(apply_declared(base.derived, doc), "CHK-R02")
    assert f.difference == pytest.approx(-100e4)   # 1400 − 1500 万元
    assert sorted(f.loan_ids) == ["T001", "T002"]


def test_r03_share(base):
    d = apply_declared(base.derived, declared_with("green_loans.share",
                                                   {"value": 45, "unit": "%"}))
    (f,) = run_rule(d, "CHK-R03")
    # 45 − 1500/3800 × 100 = 45 − 39.4737 = 5.5263 percentage points
    assert f.difference == pytest.approx(5.5263, abs=1e-4)


def test_r04_growth(base):
    d = apply_declared(base.derived, declared_with("green_loans.growth",
                                                   {"value": 30, "unit": "%"}))
    (f,) = run_rule(d, "CHK-R04")
    assert f.difference == pytest.approx(5.0)   # 30 − 25


def test_r05_reductions_and_the_factor_explanation(base):
    # the bank used 0.5306 for 福建: PV 10,000 MWh × 0.5306 = 5,306 → total 5,306 + 8,942 = 14,248
    doc = declared_with("emission_reductions.grid_factors.0",
                        {"region": "福建", "year": 2023, "value": 0.5306, "unit": "tCO2/MWh"})
    doc["emission_reductions"]["project_total"] = {"value": 14248, "unit": "tCO2e"}
    d = apply_declared(base.derived, doc)
    assert d.reduction_totals["project_total_declared_factors"] == pytest.approx(14248.0)
    found = run_rule(d, "CHK-R05")
    (f,) = [x for x in found if x.key == "emission_reductions.project_total"]
    assert f.difference == pytest.approx(1095.0)   # 14,248 − 13,153
    assert "gap comes from the factor" in f.message_en
    assert f.loan_ids == ["T001"]


def test_r06_wrong_factor(base):
    doc = declared_with("emission_reductions.grid_factors.0",
                        {"region": "福建", "year": 2023, "value": 0.5306, "unit": "tCO2/MWh"})
    (f,) = run_rule(apply_declared(base.derived, doc), "CHK-R06")
    assert f.declared == "0.5306" and f.recomputed == "0.4211"
    assert f.loan_ids == ["T001"]


def test_r06_factor_in_other_units_passes(base):
    doc = declared_with("emission_reductions.grid_factors.0",
                        {"region": "福建省", "year": 2023, "value": 0.4211, "unit": "kgCO2/kWh"})
    assert run_rule(apply_declared(base.derived, doc), "CHK-R06") == []


def test_r07_per_loan_reported_reduction(bad):
    (f,) = by_rule(bad, "CHK-R07")
    # reported 5,000; recomputed 500 万千瓦时 = 5,000 MWh × 0.4211 = 2,105.5
    assert f.loan_ids == ["B006"] and f.difference == pytest.approx(5000 - 2105.5)


def test_r08_financed(base):
    d = apply_declared(base.derived, declared_with("financed_emissions.total",
                                                   {"value": 700, "unit": "tCO2e"}))
    (f,) = run_rule(d, "CHK-R08")
    assert f.difference == pytest.approx(100.0)   # 700 − 600


def test_r08_no_financed_data_is_a_note(base):
    d = dataclasses.replace(base.derived, financed=None)
    (f,) = run_rule(d, "CHK-R08")
    assert f.severity == "info"


def test_r09_data_quality(base):
    d = apply_declared(base.derived, declared_with("financed_emissions.data_quality_score", 2.0))
    (f,) = run_rule(d, "CHK-R09")
    assert f.difference == pytest.approx(1.0)


def test_r10_operations(base):
    d = apply_declared(base.derived, declared_with("own_operations.scope2",
                                                   {"value": 500, "unit": "tCO2e"}))
    (f,) = run_rule(d, "CHK-R10")
    assert f.difference == pytest.approx(500 - 421.1)   # 1,000 MWh × 0.4211


# --------------------------------------------------------------------------- classification


def test_k01_k02_k03_k04(bad):
    assert by_rule(bad, "CHK-K01")[0].loan_ids == ["B001"]
    assert by_rule(bad, "CHK-K02")[0].loan_ids == ["B002"]
    assert by_rule(bad, "CHK-K03")[0].loan_ids == ["B003"]
    (k4,) = by_rule(bad, "CHK-K04")
    assert k4.loan_ids == ["B004"] and k4.key == "superseded"


def test_k05_undeclared_green(bad):
    (f,) = by_rule(bad, "CHK-K05")
    assert f.loan_ids == ["B007"] and f.severity == "info"


# --------------------------------------------------------------------------- greenwashing


def test_g01_tagger_flag_on_declared_loan(bad):
    keys = {f.key: f.loan_ids for f in by_rule(bad, "CHK-G01")}
    assert keys.get("GW05") == ["B001"]
    assert "GW01" not in keys and "GW02" not in keys   # reported as K01/K02


def test_g02_growth_without_new_loans(base):
    # prior 500 → increase 1,000 万元; new green loans in 2025: T002 500 万元;
    # unexplained 500 > 5 % × 500 = 25 万元
    doc = declared_with("green_loans.prior_balance", {"value": 500, "unit": "万元"})
    (f,) = run_rule(apply_declared(base.derived, doc), "CHK-G02")
    assert f.amount == pytest.approx(500e4)
    assert f.loan_ids == ["T001"]   # declared green, approved before the period


def test_g03_peer_range_from_rules(base):
    # 13,153 tCO2e / 1,500 万元 = 8.7687 tCO2e per 万元
    rule = dataclasses.replace(RULES["CHK-G03"], params={**RULES["CHK-G03"].params,
                                                         "peer_range": [0.1, 1.0]})
    (f,) = ck.chk_g03([base.derived], rule)
    assert f.declared == "8.7687"
    rule = dataclasses.replace(rule, params={**rule.params, "peer_range": [1.0, 10.0]})
    assert ck.chk_g03([base.derived], rule) == []


def test_g03_median_of_peers(base):
    a = base.derived
    low = apply_declared(a, declared_with("emission_reductions.project_total",
                                          {"value": 1500, "unit": "tCO2e"}))   # 1.0 per 万元
    peers = [dataclasses.replace(low, sub=dataclasses.replace(low.sub, name=f"peer{i}"))
             for i in range(2)]
    found = ck.chk_g03([a, *peers], RULES["CHK-G03"])
    # a: 8.7687 > 3 × median(1.0, 1.0) = 3.0; each peer: median(8.7687, 1.0) = 4.88 → 1.63–14.6
    # leaves 1.0 outside too
    assert sorted(f.submission for f in found) == sorted([a.name, "peer0", "peer1"])
    assert ck.chk_g03([a, peers[0]], RULES["CHK-G03"]) == []   # one peer < min_peers 2


# --------------------------------------------------------------------------- data quality


def test_d01_to_d06(bad):
    assert by_rule(bad, "CHK-D01")[0].loan_ids == ["T003"]
    assert by_rule(bad, "CHK-D02")[0].loan_ids == ["B009"]
    d3 = {f.key: f.loan_ids for f in by_rule(bad, "CHK-D03")}
    assert d3 == {"rejected": ["B010"], "approval_after_as_of": ["B011"]}
    assert by_rule(bad, "CHK-D05")[0].loan_ids == ["B012"]
    assert by_rule(bad, "CHK-D06")[0].loan_ids == ["B013"]


def test_d02_bank_credit_code(base):
    d = dataclasses.replace(base.derived, manifest=parse_manifest(
        {**MANIFEST, "credit_code": "91350200MA0000001X"}))
    (f,) = run_rule(d, "CHK-D02")
    assert f.key == "bank"


def test_d04_stale_factor(base):
    # 福建 2021 = 0.4711 is the official 2021 value (R06 passes) but 2023 data exist
    doc = declared_with("emission_reductions.grid_factors.0",
                        {"region": "福建", "year": 2021, "value": 0.4711, "unit": "tCO2/MWh"})
    d = apply_declared(base.derived, doc)
    assert run_rule(d, "CHK-R06") == []
    (f,) = run_rule(d, "CHK-D04")
    assert f.declared == "2021" and f.recomputed == "2023"


# --------------------------------------------------------------------------- verdict, sorting


def test_bad_verdict_and_order(bad):
    assert bad.verdict == "fail"
    ranks = [ck.SEVERITY_RANK[f.severity] for f in bad.findings]
    assert ranks == sorted(ranks)
    highs = [f.amount or 0 for f in bad.findings if f.severity == "high"]
    assert highs == sorted(highs, reverse=True)


def test_huge_declared_number_formats(base, tmp_path):
    from greenkit.check.report import write_json, write_report

    d = apply_declared(base.derived, declared_with("green_loans.balance",
                                                   {"value": 1e30, "unit": "万元"}))
    (f,) = run_rule(d, "CHK-R01")
    assert "e+" in f.message_en and "e+" in f.declared
    assert ck.fmt_wan(float("inf")) == "—" and ck.fmt_num(None) == "—"
    res = check([make_submission(tmp_path / "huge", declared=declared_with(
        "green_loans.balance", {"value": 1e30, "unit": "万元"}))])
    html = write_report(res, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "1.0000e+30 万元" in html
    write_json(res, tmp_path / "r.json")


# --------------------------------------------------------------------------- rules file


def test_user_rules_override_and_validation(tmp_path):
    p = tmp_path / "rules.yaml"
    p.write_text("rules:\n  - {id: CHK-R01, severity: low, params: {rel_tolerance: 0.02}}\n"
                 "  - {id: CHK-K05, enabled: false}\n", encoding="utf-8")
    rs = load_rules(p)
    assert rs["CHK-R01"].severity == "low" and rs["CHK-R01"].params["rel_tolerance"] == 0.02
    assert rs["CHK-R01"].params["abs_tolerance"] == 0.5   # kept from the shipped rule
    assert rs["CHK-K05"].enabled is False
    p.write_text("rules:\n  - {id: CHK-X99}\n  - {id: CHK-R01, severity: fatal}\n"
                 "  - {id: CHK-R02, params: {rel_tolerance: -1, nope: 1}}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_rules(p)
    assert len(e.value.findings) == 4
    assert "CHK-X99" in str(e.value)


def test_shipped_rules_have_both_languages():
    for r in RULES:
        assert r.name_zh and r.name_en and r.explanation_zh and r.explanation_en
        assert r.id in ck.SINGLE or r.id in ck.BATCH


def test_open_submission_reads_layout(tmp_path):
    folder = make_submission(tmp_path / "s", financed=False, operations=False)
    with open_submission(folder) as sub:
        assert sorted(sub.files) == ["declared", "loans", "manifest", "report"]
        assert sub.name == "测试银行（虚构）"
