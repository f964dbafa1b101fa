"""Savings of cooperation: literature priors, cooperation forms and the savings engine.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.savings import SavingsEngine
>>> engine = SavingsEngine.from_dataset(load_dataset(), mode="literature")
>>> engine.group_value(["GM0513"], ["0.61"], "bedrijfsvoeringsorganisatie").net_keur
0.0
"""

from regiokompas.savings._arithmetic import (
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_HORIZON,
    annuity_factor,
    discount_factors,
    ramp,
    spread,
    verdict_of,
)
from regiokompas.savings._assumptions import (
    Assumptions,
    FormCosts,
    TaakveldPrior,
    Unit,
    load_assumptions,
)
from regiokompas.savings._errors import (
    AssumptionError,
    DuplicateGemeenteError,
    GroupError,
    NotContiguousError,
    UnknownVormError,
)
from regiokompas.savings._results import GroupValue, Range, SavingsEstimate, Tangible, YearFigure
from regiokompas.savings.engine import MODES, Mode, SavingsEngine

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "DEFAULT_HORIZON",
    "MODES",
    "AssumptionError",
    "Assumptions",
    "DuplicateGemeenteError",
    "FormCosts",
    "GroupError",
    "GroupValue",
    "Mode",
    "NotContiguousError",
    "Range",
    "SavingsEngine",
    "SavingsEstimate",
    "TaakveldPrior",
    "Tangible",
    "Unit",
    "UnknownVormError",
    "YearFigure",
    "annuity_factor",
    "discount_factors",
    "load_assumptions",
    "ramp",
    "spread",
    "verdict_of",
]
