"""Links from a page to the glossary (``/woordenlijst``): the template globals ``term`` and
``begrippen``, registered on the Jinja2 environment by :mod:`regiokompas.web.shared.templating`.

``term(name, text=None)`` links one word to its anchor on the glossary page, with the definition
as its description (``title``; for abbreviations on an ``<abbr>``). ``begrippen(*names)``
renders one short line "Begrippen in de woordenlijst: …" for the terms of a section whose words
sit inside a longer explanation. Both take the language from the page and fail on an unknown
term, so a typo cannot link nowhere::

    <th scope="col">{{ term('nucleolus', _('Nucleolus')) }}</th>
    {{ begrippen('shapley-waarde', 'kern') }}

The texts come from :mod:`regiokompas.glossary` (one source with ``docs/woordenlijst.md``).
"""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from regiokompas.glossary import Term, load_glossary
from regiokompas.web.shared.i18n import gettext

__all__ = ["begrippen", "term", "term_href"]


def term_href(t: Term, lang: str) -> str:
    """The address of ``t`` on the glossary page in ``lang``."""
    return "/woordenlijst" + ("?lang=en" if lang == "en" else "") + f"#{t.id}"


def _link(t: Term, lang: str, text: object = None) -> Markup:
    label = escape(t.label(lang) if text is None else text)
    definition = escape(t.definition(lang))
    if t.afkorting:
        inner = Markup('<abbr title="{}">{}</abbr>').format(definition, label)
        return Markup('<a class="term" href="{}">{}</a>').format(term_href(t, lang), inner)
    return Markup('<a class="term" href="{}" title="{}">{}</a>').format(
        term_href(t, lang), definition, label
    )


@pass_context
def term(context: Context, name: str, text: object = None) -> Markup:
    """Jinja global: ``name`` (id, label or alias) linked to the glossary, shown as ``text``
    (default: the term in the page language)."""
    lang = str(context.get("lang", "nl"))
    return _link(load_glossary().find(name), lang, text)


@pass_context
def begrippen(context: Context, *names: str) -> Markup:
    """Jinja global: one line linking the glossary terms a section uses."""
    lang = str(context.get("lang", "nl"))
    glossary = load_glossary()
    links = Markup(", ").join(_link(glossary.find(n), lang) for n in names)
    return Markup('<p class="begrippen hint">{}: {}.</p>').format(
        gettext("Begrippen in de woordenlijst", lang), links
    )
