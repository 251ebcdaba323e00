"""`greenkit library …` end to end on the sample book, and the demo step.

The lead registers the group as `greenkit library`; until then this test adds
it to the root app itself, so the real entry point (`greenkit.cli.main`,
which turns errors into one line and an exit code) is what runs.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from greenkit.cli import app as root
from greenkit.cli import library, main
from greenkit.paths import samples_dir

if not any(g.name == "library" for g in root.registered_groups):
    root.add_typer(library.app, name="library")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    from greenkit.tag.output import FolderSink, write_small
    from greenkit.tag.run import TagOptions
    from greenkit.tag.run import run as tag_run

    folder = tmp_path_factory.mktemp("tagged")
    import datetime as dt

    sink = FolderSink(folder)
    try:
        result = tag_run(samples_dir() / "loan_book.csv", TagOptions(as_of=dt.date(2026, 9, 30)),
                         sink=sink)
    finally:
        sink.close()
    write_small(result, folder)
    return folder


def test_cli_recognise_admit_list_show_withdraw_export_import(capsys, tmp_path, tagged,
                                                               monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default database is ./greenkit.db
    monkeypatch.setenv("USER", "risk-officer")
    code, _, err = run(capsys, "library", "list")
    assert code == 2 and "greenkit library init" in err
    assert run(capsys, "library", "init")[0] == 0
    assert (tmp_path / "greenkit.db").is_file()

    code, out, _ = run(capsys, "library", "recognise", str(tagged), "--company-data",
                       str(samples_dir() / "company_data.csv"), "-o", "decisions.xlsx",
                       "--format", "json")
    assert code == 0
    doc = json.loads(out)
    c = doc["counts"]
    # samples/company_data.csv (see samples/README.md): 14 of 57 enterprise candidates pass
    assert c["enterprise"]["recognised"] == 14
    assert doc["store"]["candidates_created"] == (c["enterprise"]["recognised"]
                                                  + c["project"]["recognised"])
    by_name = {d["name"]: d for d in doc["decisions"] if d["kind"] == "enterprise"}
    assert by_name["厦门晟荣再生能源有限公司"]["rules_fired"] == "XLR-S01"   # penalty 2025-06-12
    assert by_name["厦门博邦废物处置集团有限公司"]["rules_fired"] == "XLR-S02"  # 红牌
    assert by_name["诚捷节能科技集团有限公司"]["rules_fired"] == "XLR-S03"     # blacklisted
    assert by_name["厦门市宏达环境工程股份有限公司"]["tier"] == "XLR-TE3"       # 30/30 rule
    assert by_name["厦门越川巴士集团有限公司"]["tier"] == "XLR-TE2"            # 50 % rule
    assert by_name["厦门弘达节能科技股份有限公司"]["credit_code"] == "913502110629243997"
    assert by_name["厦门绿洲环保产业股份有限公司"]["factory_match_method"] in ("name", "")
    assert pd.read_excel(tmp_path / "decisions.xlsx", sheet_name=None).keys() >= {
        "decisions", "outcomes", "evidence", "findings"}

    code, out, _ = run(capsys, "library", "admit", "--batch", "2026-第一批", "--kind",
                       "enterprise", "--valid-from", "2026-10-01", "--format", "json")
    assert code == 0 and json.loads(out)["admitted"] == 14
    code, out, _ = run(capsys, "library", "list", "--status", "admitted", "--tier", "XLR-TE3",
                       "--format", "json")
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["厦门市宏达环境工程股份有限公司"]

    code, out, _ = run(capsys, "library", "withdraw", "913502116902957492", "--reason",
                       "主营业务调整", "--user", "reviewer")
    assert code == 0 and "admitted → withdrawn" in out
    code, out, _ = run(capsys, "library", "show", "913502116902957492", "--format", "json")
    info = json.loads(out)
    assert [h["action"] for h in info["history"]] == ["candidate_created", "admitted",
                                                     "withdrawn"]
    assert [h["actor"] for h in info["history"]] == ["risk-officer", "risk-officer",
                                                    "reviewer"]

    assert run(capsys, "library", "export", "--format", "xlsx", "-o", "sub.xlsx")[0] == 0
    sheet = pd.read_excel(tmp_path / "sub.xlsx", dtype=str)
    assert len(sheet) == 13  # 14 admitted − 1 withdrawn
    assert {"企业名称", "统一社会信用代码", "入库批次", "有效期至", "层级", "认定依据"} <= set(
        sheet.columns)
    assert set(sheet["入库批次"]) == {"2026-第一批"} and set(sheet["状态"]) == {"已入库"}
    assert set(sheet["有效期至"]) == {"2027-09-30"}

    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run(capsys, "library", "init", "--db", other)[0] == 0
    code, out, _ = run(capsys, "library", "import", "sub.xlsx", "--db", other)
    assert code == 0 and "entries_admitted 13" in out.replace("\n", " ")
    code, out, _ = run(capsys, "library", "import", "sub.xlsx", "--db", other)
    assert code == 0 and "no change: all 13 rows" in out


def test_cli_errors_are_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(capsys, "library", "init")
    code, _, err = run(capsys, "library", "recognise", str(tmp_path / "nowhere"))
    assert code == 2 and "not a tagged folder" in err and "Traceback" not in err
    bad = tmp_path / "rules.yaml"
    bad.write_text("id: x\nversion: 1\nrules: [{id: R1, check: eval, role: require}]\n",
                   encoding="utf-8")
    code, _, err = run(capsys, "library", "rules", "--rules", str(bad))
    assert code == 2 and "unknown check 'eval'" in err
    code, _, err = run(capsys, "library", "withdraw", "999", "--reason", "x")
    assert code == 2 and "no library entry '999'" in err


def test_demo_step_recognises_admits_and_exports(tmp_path, tagged):
    from greenkit.library.demo import DEMO_BATCH, run_demo

    out = run_demo(tmp_path, tagged, None)
    summary = json.loads(out["library_summary"].read_text(encoding="utf-8"))
    rec = summary["recognition"]
    admitted = rec["enterprise"]["recognised"] + rec["project"]["recognised"]
    assert summary["admitted"] == admitted == summary["exported"] > 0
    sheet = pd.read_csv(out["library_submission_csv"], encoding="utf-8-sig", dtype=str)
    assert len(sheet) == admitted and set(sheet["入库批次"]) == {DEMO_BATCH}
    assert summary["official_rules"] is False
