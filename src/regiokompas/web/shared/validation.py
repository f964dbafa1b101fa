"""Pydantic's validation errors as sentences in the page's or API answer's language.

One helper for the whole product: the sentences and their English live in the core
(:mod:`regiokompas.i18n`, domain ``regiokompas``), so the pages, the API and the CLI say the
same thing for the same mistake. :func:`reason` is that helper under the name the web uses.

>>> reason({"type": "int_parsing", "msg": "Input should be a valid integer"}, "nl")
'Vul een geheel getal in.'
>>> reason({"type": "less_than_equal", "ctx": {"le": 8}}, "en")
'Enter a number of at most 8.'
"""

from __future__ import annotations

from regiokompas.i18n import validation_message as reason
from regiokompas.i18n._validation import MESSAGES

__all__ = ["MESSAGES", "reason"]
