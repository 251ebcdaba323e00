"""Recognition rules as data: load, validate and explain a rules file.

A rules file (``rules.yaml`` beside this module is greenkit's default) lists
rules with a stable id, names, a role, a *check* (one of the built-in,
vectorised checks in :mod:`greenkit.library.recognise`, chosen by name — no
expressions are evaluated), parameters and a source; plus tier definitions
and admission settings. A user's file is validated by the same code, and
every problem is reported with the file and the rule id.

Roles:

``require``  every such rule must pass (``on_fail: note`` records a failure
             without rejecting);
``qualify``  at least one such rule must pass (enterprise: 50 % *or* 30/30);
``screen``   a negative screen: the candidate is rejected when it fires;
             ``params.missing`` says what an absent value does;
``evidence`` supporting evidence, recorded, never decisive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from greenkit.errors import ConfigError
from greenkit.io.yamlfile import load_yaml_text

KINDS = ("enterprise", "project")
ROLES = ("require", "qualify", "screen", "evidence")
ON_FAIL = ("reject", "note")
MISSING = ("note", "reject", "pass")
TAG_STATUSES = ("aligned", "eligible", "not_aligned", "excluded", "not_eligible")
OPS = ("ge", "gt", "le", "lt", "eq", "ne")


@dataclass(frozen=True)
class Param:
    type: type | tuple[type, ...]
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] | None = None  # for lists of strings: allowed members


#: The checks greenkit implements, the kinds each applies to, and their parameters.
CHECKS: dict[str, tuple[tuple[str, ...], dict[str, Param]]] = {
    "credit_code_valid": (KINDS, {}),
    "catalogue_status": (("project",), {
        "taxonomy": Param(str, "in-force"),
        "statuses": Param(list, ["aligned"], choices=TAG_STATUSES),
    }),
    "reduction_quantified": (("project",), {
        "min_tco2e": Param((int, float), 0),
        "usable_statuses": Param(list, ["ok", "reported"]),
    }),
    "green_revenue_share": (("enterprise",), {"min_share": Param((int, float), 0.5)}),
    "main_line_green": (("enterprise",), {
        "min_revenue_share": Param((int, float), 0.3),
        "min_profit_share": Param((int, float), 0.3),
    }),
    "green_factory": (("enterprise",), {}),
    "env_penalty": (KINDS, {"years": Param((int, float), 3),
                            "missing": Param(str, "note", choices=MISSING)}),
    "env_credit_rating": (KINDS, {"reject": Param(list, ["红", "黑"],
                                                  choices=("绿", "蓝", "黄", "红", "黑")),
                                  "missing": Param(str, "note", choices=MISSING)}),
    "credit_blacklist": (KINDS, {"missing": Param(str, "note", choices=MISSING)}),
}

#: Decision variables a tier condition may name, per kind.
TIER_VARIABLES: dict[str, tuple[str, ...]] = {
    "project": ("carbon_effect", "taxonomy_status", "taxonomy_edition", "taxonomy_code",
                "reduction_tco2e", "outstanding", "loan_count", "industry_code", "region"),
    "enterprise": ("green_revenue_share", "main_line_revenue_share", "main_line_profit_share",
                   "total_revenue", "green_revenue", "factory_matched", "line_count"),
}


@dataclass(frozen=True)
class Rule:
    id: str
    name_zh: str
    name_en: str
    applies_to: tuple[str, ...]
    role: str
    check: str
    params: dict[str, Any]
    description: str = ""
    source: str = ""
    verified: bool = False
    on_fail: str = "reject"

    def name(self, lang: str = "zh") -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Tier:
    id: str
    label_zh: str
    label_en: str
    when: dict[str, Any]


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    official: bool
    title_zh: str
    title_en: str
    rules: tuple[Rule, ...]
    tiers: dict[str, tuple[Tier, ...]]
    validity_months: int
    path: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"

    def for_kind(self, kind: str) -> list[Rule]:
        return [r for r in self.rules if kind in r.applies_to]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def param(self, check: str, name: str) -> Any:
        """A parameter of the first rule using ``check`` (its default when none does)."""
        for r in self.rules:
            if r.check == check:
                return r.params[name]
        return CHECKS[check][1][name].default


def default_rules_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("rules.yaml")))


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Load and validate a rules file (greenkit's default when ``path`` is None)."""
    p = Path(path) if path is not None else default_rules_path()
    where = str(p)
    if not p.is_file():
        raise ConfigError(f"rules file not found: {p}", path=where)
    try:
        doc = load_yaml_text(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=where) from exc
    if not isinstance(doc, dict):
        raise ConfigError("a rules file is a mapping with id, version, rules, tiers", path=where)
    return parse_rules(doc, where)


def _need(d: dict, key: str, where: str, types=str) -> Any:
    if key not in d or d[key] in (None, ""):
        raise ConfigError(f"{where}: missing {key!r}")
    if not isinstance(d[key], types):
        raise ConfigError(f"{where}: {key!r} must be {getattr(types, '__name__', types)}")
    return d[key]


def parse_rules(doc: dict, where: str) -> RuleSet:
    rid = str(_need(doc, "id", where))
    version = str(_need(doc, "version", where, (str, int, float)))
    raw_rules = _need(doc, "rules", where, list)
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, d in enumerate(raw_rules, 1):
        rules.append(_parse_rule(d, f"{where}: rule #{i}", seen))
    for kind in KINDS:
        roles = {r.role for r in rules if kind in r.applies_to}
        if kind == "enterprise" and "qualify" not in roles:
            raise ConfigError(f"{where}: no `qualify` rule applies to enterprises; "
                              "an enterprise could never be recognised")
        if kind == "project" and not any(r.check == "catalogue_status" for r in rules):
            raise ConfigError(f"{where}: no catalogue_status rule; projects need one")
    tiers = _parse_tiers(doc.get("tiers") or {}, where)
    admission = doc.get("admission") or {}
    months = admission.get("validity_months", 12)
    if not isinstance(months, int) or months <= 0:
        raise ConfigError(f"{where}: admission.validity_months must be a positive whole number")
    known = {"id", "version", "official", "title_zh", "title_en", "rules", "tiers", "admission"}
    return RuleSet(
        id=rid, version=version, official=bool(doc.get("official", False)),
        title_zh=str(doc.get("title_zh", rid)), title_en=str(doc.get("title_en", rid)),
        rules=tuple(rules), tiers=tiers, validity_months=months, path=where,
        extra={k: v for k, v in doc.items() if k not in known})


def _parse_rule(d: Any, where: str, seen: set[str]) -> Rule:
    if not isinstance(d, dict):
        raise ConfigError(f"{where}: a rule is a mapping")
    rule_id = str(_need(d, "id", where))
    where = f"{where.rsplit(': ', 1)[0]}: rule {rule_id}"
    if rule_id in seen:
        raise ConfigError(f"{where}: id used twice")
    seen.add(rule_id)
    check = str(_need(d, "check", where))
    if check not in CHECKS:
        raise ConfigError(f"{where}: unknown check {check!r}; known: {', '.join(CHECKS)}")
    kinds, spec = CHECKS[check]
    applies = d.get("applies_to") or list(kinds)
    if isinstance(applies, str):
        applies = [applies]
    bad = [k for k in applies if k not in kinds]
    if bad:
        raise ConfigError(f"{where}: check {check} cannot apply to {bad}; it applies to {kinds}")
    role = str(_need(d, "role", where))
    if role not in ROLES:
        raise ConfigError(f"{where}: role {role!r} not one of {ROLES}")
    on_fail = str(d.get("on_fail", "reject"))
    if on_fail not in ON_FAIL:
        raise ConfigError(f"{where}: on_fail {on_fail!r} not one of {ON_FAIL}")
    params = _parse_params(d.get("params") or {}, spec, where)
    return Rule(id=rule_id, name_zh=str(d.get("name_zh", rule_id)),
                name_en=str(d.get("name_en", d.get("name_zh", rule_id))),
                applies_to=tuple(applies), role=role, check=check, params=params,
                description=" ".join(str(d.get("description", "")).split()),
                source=" ".join(str(d.get("source", "")).split()),
                verified=bool(d.get("verified", False)), on_fail=on_fail)


def _parse_params(given: Any, spec: dict[str, Param], where: str) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise ConfigError(f"{where}: params must be a mapping")
    unknown = sorted(set(given) - set(spec))
    if unknown:
        raise ConfigError(f"{where}: unknown parameter(s) {unknown}; known: {sorted(spec)}")
    out = {}
    for name, p in spec.items():
        value = given.get(name, p.default)
        if value is None and p.required:
            raise ConfigError(f"{where}: parameter {name!r} is required")
        if isinstance(value, bool) or not isinstance(value, p.type):
            raise ConfigError(f"{where}: parameter {name!r} = {value!r} has the wrong type")
        if p.choices:
            members = value if isinstance(value, list) else [value]
            bad = [m for m in members if str(m) not in p.choices]
            if bad:
                raise ConfigError(f"{where}: parameter {name!r}: {bad} not among {p.choices}")
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise ConfigError(f"{where}: parameter {name!r} must not be negative")
        out[name] = [str(m) for m in value] if isinstance(value, list) else value
    return out


def _parse_tiers(doc: Any, where: str) -> dict[str, tuple[Tier, ...]]:
    if not isinstance(doc, dict):
        raise ConfigError(f"{where}: tiers must be a mapping of kind → list")
    out: dict[str, tuple[Tier, ...]] = {}
    for kind, items in doc.items():
        if kind not in KINDS:
            raise ConfigError(f"{where}: tiers for unknown kind {kind!r}")
        tiers = []
        for j, t in enumerate(items or [], 1):
            w = f"{where}: tier {kind} #{j}"
            if not isinstance(t, dict):
                raise ConfigError(f"{w}: a tier is a mapping")
            tid = str(_need(t, "id", w))
            when = t.get("when") or {}
            if not isinstance(when, dict):
                raise ConfigError(f"{w} ({tid}): `when` must be a mapping")
            for var, cond in when.items():
                if var not in TIER_VARIABLES[kind]:
                    raise ConfigError(f"{w} ({tid}): unknown variable {var!r}; "
                                      f"known: {', '.join(TIER_VARIABLES[kind])}")
                if isinstance(cond, dict):
                    bad = [op for op in cond if op not in OPS]
                    if bad:
                        raise ConfigError(f"{w} ({tid}): unknown operator(s) {bad}; use {OPS}")
                elif not isinstance(cond, list):
                    raise ConfigError(f"{w} ({tid}): condition on {var} must be a list of "
                                      "values or a mapping of comparisons")
            tiers.append(Tier(tid, str(t.get("label_zh", tid)),
                              str(t.get("label_en", t.get("label_zh", tid))), when))
        out[kind] = tuple(tiers)
    return out


def describe(rules: RuleSet, lang: str = "zh") -> list[dict[str, Any]]:
    """Rows explaining every rule (for `greenkit library rules`)."""
    return [{
        "id": r.id, "name": r.name(lang), "applies_to": ",".join(r.applies_to),
        "role": r.role, "on_fail": r.on_fail if r.role == "require" else "",
        "check": r.check,
        "params": ", ".join(f"{k}={v}" for k, v in r.params.items()),
        "description": r.description, "source": r.source, "verified": r.verified,
    } for r in rules.rules]
