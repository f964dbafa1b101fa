"""``regiokompas partners NAAM`` and ``regiokompas advies NAAM``: the one advice for a gemeente
(:mod:`regiokompas.advice`), rendered as tables, CSV or JSON. Nothing is computed here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import click

from regiokompas.advice import (
    MAX_GROUP_SIZE,
    MODES,
    Advice,
    AdviceSettings,
    GroupOption,
    TaakveldAdvice,
    advise,
    parse_taakvelden,
)
from regiokompas.cli._common import dataset_from, format_option, handle_errors, settings_from
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import current_language
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.register import Regeling, congruence, existing_partners, seed_regelingen
from regiokompas.savings import SavingsEngine

__all__ = ["advies", "partners"]

F = TypeVar("F", bound=Callable[..., Any])

_SHORT = {
    "veiligheidsregio": "VR",
    "ggd": "GGD",
    "arbeidsmarktregio": "AMR",
    "jeugdregio": "JZ",
    "provincie": "PV",
    "res": "RES",
}
SEED_BRON = (
    "startgegevens register: regio's 2024 (CBS Gebiedsindelingen) en gemeenschappelijke "
    "regelingen/regioatlas 2016 (Open State, historisch, te verifiëren)"
)
DB_BRON = "registerdatabase Regiokompas (REGIOKOMPAS_DATABASE_URL)"


def band(b: Any) -> str:
    """'P10 – P50 – P90' in Dutch notation (the same digits as page, API and chapter)."""
    if b is None:
        return "–"
    d = b.decimals
    return f"{_nl(b.p10, d)} – {_nl(b.p50, d)} – {_nl(b.p90, d)}"


def _advice_options(func: F) -> F:
    options = [
        click.option(
            "--max",
            "max_size",
            type=click.IntRange(2, MAX_GROUP_SIZE),
            default=AdviceSettings.group_size,
            show_default=True,
            help="Maximaal aantal gemeenten in een groep (inclusief de gemeente zelf).",
        ),
        click.option(
            "--binnen",
            type=click.Choice(REGION_TYPES),
            default=None,
            help="Alleen partners binnen de eigen regio van deze indeling.",
        ),
        click.option(
            "--taakveld",
            "taakvelden",
            multiple=True,
            help="Taakveld(en) zoals u ze schrijft: 0.4, 0,4, 6.7 of 6.71; herhaal of scheid met "
            "';' of ', '. Twee of meer: ook de bundel. Zonder: alle deelbare taakvelden.",
        ),
        click.option(
            "--vorm",
            default=AdviceSettings.vorm,
            show_default=True,
            help="Samenwerkingsvorm (bepaalt transactiekosten en autonomieverlies).",
        ),
        click.option(
            "--modus",
            type=click.Choice(list(MODES)),
            default=AdviceSettings.mode,
            show_default=True,
            help="Besparingsmodel: fitted (geschatte kostencurve) of literature.",
        ),
        click.option(
            "--autonomieprijs",
            type=float,
            default=0.0,
            show_default=True,
            help="k€ per jaar per eenheid eigen autonomieverlies (schaal 0–1), per lid.",
        ),
        click.option(
            "--trekkingen",
            type=click.IntRange(10, 100_000),
            default=AdviceSettings.draws,
            show_default=True,
            help="Trekkingen voor de bandbreedtes.",
        ),
        click.option(
            "--geen-bewijs",
            "geen_bewijs",
            is_flag=True,
            help="Ook taakvelden zonder bewijs van besparing tonen (nooit meerkosten).",
        ),
        click.option(
            "--top",
            type=click.IntRange(1, 50),
            default=AdviceSettings.top,
            show_default=True,
            help="Aantal groepen per taakveld.",
        ),
        format_option,
        click.option(
            "--register",
            "use_register",
            is_flag=True,
            help="Bestaande samenwerking uit de registerdatabase (REGIOKOMPAS_DATABASE_URL), "
            "zoals de webapplicatie; zonder: de meegeleverde startgegevens.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _records(
    ctx: click.Context, ds: Dataset, use_register: bool
) -> tuple[tuple[Regeling, ...], str]:
    if use_register:
        from regiokompas.store import Register  # only when asked: it loads the database layer

        register = Register.open(settings_from(ctx).database_url, ds=ds)
        return tuple(register.lijst()), DB_BRON
    return seed_regelingen(ds), SEED_BRON


def _advice(
    ctx: click.Context, naam: str, kwargs: dict[str, Any]
) -> tuple[Advice, Dataset, tuple[Regeling, ...], list[str]]:
    ds = dataset_from(ctx)
    parsed = parse_taakvelden(ds, list(kwargs["taakvelden"])) if kwargs["taakvelden"] else []
    settings = AdviceSettings(
        group_size=kwargs["max_size"],
        within=kwargs["binnen"],
        vorm=SavingsEngine.from_dataset(ds, mode="literature").form(kwargs["vorm"]).vorm,
        mode=kwargs["modus"],
        autonomy_price=kwargs["autonomieprijs"],
        draws=kwargs["trekkingen"],
        include_no_evidence=kwargs["geen_bewijs"],
        taakvelden=tuple(p.reeks for p in parsed) or None,
        top=kwargs["top"],
    )
    engine = SavingsEngine.from_dataset(ds, mode=settings.mode)  # type: ignore[arg-type]
    records, bron = _records(ctx, ds, kwargs["use_register"])
    advice = advise(ds, engine, naam, settings, records, bron, language=current_language())
    return advice, ds, records, [p.notitie for p in parsed if p.notitie]


def _partners_of(o: GroupOption | None) -> str:
    return ", ".join(o.partner_namen) if o else "–"


def _evaluate(t: TaakveldAdvice) -> str:
    """For a covered taakveld: the command that evaluates the existing arrangement."""
    groups = [b for b in t.bestaand if len(b.gemeenten) > 1]
    if t.status != "al_belegd" or not groups:
        return ""
    return (
        f" Evalueren: regiokompas besparing --gemeenten {','.join(groups[0].gemeenten)} "
        f"--taakveld {t.label} --niet-aangrenzend-toegestaan"
    )


def advice_tables(advice: Advice) -> list[Table]:
    """The advice as tables: opportunities, the other taakvelden, comparable gemeenten."""
    shown = [
        [
            f"{t.label} {t.omschrijving}",
            _partners_of(t.beste),
            band(t.groep_jaar),
            band(t.eigen_jaar),
            band(t.groep_contante_waarde),
            _nl(t.beste.autonomie_eigen, 2) if t.beste else "–",
            t.oordeel or "–",
            t.congruentie,
        ]
        for t in advice.getoond
    ]
    others = [
        [f"{t.label} {t.omschrijving}", t.status.replace("_", " "), t.reden + _evaluate(t)]
        for t in advice.taakvelden
        if t not in advice.getoond
    ]
    tables = [
        Table(
            f"Kansen voor {advice.naam} (k€; groep = alle deelnemers samen, eigen = {advice.naam})",
            [
                "Taakveld",
                "Partners",
                "Groep per jaar P10 – P50 – P90",
                "Eigen aandeel per jaar P10 – P50 – P90",
                "Contante waarde groep P10 – P50 – P90",
                "Autonomieverlies eigen (0–1)",
                "Oordeel",
                "Partnersets",
            ],
            shown,
            caption=f"{advice.rangorde} {advice.autonomie_schaal} Bron: {advice.bron}; "
            f"bestaande regelingen: {advice.register_bron}.",
            align_right={2, 3, 4, 5},
        ),
        Table(
            "Overige taakvelden",
            ["Taakveld", "Status", "Reden"],
            others,
            caption=f"Bron: {advice.bron}.",
        ),
        Table(
            "Vergelijkbare gemeenten (structuur)",
            ["Gemeente", "Code"],
            [[n, c] for n, c in zip(advice.vergelijkbaar_namen, advice.vergelijkbaar, strict=True)],
            caption=f"Dichtstbijzijnd op {advice.vergelijkbaar_kenmerken}.",
        ),
    ]
    roles = [
        [f"{t.label} {t.omschrijving}", t.centrumgemeente]
        for t in advice.taakvelden
        if t.centrumgemeente
    ]
    if roles:
        tables.append(
            Table(
                "Centrumgemeenterollen (hogere lasten door regionale taken)",
                ["Taakveld", "Toelichting"],
                roles,
                caption=f"Bron: {advice.register_bron}.",
            )
        )
    already = [[f"{t.label} {t.omschrijving}", line] for t in advice.taakvelden for line in t.al_in]
    if already:
        tables.append(
            Table(
                "Partners die al samenwerken op het taakveld (bestaande samenwerking één keer "
                "geteld)",
                ["Taakveld", "Lid van de beste groep"],
                already,
                caption="Zij besparen met de overstapprior, niet opnieuw de volle besparing. "
                f"Bron: {advice.register_bron}.",
            )
        )
    duties: dict[str, list[Any]] = {}
    for j in advice.juridisch:
        duties.setdefault(j.plicht, []).append(j)
    if duties:
        tables.append(
            Table(
                "Wettelijke plichten per taakveld",
                ["Taakvelden", "Plicht (wet, status, verplicht, regio, in register)", "Bron"],
                [
                    [", ".join(j.taakveld for j in js), js[0].tekst, js[0].bron]
                    for js in duties.values()
                ],
                caption=f"Register: {advice.register_bron}. Zie ook regiokompas gemeente "
                f"{advice.naam} --plichten.",
            )
        )
    if not shown:
        tables = tables[1:]
    return tables


def _scope_tables(t: TaakveldAdvice, advice: Advice) -> list[Table]:
    rows = [
        [
            rank,
            _partners_of(o),
            len(o.leden),
            _nl(o.besparing_keur),
            _nl(o.transactie_keur),
            _nl(o.autonomie_groep, 2),
            _nl(o.netto_keur),
            "ja" if o.pareto else "",
            " ".join(_SHORT.get(r, r) for r in o.gedeelde_regios) or "–",
            o.binnen_regeling or "–",
        ]
        for rank, o in enumerate(t.opties, start=1)
    ]
    front = [
        [_partners_of(o), _nl(o.besparing_keur - o.transactie_keur), _nl(o.autonomie_groep, 2)]
        for o in t.pareto
    ]
    caption = (
        f"{t.groepen_gewaardeerd} aaneengesloten groepen gewaardeerd, {t.positief} met positieve "
        f"nettowaarde. Bron: {advice.bron}. Bedragen in k€ per jaar voor de groep; "
        f"autonomieverlies groep = som van het eigen verlies van de leden. "
        f"{advice.autonomie_schaal} Zelfde regio: VR veiligheidsregio, GGD, AMR "
        "arbeidsmarktregio, JZ jeugdregio, PV provincie, RES energieregio."
    )
    return [
        Table(
            f"Beste partnergroepen — {t.label} {t.omschrijving} ({t.status.replace('_', ' ')})",
            [
                "#",
                "Partners",
                "Leden",
                "Besparing",
                "Transactiekosten",
                "Autonomieverlies groep",
                "Netto",
                "Pareto",
                "Zelfde regio",
                "Binnen regeling",
            ],
            rows,
            caption=caption,
            align_right={0, 2, 3, 4, 5, 6},
        ),
        Table(
            f"Paretofront — {t.label}: besparing na transactiekosten en autonomieverlies",
            ["Partners", "Besparing na transactiekosten", "Autonomieverlies groep"],
            front,
            caption="Alleen groepen die beter zijn dan alleen blijven (0; 0) en die geen andere "
            "groep met minder autonomieverlies én meer besparing tegenover zich hebben.",
            align_right={1, 2},
        ),
    ]


def _existing_tables(
    ds: Dataset, code: str, records: tuple[Regeling, ...], bron: str
) -> list[Table]:
    c = congruence(code, records)
    names = ds.gemeenten.set_index("gm_code")["naam"]
    index = "–" if c.index is None else _nl(c.index, 2)
    partners = [
        [str(names.get(p.code, p.code)), p.code, p.aantal, ", ".join(p.taakvelden[:6])]
        for p in existing_partners(code, records)[:10]
    ]
    return [
        Table(
            "Bestaande samenwerking en congruentie",
            ["Kenmerk", "Waarde"],
            [
                ["Regelingen", c.regelingen],
                ["Met andere gemeenten", c.met_partners],
                ["Verschillende partnersets", c.partnersets],
                ["Congruentie-index (partnersets / regelingen)", index],
            ],
            caption=f"Bron: {bron}. Een lage index betekent dat steeds dezelfde partners "
            "terugkomen; een index bij 1 dat elke regeling een andere partnerset heeft "
            "(regionale incongruentie).",
            align_right={1},
        ),
        Table(
            "Gemeenten waarmee al wordt samengewerkt (top 10)",
            ["Gemeente", "Code", "Regelingen", "Taakvelden"],
            partners,
            caption=f"Bron: {bron}.",
            align_right={2},
        ),
    ]


def _existing_json(code: str, records: tuple[Regeling, ...], bron: str) -> dict[str, object]:
    return {
        "congruentie": dataclasses.asdict(congruence(code, records)),
        "partners": [dataclasses.asdict(p) for p in existing_partners(code, records)],
        "bron": bron,
    }


def _header(advice: Advice, notes: list[str]) -> str:
    s = advice.instellingen
    where = f", binnen {s['within']} {advice.binnen_regio}" if s["within"] else ""
    lines = [
        f"Advies voor {advice.naam} ({advice.gemeente}): groepen tot {s['group_size']} "
        f"gemeenten{where}; vorm {s['vorm']}; autonomieprijs {_nl(s['autonomy_price'], 1)} k€ "
        f"per eenheid; {s['draws']} trekkingen.",
        *advice.notities,
        *notes,
    ]
    if not advice.kansen:
        lines.append(
            "Op geen taakveld laat de beste groep een besparing zien die de onzekerheid "
            "doorstaat: alleen blijven houdt de autonomie, zonder aantoonbare kosten."
        )
    return "\n".join(lines)


@click.command("advies")
@click.argument("naam")
@_advice_options
@click.pass_context
@handle_errors
def advies(ctx: click.Context, /, naam: str, fmt: str, **kwargs: Any) -> None:
    """Het advies voor NAAM: per taakveld de beste groep (bestaande partnersets eerst), de
    bandbreedtes en het oordeel van het besparingsmodel, bestaande regelingen en de rangorde
    op bewijs: dezelfde getallen als de webpagina, de API en het hoofdstuk."""
    advice, _, _, notes = _advice(ctx, naam, kwargs)
    if fmt == "json":
        payload = advice.as_json()
        payload["getoond"] = [t.label for t in advice.getoond]
        emit_json(payload)
        return
    emit_tables(advice_tables(advice), fmt, header=_header(advice, notes))


@click.command("partners")
@click.argument("naam")
@_advice_options
@click.pass_context
@handle_errors
def partners(ctx: click.Context, /, naam: str, fmt: str, **kwargs: Any) -> None:
    """Met wie kan NAAM het best samenwerken? Per taakveld de aaneengesloten groepen met NAAM
    tot --max gemeenten (groepen binnen bestaande partnersets eerst, dan op nettowaarde), met
    het paretofront, de regio's die NAAM al deelt en de bestaande samenwerking."""
    advice, ds, records, notes = _advice(ctx, naam, kwargs)
    bron = advice.register_bron
    if fmt == "json":
        payload = advice.as_json()
        payload["getoond"] = [t.label for t in advice.getoond]
        payload["bestaande_samenwerking"] = _existing_json(advice.gemeente, records, bron)
        emit_json(payload)
        return
    tables: list[Table] = []
    with_options = [t for t in advice.taakvelden if t.opties]
    if len(advice.taakvelden) > 3:
        tables.append(
            Table(
                "Overzicht per taakveld (beste groep; rangorde van het advies)",
                ["Taakveld", "Status", "Beste partners", "Netto (k€/jr)", "Contante waarde groep"],
                [
                    [
                        t.label,
                        t.status.replace("_", " "),
                        _partners_of(t.beste),
                        _nl(t.beste.netto_keur) if t.beste else "–",
                        band(t.groep_contante_waarde),
                    ]
                    for t in advice.taakvelden
                ],
                caption=f"{advice.rangorde} Bron: {advice.bron}.",
                align_right={3, 4},
            )
        )
        with_options = with_options[:3]
    for t in with_options:
        tables.extend(_scope_tables(t, advice))
    tables.append(
        Table(
            "Regio's die de gemeente nu al deelt",
            ["Indeling", "Code", "Regio", "Andere gemeenten"],
            [[r.regiotype, r.code, r.naam, len(r.partners)] for r in advice.regios],
            caption="Bron: CBS Gebiedsindelingen 2024 (ruimtelijke koppeling, indeling 2024).",
            align_right={3},
        )
    )
    tables.extend(_existing_tables(ds, advice.gemeente, records, bron))
    header = _header(advice, notes).replace("Advies voor", "Partners voor", 1)
    emit_tables(tables, fmt, header=header)
