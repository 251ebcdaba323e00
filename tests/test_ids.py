import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from greenkit.ids import USCC_ALPHABET, uscc_check_char, uscc_problem


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_generated_codes_validate_and_any_single_change_is_caught(body):
    code = body + uscc_check_char(body)
    assert uscc_problem(pd.Series([code])).iloc[0] == ""
    wrong = USCC_ALPHABET[(USCC_ALPHABET.index(code[-1]) + 1) % 31]
    assert uscc_problem(pd.Series([body + wrong])).iloc[0] == "uscc_check_digit"


def test_reasons():
    s = pd.Series(["", None, "123", "91350200MA2Y1234OI"])
    assert uscc_problem(s).tolist() == ["", "", "uscc_length", "uscc_charset"]


def test_published_codes_validate():
    # Codes printed on public business licences (e.g. Huawei Technologies Co., Ltd.).
    s = pd.Series(["914403001922038216", "91330100799655058B"])
    assert uscc_problem(s).tolist() == ["", ""]
