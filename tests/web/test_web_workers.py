"""Two uvicorn workers on PostgreSQL: a register edit made through one is visible through the
other, and a result computed by one is served by the other from the shared cache."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from postgres_helpers import fresh_schema_url, postgres_base_url
from regiokompas._resultcache import ResultCache
from regiokompas.data import load_dataset
from regiokompas.register import Actor, Deelnemer, Regeling
from regiokompas.store import Register

pytestmark = pytest.mark.slow

BEHEERDER = Actor("beheer", "beheerder")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = postgres_base_url()
    with fresh_schema_url(base, "rk_workers") as url:
        yield url


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self, method: str, path: str, body: object = None, token: str | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request on a new connection (so the kernel may hand it to either worker)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Connection": "close"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            conn.close()

    def until_other_worker(
        self, path: str, than: str, tries: int = 400, *, settled: bool = False
    ) -> tuple[int, bytes]:
        """The first answer from a worker other than ``than``; with ``settled``, the first such
        answer that is not "wordt berekend" (202): under load the other worker may still be
        waiting on the computation the first one claimed, which is the point of the claim."""
        for _ in range(tries):
            status, headers, body = self.request("GET", path)
            if headers.get("x-regiokompas-worker") != than:
                if settled and status == 202:
                    time.sleep(0.5)
                    continue
                return status, body
        pytest.fail(f"no answer from a second worker for {path} in {tries} tries")


@pytest.fixture
def two_workers(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Server, Register, int, str]]:
    reg = Register.open(postgres_url, load_dataset())
    regeling = reg.aanmaken(
        Regeling("Afval Gouwe", "openbaar_lichaam", (Deelnemer("GM0513"), Deelnemer("GM0627"))),
        BEHEERDER,
    )
    reg.gebruiker_toevoegen("beheer", "een heel lang wachtwoord", "beheerder", None, BEHEERDER)
    token = reg.token_maken("beheer", "test", BEHEERDER)
    port = _free_port()
    env = {
        **os.environ,
        "REGIOKOMPAS_DATABASE_URL": postgres_url,
        "REGIOKOMPAS_CACHE_DIR": str(tmp_path / "cache"),
        "REGIOKOMPAS_SESSIE_SLEUTEL": "test-sleutel-workers",
        "REGIOKOMPAS_OPWARMEN": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from regiokompas.cli import main; main()",
            "web",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(port)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if server.request("GET", "/api/v1")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"server did not start: {err[-2000:]}")
            time.sleep(0.5)
        yield server, reg, regeling.id or 0, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
        reg.engine.dispose()


def test_two_workers_share_the_register_and_the_result_cache(two_workers, tmp_path) -> None:
    server, reg, ident, token = two_workers
    # Both processes answer (under load the second may start well after the first).
    seen: set[str] = set()
    deadline = time.monotonic() + 120
    while len(seen) < 2 and time.monotonic() < deadline:
        seen |= {server.request("GET", "/api/v1")[1]["x-regiokompas-worker"] for _ in range(50)}
    assert len(seen) == 2, seen

    # A register edit through one worker ...
    url = f"/api/v1/regelingen/{ident}"
    body = json.loads(server.request("GET", url)[2])
    body = {k: v for k, v in body.items() if k not in ("id", "verwijderd", "classificatie")}
    body["begrotingKeur"] = 321.5
    status, headers, answer = server.request("PUT", url, body, token)
    assert status == 200, answer
    editor = headers["x-regiokompas-worker"]
    # ... is what the other worker serves.
    status, other = server.until_other_worker(url, than=editor)
    assert status == 200
    assert json.loads(other)["begrotingKeur"] == 321.5
    assert reg.toon(ident).begroting_keur == 321.5

    # A result computed by one worker is served by the other without computing it again.
    kansen = "/api/v1/gemeenten/GM0513/kansen?groepsgrootte=2"
    deadline = time.monotonic() + 300
    while True:
        status, headers, _ = server.request("GET", kansen)
        if status == 200:
            break
        assert status == 202 and headers["retry-after"]
        assert time.monotonic() < deadline, "kansen never finished"
        time.sleep(1)
    first = headers["x-regiokompas-worker"]
    status, _ = server.until_other_worker(kansen, than=first, settled=True)
    assert status == 200
    cache = ResultCache(tmp_path / "cache" / "web" / "results.sqlite3")
    writers = cache.writers()
    assert sum(writers.values()) >= 1
    # Every stored result was computed by exactly one process, and not twice.
    assert len(writers) == 1, writers
