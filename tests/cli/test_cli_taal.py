"""The command line speaks one language at a time: --taal / REGIOKOMPAS_TAAL, click included."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from regiokompas.cli import cli

#: Words that give away the other language in help and error output.
ENGLISH = (
    "Invalid value",
    "Error:",
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Try '",
    "Missing option",
    "[default:",
    "required]",
)
DUTCH = (
    "Ongeldige waarde",
    "Fout:",
    "Gebruik:",
    "Opties:",
    "Opdrachten:",
    "Toon deze",
    "Probeer '",
    "Ontbrekende optie",
    "[standaard:",
    "verplicht]",
    "gemeenten met",
    "Map met",
    " het ",
    " een ",
)


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env or {"REGIOKOMPAS_TAAL": None})


def _absent(words: tuple[str, ...], text: str) -> None:
    found = [w for w in words if w in text]
    assert not found, f"{found} in:\n{text}"


def test_click_errors_are_dutch_by_default() -> None:
    result = _run("indeling", "--max-groep", "x")
    assert result.exit_code == 2
    assert "Fout: Ongeldige waarde voor '--max-groep': 'x' is geen geheel getal." in result.output
    assert "Probeer 'cli indeling --help' voor hulp." in result.output
    _absent(ENGLISH, result.output)


def test_missing_option_is_dutch() -> None:
    result = _run("besparing")
    assert result.exit_code == 2
    assert "Ontbrekende optie '--gemeenten'." in result.output
    _absent(ENGLISH, result.output)


def test_click_errors_are_english_with_taal_en() -> None:
    result = _run("--taal", "en", "indeling", "--max-groep", "x")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--max-groep': 'x' is not a valid integer range." in (
        result.output
    )
    _absent(DUTCH, result.output)


def test_environment_variable_chooses_the_language() -> None:
    result = _run("besparing", env={"REGIOKOMPAS_TAAL": "en"})
    assert "Missing option '--gemeenten'." in result.output
    # An explicit --taal wins over the environment.
    result = _run("--taal", "nl", "besparing", env={"REGIOKOMPAS_TAAL": "en"})
    assert "Ontbrekende optie '--gemeenten'." in result.output


@pytest.mark.parametrize("args", [[], ["register"], ["besparing"], ["gemeente"], ["data", "bouw"]])
def test_help_in_english_has_no_dutch(args: list[str]) -> None:
    result = _run("--taal", "en", *args, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and "Options:" in result.output
    _absent(DUTCH, result.output)


@pytest.mark.parametrize("args", [[], ["register"], ["besparing"], ["kostenmodel"]])
def test_help_in_dutch_has_no_english(args: list[str]) -> None:
    result = _run(*args, "--help")
    assert result.exit_code == 0, result.output
    assert "Gebruik:" in result.output and "Opties:" in result.output
    _absent(ENGLISH, result.output)


def test_the_language_does_not_stick_to_the_next_run() -> None:
    assert "Missing option" in _run("--taal", "en", "besparing").output
    assert "Ontbrekende optie" in _run("besparing").output


def test_kostenmodel_writes_no_file_unless_asked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    quiet = _run("kostenmodel", "--taakveld", "7.3", "--format", "json")
    assert quiet.exit_code == 0, quiet.output
    assert os.listdir(tmp_path) == []
    asked = _run("kostenmodel", "--taakveld", "7.3", "--uit", "afval.png")
    assert asked.exit_code == 0, asked.output
    assert os.listdir(tmp_path) == ["afval.png"]
    assert (tmp_path / "afval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_data_bouw_explains_the_raw_snapshot() -> None:
    result = _run("data", "bouw")
    assert result.exit_code == 2
    assert "ruwe momentopname" in result.output and "docs/data.md" in result.output
    english = _run("--taal", "en", "data", "bouw")
    assert "raw snapshot" in english.output and "docs/data.md" in english.output
    help_text = _run("data", "bouw", "--help").output
    assert "Alleen voor ontwikkelaars" in help_text


#: Dutch words that must not appear in an English run of a command (names of gemeenten,
#: regions, taakvelden and sources are proper names and may stay Dutch).
DUTCH_OUTPUT = (
    "gemeenten met",
    "Bron",
    "Inwoners",
    "Kenmerk",
    "mediaan",
    "vergelijkbare",
    "Buurgemeenten",
    "over water",
    "Verschil",
    "Fout",
    "niet eenduidig",
    "zelfde jaar",
)
ENGLISH_OUTPUT = (
    "Source",
    "Inhabitants",
    "Key figures",
    "median",
    "comparable",
    "Error",
    "ambiguous",
    "same year",
    "across water",
)


@pytest.mark.parametrize("naam", ["Gouda", "Vaals", "Texel"])
def test_gemeente_in_english_has_no_dutch_telltales(naam: str) -> None:
    result = _run("--taal", "en", "gemeente", naam)
    assert result.exit_code == 0, result.output
    assert "Key figures" in result.output and "Source:" in result.output
    _absent(DUTCH_OUTPUT, result.output)


@pytest.mark.parametrize("naam", ["Gouda", "Texel"])
def test_gemeente_in_dutch_has_no_english_telltales(naam: str) -> None:
    result = _run("gemeente", naam)
    assert result.exit_code == 0, result.output
    assert "Kerncijfers" in result.output and "Bron:" in result.output
    _absent(ENGLISH_OUTPUT, result.output)


def test_numbers_follow_the_language() -> None:
    # Gouda: 75.316 inhabitants on 1 January 2023 (CBS Kerncijfers wijken en buurten 2023).
    assert "75.316" in _run("gemeente", "Gouda").output
    assert "75,316" in _run("--taal", "en", "gemeente", "Gouda").output


def test_lookup_errors_follow_the_language() -> None:
    dutch = _run("gemeente", "Bergen")
    english = _run("--taal", "en", "gemeente", "Bergen")
    assert dutch.exit_code == english.exit_code == 1
    assert "niet eenduidig" in dutch.output and "Fout:" in dutch.output
    assert "is ambiguous" in english.output and "Error:" in english.output
    _absent(("Fout", "niet eenduidig", "Bedoelt u"), english.output)


def _rows(csv_text: str) -> list[list[str]]:
    return list(csv.reader(line for line in csv_text.splitlines() if not line.startswith("#")))


def _numbers(csv_text: str, language: str, other: str) -> list[list[float | None]]:
    """Every cell of a CSV run as a number in ``language`` (None for text), row by row; a cell
    written the same in the ``other`` run (a code such as taakveld 0.61, a year) is None."""
    rows = []
    others = list(_rows(other))
    for k, row in enumerate(_rows(csv_text)):
        values: list[float | None] = []
        for j, cell in enumerate(row):
            if j < len(others[k]) and others[k][j] == cell:
                values.append(None)
                continue
            number = cell.removesuffix("%").replace("−", "-")
            if not re.fullmatch(r"-?\d[\d.,]*", number):
                values.append(None)
                continue
            group, point = (".", ",") if language == "nl" else (",", ".")
            values.append(float(number.replace(group, "").replace(point, ".")))
        rows.append(values)
    return rows


def _same_numbers_in_both_languages(*args: str) -> None:
    """The CSV output of a command has the same numbers, cell for cell, in Dutch and English."""
    dutch = _run(*args, "--format", "csv")
    english = _run("--taal", "en", *args, "--format", "csv")
    assert dutch.exit_code == english.exit_code == 0, dutch.output + english.output
    assert len(_rows(dutch.output)) == len(_rows(english.output))
    nl_rows = _numbers(dutch.output, "nl", english.output)
    en_rows = _numbers(english.output, "en", dutch.output)
    # The check has numbers to see: some are written differently in the two languages.
    assert sum(v is not None for row in nl_rows for v in row) >= 3
    for k, (nl_row, en_row) in enumerate(zip(nl_rows, en_rows, strict=True)):
        assert len(nl_row) == len(en_row)
        if nl_row and _rows(dutch.output)[k][0] in VARYING_ROWS:
            continue
        for nl_value, en_value in zip(nl_row, en_row, strict=True):
            if nl_value is not None:
                assert en_value == nl_value, (nl_row, en_row)


#: Per command: a small run, Dutch tell-tales from the command's own texts (for besparing and
#: verdeel also from the engines' texts), English tell-tales.
COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "besparing": (
        ("besparing", "--gemeenten", "Oudewater,Montfoort,Lopik", "--taakveld", "0.61"),
        (
            "Samenvatting",
            "Bruto besparing",
            "Netto besparing",
            "Bronnen en aannames",
            "trekkingen",
            "Eenheidsprijzen",
            "Autonomieverlies",
            "Uittreedkosten",
            "op taakveld(en)",
            # The savings engine's texts: method, verdict basis, "al in", CC BY attribution.
            "literatuur",
            "contante waarde over",
            "0.61: al in",
            "Bron:",
            # Our own words around the sources and the unit prices (citations stay as written).
            "aanname Regiokompas",
            "Aanname Regiokompas",
            "vervang door",
            "kunstgras",
            "jongerenwerker",
            "lasten per taakveld",
            "Overstap (al in",
            "Vorm bedrijfsvoeringsorganisatie",
            "Discontovoet:",
            "tenzij anders",
            "als Bedrijfsvoeringsorganisatie (Wgr)",
        ),
        (
            "Summary",
            "verdict",
            "Gross saving",
            "Net saving",
            "Sources and assumptions",
            "draws",
            "Unit prices",
            "Loss of autonomy",
            "Exit costs",
            "already in",
            "present value over 10 years",
            "Source: CBS (Kerncijfers",
            "assumed by Regiokompas",
            "FTE youth worker",
            "Switching (already in an arrangement) policy task 0.61: Niaounakis & Blank (2017)",
            "Form bedrijfsvoeringsorganisatie: Wgr art. 8 lid 3",
        ),
    ),
    "partners": (
        ("partners", "Oudewater", "--max", "3", "--taakveld", "0.61,7.3"),
        (
            "Beste partnergroepen",
            "Paretofront",
            "aaneengesloten groepen",
            "Bestaande samenwerking",
            "Regio's die",
            "Partners voor",
            "trekkingen",
            "Regelingen",
            "startgegevens",
            "al belegd",
            "bundel 0.61",
        ),
        (
            "Best partner groups",
            "Pareto front",
            "contiguous groups",
            "Existing cooperation",
            "Regions the municipality",
            "Partners for",
            "draws",
            "Arrangements",
            "already covered",
            "bundle 0.61 + 7.3",
        ),
    ),
    "advies": (
        ("advies", "Oudewater", "--geen-bewijs"),
        (
            "Advies voor",
            "Kansen voor",
            "Overige taakvelden",
            "Vergelijkbare gemeenten",
            "Oordeel",
            "trekkingen",
            "Wettelijke plichten",
            "Contante waarde",
            # The legal context and the members already in an arrangement.
            "in werking sinds",
            "; verplicht;",
            "keuze gemeente",
            "regio:",
            "in register: ja",
            ": al in ",
        ),
        (
            "Advice for",
            "Opportunities for",
            "Other policy tasks",
            "Comparable municipalities",
            "Verdict",
            "draws",
            "Legal duties",
            "Present value",
            "in force since",
            "; required;",
            "region:",
            "in register: yes",
            ": already in ",
        ),
    ),
    "verdeel": (
        (
            "verdeel",
            "--gemeenten",
            "Gouda,Waddinxveen,Zuidplas",
            "--taakveld",
            "0.4",
            "--aaneengesloten",
        ),
        (
            "Kosten samen",
            "Bijdrage per lid",
            "Voordeel tegenover",
            "Stabiliteit",
            "Blokkerende coalitie",
            "Totaal",
            "De kern is",
            "kleinste kern:",
            "goedkoper uit",
            # The sharing engine's texts: method descriptions, notes, source, group name.
            "Per inwoner",
            "Naar gebruik",
            "gelijk verdeeld",
            "coalitie betaalt",
            "Kosten per coalitie",
            "aaneengesloten samenwerking",
            ": taakveld",
            # The --methode ids as column names.
            "kleinste-kern",
            "vast-variabel",
            "gebruik",
        ),
        (
            "Cost together",
            "Contribution per member",
            "Gain compared",
            "Stability",
            "Blocking coalition",
            "Total",
            "The core is",
            "least core",
            "better off alone",
            "Per inhabitant",
            "By use",
            "shared equally",
            "Cost per coalition",
            ": policy task 0.4",
            "least-core",
            "fixed-variable",
        ),
    ),
    "indeling": (
        ("indeling", "--gebied", "veiligheidsregio:VR09", "--taakveld", "7.3", "--max-groep", "3"),
        (
            "Indeling van",
            "Samenvatting",
            "Totale nettowaarde",
            "Bewezen bovengrens",
            "bewezen optimaal",
            "Samenwerkingsgroepen",
            "Alleen (geen groep",
            "Rekentijd",
            "besparingsmodel",
        ),
        (
            "Partition of",
            "Summary",
            "Total net value",
            "Proven upper bound",
            "proven optimal",
            "Cooperation groups",
            "Alone (no group",
            "Computing time",
            "savings model",
        ),
    ),
    "kostenmodel": (
        ("kostenmodel", "--taakveld", "7.3"),
        (
            "Kostenmodel taakveld",
            "Schaalelasticiteit",
            "Afvlakpunt",
            "Standaardfout",
            "Waarnemingen",
            "Weggelaten",
            "Coëfficiënten",
            "Schatting",
            "schaalvoordelen",
            "clusterbootstrap",
        ),
        (
            "Cost model policy task",
            "Scale elasticity",
            "Levelling-off point",
            "Standard error",
            "Observations",
            "Left out",
            "Coefficients",
            "Estimate",
            "economies of scale",
            "bootstrap draws",
        ),
    ),
    "kostenmodel-validatie": (
        ("kostenmodel", "--taakveld", "7.3", "--validatie"),
        (
            "Terugtoets fusies",
            "Fusiejaar",
            "Voorgangers",
            "Basisjaar",
            "Werkelijk",
            "Binnen P10",
            "│ ja ",
            "│ nee ",
            "Dekking",
            "mediane breedte",
            "Effect van een fusie",
            "Na fusie",
            "Jaar vóór fusie",
            "Alle deelbare taakvelden",
            "│ totaal ",
            "kruisvalidatie",
            "RMSE alleen jaar",
            "Verbetering",
            "CBS bevolking",
            "laat-één-fusie-weg",
            "historische codes",
            "folds per gemeente",
            # The CC BY attribution of the data, as besparing shows it.
            "en Kadaster/PDOK (gemeentegrenzen)",
        ),
        (
            "Back-test on the mergers",
            "Merger year",
            "Predecessors",
            "Base year",
            "Within P10–P90",
            "│ yes ",
            "Coverage",
            "Effect of a merger",
            "All shareable policy tasks",
            "cross-validation",
            "leave one merger out",
            "and Kadaster/PDOK (municipal boundaries)",
        ),
    ),
    "indeling-robuust": (
        ("indeling", "--gebied", "provincie:Utrecht", "--taakveld", "0.61", "--robuust"),
        (
            "Robuuste indeling",
            "Doel en grens",
            "Bewezen grens",
            "Kloof",
            "Groepen",
            "puntschatting",
            "trekkingen",
            "risicomijdend",
            "Wat robuust",
            "Doelwaarde",
            "Leden",
            "0,0000%",
        ),
        (
            "Robust partition",
            "Objective and bound",
            "Proven bound",
            "Gap",
            "point estimate",
            "risk-averse",
            "What robustness costs",
            "Objective value",
            "0.0000%",
        ),
    ),
    "indeling-stabiliteit": (
        (
            "indeling",
            "--gebied",
            "provincie:Utrecht",
            "--taakveld",
            "0.61",
            "--stabiliteit",
            "20",
            "--workers",
            "1",
        ),
        (
            "Stabiliteit",
            "Trekkingen",
            "Bewezen optimaal",
            "Grootste kloof",
            "Afgehandeld via",
            "bisectie",
            "Rekentijd",
            "Groepen van de robuuste",
            "Aandeel",
            "Buurparen",
            "│ Buur ",
        ),
        (
            "Stability",
            "Draws",
            "Solved to proven optimality",
            "Largest gap",
            "Handled by LP",
            "Share",
            "Neighbour pairs",
        ),
    ),
    "plichten": (
        ("gemeente", "Gouda", "--plichten"),
        (
            "Wat moet",
            "Wet en artikel",
            "Verplicht",
            "in werking",
            "keuze gemeente",
            "│ ja ",
            "alleen 2016",
            "meegeleverde startgegevens",
            "controleer of die",
            "Kwetsbaarheid",
            "Indicatief",
            "loonkosten",
            "bovengrens",
        ),
        (
            "What must",
            "Law and article",
            "Required",
            "in force since",
            "municipality's choice",
            "only 2016",
            "bundled starting data",
            "Vulnerability",
            "Indicative",
            "wage costs",
            "upper bound",
        ),
    ),
}

#: Rows whose numbers may differ between two runs (wall-clock time), by their Dutch label.
VARYING_ROWS = ("Rekentijd (s)",)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_output_follows_the_language(command: str) -> None:
    args, dutch_words, english_words = COMMANDS[command]
    english = _run("--taal", "en", *args)
    dutch = _run(*args)
    assert english.exit_code == dutch.exit_code == 0, english.output + dutch.output
    assert english_words[0] in english.output and dutch_words[0] in dutch.output
    _absent(dutch_words, english.output)
    _absent(english_words, dutch.output)


#: gemeente --plichten has no number written differently in the two languages (small amounts,
#: FTE ranges), so the number check below would see nothing.
NUMBER_COMMANDS = sorted(set(COMMANDS) - {"plichten"})


@pytest.mark.parametrize("command", NUMBER_COMMANDS)
def test_command_numbers_are_the_same_in_both_languages(command: str) -> None:
    _same_numbers_in_both_languages(*COMMANDS[command][0])


def test_savings_sources_translate_our_words_and_keep_the_citations() -> None:
    args = ("besparing", "--gemeenten", "Oudewater,Montfoort,Lopik", "--taakveld", "0.61")
    english = _run("--taal", "en", *args, "--format", "csv").output
    dutch = _run(*args, "--format", "csv").output

    def sources(text: str) -> str:
        dutch = text.partition("# Bronnen en aannames")[2]
        return dutch or text.partition("# Sources and assumptions")[2]

    nl = [row for row in _rows(sources(dutch)) if row][1:]
    en = [row for row in _rows(sources(english)) if row][1:]
    assert len(nl) == len(en) == 5  # lasten, taakveld, overstap, vorm, discontovoet
    # Every citation (author, year, journal, volume; ECLI; law article) is kept as written.
    for citation in (
        "Niaounakis & Blank (2017) Local Government Studies:",
        "Niaounakis & Blank (2017) Local Government Studies 43(4):",
        "Wgr art. 8 lid 3:",
        "ECLI:NL:RVS:2015:1198",
        "Werkgroep discontovoet 2020",
        "CBS Iv3 jaarrekening 2024",
    ):
        assert sum(citation in row[0] for row in nl) == sum(citation in row[0] for row in en) == 1
    assert en[-1] == [
        "Discount rate: Werkgroep discontovoet 2020 (standard discount rate 2.25%), "
        "unless set otherwise"
    ]


def test_the_cli_catalogue_holds_the_partition_engines_descriptions() -> None:
    """The robust table shows the engine's Dutch descriptions of its criteria through the CLI
    catalogue: if the engine changes one, this fails instead of English showing Dutch."""
    from regiokompas.cli._indeling_robust import DESCRIPTIONS
    from regiokompas.i18n import gettext
    from regiokompas.partition.robust import CRITERIA

    assert set(CRITERIA.values()) == set(DESCRIPTIONS)
    for text in DESCRIPTIONS:
        assert gettext(text, "en", domain="cli") != text


def test_data_info_follows_the_language() -> None:
    english = _run("--taal", "en", "data", "info")
    dutch = _run("data", "info")
    assert english.exit_code == dutch.exit_code == 0, english.output + dutch.output
    assert "Sources per table" in english.output and "Bronnen per tabel" in dutch.output
    assert "neighbours: 883 pairs" in english.output and "buren: 883 paren" in dutch.output
    # Source names stay as written; our words around them follow the language.
    assert "CBS Gebiedsindelingen 2024 (cartomap), spatial join" in english.output
    _absent(("Databundel", "Bestand", "Afgeleid uit", "indeling van elk jaar"), english.output)
