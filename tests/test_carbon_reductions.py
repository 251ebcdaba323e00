"""Project emission reductions: hand-computed cases per method, attribution,
insufficient_data, method rules as data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from greenkit.carbon.reductions import (
    ReductionOptions,
    assign_methods,
    compute_reductions,
    load_methods,
)
from greenkit.errors import UnitError
from greenkit.taxonomy import load_taxonomy


def loans(**cols) -> pd.DataFrame:
    """Tagged-loan rows: defaults for the identifying columns, then ``cols``."""
    n = len(next(iter(cols.values())))
    base = {"loan_id": [f"L{i}" for i in range(n)], "_row": list(range(2, n + 2)),
            "borrower_name": ["厦门示例公司"] * n, "region": ["福建省厦门市"] * n,
            "currency": ["CNY"] * n, "tag_status": ["aligned"] * n,
            "edition": ["cn-green-bond-2021"] * n, "purpose": [""] * n,
            "project_name": [""] * n, "outstanding": [1e8] * n}
    base.update(cols)
    return pd.DataFrame(base)


def run(frame: pd.DataFrame, year: int = 2023, **opts) -> pd.DataFrame:
    return compute_reductions(frame, ReductionOptions(**opts), year=year)


def test_pv_120000_mwh_fujian_2023():
    f = loans(item_code=["3.2.2.2"], purpose=["100MW光伏电站"], annual_generation=[120000.0],
              installed_capacity=[100.0], outstanding=[2e8], project_investment=[4e8])
    r = run(f).iloc[0]
    # 120,000 MWh × 0.4211 tCO2/MWh (福建 2023, mee-grid-average) = 50,532 tCO2e
    assert r["reduction_tco2e"] == pytest.approx(50532.0)
    # the bank's share: 2亿 / 4亿 = 0.5 → 25,266 tCO2e
    assert r["attribution_factor"] == pytest.approx(0.5)
    assert r["attributed_reduction_tco2e"] == pytest.approx(25266.0)
    assert (r["method"], r["method_rule"], r["status"]) == ("renewable_generation",
                                                            "RM-CNB21-3.2.2.2", "ok")
    assert (r["factor_series"], r["factor_region"], r["factor_year"]) == ("mee-grid-average",
                                                                          "福建", 2023)
    assert r["inputs"] == "annual_generation=120000 MWh"


def test_reporting_year_2025_uses_2023_factor_and_records_it():
    f = loans(item_code=["3.2.2.2"], purpose=["光伏发电"], annual_generation=[120000.0])
    r = run(f, year=2025).iloc[0]
    assert r["reduction_tco2e"] == pytest.approx(50532.0)
    assert r["factor_fallback"] == "province; year 2025→2023"
    # no project investment: total reported, attributed share left empty (not 0)
    assert np.isnan(r["attribution_factor"]) and np.isnan(r["attributed_reduction_tco2e"])


def test_fossil_only_series_can_be_chosen():
    f = loans(item_code=["3.2.2.1"], annual_generation=[1000.0])
    r = run(f, series="mee-fossil-only").iloc[0]
    # national fossil-only 2023: 0.8273 → 1000 × 0.8273 = 827.3
    assert r["reduction_tco2e"] == pytest.approx(827.3)
    assert r["factor_region"] == "全国"


def test_missing_generation_is_insufficient_data_never_zero():
    f = loans(item_code=["3.2.2.1"], annual_generation=[np.nan])
    r = run(f).iloc[0]
    assert r["status"] == "insufficient_data"
    assert r["missing"] == "annual_generation"
    assert np.isnan(r["reduction_tco2e"])


def test_energy_saving_tce_and_electricity():
    f = loans(item_code=["1.1.2.1", "1.1.2.1", "1.1.2.1"], energy_saved=[1000.0, np.nan, np.nan],
              electricity_saved=[np.nan, 500.0, np.nan])
    r = run(f)
    # 1,000 tce × 29.3076 GJ/tce × 26.37 tC/TJ × 0.94 × 44/12 / 1000 = 2,663.727 tCO2e
    assert r.loc[0, "reduction_tco2e"] == pytest.approx(2663.727, rel=1e-6)
    assert r.loc[0, "coefficient_unit"] == "tCO2/tce"
    # 500 MWh × 0.4211 = 210.55 tCO2e
    assert r.loc[1, "reduction_tco2e"] == pytest.approx(210.55)
    assert r.loc[2, "status"] == "insufficient_data"
    assert r.loc[2, "missing"] == "energy_saved|electricity_saved"


def test_fuel_switching_coal_to_gas():
    f = loans(item_code=["1.1.2.1"], purpose=["锅炉煤改气"], baseline_fuel=["原煤"],
              baseline_fuel_quantity=[1000.0], baseline_fuel_unit=["t"],
              project_fuel=["天然气"], project_fuel_quantity=[50.0],
              project_fuel_unit=["万立方米"])
    r = run(f).iloc[0]
    assert r["method"] == "fuel_switching"
    # coal: 1000 × 20.908 × 26.37/1000 × 0.94 × 44/12 = 1900.297
    # gas:  50 × 389.31 × 15.30/1000 × 0.99 × 44/12 = 1081.094
    assert r["reduction_tco2e"] == pytest.approx(1900.297 - 1081.094, abs=0.01)
    assert r["parameter_set"] == "cn-gbt32150"


def test_fuel_switching_wrong_dimension_is_unit_error():
    f = loans(item_code=["1.1.2.1"], purpose=["煤改气"], baseline_fuel=["原煤"],
              baseline_fuel_quantity=[1000.0], baseline_fuel_unit=["MWh"],
              project_fuel=["天然气"], project_fuel_quantity=[50.0],
              project_fuel_unit=["万立方米"])
    with pytest.raises(UnitError, match="baseline_fuel_unit"):
        run(f)


def test_nev_needs_user_baseline_and_computes_with_it():
    f = loans(item_code=["5.5.1.5", "5.5.1.5"], purpose=["购置纯电动公交车"] * 2,
              vehicle_count=[10.0, 10.0], annual_mileage=[60000.0, 60000.0],
              baseline_fuel_economy=[30.0, np.nan], baseline_vehicle_fuel=["柴油", "柴油"],
              fuel_density=[0.84, np.nan], ev_electricity_economy=[100.0, 100.0])
    r = run(f)
    # baseline: 10 × 60,000 km × 30 L/100km × 0.84 kg/L = 151.2 t diesel × 3.09591 = 468.102
    # EV: 10 × 60,000 × 100 kWh/100km = 600 MWh × 0.4211 = 252.66  → 215.442 tCO2e
    assert r.loc[0, "reduction_tco2e"] == pytest.approx(468.1016 - 252.66, abs=0.01)
    assert r.loc[1, "status"] == "insufficient_data"
    assert r.loc[1, "missing"] == "baseline_fuel_economy;fuel_density"


def test_storage_requires_user_baseline():
    f = loans(item_code=["3.2.3.2", "3.2.3.2"], baseline_emissions=[np.nan, 1000.0],
              project_emissions=[np.nan, 400.0])
    r = run(f)
    assert r.loc[0, "status"] == "insufficient_data"
    assert r.loc[0, "missing"] == "baseline_emissions;project_emissions"
    assert r.loc[1, "reduction_tco2e"] == pytest.approx(600.0)


def test_waste_to_energy_nets_project_emissions():
    f = loans(item_code=["5.3.1.2"], purpose=["垃圾焚烧发电厂"], annual_generation=[10000.0],
              project_emissions=[1500.0])
    r = run(f).iloc[0]
    # 10,000 MWh × 0.4211 − 1,500 = 2,711 tCO2e
    assert (r["method"], r["reduction_tco2e"]) == ("waste_to_energy", pytest.approx(2711.0))


def test_green_building_without_savings_uses_reported_figure_and_says_so():
    f = loans(item_code=["5.2.1.2", "5.2.1.2"], reported_reduction=[1234.0, np.nan])
    r = run(f)
    assert (r.loc[0, "method"], r.loc[0, "status"]) == ("reported", "reported")
    assert r.loc[0, "reduction_tco2e"] == 1234.0
    assert "greenkit method lacked" in r.loc[0, "note"]
    assert r.loc[1, "status"] == "insufficient_data" and np.isnan(r.loc[1, "reduction_tco2e"])


def test_item_without_method_and_non_green_loans():
    f = loans(item_code=["4.2.1.14", "3.2.2.1"], tag_status=["aligned", "not_eligible"],
              annual_generation=[np.nan, 100.0])
    r = run(f)
    assert len(r) == 1  # not_eligible loans are not listed
    assert r.loc[0, "status"] == "no_method"


def test_keyword_condition_of_a_rule():
    f = loans(edition=["cn-green-industry-2019"] * 2, item_code=["3.4.6"] * 2,
              purpose=["燃气分布式能源站", "屋顶分布式光伏"])
    m = assign_methods(f, load_methods())
    assert m["method"].tolist() == ["", "renewable_generation"]


def test_attribution_capped_at_one():
    f = loans(item_code=["3.2.2.1"], annual_generation=[100.0], outstanding=[5e8],
              project_investment=[4e8])
    r = run(f).iloc[0]
    assert r["attribution_factor"] == 1.0
    assert "capped" in r["attribution_basis"]


def test_every_rule_points_at_an_existing_item():
    m = load_methods()
    assert m.rules["rule_id"].is_unique
    for edition, rules in m.rules.groupby("edition"):
        items = set(load_taxonomy(edition).items["code"].astype(str))
        missing = set(rules["item_code"]) - items
        assert not missing, f"{edition}: {missing}"
    assert set(m.rules["method"]) <= set(m.methods)
    assert {"cn-green-industry-2019", "cn-green-bond-2021", "cn-green-finance-2025"} == set(
        m.rules["edition"])


def test_project_financed_by_two_loans_counts_once():
    from greenkit.carbon.factors import load_factors
    from greenkit.carbon.reductions import load_methods, summarise

    f = loans(item_code=["3.2.2.2"] * 2, purpose=["光伏发电"] * 2,
              project_name=["晋江1.39MW分布式光伏"] * 2, borrower_id=["91350582890771607K"] * 2,
              annual_generation=[1759.0, 1759.0], outstanding=[3e6, 2e6],
              project_investment=[1e7, 1e7])
    r = run(f)
    assert r["project_counted"].tolist() == [True, False]
    opts = ReductionOptions()
    s, by_method, _ = summarise(r, year=2023, opts=opts, fs=load_factors(), methods=load_methods())
    # project total once: 1,759 MWh × 0.4211 = 740.7149; shares 0.3 + 0.2 → 370.35745
    assert s["totals"]["reduction_tco2e"] == pytest.approx(740.7149)
    assert s["totals"]["attributed_reduction_tco2e"] == pytest.approx(370.35745)
    assert s["totals"]["loans_sharing_a_counted_project"] == 1
