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
from regiokompas.savings._base import SHARED_CORRELATION, correlated_normals, two_piece
from regiokompas.savings._errors import (
    AssumptionError,
    DuplicateGemeenteError,
    GroupError,
    NotContiguousError,
    UnknownVormError,
)
from regiokompas.savings._estimate import EXPLORATION, verdict_basis
from regiokompas.savings._existing import (
    EXIT_YEARS,
    ExistingArrangement,
    SwitchingPrior,
    existing_from_regelingen,
    label_in,
    load_switching_priors,
)
from regiokompas.savings._results import GroupValue, Range, SavingsEstimate, Tangible, YearFigure
from regiokompas.savings._rounding import band_decimals, band_step, round_to_band, whole_units
from regiokompas.savings._sources import note_in, source_in
from regiokompas.savings.engine import DEFAULT_MODE, MODES, Mode, SavingsEngine

__all__ = [
    "label_in",
    "note_in",
    "source_in",
    "verdict_basis",
    "DEFAULT_DISCOUNT_RATE",
    "DEFAULT_HORIZON",
    "DEFAULT_MODE",
    "EXIT_YEARS",
    "EXPLORATION",
    "MODES",
    "SHARED_CORRELATION",
    "AssumptionError",
    "Assumptions",
    "DuplicateGemeenteError",
    "ExistingArrangement",
    "FormCosts",
    "GroupError",
    "GroupValue",
    "Mode",
    "NotContiguousError",
    "Range",
    "SavingsEngine",
    "SavingsEstimate",
    "SwitchingPrior",
    "TaakveldPrior",
    "Tangible",
    "Unit",
    "UnknownVormError",
    "YearFigure",
    "annuity_factor",
    "band_decimals",
    "band_step",
    "correlated_normals",
    "discount_factors",
    "existing_from_regelingen",
    "load_assumptions",
    "load_switching_priors",
    "ramp",
    "round_to_band",
    "spread",
    "two_piece",
    "verdict_of",
    "whole_units",
]
