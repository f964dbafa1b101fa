"""Shared CLI plumbing: loading the dataset, turning core errors into clean exits."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from regiokompas.data import Dataset, RegiokompasError, load_dataset
from regiokompas.settings import Settings

__all__ = ["UserError", "dataset_from", "format_option", "handle_errors", "settings_from"]

F = TypeVar("F", bound=Callable[..., Any])


def settings_from(ctx: click.Context) -> Settings:
    """The settings object the root command put on the context."""
    obj = ctx.find_root().obj
    return cast(Settings, obj["settings"]) if isinstance(obj, dict) else Settings()


def dataset_from(ctx: click.Context) -> Dataset:
    """Load the dataset named by the settings (cached by the core)."""
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
        except RegiokompasError as exc:
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
