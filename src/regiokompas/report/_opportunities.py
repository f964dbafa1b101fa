"""Opportunities for the chapter: what the partner finder and the savings engine say.

This module only *reads* the engines (``regiokompas.partners``, ``regiokompas.savings``);
it never computes or invents a saving. When an engine is missing the result says so, and the
chapter states that the opportunity analysis is not available.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from regiokompas.report._format import keur, num
from regiokompas.report._i18n import _, engine_text, format_number, ngettext
from regiokompas.report._model import Block, Cell, Inline, Paragraph, Table
from regiokompas.report._texts import t
from regiokompas.savings import band_decimals

if TYPE_CHECKING:
    from regiokompas.data import Dataset
    from regiokompas.report._options import ChapterOptions

__all__ = [
    "Opportunity",
    "TangibleItem",
    "OpportunityResult",
    "OpportunitySource",
    "listed_block",
    "no_evidence_block",
    "reason_blocks",
    "centre_blocks",
    "join_names",
    "opportunity_blocks",
    "opportunity_table",
]


@dataclass(frozen=True)
class TangibleItem:
    """What the group's saving buys in units of something concrete (P10/P50/P90 counts)."""

    naam: str
    soort: str  # "eenmalig" (from the NPV) or "jaarlijks" (from the annual saving)
    kosten_keur: float
    p10: float
    p50: float
    p90: float
    bron: str


@dataclass(frozen=True)
class Opportunity:
    """One cooperation option for one taakveld, as the engines report it (k€ per year)."""

    taakveld: str
    omschrijving: str
    members: tuple[str, ...]  # all members, the gemeente included
    partner_names: tuple[str, ...]  # the other members, by name
    vorm: str
    p10: float  # saving for this gemeente
    p50: float
    p90: float
    total_p10: float  # saving for the whole group
    total_p50: float
    total_p90: float
    verdict: str
    startup_years: float | None
    tangible: tuple[TangibleItem, ...]
    autonomy_loss: float
    transaction_keur: float
    bron: str
    jaar: int | None
    shared_regions: tuple[str, ...] | None = None  # region types the whole group shares
    congruentie: str = ""  # what the option does to the number of partner sets (the advice)


@dataclass(frozen=True)
class OpportunityResult:
    """What the engines returned for one gemeente; ``available`` is False without engines."""

    available: bool
    opportunities: tuple[Opportunity, ...] = ()
    no_evidence: tuple[tuple[str, str], ...] = ()  # (taakveld, omschrijving)
    extra_cost: tuple[tuple[str, str], ...] = ()  # (taakveld, omschrijving): meerkosten
    covered: tuple[tuple[str, str, str], ...] = ()  # (taakveld, omschrijving, 'al belegd in …')
    excluded: tuple[tuple[str, str, str], ...] = ()  # (taakveld, omschrijving, reason)
    centre_roles: tuple[tuple[str, str, str], ...] = ()  # (taakveld, omschrijving, why higher)
    robust: int = 0  # taakvelden with a saving that survives the uncertainty
    considered: int = 0  # taakvelden looked at
    assumptions: tuple[tuple[str, str], ...] = ()  # (name, value)
    sources: tuple[str, ...] = ()
    method: tuple[str, ...] = ()  # paragraphs (Dutch msgids of the chapter's catalogue)
    note: str = ""  # shown next to the opportunities (e.g. what the model mode measures)
    parts: tuple[tuple[str, bool], ...] = ()  # engine part -> wired


class OpportunitySource(Protocol):
    """Anything that can report opportunities for a gemeente (the engines, or a test double)."""

    def __call__(self, ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult: ...


def _own(op: Opportunity) -> int:
    """Decimals the gemeente's own band supports (the advice rounded it to that band)."""
    return band_decimals(op.p10, op.p50, op.p90)


def _group(op: Opportunity) -> int:
    """Decimals the group's band supports."""
    return band_decimals(op.total_p10, op.total_p50, op.total_p90)


def _vorm_label(vorm: str) -> str:
    return vorm.replace("_", " ")


def opportunity_blocks(op: Opportunity, index: int, naam: str, lang: str = "nl") -> list[Block]:
    """The choice, the yield and the trade-off of one opportunity, as the college's question."""
    key = f"kans.{index}"
    partners = join_names(op.partner_names, lang)
    blocks: list[Block] = [
        Paragraph(
            (
                t("keuze", lang).format(
                    taakveld=f"{op.taakveld} {op.omschrijving}",
                    partners=partners,
                    vorm=engine_text(_vorm_label(op.vorm), lang),
                ),
            ),
            "keuze",
        ),
    ]
    yield_parts: list[Inline] = [
        t("opbrengst", lang).format(naam=naam),
        keur(op.p50, op.bron, op.jaar, f"{key}.p50", decimals=_own(op), lang=lang),
        t("opbrengst_2", lang),
        keur(op.p10, op.bron, op.jaar, f"{key}.p10", decimals=_own(op), lang=lang),
        t("opbrengst_3", lang),
        keur(op.p90, op.bron, op.jaar, f"{key}.p90", decimals=_own(op), lang=lang),
        t("opbrengst_4", lang),
    ]
    if op.startup_years is not None:
        years = op.startup_years
        yield_parts.append(
            ngettext(
                "De opstart duurt ongeveer {jaren} jaar voordat de volledige besparing er is. ",
                "De opstart duurt ongeveer {jaren} jaar voordat de volledige besparing er is. ",
                1 if years == 1 else 2,
                lang,
            ).format(jaren=format_number(years, lang, 0 if float(years).is_integer() else 1))
        )
    yield_parts.extend(_tangible_parts(op, key, lang))
    yield_parts.extend(_group_parts(op, key, lang))
    if op.shared_regions:
        yield_parts.append(_congruence_text(op.shared_regions, lang))
    if op.congruentie:
        yield_parts.append(engine_text(op.congruentie, lang) + " ")
    blocks.append(Paragraph(tuple(yield_parts)))
    blocks.append(
        Paragraph(
            (
                t("afweging", lang) + _verdict(op.verdict, lang),
                t("afweging_2", lang),
                num(
                    op.autonomy_loss,
                    "autonomieverlies 0–1",
                    op.bron,
                    op.jaar,
                    f"{key}.autonomie",
                    2,
                    lang,
                ),
                t("afweging_3", lang),
                num(len(op.members) - 1, "gemeenten", op.bron, op.jaar, f"{key}.partners"),
                ngettext(" andere gemeente.", " andere gemeenten.", len(op.members) - 1, lang),
            ),
            "let_op",
        )
    )
    return blocks


def _tangible_parts(op: Opportunity, key: str, lang: str) -> list[Inline]:
    # One unit of each kind (one-off, yearly) keeps the sentence readable; the appendix
    # lists every unit and its cost.
    firsts = {t.soort: t for t in reversed(op.tangible)}
    items = [t for t in op.tangible if t.p90 > 0 and firsts.get(t.soort) is t]
    if not op.tangible:
        return []
    if not items:
        return [t("tastbaar_niets", lang)]
    parts: list[Inline] = [t("tastbaar", lang)]
    for i, item in enumerate(items):
        if i:
            parts.append(_("; of ", lang))
        decimals = 0 if item.p90 >= 10 else 1
        bron = f"{op.bron}; eenheidskosten: {item.bron}"
        parts.extend(
            [
                num(item.p10, item.naam, bron, op.jaar, f"{key}.tastbaar.{i}.p10", decimals, lang),
                "–",
                num(item.p90, item.naam, bron, op.jaar, f"{key}.tastbaar.{i}.p90", decimals, lang),
                (
                    _(" × {naam} (eenmalig, à {kosten} k€)", lang)
                    if item.soort == "eenmalig"
                    else _(" × {naam} (per jaar, à {kosten} k€)", lang)
                ).format(
                    naam=engine_text(item.naam, lang),
                    kosten=format_number(item.kosten_keur, lang),
                ),
            ]
        )
    parts.append(". ")
    return parts


def join_names(names: Sequence[str], lang: str = "nl") -> str:
    """'A', 'A en B', 'A, B en C' (en: 'A, B and C')."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return _("{eerste} en {laatste}", lang).format(eerste=", ".join(items[:-1]), laatste=items[-1])


def _congruence_text(shared: tuple[str, ...], lang: str) -> str:
    from regiokompas.data import REGION_TYPES

    names = [
        (REGION_TYPES[r].name_en if lang == "en" else REGION_TYPES[r].naam).lower()
        for r in shared
        if r in REGION_TYPES and r != "provincie"
    ]
    return t("congruent", lang).format(regios=join_names(names, lang)) if names else ""


def _group_parts(op: Opportunity, key: str, lang: str) -> list[Inline]:
    """The whole group's band, next to the gemeente's own share (amounts labelled)."""
    decimals = _group(op)
    return [
        t("groep", lang),
        keur(op.total_p50, op.bron, op.jaar, f"{key}.groep.p50", decimals=decimals, lang=lang),
        t("opbrengst_2", lang),
        keur(op.total_p10, op.bron, op.jaar, f"{key}.groep.p10", decimals=decimals, lang=lang),
        t("opbrengst_3", lang),
        keur(op.total_p90, op.bron, op.jaar, f"{key}.groep.p90", decimals=decimals, lang=lang),
        t("opbrengst_4", lang),
    ]


def _verdict(verdict: str, lang: str) -> str:
    key = {"besparing": "verdict_besparing", "meerkosten": "verdict_meerkosten"}.get(
        verdict, "verdict_geen_bewijs"
    )
    return t(key, lang)


def opportunity_table(ops: Sequence[Opportunity], naam: str, lang: str = "nl") -> Table:
    """All opportunities in one table: partners, the gemeente's own P10/P50/P90, the group's
    P50 and the gemeente's own autonomy loss (0–1)."""
    rows: list[tuple[Cell, ...]] = []
    for i, op in enumerate(ops):
        key = f"kans.{i}"
        rows.append(
            (
                f"{op.taakveld} {op.omschrijving}",
                ", ".join(op.partner_names),
                keur(op.p10, op.bron, op.jaar, f"{key}.p10", decimals=_own(op), lang=lang),
                keur(op.p50, op.bron, op.jaar, f"{key}.p50", decimals=_own(op), lang=lang),
                keur(op.p90, op.bron, op.jaar, f"{key}.p90", decimals=_own(op), lang=lang),
                keur(
                    op.total_p50,
                    op.bron,
                    op.jaar,
                    f"{key}.groep.p50",
                    decimals=_group(op),
                    lang=lang,
                ),
                num(
                    op.autonomy_loss,
                    "autonomieverlies 0–1",
                    op.bron,
                    op.jaar,
                    f"{key}.autonomie",
                    2,
                    lang,
                ),
            )
        )
    bron = "; ".join(sorted({f"{op.bron}" for op in ops}))
    return Table(
        t("kansen_caption", lang).format(naam=naam),
        (
            _("Taakveld", lang),
            _("Partners", lang),
            _("Eigen P10", lang),
            _("Eigen P50", lang),
            _("Eigen P90", lang),
            _("Groep P50", lang),
            _("Autonomieverlies eigen (0–1)", lang),
        ),
        tuple(rows),
        bron,
        frozenset({2, 3, 4, 5, 6}),
    )


def no_evidence_block(items: Sequence[tuple[str, str]], lang: str = "nl") -> Paragraph:
    taken = ", ".join(f"{code} {name}" for code, name in items)
    return Paragraph((t("geen_bewijs_text", lang).format(taken=taken),), "let_op")


def listed_block(key: str, items: Sequence[tuple[str, str]], lang: str = "nl") -> Paragraph:
    """One sentence naming several taakvelden (e.g. the extra-cost ones)."""
    taken = ", ".join(f"{code} {name}" for code, name in items)
    return Paragraph((t(key, lang).format(taken=taken),), "let_op")


def reason_blocks(items: Sequence[tuple[str, str, str]], lang: str = "nl") -> list[Block]:
    """One paragraph per taakveld with its reason (an exclusion; the engines' words)."""
    return [
        Paragraph((f"{code} {name}: {engine_text(reason, lang)}",)) for code, name, reason in items
    ]


def centre_blocks(items: Sequence[tuple[str, str, str]], naam: str, lang: str) -> list[Block]:
    """Why a taakveld's lasten are high: the gemeente is centrumgemeente for its region."""
    return [
        Paragraph(
            (
                _(
                    "{taakveld}: {naam} is hier centrumgemeente. De lasten op dit taakveld "
                    "omvatten taken en geld voor de hele regio en liggen daardoor hoger dan bij "
                    "vergelijkbare gemeenten zonder die rol (bron: register; de regelingen staan "
                    "onder 'Al belegd').",
                    lang,
                ).format(taakveld=f"{code} {name}", naam=naam),
            )
        )
        for code, name, _reason in items
    ]
