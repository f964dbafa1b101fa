"""Fair cost sharing within a cooperation: verdeelsleutels, Shapley value, nucleolus, core.

>>> import numpy as np
>>> from regiokompas.sharing import CostGame, shapley_value
>>> shapley_value(CostGame(("A", "B"), np.array([0.0, 6.0, 10.0, 10.0]))).tolist()
[3.0, 7.0]
"""

from regiokompas.sharing._errors import GameFileError, SharingError
from regiokompas.sharing.analysis import (
    METHODS,
    Aandeel,
    BatchGame,
    Blokkade,
    VerdeelAnalyse,
    Verdeling,
    verdeel,
)
from regiokompas.sharing.engine_game import (
    MAX_ENGINE_PLAYERS,
    CoalitionCostModel,
    engine_batch_cost,
    engine_game,
)
from regiokompas.sharing.game import MAX_EXPLICIT_PLAYERS, CostGame, coalition_mask, mask_members
from regiokompas.sharing.gamefile import RULES, ParsedGame, parse_game, read_game_file
from regiokompas.sharing.keys import fixed_plus_variable, per_share, round_to_cents
from regiokompas.sharing.nucleolus import NucleolusResult, least_core, nucleolus, prenucleolus
from regiokompas.sharing.regio import verdeel_regio
from regiokompas.sharing.shapley import SampledShapley, sampled_shapley, shapley_value

__all__ = [
    "MAX_ENGINE_PLAYERS",
    "MAX_EXPLICIT_PLAYERS",
    "METHODS",
    "RULES",
    "Aandeel",
    "BatchGame",
    "Blokkade",
    "CoalitionCostModel",
    "CostGame",
    "GameFileError",
    "NucleolusResult",
    "ParsedGame",
    "SampledShapley",
    "SharingError",
    "VerdeelAnalyse",
    "Verdeling",
    "coalition_mask",
    "engine_batch_cost",
    "engine_game",
    "fixed_plus_variable",
    "least_core",
    "mask_members",
    "nucleolus",
    "parse_game",
    "per_share",
    "prenucleolus",
    "read_game_file",
    "round_to_cents",
    "sampled_shapley",
    "shapley_value",
    "verdeel",
    "verdeel_regio",
]
