"""Comparable gemeenten by structure (see :mod:`regiokompas._comparable`): the advice shows
the same ten gemeenten the profile compares spending with."""

from regiokompas._comparable import COMPARABLE_FEATURES, MIN_COMPARABLE, comparable_gemeenten

__all__ = ["COMPARABLE_FEATURES", "MIN_COMPARABLE", "comparable_gemeenten"]
