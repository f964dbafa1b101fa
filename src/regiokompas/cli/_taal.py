"""The language of the command line: Dutch click messages, English help, one switch.

The language comes from ``--taal nl|en`` before the subcommand, else ``REGIOKOMPAS_TAAL``, else
Dutch. It is known before click parses anything (:func:`language_from_args`), so even an error
in the arguments is reported in the chosen language.

Two catalogues are involved:

* click's own messages ("Invalid value for ...", "Usage:", "[default: ...]") have English
  message ids; click looks them up through the stdlib's global ``gettext`` (pallets/click#2706),
  which reads the language from the process environment. Instead of changing the process-wide
  text domain and ``LANGUAGE``, :func:`install_click_translations` points click's module-level
  ``_``/``ngettext`` at the Dutch ``click`` catalogue (``locale/nl/LC_MESSAGES/click.po``,
  extracted from the installed click by ``make catalogi``) whenever the language is Dutch.
* our help texts are Dutch (domain ``cli``); :class:`TranslatingFormatter` renders them in
  English when asked, because click takes help from docstrings and ``help=`` at import time.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import click

from regiokompas.i18n import LOCALE_DIR, gettext, normalise_language

__all__ = [
    "TranslatingContext",
    "TranslatingFormatter",
    "click_gettext",
    "click_ngettext",
    "cli_ptext",
    "cli_text",
    "current_language",
    "install_click_translations",
    "language_from_args",
    "using_language",
]

_LANGUAGE: ContextVar[str] = ContextVar("regiokompas_cli_taal", default="nl")

#: click's modules that bind ``_ = gettext.gettext`` (and ``ngettext``) at import.
_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
)


def current_language() -> str:
    """The language of the command that is running (``nl`` outside a command)."""
    return _LANGUAGE.get()


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Run a block with ``language`` as the CLI language."""
    token = _LANGUAGE.set(normalise_language(language))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language_from_args(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--taal X`` / ``--taal=X`` before the subcommand, else ``REGIOKOMPAS_TAAL``, else nl.

    >>> language_from_args(["--taal", "en", "gemeente", "Gouda"], {})
    'en'
    >>> language_from_args(["gemeente", "--taal", "en"], {"REGIOKOMPAS_TAAL": "nl"})
    'nl'
    >>> language_from_args(["--taal=en"], {}), language_from_args([], {"REGIOKOMPAS_TAAL": "en"})
    ('en', 'en')
    """
    env = os.environ if environ is None else environ
    chosen = env.get("REGIOKOMPAS_TAAL", "nl")
    items = list(args)
    for i, arg in enumerate(items):
        if arg == "--taal" and i + 1 < len(items):
            chosen = items[i + 1]
            break
        if arg.startswith("--taal="):
            chosen = arg.partition("=")[2]
            break
        if not arg.startswith("-"):
            break  # the subcommand: its options are its own
    return normalise_language(chosen)


#: Words click fills in that are not literals in its source (so not extracted): the
#: "[required]" marker it passes through ``_``, and the type and parameter names it formats into
#: "'x' is not a valid integer." and "Missing option '--x'.".
_CLICK_DYNAMIC_NL = {
    "required": "verplicht",
    "integer": "geheel getal",
    "integer range": "geheel getal",
    "float": "getal",
    "float range": "getal",
    "boolean": "ja/nee-waarde",
    "text": "tekst",
    "option": "optie",
    "argument": "argument",
    "parameter": "parameter",
}


class _DutchTemplate(str):
    """A translated click template that also translates the type names formatted into it."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        named = {
            k: _CLICK_DYNAMIC_NL.get(v, v)
            if k in ("number_type", "param_type") and isinstance(v, str)
            else v
            for k, v in kwargs.items()
        }
        return str.format(self, *args, **named)


@lru_cache(maxsize=1)
def _click_dutch() -> _stdlib_gettext.NullTranslations:
    return _stdlib_gettext.translation("click", localedir=LOCALE_DIR, languages=["nl"])


def click_gettext(message: str) -> str:
    """click's English ``message`` in the current CLI language."""
    if current_language() == "nl":
        return _DutchTemplate(_click_dutch().gettext(_CLICK_DYNAMIC_NL.get(message, message)))
    return message


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """click's English plural message in the current CLI language."""
    if current_language() == "nl":
        return _click_dutch().ngettext(singular, plural, n)
    return singular if n == 1 else plural


def install_click_translations() -> None:
    """Let click's messages follow :func:`current_language` (idempotent)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "_", None) is not None:
            module._ = click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = click_ngettext  # type: ignore[attr-defined]


def cli_text(message: str) -> str:
    """A Dutch CLI text (domain ``cli``) in the current language."""
    return gettext(message, current_language(), domain="cli")


def cli_ptext(context: str, message: str) -> str:
    """:func:`cli_text` for a word whose English depends on where it stands (``msgctxt``):
    "Indeling" is a region classification in one table and a partition in another."""
    from regiokompas.i18n import translations

    return translations(current_language(), "cli").pgettext(context, message)


def _help(text: str) -> str:
    """An option's help row in the current language; click's ``[default: ...]`` tail is
    translated by click itself. Our texts are Dutch (domain ``cli``); click's own option help
    (``--help``, ``--version``) is English and fixed when the decorators ran, so it is looked
    up in click's catalogue here."""
    body, sep, extra = text.rpartition("  [")
    if not (sep and extra.endswith("]")):
        body, sep, extra = text, "", ""
    if not body:
        return text
    if current_language() == "nl":
        translated = click_gettext(body)
    else:
        # click builds its --help option once per command and keeps it, so a text made during
        # an earlier Dutch run in the same process can come back: map it to click's English.
        translated = _click_english().get(body) or cli_text(body)
    return f"{translated}{sep}{extra}"


@lru_cache(maxsize=1)
def _click_english() -> dict[str, str]:
    """click's Dutch texts back to its English message ids."""
    catalogue: dict[object, str] = getattr(_click_dutch(), "_catalog", {})
    return {text: msgid for msgid, text in catalogue.items() if isinstance(msgid, str) and msgid}


def _short(text: str, limit: int) -> str:
    # click's own truncation, through its public API (a bare command carrying the help).
    return click.Command("_", help=text).get_short_help_str(limit)


@lru_cache(maxsize=64)
def _short_helps(language: str, limit: int) -> dict[str, str]:
    """Truncated Dutch short help -> truncated translation, for command lists of subgroups."""
    from regiokompas.i18n import translations

    # GNUTranslations keeps its messages in _catalog; there is no public way to list them.
    catalogue: dict[object, str] = getattr(translations(language, "cli"), "_catalog", {})
    return {
        _short(msgid, limit): _short(text, limit)
        for msgid, text in catalogue.items()
        if isinstance(msgid, str) and msgid
    }


class TranslatingFormatter(click.HelpFormatter):
    """click's help formatter, writing our Dutch help texts in the current language."""

    def write_text(self, text: str) -> None:
        super().write_text(cli_text(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        language = current_language()
        rows = list(rows)
        if rows:
            limit = self.width - 6 - max(len(term) for term, _ in rows)
            short = _short_helps(language, limit) if language != "nl" else {}
            rows = [(term, short.get(text) or _help(text) if text else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class TranslatingContext(click.Context):
    """A click context whose help is written by :class:`TranslatingFormatter`."""

    formatter_class = TranslatingFormatter
