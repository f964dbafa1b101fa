"""Shared fixtures: the bundled dataset and, where present, the raw snapshot in ../shared/data."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from regiokompas.data import Dataset, load_dataset

REPO = Path(__file__).resolve().parents[1]

# Tests must never write into the user's real data folder (the register's default SQLite file
# lives there): point the XDG data home at a throwaway folder for the whole session.
_DATA_HOME = tempfile.mkdtemp(prefix="regiokompas-tests-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
# Likewise the store of fitted results (regiokompas._fitstore): a throwaway folder, shared by
# the subprocesses the tests start, so no test reads a fit left by an earlier run.
_CACHE_HOME = tempfile.mkdtemp(prefix="regiokompas-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
os.environ["REGIOKOMPAS_CACHE_DIR"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
SHARED_DATA = Path(os.environ.get("REGIOKOMPAS_SHARED_DATA", REPO.parent / "shared" / "data"))


def strict() -> bool:
    """In CI every test must run: a missing prerequisite is a failure, not a skip."""
    return os.environ.get("REGIOKOMPAS_CI_STRICT") == "1"


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The raw snapshot; tests that compare with it skip when it is absent (not in CI)."""
    if not (SHARED_DATA / "PROVENANCE.md").is_file():
        if strict():
            pytest.fail(f"raw snapshot not found at {SHARED_DATA} (CI must have ../shared/data)")
        pytest.skip(
            f"raw snapshot not found at {SHARED_DATA}; set REGIOKOMPAS_SHARED_DATA to run this test"
        )
    return SHARED_DATA
