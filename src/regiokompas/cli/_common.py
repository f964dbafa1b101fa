"""Shared CLI plumbing: loading the dataset, turning core errors into clean exits.

Nothing heavy at import time: every command imports this module, and the data layer (pandas)
loads only when a command asks for the dataset.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from regiokompas.data import Dataset
    from regiokompas.settings import Settings

__all__ = ["UserError", "dataset_from", "format_option", "handle_errors", "settings_from"]

F = TypeVar("F", bound=Callable[..., Any])


def settings_from(ctx: click.Context) -> Settings:
    """The settings object the root command put on the context."""
    obj = ctx.find_root().obj
    if isinstance(obj, dict):
        return cast("Settings", obj["settings"])
    from regiokompas.settings import Settings

    return Settings()


def dataset_from(ctx: click.Context) -> Dataset:
    """Load the dataset named by the settings (cached by the core)."""
    from regiokompas.data import load_dataset

    return load_dataset(settings_from(ctx).data_dir)


class UserError(click.ClickException):
    """A user error shown as ``Fout: ...`` (or ``Error: ...`` in English), exit status 1."""

    def __init__(self, message: str, language: str = "nl") -> None:
        super().__init__(message)
        self.language = language

    def show(self, file: Any = None) -> None:
        prefix = "Error" if self.language == "en" else "Fout"
        click.echo(f"{prefix}: {self.format_message()}", err=True, file=file)


def handle_errors(func: F) -> F:
    """Report a :class:`RegiokompasError` as a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            # The data layer is imported only once something failed: a command that never
            # loaded it (``web``, ``register`` on its own) stays light.
            from regiokompas.data import RegiokompasError

            if not isinstance(exc, RegiokompasError):
                raise
            language = settings_from(click.get_current_context()).taal
            raise UserError(exc.message(language), language) from exc

    return cast(F, wrapper)


def format_option(func: F) -> F:
    """The ``--format tabel|json|csv`` option every reporting command takes."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["tabel", "json", "csv"]),
        default="tabel",
        show_default=True,
        help="Uitvoervorm: leesbare tabel, JSON of CSV.",
    )(func)
