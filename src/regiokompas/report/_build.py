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
from regiokompas.report._i18n import _, engine_text, format_number, ngettext
from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Section, Table
from regiokompas.report._moet import moet_section, moet_table, vierk_notes, vierk_section
from regiokompas.report._opportunities import (
    Opportunity,
    OpportunityResult,
    centre_blocks,
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
    t,
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
    lang = options.language
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
        Paragraph((t("subtitle", lang).format(naam=naam, code=code),), "let_op"),
        Paragraph((t("draft_note", lang),)),
        *(Paragraph((_(text, lang),)) for text in INTRO),
    ]

    # 1. Where the gemeente stands.
    spend_blocks: list[Block] = [
        Paragraph(
            (
                t("lasten_text", lang).format(
                    naam=naam,
                    vergelijking=_stand.comparison(profile.vergelijking_n, lang),
                    n=profile.vergelijking_n,
                ),
            )
        ),
        _stand.spending_table(profile, lang),
        *centre_blocks(result.centre_roles, naam, lang),
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
                    lang,
                ),
                t("spend_chart_alt", lang).format(
                    naam=naam, samenvatting=_spend_summary(profile.lasten, lang)
                ),
                t("spend_chart_caption", lang).format(naam=naam),
                profile.lasten_bron,
            )
        )
    neighbour_names = [b.naam for b in profile.buren]
    region_blocks: list[Block] = [
        _stand.regions_table(profile, sets, lang),
        _stand.partner_sets_paragraph(naam, sets, lang),
        *(
            existing_blocks(naam, existing, lang)
            if existing is not None
            else [Paragraph((t("register_none", lang).format(naam=naam),))]
        ),
        Paragraph(
            (
                ngettext(
                    "{naam} grenst aan één gemeente: {namen}.",
                    "{naam} grenst aan {n} gemeenten: {namen}.",
                    len(neighbour_names),
                    lang,
                ).format(
                    naam=naam, n=len(neighbour_names), namen=join_names(neighbour_names, lang)
                ),
            )
        ),
    ]
    if options.figures:
        partner_codes = sorted({m for op in ops for m in op.members if m != code})
        partner_names = [str(ds.gemeente(c).naam) for c in partner_codes]
        extra = (
            t("map_partners", lang).format(namen=join_names(partner_names, lang))
            if partner_names
            else ""
        )
        region_blocks.append(
            Image(
                _figures.partner_map(
                    geojson_path(ds), code, [b.code for b in profile.buren], partner_codes, lang
                ),
                t("map_alt", lang).format(naam=naam, partners=extra),
                t("map_caption", lang).format(
                    naam=naam, partners=t("map_caption_partners", lang) if partner_codes else ""
                ),
                "CBS/Kadaster gemeentegrenzen 2023",
                width_cm=8.0,
            )
        )
    records = chapter_records(ds, options)  # the same records as the advice
    appendix_extra = [moet_table(ds, code, naam, *records, lang=lang), vierk_notes(ds, code, lang)]
    if existing is not None:
        tables = tuple(existing_tables(existing, lang))
        appendix_extra.append(Section(t("bestaand_titel", lang), tables))
    stand = Section(
        t("stand", lang).format(naam=naam),
        (_stand.kern_table(profile, lang),),
        (
            Section(_("Lasten tegenover vergelijkbare gemeenten", lang), tuple(spend_blocks)),
            Section(t("regios", lang).format(naam=naam), tuple(region_blocks)),
        ),
    )

    # 2–4. The three goals.
    goal_sections = [
        _goal_section(goal, _(title, lang), naam, spending, result, ops, lang)
        for goal, title in GOALS.items()
    ]

    # 5. The trade-off.
    trade: list[Block] = [Paragraph((t("afweging_tekst", lang),))]
    if ops:
        robust = ngettext(
            "Op {k} van de {n} onderzochte taakvelden laat de beste groep een besparing zien "
            "die de onzekerheid doorstaat; alleen die staat hieronder als kans.",
            "Op {k} van de {n} onderzochte taakvelden laat de beste groep een besparing zien "
            "die de onzekerheid doorstaat; alleen die staan hieronder als kans.",
            result.robust,
            lang,
        )
        trade.append(Paragraph((robust.format(k=result.robust, n=result.considered),)))
        trade.append(opportunity_table(ops, naam, lang))
        if result.note:
            trade.append(Paragraph((_(result.note, lang),), "let_op"))
        if options.figures:
            points = [
                _figures.TradeoffPoint(op.taakveld, op.autonomy_loss, op.p10, op.p50, op.p90)
                for op in ops
            ]
            trade.append(
                Image(
                    _figures.tradeoff_chart(points, naam, ops[0].bron, lang),
                    t("tradeoff_alt", lang).format(
                        naam=naam, samenvatting=_trade_summary(ops, lang)
                    ),
                    t("tradeoff_caption", lang),
                    ops[0].bron,
                )
            )
    else:
        trade.append(
            Paragraph(
                (
                    t("geen_kansen_engine", lang)
                    if not result.available
                    else t("geen_robuuste_besparing", lang).format(naam=naam),
                ),
                "let_op",
            )
        )
    afweging = Section(t("afweging_titel", lang), tuple(trade))

    steps = Section(
        t("volgende", lang),
        (BulletList(tuple(Paragraph((_(s, lang),)) for s in NEXT_STEPS), ordered=True),),
    )
    return Chapter(
        title=t("title", lang),
        gemeente_code=code,
        gemeente_naam=naam,
        intro=tuple(intro),
        sections=(
            stand,
            moet_section(ds, code, naam, *records, lang=lang),  # the advice's records
            *goal_sections,
            afweging,
            vierk_section(ds, code, naam, ops, options.scores_4k, lang),  # issue 15: 4K table
            steps,
            _appendix(ds, profile.lasten_bron, spending.bron, result, appendix_extra, lang),
        ),
        attributie=engine_text(ds.attribution, lang),
        engine_parts=result.parts,
        language=lang,
    )


def _goal_section(
    goal: str,
    title: str,
    naam: str,
    spending: _stand.TaakveldSpending,
    result: OpportunityResult,
    ops: tuple[Opportunity, ...],
    lang: str,
) -> Section:
    blocks: list[Block] = [
        Paragraph((_(GOAL_INTRO[goal], lang),)),
        _stand.taakveld_table(spending, goal, naam, lang=lang),
    ]
    kansen: list[Block] = []
    mine = [
        (i, op) for i, op in enumerate(ops) if (_stand.goal_of(op.taakveld) or "bestuur") == goal
    ]
    if not result.available:
        kansen.append(Paragraph((t("geen_kansen_engine", lang),), "let_op"))
    elif not mine:
        kansen.append(Paragraph((t("geen_kansen_doel", lang),)))
    for i, op in mine:
        kansen.extend(opportunity_blocks(op, i, naam, lang))

    def mine_of(items: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
        return [x for x in items if (_stand.goal_of(x[0]) or "bestuur") == goal]

    none = [(c, n) for c, n in result.no_evidence if (_stand.goal_of(c) or "bestuur") == goal]
    subsections = [Section(t("kansen", lang), tuple(kansen))]
    covered = mine_of(result.covered)
    if covered:
        listed = BulletList(tuple(Paragraph((f"{c} {n}: {where}",)) for c, n, where in covered))
        intro = Paragraph((t("al_belegd_text", lang),))
        subsections.append(Section(t("al_belegd", lang), (intro, listed)))
    # One "no opportunity" part per goal: excluded, extra cost and no evidence together.
    niet: list[Block] = [*reason_blocks(mine_of(result.excluded), lang)]  # type: ignore[arg-type]
    extra = mine_of(result.extra_cost)
    if extra:
        niet.append(listed_block("meerkosten_text", extra, lang))  # type: ignore[arg-type]
    if none:
        niet.append(no_evidence_block(none, lang))
    if niet:
        subsections.append(Section(t("niet_als_kans", lang), tuple(niet)))
    return Section(title, tuple(blocks), tuple(subsections))


def _appendix(
    ds: Dataset,
    lasten_bron: str,
    taakveld_bron: str,
    result: OpportunityResult,
    extra: list[Section],
    lang: str,
) -> Section:
    method: list[Block] = [
        Paragraph((_(APPENDIX["methode_1"], lang),)),
        Paragraph((_(APPENDIX["methode_2"], lang),)),
    ]
    if result.available:
        method.extend(Paragraph((_(text, lang),)) for text in result.method)
    else:
        method.append(Paragraph((_(APPENDIX["methode_geen_kansen"], lang),)))
    method.append(Paragraph((_(APPENDIX["eerlijk"], lang),)))
    rows = (
        *((_(name, lang), _(value, lang)) for name, value in EDITABLE_ASSUMPTIONS),
        *result.assumptions,  # already in the chapter's language
    )
    own_scores = (
        _("Eigen scores vier K's", lang),
        _("instellingenbestand (REGIOKOMPAS_SCORES_4K)", lang),
    )
    assumptions = Table(
        _("Aannames en waar ze te wijzigen zijn", lang),
        (_("Aanname", lang), _("Waarde", lang)),
        (*rows, own_scores),
        "Regiokompas",
    )
    sources = [
        _("CBS Kerncijfers wijken en buurten 2023 (via PDOK), indeling 2023", lang),
        _("{bron} (lasten per hoofdtaakveld en per taakveld)", lang).format(bron=lasten_bron)
        if lasten_bron == taakveld_bron
        else _("{bron}; {taakveld_bron} (lasten per taakveld)", lang).format(
            bron=lasten_bron, taakveld_bron=taakveld_bron
        ),
        _("CBS Iv3 inwoners per gemeente 2017–2026", lang),
        _(
            "CBS Gebiedsindelingen 2024 (jeugdregio, GGD, veiligheidsregio, arbeidsmarktregio, "
            "RES)",
            lang,
        ),
        _("CBS/Kadaster gemeentegrenzen 2023 (Wijken en buurten 2023, vereenvoudigd)", lang),
        _(
            "VNG, Gemeente van de Toekomst: de drie doelen, geciteerd in PBLQ, blog 'De inkt is "
            "nog niet droog…' (jaar niet vermeld in de bron)",
            lang,
        ),
        _(
            "Wet versterking democratische legitimiteit Wgr (Stb. 2021, 588), in werking 1 juli "
            "2022",
            lang,
        ),
        "Allers, M.A. en De Greef, J.A. (2018), Intermunicipal cooperation, public spending and "
        "service levels, Local Government Studies 44(1)",
        *result.sources,
    ]
    return Section(
        t("bijlage", lang),
        (),
        (
            Section(t("methode", lang), tuple(method)),
            zekerheid_section(ds, lang),
            Section(t("aannames", lang), (assumptions,)),
            *extra,
            Section(t("bronnen", lang), (BulletList(tuple(Paragraph((s,)) for s in sources)),)),
            Section(t("attributie", lang), (Paragraph((engine_text(ds.attribution, lang),)),)),
        ),
        appendix=True,
    )


def _spend_summary(rows: tuple[object, ...], lang: str) -> str:
    higher = [r for r in rows if (getattr(r, "verschil_pct", None) or 0) > 10]
    names = [str(getattr(r, "omschrijving", "")) for r in higher]
    if not names:
        return _("Op geen hoofdtaakveld liggen de lasten meer dan 10% boven de mediaan.", lang)
    return _("Meer dan 10% boven de mediaan: {namen}.", lang).format(namen=join_names(names, lang))


def _trade_summary(ops: tuple[Opportunity, ...], lang: str) -> str:
    return " ".join(
        _("{taakveld}: P50 {p50} k€, autonomieverlies {verlies}.", lang).format(
            taakveld=op.taakveld,
            p50=format_number(op.p50, lang),
            verlies=format_number(op.autonomy_loss, lang, 2),
        )
        for op in ops
    )
