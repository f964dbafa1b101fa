"""The build is deterministic and the committed bundle is what the build makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from regiokompas.data import DataFileError, bundled_path
from regiokompas.data._schema import BUNDLE_FILES
from regiokompas.data.build import build_bundle, iter_bundle_hashes


@pytest.mark.shared_data
def test_rebuild_equals_committed_bundle(shared_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "bundel"
    report = build_bundle(shared_data, target)
    assert report.gemeenten == 342
    assert report.land_pairs == 877
    assert iter_bundle_hashes(target) == iter_bundle_hashes(bundled_path())
    # Uncompressed files are byte-identical too, so a diff in git shows a real change.
    for name in BUNDLE_FILES:
        if not name.endswith(".gz"):
            assert (target / name).read_bytes() == (bundled_path() / name).read_bytes(), name


def test_bundle_is_small() -> None:
    total = sum((bundled_path() / name).stat().st_size for name in BUNDLE_FILES)
    assert total < 15 * 1024 * 1024


@pytest.mark.shared_data
def test_failed_build_leaves_target_untouched(shared_data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "bron"
    broken.mkdir()
    for item in shared_data.iterdir():
        if item.name != "iv3_totalen_per_gemeente_2017-2026.csv":
            (broken / item.name).symlink_to(item)
    (broken / "iv3_totalen_per_gemeente_2017-2026.csv").write_text("jaar,onzin\n1,2\n")
    target = tmp_path / "doel"
    target.mkdir()
    (target / "gemeenten.csv").write_text("oud\n")
    with pytest.raises(DataFileError, match="iv3_totalen_per_gemeente_2017-2026.csv.*lasten"):
        build_bundle(broken, target)
    assert (target / "gemeenten.csv").read_text() == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bron", "doel"]  # no staging left


def test_missing_source_file_is_named(tmp_path: Path) -> None:

    with pytest.raises(DataFileError, match="gemeenten_2023_wgs84.geojson"):
        build_bundle(tmp_path, tmp_path / "out")
