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
from regiokompas.web.shared.i18n import translate
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
        # Texts through translate(), like the other pages' Python-side texts.
        return {
            "termen": terms,
            "titel": translate("woordenlijst_titel", lang),
            "intro": translate("woordenlijst_intro", lang),
            "andere_taal": translate("woordenlijst_andere_taal", lang),
        }

    return render_cached(request, "woordenlijst.html", build)
