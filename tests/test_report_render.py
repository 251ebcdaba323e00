"""The renderer: number/date filters, translations, autoescaping, the URL fetcher, charts."""

from __future__ import annotations

import math
import re
import socket
from pathlib import Path

import pytest
import yaml

from greenkit.errors import GreenkitError
from greenkit.paths import PACKAGE_DIR, templates_dir
from greenkit.report import render as R

# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("value,digits,expected", [
    (1234567.891, 2, "1,234,567.89"),
    (0.005, 2, "0.01"),            # the float 0.005 is 0.0050000000000000001… → 0.01
    (-0.001, 2, "0.00"),           # no "-0.00"
    (12, 0, "12"),
    ("3,500.5", 1, "3,500.5"),     # text with separators is read as a number
    (None, 2, "—"), (float("nan"), 2, "—"), (math.inf, 2, "—"), (-math.inf, 2, "—"),
    ("abc", 2, "—"), (True, 2, "—"), (object(), 2, "—"),
    (1e300, 2, "1.000e+300"),      # huge: scientific, never a 300-digit string
    (10**400, 2, "—"),             # an int too big for a float is not a number here
])
def test_fmt_number(value, digits, expected):
    assert R.fmt_number(value, digits) == expected


def test_money_and_percent_filters():
    # 12,249,374,200 元 / 10,000 = 1,224,937.42 万元; / 100,000,000 = 122.49 亿元
    assert R.fmt_wan(12_249_374_200) == "1,224,937.42"
    assert R.fmt_yi(12_249_374_200) == "122.49"
    assert R.fmt_wan(float("nan")) == "—"
    assert R.fmt_wan(1e30) == "1.000e+26"
    # 0.446491 → 44.6491 % → 44.65 %
    assert R.fmt_pct(0.446491) == "44.65%"
    assert R.fmt_pct(None) == "—"


def test_dates_in_both_languages():
    assert R.fmt_date("2026-09-30", "zh") == "2026年9月30日"
    assert R.fmt_date("2026-09-30", "en") == "30 September 2026"
    assert R.fmt_date("not a date", "zh") == "not a date"
    assert R.fmt_date(None, "en") == "—"


def test_paragraphs_escape_and_split():
    html = str(R.paragraphs('a <b>\nline2\n\n<script>x</script>'))
    assert html == "<p>a &lt;b&gt;<br>line2</p>\n<p>&lt;script&gt;x&lt;/script&gt;</p>"


# --------------------------------------------------------------------------- i18n


def _keys(lang: str) -> set[str]:
    doc = yaml.safe_load((templates_dir() / "i18n" / f"{lang}.yaml").read_text("utf-8"))
    return set(R._flatten(doc))


def test_english_is_a_full_translation():
    zh, en = _keys("zh"), _keys("en")
    assert zh == en, f"only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"
    assert all(R.catalog("en")[k].strip() for k in en), "an empty English label"


def test_every_literal_label_used_exists():
    used = set()
    sources = list((PACKAGE_DIR / "report").glob("*.py")) + list(templates_dir().rglob("*.j2"))
    for path in sources:
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\bt\(\s*['"]([a-z0-9_]+(?:\.[A-Za-z0-9_]+)+)['"]""", text))
    assert len(used) > 150  # the scan found the labels (guards against a broken regex)
    missing = sorted(used - _keys("zh"))
    assert not missing, f"labels used but not defined: {missing}"


def test_missing_label_and_unknown_language_are_clear_errors():
    with pytest.raises(R.ReportError, match="no translation for 'no.such.key'"):
        R.translate("no.such.key", "zh")
    with pytest.raises(R.ReportError, match="unknown language 'fr'"):
        R.translate("common.toc", "fr")
    assert R.translate("common.toc", "en") == "Contents"


# --------------------------------------------------------------------------- jinja


def test_environment_autoescapes_and_is_strict():
    env = R.environment("zh")
    assert env.autoescape is True
    out = env.from_string("{{ x }}|{{ 1234.5|num }}|{{ 0.5|pct }}|{{ t('common.toc') }}").render(
        x="<script>alert(1)</script>")
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt;|1,234.50|50.00%|目录"


def test_missing_context_is_an_error_naming_the_template():
    with pytest.raises(R.ReportError, match="cerf/report.html.j2|undefined"):
        R.render_html("cerf/report.html.j2", {}, "zh")


def test_write_report_refuses_other_suffixes(tmp_path):
    with pytest.raises(R.ReportError, match=r"\.html or \.pdf"):
        R.write_report("cerf/report.html.j2", {}, tmp_path / "x.docx")


# --------------------------------------------------------------------------- fetcher


def test_url_fetcher_serves_only_template_files_and_data(tmp_path):
    fetcher = R.SafeFetcher(templates_dir())
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    refused = ["http://example.com/x.png", "https://example.com/x.css",
               outside.as_uri(), "file:///etc/passwd",
               (templates_dir() / ".." / "README.md").as_uri(),   # traversal out of templates/
               "ftp://example.com/x"]
    for url in refused:
        with pytest.raises(R.FetchRefused, match="refused to fetch"):
            fetcher.fetch(url)
    assert fetcher.refused == refused
    assert isinstance(R.FetchRefused("x"), GreenkitError)
    ok = fetcher.fetch((templates_dir() / "style.css").as_uri())
    assert b"@page" in ok.read()
    ok.close()
    data = fetcher.fetch("data:text/plain;base64,aGk=")
    assert data.read() == b"hi"


def test_pdf_with_a_network_resource_is_refused_without_any_socket(tmp_path, monkeypatch):
    attempts = []

    def no_connect(self, address):  # any socket connect during rendering is a failure
        attempts.append(address)
        raise AssertionError(f"network access to {address}")

    monkeypatch.setattr(socket.socket, "connect", no_connect)
    html = ('<html><body><p>测试</p><img src="http://example.com/x.png">'
            '<link rel="stylesheet" href="https://example.com/x.css"></body></html>')
    with pytest.raises(R.FetchRefused, match="example.com"):
        R.html_to_pdf(html, tmp_path / "x.pdf")
    assert attempts == []
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- charts


def test_chart_svg_is_inline_deterministic_and_safe():
    data = {"labels": ["清洁能源产业", "<script>alert(1)</script>", "cost in $"],
            "values": [1200.0, float("nan"), 3.5], "unit": "万元"}
    a = R.chart_svg("barh", data, "F-1 测试", "zh")
    b = R.chart_svg("barh", data, "F-1 测试", "zh")
    assert a == b                      # same input, same SVG (no dates, salted ids)
    assert a.startswith("<svg") and "<?xml" not in a and "<!DOCTYPE" not in a
    assert "<script" not in a          # labels are paths (and comments are escaped)
    assert 'aria-label="F-1 测试"' in a
    assert 'style="' not in a and "<style" not in a   # SVG properties are attributes
    other = R.chart_svg("barh", {**data, "values": [1.0, 2.0, 3.0]}, "F-2", "zh")
    ids_a = set(re.findall(r'\bid="([^"]+)"', a))
    ids_b = set(re.findall(r'\bid="([^"]+)"', other))
    assert ids_a and ids_b and not ids_a & ids_b       # two charts on a page share no id
    for ref in re.findall(r'(?:href="#|url\(#)([^")]+)', a):
        assert ref in ids_a                            # references follow the renamed ids
    for kind in ("bar", "line"):
        assert R.chart_svg(kind, {"labels": ["2026Q1", "2026Q2"],
                                  "series": {"a": [1, 2], "b": [None, 3]}}, "t", "en")


def test_chart_errors(monkeypatch):
    with pytest.raises(R.ReportError, match="unknown chart kind"):
        R.chart_svg("pie", {"labels": ["a"], "values": [1]}, "t")
    with pytest.raises(R.ReportError, match="has no data"):
        R.chart_svg("bar", {"labels": [], "values": []}, "t")
    with pytest.raises(R.ReportError, match="2 values for 1 labels"):
        R.chart_svg("bar", {"labels": ["a"], "values": [1, 2]}, "t")
    monkeypatch.setattr(R, "CJK_FAMILY", "No Such Font CJK")
    with pytest.raises(R.ReportError, match="fonts-noto-cjk"):
        R.chart_svg("bar", {"labels": ["a"], "values": [1]}, "t")


def test_cjk_font_is_found():
    assert R.check_cjk_font().exists()


def test_stylesheet_has_the_print_rules():
    css = Path(templates_dir() / "style.css").read_text("utf-8")
    for rule in ("size: A4", "counter(page)", "target-counter(attr(href), page)",
                 "thead { display: table-header-group; }", "tr { break-inside: avoid; }",
                 '"Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif'):
        assert rule in css
