"""One call that answers "what does each verdeelsleutel mean for each member?".

:func:`verdeel` runs the requested methods on a cost game and reports per member the amount
(rounded to the cent, adding up exactly to the group cost), the stand-alone cost and the gain,
and per allocation whether it is in the core and, if not, which coalition blocks it by how much.

>>> from regiokompas.sharing.game import CostGame
>>> import numpy as np
>>> game = CostGame(("A", "B"), np.array([0.0, 6.0, 10.0, 10.0]))
>>> result = verdeel(game, ["shapley"])
>>> [(a.speler, a.bedrag) for a in result.verdelingen[0].aandelen]
[('A', 3.0), ('B', 7.0)]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from regiokompas.i18n import N_, gettext
from regiokompas.sharing._errors import SharingError
from regiokompas.sharing.game import MAX_EXPLICIT_PLAYERS, CostGame
from regiokompas.sharing.keys import fixed_plus_variable, per_share, round_to_cents
from regiokompas.sharing.nucleolus import least_core, nucleolus
from regiokompas.sharing.shapley import sampled_shapley, shapley_value

__all__ = [
    "METHODS",
    "Aandeel",
    "BatchGame",
    "Blokkade",
    "VerdeelAnalyse",
    "Verdeling",
    "verdeel",
]

FloatArray = npt.NDArray[np.float64]

#: Method code -> Dutch description; codes are what ``--methode`` accepts.
METHODS: Final[dict[str, str]] = {
    "inwoners": N_("Per inwoner"),
    "gebruik": N_("Naar gebruik (aandeel in de huidige lasten)"),
    "vast-variabel": N_("Vast deel gelijk, rest per inwoner"),
    "shapley": N_("Shapley-waarde"),
    "nucleolus": N_("Nucleolus"),
    "kleinste-kern": N_("Kleinste kern (prenucleolus)"),
}


@dataclass(frozen=True)
class BatchGame:
    """A cost game too large to write out: costs come from a vectorised function.

    ``batch_cost`` maps a boolean matrix (rows = coalitions, columns = players) to costs.
    Only the keys and a sampled Shapley value are available for such games.
    """

    spelers: tuple[str, ...]
    batch_cost: Callable[[npt.NDArray[np.bool_]], FloatArray]
    eenheid: str = "€"
    naam: str = ""
    bron: str = ""

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.spelers)

    @property
    def grand_cost(self) -> float:
        """Cost of the whole group."""
        return float(self.batch_cost(np.ones((1, self.n), dtype=np.bool_))[0])

    def standalone(self) -> FloatArray:
        """Stand-alone cost of every player."""
        return np.asarray(self.batch_cost(np.eye(self.n, dtype=np.bool_)), dtype=np.float64)


@dataclass(frozen=True)
class Aandeel:
    """One member's share: amount, stand-alone cost, gain (``alleen − bedrag``)."""

    speler: str
    bedrag: float
    alleen: float
    voordeel: float

    @property
    def beter_alleen(self) -> bool:
        """Whether this member would pay less on its own."""
        return self.voordeel < 0


@dataclass(frozen=True)
class Blokkade:
    """A coalition that would pay less on its own: ``overschot = x(S) − c(S) > 0``."""

    coalitie: tuple[str, ...]
    overschot: float


@dataclass(frozen=True)
class Verdeling:
    """One allocation of the group cost.

    ``in_kern`` is None when the core cannot be checked (a game given only by a function).
    ``standaardfout`` holds per-member standard errors for a sampled Shapley value.
    """

    methode: str
    omschrijving: str
    aandelen: tuple[Aandeel, ...]
    totaal: float
    in_kern: bool | None
    blokkade: Blokkade | None
    toelichting: str = ""
    standaardfout: tuple[float, ...] | None = None


@dataclass(frozen=True)
class VerdeelAnalyse:
    """All requested allocations for one group, with facts about its game.

    ``samenwerken_loont`` says whether the group costs less together than the sum of its
    members alone; when it does not, no allocation can make everyone better off, the core is
    empty and the nucleolus (on imputations) does not exist.
    """

    naam: str
    spelers: tuple[str, ...]
    eenheid: str
    bron: str
    groepskosten: float
    som_alleen: float
    samenwerken_loont: bool
    kern_leeg: bool | None
    kleinste_kern_waarde: float | None
    verdelingen: tuple[Verdeling, ...]


def _tolerance(game: CostGame | BatchGame) -> float:
    return 1e-7 * max(1.0, abs(game.grand_cost))


def _weights(
    name: str, given: Mapping[str, float] | None, spelers: Sequence[str], what_nl: str, what_en: str
) -> FloatArray:
    if given is None:
        raise SharingError(
            f"De methode '{name}' heeft {what_nl} per speler nodig; die ontbreken.",
            f"Method '{name}' needs {what_en} per player; they are missing.",
        )
    missing = [s for s in spelers if s not in given]
    if missing:
        raise SharingError(
            f"{what_nl.capitalize()} ontbreken voor: {', '.join(missing)}.",
            f"{what_en.capitalize()} missing for: {', '.join(missing)}.",
        )
    return np.array([float(given[s]) for s in spelers], dtype=np.float64)


def verdeel(
    game: CostGame | BatchGame,
    methodes: Sequence[str] | None = None,
    *,
    inwoners: Mapping[str, float] | None = None,
    gebruik: Mapping[str, float] | None = None,
    vast_aandeel: float = 0.5,
    steekproef: int | None = None,
    seed: int = 0,
    language: str = "nl",
) -> VerdeelAnalyse:
    """Allocate the group cost of ``game`` with each method in ``methodes``.

    The notes (``Verdeling.toelichting``) are written in ``language``; the descriptions in
    :data:`METHODS` are Dutch, marked for the ``regiokompas`` catalogue.

    ``methodes`` defaults to every method whose inputs are present (the inhabitant keys only
    with ``inwoners``; "gebruik" falls back to the stand-alone costs as the measure of use;
    "kleinste-kern" only when the core is empty). ``steekproef`` samples the Shapley value with
    that many random orders instead of computing it exactly (always done for a
    :class:`BatchGame`). Amounts are rounded to the cent with a largest-remainder rule so every
    allocation adds up exactly to the group cost rounded to the cent.
    """
    spelers = game.spelers
    alone = game.standalone()
    total = game.grand_cost
    tol = _tolerance(game)

    first_level: float | None = None
    core_empty: bool | None = None
    least: float | None = None
    nucleolus_x: FloatArray | None = None
    wants_lp = methodes is None or bool({"nucleolus", "kleinste-kern"} & set(methodes))
    if isinstance(game, CostGame) and wants_lp and game.is_subadditive_at_top():
        result = nucleolus(game)
        nucleolus_x, first_level = result.allocation, result.least_core_value
        core_empty = first_level > tol
    elif isinstance(game, CostGame) and not game.is_subadditive_at_top():
        core_empty = True  # c(N) > Σ c({i}): even the singletons block every allocation

    if methodes is None:
        methodes = [m for m in METHODS if m not in {"inwoners", "vast-variabel", "kleinste-kern"}]
        if inwoners is not None:
            methodes = ["inwoners", "vast-variabel", *methodes]
        if nucleolus_x is None:
            # No imputations (the least core still answers), or too large to write out.
            methodes.remove("nucleolus")
        if core_empty:
            methodes.append("kleinste-kern")
    unknown = [m for m in methodes if m not in METHODS]
    if unknown:
        raise SharingError(
            f"Onbekende methode: {', '.join(unknown)}. Kies uit {', '.join(METHODS)}.",
            f"Unknown method: {', '.join(unknown)}. Choose from {', '.join(METHODS)}.",
        )

    allocations: list[Verdeling] = []
    for method in dict.fromkeys(methodes):
        note = ""
        stderr: tuple[float, ...] | None = None
        if method == "inwoners":
            x = per_share(total, _weights(method, inwoners, spelers, "inwoners", "inhabitants"))
        elif method == "vast-variabel":
            w = _weights(method, inwoners, spelers, "inwoners", "inhabitants")
            x = fixed_plus_variable(total, w, vast_aandeel)
            note = gettext("{vast} gelijk verdeeld, {rest} per inwoner", language).format(
                vast=f"{vast_aandeel:.0%}", rest=f"{1 - vast_aandeel:.0%}"
            )
        elif method == "gebruik":
            if gebruik is None:
                x = per_share(total, alone)
                note = gettext("gebruik gemeten als de kosten van ieder alleen", language)
            else:
                x = per_share(total, _weights(method, gebruik, spelers, "gebruik", "use"))
        elif method == "shapley":
            if isinstance(game, CostGame) and steekproef is None:
                x = shapley_value(game)
                note = gettext("exact", language)
            else:
                samples = steekproef or 5000
                est = sampled_shapley(game.n, _batch(game), samples=samples, seed=seed)
                x = est.value
                stderr = tuple(float(v) for v in est.standard_error)
                note = gettext(
                    "steekproef van {n} volgordes (seed {seed}), met standaardfout", language
                ).format(n=samples, seed=seed)
        elif method == "nucleolus":
            x = _need_nucleolus(game, nucleolus_x)
        else:  # kleinste-kern
            if not isinstance(game, CostGame):
                raise _too_large("kleinste-kern", game.n)
            lc = least_core(game)
            x, least = lc.allocation, lc.least_core_value
            value = f"{least:.2f}".replace(".", ",") if language == "nl" else f"{least:,.2f}"
            note = gettext(
                "ε = {waarde} {eenheid}: elke coalitie betaalt hoogstens ε meer dan zij alleen "
                "kwijt zou zijn",
                language,
            ).format(waarde=value, eenheid=game.eenheid)
        allocations.append(_report(game, method, x, alone, total, tol, note, stderr))

    if core_empty is None and isinstance(game, CostGame):
        core_empty = _core_is_empty(game, allocations, tol)

    return VerdeelAnalyse(
        naam=game.naam,
        spelers=spelers,
        eenheid=game.eenheid,
        bron=game.bron,
        groepskosten=round(total, 2),
        som_alleen=round(float(alone.sum()), 2),
        samenwerken_loont=bool(total < float(alone.sum()) - tol),
        kern_leeg=core_empty,
        kleinste_kern_waarde=least,
        verdelingen=tuple(allocations),
    )


def _core_is_empty(game: CostGame, allocations: Sequence[Verdeling], tol: float) -> bool:
    """Whether the core is empty when no nucleolus was computed for the requested methods.

    An allocation found in the core proves it non-empty without an LP; otherwise the least-core
    value decides (ε* > 0 iff the core is empty), so ``kern_leeg`` never depends on which
    methods were asked for.
    """
    if any(v.in_kern for v in allocations):
        return False
    return bool(least_core(game).least_core_value > tol)


def _batch(game: CostGame | BatchGame) -> Callable[[npt.NDArray[np.bool_]], FloatArray]:
    if isinstance(game, BatchGame):
        return game.batch_cost
    weights = 1 << np.arange(game.n, dtype=np.int64)
    costs = game.costs
    return lambda rows: np.asarray(costs[rows.astype(np.int64) @ weights], dtype=np.float64)


def _too_large(method: str, n: int) -> SharingError:
    return SharingError(
        f"De methode '{method}' vraagt alle coalities; bij {n} spelers kan dat niet "
        f"(ten hoogste {MAX_EXPLICIT_PLAYERS}).",
        f"Method '{method}' needs every coalition; impossible with {n} players "
        f"(at most {MAX_EXPLICIT_PLAYERS}).",
    )


def _need_nucleolus(game: CostGame | BatchGame, x: FloatArray | None) -> FloatArray:
    if not isinstance(game, CostGame):
        raise _too_large("nucleolus", game.n)
    if x is None:
        return nucleolus(game).allocation  # raises the clear error for c(N) > Σ c({i})
    return x


def _report(
    game: CostGame | BatchGame,
    method: str,
    x: FloatArray,
    alone: FloatArray,
    total: float,
    tol: float,
    note: str,
    stderr: tuple[float, ...] | None,
) -> Verdeling:
    amounts = round_to_cents(x, total)
    shares = tuple(
        Aandeel(s, a, round(float(c), 2), round(float(c) - a, 2))
        for s, a, c in zip(game.spelers, amounts, alone, strict=True)
    )
    in_core: bool | None = None
    block: Blokkade | None = None
    if isinstance(game, CostGame):
        excess, mask = game.max_excess(x)
        in_core = bool(excess <= tol)
        if not in_core:
            block = Blokkade(game.members(mask), round(excess, 2))
    return Verdeling(method, METHODS[method], shares, round(total, 2), in_core, block, note, stderr)
