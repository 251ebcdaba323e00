"""The field registry: one declaration per column, everything else derived.

Like PUDL's field metadata, each column greenkit reads is declared once (in the
YAML files beside this module) with its canonical name, Chinese and English
labels, aliases, dtype, unit and meaning. Header matching, unit conversion, the
pandera schemas and the README's input contract all come from here, so adding
an alias or a unit is a one-line data change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from greenkit.errors import ColumnMappingError, ConfigError, UnitError
from greenkit.io.yamlfile import load_yaml_text
from greenkit.units import conversion_factor, currency_scale, is_unit

DTYPES = ("string", "float", "int", "bool", "date", "category")


@dataclass(frozen=True)
class Field:
    """One column as greenkit understands it."""

    name: str
    label_zh: str
    label_en: str
    dtype: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    required: bool = False
    unique: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    tables: tuple[str, ...] = ()
    #: Words people write for values, e.g. 二星级 → 2, 是 → true (text → value).
    values: tuple[tuple[str, Any], ...] = ()
    origin: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every header spelling that means this field."""
        return (self.name, self.label_zh, self.label_en, *self.aliases)


@dataclass(frozen=True)
class HeaderMatch:
    """How one input header maps onto a field, with its unit conversion."""

    header: str
    field: Field
    unit: str | None = None
    factor: float = 1.0
    currency: str | None = None


def header_key(text: str) -> str:
    """Normalise a header for matching: full-width to half-width, case, spacing.

    ``贷款余额（万元）`` and ``贷款余额(万元)`` and `` Loan ID`` / ``loan_id``
    must meet, because banks' exports disagree on all of these.
    """
    s = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s_\-]+", "", s)


_UNIT_SUFFIX = re.compile(r"^(?P<base>.*?)\s*[(\[【](?P<inner>[^()\[\]【】]*)[)\]】]\s*$")
_UNIT_PREFIX = re.compile(r"^(?:单位|unit)\s*[:：]?\s*", re.IGNORECASE)


def split_header(header: str) -> tuple[str, str | None]:
    """Split ``贷款余额（万元）`` into (``贷款余额``, ``万元``); no bracket → (header, None)."""
    s = unicodedata.normalize("NFKC", str(header)).strip()
    m = _UNIT_SUFFIX.match(s)
    if not m or not m.group("base"):
        return s, None
    inner = _UNIT_PREFIX.sub("", m.group("inner")).strip()
    return m.group("base").strip(), inner or None


class FieldRegistry:
    """All declared fields, indexed by every spelling."""

    def __init__(self, fields: list[Field]):
        self._fields: dict[str, Field] = {}
        self._by_key: dict[str, Field] = {}
        for f in fields:
            if f.name in self._fields:
                raise ConfigError(
                    f"field {f.name!r} declared twice ({self._fields[f.name].origin}, {f.origin})"
                )
            self._fields[f.name] = f
        for f in fields:
            for spelling in f.spellings:
                key = header_key(spelling)
                other = self._by_key.get(key)
                if other is not None and other.name != f.name:
                    raise ConfigError(
                        f"{f.origin}: alias {spelling!r} of {f.name} already means {other.name}"
                    )
                self._by_key[key] = f

    def __contains__(self, name: str) -> bool:
        return name in self._fields

    def __getitem__(self, name: str) -> Field:
        return self._fields[name]

    def __iter__(self):
        return iter(self._fields.values())

    def __len__(self) -> int:
        return len(self._fields)

    def for_table(self, table: str) -> list[Field]:
        """Fields that belong to an input table; technical fields belong to all."""
        return [f for f in self if not f.tables or table in f.tables]

    def lookup(self, spelling: str) -> Field | None:
        return self._by_key.get(header_key(spelling))

    def resolve(self, header: str, where: str = "") -> HeaderMatch | None:
        """Match one header to a field, understanding a unit in brackets.

        A header that names a quantity field with a unit in brackets is
        converted to the field's canonical unit; a unit that cannot be parsed
        or has the wrong dimension is an error naming the header.
        """
        whole = self.lookup(header)
        base, inner = split_header(header)
        f = whole or self.lookup(base)
        if f is None:
            return None
        if whole is not None or inner is None:
            return HeaderMatch(header, f)
        place = f"{where} column {header!r}" if where else f"column {header!r}"
        if f.unit is None:
            # A bracket on a unitless field is a note (e.g. 能效等级（级）), not a unit.
            return HeaderMatch(header, f)
        if not is_unit(inner):
            raise UnitError(
                f"{place}: unknown unit {inner!r} for {f.label_zh} ({f.name}); "
                f"expected something convertible to {f.unit}",
                path=where or None, unit=inner, column=header,
            )
        if currency_scale(f.unit):
            money = currency_scale(inner, place)
            if money is None:
                raise UnitError(f"{place}: {inner!r} is not a money unit", path=where or None)
            return HeaderMatch(header, f, inner, money[1], money[0])
        return HeaderMatch(header, f, inner, conversion_factor(inner, f.unit, place))

    def map_headers(
        self, headers: list[str], where: str = "", renames: dict[str, str] | None = None
    ) -> tuple[list[HeaderMatch], list[str]]:
        """Map a file's headers; return (matches, headers left unmatched).

        ``renames`` (from ``--columns``) maps a foreign header to a field name
        or alias, optionally with a unit: ``Amount=outstanding[USD]``.
        """
        renames = renames or {}
        matches: list[HeaderMatch] = []
        unmatched: list[str] = []
        seen: dict[str, str] = {}
        for h in headers:
            target = renames.get(h) or renames.get(str(h).strip())
            m = self._resolve_rename(h, target, where) if target else self.resolve(h, where)
            if m is None:
                unmatched.append(h)
                continue
            if m.field.name in seen:
                raise ColumnMappingError(
                    f"columns {seen[m.field.name]!r} and {h!r} both mean "
                    f"{m.field.label_zh} ({m.field.name}); keep one or rename with --columns",
                    path=where or None,
                )
            seen[m.field.name] = h
            matches.append(m)
        return matches, unmatched

    def _resolve_rename(self, header: str, target: str, where: str) -> HeaderMatch:
        m = self.resolve(target, where)
        if m is None:
            raise ColumnMappingError(
                f"--columns maps {header!r} to {target!r}, which is not a greenkit field",
                path=where or None,
            )
        return HeaderMatch(header, m.field, m.unit, m.factor, m.currency)


def _field_from(d: dict[str, Any], origin: str) -> Field:
    try:
        f = Field(
            name=d["name"], label_zh=d["label_zh"], label_en=d["label_en"], dtype=d["dtype"],
            description=str(d.get("description", "")).strip(),
            aliases=tuple(str(a) for a in d.get("aliases") or ()),
            unit=d.get("unit"), required=bool(d.get("required", False)),
            unique=bool(d.get("unique", False)), min=d.get("min"), max=d.get("max"),
            allowed=tuple(str(a) for a in d["allowed"]) if d.get("allowed") else None,
            tables=tuple(d.get("tables") or ()),
            values=tuple((str(k), v) for k, v in (d.get("values") or {}).items()),
            origin=origin,
        )
    except KeyError as exc:
        raise ConfigError(f"{origin}: field {d.get('name', '?')!r} lacks {exc.args[0]!r}") from exc
    if f.dtype not in DTYPES:
        raise ConfigError(f"{origin}: field {f.name}: dtype {f.dtype!r} not one of {DTYPES}")
    if f.unit:
        conversion_factor(f.unit, f.unit, f"{origin} field {f.name}")
    return f


@lru_cache(maxsize=1)
def registry() -> FieldRegistry:
    """The shipped registry: every ``*.yaml`` beside this module."""
    fields: list[Field] = []
    pkg = resources.files(__package__)
    for entry in sorted(pkg.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            doc = load_yaml_text(entry.read_text(encoding="utf-8")) or {}
            fields.extend(_field_from(d, entry.name) for d in doc.get("fields", []))
    return FieldRegistry(fields)


def parse_column_renames(spec: str | None) -> dict[str, str]:
    """Parse ``--columns``: ``src=dst,src2=dst2`` or a YAML/CSV file of pairs."""
    from pathlib import Path

    if not spec:
        return {}
    path = Path(spec)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} and path.exists():
        data = load_yaml_text(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ColumnMappingError("expected a mapping of source header: field", path=path)
        return {str(k): str(v) for k, v in data.items()}
    if path.suffix.lower() == ".csv" and path.exists():
        import csv

        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        return {r[0]: r[1] for r in rows[1:] if len(r) >= 2 and r[0]}
    pairs = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if "=" not in part:
            raise ColumnMappingError(f"--columns: {part!r} is not of the form source=field")
        src, dst = part.split("=", 1)
        pairs[src.strip()] = dst.strip()
    return pairs
