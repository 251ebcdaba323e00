import pytest

from greenkit.errors import GreenkitError, UnitError
from greenkit.units import conversion_factor, currency_scale, parse_unit, quantity


@pytest.mark.parametrize("src,dst,factor", [
    ("万元", "CNY", 1e4), ("亿元", "万元", 1e4), ("元", "CNY", 1.0),
    ("万千瓦时", "MWh", 10.0), ("MWp", "MW", 1.0), ("tce", "GJ", 29.3076),
    ("吨标准煤", "kgce", 1000.0), ("万吨二氧化碳当量", "tCO2e", 1e4),
    ("tCO2/MWh", "kgCO2e/kWh", 1.0), ("%", "percent", 1.0), ("万立方米", "m**3", 1e4),
])
def test_conversions(src, dst, factor):
    assert conversion_factor(src, dst) == pytest.approx(factor)


def test_currency_is_its_own_dimension():
    with pytest.raises(UnitError, match="cannot be converted"):
        conversion_factor("万元", "USD")
    with pytest.raises(UnitError):
        conversion_factor("CNY", "dimensionless")


def test_emissions_are_not_mass():
    with pytest.raises(UnitError):
        conversion_factor("tCO2e", "t")


def test_unknown_unit_names_where_it_came_from():
    with pytest.raises(UnitError, match=r"unknown unit '万斤' in loans.csv column 余额") as exc:
        parse_unit("万斤", "loans.csv column 余额")
    assert isinstance(exc.value, GreenkitError) and isinstance(exc.value, ValueError)


def test_number_is_not_a_unit():
    with pytest.raises(UnitError, match="is a number"):
        parse_unit("12")


def test_currency_scale():
    assert currency_scale("万元") == ("CNY", 1e4)
    assert currency_scale("万美元") == ("USD", 1e4)
    assert currency_scale("MW") is None


def test_quantity_carries_units():
    q = quantity(120_000, "MWh") * quantity(0.4211, "tCO2/MWh")
    assert q.to("tCO2e").magnitude == pytest.approx(50_532.0)
