"""Validation of the cost model, reported rather than tuned.

1. k-fold cross-validation by gemeente (all years of a gemeente in the same fold): prediction
   error of ln(lasten per inwoner) against a baseline with year means only.
2. Merger back-test: gemeenten that merged on 1 January of 2018–2023 (from the historic code
   mapping): the model's predicted change in lasten per inhabitant from the combined size,
   against the actual change from the last jaarrekening before the merger to the 2024
   jaarrekening, net of the national change in lasten per inhabitant over the same years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas.costs._panel import build_panel, design_matrix
from regiokompas.costs.model import CostModel
from regiokompas.data import Dataset

__all__ = [
    "CvResult",
    "MergerCase",
    "backtest_per_merger",
    "cross_validate",
    "merger_backtest",
    "merger_cases",
    "summarise_backtest",
]


@dataclass(frozen=True)
class CvResult:
    """Out-of-sample error per taakveld (log points; 0.10 ≈ 10% off)."""

    reeks: str
    n: int
    rmse_model: float
    rmse_baseline: float
    mediane_fout_pct: float

    @property
    def verbetering_pct(self) -> float:
        """How much smaller the model's RMSE is than the baseline's, in percent."""
        return 100.0 * (1.0 - self.rmse_model / self.rmse_baseline)


def cross_validate(ds: Dataset, model: CostModel, folds: int = 5, seed: int = 7) -> list[CvResult]:
    """k-fold CV by gemeente for every fitted taakveld of ``model``."""
    panel = build_panel(ds, model.years)
    x, _ = design_matrix(panel.rows, panel.years, panel.control_means)
    base_cols = [0] + [i for i in range(x.shape[1]) if i >= x.shape[1] - (len(panel.years) - 1)]
    rng = np.random.default_rng(seed)
    clusters = np.array(sorted(set(panel.rows["cluster"])))
    fold_of = dict(zip(clusters, rng.permutation(len(clusters)) % folds, strict=True))
    fold = panel.rows["cluster"].map(fold_of).to_numpy()
    reeks = panel.rows["reeks"].to_numpy()
    keur = panel.rows["lasten_keur"].to_numpy(dtype=float)
    inw = panel.rows["inwoners"].to_numpy(dtype=float)
    out = []
    for code in model.taakvelden:
        hit = (reeks == code) & (keur > 0)
        xs, y, f = x[hit], np.log(keur[hit] * 1000 / inw[hit]), fold[hit]
        err_m = np.empty(len(y))
        err_b = np.empty(len(y))
        for k in range(folds):
            test = f == k
            for cols, err in ((slice(None), err_m), (base_cols, err_b)):
                xt = xs[~test][:, cols]
                beta = np.linalg.solve(xt.T @ xt, xt.T @ y[~test])
                err[test] = y[test] - xs[test][:, cols] @ beta
        out.append(
            CvResult(
                reeks=code,
                n=int(hit.sum()),
                rmse_model=float(np.sqrt(np.mean(err_m**2))),
                rmse_baseline=float(np.sqrt(np.mean(err_b**2))),
                mediane_fout_pct=float(100 * np.median(np.abs(np.exp(-err_m) - 1))),
            )
        )
    return out


@dataclass(frozen=True)
class MergerCase:
    """One merger: successor (2023 code), year, predecessors with their inhabitants."""

    code: str
    naam: str
    jaar: int
    voorgangers: tuple[str, ...]
    inwoners: tuple[float, ...]


def merger_cases(ds: Dataset, years: range = range(2018, 2024)) -> list[MergerCase]:
    """Mergers of whole gemeenten that took effect on 1 January of ``years``, whose result kept
    its territory up to 2023 (splits and later re-mergers are left out)."""
    hist = ds.historische_codes
    names = ds.gemeenten.set_index("gm_code")["naam"]

    cache: dict[int, dict[str, set[str]]] = {}

    def composition(year: int) -> dict[str, set[str]]:
        if year not in cache:
            cache[year] = _composition(year)
        return cache[year]

    def _composition(year: int) -> dict[str, set[str]]:
        if year >= 2023:
            return {c: {c} for c in ds.gemeenten["gm_code"]}
        rows = hist[hist["jaar"] == year]
        whole = rows.groupby("gm_code")["gm_code_2023"].transform("size") == 1
        comp: dict[str, set[str]] = {}
        for row, ok in zip(rows.itertuples(index=False), whole, strict=True):
            comp.setdefault(row.gm_code_2023, set()).add(row.gm_code if ok else "*split*")
        return comp

    cases = []
    for year in years:
        before, after = composition(year - 1), composition(year)
        inw = ds.inwoners_in(year - 1)
        for successor, parts in before.items():
            if len(parts) < 2 or "*split*" in parts or len(after.get(successor, ())) != 1:
                continue
            if any(len(composition(y).get(successor, ())) != 1 for y in range(year, 2023)):
                continue
            members = tuple(sorted(parts))
            cases.append(
                MergerCase(
                    successor,
                    str(names[successor]),
                    year,
                    members,
                    tuple(float(inw[m]) for m in members),
                )
            )
    return cases


def merger_backtest(ds: Dataset, model: CostModel, post_year: int = 2024) -> pd.DataFrame:
    """Predicted versus actual change of ln(lasten per inwoner) per merger and taakveld.

    Columns: code, naam, jaar, reeks, voorspeld, werkelijk (both in log points, net of the
    national change), lasten_voor (k€). Density and other controls are held at each
    predecessor's own value; the model is fitted on 2019–2024, so it has seen the merged
    gemeenten afterwards (it is a check of the scale curve, not a forecast made in advance).
    """
    lasten = ds.lasten_reeks
    jr = lasten[lasten["document"] == "jaarrekening"]
    table = jr.pivot_table(
        index=["jaar", "gm_code"], columns="reeks", values="lasten_keur", aggfunc="sum"
    ).fillna(0.0)
    national = table.groupby(level="jaar").sum()
    people = ds.inwoners.groupby("jaar")["inwoners"].sum()
    rows = []
    post_inw = ds.inwoners_in(post_year)
    for case in merger_cases(ds):
        pre_year = case.jaar - 1
        pre = table.loc[pre_year].reindex(list(case.voorgangers)).fillna(0.0)
        post = table.loc[post_year].loc[case.code]
        n_pre = float(sum(case.inwoners))
        for reeks, fit in model.fits.items():
            costs = pre[reeks].to_numpy(dtype=float) if reeks in pre else np.zeros(0)
            if (
                len(costs) == 0
                or costs.sum() <= 0
                or post.get(reeks, 0.0) <= 0
                or (costs < 0).any()
            ):
                continue
            sizes = np.array(case.inwoners)
            ratio = np.exp(fit.log_ratio(sizes, np.full_like(sizes, n_pre)))
            predicted = float(np.log((costs * ratio).sum() / costs.sum()))
            nat = np.log(national.loc[post_year, reeks] / people[post_year]) - np.log(
                national.loc[pre_year, reeks] / people[pre_year]
            )
            actual = float(
                np.log(post[reeks] / post_inw[case.code]) - np.log(costs.sum() / n_pre) - nat
            )
            rows.append(
                (case.code, case.naam, case.jaar, reeks, predicted, actual, float(costs.sum()))
            )
    return pd.DataFrame(
        rows, columns=["code", "naam", "jaar", "reeks", "voorspeld", "werkelijk", "lasten_voor"]
    )


def backtest_per_merger(frame: pd.DataFrame) -> pd.DataFrame:
    """Per merger, over all taakvelden in ``frame``: predicted and actual change of total lasten
    per inhabitant in percent (each taakveld weighted by its lasten before the merger)."""
    w = frame["lasten_voor"]
    parts = frame.assign(p=np.exp(frame["voorspeld"]) * w, a=np.exp(frame["werkelijk"]) * w)
    grouped = parts.groupby(["code", "naam", "jaar"], as_index=False)[
        ["p", "a", "lasten_voor"]
    ].sum()
    grouped["voorspeld_pct"] = 100 * (grouped["p"] / grouped["lasten_voor"] - 1)
    grouped["werkelijk_pct"] = 100 * (grouped["a"] / grouped["lasten_voor"] - 1)
    return (
        grouped[["code", "naam", "jaar", "voorspeld_pct", "werkelijk_pct"]]
        .sort_values(["jaar", "naam"])
        .reset_index(drop=True)
    )


def summarise_backtest(frame: pd.DataFrame) -> dict[str, float]:
    """Summary of the back-test: cost-weighted mean predicted and actual change per taakveld
    (log points × 100), their correlation, and per merger over all taakvelden the mean
    predicted and actual change, mean absolute error and correlation (percent)."""
    w = frame["lasten_voor"].to_numpy()
    pred, act = frame["voorspeld"].to_numpy(), frame["werkelijk"].to_numpy()
    merged = backtest_per_merger(frame)
    tp, ta = merged["voorspeld_pct"].to_numpy(), merged["werkelijk_pct"].to_numpy()
    return {
        "fusies": float(len(merged)),
        "rijen": float(len(frame)),
        "gemiddeld_voorspeld_pct": float(100 * np.average(pred, weights=w)),
        "gemiddeld_werkelijk_pct": float(100 * np.average(act, weights=w)),
        "correlatie_taakvelden": float(np.corrcoef(pred, act)[0, 1]),
        "totaal_voorspeld_pct": float(tp.mean()),
        "totaal_werkelijk_pct": float(ta.mean()),
        "totaal_mae_pct": float(np.mean(np.abs(tp - ta))),
        "totaal_correlatie": float(np.corrcoef(tp, ta)[0, 1]) if len(tp) > 2 else float("nan"),
    }
