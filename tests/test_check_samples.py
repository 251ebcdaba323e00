"""The committed sample submissions: clean stays clean, every planted problem is named."""

from __future__ import annotations

import pytest

from greenkit.check.demo import PLANTED_MISCLASSIFIED_IDS, planted_named
from greenkit.check.run import check
from greenkit.paths import samples_dir

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def batch():
    base = samples_dir() / "submissions"
    return check([base / "clean", base / "flawed", base / "peer"])


def test_clean_sample_is_clean(batch):
    clean = batch.reviews[0]
    assert clean.verdict == "clean", [(f.rule, f.message_en) for f in clean.counting]
    d = clean.derived
    # the clean bank's declared figures are greenkit's recomputation, rounded to 0.01
    assert d.declared.get("green_loans.balance") == pytest.approx(d.totals["green_cny"], abs=100)
    assert d.declared.get("emission_reductions.project_total") == pytest.approx(
        d.reduction_totals["project_total"], abs=0.01)


def test_flawed_sample_names_every_planted_problem(batch):
    flawed = batch.reviews[1]
    assert flawed.verdict == "fail"
    named = planted_named(type(batch)(reviews=[flawed], rules=batch.rules,
                                      comparison=batch.comparison))
    assert named == {k: True for k in named}
    r01 = [f for f in flawed.findings if f.rule == "CHK-R01"][0]
    # PLANTED inflation 15 %: declared = recomputed × 1.15 (to 0.01 万元)
    assert r01.difference == pytest.approx(0.15 * flawed.derived.totals["green_cny"], abs=200)
    k01 = {i for f in flawed.findings if f.rule == "CHK-K01" for i in f.loan_ids}
    assert set(PLANTED_MISCLASSIFIED_IDS) <= k01


def test_peer_shares_projects_with_flawed(batch):
    peer = batch.reviews[2]
    g4 = [f for f in peer.findings if f.rule == "CHK-G04"]
    assert len(g4) == 1 and len(g4[0].loan_ids) == 2
    assert batch.exit_code == 1


def test_report_html_escapes_and_has_both_languages(batch, tmp_path):
    import yaml

    from greenkit.check.report import write_report
    from greenkit.paths import templates_dir

    labels = yaml.safe_load((templates_dir() / "review" / "i18n.yaml").read_text("utf-8"))
    assert set(labels["zh"]) == set(labels["en"])
    html = write_report(batch, tmp_path / "r.html", "en").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "Comparison across submitters" in html and "CHK-R06" in html
