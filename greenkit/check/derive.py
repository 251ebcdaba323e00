"""Re-derive a submission's figures from its loan-level data.

One pass per submission: tag the loans with ``greenkit.tag.run.run`` (the
declared classification is verified against the declared catalogue, the
edition in force is chosen by approval date), total the bank's declared green
loans, recompute the emission reductions of those loans with the official
electricity factors (``greenkit.carbon``) — and once more with the factors the
bank declares, to explain a gap — and, when the submission has the inputs,
financed emissions (PCAF) and own-operations emissions. The checks
(``checks.py``) only compare; all arithmetic happens here, on whole columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html.parser
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from greenkit.carbon import (
    FinancedOptions,
    FootprintOptions,
    ReductionOptions,
    compute_reductions,
    electricity_factors,
    financed,
    footprint,
    load_factors,
    normalise_regions,
)
from greenkit.carbon.factors import DEFAULT_SERIES, FactorSet
from greenkit.check.declared import Declared, parse_declared
from greenkit.check.submission import Submission
from greenkit.errors import GreenkitError, SubmissionError
from greenkit.io import ROW
from greenkit.tag.editions import IN_FORCE
from greenkit.tag.run import TagOptions, TagResult, run
from greenkit.taxonomy import load_taxonomy

MANIFEST_FIELDS = ("bank_name", "credit_code", "period_start", "period_end", "as_of",
                   "catalogue")
OK_STATUSES = ("ok", "reported")


@dataclass
class Manifest:
    raw: dict
    bank_name: str
    credit_code: str
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date
    catalogue: str
    amount_unit: str | None
    problems: list[dict] = field(default_factory=list)

    @property
    def reporting_year(self) -> int:
        return (self.period_end or self.as_of).year


@dataclass
class Derived:
    """Everything re-derived for one submission (inputs of the checks)."""

    sub: Submission
    manifest: Manifest
    declared: Declared
    tag: TagResult
    loans: pd.DataFrame          # accepted loans + declared/in-force columns + flags
    totals: dict
    by_category: pd.DataFrame
    reductions: pd.DataFrame     # official factors
    reductions_declared_factors: pd.DataFrame | None
    reduction_totals: dict
    grid_factors: pd.DataFrame   # declared factors with the official value beside them
    financed: object | None = None
    operations: object | None = None
    report_text: str | None = None
    report_problem: str = ""
    fs: FactorSet | None = None

    @property
    def name(self) -> str:
        return self.sub.name


# --------------------------------------------------------------------------- manifest


def _date(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if v is None or str(v).strip() == "":
        return None
    try:
        return dt.date.fromisoformat(str(v).strip())
    except ValueError:
        return None


def parse_manifest(raw: dict) -> Manifest:
    problems = []
    for k in MANIFEST_FIELDS:
        v = raw.get(k)
        if v is None or str(v).strip() == "":
            problems.append({"field": k, "problem": "missing"})
    dates = {}
    for k in ("period_start", "period_end", "as_of"):
        dates[k] = _date(raw.get(k))
        if raw.get(k) not in (None, "") and dates[k] is None:
            problems.append({"field": k, "problem": f"not a date (YYYY-MM-DD): {raw.get(k)!r}"})
    if dates["period_start"] and dates["period_end"] and dates["period_start"] > dates[
            "period_end"]:
        problems.append({"field": "period_start", "problem": "after period_end"})
    as_of = dates["as_of"] or dates["period_end"] or dt.date.today()
    return Manifest(raw=raw, bank_name=str(raw.get("bank_name") or "").strip(),
                    credit_code=str(raw.get("credit_code") or "").strip().upper(),
                    period_start=dates["period_start"], period_end=dates["period_end"],
                    as_of=as_of, catalogue=str(raw.get("catalogue") or "").strip(),
                    amount_unit=(str(raw["amount_unit"]) if raw.get("amount_unit") else None),
                    problems=problems)


# --------------------------------------------------------------------------- loans


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame:
        return pd.Series("", index=frame.index, dtype="string")
    return frame[col].astype("string").fillna("").str.strip()


def tag_loans(sub: Submission, m: Manifest) -> TagResult:
    opts = TagOptions(taxonomies=(IN_FORCE,), as_of=m.as_of, amount_unit=m.amount_unit,
                      product=str(m.raw.get("product") or "loan"))
    try:
        return run(sub.files["loans"], opts)
    except SubmissionError:
        raise
    except GreenkitError as exc:
        raise SubmissionError(f"loan data cannot be used: {exc}", path=str(sub.source)) from exc


def loan_frame(tr: TagResult) -> pd.DataFrame:
    """Accepted loans with the declared check and the in-force tag beside them."""
    loans = tr.loans.reset_index(drop=True).copy()
    tagged = tr.tagged.reset_index(drop=True)
    keep = [c for c in tagged.columns if c.startswith(("declared.", f"{IN_FORCE}."))]
    if len(tagged):
        t = tagged[[ROW, *keep]].copy()
        t[ROW] = pd.to_numeric(t[ROW]).astype("int64")
        loans = loans.merge(t, on=ROW, how="left", validate="one_to_one")
    for c in ("declared_taxonomy", "declared_code", "declared.result", "declared.reason",
              f"{IN_FORCE}.status", f"{IN_FORCE}.code", f"{IN_FORCE}.edition",
              "borrower_id", "borrower_name", "project_name", "region", "purpose"):
        loans[c] = _text(loans, c)
    loans["currency"] = _text(loans, "currency").replace("", "CNY")
    loans["cny"] = loans["currency"] == "CNY"
    loans["declared"] = (loans["declared_code"] != "") | (loans["declared_taxonomy"] != "")
    # the catalogue a declaration is read under: stated, else the edition in force
    loans["declared_edition"] = loans["declared_taxonomy"].where(
        loans["declared_taxonomy"] != "", loans[f"{IN_FORCE}.edition"])
    loans["category"] = loans["declared_code"].str.split(".").str[0].fillna("")
    if "approval_date" not in loans:
        loans["approval_date"] = pd.NaT
    loans["approval_date"] = pd.to_datetime(loans["approval_date"])
    return loans


def level1_names(editions) -> dict[tuple[str, str], str]:
    out = {}
    for e in editions:
        try:
            t = load_taxonomy(str(e))
        except GreenkitError:  # unknown catalogue: reported by CHK-K03
            continue
        items = t.items
        lvl = items[items["level"].astype(int) == 1] if "level" in items else items.iloc[:0]
        for code, name in zip(lvl["code"], lvl["name_zh"], strict=True):
            out[(str(e), str(code))] = str(name)
    return out


def totals(loans: pd.DataFrame, m: Manifest) -> tuple[dict, pd.DataFrame]:
    cny, dec = loans["cny"], loans["declared"]
    amt = loans["outstanding"].astype(float)
    start = pd.Timestamp(m.period_start) if m.period_start else pd.Timestamp.min
    end = pd.Timestamp(m.period_end or m.as_of)
    in_period = loans["approval_date"].between(start, end).fillna(False)
    green = float(amt[cny & dec].sum())
    total = float(amt[cny].sum())
    out = {
        "loans": int(len(loans)), "loans_cny": int(cny.sum()),
        "total_cny": total, "green_cny": green,
        "green_loans": int((cny & dec).sum()),
        "share": green / total if total else None,
        "new_green_cny": float(amt[cny & dec & in_period].sum()),
        "new_green_loans": int((cny & dec & in_period).sum()),
        "non_cny_loans": int((~cny).sum()),
        "non_cny_declared": int((~cny & dec).sum()),
    }
    g = loans[cny & dec].assign(amount=amt)
    by = (g.groupby(["declared_edition", "category"], dropna=False)
          .agg(loans=("loan_id", "size"), amount=("amount", "sum")).reset_index())
    names = level1_names(by["declared_edition"].unique())
    by["name"] = [names.get((e, c), "") for e, c in
                  zip(by["declared_edition"], by["category"], strict=True)]
    return out, by


# --------------------------------------------------------------------------- reductions


def reduction_frame(loans: pd.DataFrame) -> pd.DataFrame:
    """The bank's declared green loans, with its declared item as the tag."""
    d = loans[loans["declared"] & (loans["declared_code"] != "")].copy()
    d["edition"] = d["declared_edition"]
    d["item_code"] = d["declared_code"]
    d["item_name"] = ""
    d["tag_status"] = "aligned"
    d["taxonomy"] = "declared"
    return d


def declared_factor_table(declared: Declared, fs: FactorSet, year: int) -> pd.DataFrame:
    """Declared grid factors with the official value of the same region and data year."""
    figs = declared.lists.get("emission_reductions.grid_factors", [])
    cols = ["path", "region_input", "region", "level", "year", "declared", "official",
            "official_year", "official_document", "latest_year", "latest_value", "usable"]
    if not figs:
        return pd.DataFrame(columns=cols)
    rows = pd.DataFrame({
        "path": [f.path for f in figs],
        "region_input": [str(f.extra.get("region", "")).strip() for f in figs],
        "year": pd.to_numeric(pd.Series([f.extra.get("year") for f in figs]),
                              errors="coerce"),
        "declared": [f.value for f in figs]})
    norm = normalise_regions(rows["region_input"].astype("string"), fs)
    rows["region"] = norm["province"].where(norm["level"] == "province",
                                            norm["grid"].where(norm["level"] == "grid",
                                                               "全国"))
    rows["level"] = norm["level"]
    e = fs.electricity[fs.electricity["series"] == DEFAULT_SERIES]
    exact = e.set_index(["region_zh", "year"])["value"]
    docs = e.set_index(["region_zh", "year"])["document"]
    keys = list(zip(rows["region"], rows["year"].fillna(-1).astype(int), strict=True))
    rows["official"] = [float(exact.get(k, np.nan)) for k in keys]
    rows["official_year"] = [k[1] if k in exact.index else np.nan for k in keys]
    rows["official_document"] = [str(docs.get(k, "")) for k in keys]
    latest = electricity_factors(rows["region_input"].astype("string"), year, fs=fs)
    rows["latest_year"] = latest["factor_year"].to_numpy()
    rows["latest_value"] = latest["factor_value"].to_numpy()
    rows["usable"] = rows["declared"].notna() & (rows["region_input"] != "") & \
        (norm["level"] != "unknown").to_numpy()
    return rows[cols]


def with_declared_factors(fs: FactorSet, table: pd.DataFrame) -> FactorSet | None:
    """A copy of the factor set where each declared region uses the declared value."""
    t = table[table["usable"]]
    if t.empty:
        return None
    e = fs.electricity.copy()
    for region, value in zip(t["region"], t["declared"], strict=True):
        mask = (e["series"] == DEFAULT_SERIES) & (e["region_zh"] == region)
        e.loc[mask, "value"] = float(value)
    return dataclasses.replace(fs, electricity=e)


def reduction_totals(rows: pd.DataFrame) -> dict:
    if rows is None or rows.empty:
        return {"project_total": 0.0, "attributed": 0.0, "loans_ok": 0, "loans_missing": 0}
    counted = rows["status"].isin(OK_STATUSES)
    once = counted & rows["project_counted"].astype(bool)
    return {"project_total": float(rows.loc[once, "reduction_tco2e"].sum()),
            "attributed": float(rows.loc[counted, "attributed_reduction_tco2e"].sum()),
            "loans_ok": int(counted.sum()),
            "loans_missing": int((~counted).sum())}


# --------------------------------------------------------------------------- report text


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def report_text(path: Path) -> tuple[str | None, str]:
    """Plain text of the published report (HTML parsed, PDF via pdftotext or pypdf)."""
    if path.suffix.lower() in (".html", ".htm"):
        p = _Text()
        try:
            p.feed(path.read_text(encoding="utf-8-sig", errors="replace"))
        except Exception as exc:  # malformed markup: report, do not crash
            return None, f"report cannot be parsed as HTML: {exc}"
        return "".join(p.parts), ""
    exe = shutil.which("pdftotext")
    if exe:
        try:
            out = subprocess.run([exe, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                 timeout=60, check=False)
            if out.returncode == 0:
                return out.stdout.decode("utf-8", errors="replace"), ""
        except (OSError, subprocess.TimeoutExpired):
            pass
    try:
        import pypdf

        reader = pypdf.PdfReader(str(path))
        return "\n".join((pg.extract_text() or "") for pg in reader.pages), ""
    except ImportError:
        return None, "report.pdf cannot be read: neither pdftotext nor pypdf is installed"
    except Exception as exc:  # a broken PDF
        return None, f"report.pdf cannot be read: {exc}"


# --------------------------------------------------------------------------- driver


def _declared_parts(declared: Declared, frame: pd.DataFrame, fs: FactorSet, year: int,
                    opts: ReductionOptions) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    factors = declared_factor_table(declared, fs, year)
    fs_decl = with_declared_factors(fs, factors)
    red_decl = compute_reductions(frame, opts, fs=fs_decl, year=year) if fs_decl else None
    return factors, red_decl


def _with_declared_totals(rt: dict, red_decl: pd.DataFrame | None) -> dict:
    rt = {k: v for k, v in rt.items() if not k.endswith("_declared_factors")}
    if red_decl is not None:
        rd = reduction_totals(red_decl)
        rt["project_total_declared_factors"] = rd["project_total"]
        rt["attributed_declared_factors"] = rd["attributed"]
    return rt


def apply_declared(d: Derived, doc: dict) -> Derived:
    """The same submission with other declared figures (no re-tagging): for what-if checks."""
    declared = parse_declared(doc)
    year = d.manifest.reporting_year
    opts = ReductionOptions(taxonomy="declared", year=year)
    factors, red_decl = _declared_parts(declared, reduction_frame(d.loans), d.fs, year, opts)
    return dataclasses.replace(d, declared=declared, grid_factors=factors,
                               reductions_declared_factors=red_decl,
                               reduction_totals=_with_declared_totals(d.reduction_totals,
                                                                      red_decl))


def derive(sub: Submission) -> Derived:
    m = parse_manifest(sub.manifest)
    declared = parse_declared(sub.declared)
    tr = tag_loans(sub, m)
    loans = loan_frame(tr)
    tot, by_cat = totals(loans, m)
    fs = load_factors()
    year = m.reporting_year
    frame = reduction_frame(loans)
    opts = ReductionOptions(taxonomy="declared", year=year)
    red = compute_reductions(frame, opts, fs=fs, year=year)
    factors, red_decl = _declared_parts(declared, frame, fs, year, opts)
    rt = _with_declared_totals(reduction_totals(red), red_decl)
    fin = ops = None
    if "financed" in sub.files:
        try:
            fin = financed(sub.files["financed"], FinancedOptions(year=year,
                                                                  amount_unit=m.amount_unit))
        except GreenkitError as exc:
            raise SubmissionError(f"financed data cannot be used: {exc}",
                                  path=str(sub.source)) from exc
    if "operations" in sub.files:
        try:
            ops = footprint(sub.files["operations"], FootprintOptions(year=year))
        except GreenkitError as exc:
            raise SubmissionError(f"operations data cannot be used: {exc}",
                                  path=str(sub.source)) from exc
    text, problem = (report_text(sub.files["report"]) if "report" in sub.files
                     else (None, ""))
    return Derived(sub=sub, manifest=m, declared=declared, tag=tr, loans=loans, totals=tot,
                   by_category=by_cat, reductions=red, reductions_declared_factors=red_decl,
                   reduction_totals=rt, grid_factors=factors, financed=fin, operations=ops,
                   report_text=text, report_problem=problem, fs=fs)


__all__ = ["Derived", "Manifest", "ROW", "apply_declared", "derive", "parse_manifest"]
