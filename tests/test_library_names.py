"""Chinese legal-form normalisation and the MIIT green-factory matcher."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import valid_uscc

from greenkit.library.names import (
    clean_codes,
    default_factory_path,
    load_factories,
    match_factories,
    name_key,
    name_key_one,
)


@pytest.mark.parametrize("a, b", [
    ("厦门绿洲环保产业股份有限公司", "厦门绿洲环保产业有限公司"),
    ("厦门绿洲环保产业有限责任公司", "厦门绿洲环保产业"),
    ("锐铭运动用品（厦门）有限公司", "锐铭运动用品有限公司"),
    ("锐铭运动用品(厦门)有限公司", "锐铭运动用品（厦门）有限公司"),
    ("  锐铭 运动用品（厦门） 有限公司 ", "锐铭运动用品有限公司"),
    ("厦门ABB开关有限公司", "厦门ＡＢＢ开关有限公司"),              # full-width Latin
    ("厦门abb开关有限公司", "厦门ABB开关股份有限公司"),
    ("福建龙麟集团有限公司", "福建龙麟"),
    ("某某科技集团股份有限公司", "某某科技"),
    ("某某银行股份有限公司厦门分公司", "某某银行"),                 # a branch → head office
    ("龙竹科技集团股份有限公司（原福建龙泰竹家居股份有限公司）", "龙竹科技有限公司"),
    ("中仑塑业(福建)有限公司", "中仑塑业有限公司"),
])
def test_same_firm_same_key(a, b):
    assert name_key_one(a) == name_key_one(b)


@pytest.mark.parametrize("a, b", [
    ("厦门钨业股份有限公司", "钨业股份有限公司"),        # a leading place name is kept
    ("厦门银华机械有限公司", "厦门银华机电有限公司"),
    ("厦门正新海燕轮胎有限公司", "厦门正新实业有限公司"),
])
def test_different_firms_differ(a, b):
    assert name_key_one(a) != name_key_one(b)


def test_a_bare_legal_form_does_not_match_everything():
    assert name_key_one("有限公司") == "有限公司"
    assert name_key_one("有限公司") != name_key_one("股份有限公司")


def test_name_key_is_vectorised_and_keeps_missing():
    s = pd.Series(["甲科技（厦门）有限公司", None, "", "甲科技有限公司"])
    k = name_key(s)
    assert k.iloc[0] == k.iloc[3] == "甲科技"
    assert k.isna().tolist() == [False, True, True, False]


def test_clean_codes_uses_the_gb32100_check():
    good = valid_uscc("91350200MA2Y12345")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    out = clean_codes(pd.Series([good.lower(), bad, "", None, "123"]))
    assert out.iloc[0] == good
    assert out.iloc[1:].isna().all()


def _factories(tmp_path: Path, rows: list[list]) -> Path:
    p = tmp_path / "factories.csv"
    pd.DataFrame(rows, columns=["序号", "地区", "工厂名称", "行业", "统一社会信用代码", "批次"]
                 ).to_csv(p, index=False, encoding="gb18030")  # older lists come in GBK
    return p


def test_matcher_by_code_then_by_name(tmp_path):
    code = valid_uscc("91350200MA2Y77777")
    f = load_factories(_factories(tmp_path, [
        [1, "厦门", "甲新材料（厦门）有限公司", "化工", "", "2021"],
        [2, "福建", "乙电子股份有限公司", "电子", code, "4"],
    ]))
    names = pd.Series(["甲新材料有限公司", "完全不同的名字有限公司", "丙公司", "乙电子有限公司"])
    codes = pd.Series([None, code, None, None])
    m = match_factories(names, codes, f)
    assert m["factory_matched"].tolist() == [True, True, False, True]
    assert m["factory_match_method"].tolist() == ["name", "credit_code", "", "name"]
    assert m.loc[0, "factory_name"] == "甲新材料（厦门）有限公司"
    assert m.loc[0, "factory_batch"] == "2021"
    assert m.loc[1, "factory_name"] == "乙电子股份有限公司"  # found by code despite the name


@pytest.mark.skipif(not default_factory_path().is_file(),
                    reason=f"MIIT list not found at {default_factory_path()}")
def test_real_miit_list_matches_xiamen_factories_written_differently():
    f = load_factories()
    assert len(f) > 2700  # 2,783 rows as published; rows with an empty name are dropped
    names = pd.Series(["厦门绿洲环保产业有限公司", "锐铭运动用品有限公司", "厦门金钧金属材料股份有限公司"])
    m = match_factories(names, None, f)
    assert m["factory_matched"].tolist() == [True, True, False]
    assert m.loc[1, "factory_name"] == "锐铭运动用品（厦门）有限公司"
    assert m.loc[1, "factory_region"] == "厦门"
