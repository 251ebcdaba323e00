"""Carbon accounting: project emission reductions, PCAF financed emissions, a
company's Scope 1/2/3 and the 碳减排支持工具 disclosure, from versioned factor
tables (``taxonomies/factors/``) with units carried by one pint registry.

Python API::

    from greenkit.carbon import reductions, financed, footprint, cerf, load_factors
    r = reductions("out/tagged")                     # ReductionResult
    f = financed("samples/financed_book.csv", FinancedOptions(year=2025))
    c = footprint("samples/company_activity.yaml")
    t = cerf("out/tagged")
    load_factors().electricity                       # the factor tables
"""

from greenkit.carbon.cerf import CerfOptions, cerf
from greenkit.carbon.factors import (
    electricity_factors,
    fuel_emissions,
    load_factors,
    normalise_regions,
)
from greenkit.carbon.footprint import FootprintOptions, footprint
from greenkit.carbon.pcaf import FinancedOptions, compute_financed, financed
from greenkit.carbon.reductions import ReductionOptions, compute_reductions, reductions

__all__ = [
    "CerfOptions", "FinancedOptions", "FootprintOptions", "ReductionOptions", "cerf",
    "compute_financed", "compute_reductions", "electricity_factors", "financed", "footprint",
    "fuel_emissions", "load_factors", "normalise_regions", "reductions",
]
