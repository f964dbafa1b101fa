"""Taakvelden of an arrangement derived from its name, by an editable rule table.

Many seeded arrangements (the 2016 GR list) carry no taakvelden, so the partner search and
the savings engine cannot see them. The rule table ``taakveld_regels.csv`` (in this
package; columns ``patroon``, ``taakvelden``, ``reden``) maps a case-insensitive regular
expression on the name to Iv3 taakvelden, with the reason and its source. Patterns match at
word boundaries (``\\bbelasting`` does not fire inside "onroerendezaakbelasting", and
``afval(?!water)`` keeps afvalwater out of 7.3 Afval). A name may match several rules
(e.g. "Veiligheids- en Gezondheidsregio": 1.1 and 7.1); the result is the union. A name
that matches no rule stays unknown: empty taakvelden, flagged in the record.

>>> m = derive_taakvelden("Reinigingsdienst RD4 (2016)")
>>> m.taakvelden
('7.3',)
>>> derive_taakvelden("Afvalwater Vught (2016)").taakvelden
()
>>> derive_taakvelden("WHW-bedrijven (in 2016 opgegaan in Werk & Inkomen)").taakvelden
()
>>> derive_taakvelden("Belastingsamenwerking Gouwe-Rijnland").taakvelden
('0.61', '0.62', '0.64')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "RULES_FILE",
    "TaakveldMatch",
    "TaakveldRule",
    "derive_taakvelden",
    "load_taakveld_rules",
]

RULES_FILE = Path(__file__).with_name("taakveld_regels.csv")


@dataclass(frozen=True)
class TaakveldRule:
    """One row of the rule table: a name pattern, the taakvelden it implies, and why."""

    patroon: str
    taakvelden: tuple[str, ...]
    reden: str

    def matches(self, naam: str) -> bool:
        """Whether the pattern occurs in ``naam`` (case-insensitive)."""
        return re.search(self.patroon, naam, flags=re.IGNORECASE) is not None


@dataclass(frozen=True)
class TaakveldMatch:
    """The derived taakvelden (sorted, empty when unknown) and the rules that fired."""

    taakvelden: tuple[str, ...]
    regels: tuple[TaakveldRule, ...]

    @property
    def onbekend(self) -> bool:
        """True when no rule decided the taakvelden."""
        return not self.taakvelden

    @property
    def reden(self) -> str:
        """The reasons of the rules that fired, joined (Dutch)."""
        return "; ".join(r.reden for r in self.regels)


#: "(in 2016 opgegaan in X)" names the successor, not the body itself.
_SUCCESSOR = re.compile(r"\((in \d{4} )?opgegaan in [^)]*\)", flags=re.IGNORECASE)


def _key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


@cache
def load_taakveld_rules(path: Path = RULES_FILE) -> tuple[TaakveldRule, ...]:
    """The rule table (``taakveld_regels.csv`` unless another path is given)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rules = []
    for row in rows:
        re.compile(row["patroon"])  # a broken pattern fails here, not later
        codes = tuple(c.strip() for c in row["taakvelden"].split(";") if c.strip())
        rules.append(TaakveldRule(row["patroon"], codes, row["reden"].strip()))
    return tuple(rules)


def derive_taakvelden(naam: str, rules: Sequence[TaakveldRule] | None = None) -> TaakveldMatch:
    """The taakvelden the name of an arrangement implies by ``rules`` (the shipped table by
    default): the union over all rules whose pattern occurs in the name."""
    table = load_taakveld_rules() if rules is None else rules
    own = _SUCCESSOR.sub("", naam)
    fired = tuple(r for r in table if r.matches(own))
    codes = sorted({c for r in fired for c in r.taakvelden}, key=_key)
    return TaakveldMatch(tuple(codes), fired)
