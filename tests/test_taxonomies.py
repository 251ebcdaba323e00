"""Integrity of every shipped rule table, the broken-folder report, crosswalks,
diffs between editions and the edition-by-date rule."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from greenkit.errors import TaxonomyError
from greenkit.paths import taxonomies_dir
from greenkit.tag.editions import edition_for
from greenkit.taxonomy import load_crosswalk, load_taxonomy, shipped_ids, validate_folder
from greenkit.taxonomy.crosswalk import check_crosswalk
from greenkit.taxonomy.diff import diff_taxonomies

SHIPPED = shipped_ids()


def test_all_five_taxonomies_ship():
    assert set(SHIPPED) >= {"cn-green-industry-2019", "cn-green-bond-2021",
                            "cn-green-finance-2025", "cn-green-transition-2024",
                            "eu-taxonomy-2021"}


@pytest.mark.parametrize("tid", SHIPPED)
def test_shipped_folder_is_clean(tid):
    findings = validate_folder(taxonomies_dir() / tid)
    assert findings.empty, findings.head(20).to_string()


@pytest.mark.parametrize("tid", SHIPPED)
def test_every_leaf_has_a_rule_and_every_row_a_source(tid):
    t = load_taxonomy(tid)
    leaves = set(t.leaves["code"])
    assert leaves <= set(t.rules["item_code"]), sorted(leaves - set(t.rules["item_code"]))[:10]
    for table in (t.items, t.rules, t.criteria):
        assert (table["source"] != "").all()
        assert table["verified"].dtype == bool


@pytest.mark.parametrize("tid,levels", [
    ("cn-green-industry-2019", {1: 6, 2: 30, 3: 211}),
    ("cn-green-finance-2025", {1: 9, 2: 38, 3: 271}),
    ("cn-green-bond-2021", {1: 6}),
    ("cn-green-transition-2024", {1: 7}),
])
def test_official_counts(tid, levels):
    counts = load_taxonomy(tid).counts()["levels"]
    for level, n in levels.items():
        assert counts[level] == n


def test_2021_has_every_fourth_level_item_of_the_reference():
    """The reference copy lacks 2.4.1.1 and 4.2.1.4; the shipped table has them."""
    codes = set(load_taxonomy("cn-green-bond-2021").leaves["code"])
    assert {"2.4.1.1", "4.2.1.4", "1.1.1.1", "6.5.1.8"} <= codes


def test_2025_first_level_names():
    t = load_taxonomy("cn-green-finance-2025")
    names = t.items.loc[t.items["level"] == 1, "name_zh"].tolist()
    assert names == ["节能降碳产业", "环境保护产业", "资源循环利用产业", "能源绿色低碳转型",
                     "生态保护修复和利用", "基础设施绿色升级", "绿色服务", "绿色贸易", "绿色消费"]


def test_rule_ids_are_stable_format():
    t = load_taxonomy("cn-green-bond-2021")
    assert t.rules["rule_id"].str.fullmatch(r"CNB21-(\d+(\.\d+)*|ALL)-[IKX]\d{2}").all()


def test_broken_folder_reports_every_problem(tmp_path):
    src = Path(__file__).parent / "fixtures" / "mini-green"
    bad = tmp_path / "broken"
    shutil.copytree(src, bad)
    items = pd.read_csv(bad / "items.csv", dtype=str, keep_default_na=False)
    items.loc[2, "parent"] = "9.9"            # parent missing
    items.loc[3, "source"] = ""               # no source
    items.to_csv(bad / "items.csv", index=False)
    rules = pd.read_csv(bad / "rules.csv", dtype=str, keep_default_na=False)
    rules.loc[0, "item_code"] = "7.7.7"       # rule to nowhere
    rules.loc[1, "industry_code"] = "99999"   # not a GB/T code
    rules.loc[2, "match"] = "regex"           # unknown kind
    rules.to_csv(bad / "rules.csv", index=False)
    crit = pd.read_csv(bad / "criteria.csv", dtype=str, keep_default_na=False)
    crit.loc[0, "operator"] = "=~"            # unknown operator
    crit.loc[1, "unit"] = "万斤"               # unknown unit
    crit.loc[2, "variable"] = "colour"        # not a registered field
    crit.to_csv(bad / "criteria.csv", index=False)
    f = validate_folder(bad)
    errors = f[f["severity"] == "error"]
    checks = set(errors["check"])
    assert {"parent_missing", "source_missing", "item_missing", "bad_code", "unknown_unit",
            "unknown_field"} <= checks
    assert any("isin" in c for c in checks)  # match and operator vocabularies (pandera)
    assert len(errors) >= 8
    with pytest.raises(TaxonomyError) as exc:
        load_taxonomy(bad)
    assert len(exc.value.findings) == len(f)


@pytest.mark.parametrize("a,b", [
    ("cn-green-bond-2021", "cn-green-industry-2019"),
    ("cn-green-bond-2021", "cn-green-finance-2025"),
    ("cn-green-industry-2019", "cn-green-transition-2024"),
    ("cn-green-transition-2024", "cn-green-finance-2025"),
    ("cn-green-bond-2021", "eu-taxonomy-2021"),
])
def test_crosswalk_both_ends_exist(a, b):
    problems = check_crosswalk(load_taxonomy(a), load_taxonomy(b))
    assert problems.empty, problems.head(10).to_string()
    cw = load_crosswalk(a, b)
    assert set(cw["relation"]) <= {"exact", "partial", "none"}


def test_crosswalk_reads_both_ways():
    ab = load_crosswalk("cn-green-bond-2021", "cn-green-industry-2019")
    ba = load_crosswalk("cn-green-industry-2019", "cn-green-bond-2021")
    forward = set(zip(ab["from_code"], ab["to_code"], strict=True))
    assert forward == set(zip(ba["to_code"], ba["from_code"], strict=True))


def test_diff_2021_to_2025_lists_trade_consumption_and_fossil_removals():
    d = diff_taxonomies(load_taxonomy("cn-green-bond-2021"), load_taxonomy("cn-green-finance-2025"))
    added = d[d["change"] == "added"]
    assert added["b_code"].str.startswith("8.").any() and added["b_code"].str.startswith("9.").any()
    removed = d[d["change"] == "removed"]
    assert len(removed) >= 1
    # the 2019 catalogue's fossil clean-use items are absent from 2021 already
    d19 = diff_taxonomies(load_taxonomy("cn-green-industry-2019"), load_taxonomy("cn-green-bond-2021"))
    removed19 = " ".join(d19.loc[d19["change"] == "removed", "a_name"])
    assert "煤" in removed19


@pytest.mark.parametrize("approved,as_of,expected", [
    ("2025-07-13", "2026-09-30", "cn-green-industry-2019"),   # approved before publication
    ("2025-07-14", "2026-09-30", "cn-green-finance-2025"),    # approved on publication day
    ("2025-08-01", "2025-09-30", "cn-green-industry-2019"),   # report date before 2025-10-01
    ("2025-08-01", "2025-10-01", "cn-green-finance-2025"),    # in force from 2025-10-01
    ("2024-01-01", "2025-10-01", "cn-green-industry-2019"),   # grandfathered
    (None, "2025-10-01", "cn-green-finance-2025"),           # no approval date: report date
    (None, "2025-09-30", "cn-green-industry-2019"),
])
def test_edition_by_date(approved, as_of, expected):
    s = pd.Series([pd.Timestamp(approved) if approved else pd.NaT])
    assert edition_for(s, dt.date.fromisoformat(as_of)).iloc[0] == expected


def test_edition_by_date_for_bonds():
    s = pd.Series([pd.Timestamp("2025-01-01"), pd.Timestamp("2025-08-01")])
    got = edition_for(s, dt.date(2026, 1, 1), product="bond").tolist()
    assert got == ["cn-green-bond-2021", "cn-green-finance-2025"]
