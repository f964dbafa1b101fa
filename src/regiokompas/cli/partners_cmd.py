"""``regiokompas partners NAAM``: with whom should a gemeente cooperate, per taakveld or bundle."""

from __future__ import annotations

import dataclasses
from typing import cast

import click

from regiokompas.cli._common import dataset_from, format_option, handle_errors, settings_from
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.data import REGION_TYPES, Dataset
from regiokompas.partners import PartnerFinder, PartnerReport, ScopeResult
from regiokompas.register import Congruence, Partner, congruence, existing_partners, seed_regelingen
from regiokompas.savings import MODES, Mode, SavingsEngine

__all__ = ["partners"]


_SHORT = {
    "veiligheidsregio": "VR",
    "ggd": "GGD",
    "arbeidsmarktregio": "AMR",
    "jeugdregio": "JZ",
    "provincie": "PV",
    "res": "RES",
}


def _split(values: tuple[str, ...]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _scope_tables(scope: ScopeResult, report: PartnerReport) -> list[Table]:
    rows = [
        [
            rank,
            ", ".join(n for c, n in zip(o.members, o.namen, strict=True) if c != report.gemeente),
            len(o.members),
            _nl(o.savings_keur),
            _nl(o.transaction_keur),
            _nl(o.autonomy_loss, 2),
            _nl(o.net_keur),
            "ja" if o.pareto else "",
            " ".join(_SHORT.get(r, r) for r in o.shared_regions) or "–",
        ]
        for rank, o in enumerate(scope.options, start=1)
    ]
    front = [
        [
            ", ".join(n for c, n in zip(o.members, o.namen, strict=True) if c != report.gemeente),
            _nl(o.savings_after_transaction),
            _nl(o.autonomy_loss, 2),
        ]
        for o in scope.pareto
    ]
    caption = (
        f"{scope.groups_scored} aaneengesloten groepen gewaardeerd, {scope.positive} met positieve "
        f"nettowaarde. Bron: {report.source}. Bedragen in k€ per jaar; autonomieverlies in "
        "beleidsruimte-eenheden (som over de leden). Zelfde regio: VR veiligheidsregio, GGD, "
        "AMR arbeidsmarktregio, JZ jeugdregio, PV provincie, RES energieregio."
    )
    return [
        Table(
            f"Beste partnergroepen — {scope.label} (rangorde op nettowaarde)",
            [
                "#",
                "Partners",
                "Leden",
                "Besparing",
                "Transactiekosten",
                "Autonomieverlies",
                "Netto",
                "Pareto",
                "Zelfde regio",
            ],
            rows,
            caption=caption,
            align_right={0, 2, 3, 4, 5, 6},
        ),
        Table(
            f"Paretofront — {scope.label}: besparing na transactiekosten en autonomieverlies",
            ["Partners", "Besparing na transactiekosten", "Autonomieverlies"],
            front,
            caption="Alleen groepen die beter zijn dan alleen blijven (0; 0) en die geen andere "
            "groep met minder autonomieverlies én meer besparing tegenover zich hebben.",
            align_right={1, 2},
        ),
    ]


def _tables(report: PartnerReport) -> list[Table]:
    tables: list[Table] = []
    scopes = list(report.scopes)
    if len(scopes) > 3:
        overview = [
            [
                s.label,
                s.groups_scored,
                s.positive,
                ", ".join(
                    n
                    for c, n in zip(s.options[0].members, s.options[0].namen, strict=True)
                    if c != report.gemeente
                )
                if s.options
                else "–",
                _nl(s.options[0].net_keur) if s.options else "–",
            ]
            for s in sorted(scopes, key=lambda s: -(s.options[0].net_keur if s.options else 0.0))
        ]
        tables.append(
            Table(
                "Overzicht per taakveld (beste groep)",
                ["Taakveld", "Groepen", "Positief", "Beste partners", "Netto (k€/jr)"],
                overview,
                caption=f"Bron: {report.source}.",
                align_right={1, 2, 4},
            )
        )
        scopes = sorted(scopes, key=lambda s: -(s.options[0].net_keur if s.options else 0.0))[:3]
    for scope in scopes:
        tables.extend(_scope_tables(scope, report))
    shared = [
        [r.regiotype, r.regio_code, r.regio_naam, len(r.partners)] for r in report.shared_regions
    ]
    tables.append(
        Table(
            "Regio's die de gemeente nu al deelt",
            ["Indeling", "Code", "Regio", "Andere gemeenten"],
            shared,
            caption="Bron: CBS Gebiedsindelingen 2024 (ruimtelijke koppeling, indeling 2024).",
            align_right={3},
        )
    )
    return tables


@click.command("partners")
@click.argument("naam")
@click.option(
    "--max",
    "max_size",
    type=click.IntRange(2, 8),
    default=5,
    show_default=True,
    help="Maximaal aantal gemeenten in een groep (inclusief de gemeente zelf).",
)
@click.option(
    "--binnen",
    type=click.Choice(REGION_TYPES),
    default=None,
    help="Alleen partners binnen de eigen regio van deze indeling.",
)
@click.option(
    "--taakveld",
    "taakvelden",
    multiple=True,
    help="Taakveld(en), bv. 0.4; herhaal of scheid met komma's. Twee of meer: ook de "
    "bundel. Zonder: alle deelbare taakvelden.",
)
@click.option(
    "--vorm",
    default="bedrijfsvoeringsorganisatie",
    show_default=True,
    help="Samenwerkingsvorm (bepaalt transactiekosten en autonomieverlies).",
)
@click.option(
    "--modus",
    type=click.Choice(MODES),
    default="fitted",
    show_default=True,
    help="Besparingsmodel: fitted (geschatte kostencurve) of literature.",
)
@click.option(
    "--autonomieprijs",
    type=float,
    default=0.0,
    show_default=True,
    help="Wat één eenheid autonomieverlies u waard is in k€ per jaar.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="Aantal groepen per taakveld.",
)
@format_option
@click.option(
    "--register",
    "use_register",
    is_flag=True,
    help="Bestaande samenwerking uit de registerdatabase (REGIOKOMPAS_DATABASE_URL) in plaats "
    "van de meegeleverde startgegevens.",
)
@click.pass_context
@handle_errors
def partners(
    ctx: click.Context,
    naam: str,
    max_size: int,
    binnen: str | None,
    taakvelden: tuple[str, ...],
    vorm: str,
    modus: str,
    autonomieprijs: float,
    top: int,
    fmt: str,
    use_register: bool,
) -> None:
    """Met wie kan NAAM het best samenwerken? Alle aaneengesloten groepen met NAAM tot --max
    gemeenten, gerangschikt op nettowaarde (besparing − transactiekosten − autonomieprijs ×
    autonomieverlies), met het paretofront en de regio's die NAAM al deelt."""
    ds = dataset_from(ctx)
    engine = SavingsEngine.from_dataset(ds, mode=cast(Mode, modus))
    report = PartnerFinder(
        ds,
        engine,
        naam,
        taakvelden=_split(taakvelden) or None,
        max_size=max_size,
        within=binnen,
        vorm=vorm,
        autonomy_price=autonomieprijs,
        top=top,
    ).find()
    existing = _existing(ctx, ds, report.gemeente, use_register)
    if fmt == "json":
        payload = dataclasses.asdict(report)
        payload["bestaande_samenwerking"] = existing.as_json()
        emit_json(payload)
        return
    where = f", binnen {report.within} {report.within_region}" if report.within else ""
    header = (
        f"Partners voor {report.naam} ({report.gemeente}): groepen tot {report.max_size} "
        f"gemeenten{where}; vorm {report.vorm}; autonomieprijs "
        f"{_nl(report.autonomy_price, 1)} k€ per eenheid."
    )
    for note in report.notes:
        header += f"\n{note}"
    emit_tables([*_tables(report), *existing.tables(ds)], fmt, header=header)


@dataclasses.dataclass(frozen=True)
class _Existing:
    """What the register says about the gemeente's current cooperation."""

    congruence: Congruence
    partners: tuple[Partner, ...]
    bron: str

    def as_json(self) -> dict[str, object]:
        return {
            "congruentie": dataclasses.asdict(self.congruence),
            "partners": [dataclasses.asdict(p) for p in self.partners],
            "bron": self.bron,
        }

    def tables(self, ds: Dataset) -> list[Table]:
        c = self.congruence
        names = ds.gemeenten.set_index("gm_code")["naam"]
        index = "–" if c.index is None else f"{c.index:.2f}".replace(".", ",")
        summary: list[list[object]] = [
            ["Regelingen", c.regelingen],
            ["Met andere gemeenten", c.met_partners],
            ["Verschillende partnersets", c.partnersets],
            ["Congruentie-index (partnersets / regelingen)", index],
        ]
        partners = [
            [str(names.get(p.code, p.code)), p.code, p.aantal, ", ".join(p.taakvelden[:6])]
            for p in self.partners[:10]
        ]
        return [
            Table(
                "Bestaande samenwerking en congruentie",
                ["Kenmerk", "Waarde"],
                summary,
                caption=f"Bron: {self.bron}. Een lage index betekent dat steeds dezelfde "
                "partners terugkomen; een index bij 1 dat elke regeling een andere partnerset "
                "heeft (regionale incongruentie).",
                align_right={1},
            ),
            Table(
                "Gemeenten waarmee al wordt samengewerkt (top 10)",
                ["Gemeente", "Code", "Regelingen", "Taakvelden"],
                partners,
                caption=f"Bron: {self.bron}.",
                align_right={2},
            ),
        ]


def _existing(ctx: click.Context, ds: Dataset, code: str, use_register: bool) -> _Existing:
    if use_register:
        from regiokompas.store import Register  # only when asked: it loads the database layer

        register = Register.open(settings_from(ctx).database_url, ds=ds)
        records = tuple(register.regelingen_voor(code))
        bron = "registerdatabase Regiokompas"
    else:
        records = seed_regelingen(ds)
        bron = (
            "startgegevens register: regio's 2024 (CBS Gebiedsindelingen) en "
            "gemeenschappelijke regelingen/regioatlas 2016 (Open State, historisch, te verifiëren)"
        )
    return _Existing(congruence(code, records), tuple(existing_partners(code, records)), bron)
