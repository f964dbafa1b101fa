"""The OpenAPI document: the committed copy equals the generated one, and it passes the rules
of the NLGov API Design Rules linter (Logius' Spectral ruleset), re-stated here in Python."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"
REGENERATE = "regiokompas web openapi > docs/api/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["api-version"] == "1.0.0"
    return response.json()


def test_committed_openapi_equals_generated(document: dict[str, Any]) -> None:
    assert COMMITTED.is_file(), f"docs/api/openapi.json is missing; run: {REGENERATE}"
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == document, f"docs/api/openapi.json is out of date; run: {REGENERATE}"


def test_openapi_version_info_and_servers(document: dict[str, Any]) -> None:
    assert re.fullmatch(r"3(\.\d+){1,2}", document["openapi"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", document["info"]["version"])
    assert {"name", "url", "email"} <= set(document["info"]["contact"])
    assert any(re.search(r"/v\d", s["url"]) for s in document["servers"])


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_paths_are_kebab_case_without_trailing_slash(document: dict[str, Any]) -> None:
    pattern = re.compile(r"^(/([a-z0-9\-]+|\{[^}]+\})(/([a-z0-9\-.]+|\{[^}]+\}))*)$")
    assert document["paths"]
    for path in document["paths"]:
        assert not path.endswith("/"), path
        assert pattern.match(path), path


def test_query_parameters_are_lower_camel_case(document: dict[str, Any]) -> None:
    for path, _, op in _operations(document):
        for p in op.get("parameters", []):
            if p["in"] == "query":
                assert re.fullmatch(r"[a-z][a-z\d]*([A-Z][a-z\d]*)*", p["name"]), (path, p["name"])


def test_every_success_declares_api_version_and_errors_are_problems(
    document: dict[str, Any],
) -> None:
    problem = document["components"]["schemas"]["Problem"]
    assert {"status", "title", "detail"} <= set(problem["properties"])
    for path, method, op in _operations(document):
        responses = op["responses"]
        # FastAPI's own 422 validation response is replaced by 400; the only 422 is the
        # optimiser's "too much work" refusal (issue 18), which is a problem+json too.
        assert "422" not in responses or path == "/indelingen", path
        if op.get("parameters"):
            assert "400" in responses, (path, method)
        for code, response in responses.items():
            if code[0] in "23":
                assert "API-Version" in response.get("headers", {}), (path, code)
            if code[0] in "45":
                assert list(response["content"]) == ["application/problem+json"], (path, code)


def test_every_operation_has_a_unique_id_and_summary(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in _operations(document)]
    assert len(ids) == len(set(ids))
    assert all(op.get("summary") for _, _, op in _operations(document))


def test_served_paths_exist(client: TestClient, document: dict[str, Any]) -> None:
    """Every GET of this module's resources answers 200 with its documented examples."""
    examples = {"{code}": "GM0513", "{taakveld}": "7.3"}
    mine = {"gemeenten", "regio's", "taakvelden", "analyses"}
    checked = 0
    for path, method, op in _operations(document):
        if method != "get" or not mine & set(op.get("tags", [])):
            continue
        url = path
        for key, value in examples.items():
            url = url.replace(key, value)
        if url.startswith("/regios/"):
            url = url.replace("GM0513", "VR16")
        query = {
            p["name"]: p["examples"][0] if "examples" in p else p["schema"]["examples"][0]
            for p in op.get("parameters", [])
            if p["in"] == "query" and p.get("required")
        }
        if "gemeenten" in query:
            query["modus"] = "literature"  # keep the test fast; fitted is tested elsewhere
        response = client.get("/api/v1" + url, params=query)
        assert response.status_code == 200, (url, response.text[:200])
        checked += 1
    assert checked >= 12
