"""The carbon step of ``greenkit demo``: reductions, 碳减排支持工具, PCAF and a company.

``run_demo(out_dir, tagged_dir)`` is called by the demo after tagging
``samples/loan_book.csv``; it writes ``out_dir/carbon/…`` and returns the main
file of each step.
"""

from __future__ import annotations

from pathlib import Path

from greenkit.paths import samples_dir

#: Data year of the sample borrowers' and the sample company's activity data.
DEMO_YEAR = 2025


def run_demo(out_dir: Path, tagged_dir: Path) -> dict[str, Path]:
    from greenkit.carbon.cerf import CerfOptions, cerf, write_cerf
    from greenkit.carbon.footprint import FootprintOptions, footprint, write_footprint
    from greenkit.carbon.pcaf import FinancedOptions, financed, write_financed
    from greenkit.carbon.reductions import ReductionOptions, reductions, write_reductions

    base = Path(out_dir) / "carbon"
    red = reductions(tagged_dir, ReductionOptions())
    red_paths = write_reductions(red, base / "reductions")
    cerf_res = cerf(tagged_dir, CerfOptions(reductions=red_paths["reductions"]))
    cerf_paths = write_cerf(cerf_res, base / "cerf")
    fin = financed(samples_dir() / "financed_book.csv", FinancedOptions(year=DEMO_YEAR))
    fin_paths = write_financed(fin, base / "financed")
    comp = footprint(samples_dir() / "company_activity.yaml", FootprintOptions())
    comp_paths = write_footprint(comp, base / "company")
    return {
        "carbon reductions": red_paths["reductions"],
        "carbon 碳减排支持工具": cerf_paths["table"],
        "carbon financed (PCAF)": fin_paths["financed"],
        "carbon company Scope 1/2/3": comp_paths["lines"],
    }
