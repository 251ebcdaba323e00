"""`make bench`: tag a synthetic 1,000,000-row loan book and report throughput.

Generates the book with the same generator as samples/ (greenkit.synth, fixed
seed) unless it already exists, then measures:
- the time pyarrow takes just to read the CSV (the floor for any tool), the
  best of three reads so that a cold page cache does not flatter the ratio;
- `greenkit tag` wall time, rows/s, CPU time (user + system of every
  process of the tree, sampled; the last 20 ms of each process are missed),
  and peak memory: the largest sum of resident memory over the whole
  process tree (the CLI, the fork server and its workers), sampled every
  20 ms from /proc — the figure the "< 2 GB" target is about — next to the
  largest single process the CLI waited for (getrusage);
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
TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> dict[int, tuple[int, float]]:
    """(resident bytes, CPU seconds so far) of ``root`` and each descendant, from /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
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
        # stat fields 14, 15 (utime, stime) and 24 (rss), counted after the ')'
        stats[pid] = (int(fields[21]) * PAGE, (int(fields[11]) + int(fields[12])) / TICK)
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            out[pid] = stats[pid]
        todo.extend(children.get(pid, ()))
    return out


def tag(path: Path, out: Path, extra: list[str]) -> dict:
    """Run `greenkit tag` once: wall time, CPU time and peak memory of the whole
    process tree (the CLI, the fork server and the workers it forks, which the
    CLI does not wait for itself, so getrusage would miss them), exit code."""
    greenkit = Path(sys.executable).with_name("greenkit")
    cmd = [str(greenkit), "--quiet", "tag", str(path), "-o", str(out), "--as-of", "2026-09-30",
           *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak, cpu = 0, {}
    while proc.poll() is None:
        tree = _tree(proc.pid)
        peak = max(peak, sum(rss for rss, _ in tree.values()))
        cpu.update({pid: c for pid, (_, c) in tree.items()})
        time.sleep(0.02)
    wall = time.perf_counter() - t
    one = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall": wall, "cpu": sum(cpu.values()), "peak_tree_mb": peak / 2**20,
            "peak_process_mb": one / 1024, "rc": proc.returncode}


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
