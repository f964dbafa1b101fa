"""``regiokompas web openapi`` prints exactly the document the API serves (the command the
docs give for regenerating docs/api/openapi.json)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

from regiokompas.cli import cli


def test_openapi_command_matches_the_served_document(client: TestClient) -> None:
    result = CliRunner().invoke(cli, ["web", "openapi"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == client.get("/api/v1/openapi.json").json()


def test_web_command_help_names_the_address() -> None:
    result = CliRunner().invoke(cli, ["web", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8000" in result.output
