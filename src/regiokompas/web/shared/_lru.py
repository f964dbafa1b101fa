"""In-process LRU caches bounded by size in bytes as well as by number of entries.

A cache bounded only by count can hold 8,192 half-megabyte answers (4 GB) once visitors vary
their settings; these caches also keep the estimated size of what they hold under a budget and
drop the least recently used entries first. Sizes are estimates (:func:`approx_size`): a deep
``sys.getsizeof`` over containers, dataclasses and pydantic models, ``nbytes`` for numpy arrays
and the deep memory use of pandas frames, stopping after :data:`MAX_NODES` objects so that
measuring never costs more than building.

>>> cache = SizedLRU(max_entries=10, max_bytes=3_000)
>>> for key in "abc":
...     cache.put(key, "x" * 1_000)
>>> [key for key in "abc" if cache.get(key) is not None]
['b', 'c']
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

import numpy as np

__all__ = ["MAX_NODES", "SizedLRU", "approx_size"]

V = TypeVar("V")

#: Objects visited at most when estimating one value's size.
MAX_NODES = 200_000

_ATOMS = (str, bytes, bytearray, int, float, complex, bool, type(None))


def approx_size(value: Any) -> int:
    """An estimate of the memory ``value`` holds, in bytes (shared objects counted once).

    >>> approx_size(np.zeros(1000)) >= 8000
    True
    >>> approx_size(("x" * 100, "x" * 100)) > 200
    True
    """
    seen: set[int] = set()
    stack = [value]
    total = 0
    while stack and len(seen) < MAX_NODES:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, np.ndarray):
            total += int(obj.nbytes) + sys.getsizeof(np.empty(0))
            continue
        usage = getattr(obj, "memory_usage", None)
        if callable(usage) and hasattr(obj, "columns"):  # a pandas DataFrame
            total += int(usage(deep=True).sum())
            continue
        total += sys.getsizeof(obj)
        if isinstance(obj, _ATOMS):
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            stack.extend(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        elif hasattr(obj, "__dict__") and not isinstance(obj, type):
            stack.append(vars(obj))
    return total


class SizedLRU(Generic[V]):
    """A thread-safe LRU of at most ``max_entries`` entries and ``max_bytes`` estimated bytes.

    A value larger than the whole budget is not kept (the caller still gets it from its own
    computation); ``get`` returns None for a miss, so None is not a value to cache.
    """

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = int(max_entries)
        self.max_bytes = int(max_bytes)
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        """The estimated size of what the cache holds now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def get(self, key: Hashable) -> V | None:
        """The value under ``key`` (now the most recently used), or None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            self._items.move_to_end(key)
            return hit[0]

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` under ``key``, dropping the least recently used beyond the bounds."""
        size = approx_size(value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _key, (_value, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped
