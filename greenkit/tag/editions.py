"""Pick the catalogue edition in force for each loan.

Rule (银发〔2025〕132号, as encoded in ``editions.yaml``): at a report date on
or after the new edition's effective date, a loan approved on or after the new
edition's *publication* is classified under it; a loan approved earlier keeps
the historical standard (grandfathering). Before the effective date the
historical edition applies to everyone. A loan without an approval date is
classified under the edition in force at the report date (``--as-of``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from greenkit.errors import ConfigError, TaxonomyError
from greenkit.io.yamlfile import load_yaml_text
from greenkit.taxonomy import Taxonomy, load_taxonomy

IN_FORCE = "in-force"


@lru_cache(maxsize=1)
def config() -> dict:
    text = resources.files(__package__).joinpath("editions.yaml").read_text(encoding="utf-8")
    return load_yaml_text(text)


def chain(product: str | None = None) -> list[Taxonomy]:
    """Editions of the family for a product, oldest first (only those shipped)."""
    cfg = config()
    product = product or cfg["default_product"]
    ids = cfg["products"].get(product)
    if ids is None:
        raise ConfigError(f"unknown product {product!r} (known: {', '.join(cfg['products'])})")
    out = []
    for i in ids:
        try:
            out.append(load_taxonomy(i))
        except TaxonomyError:  # an edition not shipped (yet) is skipped, not guessed
            continue
    if not out:
        raise ConfigError(f"no edition of {cfg['family']} is available for {product}")
    return out


def _ts(d: dt.date | None) -> pd.Timestamp:
    return pd.Timestamp(d) if d else pd.Timestamp.min


def edition_for(approval: pd.Series, as_of: dt.date, product: str | None = None) -> pd.Series:
    """Edition id per row, from approval dates (NaT → the report date)."""
    editions = chain(product)
    report = pd.Timestamp(as_of)
    in_force = [e for e in editions if _ts(e.effective_from) <= report] or editions[:1]
    dates = pd.to_datetime(approval).fillna(report)
    # start from the oldest edition in force, move up while the loan was approved
    # on/after the next edition's publication (and that edition is in force)
    result = np.full(len(dates), in_force[0].id, dtype=object)
    for e in in_force[1:]:
        published = _ts(e.published or e.effective_from)
        result[(dates >= published).to_numpy()] = e.id
    return pd.Series(result, index=approval.index, dtype="string")


def explain(as_of: dt.date, product: str | None = None) -> list[dict]:
    """The chain with dates, for summaries and `greenkit tag --help` users."""
    return [{"id": e.id, "published": str(e.published or ""),
             "effective_from": str(e.effective_from or ""),
             "in_force_at_report_date": _ts(e.effective_from) <= pd.Timestamp(as_of)}
            for e in chain(product)]
