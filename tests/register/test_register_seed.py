"""The derived seed records: reproducible from the raw 2016 snapshot and the bundle, mapped
to the 2023 division by the stated rule, valid, and never byte copies of raw files."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from regiokompas.register import Reference, check_rows
from regiokompas.register.seed_build import GR_FILE, REGIOATLAS_FILE, build_seed, seed_dir

SEED_FILES = ("openstate_gr_2016.csv", "regio_2024.csv", "regioatlas_2016.csv")


def _records(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["naam"]: row for row in csv.DictReader(handle)}


def test_shipped_seed_files_are_valid(ds) -> None:
    ref = Reference.from_dataset(ds)
    for name in SEED_FILES:
        with (seed_dir() / name).open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        report = check_rows(list(reader.fieldnames or []), rows, ref)
        assert report.ok, report.problems[:3]
        assert len(report.regelingen) == len(rows)


def test_2024_regions(ds) -> None:
    rows = _records(seed_dir() / "regio_2024.csv").values()
    counts: dict[str, int] = {}
    for row in rows:
        code = row["bron"].rsplit(" ", 1)[-1]
        counts[code[:2]] = counts.get(code[:2], 0) + 1
    # PROVENANCE.md section 2: vr 25, ggd 25, jz 42, am 35, res 30.
    assert counts == {"VR": 25, "GG": 25, "JZ": 42, "AM": 35, "ES": 30}
    amsterdam = {
        row["bron"].rsplit(" ", 1)[-1] for row in rows if "GM0363" in row["deelnemers"].split(";")
    }
    assert amsterdam == {"VR13", "GG3406", "JZ13", "AM18", "ES16"}  # PROVENANCE.md example
    assert all(row["historisch"] == "nee" for row in rows)


@pytest.mark.shared_data
def test_rebuild_reproduces_shipped_files(ds, shared_data: Path, tmp_path: Path) -> None:
    counts = build_seed(ds, shared_data, tmp_path)
    for name in SEED_FILES:
        assert (tmp_path / name).read_bytes() == (seed_dir() / name).read_bytes(), name
    with (shared_data / GR_FILE).open(encoding="utf-8") as handle:
        gr_names = {row["gemeenschappelijke_regeling"].strip() for row in csv.DictReader(handle)}
    assert len(gr_names) == 464  # PROVENANCE.md: 464 GRs
    # One record per body: every GR is a record of its own or named in the history of the
    # newer record it was merged into (no GR lost, none counted twice).
    shipped = [row for name in SEED_FILES for row in _records(seed_dir() / name).values()]
    own = {row["naam"].removesuffix(" (2016)") for row in shipped if "gemeld door" in row["bron"]}
    merged = {
        n
        for n in gr_names - own
        if any(f"{n} (2016) (Open State" in r["opmerking"] for r in shipped)
    }
    assert counts["openstate_gr_2016.csv"] == len(own) == 436
    assert own | merged == gr_names and not own & merged


@pytest.mark.shared_data
def test_known_gr_participants_mapped_to_2023(shared_data: Path) -> None:
    gr = _records(seed_dir() / "openstate_gr_2016.csv")
    # ARCG in 2016: Bedum, Groningen, Grootegast, Haren, Leek, Marum, Ten Boer, Zuidhorn.
    # 2019 mergers: Groningen+Haren+Ten Boer -> Groningen (GM0014); Bedum -> Het Hogeland
    # (GM1966); Grootegast+Leek+Marum+Zuidhorn -> Westerkwartier (GM1969).
    arcg = gr["Afvalbeheer Regio Centraal Groningen (ARCG) (2016)"]
    assert arcg["deelnemers"] == "GM0014;GM1966;GM1969"
    assert (arcg["historisch"], arcg["te_verifieren"]) == ("ja", "ja")
    # Haaren (GM0788) was split in 2021 among Boxtel, Oisterwijk, Tilburg and Vught: a split
    # gemeente maps to every successor.
    odbn = gr["Omgevingsdienst Brabant Noord (2016)"]["deelnemers"].split(";")
    assert {"GM0757", "GM0824", "GM0855", "GM0865"} <= set(odbn)
    # Groesbeek (GM0241, merged 1-1-2016 into Berg en Dal, GM1945).
    odrn = gr["Omgevingsdienst Regio Nijmegen (ODRN) (2016)"]["deelnemers"].split(";")
    assert "GM1945" in odrn and "GM0241" not in odrn
    assert all(r["historisch"] == "ja" and r["te_verifieren"] == "ja" for r in gr.values())


@pytest.mark.shared_data
def test_regioatlas_selection(shared_data: Path) -> None:
    atlas = _records(seed_dir() / "regioatlas_2016.csv")
    with (shared_data / REGIOATLAS_FILE).open(encoding="utf-8-sig") as handle:
        raw = [r for r in csv.DictReader(handle) if r["indeling"] == "veiligheidshuizen"]
    regions: dict[str, set[str]] = {}
    for r in raw:
        regions.setdefault(r["regio"].strip(), set()).add(r["gm_code"])
    multi = {k for k, v in regions.items() if len(v) >= 2}
    seeded = {n for n in atlas if n.startswith("Veiligheidshuizen: ")}
    # Veiligheidshuis Groningen is also in the 2016 GR list: one record, the atlas copy as
    # its history.
    gr = _records(seed_dir() / "openstate_gr_2016.csv")
    assert (
        "Veiligheidshuizen: Veiligheidshuis Groningen"
        in (gr["Veiligheidshuis Groningen (2016)"]["opmerking"])
    )
    assert len(seeded) + 1 == len(multi) > 0
    assert not any(n.startswith(("GGD's:", "Veiligheidsregio's:", "COROP")) for n in atlas)


@pytest.mark.shared_data
def test_seed_files_are_not_copies_of_raw_files(shared_data: Path) -> None:
    raw = {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in shared_data.rglob("*") if p.is_file()
    }
    for name in SEED_FILES:
        assert hashlib.sha256((seed_dir() / name).read_bytes()).hexdigest() not in raw


def test_seed_records_without_a_database(ds) -> None:
    from regiokompas.register import congruence, seed_regelingen

    records = seed_regelingen(ds)
    rows = 0
    for name in SEED_FILES:
        with (seed_dir() / name).open(encoding="utf-8") as handle:
            rows += sum(1 for _ in csv.DictReader(handle))
    assert len(records) == rows
    # Every gemeente lies in exactly one region of each of the five 2024 layers (regio.csv),
    # so each has five current arrangements.
    with (Path(ds.folder) / "regio.csv").open(encoding="utf-8") as handle:
        layers: dict[str, set[str]] = {}
        for row in csv.DictReader(handle):
            if row["regiotype"] != "provincie":
                layers.setdefault(row["gm_code"], set()).add(row["regiotype"])
    current = [r for r in records if not r.historisch]
    for code in ("GM0513", "GM0363", "GM1966"):
        assert congruence(code, current).regelingen == len(layers[code]) == 5
