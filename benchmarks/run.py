"""`make bench`: tag a synthetic 1,000,000-row loan book and report throughput.

Generates the book with the same generator as samples/ (greenkit.synth, fixed
seed) unless it already exists, then measures:
- the time pyarrow takes just to read the CSV (the floor for any tool), the
  best of three reads so that a cold page cache does not flatter the ratio;
- `greenkit tag` wall time, rows/s, CPU time (user + system of every
  process), and peak memory: the largest sum of resident memory over the
  whole process tree (the CLI and its worker processes), sampled every
  20 ms from /proc — the figure the "< 2 GB" target is about — next to the
  largest single process (getrusage);
- the ratio of tag wall time to the pyarrow read.
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


def pyarrow_read(path: Path, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` whole-file pyarrow reads (fresh process each)."""
    code = (f"import time,pyarrow.csv as c;t=time.perf_counter();c.read_csv({str(path)!r});"
            "print(time.perf_counter()-t)")
    return min(float(subprocess.run([sys.executable, "-c", code], check=True,
                                    capture_output=True, text=True).stdout.strip())
               for _ in range(repeat))


PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE  # field 24 of stat: resident pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def tag(path: Path, out: Path, extra: list[str]) -> dict:
    """Run `greenkit tag` once; wall, CPU, peak tree memory and exit code."""
    greenkit = Path(sys.executable).with_name("greenkit")
    cmd = [str(greenkit), "--quiet", "tag", str(path), "-o", str(out), "--as-of", "2026-09-30",
           *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_tree_mb": peak / 2**20,
            "peak_process_mb": after.ru_maxrss / 1024, "rc": proc.returncode}


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
    r = tag(book, OUT / "tagged", extra)
    wall = r["wall"]
    result = {
        "rows": args.rows, "file_mb": round(book.stat().st_size / 2**20, 1),
        "generate_s": round(gen, 2), "pyarrow_read_s": round(read, 3),
        "tag_wall_s": round(wall, 2), "rows_per_s": round(args.rows / wall),
        "tag_cpu_s": round(r["cpu"], 2),
        "peak_rss_mb": round(r["peak_tree_mb"]), "peak_rss_one_process_mb":
            round(r["peak_process_mb"]), "ratio_to_pyarrow_read": round(wall / read, 1),
        "tag_exit_code": r["rc"], "cpus": os.cpu_count(), "chunksize": args.chunksize or "default",
        "workers": json.loads((OUT / "tagged" / "summary.json").read_text()).get("workers"),
        "targets": {"rows_per_s": 100_000, "peak_rss_mb": 2048, "ratio": 5},
    }
    (OUT / "bench.json").write_text(json.dumps(result, indent=2))
    for k, v in result.items():
        print(f"{k:>24}: {v}")


if __name__ == "__main__":
    main()
