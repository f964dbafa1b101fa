"""A throwaway PostgreSQL schema per test (a uniquely named module, importable from test files)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

POSTGRES_ENV = "REGIOKOMPAS_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    """The test PostgreSQL server's URL; skip locally when it is not set (set
    ``REGIOKOMPAS_TEST_POSTGRES_URL``, as .ci/run does, to run the test), fail in CI."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("REGIOKOMPAS_CI_STRICT") == "1":
            pytest.fail(f"{POSTGRES_ENV} is not set, but CI requires the PostgreSQL tests to run")
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} (as .ci/run does)")
    return url


@contextmanager
def fresh_schema_url(base: str, prefix: str) -> Iterator[str]:
    """A database URL on ``base`` whose search path is a new, empty schema named
    ``<prefix>_<random>``; the schema and everything in it is dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
