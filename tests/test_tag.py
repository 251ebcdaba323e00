"""Tagging on the mini fixture taxonomy: statuses, evidence, declarations,
flags, overrides, chunking and the nothing-lost invariant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenkit.tag import TagOptions, tag
from greenkit.tag.cases import run_cases
from greenkit.tag.run import run
from greenkit.taxonomy import load_taxonomy

MINI = str(Path(__file__).parent / "fixtures" / "mini-green")
SAMPLE = Path(__file__).parents[1] / "samples" / "loan_book.csv"


def book(rows: list[dict]) -> pd.DataFrame:
    base = {"贷款编号": "", "借款人名称": "某公司", "行业代码": "", "贷款用途": "",
            "贷款余额（万元）": "100"}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_mini_rule_cases_pass():
    res = run_cases(load_taxonomy(MINI))
    assert res["ok"].all(), res[~res["ok"]].to_string()


def test_explanations_carry_rule_and_evidence():
    r = tag(book([{"贷款编号": "A", "行业代码": "D4416", "贷款用途": "集中式光伏电站建设"}]),
            taxonomies=[MINI])
    top = r.tags[(r.tags["rank"] == 1)].iloc[0]
    assert top["item_code"] == "1.1.1" and top["status"] == "eligible"
    assert "MINI-1.1.1-K01" in top["rules"] and "MINI-1.1.1-I01" in top["rules"]
    assert "keyword:集中式" not in top["evidence"] and "keyword:光伏" in top["evidence"]
    assert "industry:4416" in top["evidence"]
    assert top["missing"] == "installed_capacity"
    assert top["edition"].startswith("mini-green")
    w = r.tagged.iloc[0]
    assert (w[f"{MINI}.code"], w[f"{MINI}.status"]) == ("1.1.1", "eligible")


def test_runner_up_is_kept():
    r = tag(book([{"贷款编号": "A", "行业代码": "4415", "贷款用途": "风电场与光伏电站一体化项目"}]),
            taxonomies=[MINI])
    ranks = r.tags.sort_values("rank")[["rank", "item_code"]].values.tolist()
    assert ranks[0] == [1, "1.1.2"] and ranks[1] == [2, "1.1.1"]


def test_criteria_units_convert():
    a = tag(book([{"贷款编号": "A", "贷款用途": "集中式光伏电站", "装机容量（kW）": "800"}]),
            taxonomies=[MINI]).tagged.iloc[0]
    b = tag(book([{"贷款编号": "B", "贷款用途": "集中式光伏电站", "装机容量（万千瓦）": "0.2"}]),
            taxonomies=[MINI]).tagged.iloc[0]
    # the threshold is 1000 kW; 800 kW fails, 0.2 万千瓦 = 2 MW passes
    assert (a[f"{MINI}.status"], b[f"{MINI}.status"]) == ("not_aligned", "aligned")
    assert "MINI-1.1.1-C01" in a[f"{MINI}.reason"] and "0.8" in a[f"{MINI}.reason"]


def test_declared_codes_are_verified():
    rows = [
        {"贷款编号": "OK", "贷款用途": "风电场建设", "绿色贷款分类": "1.1.2"},
        {"贷款编号": "MIS", "贷款用途": "光伏电站建设", "绿色贷款分类": "1.1.2"},
        {"贷款编号": "NOT", "贷款用途": "补充流动资金", "绿色贷款分类": "1.1.1"},
        {"贷款编号": "UNK", "贷款用途": "风电场建设", "绿色贷款分类": "9.9.9"},
        {"贷款编号": "UP", "贷款用途": "风电场建设", "绿色贷款分类": "1.1"},
    ]
    df = book(rows)
    df["分类标准"] = "mini-green"
    r = tag(df, taxonomies=[MINI])
    got = dict(zip(r.tagged["loan_id"], r.tagged["declared.result"], strict=True))
    assert got == {"OK": "confirmed", "MIS": "code_mismatch", "NOT": "not_supported",
                   "UNK": "unknown_code", "UP": "confirmed"}
    flags = r.flags.groupby("loan_id")["flag"].apply(set).to_dict()
    assert flags["MIS"] == {"GW02"} and flags["NOT"] == {"GW01", "GW05"}


def test_exclusion_and_brown_flags():
    r = tag(book([
        {"贷款编号": "C", "借款人名称": "厦门绿源环保科技有限公司", "行业代码": "4411",
         "贷款用途": "燃煤发电机组扩建"},
        {"贷款编号": "P1", "贷款用途": "光伏电站", "项目名称": "翔安光伏一期"},
        {"贷款编号": "P2", "贷款用途": "光伏电站", "项目名称": "翔安光伏 一期"},
    ]), taxonomies=[MINI])
    t = r.tagged.set_index("loan_id")
    assert t.loc["C", f"{MINI}.status"] == "excluded"
    assert "MINI-ALL-X01" in t.loc["C", f"{MINI}.reason"]
    flags = set(zip(r.flags["loan_id"], r.flags["flag"], strict=True))
    assert ("C", "GW03") in flags and ("P1", "GW06") in flags and ("P2", "GW06") in flags


def test_overrides_applied_last_and_recorded(tmp_path):
    ov = tmp_path / "ov.csv"
    pd.DataFrame([{"loan_id": "A", "taxonomy": MINI, "code": "1.1.2", "status": "aligned",
                   "reviewer": "王审核", "reason": "现场核查为风电", "date": "2026-10-01"}]
                 ).to_csv(ov, index=False)
    r = tag(book([{"贷款编号": "A", "贷款用途": "光伏电站"}]), taxonomies=[MINI], overrides=ov)
    w = r.tagged.iloc[0]
    assert (w[f"{MINI}.code"], w[f"{MINI}.status"], w[f"{MINI}.rule"]) == (
        "1.1.2", "aligned", "override")
    top = r.tags[r.tags["rank"] == 1].iloc[0]
    assert "王审核" in top["override"] and "rules said 1.1.1" in top["override"]


def test_bad_override_is_one_clear_error(tmp_path):
    from greenkit.errors import InputError

    ov = tmp_path / "ov.csv"
    pd.DataFrame([{"loan_id": "A", "taxonomy": MINI, "code": "7.7", "status": "green",
                   "reviewer": "x", "reason": "y", "date": ""}]).to_csv(ov, index=False)
    with pytest.raises(InputError, match=r"ov.csv.*row 2 code.*row 2 status"):
        tag(book([{"贷款编号": "A", "贷款用途": "光伏电站"}]), taxonomies=[MINI], overrides=ov)


def test_unknown_industry_code_is_rejected_and_counted():
    r = tag(book([{"贷款编号": "A", "行业代码": "9999", "贷款用途": "光伏电站"},
                  {"贷款编号": "B", "行业代码": "D4416", "贷款用途": "x"},
                  {"贷款编号": "C", "行业代码": "190", "贷款用途": "x"}]), taxonomies=[MINI])
    assert r.summary["rejected"] == 1 and r.rejected.iloc[0]["reason"] == "unknown_industry_code"
    assert set(r.findings["reason"]) >= {"unknown_industry_code", "industry_leading_zero"}
    assert r.loans.set_index("loan_id").loc["C", "industry_code"] == "0190"


def test_nothing_usable_exits_with_input_error():
    from greenkit.errors import InputError

    with pytest.raises(InputError, match="no usable row"):
        tag(book([{"贷款编号": "A", "贷款余额（万元）": "-1"}]), taxonomies=[MINI])


@pytest.mark.parametrize("workers,encoding", [(1, "utf-8"), (2, "utf-8"), (2, "utf-8-sig"),
                                              (2, "gb18030")])
def test_chunked_equals_whole(tmp_path, workers, encoding):
    rows = []
    purposes = ["光伏电站", "风电场", "锅炉制造", "污水处理", "流动资金", "燃煤发电", "光伏玻璃"]
    for i in range(2500):
        rows.append({"贷款编号": f"L{i}", "贷款用途": purposes[i % 7],
                     "行业代码": ["4416", "", "3411", "9999"][i % 4],
                     "项目名称": f"P{i % 900}", "能效等级": str(i % 4 + 1)})
    rows.append({"贷款编号": "L5"})  # duplicate across chunks
    p = tmp_path / "book.csv"
    book(rows).to_csv(p, index=False, encoding=encoding)
    both = (MINI, "cn-green-bond-2021")  # two taxonomies: tags.csv is row-major
    whole = run(p, TagOptions(taxonomies=both))
    chunked = run(p, TagOptions(taxonomies=both, chunksize=1000, workers=workers))
    assert (whole.tags["_row"].diff().dropna() >= 0).all()
    assert chunked.summary["workers"] == workers and whole.summary["workers"] == 1
    pd.testing.assert_frame_equal(whole.tagged, chunked.tagged)
    pd.testing.assert_frame_equal(whole.tags, chunked.tags)
    pd.testing.assert_frame_equal(whole.rejected, chunked.rejected)
    pd.testing.assert_frame_equal(whole.flags, chunked.flags)
    pd.testing.assert_frame_equal(whole.loans, chunked.loans)
    for k in ("read", "accepted", "rejected", "taxonomies", "flags", "input"):
        assert whole.summary[k] == chunked.summary[k]


def test_a_broken_record_in_a_worker_names_the_file_and_rows(tmp_path):
    """A record the CSV parser refuses, in the third chunk a worker parses."""
    p = tmp_path / "book.csv"
    lines = ["贷款编号,借款人名称,贷款余额（万元）"] + [f"L{i},某公司,100" for i in range(30)]
    lines[25] = "L24,某公司,100,多出的一列"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from greenkit.errors import InputError

    # the chunk's rows (row 26 is the broken one) and the parser's words, quoting the record
    with pytest.raises(InputError, match=r"book.csv: cannot be parsed as CSV \(utf-8\) in rows "
                                         r"2[0-6]–31: .*Expected 3 columns, got 4: L24"):
        run(p, TagOptions(taxonomies=(MINI,), chunksize=10, workers=2))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chunk_whose_rows_are_all_rejected_is_counted_not_a_crash(tmp_path, workers):
    """The second chunk has no usable row: no edition is in force for it, and
    it must still be counted (it once stopped the run with a pandas error)."""
    p = tmp_path / "book.csv"
    book([{"贷款编号": "A", "贷款用途": "光伏电站"}, {"贷款编号": "B"},
          {"贷款编号": "C", "贷款余额（万元）": "-1"}, {"贷款编号": "D", "贷款余额（万元）": "x"}]
         ).to_csv(p, index=False)
    r = run(p, TagOptions(chunksize=2, workers=workers, as_of=dt.date(2026, 9, 30)))
    s = r.summary
    assert (s["read"], s["accepted"], s["rejected"]) == (4, 2, 2)
    assert r.tagged["loan_id"].tolist() == ["A", "B"]
    assert sorted(r.rejected["loan_id"]) == ["C", "D"]


@pytest.mark.parametrize("chunksize,workers", [(None, 1), (1000, 1), (1000, 2)])
def test_a_header_without_rows_names_the_file(tmp_path, chunksize, workers):
    from greenkit.errors import InputError

    p = tmp_path / "empty.csv"
    p.write_text("贷款编号,借款人名称,贷款余额（万元）\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.csv: has no data rows"):
        run(p, TagOptions(taxonomies=(MINI,), chunksize=chunksize, workers=workers))


cell = st.one_of(st.just(""), st.text(max_size=6), st.sampled_from(
    ["-5", "一千万", "100", "1e3", "4416", "D4416", "9999", "光伏电站", "=1+1", "<b>x</b>"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({
    "贷款编号": st.sampled_from(["A", "B", "C", "D", ""]), "借款人名称": cell,
    "行业代码": cell, "贷款用途": cell, "贷款余额（万元）": cell,
    "统一社会信用代码": st.sampled_from(["", "914403001922038216", "91440300192203821X", "x"]),
}), min_size=1, max_size=12))
def test_nothing_is_lost(rows):
    df = pd.DataFrame(rows)
    from greenkit.errors import InputError

    try:
        r = tag(df, taxonomies=[MINI])
    except InputError as exc:  # only allowed when no row is usable
        assert "no usable row" in str(exc)
        return
    s = r.summary
    assert s["read"] == len(df) == s["accepted"] + s["rejected"]
    assert len(r.tagged) == s["accepted"]
    assert set(r.rejected["_row"]) | set(r.tagged["_row"]) == set(range(2, len(df) + 2))
    assert not (set(r.rejected["_row"]) & set(r.tagged["_row"]))


@pytest.mark.parametrize("workers", [1, 2])
def test_ids_repeated_across_chunks_are_rejected_as_a_whole_read_rejects_them(tmp_path, workers):
    """Rows of later chunks reusing earlier chunks' ids — green, declared,
    flagged, with a project, already rejected for another reason, or repeated
    within their own chunk too — are rejected after their chunk was tagged
    (greenkit.tag.repeats); every table and the summary equal a whole read's."""
    raw = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ids = raw["贷款编号"]
    # later rows flagged GW01+GW03, GW01+GW05 and GW06, declared, solar, one id used three times
    for later, earlier in ((461, 10), (387, 50), (310, 7), (450, 4), (451, 0), (453, 4),
                           (591, 3)):
        raw.loc[later, "贷款编号"] = ids[earlier]
    raw.loc[591, "贷款余额（万元）"] = "-1"  # rejected anyway, and a repeat
    p = tmp_path / "book.csv"
    raw.to_csv(p, index=False)
    taxonomies = ("in-force", "cn-green-bond-2021")
    as_of = dt.date(2026, 9, 30)
    whole = run(p, TagOptions(taxonomies=taxonomies, as_of=as_of))
    chunked = run(p, TagOptions(taxonomies=taxonomies, as_of=as_of, chunksize=100,
                                workers=workers))
    for name in ("tagged", "tags", "rejected", "findings", "flags", "loans"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(chunked, name),
                                      check_dtype=False, obj=name)
    for k in ("read", "accepted", "rejected", "rejected_by_reason", "taxonomies", "declared",
              "flags", "editions"):
        assert whole.summary[k] == chunked.summary[k], k
    dup = whole.findings[whole.findings["reason"] == "duplicate_id"].set_index("row")
    assert dup.loc[455, "message"] == "loan id already used at row 6"  # 453: third use of 4's id
    assert dup.loc[593, "message"] == "loan id already used at row 5"
    assert chunked.summary["rejected_by_reason"]["duplicate_id"] == 8  # 7 here, 1 planted
    assert not whole.flags["row"].isin([463, 389, 312]).any()  # their flags went with them
