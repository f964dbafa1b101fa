"""``regiokompas web``: start the web app on http://127.0.0.1:8000 (``web openapi`` prints the
API's OpenAPI document, the source of ``docs/api/openapi.json``).
"""

from __future__ import annotations

import json

import click

from regiokompas.cli._common import handle_errors, settings_from

__all__ = ["web"]


@click.group("web", invoke_without_command=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Poort om op te luisteren.",
)
@click.pass_context
@handle_errors
def web(ctx: click.Context, host: str, port: int) -> None:
    """Start de webapplicatie (pagina's en de API onder /api/v1) met de meegeleverde data.

    Alles komt van de applicatie zelf (geen CDN): hij werkt ook zonder internet.
    """
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from regiokompas.web import create_app
    from regiokompas.web.app import start_warming

    app = create_app(settings_from(ctx))
    # Fill the caches in the background (fitted cost model, profiles, opportunities) so a
    # visitor's first click does not wait for them.
    start_warming(app)
    click.echo(f"Regiokompas draait op http://{host}:{port}  (stoppen: Ctrl+C)")
    _security_log_to_stderr()
    # Access log on (one line per request, uvicorn's format); the security log beside it.
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=True)


def _security_log_to_stderr() -> None:
    """Send the structured security log (logins, lockouts, refusals) to stderr."""
    import logging

    from regiokompas.web._security import LOGGER

    if not LOGGER.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
        LOGGER.propagate = False


@web.command("openapi")
@click.pass_context
@handle_errors
def openapi(ctx: click.Context) -> None:
    """Print het OpenAPI-document van de API (bv. > docs/api/openapi.json)."""
    from regiokompas.web.app import openapi_document

    document = openapi_document(create_settings=settings_from(ctx))
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
