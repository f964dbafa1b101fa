"""A click group that imports a subcommand's module only when that subcommand runs.

Click's documented lazy-loading pattern ("Lazily Loading Subcommands" in the click docs,
*Complex Applications*): :meth:`LazyGroup.list_commands` returns names from a registry and
:meth:`LazyGroup.get_command` imports ``module:attribute`` on demand. Click's own
``format_commands`` calls ``get_command`` for every name to show its one-line help, which
would import everything for ``regiokompas --help``; this group shows the short help kept in the
registry instead. A test compares that text with each command's own short help, so the two
cannot drift apart.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import click

from regiokompas.cli._taal import (
    TranslatingContext,
    cli_text,
    click_gettext,
    install_click_translations,
    language_from_args,
    using_language,
)

__all__ = ["LazyCommand", "LazyGroup"]


@dataclass(frozen=True)
class LazyCommand:
    """Where a subcommand lives (``"package.module:attribute"``) and its one-line help."""

    target: str
    short_help: str

    def load(self) -> click.Command:
        """Import the module and return the command object."""
        module_name, _sep, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


def _speak(command: click.Command) -> click.Command:
    """Let ``command`` (and a group's subcommands) write help in the chosen language."""
    command.context_class = TranslatingContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _speak(sub)
    return command


class LazyGroup(click.Group):
    """A :class:`click.Group` whose subcommands are imported on first use.

    As the root of the command line it also sets the language (``--taal``/``REGIOKOMPAS_TAAL``)
    before click parses anything, so click's own errors and the help follow it.
    """

    context_class = TranslatingContext

    def __init__(
        self, *args: Any, lazy_subcommands: dict[str, LazyCommand] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands: dict[str, LazyCommand] = dict(lazy_subcommands or {})

    def main(self, args: Sequence[str] | None = None, *pargs: Any, **kwargs: Any) -> Any:
        import sys

        install_click_translations()
        argv = list(sys.argv[1:] if args is None else args)
        with using_language(language_from_args(argv)):
            return super().main(argv, *pargs, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            command = _speak(self.lazy_subcommands[cmd_name].load())
            # Loaded once per process: later look-ups take the regular path.
            self.add_command(command, cmd_name)
            del self.lazy_subcommands[cmd_name]
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        # The same width rule as click's own format_commands.
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            lazy = self.lazy_subcommands.get(name)
            if lazy is not None:
                # A bare command carrying the registered help gives click's own truncation.
                stand_in = click.Command(name, help=cli_text(lazy.short_help))
                rows.append((name, stand_in.get_short_help_str(limit)))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(click_gettext("Commands")):
            formatter.write_dl(rows)
