"""The register in the web app, on SQLite and PostgreSQL: permissions through the API
(Bearer tokens) and the pages (session + CSRF), conflicts, import report, export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from store_helpers import BEHEERDER

from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app
from regiokompas.web._register_auth import close_registers

PASSWORD = "een heel lang wachtwoord"


@pytest.fixture
def setup(
    database_url: str,
) -> Iterator[tuple[TestClient, Register, dict[str, int], dict[str, str]]]:
    reg = Register.open(database_url, load_dataset())
    gouwe = reg.aanmaken(
        Regeling("Afval Gouwe", "openbaar_lichaam", (Deelnemer("GM0513"), Deelnemer("GM0627"))),
        BEHEERDER,
    )
    utrecht = reg.aanmaken(
        Regeling(
            "Afval Utrecht-West", "openbaar_lichaam", (Deelnemer("GM0344"), Deelnemer("GM0356"))
        ),
        BEHEERDER,
    )
    tokens = {}
    for name, rol, gm in [
        ("gouda", "redacteur", "GM0513"),
        ("lezer", "lezer", None),
        ("beheer", "beheerder", None),
    ]:
        reg.gebruiker_toevoegen(name, PASSWORD, rol, gm, BEHEERDER)
        tokens[name] = reg.token_maken(name, "test", BEHEERDER)
    app = create_app(Settings(database_url=database_url, sessie_sleutel="test-sleutel-register"))
    with TestClient(app) as client:
        yield client, reg, {"gouwe": gouwe.id or 0, "utrecht": utrecht.id or 0}, tokens
    close_registers()
    reg.engine.dispose()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _body(client: TestClient, ident: int) -> dict:
    body = client.get(f"/api/v1/regelingen/{ident}").json()
    return {k: v for k, v in body.items() if k not in ("id", "verwijderd", "classificatie")}


def test_api_permissions(setup) -> None:
    client, reg, ids, tokens = setup
    other = _body(client, ids["utrecht"])
    other["begrotingKeur"] = 99.0
    url = f"/api/v1/regelingen/{ids['utrecht']}"
    r = client.put(url, json=other, headers=_auth(tokens["gouda"]))
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
    assert r.headers["api-version"] == "1.0.0"
    assert client.delete(url, headers=_auth(tokens["gouda"])).status_code == 403
    assert client.put(url, json=other, headers=_auth(tokens["lezer"])).status_code == 403
    r = client.put(url, json=other)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert client.put(url, json=other, headers=_auth("rk_verzonnen")).status_code == 401
    assert reg.toon(ids["utrecht"]).begroting_keur is None  # unchanged
    own = _body(client, ids["gouwe"])
    own["begrotingKeur"] = 12.5
    r = client.put(f"/api/v1/regelingen/{ids['gouwe']}", json=own, headers=_auth(tokens["gouda"]))
    assert r.status_code == 200 and r.json()["versie"] == 2
    assert reg.toon(ids["gouwe"]).begroting_keur == 12.5
    # The same body again carries the old version: a conflict, not a lost update.
    own["begrotingKeur"] = 13.0
    r = client.put(f"/api/v1/regelingen/{ids['gouwe']}", json=own, headers=_auth(tokens["beheer"]))
    assert r.status_code == 409 and "versie 1" in r.json()["detail"]
    assert reg.toon(ids["gouwe"]).begroting_keur == 12.5
    trail = client.get(
        f"/api/v1/regelingen/{ids['gouwe']}/wijzigingen", headers=_auth(tokens["lezer"])
    )
    assert trail.status_code == 200
    change = trail.json()["wijzigingen"][0]
    assert (change["gebruiker"], change["veld"], change["oud"], change["nieuw"]) == (
        "gouda",
        "begroting_keur",
        None,
        12.5,
    )
    assert client.get(f"/api/v1/regelingen/{ids['gouwe']}/wijzigingen").status_code == 401


def test_api_create_validate_delete_restore(setup) -> None:
    client, reg, ids, tokens = setup
    new = {
        "naam": "ICT Gouwe",
        "vorm": "bedrijfsvoeringsorganisatie",
        "deelnemers": [{"code": "GM0513", "bijdrageKeur": 10}, {"code": "GM9999"}],
    }
    r = client.post("/api/v1/regelingen", json=new, headers=_auth(tokens["gouda"]))
    assert r.status_code == 400
    assert [p["name"] for p in r.json()["invalidParams"]] == ["deelnemers"]
    new["deelnemers"][1] = {"code": "GM1892"}
    r = client.post("/api/v1/regelingen", json=new, headers=_auth(tokens["gouda"]))
    assert r.status_code == 201
    created = r.json()
    assert r.headers["location"] == f"/api/v1/regelingen/{created['id']}"
    assert [d["naam"] for d in created["deelnemers"]] == ["Gouda", "Zuidplas"]
    assert created["classificatie"]["klasse"] == "samenwerking"
    utrecht = {**new, "naam": "Utrecht ICT", "deelnemers": [{"code": "GM0344"}, {"code": "GM0356"}]}
    assert (
        client.post("/api/v1/regelingen", json=utrecht, headers=_auth(tokens["gouda"])).status_code
        == 403
    )
    url = f"/api/v1/regelingen/{created['id']}"
    assert client.delete(url, headers=_auth(tokens["gouda"])).status_code == 204
    assert client.get(url).status_code == 404
    r = client.post(f"{url}/herstel", headers=_auth(tokens["gouda"]))
    assert r.status_code == 200 and not r.json()["verwijderd"]
    listed = client.get("/api/v1/regelingen", params={"gemeente": "GM1892"}).json()
    assert [x["naam"] for x in listed["regelingen"]] == ["ICT Gouwe"]
    cong = client.get("/api/v1/gemeenten/GM0513/congruentie").json()
    assert (cong["regelingen"], cong["partnersets"]) == (2, 2)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field"
    return match.group(1)


def _login(client: TestClient, name: str) -> str:
    token = _csrf(client.get("/register/inloggen").text)
    r = client.post(
        "/register/inloggen",
        data={"csrf": token, "gebruikersnaam": name, "wachtwoord": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return _csrf(client.get("/register").text)


def _form(reg: Register, ident: int, **changes: str) -> dict[str, str]:
    r = reg.toon(ident)
    data = {
        "naam": r.naam,
        "vorm": r.vorm,
        "deelnemers": "\n".join(r.gemeenten),
        "taakvelden": "",
        "versie": str(r.versie),
    }
    data.update(changes)
    return data


def test_pages_permissions_and_csrf(setup) -> None:
    client, reg, ids, _ = setup
    assert client.get("/register").status_code == 200  # reading is public
    detail = client.get(f"/register/regelingen/{ids['gouwe']}").text
    assert "Wijzigingsgeschiedenis" not in detail and "Bewerken" not in detail
    anonymous = client.post(
        f"/register/regelingen/{ids['gouwe']}/bewerken",
        data={**_form(reg, ids["gouwe"]), "csrf": _csrf(client.get("/register/inloggen").text)},
    )
    assert anonymous.status_code == 401
    csrf = _login(client, "gouda")
    r = client.post(
        f"/register/regelingen/{ids['utrecht']}/bewerken",
        data={**_form(reg, ids["utrecht"], begroting_keur="5"), "csrf": csrf},
    )
    assert r.status_code == 403
    assert client.get(f"/register/regelingen/{ids['utrecht']}/bewerken").status_code == 403
    r = client.post(f"/register/regelingen/{ids['utrecht']}/verwijderen", data={"csrf": csrf})
    assert r.status_code == 403
    assert reg.toon(ids["utrecht"]).begroting_keur is None
    # Without or with a wrong CSRF token nothing happens, even for the own arrangement.
    for token in ("", "vervalst"):
        r = client.post(
            f"/register/regelingen/{ids['gouwe']}/bewerken",
            data={**_form(reg, ids["gouwe"], begroting_keur="7"), "csrf": token},
        )
        assert r.status_code == 403
    assert reg.toon(ids["gouwe"]).begroting_keur is None
    r = client.post(
        f"/register/regelingen/{ids['gouwe']}/bewerken",
        data={**_form(reg, ids["gouwe"], begroting_keur="7,5"), "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert reg.toon(ids["gouwe"]).begroting_keur == 7.5
    detail = client.get(f"/register/regelingen/{ids['gouwe']}").text
    assert "Wijzigingsgeschiedenis" in detail and "begroting_keur" in detail
    # A stale form (old version) is a conflict page, not an overwrite.
    stale = {**_form(reg, ids["gouwe"], begroting_keur="8"), "versie": "1", "csrf": csrf}
    assert (
        client.post(f"/register/regelingen/{ids['gouwe']}/bewerken", data=stale).status_code == 409
    )
    bad = {**_form(reg, ids["gouwe"], startdatum="2020-02-30"), "csrf": csrf}
    r = client.post(f"/register/regelingen/{ids['gouwe']}/bewerken", data=bad)
    assert r.status_code == 400 and "geen datum" in r.text
    assert reg.toon(ids["gouwe"]).begroting_keur == 7.5


def test_import_page_report_and_export(setup) -> None:
    client, reg, ids, _ = setup
    csrf = _login(client, "gouda")
    before = reg.exporteer("csv")
    bad = (
        "naam,vorm,deelnemers\nNieuw A,convenant,GM0513;GM0627\nNieuw B,convenant,GM0513;Nergens\n"
    )
    r = client.post(
        "/register/importeren",
        data={"csrf": csrf},
        files={"bestand": ("fout.csv", bad.encode(), "text/csv")},
    )
    assert r.status_code == 400
    assert re.search(r'<th scope="row">3</th><td>deelnemers</td>', r.text)
    assert reg.exporteer("csv") == before
    good = bad.replace("Nergens", "Zuidplas")
    r = client.post(
        "/register/importeren",
        data={"csrf": csrf},
        files={"bestand": ("goed.csv", good.encode(), "text/csv")},
    )
    assert r.status_code == 200 and "2 regelingen" in r.text
    exported = client.get("/register/exporteren", params={"formaat": "csv", "gemeente": "GM1892"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [x["naam"] for x in rows] == ["Nieuw B"]
    xlsx = client.get("/register/exporteren", params={"formaat": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
