"""The library step of ``greenkit demo``: recognise, admit one batch, export it.

Runs on the tagged sample book and ``samples/company_data.csv`` into a fresh
SQLite library under ``OUT/library/`` so that the demo is reproducible.
"""

from __future__ import annotations

from pathlib import Path

from greenkit.io import write_json
from greenkit.paths import samples_dir

DEMO_BATCH = "2026-第一批（示例）"
DEMO_ACTOR = "greenkit-demo"


def run_demo(out_dir: Path, tagged_dir: Path, reductions_csv: Path | None = None
             ) -> dict[str, Path]:
    """Recognise candidates from ``tagged_dir``, admit them as one batch, export the sheet."""
    from greenkit.cli.library import export_sheet, write_decisions
    from greenkit.library.recognise import recognise
    from greenkit.library.store import Store

    folder = Path(out_dir) / "library"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "greenkit-library.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store(f"sqlite:///{db}")
    try:
        store.init(DEMO_ACTOR)
        company = samples_dir() / "company_data.csv"
        rec = recognise(tagged_dir, company_data=company if company.is_file() else None,
                        reductions=reductions_csv)
        stored = store.record(rec, DEMO_ACTOR)
        admitted = store.admit(DEMO_BATCH, DEMO_ACTOR, valid_from=rec.as_of,
                               validity_months=rec.rules.validity_months,
                               reason="demo: every recognised candidate")
        frame = store.export_frame(batch=DEMO_BATCH)
        out = {
            "library_db": db,
            "library_decisions": write_decisions(rec, folder / "decisions.xlsx"),
            "library_submission_xlsx": export_sheet(frame, folder / "submission.xlsx", "xlsx"),
            "library_submission_csv": export_sheet(frame, folder / "submission.csv", "csv"),
            "library_submission_json": export_sheet(frame, folder / "submission.json", "json"),
        }
        summary = {"rules": rec.rules.label, "official_rules": rec.rules.official,
                   "as_of": rec.as_of, "recognition": rec.counts(), "store": stored,
                   "batch": DEMO_BATCH, "admitted": admitted["admitted"],
                   "exported": len(frame), "notes": rec.notes,
                   "company_data_findings": len(rec.findings)}
        out["library_summary"] = write_json(summary, folder / "summary.json")
        return out
    finally:
        store.close()
