"""Profiles: the narrative a user writes for a report, as YAML.

A profile holds words, not figures: governance, policies, products, the risk
process, risks and opportunities, data governance, innovation — and the inputs
greenkit computes from (own-operations activity data, employees, water and
paper). Text fields are a string or a mapping ``{zh: …, en: …}``; the report
picks its language and falls back to the other one (and says so).

``load_profile(path, kind)`` checks the shape against ``SCHEMAS`` and raises a
``ConfigError`` naming the file and the key (``institution.yaml: governance.bodies[2]:
expected a mapping``); unknown keys are errors too, so a typo is not silently
dropped from the report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from greenkit.errors import ConfigError, InputFileNotFound
from greenkit.io.yamlfile import load_yaml_text

# A schema is a dict of key → spec. A spec is a type name, or a (type, sub-schema)
# pair for mappings and lists of mappings. A key ending in "!" is required.
TEXT, NUM, DATE, BOOL, STR, ANY = "text", "number", "date", "bool", "str", "any"
TEXTS = ("list", TEXT)
QTY = ("mapping", {"quantity!": NUM, "unit!": STR, "note": TEXT})
NAMED = ("list", ("mapping", {"name!": TEXT, "year": ANY, "category": TEXT,
                              "description": TEXT, "summary": TEXT}))

SCHEMAS: dict[str, dict] = {
    "institution": {
        "report!": ("mapping", {"title": TEXT, "period_start!": DATE, "period_end!": DATE,
                                "published": DATE, "contact": TEXT, "illustrative": BOOL,
                                "scope": TEXT}),
        "institution!": ("mapping", {"name!": TEXT, "short_name": TEXT, "type": TEXT,
                                     "region": TEXT, "address": TEXT, "website": STR,
                                     "description": TEXT}),
        "overview!": ("mapping", {"summary!": TEXT, "highlights": TEXTS}),
        "governance!": ("mapping", {"summary!": TEXT, "bodies": ("list", ("mapping", {
            "body!": TEXT, "role!": TEXT}))}),
        "policies!": ("mapping", {"summary!": TEXT, "internal": NAMED, "external": TEXTS}),
        "products!": ("mapping", {"summary!": TEXT, "items": NAMED}),
        "risk_management!": ("mapping", {"summary!": TEXT, "steps": ("list", ("mapping", {
            "stage!": TEXT, "description!": TEXT}))}),
        "impacts!": ("mapping", {
            "summary!": TEXT,
            "risks": ("list", ("mapping", {"name!": TEXT, "type!": STR, "horizon": TEXT,
                                           "description!": TEXT})),
            "opportunities": ("list", ("mapping", {"name!": TEXT, "horizon": TEXT,
                                                   "description!": TEXT})),
            "quantitative": TEXT}),
        "investments": ("mapping", {"summary": TEXT, "measures": TEXT}),
        "operations!": ("mapping", {"summary": TEXT, "employees!": NUM, "water": QTY,
                                    "paper": QTY, "measures": TEXT,
                                    "footprint!": ("mapping", None)}),
        "data_governance!": ("mapping", {"summary!": TEXT, "controls": TEXTS}),
        "innovation!": ("mapping", {"summary!": TEXT, "items": NAMED}),
        "other!": TEXT,
    },
    "company": {
        "report!": ("mapping", {"title": TEXT, "period_start!": DATE, "period_end!": DATE,
                                "published": DATE, "exchange!": STR, "contact": TEXT,
                                "illustrative": BOOL, "scope": TEXT, "basis": TEXT}),
        "company!": ("mapping", {"name!": TEXT, "stock_code": STR, "industry": TEXT,
                                 "region": TEXT, "description": TEXT, "employees": NUM,
                                 "revenue": QTY}),
        "materiality!": ("mapping", {"summary!": TEXT, "method": TEXT, "topics!": ("list", (
            "mapping", {"id!": STR, "name!": TEXT, "financial!": BOOL, "impact!": BOOL,
                        "note": TEXT}))}),
        "climate!": ("mapping", {
            "governance!": TEXT,
            "strategy!": ("mapping", {
                "summary": TEXT,
                "risks": ("list", ("mapping", {"name!": TEXT, "type!": STR, "horizon": TEXT,
                                               "description!": TEXT, "financial_effect": TEXT})),
                "opportunities": ("list", ("mapping", {"name!": TEXT, "horizon": TEXT,
                                                       "description!": TEXT})),
                "transition_plan!": TEXT, "resilience": TEXT}),
            "irom!": TEXT,
            "targets": ("list", ("mapping", {"name!": TEXT, "scope": STR, "base_year": NUM,
                                             "target_year": NUM, "reduction_pct": NUM,
                                             "type": TEXT, "note": TEXT})),
            "measures": TEXT}),
        "topics": ("list", ("mapping", {"id!": STR, "name!": TEXT, "governance!": TEXT,
                                        "strategy!": TEXT, "irom!": TEXT,
                                        "metrics_targets!": TEXT})),
        "environment!": ("mapping", {"pollution": TEXT, "waste": TEXT, "ecosystems": TEXT,
                                     "compliance": TEXT, "energy": TEXT, "water": TEXT,
                                     "water_use": QTY, "circular": TEXT}),
    },
}


def _is_text(v: Any) -> bool:
    if isinstance(v, str):
        return True
    return (isinstance(v, dict) and bool(v) and set(v) <= {"zh", "en"}
            and all(isinstance(x, str) for x in v.values()))


def _check(value: Any, spec, where: str, path: Path) -> None:
    kind, sub = (spec, None) if isinstance(spec, str) else spec
    bad = None
    if kind == TEXT and not _is_text(value):
        bad = "expected text (a string or {zh: …, en: …})"
    elif kind == STR and not isinstance(value, str | int):
        bad = "expected a string"
    elif kind == NUM and (isinstance(value, bool) or not isinstance(value, int | float)):
        bad = "expected a number"
    elif kind == BOOL and not isinstance(value, bool):
        bad = "expected true or false"
    elif kind == DATE and not isinstance(value, dt.date):
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            bad = "expected a date YYYY-MM-DD"
    elif kind == "list":
        if not isinstance(value, list):
            bad = "expected a list"
        else:
            for i, item in enumerate(value):
                _check(item, sub, f"{where}[{i}]", path)
    elif kind == "mapping":
        if not isinstance(value, dict):
            bad = "expected a mapping"
        elif sub is not None:
            _check_mapping(value, sub, where, path)
    if bad:
        raise ConfigError(f"{where}: {bad} (got {type(value).__name__})", path=path, key=where)


def _check_mapping(doc: dict, schema: dict, where: str, path: Path) -> None:
    keys = {k.rstrip("!"): k.endswith("!") for k in schema}
    specs = {k.rstrip("!"): v for k, v in schema.items()}
    prefix = f"{where}." if where else ""
    unknown = sorted(set(map(str, doc)) - set(keys))
    if unknown:
        raise ConfigError(f"{prefix}{unknown[0]}: unknown key (expected one of "
                          f"{', '.join(keys)})", path=path, key=prefix + unknown[0])
    for k, required in keys.items():
        if k not in doc or doc[k] is None:
            if required:
                raise ConfigError(f"{prefix}{k}: required key is missing", path=path,
                                  key=prefix + k)
            continue
        _check(doc[k], specs[k], prefix + k, path)


def load_profile(path: str | Path, kind: str) -> dict:
    """Read and check a profile YAML (``kind``: ``institution`` or ``company``)."""
    p = Path(path)
    if kind not in SCHEMAS:
        raise ConfigError(f"unknown profile kind {kind!r}")
    if not p.exists():
        raise InputFileNotFound(f"{p} does not exist", path=p)
    try:
        doc = load_yaml_text(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=p) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("profiles must be UTF-8 text", path=p) from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"expected a {kind} profile (a mapping with "
                          f"{', '.join(k.rstrip('!') for k in SCHEMAS[kind])})", path=p)
    _check_mapping(doc, SCHEMAS[kind], "", p)
    return doc


def localise(value: Any, lang: str, missing: list[str] | None = None, where: str = "") -> Any:
    """Replace every ``{zh, en}`` text by the text in ``lang`` (the other one if absent).

    ``missing`` collects the keys that fell back to the other language.
    """
    if _is_text(value) and isinstance(value, dict):
        if lang in value:
            return value[lang]
        if missing is not None:
            missing.append(where)
        return next(iter(value.values()))
    if isinstance(value, dict):
        return {k: localise(v, lang, missing, f"{where}.{k}" if where else str(k))
                for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, lang, missing, f"{where}[{i}]") for i, v in enumerate(value)]
    return value
