"""The fitted cost model, stored on disk instead of refitted in every process.

:func:`stored_model` keys the fit (coefficients and the cluster-bootstrap draws of every
taakveld) by the bundle's checksums, the source of the modules that compute it, the numpy
version (the bootstrap's random stream) and the parameters, and keeps it with
:mod:`regiokompas._fitstore`. A changed bundle, model code or parameter is a new key, so a stale
fit is never read.
"""

from __future__ import annotations

import numpy as np

from regiokompas import _fitstore
from regiokompas.costs import model as _model
from regiokompas.data import Dataset

__all__ = ["MODEL_VERSION", "model_inputs_hash", "stored_model"]

#: Bumped by hand when the meaning of a stored fit changes without its code changing.
MODEL_VERSION = 1

#: The modules whose source determines the fit.
_CODE = ("regiokompas.costs.model", "regiokompas.costs._ols", "regiokompas.costs._panel")

#: The only types a stored cost model may contain.
_TYPES = (_model.CostModel, _model.TaakveldFit, _model.Interval)


def model_inputs_hash(ds: Dataset, years: tuple[int, ...], draws: int, seed: int) -> str:
    """The content hash of everything the cost model fit on ``ds`` depends on."""
    bundle = _fitstore.dataset_fingerprint(ds)
    return _fitstore.content_hash(
        {
            "model": "costmodel",
            "model_version": MODEL_VERSION,
            "code": _fitstore.code_fingerprint(_CODE),
            "numpy": np.__version__,
            "bundle": bundle,
            "years": list(years),
            "draws": draws,
            "seed": seed,
        }
    )


def stored_model(ds: Dataset, years: tuple[int, ...], draws: int, seed: int) -> _model.CostModel:
    """The cost model for these inputs: from the store, or fitted once and stored."""
    arrays = _fitstore.load_or_compute(
        "costmodel",
        model_inputs_hash(ds, years, draws, seed),
        lambda: _fitstore.encode(
            _model.CostModel.fit_dataset(ds, years=years, draws=draws, seed=seed)
        ),
    )
    result = _fitstore.decode(arrays, _TYPES)
    if not isinstance(result, _model.CostModel):
        raise _fitstore.StaleFitError("stored cost model has the wrong type")
    return result
