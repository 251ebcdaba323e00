"""Parse the declared figures of a submission (``declared.yaml`` / ``.json``).

Every number is written with its unit::

    green_loans:
      balance: {value: 1234567.89, unit: 万元}
      prior_balance: {value: 1000000, unit: 万元}
      growth: {value: 23.46, unit: "%"}
      share: {value: 44.6, unit: "%"}
      by_category:
        - {catalogue: cn-green-bond-2021, code: "3", value: 456789.01, unit: 万元}
    emission_reductions:
      project_total: {value: 81234.5, unit: tCO2e}
      attributed: {value: 40321.0, unit: tCO2e}
      grid_factors:
        - {region: 福建, year: 2023, value: 0.4211, unit: tCO2/MWh}
    financed_emissions:
      total: {value: 123456, unit: tCO2e}        # Scope 1+2
      data_quality_score: 2.4                    # PCAF 1–5, no unit
    own_operations:
      scope1: {value: 812.3, unit: tCO2e}
      scope2: {value: 4567.8, unit: tCO2e}       # location-based
    disclosure:
      sections: [J01, J02, 数据梳理、校验及保护]  # element ids or titles located in the report

Values are converted with greenkit's one pint registry into the unit the
checks use (元, fraction, tCO2e, tCO2/MWh). A number without a unit, a unit
that cannot be understood or has the wrong dimension, or a value that is not a
number becomes a problem row (rule CHK-C04) and the figure is left out of the
recalculation. Very large numbers are kept as floats (``1e30`` 万元 is fine).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from greenkit.errors import UnitError
from greenkit.units import conversion_factor

#: kind → (canonical unit, human name)
KINDS = {
    "money": ("元", "an amount (元, 万元, 亿元)"),
    "percent": ("dimensionless", "a percentage (%)"),
    "emission": ("tCO2e", "an emission quantity (tCO2e, 万吨二氧化碳当量)"),
    "factor": ("tCO2/MWh", "an electricity factor (tCO2/MWh, kgCO2/kWh)"),
    "score": ("", "a score (no unit)"),
}
SCALARS = {
    "green_loans.balance": "money",
    "green_loans.prior_balance": "money",
    "green_loans.growth": "percent",
    "green_loans.share": "percent",
    "emission_reductions.project_total": "emission",
    "emission_reductions.attributed": "emission",
    "financed_emissions.total": "emission",
    "financed_emissions.data_quality_score": "score",
    "own_operations.scope1": "emission",
    "own_operations.scope2": "emission",
}
LISTS = {"green_loans.by_category": "money", "emission_reductions.grid_factors": "factor"}


@dataclass
class Figure:
    path: str
    kind: str
    raw_value: Any
    raw_unit: str
    value: float | None  # in the kind's canonical unit; None when unusable
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass
class Declared:
    scalars: dict[str, Figure]
    lists: dict[str, list[Figure]]
    sections: list[str]
    problems: list[dict]  # {path, value, unit, problem}
    present: set[str]

    def get(self, path: str) -> float | None:
        f = self.scalars.get(path)
        return f.value if f is not None else None


def _lookup(doc: dict, path: str) -> tuple[bool, Any]:
    cur: Any = doc
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return False, None
        cur = cur[part]
    return True, cur


def _number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        x = float(v)
        return x if math.isfinite(x) else None
    if isinstance(v, str):
        s = v.strip().replace(",", "").replace("，", "")
        try:
            x = float(s)
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def parse_figure(path: str, kind: str, node: Any, problems: list[dict]) -> Figure:
    """One declared number → Figure (value in the canonical unit, or None + a problem)."""
    extra: dict = {}
    if isinstance(node, dict):
        raw_value, raw_unit = node.get("value"), node.get("unit")
        extra = {k: v for k, v in node.items() if k not in ("value", "unit")}
    else:
        raw_value, raw_unit = node, None
    unit = "" if raw_unit is None else str(raw_unit).strip()
    fig = Figure(path=path, kind=kind, raw_value=raw_value, raw_unit=unit, value=None,
                 extra=extra)
    x = _number(raw_value)
    if x is None:
        problems.append({"path": path, "value": raw_value, "unit": unit,
                         "problem": "not a number" if raw_value is not None else "no value"})
        return fig
    target, human = KINDS[kind]
    if kind == "score":
        if unit:
            problems.append({"path": path, "value": raw_value, "unit": unit,
                             "problem": "a score has no unit"})
            return fig
        fig.value = x
        return fig
    if not unit:
        problems.append({"path": path, "value": raw_value, "unit": "",
                         "problem": f"no unit: state {human}"})
        return fig
    try:
        factor = conversion_factor(unit, target, where=path)
    except UnitError as exc:
        problems.append({"path": path, "value": raw_value, "unit": unit,
                         "problem": f"unit not usable for {human}: {exc}"})
        return fig
    fig.value = x * factor
    if not math.isfinite(fig.value):
        problems.append({"path": path, "value": raw_value, "unit": unit,
                         "problem": "value overflows after unit conversion"})
        fig.value = None
    return fig


def parse_declared(doc: dict) -> Declared:
    problems: list[dict] = []
    scalars: dict[str, Figure] = {}
    lists: dict[str, list[Figure]] = {}
    present: set[str] = set()
    for path, kind in SCALARS.items():
        found, node = _lookup(doc, path)
        if found and node is not None:
            present.add(path)
            scalars[path] = parse_figure(path, kind, node, problems)
    for path, kind in LISTS.items():
        found, node = _lookup(doc, path)
        if not found or node is None:
            continue
        present.add(path)
        if not isinstance(node, list):
            problems.append({"path": path, "value": str(node)[:80], "unit": "",
                             "problem": "must be a list of {value, unit, …} entries"})
            continue
        items = []
        for i, item in enumerate(node):
            where = f"{path}[{i}]"
            if not isinstance(item, dict):
                problems.append({"path": where, "value": str(item)[:80], "unit": "",
                                 "problem": "must be a mapping with value and unit"})
                continue
            items.append(parse_figure(where, kind, item, problems))
        lists[path] = items
    found, node = _lookup(doc, "disclosure.sections")
    sections = [str(s).strip() for s in node] if found and isinstance(node, list) else []
    return Declared(scalars=scalars, lists=lists, sections=sections, problems=problems,
                    present=present)
