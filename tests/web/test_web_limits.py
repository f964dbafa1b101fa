"""Requests are bounded before work starts (issue 18): body size, enumeration size, and the
number of heavy calculations at once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_helpers import read_csv

from regiokompas.partition import connected_groups, estimate_group_count
from regiokompas.settings import Settings
from regiokompas.web import create_app
from regiokompas.web._limits import BodyLimitMiddleware

LIMIT = 4_000


@pytest.fixture(scope="module")
def small_app() -> FastAPI:
    return create_app(Settings(max_body_bytes=LIMIT, zware_berekeningen=1))


@pytest.fixture(scope="module")
def small(small_app: FastAPI) -> TestClient:
    return TestClient(small_app)


def _national_adjacency() -> list[list[int]]:
    rows = read_csv("buren.csv")
    codes = sorted({r["gm_code_a"] for r in rows} | {r["gm_code_b"] for r in rows})
    index = {c: i for i, c in enumerate(codes)}
    adjacency: list[set[int]] = [set() for _ in codes]
    for r in rows:
        a, b = index[r["gm_code_a"]], index[r["gm_code_b"]]
        adjacency[a].add(b)
        adjacency[b].add(a)
    return [sorted(a) for a in adjacency]


def test_declared_body_refused_before_it_is_read() -> None:
    """A 100 MB Content-Length gets 413 without a single ``receive`` call."""
    reached: list[str] = []

    async def app(scope: object, receive: object, send: object) -> None:
        reached.append("app")

    async def receive() -> dict[str, object]:
        reached.append("receive")
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/register/importeren",
        "headers": [(b"content-length", b"100000000")],
    }
    asyncio.run(BodyLimitMiddleware(app, LIMIT)(scope, receive, send))  # type: ignore[arg-type]
    assert reached == []
    assert sent[0]["status"] == 413
    assert b"problem+json" in dict(sent[0]["headers"])[b"content-type"]  # type: ignore[call-overload]


def test_large_anonymous_post_gets_413_not_401(small: TestClient) -> None:
    response = small.post("/register/importeren", content=b"x" * (LIMIT + 1))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "groter dan 0,004 MB" in response.json()["detail"]
    response = small.post("/api/v1/regelingen", content=b"{}" * LIMIT)
    assert response.status_code == 413


def test_streamed_body_without_length_refused(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1000

    # The API parses the JSON body (FastAPI reads it before the token check runs).
    response = small.post("/api/v1/regelingen", content=chunks())
    assert response.status_code == 413

    # The middleware alone: an app that reads everything stops at the limit.
    received: list[int] = []

    async def app(scope: object, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            received.append(len(message["body"]))
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    parts = iter([b"z" * 1500] * 100)

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": next(parts), "more_body": True}

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/x", "headers": []}
    asyncio.run(BodyLimitMiddleware(app, LIMIT)(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert sum(received) <= LIMIT  # the chunk that crossed the limit never reached the app


def test_small_body_passes(small: TestClient) -> None:
    response = small.post("/register/importeren", content=b"x" * 100)
    assert response.status_code != 413


@pytest.mark.parametrize("k", [3, 4, 5])
def test_estimate_against_exact_enumeration(k: int) -> None:
    """Knuth's estimate is within 10 % of the exact ESU count on the national graph."""
    adjacency = _national_adjacency()
    exact = len(connected_groups(adjacency, k))
    assert estimate_group_count(adjacency, k) == pytest.approx(exact, rel=0.10)


def test_estimate_on_a_path_and_a_star() -> None:
    # A path of n vertices has n(n+1)/2 connected sets; every ESU node on it has at most one
    # child, so the only randomness is the choice of the root (root i has n - i sets).
    path = [[j for j in (i - 1, i + 1) if 0 <= j < 30] for i in range(30)]
    assert estimate_group_count(path, 30, probes=5000) == pytest.approx(30 * 31 / 2, rel=0.05)
    # A star with 6 leaves, sets up to 3: 7 singles + 6 edges + C(6,2) = 15 triples = 28.
    star = [[1, 2, 3, 4, 5, 6]] + [[0]] * 6
    assert estimate_group_count(star, 3, probes=20000) == pytest.approx(28, rel=0.05)


@pytest.mark.parametrize("size", [7, 8])
def test_land_with_large_groups_refused_fast(client: TestClient, size: int) -> None:
    start = time.perf_counter()
    response = client.get("/api/v1/indelingen", params={"gebied": "land", "maxGrootte": size})
    elapsed = time.perf_counter() - start
    assert response.status_code == 422, response.text
    assert elapsed < 1.0
    body = response.json()
    assert body["invalidParams"][0]["name"] == "maxGrootte"
    assert "mogelijke groepen" in body["detail"]
    assert "kleinere maxGrootte" in body["detail"]


def test_busy_slots_give_429_with_retry_after(small_app: FastAPI, small: TestClient) -> None:
    slots = small_app.state.expensive_slots
    slots.acquire()
    try:
        response = small.get("/api/v1/besparingen", params={"gemeenten": "GM0513,GM0627"})
        assert response.status_code == 429
        assert response.headers["retry-after"] == "5"
        assert response.headers["content-type"] == "application/problem+json"
        # Cheap resources are not limited.
        assert small.get("/api/v1/gemeenten/GM0513").status_code == 200
    finally:
        slots.release()
    response = small.get("/api/v1/besparingen", params={"gemeenten": "GM0513,GM0627"})
    assert response.status_code == 200
