"""'Wat moet' for real gemeenten: regions from the bundle, status from the register records."""

from __future__ import annotations

import pandas as pd
import pytest

from regiokompas.data import load_dataset
from regiokompas.duties import duties_for, region_of
from regiokompas.register import Deelnemer, Regeling, seed_regelingen

RAW_REGIO_2024 = "../shared/data/gemeente_regio_indeling_2024.csv"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_gouda_veiligheidsregio_and_ggd_are_hollands_midden(ds) -> None:
    report = duties_for(ds, "Gouda", seed_regelingen(ds))
    vr, ggd = report.row("veiligheidsregio"), report.row("ggd")
    assert (vr.regio.naam, ggd.regio.naam) == ("Hollands-Midden", "GGD Hollands-Midden")
    assert vr.duty.bron_tekst == "Wet veiligheidsregio's, artikel 8 en 9"
    assert ggd.duty.bron_tekst == "Wet publieke gezondheid, artikel 14"
    assert vr.voldaan == ggd.voldaan == "vastgelegd"


@pytest.mark.shared_data
def test_regions_agree_with_the_raw_2024_division(ds) -> None:
    raw = pd.read_csv(RAW_REGIO_2024, dtype=str).set_index("gm_code")
    for code in ("GM0513", "GM0363", "GM0088"):
        assert region_of(ds, code, "veiligheidsregio").naam == raw.loc[code, "vr_naam"]
        assert region_of(ds, code, "ggd").naam == raw.loc[code, "ggd_naam"]


@pytest.mark.shared_data
def test_2016_regions_come_from_the_regioatlas_with_their_year(ds) -> None:
    atlas = pd.read_csv(
        "../shared/data/openstate_gr_2016/regioatlas/Fysiek/"
        "omgevingsdienstenregionaleuitvoeringsdiensten.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
    )
    gouda = atlas[atlas["CBS"] == "0513"].iloc[0, 2]
    region = region_of(ds, "GM0513", "omgevingsdienst")
    assert (region.naam, region.jaar, region.aandeel) == (gouda, 2016, 1.0)
    assert "regioatlas" in region.bron
    report = duties_for(ds, "Gouda", [])
    assert report.row("omgevingsdienst").regio_tekst == (
        f"{gouda} (BZK regioatlas (Open State Foundation) 2016)"
    )


def test_historic_record_alone_is_not_proof(ds) -> None:
    report = duties_for(ds, "Gouda", seed_regelingen(ds))
    od = report.row("omgevingsdienst")
    assert od.voldaan == "alleen_historisch"
    assert all("(2016)" in name for name in od.regelingen)


def test_register_records_decide_whether_the_duty_is_met(ds) -> None:
    none = duties_for(ds, "Gouda", [])
    assert {r.voldaan for r in none.rows} == {"niet_gevonden"}
    live = Regeling(
        "Omgevingsdienst Midden-Holland",
        "openbaar_lichaam",
        (Deelnemer("GM0513"), Deelnemer("GM1901")),
    )
    other = Regeling("Omgevingsdienst X", "openbaar_lichaam", (Deelnemer("GM0363"),))
    report = duties_for(ds, "Gouda", [live, other])
    assert report.row("omgevingsdienst").voldaan == "vastgelegd"
    assert report.row("omgevingsdienst").regelingen == ("Omgevingsdienst Midden-Holland",)
    # A record with a mark inside another word does not count ('rud' in 'Rudolf').
    rudolf = Regeling("Stichting Rudolf", "convenant", (Deelnemer("GM0513"),))
    assert duties_for(ds, "Gouda", [rudolf]).row("omgevingsdienst").voldaan == "niet_gevonden"
