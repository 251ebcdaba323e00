"""Rows that agree on everything tagging reads are tagged once and share the
result (``tag_frame``). These tests hold that shortcut to tagging every row
on its own (``_tag_distinct`` on the whole partition), on the sample book
with repeated rows, declarations, several editions in force and overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from greenkit.frames import first_rows
from greenkit.io import ROW
from greenkit.tag import flags as flg
from greenkit.tag.core import (
    _needs,
    _tag_distinct,
    _texts,
    resolve_taxonomies,
    tag_frame,
    tag_keys_of,
)
from greenkit.tag.editions import edition_for
from greenkit.tag.matcher import compile_taxonomy, scan_texts
from greenkit.tag.run import TagOptions, _load_overrides, partitions, validate_chunk
from greenkit.validate import DuplicateTracker

SAMPLE = Path(__file__).parents[1] / "samples" / "loan_book.csv"


def _book(tmp_path: Path) -> Path:
    """The sample book plus copies of its rows under new ids, borrowers and amounts,
    some with a changed capacity (a criterion input) so they must not share."""
    raw = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    copies = raw.sample(n=900, replace=True, random_state=3).reset_index(drop=True)
    solar = raw[raw["贷款用途"].str.contains("光伏电站")].iloc[0]
    copies.iloc[0], copies.iloc[1] = solar, solar  # twins; only COPY0001 is overridden
    copies["贷款编号"] = [f"COPY{i:04d}" for i in range(len(copies))]
    copies["借款人名称"] = copies["借款人名称"].str[::-1]
    copies["贷款余额（万元）"] = "123.45"
    bump = copies.index % 7 == 0
    copies.loc[bump, "装机容量（MW）"] = "0.5"
    copies.loc[bump, "能效等级"] = "3"
    copies.loc[bump, "绿色建筑星级"] = "0"
    path = tmp_path / "book.csv"
    pd.concat([raw, copies], ignore_index=True).to_csv(path, index=False)
    return path


def _per_row(acc: pd.DataFrame, opts: TagOptions, overrides):
    """The reference: every row tagged on its own, no sharing."""
    approval = acc["approval_date"]
    in_force = edition_for(approval, opts.report_date, opts.product)
    named = resolve_taxonomies(opts)
    wide, long, declared, tops = _tag_distinct(acc, opts, overrides, in_force, named)
    _, objs, _ = _needs(acc, named, in_force)
    texts = _texts(scan_texts(acc, [compile_taxonomy(t) for t in objs.values()]))
    if len(long):
        long = long.sort_values("row", kind="stable", ignore_index=True)  # row-major
        r = long["row"].to_numpy(dtype=np.int64)
        long["loan_id"] = acc["loan_id"].to_numpy()[r]
        long[ROW] = acc[ROW].to_numpy()[r]
    return wide, long, declared, flg.row_flags(acc, tops, declared, texts)


@pytest.mark.parametrize("with_overrides", [False, True])
def test_shared_tags_equal_tagging_each_row(tmp_path, with_overrides):
    path = _book(tmp_path)
    ov = None
    if with_overrides:
        ov = tmp_path / "ov.csv"
        pd.DataFrame([{"loan_id": "COPY0001", "taxonomy": "cn-green-bond-2021", "code": "",
                       "status": "not_eligible", "reviewer": "王审核", "reason": "现场核查",
                       "date": "2026-10-01"}]).to_csv(ov, index=False)
    opts = TagOptions(taxonomies=("in-force", "cn-green-bond-2021", "eu-taxonomy-2021"),
                      as_of=dt.date(2026, 9, 30), overrides=ov)
    [raw] = partitions(path, opts)
    acc = validate_chunk(raw, opts, DuplicateTracker()).accepted.reset_index(drop=True)
    overrides = _load_overrides(opts)

    in_force = edition_for(acc["approval_date"], opts.report_date, opts.product)
    _, objs, _ = _needs(acc, resolve_taxonomies(opts), in_force)
    texts = scan_texts(acc, [compile_taxonomy(t) for t in objs.values()])
    keys = tag_keys_of(acc, in_force, list(objs.values()), overrides, texts)
    assert len(first_rows(keys)) < 0.7 * len(acc)  # the shortcut is really taken
    assert len(set(in_force)) == 2                  # and rows span two editions in force

    got = tag_frame(acc, opts, overrides)
    want = _per_row(acc, opts, overrides)
    for g, w in zip(got, want, strict=True):
        pd.testing.assert_frame_equal(g.reset_index(drop=True), w.reset_index(drop=True))
    tagged = got[0].set_index("loan_id")
    if with_overrides:
        assert tagged.loc["COPY0001", "cn-green-bond-2021.rule"] == "override"
        assert tagged.loc["COPY0000", "cn-green-bond-2021.rule"] != "override"
    # a copy whose capacity was changed is judged on its own capacity
    assert (tagged["cn-green-bond-2021.status"] != "not_eligible").sum() > 100


def test_two_stage_scan_finds_every_keyword_that_can_matter():
    """Include and applies-if keywords are found in every text; words that are
    only ever context or exclude keywords in the texts an include keyword
    occurs in (elsewhere they cannot change a rule). Checked against a plain
    substring search over the sample book's texts."""
    from greenkit.tag.editions import chain
    from greenkit.tag.matcher import _scan_unique, keyword_space, norm_text
    from greenkit.taxonomy import load_taxonomy

    cts = tuple(compile_taxonomy(t) for t in [*chain(None), load_taxonomy("cn-green-bond-2021")])
    space = keyword_space(cts)
    assert space.secondary is not None  # both stages are exercised
    raw = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    texts = pd.unique(raw["贷款用途"] + " \x1f " + raw["项目名称"])
    import pyarrow as pa

    hits = _scan_unique(space, pa.array(texts, type=pa.large_string()))
    got = set(zip(hits["text_idx"], hits["kw_idx"], strict=True))
    primary = np.zeros(len(space.words), dtype=bool)
    for ct in cts:
        m = space.local_to_global[id(ct)]
        primary[m[ct.rule_kw.loc[ct.rule_kw["role"] == "inc", "kw_idx"].to_numpy()]] = True
        primary[m[ct.criteria_kw["kw_idx"].to_numpy()]] = True
    want = set()
    for i, t in enumerate(texts):
        t = norm_text(t)
        found = [k for k, w in enumerate(space.words) if w in t]
        if any(space.is_include[k] for k in found):
            want |= {(i, k) for k in found}
        else:
            want |= {(i, k) for k in found if primary[k]}
    assert got == want
    assert (np.diff(hits["text_idx"].to_numpy()) >= 0).all()


def test_candidates_share_criteria_outcomes_without_changing_them(tmp_path, monkeypatch):
    """Criteria are evaluated once per (item, applicable criteria, variable
    values); evaluating every candidate on its own gives the same tags."""
    from greenkit.tag import engine

    opts = TagOptions(taxonomies=("in-force", "cn-green-bond-2021"), as_of=dt.date(2026, 9, 30))
    [raw] = partitions(_book(tmp_path), opts)
    acc = validate_chunk(raw, opts, DuplicateTracker()).accepted.reset_index(drop=True)
    real, shared_sizes = engine._criteria_signature, []

    def recording(sub, applicable, criteria, frame):
        sig = real(sub, applicable, criteria, frame)
        shared_sizes.append((len(sub), len(first_rows(sig))))
        return sig
    monkeypatch.setattr(engine, "_criteria_signature", recording)
    shared = tag_frame(acc, opts)
    candidates, evaluated = np.sum(shared_sizes, axis=0)
    assert candidates > 100 and evaluated < candidates  # outcomes really are shared
    monkeypatch.setattr(engine, "_criteria_signature",
                        lambda sub, *_: np.arange(len(sub)))  # each candidate on its own
    alone = tag_frame(acc, opts)
    for a, b in zip(shared, alone, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_set_codes_tell_sets_apart_exactly():
    from greenkit.frames import set_codes

    # group 0 {1, 2}, group 1 {2, 1, 1} (the same set), group 2 {1}, group 3 empty, group 4 {12}
    groups = np.array([0, 0, 1, 1, 1, 2, 4])
    values = np.array([1, 2, 2, 1, 1, 1, 12])
    codes = set_codes(groups, values, 5)
    assert codes[0] == codes[1]
    assert len({codes[0], codes[2], codes[4]}) == 3   # "1,2" vs "1" vs "12": no collision
    assert codes[3] == 0 and (codes[[0, 2, 4]] > 0).all()
    with pytest.raises(ValueError):
        set_codes(np.array([0]), np.array([-1]), 1)


def test_chunks_evened_out_between_workers(tmp_path):
    from greenkit.io import estimate_rows
    from greenkit.tag.run import even_chunksize

    book = tmp_path / "book.csv"
    pd.concat([pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, encoding="utf-8-sig")] * 10
              ).to_csv(book, index=False)
    rows = 600 * 10
    assert abs(estimate_rows(book) - rows) <= rows * 0.05
    size = even_chunksize(book, TagOptions(chunksize=1400, workers=2))
    assert size <= 1400
    chunks = -(-rows // size)
    assert chunks % 2 == 0 and chunks == 6  # 5 chunks of 1400 would leave a worker idle
    assert even_chunksize(book, TagOptions(chunksize=1400, workers=1)) == 1400
    assert even_chunksize(book, TagOptions(chunksize=10_000, workers=2)) == 10_000


def test_texts_firing_different_rules_by_one_keyword_do_not_share():
    """海绵 is the include keyword of several sponge-city rules that differ by
    their context words: 海绵小区 and 海绵道路 fire different rules by the same
    keyword, so their rows must not share a tag key (the key carries the rule,
    not only the keyword)."""
    import greenkit

    purposes = ["海绵小区改造", "海绵道路改造", "海绵小区改造工程", "海绵道路改造工程"]
    frame = pd.DataFrame({"loan_id": [f"L{i}" for i in range(len(purposes))],
                          "borrower_name": "厦门某建设公司", "purpose": purposes,
                          "outstanding": "100"})
    tagged = greenkit.tag(frame, taxonomies=["cn-green-bond-2021"], as_of="2026-09-30",
                         amount_unit="万元").tagged
    codes = tagged["cn-green-bond-2021.code"].tolist()
    rules = tagged["cn-green-bond-2021.rule"].tolist()
    assert codes[0] == codes[2] and codes[1] == codes[3]
    assert codes[0].startswith("5.4.2.1") and codes[1].startswith("5.4.2.2")
    assert "CNB21-5.4.2.1-K01" in rules[0] and "CNB21-5.4.2.2-K02" in rules[1]
