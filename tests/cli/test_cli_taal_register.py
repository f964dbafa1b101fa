"""``regiokompas register`` speaks the language of --taal (issue 16): its tables, captions and
messages, on a temporary SQLite register; the numbers are the same in both languages."""

from __future__ import annotations

import pytest
from test_cli_taal import _absent, _rows, _run, _same_numbers_in_both_languages

REGISTER_CSV = (
    "naam,vorm,deelnemers,taakvelden,startdatum,begroting_keur\n"
    "Afval Gouwe,openbaar_lichaam,GM0513=1234.5;Waddinxveen=820.25,7.3,2020-01-01,2054.75\n"
    "Belastingen Gouwe,bedrijfsvoeringsorganisatie,GM0513;GM1892,0.61,,\n"
)

#: Dutch tell-tales of the register's own texts; proper names, codes (rol, audit action) and the
#: sources' names stay Dutch. The form and class are shown by their label (English: the
#: register's English form name, "cooperation"/"outsourcing"/"unknown").
REGISTER_DUTCH = (
    "Regelingen (",
    "Bron:",
    "Naam",
    "verifiëren",
    "Kenmerk",
    "Begroting",
    "Deelnemers",
    "Wijzigingen",
    "Tijdstip",
    "Zienswijzerecht",
    "Congruentie",
    "Aandeel met",
    "Bestaande partners",
    "Gebruikers",
    "Actief",
    " ja",
    " nee",
)
REGISTER_ENGLISH = (
    "Arrangements (",
    "Source:",
    "Name",
    "verified",
    "Characteristic",
    "Budget",
    "Members",
    "Changes",
    "Time",
    "right to give views",
    "Congruence",
    "Share with",
    "Existing partners",
    "Users",
    "Active",
    " yes",
    " no",
)


@pytest.fixture(scope="module")
def register_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(database URL, id of 'Afval Gouwe') of a seeded SQLite register."""
    folder = tmp_path_factory.mktemp("register")
    url = f"sqlite:///{folder / 'r.sqlite'}"
    (folder / "regelingen.csv").write_text(REGISTER_CSV, encoding="utf-8")
    for args in (
        ["init", "--seed"],
        ["import", str(folder / "regelingen.csv")],
        ["gebruiker-toevoegen", "anna", "--rol", "lezer", "--wachtwoord", "een lang wachtwoord"],
    ):
        result = _run("register", "--database", url, *args)
        assert result.exit_code == 0, result.output
    listing = _run("register", "--database", url, "zoek", "Afval Gouwe", "--format", "csv")
    ident = _rows(listing.output)[1][0]
    return url, ident


def _register_runs(url: str, ident: str, language: str) -> str:
    """The human output of the reading register commands (and a dry-run import) in one text."""
    prefix = ["--taal", language]
    outputs = []
    for args in (
        ["lijst", "--zoek", "Gouwe"],
        ["zoek", "Gouwe"],
        ["toon", ident],
        ["congruentie", "Gouda"],
        ["gebruikers"],
    ):
        result = _run(*prefix, "register", "--database", url, *args)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    return "\n".join(outputs)


def test_register_output_follows_the_language(register_db: tuple[str, str]) -> None:
    url, ident = register_db
    english = _register_runs(url, ident, "en")
    dutch = _register_runs(url, ident, "nl")
    for word in REGISTER_ENGLISH:
        assert word in english, word
    for word in REGISTER_DUTCH:
        assert word in dutch, word
    _absent(REGISTER_DUTCH, english)
    _absent(REGISTER_ENGLISH, dutch)
    # The form and the classification reason come from the register core in both languages.
    assert "Public body (Wgr)" in english and "Openbaar lichaam (Wgr)" in dutch
    # The list shows the class (and in English the form) by its label, not its code.
    listing = _run("--taal", "en", "register", "--database", url, "lijst", "--zoek", "Gouwe")
    assert "cooperation" in listing.output and "outsourcing" in listing.output
    _absent(("openbaar_lichaam", "samenwerking", "uitbesteding"), listing.output)
    # CSV, read by programs, keeps the codes in both languages.
    args = ("register", "--database", url, "lijst", "--zoek", "Gouwe", "--format", "csv")
    assert "openbaar_lichaam,samenwerking" in _run("--taal", "en", *args).output


def test_register_messages_follow_the_language(register_db: tuple[str, str], tmp_path) -> None:
    url, _ = register_db
    path = tmp_path / "regelingen.csv"
    path.write_text(REGISTER_CSV, encoding="utf-8")
    args = ["register", "--database", url, "import", str(path), "--droog", "--bijwerken"]
    dutch = _run(*args)
    english = _run("--taal", "en", *args)
    assert dutch.exit_code == english.exit_code == 0, dutch.output + english.output
    # Both rows are already in the register with the same fields.
    assert dutch.output == (
        "Proefimport van regelingen.csv: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd. "
        "Er is niets opgeslagen.\n"
    )
    assert english.output == (
        "Dry run of regelingen.csv: 0 new, 0 updated, 2 unchanged. Nothing was saved.\n"
    )


def test_register_numbers_are_the_same_in_both_languages(register_db: tuple[str, str]) -> None:
    url, ident = register_db
    _same_numbers_in_both_languages("register", "--database", url, "toon", ident)
    # Hand-worked: the budget and contributions of the imported CSV row, in each language.
    dutch = _run("register", "--database", url, "toon", ident, "--format", "csv").output
    english = _run("--taal", "en", "register", "--database", url, "toon", ident, "--format", "csv")
    assert 'Begroting (k€/jaar),"2.054,8"' in dutch and 'GM0513,Gouda,"1.234,5"' in dutch
    assert 'Budget (k€/year),"2,054.8"' in english.output
    assert "GM0627,Waddinxveen,820.2" in english.output and 'GM0627,Waddinxveen,"820,2"' in dutch


def test_register_congruence_index_is_sets_over_arrangements(register_db: tuple[str, str]) -> None:
    url, _ = register_db
    for language, point in (("nl", ","), ("en", ".")):
        result = _run(
            "--taal",
            language,
            "register",
            "--database",
            url,
            "congruentie",
            "Gouda",
            "--format",
            "csv",
        )
        rows = dict(row[:2] for row in _rows(result.output) if len(row) >= 2)
        regelingen = int(rows[next(k for k in rows if k in ("Regelingen", "Arrangements"))])
        sets = int(rows[next(k for k in rows if k.startswith(("Verschillende", "Different")))])
        index = rows[next(k for k in rows if k.startswith("Index"))]
        assert index == f"{sets / regelingen:.2f}".replace(".", point)
