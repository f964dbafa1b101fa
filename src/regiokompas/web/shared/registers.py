"""The register each app uses: opened and migrated once per (database, dataset), then shared.

Pages, the API, the advice and the shared result cache all read the live register, so the
accessor lives here, below them; the register's own web code (sessions, CSRF, tokens) is in
:mod:`regiokompas.web.register`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import Request

from regiokompas.settings import Settings
from regiokompas.store import Register

__all__ = ["close_registers", "register_of", "register_of_app"]

_REGISTERS: dict[tuple[str | None, Path], Register] = {}
_LOCK = threading.Lock()


def register_of(request: Request) -> Register:
    """The register for this app's settings (opened and migrated once, then shared)."""
    return register_of_app(request.app)


def register_of_app(app: Any) -> Register:
    """:func:`register_of` for an app (work without a request, such as the warm-up)."""
    settings: Settings = app.state.settings
    dataset = app.state.site.dataset
    key = (settings.database_url, dataset.folder)
    with _LOCK:
        if key not in _REGISTERS:
            _REGISTERS[key] = Register.open(settings.database_url, dataset)
        return _REGISTERS[key]


def close_registers() -> None:
    """Dispose every cached register's connections (tests; app shutdown)."""
    with _LOCK:
        for reg in _REGISTERS.values():
            reg.engine.dispose()
        _REGISTERS.clear()
