"""The synthetic loan book: shape, determinism, realism checks, planted defects."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from greenkit import synth
from greenkit.ids import uscc_check_char, uscc_problem
from greenkit.synth import (
    C_AMOUNT,
    C_CAP,
    C_CCY,
    C_DATE,
    C_GEN,
    C_GREEN,
    C_ID,
    C_IND,
    C_INVEST,
    C_NAME,
    C_PROJECT,
    C_PURPOSE,
    C_STAR,
    C_STD,
    C_USCC,
    C_VEHICLE,
    COLUMNS,
    PLANTED,
    SEGMENTS,
    generate_loan_book,
    planted_rows,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "loan_book.csv"
INDUSTRY_CSV = ROOT / "taxonomies" / "industry" / "gbt4754-2017.csv"

EXPECTED_COLUMNS = [
    "贷款编号", "借款人名称", "统一社会信用代码", "行业代码", "贷款用途", "项目名称", "贷款余额（万元）",
    "币种", "审批日期", "所在地区", "分类标准", "绿色贷款分类", "贷款利率（%）", "项目总投资（万元）",
    "装机容量（MW）", "年发电量（万千瓦时）", "绿色建筑星级", "能效等级", "节能量（吨标准煤）", "车辆类型",
]


@pytest.fixture(scope="module")
def book() -> pd.DataFrame:
    return generate_loan_book(600)


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return generate_loan_book(3000, truth=True)


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s != ""), errors="coerce")


def test_columns_and_row_count(book):
    assert list(book.columns) == EXPECTED_COLUMNS == COLUMNS
    assert len(book) == 600
    assert len(generate_loan_book(0)) == 0
    assert len(generate_loan_book(7)) == 7


def test_every_cell_is_a_string(book):
    assert all(isinstance(v, str) for v in book.to_numpy().ravel())


def test_deterministic(book):
    pd.testing.assert_frame_equal(book, generate_loan_book(600))
    assert not book.equals(generate_loan_book(600, seed=1))


def test_credit_codes_valid_except_the_planted_one(book):
    problems = uscc_problem(book[C_USCC])
    bad = planted_rows(600).query("kind == 'bad_check_digit'")["row"].tolist()
    assert problems[problems != ""].index.tolist() == bad
    assert (problems.loc[bad] == "uscc_check_digit").all()
    # corporate borrowers carry a code, personal borrowers (masked names) none
    personal = book[C_NAME].str.contains(r"\*", regex=True)
    assert (book.loc[personal, C_USCC] == "").all()
    assert (book.loc[~personal, C_USCC].str.len() == 18).all()


def test_vectorised_check_character_agrees_with_ids(truth):
    codes = truth.loc[truth[C_USCC] != "", C_USCC].drop_duplicates()
    bad = set(truth.loc[planted_rows(len(truth)).query("kind == 'bad_check_digit'")["row"], C_USCC])
    for code in codes:
        if code not in bad:
            assert uscc_check_char(code[:17]) == code[17], code


def test_xiamen_borrowers_have_xiamen_region_codes(book):
    xm = (book[C_USCC] != "") & book["所在地区"].str.endswith("厦门市")
    assert book.loc[xm, C_USCC].str.slice(2, 6).eq("3502").all()


def test_one_code_per_borrower_name(truth):
    planted = set(planted_rows(len(truth))["row"])
    corp = truth[(truth[C_USCC] != "") & ~truth.index.isin(planted)]
    assert corp.groupby(C_NAME)[C_USCC].nunique().max() == 1
    assert corp.groupby(C_USCC)[C_NAME].nunique().max() == 1


def test_ids_unique_except_planted_duplicates(book):
    plants = planted_rows(600)
    dup = plants.query("kind == 'duplicate_id'")
    assert book[C_ID].duplicated().sum() == len(dup)
    for row, partner in zip(dup["row"], dup["partner_row"], strict=True):
        assert book.at[row, C_ID] == book.at[partner, C_ID]
    assert book[C_ID].str.fullmatch(r"XM20(19|2[0-6])\d{6}").all()


def test_every_planted_kind_is_present(book):
    plants = planted_rows(600)
    assert set(plants["kind"]) == {p.kind for p in PLANTED}
    at = dict(zip(plants["kind"], plants["row"], strict=True))
    assert book.at[at["negative_amount"], C_AMOUNT].startswith("-")
    assert book.at[at["non_numeric_amount"], C_AMOUNT] == "一千万"
    assert book.at[at["unknown_industry"], C_IND] == "9999"
    assert book.at[at["empty_borrower"], C_NAME] == ""
    assert book.at[at["empty_borrower"], C_USCC] != ""
    assert book.at[at["formula_name"], C_NAME].startswith("=HYPERLINK(")
    assert "<script>" in book.at[at["html_name"], C_NAME]
    r = at["same_project_twice"]
    p = int(plants.query("kind == 'same_project_twice'")["partner_row"].iloc[0])
    assert book.at[r, C_PROJECT] != ""
    for col in (C_NAME, C_USCC, C_PROJECT):
        assert book.at[r, col] == book.at[p, col]
    assert book.at[r, C_ID] != book.at[p, C_ID]
    assert book.at[at["misdeclared_real_estate"], C_GREEN] == "5.2.1.2"
    assert book.at[at["misdeclared_real_estate"], C_IND] in ("", "7010", "K7010", "K70", "4710", "E4710", "E47")
    assert book.at[at["misdeclared_working_capital"], C_PURPOSE] == "补充日常经营流动资金"
    assert book.at[at["misdeclared_working_capital"], C_GREEN] == "3.2.2.2"
    assert book.at[at["pv_declared_as_wind"], C_GREEN] == "3.2.2.1"
    assert "光伏" in book.at[at["pv_declared_as_wind"], C_PURPOSE] + book.at[at["pv_declared_as_wind"], C_PROJECT]
    assert "燃煤锅炉" in book.at[at["greenwash_name"], C_PURPOSE]
    assert book.at[at["greenwash_name"], C_GREEN] == "1.1.2.1"
    for kind in ("misdeclared_real_estate", "misdeclared_working_capital", "pv_declared_as_wind",
                 "greenwash_name"):
        assert book.at[at[kind], C_STD] == "cn-green-bond-2021"
        assert book.at[at[kind], C_DATE] < "2025-10-01"


def test_planted_rows_are_about_one_percent():
    plants = planted_rows(100_000)
    assert len(plants) == 100 * len(PLANTED)
    assert plants["row"].is_unique
    assert (plants["sheet_row"] == plants["row"] + 2).all()


def test_problems_false_is_the_same_book_without_defects(book):
    clean = generate_loan_book(600, problems=False)
    differs = (clean != book).any(axis=1)
    assert sorted(differs[differs].index) == sorted(planted_rows(600)["row"])
    assert (uscc_problem(clean[C_USCC]) == "").all()
    assert not clean[C_ID].duplicated().any()


def test_committed_sample_equals_a_fresh_generation(book):
    assert SAMPLE.read_bytes()[:3] == b"\xef\xbb\xbf", "sample must be UTF-8 with BOM"
    committed = pd.read_csv(SAMPLE, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, book, check_dtype=False)


def test_hundred_thousand_rows():
    big = generate_loan_book(100_000)
    assert list(big.columns) == COLUMNS
    assert len(big) == 100_000
    assert big[C_ID].duplicated().sum() == 100  # one planted duplicate per 1,000 rows


def test_industry_code_styles(book):
    codes = book[C_IND]
    styles = {
        "section+class": codes.str.fullmatch(r"[A-T]\d{4}"),
        "class": codes.str.fullmatch(r"\d{4}"),
        "section+division": codes.str.fullmatch(r"[A-T]\d{2}"),
        "empty": codes == "",
    }
    assert all(s.any() for s in styles.values())
    assert pd.concat(styles, axis=1).any(axis=1).all()


@pytest.mark.skipif(not INDUSTRY_CSV.exists(), reason="industry table not built")
def test_segment_industry_codes_are_gbt4754_classes():
    table = pd.read_csv(INDUSTRY_CSV, dtype=str, keep_default_na=False).set_index("code")
    for seg in SEGMENTS:
        for code in seg.industry:
            assert code in table.index, (seg.key, code)
            assert table.at[code, "level"] == "class", (seg.key, code)
            assert table.at[code, "section"] == synth.section_of(code), (seg.key, code)


def test_green_shares_and_declarations(truth):
    green = truth["segment_green_code"] != ""
    assert 0.12 < green.mean() < 0.25
    declared = truth[C_STD] != ""
    assert set(truth.loc[declared, C_STD]) == {"cn-green-bond-2021", "cn-green-finance-2025"}
    after = truth[C_DATE] >= "2025-10-01"
    # the 2025 catalogue applies from 2025-10-01; its item codes are not filled in yet
    assert (truth.loc[truth[C_STD] == "cn-green-finance-2025", C_DATE] >= "2025-10-01").all()
    assert (truth.loc[truth[C_STD] == "cn-green-finance-2025", C_GREEN] == "").all()
    assert (truth.loc[declared & ~after, C_STD] == "cn-green-bond-2021").all()
    assert (truth[C_DATE] < "2025-07-01").any() and (truth[C_DATE] >= "2025-10-01").any()
    assert truth[C_DATE].between("2019-01-01", "2026-09-30").all()
    # 2021 declarations use the segment's code, except the planted mistakes and greenwashing
    planted = truth.index.isin(planted_rows(len(truth))["row"])
    ok = declared & (truth[C_GREEN] != "") & ~planted & (truth["segment"] != "greenwash_boiler")
    assert (truth.loc[ok, C_GREEN] == truth.loc[ok, "segment_green_code"]).all()


def test_technical_attributes_are_consistent(truth):
    cap, gen = _num(truth[C_CAP]), _num(truth[C_GEN])
    hours = gen * 10 / cap  # 万千瓦时 -> MWh, over MW
    seg = truth["segment"]
    pv = seg.isin(["pv_distributed", "pv_plant"]) & hours.notna()
    wind = seg.isin(["wind_onshore", "wind_offshore"]) & hours.notna()
    assert pv.any() and wind.any()
    assert hours[pv].between(995, 1305).all()
    assert hours[wind].between(1995, 3005).all()
    assert cap[seg == "pv_distributed"].dropna().between(0.5, 30).all()
    assert cap[seg == "pv_plant"].dropna().between(20, 200).all()
    # capacity quoted in the text equals the capacity column
    pvd = truth[(seg == "pv_distributed") & (truth[C_CAP] != "")]
    text = pvd[C_PURPOSE] + pvd[C_PROJECT]
    assert all(f"{c}MW" in t for c, t in zip(pvd[C_CAP], text, strict=True) if "MW" in t)
    # project cost covers the loan
    amt, inv = _num(truth[C_AMOUNT]), _num(truth[C_INVEST])
    both = amt.notna() & inv.notna() & (truth[C_CCY] == "CNY") & ~truth.index.isin(planted_rows(len(truth))["row"])
    assert both.any() and (inv[both] >= amt[both]).all()
    assert set(truth[C_STAR]) <= {"", "基本级", "一星级", "二星级", "三星级", "1", "2", "3"}
    assert set(truth.loc[seg != "green_building", C_STAR]) == {""}
    assert set(truth[C_VEHICLE]) <= {"", "纯电动", "插电式混合动力", "燃料电池", "柴油"}
    assert (truth.loc[seg == "diesel_trucks", C_VEHICLE].isin(["", "柴油"])).all()


def test_amounts_are_realistic(truth):
    planted = truth.index.isin(planted_rows(len(truth))["row"])
    amt = _num(truth[C_AMOUNT])
    seg = truth["segment"]
    assert amt[~planted].notna().all() and (amt[~planted] > 0).all()
    assert amt[(seg == "mortgage") & ~planted].between(50, 300).all()
    assert (truth[C_CCY].isin(["CNY", "USD"])).all()
    assert 0 < (truth[C_CCY] == "USD").mean() < 0.05
    rate = _num(truth["贷款利率（%）"])
    green = truth["segment_green_code"] != ""
    assert rate[green & (seg != "nev_personal")].between(2.8, 4.5).all()
    assert amt[~planted].round(2).eq(amt[~planted]).all()
    assert truth.loc[~planted, C_AMOUNT].str.fullmatch(r"\d+\.\d\d").all()


def test_pool_name_lists_do_not_overlap():
    words = [w for p in synth.POOLS.values() for w in p.words]
    assert len(words) == len(set(words)), "a word in two pools could give two codes to one name"
    assert not set(synth.ZH_A) & set(synth.ZH_B)
    assert len(set(synth.ZH_B)) == len(synth.ZH_B)


def test_cli_writes_bom_and_gb18030(tmp_path):
    out = tmp_path / "book.csv"
    assert synth.main(["--rows", "40", "--seed", "3", "-o", str(out)]) == 0
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"
    got = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(got, generate_loan_book(40, seed=3), check_dtype=False)
    gb = tmp_path / "book-gb.csv"
    assert synth.main(["--rows", "40", "-o", str(gb), "--encoding", "gb18030"]) == 0
    got = pd.read_csv(gb, encoding="gb18030", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(got, generate_loan_book(40), check_dtype=False)


def test_no_control_characters_or_newlines(book):
    cells = np.asarray(book.to_numpy().ravel(), dtype=object)
    assert not any(re.search(r"[\x00-\x1f]", c) for c in cells)
