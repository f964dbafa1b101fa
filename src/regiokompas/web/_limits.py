"""Limits that bound a request before work starts (issue 18).

- :class:`BodyLimitMiddleware` refuses a request body larger than
  :attr:`~regiokompas.settings.Settings.max_body_bytes` with 413 problem+json: from the
  ``Content-Length`` header before a byte is read, and while a body without a length (chunked)
  streams in. It sits outside the routes, so it answers before any login check.
- :class:`ExpensiveSlots` caps how many expensive analyses (optimiser, sharing, savings,
  opportunities) run at once; a request that finds every slot taken gets 429 with
  ``Retry-After`` at once instead of queueing behind them, so cheap pages keep answering.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regiokompas.web.shared.problems import PROBLEM_MEDIA_TYPE, WebError, problem_body
from regiokompas.web.shared.templating import negotiate_language

__all__ = [
    "BodyLimitMiddleware",
    "ExpensiveSlots",
    "TooBusyError",
    "expensive_slot",
]


class TooBusyError(WebError):
    """Every slot for expensive work is taken: 429 with ``Retry-After``."""

    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "Er lopen al te veel zware berekeningen tegelijk; probeer het over "
            f"{retry_after} seconden opnieuw.",
            f"Too many heavy calculations are running at once; try again in {retry_after} seconds.",
        )
        self.retry_after = retry_after


def _too_large_body(scope: Scope, limit: int) -> bytes:
    headers = dict(scope.get("headers", []))
    lang = negotiate_language(headers.get(b"accept-language", b"").decode("latin-1"))
    mb = limit / 1_000_000
    if lang == "en":
        title, detail = "Request too large", f"The request body is larger than {mb:g} MB."
    else:
        title = "Verzoek te groot"
        size = f"{mb:g}".replace(".", ",")
        detail = f"De inhoud van het verzoek is groter dan {size} MB."
    body = problem_body(413, title, detail, str(scope.get("path", "")))
    return json.dumps(body, ensure_ascii=False).encode()


class BodyLimitMiddleware:
    """Pure ASGI: 413 for bodies over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _refuse(self, scope: Scope, send: Send) -> None:
        body = _too_large_body(scope, self.limit)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1  # an unreadable length is not trusted
                if declared > self.limit:
                    await self._refuse(scope, send)
                    return
        seen = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            # Past the limit the client gets 413 at once and the app sees a disconnect, so it
            # stops reading (frameworks turn an exception here into their own 400).
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    if not started:
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; whatever the app answers goes nowhere
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not refused:
                raise


class ExpensiveSlots:
    """At most ``size`` expensive computations at once (non-blocking acquire)."""

    def __init__(self, size: int, retry_after: int = 5) -> None:
        self.size = size
        self.retry_after = retry_after
        self._semaphore = threading.BoundedSemaphore(size)

    def acquire(self) -> None:
        """Take a slot or raise :class:`TooBusyError`."""
        if not self._semaphore.acquire(blocking=False):
            raise TooBusyError(self.retry_after)

    def release(self) -> None:
        """Give the slot back."""
        self._semaphore.release()


def expensive_slot(request: Request) -> Iterator[None]:
    """FastAPI dependency: hold one of the app's expensive slots for the request."""
    slots: ExpensiveSlots = request.app.state.expensive_slots
    slots.acquire()
    try:
        yield
    finally:
        slots.release()
