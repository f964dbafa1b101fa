"""A visible "wordt berekend" state instead of a hanging request.

:class:`ComputingMiddleware` gives a GET request a time budget. An answer that is ready in
time (a cached result, a quick page) passes through untouched. When the budget runs out, the
computation carries on in the background (its result lands in the shared result cache, see
:mod:`regiokompas.web.shared.results`) and the client gets ``202 Accepted`` with ``Retry-After``
at once: the API a small JSON body, a page the "wordt berekend" page, which reloads itself
after that many seconds (and offers a link to do it by hand). The next request finds the
result ready.

``regiokompas web`` installs it (:mod:`regiokompas.web._serve`); :func:`create_app` on its
own does not, so tests and embedders always get the full answer.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regiokompas.web.shared.templating import render

__all__ = ["ComputingMiddleware"]

#: Paths that always get the full answer (static files, forms and the register, which change
#: data and must not run on unseen in the background).
_PASS_THROUGH = ("/static", "/register", "/api/v1/regelingen", "/api/v1/openapi.json")

_BACKGROUND: set[asyncio.Task[Any]] = set()


def _finished(task: asyncio.Task[Any]) -> None:
    _BACKGROUND.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved: a failure is logged by the app itself, not here


class ComputingMiddleware:
    """Answer ``202`` + ``Retry-After`` when a GET takes longer than ``budget_seconds``."""

    def __init__(self, app: ASGIApp, budget_seconds: float = 0.8, retry_after: int = 2) -> None:
        self.app = app
        self.budget_seconds = budget_seconds
        self.retry_after = retry_after

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or path.startswith(_PASS_THROUGH)
        ):
            await self.app(scope, receive, send)
            return
        started = asyncio.Event()
        detached = False

        async def guarded(message: Message) -> None:
            if detached:
                return  # the client already has its 202; the result goes to the cache only
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        waiter = asyncio.ensure_future(started.wait())
        await asyncio.wait(
            {task, waiter}, timeout=self.budget_seconds, return_when="FIRST_COMPLETED"
        )
        waiter.cancel()
        if started.is_set() or task.done():
            await task
            return
        detached = True
        _BACKGROUND.add(task)
        task.add_done_callback(_finished)
        await self._pending(scope, receive, send)

    async def _pending(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {"Retry-After": str(self.retry_after), "Cache-Control": "no-store"}
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps(
                {
                    "status": 202,
                    "title": "Wordt berekend",
                    "detail": "Het antwoord wordt voor het eerst berekend; vraag het over "
                    f"{self.retry_after} seconden opnieuw op.",
                    "retryAfter": self.retry_after,
                },
                ensure_ascii=False,
            ).encode("utf-8")
            await send(
                {
                    "type": "http.response.start",
                    "status": 202,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        request = Request(scope, receive)
        response = render(
            request, "wordt_berekend.html", {"retry_after": self.retry_after}, status_code=202
        )
        response.headers.update(headers)
        await response(scope, receive, send)
