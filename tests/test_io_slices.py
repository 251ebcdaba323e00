"""Workers parse their own byte ranges of a CSV (``greenkit.io.slices``).

The invariant: reading a file through its slice plan gives exactly the rows,
values and row numbers of the serial streaming read (``iter_table``), in the
same chunks — whatever the quoting, line ends, empty lines, BOM or encoding,
and wherever the pass's blocks happen to cut the file. Where the plan cannot
be sure (a quote inside an unquoted field, a bare CR) it declines and the
rest is streamed; the result must still be the same.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenkit.errors import InputError
from greenkit.io import iter_table
from greenkit.io import slices as sl
from greenkit.io.read import RawTable, file_sha256

HEADERS = ["贷款编号", "贷款用途", "金额"]


def _frames(units) -> pd.DataFrame:
    parts = [sl.slice_table(u).frame if isinstance(u, sl.CsvSlice) else u.frame for u in units]
    return pd.concat(parts, ignore_index=True)


def _serial(path, chunksize) -> tuple[pd.DataFrame, list[int]]:
    chunks = list(iter_table(path, chunksize))
    return pd.concat([c.frame for c in chunks], ignore_index=True), [len(c.frame) for c in chunks]


def _planned(path, chunksize, block, monkeypatch) -> tuple[sl.CsvPlan, list]:
    monkeypatch.setattr(sl, "BLOCK", block)
    plan = sl.plan_csv(path, chunksize)
    return plan, list(plan)


def _sizes(units) -> list[int]:
    return [u.rows if isinstance(u, sl.CsvSlice) else len(u.frame) for u in units]


field = st.lists(st.sampled_from(list('ab中文,"\n \r') + ["\r\n"]), max_size=6).map("".join)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(field, field, field), min_size=0, max_size=14),
       crlf=st.booleans(), blank_after=st.sets(st.integers(0, 14)), trailing=st.booleans(),
       bom=st.booleans(), gb=st.booleans(), chunksize=st.integers(1, 5),
       block=st.integers(1, 23))
def test_plan_reads_what_the_serial_reader_reads(tmp_path_factory, monkeypatch, rows, crlf,
                                                 blank_after, trailing, bom, gb, chunksize,
                                                 block):
    """Well-formed CSV (Python's csv writer quotes what needs quoting)."""
    eol = "\r\n" if crlf else "\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol)
    w.writerow(HEADERS)
    for i, r in enumerate(rows):
        w.writerow(r)
        if i in blank_after:
            buf.write(eol)
    text = buf.getvalue()
    if not trailing and text.endswith(eol) and rows:
        text = text[: -len(eol)]
    data = text.encode("gb18030" if gb else "utf-8")
    if bom and not gb:
        data = b"\xef\xbb\xbf" + data
    path = tmp_path_factory.mktemp("csv") / "book.csv"
    path.write_bytes(data)
    _check_same(path, chunksize, block, monkeypatch)


def _check_same(path, chunksize, block, monkeypatch):
    try:
        whole, sizes = _serial(path, chunksize)
    except InputError:
        with pytest.raises(InputError):
            _frames(_planned(path, chunksize, block, monkeypatch)[1])
        return
    plan, units = _planned(path, chunksize, block, monkeypatch)
    got = _frames(units)
    pd.testing.assert_frame_equal(got, whole)
    assert _sizes(units) == sizes  # the same chunks, so the same results per chunk
    assert plan.sha256 == file_sha256(path)


loose = st.text(alphabet=st.sampled_from(list('ab"中')), max_size=5)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(loose, loose).map(",".join), min_size=1, max_size=10),
       chunksize=st.integers(1, 4), block=st.integers(1, 17))
def test_any_quoting_reads_the_same_or_fails_the_same(tmp_path_factory, monkeypatch, lines,
                                                      chunksize, block):
    """Quotes anywhere, well-formed or not: the plan either agrees with the
    parser or declines; it never reads differently."""
    path = tmp_path_factory.mktemp("csv") / "book.csv"
    path.write_text("a,b\n" + "\n".join(lines) + "\n", encoding="utf-8")
    _check_same(path, chunksize, block, monkeypatch)


def test_bare_carriage_return_declines(tmp_path, monkeypatch):
    path = tmp_path / "book.csv"
    path.write_bytes(b"a,b\n1,2\n3,4\r5,6\n7,8\n")
    plan, units = _planned(path, 1, 4, monkeypatch)
    assert "bare carriage return" in plan.declined
    pd.testing.assert_frame_equal(_frames(units), _serial(path, 1)[0])


def test_stray_quote_declines_and_streams_the_rest(tmp_path, monkeypatch):
    rows = [f"L{i},用途{i},1" for i in range(10)]
    rows[6] = 'L6,12" 管道,1'  # an inch mark: a quote inside an unquoted field
    path = tmp_path / "book.csv"
    path.write_text(",".join(HEADERS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    plan, units = _planned(path, 3, 40, monkeypatch)
    assert "quote inside an unquoted field" in plan.declined
    kinds = [type(u) for u in units]
    assert kinds[0] is sl.CsvSlice and kinds[-1] is RawTable  # planned, then streamed
    frame = _frames(units)
    assert frame["贷款用途"].tolist()[6] == '12" 管道'
    assert frame["_row"].tolist() == list(range(2, 12))


def test_quoted_line_breaks_and_empty_lines_keep_row_numbers(tmp_path, monkeypatch):
    text = ('贷款编号,贷款用途,金额\r\n'
            'A,"光伏\r\n电站",1\r\n'
            '\r\n'
            'B,"说""明"",含逗号,",2\r\n'
            '\n'
            'C,x,3')
    path = tmp_path / "book.csv"
    path.write_bytes(text.encode("utf-8"))
    plan, units = _planned(path, 2, 5, monkeypatch)
    assert plan.declined is None and all(isinstance(u, sl.CsvSlice) for u in units)
    frame = _frames(units)
    assert frame["贷款编号"].tolist() == ["A", "B", "C"]
    assert frame["贷款用途"].tolist() == ["光伏\r\n电站", '说"明",含逗号,', "x"]
    assert frame["_row"].tolist() == [2, 3, 4]


def test_a_slice_that_parses_to_other_rows_is_an_error_not_a_shift(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    wrong = sl.CsvSlice(str(path), "utf-8", ("a", "b"), ",", 4, 12, 2, rows=3)
    with pytest.raises(sl.SliceMismatch, match="parse into 2 records"):
        sl.parse_slice(wrong)


def test_tab_separated_file_is_planned_on_tabs(tmp_path, monkeypatch):
    path = tmp_path / "book.tsv"
    path.write_text('贷款编号\t贷款用途\t金额\nA\t"光伏\t电站"\t1\nB\t"a ""quoted""\nline"\t2\n'
                    'C\tx\t3\n', encoding="utf-8")
    plan, units = _planned(path, 1, 7, monkeypatch)
    assert plan.declined is None and [u.rows for u in units] == [1, 1, 1]
    pd.testing.assert_frame_equal(_frames(units), _serial(path, 1)[0])
    assert _frames(units)["贷款用途"].tolist() == ["光伏\t电站", 'a "quoted"\nline', "x"]
