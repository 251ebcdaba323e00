"""Company Scope 1/2/3 from activity data (YAML), hand-computed."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from greenkit.carbon.footprint import FootprintOptions, footprint
from greenkit.errors import InputError, UnitError
from greenkit.paths import samples_dir


def write(tmp_path, doc: dict):
    path = tmp_path / "activity.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


BASE = {
    "company": {"name": "测试公司", "region": "厦门市", "reporting_year": 2025},
    "fuels": [{"source": "叉车", "fuel": "diesel", "quantity": 10, "unit": "t"}],
    "fugitive": [{"gas": "HFC-134a", "quantity": 10, "unit": "kg"}],
    "electricity": [{"region": "厦门市", "year": 2025, "quantity": 1000, "unit": "MWh"}],
    "heat": [{"quantity": 100, "unit": "GJ"}],
    "green_certificates": [{"count": 200}],
    "scope3": [
        {"category": 1, "type": "spend", "quantity": 100, "unit": "万元"},
        {"category": 1, "type": "spend", "quantity": 100, "unit": "万元", "factor": 0.5,
         "factor_unit": "tCO2e/万元", "factor_source": "test value"},
        {"category": 8, "type": "electricity", "region": "江西省", "year": 2023,
         "quantity": 100, "unit": "MWh"},
    ],
}


def test_scope_1_2_3_hand_computed(tmp_path):
    r = footprint(write(tmp_path, BASE))
    t = r.summary["totals"]
    # Scope 1: diesel 10 t × 3.09591 = 30.9591; HFC-134a 10 kg × 1,300 (AR5) = 13.0 → 43.9591
    assert t["scope1_tco2e"] == pytest.approx(30.95910 + 13.0, rel=1e-6)
    # Scope 2 location: 1,000 MWh × 0.4211 (福建, 2025 → 2023) = 421.1; heat 100 GJ × 0.11 = 11
    assert t["scope2_location_tco2e"] == pytest.approx(432.1)
    # market: 200 certificates × 1 MWh = 200 MWh at 0; (1,000 − 200) × 0.6096 (national excl.
    # market-traded non-fossil, 2023) = 487.68; + heat 11 = 498.68
    assert t["scope2_market_tco2e"] == pytest.approx(498.68)
    # Scope 3: 100万元 × 0.5 = 50 (the line without a factor is not counted);
    # cat. 8: 100 MWh × 0.5836 (江西 2023) = 58.36
    assert t["scope3_tco2e"] == pytest.approx(108.36)
    assert r.summary["gwp_set"] == "AR5"
    lines = r.lines
    no_factor = lines[(lines["line"] == "scope3[0]")].iloc[0]
    assert no_factor["status"] == "insufficient_data"
    assert no_factor["missing"] == "factor;factor_unit;factor_source"
    assert np.isnan(no_factor["tco2e"])
    assert (lines.loc[lines["section"] == "fuels", "parameter_set"] == "cn-gbt32150").all()


def test_no_green_instruments_no_market_figure(tmp_path):
    doc = {k: v for k, v in BASE.items() if k != "green_certificates"}
    r = footprint(write(tmp_path, doc))
    assert r.summary["totals"]["scope2_market_tco2e"] is None
    assert r.summary["market_based"]["computed"] is False


def test_gwp_set_changes_non_co2_and_fugitive(tmp_path):
    doc = dict(BASE, fuels=[{"fuel": "diesel", "quantity": 1, "unit": "t",
                             "parameter_set": "ipcc-2006"}])
    ar5 = footprint(write(tmp_path, doc)).summary["totals"]["scope1_tco2e"]
    ar6 = footprint(write(tmp_path, doc), FootprintOptions(gwp_set="AR6")).summary["totals"][
        "scope1_tco2e"]
    # IPCC diesel 1 t: 0.043 TJ; CO2 0.043 × 74.1 = 3.1863; CH4 0.043×3 kg, N2O 0.043×0.6 kg
    # AR5: 3.1863 + 0.000129×28 + 0.0000258×265 = 3.1967490; + HFC-134a 10 kg × 1,300 = 13
    assert ar5 == pytest.approx(3.196749 + 13.0, rel=1e-6)
    # AR6: 3.1863 + 0.000129×27.9 + 0.0000258×273 + 10 kg × 1,530 = 3.1969425 + 15.3
    assert ar6 == pytest.approx(3.1969425 + 15.3, rel=1e-6)


def test_fuel_in_energy_unit_is_a_unit_error(tmp_path):
    doc = dict(BASE, fuels=[{"fuel": "diesel", "quantity": 1, "unit": "MWh"}])
    with pytest.raises(UnitError, match="activity.yaml"):
        footprint(write(tmp_path, doc))


def test_electricity_in_tce_is_a_unit_error(tmp_path):
    doc = dict(BASE, electricity=[{"region": "厦门", "quantity": 1, "unit": "tce"}])
    with pytest.raises(UnitError, match="coal-equivalent"):
        footprint(write(tmp_path, doc))


def test_missing_year_and_unknown_section_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="reporting year"):
        footprint(write(tmp_path, {"company": {"name": "x"}, "fuels": []}))
    with pytest.raises(InputError, match="unknown section"):
        footprint(write(tmp_path, dict(BASE, scope4=[])))


def test_sample_company_runs():
    r = footprint(samples_dir() / "company_activity.yaml")
    t = r.summary["totals"]
    assert t["scope1_tco2e"] > 0 and t["scope2_location_tco2e"] > t["scope2_market_tco2e"]
    assert len(r.summary["insufficient_data"]) == 2  # the two Scope 3 lines without factors
