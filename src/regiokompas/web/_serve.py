"""The app as ``regiokompas web`` serves it: shared results, warm-up, "wordt berekend".

:func:`serving_app` builds the app with :func:`regiokompas.web.create_app` and adds what a
long-running server needs and tests do not:

- the shared result cache (:class:`regiokompas.web.shared.results.SharedResults`), so every worker
  process reads what any of them computed, and a restarted server starts warm;
- :class:`regiokompas.web._computing.ComputingMiddleware`, so a slow first answer shows
  "wordt berekend" instead of a hanging request;
- the warm-up of the defaults for all 342 gemeenten in a background thread, run by one worker
  only (a claim in the shared cache), the others read its results.

:func:`worker_app` is the factory uvicorn imports in each worker with ``--workers N``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regiokompas.settings import Settings
from regiokompas.web._computing import ComputingMiddleware
from regiokompas.web.shared.results import SharedResults

__all__ = ["WorkerHeaderMiddleware", "run_warmup", "serving_app", "worker_app"]


def run_warmup(shared: SharedResults, name: str, work: Callable[[], None]) -> threading.Thread:
    """Run ``work`` in a daemon thread in one process only: the one that claims ``name``.

    The claim lives in the shared cache; a worker that does not get it skips the warm-up (its
    visitors read the results the warming worker stores). ``work`` should fill the shared
    cache, e.g. by asking the app for each default answer.
    """
    key = shared.key("warm-up", name)

    def runner() -> None:
        if not shared.cache.claim(key):
            return
        try:
            work()
        finally:
            shared.cache.release(key)

    thread = threading.Thread(target=runner, name=f"rk-warm-{name}", daemon=True)
    thread.start()
    return thread


class WorkerHeaderMiddleware:
    """Names the worker process that answered (``X-Regiokompas-Worker``), so an operator (and
    the two-worker test) can tell the processes apart behind one port."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.value = str(os.getpid()).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def named(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-regiokompas-worker", self.value),
                ]
            await send(message)

        await self.app(scope, receive, named if scope["type"] == "http" else send)


def serving_app(settings: Settings | None = None, warm: bool | None = None) -> FastAPI:
    """The web app with shared results, the computing middleware and a warm-up (``warm``;
    default: the ``opwarmen`` setting)."""
    from regiokompas.web.app import create_app
    from regiokompas.web.app import warm as warm_site

    settings = settings or Settings()
    app = create_app(settings)
    site = app.state.site
    site.shared = SharedResults.open(site.dataset, settings.cache_dir)
    app.state.shared = site.shared
    # Innermost user middleware (inside the security headers), so a "wordt berekend" answer
    # carries the same headers as any other.
    app.user_middleware.append(Middleware(ComputingMiddleware))
    app.user_middleware.insert(0, Middleware(WorkerHeaderMiddleware))
    if settings.opwarmen if warm is None else warm:
        run_warmup(site.shared, "defaults", lambda: warm_site(site, app))
    return app


def worker_app() -> FastAPI:
    """The factory for ``uvicorn --factory`` (one call per worker; settings from the env)."""
    from regiokompas.web._security import log_to_stderr

    log_to_stderr()
    return serving_app(Settings())
