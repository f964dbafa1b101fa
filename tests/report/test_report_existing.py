"""Existing arrangements in the chapter: counted again from the register's seed CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from regiokompas.data import Dataset
from regiokompas.report import ChapterOptions, OpportunityResult, build_chapter


def _none(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    return OpportunityResult(available=False)


def _seed_rows() -> list[dict[str, str]]:
    import regiokompas.register as register

    folder = Path(register.__file__).parent / "seed_data"
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


@pytest.mark.parametrize("code", ["GM0513", "GM0363"])
def test_counts_equal_a_count_over_the_seed_files(ds: Dataset, code: str) -> None:
    own = []
    for row in _seed_rows():
        members = {m.split("=")[0].strip() for m in row["deelnemers"].split(";")}
        if code in members:
            own.append(frozenset(m for m in members if m.startswith("GM")))
    chapter = build_chapter(ds, code, ChapterOptions(figures=False, source=_none))
    assert chapter.number("register.regelingen").value == len(own)
    sets = {s - {code} for s in own if s - {code}}
    assert chapter.number("register.partnersets").value == len(sets)
    assert chapter.number("register.regelingen").bron.startswith("Register Regiokompas")


def test_records_passed_by_the_adapter_replace_the_seed(ds: Dataset) -> None:
    from regiokompas.register import Deelnemer, Regeling

    records = (
        Regeling(
            "Belastingen", "bedrijfsvoeringsorganisatie", (Deelnemer("GM0513"), Deelnemer("GM0627"))
        ),
        Regeling(
            "Afval",
            "openbaar_lichaam",
            (Deelnemer("GM0513"), Deelnemer("GM0627"), Deelnemer("GM1931")),
        ),
        Regeling("Ander", "openbaar_lichaam", (Deelnemer("GM0363"), Deelnemer("GM0362"))),
    )
    chapter = build_chapter(
        ds, "Gouda", ChapterOptions(figures=False, source=_none, regelingen=records)
    )
    assert chapter.number("register.regelingen").value == 2
    assert chapter.number("register.partnersets").value == 2
    assert chapter.number("register.partner.0").value == 2  # Waddinxveen in both


def test_no_records_for_the_gemeente_says_the_inventory_is_missing(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False, source=_none, regelingen=()))
    with pytest.raises(KeyError):
        chapter.number("register.regelingen")
    text = " ".join(b.text for _, s in chapter.walk() for b in s.blocks if hasattr(b, "text"))
    assert "nog niet beschikbaar" in text
