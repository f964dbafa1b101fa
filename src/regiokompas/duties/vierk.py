"""The 4K table: kosten, kwetsbaarheid, kwaliteit, klant — plus sturing — per taakveld.

Kosten is the savings band of the savings engine (P10–P50–P90, passed in by the caller),
kwetsbaarheid comes from :mod:`regiokompas.duties.kwetsbaarheid`. Kwaliteit, klant(gericht-
heid) and sturing are the college's own scores (1–5), empty by default: the product does not
pretend to know them. They are edited on the page or in a TOML settings file and carried into
the chapter marked "ingevuld door de gemeente".

Scores travel in one compact text so a page can pass them in a link::

    >>> s = parse_scores("7.3:kwaliteit=4,klant=3;1.1:sturing=2")
    >>> s.get("7.3", "kwaliteit"), s.get("1.1", "klant")
    (4, None)
    >>> format_scores(s)
    '1.1:sturing=2;7.3:kwaliteit=4,klant=3'
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from regiokompas.data import DataFileError
from regiokompas.duties.kwetsbaarheid import Kwetsbaarheid
from regiokompas.i18n import N_

__all__ = [
    "ASPECTS",
    "FILLED_BY",
    "Band",
    "FourKRow",
    "Scores",
    "format_scores",
    "four_k_rows",
    "load_scores",
    "parse_scores",
]

#: The college's own aspects, in table order, with their Dutch labels.
ASPECTS: dict[str, str] = {
    "kwaliteit": "Kwaliteit",
    "klant": "Klantgerichtheid",
    "sturing": "Sturing (democratische controle)",
}
FILLED_BY = N_("ingevuld door de gemeente")
_MIN, _MAX = 1, 5


@dataclass(frozen=True)
class Scores:
    """The college's scores: taakveld -> aspect -> 1..5. Frozen; build with parse/load."""

    values: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def get(self, taakveld: str, aspect: str) -> int | None:
        return self.values.get(taakveld, {}).get(aspect)

    def __bool__(self) -> bool:
        return any(self.values.values())


@dataclass(frozen=True)
class Band:
    """A savings band in k€ per year (the savings engine's P10, P50, P90) with its source."""

    p10: float
    p50: float
    p90: float
    bron: str


@dataclass(frozen=True)
class FourKRow:
    """One taakveld in the 4K table."""

    taakveld: str
    omschrijving: str
    kosten: Band | None
    fte_laag: float | None
    fte_hoog: float | None
    kwetsbaar: bool
    kwaliteit: int | None
    klant: int | None
    sturing: int | None


def _check(taakveld: str, aspect: str, raw: object, where: str) -> int:
    if aspect not in ASPECTS:
        raise DataFileError(
            where,
            f"onbekend aspect '{aspect}' (kies {', '.join(ASPECTS)})",
            f"unknown aspect '{aspect}' (choose {', '.join(ASPECTS)})",
        )
    try:
        value = int(str(raw))
    except ValueError as exc:
        raise DataFileError(
            where, f"score voor {taakveld} {aspect} is geen getal", f"score {raw!r} not a number"
        ) from exc
    if not _MIN <= value <= _MAX:
        raise DataFileError(
            where,
            f"score voor {taakveld} {aspect} moet tussen {_MIN} en {_MAX} liggen",
            f"score for {taakveld} {aspect} must be between {_MIN} and {_MAX}",
        )
    return value


def _build(items: Iterable[tuple[str, str, object]], where: str) -> Scores:
    out: dict[str, dict[str, int]] = {}
    for taakveld, aspect, raw in items:
        if str(raw).strip() == "":
            continue  # an empty field means: not scored
        out.setdefault(taakveld.strip(), {})[aspect.strip()] = _check(
            taakveld, aspect.strip(), raw, where
        )
    return Scores(out)


def parse_scores(text: str, where: str = "4K-scores") -> Scores:
    """Parse ``"7.3:kwaliteit=4,klant=3;1.1:sturing=2"``; raises DataFileError on bad input."""
    items: list[tuple[str, str, object]] = []
    for part in (p for p in text.split(";") if p.strip()):
        taakveld, sep, rest = part.partition(":")
        if not sep:
            raise DataFileError(where, f"'{part}' mist ':'", f"'{part}' lacks ':'")
        for pair in (p for p in rest.split(",") if p.strip()):
            aspect, eq, value = pair.partition("=")
            if not eq:
                raise DataFileError(where, f"'{pair}' mist '='", f"'{pair}' lacks '='")
            items.append((taakveld, aspect, value.strip()))
    return _build(items, where)


def format_scores(scores: Scores) -> str:
    """The compact text form of ``scores`` (sorted; inverse of :func:`parse_scores`)."""
    parts = []
    for taakveld in sorted(scores.values):
        aspects = scores.values[taakveld]
        pairs = ",".join(f"{a}={aspects[a]}" for a in ASPECTS if a in aspects)
        if pairs:
            parts.append(f"{taakveld}:{pairs}")
    return ";".join(parts)


def load_scores(path: Path) -> Scores:
    """Scores from a TOML settings file: one table per taakveld, e.g. ``["7.3"] kwaliteit = 4``."""
    try:
        table = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(
            str(path), f"kan niet gelezen worden ({exc})", f"unreadable ({exc})"
        ) from exc
    items: list[tuple[str, str, object]] = []
    for taakveld, aspects in table.items():
        if not isinstance(aspects, dict):
            raise DataFileError(
                str(path), f"'{taakveld}' moet een tabel zijn", f"'{taakveld}' must be a table"
            )
        items.extend((taakveld, aspect, value) for aspect, value in aspects.items())
    return _build(items, str(path))


def four_k_rows(
    taakvelden: Iterable[str],
    kwetsbaarheid: Kwetsbaarheid,
    scores: Scores,
    kosten: Mapping[str, Band] | None = None,
) -> tuple[FourKRow, ...]:
    """The 4K table for ``taakvelden`` (in the given order, duplicates dropped)."""
    fte = {r.taakveld: r for r in kwetsbaarheid.rows}
    rows = []
    for taakveld in dict.fromkeys(taakvelden):
        f = fte.get(taakveld)
        rows.append(
            FourKRow(
                taakveld=taakveld,
                omschrijving=f.omschrijving if f else taakveld,
                kosten=(kosten or {}).get(taakveld),
                fte_laag=f.fte_laag if f else None,
                fte_hoog=f.fte_hoog if f else None,
                kwetsbaar=bool(f and f.kwetsbaar),
                kwaliteit=scores.get(taakveld, "kwaliteit"),
                klant=scores.get(taakveld, "klant"),
                sturing=scores.get(taakveld, "sturing"),
            )
        )
    return tuple(rows)
