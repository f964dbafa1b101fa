"""The bundle against the raw files and against facts stated in the issue and PROVENANCE.md.

Every expected number here is either read from the raw snapshot by code independent of the
builder (csv/json/gzip from the standard library) or a published figure written out by hand.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest

from regiokompas.data import Dataset


def test_342_gemeenten_with_unique_codes(ds: Dataset) -> None:
    assert len(ds.gemeenten) == 342
    assert ds.gemeenten["gm_code"].is_unique
    assert "GM0998" not in set(ds.gemeenten["gm_code"])  # the "Buitenland" pseudo-gemeente


def test_amsterdam_inhabitants_2023(ds: Dataset) -> None:
    row = ds.gemeenten.set_index("gm_code").loc["GM0363"]
    assert row["naam"] == "Amsterdam"
    assert row["inwoners_2023"] == 918_117
    assert ds.inwoners_in(2023)["GM0363"] == 918_117


def test_amsterdam_has_13_land_neighbours(ds: Dataset) -> None:
    land = [n.code for n in ds.graph.neighbours("GM0363") if n.soort == "land"]
    names = set(ds.gemeenten.set_index("gm_code").loc[land, "naam"])
    # The list in PROVENANCE.md, section 1.
    assert names == {
        "Amstelveen", "De Ronde Venen", "Diemen", "Gooise Meren", "Haarlemmermeer", "Hilversum",
        "Landsmeer", "Oostzaan", "Ouder-Amstel", "Stichtse Vecht", "Waterland", "Wijdemeren",
        "Zaanstad",
    }  # fmt: skip


def test_877_land_pairs_and_water_links_flagged(ds: Dataset) -> None:
    assert (ds.buren["soort"] == "land").sum() == 877
    water = ds.buren[ds.buren["soort"] == "water"]
    assert (water["grens_km"] == 0).all() and (water["afstand_km"] > 0).all()
    assert water["toelichting"].str.len().gt(0).all()


def test_wadden_islands_reach_their_ferry_ports(ds: Dataset) -> None:
    texel = ds.graph.neighbours("GM0448")
    assert [(n.code, n.soort) for n in texel] == [("GM0400", "water")]  # Den Helder
    assert ds.graph.adjacent("GM0088", "GM1966")  # Schiermonnikoog – Het Hogeland (Lauwersoog)


def test_every_gemeente_is_reachable(ds: Dataset) -> None:
    assert ds.graph.is_connected(ds.gemeenten["gm_code"])


def test_rotterdam_2024_jaarrekening_afval(ds: Dataset) -> None:
    rows = ds.lasten[
        (ds.lasten["gm_code"] == "GM0599")
        & (ds.lasten["jaar"] == 2024)
        & (ds.lasten["document"] == "jaarrekening")
    ].set_index("taakveld")["lasten_keur"]
    assert rows["7.3"] == 112_035
    assert rows["0.1"] == 53_963


def test_taakvelden_sum_to_total_lasten_for_every_report(ds: Dataset) -> None:
    sums = ds.lasten.groupby(["jaar", "document", "gm_code"])["lasten_keur"].sum()
    totals = ds.totalen.set_index(["jaar", "document", "gm_code"])["lasten"]
    assert len(totals) == 6398
    joined = totals.to_frame().join(sums, how="left")
    assert (joined["lasten"] - joined["lasten_keur"]).abs().max() < 1


def test_comparable_series_preserves_totals_and_spans_the_2025_break(ds: Dataset) -> None:
    reeks = ds.lasten_reeks
    by_report = reeks.groupby(["jaar", "document", "gm_code"])["lasten_keur"].sum()
    raw = ds.lasten.groupby(["jaar", "document", "gm_code"])["lasten_keur"].sum()
    assert (by_report - raw).abs().max() == 0
    years_per_series = reeks.groupby("reeks")["jaar"].agg(["min", "max"])
    for series in ("6.2", "6.6", "6.7"):
        assert years_per_series.loc[series].tolist() == [2017, 2026]
    # No raw code of the 2025 restructuring survives as a series of its own.
    assert not {"6.21", "6.60", "6.75", "6.91"} & set(reeks["reeks"])


def test_merged_codes_map_to_their_successor(ds: Dataset) -> None:
    h = ds.historische_codes
    # Haren (GM0017) merged into Groningen (GM0014) on 1 January 2019.
    haren = h[(h["jaar"] == 2018) & (h["gm_code"] == "GM0017")]
    assert haren[["gm_code_2023", "aandeel"]].values.tolist() == [["GM0014", 1.0]]
    # Weesp (GM0457) merged into Amsterdam in 2022.
    weesp = h[(h["jaar"] == 2021) & (h["gm_code"] == "GM0457")]
    assert weesp["gm_code_2023"].tolist() == ["GM0363"]
    # Haaren (GM0788) was divided over Oisterwijk, Vught, Boxtel and Tilburg in 2021.
    haaren = h[(h["jaar"] == 2020) & (h["gm_code"] == "GM0788")]
    assert set(haaren["gm_code_2023"]) == {"GM0824", "GM0865", "GM0757", "GM0855"}
    assert haaren["aandeel"].sum() == pytest.approx(1.0, abs=1e-3)
    # A code that still exists maps to itself.
    assert h[(h["jaar"] == 2016) & (h["gm_code"] == "GM0363")]["gm_code_2023"].tolist() == [
        "GM0363"
    ]


def test_every_historic_code_is_mapped_with_shares_summing_to_one(ds: Dataset) -> None:
    shares = ds.historische_codes.groupby(["jaar", "gm_code"])["aandeel"].sum()
    assert shares.between(0.999, 1.001).all()
    counts = ds.historische_codes.groupby("jaar")["gm_code"].nunique().to_dict()
    assert counts == {2016: 390, 2017: 388, 2018: 380, 2019: 355, 2020: 355, 2021: 352, 2022: 345}


def test_historic_series_in_2023_division(ds: Dataset) -> None:
    frame = ds.totalen[(ds.totalen["jaar"] == 2018) & (ds.totalen["document"] == "jaarrekening")]
    frame = frame[["jaar", "document", "gm_code", "lasten"]]
    mapped = ds.to_division_2023(frame, ["lasten"]).set_index("gm_code")["lasten"]
    # Groningen 2023 = Groningen + Haren + Ten Boer (2018) + 10.55% of Slochteren... no:
    # Slochteren already merged into Midden-Groningen in 2018, so in 2018 it is gone.
    by_code = frame.set_index("gm_code")["lasten"]
    expected = by_code["GM0014"] + by_code["GM0017"] + by_code["GM0009"]
    assert mapped["GM0014"] == pytest.approx(expected)
    assert mapped.sum() == pytest.approx(by_code.sum())


@pytest.mark.shared_data
def test_bundle_matches_raw_files(ds: Dataset, shared_data: Path) -> None:
    # Independent read of the raw geojson properties.
    raw = json.loads((shared_data / "gemeenten_2023_wgs84.geojson").read_text(encoding="utf-8"))
    inhabitants = {
        f["properties"]["gemeentecode"]: f["properties"]["aantalInwoners"]
        for f in raw["features"]
        if f["properties"]["gemeentecode"] != "GM0998"
    }
    bundle = ds.gemeenten.set_index("gm_code")["inwoners_2023"].to_dict()
    assert bundle == inhabitants
    # Independent sum of the raw lasten file per report, against the raw totals file.
    sums: dict[tuple[str, str, str], float] = defaultdict(float)
    with gzip.open(shared_data / "iv3_lasten_per_taakveld_2017-2026.csv.gz", "rt") as fh:
        for row in csv.DictReader(fh):
            sums[(row["jaar"], row["document"], row["gm_code"])] += float(row["lasten_x1000_eur"])
    bundle_sums = ds.lasten.groupby(["jaar", "document", "gm_code"])["lasten_keur"].sum()
    assert len(bundle_sums) == len(sums)
    for (year, doc, code), value in bundle_sums.items():
        assert value == pytest.approx(sums[(str(year), doc, code)], abs=0.5)
    with open(shared_data / "gemeente_regio_indeling_2024.csv", encoding="utf-8") as fh:
        regions = {r["gm_code"]: r["vr_code"] for r in csv.DictReader(fh)}
    vr = ds.regio[ds.regio["regiotype"] == "veiligheidsregio"].set_index("gm_code")["regio_code"]
    assert vr.to_dict() == regions
