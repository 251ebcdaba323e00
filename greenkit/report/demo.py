"""The report step of ``greenkit demo``: the three reports as HTML and PDF.

``run_demo(out_dir, tagged_dir, carbon_dir)`` is called after the tag and
carbon steps; it writes ``out_dir/reports/{disclosure,esg,pboc-cerf}.{html,pdf}``
(Chinese) and returns the path of each file. Each report's context is built
once and written twice.
"""

from __future__ import annotations

from pathlib import Path

from greenkit.paths import samples_dir

#: Quarter of the demo's 碳减排支持工具 table (the demo's as-of date is 2026-09-30).
DEMO_QUARTER = "2026Q3"


def run_demo(out_dir: Path, tagged_dir: Path, carbon_dir: Path) -> dict[str, Path]:
    from greenkit.report import cerf, disclosure, esg
    from greenkit.report.render import write_report

    base = Path(out_dir) / "reports"
    base.mkdir(parents=True, exist_ok=True)
    carbon = Path(carbon_dir) if Path(carbon_dir).exists() else None
    institution = samples_dir() / "institution.yaml"
    jobs = {
        "disclosure": (disclosure.TEMPLATE, lambda: disclosure.build_context(
            institution, tagged_dir, carbon)),
        "esg": (esg.TEMPLATE, lambda: esg.build_context(
            samples_dir() / "company.yaml", samples_dir() / "company_activity.yaml")),
        "pboc-cerf": (cerf.TEMPLATE, lambda: cerf.build_context(
            tagged_dir, DEMO_QUARTER, carbon, profile=institution)),
    }
    out: dict[str, Path] = {}
    for name, (template, build) in jobs.items():
        ctx = build()
        for suffix in ("html", "pdf"):
            out[f"report {name} ({suffix})"] = write_report(template, ctx,
                                                            base / f"{name}.{suffix}")
    return out
