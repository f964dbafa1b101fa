"""Existing cooperation, counted once: who is already in an arrangement on which taakveld.

The engine gets the arrangements as plain values (built by an adapter from the register, seed
or live database), so it stays free of database code. A member already in an arrangement on a
taakveld saves according to a small switching prior (``overstap.csv``, cited and editable),
not a fresh saving on top of lasten that already carry the old one; when the new group is not
the arrangement it is in, it leaves it and pays the exit cost: about three annual contributions
(Raad van State, ECLI:NL:RVS:2015:1198), or the form's ``uittreedkosten_jaren``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from regiokompas.i18n import N_, gettext
from regiokompas.savings._errors import AssumptionError

__all__ = [
    "label_in",
    "EXIT_YEARS",
    "ExistingArrangement",
    "SwitchingPrior",
    "existing_from_regelingen",
    "load_switching_priors",
]

#: Annual contributions paid on leaving an arrangement when its form is unknown
#: (ECLI:NL:RVS:2015:1198 accepted about three).
EXIT_YEARS = 3.0


@dataclass(frozen=True)
class ExistingArrangement:
    """An arrangement a gemeente already takes part in (from the register).

    ``taakvelden``: Iv3 taakveld codes; ``leden``: gm codes; ``bijdrage_keur``: yearly
    contribution per member where recorded; ``bron`` and ``jaar`` for "al in <naam> (bron,
    jaar)".
    """

    naam: str
    taakvelden: tuple[str, ...]
    leden: tuple[str, ...]
    bron: str = ""
    jaar: int | None = None
    vorm: str = ""
    bijdrage_keur: Mapping[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """'al in <naam> (bron, jaar)', with the source cut to its first clause.

        >>> a = ExistingArrangement("BSR (2016)", ("0.61",), ("GM0335",), "OSF 2016, x", 2016)
        >>> a.label
        'al in BSR (OSF 2016)'
        """
        naam = self.naam
        year = str(self.jaar or "")
        if year and naam.endswith(f" ({year})"):
            naam = naam[: -len(year) - 3]
        bron = self.bron.split(";")[0].split(",")[0].strip()
        parts = [bron] if bron else []
        if year and year not in bron:
            parts.append(year)
        return _ALREADY_IN.format(naam=naam + (f" ({', '.join(parts)})" if parts else ""))


_ALREADY_IN = N_("al in {naam}")


def label_in(label: str, language: str) -> str:
    """An ``ExistingArrangement.label`` ("al in <naam> (bron, jaar)") in ``language``.

    >>> label_in("al in BSR (OSF 2016)", "en")
    'already in BSR (OSF 2016)'
    >>> label_in("al in BSR (OSF 2016)", "nl")
    'al in BSR (OSF 2016)'
    """
    prefix = _ALREADY_IN.removesuffix("{naam}")
    if not label.startswith(prefix):
        return label
    return gettext(_ALREADY_IN, language).format(naam=label.removeprefix(prefix))


@dataclass(frozen=True)
class SwitchingPrior:
    """Saving rate on a member's cooperable lasten when it is already in an arrangement."""

    reeks: str
    p10: float
    p50: float
    p90: float
    bron: str


def _year(value: Any) -> int | None:
    year = getattr(value, "year", None)
    return int(year) if isinstance(year, int) else None


def existing_from_regelingen(
    regelingen: Iterable[Any], historic: bool = True
) -> tuple[ExistingArrangement, ...]:
    """Arrangements from register records (``regiokompas.register.Regeling`` or anything with
    the same attributes); deleted records and those without taakvelden are left out, historic
    ones too unless ``historic`` (the default keeps them: the seeded 2016 records are the only
    evidence on many tax and waste arrangements, and their year shows in the label).
    """
    out = []
    for r in regelingen:
        if getattr(r, "verwijderd", False) or (getattr(r, "historisch", False) and not historic):
            continue
        taakvelden = tuple(str(t) for t in getattr(r, "taakvelden", ()) or ())
        if not taakvelden:
            continue
        deelnemers = getattr(r, "deelnemers", ())
        leden = tuple(str(d.code) for d in deelnemers if getattr(d, "code", ""))
        bijdrage = {
            str(d.code): float(d.bijdrage_keur)
            for d in deelnemers
            if getattr(d, "code", "") and getattr(d, "bijdrage_keur", None) is not None
        }
        out.append(
            ExistingArrangement(
                naam=str(r.naam),
                taakvelden=taakvelden,
                leden=leden,
                bron=str(getattr(r, "bron", "") or ""),
                jaar=_year(getattr(r, "bron_datum", None)) or _year(getattr(r, "startdatum", None)),
                vorm=str(getattr(r, "vorm", "") or ""),
                bijdrage_keur=bijdrage,
            )
        )
    return tuple(out)


def load_switching_priors(path: Path | str | None = None) -> dict[str, SwitchingPrior]:
    """The switching priors per series ('*' = every other series).

    >>> load_switching_priors()["0.61"].p50
    0.02
    """
    if path is None:
        text = (resources.files("regiokompas.savings") / "overstap.csv").read_text("utf-8")
        label = "overstap.csv"
    else:
        text, label = Path(path).read_text("utf-8"), str(path)
    frame = pd.read_csv(io.StringIO(text), dtype={"reeks": str}, keep_default_na=False)
    out = {}
    for row in frame.itertuples(index=False):
        prior = SwitchingPrior(
            str(row.reeks),
            float(row.besparing_p10),
            float(row.besparing_p50),
            float(row.besparing_p90),
            str(row.bron),
        )
        if not -1 < prior.p10 <= prior.p50 <= prior.p90 < 1 or not prior.bron.strip():
            raise AssumptionError(
                f"{label}, regel {prior.reeks}: p10 ≤ p50 ≤ p90 (tussen -1 en 1) en een bron.",
                f"{label}, row {prior.reeks}: p10 ≤ p50 ≤ p90 (between -1 and 1) and a source.",
            )
        out[prior.reeks] = prior
    if "*" not in out:
        raise AssumptionError(f"{label} mist de regel '*'.", f"{label} lacks the row '*'.")
    return out


def memberships(
    existing: Sequence[ExistingArrangement],
    members: Sequence[str],
    reeks_of: Mapping[str, str],
    reeksen: Sequence[str],
) -> dict[tuple[str, str], ExistingArrangement]:
    """(member, reeks) → the first arrangement the member is in on that series."""
    wanted = set(reeksen)
    out: dict[tuple[str, str], ExistingArrangement] = {}
    for arr in existing:
        series = {reeks_of.get(t, t) for t in arr.taakvelden} & wanted
        for m in members:
            if m in arr.leden:
                for r in series:
                    out.setdefault((m, r), arr)
    return out
