"""A Dutch sentence an engine composed from a template, written again in another language.

Engines keep some texts as Dutch strings filled in from a template (a source line with its
years, a reason with a count), because their results are cached and shown as JSON without a
language. :func:`refill` recognises such a string by its template and fills the translated
template with the same values, so no adapter has to take the sentence apart itself.

>>> refill("te weinig gemeenten met lasten > 0 (98)",
...        "te weinig gemeenten met lasten > 0 ({n})", "en")
'too few municipalities with expenditure > 0 (98)'
>>> refill("iets anders", "te weinig gemeenten met lasten > 0 ({n})", "en")
'iets anders'
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from regiokompas.i18n._catalogue import DEFAULT_DOMAIN, gettext

__all__ = ["refill", "template_match"]


@lru_cache(maxsize=128)
def _pattern(template: str, long_fields: tuple[str, ...]) -> re.Pattern[str]:
    """``template`` as a regular expression; a field that occurs twice must match twice. A
    field in ``long_fields`` may hold anything (a note with ': ' in it); others are short."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is None:
            continue
        if field in seen:
            parts.append(f"(?P={field})")
        else:
            seen.add(field)
            value = ".+" if field in long_fields else "[^:]+?"
            parts.append(f"(?P<{field}>{value})")
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


def template_match(
    text: str, template: str, long_fields: tuple[str, ...] = ()
) -> dict[str, str] | None:
    """The values ``template`` was filled with to give ``text``, or None if it was not.

    >>> template_match("Vorm x: Wgr art. 8: y", "Vorm {vorm}: {bron}", ("bron",))
    {'vorm': 'x', 'bron': 'Wgr art. 8: y'}
    """
    match = _pattern(template, long_fields).fullmatch(text)
    return None if match is None else match.groupdict()


def refill(
    text: str,
    template: str,
    language: str,
    domain: str = DEFAULT_DOMAIN,
    long_fields: tuple[str, ...] = (),
) -> str:
    """``text``, made from the Dutch ``template``, in ``language`` (unchanged otherwise)."""
    if language == "nl":
        return text
    values = template_match(text, template, long_fields)
    if values is None:
        return text
    return gettext(template, language, domain).format(**values)
