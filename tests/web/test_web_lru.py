"""The web app's in-process caches are bounded by size as well as by count."""

from __future__ import annotations

import numpy as np

from regiokompas.data import Dataset
from regiokompas.web.shared._lru import SizedLRU, approx_size
from regiokompas.web.shared.views import SiteData


def test_size_estimate_follows_the_data() -> None:
    assert approx_size(np.zeros(100_000)) >= 800_000
    small, large = approx_size(["x" * 10] * 3), approx_size(["x" * 10_000, "y" * 10_000])
    assert small < 1_000 < 20_000 <= large
    shared = "z" * 50_000
    assert approx_size((shared, shared)) < 2 * approx_size(shared)  # counted once


def test_lru_evicts_by_bytes_and_by_count() -> None:
    cache: SizedLRU[np.ndarray] = SizedLRU(max_entries=100, max_bytes=2_500_000)
    for key in range(3):
        cache.put(key, np.zeros(125_000))  # about 1 MB each
    assert [k for k in range(3) if cache.get(k) is not None] == [1, 2]
    assert cache.bytes <= 2_500_000
    cache.get(1)  # 1 is now the most recently used: 2 goes next
    cache.put(3, np.zeros(125_000))
    assert [k for k in range(4) if k in cache] == [1, 3]
    counted: SizedLRU[int] = SizedLRU(max_entries=2, max_bytes=10**9)
    for key in range(5):
        counted.put(key, key)
    assert len(counted) == 2 and 4 in counted
    # A value larger than the whole budget is not kept at all.
    cache.put("huge", np.zeros(1_000_000))
    assert "huge" not in cache and cache.bytes <= 2_500_000


def test_site_memo_stays_under_its_byte_budget(ds: Dataset, monkeypatch) -> None:
    monkeypatch.setattr(SiteData, "MEMO_BYTES", 3_000_000)
    site = SiteData(ds)
    built = []
    for key in range(10):
        site.memo(("test", key), lambda key=key: built.append(key) or np.full(125_000, key))
    assert site._memo.bytes <= 3_000_000 and len(site._memo) < 10
    site.memo(("test", 9), lambda: built.append(-1) or np.zeros(1))  # still there: not rebuilt
    assert -1 not in built
