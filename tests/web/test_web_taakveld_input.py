"""Taakvelden typed as users write them, on the home map: 6.7 (the comparable series) has a
name and a map, 0,4 works like 0.4, 6.71 is accepted with a note that it counts in 6.7."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_helpers import Page

from regiokompas.data import Dataset


def _title(html: str) -> str:
    return re.findall(r'<h2 id="kaart-titel">(.*?)</h2>', html)[0]


def test_series_decimal_comma_and_member_taakveld(client: TestClient, ds: Dataset) -> None:
    six = client.get("/?taakveld=6.7&weergave=lasten")
    assert six.status_code == 200
    assert _title(six.text).endswith("6.7 Maatwerkdienstverlening 18+ en 18-, jeugdhulp")
    assert Page(client.get("/").text).find("option", value="6.7")
    comma = client.get("/?taakveld=0,4&weergave=lasten")
    assert comma.status_code == 200 and _title(comma.text).endswith("0.4 Overhead")
    member = Page(client.get("/?taakveld=6.71").text)
    assert "Taakveld 6.71 telt mee in reeks 6.7" in member.plain
    assert client.get("/?taakveld=9.9").status_code == 404


def test_the_series_map_sums_its_taakvelden(client: TestClient, ds: Dataset) -> None:
    from regiokompas.web.shared.views import SiteData

    site = SiteData(ds)
    kaart = site.taakveld_kaart("6.7")
    lasten = ds.lasten
    year = kaart.jaar
    members = set(ds.taakvelden.loc[ds.taakvelden["reeks"] == "6.7", "taakveld"])
    gouda = lasten[
        (lasten["jaar"] == year)
        & (lasten["document"] == "jaarrekening")
        & (lasten["gm_code"] == "GM0513")
        & (lasten["taakveld"].isin(members))
    ]["lasten_keur"].sum()
    shown = next(g for g in kaart.gemeenten if g.code == "GM0513")
    assert shown.lastenKeur is not None and abs(shown.lastenKeur - gouda) < 1e-6
    assert len(members) > 1


def test_the_api_reads_taakvelden_with_the_same_parser(client: TestClient) -> None:
    six = client.get("/api/v1/taakvelden/6.7/lasten").json()
    assert six["omschrijving"] == "Maatwerkdienstverlening 18+ en 18-, jeugdhulp"
    comma = client.get("/api/v1/taakvelden/0,4/lasten").json()
    plain = client.get("/api/v1/taakvelden/0.4/lasten").json()
    assert comma == plain and comma["taakveld"] == "0.4"
    assert client.get("/api/v1/taakvelden/9.9/lasten").status_code == 404
