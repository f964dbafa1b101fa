"""The glossary page ``/woordenlijst`` (Dutch; ``?lang=en`` English), from
:mod:`regiokompas.glossary`, the same source as ``docs/woordenlijst.md``. The pages link their
technical terms to its anchors with ``term()`` and ``begrippen()``
(:mod:`regiokompas.web.shared.termen`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from regiokompas.glossary import load_glossary
from regiokompas.web.shared.i18n import gettext
from regiokompas.web.shared.templating import language, render_cached

__all__ = ["NAV", "router"]

router = APIRouter()

#: Added to the main menu after the app's own entries.
NAV: list[tuple[str, str, str]] = [("/woordenlijst", "Woordenlijst", "Glossary")]


@router.get("/woordenlijst", response_class=HTMLResponse)
def woordenlijst(request: Request) -> HTMLResponse:
    """The glossary in the page language, alphabetical by the term in that language."""

    def build() -> dict[str, Any]:
        lang = language(request)
        terms = sorted(load_glossary().terms, key=lambda t: t.label(lang).casefold())
        # Texts through the web catalogue, like the other pages' Python-side texts.
        return {
            "termen": terms,
            "titel": gettext("Woordenlijst", lang),
            "intro": gettext(
                "De vaktermen die Regiokompas gebruikt, in gewone taal. Begrippen uit de "
                "speltheorie en de optimalisatie noemen de publicatie waar ze vandaan komen; "
                "begrippen uit de wet noemen de wet.",
                lang,
            ),
            "andere_taal": gettext("In het Engels", lang),
        }

    return render_cached(request, "woordenlijst.html", build)
