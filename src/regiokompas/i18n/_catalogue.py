"""Message catalogues: gettext with one domain per area, Dutch as the source language.

Each area of Regiokompas keeps its user-facing texts in its own gettext *domain* so that one
translator (or engineer) owns one ``.po`` file: ``regiokompas`` (the engines), ``cli``, ``web``
and ``hoofdstuk`` (the chapter). The Dutch text *is* the message id, so Dutch needs no
catalogue; the English catalogues live in ``locale/en/LC_MESSAGES/<domain>.po`` and are
compiled to ``.mo`` files that ship inside the package (``make catalogi`` rebuilds them).

>>> gettext("Onbekende gemeente", "nl")
'Onbekende gemeente'
>>> ngettext("{n} gemeente", "{n} gemeenten", 1).format(n=1)
'1 gemeente'
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import os
from functools import lru_cache
from pathlib import Path
from typing import Final

__all__ = [
    "DEFAULT_DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "domains",
    "gettext",
    "language_from_env",
    "ngettext",
    "normalise_language",
    "translations",
]

#: The languages Regiokompas speaks; the first is the source language of every message id.
LANGUAGES: Final = ("nl", "en")

#: The engines' domain: savings, advice, duties, partition, sharing and data texts.
DEFAULT_DOMAIN: Final = "regiokompas"

#: Where the compiled catalogues are found at run time (package data, so it works installed).
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark ``message`` for extraction without translating it now (translated when shown).

    >>> N_("Geen bewijs")
    'Geen bewijs'
    """
    return message


def normalise_language(value: str | None) -> str:
    """One of :data:`LANGUAGES` for a language tag such as ``en``, ``en-GB`` or ``en_GB.UTF-8``.

    Anything not English (including ``None``, ``C`` and ``POSIX``) is Dutch, the source language.

    >>> normalise_language("en_GB.UTF-8"), normalise_language("EN-us"), normalise_language("de")
    ('en', 'en', 'nl')
    """
    if not value:
        return LANGUAGES[0]
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else LANGUAGES[0]


def language_from_env(environ: dict[str, str] | None = None) -> str:
    """The language asked for by ``REGIOKOMPAS_TAAL``, else ``LC_ALL``/``LC_MESSAGES``/``LANG``.

    >>> language_from_env({"LANG": "en_GB.UTF-8"})
    'en'
    >>> language_from_env({"REGIOKOMPAS_TAAL": "nl", "LANG": "en_GB.UTF-8"})
    'nl'
    >>> language_from_env({})
    'nl'
    """
    env = os.environ if environ is None else environ
    for name in ("REGIOKOMPAS_TAAL", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return normalise_language(value)
    return LANGUAGES[0]


def domains() -> tuple[str, ...]:
    """The domains that have an English catalogue in the package, sorted.

    >>> "regiokompas" in domains() and "cli" in domains()
    True
    """
    folder = LOCALE_DIR / "en" / "LC_MESSAGES"
    return tuple(sorted(p.stem for p in folder.glob("*.po")))


@lru_cache(maxsize=32)
def translations(language: str, domain: str = DEFAULT_DOMAIN) -> _stdlib_gettext.NullTranslations:
    """The (cached) translations of ``domain`` into ``language``.

    Dutch, the source language, returns the message ids unchanged (with Dutch plural rules,
    which are the same as the default ``n != 1``). A language outside :data:`LANGUAGES` is
    treated as Dutch; a missing catalogue for English raises ``FileNotFoundError`` because a
    shipped package must contain every catalogue (the tests check that).

    >>> translations("nl").gettext("Bron")
    'Bron'
    """
    if normalise_language(language) == LANGUAGES[0]:
        return _stdlib_gettext.NullTranslations()
    return _stdlib_gettext.translation(
        domain, localedir=LOCALE_DIR, languages=[normalise_language(language)]
    )


def gettext(message: str, language: str = "nl", domain: str = DEFAULT_DOMAIN) -> str:
    """``message`` (Dutch) in ``language``; an unknown message comes back unchanged.

    >>> gettext("Bron", "nl", domain="cli")
    'Bron'
    """
    return translations(language, domain).gettext(message)


def ngettext(
    singular: str, plural: str, n: int, language: str = "nl", domain: str = DEFAULT_DOMAIN
) -> str:
    """The singular or plural form of a message for ``n`` in ``language``.

    >>> ngettext("grenst aan {n} gemeente", "grenst aan {n} gemeenten", 2).format(n=2)
    'grenst aan 2 gemeenten'
    """
    return translations(language, domain).ngettext(singular, plural, n)
