"""Cost model per taakveld: scale elasticities of Iv3 lasten per inhabitant, with uncertainty.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.costs import CostModel
>>> fit = CostModel.from_dataset(load_dataset(), draws=200).fit("0.61")
>>> fit.n > 1000
True
"""

from regiokompas.costs._errors import UnknownTaakveldError
from regiokompas.costs._panel import DEFAULT_YEARS, REFERENCE_SIZE, Panel, build_panel
from regiokompas.costs.chart import plot_fit, plot_fit_bytes
from regiokompas.costs.model import (
    ELASTICITY_SIZES,
    CostModel,
    Interval,
    TaakveldFit,
    Verdict,
    resolve_taakveld,
)

__all__ = [
    "DEFAULT_YEARS",
    "ELASTICITY_SIZES",
    "REFERENCE_SIZE",
    "CostModel",
    "Interval",
    "Panel",
    "TaakveldFit",
    "UnknownTaakveldError",
    "Verdict",
    "build_panel",
    "plot_fit",
    "plot_fit_bytes",
    "resolve_taakveld",
]
