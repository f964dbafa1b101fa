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
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.i18n import N_
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
SEED_BRON = N_(
    "startgegevens register: regio's 2024 (CBS Gebiedsindelingen) en gemeenschappelijke "
    "regelingen/regioatlas 2016 (Open State, historisch, te verifiëren)"
)
DB_BRON = N_("registerdatabase Regiokompas (REGIOKOMPAS_DATABASE_URL)")

#: The advice's status and the engine's verdict are machine values; these are their words.
_STATUS = {
    "kans": N_("kans"),
    "geen_bewijs": N_("geen bewijs"),
    "al_belegd": N_("al belegd"),
    "uitgesloten": N_("uitgesloten"),
    "meerkosten": N_("meerkosten"),
    "geen_groep": N_("geen groep"),
}
_VERDICT = {
    "besparing": N_("besparing"),
    "geen bewijs van besparing": N_("geen bewijs van besparing"),
    "meerkosten": N_("meerkosten"),
    "verkenning": N_("verkenning"),
}


def _status(status: str) -> str:
    return cli_text(_STATUS.get(status, status.replace("_", " ")))


def _verdict(verdict: str | None) -> str:
    return cli_text(_VERDICT.get(verdict, verdict)) if verdict else "–"


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
        return tuple(register.lijst()), cli_text(DB_BRON)
    return seed_regelingen(ds), cli_text(SEED_BRON)


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


def _label(label: str) -> str:
    """A taakveld's label in the CLI's language: "bundel 0.61 + 7.3" is the partner finder's
    Dutch name of a bundle (machine value in JSON), shown as "bundle 0.61 + 7.3" in English."""
    rest = label.removeprefix("bundel ")
    return label if rest == label else cli_text("bundel {taakvelden}").format(taakvelden=rest)


def _evaluate(t: TaakveldAdvice) -> str:
    """For a covered taakveld: the command that evaluates the existing arrangement."""
    groups = [b for b in t.bestaand if len(b.gemeenten) > 1]
    if t.status != "al_belegd" or not groups:
        return ""
    return " " + cli_text(
        "Evalueren: regiokompas besparing --gemeenten {gemeenten} --taakveld {taakveld} "
        "--niet-aangrenzend-toegestaan"
    ).format(gemeenten=",".join(groups[0].gemeenten), taakveld=t.label)


def advice_tables(advice: Advice) -> list[Table]:
    """The advice as tables: opportunities, the other taakvelden, comparable gemeenten."""
    shown = [
        [
            f"{_label(t.label)} {t.omschrijving}",
            _partners_of(t.beste),
            band(t.groep_jaar),
            band(t.eigen_jaar),
            band(t.groep_contante_waarde),
            _nl(t.beste.autonomie_eigen, 2) if t.beste else "–",
            _verdict(t.oordeel),
            t.congruentie,
        ]
        for t in advice.getoond
    ]
    others = [
        [f"{_label(t.label)} {t.omschrijving}", _status(t.status), t.reden + _evaluate(t)]
        for t in advice.taakvelden
        if t not in advice.getoond
    ]
    tables = [
        Table(
            cli_text(
                "Kansen voor {naam} (k€; groep = alle deelnemers samen, eigen = {naam})"
            ).format(naam=advice.naam),
            [
                cli_text("Taakveld"),
                cli_text("Partners"),
                cli_text("Groep per jaar P10 – P50 – P90"),
                cli_text("Eigen aandeel per jaar P10 – P50 – P90"),
                cli_text("Contante waarde groep P10 – P50 – P90"),
                cli_text("Autonomieverlies eigen (0–1)"),
                cli_text("Oordeel"),
                cli_text("Partnersets"),
            ],
            shown,
            caption=cli_text(
                "{rangorde} {schaal} Bron: {bron}; bestaande regelingen: {register}."
            ).format(
                rangorde=advice.rangorde,
                schaal=advice.autonomie_schaal,
                bron=advice.bron,
                register=advice.register_bron,
            ),
            align_right={2, 3, 4, 5},
        ),
        Table(
            cli_text("Overige taakvelden"),
            [cli_text("Taakveld"), cli_text("Status"), cli_text("Reden")],
            others,
            caption=cli_text("Bron: {bron}.").format(bron=advice.bron),
        ),
        Table(
            cli_text("Vergelijkbare gemeenten (structuur)"),
            [cli_text("Gemeente"), cli_text("Code")],
            [[n, c] for n, c in zip(advice.vergelijkbaar_namen, advice.vergelijkbaar, strict=True)],
            caption=cli_text("Dichtstbijzijnd op {kenmerken}.").format(
                kenmerken=advice.vergelijkbaar_kenmerken
            ),
        ),
    ]
    roles = [
        [f"{_label(t.label)} {t.omschrijving}", t.centrumgemeente]
        for t in advice.taakvelden
        if t.centrumgemeente
    ]
    if roles:
        tables.append(
            Table(
                cli_text("Centrumgemeenterollen (hogere lasten door regionale taken)"),
                [cli_text("Taakveld"), cli_text("Toelichting")],
                roles,
                caption=cli_text("Bron: {bron}.").format(bron=advice.register_bron),
            )
        )
    already = [
        [f"{_label(t.label)} {t.omschrijving}", line] for t in advice.taakvelden for line in t.al_in
    ]
    if already:
        tables.append(
            Table(
                cli_text(
                    "Partners die al samenwerken op het taakveld (bestaande samenwerking één "
                    "keer geteld)"
                ),
                [cli_text("Taakveld"), cli_text("Lid van de beste groep")],
                already,
                caption=cli_text(
                    "Zij besparen met de overstapprior, niet opnieuw de volle besparing. "
                    "Bron: {bron}."
                ).format(bron=advice.register_bron),
            )
        )
    duties: dict[str, list[Any]] = {}
    for j in advice.juridisch:
        duties.setdefault(j.plicht, []).append(j)
    if duties:
        tables.append(
            Table(
                cli_text("Wettelijke plichten per taakveld"),
                [
                    cli_text("Taakvelden"),
                    cli_text("Plicht (wet, status, verplicht, regio, in register)"),
                    cli_text("Bron"),
                ],
                [
                    [", ".join(j.taakveld for j in js), js[0].tekst, js[0].bron]
                    for js in duties.values()
                ],
                caption=cli_text(
                    "Register: {bron}. Zie ook regiokompas gemeente {naam} --plichten."
                ).format(bron=advice.register_bron, naam=advice.naam),
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
            cli_text("ja") if o.pareto else "",
            " ".join(_SHORT.get(r, r) for r in o.gedeelde_regios) or "–",
            o.binnen_regeling or "–",
        ]
        for rank, o in enumerate(t.opties, start=1)
    ]
    front = [
        [_partners_of(o), _nl(o.besparing_keur - o.transactie_keur), _nl(o.autonomie_groep, 2)]
        for o in t.pareto
    ]
    caption = cli_text(
        "{n} aaneengesloten groepen gewaardeerd, {positief} met positieve nettowaarde. "
        "Bron: {bron}. Bedragen in k€ per jaar voor de groep; autonomieverlies groep = som van "
        "het eigen verlies van de leden. {schaal} Zelfde regio: VR veiligheidsregio, GGD, AMR "
        "arbeidsmarktregio, JZ jeugdregio, PV provincie, RES energieregio."
    ).format(
        n=t.groepen_gewaardeerd,
        positief=t.positief,
        bron=advice.bron,
        schaal=advice.autonomie_schaal,
    )
    return [
        Table(
            cli_text("Beste partnergroepen — {taakveld} ({status})").format(
                taakveld=f"{_label(t.label)} {t.omschrijving}", status=_status(t.status)
            ),
            [
                "#",
                cli_text("Partners"),
                cli_text("Leden"),
                cli_text("Besparing"),
                cli_text("Transactiekosten"),
                cli_text("Autonomieverlies groep"),
                cli_text("Netto"),
                "Pareto",
                cli_text("Zelfde regio"),
                cli_text("Binnen regeling"),
            ],
            rows,
            caption=caption,
            align_right={0, 2, 3, 4, 5, 6},
        ),
        Table(
            cli_text(
                "Paretofront — {taakveld}: besparing na transactiekosten en autonomieverlies"
            ).format(taakveld=_label(t.label)),
            [
                cli_text("Partners"),
                cli_text("Besparing na transactiekosten"),
                cli_text("Autonomieverlies groep"),
            ],
            front,
            caption=cli_text(
                "Alleen groepen die beter zijn dan alleen blijven (0; 0) en die geen andere "
                "groep met minder autonomieverlies én meer besparing tegenover zich hebben."
            ),
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
            cli_text("Bestaande samenwerking en congruentie"),
            [cli_text("Kenmerk"), cli_text("Waarde")],
            [
                [cli_text("Regelingen"), _nl(c.regelingen)],
                [cli_text("Met andere gemeenten"), _nl(c.met_partners)],
                [cli_text("Verschillende partnersets"), _nl(c.partnersets)],
                [cli_text("Congruentie-index (partnersets / regelingen)"), index],
            ],
            caption=cli_text(
                "Bron: {bron}. Een lage index betekent dat steeds dezelfde partners "
                "terugkomen; een index bij 1 dat elke regeling een andere partnerset heeft "
                "(regionale incongruentie)."
            ).format(bron=bron),
            align_right={1},
        ),
        Table(
            cli_text("Gemeenten waarmee al wordt samengewerkt (top 10)"),
            [
                cli_text("Gemeente"),
                cli_text("Code"),
                cli_text("Regelingen"),
                cli_text("Taakvelden"),
            ],
            partners,
            caption=cli_text("Bron: {bron}.").format(bron=bron),
            align_right={2},
        ),
    ]


def _existing_json(code: str, records: tuple[Regeling, ...], bron: str) -> dict[str, object]:
    return {
        "congruentie": dataclasses.asdict(congruence(code, records)),
        "partners": [dataclasses.asdict(p) for p in existing_partners(code, records)],
        "bron": bron,
    }


def _header(
    advice: Advice, notes: list[str], title: str = N_("Advies voor {naam} ({code}): ")
) -> str:
    s = advice.instellingen
    where = (
        cli_text(", binnen {regiotype} {regio}").format(
            regiotype=s["within"], regio=advice.binnen_regio
        )
        if s["within"]
        else ""
    )
    lines = [
        cli_text(title).format(naam=advice.naam, code=advice.gemeente)
        + cli_text(
            "groepen tot {n} gemeenten{binnen}; vorm {vorm}; autonomieprijs {prijs} k€ "
            "per eenheid; {trekkingen} trekkingen."
        ).format(
            n=s["group_size"],
            binnen=where,
            vorm=s["vorm"],
            prijs=_nl(s["autonomy_price"], 1),
            trekkingen=s["draws"],
        ),
        *advice.notities,
        *notes,
    ]
    if not advice.kansen:
        lines.append(
            cli_text(
                "Op geen taakveld laat de beste groep een besparing zien die de onzekerheid "
                "doorstaat: alleen blijven houdt de autonomie, zonder aantoonbare kosten."
            )
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
                cli_text("Overzicht per taakveld (beste groep; rangorde van het advies)"),
                [
                    cli_text("Taakveld"),
                    cli_text("Status"),
                    cli_text("Beste partners"),
                    cli_text("Netto (k€/jr)"),
                    cli_text("Contante waarde groep"),
                ],
                [
                    [
                        _label(t.label),
                        _status(t.status),
                        _partners_of(t.beste),
                        _nl(t.beste.netto_keur) if t.beste else "–",
                        band(t.groep_contante_waarde),
                    ]
                    for t in advice.taakvelden
                ],
                caption=cli_text("{rangorde} Bron: {bron}.").format(
                    rangorde=advice.rangorde, bron=advice.bron
                ),
                align_right={3, 4},
            )
        )
        with_options = with_options[:3]
    for t in with_options:
        tables.extend(_scope_tables(t, advice))
    tables.append(
        Table(
            cli_text("Regio's die de gemeente nu al deelt"),
            [
                cli_text("Indeling"),
                cli_text("Code"),
                cli_text("Regio"),
                cli_text("Andere gemeenten"),
            ],
            [[r.regiotype, r.code, r.naam, _nl(len(r.partners))] for r in advice.regios],
            caption=cli_text(
                "Bron: CBS Gebiedsindelingen 2024 (ruimtelijke koppeling, indeling 2024)"
            )
            + ".",
            align_right={3},
        )
    )
    tables.extend(_existing_tables(ds, advice.gemeente, records, bron))
    header = _header(advice, notes, N_("Partners voor {naam} ({code}): "))
    emit_tables(tables, fmt, header=header)
