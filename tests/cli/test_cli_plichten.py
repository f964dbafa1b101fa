"""``regiokompas gemeente X --plichten`` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from regiokompas.cli import cli


def test_gouda_plichten_table_names_law_region_and_source() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "Gouda", "--plichten"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Wet veiligheidsregio's, artikel 8 en 9" in out
    assert "Wet publieke gezondheid, artikel 14" in out
    assert "Hollands-Midden (CBS Gebiedsindelingen 2024)" in out
    assert "GGD Hollands-Midden" in out
    assert "BZK regioatlas" in out and "2016" in out
    assert "CBS Iv3 jaarrekening 2024" in out


def test_plichten_json_for_schiermonnikoog() -> None:
    result = CliRunner().invoke(
        cli, ["gemeente", "schiermonnikoog", "--plichten", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["gemeente"]["code"] == "GM0088"
    vr = next(p for p in payload["plichten"] if p["duty"]["id"] == "veiligheidsregio")
    assert vr["regio"]["naam"] == "Fryslân" and vr["duty"]["artikel"] == "artikel 8 en 9"
    flagged = [r for r in payload["kwetsbaarheid"]["rows"] if r["kwetsbaar"]]
    assert len(flagged) >= 5 and all(r["fte_hoog"] < 2 for r in flagged)


def test_unknown_gemeente_fails_cleanly() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "Nergenshuizen", "--plichten"])
    assert result.exit_code != 0
    assert "Nergenshuizen" in result.output
