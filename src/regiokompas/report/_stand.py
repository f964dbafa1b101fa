"""Where the gemeente stands: key figures, spending against peers, regions and partner sets.

Everything here is read from the data bundle (CBS Kerncijfers 2023, CBS Iv3, CBS
Gebiedsindelingen 2024) via :func:`regiokompas.profile.gemeente_profile`; nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regiokompas._comparable import comparable_gemeenten
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.profile import GemeenteProfile
from regiokompas.report._format import eur, num, pct
from regiokompas.report._i18n import N_, _, ngettext
from regiokompas.report._model import Block, Cell, Paragraph, Table
from regiokompas.report._texts import GOAL_TAAKVELDEN, t

__all__ = [
    "PARTNER_LAYERS",
    "PartnerSets",
    "TaakveldSpending",
    "goal_of",
    "kern_table",
    "partner_sets",
    "regions_table",
    "spending_table",
    "taakveld_spending",
    "taakveld_table",
]

#: Region layers that are cooperation partner sets (the province is a layer of government,
#: not a set of partners a gemeente chooses).
PARTNER_LAYERS: tuple[str, ...] = (
    "jeugdregio",
    "ggd",
    "veiligheidsregio",
    "arbeidsmarktregio",
    "res",
)
_NOT_A_TASK = {"0.5", "0.7", "0.8", "0.9"}  # treasury, gemeentefonds, overige, Vpb


def goal_of(taakveld: str) -> str | None:
    """The goal ('leefomgeving', 'sociaal', 'bestuur') a taakveld counts under, if any.

    >>> goal_of("7.3"), goal_of("6.71"), goal_of("0.4"), goal_of("0.7")
    ('leefomgeving', 'sociaal', 'bestuur', None)
    """
    head = taakveld.split(".")[0]
    for goal, codes in GOAL_TAAKVELDEN.items():
        for code in codes:
            if taakveld == code or ("." not in code and head == code):
                return goal
    return None


#: CBS's five urbanity classes (profile.STEDELIJKHEID), marked for the chapter's catalogue.
_URBANITY = (
    N_("zeer sterk stedelijk"),
    N_("sterk stedelijk"),
    N_("matig stedelijk"),
    N_("weinig stedelijk"),
    N_("niet stedelijk"),
)


def _urbanity(text: str, lang: str) -> str:
    """'4 (weinig stedelijk)' in ``lang`` (longest label first: 'zeer sterk' before 'sterk')."""
    for label in sorted(_URBANITY, key=len, reverse=True):
        if f"({label})" in text:
            return text.replace(f"({label})", f"({_(label, lang)})")
    return text


def comparison(n: int, lang: str) -> str:
    """Who the gemeente is compared with (the profile's peer group)."""
    return _("mediaan van {n} structureel vergelijkbare gemeenten", lang).format(n=n)


def kern_table(p: GemeenteProfile, lang: str = "nl") -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            _("Inwoners", lang),
            num(
                float(p.inwoners.value),
                "inwoners",
                p.inwoners.bron,
                p.inwoners.jaar,
                "inwoners",
                lang=lang,
            ),
            f"{p.inwoners.bron} {p.inwoners.jaar}",
        ),
        (
            _("Inwoners {jaar}", lang).format(jaar=p.inwoners_recent.jaar),
            num(
                float(p.inwoners_recent.value),
                "inwoners",
                p.inwoners_recent.bron,
                p.inwoners_recent.jaar,
                "inwoners_recent",
                lang=lang,
            ),
            f"{p.inwoners_recent.bron} {p.inwoners_recent.jaar}",
        ),
        (
            _("Landoppervlakte (km²)", lang),
            num(
                float(p.land_km2.value),
                "km²",
                p.land_km2.bron,
                p.land_km2.jaar,
                "land_km2",
                1,
                lang,
            ),
            f"{p.land_km2.bron} {p.land_km2.jaar}",
        ),
        (
            _("Bevolkingsdichtheid (inwoners per km²)", lang),
            num(
                float(p.bevolkingsdichtheid.value),
                "inwoners per km²",
                p.bevolkingsdichtheid.bron,
                p.bevolkingsdichtheid.jaar,
                "bevolkingsdichtheid",
                lang=lang,
            ),
            f"{p.bevolkingsdichtheid.bron} {p.bevolkingsdichtheid.jaar}",
        ),
        (
            _("Stedelijkheid", lang),
            _urbanity(str(p.stedelijkheid.value), lang),
            f"{p.stedelijkheid.bron} {p.stedelijkheid.jaar}",
        ),
        (_("Provincie", lang), p.provincie, "CBS Gebiedsindelingen 2024"),
    ]
    return Table(
        t("kern_caption", lang).format(naam=p.naam),
        (_("Kenmerk", lang), _("Waarde", lang), _("Bron en jaar", lang)),
        tuple(rows),
        "CBS Kerncijfers wijken en buurten 2023; CBS Iv3",
        frozenset({1}),
    )


def spending_table(p: GemeenteProfile, lang: str = "nl") -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r in p.lasten:
        key = f"lasten.{r.hoofdtaakveld}"
        rows.append(
            (
                f"{r.hoofdtaakveld} {r.omschrijving}",
                eur(
                    r.eur_per_inwoner,
                    p.lasten_bron,
                    p.lasten_jaar,
                    f"{key}.gemeente",
                    "euro per inwoner",
                    lang,
                ),
                eur(
                    r.mediaan_klasse,
                    p.lasten_bron,
                    p.lasten_jaar,
                    f"{key}.mediaan",
                    "euro per inwoner",
                    lang,
                ),
                pct(r.verschil_pct, p.lasten_bron, p.lasten_jaar, f"{key}.verschil", lang),
            )
        )
    return Table(
        t("lasten_caption", lang),
        (
            _("Hoofdtaakveld", lang),
            p.naam,
            _("Vergelijkbare gemeenten*", lang),
            _("Verschil", lang),
        ),
        tuple(rows),
        _("{bron}. *{vergelijking} (n = {n}), zelfde jaar: {namen}.", lang).format(
            bron=p.lasten_bron,
            vergelijking=comparison(p.vergelijking_n, lang),
            n=p.vergelijking_n,
            namen=", ".join(p.vergelijkbaar),
        ),
        frozenset({1, 2, 3}),
    )


@dataclass(frozen=True)
class TaakveldSpending:
    """Lasten per inhabitant per taakveld for one gemeente and the median of its ten
    structurally comparable gemeenten."""

    frame: pd.DataFrame  # taakveld, omschrijving, goal, eigen_keur, eigen, mediaan, verschil
    jaar: int
    document: str
    bron: str


def taakveld_spending(ds: Dataset, code: str, document: str = "jaarrekening") -> TaakveldSpending:
    """Per-taakveld lasten (€ per inwoner) of ``code`` against the median of the ten
    structurally comparable gemeenten.

    Uses the latest year of ``document``; the peers are those of
    :func:`regiokompas.profile.gemeente_profile`. Missing taakvelden count as zero lasten.
    """
    totalen = ds.totalen[ds.totalen["document"] == document]
    year = int(totalen["jaar"].max())
    rows = totalen[(totalen["jaar"] == year) & (totalen["inwoners"] > 0)]
    inwoners = rows.set_index("gm_code")["inwoners"].astype(float)
    peers = [c for c in comparable_gemeenten(ds, code) if c in inwoners.index]
    lasten = ds.lasten[(ds.lasten["jaar"] == year) & (ds.lasten["document"] == document)]
    wide = lasten.pivot_table(
        index="gm_code", columns="taakveld", values="lasten_keur", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(index=inwoners.index, fill_value=0.0)
    per_capita = wide.div(inwoners, axis=0) * 1000.0
    names = ds.taakvelden.set_index("taakveld")["omschrijving"]
    out = pd.DataFrame(
        {
            "taakveld": per_capita.columns.astype(str),
            "eigen_keur": wide.loc[code].to_numpy(dtype=float),
            "eigen": per_capita.loc[code].to_numpy(dtype=float),
            "mediaan": per_capita.loc[peers].median().to_numpy(dtype=float),
        }
    )
    out["omschrijving"] = out["taakveld"].map(names).fillna("")
    out["goal"] = out["taakveld"].map(goal_of)
    out = out[~out["taakveld"].isin(_NOT_A_TASK)]
    eigen, mediaan = out["eigen"].to_numpy(), out["mediaan"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = np.where(mediaan > 0, (eigen / mediaan - 1.0) * 100.0, np.nan)
    out["verschil"] = diff
    return TaakveldSpending(
        out.reset_index(drop=True), year, document, f"CBS Iv3 {document} {year}"
    )


def taakveld_table(
    spending: TaakveldSpending, goal: str, naam: str, top: int = 5, lang: str = "nl"
) -> Table:
    """The ``top`` largest taakvelden (by the gemeente's lasten) of one goal."""
    frame = spending.frame[spending.frame["goal"] == goal]
    frame = frame.sort_values("eigen_keur", ascending=False).head(top)
    bron, jaar = spending.bron, spending.jaar
    rows: list[tuple[Cell, ...]] = []
    for r in frame.itertuples(index=False):
        key = f"taakveld.{r.taakveld}"
        rows.append(
            (
                f"{r.taakveld} {r.omschrijving}",
                num(float(r.eigen_keur), "k€", bron, jaar, f"{key}.lasten_keur", lang=lang),
                eur(float(r.eigen), bron, jaar, f"{key}.gemeente", "euro per inwoner", lang),
                eur(float(r.mediaan), bron, jaar, f"{key}.mediaan", "euro per inwoner", lang),
                pct(
                    None if pd.isna(r.verschil) else float(r.verschil),
                    bron,
                    jaar,
                    f"{key}.verschil",
                    lang,
                ),
            )
        )
    return Table(
        t("lasten_goal_caption", lang),
        (
            _("Taakveld", lang),
            _("Lasten (k€)", lang),
            naam,
            _("Vergelijkbare gemeenten*", lang),
            _("Verschil", lang),
        ),
        tuple(rows),
        _(
            "{bron}. *Mediaan van de tien structureel vergelijkbare gemeenten, zelfde jaar.", lang
        ).format(bron=bron),
        frozenset({1, 2, 3, 4}),
    )


@dataclass(frozen=True)
class PartnerSets:
    """The distinct sets of partner gemeenten across the gemeente's region layers."""

    layers: tuple[tuple[str, str, str, frozenset[str]], ...]  # (type, code, naam, members)
    distinct: int
    partners: frozenset[str]  # all other gemeenten it shares any region with


def partner_sets(ds: Dataset, code: str) -> PartnerSets:
    """Count the different partner compositions the gemeente juggles (regional incongruence)."""
    regio = ds.regio
    own = regio[(regio["gm_code"] == code) & regio["regiotype"].isin(PARTNER_LAYERS)]
    layers = []
    for r in own.itertuples(index=False):
        members = regio[(regio["regiotype"] == r.regiotype) & (regio["regio_code"] == r.regio_code)]
        layers.append(
            (
                str(r.regiotype),
                str(r.regio_code),
                str(r.regio_naam),
                frozenset(members["gm_code"].astype(str)),
            )
        )
    order = {t: i for i, t in enumerate(PARTNER_LAYERS)}
    layers.sort(key=lambda layer: order[layer[0]])
    distinct = len({layer[3] for layer in layers})
    partners = (
        frozenset().union(*(layer[3] for layer in layers)) - {code} if layers else frozenset()
    )
    return PartnerSets(tuple(layers), distinct, frozenset(partners))


def regions_table(p: GemeenteProfile, sets: PartnerSets, lang: str = "nl") -> Table:
    bron = "CBS Gebiedsindelingen 2024 (ruimtelijke koppeling)"
    sizes = {t: len(m) for t, _, _, m in sets.layers}
    rows: list[tuple[Cell, ...]] = []
    for r in p.regios:
        n: Cell = (
            num(sizes[r.regiotype], "gemeenten", bron, 2024, f"regio.{r.regiotype}.gemeenten")
            if r.regiotype in sizes
            else "–"
        )
        kind = REGION_TYPES[r.regiotype]
        rows.append((kind.name_en if lang == "en" else kind.naam, r.code, r.naam, n))
    return Table(
        t("regios_caption", lang),
        (_("Indeling", lang), _("Code", lang), _("Regio", lang), _("Aantal gemeenten", lang)),
        tuple(rows),
        bron,
        frozenset({3}),
    )


def partner_sets_paragraph(naam: str, sets: PartnerSets, lang: str = "nl") -> Block:
    bron = "CBS Gebiedsindelingen 2024 (ruimtelijke koppeling)"
    layers = ngettext(
        "{naam} zit in één regio-indeling met ",
        "{naam} zit in {n} regio-indelingen met ",
        len(sets.layers),
        lang,
    )
    return Paragraph(
        (
            layers.format(naam=naam, n=len(sets.layers)),
            num(sets.distinct, "partnersets", bron, 2024, "partnersets", lang=lang),
            ngettext(
                " samenstelling van partnergemeenten (in totaal ",
                " verschillende samenstellingen van partnergemeenten (in totaal ",
                sets.distinct,
                lang,
            ),
            num(len(sets.partners), "gemeenten", bron, 2024, "partnersets.gemeenten", lang=lang),
            ngettext(
                " andere gemeente). Elke samenstelling vraagt eigen overleg, eigen afspraken en "
                "eigen verantwoording.",
                " andere gemeenten). Elke samenstelling vraagt eigen overleg, eigen afspraken en "
                "eigen verantwoording.",
                len(sets.partners),
                lang,
            ),
        )
    )
