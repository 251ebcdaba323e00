"""The in-memory form of a taxonomy edition.

A ``Taxonomy`` is loaded once, validated, and then only read: the tagger, the
reviewer and the reports all receive the same object. Its tables are plain
DataFrames (treat them as read-only); lookups that the CLI and reports need
(parent chain, first-level ancestor, rules of an item) are methods here so no
caller re-implements the hierarchy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

#: Tag status vocabulary (documented in the README). "no match" is a value.
STATUSES = ("aligned", "eligible", "not_aligned", "excluded", "not_eligible")
MATCH_KINDS = ("industry", "keyword", "exclusion")
CRITERION_KINDS = ("quantitative", "qualitative")
OPERATORS = (">=", ">", "<=", "<", "==", "!=", "in", "not_in", "is_true")
CARBON_EFFECTS = ("direct", "indirect", "")
CODE_SYSTEMS = ("gbt4754-2017", "nace-rev2")


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """One validated taxonomy edition (immutable by convention)."""

    id: str
    path: Path
    manifest: MappingProxyType
    items: pd.DataFrame
    rules: pd.DataFrame
    criteria: pd.DataFrame
    cases: pd.DataFrame
    warnings: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)

    # --- manifest shortcuts -------------------------------------------------
    @property
    def short_id(self) -> str:
        return str(self.manifest["short_id"])

    @property
    def title_zh(self) -> str:
        return str(self.manifest.get("title_zh", self.id))

    @property
    def title_en(self) -> str:
        return str(self.manifest.get("title_en", self.id))

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    @property
    def leaf_level(self) -> int:
        return int(self.manifest["leaf_level"])

    @property
    def code_system(self) -> str:
        return str(self.manifest.get("industry_code_system", "gbt4754-2017"))

    @property
    def published(self) -> dt.date | None:
        return _date(self.manifest.get("published"))

    @property
    def effective_from(self) -> dt.date | None:
        return _date(self.manifest.get("effective_from"))

    @property
    def effective_to(self) -> dt.date | None:
        return _date(self.manifest.get("effective_to"))

    @property
    def edition(self) -> str:
        """A short edition label recorded on every tag: id plus document number."""
        doc = self.manifest.get("document_number") or ""
        return f"{self.id} ({doc})" if doc else self.id

    # --- hierarchy ----------------------------------------------------------
    @property
    def leaves(self) -> pd.DataFrame:
        return self.items[self.items["level"] == self.leaf_level]

    def item(self, code: str) -> dict[str, Any]:
        hit = self.items[self.items["code"] == code]
        if hit.empty:
            raise KeyError(code)
        return hit.iloc[0].to_dict()

    def has_item(self, code: str) -> bool:
        return bool((self.items["code"] == code).any())

    def parent_chain(self, code: str) -> list[dict[str, Any]]:
        """The item and its ancestors, top first."""
        parents = dict(zip(self.items["code"], self.items["parent"], strict=True))
        chain = []
        cur = code
        while cur:
            chain.append(self.item(cur))
            cur = parents.get(cur) or ""
        return chain[::-1]

    def ancestor_map(self, level: int) -> dict[str, str]:
        """Map every item code to its ancestor at ``level`` (e.g. first-level category)."""
        parents = dict(zip(self.items["code"], self.items["parent"], strict=True))
        levels = dict(zip(self.items["code"], self.items["level"], strict=True))
        out = {}
        for code in parents:
            cur = code
            while cur and levels.get(cur, 0) > level:
                cur = parents.get(cur) or ""
            if cur and levels.get(cur) == level:
                out[code] = cur
        return out

    def rules_of(self, code: str) -> pd.DataFrame:
        return self.rules[self.rules["item_code"].isin([code, "*"])]

    def criteria_of(self, code: str) -> pd.DataFrame:
        return self.criteria[self.criteria["item_code"] == code]

    def counts(self) -> dict[str, Any]:
        """Counts a user (or `taxonomy list`) wants to see, with the verified share."""
        by_level = self.items.groupby("level").size()
        tables = [self.items, self.rules, self.criteria]
        rows = sum(len(t) for t in tables)
        verified = sum(int(t["verified"].sum()) for t in tables if len(t))
        leaves = self.leaves
        return {
            "id": self.id,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "document_number": self.manifest.get("document_number", ""),
            "effective_from": str(self.effective_from or ""),
            "effective_to": str(self.effective_to or ""),
            "levels": {int(k): int(v) for k, v in by_level.items()},
            "items": int(len(self.items)),
            "leaf_items": int(len(leaves)),
            "rules": int(len(self.rules)),
            "criteria": int(len(self.criteria)),
            "quantitative_criteria": int((self.criteria["kind"] == "quantitative").sum())
            if len(self.criteria) else 0,
            "items_verified_share": round(float(self.items["verified"].mean()), 4)
            if len(self.items) else 0.0,
            "leaf_items_verified_share": round(float(leaves["verified"].mean()), 4)
            if len(leaves) else 0.0,
            "verified_share": round(verified / rows, 4) if rows else 0.0,
            "verification": self.manifest.get("verification", "unverified"),
            "path": str(self.path),
        }


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def freeze(mapping: dict[str, Any]) -> MappingProxyType:
    return MappingProxyType(dict(mapping))
