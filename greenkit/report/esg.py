"""上市公司可持续发展报告 (SSE No. 14 / SZSE No. 17, 2024) from a company profile and activity data.

Structure: about the report; double materiality; 应对气候变化 under the four core
contents (治理 — 战略 — 影响、风险和机遇管理 — 指标与目标) with Scope 1/2 (and Scope 3
where the activity data gives it), energy, targets and the transition plan; the
other financially material topics under the same four contents; the other
environmental topics; a disclosure index (guideline topic and article, IFRS S2
paragraph, GRI 305 disclosure — ``esg_index.yaml``); the data appendix.

Emissions and energy are computed by ``greenkit.carbon.footprint`` from the
activity file (``samples/company_activity.yaml`` format); narrative and the
company's own targets come from the profile.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from greenkit import __version__
from greenkit.errors import ConfigError, InputFileNotFound
from greenkit.io.read import file_sha256
from greenkit.io.yamlfile import load_yaml_text
from greenkit.report import data as D
from greenkit.report.profile import load_profile, localise
from greenkit.report.render import fmt_number, write_report

TEMPLATE = "esg/report.html.j2"
EXCHANGES = ("SSE", "SZSE")

SECTIONS = [
    ("about", "1", 1), ("materiality", "2", 1), ("climate", "3", 1), ("c_gov", "3.1", 2),
    ("c_strategy", "3.2", 2), ("c_irom", "3.3", 2), ("c_metrics", "3.4", 2),
    ("topics", "4", 1), ("environment", "5", 1), ("index", "6", 1), ("appendix", "A", 1),
]
ENV_TOPICS = ("pollution", "waste", "ecosystems", "compliance", "energy", "water", "circular")


@lru_cache(maxsize=1)
def index_rows() -> tuple[dict, ...]:
    text = resources.files("greenkit.report").joinpath("esg_index.yaml").read_text("utf-8")
    return tuple(load_yaml_text(text)["rows"])


def sections(lang: str) -> tuple[list[dict], dict[str, dict]]:
    from greenkit.report.render import translate

    toc = [{"key": k, "id": f"sec-{k}", "number": n, "level": lvl,
            "title": translate(f"esg.sec.{k}", lang)} for k, n, lvl in SECTIONS]
    return toc, {s["key"]: s for s in toc}


def build_context(profile: str | Path, activity: str | Path, lang: str = "zh") -> dict:
    """Everything the sustainability-report template needs, in ``lang``."""
    profile, activity = Path(profile), Path(activity)
    if not activity.exists():
        raise InputFileNotFound(f"{activity} does not exist", path=activity)
    raw = load_profile(profile, "company")
    untranslated: list[str] = []
    prof = localise(raw, lang, untranslated)
    exchange = str(raw["report"]["exchange"]).upper()
    if exchange not in EXCHANGES:
        raise ConfigError(f"report.exchange: {exchange!r} is not SSE or SZSE", path=profile)
    reg = D.Registry(lang)
    t = reg.t
    toc, sec = sections(lang)
    for kind in ("risks", "opportunities"):
        for r in prof["climate"]["strategy"].get(kind) or []:
            if "type" in r:
                r["type_label"] = reg.label("risk_type", r["type"])

    # ------------------------------------------------------------------ footprint
    fp, company, frames = D.activity_footprint(activity)
    s = fp.summary
    tot = s["totals"]
    notes: list[str] = []
    act_name = str(company.get("name") or "")
    prof_name = raw["company"]["name"]
    names = set(prof_name.values()) if isinstance(prof_name, dict) else {prof_name}
    if act_name and act_name not in names:
        notes.append(t("esg.note.company_differs", activity=act_name))
    year = s["reporting_year"]
    if str(prof["report"]["period_end"])[:4] != str(year):
        notes.append(t("esg.note.year_differs", year=year))

    src = f"{activity.name} → company_footprint.csv"
    rows = [[t("scope.s1"), fmt_number(tot["scope1_tco2e"], 2)],
            [t("scope.s2_location"), fmt_number(tot["scope2_location_tco2e"], 2)]]
    if tot.get("scope2_market_tco2e") is not None:
        rows.append([t("scope.s2_market"), fmt_number(tot["scope2_market_tco2e"], 2)])
    for cat, v in (tot.get("scope3_by_category") or {}).items():
        rows.append([t("scope.s3_cat", cat=cat), fmt_number(v, 2)])
    s12 = (tot["scope1_tco2e"] or 0.0) + (tot["scope2_location_tco2e"] or 0.0)
    rows.append([t("scope.s12_total"), fmt_number(s12, 2)])
    ghg_notes = [t("esg.note.ghg", gwp=s["gwp_set"], series=s["electricity_series"], year=year)]
    insufficient = [i for i in s.get("insufficient_data") or [] if i["line"].startswith("scope3")]
    if insufficient:
        lines = fp.lines.set_index("line")
        ghg_notes.append(t("esg.note.insufficient", lines="; ".join(
            f"{lines.loc[i['line'], 'category']} · {lines.loc[i['line'], 'description']}"
            for i in insufficient)))
    if tot.get("scope3_tco2e") is None and not insufficient:
        ghg_notes.append(t("esg.note.no_scope3"))
    revenue = raw["company"].get("revenue")
    intensity = None
    if revenue:
        from greenkit.units import conversion_factor

        rev_wan = float(revenue["quantity"]) * conversion_factor(
            str(revenue["unit"]), "万元", f"{profile.name}: company.revenue.unit")
        intensity = s12 / rev_wan if rev_wan else None
        ghg_notes.append(t("esg.note.intensity", value=fmt_number(intensity, 4),
                           revenue=fmt_number(rev_wan, 2)))
    t_ghg = reg.table("T-3.1", t("esg.tbl.ghg"), [(t("col.scope"), False),
                                                  (t("col.tco2e"), True)],
                      rows, total=True, source=src, filter=t("esg.trace.ghg"), notes=ghg_notes)
    f_ghg = reg.figure(
        "F-3.1", t("esg.fig.ghg"), "bar",
        {"labels": [t("scope.s1"), t("scope.s2_location"), t("scope.s2_market"), t("scope.s3")],
         "values": [tot["scope1_tco2e"], tot["scope2_location_tco2e"],
                    tot.get("scope2_market_tco2e"), tot.get("scope3_tco2e")], "unit": "tCO2e"},
        source=src, filter=t("esg.trace.ghg"))
    energy = D.energy_use(company, frames, lang)
    e_rows = [[reg.label("energy", r.kind), r.label, f"{fmt_number(r.quantity, 2)} {r.unit}",
               fmt_number(r.mwh, 2), fmt_number(r.gj, 1), fmt_number(r.tce, 2)]
              for r in energy.itertuples(index=False)]
    e_rows.append([t("col.total"), "", "", fmt_number(energy["mwh"].sum(min_count=1), 2),
                   fmt_number(energy["gj"].sum(min_count=1), 1),
                   fmt_number(energy["tce"].sum(min_count=1), 2)])
    green_mwh = (s.get("market_based") or {}).get("green_mwh_used")
    t_energy = reg.table(
        "T-3.2", t("esg.tbl.energy"),
        [(t("col.category"), False), (t("col.item"), False), (t("col.quantity"), True),
         (t("col.energy_mwh"), True), (t("col.energy_gj"), True), (t("col.tce"), True)],
        e_rows, total=True, source=activity.name, filter=t("esg.trace.energy"),
        notes=[t("disclosure.note.tce")])
    elec = energy[energy["kind"] == "electricity"]
    f_energy = reg.figure(
        "F-3.2", t("esg.fig.energy"), "barh",
        {"labels": elec["label"].tolist(), "values": elec["mwh"].tolist(), "unit": "MWh"},
        source=activity.name, filter=t("esg.trace.energy"))
    lines = fp.lines
    t_lines = reg.table(
        "T-3.3", t("esg.tbl.ghg_sources"),
        [(t("col.scope"), False), (t("col.item"), False), (t("col.quantity"), True),
         (t("col.tco2e"), True), (t("col.factor"), False), (t("col.status"), False)],
        [[str(r.scope) + (f" · {r.category}" if isinstance(r.category, str) and r.category
                          and r.category != "market-based" else ""),
          D.footprint_item(r, t), f"{fmt_number(r.quantity, 2)} {r.unit}", fmt_number(r.tco2e, 2),
          "" if pd.isna(r.factor_value) else f"{fmt_number(r.factor_value, 4)} {r.factor_unit}",
          reg.label("line_status", r.status)] for r in lines.itertuples(index=False)],
        source=src, filter=t("esg.trace.ghg_sources"), notes=[t("esg.note.sources")])
    targets = prof["climate"].get("targets") or []
    t_targets = reg.table(
        "T-3.4", t("esg.tbl.targets"),
        [(t("col.target"), False), (t("col.scope"), False), (t("col.base_year"), True),
         (t("col.target_year"), True), (t("col.reduction_pct"), True), (t("col.type"), False)],
        [[x["name"], x.get("scope", ""), D.n0(x.get("base_year")) if x.get("base_year") else "—",
          D.n0(x.get("target_year")) if x.get("target_year") else "—",
          (fmt_number(x["reduction_pct"], 0) + "%") if x.get("reduction_pct") is not None
          else "—", x.get("type", "")] for x in targets],
        source=f"{profile.name}#climate.targets", filter=t("esg.trace.targets"),
        notes=[t("esg.note.targets")])
    mat = prof["materiality"]["topics"]
    t_mat = reg.table(
        "T-2.1", t("esg.tbl.materiality"),
        [(t("col.topic"), False), (t("col.financial"), False), (t("col.impact"), False),
         (t("col.description"), False)],
        [[x["name"], t("bool.t") if x["financial"] else t("bool.f"),
          t("bool.t") if x["impact"] else t("bool.f"), x.get("note", "")] for x in mat],
        source=f"{profile.name}#materiality.topics", filter=t("esg.trace.materiality"))

    # ------------------------------------------------------------------ index
    pillars = {k: t(f"esg.pillar.{k}") for k in ("governance", "strategy", "irom",
                                                 "metrics_targets")}
    index = []
    for r in index_rows():
        topic = t("esg.sec.climate") if r["topic"] == "climate" else t(f"esg.topic.{r['topic']}")
        guide = topic + (f" · {pillars[r['pillar']]}" if r.get("pillar") else "")
        if not r.get("topic_verified"):
            guide += f"（{t('esg.text.unverified')}）" if lang == "zh" else \
                f" ({t('esg.text.unverified')})"
        index.append({"disclosure": r[lang], "section": sec[r["section"]], "guideline": guide,
                      "article": r.get("article") or t("esg.text.unverified"),
                      "ifrs_s2": r["ifrs_s2"], "gri": r["gri"]})
    reg.items.append({"id": "T-6.1", "kind": "table", "caption": t("esg.tbl.index"),
                      "source": "greenkit/report/esg_index.yaml",
                      "filter": t("esg.trace.index")})

    # ------------------------------------------------------------------ appendix
    inputs = [D.input_row(t("input.activity"), activity.name, file_sha256(activity)),
              D.input_row(t("input.company_profile"), profile.name, file_sha256(profile))]
    t_inputs = reg.table("T-A.1", t("appendix.inputs"),
                         [(t("col.role"), False), (t("col.file"), False),
                          (t("col.sha256"), False)], inputs, source="—", filter="—")
    factor_rows = [[src_, t("bool.t") if ver else t("bool.f")] for src_, ver in
                   lines.dropna(subset=["factor_source"]).drop_duplicates("factor_source")[
                       ["factor_source", "factor_verified"]].itertuples(index=False)
                   if str(src_)]
    t_factors = reg.table("T-A.2", t("appendix.factors"),
                          [(t("col.document"), False), (t("col.verified"), False)],
                          factor_rows, source="taxonomies/factors/", filter="—",
                          notes=[t("appendix.factors_note")])
    if untranslated:
        notes.append(t("note.untranslated", keys=", ".join(untranslated[:8])))
    topics = [x for x in prof.get("topics") or []]
    env = prof["environment"]
    water = env.get("water_use")
    return {
        "doc": {"kind": "esg", "title": prof["report"].get("title") or t("esg.title"),
                "entity": prof["company"]["name"], "subtitle": t("esg.subtitle"),
                "period_start": prof["report"]["period_start"],
                "period_end": prof["report"]["period_end"], "as_of": "",
                "illustrative": bool(prof["report"].get("illustrative", False)),
                "published": prof["report"].get("published")},
        "toc": toc, "sec": sec, "p": prof, "notes": notes,
        "guideline": t(f"esg.exchange.{exchange}"),
        "fig": {"s1": fmt_number(tot["scope1_tco2e"], 2),
                "s2": fmt_number(tot["scope2_location_tco2e"], 2),
                "s2m": fmt_number(tot.get("scope2_market_tco2e"), 2),
                "s3": fmt_number(tot.get("scope3_tco2e"), 2),
                "mwh": fmt_number(energy["mwh"].sum(min_count=1), 2),
                "green_mwh": fmt_number(green_mwh, 2),
                "gj": fmt_number(energy.loc[energy["kind"] == "fuel", "gj"].sum(min_count=1), 1),
                "tce": fmt_number(energy["tce"].sum(min_count=1), 2),
                "water": (f"{fmt_number(water['quantity'], 2)} {water['unit']}" if water
                          else None)},
        "tables": {"ghg": t_ghg, "energy": t_energy, "lines": t_lines, "targets": t_targets,
                   "materiality": t_mat, "inputs": t_inputs, "factors": t_factors},
        "figures": {"ghg": f_ghg, "energy": f_energy},
        "topics": topics, "env_topics": [k for k in ENV_TOPICS if env.get(k)],
        "index": index, "trace": D.trace_items(reg.items),
        "provenance": {"version": __version__, "run_at": D.now(), "tagged_run_at": "",
                       "as_of": "", "standard": t(f"esg.exchange.{exchange}")},
    }


def esg_report(profile: str | Path, activity: str | Path, output: str | Path,
               lang: str = "zh") -> Path:
    """Write the sustainability report as ``.html`` or ``.pdf``."""
    return write_report(TEMPLATE, build_context(profile, activity, lang), Path(output), lang)
