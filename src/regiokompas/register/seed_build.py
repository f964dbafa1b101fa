"""Build the register's seed records from the bundle and the raw 2016 snapshot.

Run ``regiokompas register seed-bouw --bron ../shared/data``. It writes three compact CSVs
in the register file format (see :mod:`regiokompas.register.rows`) to
``regiokompas/register/seed_data/``; only derived records go there (arrangement name,
participants' 2023 codes, taakvelden, source label) — never copies of the raw files.

Sources and rules:

- ``regio_2024.csv``: the 2024 regions in the bundle (``ds.regio``; CBS Gebiedsindelingen
  2024 via PDOK, spatial join): veiligheidsregio, GGD-regio, jeugdregio, arbeidsmarktregio
  and RES-regio, each as one arrangement of its gemeenten with the taakvelden it carries
  (``REGION_TASKS``). Veiligheidsregio's are openbaar lichaam by law (Wet veiligheidsregio's
  art. 9); the form of the others is not in the source, so they are ``onbekend`` and flagged
  to be verified.
- ``openstate_gr_2016.csv``: the gemeenschappelijke regelingen reported by the 12
  provinces (Open State Foundation 2016, Wob requests of October 2015; 464 GRs). Form not
  recorded (``wgr_onbekend``). Participants without a CBS code in the source (provinces,
  waterschappen, others) are kept as ``overig``. Records are ``historisch`` and
  ``te_verifieren``.
- ``regioatlas_2016.csv``: BZK regioatlas 2016 divisions that are arrangements between
  gemeenten (``REGIOATLAS_TASKS``). Left out: statistical or judicial divisions (COROP,
  NUTS, arrondissementen, ressorten, provincies, MIRT), bodies that are not gemeente
  arrangements (Kamer van Koophandel, zorgkantoren, politie, passend onderwijs, HLZ, RCF,
  regionale platforms, VPT 2014, BRZO which duplicates the omgevingsdiensten) and divisions
  the current 2024 layer replaces (GGD, veiligheidsregio, jeugdzorg, arbeidsmarkt). A
  region with a single gemeente (after mapping) is not an arrangement and is skipped.

Mapping 2016 codes to the 2023 division (``ds.historische_codes``, jaar 2016): a merged
gemeente maps to its successor; a split gemeente maps to **every** successor that received
part of its area (each now holds part of the old territory, so each is a participant until
verified). Codes of gemeenten that merged on 1 January 2016 (the GR data matched names
against the 2015 lists too) first go to their 2016 successor (``MERGED_ON_2016_01_01``).
Duplicate participants after mapping are merged.

Taakvelden of the 2016 GRs (the source gives none) are derived from the name by the rule
table ``taakveld_regels.csv`` (:func:`regiokompas.register.taakveld_rules.derive_taakvelden`);
a name no rule decides keeps empty taakvelden and says so in ``opmerking``.

One record per body (:func:`regiokompas.register._dedupe.deduplicate`): copies of the same
body across the three sources (same normalised name, gemeenten overlapping by at least
half) are merged into the newest, which names the older copies as its history. regioatlas
divisions named after a place rather than a body (``REGIOATLAS_BODIES``) are left out of
the merge.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from regiokompas.data import REGION_TYPES, DataFileError, Dataset
from regiokompas.register._dedupe import deduplicate
from regiokompas.register.model import Deelnemer, Regeling
from regiokompas.register.rows import COLUMNS, format_row
from regiokompas.register.taakveld_rules import derive_taakvelden

__all__ = [
    "GR_FILE",
    "MERGED_ON_2016_01_01",
    "REGIOATLAS_BODIES",
    "REGIOATLAS_FILE",
    "REGIOATLAS_TASKS",
    "REGION_TASKS",
    "build_seed",
    "map_2016_codes",
    "seed_dir",
]

GR_FILE = "openstate_gr_2016/opengr_provincies_deelnemers_met_gmcode.csv"
REGIOATLAS_FILE = "openstate_gr_2016/regioatlas_2016_long.csv"

#: 2024 region type -> (name prefix, form, taakvelden carried; Iv3 codes of 2023–2024).
REGION_TASKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "veiligheidsregio": ("Veiligheidsregio ", "openbaar_lichaam", ("1.1",)),
    "ggd": ("", "onbekend", ("7.1",)),
    "jeugdregio": ("Jeugdregio ", "onbekend", ("6.72", "6.73", "6.74", "6.82")),
    "arbeidsmarktregio": ("Arbeidsmarktregio ", "onbekend", ("6.4", "6.5")),
    "res": ("RES-regio ", "onbekend", ("7.4",)),
}

#: regioatlas 2016 indeling -> (form, taakvelden).
REGIOATLAS_TASKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "omgevingsdienstenregionaleuitvoeringsdiensten": ("onbekend", ("7.4", "8.3")),
    "intergemeentelijkesocialediensten": ("onbekend", ("6.3", "6.5")),
    "socialewerkvoorziening": ("onbekend", ("6.4",)),
    "wmoregios": ("onbekend", ("6.71",)),
    "centrumgemeentemaatschappelijkeopvangbeschermdwonen": ("centrumgemeente", ("6.81",)),
    "centrumgemeentenvrouwenopvanggeweldinhuiselijkekring": ("centrumgemeente", ("6.81",)),
    "veiligthuisregios": ("onbekend", ("6.81", "6.82")),
    "rmcregiosregionaalmeldencoordinatiepunt": ("onbekend", ("4.3",)),
    "veiligheidshuizen": ("onbekend", ("1.2",)),
    "regionaalinformatieenexpertisecentra": ("convenant", ("1.2",)),
}

#: regioatlas divisions whose regions are named bodies (an omgevingsdienst, a sociale dienst,
#: an SW company, a veiligheidshuis, an RIEC). The others (Wmo-, Veilig Thuis- and RMC-regio's,
#: centrumgemeente areas) are named after a place: the same place name in two divisions is two
#: arrangements, so only these take part in the one-record-per-body merge.
REGIOATLAS_BODIES: frozenset[str] = frozenset(
    {
        "omgevingsdienstenregionaleuitvoeringsdiensten",
        "intergemeentelijkesocialediensten",
        "socialewerkvoorziening",
        "veiligheidshuizen",
        "regionaalinformatieenexpertisecentra",
    }
)

#: Gemeenten that merged on 1 January 2016 -> their 2016 successor (CBS gemeentelijke
#: indeling 2016: Gooise Meren from Bussum, Muiden and Naarden; Zeevang into
#: Edam-Volendam; Groesbeek renamed Berg en Dal with Millingen aan de Rijn and Ubbergen).
MERGED_ON_2016_01_01: dict[str, str] = {
    "GM0381": "GM1942",
    "GM0424": "GM1942",
    "GM0425": "GM1942",
    "GM0478": "GM0385",
    "GM0241": "GM1945",
}

_GR_SOURCE = (
    "Open State Foundation 2016, gemeenschappelijke regelingen uit Wob-verzoeken aan de "
    "provincies (okt. 2015); indeling 2016 omgezet naar 2023"
)
_ATLAS_SOURCE = "BZK regioatlas 2016 via Open State Foundation; indeling 2016 omgezet naar 2023"
_REGIO_SOURCE = "CBS Gebiedsindelingen 2024 (PDOK), ruimtelijk gekoppeld aan gemeenten 2023"


def seed_dir() -> Path:
    """The folder of the derived seed CSVs inside the package."""
    return Path(__file__).with_name("seed_data")


def map_2016_codes(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """2016 gm_code (and codes merged on 2016-01-01) -> 2023 successor codes, sorted."""
    h = ds.historische_codes
    rows = h[h["jaar"] == 2016]
    mapping: dict[str, list[str]] = {}
    for code, new in zip(rows["gm_code"], rows["gm_code_2023"], strict=True):
        mapping.setdefault(str(code), []).append(str(new))
    out = {code: tuple(sorted(set(news))) for code, news in mapping.items()}
    for old, successor in MERGED_ON_2016_01_01.items():
        out[old] = out[successor]
    return out


def _participants(
    codes: Iterable[str], mapping: dict[str, tuple[str, ...]], others: Iterable[str] = ()
) -> tuple[Deelnemer, ...]:
    gemeenten = sorted({new for code in codes for new in mapping[code]})
    names = sorted({o.replace(";", ",").replace("=", "-").strip() for o in others} - {""})
    return tuple(Deelnemer(c) for c in gemeenten) + tuple(Deelnemer("", n) for n in names)


def _regio_2024(ds: Dataset) -> list[Regeling]:
    out = []
    for regiotype, (prefix, vorm, taken) in REGION_TASKS.items():
        rows = ds.regio[ds.regio["regiotype"] == regiotype]
        for (code, naam), group in rows.groupby(["regio_code", "regio_naam"], sort=True):
            out.append(
                Regeling(
                    naam=f"{prefix}{naam}",
                    vorm=vorm,
                    deelnemers=tuple(Deelnemer(c) for c in sorted(group["gm_code"])),
                    taakvelden=taken,
                    bron=f"{_REGIO_SOURCE}; {REGION_TYPES[regiotype].naam} {code}",
                    bron_datum=dt.date(2024, 1, 1),
                    te_verifieren=vorm == "onbekend",
                    opmerking="" if vorm != "onbekend" else "Rechtsvorm staat niet in de bron.",
                )
            )
    return out


def _gr_2016(raw: pd.DataFrame, mapping: dict[str, tuple[str, ...]]) -> list[Regeling]:
    out = []
    for naam, group in raw.groupby("gemeenschappelijke_regeling", sort=True):
        coded = group[group["deelnemer_gm_code_2016"] != ""]
        uncoded = group[group["deelnemer_gm_code_2016"] == ""]
        provinces = ", ".join(sorted(set(group["bron_provincie"])))
        match = derive_taakvelden(str(naam))
        taken = (
            "Taakvelden afgeleid uit de naam: " + match.reden + "."
            if match.taakvelden
            else "Taakvelden onbekend: de naam volgt geen eenduidige regel (te verifiëren)."
        )
        out.append(
            Regeling(
                naam=f"{str(naam).strip()} (2016)",
                vorm="wgr_onbekend",
                deelnemers=_participants(
                    coded["deelnemer_gm_code_2016"], mapping, uncoded["deelnemer"]
                ),
                taakvelden=match.taakvelden,
                bron=f"{_GR_SOURCE}; gemeld door {provinces}",
                bron_datum=dt.date(2016, 1, 1),
                historisch=True,
                te_verifieren=True,
                opmerking="Historisch (2016): deelnemers omgezet naar indeling 2023; deelnemers "
                f"zonder CBS-code in de bron staan als 'overig'. {taken}",
            )
        )
    return out


def _regioatlas_2016(raw: pd.DataFrame, mapping: dict[str, tuple[str, ...]]) -> list[Regeling]:
    out = []
    selected = raw[raw["indeling"].isin(list(REGIOATLAS_TASKS))]
    for (indeling, label, regio), group in selected.groupby(
        ["indeling", "indeling_label", "regio"], sort=True
    ):
        deelnemers = _participants(group["gm_code"], mapping)
        if len(deelnemers) < 2:
            continue
        vorm, taken = REGIOATLAS_TASKS[str(indeling)]
        out.append(
            Regeling(
                naam=f"{str(label).strip()}: {str(regio).strip()} (2016)",
                vorm=vorm,
                deelnemers=deelnemers,
                taakvelden=taken,
                bron=f"{_ATLAS_SOURCE}; indeling {indeling}",
                bron_datum=dt.date(2016, 1, 1),
                historisch=True,
                te_verifieren=True,
                opmerking="Historisch (2016): regio-indeling uit de regioatlas, deelnemers omgezet "
                "naar indeling 2023; rechtsvorm staat niet in de bron.",
            )
        )
    return out


def _read(source: Path, name: str) -> pd.DataFrame:
    path = source / name
    if not path.is_file():
        raise DataFileError(str(path), "ontbreekt", "is missing")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _write(path: Path, regelingen: list[Regeling]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=[c for c in COLUMNS if c != "id"],
            extrasaction="ignore",
            lineterminator="\n",
        )
        writer.writeheader()
        for regeling in sorted(regelingen, key=lambda r: r.naam):
            writer.writerow(format_row(regeling))


def build_seed(ds: Dataset, source: Path | str, out: Path | str | None = None) -> dict[str, int]:
    """Derive the seed CSVs from ``ds`` and the raw snapshot in ``source``; returns the
    number of arrangements per written file."""
    source, target = Path(source), Path(out) if out is not None else seed_dir()
    target.mkdir(parents=True, exist_ok=True)
    mapping = map_2016_codes(ds)
    gr = _read(source, GR_FILE)
    unknown = sorted(set(gr["deelnemer_gm_code_2016"]) - set(mapping) - {""})
    atlas = _read(source, REGIOATLAS_FILE)
    unknown += sorted(set(atlas["gm_code"]) - set(mapping))
    if unknown:
        raise DataFileError(
            str(source),
            f"codes zonder opvolger in 2023: {unknown[:5]}",
            f"codes without a 2023 successor: {unknown[:5]}",
        )
    atlas_records = _regioatlas_2016(atlas, mapping)
    bodies = [r for r in atlas_records if r.bron.rsplit(" ", 1)[-1] in REGIOATLAS_BODIES]
    places = [r for r in atlas_records if r.bron.rsplit(" ", 1)[-1] not in REGIOATLAS_BODIES]
    regio, grs, atlas_bodies = deduplicate([_regio_2024(ds), _gr_2016(gr, mapping), bodies])
    files = {
        "regio_2024.csv": regio,
        "openstate_gr_2016.csv": grs,
        "regioatlas_2016.csv": atlas_bodies + places,
    }
    for name, regelingen in files.items():
        _write(target / name, regelingen)
    return {name: len(regelingen) for name, regelingen in files.items()}
