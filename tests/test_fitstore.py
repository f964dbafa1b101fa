"""The store of fitted results: content-keyed, deterministic, rejects what is stale."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from regiokompas import _fitstore
from regiokompas._fitstore import StaleFitError


def _arrays() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    return {"beta": rng.normal(size=5), "draws": rng.normal(size=(100, 5)), "n": np.array(42)}


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, np.ndarray]:
        self.calls += 1
        return _arrays()


def test_computes_once_then_loads(tmp_path: Path) -> None:
    key = _fitstore.content_hash({"x": 1})
    compute = Counter()
    first = _fitstore.load_or_compute("demo", key, compute, folder=tmp_path)
    second = _fitstore.load_or_compute("demo", key, compute, folder=tmp_path)
    assert compute.calls == 1
    for name, value in _arrays().items():
        np.testing.assert_array_equal(first[name], value)
        np.testing.assert_array_equal(second[name], value)
        assert second[name].dtype == value.dtype


def test_rebuilt_store_is_byte_identical(tmp_path: Path) -> None:
    key = _fitstore.content_hash({"x": 1})
    a = _fitstore.save("demo", key, _arrays(), folder=tmp_path / "a")
    b = _fitstore.save("demo", key, _arrays(), folder=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    assert a.name == b.name


def test_other_inputs_are_another_file(tmp_path: Path) -> None:
    one = _fitstore.path_for("demo", _fitstore.content_hash({"x": 1}), tmp_path)
    two = _fitstore.path_for("demo", _fitstore.content_hash({"x": 2}), tmp_path)
    assert one != two
    # Dict order does not matter, values do.
    assert _fitstore.content_hash({"a": 1, "b": 2}) == _fitstore.content_hash({"b": 2, "a": 1})


def test_a_file_stored_for_other_inputs_is_rejected_and_recomputed(tmp_path: Path) -> None:
    old, new = _fitstore.content_hash("old"), _fitstore.content_hash("new")
    stored = _fitstore.save("demo", old, {"v": np.zeros(3)}, folder=tmp_path)
    # A stale file sitting where the new key's file would be (e.g. copied by hand).
    target = _fitstore.path_for("demo", new, tmp_path)
    target.write_bytes(stored.read_bytes())
    with pytest.raises(StaleFitError, match="other inputs"):
        _fitstore.load("demo", new, folder=tmp_path)
    compute = Counter()
    out = _fitstore.load_or_compute("demo", new, compute, folder=tmp_path)
    assert compute.calls == 1
    np.testing.assert_array_equal(out["beta"], _arrays()["beta"])
    assert "beta" in _fitstore.load("demo", new, folder=tmp_path)  # replaced on disk


def test_an_older_format_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = _fitstore.content_hash("k")
    _fitstore.save("demo", key, _arrays(), folder=tmp_path)
    monkeypatch.setattr(_fitstore, "FORMAT_VERSION", _fitstore.FORMAT_VERSION + 1)
    with pytest.raises(StaleFitError, match="format"):
        _fitstore.load("demo", key, folder=tmp_path)


def test_changed_contents_are_rejected(tmp_path: Path) -> None:
    key = _fitstore.content_hash("k")
    path = _fitstore.save("demo", key, _arrays(), folder=tmp_path)
    # Rewrite one member with other numbers but keep the metadata: the checksum catches it.
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    raw = bytearray(members["beta.npy"])
    raw[-1] ^= 0xFF
    members["beta.npy"] = bytes(raw)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(StaleFitError, match="checksum"):
        _fitstore.load("demo", key, folder=tmp_path)


def test_garbage_is_rejected(tmp_path: Path) -> None:
    key = _fitstore.content_hash("k")
    path = _fitstore.path_for("demo", key, tmp_path)
    path.write_bytes(b"not a zip file")
    with pytest.raises(StaleFitError):
        _fitstore.load("demo", key, folder=tmp_path)
    with pytest.raises(FileNotFoundError):
        _fitstore.load("demo", _fitstore.content_hash("none"), folder=tmp_path)


def test_no_pickles(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no pickles"):
        _fitstore.save("demo", "k" * 64, {"x": np.array([object()])}, folder=tmp_path)
    with pytest.raises(TypeError):
        _fitstore.encode({"x": {1, 2}})


def test_unwritable_store_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = _fitstore.load_or_compute("demo", "k" * 64, Counter(), folder=blocker / "sub")
    np.testing.assert_array_equal(out["beta"], _arrays()["beta"])


def test_old_keys_are_pruned(tmp_path: Path) -> None:
    for i in range(_fitstore.KEEP_PER_NAME + 3):
        _fitstore.save("demo", _fitstore.content_hash(i), {"i": np.array(i)}, folder=tmp_path)
    assert len(list(tmp_path.glob("demo-*.npz"))) == _fitstore.KEEP_PER_NAME
    latest = _fitstore.content_hash(_fitstore.KEEP_PER_NAME + 2)
    assert int(_fitstore.load("demo", latest, folder=tmp_path)["i"]) == _fitstore.KEEP_PER_NAME + 2


@dataclass(frozen=True)
class Inner:
    low: float
    high: float


@dataclass(frozen=True)
class Outer:
    name: str
    values: np.ndarray
    by_size: dict[int, Inner]
    years: tuple[int, ...]
    maybe: float | None


def test_codec_round_trip_of_a_dataclass_tree(tmp_path: Path) -> None:
    tree = Outer(
        name="7.3",
        values=np.linspace(0, 1, 4),
        by_size={10_000: Inner(-0.1, 0.2), 25_000: Inner(float("nan"), 1e-300)},
        years=(2019, 2020),
        maybe=None,
    )
    key = _fitstore.content_hash("tree")
    _fitstore.save("tree", key, _fitstore.encode({"a": tree, "b": [1, 2.5, "x"]}), tmp_path)
    back = _fitstore.decode(_fitstore.load("tree", key, tmp_path), [Outer, Inner])
    got = back["a"]
    assert isinstance(got, Outer) and isinstance(got.by_size[10_000], Inner)
    assert got.name == "7.3" and got.years == (2019, 2020) and got.maybe is None
    np.testing.assert_array_equal(got.values, tree.values)
    assert got.by_size[10_000] == Inner(-0.1, 0.2)
    assert np.isnan(got.by_size[25_000].low) and got.by_size[25_000].high == 1e-300
    assert back["b"] == [1, 2.5, "x"]
    with pytest.raises(StaleFitError, match="not allowed"):
        _fitstore.decode(_fitstore.encode(tree), [Inner])


def test_code_fingerprint_follows_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "fitstore_probe_mod.py"
    module.write_text("A = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = _fitstore.code_fingerprint(["fitstore_probe_mod"])
    module.write_text("A = 2\n")
    assert _fitstore.code_fingerprint(["fitstore_probe_mod"]) != before
    with pytest.raises(ModuleNotFoundError):
        _fitstore.code_fingerprint(["fitstore_no_such_module"])


def test_default_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIOKOMPAS_CACHE_DIR", str(tmp_path))
    assert _fitstore.fits_dir() == tmp_path / "fits"
    monkeypatch.delenv("REGIOKOMPAS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _fitstore.fits_dir() == tmp_path / "xdg" / "regiokompas" / "fits"
