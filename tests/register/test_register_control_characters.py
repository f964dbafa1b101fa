"""The control-character check (a regex) against Unicode's own category, for every code point."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from regiokompas.register.validation import _control_character

#: Every code point except the surrogates (not characters of text).
ALL = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]


@pytest.mark.parametrize("multiline", [True, False])
def test_flags_exactly_the_characters_unicodedata_calls_control(multiline: bool) -> None:
    allowed = "\n\t" if multiline else ""
    expected = [c for c in ALL if unicodedata.category(c) == "Cc" and c not in allowed]
    flagged = [c for c in ALL if _control_character(c, multiline) is not None]
    assert flagged == expected
    assert len(expected) == (63 if multiline else 65)  # C0 (32) + DEL + C1 (32)


def test_reports_the_first_one_as_u_plus() -> None:
    assert _control_character("Gouda\x85 en\x07", multiline=False) == "U+0085"
    assert _control_character("regel 1\nregel 2\tmet tab", multiline=True) is None
    assert _control_character("regel 1\nregel 2", multiline=False) == "U+000A"
    assert _control_character("Bodegraven-Reeuwijk", multiline=False) is None
