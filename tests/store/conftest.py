"""Database fixtures: every store test runs on SQLite (a file) and on PostgreSQL.

PostgreSQL comes from REGIOKOMPAS_TEST_POSTGRES_URL (set by .ci/run). Each test gets its
own schema there, dropped afterwards. Without the URL the PostgreSQL variants skip with a
reason, except under REGIOKOMPAS_CI_STRICT=1, where they fail: in CI they must run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from postgres_helpers import fresh_schema_url, postgres_base_url
from regiokompas.data import load_dataset
from regiokompas.store import Register

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'register.sqlite'}"
        return
    base = postgres_base_url()
    assert base is not None
    with fresh_schema_url(base, "rk_test") as url:
        yield url


@pytest.fixture
def register(database_url: str) -> Iterator[Register]:
    reg = Register.open(database_url, load_dataset())
    yield reg
    reg.engine.dispose()
