"""Quality of the recognition rules.

1. Every shipped taxonomy's rule cases (``cases.csv``) pass through the real tagger.
2. The Chinese catalogues' keyword rules keep their green precision and recall on a
   synthetic Xiamen loan book (``greenkit.synth``), so a rule change that loses a
   common segment or starts tagging brown loans fails the build.
3. A generic word alone (节能, 环保, 绿色, 新能源, 生态 …) never makes a candidate.

The rules are built by tools/build_cn_catalogues.py (2019, 2021; curated terms in
tools/cn_keywords.yaml, cases in tools/cn_cases.yaml) and tools/build_cn_2024_2025.py
(2024, 2025).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from greenkit.synth import DEFAULT_SEED, generate_loan_book
from greenkit.tag import tag
from greenkit.tag.cases import run_cases
from greenkit.taxonomy import load_crosswalk, load_taxonomy, shipped_ids

RECOGNISED = ("aligned", "eligible", "not_aligned")

# ---------------------------------------------------------------------------
# 1. rule cases
# ---------------------------------------------------------------------------
#: Cases known to fail, with the reason. The test fails when one of them starts to
#: pass (remove it here) as well as when any other case fails.
KNOWN_CASE_FAILURES = {
    # criterion EUT21-7.7-C04 (energy_performance_monitoring, for large non-residential
    # buildings only) has no applicability condition, so a mortgage case without the
    # field is `eligible`, not `aligned` — a data issue of the EU table, not of the tagger
    "eu-taxonomy-2021": {"EUT21-T10"},
}


@pytest.mark.parametrize("tid", shipped_ids())
def test_rule_cases_pass_through_the_tagger(tid):
    result = run_cases(load_taxonomy(tid))
    assert len(result) > 0, f"{tid}: no rule cases"
    failing = set(result.loc[~result["ok"], "case_id"])
    known = KNOWN_CASE_FAILURES.get(tid, set())
    new = result[result["case_id"].isin(failing - known)]
    assert new.empty, f"{tid}: failing cases\n" + new.to_string()
    assert known <= failing, f"{tid}: known failures now pass, remove them: {known - failing}"


# ---------------------------------------------------------------------------
# 2. precision and recall on a synthetic book
# ---------------------------------------------------------------------------
def green_scores(pred: np.ndarray, truth: list[set[str]]) -> dict[str, float]:
    """Green precision, recall and accuracy of predicted codes against truth sets.

    ``pred``: the predicted item per row ('' = not recognised); ``truth``: the set of
    acceptable items per row (empty = not green). A row is a true positive when its
    prediction is in a non-empty truth set; every other prediction is a false positive
    (a brown loan tagged, or the wrong item); every green row not hit is a false negative.
    """
    ok = np.fromiter((p in t for p, t in zip(pred, truth, strict=True)), bool, len(pred))
    green = np.fromiter((bool(t) for t in truth), bool, len(truth))
    tp = int(ok.sum())
    fp = int(((pred != "") & ~ok).sum())
    fn = int((green & ~ok).sum())
    correct = ok | ((pred == "") & ~green)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / max(tp + fp, 1),
            "recall": tp / max(tp + fn, 1), "accuracy": float(correct.mean())}


def test_green_scores_hand_example():
    pred = np.array(["A", "B", "", "C", ""], dtype=object)
    truth = [{"A"}, {"X"}, {"Y"}, set(), set()]
    s = green_scores(pred, truth)
    # row 0 TP; row 1 wrong item (FP and FN); row 2 missed (FN); row 3 brown tagged (FP);
    # row 4 brown untagged (correct). TP 1, FP 2, FN 2: P = 1/3, R = 1/3, accuracy 2/5
    assert (s["tp"], s["fp"], s["fn"]) == (1, 2, 2)
    assert s["precision"] == pytest.approx(1 / 3)
    assert s["recall"] == pytest.approx(1 / 3)
    assert s["accuracy"] == pytest.approx(0.4)


#: A seed the rules were not tuned on (they were tuned on greenkit.synth.DEFAULT_SEED).
SEED = 7
N_ROWS = 3000
BOND, FIN25 = "cn-green-bond-2021", "cn-green-finance-2025"

#: Where the synthetic segment label is not the item the catalogue text gives.
#: 2021 and 2025: the battery segment's 储能锂电池 projects make storage batteries —
#: 新能源储能装备 (2021 3.1.1.1 智能电网产品和装备制造; 2025 4.1.8 新型储能产品制造), not
#: NEV components (1.6.1.1).
STORAGE_BATTERY = {BOND: {"3.1.1.1"}, FIN25: {"4.1.8"}}
#: 2025 by segment, from the 2025 条件 text, where the crosswalk (built by name) is not
#: the item: NEV purchase is 9.1.1 (企事业单位、政府机构、自然人 …新能源汽车购置); a
#: freight operator's NEV trucks also fit 6.3.4 (货运企业 …新能源轻型物流车辆、中重型卡车
#: 购置); distributed PV fits 4.3.7 (分布式可再生能源发电) as well as 4.2.2; waste-to-energy
#: fits 3.2.6 (以生活垃圾、污泥为燃料的发电活动) as well as 6.4.8.
SEGMENT_2025 = {"nev_personal": {"9.1.1"}, "ev_fleet": {"9.1.1", "6.3.4"},
                "pv_distributed": {"4.2.2", "4.3.7"}, "waste_to_energy": {"6.4.8", "3.2.6"}}


def truth_sets(book: pd.DataFrame, tid: str) -> list[set[str]]:
    code = book["segment_green_code"].fillna("").to_numpy()
    seg = book["segment"].to_numpy()
    text = (book["贷款用途"].fillna("") + " " + book["项目名称"].fillna("")).to_numpy()
    storage = (seg == "battery_mfg") & (np.char.find(text.astype(str), "储能") >= 0)
    if tid == BOND:
        base = [{c} if c else set() for c in code]
    else:
        xw = load_crosswalk(BOND, FIN25)
        xw = xw[(xw["from_code"] != "") & (xw["to_code"] != "")]
        to25 = xw.groupby("from_code")["to_code"].agg(set).to_dict()
        base = [SEGMENT_2025.get(s, to25.get(c, set())) if c else set()
                for c, s in zip(code, seg, strict=True)]
    return [STORAGE_BATTERY[tid] if st else b for b, st in zip(base, storage, strict=True)]


@pytest.fixture(scope="module")
def synthetic():
    book = generate_loan_book(N_ROWS, seed=SEED, problems=False, truth=True)
    assert SEED != DEFAULT_SEED
    result = tag(book.drop(columns=["segment", "segment_green_code"]),
                 taxonomies=[BOND, FIN25], as_of="2026-09-30")
    return book, result.tagged


def _scores(synthetic, tid):
    book, tagged = synthetic
    code = tagged[f"{tid}.code"].fillna("").to_numpy(dtype=object)
    status = tagged[f"{tid}.status"].fillna("").to_numpy(dtype=object)
    pred = np.where(np.isin(status, RECOGNISED), code, "")
    return green_scores(pred, truth_sets(book, tid))


def test_bond_2021_green_precision_and_recall(synthetic):
    s = _scores(synthetic, BOND)
    # measured 2026 on 3,000 rows, seed 7: TP 521, FP 0, FN 25 → precision 521/521 = 1.000,
    # recall 521/546 = 0.954, accuracy 0.992. The 25 misses are green_building rows whose
    # text does not say 绿色建筑 (only the 绿色建筑星级 column does). Before the 2026 rule
    # revision: precision 0.95, recall 0.79 on the same kind of book.
    assert s["precision"] >= 0.98, s
    assert s["recall"] >= 0.93, s
    assert s["accuracy"] >= 0.98, s


def test_finance_2025_green_precision_and_recall(synthetic):
    s = _scores(synthetic, FIN25)
    # measured 2026 on 3,000 rows, seed 7: TP 521, FP 0, FN 25 → precision 1.000, recall
    # 521/546 = 0.954, accuracy 0.992 (the same 25 green-building rows). Before the 2026
    # revision: precision 0.97, recall 0.82.
    assert s["precision"] >= 0.98, s
    assert s["recall"] >= 0.93, s
    assert s["accuracy"] >= 0.98, s


# ---------------------------------------------------------------------------
# 3. generic words alone
# ---------------------------------------------------------------------------
GENERIC = ["节能科技有限公司补充流动资金", "环保科技公司日常经营周转", "绿色通道装修工程",
           "新能源科技有限公司补充流动资金", "生态园餐饮娱乐项目", "低碳生活馆装修",
           "清洁能源集团日常经营周转", "节能环保产业园标准厂房建设", "新能源汽车产业园基础设施建设",
           "生态环境局办公楼维修"]
CN_TAXONOMIES = ["cn-green-industry-2019", BOND, FIN25, "cn-green-transition-2024"]


def test_generic_words_alone_make_no_candidate():
    book = pd.DataFrame({"贷款编号": [f"G{i}" for i in range(len(GENERIC))],
                         "借款人名称": "某公司", "贷款用途": GENERIC, "贷款余额（万元）": "100"})
    tagged = tag(book, taxonomies=CN_TAXONOMIES, as_of="2026-09-30").tagged
    for tid in CN_TAXONOMIES:
        hit = tagged[tagged[f"{tid}.status"].isin(RECOGNISED)]
        assert hit.empty, f"{tid}: generic text recognised\n" + \
            hit[["loan_id", f"{tid}.code", f"{tid}.rule"]].to_string()
