"""Helpers for the chapter tests: raw-file readers for independent checks, a synthetic
opportunity source, and LibreOffice/poppler discovery (required in CI, skipped locally).

Imported by name (``from report_helpers import ...``); fixtures live in ``conftest.py``."""

from __future__ import annotations

import csv
import gzip
import os
import shutil
import statistics

import pytest

from regiokompas.data import Dataset, bundled_path
from regiokompas.report import (
    ChapterOptions,
    Opportunity,
    OpportunityResult,
    TangibleItem,
)

BUNDLE = bundled_path()
#: CBS gemeentegrootteklassen, lower bounds (independent of regiokompas.profile.SIZE_CLASSES).
CBS_SIZE_BOUNDS = (0, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)


def strict() -> bool:
    return os.environ.get("REGIOKOMPAS_CI_STRICT") == "1"


def need_tool(*names: str) -> str:
    """Path of the first tool found; skip (locally) or fail (CI) when none is installed."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"none of {names} installed (Debian: libreoffice-writer-nogui, poppler-utils)"
    if strict():
        pytest.fail(message)
    pytest.skip(message)


# ---------------------------------------------------------------- raw files, read with csv only


def raw_gemeenten() -> dict[str, dict[str, str]]:
    with open(BUNDLE / "gemeenten.csv", encoding="utf-8", newline="") as handle:
        return {row["gm_code"]: row for row in csv.DictReader(handle)}


def raw_totalen(document: str = "jaarrekening") -> tuple[int, dict[str, dict[str, str]]]:
    with open(BUNDLE / "iv3_totalen.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["document"] == document]
    year = max(int(r["jaar"]) for r in rows)
    return year, {r["gm_code"]: r for r in rows if int(r["jaar"]) == year}


def raw_lasten(year: int, document: str = "jaarrekening") -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with gzip.open(BUNDLE / "iv3_lasten.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if int(r["jaar"]) == year and r["document"] == document:
                codes = out.setdefault(r["gm_code"], {})
                codes[r["taakveld"]] = codes.get(r["taakveld"], 0.0) + float(r["lasten_keur"])
    return out


def raw_regio() -> list[dict[str, str]]:
    with open(BUNDLE / "regio.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def size_class(inhabitants: float) -> int:
    return max(i for i, bound in enumerate(CBS_SIZE_BOUNDS) if inhabitants >= bound)


def peer_median(code: str, per_capita: dict[str, float], inwoners: dict[str, float]) -> float:
    """Median over the ten structurally comparable gemeenten (brute force in peers_helpers)."""
    from peers_helpers import structural_peers

    return statistics.median(per_capita[c] for c in structural_peers(code) if c in inwoners)


# ---------------------------------------------------------------- a synthetic opportunity source


def synthetic_source(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    """A stand-in for the engines with plain, visible numbers: the gemeente with its first
    neighbour on afval (7.3) and on belastingen (0.61), and 'no evidence' on 6.1.

    It exercises the code path the real engines use; it is never used outside tests."""
    neighbour = ds.graph.neighbours(code)[0].code
    names = ds.gemeenten.set_index("gm_code")["naam"]

    def op(
        taakveld: str, omschrijving: str, base: float, autonomy: float, shared: tuple[str, ...]
    ) -> Opportunity:
        return Opportunity(
            taakveld=taakveld,
            omschrijving=omschrijving,
            members=(code, neighbour),
            partner_names=(str(names[neighbour]),),
            vorm=options.vorm,
            p10=base,
            p50=base * 2,
            p90=base * 3,
            total_p10=base * 2,
            total_p50=base * 4,
            total_p90=base * 6,
            verdict="besparing",
            startup_years=3,
            tangible=(
                TangibleItem("renovatie speelplek", "eenmalig", 75.0, 0.5, 1.0, 2.0, "Test"),
            ),
            autonomy_loss=autonomy,
            transaction_keur=45.0,
            bron="Testbron",
            jaar=2024,
            shared_regions=shared,
            congruentie=f"Partnersets-tekst {taakveld}.",
        )

    return OpportunityResult(
        available=True,
        opportunities=(
            op("7.3", "Afval", 111.0, 0.25, ()),
            op("0.61", "OZB woningen", 37.0, 0.1, ("jeugdregio", "ggd")),
        ),
        no_evidence=(("6.1", "Samenkracht en burgerparticipatie"),),
        assumptions=(("Testaanname", "waarde"),),
        sources=("Testbron 2024",),
        method=("Synthetische kansen voor de test.",),
        parts=(("test", True),),
    )
