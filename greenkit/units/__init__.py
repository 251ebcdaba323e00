"""One pint registry for the whole of greenkit.

Units are explicit in greenkit: amounts, energy, emissions and capacities
carry units and are converted with this registry only. A unit that cannot be
understood is a ``UnitError`` naming where it came from, never a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pint

from greenkit.errors import UnitError

_DEFINITIONS = "definitions.txt"

#: Spellings people type that pint's parser does not take, mapped to ones it does.
_SPELLINGS = {
    "%": "percent",
    "％": "percent",
    "‰": "permille",
    "万千瓦": "万千瓦",
    "元/千瓦时": "CNY/kWh",
    "tco2/mwh": "tCO2/MWh",
    "kgco2/kwh": "kgCO2/kWh",
    "L/100km": "L/(100*km)",
    "l/100km": "L/(100*km)",
    "kWh/100km": "kWh/(100*km)",
    "kwh/100km": "kWh/(100*km)",
}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared registry (pint defaults plus greenkit's definitions)."""
    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    text = resources.files(__package__).joinpath(_DEFINITIONS).read_text(encoding="utf-8")
    ureg.load_definitions(text.splitlines())
    ureg.formatter.default_format = "~P"
    return ureg


def _normalise(text: str) -> str:
    s = text.strip()
    s = s.translate(str.maketrans("（）［］，：", "()[],:"))
    s = re.sub(r"\s+", " ", s)
    return _SPELLINGS.get(s, _SPELLINGS.get(s.lower(), s))


@lru_cache(maxsize=512)
def parse_unit(text: str, where: str = "") -> pint.Quantity:
    """Parse a unit string (Chinese or English) into a unit quantity.

    The result is a pint quantity so that scaled units such as
    ``GJ/(10**4*m**3)`` (per 万立方米) work; for a plain unit its magnitude
    is 1. ``where`` names the header, file or rule the unit came from, so the
    error a user sees points at the cell to fix. Parsing uses pint's own
    tokenizer, never Python ``eval``.
    """
    if text is None or not str(text).strip():
        raise UnitError(f"empty unit{_at(where)}")
    s = _normalise(str(text))
    if not re.search(r"[^\d\s.*/()+\-eE]", s):
        raise UnitError(f"{text!r} is a number, not a unit{_at(where)}", unit=text)
    try:
        parsed = registry().parse_expression(s)
    except Exception as exc:  # pint raises several unrelated types here
        raise UnitError(f"unknown unit {text!r}{_at(where)}", unit=text) from exc
    if not isinstance(parsed, registry().Quantity):
        raise UnitError(f"unknown unit {text!r}{_at(where)}", unit=text)
    return parsed


def conversion_factor(src: str, dst: str, where: str = "") -> float:
    """Multiplier taking a value in ``src`` to ``dst``; error if dimensions differ."""
    u_src, u_dst = parse_unit(src, where), parse_unit(dst, where)
    try:
        return float((u_src / u_dst).to("dimensionless").magnitude)
    except pint.DimensionalityError as exc:
        raise UnitError(
            f"unit {src!r} cannot be converted to {dst!r} "
            f"({u_src.dimensionality} vs {u_dst.dimensionality}){_at(where)}",
            unit=src,
        ) from exc


def quantity(value, unit: str, where: str = "") -> pint.Quantity:
    """A pint quantity in greenkit's registry."""
    return value * parse_unit(unit, where)


def is_unit(text: str) -> bool:
    """True when ``text`` parses as a unit (used to tell units from notes in headers)."""
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True


def _at(where: str) -> str:
    return f" in {where}" if where else ""


#: Currency dimensions greenkit knows, with the ISO code of their base unit.
CURRENCIES = {"[currency_cny]": "CNY", "[currency_usd]": "USD", "[currency_eur]": "EUR",
              "[currency_hkd]": "HKD"}


def currency_scale(text: str, where: str = "") -> tuple[str, float] | None:
    """For a money unit (元, 万元, 万美元, USD …) return (ISO code, factor to base).

    Amount headers say the scale (万元) and sometimes the currency; the
    currency itself is a property of the row (币种), so money is scaled here
    but never converted between currencies.
    """
    q = parse_unit(text, where)
    dims = dict(q.dimensionality)
    if len(dims) != 1:
        return None
    (dim, power), = dims.items()
    if power != 1 or dim not in CURRENCIES:
        return None
    code = CURRENCIES[dim]
    return code, conversion_factor(text, code, where)
