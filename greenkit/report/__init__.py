"""Reports as HTML and PDF: the JR/T 0227—2021 disclosure report, the SSE/SZSE
sustainability report and the 碳减排支持工具 table (see render.py for the API)."""

from greenkit.report.render import (
    FetchRefused,
    ReportError,
    chart_svg,
    render_html,
    write_report,
)

__all__ = ["FetchRefused", "ReportError", "chart_svg", "render_html", "write_report"]
