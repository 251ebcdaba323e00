"""Validation works once per distinct value; these tests hold it to the field rules.

Messy loan books (full-width digits, stray blanks, thousands separators, value
words, bad dates, bad credit codes, formulas, repeated values) are validated
and compared cell by cell with a plain-Python reference written from the
rules: NFKC + trimmed + collapsed blanks; numbers without separators, blanks or
a trailing %; declared value words; min/max/allowed; required; GB 32100-2015
credit codes; formula/HTML text; first use of a loan id wins. Both the
factorised path and the per-row path are exercised (``_SAMPLE``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import greenkit.validate as gv
from greenkit.fields import registry
from greenkit.frames import _nfkc_lead_bytes, _nfkc_ranges, nfkc
from greenkit.ids import USCC_ALPHABET, uscc_check_char, uscc_problem
from greenkit.io.read import ROW, RawTable
from greenkit.validate import REJECTED, DuplicateTracker, hash_text, validate_table

# Characters whose NFKC form and whitespace handling are unambiguous.
BLANKS = [" ", "  ", "\t", "\n", "\u3000", "\xa0"]
ALPHABET = "0123456789.,-% abx一千万厦门公司（）ＡＢ１２．－＝＜ｂ＞=<>@+\u3000\xa0\t\ne\u0301ﬁ①"

BODIES = ["91350200MA2Y12345", "91350203240579090", "91350205425754430"]
CODES = [b + uscc_check_char(b) for b in BODIES]
USCC_POOL = CODES + [c.lower() for c in CODES] + [
    " " + CODES[0], CODES[1][:-1] + ("0" if CODES[1][-1] != "0" else "1"), CODES[2][:9],
    CODES[0][:5] + "I" + CODES[0][6:], "".join(chr(ord(c) + 0xFEE0) for c in CODES[1]),
    CODES[0][:5] + "é" + CODES[0][6:], "", "  "]
NUMBER_POOL = ["0", "12", "3.5", "1,234.5", "１２", "-5", "-0.5", "5%", "50 %", ".5", "5.",
               "abc", "一千万", "", " ", "1.2.3", ",", "%", "-", "+3", "007", "2.50", "100",
               "101", "99.99", "1 000", "\t7\t", "12345678901234"]
GRADE_POOL = ["1", "2", "5", "6", "0", "2.5", "一级", "二级能效", "5级", "１", " 3 ", "七级", ""]
VEHICLE_POOL = ["纯电动", "BEV", "PHEV", " 燃油 ", "汽油", "bev", "飞行器", "ＢＥＶ", ""]
BOOL_POOL = ["是", "否", "达标", "不符合", "TRUE", "yes", "Y", "0", "1", "t", "maybe", "", " 是 "]
DATE_POOL = ["2024-03-05", "2024/3/5", "2024年3月5日", "20240305", "2024.03.05", "2023-1-9",
             "2024-13-01", "2024-02-30", "20241301", "abc", "", "2024-03-05 12:00",
             "２０２４－０３－０５", "2024年1月"]
TEXT_POOL = ["厦门阳光新能源有限公司", "厦门（集团）有限公司", "  厦门  水务 ", "=HYPERLINK(\"x\")",
             "<b>有限公司</b>", "-abc", "-5", "＝1+1", "a < b", "ﬁrm ①", "", " ", "e\u0301"]

HEADERS = {"贷款编号": "loan_id", "借款人名称": "borrower_name", "统一社会信用代码": "borrower_id",
           "贷款余额（万元）": "outstanding", "贷款利率（%）": "interest_rate",
           "能效等级": "efficiency_grade", "车辆类型": "vehicle_type", "审批日期": "approval_date",
           "污染物排放达标": "emission_standard_met"}
FORMULA = r"^[ \t]*[=+@]|^[ \t]*-[^0-9.]"
HTML = r"<[ \t]*/?[ \t]*[a-zA-Z][^>]*>"
TRUE = {"true", "1", "y", "yes", "是", "有", "符合", "达标", "t"}
FALSE = {"false", "0", "n", "no", "否", "无", "不符合", "未达标", "f"}


def cell(pool: list[str]) -> st.SearchStrategy[str]:
    """Mostly values from ``pool`` (so they repeat), sometimes random messy text."""
    return st.one_of(st.sampled_from(pool), st.sampled_from(pool),
                     st.text(alphabet=ALPHABET, max_size=8),
                     st.tuples(st.sampled_from(BLANKS), st.sampled_from(pool))
                     .map(lambda t: t[0] + t[1]))


ROWS = st.lists(st.fixed_dictionaries({
    "贷款编号": st.one_of(st.sampled_from(["L1", "L2", "L3", " L1", "Ｌ２", ""]),
                       st.text(alphabet="L0123456789", min_size=1, max_size=4)),
    "借款人名称": cell(TEXT_POOL),
    "统一社会信用代码": cell(USCC_POOL),
    "贷款余额（万元）": cell(NUMBER_POOL),
    "贷款利率（%）": cell(NUMBER_POOL),
    "能效等级": cell(GRADE_POOL),
    "车辆类型": cell(VEHICLE_POOL),
    "审批日期": cell(DATE_POOL),
    "污染物排放达标": cell(BOOL_POOL),
}), min_size=1, max_size=40)


# ----------------------------------------------------------------- reference


def clean(raw: str) -> str:
    """NFKC, blanks collapsed to one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def words(name: str) -> dict[str, str]:
    return {clean(k): str(v) for k, v in registry()[name].values}


def number(text: str) -> float | None:
    """The number a cleaned text means, None when it is not one."""
    t = re.sub(r"[, \t]|%$", "", text)
    try:
        return float(t)
    except ValueError:
        return None


def date(text: str) -> dt.date | None:
    t = text.split(" ")[0]
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def uscc(code: str) -> str | None:
    c = code.upper()
    if len(c) != 18:
        return "uscc_length"
    if any(ch not in USCC_ALPHABET for ch in c):
        return "uscc_charset"
    return "uscc_check_digit" if uscc_check_char(c[:17]) != c[17] else None


def reference(rows: list[dict[str, str]]) -> tuple[list[dict], set[tuple]]:
    """Typed values per row and the set of (row, header, check, reason, severity, value)."""
    reg = registry()
    typed, found = [], set()
    seen: dict[str, int] = {}
    for i, r in enumerate(rows):
        row = i + 2
        out = {}
        for header, name in HEADERS.items():
            f = reg[name]
            raw = r[header]
            text = clean(raw)
            severity = "error" if f.required else "warning"
            value = words(name).get(text, text) if text else None
            bad_type = False
            if f.dtype in ("float", "int") and text:
                value = number(value)
                if value is None:
                    found.add((row, header, "dtype", "not_a_number", severity, raw))
                    bad_type = True
                elif f.dtype == "int" and value % 1:
                    found.add((row, header, "dtype", "not_an_integer", severity, raw))
                    value, bad_type = None, True
                elif name == "outstanding":
                    value *= 10000
            elif f.dtype == "date" and text:
                value = date(text)
                if value is None:
                    found.add((row, header, "dtype", "bad_date", severity, raw))
            elif f.dtype == "bool" and text:
                low = value.lower()
                value = True if low in TRUE else False if low in FALSE else None
                if value is None:
                    found.add((row, header, "dtype", "bad_bool", severity, raw))
            if value is None and f.required and not bad_type:
                found.add((row, header, "required", "missing_value", severity, raw))
            if value is not None and f.min is not None and value < f.min:
                found.add((row, header, "range", "below_minimum", severity, raw))
            if value is not None and f.max is not None and value > f.max:
                found.add((row, header, "range", "above_maximum", severity, raw))
            if value is not None and f.allowed and value not in f.allowed:
                found.add((row, header, "range", "not_allowed", severity, raw))
            if name == "borrower_id" and value is not None:
                problem = uscc(value)
                if problem:
                    found.add((row, header, "uscc", problem, "error", value))
                value = value.upper()
            if f.dtype == "string":
                for reason, pattern in (("formula_text", FORMULA), ("html_text", HTML)):
                    if re.search(pattern, value or ""):
                        found.add((row, header, "text", reason, "warning", value or ""))
            out[name] = value
        if out["loan_id"] is not None:
            if out["loan_id"] in seen:
                found.add((row, "贷款编号", "unique", "duplicate_id", "error", out["loan_id"]))
            else:
                seen[out["loan_id"]] = row
        typed.append(out)
    return typed, found


# -------------------------------------------------------------------- tests


def validate(rows: list[dict[str, str]]):
    frame = pd.DataFrame(rows, columns=list(HEADERS), dtype="string")
    frame.index = np.arange(len(frame))[::-1] * 3 + 10  # not a RangeIndex: results must align
    frame.insert(0, ROW, np.arange(2, len(frame) + 2))
    raw = RawTable(frame, "<test>", "dataframe", "x")
    return DuplicateTracker().check(validate_table(raw, "loans"), raw.path, "贷款编号")


def same(a, b) -> bool:
    missing = a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA or a is pd.NaT
    if b is None:
        return missing
    if isinstance(b, dt.date) and not missing:
        return a.date() == b
    return not missing and a == b


@pytest.mark.parametrize("sample", [4, 2048])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(rows=ROWS)
def test_validation_matches_the_field_rules(sample, rows):
    with pytest.MonkeyPatch.context() as mp:
        # a small sample makes most columns of these small books take the per-row path
        mp.setattr(gv, "_SAMPLE", sample)
        v = validate(rows)
    typed, found = reference(rows)
    got = {tuple(r) for r in v.findings[["row", "column", "check", "reason", "severity",
                                         "value"]].itertuples(index=False)}
    assert got == found
    assert len(v.findings) == len(found)  # nothing reported twice
    f = v.frame
    assert list(f[ROW]) == list(range(2, len(rows) + 2))
    for name in HEADERS.values():
        for i, expected in enumerate(typed):
            assert same(f[name].iloc[i], expected[name]), (name, rows[i], f[name].iloc[i])
    errors = {}
    for row, _, _, reason, severity, _ in found:
        if severity == "error":
            errors.setdefault(row, set()).add(reason)
    for row, rejected in zip(f[ROW], f[REJECTED], strict=True):
        assert set(filter(None, rejected.split(";"))) == errors.get(row, set())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=10), max_size=30))
def test_nfkc_is_normalise_trim_collapse(values):
    out = nfkc(pd.Series(values, dtype="string"))
    assert out.tolist() == [clean(v) for v in values]


def test_lead_byte_screen_covers_every_nfkc_sensitive_character():
    leads = {chr(c).encode("utf-8")[0] for a, b in _nfkc_ranges() for c in range(a, b + 1)}
    assert _nfkc_lead_bytes(np.array(sorted(leads), dtype=np.uint8)).all()
    cjk = np.array([chr(c).encode("utf-8")[0] for c in range(0x4E00, 0xA000)], dtype=np.uint8)
    assert not _nfkc_lead_bytes(cjk).any()  # the screen lets ordinary Chinese text through


@given(st.lists(st.sampled_from(USCC_POOL + ["", "X" * 18]), max_size=30))
def test_uscc_problem_matches_the_standard(codes):
    # uscc_problem trims and upper-cases; NFKC is validation's job (so full-width fails)
    expected = [uscc(c.strip()) or "" if c.strip() else "" for c in codes]
    assert uscc_problem(pd.Series(codes, dtype="string")).tolist() == expected


@given(st.lists(st.text(max_size=20), min_size=1, max_size=50))
def test_hash_text_is_a_function_of_the_text(values):
    arr = pa.array(values, pa.large_string())
    h = hash_text(arr)
    assert len(set(h.tolist())) == len(set(values))  # no collision in small sets
    again = hash_text(pa.array(values[::-1], pa.large_string()))[::-1]
    assert (h == again).all()
    assert (hash_text(arr.slice(1)) == h[1:]).all()


def test_duplicates_across_chunks_name_the_first_row():
    tracker = DuplicateTracker()
    frames = []
    for first, ids in ((2, ["A", "B", "A", ""]), (6, ["C", "B", "", "C"])):
        frame = pd.DataFrame({"贷款编号": ids, "借款人名称": "x", "贷款余额（万元）": "1"},
                             dtype="string")
        frame.insert(0, ROW, np.arange(first, first + len(frame)))
        raw = RawTable(frame, "<test>", "dataframe", "x")
        frames.append(tracker.check(validate_table(raw, "loans"), raw.path))
    dups = pd.concat([v.findings for v in frames])
    dups = dups[dups["reason"] == "duplicate_id"]
    assert dups["row"].tolist() == [4, 7, 9]
    assert dups["message"].tolist() == [f"loan id already used at row {r}" for r in (2, 3, 6)]
