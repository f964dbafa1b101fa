"""One advice, four adapters, one live register.

The gemeente page, ``/api/v1/gemeenten/{code}/kansen``, ``regiokompas advies`` and the
chapter are rendered for several gemeenten and settings against the same register database,
and must print the same taakvelden, partners, bands and verdicts, digit for digit. An
arrangement deleted through the register (as the CLI does) disappears from the page and the
chapter at once, without a restart."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_helpers import Page

from regiokompas._numbers import nl_number
from regiokompas.cli import cli
from regiokompas.data import Dataset
from regiokompas.register import Deelnemer, Regeling, seed_files
from regiokompas.savings import band_decimals
from regiokompas.settings import Settings
from regiokompas.store import Register, cli_actor
from regiokompas.web import create_app

VAALS, HEERLEN = "GM0981", "GM0917"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("live") / "register.db"
    url = f"sqlite:///{path}"
    register = Register.open(url)
    register.seed(files=[p for p in seed_files() if p.name == "regio_2024.csv"])
    register.aanmaken(
        Regeling(
            "Reinigingsdienst RD4 (test)",
            "openbaar_lichaam",
            (Deelnemer(VAALS), Deelnemer(HEERLEN)),
            ("7.3",),
        ),
        cli_actor(),
    )
    return url


@pytest.fixture(scope="module")
def live(url: str) -> TestClient:
    return TestClient(create_app(Settings(database_url=url)))


def _band(b: dict[str, float]) -> str:
    d = band_decimals(b["p10"], b["p50"], b["p90"])  # the digits the band supports
    return f"{nl_number(b['p10'], d)} – {nl_number(b['p50'], d)} – {nl_number(b['p90'], d)}"


def _expected(body: dict) -> list[dict[str, str]]:
    """What every adapter must print for each shown taakveld (from the API's numbers)."""
    rows = []
    for label in body["getoond"]:
        t = next(x for x in body["taakvelden"] if x["label"] == label)
        rows.append(
            {
                "label": label,
                "partners": ", ".join(t["beste"]["partnerNamen"]),
                "groep": _band(t["groepJaar"]),
                "eigen": _band(t["eigenJaar"]),
                "cw": _band(t["groepContanteWaarde"]),
                "autonomie": nl_number(t["beste"]["autonomieEigen"], 2),
                "oordeel": t["oordeel"],
            }
        )
    return rows


def _page_rows(html: str) -> list[dict[str, str]]:
    rows = []
    for m in re.finditer(r'<tr class="[^"]*" data-taakveld="([^"]+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", m.group(2), re.S)
        text = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
        rows.append(
            {
                "label": m.group(1),
                "partners": text[1],
                "groep": text[2],
                "eigen": text[3],
                "cw": text[4],
                "autonomie": text[5],
            }
        )
    return rows


def _cli_rows(url: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    monkeypatch.setenv("REGIOKOMPAS_DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["advies", *args, "--register", "--format", "csv"])
    assert result.exit_code == 0, result.output
    block = result.output.split("# Kansen voor", 1)
    if len(block) == 1:
        return []
    lines = block[1].split("\n# ", 1)[0].split("\n", 1)[1]
    reader = list(csv.reader(io.StringIO(lines)))
    return [
        {
            "label": r[0].split(" ", 1)[0],
            "partners": r[1],
            "groep": r[2],
            "eigen": r[3],
            "cw": r[4],
            "autonomie": r[5],
            "oordeel": r[6],
        }
        for r in reader[1:]
        if r
    ]


def _chapter_rows(md: str) -> list[dict[str, str]]:
    rows = []
    if "| Taakveld | Partners | Eigen P10" not in md:
        return rows
    table = md.split("| Taakveld | Partners | Eigen P10", 1)[1].split("\n\n", 1)[0]
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(
            {
                "label": cells[0].split(" ", 1)[0],
                "partners": cells[1],
                "eigen": f"{cells[2]} – {cells[3]} – {cells[4]}",
                "groep_p50": cells[5],
                "autonomie": cells[6],
            }
        )
    return rows


CASES = [
    ("Vaals", {"modus": "fitted"}, []),
    ("Gouda", {"modus": "fitted", "geenbewijs": True}, ["--geen-bewijs"]),  # verkenning bands
    ("Schiermonnikoog", {"modus": "fitted", "groepsgrootte": 3}, ["--max", "3"]),
    ("Almere", {"modus": "literature"}, []),
    ("Kapelle", {"modus": "literature"}, []),  # a robust saving (tax collection)
    ("Rozendaal", {"modus": "literature", "geenbewijs": True}, ["--geen-bewijs"]),  # small bands
    (
        "Gouda",
        {"modus": "literature", "autonomieprijs": 50, "binnen": "ggd", "geenbewijs": True},
        ["--autonomieprijs", "50", "--binnen", "ggd", "--geen-bewijs"],
    ),
]


@pytest.mark.parametrize(("naam", "params", "cli_args"), CASES)
def test_page_api_cli_and_chapter_print_the_same_numbers(
    live: TestClient,
    url: str,
    ds: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    naam: str,
    params: dict,
    cli_args: list[str],
) -> None:
    code = ds.gemeente(naam).code
    api_params = {
        "modus": params["modus"],
        "groepsgrootte": params.get("groepsgrootte", 4),
        "autonomiePrijs": params.get("autonomieprijs", 0),
        "geenBewijs": params.get("geenbewijs", False),
        **({"binnen": params["binnen"]} if "binnen" in params else {}),
    }
    body = live.get(f"/api/v1/gemeenten/{code}/kansen", params=api_params).json()
    expected = _expected(body)
    page_query = {k: v for k, v in params.items() if k != "geenbewijs"}
    if params.get("geenbewijs"):
        page_query["geenbewijs"] = 1
    html = live.get(f"/gemeenten/{code}", params=page_query).text
    md = live.get(f"/gemeenten/{code}/hoofdstuk.md", params=page_query).text
    cli_rows = _cli_rows(url, [naam, "--modus", params["modus"], *cli_args], monkeypatch)

    keys = ("label", "partners", "groep", "eigen", "cw", "autonomie")
    assert [{k: r[k] for k in keys} for r in _page_rows(html)] == [
        {k: r[k] for k in keys} for r in expected
    ]
    assert cli_rows == expected
    chapter = _chapter_rows(md)
    assert [(r["label"], r["partners"].replace(" en ", ", ")) for r in chapter] == [
        (r["label"], r["partners"].replace(" en ", ", "))
        for r in expected  # "Berg en Dal"
    ]
    for got, want in zip(chapter, expected, strict=True):
        assert got["eigen"] == want["eigen"] and got["autonomie"] == want["autonomie"]
        assert got["groep_p50"] == want["groep"].split(" – ")[1]
    assert all(r["oordeel"] == "besparing" for r in expected if not params.get("geenbewijs"))
    if naam in ("Kapelle", "Rozendaal"):  # the comparison is about real rows
        assert expected
    if params["modus"] == "fitted":  # an exploration: never an opportunity
        assert body["kansen"] == [] and all(r["oordeel"] == "verkenning" for r in expected)
    if not body["kansen"] and not expected:
        assert "Op geen enkel onderzocht taakveld" in md
        assert "Op geen van de" in Page(html).plain


def test_vaals_afval_is_covered_by_the_registered_arrangement(live: TestClient) -> None:
    body = live.get("/api/v1/gemeenten/GM0981/kansen").json()
    afval = next(t for t in body["taakvelden"] if t["label"] == "7.3")
    assert afval["status"] == "al_belegd"
    assert [b["naam"] for b in afval["bestaand"]] == ["Reinigingsdienst RD4 (test)"]
    page = Page(live.get("/gemeenten/GM0981").text)
    assert "Al belegd in Reinigingsdienst RD4 (test)" in page.plain
    assert page.find("a", href="/api/v1/besparingen?gemeenten=GM0981,GM0917&taakvelden=7.3")


def test_an_arrangement_deleted_through_the_register_disappears_at_once(
    live: TestClient, url: str
) -> None:
    register = Register.open(url)
    name = "Reinigingsdienst RD4 (test)"
    before = live.get("/gemeenten/GM0981/hoofdstuk.md?modus=literature").text
    page_before = live.get("/gemeenten/GM0981").text
    assert name in before and name in page_before
    regeling = next(r for r in register.lijst(zoek="Reinigingsdienst RD4") if r.naam == name)
    assert regeling.id is not None
    register.verwijderen(regeling.id, cli_actor())
    try:
        after = live.get("/gemeenten/GM0981/hoofdstuk.md?modus=literature").text
        page_after = live.get("/gemeenten/GM0981").text
        assert name not in after and name not in page_after
        count = len(register.regelingen_voor("GM0981"))
        assert re.search(rf'<th scope="row">[^<]*</th><td class="getal">{count}</td>', page_after)
    finally:
        register.herstellen(regeling.id, cli_actor())
    assert name in live.get("/gemeenten/GM0981").text


def test_a_fresh_register_is_seeded_once_and_can_start_empty(tmp_path: Path) -> None:
    from regiokompas.web.shared.opportunities import seed_on_first_start

    small = [p for p in seed_files() if p.name == "regio_2024.csv"]
    with open(small[0], encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    app = create_app(Settings(database_url=url))
    assert seed_on_first_start(app, small) == rows
    assert Register.open(url).count() == rows
    assert seed_on_first_start(app, small) is None  # not a fresh register any more
    empty_url = f"sqlite:///{tmp_path / 'empty.db'}"
    empty = create_app(Settings(database_url=empty_url, register_vullen=False))
    assert seed_on_first_start(empty, small) is None
    assert Register.open(empty_url).count() == 0
    # A register emptied by its users (audit lines exist) is never refilled.
    reg = Register.open(url)
    for r in reg.lijst():
        assert r.id is not None
        reg.verwijderen(r.id, cli_actor())
    assert reg.count() == 0 and seed_on_first_start(app, small) is None
