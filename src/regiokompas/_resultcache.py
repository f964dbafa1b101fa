"""A result cache on disk that several processes share, bounded by size.

The web app computes the same answers again and again (a gemeente's opportunities with the
default settings, a chapter as PDF); with several worker processes each would compute them
on its own. :class:`ResultCache` keeps computed results as bytes in one SQLite file (WAL mode,
so readers never wait for a writer) that every worker on the machine opens:

- :meth:`ResultCache.get_or_compute` returns the stored bytes or computes them once, also
  across processes: while one process computes a key it holds a *claim* on it, and the others
  wait for its result instead of computing the same thing (a claim expires, so a crashed
  worker does not block anyone).
- :meth:`ResultCache.peek` / :meth:`ResultCache.computing` let a request see whether an answer
  is ready or being computed, to show a "wordt berekend" page instead of waiting.
- The file stays under ``max_bytes``: the least recently used results go first.

Keys are strings; :func:`cache_key` makes one from any JSON-able parts. Values are bytes: the
caller chooses the encoding (JSON of a pydantic model, a rendered PDF). Standard library only.

>>> import tempfile
>>> cache = ResultCache(Path(tempfile.mkdtemp()) / "r.sqlite3")
>>> cache.get_or_compute(cache_key("demo", 1), lambda: b"answer")
b'answer'
>>> cache.peek(cache_key("demo", 1))
b'answer'
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_MAX_BYTES", "ResultCache", "cache_key"]

#: Default bound of one cache file.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY, value BLOB NOT NULL, size INTEGER NOT NULL, atime REAL NOT NULL,
    writer INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS results_atime ON results (atime);
CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, until REAL NOT NULL);
"""


def cache_key(*parts: Any) -> str:
    """A stable key for JSON-able ``parts`` (dicts in any order give the same key)."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResultCache:
    """Results as bytes in one SQLite file shared by processes (see the module docstring)."""

    def __init__(
        self,
        path: Path,
        max_bytes: int = DEFAULT_MAX_BYTES,
        claim_seconds: float = 120.0,
    ) -> None:
        self.path = Path(path)
        self.max_bytes = int(max_bytes)
        self.claim_seconds = float(claim_seconds)
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    # ------------------------------------------------------------------ connections

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections are not shared between threads)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None or getattr(self._local, "pid", None) != os.getpid():
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def _owner(self) -> str:
        return f"{os.getpid()}:{threading.get_ident()}"

    # ------------------------------------------------------------------ reading and writing

    def peek(self, key: str) -> bytes | None:
        """The stored result of ``key``, or None (marks it as recently used)."""
        db = self._connect()
        row = db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        db.execute("UPDATE results SET atime = ? WHERE key = ?", (time.time(), key))
        return bytes(row[0])

    def put(self, key: str, value: bytes) -> None:
        """Store ``value`` under ``key`` and evict the least recently used beyond the bound."""
        if len(value) > self.max_bytes:
            return  # would evict everything else and itself
        db = self._connect()
        db.execute(
            "INSERT OR REPLACE INTO results (key, value, size, atime, writer) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, value, len(value), time.time(), os.getpid()),
        )
        total = int(db.execute("SELECT COALESCE(SUM(size), 0) FROM results").fetchone()[0])
        while total > self.max_bytes:
            oldest = db.execute(
                "SELECT key, size FROM results WHERE key != ? ORDER BY atime LIMIT 1", (key,)
            ).fetchone()
            if oldest is None:
                break
            db.execute("DELETE FROM results WHERE key = ?", (oldest[0],))
            total -= int(oldest[1])

    def stats(self) -> tuple[int, int]:
        """(number of results, their total size in bytes)."""
        row = self._connect().execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM results")
        count, size = row.fetchone()
        return int(count), int(size)

    def writers(self) -> dict[int, int]:
        """How many stored results each process (by pid) computed: who did the work."""
        rows = self._connect().execute("SELECT writer, COUNT(*) FROM results GROUP BY writer")
        return {int(pid): int(n) for pid, n in rows.fetchall()}

    def clear(self) -> None:
        """Remove every stored result and claim."""
        db = self._connect()
        db.execute("DELETE FROM results")
        db.execute("DELETE FROM claims")

    # ------------------------------------------------------------------ claims

    def claim(self, key: str) -> bool:
        """Take the right to compute ``key``; False while another live claim holds it."""
        db = self._connect()
        now = time.time()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT owner, until FROM claims WHERE key = ?", (key,)).fetchone()
            if row is not None and row[1] > now and row[0] != self._owner():
                db.execute("COMMIT")
                return False
            db.execute(
                "INSERT OR REPLACE INTO claims (key, owner, until) VALUES (?, ?, ?)",
                (key, self._owner(), now + self.claim_seconds),
            )
            db.execute("COMMIT")
            return True
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def release(self, key: str) -> None:
        """Give up this thread's claim on ``key``."""
        self._connect().execute(
            "DELETE FROM claims WHERE key = ? AND owner = ?", (key, self._owner())
        )

    def computing(self, key: str) -> bool:
        """True while some process holds a live claim on ``key``."""
        row = (
            self._connect()
            .execute("SELECT 1 FROM claims WHERE key = ? AND until > ?", (key, time.time()))
            .fetchone()
        )
        return row is not None

    # ------------------------------------------------------------------ the main entry point

    def get_or_compute(
        self,
        key: str,
        compute: Callable[[], bytes | None],
        wait_seconds: float | None = None,
        poll_seconds: float = 0.05,
    ) -> bytes | None:
        """The result of ``key``: stored, computed by another process meanwhile, or computed.

        ``compute`` may return None for a result that must not be stored (it is then returned
        as None). Waiting for another process's claim stops after ``wait_seconds`` (default:
        the claim's lifetime), after which this process computes the result itself.
        """
        value = self.peek(key)
        if value is not None:
            return value
        deadline = time.monotonic() + (self.claim_seconds if wait_seconds is None else wait_seconds)
        while not self.claim(key):
            if time.monotonic() > deadline:
                break
            time.sleep(poll_seconds)
            value = self.peek(key)
            if value is not None:
                return value
        try:
            value = self.peek(key)  # finished between our last look and the claim
            if value is not None:
                return value
            value = compute()
            if value is not None:
                self.put(key, value)
            return value
        finally:
            self.release(key)
