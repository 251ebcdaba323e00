"""碳减排支持工具 disclosure on the hand-made fixture, and the `greenkit report` commands."""

from __future__ import annotations

import re
import subprocess

import pytest
import test_report_fixture as fx
from typer.testing import CliRunner

from greenkit.cli.report import app
from greenkit.report.cerf import TEMPLATE, build_context, parse_quarter
from greenkit.report.render import ReportError, render_html, write_report


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    return fx.make_tagged(tmp_path_factory.mktemp("cerf") / "tagged")


def _rows(ctx):
    return {r[0]: r[1:] for r in ctx["tables"]["main"]["rows"]}


def test_quarter_ytd_and_cumulative_rows(tagged):
    ctx = build_context(tagged, "2026Q3")
    rows = _rows(ctx)
    # 2026Q3: XM-A2 only (5,005,000 元 = 500.50 万元 at 3.10 %), no reduction data → "—", 1 loan
    assert rows["本季度（2026Q3）"] == ["1", "1", "500.50", "3.10", "—", "1"]
    assert rows["本年累计（2026 年 1 月至 2026Q3）"] == ["1", "1", "500.50", "3.10", "—", "1"]
    # cumulative adds XM-A1 (2024Q1, 12,000,000 元 at 3.2 %, attributed reduction 2,021.28):
    # amount 1,700.50 万元; rate (12,000,000×3.2 + 5,005,000×3.1) / 17,005,000 = 3.1706 → 3.17
    assert rows["累计（截至 2026Q3）"] == ["2", "2", "1,700.50", "3.17", "2,021.3", "1"]
    # XM-A5 (green building, no direct carbon effect) is not a carbon-reduction loan
    assert [r[0] for r in ctx["tables"]["loans"]["rows"]] == ["XM-A2"]


def test_an_earlier_quarter_excludes_later_loans(tagged):
    rows = _rows(build_context(tagged, "2024Q1", lang="en"))
    assert rows["This quarter (2024Q1)"] == ["1", "1", "1,200.00", "3.20", "2,021.3", "0"]
    assert rows["Cumulative (to 2024Q1)"] == ["1", "1", "1,200.00", "3.20", "2,021.3", "0"]
    empty = build_context(tagged, "2025Q1")
    assert _rows(empty)["本季度（2025Q1）"] == ["0", "0", "0.00", "—", "—", "0"]
    assert "本季度没有符合条件的碳减排贷款。" in empty["tables"]["main"]["notes"]


def test_bad_quarter():
    assert parse_quarter("2026q3") == (2026, 3)
    for bad in ("2026Q5", "Q3 2026", "2026-09"):
        with pytest.raises(ReportError, match="YYYYQn"):
            parse_quarter(bad)


def test_hostile_borrower_escaped_in_html_and_literal_in_pdf(tagged, tmp_path):
    ctx = build_context(tagged, "2026Q3")
    html = render_html(TEMPLATE, ctx, "zh")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    pdf = write_report(TEMPLATE, ctx, tmp_path / "cerf.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)  # table cells wrap: compare without line breaks
    assert fx.HOSTILE_BORROWER in flat
    assert "碳减排支持工具信息披露表（2026Q3）" in text and "1,700.50" in text


def test_cli_writes_html_and_reports_errors(tagged, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cerf.html"
    res = runner.invoke(app, ["pboc-cerf", "--tagged", str(tagged), "--quarter", "2026Q3",
                              "-o", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Carbon Emission Reduction Facility disclosure (2026Q3)" in out.read_text("utf-8")
    res = runner.invoke(app, ["pboc-cerf", "--tagged", str(tagged), "--quarter", "2026Q9",
                              "-o", str(out)])
    assert isinstance(res.exception, ReportError)  # greenkit's main() prints it, exit 2
    profile = fx.make_profile(tmp_path / "institution.yaml")
    res = runner.invoke(app, ["disclosure", "--profile", str(profile), "--tagged", str(tagged),
                              "-o", str(tmp_path / "d.html")])
    assert res.exit_code == 0, res.output
    assert fx.GREEN_WAN in (tmp_path / "d.html").read_text("utf-8")
