"""CLI: ``regiokompas partners`` and ``regiokompas indeling`` end to end on the bundled data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from regiokompas.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_partners_table_and_json() -> None:
    result = _run(
        "partners",
        "Gouda",
        "--max",
        "4",
        "--binnen",
        "veiligheidsregio",
        "--taakveld",
        "0.4",
        "--modus",
        "literature",
    )
    assert result.exit_code == 0, result.output
    assert "Partners voor Gouda (GM0513)" in result.output
    assert "Paretofront" in result.output and "Hollands-Midden" in result.output
    out = _run(
        "partners",
        "Gouda",
        "--max",
        "3",
        "--taakveld",
        "0.61,7.3",
        "--modus",
        "literature",
        "--format",
        "json",
    )
    payload = json.loads(out.output)
    assert sorted(s["label"] for s in payload["taakvelden"]) == [
        "0.61",
        "7.3",
        "bundel 0.61 + 7.3",
    ]
    assert all("GM0513" in o["leden"] for s in payload["taakvelden"] for o in s["opties"])
    # The same advice as 'regiokompas advies' (one service, one answer).
    advies = json.loads(
        _run(
            "advies", "Gouda", "--max", "3", "--taakveld", "0,61; 7.3", "--modus",
            "literature", "--format", "json",
        ).output
    )  # fmt: skip
    assert advies["taakvelden"] == payload["taakvelden"]


def test_advies_accepts_taakvelden_as_users_write_them() -> None:
    result = _run("advies", "Gouda", "--max", "2", "--taakveld", "6.71", "--modus", "literature")
    assert result.exit_code == 0, result.output
    assert "Taakveld 6.71 telt mee in reeks 6.7" in result.output
    bad = CliRunner().invoke(cli, ["advies", "Gouda", "--taakveld", "9.9"])
    assert bad.exit_code != 0 and "Onbekend taakveld '9.9'" in bad.output


#: Utrecht (26 gemeenten), OZB woningen, groups of up to 6, literature priors.
UTRECHT_06 = (
    "indeling",
    "--gebied",
    "provincie:Utrecht",
    "--taakveld",
    "0.61",
    "--max-groep",
    "6",
    "--modus",
    "literature",
)


def test_indeling_json_is_a_checked_partition() -> None:
    out = _run(*UTRECHT_06, "--format", "json")
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    members = [c for g in payload["groups"] for c in g]
    assert len(members) == len(set(members)) == 26
    assert payload["status"] == "optimaal"
    assert payload["objective"] == pytest.approx(sum(payload["values"]))
    assert max(len(g) for g in payload["groups"]) <= 6


def test_indeling_table_uses_dutch_number_format() -> None:
    out = _run(*UTRECHT_06)
    assert out.exit_code == 0, out.output
    assert "bewezen optimaal" in out.output
    # 7,802 connected groups of up to 6 in Utrecht's 26 gemeenten, written the Dutch way.
    assert "7.802 /" in out.output
    assert "7,802" not in out.output


def test_indeling_impossible_pair_is_a_clear_error() -> None:
    out = CliRunner().invoke(
        cli,
        [
            "indeling",
            "--gebied",
            "provincie:Zuid-Holland",
            "--taakveld",
            "0.61",
            "--max-groep",
            "2",
            "--samen",
            "Gouda,Rotterdam",
            "--modus",
            "literature",
        ],
    )
    assert out.exit_code != 0
    assert "GM0513 Gouda en GM0599 Rotterdam moeten samen" in out.output
    assert "Traceback" not in out.output
    english = CliRunner().invoke(
        cli,
        [
            "--taal",
            "en",
            "indeling",
            "--gebied",
            "land",
            "--taakveld",
            "0.61",
            "--samen",
            "Gouda",
            "--modus",
            "literature",
        ],
    )
    assert english.exit_code != 0 and "expects two municipalities" in english.output
    unknown = CliRunner().invoke(
        cli,
        [
            "indeling",
            "--gebied",
            "provincie:Atlantis",
            "--taakveld",
            "0.61",
            "--modus",
            "literature",
        ],
    )
    assert unknown.exit_code != 0 and "Geen provincie 'Atlantis'" in unknown.output


def test_advies_names_the_command_that_evaluates_a_covered_taakveld() -> None:
    result = _run("advies", "Vaals", "--modus", "literature", "--format", "csv")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("7.3 Afval"))
    assert "Al belegd in Reinigingsdienst RD4" in line
    command = line.split("Evalueren: ", 1)[1].rstrip('"').split()
    evaluated = _run(*command[1:], "--modus", "literature")
    assert evaluated.exit_code == 0, evaluated.output
