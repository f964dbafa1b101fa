"""Results the web app's worker processes share, through :class:`regiokompas._resultcache`.

:class:`SharedResults` is the one place the web app's answers meet the shared cache:

- :meth:`SharedResults.memo` backs :meth:`regiokompas.web.shared.views.SiteData.memo` for the kinds
  of result listed in :data:`SHARED_KINDS` (a gemeente's opportunities, a savings estimate):
  a pydantic model from :mod:`regiokompas.web.shared.schemas`, stored as JSON, so a worker that did
  not compute it reads it in a millisecond. Other memo entries (tables, maps) stay in-process.
- :meth:`SharedResults.get_or_compute` is the generic entry: ``(kind, settings) -> bytes``,
  for the chapter in each format and, after the advice service lands, its results.

Keys carry a *namespace*: the app version and the data bundle's checksums, so a new release
or a rebuilt bundle never reads an old answer. Results that depend on the register also put
the register's version in their settings (:func:`register_version`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from regiokompas import __version__
from regiokompas._resultcache import DEFAULT_MAX_BYTES, ResultCache, cache_key
from regiokompas.data import Dataset
from regiokompas.report import Download
from regiokompas.web.shared import schemas

__all__ = [
    "SHARED_KINDS",
    "SharedResults",
    "cache_folder",
    "cached_download",
    "register_version",
]

T = TypeVar("T")

#: Memo keys (their first element) whose results every worker shares.
SHARED_KINDS = frozenset({"kansen", "besparing"})


def cache_folder(override: Path | None = None) -> Path:
    """``override``, ``$REGIOKOMPAS_CACHE_DIR`` or the user cache folder (as the fit store)."""
    if override is not None:
        return Path(override)
    env = os.environ.get("REGIOKOMPAS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_path("regiokompas"))


def _namespace(dataset: Dataset) -> str:
    checksums = dataset.metadata.get("bestanden_sha256", {})
    return cache_key("regiokompas", __version__, str(dataset.folder), checksums)


class _NotSharedError(Exception):
    """The result is not a schema model: keep it in this process only."""


def _encode(value: Any) -> bytes:
    if not isinstance(value, BaseModel) or getattr(schemas, type(value).__name__, None) is not type(
        value
    ):
        raise _NotSharedError
    return json.dumps(
        {"type": type(value).__name__, "data": value.model_dump(mode="json")},
        separators=(",", ":"),
    ).encode("utf-8")


def _decode(raw: bytes) -> BaseModel:
    payload = json.loads(raw)
    cls = getattr(schemas, str(payload["type"]), None)
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
        raise ValueError(f"not a schema model: {payload['type']!r}")
    return cls.model_validate(payload["data"])


class SharedResults:
    """The web app's view of the shared result cache (see the module docstring)."""

    def __init__(self, cache: ResultCache, namespace: str) -> None:
        self.cache = cache
        self.namespace = namespace

    @classmethod
    def open(
        cls, dataset: Dataset, folder: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> SharedResults:
        """The shared results for ``dataset`` in ``folder`` (default: the user cache folder)."""
        path = cache_folder(folder) / "web" / "results.sqlite3"
        return cls(ResultCache(path, max_bytes=max_bytes), _namespace(dataset))

    def key(self, kind: str, settings: Any) -> str:
        """The cache key of result ``kind`` for ``settings`` (anything JSON-able)."""
        return cache_key(self.namespace, kind, settings)

    def get_or_compute(self, kind: str, settings: Any, compute: Callable[[], bytes]) -> bytes:
        """The stored bytes of ``kind`` for ``settings``, or ``compute()`` once for all workers."""
        value = self.cache.get_or_compute(self.key(kind, settings), compute)
        if value is None:  # pragma: no cover - compute returns bytes
            raise RuntimeError("no result")
        return value

    def ready(self, kind: str, settings: Any) -> bool:
        """True when the result is stored (a request can answer at once)."""
        return self.cache.peek(self.key(kind, settings)) is not None

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """:meth:`SiteData.memo`'s backend: shared for :data:`SHARED_KINDS`, else ``build()``."""
        if not (isinstance(key, tuple) and key and key[0] in SHARED_KINDS):
            return build()
        built: list[T] = []

        def compute() -> bytes | None:
            value = build()
            built.append(value)
            try:
                return _encode(value)
            except _NotSharedError:
                return None

        raw = self.cache.get_or_compute(self.key(str(key[0]), list(key[1:])), compute)
        if built:
            return built[0]
        if raw is None:  # pragma: no cover - only when compute ran
            return build()
        return _decode(raw)  # type: ignore[return-value]


def register_version(register: Any) -> str:
    """A fingerprint of the register's contents: its audit trail's length and last entry.

    Every change to the register writes an audit line, so the fingerprint changes with every
    edit and results that read the register are keyed by it.
    """
    from sqlalchemy import func, select

    from regiokompas.store._schema import AuditRow

    with register.session() as session:
        count, last = session.execute(select(func.count(), func.max(AuditRow.id))).one()
    return f"{count}:{last}"


def cached_download(
    request: Any, kind: str, settings: dict[str, Any], make: Callable[[], Download]
) -> Download:
    """``make()`` (a chapter download), shared between workers when the app has shared results.

    The key holds ``settings`` and the register's version, so an edit to the register or other
    settings give a new chapter; without shared results (tests, embedders) it is ``make()``.
    """
    shared: SharedResults | None = getattr(request.app.state.site, "shared", None)
    if shared is None:
        return make()
    from regiokompas.web.shared.registers import register_of

    full = {**settings, "register": register_version(register_of(request))}

    def compute() -> bytes:
        file = make()
        header = json.dumps({"media_type": file.media_type, "filename": file.filename})
        return header.encode("utf-8") + b"\n" + file.data

    header, _, data = shared.get_or_compute(kind, full, compute).partition(b"\n")
    meta = json.loads(header)
    return Download(data, str(meta["media_type"]), str(meta["filename"]))
