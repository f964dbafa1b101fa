"""``build_chapter``: gather the numbers for one gemeente and lay out the chapter model.

Numbers come from :mod:`regiokompas.profile` and the bundle (where the gemeente stands) and
from the engines through an :class:`~regiokompas.report._opportunities.OpportunitySource`
(opportunities). Texts come from :mod:`regiokompas.report._texts`.
"""

from __future__ import annotations

from regiokompas.data import Dataset, geojson_path
from regiokompas.profile import gemeente_profile
from regiokompas.report import _figures, _stand
from regiokompas.report._engines import chapter_records, engine_opportunities
from regiokompas.report._existing import existing_arrangements, existing_blocks, existing_tables
from regiokompas.report._format import num
from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Section, Table
from regiokompas.report._moet import moet_section, moet_table, vierk_notes, vierk_section
from regiokompas.report._opportunities import (
    Opportunity,
    OpportunityResult,
    join_names,
    listed_block,
    no_evidence_block,
    opportunity_blocks,
    opportunity_table,
    reason_blocks,
)
from regiokompas.report._options import ChapterOptions
from regiokompas.report._texts import (
    APPENDIX,
    EDITABLE_ASSUMPTIONS,
    GOAL_INTRO,
    GOALS,
    INTRO,
    NEXT_STEPS,
    T,
    n_,
)
from regiokompas.report._zekerheid import zekerheid_section

__all__ = ["build_chapter"]


def build_chapter(ds: Dataset, gemeente: str, options: ChapterOptions | None = None) -> Chapter:
    """The draft chapter "Samenwerken met andere gemeenten" for one gemeente.

    ``gemeente`` is a code or a forgiving name; unknown names raise
    :class:`~regiokompas.data.UnknownNameError`.

    >>> from regiokompas.data import load_dataset
    >>> chapter = build_chapter(load_dataset(), "Gouda", ChapterOptions(figures=False))
    >>> chapter.title, chapter.number("inwoners").text
    ('Samenwerken met andere gemeenten', '75.316')
    """
    options = options or ChapterOptions()
    profile = gemeente_profile(ds, gemeente, document=options.document)
    code, naam = profile.code, profile.naam
    source = options.source or engine_opportunities
    result = source(ds, code, options)
    spending = _stand.taakveld_spending(ds, code, options.document)
    sets = _stand.partner_sets(ds, code)
    existing = existing_arrangements(ds, code, options.regelingen)
    # Every opportunity the advice shows, in its ranking: the same list as page, API and CLI.
    ops = result.opportunities[: options.top] if result.available else ()

    intro: list[Block] = [
        Paragraph((T["subtitle"].format(naam=naam, code=code),), "let_op"),
        Paragraph((T["draft_note"],)),
        *(Paragraph((text,)) for text in INTRO),
    ]

    # 1. Where the gemeente stands.
    spend_blocks: list[Block] = [
        Paragraph(
            (
                T["lasten_text"].format(
                    naam=naam, vergelijking=profile.vergelijking, n=profile.vergelijking_n
                ),
            )
        ),
        _stand.spending_table(profile),
        *reason_blocks(result.centre_roles),
    ]
    if options.figures:
        labels = [f"{r.hoofdtaakveld} {r.omschrijving}" for r in profile.lasten]
        spend_blocks.append(
            Image(
                _figures.spending_chart(
                    labels,
                    [r.eur_per_inwoner for r in profile.lasten],
                    [r.mediaan_klasse for r in profile.lasten],
                    naam,
                    profile.lasten_bron,
                ),
                T["spend_chart_alt"].format(naam=naam, samenvatting=_spend_summary(profile.lasten)),
                T["spend_chart_caption"].format(naam=naam),
                profile.lasten_bron,
            )
        )
    neighbour_names = [b.naam for b in profile.buren]
    region_blocks: list[Block] = [
        _stand.regions_table(profile, sets),
        _stand.partner_sets_paragraph(naam, sets),
        *(
            existing_blocks(naam, existing)
            if existing is not None
            else [Paragraph((T["register_none"].format(naam=naam),))]
        ),
        Paragraph(
            (
                n_(T["buren_1"], T["buren"], len(neighbour_names)).format(
                    naam=naam, n=len(neighbour_names), namen=join_names(neighbour_names)
                ),
            )
        ),
    ]
    if options.figures:
        partner_codes = sorted({m for op in ops for m in op.members if m != code})
        partner_names = [str(ds.gemeente(c).naam) for c in partner_codes]
        extra = T["map_partners"].format(namen=join_names(partner_names)) if partner_names else ""
        region_blocks.append(
            Image(
                _figures.partner_map(
                    geojson_path(ds), code, [b.code for b in profile.buren], partner_codes
                ),
                T["map_alt"].format(naam=naam, partners=extra),
                T["map_caption"].format(
                    naam=naam, partners=T["map_caption_partners"] if partner_codes else ""
                ),
                "CBS/Kadaster gemeentegrenzen 2023",
                width_cm=8.0,
            )
        )
    records = chapter_records(ds, options)  # the same records as the advice
    appendix_extra = [moet_table(ds, code, naam, *records), vierk_notes(ds, code)]
    if existing is not None:
        appendix_extra.append(Section(T["bestaand_titel"], tuple(existing_tables(existing))))
    stand = Section(
        T["stand"].format(naam=naam),
        (_stand.kern_table(profile),),
        (
            Section("Lasten tegenover vergelijkbare gemeenten", tuple(spend_blocks)),
            Section(T["regios"].format(naam=naam), tuple(region_blocks)),
        ),
    )

    # 2–4. The three goals.
    goal_sections = [
        _goal_section(goal, title, naam, spending, result, ops) for goal, title in GOALS.items()
    ]

    # 5. The trade-off.
    trade: list[Block] = [Paragraph((T["afweging_tekst"],))]
    if ops:
        trade.append(Paragraph((T["robuust_aantal"].format(k=result.robust, n=result.considered),)))
        trade.append(opportunity_table(ops, naam))
        if result.note:
            trade.append(Paragraph((result.note,), "let_op"))
        if options.figures:
            points = [
                _figures.TradeoffPoint(op.taakveld, op.autonomy_loss, op.p10, op.p50, op.p90)
                for op in ops
            ]
            trade.append(
                Image(
                    _figures.tradeoff_chart(points, naam, ops[0].bron),
                    T["tradeoff_alt"].format(naam=naam, samenvatting=_trade_summary(ops)),
                    T["tradeoff_caption"],
                    ops[0].bron,
                )
            )
    else:
        trade.append(
            Paragraph(
                (
                    T["geen_kansen_engine"]
                    if not result.available
                    else T["geen_robuuste_besparing"].format(naam=naam),
                ),
                "let_op",
            )
        )
    afweging = Section(T["afweging_titel"], tuple(trade))

    steps = Section(
        T["volgende"], (BulletList(tuple(Paragraph((s,)) for s in NEXT_STEPS), ordered=True),)
    )
    return Chapter(
        title=T["title"],
        gemeente_code=code,
        gemeente_naam=naam,
        intro=tuple(intro),
        sections=(
            stand,
            moet_section(ds, code, naam, *records),  # the same records as the advice
            *goal_sections,
            afweging,
            vierk_section(ds, code, naam, ops, options.scores_4k),  # issue 15: the 4K table
            steps,
            _appendix(ds, profile.lasten_bron, spending.bron, result, appendix_extra),
        ),
        attributie=ds.attribution,
        engine_parts=result.parts,
    )


def _goal_section(
    goal: str,
    title: str,
    naam: str,
    spending: _stand.TaakveldSpending,
    result: OpportunityResult,
    ops: tuple[Opportunity, ...],
) -> Section:
    blocks: list[Block] = [
        Paragraph((GOAL_INTRO[goal],)),
        _stand.taakveld_table(spending, goal, naam),
    ]
    kansen: list[Block] = []
    mine = [
        (i, op) for i, op in enumerate(ops) if (_stand.goal_of(op.taakveld) or "bestuur") == goal
    ]
    if not result.available:
        kansen.append(Paragraph((T["geen_kansen_engine"],), "let_op"))
    elif not mine:
        kansen.append(Paragraph((T["geen_kansen_doel"],)))
    for i, op in mine:
        kansen.extend(opportunity_blocks(op, i, naam))

    def mine_of(items: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
        return [x for x in items if (_stand.goal_of(x[0]) or "bestuur") == goal]

    none = [(c, n) for c, n in result.no_evidence if (_stand.goal_of(c) or "bestuur") == goal]
    subsections = [Section(T["kansen"], tuple(kansen))]
    covered = mine_of(result.covered)
    if covered:
        listed = BulletList(tuple(Paragraph((f"{c} {n}: {where}",)) for c, n, where in covered))
        subsections.append(Section(T["al_belegd"], (Paragraph((T["al_belegd_text"],)), listed)))
    # One "no opportunity" part per goal: excluded, extra cost and no evidence together.
    niet: list[Block] = [*reason_blocks(mine_of(result.excluded))]  # type: ignore[arg-type]
    extra = mine_of(result.extra_cost)
    if extra:
        niet.append(listed_block("meerkosten_text", extra))  # type: ignore[arg-type]
    if none:
        niet.append(no_evidence_block(none))
    if niet:
        subsections.append(Section(T["niet_als_kans"], tuple(niet)))
    return Section(title, tuple(blocks), tuple(subsections))


def _appendix(
    ds: Dataset,
    lasten_bron: str,
    taakveld_bron: str,
    result: OpportunityResult,
    extra: list[Section],
) -> Section:
    method: list[Block] = [Paragraph((APPENDIX["methode_1"],)), Paragraph((APPENDIX["methode_2"],))]
    if result.available:
        method.append(Paragraph((result.method or APPENDIX["methode_kansen"],)))
    else:
        method.append(Paragraph((APPENDIX["methode_geen_kansen"],)))
    method.append(Paragraph((APPENDIX["eerlijk"],)))
    rows = tuple((name, value) for name, value in (*EDITABLE_ASSUMPTIONS, *result.assumptions))
    rows += (("Eigen scores vier K's", "instellingenbestand (REGIOKOMPAS_SCORES_4K)"),)
    assumptions = Table(
        "Aannames en waar ze te wijzigen zijn", ("Aanname", "Waarde"), rows, "Regiokompas"
    )
    sources = [
        "CBS Kerncijfers wijken en buurten 2023 (via PDOK), indeling 2023",
        f"{lasten_bron} (lasten per hoofdtaakveld en per taakveld)"
        if lasten_bron == taakveld_bron
        else f"{lasten_bron}; {taakveld_bron} (lasten per taakveld)",
        "CBS Iv3 inwoners per gemeente 2017–2026",
        "CBS Gebiedsindelingen 2024 (jeugdregio, GGD, veiligheidsregio, arbeidsmarktregio, RES)",
        "CBS/Kadaster gemeentegrenzen 2023 (Wijken en buurten 2023, vereenvoudigd)",
        "VNG, Gemeente van de Toekomst: de drie doelen, geciteerd in PBLQ, blog 'De inkt is "
        "nog niet droog…' (jaar niet vermeld in de bron)",
        "Wet versterking democratische legitimiteit Wgr (Stb. 2021, 588), in werking 1 juli 2022",
        "Allers, M.A. en De Greef, J.A. (2018), Intermunicipal cooperation, public spending and "
        "service levels, Local Government Studies 44(1)",
        *result.sources,
    ]
    return Section(
        T["bijlage"],
        (),
        (
            Section(T["methode"], tuple(method)),
            zekerheid_section(ds),
            Section(T["aannames"], (assumptions,)),
            *extra,
            Section(T["bronnen"], (BulletList(tuple(Paragraph((s,)) for s in sources)),)),
            Section(T["attributie"], (Paragraph((ds.attribution,)),)),
        ),
        appendix=True,
    )


def _spend_summary(rows: tuple[object, ...]) -> str:
    higher = [r for r in rows if (getattr(r, "verschil_pct", None) or 0) > 10]
    names = [str(getattr(r, "omschrijving", "")) for r in higher]
    if not names:
        return "Op geen hoofdtaakveld liggen de lasten meer dan 10% boven de mediaan."
    return "Meer dan 10% boven de mediaan: " + join_names(names) + "."


def _trade_summary(ops: tuple[Opportunity, ...]) -> str:
    return " ".join(
        f"{op.taakveld}: P50 {num(op.p50, 'k€', op.bron, op.jaar, 'x').text} k€, "
        f"autonomieverlies {num(op.autonomy_loss, '', op.bron, op.jaar, 'x', 2).text}."
        for op in ops
    )
