"""``regiokompas register ...`` end to end with CliRunner on a SQLite file."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from regiokompas.cli import cli

GOOD = (
    "naam,vorm,deelnemers,taakvelden,startdatum\n"
    "Afval Gouwe,openbaar_lichaam,Gouda;Waddinxveen,7.3,2020-01-01\n"
    "Belastingen Gouwe,bedrijfsvoeringsorganisatie,GM0513;GM1892,0.61,\n"
)
BAD = (
    "naam,vorm,deelnemers,taakvelden,startdatum\n"
    "Afval Gouwe 2,openbaar_lichaam,Gouda;Atlantis,7.3,2020-01-01\n"
    "Belastingen 2,bedrijfsvoeringsorganisatie,GM0513;GM1892,0.61,31-12-2020\n"
)


def _run(runner: CliRunner, url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["register", "--database", url, *args])
    return result.exit_code, result.output


def test_register_commands(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    runner = CliRunner()
    assert _run(runner, url, "init")[0] == 0
    (tmp_path / "goed.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "fout.csv").write_text(BAD, encoding="utf-8")
    code, out = _run(runner, url, "import", str(tmp_path / "goed.csv"))
    assert code == 0 and "2 regelingen" in out
    code, out = _run(runner, url, "import", str(tmp_path / "fout.csv"))
    assert code != 0
    assert "rij 2, veld deelnemers" in out and "rij 3, veld startdatum" in out
    assert "niets opgeslagen" in out
    code, out = _run(runner, url, "lijst", "--format", "json")
    records = json.loads(out)
    assert [r["naam"] for r in records] == ["Afval Gouwe", "Belastingen Gouwe"]
    assert records[0]["classificatie"] == "samenwerking"
    code, out = _run(runner, url, "zoek", "belast", "--format", "json")
    assert [r["naam"] for r in json.loads(out)] == ["Belastingen Gouwe"]
    code, out = _run(runner, url, "export", str(tmp_path / "uit.csv"), "--gemeente", "Waddinxveen")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "uit.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["naam"], r["deelnemers"]) for r in rows] == [("Afval Gouwe", "GM0513;GM0627")]
    ident = str(records[0]["id"])
    assert _run(runner, url, "verwijder", ident)[0] == 0
    assert [r["naam"] for r in json.loads(_run(runner, url, "lijst", "--format", "json")[1])] == [
        "Belastingen Gouwe"
    ]
    assert _run(runner, url, "herstel", ident)[0] == 0
    code, out = _run(runner, url, "toon", ident, "--format", "json")
    shown = json.loads(out)
    assert [a["actie"] for a in shown["geschiedenis"]] == ["hersteld", "verwijderd", "geimporteerd"]
    assert shown["geschiedenis"][0]["gebruiker"].startswith("cli:")
    code, out = _run(runner, url, "congruentie", "Gouda", "--format", "json")
    data = json.loads(out)
    assert data["congruentie"]["partnersets"] == 2
    assert [p["code"] for p in data["partners"]] == ["GM0627", "GM1892"]
    code, out = _run(
        runner,
        url,
        "gebruiker-toevoegen",
        "anna",
        "--rol",
        "redacteur",
        "--gemeente",
        "Gouda",
        "--wachtwoord",
        "een lang wachtwoord",
    )
    assert code == 0 and "GM0513" in out
    code, out = _run(
        runner, url, "gebruiker-toevoegen", "bob", "--rol", "lezer", "--wachtwoord", "kort"
    )
    assert code != 0 and "12 tekens" in out
    code, out = _run(runner, url, "token-maken", "anna")
    assert code == 0 and out.strip().startswith("rk_")
    token = out.strip()
    code, out = _run(runner, url, "gebruikers")
    assert code == 0 and "anna" in out and "redacteur" in out
    code, out = _run(runner, url, "wachtwoord", "anna", "--wachtwoord", "een nieuw lang wachtwoord")
    assert code == 0
    from regiokompas.store import Register

    reg = Register.open(url)
    assert reg.inloggen("anna", "een nieuw lang wachtwoord") is not None
    assert reg.inloggen("anna", "een lang wachtwoord") is None
    assert reg.token_gebruiker(token) is not None
    code, out = _run(runner, url, "token-intrekken", "anna")
    assert code == 0 and "1 token" in out
    assert reg.token_gebruiker(token) is None
    reg.engine.dispose()
    code, out = _run(runner, url, "toon", "999")
    assert code != 0 and "bestaat niet" in out
