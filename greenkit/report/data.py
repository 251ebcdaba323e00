"""Figures for the reports, computed on whole columns from greenkit's own outputs.

Nothing here is typed in: green-loan balances come from a tagged folder
(``loans.parquet`` + ``tagged.csv``), reductions / financed emissions / the
碳减排支持工具 table from ``greenkit.carbon`` (files of a carbon folder, or
computed now), own-operations emissions from ``greenkit.carbon.footprint``.
Every table and figure is registered with an id (``T-7.1``), the file it comes
from and the filter that reproduces it, for the report's data appendix.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from greenkit.errors import InputError, InputFileNotFound
from greenkit.report.render import catalog, chart_svg, fmt_number, fmt_pct, fmt_wan, translate

GREEN = ("aligned", "eligible")
TAXONOMY = "in-force"


# --------------------------------------------------------------------------- registry


@dataclass
class Registry:
    """Collects the report's tables and figures (ids, sources, filters) as it builds them."""

    lang: str
    items: list[dict] = field(default_factory=list)

    def t(self, key: str, **kw) -> str:
        return translate(key, self.lang, **kw)

    def label(self, prefix: str, value) -> str:
        """Label of a vocabulary value (``status.aligned``); the value itself if unknown."""
        return catalog(self.lang).get(f"{prefix}.{value}", str(value))

    def table(self, tid: str, caption: str, columns: list[tuple[str, bool]], rows: list[list],
              *, source: str, filter: str, notes: list[str] | None = None,
              total: bool = False, cls: str = "") -> dict:
        """``columns``: (label, numeric?) pairs; ``rows``: lists of display strings."""
        tb = {"id": tid, "kind": "table", "caption": caption, "cls": cls,
              "columns": [{"label": c, "num": n} for c, n in columns],
              "rows": [["" if c is None else str(c) for c in r] for r in rows],
              "notes": notes or [], "source": source, "filter": filter, "total": total}
        self.items.append(tb)
        return tb

    def figure(self, fid: str, caption: str, kind: str, data: dict, *, source: str,
               filter: str, notes: list[str] | None = None) -> dict | None:
        if not data.get("labels"):
            return None
        fg = {"id": fid, "kind": "figure", "caption": caption,
              "svg": chart_svg(kind, {**data, "draw_title": False}, f"{fid} {caption}",
                               self.lang),
              "source": source, "filter": filter, "notes": notes or []}
        self.items.append(fg)
        return fg


def trace_items(items: list[dict]) -> list[dict]:
    """Tables and figures for the appendix's trace table, in reading order (T-1.1 … F-8.1)."""
    def key(it: dict):
        prefix, _, num = it["id"].partition("-")
        parts = [int(x) if x.isdigit() else 0 for x in num.split(".")]
        return (parts, 0 if prefix == "T" else 1)

    return sorted((it for it in items if not it["id"].startswith("T-A")), key=key)


# --------------------------------------------------------------------------- tagged


@dataclass
class Tagged:
    folder: Path
    frame: pd.DataFrame
    summary: dict

    @property
    def as_of(self) -> str:
        return str(self.summary.get("as_of") or "")


def load_tagged(folder: str | Path, taxonomy: str = TAXONOMY) -> Tagged:
    """A tagged folder (``greenkit tag BOOK -o DIR``) as one frame plus its summary."""
    from greenkit.carbon.reductions import read_tagged

    folder = Path(folder)
    if not folder.is_dir():
        raise InputFileNotFound(f"{folder} is not a folder written by `greenkit tag`",
                                path=folder)
    frame, summary = read_tagged(folder, taxonomy)
    if not summary:
        raise InputFileNotFound(f"{folder / 'summary.json'} not found: the report needs the "
                                "tagging summary (input hash, editions, as-of date)",
                                path=folder / "summary.json")
    frame["outstanding"] = pd.to_numeric(frame["outstanding"], errors="coerce")
    frame["currency"] = frame["currency"].astype("string").fillna("")
    frame["tag_status"] = frame["tag_status"].astype("string").fillna("")
    frame["edition"] = frame["edition"].astype("string").fillna("")
    frame["item_code"] = frame["item_code"].astype("string").fillna("")
    return Tagged(folder=folder, frame=frame, summary=summary)


def is_green(frame: pd.DataFrame) -> pd.Series:
    return frame["tag_status"].isin(GREEN)


def coverage(frame: pd.DataFrame) -> dict[str, dict]:
    """Per currency: loans, balance (元), green loans and balance, share by amount."""
    g = is_green(frame)
    agg = pd.DataFrame({"currency": frame["currency"], "n": 1, "amount": frame["outstanding"],
                        "green_n": g.astype(int),
                        "green_amount": frame["outstanding"].where(g, 0.0)})
    out = {}
    for cur, x in agg.groupby("currency", sort=True):
        amount, green_amount = float(x["amount"].sum()), float(x["green_amount"].sum())
        out[str(cur)] = {"count": int(x["n"].sum()), "amount": amount,
                         "green_count": int(x["green_n"].sum()), "green_amount": green_amount,
                         "share": green_amount / amount if amount else None}
    return out


@lru_cache(maxsize=16)
def _edition_info(edition: str) -> dict:
    from greenkit.taxonomy import load_taxonomy

    t = load_taxonomy(edition)
    anc = t.ancestor_map(1)
    names = dict(zip(t.items["code"], zip(t.items["name_zh"], t.items["name_en"],
                                          strict=True), strict=True))
    return {"ancestor": anc, "names": names, "doc": t.manifest.get("document_number", ""),
            "title_zh": t.title_zh, "title_en": t.title_en,
            "effective_from": str(t.effective_from or "")}


def edition_short(edition: str, lang: str) -> str:
    """``2019版`` / ``2019 ed.`` (the year the edition took effect)."""
    year = _edition_info(edition)["effective_from"][:4] if edition else ""
    return f"{year}版" if lang == "zh" else f"{year} ed."


def edition_label(edition: str, lang: str) -> str:
    """The catalogue's title (its document number is in the appendix, T-A.2)."""
    if not edition:
        return ""
    info = _edition_info(edition)
    return info["title_zh"] if lang == "zh" else info["title_en"]


def first_levels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """First-level category code and name of each row's in-force item (per edition)."""
    code = pd.Series("", index=frame.index, dtype="string")
    name = pd.Series("", index=frame.index, dtype="string")
    col = 0 if lang == "zh" else 1
    for edition in frame["edition"].unique():
        if not edition:
            continue
        info = _edition_info(str(edition))
        m = frame["edition"] == edition
        c = frame.loc[m, "item_code"].map(info["ancestor"]).fillna("")
        code[m] = c
        name[m] = c.map({k: v[col] for k, v in info["names"].items()}).fillna("")
    return pd.DataFrame({"first_code": code, "first_name": name})


def green_by_category(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Green CNY loans by (edition, first-level category): loans, balance (元), share."""
    g = frame[is_green(frame) & (frame["currency"] == "CNY")]
    levels = first_levels(g, lang)
    x = pd.DataFrame({"edition": g["edition"], "first_code": levels["first_code"],
                      "first_name": levels["first_name"], "amount": g["outstanding"]})
    out = (x.groupby(["edition", "first_code", "first_name"], sort=False)
           .agg(loans=("amount", "size"), amount=("amount", "sum")).reset_index())
    eff = out["edition"].map(lambda e: _edition_info(e)["effective_from"])
    key = out["first_code"].str.split(".").str[0].astype(int)
    out = out.assign(_eff=eff, _key=key).sort_values(["_eff", "_key"]).drop(
        columns=["_eff", "_key"]).reset_index(drop=True)
    total = out["amount"].sum()
    out["share"] = out["amount"] / total if total else np.nan
    return out


def quarter_of(dates: pd.Series) -> pd.Series:
    d = pd.to_datetime(dates, errors="coerce")
    q = d.dt.year.astype("Int64").astype("string") + "Q" + d.dt.quarter.astype("Int64").astype(
        "string")
    return q


def green_by_approval_quarter(frame: pd.DataFrame) -> pd.DataFrame:
    """Outstanding green CNY balance by the quarter the loan was approved."""
    g = frame[is_green(frame) & (frame["currency"] == "CNY")]
    q = quarter_of(g["approval_date"])
    x = pd.DataFrame({"quarter": q, "amount": g["outstanding"]}).dropna(subset=["quarter"])
    return (x.groupby("quarter", sort=True).agg(loans=("amount", "size"),
                                                amount=("amount", "sum")).reset_index())


# --------------------------------------------------------------------------- high carbon


@lru_cache(maxsize=1)
def high_carbon_codes() -> tuple[str, ...]:
    """GB/T 4754-2017 codes greenkit treats as high-carbon (flags.yaml, GW04 params)."""
    from greenkit.tag.flags import definitions

    return tuple(str(c) for c in definitions()["GW04"]["params"]["industry_codes"])


@lru_cache(maxsize=1)
def industry_names() -> pd.DataFrame:
    from greenkit.paths import taxonomies_dir

    path = taxonomies_dir() / "industry" / "gbt4754-2017.csv"
    if not path.exists():
        return pd.DataFrame(columns=["code", "name_zh", "name_en"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)[["code", "name_zh", "name_en"]]


def industry_name(code: str, lang: str) -> str:
    names = industry_names()
    hit = names[names["code"] == code]
    return "" if hit.empty else str(hit.iloc[0]["name_zh" if lang == "zh" else "name_en"])


def high_carbon_exposure(frame: pd.DataFrame) -> pd.DataFrame:
    """CNY loans whose industry code starts with a GW04 code: per code, loans, balance, green."""
    codes = high_carbon_codes()
    ind = frame["industry_code"].astype("string").fillna("")
    cny = frame["currency"] == "CNY"
    match = pd.Series("", index=frame.index, dtype="string")
    for c in sorted(codes, key=len):  # a handful of codes; longer codes win
        match[ind.str.startswith(c)] = c
    hit = cny & (match != "")
    x = pd.DataFrame({"code": match[hit], "amount": frame.loc[hit, "outstanding"],
                      "green": is_green(frame)[hit]})
    x["green_amount"] = x["amount"].where(x["green"], 0.0)
    out = (x.groupby("code", sort=True).agg(loans=("amount", "size"), amount=("amount", "sum"),
                                            green_loans=("green", "sum"),
                                            green_amount=("green_amount", "sum"))
           .reindex(list(codes)).dropna(subset=["loans"]).reset_index())
    out["loans"] = out["loans"].astype(int)
    out["green_loans"] = out["green_loans"].astype(int)
    return out


# --------------------------------------------------------------------------- carbon folder


def find_file(folder: Path | None, name: str) -> Path | None:
    """``folder/name`` or ``folder/*/name`` (the layout `greenkit demo` writes)."""
    if folder is None:
        return None
    folder = Path(folder)
    if not folder.is_dir():
        raise InputFileNotFound(f"{folder} is not a folder of `greenkit carbon` outputs",
                                path=folder)
    direct = folder / name
    if direct.exists():
        return direct
    hits = sorted(folder.glob(f"*/{name}"))
    return hits[0] if hits else None


def read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read JSON: {exc}", path=path) from exc


def read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype={"loan_id": str})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV: {exc}", path=path) from exc


@dataclass
class Reductions:
    summary: dict
    by_method: pd.DataFrame
    rows: pd.DataFrame
    source: str  # where it came from (file name or "computed")


def load_reductions(tagged: Tagged, carbon: Path | None) -> Reductions:
    """reductions_summary.json of the carbon folder, else computed now from the tagged folder."""
    path = find_file(carbon, "reductions_summary.json")
    if path is not None:
        summary = read_json(path)
        by_method = read_csv(path.parent / "reductions_by_method.csv")
        rows = read_csv(path.parent / "reductions.csv")
        return Reductions(summary, by_method, rows,
                          f"{path.parent.name}/reductions.csv")
    from greenkit.carbon.reductions import ReductionOptions, reductions

    res = reductions(tagged.folder, ReductionOptions())
    return Reductions(res.summary, res.by_method, res.rows, "greenkit.carbon.reductions")


@dataclass
class Financed:
    summary: dict
    by_asset_class: pd.DataFrame
    by_sector: pd.DataFrame
    source: str


def load_financed(carbon: Path | None) -> Financed | None:
    path = find_file(carbon, "financed_summary.json")
    if path is None:
        return None
    return Financed(read_json(path), read_csv(path.parent / "financed_by_asset_class.csv"),
                    read_csv(path.parent / "financed_by_sector.csv"),
                    f"{path.parent.name}/financed.csv")


# --------------------------------------------------------------------------- own operations


def operations_footprint(activity: dict, profile_path: Path, where: str):
    """``greenkit.carbon.footprint`` on an activity mapping embedded in a profile.

    Returns (FootprintResult, company, section frames); errors name the profile key.
    """
    import tempfile

    import yaml

    from greenkit.carbon.footprint import FootprintOptions, footprint, read_activity
    from greenkit.errors import GreenkitError
    from greenkit.io.read import file_sha256

    with tempfile.TemporaryDirectory(prefix="greenkit-ops-") as tmp:
        path = Path(tmp) / "activity.yaml"
        path.write_text(yaml.safe_dump(activity, allow_unicode=True), encoding="utf-8")
        try:
            res = footprint(path, FootprintOptions())
            company, frames = read_activity(path)
        except GreenkitError as exc:
            msg = str(exc).replace(f"{path}: ", "").replace(str(path), "")
            raise type(exc)(f"{where}: {msg}", path=profile_path) from exc
    res.summary["input"] = {"path": f"{profile_path.name}#{where}",
                            "sha256": file_sha256(profile_path)}
    return res, company, frames


def footprint_item(r, t) -> str:
    """Readable item of a footprint line (market-based lines get a translated label)."""
    if r.category == "market-based":
        zero = not pd.isna(r.factor_value) and float(r.factor_value) == 0.0
        return t("scope.s2_market") + " · " + t("ops.market_green" if zero else "ops.market_rest")
    text = "" if pd.isna(r.description) else str(r.description)
    return text or ("" if pd.isna(r.region) else str(r.region))


def activity_footprint(path: Path):
    """``greenkit.carbon.footprint`` on an activity file; (result, company, frames)."""
    from greenkit.carbon.footprint import FootprintOptions, footprint, read_activity

    res = footprint(path, FootprintOptions())
    company, frames = read_activity(path)
    return res, company, frames


def energy_use(company: dict, frames: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """Energy use lines: electricity (MWh) and fuels (GJ), with tce, from activity data."""
    from greenkit.carbon.factors import fuel_emissions, load_factors
    from greenkit.units import conversion_factor

    fs = load_factors()
    tce_gj = fs.other_factor("tce_energy")["value"]  # GJ per tce
    kgce_kwh = fs.other_factor("electricity_coal_equivalent_calorific")["value"]
    rows = []
    elec = frames.get("electricity", pd.DataFrame())
    if len(elec) and "quantity" in elec:
        units = elec["unit"].astype(str)
        factor = units.map(lambda u: conversion_factor(u, "MWh", "electricity.unit"))
        mwh = pd.to_numeric(elec["quantity"], errors="coerce") * factor
        region = (elec["region"] if "region" in elec else pd.Series("", index=elec.index)
                  ).fillna("").astype(str)
        site = (elec["site"] if "site" in elec else region).fillna("").astype(str)
        label = (site + "（" + region + "）") if lang == "zh" else (site + " (" + region + ")")
        rows.append(pd.DataFrame({
            "kind": "electricity", "label": label.where(site != region, region),
            "site": site, "quantity": pd.to_numeric(elec["quantity"], errors="coerce"),
            "unit": units, "mwh": mwh, "gj": mwh * 3.6, "tce": mwh * kgce_kwh}))
    fuels = frames.get("fuels", pd.DataFrame())
    if len(fuels) and "quantity" in fuels:
        default = str(company.get("parameter_set") or "cn-gbt32150")
        pset = (fuels["parameter_set"].astype("object") if "parameter_set" in fuels
                else pd.Series(None, index=fuels.index, dtype="object")).fillna(default).astype(str)
        em = fuel_emissions(fuels["fuel"], fuels["quantity"], fuels["unit"].astype(str),
                            parameter_set=pset, fs=fs, where="fuels")
        label = (fuels["source"] if "source" in fuels else fuels["fuel"]).fillna("").astype(str)
        rows.append(pd.DataFrame({"kind": "fuel", "label": label, "site": label,
                                  "quantity": pd.to_numeric(fuels["quantity"], errors="coerce"),
                                  "unit": fuels["unit"].astype(str), "mwh": np.nan,
                                  "gj": em["energy_gj"], "tce": em["energy_gj"] / tce_gj}))
    cols = ["kind", "label", "site", "quantity", "unit", "mwh", "gj", "tce"]
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.concat(rows, ignore_index=True)[cols]


# --------------------------------------------------------------------------- provenance


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def input_row(role: str, name: str, sha: str | None) -> list[str]:
    return [role, name, sha or "—"]


def money_cells(amount_yuan: Any, share: Any = None) -> list[str]:
    cells = [fmt_wan(amount_yuan)]
    if share is not None:
        cells.append(fmt_pct(share))
    return cells


def n0(v: Any) -> str:
    return fmt_number(v, 0)
