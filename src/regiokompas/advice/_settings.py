"""The typed settings of one advice: hashable and frozen, so a cache can key on them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from regiokompas.data import REGION_TYPES, RegiokompasError
from regiokompas.savings import DEFAULT_MODE

__all__ = ["DEFAULT_DRAWS", "MAX_GROUP_SIZE", "MODES", "AdviceSettings"]

#: The draws every adapter uses unless the user asks otherwise (one number, one place).
DEFAULT_DRAWS = 1000
#: Largest group the partner finder enumerates for an advice (the gemeente included).
MAX_GROUP_SIZE = 6
#: Savings-model modes an advice can use, the default first (``custom`` needs numbers of
#: one's own). ``fitted`` is an exploration: it never gives a verdict, so never a "kans".
MODES = (DEFAULT_MODE, "fitted")


@dataclass(frozen=True)
class AdviceSettings:
    """What the user chose. Every adapter (page, API, CLI, chapter) builds one of these and
    passes it unchanged to :func:`regiokompas.advice.advise`.

    ``group_size``: largest group, the gemeente included. ``within``: a region type
    (``ggd``, ``veiligheidsregio`` …) to keep partners inside the gemeente's own region.
    ``vorm``: the cooperation form (canonical key). ``mode``: ``literature`` (the default,
    :data:`regiokompas.savings.DEFAULT_MODE`) or ``fitted`` (an exploration, no verdict).
    ``autonomy_price``: k€ per year the college puts on one unit of the gemeente's own
    autonomy loss (scale 0–1 per taakveld, see :mod:`regiokompas.advice`), paid by every
    member. ``draws``/``seed``: the uncertainty bands. ``include_no_evidence``: also list
    taakvelden whose best group shows no proven saving. ``prefer_existing``: prefer groups
    inside the gemeente's existing partner sets. ``taakvelden``: series to look at (None: all
    cooperable ones). ``top``: options listed per taakveld.

    >>> AdviceSettings(group_size=3) == AdviceSettings(group_size=3)
    True
    >>> hash(AdviceSettings()) == hash(AdviceSettings())
    True
    """

    group_size: int = 4
    within: str | None = None
    vorm: str = "bedrijfsvoeringsorganisatie"
    mode: str = DEFAULT_MODE
    autonomy_price: float = 0.0
    draws: int = DEFAULT_DRAWS
    seed: int = 0
    include_no_evidence: bool = False
    prefer_existing: bool = True
    taakvelden: tuple[str, ...] | None = None
    top: int = 5

    def __post_init__(self) -> None:
        if not 2 <= int(self.group_size) <= MAX_GROUP_SIZE:
            raise RegiokompasError(
                f"De groepsgrootte moet tussen 2 en {MAX_GROUP_SIZE} liggen "
                f"(gekozen: {self.group_size}).",
                f"The group size must be between 2 and {MAX_GROUP_SIZE} "
                f"(chosen: {self.group_size}).",
            )
        if self.within is not None and self.within not in REGION_TYPES:
            raise RegiokompasError(
                f"'{self.within}' is geen regio-indeling; kies uit {', '.join(REGION_TYPES)}.",
                f"'{self.within}' is not a regional division; choose from "
                f"{', '.join(REGION_TYPES)}.",
            )
        if self.mode not in MODES:
            raise RegiokompasError(
                f"'{self.mode}' is geen modelmodus; kies uit {', '.join(MODES)}.",
                f"'{self.mode}' is not a model mode; choose from {', '.join(MODES)}.",
            )
        if not 0.0 <= float(self.autonomy_price) <= 10_000.0:
            raise RegiokompasError(
                "De autonomieprijs moet tussen 0 en 10.000 k€ per eenheid liggen.",
                "The autonomy price must be between 0 and 10,000 k€ per unit.",
            )
        if not 10 <= int(self.draws) <= 100_000:
            raise RegiokompasError(
                "Het aantal trekkingen moet tussen 10 en 100.000 liggen.",
                "The number of draws must be between 10 and 100,000.",
            )
        if not 1 <= int(self.top) <= 50:
            raise RegiokompasError(
                "Het aantal opties per taakveld moet tussen 1 en 50 liggen.",
                "The number of options per policy task must be between 1 and 50.",
            )

    def as_dict(self) -> dict[str, object]:
        """Plain data (for JSON and the chapter's appendix)."""
        out = asdict(self)
        if self.taakvelden is not None:
            out["taakvelden"] = list(self.taakvelden)
        return out
