"""PCAF financed emissions: attribution per asset class, data-quality scores,
weighted scores, intensities, insufficient_data, reading a real file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from greenkit.carbon.factors import load_factors
from greenkit.carbon.pcaf import (
    FinancedOptions,
    compute_financed,
    financed,
    read_intensities,
    summarise_financed,
    weighted_score,
)
from greenkit.errors import InputError, UnitError


def rows(**cols) -> pd.DataFrame:
    n = len(next(iter(cols.values())))
    base = {"loan_id": [f"F{i}" for i in range(n)], "_row": list(range(2, n + 2)),
            "borrower_name": ["示例企业"] * n, "currency": ["CNY"] * n,
            "region": ["厦门市"] * n}
    base.update(cols)
    return pd.DataFrame(base)


def calc(frame, intensities=None, **opts):
    opts.setdefault("year", 2023)
    return compute_financed(frame, FinancedOptions(**opts), intensities=intensities)


def test_business_loan_to_private_company_verified():
    f = rows(asset_class=["business_loan"], outstanding=[1e7], total_equity_debt=[2e8],
             scope1=[8000.0], scope2=[2000.0], scope3=[5000.0], emissions_verified=[True])
    r = calc(f).iloc[0]
    # AF = 1,000万 / 2亿 = 0.05; financed Scope 1+2 = 0.05 × (8,000 + 2,000) = 500 tCO2e
    assert r["attribution_factor"] == pytest.approx(0.05)
    assert r["attribution_basis"] == "outstanding/(total equity + debt)"
    assert r["financed_scope12_tco2e"] == pytest.approx(500.0)
    assert r["financed_scope1_tco2e"] == pytest.approx(400.0)
    assert (r["pcaf_option"], r["data_quality"], r["pcaf_table"]) == ("1a", 1, "Table 5-7")
    # Scope 3 reported separately: 0.05 × 5,000 = 250, its own score
    assert r["financed_scope3_tco2e"] == pytest.approx(250.0)
    assert r["data_quality_scope3"] == 1


def test_unverified_listed_and_fallback_denominators():
    f = rows(asset_class=["business_loan", "listed_equity", "business_loan"],
             outstanding=[1e7, 1e7, 1e7], evic=[np.nan, 5e8, np.nan],
             total_equity_debt=[2e8, np.nan, np.nan], total_assets=[np.nan, np.nan, 4e8],
             scope1=[100.0] * 3, scope2=[100.0] * 3, emissions_verified=[False, False, np.nan])
    r = calc(f)
    assert r["data_quality"].tolist() == [2, 2, 2]
    # listed: 1,000万 / EVIC 5亿 = 0.02 → 4 tCO2e; fallback 1,000万 / 4亿 = 0.025 → 5 tCO2e
    assert r.loc[1, "attribution_basis"] == "outstanding/EVIC"
    assert r.loc[1, "financed_scope12_tco2e"] == pytest.approx(4.0)
    assert r.loc[2, "financed_scope12_tco2e"] == pytest.approx(5.0)
    assert r.loc[2, "flags"] == "total_assets_fallback"


def test_energy_use_option_2a():
    f = rows(asset_class=["business_loan"], outstanding=[1e7], total_equity_debt=[1e8],
             electricity_use=[1000.0], diesel_use=[10.0])
    r = calc(f).iloc[0]
    # Scope 2: 1,000 MWh × 0.4211 (福建 2023) = 421.1; Scope 1: 10 t diesel × 3.09591 = 30.9591
    assert r["scope2_tco2e"] == pytest.approx(421.1)
    assert r["scope1_tco2e"] == pytest.approx(30.9591, rel=1e-5)
    # AF 0.1 → 45.20591
    assert r["financed_scope12_tco2e"] == pytest.approx(45.20591, rel=1e-5)
    assert (r["pcaf_option"], r["data_quality"]) == ("2a", 2)
    assert r["factor_year"] == 2023 and r["parameter_set"] == "cn-gbt32150"


def test_mortgage_and_motor_vehicle():
    f = rows(asset_class=["mortgage", "motor_vehicle_loan", "mortgage"],
             outstanding=[1.5e6, 1e5, 1e6], property_value=[3e6, np.nan, np.nan],
             electricity_use=[4.0, np.nan, 3.0], diesel_use=[np.nan, 20.0, np.nan])
    r = calc(f)
    # mortgage: 150万/300万 = 0.5 × (4 MWh × 0.4211) = 0.8422, PCAF 1b → score 2
    assert r.loc[0, "financed_scope12_tco2e"] == pytest.approx(0.8422)
    assert (r.loc[0, "pcaf_option"], r.loc[0, "data_quality"]) == ("1b", 2)
    # vehicle value unknown → 100 % (PCAF 5.6); 20 t diesel × 3.09591 = 61.9182, score 1
    assert r.loc[1, "attribution_factor"] == 1.0
    assert r.loc[1, "financed_scope12_tco2e"] == pytest.approx(61.9182, rel=1e-5)
    assert r.loc[1, "flags"] == "vehicle_value_unknown_100pct"
    # mortgage without property value → insufficient_data naming it
    assert r.loc[2, "status"] == "insufficient_data"
    assert r.loc[2, "missing"].startswith("property_value")
    assert np.isnan(r.loc[2, "financed_scope12_tco2e"])


def test_revenue_only_needs_user_intensity(tmp_path):
    f = rows(asset_class=["business_loan"], outstanding=[1e7], total_equity_debt=[1e8],
             revenue=[5e8], industry_code=["3011"], industry_section=["C"])
    r = calc(f).iloc[0]
    assert r["status"] == "insufficient_data" and "--intensities" in r["missing"]
    assert np.isnan(r["financed_scope12_tco2e"])
    path = tmp_path / "intensities.csv"
    path.write_text("sector_code,basis,value,unit,source\n"
                    "C30,revenue,0.5,tCO2e/万元,test value (not a statistic)\n", encoding="utf-8")
    r = calc(f, intensities=read_intensities(path)).iloc[0]
    # revenue 5亿 = 50,000万 × 0.5 tCO2e/万元 = 25,000 tCO2e; AF 0.1 → 2,500; option 3a, score 4
    assert r["financed_scope12_tco2e"] == pytest.approx(2500.0)
    assert (r["pcaf_option"], r["data_quality"]) == ("3a", 4)
    assert r["intensity_source"] == "test value (not a statistic)"
    assert np.isnan(r["financed_scope1_tco2e"])  # split unknown


def test_intensity_file_needs_sources_and_units(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("sector_code,basis,value,unit,source\nC30,revenue,0.5,tCO2e/万元,\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match="source"):
        read_intensities(bad)
    bad.write_text("sector_code,basis,value,unit,source\nC30,revenue,0.5,tCO2e/m**2,x\n",
                   encoding="utf-8")
    with pytest.raises(UnitError):
        read_intensities(bad)


def test_weighted_data_quality_pcaf_box8_example():
    out = pd.Series([522425, 187449, 82778, 108997, 67556, 54762], dtype=float)
    score = pd.Series([3, 5, 1, 1, 2, 5], dtype=float)
    # PCAF Part A 2nd ed. Box 8: (522,425×3 + 187,449×5 + 82,778×1 + 108,997×1 + 67,556×2
    # + 54,762×5) / 1,023,967 = 3,105,217 / 1,023,967 = 3.0325 (printed as 3.03)
    assert weighted_score(out, score) == pytest.approx(3105217 / 1023967)
    assert round(weighted_score(out, score), 2) == 3.03


def test_weighted_score_intensity_and_waci_across_loans(tmp_path):
    path = tmp_path / "i.csv"
    path.write_text("sector_code,basis,value,unit,source\nC30,revenue,0.5,tCO2e/万元,test\n",
                    encoding="utf-8")
    f = rows(asset_class=["business_loan"] * 4, outstanding=[1e6, 3e6, 6e6, 2e6],
             total_equity_debt=[1e7, 3e7, 6e7, np.nan], scope1=[100.0, 300.0, np.nan, np.nan],
             scope2=[0.0, 0.0, np.nan, np.nan], emissions_verified=[True, False, False, False],
             revenue=[1e8, 2e8, 6e7, np.nan], industry_code=["3011"] * 4,
             industry_section=["C"] * 4)
    opts = FinancedOptions(year=2023)
    r = compute_financed(f, opts, intensities=read_intensities(path))
    assert r["data_quality"].tolist()[:3] == [1, 2, 4]
    assert r.loc[3, "status"] == "insufficient_data"
    summary, by_ac, _ = summarise_financed(r, opts=opts, fs=load_factors(), info={})
    # weights by outstanding over scored rows: (100万×1 + 300万×2 + 600万×4) / 1,000万 = 3.1
    assert summary["weighted_data_quality"] == pytest.approx(3.1)
    # financed: 0.1×100 + 0.1×300 + 0.1×(6,000万×0.5=3,000) = 10 + 30 + 300 = 340 tCO2e
    assert summary["totals"]["financed_scope12_tco2e"] == pytest.approx(340.0)
    # intensity: 340 / (1,000万 / 100万) = 34 tCO2e per 百万元 lent (insufficient row excluded)
    assert summary["economic_intensity"]["value"] == pytest.approx(34.0)
    # WACI: weights 0.1, 0.3, 0.6; Scope 1+2 / revenue in 百万元: 100/100 = 1, 300/200 = 1.5,
    # 3,000/60 = 50 → 0.1×1 + 0.3×1.5 + 0.6×50 = 30.55
    assert summary["waci"]["value"] == pytest.approx(30.55)
    assert by_ac.loc[0, "weighted_data_quality"] == pytest.approx(3.1)


def test_reading_a_file_with_chinese_headers_and_units(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text(
        "贷款编号,借款人名称,资产类别,贷款余额（万元）,权益与负债合计（亿元）,"
        "范围一排放（吨二氧化碳当量）,范围二排放（万吨二氧化碳当量）,排放数据经第三方核查\n"
        "A1,厦门甲公司,企业贷款,1000,2,8000,0.2,是\n", encoding="utf-8")
    res = financed(path, FinancedOptions(year=2023))
    r = res.rows.iloc[0]
    # 1,000万元 = 1e7 元; 2亿元 = 2e8; Scope 2 0.2万吨 = 2,000 t; AF 0.05 × 10,000 = 500
    assert r["outstanding"] == pytest.approx(1e7)
    assert r["asset_class"] == "business_loan"
    assert r["financed_scope12_tco2e"] == pytest.approx(500.0)
    assert res.summary["input"]["accepted"] == 1


def test_electricity_in_coal_equivalent_is_refused(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text("贷款编号,借款人名称,资产类别,贷款余额（万元）,用电量（吨标准煤）\n"
                    "A1,厦门甲公司,business_loan,1000,500\n", encoding="utf-8")
    with pytest.raises(UnitError, match="用电量（吨标准煤）"):
        financed(path, FinancedOptions(year=2023))


def test_sample_book_is_reproducible_and_covers_the_options():
    from greenkit.carbon.sample_data import build
    from greenkit.paths import samples_dir

    committed = pd.read_csv(samples_dir() / "financed_book.csv", dtype=str,
                            keep_default_na=False, encoding="utf-8-sig")
    fresh = build().astype(str).replace({"nan": ""})
    pd.testing.assert_frame_equal(committed, fresh.reset_index(drop=True), check_dtype=False)
    res = financed(samples_dir() / "financed_book.csv", FinancedOptions(year=2025))
    assert set(res.rows["pcaf_option"]) >= {"1a", "1b", "2a", ""}
    assert res.summary["input"]["rejected"] == 0
