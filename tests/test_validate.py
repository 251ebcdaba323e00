import pandas as pd
import pytest

from greenkit.errors import InputError
from greenkit.io import read_table
from greenkit.validate import REJECTED, DuplicateTracker, validate_table


def _validate(tmp_path, df, **kw):
    p = tmp_path / "book.csv"
    df.to_csv(p, index=False, encoding="utf-8-sig")
    raw = read_table(p)
    v = validate_table(raw, **kw)
    return DuplicateTracker().check(v, raw.path, "贷款编号")


def test_clean_book_types_and_units(tmp_path, loan_rows):
    v = _validate(tmp_path, loan_rows)
    f = v.frame
    assert f["outstanding"].tolist() == [12_000_000.0, 8_005_000.0, 1_500_000.0]
    assert f["approval_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-05", "2025-11-02", "2023-01-09"]
    assert (f[REJECTED] == "").all() and v.findings.empty
    assert f["currency"].tolist() == ["CNY"] * 3


@pytest.mark.parametrize("column,value,reason", [
    ("贷款余额（万元）", "-5", "below_minimum"),
    ("贷款余额（万元）", "一千万", "not_a_number"),
    ("贷款余额（万元）", "", "missing_value"),
    ("借款人名称", "", "missing_value"),
    ("统一社会信用代码", "91350200MA2Y123450", "uscc_check_digit"),
    ("统一社会信用代码", "9135020", "uscc_length"),
    ("统一社会信用代码", "91350200MA2Y1234IZ", "uscc_charset"),
])
def test_bad_cells_reject_their_row_with_row_and_column(tmp_path, loan_rows, column, value, reason):
    loan_rows.loc[1, column] = value
    v = _validate(tmp_path, loan_rows)
    hit = v.findings[v.findings["reason"] == reason]
    assert len(hit) == 1
    assert hit.iloc[0]["row"] == 3 and hit.iloc[0]["column"] == column
    assert hit.iloc[0]["file"].endswith("book.csv")
    assert v.frame[REJECTED].tolist()[1] == reason
    assert (v.frame[REJECTED] != "").sum() == 1  # nothing else lost


def test_duplicate_ids_keep_first(tmp_path, loan_rows):
    loan_rows.loc[2, "贷款编号"] = "L001"
    v = _validate(tmp_path, loan_rows)
    d = v.findings[v.findings["reason"] == "duplicate_id"]
    assert d["row"].tolist() == [4]
    assert "row 2" in d.iloc[0]["message"]


def test_formula_and_html_in_names_are_warnings(tmp_path, loan_rows):
    loan_rows.loc[0, "借款人名称"] = '=HYPERLINK("http://x","点击")'
    loan_rows.loc[1, "借款人名称"] = "<script>alert(1)</script>有限公司"
    v = _validate(tmp_path, loan_rows)
    assert set(v.findings["reason"]) == {"formula_text", "html_text"}
    assert (v.findings["severity"] == "warning").all()
    assert (v.frame[REJECTED] == "").all()


def test_amount_without_unit_needs_amount_unit(tmp_path, loan_rows):
    df = loan_rows.rename(columns={"贷款余额（万元）": "贷款余额"})
    with pytest.raises(InputError, match="has no unit.*--amount-unit"):
        _validate(tmp_path, df)
    v = _validate(tmp_path, df, amount_unit="万元")
    assert v.frame["outstanding"].iloc[0] == 12_000_000.0


def test_missing_required_column(tmp_path, loan_rows):
    with pytest.raises(InputError, match="required column.*借款人名称"):
        _validate(tmp_path, loan_rows.drop(columns=["借款人名称"]))


def test_duplicates_across_chunks(tmp_path, loan_rows):
    tracker = DuplicateTracker()
    p = tmp_path / "a.csv"
    loan_rows.to_csv(p, index=False)
    a = tracker.check(validate_table(read_table(p)), str(p))
    b = tracker.check(validate_table(read_table(p)), str(p))
    assert a.findings.empty
    assert (b.findings["reason"] == "duplicate_id").sum() == 3


def test_percent_and_value_words(tmp_path, loan_rows):
    loan_rows["贷款利率（%）"] = ["3.85", "3.2%", "x"]
    v = _validate(tmp_path, loan_rows)
    assert v.frame["interest_rate"].iloc[:2].tolist() == [3.85, 3.2]
    bad = v.findings[v.findings["reason"] == "not_a_number"]
    assert bad["severity"].tolist() == ["warning"]
    assert pd.isna(v.frame["interest_rate"].iloc[2])
