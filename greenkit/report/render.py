"""Rendering: Jinja2 templates → HTML → PDF (WeasyPrint), and charts as inline SVG.

The API other modules use (the regulator review report imports it too):

- ``render_html(template, context, lang="zh") -> str`` — ``template`` is a path
  relative to ``templates/`` (``"disclosure/report.html.j2"``). Autoescaping is
  on and undefined names are errors (``StrictUndefined``).
- ``write_report(template, context, output, lang="zh") -> Path`` — writes
  ``.html`` or ``.pdf`` by the output's suffix.
- ``chart_svg(kind, data, title, lang) -> str`` — a matplotlib chart (Agg,
  text drawn as paths with Noto Sans CJK SC) as an inline ``<svg>`` element.

Templates get these filters: ``num`` (thousands separators), ``wan`` / ``yi``
(元 → 万元 / 亿元), ``pct`` (a fraction as per cent), ``date``, ``paras``
(plain text → escaped ``<p>`` paragraphs), ``t`` (translated label); and these
globals: ``t(key, **values)``, ``lang``, ``css`` (``templates/style.css``).
Number filters never raise: ``None``, NaN, infinities and text that is not a
number are shown as ``—``; very large magnitudes switch to scientific notation.

WeasyPrint fetches nothing from the network or from outside ``templates/``:
the URL fetcher serves ``data:`` URLs and ``file:`` URLs under
``templates_dir()`` and refuses everything else; a refusal fails the render
with a ``FetchRefused`` naming the URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from greenkit.errors import GreenkitError
from greenkit.io.yamlfile import read_yaml
from greenkit.paths import templates_dir

DASH = "—"
LANGS = ("zh", "en")
CJK_FAMILY = "Noto Sans CJK SC"


class ReportError(GreenkitError, ValueError):
    """A report cannot be rendered (bad template, missing translation, missing font…)."""


class FetchRefused(GreenkitError, PermissionError):
    """WeasyPrint asked for a resource outside ``templates/`` (or on the network)."""


# --------------------------------------------------------------------------- numbers


def _to_float(value: Any) -> float | None:
    """A finite float, or None for anything that is not one (never raises)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        if isinstance(value, str):
            try:
                v = float(value.replace(",", "").strip())
            except (ValueError, OverflowError):
                return None
        else:
            return None
    if math.isnan(v) or math.isinf(v):
        return None
    return v


def fmt_number(value: Any, digits: int = 2) -> str:
    """``1234567.891`` → ``1,234,567.89``; missing or not a number → ``—``."""
    v = _to_float(value)
    if v is None:
        return DASH
    digits = max(0, int(digits))
    if abs(v) >= 1e15:
        return f"{v:.3e}"
    v = round(v, digits)
    if v == 0:
        v = 0.0  # no "-0.00"
    return f"{v:,.{digits}f}"


def fmt_wan(yuan: Any, digits: int = 2) -> str:
    """An amount in 元 shown in 万元 (``1,224,937.42``)."""
    v = _to_float(yuan)
    return fmt_number(None if v is None else v / 1e4, digits)


def fmt_yi(yuan: Any, digits: int = 2) -> str:
    """An amount in 元 shown in 亿元."""
    v = _to_float(yuan)
    return fmt_number(None if v is None else v / 1e8, digits)


def fmt_pct(fraction: Any, digits: int = 2) -> str:
    """A fraction shown as per cent: ``0.446491`` → ``44.65%``."""
    v = _to_float(fraction)
    if v is None:
        return DASH
    return fmt_number(v * 100, digits) + "%"


def fmt_int(value: Any) -> str:
    return fmt_number(value, 0)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def fmt_date(value: Any, lang: str = "zh") -> str:
    """``2026-09-30`` → ``2026年9月30日`` / ``30 September 2026``; unknown → the text."""
    if value is None or value == "":
        return DASH
    d: dt.date | None = None
    if isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        try:
            d = dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return str(value)
    if lang == "en":
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def paragraphs(text: Any) -> Markup:
    """Plain text → ``<p>`` per blank-line-separated block, escaped, ``<br>`` per line."""
    if text is None:
        return Markup("")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", str(text)) if b.strip()]
    out = [Markup("<p>") + Markup("<br>").join(escape(line) for line in b.splitlines())
           + Markup("</p>") for b in blocks]
    return Markup("\n").join(out)


# --------------------------------------------------------------------------- i18n


def _flatten(doc: Mapping, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in doc.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = "" if v is None else str(v)
    return out


@lru_cache(maxsize=8)
def _catalog(folder: str, lang: str) -> dict[str, str]:
    path = Path(folder) / "i18n" / f"{lang}.yaml"
    if not path.exists():
        raise ReportError(f"no translation file for language {lang!r}", path=path)
    doc = read_yaml(path, ReportError, expect=object) or {}
    if not isinstance(doc, Mapping):
        raise ReportError("expected a mapping of labels", path=path)
    return _flatten(doc)


def catalog(lang: str) -> dict[str, str]:
    """All labels of ``templates/i18n/<lang>.yaml`` as dotted keys."""
    _check_lang(lang)
    return _catalog(str(templates_dir()), lang)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ReportError(f"unknown language {lang!r}: use zh or en")


def translate(key: str, lang: str = "zh", **values: Any) -> str:
    """The label ``key`` in ``lang``; ``{name}`` placeholders filled from ``values``."""
    labels = catalog(lang)
    if key not in labels:
        raise ReportError(f"no translation for {key!r}",
                          path=templates_dir() / "i18n" / f"{lang}.yaml")
    text = labels[key]
    if values:
        try:
            text = text.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ReportError(f"label {key!r} needs {exc}",
                              path=templates_dir() / "i18n" / f"{lang}.yaml") from exc
    return text


class Translator:
    """``t(key, **values)`` bound to one language (a template global and filter)."""

    def __init__(self, lang: str):
        _check_lang(lang)
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        return translate(key, self.lang, **values)


# --------------------------------------------------------------------------- jinja


@lru_cache(maxsize=8)
def _environment(folder: str, lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(folder), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    t = Translator(lang)
    env.filters.update({
        "num": fmt_number, "wan": fmt_wan, "yi": fmt_yi, "pct": fmt_pct, "int": fmt_int,
        "date": lambda v: fmt_date(v, lang), "paras": paragraphs, "t": t,
    })
    env.globals.update({"t": t, "lang": lang})
    return env


def environment(lang: str = "zh") -> Environment:
    """The Jinja2 environment for ``templates/`` in ``lang`` (cached)."""
    _check_lang(lang)
    return _environment(str(templates_dir()), lang)


def stylesheet() -> Markup:
    path = templates_dir() / "style.css"
    if not path.exists():
        raise ReportError("the shared stylesheet is missing", path=path)
    css = path.read_text(encoding="utf-8")
    if "</" in css:
        raise ReportError("the stylesheet must not contain '</'", path=path)
    return Markup(css)


def render_html(template: str, context: dict, lang: str = "zh") -> str:
    """Render ``templates/<template>`` with ``context`` (autoescaped) to an HTML string."""
    env = environment(lang)
    try:
        tpl = env.get_template(template)
        return tpl.render({"css": stylesheet(), **context})
    except ReportError:
        raise
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or (templates_dir() / template)
        line = getattr(exc, "lineno", None)
        raise ReportError(f"template error{f' at line {line}' if line else ''}: {exc}",
                          path=where) from exc


# --------------------------------------------------------------------------- PDF


def _fetcher_base():
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 66: function fetchers
        return object
    return URLFetcher


_FETCHER_BASE = _fetcher_base()


class SafeFetcher(_FETCHER_BASE):
    """WeasyPrint URL fetcher that serves only ``templates/`` files and ``data:`` URLs.

    Every other URL (http, https, ftp, a file outside ``root``) raises
    ``FetchRefused`` and is recorded in ``refused``.
    """

    def __init__(self, root: Path | None = None):
        if _FETCHER_BASE is not object:
            super().__init__(allowed_protocols=("file", "data"))
        self.root = Path(root or templates_dir()).resolve()
        self.refused: list[str] = []

    def _allowed(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return True
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parsed.path)).resolve()
        return path.is_relative_to(self.root) and path.is_file()

    def fetch(self, url, headers=None):
        if not self._allowed(str(url)):
            self.refused.append(str(url))
            raise FetchRefused(f"refused to fetch {url}: reports only load files under "
                               f"{self.root} (and data: URLs)", path=self.root)
        if _FETCHER_BASE is object:  # pragma: no cover - WeasyPrint < 66
            from weasyprint import default_url_fetcher

            return default_url_fetcher(url)
        return super().fetch(url, headers)

    def __call__(self, url):
        return self.fetch(url)


def check_cjk_font() -> Path:
    """Path of Noto Sans CJK SC as the font system sees it; a clear error if missing."""
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=CJK_FAMILY),
                                     fallback_to_default=False)
    except ValueError as exc:
        raise ReportError(f"font {CJK_FAMILY!r} not found: Chinese text would print as "
                          "empty boxes. Install fonts-noto-cjk (`make system` does it as "
                          "root) and run `fc-cache -f`") from exc
    return Path(path)


def html_to_pdf(html: str, output: Path) -> Path:
    from weasyprint import HTML

    check_cjk_font()
    fetcher = SafeFetcher(templates_dir())
    doc = HTML(string=html, base_url=str(templates_dir()), url_fetcher=fetcher).render()
    if fetcher.refused:
        raise FetchRefused("the report asked for resources outside templates/: "
                           + ", ".join(fetcher.refused[:5]), path=output)
    doc.write_pdf(output)
    return output


def write_report(template: str, context: dict, output: Path, lang: str = "zh") -> Path:
    """Render ``template`` and write ``output`` as HTML or PDF (by its suffix)."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ReportError("the output must end in .html or .pdf", path=output)
    html = render_html(template, context, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        return html_to_pdf(html, output)
    output.write_text(html, encoding="utf-8")
    return output


# --------------------------------------------------------------------------- charts

CHART_KINDS = ("barh", "bar", "line")
_PALETTE = ("#2e7d4f", "#7fb77e", "#1f5f8b", "#c99a2e", "#8c5a9e", "#b94a48", "#5a6b7b")


def _label(text: Any) -> str:
    """Chart text: mathtext off (a ``$`` in a name must not be parsed)."""
    return str(text).replace("$", r"\$")


def _values(seq) -> list[float]:
    return [(_to_float(v) if _to_float(v) is not None else math.nan) for v in seq]


def chart_svg(kind: str, data: dict, title: str, lang: str = "zh") -> str:
    """A chart as an inline ``<svg>`` element (returned as ``Markup``).

    ``data``: ``{"labels": [...], "series": {name: [values]}, "unit": "万元"}``
    (``"values": [...]`` is accepted for one series; ``"draw_title": False``
    leaves the title out of the drawing, for a caption beside it). ``kind``: ``barh``
    (horizontal bars, long category names), ``bar`` (grouped columns) or
    ``line``. Missing values are gaps, never zeros. Text is drawn as paths with
    Noto Sans CJK SC, so the SVG needs no font and shows no tofu.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    _check_lang(lang)
    if kind not in CHART_KINDS:
        raise ReportError(f"unknown chart kind {kind!r}: use {', '.join(CHART_KINDS)}")
    labels = [_label(x) for x in data.get("labels", [])]
    series = data.get("series") or ({"": data["values"]} if "values" in data else {})
    if not labels or not series:
        raise ReportError(f"chart {title!r} has no data")
    for name, vals in series.items():
        if len(vals) != len(labels):
            raise ReportError(f"chart {title!r}: series {name!r} has {len(vals)} values "
                              f"for {len(labels)} labels")
    check_cjk_font()
    unit = _label(data.get("unit", ""))
    rc = {"font.family": "sans-serif", "font.sans-serif": [CJK_FAMILY, "DejaVu Sans"],
          "svg.fonttype": "path", "svg.hashsalt": "greenkit", "axes.unicode_minus": False,
          "font.size": 8.5, "axes.titlesize": 10, "axes.spines.top": False,
          "axes.spines.right": False}
    with matplotlib.rc_context(rc):
        n = len(labels)
        height = max(2.2, 0.32 * n + 0.9) if kind == "barh" else 2.9
        fig = Figure(figsize=(6.3, height))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        names = list(series)
        if kind == "barh":
            width = 0.8 / len(names)
            for i, name in enumerate(names):
                vals = _values(series[name])
                pos = [y + (i - (len(names) - 1) / 2) * width for y in range(n)]
                bars = ax.barh(pos, vals, height=width, color=_PALETTE[i % len(_PALETTE)],
                               label=_label(name) or None)
                ax.bar_label(bars, labels=[fmt_number(v, 0) if not math.isnan(v) else ""
                                           for v in vals], padding=2, fontsize=7)
            ax.set_yticks(range(n), labels=labels)
            ax.invert_yaxis()
            ax.set_xlabel(unit)
            ax.margins(x=0.15)
        else:
            x = list(range(n))
            width = 0.8 / len(names)
            for i, name in enumerate(names):
                vals = _values(series[name])
                color = _PALETTE[i % len(_PALETTE)]
                if kind == "bar":
                    pos = [p + (i - (len(names) - 1) / 2) * width for p in x]
                    bars = ax.bar(pos, vals, width=width, color=color, label=_label(name) or None)
                    if n <= 12:
                        ax.bar_label(bars, labels=[fmt_number(v, 0) if not math.isnan(v) else ""
                                                   for v in vals], padding=2, fontsize=7)
                else:
                    ax.plot(x, vals, marker="o", color=color, label=_label(name) or None)
            ax.set_xticks(x, labels=labels, rotation=45 if n > 8 else 0,
                          ha="right" if n > 8 else "center")
            ax.set_ylabel(unit)
            ax.margins(y=0.15)
        from matplotlib.ticker import FuncFormatter

        thousands = FuncFormatter(lambda v, _pos: fmt_number(v, 0))
        (ax.xaxis if kind == "barh" else ax.yaxis).set_major_formatter(thousands)
        if data.get("draw_title", True):
            ax.set_title(_label(title), loc="left")
        ax.grid(axis="x" if kind == "barh" else "y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        if any(_label(n) for n in names) and len(names) > 1:
            ax.legend(frameon=False, fontsize=7.5)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _inline_svg(buf.getvalue(), "c" + hashlib.sha1(
        f"{kind}|{title}|{data!r}".encode()).hexdigest()[:8])
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    return Markup(svg)


def _inline_svg(svg: str, prefix: str) -> str:
    """matplotlib's SVG made fit to sit inside an HTML page next to other charts.

    - the XML prolog, DOCTYPE and metadata go;
    - ``style="k: v; …"`` becomes presentation attributes ``k="v"`` and the
      ``<style>`` block's ``*{…}`` rules go on the root element, so neither the
      browser's nor WeasyPrint's HTML stylesheet machinery sees SVG-only
      properties (WeasyPrint warned about every one of them);
    - every ``id`` (and each ``#id`` reference) gets ``prefix``, so two charts on
      one page never share an id.
    """
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    root_rules = ""
    m = re.search(r"<style[^>]*>(.*?)</style>\s*", svg, flags=re.S)
    if m:
        rule = re.search(r"\*\s*\{([^}]*)\}", m.group(1))
        root_rules = rule.group(1) if rule else ""
        svg = svg[:m.start()] + svg[m.end():]

    def attrs(decls: str) -> str:
        out = []
        for decl in decls.split(";"):
            if ":" in decl:
                k, v = decl.split(":", 1)
                out.append(f'{k.strip()}="{escape(v.strip())}"')
        return " ".join(out)

    svg = re.sub(r'\sstyle="([^"]*)"', lambda mm: " " + attrs(mm.group(1)), svg)
    if root_rules:
        svg = svg.replace("<svg ", f"<svg {attrs(root_rules)} ", 1)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    return re.sub(r'(\bid="|href="#|url\(#)([^")]+)',
                  lambda mm: mm.group(1) + (f"{prefix}-{mm.group(2)}" if mm.group(2) in ids
                                            else mm.group(2)), svg)
