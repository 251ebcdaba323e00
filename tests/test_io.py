import pandas as pd
import pytest

from greenkit.errors import EncodingError, InputError, InputFileNotFound
from greenkit.io import ROW, detect_encoding, iter_table, read_table, write_csv, write_table


@pytest.mark.parametrize("encoding,expected", [
    ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
])
def test_encoding_detection(tmp_path, loan_rows, encoding, expected):
    p = tmp_path / f"book-{encoding}.csv"
    loan_rows.to_csv(p, index=False, encoding=encoding)
    assert detect_encoding(p) == expected
    raw = read_table(p)
    assert raw.headers == list(loan_rows.columns)
    assert raw.frame["借款人名称"].tolist() == loan_rows["借款人名称"].tolist()
    assert raw.frame[ROW].tolist() == [2, 3, 4]


def test_binary_garbage_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"a,b\n\xff\xfe\xfa\x80\x81,2\n" * 3)
    with pytest.raises(EncodingError, match="bad.csv"):
        read_table(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputFileNotFound, match="no such file"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="is a folder"):
        read_table(tmp_path)
    (tmp_path / "x.doc").write_text("x")
    with pytest.raises(InputError, match="use .csv, .xlsx or .parquet"):
        read_table(tmp_path / "x.doc")


def test_xlsx_keeps_codes_and_dates_as_text(tmp_path, loan_rows):
    p = tmp_path / "book.xlsx"
    df = loan_rows.copy()
    df["贷款余额（万元）"] = [1200.0, 800.5, 150.0]
    df["审批日期"] = pd.to_datetime(["2024-03-05", "2025-11-02", "2023-01-09"])
    with pd.ExcelWriter(p) as xw:
        pd.DataFrame([["某银行贷款台账"]]).to_excel(xw, index=False, header=False, startrow=0)
    df.to_excel(p, index=False)
    raw = read_table(p)
    assert raw.frame["贷款余额（万元）"].tolist() == ["1200", "800.5", "150"]
    assert raw.frame["审批日期"].tolist() == ["2024-03-05", "2025-11-02", "2023-01-09"]
    with pytest.raises(InputError, match="no sheet"):
        read_table(p, sheet="Sheet9")


def test_parquet_round_trip(tmp_path, loan_rows):
    p = tmp_path / "book.parquet"
    loan_rows.to_parquet(p)
    assert read_table(p).frame["贷款编号"].tolist() == ["L001", "L002", "L003"]


def test_chunks_cover_every_row(tmp_path, loan_rows):
    big = pd.concat([loan_rows] * 50, ignore_index=True)
    p = tmp_path / "big.csv"
    big.to_csv(p, index=False, encoding="gbk")
    chunks = list(iter_table(p, chunksize=40))
    rows = pd.concat([c.frame for c in chunks])[ROW].tolist()
    assert rows == list(range(2, 152))
    assert max(len(c.frame) for c in chunks) <= 40


def test_formula_neutralisation_on_export(tmp_path):
    df = pd.DataFrame({
        "name": ['=HYPERLINK("http://x","点击")', "+cmd", "@SUM(A1)", "-2+3", "normal", "-12.5"],
        "amount": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0],
    })
    p = write_csv(df, tmp_path / "out.csv")
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads Chinese
    back = pd.read_csv(p, encoding="utf-8-sig", dtype=str)
    assert back["name"].tolist()[:4] == ["'=HYPERLINK(\"http://x\",\"点击\")", "'+cmd", "'@SUM(A1)",
                                        "'-2+3"]
    assert back["name"].tolist()[4:] == ["normal", "-12.5"]
    assert back["amount"].tolist()[1] == "-2.0"
    x = write_table(df, tmp_path / "out.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(x).active
    assert ws["A2"].value.startswith("'=") and ws["A2"].data_type == "s"
