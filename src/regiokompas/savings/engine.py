"""The savings engine: what cooperation on taakvelden saves a group of gemeenten, honestly.

Gross saving per member and taakveld = current lasten × cooperable share × saving fraction ×
realisation of the form. The saving fraction comes from the fitted cost curve (mode
``fitted``: predicted cost per inhabitant at the group's combined size versus the member's own
size, capped at the literature's schaalgrens; uncertainty from the cluster bootstrap) or from
literature priors (mode ``literature``; ``custom`` uses the user's own numbers): Allers & de
Greef (2018) found no saving from cooperation in general, Niaounakis & Blank (2017) about 15%
for tax collection up to about 60,000 inhabitants, Dijkgraaf & Gradus (2013) savings in waste
collection only after 5–6 start-up years. From that the engine subtracts the form's set-up,
start-up and governance costs, ramps savings up over the start-up years and discounts over the
horizon (Werkgroep discontovoet 2020: 2.25%).

>>> from regiokompas.data import load_dataset
>>> engine = SavingsEngine.from_dataset(load_dataset(), mode="literature")
>>> est = engine.estimate(["GM0513", "GM0627"], ["0.61"], vorm="bedrijfsvoeringsorganisatie")
>>> est.verdict_bruto
'besparing'
>>> est.npv.p10 <= est.npv.punt <= est.npv.p90
True
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from regiokompas._modes import DEFAULT_MODE, MODES, Mode
from regiokompas.costs import CostModel, resolve_taakveld
from regiokompas.data import Dataset, RegiokompasError
from regiokompas.savings._arithmetic import (
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_HORIZON,
    annuity_factor,
    discount_factors,
)
from regiokompas.savings._assumptions import Assumptions, FormCosts, load_assumptions
from regiokompas.savings._base import (
    SHARED_CORRELATION,
    Arrays,
    build_arrays,
    group_matrix,
    literature_draws,
)
from regiokompas.savings._errors import (
    AssumptionError,
    DuplicateGemeenteError,
    GroupError,
    NotContiguousError,
    UnknownVormError,
)
from regiokompas.savings._existing import (
    EXIT_YEARS,
    ExistingArrangement,
    SwitchingPrior,
    load_switching_priors,
)
from regiokompas.savings._fast import FastTable, build_fast_table, fast_savings
from regiokompas.savings._results import GroupValue, SavingsEstimate

__all__ = ["DEFAULT_MODE", "MODES", "Mode", "SavingsEngine"]


def _form_key(vorm: str) -> str:
    return vorm.strip().lower().replace(" ", "_").replace("-", "_")


class SavingsEngine:
    """Savings estimates for groups of gemeenten; immutable after construction.

    Build with :meth:`from_dataset`. ``estimate`` gives the full picture with P10/P50/P90;
    ``group_value`` / ``group_values`` are fast point values for search.
    """

    def __init__(
        self,
        ds: Dataset,
        assumptions: Assumptions,
        model: CostModel | None,
        mode: Mode,
        horizon: int = DEFAULT_HORIZON,
        discount_rate: float = DEFAULT_DISCOUNT_RATE,
        *,
        existing: Sequence[ExistingArrangement] = (),
        switching: Mapping[str, SwitchingPrior] | None = None,
        correlation: float = SHARED_CORRELATION,
    ) -> None:
        if mode not in MODES:
            raise AssumptionError(
                f"Onbekende modus '{mode}'; kies uit {', '.join(MODES)}.",
                f"Unknown mode '{mode}'; choose from {', '.join(MODES)}.",
            )
        if mode == "fitted" and model is None:
            raise AssumptionError(
                "Modus 'fitted' vraagt een geschat kostenmodel.",
                "Mode 'fitted' needs a fitted cost model.",
            )
        if not 1 <= horizon <= 50:
            raise AssumptionError(
                "De horizon moet tussen 1 en 50 jaar liggen.",
                "The horizon must be between 1 and 50 years.",
            )
        if not -0.05 <= discount_rate <= 0.20:
            raise AssumptionError(
                "De discontovoet moet tussen -5% en 20% liggen.",
                "The discount rate must be between -5% and 20%.",
            )
        if not 0.0 <= correlation <= 1.0:
            raise AssumptionError(
                "De correlatie tussen taakvelden moet tussen 0 en 1 liggen.",
                "The correlation between taakvelden must be between 0 and 1.",
            )
        self.ds = ds
        self.assumptions = assumptions
        #: Arrangements the gemeenten already take part in (from the register).
        self.existing: tuple[ExistingArrangement, ...] = tuple(existing)
        #: Switching priors per series ('*' = default), for members already in an arrangement.
        self.switching: dict[str, SwitchingPrior] = dict(switching or load_switching_priors())
        #: Correlation of the saving rates of two taakvelden (shared cooperation effect).
        self.correlation = float(correlation)
        self._reeks_of: dict[str, str] = {}
        self.model = model
        self.mode: Mode = mode
        self.horizon = int(horizon)
        self.discount_rate = float(discount_rate)
        self._a: Arrays = build_arrays(ds, assumptions, model if mode == "fitted" else None)
        self._fast: FastTable = build_fast_table(self._a, mode == "fitted", *self._switched())
        self._resolved: dict[tuple[str, ...], tuple[str, ...]] = {}
        #: gm code → name, for labels.
        self.names: dict[str, str] = dict(
            zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"].astype(str), strict=True)
        )
        self._annuity = annuity_factor(self.horizon, self.discount_rate)
        self._discount = discount_factors(self.horizon, self.discount_rate)

    @classmethod
    def from_dataset(
        cls,
        ds: Dataset,
        mode: Mode = DEFAULT_MODE,
        *,
        overrides: Mapping[str, Mapping[str, float]] | None = None,
        priors_file: Path | str | None = None,
        vormen_file: Path | str | None = None,
        eenheden_file: Path | str | None = None,
        horizon: int = DEFAULT_HORIZON,
        discount_rate: float = DEFAULT_DISCOUNT_RATE,
        draws: int = 1000,
        seed: int = 20240101,
        existing: Sequence[ExistingArrangement] = (),
        overstap_file: Path | str | None = None,
        correlation: float = SHARED_CORRELATION,
    ) -> SavingsEngine:
        """An engine on ``ds``. ``mode``: 'literature' (the default: priors re-centred by the
        merger evidence, the mode that passes the back-test), 'fitted' (the cross-section cost
        curve, an exploration without a verdict of its own) or 'custom' (priors with the
        user's own numbers: ``overrides`` such as ``{"0.61": {"besparing_p50": 0.1}}`` (key
        ``"*"`` = every taakveld) and/or a ``priors_file``). ``existing``: the arrangements the
        gemeenten already take part in (build them with
        :func:`regiokompas.savings.existing_from_regelingen` from the register);
        ``overstap_file`` replaces the switching priors. The cost model is fitted once per
        bundle and cached.
        """
        if mode == "custom" and not overrides and priors_file is None:
            raise AssumptionError(
                "Modus 'custom' vraagt eigen getallen: geef overrides of een eigen priors-bestand.",
                "Mode 'custom' needs your own numbers: pass overrides or your own priors file.",
            )
        assumptions = load_assumptions(priors_file, vormen_file, eenheden_file)
        if overrides:
            assumptions = assumptions.with_prior_overrides(overrides)
        model = CostModel.from_dataset(ds, draws=draws, seed=seed) if mode == "fitted" else None
        return cls(
            ds,
            assumptions,
            model,
            mode,
            horizon=horizon,
            discount_rate=discount_rate,
            existing=existing,
            switching=None if overstap_file is None else load_switching_priors(overstap_file),
            correlation=correlation,
        )

    # ------------------------------------------------------------------ input checks

    @property
    def jaar(self) -> int:
        """The jaarrekening year whose lasten the engine starts from."""
        return self._a.jaar

    @property
    def vormen(self) -> list[str]:
        """Known cooperation forms."""
        return list(self.assumptions.vormen)

    def _switched(self) -> tuple[np.ndarray, np.ndarray]:
        """(gemeenten × series mask of existing memberships, switching P50 per series)."""
        a = self._a
        mask = np.zeros(a.lasten.shape, dtype=bool)
        lookup = self.reeks_lookup(self.existing)
        column = {r: i for i, r in enumerate(a.reeksen)}
        for arr in self.existing:
            cols = [column[lookup[t]] for t in arr.taakvelden if lookup.get(t) in column]
            rows = [a.position[m] for m in arr.leden if m in a.position]
            if cols and rows:
                mask[np.ix_(rows, cols)] = True
        rate = np.array([self.switching.get(r, self.switching["*"]).p50 for r in a.reeksen])
        return mask, rate

    def with_existing(self, existing: Sequence[ExistingArrangement]) -> SavingsEngine:
        """This engine with ``existing`` as the arrangements already in place (same
        assumptions, model, mode and horizon); ``self`` is left unchanged. Cheap: only the
        fast table of the partner finder is rebuilt, so an adapter can pass the live register
        on every request."""
        existing = tuple(existing)
        if existing == self.existing:
            return self
        clone = copy.copy(self)
        clone.existing = existing
        clone._resolved = dict(self._resolved)
        clone._fast = build_fast_table(clone._a, clone.mode == "fitted", *clone._switched())
        return clone

    def reeks_lookup(self, existing: Sequence[ExistingArrangement]) -> dict[str, str]:
        """Taakveld code → series for the taakvelden of ``existing`` (unknown codes pass)."""
        for arr in existing:
            for code in arr.taakvelden:
                if code not in self._reeks_of:
                    try:
                        self._reeks_of[code] = resolve_taakveld(self.ds, code)
                    except RegiokompasError:
                        self._reeks_of[code] = code
        return self._reeks_of

    def exit_years(self, vorm: str) -> float:
        """Annual contributions paid on leaving an arrangement of form ``vorm`` (the forms
        table; ~3 by ECLI:NL:RVS:2015:1198 when the form is unknown or has none)."""
        try:
            years = self.form(vorm).uittreedkosten_jaren
        except UnknownVormError:
            return EXIT_YEARS
        return years if years > 0 else EXIT_YEARS

    def form(self, vorm: str) -> FormCosts:
        """The costs of a form (forgiving about case, spaces and hyphens)."""
        key = _form_key(vorm)
        aliases = {"bvo": "bedrijfsvoeringsorganisatie", "gr": "openbaar_lichaam"}
        key = aliases.get(key, key)
        if key not in self.assumptions.vormen:
            raise UnknownVormError(vorm, self.vormen)
        return self.assumptions.vormen[key]

    def taakvelden(self, taakvelden: str | Sequence[str] | None) -> tuple[str, ...]:
        """Resolve taakveld codes to series; None or 'alle' means every cooperable series."""
        if taakvelden is None or taakvelden == "alle":
            return tuple(r for r, p in self.assumptions.priors.items() if p.deelbaar_aandeel > 0)
        items = [taakvelden] if isinstance(taakvelden, str) else list(taakvelden)
        if not items:
            raise AssumptionError(
                "Geef minstens één taakveld (of 'alle').", "Give at least one taakveld (or 'alle')."
            )
        key = tuple(str(i) for i in items)
        if key in self._resolved:
            return self._resolved[key]
        out: list[str] = []
        for item in items:
            reeks = resolve_taakveld(self.ds, item)
            if reeks not in self.assumptions.priors:
                raise AssumptionError(
                    f"Geen aannames voor taakveld {reeks}.", f"No assumptions for taakveld {reeks}."
                )
            if reeks not in out:
                out.append(reeks)
        self._resolved[key] = tuple(out)
        return self._resolved[key]

    def members(self, members: Sequence[str], require_contiguous: bool = False) -> tuple[str, ...]:
        """Resolve names or codes to gm codes; reject duplicates and, if asked, gaps."""
        codes: list[str] = []
        for query in members:
            code = query if query in self.names else self.ds.gemeente(query).code
            if code in codes:
                raise DuplicateGemeenteError(self.names[code])
            codes.append(code)
        if len(codes) < 2:
            raise GroupError(
                "Een samenwerking vraagt minstens twee gemeenten.",
                "Cooperation needs at least two gemeenten.",
            )
        if require_contiguous and not self.ds.graph.is_connected(codes):
            names = self.ds.gemeenten.set_index("gm_code")["naam"]
            parts = [
                [str(names[c]) for c in sorted(part)] for part in self.ds.graph.components(codes)
            ]
            raise NotContiguousError(parts)
        return tuple(codes)

    # ------------------------------------------------------------------ simple queries

    def standalone_cost(self, code: str, taakvelden: str | Sequence[str] | None) -> float:
        """Current annual lasten (k€, latest jaarrekening) of one gemeente on the taakvelden."""
        row = self._a.index.get_loc(self.ds.gemeente(code).code)
        cols = self._a.columns(self.taakvelden(taakvelden))
        return float(self._a.lasten[row, cols].sum())

    def coalition_cost(
        self, members: Sequence[str], taakvelden: str | Sequence[str] | None, vorm: str
    ) -> float:
        """Annual cost when cooperating: Σ standalone − savings + transaction (k€)."""
        value = self.group_value(members, taakvelden, vorm)
        base = sum(self.standalone_cost(m, taakvelden) for m in members)
        return base - value.savings_keur + value.transaction_keur

    # ------------------------------------------------------------------ fast values

    def group_value(
        self,
        members: Sequence[str],
        taakvelden: str | Sequence[str] | None,
        vorm: str,
        autonomy_price: float = 0.0,
    ) -> GroupValue:
        """Point value of one group (no bootstrap); a singleton has value 0."""
        codes = [m if m in self._a.index else self.ds.gemeente(m).code for m in members]
        matrix = group_matrix(self._a, [codes])
        s, tr, au = self._values(matrix, self.taakvelden(taakvelden), self.form(vorm))
        return GroupValue(
            float(s[0]), float(tr[0]), float(au[0]), float(s[0] - tr[0] - autonomy_price * au[0])
        )

    def group_values(
        self,
        groups: Sequence[Sequence[str]] | np.ndarray,
        taakvelden: str | Sequence[str] | None,
        vorm: str,
        autonomy_price: float = 0.0,
    ) -> np.ndarray:
        """Net values (k€/yr) of many groups at once: a sequence of gm-code sequences or an
        int matrix of gemeente row numbers padded with -1 (see :meth:`row_numbers`)."""
        matrix = group_matrix(self._a, groups)
        s, tr, au = self._values(matrix, self.taakvelden(taakvelden), self.form(vorm))
        return np.asarray(s - tr - autonomy_price * au)

    def group_values_detail(
        self,
        groups: Sequence[Sequence[str]] | np.ndarray,
        taakvelden: str | Sequence[str] | None,
        vorm: str,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(savings_keur, transaction_keur, autonomy_loss) arrays of many groups, for a Pareto
        view of savings against autonomy; ``group_values`` is savings − transaction −
        price × autonomy."""
        matrix = group_matrix(self._a, groups)
        return self._values(matrix, self.taakvelden(taakvelden), self.form(vorm))

    def row_numbers(self, codes: Sequence[str]) -> np.ndarray:
        """Row numbers of gm codes, for building group matrices without strings."""
        rows = self._a.index.get_indexer(list(codes))
        if (rows < 0).any():
            raise GroupError(
                "Onbekende gemeentecode in de lijst.", "Unknown gemeente code in the list."
            )
        return np.asarray(rows, dtype=np.int64)

    def _values(
        self, matrix: np.ndarray, reeksen: tuple[str, ...], form: FormCosts
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a = self._a
        cols = a.columns(reeksen)
        gross, startup, size = fast_savings(a, self._fast, matrix, cols)
        savings = gross * form.realisatie
        one_off = form.oprichtingskosten_keur + startup
        governance = form.bestuurskosten_keur_per_jaar + form.kosten_per_lid_keur_per_jaar * size
        transaction = governance + one_off / self._annuity
        autonomy = form.autonomieverlies * float(a.beleidsruimte[cols].sum()) * size
        alone = size < 2
        savings[alone] = 0.0
        transaction = np.where(alone, 0.0, transaction)
        autonomy = np.where(alone, 0.0, autonomy)
        return savings, np.asarray(transaction, dtype=float), np.asarray(autonomy, dtype=float)

    # ------------------------------------------------------------------ full estimate

    def estimate(
        self,
        members: Sequence[str],
        taakvelden: str | Sequence[str] | None,
        vorm: str = "bedrijfsvoeringsorganisatie",
        draws: int = 1000,
        seed: int = 0,
        require_contiguous: bool = False,
        existing: Sequence[ExistingArrangement] | None = None,
    ) -> SavingsEstimate:
        """Savings of the group ``members`` (names or codes) on ``taakvelden`` under ``vorm``,
        with P10/P50/P90 from ``draws`` draws (bootstrap or literature priors, correlated
        across taakvelden). ``existing`` replaces the engine's existing arrangements for this
        call. The verdict is about the NPV (see :class:`SavingsEstimate`)."""
        if not 10 <= draws <= 100_000:
            raise AssumptionError(
                "Het aantal trekkingen moet tussen 10 en 100.000 liggen.",
                "The number of draws must be between 10 and 100,000.",
            )
        from regiokompas.savings._estimate import run_estimate

        codes = self.members(members, require_contiguous)
        return run_estimate(
            self,
            self._a,
            codes,
            self.taakvelden(taakvelden),
            self.form(vorm),
            draws,
            seed,
            self.existing if existing is None else tuple(existing),
        )

    def draw_indices(self, draws: int, rng: np.random.Generator) -> np.ndarray | None:
        """Which precomputed bootstrap draws an estimate uses: all of them (None) when ``draws``
        equals the number precomputed, else a sample shared by every taakveld, so the joint
        uncertainty over taakvelden stays that of one resample of gemeenten."""
        pool = self._a.draws.shape[1]
        if draws == pool or pool == 0:
            return None
        return np.asarray(rng.choice(pool, size=draws, replace=draws > pool))

    def sample_coefficients(self, t: int, pick: np.ndarray | None) -> np.ndarray:
        """Bootstrap coefficient pairs (b1, b2) of taakveld column ``t`` for ``pick``."""
        pool: np.ndarray = self._a.draws[t]
        return pool if pick is None else np.asarray(pool[pick])

    def literature_draws(self, t: int, draws: int, rng: np.random.Generator) -> np.ndarray:
        """``draws`` draws of the literature saving rate of taakveld column ``t``."""
        return literature_draws(self._a, t, draws, rng)

    def totals(self, members: tuple[str, ...], reeksen: tuple[str, ...]) -> np.ndarray:
        """Current lasten (k€) of the members (rows) on the series (columns)."""
        return np.asarray(
            self._a.lasten[np.ix_(self.row_numbers(members), self._a.columns(reeksen))]
        )
