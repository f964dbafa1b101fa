"""Structured security log: one JSON object per event on the ``regiokompas.security`` logger.

Events: ``inloggen_gelukt``, ``inloggen_mislukt``, ``inloggen_geblokkeerd`` (throttled or
locked out), ``uitgelogd``, ``toegang_geweigerd`` (a role or ownership refusal, page or API)
and ``token_geweigerd`` (an unknown or revoked API token). Each carries the client address
and the path; never a password or token.

>>> import logging
>>> logging.getLogger("regiokompas.security").propagate
True
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import Request

__all__ = ["LOGGER", "client_address", "log_to_stderr", "security_event"]

LOGGER = logging.getLogger("regiokompas.security")


def client_address(request: Request) -> str:
    """The peer address (uvicorn puts a trusted proxy's X-Forwarded-For here when it is
    started with ``--proxy-headers``; the header itself is not trusted)."""
    return request.client.host if request.client else "onbekend"


def security_event(request: Request, event: str, **fields: Any) -> None:
    """Log ``event`` with the address, method and path of ``request`` and ``fields``."""
    record = {
        "event": event,
        "adres": client_address(request),
        "methode": request.method,
        "pad": request.url.path,
        **fields,
    }
    level = logging.INFO if event in ("inloggen_gelukt", "uitgelogd") else logging.WARNING
    LOGGER.log(level, json.dumps(record, ensure_ascii=False, sort_keys=True))


def log_to_stderr() -> None:
    """Send the structured security log (logins, lockouts, refusals) to stderr (once)."""
    if not LOGGER.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
        LOGGER.propagate = False
