"""Build the compact data bundle from the raw CBS/PDOK/Iv3 snapshot.

The raw snapshot (``../shared/data``, described in its ``PROVENANCE.md``) is never shipped.
This module derives a small, deterministic set of tables from it; the result ships inside the
package as the embedded default (``regiokompas/data/bundle``). Running the build twice on the
same inputs gives byte-identical tables (plain CSV with fixed formatting, gzip with a zero
timestamp, sorted rows, rounded geometry).

Geometry work is done in the Dutch national grid (RD New, EPSG:28992) so border lengths and
areas are in metres. Shared borders are the intersection of two polygon boundaries: with the
mapshaper-simplified CBS layer, which keeps shared arcs identical, this finds the 877 pairs the
provenance file reports.

Example::

    from pathlib import Path
    from regiokompas.data.build import build_bundle
    build_bundle(Path("../shared/data"), Path("/tmp/bundle"))
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.strtree import STRtree

from regiokompas.data._attribution import ATTRIBUTION
from regiokompas.data._errors import DataFileError
from regiokompas.data._regioatlas import ATLAS_LAYERS, regio_2016
from regiokompas.data._schema import BUNDLE_FILES, BUNDLE_FORMAT, REGION_TYPES
from regiokompas.data._topojson import decode_features
from regiokompas.i18n import N_

__all__ = ["BuildReport", "build_bundle", "RAW_FILES"]

#: Raw files the build reads, relative to the snapshot folder.
RAW_FILES: dict[str, str] = {
    "geometrie": "gemeenten_2023_wgs84.geojson",
    "regio": "gemeente_regio_indeling_2024.csv",
    "lasten": "iv3_lasten_per_taakveld_2017-2026.csv.gz",
    "totalen": "iv3_totalen_per_gemeente_2017-2026.csv",
    "inwoners": "inwoners_per_gemeente_2017-2026.csv",
    "gemeenten_per_jaar": "gemeenten_per_jaar_2010-2026.csv",
    "taakvelden_per_jaar": "iv3_taakvelden_per_jaar.csv",
    "taakvelden_cbs_2024": "iv3_taakvelden_cbs_2024.csv",
    "taakvelden_cbs_2025": "iv3_taakvelden_cbs_2025.csv",
}
HISTORIC_YEARS = (2016, 2017, 2018, 2019, 2020, 2021, 2022)
PSEUDO_GEMEENTE = "GM0998"  # "Buitenland": the Baarle-Hertog enclaves in the CBS wijk/buurt layer
#: Overlaps below this share of an old gemeente's area are generalisation slivers, not transfers.
SLIVER_SHARE = 0.05
COORD_DECIMALS = 5  # about 1 m in WGS84 at Dutch latitudes; plenty for maps

TOTALEN_COLUMNS = [
    "inwoners",
    "lasten",
    "baten",
    "sociaal",
    "salarissen",
    "inhuur",
    "verbonden",
    "heffingen",
    *[f"lasten_hoofdtaakveld_{i}" for i in range(9)],
]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build produced: the folder, the files with their sizes, and a few counts."""

    folder: Path
    files: dict[str, int]
    gemeenten: int
    land_pairs: int
    water_links: int
    historic_codes: int


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _require(source: Path) -> dict[str, Path]:
    paths = {key: source / name for key, name in RAW_FILES.items()}
    for year in HISTORIC_YEARS:
        paths[f"historisch_{year}"] = source / "gemeenten_historisch" / f"gemeente_{year}.topojson"
    for layer in REGION_TYPES.values():
        if layer.topojson:
            paths[f"regio_{layer.code}"] = source / "regio_2024" / layer.topojson
    for atlas in ATLAS_LAYERS.values():
        paths[f"atlas_{atlas.code}"] = source / "openstate_gr_2016" / atlas.path
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise DataFileError(
            missing[0],
            f"ontbreekt in de bron ({len(missing)} bestand(en) ontbreken)",
            f"missing from the source ({len(missing)} file(s) missing)",
        )
    return paths


def _read_csv(path: Path, required: Iterable[str] = (), **kwargs: Any) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, **kwargs)
    except (OSError, ValueError, UnicodeDecodeError, EOFError) as exc:
        raise DataFileError(
            str(path), f"kan niet gelezen worden: {exc}", f"cannot be read: {exc}"
        ) from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataFileError(
            str(path),
            f"mist de kolommen {', '.join(missing)}",
            f"lacks the columns {', '.join(missing)}",
        )
    if frame.empty:
        raise DataFileError(str(path), "bevat geen rijen", "has no rows")
    return frame


# --------------------------------------------------------------------------- geometry


_TO_RD = Transformer.from_crs(4326, 28992, always_xy=True)


def _to_rd(geometry: shapely.Geometry) -> shapely.Geometry:
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = _TO_RD.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.make_valid(shapely.transform(geometry, project))


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, COORD_DECIMALS)
    if isinstance(obj, list | tuple):
        return [_round_coords(o) for o in obj]
    return obj


def _load_2023_geometry(path: Path) -> tuple[list[dict[str, Any]], list[shapely.Geometry]]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = [
            f for f in collection["features"] if f["properties"]["gemeentecode"] != PSEUDO_GEMEENTE
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(
            str(path), f"is geen geldige GeoJSON: {exc}", f"is not valid GeoJSON: {exc}"
        ) from exc
    features.sort(key=lambda f: f["properties"]["gemeentecode"])
    return features, [_to_rd(shape(f["geometry"])) for f in features]


def _adjacency(
    codes: list[str], geoms: list[shapely.Geometry], water: pd.DataFrame
) -> pd.DataFrame:
    tree = STRtree(geoms)
    rows: list[dict[str, Any]] = []
    for i, gi in enumerate(geoms):
        for j in sorted(int(k) for k in tree.query(gi, predicate="intersects")):
            if j <= i:
                continue
            length = gi.boundary.intersection(geoms[j].boundary).length
            if length > 0:  # a point contact (four gemeenten meeting) is not a shared border
                rows.append(
                    {
                        "gm_code_a": codes[i],
                        "gm_code_b": codes[j],
                        "soort": "land",
                        "grens_km": round(length / 1000, 3),
                        "afstand_km": 0.0,
                        "toelichting": "",
                    }
                )
    index = {c: k for k, c in enumerate(codes)}
    land_pairs = {(r["gm_code_a"], r["gm_code_b"]) for r in rows}
    for link in water.itertuples(index=False):
        a, b = sorted((str(link.gm_code_a), str(link.gm_code_b)))
        if a not in index or b not in index:
            raise DataFileError(
                "sources/water_links.csv",
                f"onbekende gemeentecode in {a}–{b}",
                f"unknown municipality code in {a}–{b}",
            )
        if (a, b) in land_pairs:
            continue
        gap = geoms[index[a]].distance(geoms[index[b]])
        rows.append(
            {
                "gm_code_a": a,
                "gm_code_b": b,
                "soort": "water",
                "grens_km": 0.0,
                "afstand_km": round(gap / 1000, 3),
                "toelichting": str(link.reden),
            }
        )
    frame = pd.DataFrame(rows).sort_values(["gm_code_a", "gm_code_b"]).reset_index(drop=True)
    _check_connected(codes, frame)
    return frame


def _check_connected(codes: list[str], pairs: pd.DataFrame) -> None:
    neighbours: dict[str, set[str]] = {c: set() for c in codes}
    for a, b in zip(pairs["gm_code_a"], pairs["gm_code_b"], strict=True):
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen = {codes[0]}
    stack = [codes[0]]
    while stack:
        for n in neighbours[stack.pop()]:
            if n not in seen:
                seen.add(n)
                stack.append(n)
    isolated = sorted(set(codes) - seen)
    if isolated:
        raise DataFileError(
            "sources/water_links.csv",
            f"deze gemeenten zijn niet bereikbaar in de burengraaf: {', '.join(isolated)}",
            f"these municipalities are unreachable in the neighbour graph: {', '.join(isolated)}",
        )


def _historic_mapping(
    paths: dict[str, Path],
    codes: list[str],
    geoms: list[shapely.Geometry],
    names_per_year: pd.DataFrame,
) -> pd.DataFrame:
    """Map each gemeente code of 2016–2022 onto the 2023 division, with area shares.

    A code that still exists in 2023 maps to itself (boundary corrections are ignored). A code
    that disappeared is intersected with the 2023 polygons; overlaps below ``SLIVER_SHARE`` of its
    area come from the two layers being generalised differently and are dropped, the rest
    renormalised to sum to one.
    """
    current = set(codes)
    tree = STRtree(geoms)
    rows: list[dict[str, Any]] = []
    for year in HISTORIC_YEARS:
        topology = json.loads(paths[f"historisch_{year}"].read_text(encoding="utf-8"))
        for properties, geometry in decode_features(topology):
            code = str(properties["statcode"])
            name = str(properties["statnaam"])
            if code in current:
                rows.append(
                    {
                        "jaar": year,
                        "gm_code": code,
                        "gm_naam": name,
                        "gm_code_2023": code,
                        "aandeel": 1.0,
                    }
                )
                continue
            old = _to_rd(geometry)
            shares: dict[str, float] = {}
            for k in tree.query(old, predicate="intersects"):
                area = old.intersection(geoms[int(k)]).area
                if area > 0:
                    shares[codes[int(k)]] = area / old.area
            kept = {c: s for c, s in shares.items() if s >= SLIVER_SHARE}
            total = sum(kept.values())
            for successor, share in sorted(kept.items()):
                rows.append(
                    {
                        "jaar": year,
                        "gm_code": code,
                        "gm_naam": name,
                        "gm_code_2023": successor,
                        "aandeel": round(share / total, 4),
                    }
                )
    frame = pd.DataFrame(rows)
    # Keep the Iv3 spelling of names where it differs from the map layer (e.g. a source typo).
    iv3_names = names_per_year.set_index(["jaar", "gm_code"])["gm_naam"]
    keys = list(zip(frame["jaar"], frame["gm_code"], strict=True))
    frame["gm_naam"] = [iv3_names.get(k, n) for k, n in zip(keys, frame["gm_naam"], strict=True)]
    return frame.sort_values(["jaar", "gm_code", "gm_code_2023"]).reset_index(drop=True)


# --------------------------------------------------------------------------- tables


def _gemeenten(features: list[dict[str, Any]], regio: pd.DataFrame) -> pd.DataFrame:
    props = pd.DataFrame([f["properties"] for f in features])
    frame = pd.DataFrame(
        {
            "gm_code": props["gemeentecode"],
            "naam": props["gemeentenaam"],
            "inwoners_2023": props["aantalInwoners"].astype("int64"),
            "land_km2": (props["oppervlakteLandInHa"] / 100).round(2),
            "water_km2": (props["oppervlakteWaterInHa"] / 100).round(2),
            "bevolkingsdichtheid": props["bevolkingsdichtheidInwonersPerKm2"].astype("int64"),
            "omgevingsadressendichtheid": props["omgevingsadressendichtheid"].astype("int64"),
            "stedelijkheid": props["stedelijkheidAdressenPerKm2"].astype("int64"),
            "huishoudens": props["aantalHuishoudens"].astype("int64"),
            "gemiddelde_huishoudgrootte": props["gemiddeldeHuishoudsgrootte"],
            "pct_0_15": props["percentagePersonen0Tot15Jaar"],
            "pct_65_plus": props["percentagePersonen65JaarEnOuder"],
            "pct_eenpersoonshuishoudens": props["percentageEenpersoonshuishoudens"],
            "pct_herkomst_buiten_europa": props["percentageMetHerkomstlandBuitenEuropa"],
        }
    )
    provinces = regio[["gm_code", "pv_code", "pv_naam"]].rename(
        columns={"pv_code": "provincie_code", "pv_naam": "provincie"}
    )
    frame = frame.merge(provinces, on="gm_code", how="left", validate="one_to_one")
    if frame["provincie_code"].isna().any():
        missing = ", ".join(frame.loc[frame["provincie_code"].isna(), "gm_code"])
        raise DataFileError(
            RAW_FILES["regio"], f"geen provincie voor {missing}", f"no province for {missing}"
        )
    columns = ["gm_code", "naam", "provincie_code", "provincie", *frame.columns[2:-2]]
    return frame[columns].sort_values("gm_code").reset_index(drop=True)


def _regio(regio: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for layer in REGION_TYPES.values():
        part = regio[
            ["gm_code", f"{layer.prefix}_code", f"{layer.prefix}_naam", f"{layer.prefix}_overlap"]
        ]
        part = part.set_axis(["gm_code", "regio_code", "regio_naam", "overlap"], axis=1)
        part.insert(1, "regiotype", layer.code)
        parts.append(part)
    return pd.concat(parts).sort_values(["gm_code", "regiotype"]).reset_index(drop=True)


def _taakvelden(per_year: pd.DataFrame, cbs: pd.DataFrame, reeksen: pd.DataFrame) -> pd.DataFrame:
    grouped = per_year.groupby("taakveld")
    frame = pd.DataFrame(
        {
            "eerste_jaar": grouped["jaar"].min(),
            "laatste_jaar": grouped["jaar"].max(),
            # The latest title is the one users see in today's documents.
            "omschrijving": grouped.apply(
                lambda g: g.sort_values("jaar")["titel"].iloc[-1], include_groups=False
            ),
        }
    ).reset_index()
    frame = frame[~frame["taakveld"].isin(["0.10", "0.11"])]
    heads = cbs[cbs["codelijst"] == "taakveld"][
        ["hoofdcode", "hoofdomschrijving"]
    ].drop_duplicates()
    head_names = {str(h).rstrip("."): str(n).capitalize() for h, n in heads.itertuples(index=False)}
    frame["hoofdtaakveld"] = frame["taakveld"].str.split(".").str[0]
    frame["hoofdomschrijving"] = frame["hoofdtaakveld"].map(head_names)
    frame["reeks"] = frame["taakveld"]
    for row in reeksen.itertuples(index=False):
        # A code listed for any year range belongs to that series in those years; the table
        # records the series of the code's own years.
        in_range = (
            (frame["taakveld"] == row.taakveld)
            & (frame["laatste_jaar"] >= row.vanaf_jaar)
            & (frame["eerste_jaar"] <= row.tot_jaar)
        )
        frame.loc[in_range, "reeks"] = row.reeks
    key = frame["taakveld"].map(_taakveld_sort_key)
    return frame.assign(_k=key).sort_values("_k").drop(columns="_k").reset_index(drop=True)


def _taakveld_sort_key(code: str) -> tuple[int, str]:
    head, _, rest = code.partition(".")
    return int(head), rest


def _lasten(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw[["jaar", "document", "gm_code", "taakveld", "lasten_x1000_eur"]].rename(
        columns={"lasten_x1000_eur": "lasten_keur"}
    )
    values = frame["lasten_keur"]
    if np.allclose(values, values.round()):
        frame = frame.assign(lasten_keur=values.round().astype("int64"))
    return frame.sort_values(["jaar", "document", "gm_code", "taakveld"]).reset_index(drop=True)


def _totalen(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw[["jaar", "document", "gm_code", *TOTALEN_COLUMNS]].copy()
    for column in TOTALEN_COLUMNS:
        values = frame[column]
        if np.allclose(values, values.round()):
            frame[column] = values.round().astype("int64")
    return frame.sort_values(["jaar", "document", "gm_code"]).reset_index(drop=True)


# --------------------------------------------------------------------------- writing


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    text = frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    if path.name.endswith(".gz"):
        buffer = io.BytesIO()
        # mtime=0 and no file name keep the archive byte-identical between builds.
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
            gz.write(text.encode("utf-8"))
        path.write_bytes(buffer.getvalue())
    else:
        path.write_text(text, encoding="utf-8")


def _geojson(features: list[dict[str, Any]]) -> str:
    out = {
        "type": "FeatureCollection",
        "name": "gemeenten_2023",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "gm_code": f["properties"]["gemeentecode"],
                    "naam": f["properties"]["gemeentenaam"],
                },
                "geometry": {
                    "type": f["geometry"]["type"],
                    "coordinates": _round_coords(mapping(shape(f["geometry"]))["coordinates"]),
                },
            }
            for f in features
        ],
    }
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def _metadata(paths: dict[str, Path], source: Path, folder: Path) -> dict[str, Any]:
    inputs = {
        str(p.relative_to(source)): _sha256(p) for p in sorted(paths.values(), key=lambda p: str(p))
    }
    files = iter_bundle_hashes(folder, [n for n in BUNDLE_FILES if n != "metadata.json"])
    return {
        "formaat": BUNDLE_FORMAT,
        "indeling": 2023,
        "gemeenten": 342,
        "attributie": ATTRIBUTION,
        "licentie": "CC BY 4.0 (CBS, Kadaster); afgeleide tabellen van Regiokompas",
        "bronnen": {
            "gemeenten.csv": N_("CBS Kerncijfers wijken en buurten 2023 (via PDOK), indeling 2023"),
            "inwoners.csv": N_("CBS Iv3 / bevolking 1 januari, 2017–2026, indeling van elk jaar"),
            "regio.csv": N_("CBS Gebiedsindelingen 2024 (cartomap), ruimtelijke koppeling"),
            "iv3_lasten.csv.gz": N_(
                "CBS Iv3 lasten per taakveld, begroting en jaarrekening 2017–2026"
            ),
            "iv3_totalen.csv": N_("CBS Iv3 totalen per gemeente 2017–2026"),
            "taakvelden.csv": N_("CBS Iv3 taakveldenlijst 2017–2026 (titels van het laatste jaar)"),
            "buren.csv": N_(
                "Afgeleid uit CBS/Kadaster gemeentegrenzen 2023; waterverbindingen door Regiokompas"
            ),
            "historische_codes.csv": N_(
                "Afgeleid uit CBS Gebiedsindelingen 2016–2022 en grenzen 2023"
            ),
            "regio_2016.csv": N_(
                "BZK regioatlas 2016 via Open State Foundation (omgevingsdiensten, RMC-regio's, "
                "Veilig Thuis-regio's), indeling 2016 omgezet naar 2023"
            ),
            "grenzen.geojson": N_(
                "CBS/Kadaster Wijken en buurten 2023, vereenvoudigd (mapshaper 1%)"
            ),
        },
        "invoer_sha256": inputs,
        "bestanden_sha256": files,
    }


def build_bundle(source: Path, target: Path, progress: Progress | None = None) -> BuildReport:
    """Build the bundle from the raw snapshot in ``source`` into the folder ``target``.

    The tables are written to a temporary folder next to ``target`` and only moved into place
    when all of them are complete, so an interrupted or failed build leaves ``target`` as it was.
    Raises :class:`DataFileError` naming the file when an input is missing or malformed.
    """
    say = progress or (lambda _msg: None)
    paths = _require(source)
    package_sources = resources.files("regiokompas.data") / "sources"
    water = pd.read_csv(io.StringIO((package_sources / "water_links.csv").read_text("utf-8")))
    reeksen = pd.read_csv(
        io.StringIO((package_sources / "taakveld_reeksen.csv").read_text("utf-8")),
        dtype={"taakveld": str, "reeks": str},
    )

    say("gemeentegrenzen 2023 lezen en projecteren")
    features, geoms = _load_2023_geometry(paths["geometrie"])
    codes = [str(f["properties"]["gemeentecode"]) for f in features]
    regio_columns = ["gm_code"] + [
        f"{layer.prefix}_{part}"
        for layer in REGION_TYPES.values()
        for part in ("code", "naam", "overlap")
    ]
    regio_raw = _read_csv(paths["regio"], regio_columns)
    names_per_year = _read_csv(paths["gemeenten_per_jaar"], ["jaar", "gm_code", "gm_naam"])

    say("buren en waterverbindingen bepalen")
    buren = _adjacency(codes, geoms, water)
    say("historische indelingen 2016–2022 koppelen aan 2023")
    historic = _historic_mapping(paths, codes, geoms, names_per_year)

    say("Iv3-tabellen afleiden")
    str_types = {"taakveld": str, "gm_code": str, "document": str}
    keys = ["jaar", "document", "gm_code"]
    lasten_raw = _read_csv(
        paths["lasten"], [*keys, "taakveld", "lasten_x1000_eur"], dtype=str_types
    )
    lasten = _lasten(lasten_raw)
    totalen = _totalen(_read_csv(paths["totalen"], [*keys, *TOTALEN_COLUMNS], dtype=str_types))
    inwoners = _read_csv(paths["inwoners"], ["jaar", "gm_code", "inwoners"])
    inwoners = inwoners.sort_values(["jaar", "gm_code"]).reset_index(drop=True)
    taakvelden = _taakvelden(
        _read_csv(
            paths["taakvelden_per_jaar"], ["jaar", "taakveld", "titel"], dtype={"taakveld": str}
        ),
        _read_csv(
            paths["taakvelden_cbs_2025"], ["codelijst", "hoofdcode", "hoofdomschrijving"], dtype=str
        ),
        reeksen,
    )

    tables: dict[str, pd.DataFrame] = {
        "gemeenten.csv": _gemeenten(features, regio_raw),
        "inwoners.csv": inwoners,
        "regio.csv": _regio(regio_raw),
        "iv3_lasten.csv.gz": lasten,
        "iv3_totalen.csv": totalen,
        "taakvelden.csv": taakvelden,
        "taakveld_reeksen.csv": reeksen,
        "buren.csv": buren,
        "historische_codes.csv": historic,
        "regio_2016.csv": regio_2016(source / "openstate_gr_2016", historic, inwoners, codes),
    }

    say("bundel schrijven")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bundel-", dir=target.parent))
    try:
        for name, frame in tables.items():
            _write_csv(frame, staging / name)
        (staging / "grenzen.geojson").write_text(_geojson(features), encoding="utf-8")
        meta = _metadata(paths, source, staging)
        (staging / "metadata.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        _replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = {name: (target / name).stat().st_size for name in sorted(BUNDLE_FILES)}
    return BuildReport(
        folder=target,
        files=files,
        gemeenten=len(codes),
        land_pairs=int((buren["soort"] == "land").sum()),
        water_links=int((buren["soort"] == "water").sum()),
        historic_codes=int(historic[["jaar", "gm_code"]].drop_duplicates().shape[0]),
    )


def _replace_folder(staging: Path, target: Path) -> None:
    """Swap the finished staging folder into place, keeping unrelated files in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(BUNDLE_FILES):
        os.replace(staging / name, target / name)
    shutil.rmtree(staging, ignore_errors=True)


def iter_bundle_hashes(folder: Path, names: Iterable[str] = BUNDLE_FILES) -> dict[str, str]:
    """SHA-256 of the *content* of each bundle file (gzip files are hashed uncompressed)."""
    out: dict[str, str] = {}
    for name in sorted(names):
        data = (folder / name).read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        out[name] = hashlib.sha256(data).hexdigest()
    return out
