"""JR/T 0227—2021 disclosure report on the hand-made fixture (see test_report_fixture.py).

Golden file: tests/golden/report_disclosure_fixture.html. After an intended change
of the template, the labels or the figures, regenerate it with

    GREENKIT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_report_disclosure.py

and review the diff. The comparison drops the lines marked ``data-volatile``
(greenkit version, run times) and the bodies of the SVG charts (matplotlib's
output differs between its versions).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import test_report_fixture as fx

from greenkit.errors import ConfigError, GreenkitError
from greenkit.report.disclosure import TEMPLATE, build_context
from greenkit.report.render import render_html, write_report

GOLDEN = Path(__file__).parent / "golden" / "report_disclosure_fixture.html"

# The eleven elements of JR/T 0227—2021 (披露内容), in the standard's order.
ELEMENTS = ["年度概况", "环境相关治理结构", "环境相关政策制度", "环境相关产品与服务创新",
            "环境风险管理流程", "环境因素对金融机构的影响", "投融资活动的环境影响",
            "经营活动的环境影响", "数据梳理、校验及保护", "绿色金融创新及研究成果",
            "其他环境相关信息"]
ELEMENTS_EN = ["Annual overview", "Environment-related governance structure",
               "Environment-related policies", "Environment-related product and service innovation",
               "Environmental risk management process",
               "Impact of environmental factors on the institution",
               "Environmental impact of investment and financing activities",
               "Environmental impact of operations", "Data collation, verification and protection",
               "Green finance innovation and research", "Other environment-related information"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("disclosure")
    return fx.make_tagged(base / "tagged"), fx.make_profile(base / "institution.yaml"), base


@pytest.fixture(scope="module")
def ctx(inputs):
    tagged, profile, _ = inputs
    return build_context(profile, tagged)


@pytest.fixture(scope="module")
def pdf(inputs, ctx):
    _, _, base = inputs
    path = write_report(TEMPLATE, ctx, base / "disclosure.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return path, text


def _body(text: str, last_toc_entry: str) -> str:
    """Text after the table of contents (whose last entry is the appendix)."""
    return text[text.index(last_toc_entry) + len(last_toc_entry):]


def in_order(text: str, titles: list[str]) -> list[str]:
    pos, missing = 0, []
    for title in titles:
        i = text.find(title, pos)
        if i < 0:
            missing.append(title)
        else:
            pos = i + len(title)
    return missing


def test_every_element_in_the_pdf_in_the_standards_order(pdf):
    path, text = pdf
    body = _body(text, "A 数据附录")
    assert in_order(body, ELEMENTS) == []
    # numbered headings 1–11 in order, then the appendix
    assert in_order(body, [f"{i} {'金融机构' if 2 <= i <= 5 or i in (7, 8) else ''}"
                           for i in range(1, 12)]) == []


def test_pdf_figures_equal_the_figures_of_the_tagged_data(pdf, inputs):
    tagged, _, _ = inputs
    _, text = pdf
    # computed here from the tagged folder itself, not through greenkit.report
    loans = pd.read_parquet(tagged / "loans.parquet")
    tags = pd.read_csv(tagged / "tagged.csv", dtype=str, encoding="utf-8-sig")
    frame = loans.merge(tags, on="loan_id")
    cny = frame["currency"] == "CNY"
    green = frame["in-force.status"].isin(["aligned", "eligible"]) & cny
    balance = frame.loc[green, "outstanding"].sum() / 1e4
    share = frame.loc[green, "outstanding"].sum() / frame.loc[cny, "outstanding"].sum()
    assert f"{balance:,.2f}" == fx.GREEN_WAN          # 2,500.50 by hand
    assert f"{share:.2%}" == fx.GREEN_SHARE           # 45.46% by hand
    assert f"绿色贷款余额\n{fx.GREEN_WAN}\n万元" in text or \
        re.search(rf"绿色贷款余额\s+{re.escape(fx.GREEN_WAN)}\s+万元", text)
    assert fx.GREEN_SHARE in text and fx.HIGH_CARBON_WAN in text and fx.HIGH_CARBON_SHARE in text
    # T-7.1 by first-level category: 1,200.00 / 500.50 / 800.00 (万元)
    for amount in ("1,200.00", "500.50", "800.00"):
        assert amount in text
    # project reduction of XM-A1: 8,000 MWh × 0.4211 tCO2/MWh (福建 2023) = 3,368.8 tCO2e;
    # attributed: × 12,000,000 / 20,000,000 = 2,021.28 → 2,021.3
    assert "3,368.8" in text and "2,021.3" in text
    # own operations: 1,000 MWh × 0.4211 = 421.10; gasoline 2 t × 2.9251 = 5.85 → 426.95
    assert "421.10" in text and "426.95" in text
    assert "—" in text  # growth without a previous period is a dash, not a number


def test_pdf_embeds_the_chinese_font(pdf):
    path, text = pdf
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout
    fonts = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert fonts, out
    assert any("Noto-Sans-CJK-SC" in f[0] for f in fonts), out
    assert all(f[-5] == "yes" for f in fonts), f"a font is not embedded:\n{out}"
    assert "金融机构环境相关治理结构" in text   # Chinese text extracts: real glyphs, not tofu


def test_pdf_has_pages_and_numbers(pdf):
    path, text = pdf
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout).group(1))
    assert pages >= 5
    assert f"{pages} / {pages}" in text      # page footer "n / N"
    # the table of contents points at pages (target-counter): "年度概况 ....... 3"
    assert re.search(r"1 年度概况\s*\.{5,}\s*\d+", text)


def test_hostile_narrative_is_escaped_and_nothing_is_fetched(ctx, pdf):
    html = render_html(TEMPLATE, ctx, "zh")
    assert '&lt;img src=&#34;http://example.com/x.png&#34;&gt;' in html
    assert '<img src="http://example.com' not in html
    _, text = pdf
    assert '<img src="http://example.com/x.png">' in text  # shown as text in the PDF


def test_growth_against_a_previous_period(inputs, tmp_path):
    tagged, profile, _ = inputs
    prev = fx.make_tagged(tmp_path / "prev")
    loans = pd.read_parquet(prev / "loans.parquet")
    loans.loc[loans["loan_id"] == "XM-A2", "currency"] = "USD"  # not a CNY green loan then
    loans.to_parquet(prev / "loans.parquet", index=False)
    summary = (prev / "summary.json").read_text("utf-8").replace("2026-09-30", "2026-06-30")
    (prev / "summary.json").write_text(summary, "utf-8")
    ctx = build_context(profile, tagged, previous=[prev])
    # previous green CNY = 12,000,000 + 8,000,000 = 20,000,000; 25,005,000 / 20,000,000 − 1
    # = 0.25025 → 25.03 %
    assert ctx["fig"]["growth"] == "25.03%"
    assert ctx["figures"]["periods"] is not None
    assert "2026年6月30日" in ctx["fig"]["growth_note"]


def test_english_report_is_translated(inputs):
    tagged, profile, _ = inputs
    html = render_html(TEMPLATE, build_context(profile, tagged, lang="en"), "en")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", html,
                                          flags=re.S))
    assert in_order(text[text.index("Data appendix") + 13:], ELEMENTS_EN) == []
    for zh_label in ("年度概况", "金融机构环境相关治理结构", "绿色贷款余额", "数据附录", "合计"):
        assert zh_label not in text
    assert "Green loan balance" in text and fx.GREEN_WAN in text
    # plain-string narrative is shown as written; {zh: …} without en falls back and says so
    assert "台风" in text
    assert "no text in the chosen language" in text and "products.summary" in text


def test_bad_profile_is_one_clear_error(inputs, tmp_path):
    tagged, profile, _ = inputs
    bad = tmp_path / "bad.yaml"
    bad.write_text(profile.read_text("utf-8").replace("\ngovernance:", "\ngovernanse:"), "utf-8")
    with pytest.raises(ConfigError, match=r"bad.yaml: governanse: unknown key"):
        build_context(bad, tagged)
    bad.write_text(profile.read_text("utf-8").replace("employees: 100", "employees: many"),
                   "utf-8")
    with pytest.raises(ConfigError, match=r"operations.employees: expected a number"):
        build_context(bad, tagged)
    with pytest.raises(GreenkitError, match="not a folder written by `greenkit tag`"):
        build_context(profile, tmp_path / "nope")


def _normalise(html: str) -> str:
    lines = [ln for ln in html.splitlines() if "data-volatile" not in ln]
    out = "\n".join(lines)
    return re.sub(r"<svg\b[^>]*>.*?</svg>", "<svg/>", out, flags=re.S) + "\n"


def test_golden_html(ctx):
    # the appendix prints file names only (tagged/…, institution.yaml), never tmp paths
    got = _normalise(render_html(TEMPLATE, ctx, "zh"))
    if os.environ.get("GREENKIT_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(got, encoding="utf-8")
    assert GOLDEN.exists(), f"missing {GOLDEN}: run with GREENKIT_UPDATE_GOLDEN=1"
    want = GOLDEN.read_text(encoding="utf-8")
    if got != want:
        import difflib

        diff = "".join(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                 "golden", "now"))[:80])
        pytest.fail(f"HTML differs from {GOLDEN.name} (regenerate with "
                    f"GREENKIT_UPDATE_GOLDEN=1 if intended):\n{diff}")
