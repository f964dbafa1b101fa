"""Leave-one-merger-out back-test of the savings modes, with calibrated predictive bands.

For every merger of 2019–2023 (see :mod:`regiokompas.costs.events`) the outcome is the change
in ln(lasten per inwoner) over the taakvelden in scope from merger year − 2 (``basisjaar``) to
the last jaarrekening, net of the mean change of the gemeenten whose territory did not change
(``werkelijk``). Each mode predicts it without looking at that merger:

* ``literature`` (the default mode of the savings engine): the priors' saving on the
  predecessors' cooperable lasten, reach as in the engine, full realisation; prior draws with
  one shared cooperation effect plus a taakveld-specific part (:data:`SHARED_CORRELATION`);
* ``fusie``: the event study's post-merger effect on the total, fitted without that merger;
* ``fitted``: the cross-section scale curve at the combined size (an exploration; fitted on
  2019–2024, so it has seen the merged gemeenten).

A predictive band adds (a) the effect uncertainty of the mode, (b) the outcome noise that
placebo groups of unchanged neighbouring gemeenten (pairs, or triples for mergers of three or
more) show over the same years. One scale factor c per mode widens or narrows every band around
its median: the smallest value on a grid with which ≥ 80% of the held-out predictions contain
the actual change (the narrowest calibrated band; the centres never see their own merger, the
one shared c sees all 17 outcomes). The stricter nested check is reported next to it
(``dekking_genest``): for each held-out merger c is chosen on the other 16 only, with the
split-conformal count ⌈0.8·(n + 1)⌉ and centres fitted without both mergers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata
from itertools import combinations
from pathlib import Path

import numpy as np

from regiokompas import _fitstore
from regiokompas.costs._memo import per_dataset
from regiokompas.costs.events import (
    OUT_OF_SCOPE,
    UnitPanel,
    event_study,
    post_effect,
    unit_panel,
)
from regiokompas.data import Dataset
from regiokompas.i18n import N_
from regiokompas.savings._assumptions import Assumptions, load_assumptions
from regiokompas.savings._base import SHARED_CORRELATION, correlated_normals

__all__ = [
    "BACKTEST_MODES",
    "BACKTEST_SOURCE",
    "COVERAGE_TARGET",
    "SHARED_CORRELATION",
    "Backtest",
    "BacktestRow",
    "backtest",
    "correlated_normals",
    "uitleg",
]

#: The source of the back-test (``Backtest.bron``); shown in another language via ``refill``.
BACKTEST_SOURCE = N_(
    "CBS Iv3 jaarrekening {van}–{tot}, CBS bevolking, CBS Gebiedsindelingen; terugtoets "
    "Regiokompas (laat-één-fusie-weg)"
)

#: Modes the back-test evaluates; the first is the savings engine's default.
BACKTEST_MODES: tuple[str, ...] = ("literature", "fusie", "fitted")
#: Required share of held-out mergers inside P10–P90.
COVERAGE_TARGET = 0.80

_DRAWS = 4000
_SEED = 20240101
_GRID = np.round(np.arange(0.30, 3.001, 0.01), 2)
_MAX_PLACEBO = 3000
_Z90 = 1.2815515655446004


@dataclass(frozen=True)
class BacktestRow:
    """One held-out merger; p10/p50/p90 and werkelijk in log points (−0.05 ≈ 5% lower)."""

    gemeente: str
    naam: str
    fusiejaar: int
    voorgangers: tuple[str, ...]
    p10: float
    p50: float
    p90: float
    werkelijk: float
    basisjaar: int
    laatste_jaar: int

    @property
    def binnen(self) -> bool:
        """True when the actual change lies inside P10–P90."""
        return self.p10 <= self.werkelijk <= self.p90

    @property
    def breedte(self) -> float:
        """P90 − P10."""
        return self.p90 - self.p10


@dataclass(frozen=True)
class Backtest:
    """The back-test of one mode: rows, coverage, median width and the calibrated scale."""

    modus: str
    rows: tuple[BacktestRow, ...]
    dekking: float
    mediane_breedte: float
    schaal: float
    ruis_breedte: float
    dekking_genest: float
    breedte_genest: float
    bron: str
    per_modus: dict[str, tuple[float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Case:
    code: str
    naam: str
    jaar: int
    voorgangers: tuple[str, ...]
    basis: int
    actual: float
    noise: np.ndarray


def _scope_table(ds: Dataset) -> tuple[dict[tuple[int, str], dict[str, float]], list[str]]:
    lasten = ds.lasten_reeks
    jr = lasten[(lasten["document"] == "jaarrekening") & ~lasten["reeks"].isin(OUT_OF_SCOPE)]
    table = jr.pivot_table(
        index=["jaar", "gm_code"], columns="reeks", values="lasten_keur", aggfunc="sum"
    ).fillna(0.0)
    reeksen = [str(c) for c in table.columns]
    return {
        (int(j), str(g)): dict(zip(reeksen, row, strict=True))
        for (j, g), row in zip(table.index, table.to_numpy(dtype=float), strict=True)
    }, reeksen


def _change(panel: UnitPanel, units: list[str], b: int, last: int) -> float:
    f = panel.frame.set_index(["unit", "jaar"])
    pre = f.loc[[(u, b) for u in units]]
    post = f.loc[[(u, last) for u in units]]
    return float(
        np.log(post["totaal"].sum() / post["inwoners"].sum())
        - np.log(pre["totaal"].sum() / pre["inwoners"].sum())
    )


def _placebo(ds: Dataset, panel: UnitPanel, b: int, last: int, size: int) -> np.ndarray:
    """Deviations of placebo groups of ``size`` unchanged neighbours from the mean change."""
    f = panel.frame
    have = set(f.loc[f["jaar"] == b, "unit"]) & set(f.loc[f["jaar"] == last, "unit"])
    units = sorted(panel.stable & have)
    idx = f.set_index(["unit", "jaar"])
    tot_b = idx.loc[[(u, b) for u in units], ["totaal", "inwoners"]].to_numpy(dtype=float)
    tot_l = idx.loc[[(u, last) for u in units], ["totaal", "inwoners"]].to_numpy(dtype=float)
    single = np.log(tot_l[:, 0] / tot_l[:, 1]) - np.log(tot_b[:, 0] / tot_b[:, 1])
    control = float(single.mean())
    pos = {u: i for i, u in enumerate(units)}
    groups: set[tuple[int, ...]] = set()
    near = {u: {n.code for n in ds.graph.neighbours(u)} for u in units}
    for u in units:
        for v in near[u]:
            if v not in pos:
                continue
            if size == 2:
                groups.add(tuple(sorted((pos[u], pos[v]))))
                continue
            for w in near[u] | near.get(v, set()):
                if w in pos and w not in (u, v):
                    groups.add(tuple(sorted((pos[u], pos[v], pos[w]))))
    ordered = np.array(sorted(groups), dtype=np.int64)
    if len(ordered) > _MAX_PLACEBO:
        pick = np.random.default_rng(_SEED + 100 * size + b).choice(
            len(ordered), _MAX_PLACEBO, replace=False
        )
        ordered = ordered[np.sort(pick)]
    pre = tot_b[ordered].sum(axis=1)
    post = tot_l[ordered].sum(axis=1)
    dev = np.log(post[:, 0] / post[:, 1]) - np.log(pre[:, 0] / pre[:, 1]) - control
    return np.asarray(dev - np.median(dev))


def _cases(ds: Dataset, panel: UnitPanel) -> list[_Case]:
    last = panel.years[-1]
    f = panel.frame
    out = []
    for code, (jaar, voorgangers, naam) in sorted(panel.mergers.items(), key=lambda x: x[1][0]):
        b = jaar - 2
        rows = f[(f["unit"] == code) & f["jaar"].isin([b, last])]
        if len(rows) != 2:
            continue
        have = set(f.loc[f["jaar"] == b, "unit"]) & set(f.loc[f["jaar"] == last, "unit"])
        stable = sorted(panel.stable & have)
        pre = f[(f["jaar"] == b) & f["unit"].isin(stable)].set_index("unit")
        post = f[(f["jaar"] == last) & f["unit"].isin(stable)].set_index("unit").loc[pre.index]
        control = float(
            np.mean(
                np.log(post["totaal"] / post["inwoners"]) - np.log(pre["totaal"] / pre["inwoners"])
            )
        )
        actual = _change(panel, [code], b, last) - control
        noise = _placebo(ds, panel, b, last, 2 if len(voorgangers) == 2 else 3)
        out.append(_Case(code, naam, jaar, voorgangers, b, actual, noise))
    return out


def _literature_effect(
    ds: Dataset, case: _Case, table: dict[tuple[int, str], dict[str, float]], a: Assumptions
) -> np.ndarray:
    """Draws of ln(1 − saving share) for the merged predecessors under the priors."""
    inw = ds.inwoners_in(case.basis)
    own = np.array([float(inw[g]) for g in case.voorgangers])
    total = own.sum()
    reeksen = [r for r in a.priors if r not in OUT_OF_SCOPE]
    lasten = np.array(
        [[table.get((case.basis, g), {}).get(r, 0.0) for r in reeksen] for g in case.voorgangers]
    )
    scope = float(
        np.array([sum(table.get((case.basis, g), {}).values()) for g in case.voorgangers]).sum()
    )
    pri = [a.priors[r] for r in reeksen]
    deel = np.array([p.deelbaar_aandeel for p in pri])
    cap = np.array(
        [np.inf if p.schaalgrens_inwoners is None else p.schaalgrens_inwoners for p in pri]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.log(np.minimum(total, cap)[None, :] / own[:, None]) / np.log(
            cap[None, :] / own[:, None]
        )
    reach = np.where(
        np.isfinite(cap)[None, :],
        np.where(own[:, None] < cap[None, :], np.clip(np.nan_to_num(reach), 0.0, 1.0), 0.0),
        1.0,
    )
    weight = (np.maximum(lasten, 0.0) * deel[None, :] * reach).sum(axis=0)  # per taakveld
    p10, p50, p90 = (
        np.array([getattr(p, f"besparing_{q}") for p in pri]) for q in ("p10", "p50", "p90")
    )
    z = correlated_normals(_DRAWS, len(pri), SHARED_CORRELATION, np.random.default_rng(_SEED))
    rate = p50 + np.where(z > 0, z * (p90 - p50), z * (p50 - p10)) / _Z90
    share = (rate * weight[None, :]).sum(axis=1) / scope
    return np.asarray(np.log(np.clip(1.0 - share, 1e-6, None)))


def _fitted_effect(ds: Dataset, case: _Case) -> np.ndarray:
    from regiokompas.costs import CostModel

    model = CostModel.from_dataset(ds)
    table, _ = _scope_table(ds)
    inw = ds.inwoners_in(case.basis)
    own = np.array([float(inw[g]) for g in case.voorgangers])
    combined = np.full_like(own, own.sum())
    num = np.zeros(model.draws)
    den = 0.0
    for g_i, g in enumerate(case.voorgangers):
        row = table.get((case.basis, g), {})
        for reeks, value in row.items():
            if value <= 0:
                continue
            den += value
            fit = model.fits.get(reeks)
            if fit is None:
                num += value
                continue
            ratio = np.exp(fit.log_ratio(own[g_i : g_i + 1], combined[:1], draws=True))[:, 0]
            num += value * ratio
    return np.asarray(np.log(num / den))


def _band(center: np.ndarray, noise: np.ndarray, seed: int) -> tuple[float, float, float]:
    """(median, lower and upper offset of P10/P90) of effect draws plus resampled noise."""
    rng = np.random.default_rng(seed)
    total = rng.choice(center, _DRAWS) + rng.choice(noise, _DRAWS)
    p10, p50, p90 = np.percentile(total, [10, 50, 90])
    return float(p50), float(p10 - p50), float(p90 - p50)


def _smallest_scale(
    bands: list[tuple[float, float, float]], actual: list[float], conformal: bool
) -> float:
    """The smallest scale with which ⌈0.8·n⌉ of n cases fall inside their bands; with
    ``conformal`` the split-conformal count ⌈0.8·(n + 1)⌉, so that a new case is covered with
    probability ≥ 0.8 (Vovk, Gammerman & Shafer 2005; Lei et al. 2018)."""
    n = len(actual) + (1 if conformal else 0)
    need = min(len(actual), int(np.ceil(COVERAGE_TARGET * n - 1e-9)))
    for c in _GRID:
        inside = sum(
            m + c * lo <= y <= m + c * hi for (m, lo, hi), y in zip(bands, actual, strict=True)
        )
        if inside >= need:
            return float(c)
    return float(_GRID[-1])


def _run(ds: Dataset, mode: str) -> Backtest:
    panel = unit_panel(ds)
    cases = _cases(ds, panel)
    last = panel.years[-1]
    codes = [c.code for c in cases]
    shift: dict[frozenset[str], float] = {}
    if mode == "fusie":
        full_se = _full_se(ds)
        for i, j in combinations(codes, 2):
            shift[frozenset((i, j))] = post_effect(panel, "totaal", frozenset((i, j)))
        for i in codes:
            shift[frozenset((i,))] = post_effect(panel, "totaal", frozenset((i,)))
    table, _ = _scope_table(ds)
    assumptions = load_assumptions()
    effect: dict[str, np.ndarray] = {}
    for n, case in enumerate(cases):
        if mode == "literature":
            effect[case.code] = _literature_effect(ds, case, table, assumptions)
        elif mode == "fitted":
            effect[case.code] = _fitted_effect(ds, case)
        else:
            effect[case.code] = np.random.default_rng(_SEED + n).standard_normal(_DRAWS) * full_se

    def band(case: _Case, without: frozenset[str]) -> tuple[float, float, float]:
        centre = effect[case.code]
        if mode == "fusie":
            centre = centre + shift[without | {case.code}]
        return _band(centre, case.noise, _SEED + codes.index(case.code))

    all_bands = [band(c, frozenset()) for c in cases]
    actual = [c.actual for c in cases]
    scale = _smallest_scale(all_bands, actual, conformal=False)
    rows = tuple(
        BacktestRow(
            gemeente=case.code,
            naam=case.naam,
            fusiejaar=case.jaar,
            voorgangers=case.voorgangers,
            p10=m + scale * lo,
            p50=m,
            p90=m + scale * hi,
            werkelijk=case.actual,
            basisjaar=case.basis,
            laatste_jaar=last,
        )
        for case, (m, lo, hi) in zip(cases, all_bands, strict=True)
    )
    # The strict check: c chosen without the held-out merger (nested, conformal count).
    nested_in, nested_width = [], []
    for case, (m, lo, hi) in zip(cases, all_bands, strict=True):
        others = [c for c in cases if c is not case]
        inner = [band(o, frozenset((case.code,))) for o in others]
        c = _smallest_scale(inner, [o.actual for o in others], conformal=True)
        nested_in.append(m + c * lo <= case.actual <= m + c * hi)
        nested_width.append(c * (hi - lo))
    noise_width = float(
        np.median([np.percentile(c.noise, 90) - np.percentile(c.noise, 10) for c in cases])
    )
    return Backtest(
        modus=mode,
        rows=rows,
        dekking=float(np.mean([r.binnen for r in rows])),
        mediane_breedte=float(np.median([r.breedte for r in rows])),
        schaal=scale,
        ruis_breedte=noise_width,
        dekking_genest=float(np.mean(nested_in)),
        breedte_genest=float(np.median(nested_width)),
        bron=BACKTEST_SOURCE.format(van=panel.years[0], tot=last),
    )


def _full_se(ds: Dataset) -> float:
    return float(event_study(ds).group("totaal").post_se)


#: Bumped by hand when the meaning of a stored back-test changes without its code changing.
BACKTEST_VERSION = 1

#: The modules whose source determines the back-test (besides the event study's).
_CODE = (
    "regiokompas.savings.backtest",
    "regiokompas.savings._assumptions",
    "regiokompas.savings._base",
    "regiokompas.costs.events",
    "regiokompas.costs.validation",
    "regiokompas.costs.model",
    "regiokompas.costs._ols",
    "regiokompas.costs._panel",
)


@per_dataset
def _all(ds: Dataset) -> dict[str, Backtest]:
    """Every mode's back-test: computed once per data bundle, code and packaged assumptions
    and kept in the fit store (:mod:`regiokompas._fitstore`), then cached per dataset."""
    key = _fitstore.content_hash(
        {
            "model": "backtest",
            "version": BACKTEST_VERSION,
            "code": _fitstore.code_fingerprint(_CODE),
            "assumptions": _fitstore.files_fingerprint(Path(__file__).parent.glob("*.csv")),
            "bundle": _fitstore.dataset_fingerprint(ds),
            "numpy": np.__version__,
            "statsmodels": metadata.version("statsmodels"),
        }
    )
    arrays = _fitstore.load_or_compute("backtest", key, lambda: _fitstore.encode(_compute_all(ds)))
    result = _fitstore.decode(arrays, (Backtest, BacktestRow))
    if not isinstance(result, dict) or not all(isinstance(b, Backtest) for b in result.values()):
        raise _fitstore.StaleFitError("stored back-test has the wrong type")
    return result


def _compute_all(ds: Dataset) -> dict[str, Backtest]:
    runs = {m: _run(ds, m) for m in BACKTEST_MODES}
    summary = {m: (b.dekking, b.mediane_breedte) for m, b in runs.items()}
    return {
        m: Backtest(
            b.modus,
            b.rows,
            b.dekking,
            b.mediane_breedte,
            b.schaal,
            b.ruis_breedte,
            b.dekking_genest,
            b.breedte_genest,
            b.bron,
            summary,
        )
        for m, b in runs.items()
    }


def backtest(ds: Dataset, mode: str = "literature") -> Backtest:
    """The leave-one-merger-out back-test of ``mode`` (see :data:`BACKTEST_MODES`), with the
    coverage and median width of every mode in ``per_modus``. Deterministic; cached per
    dataset.
    """
    runs = _all(ds)
    if mode not in runs:
        raise KeyError(mode)
    return runs[mode]


def uitleg(bt: Backtest, lang: str = "nl") -> tuple[str, ...]:
    """What the back-test means for a reader, in plain words (Dutch, or English with
    ``lang='en'``); the page and the chapter appendix both show these paragraphs."""
    n = len(bt.rows)
    inside = sum(r.binnen for r in bt.rows)
    width = round(100 * bt.mediane_breedte)
    nested = round(100 * bt.dekking_genest)
    nested_width = round(100 * bt.breedte_genest)
    first = min(r.fusiejaar for r in bt.rows)
    last = max(r.fusiejaar for r in bt.rows)
    if lang == "en":
        return (
            f"We tested the savings model on the {n} municipal mergers of {first}–{last}: for "
            "each merger we predicted, without looking at it, how much the spending per "
            "inhabitant would change, and compared that with what really happened.",
            f"The real change fell inside the predicted band (P10–P90) in {inside} of {n} "
            f"mergers ({round(100 * bt.dekking)}%). A typical band is {width} percentage points "
            "wide: a group of municipalities changes that much over a few years even without any "
            "cooperation, so no honest forecast can be narrower.",
            f"Stricter, with the band's width also chosen without the merger being predicted: "
            f"{nested}% inside at a width of {nested_width} points.",
            "What it means: a saving smaller than this noise cannot be seen in the accounts "
            "afterwards. Regiokompas therefore only says 'saving' when even the pessimistic "
            "case (P10 of the 10-year net present value, all costs included) is above zero.",
        )
    return (
        f"We hebben het besparingsmodel getoetst op de {n} gemeentelijke fusies van "
        f"{first}–{last}: voor elke fusie voorspelden we, zonder naar die fusie te kijken, hoeveel "
        "de lasten per inwoner zouden veranderen, en vergeleken dat met wat er echt gebeurde.",
        f"De werkelijke verandering viel in {inside} van de {n} fusies "
        f"({round(100 * bt.dekking)}%) binnen de voorspelde bandbreedte (P10–P90). Een "
        f"gewone bandbreedte is {width} procentpunt breed: zoveel verandert een groep "
        "gemeenten in een paar jaar ook zonder samenwerking, dus smaller kan een eerlijke "
        "voorspelling niet zijn.",
        f"Strenger, met ook de breedte gekozen zonder de voorspelde fusie: {nested}% binnen bij "
        f"een breedte van {nested_width} punten.",
        "Wat dit betekent: een besparing die kleiner is dan deze ruis, zie je achteraf niet "
        "terug in de jaarrekening. Regiokompas zegt daarom alleen 'besparing' als zelfs het "
        "sombere geval (P10 van de contante waarde over tien jaar, alle kosten inbegrepen) "
        "boven nul ligt.",
    )
