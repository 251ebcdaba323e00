import pytest

from greenkit.errors import ColumnMappingError, UnitError
from greenkit.fields import header_key, parse_column_renames, registry, split_header


@pytest.mark.parametrize("header,name,factor", [
    ("贷款余额（万元）", "outstanding", 1e4),
    ("贷款余额(元)", "outstanding", 1.0),
    ("outstanding [CNY]", "outstanding", 1.0),
    ("贷款余额【亿元】", "outstanding", 1e8),
    ("借据号", "loan_id", 1.0),
    ("Loan ID", "loan_id", 1.0),
    ("loan_id", "loan_id", 1.0),
    ("客户名称", "borrower_name", 1.0),
    ("国标行业代码", "industry_code", 1.0),
    ("资金用途", "purpose", 1.0),
    ("项目所在地", "region", 1.0),
    ("年发电量（万千瓦时）", "annual_generation", 10.0),
    ("装机容量(MW)", "installed_capacity", 1.0),
    ("装机容量（kW）", "installed_capacity", 0.001),
    ("节能量（吨标准煤）", "energy_saved", 1.0),
])
def test_header_aliases_and_units(header, name, factor):
    m = registry().resolve(header, "book.csv")
    assert m is not None and m.field.name == name
    assert m.factor == pytest.approx(factor)


def test_money_header_sets_currency():
    m = registry().resolve("余额（万美元）")
    assert (m.field.name, m.currency, m.factor) == ("outstanding", "USD", 1e4)


def test_unknown_unit_in_header_is_an_error_naming_it():
    with pytest.raises(UnitError, match=r"book.csv column '贷款余额（万斤）'.*unknown unit '万斤'"):
        registry().resolve("贷款余额（万斤）", "book.csv")


def test_wrong_dimension_in_header():
    with pytest.raises(UnitError):
        registry().resolve("装机容量（万元）", "book.csv")


def test_unknown_header_is_left_alone():
    assert registry().resolve("客户经理") is None


def test_full_and_half_width_match():
    assert header_key("贷款余额（万元）") == header_key("贷款余额(万元)")
    assert split_header("贷款余额（万元）") == ("贷款余额", "万元")
    assert split_header("贷款余额") == ("贷款余额", None)


def test_two_columns_for_one_field_is_an_error():
    with pytest.raises(ColumnMappingError, match="both mean"):
        registry().map_headers(["贷款编号", "借据号"], "book.csv")


def test_column_renames():
    assert parse_column_renames("Amount=outstanding[万元], Borrower=borrower_name") == {
        "Amount": "outstanding[万元]", "Borrower": "borrower_name"}
    with pytest.raises(ColumnMappingError):
        parse_column_renames("Amount")
    matches, unmatched = registry().map_headers(
        ["Amount", "Borrower", "x"], "f.csv", {"Amount": "outstanding[万元]"})
    assert [m.field.name for m in matches] == ["outstanding", "borrower_name"]
    assert matches[0].factor == 1e4 and unmatched == ["x"]


def test_every_field_is_documented():
    for f in registry():
        assert f.label_zh and f.label_en and f.description, f.name
