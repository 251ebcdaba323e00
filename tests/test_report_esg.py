"""Sustainability report (SSE/SZSE) on the shipped samples: company.yaml + company_activity.yaml."""

from __future__ import annotations

import re
import subprocess

import pytest

from greenkit.carbon.footprint import footprint
from greenkit.paths import samples_dir
from greenkit.report.esg import TEMPLATE, build_context, index_rows
from greenkit.report.render import fmt_number, render_html, write_report

PROFILE = samples_dir() / "company.yaml"
ACTIVITY = samples_dir() / "company_activity.yaml"


@pytest.fixture(scope="module")
def ctx():
    return build_context(PROFILE, ACTIVITY)


@pytest.fixture(scope="module")
def pdf_text(ctx, tmp_path_factory):
    path = write_report(TEMPLATE, ctx, tmp_path_factory.mktemp("esg") / "esg.pdf")
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), text


def test_four_pillars_of_the_climate_topic_in_order(pdf_text):
    pages, text = pdf_text
    body = text[text.index("A 数据附录") + 6:]
    pos = 0
    for heading in ("1 关于本报告", "2 双重重要性评估", "3 应对气候变化", "3.1 治理", "3.2 战略",
                    "3.3 影响、风险和机遇管理", "3.4 指标与目标", "4 其他具有财务重要性的议题",
                    "5 其他环境议题", "6 披露索引", "A 数据附录"):
        i = body.find(heading, pos)
        assert i >= 0, heading
        pos = i
    assert pages >= 5


def test_scope_figures_are_greenkits(pdf_text):
    _, text = pdf_text
    t = footprint(ACTIVITY).summary["totals"]
    for v in (t["scope1_tco2e"], t["scope2_location_tco2e"], t["scope2_market_tco2e"],
              t["scope3_tco2e"]):
        assert fmt_number(v, 2) in text
    # one line by hand: natural gas 86.5 万m³ × 21.62188809 tCO2/万m³ = 1,870.29 tCO2
    assert "1,870.29" in text
    # Scope 3 lines without a factor are listed, not counted (cells wrap: drop whitespace)
    flat = re.sub(r"\s+", "", text)
    assert "外购原材料及零部件" in flat and "数据不足（不计入合计）" in flat


def test_index_maps_guideline_ifrs_s2_and_gri(ctx, pdf_text):
    rows = {r["disclosure"]: r for r in ctx["index"]}
    assert rows["范围一温室气体排放"]["gri"] == "305-1"
    assert rows["范围一温室气体排放"]["ifrs_s2"] == "29(a)(i)(1)"
    assert rows["转型计划"]["ifrs_s2"] == "14(a)(iv)"
    assert all(r["article"] == "未核实" for r in ctx["index"])  # article numbers not verified
    assert len(ctx["index"]) == len(index_rows())
    _, text = pdf_text
    assert "305-3" in text and "29(a)(i)(3)" in text and "应对气候变化 · 指标与目标" in text


def test_english_esg(tmp_path):
    html = render_html(TEMPLATE, build_context(PROFILE, ACTIVITY, lang="en"), "en")
    for s in ("Double materiality assessment", "Impact, risk and opportunity management",
              "Metrics and targets", "Disclosure index", "Transition plan",
              "Xiamen Example Smart Manufacturing Co., Ltd. (fictional)"):
        assert s in html
    assert "指标与目标" not in html
