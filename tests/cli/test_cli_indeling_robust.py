"""CLI: ``regiokompas indeling --robuust`` and ``--stabiliteit S`` on the bundled data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from regiokompas.cli import cli

VR15 = ["indeling", "--gebied", "veiligheidsregio:VR15", "--taakveld", "0.61", "--max-groep", "4"]
VR15 += ["--modus", "literature"]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_robust_and_stability_json() -> None:
    out = _run(*VR15, "--robuust", "--stabiliteit", "30", "--trekkingen", "30", "--format", "json")
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    robust = payload["robuust"]
    assert [p["criterium"] for p in robust["indelingen"]] == ["puntschatting", "verwacht", "p10"]
    point, _, low = robust["indelingen"]
    assert low["totaal"]["p10"] >= point["totaal"]["p10"] - 1e-6
    assert robust["p10_gewonnen"] == pytest.approx(low["totaal"]["p10"] - point["totaal"]["p10"])
    for p in robust["indelingen"]:
        assert p["bound"] is not None and p["bound"] >= p["objective"] - 1e-9
    stable = payload["stabiliteit"]
    assert stable["trekkingen"] == 30
    assert all(0.0 <= p["aandeel"] <= 1.0 for p in stable["paren"])
    # Every reference group is a group of the expected-value partition.
    expected = {tuple(g) for g in robust["indelingen"][1]["groups"]}
    assert {tuple(g["groep"]) for g in stable["groepen"]} <= expected
    assert "literatuurpriors" in payload["bron"]


def test_bundle_robust_uses_cvar_with_a_bound() -> None:
    args = [a if a != "0.61" else "0.61,0.62,0.64" for a in VR15]
    out = _run(*args, "--robuust", "--trekkingen", "60", "--format", "json")
    assert out.exit_code == 0, out.output
    partitions = json.loads(out.output)["robuust"]["indelingen"]
    point, _, low = partitions
    assert low["criterium"] == "cvar" and low["exact"] and low["status"] == "optimaal"
    assert low["objective"] == pytest.approx(low["totaal"]["cvar10"], abs=1e-6)
    assert low["totaal"]["cvar10"] >= point["totaal"]["cvar10"] - 1e-6
    table = _run(*args, "--robuust", "--trekkingen", "60")
    assert "CVaR 10%" in table.output and "slechtste tiende" in table.output


def test_stability_table_is_dutch() -> None:
    out = _run(*VR15, "--stabiliteit", "20")
    assert out.exit_code == 0, out.output
    assert "Buurparen" in out.output and "Bewezen optimaal opgelost" in out.output
    assert "%" in out.output


def test_robust_in_fitted_mode_is_a_clear_error() -> None:
    args = [a if a != "literature" else "fitted" for a in VR15]
    out = CliRunner().invoke(cli, [*args, "--robuust"])
    assert out.exit_code != 0
    assert "literatuurmodus" in out.output
