"""The first user command, driven through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from regiokompas.cli import cli


def test_json_profile_contains_code_and_inhabitants() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "amsterdam", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "GM0363" in result.output and "918117" in result.output
    payload = json.loads(result.output)
    assert payload["inwoners"] == {
        "value": 918117,
        "unit": "inwoners op 1 januari",
        "bron": "CBS Kerncijfers wijken en buurten",
        "jaar": 2023,
    }


def test_table_names_sources() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "Gouda"])
    assert result.exit_code == 0, result.output
    assert "Gouda (GM0513)" in result.output
    assert "CBS Iv3 jaarrekening 2024" in result.output
    assert "Waddinxveen" in result.output


def test_csv_is_parseable() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "GM0513", "--format", "csv"])
    assert result.exit_code == 0
    blocks = result.output.split("\n\n")
    rows = list(csv.reader(io.StringIO(blocks[2].split("\n", 1)[1])))
    assert rows[0] == ["Gemeente", "Code", "Soort", "Grens (km)", "Toelichting"]
    assert {r[1] for r in rows[1:]} == {"GM1931", "GM0627", "GM1901", "GM1892"}


def test_unknown_name_exits_non_zero_with_suggestions() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "Amsterdm"])
    assert result.exit_code != 0
    assert "Bedoelt u: Amsterdam" in result.output


def test_ambiguous_name_asks() -> None:
    result = CliRunner().invoke(cli, ["gemeente", "Bergen"])
    assert result.exit_code != 0
    assert "Bergen (L.)" in result.output and "Bergen (NH.)" in result.output


def test_english_messages() -> None:
    result = CliRunner().invoke(cli, ["--taal", "en", "gemeente", "Amsterdm"])
    assert "Did you mean: Amsterdam" in result.output


def test_missing_bundle_file_is_named(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["--data", str(tmp_path), "gemeente", "Gouda"])
    assert result.exit_code != 0
    assert "metadata.json" in result.output or "gemeenten.csv" in result.output
