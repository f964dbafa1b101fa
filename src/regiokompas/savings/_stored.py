"""The engine's latest lasten per gemeente and taakveld series, stored instead of rebuilt.

Every :class:`~regiokompas.savings.SavingsEngine` starts from the same table: the latest
jaarrekening's lasten per gemeente (rows) and comparable series (columns) with the gemeenten's
inhabitants in that year. Building it regroups all 330,000 Iv3 rows into series
(:attr:`regiokompas.data.Dataset.lasten_reeks`) and pivots them, which costs about 0.2 s in
every new process. :func:`latest_lasten` keeps the result in the fit store
(:mod:`regiokompas._fitstore`), keyed by the bundle's checksums, the series asked for, the
source of the code that computes it and the pandas version (its group sums), so a changed
bundle or code is a new key and a stale table is never read. The stored table is the computed
one, bit for bit (tests/savings/test_savings_stored.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas import _fitstore
from regiokompas.data import Dataset

__all__ = ["LastenTable", "compute_lasten", "latest_lasten", "lasten_inputs_hash"]

#: Bumped by hand when the meaning of the stored table changes without its code changing.
TABLE_VERSION = 1

#: The modules whose source determines the table (the series mapping lives in the data layer).
_CODE = ("regiokompas.savings._stored", "regiokompas.data._dataset")


@dataclass(frozen=True, eq=False)
class LastenTable:
    """Row g is gemeente ``codes[g]`` (bundle order); column t is series ``reeksen[t]``."""

    codes: np.ndarray
    inwoners: np.ndarray
    lasten: np.ndarray
    jaar: int


def compute_lasten(ds: Dataset, reeksen: Sequence[str]) -> LastenTable:
    """The table computed from the bundle: latest jaarrekening lasten (k€, 0 where a gemeente
    reports nothing on a series) and inhabitants on 1 January of that year."""
    codes = ds.gemeenten["gm_code"].to_numpy()
    lasten = ds.lasten_reeks
    jaren = lasten.loc[lasten["document"] == "jaarrekening", "jaar"]
    jaar = int(jaren.max())
    latest = lasten[(lasten["document"] == "jaarrekening") & (lasten["jaar"] == jaar)]
    table = latest.pivot_table(
        index="gm_code", columns="reeks", values="lasten_keur", aggfunc="sum"
    ).reindex(index=codes, columns=list(reeksen))
    return LastenTable(
        codes=codes,
        inwoners=ds.inwoners_in(jaar).reindex(codes).to_numpy(dtype=float),
        lasten=table.fillna(0.0).to_numpy(dtype=float),
        jaar=jaar,
    )


def lasten_inputs_hash(ds: Dataset, reeksen: Sequence[str]) -> str:
    """The content hash of everything :func:`compute_lasten` on ``ds`` depends on."""
    return _fitstore.content_hash(
        {
            "model": "savings-lasten",
            "version": TABLE_VERSION,
            "code": _fitstore.code_fingerprint(_CODE),
            "pandas": pd.__version__,
            "bundle": _fitstore.dataset_fingerprint(ds),
            "reeksen": list(reeksen),
        }
    )


def latest_lasten(ds: Dataset, reeksen: Sequence[str]) -> LastenTable:
    """:func:`compute_lasten` from the fit store, computed and stored on first use."""

    def compute() -> dict[str, np.ndarray]:
        table = compute_lasten(ds, reeksen)
        return {
            # Unicode, not object: the store keeps no pickles.
            "codes": table.codes.astype(str),
            "inwoners": table.inwoners,
            "lasten": table.lasten,
            "jaar": np.array(table.jaar),
        }

    key = lasten_inputs_hash(ds, reeksen)
    arrays = _fitstore.load_or_compute("savings-lasten", key, compute)
    shape = (len(ds.gemeenten), len(reeksen))
    if arrays.get("lasten", np.empty(0)).shape != shape or arrays["codes"].shape != shape[:1]:
        # Only a file written under this key by other code could get here: replace it.
        arrays = compute()
        with contextlib.suppress(OSError):
            _fitstore.save("savings-lasten", key, arrays)
    codes = arrays["codes"]
    return LastenTable(
        # The same object array of str the bundle's frame gives, so nothing downstream differs.
        codes=codes.astype(object),
        inwoners=arrays["inwoners"],
        lasten=arrays["lasten"],
        jaar=int(arrays["jaar"]),
    )
