"""End-to-end tests through the `greenkit` command line (as a user runs it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from greenkit.cli import main
from greenkit.paths import samples_dir, taxonomies_dir

MINI = str(Path(__file__).parent / "fixtures" / "mini-green")


def run(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_help_lists_every_group(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for group in ("demo", "taxonomy", "tag", "carbon", "library", "report", "check"):
        assert group in out


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.startswith("greenkit ")


def test_bad_path_is_exit_2_and_one_line(capsys, tmp_path):
    code, out, err = run(["tag", tmp_path / "missing.csv", "-o", tmp_path / "o"], capsys)
    assert code == 2
    assert "missing.csv" in err and "no such file" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_file_is_exit_2(capsys, tmp_path):
    p = tmp_path / "garbage.xlsx"
    p.write_bytes(b"not a workbook")
    code, _, err = run(["tag", p, "-o", tmp_path / "o"], capsys)
    assert code == 2 and "garbage.xlsx" in err and "Traceback" not in err


def test_unknown_unit_is_exit_2_naming_the_header(capsys, tmp_path):
    p = tmp_path / "b.csv"
    pd.DataFrame({"贷款编号": ["A"], "借款人名称": ["x"], "贷款余额（万斤）": ["1"]}).to_csv(p, index=False)
    code, _, err = run(["tag", p, "-o", tmp_path / "o"], capsys)
    assert code == 2 and "贷款余额（万斤）" in err and "万斤" in err


def test_tag_sample_book_writes_the_contract(capsys, tmp_path):
    out = tmp_path / "tagged"
    code, stdout, _ = run(["tag", samples_dir() / "loan_book.csv", "-o", out, "--as-of",
                           "2026-09-30"], capsys)
    assert code == 1  # the sample plants rejected rows and red flags
    for f in ("tagged.csv", "tags.csv", "rejected.csv", "flags.csv", "summary.json",
              "loans.parquet", "findings.csv"):
        assert (out / f).exists(), f
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["read"] == 600 and s["read"] == s["accepted"] + s["rejected"] and s["nothing_lost"]
    assert set(s["taxonomies"]) == {"in-force", "cn-green-bond-2021"}
    tagged = pd.read_csv(out / "tagged.csv", encoding="utf-8-sig", dtype=str)
    assert len(tagged) == s["accepted"]
    for col in ("in-force.code", "in-force.status", "in-force.rule", "in-force.reason",
                "in-force.edition", "cn-green-bond-2021.status", "declared.result"):
        assert col in tagged.columns
    assert set(tagged["in-force.edition"]) <= {"cn-green-industry-2019", "cn-green-finance-2025"}
    rejected = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig", dtype=str)
    assert {"duplicate_id", "uscc_check_digit", "below_minimum", "not_a_number",
            "unknown_industry_code", "missing_value"} <= set(rejected["reason"])
    assert "read 600" in stdout


def test_tag_to_workbook(capsys, tmp_path):
    out = tmp_path / "tags.xlsx"
    code, _, _ = run(["tag", samples_dir() / "loan_book.csv", "-o", out, "--as-of", "2026-09-30",
                      "--quiet"], capsys)
    from openpyxl import load_workbook

    assert code == 1 and set(load_workbook(out, read_only=True).sheetnames) >= {
        "tagged", "tags", "rejected", "flags", "summary"}


def test_foreign_book_with_english_headers_and_nace(capsys, tmp_path):
    p = tmp_path / "foreign.csv"
    pd.DataFrame({
        "Facility": ["F1", "F2", "F3", "F4"],
        "Obligor": ["Sunny Solar GmbH", "Windpark AG", "Real Estate SA", "厦门某光伏公司"],
        "NACE": ["D35.11", "35.11", "68.20", "35.11"],
        "Use of proceeds": ["construction of a 20 MW solar PV plant", "onshore wind farm",
                            "office building refinancing", "分布式光伏电站建设"],
        "Amount": ["1000000", "2000000", "3000000", "100"],
        "Ccy": ["EUR", "EUR", "EUR", "EUR"],
    }).to_csv(p, index=False)
    out = tmp_path / "o"
    code, _, err = run(["tag", p, "-o", out, "-t", "eu-taxonomy-2021", "-t", "cn-green-bond-2021",
                        "--industry-system", "nace", "--columns",
                        "Facility=loan_id,Obligor=borrower_name,NACE=industry_code,"
                        "Use of proceeds=purpose,Amount=outstanding[EUR],Ccy=currency",
                        "--as-of", "2026-09-30"], capsys)
    assert code in (0, 1), err
    t = pd.read_csv(out / "tagged.csv", encoding="utf-8-sig", dtype=str).set_index("loan_id")
    assert t.loc["F1", "eu-taxonomy-2021.code"] == "4.1"
    assert t.loc["F1", "eu-taxonomy-2021.status"] in ("eligible", "aligned")
    assert t.loc["F2", "eu-taxonomy-2021.code"] == "4.3"
    assert t.loc["F3", "eu-taxonomy-2021.status"] == "not_eligible"
    # NACE 35.11 reaches the Chinese catalogue through the NACE↔GB/T crosswalk, as
    # partial evidence: it needs the Chinese keyword of the purpose to make a candidate
    assert t.loc["F4", "cn-green-bond-2021.code"] == "3.2.2.2"
    assert t.loc["F1", "cn-green-bond-2021.status"] == "not_eligible"
    tags = pd.read_csv(out / "tags.csv", encoding="utf-8-sig", dtype=str)
    f4 = tags[(tags["loan_id"] == "F4") & (tags["taxonomy"] == "cn-green-bond-2021")]
    assert "industry:4416*" in f4.iloc[0]["evidence"]
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "EUR" in s["taxonomies"]["eu-taxonomy-2021"]["coverage"]


def test_taxonomy_list_json_counts(capsys):
    code, out, _ = run(["taxonomy", "list", "--format", "json"], capsys)
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["cn-green-industry-2019"]["levels"]["3"] == 211
    assert rows["cn-green-finance-2025"]["levels"] == {"1": 9, "2": 38, "3": 271}
    assert rows["cn-green-bond-2021"]["leaf_items"] == rows["cn-green-bond-2021"]["levels"]["4"]
    assert all(0 <= r["verified_share"] <= 1 for r in rows.values())


def test_taxonomy_show_json(capsys):
    code, out, _ = run(["taxonomy", "show", "cn-green-bond-2021", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and {"code", "level", "parent", "name_zh", "name_en"} <= set(data["items"][0])
    code, out, _ = run(["taxonomy", "show", "cn-green-bond-2021", "3.2.2.1", "--format", "json"],
                       capsys)
    item = json.loads(out)
    assert [c["code"] for c in item["chain"]] == ["3", "3.2", "3.2.2", "3.2.2.1"]
    assert item["rules"] and all(r["item_code"] in ("3.2.2.1", "*") for r in item["rules"])


def test_taxonomy_search_and_diff(capsys):
    code, out, _ = run(["taxonomy", "search", "风力发电", "--format", "json"], capsys)
    assert code == 0 and any(r["taxonomy"] == "cn-green-bond-2021" for r in json.loads(out))
    code, out, _ = run(["taxonomy", "diff", "cn-green-bond-2021", "cn-green-finance-2025",
                        "--format", "json"], capsys)
    changes = json.loads(out)
    assert {"added", "removed"} <= {c["change"] for c in changes}


def test_taxonomy_validate_exit_codes(capsys, tmp_path):
    code, _, _ = run(["taxonomy", "validate", taxonomies_dir() / "cn-green-bond-2021"], capsys)
    assert code == 0
    bad = tmp_path / "bad"
    shutil.copytree(MINI, bad)
    (bad / "items.csv").write_text("code,level\n1,1\n", encoding="utf-8")
    code, out, _ = run(["taxonomy", "validate", bad, "--format", "csv"], capsys)
    assert code == 1 and "column_missing" in out


def test_user_taxonomy_folder_is_used_for_tagging(capsys, tmp_path):
    p = tmp_path / "b.csv"
    pd.DataFrame({"贷款编号": ["A"], "借款人名称": ["x"], "贷款用途": ["风电场建设"],
                  "贷款余额（万元）": ["10"]}).to_csv(p, index=False)
    code, _, _ = run(["tag", p, "-o", tmp_path / "o", "-t", MINI, "--quiet"], capsys)
    t = pd.read_csv(tmp_path / "o" / "tagged.csv", encoding="utf-8-sig", dtype=str)
    assert code == 0 and t[f"{MINI}.code"].iloc[0] == "1.1.2"


def test_workers_write_the_same_folder_as_one_process(tmp_path):
    """The command as users run it, with workers: slices parsed by the workers,
    CSV bodies and loans spooled and appended, and a duplicate id across
    chunks — the folder equals a one-process run byte for byte."""
    import subprocess
    import sys

    from greenkit.synth import generate_loan_book

    book = tmp_path / "book.csv"
    frame = generate_loan_book(4000, seed=5)
    frame.iloc[3500, 0] = frame.iloc[100, 0]  # an id of the first chunk again in the last
    frame.to_csv(book, index=False, encoding="utf-8-sig")
    outs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        done = subprocess.run([sys.executable, "-m", "greenkit", "tag", str(book), "-o", str(out),
                               "--as-of", "2026-09-30", "--chunksize", "700", "--workers",
                               str(workers), "--format", "json"], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr  # rejected rows and flags: exit 1
        outs[workers] = out
    s1, s2 = (json.loads((outs[w] / "summary.json").read_text(encoding="utf-8")) for w in (1, 2))
    assert (s1["workers"], s2["workers"]) == (1, 2)
    for s in (s1, s2):
        for k in ("run_at", "seconds", "workers"):
            s.pop(k)
    assert s1 == s2 and s1["nothing_lost"] and s1["rejected_by_reason"]["duplicate_id"] >= 1
    for name in ("tagged", "tags", "flags", "rejected", "findings"):
        assert (outs[1] / f"{name}.csv").read_bytes() == (outs[2] / f"{name}.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(outs[1] / "loans.parquet"),
                                  pd.read_parquet(outs[2] / "loans.parquet"))
    assert not (outs[2] / ".greenkit-spool").exists()
    rejected = pd.read_csv(outs[2] / "rejected.csv", encoding="utf-8-sig", dtype=str)
    again = rejected[rejected["_row"] == "3502"]  # spreadsheet row of index 3500
    assert again["reason"].tolist() == ["duplicate_id"]
    assert again["message"].tolist() == ["loan id already used at row 102"]
