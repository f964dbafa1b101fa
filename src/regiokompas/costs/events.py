"""Event study of the municipal mergers of 2019–2023: what amalgamation did to lasten.

The one natural experiment in the data. Each 2023 gemeente is a unit with one territory over
the jaarrekening years (a merged gemeente's years before the merger are the sum of its
predecessors, as in Allers & Geertsema 2016). Per taakveld group g::

    ln(lasten_g per inwoner)_it = α_i + λ_t + Σ_k β_k·1[t − fusiejaar_i ∈ k] + ε_it

with gemeente (α) and year (λ) fixed effects, the gemeenten whose territory did not change as
controls, event-time dummies k ∈ {≤ −3, −1, 0, ≥ 1} and baseline merger year − 2 (the year
before the merger carries one-off merger costs, e.g. under 0.1 Bestuur), and standard errors
clustered by gemeente (statsmodels OLS, cluster-robust CR1 after absorbing the gemeente
effects by within-demeaning, which Frisch–Waugh–Lovell makes exact). ``post`` (β for k ≥ 1)
is the merger effect. Mergers of 2018 have no jaarrekening two years before (the bundle starts
in 2017) and are left out, neither treated nor control.

Everything is a deterministic function of the Dataset, returned as plain data and cached per
process.

>>> from regiokompas.data import load_dataset
>>> study = event_study(load_dataset())
>>> study.groups[-1].groep
'totaal'
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib import metadata

import numpy as np
import pandas as pd

from regiokompas import _fitstore
from regiokompas.costs._memo import per_dataset
from regiokompas.costs.validation import merger_cases
from regiokompas.data import Dataset
from regiokompas.i18n import N_

__all__ = [
    "EVENT_SOURCE",
    "EVENT_TERMS",
    "GROUPS",
    "OUT_OF_SCOPE",
    "EventStudy",
    "GroupEffect",
    "UnitPanel",
    "event_study",
    "fit_event_study",
    "post_effect",
    "taakveld_group",
    "unit_panel",
]

#: The source of the event study (``EventStudy.bron``); shown in another language via ``refill``.
EVENT_SOURCE = N_(
    "CBS Iv3 jaarrekening {van}–{tot}, CBS bevolking, CBS Gebiedsindelingen (historische codes)"
)

#: Series outside the scope of cooperation (financing, bookkeeping and land development; the
#: savings priors give them no cooperable share): left out of every group and the total.
OUT_OF_SCOPE: frozenset[str] = frozenset({"0.5", "0.7", "0.8", "0.9", "8.2"})

#: Taakveld groups (Iv3 hoofdtaakvelden, BBV; taakveld 0 split into its cooperable parts).
GROUPS: dict[str, str] = {
    "0.1": "Bestuur",
    "0.2": "Burgerzaken",
    "0.3": "Beheer overige gebouwen en gronden",
    "0.4": "Overhead",
    "0.6": "Belastingen en heffingen",
    "1": "Veiligheid",
    "2": "Verkeer, vervoer en waterstaat",
    "3": "Economie",
    "4": "Onderwijs",
    "5": "Sport, cultuur en recreatie",
    "6": "Sociaal domein",
    "7": "Volksgezondheid en milieu",
    "8": "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing",
    "totaal": N_("Alle deelbare taakvelden"),
}

#: Event-time terms; baseline (left out) is merger year − 2.
EVENT_TERMS: tuple[str, ...] = ("lead_3plus", "lead_1", "fusiejaar", "post")

_BASE_LAG = 2


def taakveld_group(reeks: str) -> str | None:
    """The group of a taakveld series, None when out of scope.

    >>> taakveld_group("0.61"), taakveld_group("6.7"), taakveld_group("0.8")
    ('0.6', '6', None)
    """
    if reeks in OUT_OF_SCOPE:
        return None
    if reeks.startswith("0."):
        key = reeks[:3]
        return key if key in GROUPS else None
    head = reeks.split(".")[0]
    return head if head in GROUPS else None


@dataclass(frozen=True, eq=False)
class UnitPanel:
    """Jaarrekening lasten per 2023 territory (unit), year and taakveld group.

    ``frame``: unit, jaar, inwoners and one lasten column (k€) per group key (plus 'totaal').
    ``mergers``: unit → (fusiejaar, predecessor codes) for the mergers in the study.
    ``stable``: units whose territory did not change over the years of the panel.
    """

    frame: pd.DataFrame
    years: tuple[int, ...]
    mergers: dict[str, tuple[int, tuple[str, ...], str]]
    stable: frozenset[str]


@per_dataset
def unit_panel(ds: Dataset) -> UnitPanel:
    """The panel of 2023 territories; merged units summed over their predecessors."""
    lasten = ds.lasten_reeks
    jr = lasten[lasten["document"] == "jaarrekening"].copy()
    jr["groep"] = jr["reeks"].map(taakveld_group)
    jr = jr[jr["groep"].notna()]
    years = tuple(sorted(int(y) for y in jr["jaar"].unique()))
    hist = ds.historische_codes
    codes_2023 = ds.gemeenten["gm_code"].to_numpy()
    maps = []
    changed: set[str] = set()
    split_units: set[str] = set()
    for year in years:
        if year >= 2023:
            maps.append(pd.DataFrame({"jaar": year, "gm_code": codes_2023, "unit": codes_2023}))
            continue
        rows = hist[hist["jaar"] == year]
        split = rows.groupby("gm_code")["gm_code_2023"].transform("size") > 1
        # A unit that received part of a split gemeente has no consistent territory before.
        split_units |= set(rows.loc[split, "gm_code_2023"])
        whole = rows[~split]
        multi = whole.groupby("gm_code_2023")["gm_code"].transform("size") > 1
        changed |= set(whole.loc[multi, "gm_code_2023"])
        maps.append(
            pd.DataFrame(
                {
                    "jaar": year,
                    "gm_code": whole["gm_code"].to_numpy(),
                    "unit": whole["gm_code_2023"],
                }
            )
        )
    territory = pd.concat(maps, ignore_index=True)
    cases = {
        c.code: (c.jaar, c.voorgangers, c.naam)
        for c in merger_cases(ds)
        if c.jaar - _BASE_LAG >= years[0] and c.code not in split_units
    }
    # Units with another territory change in the panel years (2018 mergers, splits, mergers
    # outside the clean list) are neither treated nor controls.
    drop = (changed | split_units) - set(cases)
    wide = jr.pivot_table(
        index=["jaar", "gm_code"], columns="groep", values="lasten_keur", aggfunc="sum"
    ).fillna(0.0)
    wide["totaal"] = wide.sum(axis=1)
    wide = wide.reset_index().merge(territory, on=["jaar", "gm_code"], how="inner")
    people = ds.inwoners[["jaar", "gm_code", "inwoners"]]
    wide = wide.merge(people, on=["jaar", "gm_code"], how="inner")
    cols = [g for g in GROUPS if g in wide.columns]
    frame = wide.groupby(["unit", "jaar"], as_index=False)[[*cols, "inwoners"]].sum()
    # A total of zero is a jaarrekening missing from the source (e.g. GM1961 in 2023).
    frame = frame[~frame["unit"].isin(drop) & (frame["inwoners"] > 0) & (frame["totaal"] > 0)]
    # A merged unit needs every predecessor in a pre-merger year; an incomplete sum is dropped.
    counts = wide.groupby(["unit", "jaar"]).size().rename("n").reset_index()
    frame = frame.merge(counts, on=["unit", "jaar"])
    expected = frame.apply(
        lambda r: (
            len(cases[r["unit"]][1])
            if r["unit"] in cases and r["jaar"] < cases[r["unit"]][0]
            else 1
        ),
        axis=1,
    )
    frame = frame[frame["n"] == expected].drop(columns="n").reset_index(drop=True)
    stable = frozenset(set(frame["unit"]) - set(cases))
    return UnitPanel(frame=frame, years=years, mergers=cases, stable=stable)


@dataclass(frozen=True)
class GroupEffect:
    """Event-study coefficients of one taakveld group (log points; −0.05 ≈ 5% lower lasten).

    ``coef``/``se`` per :data:`EVENT_TERMS`; ``post`` with its 90% interval (P5–P95 of the
    normal approximation with cluster-robust errors).
    """

    groep: str
    omschrijving: str
    coef: dict[str, float]
    se: dict[str, float]
    post: float
    post_se: float
    post_low: float
    post_high: float
    n: int
    gemeenten: int
    fusies: int


@dataclass(frozen=True)
class EventStudy:
    """The merger event study: one :class:`GroupEffect` per group, 'totaal' last."""

    groups: tuple[GroupEffect, ...]
    fusies: tuple[str, ...]
    jaren: tuple[int, ...]
    bron: str

    def group(self, key: str) -> GroupEffect:
        """The effect of one group key (see :data:`GROUPS`)."""
        for g in self.groups:
            if g.groep == key:
                return g
        raise KeyError(key)


def _design(
    panel: UnitPanel, group: str, exclude: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(y, X, clusters, names) after absorbing unit effects by within-demeaning."""
    f = panel.frame
    f = f[~f["unit"].isin(exclude) & (f[group] > 0)]
    unit = f["unit"].to_numpy()
    jaar = f["jaar"].to_numpy()
    y = np.log(f[group].to_numpy(dtype=float) * 1000.0 / f["inwoners"].to_numpy(dtype=float))
    fusiejaar = np.array([panel.mergers.get(u, (np.nan,))[0] for u in unit], dtype=float)
    k = jaar - fusiejaar
    treated = ~np.isnan(fusiejaar)
    cols = [
        treated & (k <= -3),
        treated & (k == -1),
        treated & (k == 0),
        treated & (k >= 1),
    ]
    names = list(EVENT_TERMS)
    for year in panel.years[1:]:
        cols.append(jaar == year)
        names.append(f"jaar_{year}")
    x = np.column_stack(cols).astype(float)
    data = pd.DataFrame(x, columns=names).assign(y=y, unit=unit)
    demeaned = data[[*names, "y"]] - data.groupby("unit")[[*names, "y"]].transform("mean")
    xd = demeaned[names].to_numpy()
    keep = np.abs(xd).sum(axis=0) > 1e-12
    return (
        demeaned["y"].to_numpy(),
        xd[:, keep],
        unit,
        [n for n, k_ in zip(names, keep, strict=True) if k_],
    )


def fit_event_study(
    panel: UnitPanel, group: str, exclude: frozenset[str] = frozenset()
) -> tuple[dict[str, float], dict[str, float], int, int]:
    """(coef, se, n, clusters) of one group, leaving the units in ``exclude`` out.

    OLS with standard errors clustered by unit (statsmodels); gemeente effects absorbed.
    """
    import statsmodels.api as sm

    y, x, unit, names = _design(panel, group, exclude)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels notes on small cluster counts
        result = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(unit)[0]})
    coef = dict(zip(names, (float(b) for b in result.params), strict=True))
    se = dict(zip(names, (float(s) for s in result.bse), strict=True))
    return coef, se, len(y), len(set(unit))


def post_effect(panel: UnitPanel, group: str, exclude: frozenset[str] = frozenset()) -> float:
    """Point estimate of the post-merger effect of ``group`` without the units in
    ``exclude`` (least squares only; for the many refits of the leave-one-out back-test)."""
    y, x, _, names = _design(panel, group, exclude)
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    return float(beta[names.index("post")])


_Z95 = 1.6448536269514722


#: Bumped by hand when the meaning of a stored event study changes without its code changing.
EVENT_STUDY_VERSION = 1


@per_dataset
def event_study(ds: Dataset) -> EventStudy:
    """The event study on every group of :data:`GROUPS`: fitted once per data bundle and code
    version and kept in the fit store (:mod:`regiokompas._fitstore`), then cached per dataset."""
    key = _fitstore.content_hash(
        {
            "model": "eventstudy",
            "version": EVENT_STUDY_VERSION,
            "code": _fitstore.code_fingerprint(("regiokompas.costs.events",)),
            "bundle": _fitstore.dataset_fingerprint(ds),
            "numpy": np.__version__,
            "statsmodels": metadata.version("statsmodels"),
        }
    )
    arrays = _fitstore.load_or_compute(
        "eventstudy", key, lambda: _fitstore.encode(_fit_all_groups(ds))
    )
    result = _fitstore.decode(arrays, (EventStudy, GroupEffect))
    if not isinstance(result, EventStudy):
        raise _fitstore.StaleFitError("stored event study has the wrong type")
    return result


def _fit_all_groups(ds: Dataset) -> EventStudy:
    panel = unit_panel(ds)
    out = []
    for key, label in GROUPS.items():
        if key not in panel.frame.columns:
            continue
        coef, se, n, clusters = fit_event_study(panel, key)
        post, post_se = coef.get("post", float("nan")), se.get("post", float("nan"))
        out.append(
            GroupEffect(
                groep=key,
                omschrijving=label,
                coef={t: coef[t] for t in EVENT_TERMS if t in coef},
                se={t: se[t] for t in EVENT_TERMS if t in se},
                post=post,
                post_se=post_se,
                post_low=post - _Z95 * post_se,
                post_high=post + _Z95 * post_se,
                n=n,
                gemeenten=clusters,
                fusies=len(panel.mergers),
            )
        )
    return EventStudy(
        groups=tuple(out),
        fusies=tuple(sorted(panel.mergers)),
        jaren=panel.years,
        bron=EVENT_SOURCE.format(van=panel.years[0], tot=panel.years[-1]),
    )
