"""The register in the web app, on SQLite and PostgreSQL: permissions through the API
(Bearer tokens) and the pages (session + CSRF), conflicts, import report, export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from store_helpers import BEHEERDER

from regiokompas.data import load_dataset
from regiokompas.register import Deelnemer, Regeling
from regiokompas.settings import Settings
from regiokompas.store import Register
from regiokompas.web import create_app
from regiokompas.web.register._auth import close_registers

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
    # A bedrijfsvoeringsorganisatie only executes for its members: uitbesteding (rule 4).
    assert created["classificatie"]["klasse"] == "uitbesteding"
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
    pages = [
        client.get("/api/v1/regelingen", params={"paginaGrootte": 2, "pagina": n}).json()
        for n in (1, 2)
    ]
    assert [p["aantal"] for p in pages] == [3, 3] and [p["aantalPaginas"] for p in pages] == [2, 2]
    assert [[r["naam"] for r in p["regelingen"]] for p in pages] == [
        ["Afval Gouwe", "Afval Utrecht-West"],
        ["ICT Gouwe"],
    ]
    assert pages[0]["volgende"].endswith("pagina=2") and pages[1]["volgende"] is None
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


class _Page(HTMLParser):
    """Tags with attributes and which ids labels point to (a tiny inspector)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_for: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "label" and values.get("for"):
            self.label_for.add(values["for"])

    def find(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


def test_pages_flows_and_structure(setup) -> None:
    client, reg, ids, _ = setup
    bad = client.post(
        "/register/inloggen",
        data={
            "csrf": _csrf(client.get("/register/inloggen").text),
            "gebruikersnaam": "gouda",
            "wachtwoord": "fout",
        },
    )
    assert bad.status_code == 401 and "onjuist wachtwoord" in bad.text
    assert client.get("/register/nieuw").status_code == 401
    csrf = _login(client, "beheer")
    urls = [
        "/register",
        "/register?gemeente=Gouda&historisch=nee",
        f"/register/regelingen/{ids['gouwe']}",
        f"/register/regelingen/{ids['gouwe']}/bewerken",
        "/register/nieuw",
        "/register/importeren",
        "/register/verwijderd",
        "/register/inloggen",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Page(response.text)
        assert len(page.find("h1")) == 1, url
        assert page.find("main") and page.find("html")[0].get("lang") == "nl"
        for tag in ("input", "select", "textarea"):
            for control in page.find(tag):
                if control.get("type") not in ("hidden", "submit"):
                    assert control.get("id") in page.label_for, (url, control)
        for th in page.find("th"):
            assert th.get("scope") in ("col", "row"), (url, th)
    congruence = client.get("/register?gemeente=Gouda").text
    assert "Congruentie van Gouda" in congruence and "Waddinxveen (GM0627)" in congruence
    assert client.get("/register?gemeente=Nergenshuizen").status_code == 404
    # New arrangement through the form, then delete and undo.
    form = {
        "csrf": csrf,
        "naam": "Nieuw via formulier",
        "vorm": "convenant",
        "deelnemers": "Gouda = 10\nZuidplas",
        "taakvelden": "7.3; 7.4",
        "zienswijzerecht": "ja",
    }
    r = client.post("/register/nieuw", data=form, follow_redirects=False)
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    created = reg.toon(new_id)
    assert (created.gemeenten, created.taakvelden, created.zienswijzerecht) == (
        ("GM0513", "GM1892"),
        ("7.3", "7.4"),
        True,
    )
    assert created.deelnemers[0].bijdrage_keur == 10.0
    assert (
        client.post(
            f"/register/regelingen/{new_id}/verwijderen",
            data={"csrf": csrf},
            follow_redirects=False,
        ).status_code
        == 303
    )
    assert reg.lijst(alleen_verwijderd=True)[0].id == new_id
    assert "Nieuw via formulier" in client.get("/register/verwijderd").text
    assert (
        client.post(
            f"/register/regelingen/{new_id}/herstellen", data={"csrf": csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    assert not reg.toon(new_id).verwijderd
    r = client.post("/register/uitloggen", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/register/nieuw").status_code == 401


def test_lezer_cannot_edit_through_pages(setup) -> None:
    client, reg, ids, _ = setup
    csrf = _login(client, "lezer")
    # Logged in but not allowed: 403 (issue 18; logging in again would not help).
    assert client.get(f"/register/regelingen/{ids['gouwe']}/bewerken").status_code == 403
    r = client.post(f"/register/regelingen/{ids['gouwe']}/verwijderen", data={"csrf": csrf})
    assert r.status_code == 403
    assert not reg.toon(ids["gouwe"]).verwijderd
    assert "Wijzigingsgeschiedenis" in client.get(f"/register/regelingen/{ids['gouwe']}").text


def test_every_template_text_has_english() -> None:
    # The register's Dutch texts are message ids of the web catalogue; each has its English.
    from pathlib import Path

    from babel.messages.pofile import read_po

    from regiokompas.i18n import LOCALE_DIR
    from regiokompas.web.register._text import TEXTS

    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "web.po").open("rb") as handle:
        catalogue = read_po(handle)
    english = {m.id: m.string for m in catalogue if m.id and m.string}
    folder = Path(__file__).resolve().parents[2] / "src/regiokompas/web/templates/register"
    keys = set(TEXTS)
    for path in folder.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"_\('([^']*)'", text)) | set(re.findall(r'_\("([^"]*)"', text))
    assert len(keys) > 100
    assert keys - set(english) == set()


def test_pages_in_english(setup) -> None:
    client, reg, ids, _ = setup
    page = client.get("/register?lang=en&gemeente=Gouda").text
    assert '<html lang="en">' in page
    assert "Register of cooperation arrangements" in page and "Congruence of" in page
    assert "Regelingen waarin" not in page
    detail = client.get(f"/register/regelingen/{ids['gouwe']}").text  # the cookie keeps English
    assert "Public body (Wgr)" in detail and "2 municipalities share governance" in detail


def test_session_key_is_kept_private_in_the_data_folder(tmp_path, monkeypatch) -> None:
    import stat

    from regiokompas.web.register import _auth as _register_auth

    monkeypatch.setattr(_register_auth, "user_data_dir", lambda: tmp_path)
    first = _register_auth._secret(Settings())
    path = tmp_path / "sessiesleutel"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) >= 40
    assert _register_auth._secret(Settings()) == first  # reused, not regenerated
    assert _register_auth._secret(Settings(sessie_sleutel="eigen")) == "eigen"


def test_edit_form_without_version_is_a_conflict(setup) -> None:
    """Issue 18: an empty or missing ``versie`` no longer overwrites a newer edit."""
    client, reg, ids, tokens = setup
    csrf = _login(client, "gouda")
    # Someone else edits through the API first (version 1 -> 2).
    body = {**_body(client, ids["gouwe"]), "opmerking": "via de API"}
    r = client.put(f"/api/v1/regelingen/{ids['gouwe']}", json=body, headers=_auth(tokens["gouda"]))
    assert r.status_code == 200
    for versie in ("", "abc", None):
        form = {**_form(reg, ids["gouwe"], begroting_keur="9"), "csrf": csrf}
        if versie is None:
            del form["versie"]
        else:
            form["versie"] = versie
        r = client.post(f"/register/regelingen/{ids['gouwe']}/bewerken", data=form)
        assert r.status_code == 409, versie
    after = reg.toon(ids["gouwe"])
    assert (after.opmerking, after.begroting_keur) == ("via de API", None)


def test_simultaneous_api_creates_give_one_201(setup) -> None:
    import threading

    client, reg, _, tokens = setup
    body = {
        "naam": "Tien Tegelijk",
        "vorm": "convenant",
        "deelnemers": [{"code": "GM0513"}],
    }
    statuses: list[int] = []
    barrier = threading.Barrier(10)

    def post() -> None:
        barrier.wait()
        r = client.post("/api/v1/regelingen", json=body, headers=_auth(tokens["beheer"]))
        statuses.append(r.status_code)

    threads = [threading.Thread(target=post) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {201, 409, 503}, statuses
    assert [r.naam for r in reg.lijst(zoek="tien tegelijk")] == ["Tien Tegelijk"]
    r = client.post("/api/v1/regelingen", json=body, headers=_auth(tokens["beheer"]))
    assert r.status_code == 409
    assert r.json()["invalidParams"][0]["name"] == "naam"
