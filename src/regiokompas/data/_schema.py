"""The bundle's file list and table schemas, shared by the builder and the loader."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BUNDLE_FILES", "BUNDLE_FORMAT", "REGION_TYPES", "RegionType", "TABLE_COLUMNS"]

#: Bumped when a table's columns change incompatibly.
BUNDLE_FORMAT = 1


@dataclass(frozen=True)
class RegionType:
    """One layer of regional division: its code in the bundle and its names."""

    code: str
    prefix: str
    naam: str
    name_en: str
    topojson: str | None


REGION_TYPES: dict[str, RegionType] = {
    r.code: r
    for r in (
        RegionType("provincie", "pv", "Provincie", "Province", "provincie_2024.topojson"),
        RegionType(
            "jeugdregio", "jz", "Jeugdregio", "Youth care region", "jeugdregio_2024.topojson"
        ),
        RegionType(
            "ggd", "ggd", "GGD-regio", "Public health (GGD) region", "ggdregio_2024.topojson"
        ),
        RegionType(
            "veiligheidsregio",
            "vr",
            "Veiligheidsregio",
            "Safety region",
            "veiligheidsregio_2024.topojson",
        ),
        RegionType(
            "arbeidsmarktregio",
            "am",
            "Arbeidsmarktregio",
            "Labour market region",
            "arbeidsmarktregio_2024.topojson",
        ),
        RegionType(
            "res",
            "res",
            "RES-regio",
            "Regional energy strategy region",
            "regionale_energiestrategie_2024.topojson",
        ),
    )
}

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "gemeenten.csv": (
        "gm_code",
        "naam",
        "provincie_code",
        "provincie",
        "inwoners_2023",
        "land_km2",
        "water_km2",
        "bevolkingsdichtheid",
        "omgevingsadressendichtheid",
        "stedelijkheid",
        "huishoudens",
        "gemiddelde_huishoudgrootte",
        "pct_0_15",
        "pct_65_plus",
        "pct_eenpersoonshuishoudens",
        "pct_herkomst_buiten_europa",
    ),
    "inwoners.csv": ("jaar", "gm_code", "inwoners"),
    "regio.csv": ("gm_code", "regiotype", "regio_code", "regio_naam", "overlap"),
    "iv3_lasten.csv.gz": ("jaar", "document", "gm_code", "taakveld", "lasten_keur"),
    "iv3_totalen.csv": (
        "jaar",
        "document",
        "gm_code",
        "inwoners",
        "lasten",
        "baten",
        "sociaal",
        "salarissen",
        "inhuur",
        "verbonden",
        "heffingen",
        *[f"lasten_hoofdtaakveld_{i}" for i in range(9)],
    ),
    "taakvelden.csv": (
        "taakveld",
        "eerste_jaar",
        "laatste_jaar",
        "omschrijving",
        "hoofdtaakveld",
        "hoofdomschrijving",
        "reeks",
    ),
    "taakveld_reeksen.csv": ("taakveld", "vanaf_jaar", "tot_jaar", "reeks"),
    "buren.csv": ("gm_code_a", "gm_code_b", "soort", "grens_km", "afstand_km", "toelichting"),
    "historische_codes.csv": ("jaar", "gm_code", "gm_naam", "gm_code_2023", "aandeel"),
    # Omgevingsdienst, RMC and Veilig Thuis regions from BZK's regioatlas 2016 (data/_regioatlas).
    "regio_2016.csv": ("gm_code", "regiotype", "regio_naam", "jaar", "aandeel"),
}

BUNDLE_FILES: tuple[str, ...] = (*TABLE_COLUMNS, "grenzen.geojson", "metadata.json")
