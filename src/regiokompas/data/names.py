"""Forgiving gemeente name lookup.

Case, diacritics, punctuation and the ``'s-`` prefix are ignored ("sudwest fryslan" finds
Súdwest-Fryslân), well-known short forms are known ("den bosch", "den haag"), a code works in
any common spelling (GM0363, gm363, 0363, 363), a unique start of a name is enough, and a name
that fits several gemeenten ("Bergen") raises :class:`AmbiguousNameError` listing them; adding
the province ("bergen limburg", "Bergen (NH.)") settles it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from regiokompas.data._errors import AmbiguousNameError, UnknownNameError

__all__ = ["NameIndex", "normalise"]

#: Short forms in everyday use that the official names do not contain.
ALIASES: dict[str, str] = {
    "den bosch": "GM0796",
    "s hertogenbosch": "GM0796",
    "hertogenbosch": "GM0796",
    "den haag": "GM0518",
    "the hague": "GM0518",
    "s gravenhage": "GM0518",
    "gravenhage": "GM0518",
    "sudwest friesland": "GM1900",
    "noordoost friesland": "GM1970",
}

#: Province names and abbreviations as used in CBS qualifiers such as "Bergen (NH.)".
PROVINCE_WORDS: dict[str, str] = {
    "groningen": "Groningen",
    "gr": "Groningen",
    "fryslan": "Fryslân",
    "friesland": "Fryslân",
    "fr": "Fryslân",
    "drenthe": "Drenthe",
    "dr": "Drenthe",
    "overijssel": "Overijssel",
    "ov": "Overijssel",
    "flevoland": "Flevoland",
    "fl": "Flevoland",
    "gelderland": "Gelderland",
    "gld": "Gelderland",
    "ge": "Gelderland",
    "utrecht": "Utrecht",
    "ut": "Utrecht",
    "noord holland": "Noord-Holland",
    "nh": "Noord-Holland",
    "zuid holland": "Zuid-Holland",
    "zh": "Zuid-Holland",
    "zeeland": "Zeeland",
    "ze": "Zeeland",
    "noord brabant": "Noord-Brabant",
    "nb": "Noord-Brabant",
    "brabant": "Noord-Brabant",
    "limburg": "Limburg",
    "l": "Limburg",
    "li": "Limburg",
}

_CODE = re.compile(r"^(?:gm)?\s*0*(\d{1,4})$")


def normalise(text: str) -> str:
    """Lower-case ASCII words: no diacritics, punctuation or extra spaces.

    >>> normalise("Súdwest-Fryslân")
    'sudwest fryslan'
    >>> normalise("'s-Hertogenbosch")
    's hertogenbosch'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


class NameIndex:
    """Resolve what a user typed to one gemeente code.

    >>> idx = NameIndex([("GM0893", "Bergen (L.)", "Limburg"),
    ...                  ("GM0373", "Bergen (NH.)", "Noord-Holland")])
    >>> idx.resolve("bergen limburg")
    'GM0893'
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self.names: dict[str, str] = {}
        self.provinces: dict[str, str] = {}
        self._full: dict[str, str] = {}
        self._base: dict[str, list[str]] = {}
        for code, name, province in rows:
            self.names[code] = name
            self.provinces[code] = province
            self._full[normalise(name)] = code
            base = normalise(re.sub(r"\(.*?\)", "", name))
            self._base.setdefault(base, []).append(code)

    def _candidates(self, query: str) -> list[str]:
        key = normalise(query)
        if not key:
            return []
        match = _CODE.match(key.replace(" ", ""))
        if match:
            code = f"GM{int(match.group(1)):04d}"
            return [code] if code in self.names else []
        if key in self._full:
            return [self._full[key]]
        if key in ALIASES and ALIASES[key] in self.names:
            return [ALIASES[key]]
        if key in self._base:
            return list(self._base[key])
        # "bergen limburg", "bergen nh": a base name followed by a province word.
        for base, codes in self._base.items():
            if key.startswith(base + " "):
                province = PROVINCE_WORDS.get(key[len(base) + 1 :])
                hits = [c for c in codes if self.provinces[c] == province]
                if hits:
                    return hits
        # A unique start of a name, on word boundaries: "nuenen", "alphen aan".
        starts = sorted(c for n, c in self._full.items() if n.startswith(key + " "))
        return starts

    def resolve(self, query: str) -> str:
        """The code of the one gemeente ``query`` names; raises when none or several match."""
        candidates = self._candidates(query)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise AmbiguousNameError(
                query, [(c, f"{self.names[c]}, {self.provinces[c]}") for c in sorted(candidates)]
            )
        raise UnknownNameError(query, self.suggest(query))

    def suggest(self, query: str, n: int = 5) -> list[str]:
        """Up to ``n`` names closest to ``query``, best first."""
        key = normalise(query)
        close = difflib.get_close_matches(key, list(self._full), n=n, cutoff=0.6)
        alias_hits = difflib.get_close_matches(key, list(ALIASES), n=2, cutoff=0.75)
        codes = [self._full[c] for c in close] + [ALIASES[a] for a in alias_hits]
        seen: list[str] = []
        for code in codes:
            if code in self.names and self.names[code] not in seen:
                seen.append(self.names[code])
        return seen[:n]
