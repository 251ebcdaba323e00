"""The run summary: counts and amounts by taxonomy, edition, item, status and
currency, folded partition by partition (``Summary``) and built once at the end."""

from __future__ import annotations

import time
from collections.abc import Iterable

import pandas as pd

from greenkit import __version__
from greenkit.errors import InputError
from greenkit.frames import combine_codes, first_rows, value_codes
from greenkit.tag import declared as decl
from greenkit.tag.options import TagOptions
from greenkit.taxonomy import load_taxonomy
from greenkit.validate import Validated


def _first_levels(names: list[str], editions: Iterable[str]) -> dict[str, dict[str, str]]:
    out = {}
    for e in editions:
        t = load_taxonomy(e)
        anc = t.ancestor_map(1)
        label = dict(zip(t.items["code"], t.items["name_zh"], strict=True))
        out[e] = {c: f"{a} {label.get(a, '')}" for c, a in anc.items()}
    return out


class Summary:
    """Accumulates per-partition aggregates into the run summary."""

    def __init__(self, opts: TagOptions):
        self.opts = opts
        self.read = 0
        self.accepted = 0
        self.rejected = 0
        self.warnings = 0
        self.reasons: dict[str, int] = {}
        self.parts: list[pd.DataFrame] = []
        self.declared: dict[str, int] = {}
        self.flags: dict[str, int] = {}
        self.editions: set[str] = set()

    def add_validation(self, v: Validated) -> None:
        """Counts of read, accepted and rejected rows and of findings."""
        self.read += len(v.frame)
        rej = v.rejected_mask
        self.rejected += int(rej.sum())
        self.accepted += int((~rej).sum())
        self.warnings += int((v.findings["severity"] == "warning").sum())
        for r, c in v.findings.loc[v.findings["severity"] == "error", "reason"].value_counts().items():
            self.reasons[r] = self.reasons.get(r, 0) + int(c)

    def add_tags(self, wide: pd.DataFrame, amounts: pd.DataFrame, declared: pd.DataFrame,
                 flags: pd.DataFrame) -> None:
        """Counts and amounts by taxonomy, edition, item, status and currency."""
        for name in self.opts.names:
            if f"{name}.status" not in wide:
                continue
            cols = {"edition": wide[f"{name}.edition"], "code": wide[f"{name}.code"],
                    "status": wide[f"{name}.status"], "currency": amounts["currency"]}
            # one integer key per (edition, code, status, currency): the groupby
            # then runs on int64 codes, not on four columns of strings
            key = combine_codes([value_codes(c) for c in cols.values()])
            g = pd.Series(amounts["amount"].to_numpy()).groupby(key, sort=True)
            agg = g.agg(["size", "sum"])
            rep = first_rows(key)[agg.index.to_numpy()]
            part = pd.DataFrame({"taxonomy": name,
                                 **{c: v.iloc[rep].to_numpy() for c, v in cols.items()},
                                 "size": agg["size"].to_numpy(), "sum": agg["sum"].to_numpy()})
            self.editions.update(part["edition"].dropna().unique())
            self.parts.append(part)
        if len(declared):
            for r, c in declared["declared.result"].value_counts().items():
                self.declared[r] = self.declared.get(r, 0) + int(c)
        if len(flags):
            self.add_flags(flags)

    def merge(self, other: Summary) -> None:
        """Fold in the aggregates a worker computed for one partition."""
        self.read += other.read
        self.accepted += other.accepted
        self.rejected += other.rejected
        self.warnings += other.warnings
        for r, c in other.reasons.items():
            self.reasons[r] = self.reasons.get(r, 0) + c
        self.parts.extend(other.parts)
        self.editions |= other.editions
        for mine, theirs in ((self.declared, other.declared), (self.flags, other.flags)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n

    def add_flags(self, flags: pd.DataFrame) -> None:
        for r, c in flags["flag"].value_counts().items():
            self.flags[r] = self.flags.get(r, 0) + int(c)

    def build(self, source: dict, started: float, started_at: str) -> dict:
        agg = (pd.concat(self.parts).groupby(["taxonomy", "edition", "code", "status", "currency"],
                                             dropna=False)[["size", "sum"]].sum().reset_index()
               if self.parts else pd.DataFrame(columns=["taxonomy", "edition", "code", "status",
                                                        "currency", "size", "sum"]))
        levels = _first_levels(list(self.opts.taxonomies), [e for e in self.editions if e])
        agg["first_level"] = [levels.get(e, {}).get(c, "") for e, c in
                              zip(agg["edition"], agg["code"], strict=True)]
        per_tax = {}
        for name, g in agg.groupby("taxonomy", sort=False):
            per_tax[name] = _taxonomy_summary(g)
        editions = []
        for e in sorted(self.editions):
            t = load_taxonomy(e)
            editions.append({"id": t.id, "document_number": t.manifest.get("document_number", ""),
                             "effective_from": str(t.effective_from or ""),
                             "path": str(t.path)})
        return {
            "read": self.read, "accepted": self.accepted, "rejected": self.rejected,
            "nothing_lost": self.read == self.accepted + self.rejected,
            "warnings": self.warnings, "rejected_by_reason": dict(sorted(self.reasons.items())),
            "taxonomies": per_tax, "declared": self.declared, "flags": dict(sorted(self.flags.items())),
            "input": source, "editions": editions,
            "as_of": str(self.opts.report_date), "in_force_rule": chain_note(self.opts),
            "greenkit_version": __version__, "run_at": started_at,
            "seconds": round(time.perf_counter() - started, 3),
        }


def chain_note(opts: TagOptions) -> list[dict]:
    from greenkit.tag.editions import explain

    return explain(opts.report_date, opts.product)


def _taxonomy_summary(g: pd.DataFrame) -> dict:
    green = g["status"].isin(decl.GREEN)
    out = {"by_status": {}, "by_first_level": {}, "coverage": {}}
    for (status, cur), x in g.groupby(["status", "currency"]):
        out["by_status"].setdefault(status, {})[cur] = {"count": int(x["size"].sum()),
                                                        "amount": float(x["sum"].sum())}
    for (lvl, status, cur), x in g[green].groupby(["first_level", "status", "currency"]):
        out["by_first_level"].setdefault(lvl, {}).setdefault(status, {})[cur] = {
            "count": int(x["size"].sum()), "amount": float(x["sum"].sum())}
    for cur, x in g.groupby("currency"):
        gx = x[x["status"].isin(decl.GREEN)]
        total_n, total_a = int(x["size"].sum()), float(x["sum"].sum())
        out["coverage"][cur] = {
            "green_count": int(gx["size"].sum()), "count": total_n,
            "green_amount": float(gx["sum"].sum()), "amount": total_a,
            "share_by_count": round(int(gx["size"].sum()) / total_n, 6) if total_n else 0.0,
            "share_by_amount": round(float(gx["sum"].sum()) / total_a, 6) if total_a else 0.0}
    return out


def amounts(acc: pd.DataFrame, fx: pd.DataFrame | None, file: str) -> pd.DataFrame:
    """Currency and amount of each accepted row, in CNY when an FX table is given."""
    cur = acc["currency"].fillna("CNY").astype(str)
    amt = acc["outstanding"].astype(float)
    if fx is None:
        return pd.DataFrame({"currency": cur, "amount": amt})
    rate = cur.map(dict(zip(fx["currency"], fx["rate"], strict=True)))
    if rate.isna().any():
        raise InputError(f"FX table has no rate for {', '.join(sorted(cur[rate.isna()].unique()))}",
                         path=file)
    return pd.DataFrame({"currency": "CNY", "amount": amt * rate})
