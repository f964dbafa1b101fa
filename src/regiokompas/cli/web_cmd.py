"""``regiokompas web``: start the web app on http://127.0.0.1:8000 (``web openapi`` prints the
API's OpenAPI document, the source of ``docs/api/openapi.json``).
"""

from __future__ import annotations

import errno
import json
import os
import socket

import click

from regiokompas.cli._common import UserError, handle_errors, settings_from

__all__ = ["web"]


def _port_free(host: str, port: int) -> bool:
    """True when ``host:port`` can be bound (the check uvicorn's own bind would fail on)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _port_taken(host: str, port: int, language: str) -> UserError:
    free = next((p for p in range(port + 1, min(port + 50, 65535)) if _port_free(host, p)), None)
    example = free or port + 1
    if language == "en":
        return UserError(
            f"Port {port} on {host} is already in use (is Regiokompas already running?). "
            f"Choose another port with --port, e.g. 'regiokompas web --port {example}' "
            f"or 'make run ARGS=\"--port {example}\"'.",
            language,
        )
    return UserError(
        f"Poort {port} op {host} is al in gebruik (draait Regiokompas al?). "
        f"Kies een andere poort met --port, bijvoorbeeld 'regiokompas web --port {example}' "
        f"of 'make run ARGS=\"--port {example}\"'.",
        language,
    )


@click.group("web", invoke_without_command=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Poort om op te luisteren.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Aantal werkprocessen. Meer dan één: zet het register in PostgreSQL "
    "(REGIOKOMPAS_DATABASE_URL); de resultatencache op schijf delen ze.",
)
@click.pass_context
@handle_errors
def web(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Start de webapplicatie (pagina's en de API onder /api/v1) met de meegeleverde data.

    Alles komt van de applicatie zelf (geen CDN): hij werkt ook zonder internet.
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = settings_from(ctx)
    if not _port_free(host, port):
        raise _port_taken(host, port, settings.taal)
    import uvicorn

    from regiokompas.data import load_dataset
    from regiokompas.web.shared.opportunities import seed_if_fresh

    # Seed a never-used register once, in this process, before any worker serves a request.
    click.echo("Register controleren (een nieuw register wordt eenmalig gevuld; ca. 20 s)…")
    added = seed_if_fresh(settings, load_dataset(settings.data_dir))
    if added:
        click.echo(f"Register gevuld met {added} regelingen uit de startgegevens.")
    click.echo(f"Regiokompas draait op http://{host}:{port}  (stoppen: Ctrl+C)")
    # Access log on (one line per request, uvicorn's format); the security log beside it (each
    # worker process sets up its own, see web/_serve.py).
    from regiokompas.web._security import log_to_stderr

    log_to_stderr()
    if workers == 1:
        from regiokompas.web._serve import serving_app

        app = serving_app(settings)
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=True)
        return
    # Several processes: uvicorn imports the app factory in each worker, which reads the
    # settings from the environment; pass on what the command line chose.
    if settings.data_dir is not None:
        os.environ["REGIOKOMPAS_DATA_DIR"] = str(settings.data_dir)
    os.environ["REGIOKOMPAS_TAAL"] = settings.taal
    uvicorn.run(
        "regiokompas.web._serve:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=True,
    )


@web.command("openapi")
@click.pass_context
@handle_errors
def openapi(ctx: click.Context) -> None:
    """Print het OpenAPI-document van de API (bv. > docs/api/openapi.json)."""
    from regiokompas.web.app import openapi_document

    document = openapi_document(create_settings=settings_from(ctx))
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
