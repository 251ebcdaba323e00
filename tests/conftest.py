"""Shared fixtures: small real frames and files, written to tmp_path."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from greenkit.ids import uscc_check_char


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Keep the taxonomy cache of the test run (and of CLI subprocesses it
    starts) out of the user's real cache directory."""
    old = os.environ.get("GREENKIT_CACHE_DIR")
    os.environ["GREENKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("greenkit-cache"))
    yield
    if old is None:
        os.environ.pop("GREENKIT_CACHE_DIR", None)
    else:
        os.environ["GREENKIT_CACHE_DIR"] = old


def valid_uscc(body: str = "91350200MA2Y12345") -> str:
    return body + uscc_check_char(body)


@pytest.fixture
def loan_rows() -> pd.DataFrame:
    """A tiny loan book with Chinese headers, amounts in 万元."""
    return pd.DataFrame({
        "贷款编号": ["L001", "L002", "L003"],
        "借款人名称": ["厦门阳光新能源有限公司", "厦门水务集团有限公司", "张*华"],
        "统一社会信用代码": [valid_uscc(), valid_uscc("91350200MA2Y00001"), ""],
        "行业代码": ["D4416", "4620", ""],
        "贷款用途": ["用于翔安区20MW分布式光伏发电项目建设", "污水处理厂提标改造工程", "个人住房按揭"],
        "贷款余额（万元）": ["1,200", "800.5", "150"],
        "审批日期": ["2024-03-05", "2025/11/2", "2023年1月9日"],
        "所在地区": ["厦门市", "厦门市", "厦门市"],
    })
