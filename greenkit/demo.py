"""`greenkit demo`: the whole pipeline on samples/, every stage greenkit has.

Stages run in the order data flows — tag → carbon → library → reports →
regulator check — each reading the previous stage's files, exactly as a user
would chain the commands. The report date is fixed so the demo's output is
the same every day.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from greenkit.paths import samples_dir

#: The demo's report date: end of the third quarter of 2026.
DEMO_AS_OF = dt.date(2026, 9, 30)


def tag_sample(out_dir: Path) -> Path:
    """Tag samples/loan_book.csv into ``out_dir/tagged`` (folder contract of `greenkit tag`)."""
    from greenkit.tag.output import FolderSink, write_small
    from greenkit.tag.run import TagOptions, run

    tagged = out_dir / "tagged"
    sink = FolderSink(tagged)
    try:
        result = run(samples_dir() / "loan_book.csv", TagOptions(as_of=DEMO_AS_OF), sink=sink)
    finally:
        sink.close()
    write_small(result, tagged)
    return tagged


def run_demo(output: Path) -> dict[str, Path]:
    """Run every stage; return the main output file of each step."""
    out = Path(output)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    steps: dict[str, Path] = {}
    from greenkit.io import write_json
    from greenkit.taxonomy import list_taxonomies

    steps["taxonomies"] = write_json([t.counts() for t in list_taxonomies()],
                                     out / "taxonomies.json")
    tagged = tag_sample(out)
    steps["tag samples/loan_book.csv"] = tagged / "summary.json"

    from greenkit.carbon.demo import run_demo as carbon_demo

    steps.update(carbon_demo(out, tagged))
    from greenkit.library.demo import run_demo as library_demo

    reductions = out / "carbon" / "reductions" / "reductions.csv"
    steps.update(library_demo(out, tagged, reductions if reductions.exists() else None))
    from greenkit.report.demo import run_demo as report_demo

    steps.update(report_demo(out, tagged, out / "carbon"))
    from greenkit.check.demo import run_demo as check_demo

    steps.update(check_demo(out))
    return steps
