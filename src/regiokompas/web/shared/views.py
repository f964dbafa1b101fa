"""The data behind each page and API resource, built from the core and cached in-process.

Pages and the API call the same functions here, so every page's data is available from the
API. Results are immutable and cached per argument tuple (the dataset does not change while
the app runs).

>>> from regiokompas.data import load_dataset
>>> site = SiteData(load_dataset())
>>> site.profiel("GM0513").naam
'Gouda'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pandas as pd
from fastapi import Request

from regiokompas._comparable import comparable_gemeenten
from regiokompas.advice import parse_taakveld, series_name
from regiokompas.data import (
    REGION_TYPES,
    AmbiguousNameError,
    Dataset,
    RegiokompasError,
    UnknownNameError,
)
from regiokompas.profile import Figure, gemeente_profile, size_class
from regiokompas.web.shared import schemas
from regiokompas.web.shared._lru import SizedLRU
from regiokompas.web.shared.engines import Engines
from regiokompas.web.shared.problems import AmbiguousError, BadParameterError, NotFoundError
from regiokompas.web.shared.svgmap import MapShapes

if TYPE_CHECKING:
    from regiokompas.web.shared.results import SharedResults

__all__ = ["DOCUMENTS", "SiteData", "check_document", "site_of"]

T = TypeVar("T")

DOCUMENTS = ("jaarrekening", "begroting")
_CODE = re.compile(r"^GM\d{4}$")
_KERN = "CBS Kerncijfers wijken en buurten 2023"
_REGIO_BRON = "CBS Gebiedsindelingen 2024 (ruimtelijke koppeling, indeling 2024)"
_BUREN_BRON = "Afgeleid uit CBS/Kadaster gemeentegrenzen 2023; waterverbindingen door Regiokompas"


def check_document(document: str) -> str:
    """``document`` if it is an Iv3 document the bundle has, else a 400 naming the parameter."""
    if document not in DOCUMENTS:
        raise BadParameterError(
            "document",
            f"'{document}' is geen Iv3-document; kies jaarrekening of begroting",
            f"'{document}' is not an Iv3 document; choose jaarrekening or begroting",
        )
    return document


class SiteData:
    """The dataset plus the caches the web app needs. One instance per app."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.profiel = lru_cache(maxsize=1024)(self._profiel)
        self.taakveld_kaart = lru_cache(maxsize=256)(self._taakveld_kaart)
        self._memo: SizedLRU[Any] = SizedLRU(self.MEMO_SIZE, self.MEMO_BYTES)
        #: Results shared with the other worker processes (``regiokompas web`` sets it; see
        #: :mod:`regiokompas.web.shared.results`); None keeps :meth:`memo` in this process only.
        self.shared: SharedResults | None = None

    #: Entries kept by :meth:`memo` (least recently used go first) ...
    MEMO_SIZE = 8192
    #: ... and their estimated size in bytes (see :mod:`regiokompas.web.shared._lru`).
    MEMO_BYTES = 256 * 1024 * 1024

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()`` once per ``key`` (maps, analyses and other pure derived values), kept in
        an LRU of at most :attr:`MEMO_SIZE` entries and :attr:`MEMO_BYTES` estimated bytes. Two
        threads may build the same value once each; the results are equal, so that costs time,
        never correctness."""
        hit = self._memo.get(key)
        if hit is not None:
            return cast(T, hit)
        value = build() if self.shared is None else self.shared.memo(key, build)
        self._memo.put(key, value)
        return value

    # ------------------------------------------------------------------ lookup

    @cached_property
    def engines(self) -> Engines:
        """The savings engines (built lazily; see :func:`regiokompas.web.app.warm`)."""
        return Engines(self.dataset)

    @cached_property
    def shapes(self) -> MapShapes:
        """Projected outlines for the SVG maps (built once, on first use)."""
        return MapShapes.from_dataset(self.dataset)

    @cached_property
    def _gemeenten(self) -> pd.DataFrame:
        return self.dataset.gemeenten.set_index("gm_code")

    @cached_property
    def names(self) -> dict[str, str]:
        """gm_code -> name."""
        return {str(k): str(v) for k, v in self._gemeenten["naam"].items()}

    def find(self, query: str) -> str:
        """The code of the gemeente ``query`` names (forgiving); :class:`NotFoundError` otherwise.

        An ambiguous name is also a :class:`NotFoundError`, with the candidates as suggestions.
        """
        try:
            return self.dataset.gemeente(query).code
        except UnknownNameError as exc:
            raise NotFoundError(exc.nl, exc.en, exc.suggestions) from exc
        except AmbiguousNameError as exc:
            codes = [c for c, _ in exc.candidates]
            raise AmbiguousError(exc.nl, exc.en, codes, [self.names[c] for c in codes]) from exc

    def code(self, code: str) -> str:
        """``code`` if it is a gemeente code of the division; else a 404 with suggestions.

        Resource identifiers in the API are codes (GM0363); a name gives a 404 whose
        suggestions name the gemeente(n) it probably means.
        """
        if _CODE.match(code) and code in self.names:
            return code
        try:
            suggestions = [self.names[self.find(code)]]
        except NotFoundError as exc:
            suggestions = exc.suggestions
        raise NotFoundError(
            f"Geen gemeente met code '{code}' in de indeling 2023.",
            f"No municipality with code '{code}' in the 2023 division.",
            suggestions,
        )

    # ------------------------------------------------------------------ gemeenten

    def gemeente(self, code: str) -> schemas.Gemeente:
        row = self._gemeenten.loc[code]
        return schemas.Gemeente(
            code=code,
            naam=str(row["naam"]),
            provincie=str(row["provincie"]),
            provincieCode=str(row["provincie_code"]),
            inwoners=int(row["inwoners_2023"]),
        )

    def gemeenten(
        self, naam: str | None = None, provincie: str | None = None
    ) -> schemas.GemeenteLijst:
        """All gemeenten, optionally those whose name contains ``naam`` or in ``provincie``."""
        codes = sorted(self.names, key=lambda c: self.names[c])
        if naam:
            from regiokompas.data import normalise

            key = normalise(naam)
            codes = [c for c in codes if key in normalise(self.names[c])]
        if provincie:
            known = sorted(set(self._gemeenten["provincie"]))
            if provincie not in known:
                raise BadParameterError(
                    "provincie",
                    f"'{provincie}' is geen provincie; kies uit {', '.join(known)}",
                    f"'{provincie}' is not a province; choose from {', '.join(known)}",
                )
            codes = [c for c in codes if self._gemeenten.loc[c, "provincie"] == provincie]
        items = [self.gemeente(c) for c in codes]
        return schemas.GemeenteLijst(gemeenten=items, aantal=len(items), bron=_KERN)

    def _profiel(self, code: str, document: str = "jaarrekening") -> schemas.GemeenteProfiel:
        check_document(document)
        p = gemeente_profile(self.dataset, code, document=document)

        def cijfer(f: Figure) -> schemas.Cijfer:
            return schemas.Cijfer(
                waarde=f.value,
                eenheid=f.unit,
                bron=f.bron,
                jaar=f.jaar,
            )

        return schemas.GemeenteProfiel(
            code=p.code,
            naam=p.naam,
            provincie=p.provincie,
            inwoners=cijfer(p.inwoners),
            inwonersRecent=cijfer(p.inwoners_recent),
            landKm2=cijfer(p.land_km2),
            bevolkingsdichtheid=cijfer(p.bevolkingsdichtheid),
            stedelijkheid=cijfer(p.stedelijkheid),
            regios=[
                schemas.RegioLidmaatschap(
                    regiotype=r.regiotype, regiotypeNaam=r.regiotype_naam, code=r.code, naam=r.naam
                )
                for r in p.regios
            ],
            buren=[
                schemas.Buur(
                    code=b.code,
                    naam=b.naam,
                    soort=b.soort,
                    grensKm=b.grens_km,
                    afstandKm=b.afstand_km,
                    toelichting=b.toelichting,
                )
                for b in p.buren
            ],
            lasten=schemas.Lastenvergelijking(
                gemeente=p.code,
                document=document,
                jaar=p.lasten_jaar,
                bron=p.lasten_bron,
                vergelijking=p.vergelijking,
                aantalVergelijkbaar=p.vergelijking_n,
                vergelijkbareGemeenten=list(p.vergelijkbaar),
                rijen=[
                    schemas.LastenRij(
                        hoofdtaakveld=r.hoofdtaakveld,
                        omschrijving=r.omschrijving,
                        eurPerInwoner=r.eur_per_inwoner,
                        mediaanVergelijkbaar=r.mediaan_klasse,
                        verschilPct=r.verschil_pct,
                    )
                    for r in p.lasten
                ],
                perTaakveld=self._per_taakveld(p.code, document, p.lasten_jaar),
            ),
            attributie=p.attributie,
        )

    def _per_taakveld(self, code: str, document: str, year: int) -> list[schemas.LastenTaakveld]:
        """Lasten per inhabitant per taakveld against the median of the ten structurally
        comparable gemeenten in the same year (the profile's comparison, one level down)."""
        per_capita, _ = self._taakveld_table(document, year)
        peers = per_capita.loc[
            [c for c in comparable_gemeenten(self.dataset, code) if c in per_capita.index]
        ]
        medians = peers.median()
        names = self.dataset.taakvelden.set_index("taakveld")
        rows = []
        for taakveld in per_capita.columns:
            own = float(per_capita.loc[code, taakveld])
            median = float(medians[taakveld])
            if own == 0 and median == 0:
                continue
            rows.append(
                schemas.LastenTaakveld(
                    taakveld=str(taakveld),
                    omschrijving=str(names.loc[taakveld, "omschrijving"]),
                    hoofdtaakveld=str(names.loc[taakveld, "hoofdtaakveld"]),
                    eurPerInwoner=own,
                    mediaanVergelijkbaar=median,
                    verschilPct=(own / median - 1) * 100 if median > 0 else None,
                )
            )
        return rows

    def _taakveld_table(self, document: str, year: int) -> tuple[pd.DataFrame, pd.Series]:
        """€ per inhabitant per taakveld for every gemeente (rows) and each one's size class
        (kept for callers; the comparison uses structurally comparable gemeenten),
        computed once per document and year."""

        def build() -> tuple[pd.DataFrame, pd.Series]:
            lasten = self.dataset.lasten
            rows = lasten[(lasten["jaar"] == year) & (lasten["document"] == document)]
            matrix = rows.pivot_table(
                index="gm_code", columns="taakveld", values="lasten_keur", aggfunc="sum"
            ).reindex(self.dataset.gemeenten["gm_code"])
            totals = self.dataset.totalen
            people = totals[(totals["jaar"] == year) & (totals["document"] == document)]
            inhabitants = people.set_index("gm_code")["inwoners"].reindex(matrix.index)
            per_capita = matrix.fillna(0.0).div(inhabitants, axis=0) * 1000  # k€ -> €
            per_capita = per_capita[inhabitants > 0]
            classes = inhabitants[inhabitants > 0].map(size_class)
            order = sorted(per_capita.columns, key=lambda c: [int(x) for x in str(c).split(".")])
            return per_capita[order], classes

        return self.memo(("taakveld-tabel", document, year), build)

    def buren(self, code: str) -> schemas.BurenLijst:
        return schemas.BurenLijst(gemeente=code, buren=self.profiel(code).buren, bron=_BUREN_BRON)

    # ------------------------------------------------------------------ regions

    def regiotype(self, regiotype: str) -> str:
        if regiotype not in REGION_TYPES:
            raise BadParameterError(
                "regiotype",
                f"'{regiotype}' is geen regio-indeling; kies uit {', '.join(REGION_TYPES)}",
                f"'{regiotype}' is not a regional division; choose from {', '.join(REGION_TYPES)}",
            )
        return regiotype

    @cached_property
    def _regio_table(self) -> pd.DataFrame:
        return self.dataset.regio

    def regios(self, regiotype: str | None = None) -> schemas.RegioLijst:
        frame = self._regio_table
        if regiotype is not None:
            frame = frame[frame["regiotype"] == self.regiotype(regiotype)]
        counts = (
            frame.groupby(["regiotype", "regio_code", "regio_naam"]).size().reset_index(name="n")
        )
        order = {t: i for i, t in enumerate(REGION_TYPES)}
        counts = counts.assign(o=counts["regiotype"].map(order)).sort_values(["o", "regio_naam"])
        items = [
            schemas.Regio(
                code=str(r.regio_code),
                naam=str(r.regio_naam),
                regiotype=str(r.regiotype),
                regiotypeNaam=REGION_TYPES[str(r.regiotype)].naam,
                aantalGemeenten=int(r.n),
            )
            for r in counts.itertuples(index=False)
        ]
        return schemas.RegioLijst(regios=items, aantal=len(items), bron=_REGIO_BRON)

    def regio(self, code: str) -> schemas.RegioDetail:
        frame = self._regio_table[self._regio_table["regio_code"] == code]
        if frame.empty:
            raise NotFoundError(
                f"Geen regio met code '{code}'. Zie /regios voor de lijst.",
                f"No region with code '{code}'. See /regios for the list.",
            )
        first = frame.iloc[0]
        members = [
            schemas.RegioLid(
                code=str(r.gm_code),
                naam=self.names[str(r.gm_code)],
                inwoners=int(self._gemeenten.loc[str(r.gm_code), "inwoners_2023"]),
                overlap=float(r.overlap),
            )
            for r in frame.itertuples(index=False)
        ]
        members.sort(key=lambda m: m.naam)
        return schemas.RegioDetail(
            code=code,
            naam=str(first["regio_naam"]),
            regiotype=str(first["regiotype"]),
            regiotypeNaam=REGION_TYPES[str(first["regiotype"])].naam,
            gemeenten=members,
            bron=_REGIO_BRON,
        )

    # ------------------------------------------------------------------ taakvelden

    @cached_property
    def latest_year(self) -> dict[str, int]:
        """Latest year per Iv3 document in the bundle."""
        totals = self.dataset.totalen
        return {d: int(totals.loc[totals["document"] == d, "jaar"].max()) for d in DOCUMENTS}

    def taakvelden(self, year: int | None = None) -> schemas.TaakveldLijst:
        """Taakvelden in use in ``year`` (default: all of 2017–2026)."""
        frame = self.dataset.taakvelden
        if year is not None:
            frame = frame[(frame["eerste_jaar"] <= year) & (frame["laatste_jaar"] >= year)]
        items = [
            schemas.Taakveld(
                code=str(r.taakveld),
                omschrijving=str(r.omschrijving),
                hoofdtaakveld=str(r.hoofdtaakveld),
                hoofdomschrijving=str(r.hoofdomschrijving),
                eersteJaar=int(r.eerste_jaar),
                laatsteJaar=int(r.laatste_jaar),
            )
            for r in frame.itertuples(index=False)
        ]
        return schemas.TaakveldLijst(taakvelden=items, bron="CBS Iv3 taakveldenlijst 2017–2026")

    def _typed(self, code: str) -> str:
        """A taakveld as typed (0,4 → 0.4), through the core's one parser; unknown codes pass
        unchanged so the caller's 404 lists the known ones."""
        try:
            return parse_taakveld(self.dataset, code).taakveld
        except RegiokompasError:
            return code

    def taakveld(self, code: str) -> schemas.Taakveld:
        """One taakveld, or a comparable series of several (6.7: 6.71–6.79 over the years)."""
        code = self._typed(code)
        for item in self.taakvelden().taakvelden:
            if item.code == code:
                return item
        frame = self.dataset.taakvelden
        members = frame[frame["reeks"] == code]
        if len(members) > 1:
            first = members.iloc[0]
            return schemas.Taakveld(
                code=code,
                omschrijving=series_name(self.dataset, code),
                hoofdtaakveld=str(first["hoofdtaakveld"]),
                hoofdomschrijving=str(first["hoofdomschrijving"]),
                eersteJaar=int(members["eerste_jaar"].min()),
                laatsteJaar=int(members["laatste_jaar"].max()),
            )
        raise NotFoundError(
            f"Geen taakveld '{code}'. Zie /api/v1/taakvelden voor de lijst.",
            f"No policy task '{code}'. See /api/v1/taakvelden for the list.",
        )

    def _taakveld_kaart(
        self, taakveld: str, document: str = "jaarrekening"
    ) -> schemas.TaakveldKaart:
        """Lasten per inhabitant on ``taakveld`` per gemeente in the latest ``document`` year."""
        check_document(document)
        taakveld = self._typed(taakveld)
        item = self.taakveld(taakveld)
        year = self.latest_year[document]
        if not item.eersteJaar <= year <= item.laatsteJaar:
            raise BadParameterError(
                "taakveld",
                f"taakveld {taakveld} bestaat niet in {year} "
                f"(wel {item.eersteJaar}–{item.laatsteJaar})",
                f"policy task {taakveld} does not exist in {year} "
                f"(only {item.eersteJaar}–{item.laatsteJaar})",
            )
        lasten = self.dataset.lasten
        frame = self.dataset.taakvelden
        codes = {taakveld} | set(frame.loc[frame["reeks"] == taakveld, "taakveld"])
        # A series (6.7) is the sum of its taakvelden in the year.
        rows = (
            lasten[
                (lasten["jaar"] == year)
                & (lasten["document"] == document)
                & (lasten["taakveld"].isin(codes))
            ]
            .groupby("gm_code")["lasten_keur"]
            .sum(min_count=1)
        )
        totals = self.dataset.totalen
        inhabitants = totals[(totals["jaar"] == year) & (totals["document"] == document)].set_index(
            "gm_code"
        )["inwoners"]
        items = []
        for code in sorted(self.names, key=lambda c: self.names[c]):
            keur = float(rows[code]) if code in rows.index else None
            people = float(inhabitants.get(code, 0) or 0)
            per_capita = keur * 1000 / people if keur is not None and people > 0 else None
            items.append(
                schemas.TaakveldGemeente(
                    code=code, naam=self.names[code], lastenKeur=keur, eurPerInwoner=per_capita
                )
            )
        return schemas.TaakveldKaart(
            taakveld=taakveld,
            omschrijving=item.omschrijving,
            document=document,
            jaar=year,
            bron=f"CBS Iv3 {document} {year}",
            gemeenten=items,
        )


def site_of(request: Request) -> SiteData:
    """The :class:`SiteData` of the app serving ``request``."""
    site: SiteData = request.app.state.site
    return site
