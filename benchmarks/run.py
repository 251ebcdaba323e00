"""`make bench`: tag a synthetic 1,000,000-row loan book and report throughput.

Generates the book with the same generator as samples/ (greenkit.synth, fixed
seed) unless it already exists, then measures:
- the time pyarrow takes just to read the CSV (the floor for any tool);
- `greenkit tag` wall time, rows/s and peak RSS (resident memory, from
  getrusage of the child process);
- the ratio of the two.
Targets on a 2-core machine: ≥ 100,000 rows/s, peak < 2 GB, ratio ≤ 5×.
Results are printed and written to bench-out/bench.json. Nothing here is a
test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out"


def generate(rows: int, path: Path) -> float:
    if path.exists():
        return 0.0
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "greenkit.synth", "--rows", str(rows), "--seed", "7",
                    "-o", str(path)], check=True)
    return time.perf_counter() - t


def pyarrow_read(path: Path) -> float:
    code = (f"import time,pyarrow.csv as c;t=time.perf_counter();c.read_csv({str(path)!r});"
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def tag(path: Path, out: Path, extra: list[str]) -> tuple[float, float, int]:
    greenkit = Path(sys.executable).with_name("greenkit")
    cmd = [str(greenkit), "--quiet", "tag", str(path), "-o", str(out), "--as-of", "2026-09-30",
           *extra]
    t = time.perf_counter()
    proc = subprocess.run(cmd)
    wall = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--chunksize", type=int, default=None)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    book = OUT / f"book-{args.rows}.csv"
    gen = generate(args.rows, book)
    read = pyarrow_read(book)
    extra = ["--chunksize", str(args.chunksize)] if args.chunksize else []
    extra += ["--workers", str(args.workers)] if args.workers else []
    wall, peak_mb, rc = tag(book, OUT / "tagged", extra)
    result = {
        "rows": args.rows, "file_mb": round(book.stat().st_size / 2**20, 1),
        "generate_s": round(gen, 2), "pyarrow_read_s": round(read, 3),
        "tag_wall_s": round(wall, 2), "rows_per_s": round(args.rows / wall),
        "peak_rss_mb": round(peak_mb), "ratio_to_pyarrow_read": round(wall / read, 1),
        "tag_exit_code": rc, "cpus": os.cpu_count(), "chunksize": args.chunksize or "default",
        "workers": json.loads((OUT / "tagged" / "summary.json").read_text()).get("workers"),
        "targets": {"rows_per_s": 100_000, "peak_rss_mb": 2048, "ratio": 5},
    }
    (OUT / "bench.json").write_text(json.dumps(result, indent=2))
    for k, v in result.items():
        print(f"{k:>24}: {v}")


if __name__ == "__main__":
    main()
