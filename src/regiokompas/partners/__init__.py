"""Partner finder: ranked contiguous partner groups for one gemeente, with the autonomy trade-off.

>>> from regiokompas.partners import PartnerFinder
>>> PartnerFinder.__name__
'PartnerFinder'
"""

from regiokompas.partners.finder import (
    PartnerFinder,
    PartnerOption,
    PartnerReport,
    ScopeResult,
    SharedRegion,
)

__all__ = ["PartnerFinder", "PartnerOption", "PartnerReport", "ScopeResult", "SharedRegion"]
