"""The engine's lasten table in the fit store: the same as computed, checked against the raw
Iv3 rows, read back without recomputing, and a new key for new inputs."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
from pathlib import Path

import numpy as np
import pytest

from regiokompas import _fitstore
from regiokompas.savings import SavingsEngine, _stored
from regiokompas.savings._assumptions import load_assumptions

REEKSEN = tuple(load_assumptions().priors)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REGIOKOMPAS_CACHE_DIR", str(tmp_path))
    return tmp_path / "fits"


def _same(a: _stored.LastenTable, b: _stored.LastenTable) -> None:
    assert a.jaar == b.jaar
    for name in ("codes", "inwoners", "lasten"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        if x.dtype == object:
            assert list(x) == list(y), name
        else:
            assert x.tobytes() == y.tobytes(), name  # bit for bit, NaN and signed zeros too


def test_stored_table_is_the_computed_one_and_is_read_back(ds, store, monkeypatch) -> None:
    fresh = _stored.compute_lasten(ds, REEKSEN)
    first = _stored.latest_lasten(ds, REEKSEN)
    assert len(list(store.glob("savings-lasten-*.npz"))) == 1
    _same(first, fresh)

    def recompute(*_args: object) -> None:
        raise AssertionError("a stored table must be loaded, not recomputed")

    monkeypatch.setattr(_stored, "compute_lasten", recompute)
    _same(_stored.latest_lasten(ds, REEKSEN), fresh)
    # The engine built on the stored table gives the same arrays as one built on a fresh one.
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    np.testing.assert_array_equal(engine._a.lasten, fresh.lasten)
    assert list(engine._a.codes) == list(ds.gemeenten["gm_code"])


def test_table_matches_the_raw_iv3_rows(ds) -> None:
    """Independent of pandas: sum the bundle's CSV rows by hand for a few cells."""
    table = _stored.compute_lasten(ds, REEKSEN)
    with gzip.open(ds.folder / "iv3_lasten.csv.gz", "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    jaar = max(int(r["jaar"]) for r in rows if r["document"] == "jaarrekening")
    assert table.jaar == jaar
    row = {str(c): i for i, c in enumerate(table.codes)}
    for code, reeks in [("GM0513", "0.61"), ("GM0363", "0.4"), ("GM0096", "7.3")]:
        expected = sum(
            float(r["lasten_keur"])
            for r in rows
            if r["document"] == "jaarrekening"
            and int(r["jaar"]) == jaar
            and r["gm_code"] == code
            and r["taakveld"] == reeks
        )
        assert table.lasten[row[code], REEKSEN.index(reeks)] == pytest.approx(expected)
    with (ds.folder / "inwoners.csv").open(encoding="utf-8") as handle:
        inwoners = {
            r["gm_code"]: float(r["inwoners"])
            for r in csv.DictReader(handle)
            if int(r["jaar"]) == jaar
        }
    assert table.inwoners[row["GM0513"]] == inwoners["GM0513"]


def test_rebuilt_store_is_identical(ds, store) -> None:
    _stored.latest_lasten(ds, REEKSEN)
    (first,) = store.glob("savings-lasten-*.npz")
    content = first.read_bytes()
    first.unlink()
    _stored.latest_lasten(ds, REEKSEN)
    assert first.read_bytes() == content


def test_new_inputs_are_a_new_key(ds, monkeypatch) -> None:
    base = _stored.lasten_inputs_hash(ds, REEKSEN)
    assert base == _stored.lasten_inputs_hash(ds, REEKSEN)
    assert base != _stored.lasten_inputs_hash(ds, REEKSEN[:-1])
    assert base != _stored.lasten_inputs_hash(ds, tuple(reversed(REEKSEN)))
    sums = dict(ds.metadata["bestanden_sha256"])
    sums["iv3_lasten.csv.gz"] = "0" * 64
    changed = dataclasses.replace(ds, metadata={**ds.metadata, "bestanden_sha256": sums})
    assert base != _stored.lasten_inputs_hash(changed, REEKSEN)
    monkeypatch.setattr(_stored, "TABLE_VERSION", _stored.TABLE_VERSION + 1)
    assert base != _stored.lasten_inputs_hash(ds, REEKSEN)


def test_a_stale_or_misshapen_file_is_recomputed(ds, store) -> None:
    fresh = _stored.compute_lasten(ds, REEKSEN)
    key = _stored.lasten_inputs_hash(ds, REEKSEN)
    # Another result's file under this key: rejected by the store's metadata check.
    other = _fitstore.save("savings-lasten", "f" * 64, {"x": np.zeros(1)}, folder=store)
    _fitstore.path_for("savings-lasten", key, store).write_bytes(other.read_bytes())
    _same(_stored.latest_lasten(ds, REEKSEN), fresh)
    # A valid file with the wrong shape (written for fewer gemeenten): not used, replaced.
    _fitstore.save(
        "savings-lasten",
        key,
        {
            "codes": np.array(["GM0513"]),
            "inwoners": np.ones(1),
            "lasten": np.ones((1, len(REEKSEN))),
            "jaar": np.array(2024),
        },
        folder=store,
    )
    _same(_stored.latest_lasten(ds, REEKSEN), fresh)
    assert _fitstore.load("savings-lasten", key, store)["lasten"].shape == fresh.lasten.shape
