"""A missing or corrupt bundle file gives an error that names the file and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regiokompas.data import DataFileError, bundled_path, load_dataset


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    target = tmp_path / "bundel"
    shutil.copytree(bundled_path(), target)
    return target


def test_copy_loads(bundle_copy: Path) -> None:
    assert len(load_dataset(bundle_copy).gemeenten) == 342


def test_missing_file_is_named(bundle_copy: Path) -> None:
    (bundle_copy / "buren.csv").unlink()
    with pytest.raises(DataFileError, match=r"buren\.csv: ontbreekt"):
        load_dataset(bundle_copy)


def test_truncated_gzip_is_reported(bundle_copy: Path) -> None:
    path = bundle_copy / "iv3_lasten.csv.gz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(DataFileError, match=r"iv3_lasten\.csv\.gz"):
        load_dataset(bundle_copy)


def test_changed_content_fails_the_checksum(bundle_copy: Path) -> None:
    path = bundle_copy / "gemeenten.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("918117", "918118"), encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"gemeenten\.csv: komt niet overeen met de controlesom"
    ):
        load_dataset(bundle_copy)


def test_wrong_columns_are_named(bundle_copy: Path) -> None:
    import json

    path = bundle_copy / "regio.csv"
    path.write_text("gm_code,iets\nGM0363,x\n", encoding="utf-8")
    meta = json.loads((bundle_copy / "metadata.json").read_text(encoding="utf-8"))
    del meta["bestanden_sha256"]["regio.csv"]  # pretend the edit was deliberate
    (bundle_copy / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"regio\.csv: heeft niet de verwachte kolommen"):
        load_dataset(bundle_copy)


def test_unreadable_metadata(bundle_copy: Path) -> None:
    (bundle_copy / "metadata.json").write_text("{niet json", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"metadata\.json: is geen geldige JSON"):
        load_dataset(bundle_copy)


def test_english_message_available(bundle_copy: Path) -> None:
    (bundle_copy / "buren.csv").unlink()
    with pytest.raises(DataFileError) as info:
        load_dataset(bundle_copy)
    assert info.value.message("en").endswith("buren.csv: is missing")
