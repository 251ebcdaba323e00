"""Appending a partition's table to a CSV of the tagged folder (greenkit.tag.encode)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from greenkit.tag.encode import append_csv, split_rows, spool


def test_parts_of_every_kind_append_in_order_with_formulas_neutralised(tmp_path):
    out = tmp_path / "tagged.csv"
    frame = pd.DataFrame({"loan_id": ["=HYPERLINK(1)", "B"], "_row": [2, 3]})
    table = pa.table({"loan_id": ["C", '带"引号'], "_row": [4, 5]})
    spooled = spool(pd.DataFrame({"loan_id": ["D"], "_row": [6]}), str(tmp_path), "tagged")
    append_csv(out, frame, first=True)
    append_csv(out, table, first=False)
    append_csv(out, spooled, first=False)
    text = out.read_bytes().decode("utf-8")
    assert text == ('\ufeff"loan_id","_row"\n"\'=HYPERLINK(1)",2\n"B",3\n"C",4\n'
                    '"带""引号",5\n"D",6\n')
    assert not (tmp_path / spooled.path).exists()  # the spool file is gone once written
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back["_row"].tolist() == [2, 3, 4, 5, 6]


def test_a_column_of_mixed_objects_is_written_by_pandas(tmp_path):
    out = tmp_path / "flags.csv"
    append_csv(out, pd.DataFrame({"x": [1, "a", None]}), first=True)
    assert out.read_text(encoding="utf-8-sig") == 'x\n1\na\n""\n'  # pandas' empty cell


def test_rows_split_off_every_kind_of_part(tmp_path):
    frame = pd.DataFrame({"_row": [2, 3, 4], "v": ["a", "b", "c"]})
    for part in (frame, pa.Table.from_pandas(frame), spool(frame, str(tmp_path), "t")):
        kept, gone = split_rows(part, [3], "_row")
        kept = kept if isinstance(kept, pd.DataFrame) else kept.to_pandas()
        assert kept["_row"].tolist() == [2, 4] and gone["v"].tolist() == ["b"]
