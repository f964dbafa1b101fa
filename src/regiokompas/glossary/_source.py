"""Reading and checking ``termen.toml`` (see its header for the fields)."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SOURCE", "Glossary", "Term", "load_glossary"]

#: The one source of the glossary.
SOURCE = Path(__file__).parent / "termen.toml"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``label`` and ``definition`` pick the language."""

    id: str
    nl: str
    en: str
    definitie_nl: str
    definitie_en: str
    bron: str
    link: str = ""
    afkorting: bool = False
    aliassen: tuple[str, ...] = ()

    def label(self, language: str = "nl") -> str:
        """The term as written in ``language`` ("nl" or "en")."""
        return self.en if language == "en" else self.nl

    def definition(self, language: str = "nl") -> str:
        """The plain-language definition in ``language``."""
        return self.definitie_en if language == "en" else self.definitie_nl

    def names(self) -> tuple[str, ...]:
        """Every name this term is found by: id, both labels and the aliases."""
        return (self.id, self.nl, self.en, *self.aliassen)


@dataclass(frozen=True)
class Glossary:
    """All terms in source order and a lookup by any name."""

    terms: tuple[Term, ...]

    def find(self, name: str) -> Term:
        """The term with this id, label or alias (case-insensitive); ``KeyError`` if none.

        A template that links an unknown word fails loudly instead of linking nowhere.
        """
        term = self._index().get(name.casefold())
        if term is None:
            raise KeyError(f"no glossary term {name!r}")
        return term

    def _index(self) -> dict[str, Term]:
        return _index_of(self.terms)


@functools.cache
def _index_of(terms: tuple[Term, ...]) -> dict[str, Term]:
    index: dict[str, Term] = {}
    for term in terms:
        for name in term.names():
            key = name.casefold()
            other = index.get(key)
            if other is not None and other.id != term.id:
                raise ValueError(f"{name!r} names both {other.id!r} and {term.id!r}")
            index[key] = term
    return index


def _term(raw: dict[str, Any]) -> Term:
    missing = {"id", "nl", "en", "definitie_nl", "definitie_en", "bron"} - raw.keys()
    if missing:
        raise ValueError(f"term {raw.get('id', raw)!r} lacks {sorted(missing)}")
    unknown = raw.keys() - Term.__dataclass_fields__.keys()
    if unknown:
        raise ValueError(f"term {raw['id']!r} has unknown fields {sorted(unknown)}")
    if not _ID.match(raw["id"]):
        raise ValueError(f"term id {raw['id']!r} is not lowercase a-z, 0-9 and '-'")
    text = {
        key: str(raw[key]).strip()
        for key in ("id", "nl", "en", "definitie_nl", "definitie_en", "bron")
    }
    for key, value in text.items():
        if not value:
            raise ValueError(f"term {raw['id']!r}: {key} is empty")
    aliases = raw.get("aliassen", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise ValueError(f"term {raw['id']!r}: aliassen must be a list of words")
    return Term(
        id=text["id"],
        nl=text["nl"],
        en=text["en"],
        definitie_nl=text["definitie_nl"],
        definitie_en=text["definitie_en"],
        bron=text["bron"],
        link=str(raw.get("link", "")),
        afkorting=bool(raw.get("afkorting", False)),
        aliassen=tuple(aliases),
    )


def parse_glossary(text: str) -> Glossary:
    """A :class:`Glossary` from the TOML text; ``ValueError`` on a missing field, a malformed
    or duplicate id, or one name used by two terms."""
    data = tomllib.loads(text)
    terms = tuple(_term(raw) for raw in data.get("term", []))
    ids = [t.id for t in terms]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate term ids {duplicates}")
    _index_of(terms)  # raises on a name shared by two terms
    return Glossary(terms)


@functools.cache
def load_glossary() -> Glossary:
    """The glossary of this installation (read once)."""
    return parse_glossary(SOURCE.read_text(encoding="utf-8"))
