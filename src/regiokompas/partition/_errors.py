"""User-facing errors of the region optimiser (Dutch first, English second)."""

from __future__ import annotations

from regiokompas.data import RegiokompasError

__all__ = ["ConstraintConflictError", "ScenarioError", "UnknownAreaError"]


class ConstraintConflictError(RegiokompasError):
    """The constraints cannot all hold; the message names the conflict."""


class UnknownAreaError(RegiokompasError):
    """An area (``provincie:Utrecht``, ``veiligheidsregio:VR16``, ``land``) is not known."""


class ScenarioError(RegiokompasError):
    """Scenario draws cannot be made for these settings (e.g. the fitted cost model)."""
