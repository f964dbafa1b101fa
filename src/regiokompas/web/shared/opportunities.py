"""The advice of one gemeente in the web app (the gemeente page, its chapter download and
``/api/v1/gemeenten/{code}/kansen``): a thin adapter over :func:`regiokompas.advice.advise`,
fed by the live register the user works in and cached per settings and register version.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any

from fastapi import Request

from regiokompas._fitstore import dumps, loads
from regiokompas.advice import MAX_GROUP_SIZE, Advice, AdviceSettings, advise
from regiokompas.advice import _result as advice_result
from regiokompas.data import RegiokompasError
from regiokompas.duties.service import LIVE_REGISTER_BRON
from regiokompas.register import Regeling
from regiokompas.store import register_version
from regiokompas.web.shared.advice_schemas import Advies
from regiokompas.web.shared.problems import BadParameterError
from regiokompas.web.shared.registers import register_of_app
from regiokompas.web.shared.views import SiteData

__all__ = [
    "DEFAULT_GROUP_SIZE",
    "MAX_SIZE",
    "REGISTER_BRON",
    "LiveRegister",
    "advice_settings",
    "advice_for",
    "advies",
    "default_advice_settings",
    "kansen",
    "live_register",
    "live_register_of",
    "seed_on_first_start",
]

#: Largest group a web request may ask for.
MAX_SIZE = MAX_GROUP_SIZE
#: Partner groups of up to four gemeenten: the gemeente and three partners (a first visit).
DEFAULT_GROUP_SIZE = 4

REGISTER_BRON = LIVE_REGISTER_BRON

#: Which query parameter a settings error is about (words of its English message).
_PARAMS: tuple[tuple[str, str], ...] = (
    ("group size", "groepsgrootte"),
    ("regional division", "binnen"),
    ("autonomy price", "autonomiePrijs"),
    ("draws", "trekkingen"),
    ("mode", "modus"),
)


@dataclass(frozen=True)
class LiveRegister:
    """The register's active records at one version."""

    records: tuple[Regeling, ...]
    version: str


def live_register(request: Request) -> LiveRegister:
    """The active arrangements of the database this app works in; re-read only when the
    register's version changes (an edit shows at once, an unchanged register costs one cheap
    query)."""
    return live_register_of(request.app)


def live_register_of(app: Any) -> LiveRegister:
    """:func:`live_register` for an app (the warm-up has no request)."""
    site: SiteData = app.state.site
    register = register_of_app(app)
    version = register_version(register.engine)
    records = site.memo(("register", version), lambda: tuple(register.lijst()))
    return LiveRegister(records, version)


def seed_on_first_start(app: Any, files: list[Path] | None = None) -> int | None:
    """Seed the app's register when it is fresh (see :func:`seed_if_fresh`)."""
    return seed_if_fresh(app.state.settings, app.state.site.dataset, files)


def seed_if_fresh(settings: Any, dataset: Any, files: list[Path] | None = None) -> int | None:
    """Seed the register of ``settings`` when it is fresh (no arrangement and no audit line
    ever) and the settings allow it (``REGIOKOMPAS_REGISTER_VULLEN``, default on); returns the
    number of records added, or None when nothing was done (``files``: the seed files, default
    all). ``regiokompas web`` calls this once, before any worker starts serving, so the
    register, the gemeente pages and the chapter all show the same filled register from the
    first request."""
    from regiokompas.store import Register

    if not settings.register_vullen:
        return None
    register = Register.open(settings.database_url, dataset)
    if register.count() or register.geschiedenis(limit=1):
        return None
    return sum(register.seed(files=files).values())


def advice_settings(
    site: SiteData,
    groepsgrootte: int,
    binnen: str | None,
    vorm: str,
    modus: str,
    autonomie_prijs: float,
    geen_bewijs: bool = False,
    trekkingen: int | None = None,
) -> AdviceSettings:
    """The typed settings from query parameters; a 400 naming the parameter when wrong."""
    vorm_key = site.engines.vorm(vorm)
    site.engines.savings(modus)  # checks the mode (400 'modus')
    values: dict[str, Any] = {
        "group_size": groepsgrootte,
        "within": binnen or None,
        "vorm": vorm_key,
        "mode": modus,
        "autonomy_price": autonomie_prijs,
        "include_no_evidence": geen_bewijs,
    }
    if trekkingen is not None:
        values["draws"] = trekkingen
    try:
        return AdviceSettings(**values)
    except RegiokompasError as exc:
        param = next((name for key, name in _PARAMS if key in exc.en), "groepsgrootte")
        raise BadParameterError(param, exc.nl.rstrip("."), exc.en.rstrip(".")) from exc


def default_advice_settings(site: SiteData) -> AdviceSettings:
    """The settings of a first visit to a gemeente page (what the warm-up computes)."""
    from regiokompas.web.shared.engines import DEFAULT_MODE, DEFAULT_VORM

    return advice_settings(site, DEFAULT_GROUP_SIZE, None, DEFAULT_VORM, DEFAULT_MODE, 0.0)


def advies(
    request: Request, code: str, settings: AdviceSettings, lang: str | None = None
) -> tuple[Advice, str]:
    """The advice for ``code`` and the register version it was computed on (cached), with its
    sentences in ``lang`` (default: the page language of ``request``)."""
    from regiokompas.web.shared.templating import language

    return advice_for(request.app, code, settings, lang or language(request))


#: The dataclasses an advice is made of (allowed when reading one from the shared cache).
_ADVICE_TYPES = tuple(
    v for v in vars(advice_result).values() if isinstance(v, type) and is_dataclass(v)
)


def advice_for(
    app: Any, code: str, settings: AdviceSettings, language: str = "nl"
) -> tuple[Advice, str]:
    """The advice for ``code`` with ``settings`` on the app's live register, and the register
    version it was computed on; its sentences in ``language`` (its numbers do not depend on
    it). Kept per process; when the app serves with shared results (``regiokompas web``),
    computed once for all worker processes and stored as JSON in the shared cache under the
    settings, the language and the register's version."""
    site: SiteData = app.state.site
    live = live_register_of(app)

    def build() -> Advice:
        engine = site.engines.savings(settings.mode)
        try:
            return advise(
                site.dataset,
                engine,
                code,
                settings,
                live.records,
                REGISTER_BRON,
                language=language,
            )
        except RegiokompasError as exc:
            raise BadParameterError(
                "groepsgrootte", exc.nl.rstrip("."), exc.en.rstrip(".")
            ) from exc

    shared = site.shared
    if shared is None:
        return site.memo(("advies", code, settings, language, live.version), build), live.version

    def from_shared() -> Advice:
        key = {
            "gemeente": code,
            "instellingen": asdict(settings),
            "taal": language,
            "register": live.version,
        }
        text = shared.get_or_compute("advies", key, lambda: dumps(build()).encode("utf-8"))
        advice = loads(text.decode("utf-8"), _ADVICE_TYPES)
        if not isinstance(advice, Advice):
            raise TypeError("the shared cache held no advice under an advice key")
        return advice

    return site.memo(("advies", code, settings, language, live.version), from_shared), live.version


def kansen(request: Request, code: str, settings: AdviceSettings) -> Advies:
    """The API's answer: the advice, field for field."""
    from regiokompas.web.shared.templating import api_language

    advice, version = advies(request, code, settings, api_language(request))
    data = advice.as_json()
    data["getoond"] = [t.label for t in advice.getoond]
    data["register_versie"] = version
    return Advies.model_validate(data)
