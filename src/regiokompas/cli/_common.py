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

__all__ = [
    "UserError",
    "dataset_from",
    "format_option",
    "handle_errors",
    "language_from",
    "settings_from",
]

F = TypeVar("F", bound=Callable[..., Any])


def _root_obj(ctx: click.Context) -> dict[str, Any] | None:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, dict) else None


def settings_from(ctx: click.Context) -> Settings:
    """The settings object for this run, built on first use from the root command's options
    (``--data``, ``--taal``) and the environment, then kept on the context.

    Built lazily because importing pydantic-settings costs about 0.2 s, which commands that
    need only the language and the data folder (:func:`language_from`, :func:`dataset_from`)
    should not pay.
    """
    from regiokompas.settings import Settings

    obj = _root_obj(ctx)
    if obj is None:
        return Settings()
    if "settings" not in obj:
        obj["settings"] = Settings(data_dir=obj.get("data_dir"), taal=obj.get("taal", "nl"))
    return cast(Settings, obj["settings"])


def language_from(ctx: click.Context) -> str:
    """The language of messages (``--taal`` / ``REGIOKOMPAS_TAAL``), without building the
    settings object."""
    obj = _root_obj(ctx)
    if obj is not None and "taal" in obj:
        return str(obj["taal"])
    return settings_from(ctx).taal


def dataset_from(ctx: click.Context) -> Dataset:
    """Load the dataset named by ``--data`` / ``REGIOKOMPAS_DATA_DIR`` (cached by the core)."""
    from regiokompas.data import load_dataset

    obj = _root_obj(ctx)
    if obj is not None and "data_dir" in obj:
        return load_dataset(obj["data_dir"])
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
            # The light base module, not the data layer: a command that never loaded pandas
            # stays light even when it fails.
            from regiokompas._errors import RegiokompasError

            if not isinstance(exc, RegiokompasError):
                raise
            language = language_from(click.get_current_context())
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
