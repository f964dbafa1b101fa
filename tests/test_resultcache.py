"""The shared result cache: one computation per key across threads and processes, bounded."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from regiokompas._resultcache import ResultCache, cache_key


def test_computes_once_and_serves_the_stored_bytes(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    calls: list[int] = []

    def compute() -> bytes:
        calls.append(1)
        return b"x" * 10

    key = cache_key("a", {"n": 1})
    assert cache.get_or_compute(key, compute) == b"x" * 10
    assert cache.get_or_compute(key, compute) == b"x" * 10
    assert len(calls) == 1
    # Another instance on the same file (another worker) sees it.
    assert ResultCache(tmp_path / "c.sqlite3").peek(key) == b"x" * 10


def test_keys_ignore_dict_order_but_not_values() -> None:
    assert cache_key("k", {"a": 1, "b": 2}) == cache_key("k", {"b": 2, "a": 1})
    assert cache_key("k", {"a": 1}) != cache_key("k", {"a": 2})


def test_none_is_returned_but_not_stored(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    assert cache.get_or_compute("k", lambda: None) is None
    assert cache.peek("k") is None
    assert not cache.computing("k")  # the claim was released


def test_size_bound_evicts_least_recently_used(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", max_bytes=250)
    for name in ("a", "b"):
        cache.put(name, b"1" * 100)
        time.sleep(0.01)
    cache.peek("a")  # a is now more recent than b
    time.sleep(0.01)
    cache.put("c", b"1" * 100)
    assert cache.peek("b") is None
    assert cache.peek("a") is not None and cache.peek("c") is not None
    assert cache.stats() == (2, 200)
    cache.put("huge", b"1" * 1000)  # larger than the bound: not stored, nothing evicted
    assert cache.stats() == (2, 200)
    cache.clear()
    assert cache.stats() == (0, 0)


def test_threads_wait_for_the_one_that_computes(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    calls: list[int] = []
    results: list[bytes | None] = []

    def slow() -> bytes:
        calls.append(1)
        time.sleep(0.3)
        return b"done"

    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [b"done"] * 4
    assert len(calls) == 1


def test_a_claim_held_elsewhere_is_visible_and_expires(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    other = ResultCache(path, claim_seconds=0.3)
    holder = threading.Thread(target=lambda: other.claim("k"))
    holder.start()
    holder.join()  # the claim belongs to a finished thread, as after a crash
    mine = ResultCache(path)
    assert mine.computing("k")
    assert not mine.claim("k")
    # It expires: then this process computes itself.
    assert mine.get_or_compute("k", lambda: b"mine", wait_seconds=5) == b"mine"


def test_another_process_reads_what_this_one_stored(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ResultCache(path).put(cache_key("shared"), b"from process one")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from regiokompas._resultcache import ResultCache, cache_key\n"
        "cache = ResultCache(Path(sys.argv[1]))\n"
        "value = cache.get_or_compute(cache_key('shared'), lambda: b'recomputed')\n"
        "sys.stdout.write(value.decode())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout == "from process one"
