"""`greenkit check`: safe reading of folders and zips, exit codes, batch comparison, CLI."""

from __future__ import annotations

import json
import os
import stat
import zipfile

import pytest
from check_helpers import BASE_ROWS, declared_with, make_submission
from typer.testing import CliRunner

from greenkit.check.run import check
from greenkit.check.submission import Limits, open_submission
from greenkit.errors import SubmissionError


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory):
    return make_submission(tmp_path_factory.mktemp("sub") / "bank")


def _zip(path, entries: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def _layout(base_dir, prefix=""):
    return {prefix + p.name: p.read_bytes() for p in base_dir.iterdir()}


# --------------------------------------------------------------------------- zips


def test_zip_with_top_folder_opens(base_dir, tmp_path):
    z = _zip(tmp_path / "s.zip", _layout(base_dir, "bank/"))
    with open_submission(z) as sub:
        root = sub.root
        assert sorted(sub.files) == ["declared", "financed", "loans", "manifest",
                                     "operations", "report"]
        assert root.exists()
    assert not root.exists()   # the temporary extraction is removed on close


@pytest.mark.parametrize("evil", ["../evil.csv", "bank/../../evil.csv", "/etc/evil.csv",
                                  "C:/evil.csv", "bank\\..\\evil.csv"])
def test_zip_path_traversal_and_absolute_paths_refused(base_dir, tmp_path, evil):
    entries = _layout(base_dir)
    entries[evil] = b"x"
    z = _zip(tmp_path / "evil.zip", entries)
    with pytest.raises(SubmissionError, match="refused"):
        open_submission(z)
    assert not (tmp_path / "evil.csv").exists()


def test_zip_symlink_refused(base_dir, tmp_path):
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for name, data in _layout(base_dir).items():
            if name != "report.html":
                zf.writestr(name, data)
        info = zipfile.ZipInfo("report.html")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(SubmissionError, match="symlink"):
        open_submission(z)


def test_zip_bomb_refused(base_dir, tmp_path):
    entries = _layout(base_dir)
    entries["report.html"] = b"0" * 5_000_000   # compresses about 1000:1
    z = _zip(tmp_path / "bomb.zip", entries)
    with pytest.raises(SubmissionError, match="ratio"):
        open_submission(z)
    with pytest.raises(SubmissionError, match="limit"):
        open_submission(_zip(tmp_path / "big.zip", _layout(base_dir)),
                        Limits(max_total_bytes=1000))


def test_zip_file_outside_layout_refused(base_dir, tmp_path):
    entries = _layout(base_dir)
    entries["macro.xlsm"] = b"x"
    with pytest.raises(SubmissionError, match="layout"):
        open_submission(_zip(tmp_path / "x.zip", entries))


def test_not_a_zip_and_missing_file(tmp_path, base_dir):
    p = tmp_path / "x.zip"
    p.write_bytes(b"not a zip")
    with pytest.raises(SubmissionError, match="neither a folder nor a zip"):
        open_submission(p)
    entries = {k: v for k, v in _layout(base_dir).items() if k != "loans.csv"}
    with pytest.raises(SubmissionError, match="no loans file"):
        open_submission(_zip(tmp_path / "noloans.zip", entries))


# --------------------------------------------------------------------------- folders


def test_folder_symlink_and_extra_file_refused(base_dir, tmp_path):
    folder = make_submission(tmp_path / "s")
    (folder / "loans.csv").unlink()
    os.symlink(base_dir / "loans.csv", folder / "loans.csv")
    with pytest.raises(SubmissionError, match="symlink"):
        open_submission(folder)
    folder2 = make_submission(tmp_path / "s2")
    (folder2 / "notes.docx").write_bytes(b"x")
    with pytest.raises(SubmissionError, match="layout"):
        open_submission(folder2)


def test_bad_yaml_is_unreadable(tmp_path):
    folder = make_submission(tmp_path / "s")
    (folder / "declared.yaml").write_text("green_loans: [unclosed", encoding="utf-8")
    with pytest.raises(SubmissionError, match="cannot be parsed"):
        open_submission(folder)


# --------------------------------------------------------------------------- batch


def test_batch_comparison_and_same_project(base_dir, tmp_path):
    # a second bank co-finances the PV project of BASE (same credit code and project name)
    pv = list(BASE_ROWS[0])
    pv[0], pv[6] = "P001", "400"
    other = make_submission(tmp_path / "other", rows=[pv, BASE_ROWS[2]],
                            declared=declared_with("green_loans.balance",
                                                   {"value": 400, "unit": "万元"}),
                            manifest={"bank_name": "另一家银行（虚构）", "credit_code":
                                      "91350200MA0000001W", "period_start": "2025-01-01",
                                      "period_end": "2025-12-31", "as_of": "2025-12-31",
                                      "catalogue": "in-force"})
    res = check([base_dir, other])
    cmp = res.comparison.set_index("submission")
    assert list(cmp.index) == ["测试银行（虚构）", "另一家银行（虚构）"]
    assert cmp.loc["测试银行（虚构）", "recomputed_green_balance_yuan"] == pytest.approx(1500e4)
    assert cmp.loc["另一家银行（虚构）", "recomputed_green_balance_yuan"] == pytest.approx(400e4)
    assert cmp.loc["测试银行（虚构）", "confirmed_share_of_declared"] == pytest.approx(1.0)
    g4 = {r.name: [f for f in r.findings if f.rule == "CHK-G04"] for r in res.reviews}
    assert g4["测试银行（虚构）"][0].loan_ids == ["T001"]
    assert g4["另一家银行（虚构）"][0].loan_ids == ["P001"]
    # checked alone, the same bank has no G04
    assert not [f for f in check([base_dir]).reviews[0].findings if f.rule == "CHK-G04"]


# --------------------------------------------------------------------------- CLI and exit codes


def _app():
    import typer

    from greenkit.cli.check import check as cmd

    app = typer.Typer()
    app.command("check")(cmd)
    app.command("noop")(lambda: None)   # keep "check" a sub-command
    return app


def test_cli_exit_codes(base_dir, tmp_path):
    runner = CliRunner()
    r = runner.invoke(_app(), ["check", str(base_dir), "-o", str(tmp_path / "out"),
                               "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["verdict"] == "clean"
    assert (tmp_path / "out" / "review.html").exists()
    bad = make_submission(tmp_path / "bad", declared=declared_with(
        "green_loans.balance", {"value": 1725, "unit": "万元"}))
    r = runner.invoke(_app(), ["check", str(bad), "-o", str(tmp_path / "bad.json"),
                               "--tolerance", "1%", "--lang", "en"])
    assert r.exit_code == 1, r.output
    doc = json.loads((tmp_path / "bad.json").read_text(encoding="utf-8"))
    assert doc["exit_code"] == 1
    assert doc["submissions"][0]["findings"][0]["rule"] == "CHK-R01"


def test_main_exit_code_2_for_unsafe_zip(base_dir, tmp_path):
    from greenkit import cli

    if "check" not in {c.name for c in cli.app.registered_commands}:
        from greenkit.cli.check import check as cmd

        cli.app.command("check")(cmd)
    entries = _layout(base_dir)
    entries["../evil.txt"] = b"x"
    z = _zip(tmp_path / "evil.zip", entries)
    with pytest.raises(SystemExit) as e:
        cli.main(["check", str(z), "-o", str(tmp_path / "out")])
    assert e.value.code == 2
