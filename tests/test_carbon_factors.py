"""Factor tables: loading, validation, region normalisation, the fallback chain,
fuel arithmetic and unit errors. Expected values are hand-computed in comments."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from greenkit.carbon.factors import (
    electricity_coefficient,
    electricity_factors,
    fuel_emissions,
    load_factors,
    normalise_regions,
    tce_to_co2,
)
from greenkit.errors import TaxonomyError, UnitError
from greenkit.paths import taxonomies_dir


@pytest.fixture(scope="module")
def fs():
    return load_factors()


def _copy_factors(tmp_path):
    dst = tmp_path / "factors"
    shutil.copytree(taxonomies_dir() / "factors", dst, ignore=shutil.ignore_patterns("_tools"))
    return dst


def test_shipped_tables_load_with_expected_row_counts(fs):
    counts = {t["table"]: t["rows"] for t in fs.table_counts()}
    assert counts == {"electricity.csv": 121, "regions.csv": 31, "fuels.csv": 23,
                      "gwp.csv": 67, "other.csv": 4, "sector_intensity.csv": 0}
    assert fs.warnings.empty


def test_region_normalisation_whole_values_and_contained_names(fs):
    r = normalise_regions(pd.Series(["厦门市", "福建省泉州市", "青海省海南藏族自治州", "宁",
                                     "华东", "深圳市", "", "Fujian", "全国"]), fs)
    assert r["province"].tolist() == ["福建", "福建", "青海", "宁夏", "", "", "", "福建", ""]
    assert r["level"].tolist() == ["province", "province", "province", "province", "grid",
                                   "unknown", "missing", "province", "national"]
    # 海南 (Hainan) also occurs inside 青海省海南藏族自治州: the earliest match wins
    assert r.loc[2, "match"] == "contained"


def test_fujian_2023_factor_is_the_provincial_value(fs):
    e = electricity_factors(pd.Series(["福建省厦门市"]), 2023, fs=fs).iloc[0]
    assert e["factor_value"] == 0.4211
    assert (e["factor_region"], e["factor_region_level"], e["factor_year"]) == ("福建", "province",
                                                                               2023)
    assert e["factor_fallback"] == "province"
    assert "公告2025年第47号" in e["factor_document"]


def test_reporting_year_after_last_edition_uses_latest_not_after(fs):
    e = electricity_factors(pd.Series(["福建", "福建"]), pd.Series([2025, 2022]), fs=fs)
    assert e["factor_year"].tolist() == [2023, 2022]
    assert e["factor_value"].tolist() == [0.4211, 0.4092]
    assert e.loc[0, "factor_fallback"] == "province; year 2025→2023"


def test_year_before_first_edition_is_a_gap_unless_opted_in(fs):
    e = electricity_factors(pd.Series(["福建"]), 2020, fs=fs).iloc[0]
    assert e["factor_status"] == "no_factor_for_year" and np.isnan(e["factor_value"])
    e = electricity_factors(pd.Series(["福建"]), 2020, fs=fs, allow_later=True).iloc[0]
    assert (e["factor_year"], e["factor_value"]) == (2021, 0.4711)
    assert "opted in" in e["factor_fallback"]


def test_fallback_province_to_grid_to_national(tmp_path):
    folder = _copy_factors(tmp_path)
    path = folder / "electricity.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    no_fujian = ~((df["region_zh"] == "福建") & (df["year"] == "2023"))
    df[no_fujian].to_csv(path, index=False)
    fs1 = load_factors(folder)
    e = electricity_factors(pd.Series(["厦门市"]), 2023, fs=fs1).iloc[0]
    # 福建 has no 2023 row now → its grid 华东 (2023: 0.5500)
    assert (e["factor_region"], e["factor_value"]) == ("华东", 0.55)
    assert e["factor_fallback"] == "province→grid (no provincial factor)"
    no_grid = no_fujian & ~((df["region_zh"] == "华东") & (df["year"] == "2023"))
    df[no_grid].to_csv(path, index=False)
    e = electricity_factors(pd.Series(["厦门市"]), 2023, fs=load_factors(folder)).iloc[0]
    # neither 福建 nor 华东 → national 2023: 0.5306
    assert (e["factor_region"], e["factor_value"]) == ("全国", 0.5306)
    assert e["factor_fallback"].startswith("province→grid→national")


def test_tibet_and_unknown_regions_fall_back_to_national(fs):
    e = electricity_factors(pd.Series(["西藏自治区", "深圳市", ""]), 2023, fs=fs)
    assert e["factor_value"].tolist() == [0.5306] * 3
    assert e["factor_fallback"].tolist() == [
        "province→national (province has no factor and no grid)",
        "region not recognised→national", "no region→national"]


def test_ets_series_is_separate_and_chosen_explicitly(fs):
    e = electricity_factors(pd.Series(["福建"]), 2025, series="ets-reporting", fs=fs).iloc[0]
    assert (e["factor_series"], e["factor_value"], e["factor_year"]) == ("ets-reporting", 0.5703,
                                                                         2022)
    assert e["factor_region"] == "全国"


def test_lookup_is_vectorised_over_repeated_pairs(fs):
    regions = pd.Series(["厦门市", "漳州市", "厦门市"] * 1000)
    e = electricity_factors(regions, 2023, fs=fs)
    assert len(e) == 3000 and (e["factor_value"] == 0.4211).all()
    assert e.index.equals(regions.index)


def test_diesel_quantity_chinese_default(fs):
    em = fuel_emissions(pd.Series(["柴油"]), pd.Series([10.0]), "t", fs=fs).iloc[0]
    # 10 t × 42.652 GJ/t × 20.20 tC/TJ / 1000 × 0.98 × 44/12 = 30.9591 tCO2
    assert em["co2_t"] == pytest.approx(30.95910, rel=1e-6)
    assert em["parameter_set"] == "cn-gbt32150" and em["fuel_id"] == "diesel"
    assert np.isnan(em["ch4_t"])  # the Chinese set gives no CH4/N2O factor
    assert em["co2e_t"] == pytest.approx(em["co2_t"])


def test_natural_gas_per_10k_cubic_metres(fs):
    em = fuel_emissions(pd.Series(["natural_gas"]), pd.Series([1.0]), "万立方米", fs=fs).iloc[0]
    # 389.31 GJ/10⁴m³ × 15.30 tC/TJ / 1000 × 0.99 × 44/12 = 21.6219 tCO2
    assert em["co2_t"] == pytest.approx(21.62189, rel=1e-5)


def test_ipcc_bituminous_coal_with_ch4_n2o_and_gwp_sets(fs):
    args = (pd.Series(["bituminous_coal"]), pd.Series([1.0]), "t")
    ar5 = fuel_emissions(*args, parameter_set="ipcc-2006", gwp_set="AR5", fs=fs).iloc[0]
    # 25.8 GJ/t → 0.0258 TJ; CO2 0.0258 × 94.6 = 2.44068 t; CH4 0.0258 × 1 kg = 2.58e-5 t;
    # N2O 0.0258 × 1.5 kg = 3.87e-5 t; AR5: 2.44068 + 2.58e-5×28 + 3.87e-5×265 = 2.4516579
    assert ar5["co2_t"] == pytest.approx(2.44068)
    assert ar5["co2e_t"] == pytest.approx(2.4516579, rel=1e-6)
    ar4 = fuel_emissions(*args, parameter_set="ipcc-2006", gwp_set="AR4", fs=fs).iloc[0]
    # AR4: 2.44068 + 2.58e-5×25 + 3.87e-5×298 = 2.4528576
    assert ar4["co2e_t"] == pytest.approx(2.4528576, rel=1e-6)


def test_unknown_fuel_is_a_status_not_zero(fs):
    em = fuel_emissions(pd.Series(["whale_oil"]), pd.Series([1.0]), "t", fs=fs).iloc[0]
    assert em["fuel_status"] == "unknown_fuel" and np.isnan(em["co2e_t"])


def test_wrong_dimensions_are_unit_errors(fs):
    with pytest.raises(UnitError, match="diesel is given in 'MWh'"):
        fuel_emissions(pd.Series(["diesel"]), pd.Series([1.0]), "MWh", fs=fs, where="fuels")
    with pytest.raises(UnitError, match="no density"):
        fuel_emissions(pd.Series(["natural_gas"]), pd.Series([1.0]), "m**3",
                       parameter_set="ipcc-2006", fs=fs)
    with pytest.raises(UnitError, match="coal-equivalent"):
        electricity_coefficient("吨标准煤", "electricity_use")
    assert electricity_coefficient("万千瓦时", "x") == pytest.approx(10.0)


def test_tce_to_co2_greenkit_method(fs):
    k = tce_to_co2(fs)
    # 29.3076 GJ/tce × 26.37 tC/TJ × 0.94 × 44/12 / 1000 = 2.663727 tCO2/tce
    assert k["value"] == pytest.approx(2.663727, rel=1e-6)
    assert k["verified"] is False  # the raw-coal default is unverified


def test_green_certificate_row(fs):
    assert fs.other_quantity("green_certificate_energy").to("MWh").magnitude == pytest.approx(1)


def test_broken_folder_reports_findings(tmp_path):
    folder = _copy_factors(tmp_path)
    path = folder / "fuels.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, "ncv"] = "abc"
    df.loc[1, "source"] = ""
    df.loc[2, "ncv_unit"] = "GJ/MWh"
    df.to_csv(path, index=False)
    with pytest.raises(TaxonomyError) as err:
        load_factors(folder)
    f = err.value.findings
    assert set(f["check"]) >= {"not_a_number", "no_source", "bad_unit"}
    assert set(f["row"]) >= {2, 3, 4}
