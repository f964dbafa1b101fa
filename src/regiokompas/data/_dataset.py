"""The typed, read-only view of the data bundle that the rest of the core works with."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from regiokompas.data._errors import DataFileError
from regiokompas.data._schema import BUNDLE_FILES, BUNDLE_FORMAT, REGION_TYPES, TABLE_COLUMNS
from regiokompas.data.graph import NeighbourGraph
from regiokompas.data.names import NameIndex

__all__ = ["Dataset", "Gemeente", "bundled_path", "load_dataset"]

_DTYPES: dict[str, dict[str, Any]] = {
    "gemeenten.csv": {"gm_code": str, "naam": str, "provincie_code": str, "provincie": str},
    "regio.csv": {"gm_code": str, "regiotype": str, "regio_code": str, "regio_naam": str},
    "iv3_lasten.csv.gz": {"document": str, "gm_code": str, "taakveld": str},
    "iv3_totalen.csv": {"document": str, "gm_code": str},
    "taakvelden.csv": {"taakveld": str, "hoofdtaakveld": str, "reeks": str},
    "taakveld_reeksen.csv": {"taakveld": str, "reeks": str},
    "buren.csv": {"gm_code_a": str, "gm_code_b": str, "soort": str, "toelichting": str},
    "historische_codes.csv": {"gm_code": str, "gm_naam": str, "gm_code_2023": str},
    "inwoners.csv": {"gm_code": str},
    "regio_2016.csv": {"gm_code": str, "regiotype": str, "regio_naam": str},
}


def bundled_path() -> Path:
    """The folder of the bundle that ships inside the package."""
    return Path(str(resources.files("regiokompas.data") / "bundle"))


@dataclass(frozen=True)
class Gemeente:
    """One gemeente of the 2023 division, as users see it."""

    code: str
    naam: str
    provincie: str
    provincie_code: str


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    if not path.is_file():
        raise DataFileError(str(path), "ontbreekt", "is missing")
    try:
        raw = path.read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        frame = pd.read_csv(
            io.BytesIO(raw), dtype=_DTYPES.get(name), keep_default_na=False, na_values=[""]
        )
    except (OSError, EOFError, ValueError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise DataFileError(
            str(path), f"is beschadigd of onleesbaar ({exc})", f"is corrupt or unreadable ({exc})"
        ) from exc
    expected = TABLE_COLUMNS[name]
    if tuple(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        detail = f"ontbrekende kolommen {missing}" if missing else "kolommen in andere volgorde"
        detail_en = f"missing columns {missing}" if missing else "columns in a different order"
        raise DataFileError(
            str(path),
            f"heeft niet de verwachte kolommen: {detail}",
            f"does not have the expected columns: {detail_en}",
        )
    if frame.empty:
        raise DataFileError(str(path), "is leeg", "is empty")
    return frame


def _content_hash(path: Path) -> str:
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataFileError(
            str(path), f"is beschadigd of onleesbaar ({exc})", f"is corrupt or unreadable ({exc})"
        ) from exc
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Dataset:
    """All bundle tables for the 2023 division (342 gemeenten, the same in 2024–2026).

    Frames are shared, not copied: treat them as read-only. Build one with :func:`load_dataset`.

    >>> ds = load_dataset()
    >>> ds.gemeente("den bosch").naam
    "'s-Hertogenbosch"
    >>> len(ds.gemeenten)
    342
    """

    folder: Path
    gemeenten: pd.DataFrame
    inwoners: pd.DataFrame
    regio: pd.DataFrame
    lasten: pd.DataFrame
    totalen: pd.DataFrame
    taakvelden: pd.DataFrame
    taakveld_reeksen: pd.DataFrame
    buren: pd.DataFrame
    historische_codes: pd.DataFrame
    metadata: dict[str, Any] = field(repr=False)
    #: Omgevingsdienst, RMC and Veilig Thuis regions of 2016 (regioatlas), in the 2023 division.
    regio_2016: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    # ------------------------------------------------------------------ lookup

    @cached_property
    def names(self) -> NameIndex:
        """Forgiving name lookup over the 342 gemeenten."""
        return NameIndex(
            zip(
                self.gemeenten["gm_code"],
                self.gemeenten["naam"],
                self.gemeenten["provincie"],
                strict=True,
            )
        )

    def gemeente(self, query: str) -> Gemeente:
        """Find one gemeente by code or forgiving name; raises on unknown or ambiguous names."""
        code = self.names.resolve(query)
        row = self.gemeenten.loc[self.gemeenten["gm_code"] == code].iloc[0]
        return Gemeente(
            code=code,
            naam=str(row["naam"]),
            provincie=str(row["provincie"]),
            provincie_code=str(row["provincie_code"]),
        )

    @cached_property
    def graph(self) -> NeighbourGraph:
        """The neighbour graph (land borders and water links)."""
        return NeighbourGraph.from_pairs(self.gemeenten["gm_code"].tolist(), self.buren)

    # ------------------------------------------------------------------ derived series

    def inwoners_in(self, year: int) -> pd.Series:
        """Inhabitants on 1 January of ``year`` per gm_code, in that year's own division."""
        rows = self.inwoners[self.inwoners["jaar"] == year]
        if rows.empty:
            years = sorted(self.inwoners["jaar"].unique())
            raise ValueError(f"no inhabitants for {year}; available: {years[0]}–{years[-1]}")
        return rows.set_index("gm_code")["inwoners"]

    @cached_property
    def lasten_reeks(self) -> pd.DataFrame:
        """Iv3 lasten per comparable series (``reeks``) instead of per raw taakveld.

        The 2023 split of 6.72 and the 2025 restructuring of the social domain make raw codes
        incomparable over time; see ``taakveld_reeksen.csv``. Totals are preserved exactly.
        """
        mapping = self.taakveld_reeksen
        frame = self.lasten
        reeks = frame["taakveld"].to_numpy(dtype=object).copy()
        years = frame["jaar"].to_numpy()
        codes = frame["taakveld"].to_numpy(dtype=object)
        for row in mapping.itertuples(index=False):
            hit = (codes == row.taakveld) & (years >= row.vanaf_jaar) & (years <= row.tot_jaar)
            reeks[hit] = row.reeks
        out = frame.assign(reeks=reeks)
        return out.groupby(["jaar", "document", "gm_code", "reeks"], as_index=False)[
            "lasten_keur"
        ].sum()

    def to_division_2023(self, frame: pd.DataFrame, value_columns: Iterable[str]) -> pd.DataFrame:
        """Re-express a table keyed by (jaar, gm_code) in the 2023 division.

        Gemeenten that merged are added up into their successor; a gemeente that was split is
        divided by area share (an assumption: spending follows area, not people).
        """
        columns = list(value_columns)
        mapping = self.historische_codes
        # Years 2023+ are already in the 2023 division; older years use their own map.
        known = mapping[["jaar", "gm_code", "gm_code_2023", "aandeel"]]
        joined = frame.merge(known, on=["jaar", "gm_code"], how="left")
        current = joined["gm_code_2023"].isna()
        joined.loc[current, "gm_code_2023"] = joined.loc[current, "gm_code"]
        joined.loc[current, "aandeel"] = 1.0
        for column in columns:
            joined[column] = joined[column] * joined["aandeel"]
        keys = [c for c in frame.columns if c not in columns and c != "gm_code"]
        out = joined.groupby([*keys, "gm_code_2023"], as_index=False)[columns].sum()
        return out.rename(columns={"gm_code_2023": "gm_code"})

    def source_label(self, table: str) -> str:
        """The human-readable source of one bundle table, for captions."""
        return str(self.metadata.get("bronnen", {}).get(table, "Regiokompas"))

    @property
    def attribution(self) -> str:
        """The CC BY attribution every report must carry."""
        return str(self.metadata["attributie"])

    def region_types(self) -> list[str]:
        """Codes of the region layers in the bundle (provincie, jeugdregio, ...)."""
        return list(REGION_TYPES)


def _verify_hashes(folder: Path, metadata: dict[str, Any]) -> None:
    for name, expected in metadata.get("bestanden_sha256", {}).items():
        path = folder / name
        if path.is_file() and _content_hash(path) != expected:
            raise DataFileError(
                str(path),
                "komt niet overeen met de controlesom in metadata.json (gewijzigd of beschadigd); "
                "bouw de bundel opnieuw met 'regiokompas data bouw'",
                "does not match its checksum in metadata.json (changed or corrupt); "
                "rebuild the bundle with 'regiokompas data bouw'",
            )


def _read_metadata(folder: Path) -> dict[str, Any]:
    path = folder / "metadata.json"
    if not path.is_file():
        raise DataFileError(str(path), "ontbreekt", "is missing")
    try:
        metadata: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFileError(
            str(path), f"is geen geldige JSON ({exc})", f"is not valid JSON ({exc})"
        ) from exc
    if metadata.get("formaat") != BUNDLE_FORMAT:
        raise DataFileError(
            str(path),
            f"heeft formaat {metadata.get('formaat')!r}, deze versie leest formaat {BUNDLE_FORMAT}",
            f"has format {metadata.get('formaat')!r}; this version reads format {BUNDLE_FORMAT}",
        )
    return metadata


@lru_cache(maxsize=4)
def _load(folder: Path) -> Dataset:
    metadata = _read_metadata(folder)
    _verify_hashes(folder, metadata)
    tables = {name: _read_table(folder, name) for name in TABLE_COLUMNS}
    geo = folder / "grenzen.geojson"
    if not geo.is_file():
        raise DataFileError(str(geo), "ontbreekt", "is missing")
    dataset = Dataset(
        folder=folder,
        gemeenten=tables["gemeenten.csv"],
        inwoners=tables["inwoners.csv"],
        regio=tables["regio.csv"],
        lasten=tables["iv3_lasten.csv.gz"],
        totalen=tables["iv3_totalen.csv"],
        taakvelden=tables["taakvelden.csv"],
        taakveld_reeksen=tables["taakveld_reeksen.csv"],
        buren=tables["buren.csv"],
        historische_codes=tables["historische_codes.csv"],
        metadata=metadata,
        regio_2016=tables["regio_2016.csv"],
    )
    if dataset.gemeenten["gm_code"].duplicated().any():
        raise DataFileError(
            str(folder / "gemeenten.csv"), "bevat dubbele codes", "contains duplicate codes"
        )
    unknown = set(dataset.buren["gm_code_a"]).union(dataset.buren["gm_code_b"]) - set(
        dataset.gemeenten["gm_code"]
    )
    if unknown:
        raise DataFileError(
            str(folder / "buren.csv"),
            f"onbekende codes {sorted(unknown)[:5]}",
            f"unknown codes {sorted(unknown)[:5]}",
        )
    if not np.isfinite(dataset.lasten["lasten_keur"].to_numpy(dtype=float)).all():
        raise DataFileError(
            str(folder / "iv3_lasten.csv.gz"),
            "bevat ongeldige bedragen",
            "contains invalid amounts",
        )
    return dataset


def load_dataset(folder: Path | str | None = None) -> Dataset:
    """Load the bundle from ``folder`` (default: the bundle shipped in the package).

    Results are cached per folder. Raises :class:`DataFileError` naming the file when a file is
    missing, unreadable, has unexpected columns or does not match its recorded checksum.
    """
    path = Path(folder) if folder is not None else bundled_path()
    missing = [n for n in BUNDLE_FILES if not (path / n).is_file()]
    if missing:
        raise DataFileError(str(path / missing[0]), "ontbreekt", "is missing")
    return _load(path.resolve())


def geojson_path(dataset: Dataset) -> Path:
    """Path of the simplified boundary GeoJSON for maps."""
    return dataset.folder / "grenzen.geojson"
