"""Editable assumptions: literature priors per taakveld, cooperation forms, tangible units.

The three CSV files ship in this package (``priors_taakvelden.csv``, ``vormen.csv``,
``eenheden.csv``); every row carries a ``bron``. Users can pass their own files with the same
columns, or override single values per taakveld. Values are checked on load.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from regiokompas.savings._errors import AssumptionError
from regiokompas.savings._sources import OWN_INPUT

__all__ = [
    "Assumptions",
    "FormCosts",
    "TaakveldPrior",
    "Unit",
    "load_assumptions",
]

_PRIOR_COLUMNS = (
    "reeks",
    "omschrijving",
    "deelbaar_aandeel",
    "beleidsruimte",
    "besparing_p10",
    "besparing_p50",
    "besparing_p90",
    "aanloop_jaren",
    "aanloopkosten_pct",
    "schaalgrens_inwoners",
    "bron",
)
_FORM_COLUMNS = (
    "vorm",
    "naam",
    "soort",
    "oprichtingskosten_keur",
    "bestuurskosten_keur_per_jaar",
    "kosten_per_lid_keur_per_jaar",
    "uittreedkosten_jaren",
    "autonomieverlies",
    "realisatie",
    "bron",
)
_UNIT_COLUMNS = ("eenheid", "naam", "soort", "kosten_keur", "bron")


@dataclass(frozen=True)
class TaakveldPrior:
    """Literature prior for one taakveld series; fractions are shares (0.15 = 15%)."""

    reeks: str
    omschrijving: str
    deelbaar_aandeel: float
    beleidsruimte: float
    besparing_p10: float
    besparing_p50: float
    besparing_p90: float
    aanloop_jaren: int
    aanloopkosten_pct: float
    schaalgrens_inwoners: float | None
    bron: str


@dataclass(frozen=True)
class FormCosts:
    """Costs and autonomy of one cooperation form; amounts in k€."""

    vorm: str
    naam: str
    soort: str
    oprichtingskosten_keur: float
    bestuurskosten_keur_per_jaar: float
    kosten_per_lid_keur_per_jaar: float
    uittreedkosten_jaren: float
    autonomieverlies: float
    realisatie: float
    bron: str


@dataclass(frozen=True)
class Unit:
    """A tangible thing a saving can buy: ``soort`` is 'eenmalig' (one-off) or 'jaarlijks'."""

    eenheid: str
    naam: str
    soort: str
    kosten_keur: float
    bron: str


@dataclass(frozen=True)
class Assumptions:
    """All editable assumptions of one run."""

    priors: dict[str, TaakveldPrior]
    vormen: dict[str, FormCosts]
    eenheden: dict[str, Unit]

    def with_prior_overrides(self, overrides: Mapping[str, Mapping[str, float]]) -> Assumptions:
        """A copy with single prior values replaced: ``{"0.61": {"besparing_p50": 0.1}}``.

        The key ``"*"`` applies to every taakveld. Overridden rows get 'eigen invoer' as source.
        """
        priors = dict(self.priors)
        for key, values in overrides.items():
            targets = list(priors) if key == "*" else [key]
            for reeks in targets:
                if reeks not in priors:
                    raise AssumptionError(
                        f"Eigen invoer voor onbekend taakveld '{reeks}'.",
                        f"Own numbers for unknown taakveld '{reeks}'.",
                    )
                fields = {}
                for name, value in values.items():
                    if name not in _PRIOR_COLUMNS[2:-1]:
                        options = ", ".join(_PRIOR_COLUMNS[2:-1])
                        raise AssumptionError(
                            f"Onbekende aanname '{name}'; kies uit {options}.",
                            f"Unknown assumption '{name}'; choose from {options}.",
                        )
                    fields[name] = int(value) if name == "aanloop_jaren" else float(value)
                changed = replace(
                    priors[reeks],
                    **fields,  # type: ignore[arg-type]
                    bron=OWN_INPUT.format(velden=", ".join(fields), bron=priors[reeks].bron),
                )
                _check_prior(changed, "eigen invoer")
                priors[reeks] = changed
        return replace(self, priors=priors)


def _read(path: Path | None, default: str, columns: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    if path is None:
        text = (resources.files("regiokompas.savings") / default).read_text(encoding="utf-8")
        label = default
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AssumptionError(
                f"Kan {path} niet lezen ({exc}).", f"Cannot read {path} ({exc})."
            ) from exc
        label = str(path)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype={columns[0]: str}, keep_default_na=False, na_values=[""]
        )
    except (ValueError, pd.errors.ParserError) as exc:
        raise AssumptionError(
            f"{label} is geen geldige CSV ({exc}).", f"{label} is not valid CSV ({exc})."
        ) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AssumptionError(
            f"{label} mist kolommen: {', '.join(missing)}.",
            f"{label} lacks columns: {', '.join(missing)}.",
        )
    if frame[columns[0]].duplicated().any():
        raise AssumptionError(
            f"{label} bevat dubbele regels voor {columns[0]}.",
            f"{label} has duplicate rows for {columns[0]}.",
        )
    empty_source = frame["bron"].isna() | (frame["bron"].astype(str).str.strip() == "")
    if empty_source.any():
        first = frame.loc[empty_source, columns[0]].iloc[0]
        raise AssumptionError(
            f"{label}: regel '{first}' heeft geen bron.",
            f"{label}: row '{first}' has no source (bron).",
        )
    return frame, label


def _number(frame: pd.DataFrame, column: str, label: str) -> np.ndarray:
    try:
        return np.asarray(frame[column].to_numpy(dtype=float))
    except (TypeError, ValueError):
        raise AssumptionError(
            f"{label}: kolom {column} bevat geen getallen.",
            f"{label}: column {column} is not numeric.",
        ) from None


def _check_prior(p: TaakveldPrior, label: str) -> None:
    problems = []
    if not 0.0 <= p.deelbaar_aandeel <= 1.0:
        problems.append("deelbaar_aandeel moet tussen 0 en 1 liggen")
    if not 0.0 <= p.beleidsruimte <= 1.0:
        problems.append("beleidsruimte moet tussen 0 en 1 liggen")
    if not -1.0 < p.besparing_p10 <= p.besparing_p50 <= p.besparing_p90 < 1.0:
        problems.append(
            "besparing_p10 ≤ besparing_p50 ≤ besparing_p90 moet gelden (tussen -1 en 1)"
        )
    if not 0 <= p.aanloop_jaren <= 20:
        problems.append("aanloop_jaren moet tussen 0 en 20 liggen")
    if not 0.0 <= p.aanloopkosten_pct <= 5.0:
        problems.append("aanloopkosten_pct moet tussen 0 en 5 liggen")
    if p.schaalgrens_inwoners is not None and not p.schaalgrens_inwoners > 0:
        problems.append("schaalgrens_inwoners moet positief zijn")
    if problems:
        raise AssumptionError(
            f"{label}, taakveld {p.reeks}: " + "; ".join(problems) + ".",
            f"{label}, taakveld {p.reeks}: invalid values ({'; '.join(problems)}).",
        )


def _priors(path: Path | None) -> dict[str, TaakveldPrior]:
    frame, label = _read(path, "priors_taakvelden.csv", _PRIOR_COLUMNS)
    numbers = {c: _number(frame, c, label) for c in _PRIOR_COLUMNS[2:-1]}
    out = {}
    for i, row in enumerate(frame.itertuples(index=False)):
        cap = numbers["schaalgrens_inwoners"][i]
        prior = TaakveldPrior(
            reeks=str(row.reeks).strip(),
            omschrijving=str(row.omschrijving),
            deelbaar_aandeel=float(numbers["deelbaar_aandeel"][i]),
            beleidsruimte=float(numbers["beleidsruimte"][i]),
            besparing_p10=float(numbers["besparing_p10"][i]),
            besparing_p50=float(numbers["besparing_p50"][i]),
            besparing_p90=float(numbers["besparing_p90"][i]),
            aanloop_jaren=int(numbers["aanloop_jaren"][i]),
            aanloopkosten_pct=float(numbers["aanloopkosten_pct"][i]),
            schaalgrens_inwoners=None if np.isnan(cap) else float(cap),
            bron=str(row.bron),
        )
        _check_prior(prior, label)
        out[prior.reeks] = prior
    return out


def _forms(path: Path | None) -> dict[str, FormCosts]:
    frame, label = _read(path, "vormen.csv", _FORM_COLUMNS)
    numbers = {c: _number(frame, c, label) for c in _FORM_COLUMNS[3:-1]}
    out = {}
    for i, row in enumerate(frame.itertuples(index=False)):
        values = {c: float(numbers[c][i]) for c in numbers}
        if min(values.values()) < 0 or values["autonomieverlies"] > 1 or values["realisatie"] > 1:
            raise AssumptionError(
                f"{label}, vorm {row.vorm}: bedragen moeten ≥ 0 zijn en autonomieverlies en "
                "realisatie tussen 0 en 1.",
                f"{label}, form {row.vorm}: amounts must be ≥ 0 and autonomieverlies and "
                "realisatie between 0 and 1.",
            )
        form = FormCosts(
            vorm=str(row.vorm).strip(),
            naam=str(row.naam),
            soort=str(row.soort),
            bron=str(row.bron),
            **values,
        )
        out[form.vorm] = form
    return out


def _units(path: Path | None) -> dict[str, Unit]:
    frame, label = _read(path, "eenheden.csv", _UNIT_COLUMNS)
    costs = _number(frame, "kosten_keur", label)
    out = {}
    for i, row in enumerate(frame.itertuples(index=False)):
        if row.soort not in ("eenmalig", "jaarlijks") or not costs[i] > 0:
            raise AssumptionError(
                f"{label}, eenheid {row.eenheid}: soort moet 'eenmalig' of 'jaarlijks' zijn en "
                "kosten_keur positief.",
                f"{label}, unit {row.eenheid}: soort must be 'eenmalig' or 'jaarlijks' and "
                "kosten_keur positive.",
            )
        out[str(row.eenheid)] = Unit(
            str(row.eenheid), str(row.naam), str(row.soort), float(costs[i]), str(row.bron)
        )
    return out


def load_assumptions(
    priors_file: Path | str | None = None,
    vormen_file: Path | str | None = None,
    eenheden_file: Path | str | None = None,
) -> Assumptions:
    """Read the assumption files (the packaged defaults where a path is None).

    >>> a = load_assumptions()
    >>> a.priors["0.61"].besparing_p50, a.vormen["bedrijfsvoeringsorganisatie"].uittreedkosten_jaren
    (0.15, 3.0)
    """
    return Assumptions(
        priors=_priors(None if priors_file is None else Path(priors_file)),
        vormen=_forms(None if vormen_file is None else Path(vormen_file)),
        eenheden=_units(None if eenheden_file is None else Path(eenheden_file)),
    )
