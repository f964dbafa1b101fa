"""User-facing errors of the region optimiser (Dutch first, English second)."""

from __future__ import annotations

from regiokompas.data import RegiokompasError
from regiokompas.i18n import format_number

__all__ = [
    "ConstraintConflictError",
    "EnumerationLimitError",
    "ScenarioError",
    "UnknownAreaError",
]


class ConstraintConflictError(RegiokompasError):
    """The constraints cannot all hold; the message names the conflict."""


class UnknownAreaError(RegiokompasError):
    """An area (``provincie:Utrecht``, ``veiligheidsregio:VR16``, ``land``) is not known."""


class ScenarioError(RegiokompasError):
    """Scenario draws cannot be made for these settings (e.g. the fitted cost model)."""


class EnumerationLimitError(RegiokompasError):
    """The area has more connected groups than the caller allows (``max_groups``): the
    enumeration stops at the limit instead of filling memory. ``limit`` is that limit."""

    def __init__(self, limit: int, max_size: int) -> None:
        self.limit = limit
        super().__init__(
            f"Er zijn meer dan {format_number(limit, 'nl')} samenhangende groepen tot {max_size} "
            "gemeenten; "
            "het opsommen is daar gestopt. Kies een kleinere groepsgrootte of een kleiner gebied.",
            f"There are more than {format_number(limit, 'en')} connected groups of up to "
            f"{max_size} gemeenten; "
            "enumeration stopped there. Choose a smaller group size or a smaller area.",
        )
