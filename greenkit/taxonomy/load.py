"""Load and validate taxonomy folders — shipped ones and users' own alike.

Every check produces a finding row (file, row, column, check, value, reason,
severity, message) so a broken folder is reported whole, not one error at a
time. Table-level checks (types, vocabularies, uniqueness) are pandera schemas;
checks across tables (a rule's item exists and is a leaf, a criterion's
variable is a registered field, an industry code exists in GB/T 4754-2017) are
column operations on the loaded frames.

A folder that loads cleanly is cached on disk (see ``_cache_dir``), so later
processes skip reading and checking it: start-up of ``greenkit tag`` is
dominated by these checks, not by the rows it tags.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from contextlib import suppress
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import yaml

from greenkit import __version__
from greenkit.errors import FINDING_COLUMNS, TaxonomyError, empty_findings
from greenkit.fields import registry as field_registry
from greenkit.io.yamlfile import load_yaml_text
from greenkit.paths import taxonomies_dir
from greenkit.taxonomy.model import (
    CARBON_EFFECTS,
    CODE_SYSTEMS,
    CRITERION_KINDS,
    MATCH_KINDS,
    OPERATORS,
    STATUSES,
    Taxonomy,
    freeze,
)
from greenkit.units import UnitError, parse_unit

MANIFEST_KEYS = ("id", "short_id", "title_zh", "title_en", "issuers", "document_number",
                 "published", "effective_from", "effective_to", "supersedes", "scope",
                 "jurisdiction", "leaf_level", "industry_code_system", "source", "licence",
                 "verification")

ITEM_COLUMNS = ("code", "level", "parent", "name_zh", "name_en", "definition_zh",
                "carbon_effect", "source", "verified", "note")
RULE_COLUMNS = ("rule_id", "item_code", "match", "industry_code", "industry_partial",
                "nace_code", "keywords", "context_keywords", "exclude_keywords", "text_fields",
                "description", "source", "verified", "note")
CRITERION_COLUMNS = ("criterion_id", "item_code", "kind", "variable", "operator", "threshold",
                     "unit", "standard", "applies_if_keywords", "any_group", "text_zh", "source",
                     "verified", "note")
CASE_COLUMNS = ("case_id", "industry_code", "purpose", "project_name", "expect_code",
                "expect_status", "note")
#: Columns a folder may omit (filled with empty values).
OPTIONAL = {"note", "definition_zh", "carbon_effect", "name_en", "context_keywords",
            "exclude_keywords", "text_fields", "nace_code", "industry_partial", "description",
            "applies_if_keywords", "any_group", "standard", "unit", "threshold", "project_name",
            "industry_code", "purpose", "keywords"}
TEXT_FIELDS = ("purpose", "project_name", "borrower_name")
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


def _finding(file: str, row, column: str, check: str, value, message: str,
             severity: str = "error") -> dict:
    return {"file": file, "row": row, "column": column, "check": check,
            "value": "" if value is None else str(value), "reason": check,
            "severity": severity, "message": message}


class _Collector:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, *args, **kw) -> None:
        self.rows.append(_finding(*args, **kw))

    def add_mask(self, frame: pd.DataFrame, mask: pd.Series, file: str, column: str,
                 check: str, message: str, severity: str = "error", value_col: str | None = None):
        """Add one finding per row flagged in ``mask`` (rows are CSV line numbers)."""
        if not mask.any():
            return
        vals = frame.loc[mask, value_col or column] if (value_col or column) in frame else ""
        for row, val in zip(frame.loc[mask, "_line"], vals if len(vals) else [""] * mask.sum(),
                            strict=False):
            self.rows.append(_finding(file, int(row), column, check, val, message, severity))

    def frame(self) -> pd.DataFrame:
        if not self.rows:
            return empty_findings()
        return pd.DataFrame(self.rows, columns=FINDING_COLUMNS)


def _read_csv(path: Path, columns: tuple[str, ...], out: _Collector, required: bool = True
              ) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    empty["_line"] = pd.Series(dtype="int64")
    if not path.exists():
        if required:
            out.add(path.name, "", "", "file_missing", "", f"{path.name} is missing")
        return empty
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # pandas raises ParserError, UnicodeDecodeError, EmptyDataError
        out.add(path.name, "", "", "unreadable", "", f"cannot be read as CSV: {exc}")
        return empty
    missing = [c for c in columns if c not in df.columns and c not in OPTIONAL]
    for c in missing:
        out.add(path.name, 1, c, "column_missing", "", f"required column {c!r} is missing")
    for c in columns:
        if c not in df.columns:
            df[c] = ""
    df = df.astype("string").apply(lambda s: s.str.strip())
    df["_line"] = np.arange(2, len(df) + 2)
    return df


def _bool_column(df: pd.DataFrame, col: str, file: str, out: _Collector) -> None:
    low = df[col].str.lower()
    bad = ~low.isin(_TRUE | _FALSE)
    out.add_mask(df, bad, file, col, "bad_bool", "must be true or false")
    df[col] = low.isin(_TRUE)


def _schema_check(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str,
                  out: _Collector) -> None:
    """Run a pandera schema lazily and turn failure cases into findings."""
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        for _, r in fc.iterrows():
            idx = r["index"]
            line = int(df.loc[int(idx), "_line"]) if pd.notna(idx) else ""
            check = str(r["check"])
            out.add(file, line, str(r["column"] or ""), check, r["failure_case"],
                    f"{r['column']}: fails {check}")


def _nonempty(name: str) -> pa.Check:
    return pa.Check(lambda s: s.str.len() > 0, element_wise=False, name=f"{name}_not_empty")


def _items_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({
        "code": pa.Column(str, [_nonempty("code")], unique=True),
        "name_zh": pa.Column(str, [_nonempty("name_zh")]),
        "carbon_effect": pa.Column(str, pa.Check.isin(CARBON_EFFECTS)),
        "source": pa.Column(str, [_nonempty("source")]),
    }, strict=False, coerce=True)


def _rules_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({
        "rule_id": pa.Column(str, [_nonempty("rule_id")], unique=True),
        "item_code": pa.Column(str, [_nonempty("item_code")]),
        "match": pa.Column(str, pa.Check.isin(MATCH_KINDS)),
        "source": pa.Column(str, [_nonempty("source")]),
    }, strict=False, coerce=True)


def _criteria_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema({
        "criterion_id": pa.Column(str, [_nonempty("criterion_id")], unique=True),
        "item_code": pa.Column(str, [_nonempty("item_code")]),
        "kind": pa.Column(str, pa.Check.isin(CRITERION_KINDS)),
        "operator": pa.Column(str, pa.Check.isin(OPERATORS)),
        "variable": pa.Column(str, [_nonempty("variable")]),
        "source": pa.Column(str, [_nonempty("source")]),
    }, strict=False, coerce=True)


def _load_manifest(folder: Path, out: _Collector) -> dict:
    path = folder / "manifest.yaml"
    if not path.exists():
        out.add("manifest.yaml", "", "", "file_missing", "", "manifest.yaml is missing")
        return {}
    try:
        m = load_yaml_text(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        out.add("manifest.yaml", "", "", "unreadable", "", f"not valid YAML: {exc}")
        return {}
    if not isinstance(m, dict):
        out.add("manifest.yaml", "", "", "unreadable", "", "must be a mapping")
        return {}
    for key in MANIFEST_KEYS:
        if key not in m:
            out.add("manifest.yaml", "", key, "key_missing", "", f"key {key!r} is missing")
    for key in ("published", "effective_from", "effective_to"):
        v = m.get(key)
        if v not in (None, ""):
            try:
                pd.Timestamp(str(v))
            except ValueError:
                out.add("manifest.yaml", "", key, "bad_date", v, f"{key} is not a date")
    if m.get("industry_code_system", "gbt4754-2017") not in CODE_SYSTEMS:
        out.add("manifest.yaml", "", "industry_code_system", "unknown_value",
                m.get("industry_code_system"), f"must be one of {CODE_SYSTEMS}")
    try:
        m["leaf_level"] = int(m.get("leaf_level"))
    except (TypeError, ValueError):
        out.add("manifest.yaml", "", "leaf_level", "bad_int", m.get("leaf_level"),
                "leaf_level must be an integer")
        m["leaf_level"] = 0
    if m.get("id") and m["id"] != folder.name:
        out.add("manifest.yaml", "", "id", "id_mismatch", m["id"],
                f"id {m['id']!r} differs from the folder name {folder.name!r}", "warning")
    return m


def _check_items(items: pd.DataFrame, leaf_level: int, out: _Collector) -> None:
    f = "items.csv"
    _schema_check(items, _items_schema(), f, out)
    lv = pd.to_numeric(items["level"], errors="coerce")
    out.add_mask(items, lv.isna(), f, "level", "bad_int", "level must be an integer")
    items["level"] = lv.fillna(0).astype(int)
    _bool_column(items, "verified", f, out)
    codes = set(items["code"])
    has_parent = items["parent"] != ""
    out.add_mask(items, has_parent & ~items["parent"].isin(codes), f, "parent",
                 "parent_missing", "parent code does not exist")
    out.add_mask(items, ~has_parent & (items["level"] != 1), f, "parent", "parent_missing",
                 "only first-level items may have no parent")
    plevel = items["parent"].map(dict(zip(items["code"], items["level"], strict=True)))
    wrong = has_parent & plevel.notna() & (plevel + 1 != items["level"])
    out.add_mask(items, wrong, f, "level", "level_inconsistent",
                 "level must be one more than the parent's level")
    dotted = items["code"].str.fullmatch(r"\d+(\.\d+)*")
    parts = items["code"].str.count(r"\.") + 1
    out.add_mask(items, dotted & (parts != items["level"]) & items["parent"].ne("")
                 & items["code"].str.contains(r"\."), f, "code", "level_inconsistent",
                 "a dotted code's number of parts must equal its level", "warning")
    prefix_ok = (~has_parent) | ~dotted | items.apply(
        lambda r: not r["parent"] or r["code"].startswith(r["parent"] + "."), axis=1)
    out.add_mask(items, ~prefix_ok.astype(bool), f, "code", "code_not_under_parent",
                 "a dotted code must start with its parent's code", "warning")
    if leaf_level and not (items["level"] == leaf_level).any():
        out.add(f, "", "level", "no_leaf_items", leaf_level,
                f"no item has the manifest's leaf_level {leaf_level}")


@lru_cache(maxsize=1)
def gbt4754_codes() -> frozenset[str]:
    """Every GB/T 4754-2017 division, group and class code (empty if the list is absent)."""
    path = taxonomies_dir() / "industry" / "gbt4754-2017.csv"
    if not path.exists():
        return frozenset()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frozenset(df.loc[df["level"] != "section", "code"])


def _check_rules(rules: pd.DataFrame, items: pd.DataFrame, manifest: dict,
                 out: _Collector) -> None:
    f = "rules.csv"
    _schema_check(rules, _rules_schema(), f, out)
    _bool_column(rules, "verified", f, out)
    _bool_column(rules, "industry_partial", f, out)
    short = str(manifest.get("short_id", ""))
    if short:
        out.add_mask(rules, ~rules["rule_id"].str.startswith(short + "-"), f, "rule_id",
                     "id_prefix", f"rule id must start with {short}-")
    leaf = set(items.loc[items["level"] == manifest.get("leaf_level", 0), "code"])
    known = set(items["code"])
    star = rules["item_code"] == "*"
    out.add_mask(rules, ~star & ~rules["item_code"].isin(known), f, "item_code",
                 "item_missing", "rule points to an item that does not exist")
    out.add_mask(rules, ~star & rules["item_code"].isin(known) & ~rules["item_code"].isin(leaf),
                 f, "item_code", "not_leaf", "rule points to an item above the leaf level",
                 "warning")
    out.add_mask(rules, star & (rules["match"] != "exclusion"), f, "item_code", "bad_wildcard",
                 "only exclusion rules may use item_code '*'")
    ind = rules["match"] == "industry"
    out.add_mask(rules, ind & (rules["industry_code"] == "") & (rules["nace_code"] == ""), f,
                 "industry_code", "code_missing", "industry rule needs industry_code or nace_code")
    kw = rules["match"] == "keyword"
    out.add_mask(rules, kw & (rules["keywords"] == ""), f, "keywords", "keywords_missing",
                 "keyword rule needs keywords")
    ex = rules["match"] == "exclusion"
    out.add_mask(rules, ex & (rules["keywords"] == "") & (rules["industry_code"] == ""), f,
                 "keywords", "keywords_missing", "exclusion rule needs keywords or industry_code")
    has_code = rules["industry_code"] != ""
    fmt = rules["industry_code"].str.fullmatch(r"\d{2,4}")
    out.add_mask(rules, has_code & ~fmt, f, "industry_code", "bad_code",
                 "GB/T 4754-2017 code must be 2–4 digits without the section letter")
    valid = gbt4754_codes()
    if valid:
        out.add_mask(rules, has_code & fmt & ~rules["industry_code"].isin(valid), f,
                     "industry_code", "unknown_code", "not a GB/T 4754-2017 code")
    nace = rules["nace_code"] != ""
    out.add_mask(rules, nace & ~rules["nace_code"].str.fullmatch(r"[A-U]?\d{2}(\.\d{1,2})?"), f,
                 "nace_code", "bad_code", "NACE Rev. 2 code must look like 35.11")
    tf = rules["text_fields"].str.split("|").explode()
    bad_tf = tf[(tf != "") & ~tf.isin(TEXT_FIELDS)]
    for idx in bad_tf.index.unique():
        out.add(f, int(rules.loc[idx, "_line"]), "text_fields", "unknown_field",
                rules.loc[idx, "text_fields"], f"text fields must be among {TEXT_FIELDS}")
    leaf_without = sorted(leaf - set(rules["item_code"]))
    for code in leaf_without:
        out.add(f, "", "item_code", "item_without_rule", code,
                f"leaf item {code} has no rule, so the tagger can never find it", "warning")


def _is_number(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").notna()


def _check_criteria(crit: pd.DataFrame, items: pd.DataFrame, out: _Collector) -> None:
    f = "criteria.csv"
    if crit.empty:
        crit["verified"] = crit["verified"].astype(bool)
        return
    _schema_check(crit, _criteria_schema(), f, out)
    _bool_column(crit, "verified", f, out)
    out.add_mask(crit, ~crit["item_code"].isin(set(items["code"])), f, "item_code",
                 "item_missing", "criterion points to an item that does not exist")
    reg = field_registry()
    out.add_mask(crit, (crit["variable"] != "") & ~crit["variable"].map(lambda v: v in reg), f,
                 "variable", "unknown_field", "variable is not a field of greenkit's registry")
    op = crit["operator"]
    cmp_ = op.isin([">=", ">", "<=", "<"])
    out.add_mask(crit, cmp_ & ~_is_number(crit["threshold"]), f, "threshold", "bad_threshold",
                 "comparison needs a numeric threshold")
    out.add_mask(crit, op.isin(["in", "not_in"]) & (crit["threshold"] == ""), f, "threshold",
                 "bad_threshold", "in/not_in need a |-separated list")
    out.add_mask(crit, (op == "is_true") & (crit["threshold"] != ""), f, "threshold",
                 "bad_threshold", "is_true takes no threshold", "warning")
    for unit in crit.loc[crit["unit"] != "", "unit"].unique():
        try:
            parse_unit(unit)
        except UnitError:
            out.add_mask(crit, crit["unit"] == unit, f, "unit", "unknown_unit",
                         f"unit {unit!r} is not understood")
    # a unit-bearing threshold must match the variable's dimension
    for (var, unit), idx in crit[(crit["unit"] != "")].groupby(["variable", "unit"]).groups.items():
        if var in reg and reg[var].unit:
            try:
                from greenkit.units import conversion_factor

                conversion_factor(unit, reg[var].unit)
            except UnitError:
                out.add_mask(crit, crit.index.isin(idx), f, "unit", "unit_dimension",
                             f"unit {unit!r} cannot be converted to {var}'s unit {reg[var].unit}")


def _check_cases(cases: pd.DataFrame, items: pd.DataFrame, out: _Collector) -> None:
    f = "cases.csv"
    if cases.empty:
        return
    out.add_mask(cases, cases["case_id"].duplicated(), f, "case_id", "duplicate",
                 "case id is used twice")
    out.add_mask(cases, (cases["expect_code"] != "") & ~cases["expect_code"].isin(
        set(items["code"])), f, "expect_code", "item_missing", "expected item does not exist")
    out.add_mask(cases, ~cases["expect_status"].isin(STATUSES), f, "expect_status",
                 "unknown_value", f"status must be one of {STATUSES}")


def _check_sources(df: pd.DataFrame, file: str, out: _Collector) -> None:
    if "source" in df and len(df):
        out.add_mask(df, df["source"] == "", file, "source", "source_missing",
                     "every row must record its source")


def read_folder(folder: Path) -> tuple[dict, dict[str, pd.DataFrame], pd.DataFrame]:
    """Read and check a taxonomy folder; return (manifest, tables, findings)."""
    out = _Collector()
    manifest = _load_manifest(folder, out)
    items = _read_csv(folder / "items.csv", ITEM_COLUMNS, out)
    rules = _read_csv(folder / "rules.csv", RULE_COLUMNS, out)
    criteria = _read_csv(folder / "criteria.csv", CRITERION_COLUMNS, out, required=False)
    cases = _read_csv(folder / "cases.csv", CASE_COLUMNS, out, required=False)
    for df, name in ((items, "items.csv"), (rules, "rules.csv"), (criteria, "criteria.csv")):
        _check_sources(df, name, out)
    _check_items(items, int(manifest.get("leaf_level") or 0), out)
    _check_rules(rules, items, manifest, out)
    _check_criteria(criteria, items, out)
    _check_cases(cases, items, out)
    tables = {"items": items, "rules": rules, "criteria": criteria, "cases": cases}
    return manifest, tables, out.frame()


def validate_folder(path: str | Path) -> pd.DataFrame:
    """Findings for a taxonomy folder (empty frame when it is clean)."""
    folder = Path(path)
    if not folder.is_dir():
        raise TaxonomyError("not a taxonomy folder (expected manifest.yaml, items.csv, "
                            "rules.csv …)", path=folder)
    return read_folder(folder)[2]


#: id → folder of every taxonomy loaded in this process, so an edition loaded
#: from a user's folder can later be referred to by its id (tags record ids).
_LOADED: dict[str, Path] = {}


def resolve(id_or_path: str | Path) -> Path:
    p = Path(id_or_path)
    if p.is_dir():
        return p.resolve()
    shipped = taxonomies_dir() / str(id_or_path)
    if (shipped / "manifest.yaml").exists() and (shipped / "items.csv").exists():
        return shipped
    if str(id_or_path) in _LOADED:
        return _LOADED[str(id_or_path)]
    known = ", ".join(shipped_ids()) or "none"
    raise TaxonomyError(f"unknown taxonomy {str(id_or_path)!r} (shipped: {known}; "
                        "or give the path of a taxonomy folder)", path=None)


def shipped_ids() -> list[str]:
    root = taxonomies_dir()
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir()
                  if (p / "manifest.yaml").exists() and (p / "items.csv").exists())


#: Bump when the cached payload's layout changes, so old files are ignored.
_CACHE_FORMAT = 1
_NO_CACHE_VALUES = ("", "0", "false", "no")
#: What a damaged, truncated or foreign cache file can raise while unpickling.
_UNREADABLE_CACHE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                     IndexError, KeyError, TypeError, ValueError)


def _cache_dir() -> Path | None:
    """The directory for cached taxonomies, or ``None`` when caching is off.

    ``GREENKIT_CACHE_DIR`` wins, then ``$XDG_CACHE_HOME/greenkit``, then
    ``~/.cache/greenkit`` — the user's own cache, never a shared location
    greenkit picks for them. ``GREENKIT_NO_CACHE=1`` turns caching off (e.g.
    to time a cold load, or where the home directory is shared).
    """
    if os.environ.get("GREENKIT_NO_CACHE", "").strip().lower() not in _NO_CACHE_VALUES:
        return None
    if os.environ.get("GREENKIT_CACHE_DIR"):
        return Path(os.environ["GREENKIT_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "greenkit"
    return Path.home() / ".cache" / "greenkit"


@lru_cache(maxsize=1)
def _checker_fingerprint() -> bytes:
    """Hash of everything outside a folder that decides what loading it yields.

    A folder's findings depend on greenkit's version and this checker's code,
    the field registry, the unit definitions and the GB/T 4754-2017 list; the
    pickled frames depend on pandas, numpy and pyarrow. Hashing these (a few
    hundred KB, once per process) means an upgrade or a local edit never serves
    a stale result.
    """
    h = hashlib.sha256()
    for part in (_CACHE_FORMAT, __version__, pd.__version__, np.__version__,
                 pyarrow.__version__):
        h.update(f"{part}\0".encode())
    sources = [Path(__file__), Path(__file__).with_name("model.py"),
               taxonomies_dir() / "industry" / "gbt4754-2017.csv"]
    sources += sorted((e for e in resources.files("greenkit.fields").iterdir()
                       if e.name.endswith(".yaml")), key=lambda e: e.name)
    sources.append(resources.files("greenkit.units").joinpath("definitions.txt"))
    for src in sources:
        try:
            data = src.read_bytes()
        except FileNotFoundError:
            data = b"<missing>"
        h.update(f"{src.name}\0{len(data)}\0".encode())
        h.update(hashlib.sha256(data).digest())
    return h.digest()


def _cache_key(folder: Path) -> str:
    """Content key of a folder: every file's name, size and sha256, plus its
    absolute path and the checker fingerprint. Contents, not mtimes, because a
    copy or checkout changes mtimes without changing content, and vice versa."""
    h = hashlib.sha256(_checker_fingerprint())
    h.update(f"{folder.resolve()}\0".encode())
    for p in sorted(folder.iterdir()):
        if p.is_file():
            data = p.read_bytes()
            h.update(f"{p.name}\0{len(data)}\0".encode())
            h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _cache_file(root: Path, folder: Path, key: str) -> Path:
    """``<root>/taxonomies/<folder tag>-<key>.pickle``; the folder tag lets a
    write drop the stale entries of the same folder, so the cache stays small."""
    tag = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return root / "taxonomies" / f"{tag}-{key}.pickle"


def _cache_read(path: Path, key: str) -> dict[str, Any] | None:
    """The cached payload at ``path``, or ``None`` if absent, damaged or foreign.

    The file is unpickled, which can run code. That is safe only because the
    cache directory is the user's own and greenkit loads nothing there but
    files it wrote itself: a fixed name pattern, owned by the current user,
    holding this exact key. Anything else is ignored (and then rebuilt).
    """
    try:
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None
        with path.open("rb") as fh:
            payload = pickle.load(fh)  # noqa: S301 - greenkit's own cache file, see docstring
    except _UNREADABLE_CACHE:  # includes FileNotFoundError: not cached yet
        return None
    if (not isinstance(payload, dict) or payload.get("format") != _CACHE_FORMAT
            or payload.get("key") != key):
        return None
    return payload


def _cache_write(path: Path, payload: dict[str, Any]) -> None:
    """Store ``payload`` atomically (temp file + ``os.replace``) so a reader
    never sees half a file. Failing to write only costs speed, so it is silent."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        tag = path.name.split("-", 1)[0]
        for stale in path.parent.glob(f"{tag}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def _validated_payload(folder: Path) -> dict[str, Any]:
    """Read and check ``folder``: its manifest and tables, or ``TaxonomyError``."""
    manifest, t, findings = read_folder(folder)
    errors = findings[findings["severity"] == "error"]
    if len(errors):
        raise TaxonomyError(
            f"{len(errors)} problem(s) in taxonomy folder; first: {errors.iloc[0]['file']} "
            f"row {errors.iloc[0]['row']} {errors.iloc[0]['column']}: {errors.iloc[0]['message']}"
            " (run `greenkit taxonomy validate` for the full list)",
            path=folder, findings=findings)
    tables = {k: v.drop(columns="_line") for k, v in t.items()}
    crit = tables["criteria"]
    if len(crit) and "verified" in crit and crit["verified"].dtype != bool:
        crit["verified"] = crit["verified"].astype(bool)
    tables["warnings"] = findings[findings["severity"] != "error"].reset_index(drop=True)
    return {"format": _CACHE_FORMAT, "manifest": manifest, "tables": tables}


@lru_cache(maxsize=32)
def _load_cached(folder: Path, mtime_key: tuple) -> Taxonomy:
    """Load ``folder`` from the on-disk cache, or validate it and cache it.

    Only clean folders are cached: one with errors raises every time, with its
    findings. The key is taken before and after reading and the result stored
    only if both agree, so a file edited mid-read is never cached.
    """
    root = _cache_dir()
    key = _cache_key(folder) if root is not None else ""
    path = _cache_file(root, folder, key) if root is not None else None
    payload = _cache_read(path, key) if path is not None else None
    if payload is None:
        payload = _validated_payload(folder)
        if path is not None and _cache_key(folder) == key:
            _cache_write(path, {**payload, "key": key})
    manifest, tables = payload["manifest"], payload["tables"]
    return Taxonomy(id=str(manifest.get("id", folder.name)), path=folder,
                    manifest=freeze(manifest), items=tables["items"], rules=tables["rules"],
                    criteria=tables["criteria"], cases=tables["cases"],
                    warnings=tables["warnings"])


def load_taxonomy(id_or_path: str | Path) -> Taxonomy:
    """Load a shipped taxonomy by id, or a user's folder by path, validated.

    Raises ``TaxonomyError`` carrying the full findings table when the folder
    has errors. Loaded editions are cached in this process (keyed on file
    modification times) and on disk across processes (keyed on file contents,
    see ``_load_cached``).
    """
    folder = resolve(id_or_path)
    key = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))
    t = _load_cached(folder, key)
    _LOADED.setdefault(t.id, folder)
    return t


def list_taxonomies(extra: list[str | Path] | None = None) -> list[Taxonomy]:
    out = [load_taxonomy(i) for i in shipped_ids()]
    out += [load_taxonomy(p) for p in extra or []]
    return out
