"""Existing partners and regional (in)congruence of one gemeente across its arrangements.

A gemeente that shares every task with the same neighbours has one partner set; one that
works with different groups for each task "juggles" many: regional (in)congruence, a
recurring theme in the Dutch debate on regional governance (BZK's regioatlas showed each
gemeente's region in some thirty divisions). The measures here are:

- ``partnersets``: the number of distinct sets of partner gemeenten across the gemeente's
  arrangements (an arrangement's partner set = its participating gemeenten minus the
  gemeente itself; arrangements with no other gemeente are counted separately);
- ``index`` = partnersets / arrangements with partners (1/n for perfect congruence, 1.0
  when every arrangement has a different set);
- ``aandeel_meest_voorkomend``: the share of those arrangements whose partner set equals
  the most common one.

>>> from regiokompas.register.model import Deelnemer, Regeling
>>> def r(naam, *codes):
...     return Regeling(naam, "openbaar_lichaam", tuple(Deelnemer(c) for c in codes))
>>> regs = [r("A", "G1", "G2"), r("B", "G1", "G2"), r("C", "G1", "G2", "G3"), r("D", "G1")]
>>> c = congruence("G1", regs)
>>> c.regelingen, c.met_partners, c.partnersets, c.index, c.aandeel_meest_voorkomend
(4, 3, 2, 0.6666666666666666, 0.6666666666666666)
>>> [(p.code, p.aantal) for p in existing_partners("G1", regs)]
[('G2', 3), ('G3', 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from regiokompas.register.model import Regeling

__all__ = [
    "Congruence",
    "Partner",
    "arrangements_on",
    "congruence",
    "existing_partners",
    "regelingen_of",
]


@dataclass(frozen=True)
class Partner:
    """A gemeente the given gemeente already cooperates with, and in which arrangements."""

    code: str
    aantal: int
    regelingen: tuple[str, ...]
    taakvelden: tuple[str, ...]


@dataclass(frozen=True)
class Congruence:
    """Congruence measures of one gemeente (see the module docstring for definitions)."""

    code: str
    regelingen: int
    met_partners: int
    partnersets: int
    index: float | None
    aandeel_meest_voorkomend: float | None
    meest_voorkomende_set: tuple[str, ...]


def regelingen_of(code: str, regelingen: Iterable[Regeling]) -> list[Regeling]:
    """The active (not deleted) arrangements ``code`` takes part in."""
    return [r for r in regelingen if not r.verwijderd and code in r.gemeenten]


def _covers(recorded: str, taakveld: str) -> bool:
    # "0.6" (a series of the bundle) covers 0.61..0.64, "6.7" covers 6.71..6.76.
    head, _, tail = taakveld.partition(".")
    return recorded == taakveld or (len(tail) == 1 and recorded.startswith(f"{head}.{tail}"))


def arrangements_on(regelingen: Iterable[Regeling], gm_code: str, taakveld: str) -> list[Regeling]:
    """The active arrangements ``gm_code`` takes part in that carry ``taakveld`` (exactly,
    or as a sub-taakveld of a one-decimal series such as "0.6" or "6.7"), in input order.
    Arrangements with unknown taakvelden never match.

    >>> from regiokompas.register.model import Deelnemer, Regeling
    >>> tax = Regeling("Belastingen", "openbaar_lichaam", (Deelnemer("G1"), Deelnemer("G2")),
    ...                taakvelden=("0.61", "0.62", "0.64"))
    >>> [r.naam for r in arrangements_on([tax], "G1", "0.62")]
    ['Belastingen']
    >>> [r.naam for r in arrangements_on([tax], "G1", "0.6")], arrangements_on([tax], "G3", "0.62")
    (['Belastingen'], [])
    """
    return [
        r
        for r in regelingen_of(gm_code, regelingen)
        if any(_covers(t, taakveld) for t in r.taakvelden)
    ]


def existing_partners(code: str, regelingen: Iterable[Regeling]) -> list[Partner]:
    """Partner gemeenten of ``code``, most shared arrangements first (ties by code)."""
    names: dict[str, list[str]] = {}
    tasks: dict[str, set[str]] = {}
    for r in regelingen_of(code, regelingen):
        for partner in sorted(set(r.gemeenten) - {code}):
            names.setdefault(partner, []).append(r.naam)
            tasks.setdefault(partner, set()).update(r.taakvelden)
    return sorted(
        (Partner(p, len(n), tuple(n), tuple(sorted(tasks[p]))) for p, n in names.items()),
        key=lambda p: (-p.aantal, p.code),
    )


def congruence(code: str, regelingen: Iterable[Regeling]) -> Congruence:
    """Congruence of ``code`` over its active arrangements (pure; no database)."""
    own = regelingen_of(code, regelingen)
    sets = [frozenset(r.gemeenten) - {code} for r in own]
    with_partners = [s for s in sets if s]
    counts = Counter(with_partners)
    if not with_partners:
        return Congruence(code, len(own), 0, 0, None, None, ())
    top_set, top_count = min(counts.items(), key=lambda kv: (-kv[1], sorted(kv[0])))
    return Congruence(
        code=code,
        regelingen=len(own),
        met_partners=len(with_partners),
        partnersets=len(counts),
        index=len(counts) / len(with_partners),
        aandeel_meest_voorkomend=top_count / len(with_partners),
        meest_voorkomende_set=tuple(sorted(top_set)),
    )
