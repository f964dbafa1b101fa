"""A small per-process cache for fits that are pure functions of one Dataset.

A Dataset holds DataFrames and is not hashable, so the cache keys on the object's identity and
keeps a reference to it (so the identity cannot be reused while the entry lives). A handful of
entries at most; the oldest goes first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from regiokompas.data import Dataset

__all__ = ["per_dataset"]

R = TypeVar("R")

_SIZE = 4


def per_dataset(fn: Callable[[Dataset], R]) -> Callable[[Dataset], R]:
    """Cache ``fn(ds)`` per Dataset object (identity), for deterministic fits."""
    store: dict[int, tuple[Dataset, R]] = {}

    @wraps(fn)
    def wrapper(ds: Dataset) -> R:
        hit = store.get(id(ds))
        if hit is not None and hit[0] is ds:
            return hit[1]
        value = fn(ds)
        if len(store) >= _SIZE:
            store.pop(next(iter(store)))
        store[id(ds)] = (ds, value)
        return value

    return wrapper
