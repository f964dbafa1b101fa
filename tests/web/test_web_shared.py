"""The served app: results shared between workers, the chapter cache, "wordt berekend"."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from regiokompas.cli import cli
from regiokompas.data import load_dataset
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web._computing import ComputingMiddleware
from regiokompas.web._serve import serving_app
from regiokompas.web.shared import analyses, schemas
from regiokompas.web.shared.results import SharedResults, register_version
from regiokompas.web.shared.views import SiteData

GROUP = ["GM0513", "GM0637"]


def test_a_result_computed_by_one_site_is_read_by_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = load_dataset()
    one, two = SiteData(ds), SiteData(ds)
    one.shared = SharedResults.open(ds, tmp_path)
    two.shared = SharedResults.open(ds, tmp_path)  # another worker: its own connection
    first = analyses.besparing(
        one, GROUP, ["0.61"], "bedrijfsvoeringsorganisatie", "literature", 200
    )
    assert one.shared.cache.stats()[0] == 1

    def no_compute(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the second worker must read the shared result")

    monkeypatch.setattr(two.engines.savings("literature"), "estimate", no_compute)
    second = analyses.besparing(
        two, GROUP, ["0.61"], "bedrijfsvoeringsorganisatie", "literature", 200
    )
    assert isinstance(second, schemas.Besparing)
    assert second == first


def test_other_memo_entries_stay_in_process(tmp_path: Path) -> None:
    ds = load_dataset()
    site = SiteData(ds)
    site.shared = SharedResults.open(ds, tmp_path)
    assert site.memo(("buren", "GM0513"), lambda: {"not": "a schema"}) == {"not": "a schema"}
    assert site.memo(("kansen", "x"), lambda: {"plain": "dict"}) == {"plain": "dict"}
    assert site.shared.cache.stats() == (0, 0)


def test_a_new_bundle_or_release_is_a_new_namespace(tmp_path: Path) -> None:
    ds = load_dataset()
    base = SharedResults.open(ds, tmp_path).namespace
    sums = dict(ds.metadata["bestanden_sha256"])
    sums["inwoners.csv"] = "0" * 64
    import dataclasses

    other = dataclasses.replace(ds, metadata={**ds.metadata, "bestanden_sha256": sums})
    assert SharedResults.open(other, tmp_path).namespace != base


def test_register_version_changes_with_every_edit(tmp_path: Path) -> None:
    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", load_dataset())
    try:
        empty = register_version(reg)
        reg.seed()
        seeded = register_version(reg)
        assert seeded != empty
        assert register_version(reg) == seeded
    finally:
        reg.engine.dispose()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    folder = tmp_path_factory.mktemp("served")
    settings = Settings(
        cache_dir=folder / "cache",
        database_url=f"sqlite:///{folder / 'register.sqlite'}",
        sessie_sleutel="test-sleutel",
    )
    return serving_app(settings, warm=False)


def test_chapter_is_computed_once_then_served_from_the_cache(served: FastAPI) -> None:
    client = TestClient(served)
    url = "/gemeenten/GM0513/hoofdstuk.md?groepsgrootte=2"
    deadline = time.monotonic() + 120
    first = client.get(url)
    while first.status_code == 202 and time.monotonic() < deadline:
        assert first.headers["retry-after"] == "2"
        assert "Wordt berekend" in first.text
        time.sleep(0.5)
        first = client.get(url)
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/markdown")
    entries = served.state.shared.cache.stats()[0]
    again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert served.state.shared.cache.stats()[0] == entries
    assert again.headers["x-regiokompas-worker"].isdigit()
    # Other settings: another entry.
    other = client.get("/gemeenten/GM0513/hoofdstuk.md?groepsgrootte=2&autonomieprijs=5")
    while other.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.5)
        other = client.get("/gemeenten/GM0513/hoofdstuk.md?groepsgrootte=2&autonomieprijs=5")
    assert other.status_code == 200
    # Two new entries: the chapter and the advice it renders (shared between workers too).
    assert served.state.shared.cache.stats()[0] == entries + 2


def _slow_app(seconds: float) -> FastAPI:
    app = FastAPI()

    @app.get("/api/traag")
    def slow() -> dict[str, str]:
        time.sleep(seconds)
        return {"klaar": "ja"}

    @app.post("/api/traag")
    def slow_post() -> dict[str, str]:
        time.sleep(seconds)
        return {"klaar": "ja"}

    return app


def test_a_slow_api_answer_becomes_202_with_retry_after() -> None:
    app = _slow_app(0.5)
    app.add_middleware(ComputingMiddleware, budget_seconds=0.05, retry_after=3)
    client = TestClient(app)
    r = client.get("/api/traag")
    assert r.status_code == 202
    assert r.headers["retry-after"] == "3" and r.headers["cache-control"] == "no-store"
    assert r.json()["title"] == "Wordt berekend"
    # Writes are never cut short.
    assert client.post("/api/traag").json() == {"klaar": "ja"}


def test_a_quick_answer_passes_through_untouched() -> None:
    app = _slow_app(0.0)
    app.add_middleware(ComputingMiddleware, budget_seconds=2.0)
    r = TestClient(app).get("/api/traag")
    assert r.status_code == 200 and r.json() == {"klaar": "ja"}


def test_a_slow_page_shows_wordt_berekend(served: FastAPI) -> None:
    @served.get("/test-traag")
    def slow_page() -> dict[str, str]:
        time.sleep(2.0)
        return {}

    r = TestClient(served).get("/test-traag")
    assert r.status_code == 202
    assert "<h1>Wordt berekend</h1>" in r.text
    assert 'role="status"' in r.text and "/static/wachten.js" in r.text
    assert "content-security-policy" in r.headers  # the app's security headers still apply
    en = TestClient(served).get("/test-traag?lang=en")
    assert "<h1>Being calculated</h1>" in en.text


def test_web_refuses_a_taken_port_in_dutch_with_the_port_option() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["web", "--port", str(port)])
        assert result.exit_code == 1
        assert f"Poort {port} op 127.0.0.1 is al in gebruik" in result.output
        assert "--port" in result.output
        en = CliRunner().invoke(cli, ["--taal", "en", "web", "--port", str(port)])
        assert f"Port {port} on 127.0.0.1 is already in use" in en.output
