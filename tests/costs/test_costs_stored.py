"""The cost model stored on disk: identical to a fresh fit, and a new key for new inputs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from regiokompas import _fitstore
from regiokompas.costs import CostModel, _stored
from regiokompas.costs import model as model_module

YEARS = (2022, 2023, 2024)
DRAWS = 40


def _same(a: object, b: object) -> None:
    """Field by field, arrays bit for bit."""
    assert type(a) is type(b)
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            _same(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray)
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b)
        for key in a:
            _same(a[key], b[key])
    elif isinstance(a, float) and np.isnan(a):
        assert isinstance(b, float) and np.isnan(b)
    else:
        assert a == b


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REGIOKOMPAS_CACHE_DIR", str(tmp_path))
    return tmp_path / "fits"


def test_stored_model_equals_a_fresh_fit_and_is_read_back(ds, store, monkeypatch) -> None:
    fresh = CostModel.fit_dataset(ds, years=YEARS, draws=DRAWS, seed=5)
    first = _stored.stored_model(ds, YEARS, DRAWS, 5)
    files = list(store.glob("costmodel-*.npz"))
    assert len(files) == 1
    _same(first, fresh)

    def refit(*_args: object, **_kwargs: object) -> CostModel:
        raise AssertionError("a stored fit must be loaded, not refitted")

    monkeypatch.setattr(model_module.CostModel, "fit_dataset", refit)
    again = _stored.stored_model(ds, YEARS, DRAWS, 5)
    _same(again, fresh)
    # Methods work on the loaded arrays as on the fitted ones.
    fit, ref = again.fit("7.3"), fresh.fit("7.3")
    np.testing.assert_array_equal(
        fit.curve(np.array([10_000.0]))[0], ref.curve(np.array([10_000.0]))[0]
    )


def test_rebuilt_store_is_identical(ds, store, tmp_path) -> None:
    _stored.stored_model(ds, YEARS, DRAWS, 5)
    (first,) = store.glob("costmodel-*.npz")
    content = first.read_bytes()
    first.unlink()
    _stored.stored_model(ds, YEARS, DRAWS, 5)
    assert first.read_bytes() == content


def test_new_inputs_are_a_new_key(ds, monkeypatch) -> None:
    base = _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)
    assert base == _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)
    assert base != _stored.model_inputs_hash(ds, YEARS, DRAWS, 6)
    assert base != _stored.model_inputs_hash(ds, YEARS, DRAWS + 1, 5)
    assert base != _stored.model_inputs_hash(ds, YEARS[1:], DRAWS, 5)
    # A changed bundle: one file's checksum differs.
    sums = dict(ds.metadata["bestanden_sha256"])
    sums["iv3_lasten.csv.gz"] = "0" * 64
    changed = dataclasses.replace(ds, metadata={**ds.metadata, "bestanden_sha256": sums})
    assert base != _stored.model_inputs_hash(changed, YEARS, DRAWS, 5)
    # A new model version.
    monkeypatch.setattr(_stored, "MODEL_VERSION", _stored.MODEL_VERSION + 1)
    assert base != _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)


def test_changed_model_code_is_a_new_key(ds, monkeypatch) -> None:
    base = _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)
    real = _fitstore.code_fingerprint
    monkeypatch.setattr(
        _fitstore, "code_fingerprint", lambda modules: real([*modules, "regiokompas._fitstore"])
    )
    assert base != _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)


def test_a_stale_file_under_the_key_is_refitted(ds, store) -> None:
    key = _stored.model_inputs_hash(ds, YEARS, DRAWS, 5)
    other = _fitstore.save("costmodel", "f" * 64, {"x": np.zeros(1)}, folder=store)
    _fitstore.path_for("costmodel", key, store).write_bytes(other.read_bytes())
    model = _stored.stored_model(ds, YEARS, DRAWS, 5)
    _same(model, CostModel.fit_dataset(ds, years=YEARS, draws=DRAWS, seed=5))
