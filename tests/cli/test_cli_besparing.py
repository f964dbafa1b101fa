"""The besparing and kostenmodel commands, driven through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from regiokompas.cli import cli

GROUP = "Gouda,Waddinxveen,Bodegraven-Reeuwijk"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_besparing_table_names_sources_and_verdict() -> None:
    result = _run(
        "besparing",
        "--gemeenten",
        GROUP,
        "--taakveld",
        "0.61",
        "--vorm",
        "bedrijfsvoeringsorganisatie",
    )
    assert result.exit_code == 0, result.output
    assert "oordeel:" in result.output
    assert "CBS Iv3 jaarrekening 2024" in result.output
    assert "ECLI:NL:RVS:2015:1198" in result.output
    assert "Niaounakis & Blank" in result.output


def test_besparing_json_is_consistent() -> None:
    result = _run(
        "besparing",
        "--gemeenten",
        "Oudewater,Montfoort,Lopik",
        "--taakveld",
        "0.61,0.62",
        "--taakveld",
        "0.64",
        "--modus",
        "literature",
        "--format",
        "json",
        "--trekkingen",
        "500",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["taakvelden"] == ["0.61", "0.62", "0.64"]
    # Montfoort (BSR) and Lopik (BGHU) are already in tax arrangements (register, 2016): only
    # the switching prior remains for them, and leaving costs three annual contributions.
    assert set(payload["bestaande"]) == {"GM0335", "GM0331"}
    assert payload["verdict"] == "meerkosten"
    assert payload["afgerond"]["npv"]["p90"] < 0
    total = payload["total"]
    assert total["p10"] <= total["p50"] <= total["p90"]
    assert len(payload["yearly"]) == 10
    assert set(payload["per_member"]) == {"GM0589", "GM0335", "GM0331"}
    assert payload["attributie"].startswith("Bron: CBS")


def test_besparing_csv_is_parseable() -> None:
    result = _run(
        "besparing",
        "--gemeenten",
        GROUP,
        "--taakveld",
        "7.3",
        "--format",
        "csv",
        "--trekkingen",
        "200",
    )
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    rows = list(csv.reader(io.StringIO(blocks[2].split("\n", 1)[1])))
    assert rows[0][:3] == ["Gemeente", "Code", "Lasten 2024"]
    assert [r[1] for r in rows[1:]] == ["GM0513", "GM0627", "GM1901"]


def test_besparing_custom_numbers() -> None:
    result = _run(
        "besparing",
        "--gemeenten",
        "Gouda,Waddinxveen",
        "--taakveld",
        "7.3",
        "--modus",
        "custom",
        "--besparing",
        "0.1,0.1,0.1",
        "--deelbaar",
        "1",
        "--format",
        "json",
        "--trekkingen",
        "50",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    lasten = sum(payload["standalone_keur"].values())
    assert payload["bruto"]["p50"] == pytest.approx(0.1 * lasten)
    assert "eigen invoer" in payload["sources"][1]


def test_besparing_bad_input_gives_clear_errors() -> None:
    unknown = _run("besparing", "--gemeenten", GROUP, "--taakveld", "9.9")
    assert unknown.exit_code != 0 and "Onbekend taakveld '9.9'" in unknown.output
    twice = _run("besparing", "--gemeenten", "Gouda,Gouda", "--taakveld", "0.61")
    assert twice.exit_code != 0 and "meer dan eens" in twice.output
    apart = _run("besparing", "--gemeenten", "Gouda,Maastricht", "--taakveld", "0.61")
    assert apart.exit_code != 0 and "niet aaneengesloten" in apart.output
    allowed = _run(
        "besparing",
        "--gemeenten",
        "Gouda,Maastricht",
        "--taakveld",
        "0.61",
        "--niet-aangrenzend-toegestaan",
        "--trekkingen",
        "50",
    )
    assert allowed.exit_code == 0, allowed.output
    english = _run(
        "--taal", "en", "besparing", "--gemeenten", GROUP, "--taakveld", "0.61", "--vorm", "fusie"
    )
    assert english.exit_code != 0 and "Unknown form of cooperation" in english.output
    bad = _run(
        "besparing",
        "--gemeenten",
        GROUP,
        "--taakveld",
        "0.61",
        "--modus",
        "custom",
        "--besparing",
        "0.1,0.2",
    )
    assert bad.exit_code != 0 and "drie getallen" in bad.output
    wrong_mode = _run(
        "besparing", "--gemeenten", GROUP, "--taakveld", "0.61", "--besparing", "0.1,0.1,0.1"
    )
    assert wrong_mode.exit_code != 0 and "--modus custom" in wrong_mode.output


def test_kostenmodel_writes_chart_and_reports_verdict(tmp_path) -> None:
    chart = tmp_path / "afval.png"
    result = _run("kostenmodel", "--taakveld", "7.3", "--grafiek", str(chart), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["oordeel"] in {"schaalvoordelen", "geen bewijs", "schaalnadelen"}
    assert payload["grafiek"] == str(chart)
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    el = payload["elasticiteit"]
    assert el["low"] <= el["mid"] <= el["high"]


def test_kostenmodel_overview_and_unknown_taakveld() -> None:
    overview = _run("kostenmodel", "--format", "csv")
    assert overview.exit_code == 0
    rows = list(csv.reader(io.StringIO(overview.output.split("\n", 1)[1])))
    assert rows[0][:3] == ["Taakveld", "Omschrijving", "Oordeel"]
    assert len(rows) > 40
    unknown = _run("kostenmodel", "--taakveld", "9.9")
    assert unknown.exit_code != 0 and "Onbekend taakveld" in unknown.output


@pytest.mark.slow
def test_kostenmodel_charts_for_every_taakveld(tmp_path) -> None:
    result = _run("kostenmodel", "--grafieken", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == len(payload["taakvelden"]) > 40
    assert payload["taakvelden"][0]["grafiek"] == str(tmp_path / "kostenmodel_0.1.png")


def test_kostenmodel_validation_json() -> None:
    result = _run("kostenmodel", "--validatie", "--format", "json", "--folds", "3")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = payload["fusies"]
    assert len(rows) >= 15
    keys = {"gemeente", "fusiejaar", "voorgangers", "p10", "p50", "p90", "werkelijk"}
    assert all(set(r) == keys | {"basisjaar", "laatste_jaar"} for r in rows)
    # Coverage and median width recomputed from the rows.
    inside = [r["p10"] <= r["werkelijk"] <= r["p90"] for r in rows]
    widths = sorted(r["p90"] - r["p10"] for r in rows)
    median = (widths[(len(widths) - 1) // 2] + widths[len(widths) // 2]) / 2
    assert payload["dekking"] == pytest.approx(sum(inside) / len(rows))
    assert payload["mediane_breedte"] == pytest.approx(median)
    assert payload["dekking"] >= 0.8 and payload["mediane_breedte"] <= 0.25
    assert all(r["basisjaar"] == r["fusiejaar"] - 2 for r in rows)
    assert {r["reeks"] for r in payload["kruisvalidatie"]} >= {"0.1", "7.3", "6.7"}
