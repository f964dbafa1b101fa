"""``regiokompas hoofdstuk``: end to end through click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner

from regiokompas.cli import cli


def test_writes_docx_from_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "hoofdstuk.docx"
    result = CliRunner().invoke(
        cli, ["hoofdstuk", "Gouda", "--uit", str(out), "--modus", "literature"]
    )
    assert result.exit_code == 0, result.output
    assert "Gouda" in result.output and str(out) in result.output
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Samenwerken met andere gemeenten"
    assert len(document.inline_shapes) >= 2  # the spending chart and the map


def test_markdown_on_stdout_without_uit() -> None:
    result = CliRunner().invoke(
        cli, ["hoofdstuk", "GM0513", "--kansen", "3", "--modus", "literature"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Samenwerken met andere gemeenten")
    assert "## Waar Gouda nu staat" in result.output
    assert "data:image" not in result.output  # no figures on a terminal


def test_unknown_extension_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["hoofdstuk", "Gouda", "--uit", str(tmp_path / "h.txt")])
    assert result.exit_code != 0
    assert "Onbekend uitvoerformaat '.txt'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_english_error_for_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nee" / "h.pdf"
    result = CliRunner().invoke(cli, ["--taal", "en", "hoofdstuk", "Gouda", "--uit", str(target)])
    assert result.exit_code != 0
    assert "does not exist" in result.output and "No file was created" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_gemeente(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["hoofdstuk", "Goudaa", "--uit", str(tmp_path / "h.md")])
    assert result.exit_code != 0 and "Gouda" in result.output
    assert list(tmp_path.iterdir()) == []


def test_register_database_replaces_the_seed(tmp_path: Path) -> None:
    from regiokompas import store
    from regiokompas.register import Deelnemer, Regeling

    url = f"sqlite:///{tmp_path / 'register.db'}"
    register = store.Register.open(url)
    register.aanmaken(
        Regeling(
            "Belastingsamenwerking Gouda-Waddinxveen",
            "bedrijfsvoeringsorganisatie",
            (Deelnemer("GM0513"), Deelnemer("GM0627")),
            taakvelden=("0.61",),
        ),
        store.cli_actor(),
    )
    result = CliRunner(env={"REGIOKOMPAS_DATABASE_URL": url}).invoke(
        cli, ["hoofdstuk", "Gouda", "--register", "--modus", "literature"]
    )
    assert result.exit_code == 0, result.output
    assert "Belastingsamenwerking Gouda-Waddinxveen" in result.output
    assert "deel aan 1 regeling met" in result.output
    assert "Promen (2016)" not in result.output  # the seed is not used


def test_partners_stay_within_the_chosen_region() -> None:
    import csv

    from regiokompas.data import bundled_path, load_dataset

    with open(bundled_path() / "regio.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["regiotype"] == "jeugdregio"]
    region = next(r["regio_code"] for r in rows if r["gm_code"] == "GM0513")
    inside = {r["gm_code"] for r in rows if r["regio_code"] == region}
    result = CliRunner().invoke(
        cli,
        [
            "hoofdstuk",
            "Gouda",
            "--binnen",
            "jeugdregio",
            "--groepsgrootte",
            "3",
            "--modus",
            "literature",
            "--geen-bewijs",
        ],
    )
    assert result.exit_code == 0, result.output
    choices = [line for line in result.output.splitlines() if "Het college kiest" in line]
    assert choices
    ds = load_dataset()
    for line in choices:
        names = line.split(" samen met ", 1)[1].split(" uitvoeren", 1)[0]
        for name in (n for part in names.split(", ") for n in part.split(" en ")):
            assert ds.gemeente(name).code in inside, name
