"""Load and validate the review rules (``rules.yaml``, or a user's file).

The shipped file lists every check with its id, category, severity,
explanations and parameters. A user's file may change ``severity``,
``enabled`` and ``params`` of rules that exist (matched by id); anything else
is an error, reported as a findings table on a ``ConfigError`` so that every
problem is shown at once.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from greenkit.errors import FINDING_COLUMNS, ConfigError
from greenkit.io.yamlfile import read_yaml

SEVERITIES = ("high", "medium", "low", "info")
#: Severities that count as findings for the verdict and the exit code.
COUNTING = ("high", "medium", "low")
CATEGORIES = {"C": "completeness", "R": "recalculation", "K": "classification",
              "G": "greenwashing", "D": "data_quality"}
ID_PATTERN = re.compile(r"^CHK-([CRKGD])(\d{2})$")
REQUIRED_KEYS = ("id", "category", "severity", "name_zh", "name_en", "explanation_zh",
                 "explanation_en")
OVERRIDABLE = ("severity", "enabled", "params")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    name_zh: str
    name_en: str
    explanation_zh: str
    explanation_en: str
    params: dict
    enabled: bool = True

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    def explanation(self, lang: str = "zh") -> str:
        return self.explanation_en if lang == "en" else self.explanation_zh

    def as_dict(self) -> dict:
        return {"id": self.id, "category": self.category, "severity": self.severity,
                "enabled": self.enabled, "name_zh": self.name_zh, "name_en": self.name_en,
                "explanation_zh": self.explanation_zh, "explanation_en": self.explanation_en,
                "params": self.params}


@dataclass(frozen=True)
class Rules:
    path: str
    rules: dict[str, Rule]
    user_file: str | None = None

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def __iter__(self):
        return iter(self.rules.values())

    def param(self, rule_id: str, key: str, default: Any = None) -> Any:
        return self.rules[rule_id].params.get(key, default)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([r.as_dict() for r in self.rules.values()])


def _problem(file: str, rule: str, column: str, value: Any, message: str) -> dict:
    return {"file": file, "row": rule, "column": column, "check": "rules", "value":
            "" if value is None else str(value), "reason": "rules", "severity": "error",
            "message": message}


def _raise(path: str, problems: list[dict]) -> None:
    if not problems:
        return
    found = pd.DataFrame(problems, columns=FINDING_COLUMNS)
    first = problems[0]
    where = f"rule {first['row']}: " if first["row"] else ""
    err = ConfigError(f"{len(problems)} problem(s) in the rules file, first: {where}"
                      f"{first['message']}", path=path)
    err.findings = found  # the whole table, like TaxonomyError.findings
    raise err


def _read_yaml(path: Path) -> dict:
    doc = read_yaml(path, ConfigError, expect=object)
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise ConfigError("expected a mapping with a 'rules' list", path=path)
    return doc


def _validate_shipped(path: str, doc: dict) -> dict[str, Rule]:
    problems: list[dict] = []
    out: dict[str, Rule] = {}
    for i, r in enumerate(doc["rules"]):
        if not isinstance(r, dict):
            problems.append(_problem(path, f"#{i + 1}", "", r, "a rule must be a mapping"))
            continue
        rid = str(r.get("id", ""))
        for k in REQUIRED_KEYS:
            if not str(r.get(k, "") or "").strip():
                problems.append(_problem(path, rid or f"#{i + 1}", k, "", f"lacks {k!r}"))
        m = ID_PATTERN.match(rid)
        if not m:
            problems.append(_problem(path, rid, "id", rid, "id must look like CHK-R01"))
        elif CATEGORIES[m.group(1)] != r.get("category"):
            problems.append(_problem(path, rid, "category", r.get("category"),
                                     f"category must be {CATEGORIES[m.group(1)]} for {rid}"))
        if r.get("severity") not in SEVERITIES:
            problems.append(_problem(path, rid, "severity", r.get("severity"),
                                     f"severity must be one of {', '.join(SEVERITIES)}"))
        if rid in out:
            problems.append(_problem(path, rid, "id", rid, "id appears twice"))
        params = r.get("params") or {}
        if not isinstance(params, dict):
            problems.append(_problem(path, rid, "params", params, "params must be a mapping"))
            params = {}
        problems += _check_params(path, rid, params)
        if not problems:
            out[rid] = Rule(id=rid, category=r["category"], severity=r["severity"],
                            name_zh=r["name_zh"], name_en=r["name_en"],
                            explanation_zh=_join_zh(str(r["explanation_zh"])),
                            explanation_en=" ".join(str(r["explanation_en"]).split()),
                            params=params, enabled=bool(r.get("enabled", True)))
    _raise(path, problems)
    return out


_CJK = "\u3000-\u9fff\uff00-\uffef"


def _join_zh(text: str) -> str:
    """Fold YAML line breaks: one space, none between two Chinese characters."""
    s = " ".join(text.split())
    return re.sub(f"(?<=[{_CJK}]) (?=[{_CJK}])", "", s)


def _check_params(path: str, rid: str, params: dict) -> list[dict]:
    """Tolerances and ratios are non-negative numbers; severities are known."""
    problems = []
    for k, v in params.items():
        if k.endswith(("tolerance", "tolerance_pct_points", "_share_of_prior")) or k == "ratio":
            if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
                problems.append(_problem(path, rid, f"params.{k}", v,
                                         f"{k} must be a number ≥ 0"))
        if k == "ratio" and isinstance(v, int | float) and not isinstance(v, bool) and v < 1:
            problems.append(_problem(path, rid, "params.ratio", v, "ratio must be ≥ 1"))
        if k == "min_peers" and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
            problems.append(_problem(path, rid, "params.min_peers", v,
                                     "min_peers must be an integer ≥ 1"))
        if k == "missing_data_severity" and v not in SEVERITIES:
            problems.append(_problem(path, rid, f"params.{k}", v,
                                     f"must be one of {', '.join(SEVERITIES)}"))
        if k == "peer_range" and v is not None:
            ok = (isinstance(v, list) and len(v) == 2
                  and all(isinstance(x, int | float) and not isinstance(x, bool) for x in v)
                  and 0 <= v[0] <= v[1])
            if not ok:
                problems.append(_problem(path, rid, "params.peer_range", v,
                                         "peer_range must be [low, high] with 0 ≤ low ≤ high"))
    return problems


@lru_cache(maxsize=1)
def _shipped() -> Rules:
    path = Path(str(resources.files("greenkit.check").joinpath("rules.yaml")))
    doc = _read_yaml(path)
    return Rules(path=str(path), rules=_validate_shipped(str(path), doc))


def load_rules(user_file: str | Path | None = None) -> Rules:
    """The shipped rules, with a user's overrides applied and validated."""
    base = _shipped()
    if user_file is None:
        return base
    path = Path(user_file)
    doc = _read_yaml(path)
    problems: list[dict] = []
    rules = {k: copy.deepcopy(v) for k, v in base.rules.items()}
    seen: set[str] = set()
    for i, r in enumerate(doc["rules"]):
        rid = str(r.get("id", "")) if isinstance(r, dict) else ""
        if not isinstance(r, dict) or not rid:
            problems.append(_problem(str(path), f"#{i + 1}", "id", r, "each entry needs an id"))
            continue
        if rid not in rules:
            problems.append(_problem(str(path), rid, "id", rid,
                                     "unknown rule id (a rules file can only change the "
                                     "shipped rules; see `greenkit/check/rules.yaml`)"))
            continue
        if rid in seen:
            problems.append(_problem(str(path), rid, "id", rid, "id appears twice"))
        seen.add(rid)
        extra = set(r) - {"id", *OVERRIDABLE, "name_zh", "name_en", "explanation_zh",
                          "explanation_en", "category", "note"}
        for k in sorted(extra):
            problems.append(_problem(str(path), rid, k, r[k], f"unknown key {k!r} "
                                     f"(can change: {', '.join(OVERRIDABLE)})"))
        if "category" in r and r["category"] != rules[rid].category:
            problems.append(_problem(str(path), rid, "category", r["category"],
                                     "category cannot be changed"))
        sev = r.get("severity", rules[rid].severity)
        if sev not in SEVERITIES:
            problems.append(_problem(str(path), rid, "severity", sev,
                                     f"severity must be one of {', '.join(SEVERITIES)}"))
        enabled = r.get("enabled", rules[rid].enabled)
        if not isinstance(enabled, bool):
            problems.append(_problem(str(path), rid, "enabled", enabled,
                                     "enabled must be true or false"))
        params = r.get("params") or {}
        if not isinstance(params, dict):
            problems.append(_problem(str(path), rid, "params", params,
                                     "params must be a mapping"))
            params = {}
        unknown = set(params) - set(rules[rid].params)
        for k in sorted(unknown):
            problems.append(_problem(str(path), rid, f"params.{k}", params[k],
                                     f"unknown parameter {k!r} (known: "
                                     f"{', '.join(rules[rid].params) or 'none'})"))
        problems += _check_params(str(path), rid, params)
        if not problems:
            old = rules[rid]
            rules[rid] = Rule(id=rid, category=old.category, severity=sev,
                              name_zh=r.get("name_zh", old.name_zh),
                              name_en=r.get("name_en", old.name_en),
                              explanation_zh=r.get("explanation_zh", old.explanation_zh),
                              explanation_en=r.get("explanation_en", old.explanation_en),
                              params={**old.params, **params}, enabled=enabled)
    _raise(str(path), problems)
    return Rules(path=base.path, rules=rules, user_file=str(path))


def with_tolerance(rules: Rules, rel: float | None) -> Rules:
    """Override every relative tolerance (``--tolerance 0.5%``)."""
    if rel is None:
        return rules
    out = {}
    for k, r in rules.rules.items():
        if "rel_tolerance" in r.params:
            r = Rule(**{**r.__dict__, "params": {**r.params, "rel_tolerance": float(rel)}})
        out[k] = r
    return Rules(path=rules.path, rules=out, user_file=rules.user_file)


def parse_tolerance(text: str | None) -> float | None:
    """'0.5%' → 0.005; '0.005' → 0.005; error for anything else."""
    if text is None or str(text).strip() == "":
        return None
    s = str(text).strip()
    try:
        value = float(s[:-1]) / 100 if s.endswith("%") else float(s)
    except ValueError as exc:
        raise ConfigError(f"--tolerance {text!r} is not a number or a percentage") from exc
    if not (0 <= value < 1):
        raise ConfigError(f"--tolerance {text!r} must be between 0 and 100%")
    return value
