#!/usr/bin/env python3
"""Build taxonomies/industry/gbt4754-2017.csv from the transcribed source copies.

Inputs (all in tools/sources/, plain UTF-8, '|'-separated, '#' comment lines):
  copy_a.psv   code|name_zh|parent      -- primary copy (full hierarchy)
  copy_b.psv   value|label|kind         -- independent second copy (cascader list)
  name_en.psv  code|name_en             -- greenkit English translations

Rules
  * Every row of copy A becomes a row of the table.
  * A single-class group (e.g. 019 / 0190 其他农业) is printed in the standard
    on one line with its class, and neither copy lists it as a separate row:
    the group row is derived (code = first three digits of the class, name =
    class name) and marked verified=false unless it is in OFFICIAL_TEXT_SAMPLE.
  * verified=true when code and (bracket-normalised) name agree in copy A and
    copy B, or the row was read in the standard's own text (OFFICIAL_TEXT_SAMPLE).
  * ASCII brackets are normalised to full-width ones, as in the standard.

Deterministic: same inputs, same output bytes. Run from anywhere:
    python taxonomies/industry/tools/build_gbt4754.py [--check]
--check builds in memory and fails if the committed CSV differs.
"""
from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "gbt4754-2017.csv"
REFERENCE = HERE.parents[2].parent / "shared" / "reference" / "cn-green-industry-2019.products-gbt4754.csv"

SOURCE_AB = "GB/T 4754-2017 国民经济行业分类 (amended text, see README); copies A+B in tools/sources/"
SOURCE_A = "GB/T 4754-2017 国民经济行业分类 (amended text, see README); copy A in tools/sources/"

# Groups/classes read in a copy of the standard's own code table (with 说明 column),
# http://shunxue.net/kj/zx/568.html (统计局行业分类代码二), excerpt for divisions 56-59.
OFFICIAL_TEXT_SAMPLE = {
    "5622", "5623", "5629", "563", "5631", "5632", "5639", "57", "571", "5710",
    "572", "5720", "58", "581", "5810", "582", "5821", "5822", "5829", "59",
    "591", "5910", "592", "5920", "593", "5930", "594", "5941", "5942", "5949",
    "595", "5951", "5952",
}

EXPECTED = {"section": 20, "division": 97, "group": 473, "class": 1381}

# Division -> section ranges as fixed by the standard.
SECTION_RANGES = [
    ("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("D", 44, 46), ("E", 47, 50),
    ("F", 51, 52), ("G", 53, 60), ("H", 61, 62), ("I", 63, 65), ("J", 66, 69),
    ("K", 70, 70), ("L", 71, 72), ("M", 73, 75), ("N", 76, 79), ("O", 80, 82),
    ("P", 83, 83), ("Q", 84, 85), ("R", 86, 90), ("S", 91, 96), ("T", 97, 97),
]


def section_of_division(div: str) -> str:
    n = int(div)
    for letter, lo, hi in SECTION_RANGES:
        if lo <= n <= hi:
            return letter
    raise ValueError(f"division {div} outside 01-97")


def norm(name: str) -> str:
    return name.strip().replace("(", "（").replace(")", "）")


def read_psv(path: Path, ncols: int) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        if len(parts) != ncols:
            raise ValueError(f"{path.name}: bad line {line!r}")
        rows.append(parts)
    return rows


def level_of(code: str) -> str:
    if code.isalpha():
        return "section"
    return {2: "division", 3: "group", 4: "class"}[len(code)]


def load_copy_b() -> dict[str, str]:
    """code -> name from copy B's 'A0111'-style values."""
    out: dict[str, str] = {}
    for value, label, kind in read_psv(HERE / "sources" / "copy_b.psv", 3):
        letter, digits = value[0], value[1:]
        if digits == "0000":
            code = letter
        elif kind == "C" and digits.endswith("00"):
            code = digits[:2]
        elif kind == "C":
            code = digits[:3]
        elif digits.endswith("00"):
            # a division listed as a leaf (S9100, T9700, and B1200 as leaf):
            # it stands for both the division and its only class
            out.setdefault(digits[:2], norm(label))
            code = digits
        else:
            code = digits
        if code in out and out[code] != norm(label):
            raise ValueError(f"copy B: {code} has two names")
        out[code] = norm(label)
    return out


def build() -> tuple[str, dict]:
    copy_a = read_psv(HERE / "sources" / "copy_a.psv", 3)
    copy_b = load_copy_b()
    name_en = dict(read_psv(HERE / "sources" / "name_en.psv", 2))

    rows: dict[str, dict] = {}
    for code, name, parent in copy_a:
        rows[code] = {"code": code, "name_zh": norm(name), "parent": parent, "derived": False}

    # derive single-class groups
    for code, r in list(rows.items()):
        if len(code) == 4 and len(r["parent"]) == 2:
            g = code[:3]
            if not code.endswith("0"):
                raise ValueError(f"class {code} directly under division but does not end in 0")
            if g in rows:
                raise ValueError(f"group {g} exists but class {code} hangs under division")
            rows[g] = {"code": g, "name_zh": r["name_zh"], "parent": r["parent"], "derived": True,
                       "from_class": code}
            r["parent"] = g

    out_rows = []
    for code in sorted(rows, key=lambda c: (section_of_division(c[:2]) if not c.isalpha() else c,
                                            0 if c.isalpha() else 1, c.ljust(4, " "))):
        r = rows[code]
        level = level_of(code)
        section = code if level == "section" else section_of_division(code[:2])
        notes = []
        if r["derived"]:
            src = SOURCE_A
            if code in OFFICIAL_TEXT_SAMPLE:
                verified = True
                notes.append("single-class group: listed on one line with class "
                             f"{r['from_class']} in the standard's code table (checked in a copy of the text)")
            else:
                verified = False
                notes.append("single-class group: not a separate row in either copy; code = first 3 digits "
                             f"of class {r['from_class']}, name = class name (the standard prints both on one line)")
        else:
            in_b = copy_b.get(code)
            if in_b is not None and in_b == r["name_zh"]:
                verified, src = True, SOURCE_AB
            elif code in OFFICIAL_TEXT_SAMPLE:
                verified, src = True, SOURCE_A
                notes.append("checked in a copy of the standard's text")
            else:
                verified, src = False, SOURCE_A
                notes.append("only in copy A" if in_b is None else f"copy B name differs: {in_b}")
            if code in ("9100", "9700"):
                notes.append("copy B lists the division and its only class as one leaf")
            if code == "7224":
                notes.append("not among the 1,380 classes usually cited for the 2017 text; in both copies; see README (edition)")
        out_rows.append({
            "code": code,
            "level": level,
            "section": section,
            "parent": r["parent"],
            "name_zh": r["name_zh"],
            "name_en": name_en[code] if code in name_en else name_en[r.get("from_class", code)],
            "source": src,
            "verified": "true" if verified else "false",
            "note": "; ".join(notes),
        })

    stats = self_check(out_rows)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(out_rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(out_rows)
    return buf.getvalue(), stats


def self_check(rows: list[dict]) -> dict:
    codes = [r["code"] for r in rows]
    dup = [c for c, n in Counter(codes).items() if n > 1]
    assert not dup, f"duplicate codes {dup}"
    by = {r["code"]: r for r in rows}
    counts = Counter(r["level"] for r in rows)
    assert dict(counts) == EXPECTED, f"level counts {dict(counts)} != {EXPECTED}"
    for r in rows:
        c, p, lv = r["code"], r["parent"], r["level"]
        if lv == "section":
            assert p == "" and len(c) == 1 and "A" <= c <= "T", r
            continue
        assert p in by, f"{c}: parent {p} missing"
        assert c.isdigit(), r
        if lv == "division":
            assert p == r["section"], r
        else:
            assert c[:-1] == p, f"{c}: parent {p} is not its prefix"
        assert by[p]["section"] == r["section"], r
        assert r["name_zh"] and r["name_en"], r
    # every group has >= 1 class, every division >= 1 child
    kids = Counter(r["parent"] for r in rows)
    for r in rows:
        if r["level"] != "class":
            assert kids[r["code"]] > 0, f"{r['code']} has no children"
    # sections present A..T
    assert sorted(c for c in codes if c.isalpha()) == [chr(x) for x in range(ord("A"), ord("T") + 1)]
    # optional cross-check: every class code used by the shared reference product index exists
    missing_ref = []
    if REFERENCE.exists():
        with REFERENCE.open(encoding="utf-8") as f:
            for d in csv.DictReader(f):
                c = d["nscode"].strip().rstrip("*")
                if c and c not in by:
                    missing_ref.append(c)
        assert not missing_ref, f"reference nscode not in table: {sorted(set(missing_ref))}"
    ver = Counter((r["level"], r["verified"]) for r in rows)
    return {"counts": dict(counts), "verified": dict(ver),
            "verified_total": sum(1 for r in rows if r["verified"] == "true"), "rows": len(rows)}


def main(argv: list[str]) -> int:
    text, stats = build()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date; rerun build_gbt4754.py", file=sys.stderr)
            return 1
        print("up to date", stats)
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", stats)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
