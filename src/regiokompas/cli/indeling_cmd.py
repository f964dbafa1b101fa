"""``regiokompas indeling``: split a region, a province or the country into cooperation groups."""

from __future__ import annotations

import dataclasses
import sys
from typing import cast

import click
from rich.console import Console

from regiokompas.cli._common import dataset_from, format_option, handle_errors
from regiokompas.cli._indeling_robust import (
    dask_executor,
    robust_payload,
    robust_tables,
    stability_payload,
    stability_tables,
)
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_text, current_language
from regiokompas.data import REGION_TYPES, RegiokompasError
from regiokompas.i18n import N_, format_percent
from regiokompas.partition import (
    PartitionResult,
    RegionPartitioner,
    engine_scenarios,
    engine_scorer,
    robust_partitions,
    stability_map,
)
from regiokompas.savings import DEFAULT_MODE, MODES, Mode, SavingsEngine

__all__ = ["indeling"]

_STATUS = {
    "optimaal": N_("bewezen optimaal"),
    "tijdslimiet": N_("tijdslimiet bereikt: beste gevonden indeling met bewezen bovengrens"),
}


def _pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    out = []
    for value in values:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) != 2:
            raise RegiokompasError(
                f"{option} verwacht twee gemeenten gescheiden door een komma, niet '{value}'.",
                f"{option} expects two municipalities separated by a comma, not '{value}'.",
            )
        out.append((parts[0], parts[1]))
    return out


def _tables(result: PartitionResult, names: dict[str, str], caption: str) -> list[Table]:
    rows = [
        [i, len(g), ", ".join(names[c] for c in g), _nl(v)]
        for i, (g, v) in enumerate(zip(result.groups, result.values, strict=True), start=1)
        if len(g) > 1
    ]
    alone = [names[g[0]] for g in result.groups if len(g) == 1]
    summary = [
        [cli_text("Totale nettowaarde (k€ per jaar)"), _nl(result.objective, 1)],
        [cli_text("Bewezen bovengrens (k€ per jaar)"), _nl(result.bound, 1)],
        [cli_text("Optimaliteitskloof"), format_percent(result.gap, current_language(), 4)],
        [
            cli_text("Status"),
            cli_text(_STATUS[result.status]) if result.status in _STATUS else result.status,
        ],
        [cli_text("Groepen van twee of meer"), _nl(len(rows))],
        [cli_text("Gemeenten die alleen blijven"), _nl(len(alone))],
        [cli_text("Rekentijd (s)"), _nl(result.timings.get("totaal_s", 0.0), 1)],
        [
            cli_text("Groepen opgesomd / na dominantie"),
            f"{_nl(result.stats['groepen_opgesomd'])} / "
            f"{_nl(result.stats['groepen_na_dominantie'])}",
        ],
    ]
    tables = [
        Table(
            cli_text("Samenvatting"),
            ["", cli_text("Waarde")],
            summary,
            caption=caption,
            align_right={1},
        ),
        Table(
            cli_text("Samenwerkingsgroepen"),
            ["#", cli_text("Leden"), cli_text("Gemeenten"), cli_text("Netto (k€/jr)")],
            rows,
            caption=caption,
            align_right={0, 1, 3},
        ),
    ]
    if alone:
        tables.append(
            Table(
                cli_text("Alleen (geen groep die meer oplevert)"),
                [cli_text("Gemeenten")],
                [[", ".join(alone)]],
            )
        )
    return tables


@click.command("indeling")
@click.option(
    "--gebied",
    required=True,
    help="land, of <regiosoort>:<naam of code>, bv. provincie:Utrecht of veiligheidsregio:VR16.",
)
@click.option(
    "--taakveld",
    "taakvelden",
    multiple=True,
    required=True,
    help="Taakveld(en); twee of meer vormen één bundel (bestuur één keer betaald).",
)
@click.option(
    "--max-groep",
    type=click.IntRange(1, 8),
    default=6,
    show_default=True,
    help="Maximaal aantal gemeenten per groep.",
)
@click.option(
    "--min-groep",
    type=click.IntRange(1, 8),
    default=1,
    show_default=True,
    help="Minimaal aantal gemeenten per groep (1: alleen blijven mag).",
)
@click.option(
    "--samen", multiple=True, help="Twee gemeenten die samen moeten: 'A,B' (herhaalbaar)."
)
@click.option(
    "--apart", multiple=True, help="Twee gemeenten die apart moeten: 'A,B' (herhaalbaar)."
)
@click.option(
    "--binnen",
    type=click.Choice(REGION_TYPES),
    default=None,
    help="Elke groep blijft binnen één regio van deze indeling.",
)
@click.option(
    "--vorm", default="bedrijfsvoeringsorganisatie", show_default=True, help="Samenwerkingsvorm."
)
@click.option(
    "--modus",
    type=click.Choice(MODES),
    default=DEFAULT_MODE,
    show_default=True,
    help="Besparingsmodel: fitted of literature.",
)
@click.option(
    "--autonomieprijs",
    type=float,
    default=0.0,
    show_default=True,
    help="Prijs van één eenheid autonomieverlies in k€ per jaar.",
)
@click.option(
    "--tijdslimiet",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Maximale rekentijd in seconden; daarna de beste indeling met bewezen grens.",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Threads voor de solver.",
)
@click.option(
    "--robuust",
    is_flag=True,
    help="Vergelijk de indeling op de puntschatting met de verwacht-beste en de risicomijdende "
    "(maximale P10; bij een bundel maximale CVaR 10%) over trekkingen van het besparingsmodel "
    "(modus literature of custom).",
)
@click.option(
    "--stabiliteit",
    type=click.IntRange(2, 10_000),
    default=None,
    help="Los de indeling op voor S trekkingen en toon per buurpaar en per groep hoe vaak ze "
    "samen voorkomen.",
)
@click.option(
    "--trekkingen",
    type=click.IntRange(2, 10_000),
    default=100,
    show_default=True,
    help="Aantal trekkingen voor --robuust.",
)
@click.option(
    "--tijdslimiet-trekking",
    type=click.FloatRange(min=0.1),
    default=2.0,
    show_default=True,
    help="Rekentijd per trekking (s) bij --stabiliteit; elke trekking houdt haar eigen grens.",
)
@click.option(
    "--kloof-trekking",
    type=click.FloatRange(0.0, 0.5),
    default=0.001,
    show_default=True,
    help="Bij één taakveld: een trekking tussen twee opgeloste trekkingen neemt hun indeling "
    "over zonder eigen berekening als de bewezen kloof daarmee hooguit dit aandeel is.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Processen voor --stabiliteit (standaard: het aantal CPU's).",
)
@click.option(
    "--cluster",
    default=None,
    help="Adres van een Dask-scheduler (bv. tcp://10.0.0.5:8786) om de trekkingen van "
    "--stabiliteit daar te rekenen.",
)
@click.option("--zaad", type=int, default=0, show_default=True, help="Zaad van de trekkingen.")
@format_option
@click.pass_context
@handle_errors
def indeling(
    ctx: click.Context,
    gebied: str,
    taakvelden: tuple[str, ...],
    max_groep: int,
    min_groep: int,
    samen: tuple[str, ...],
    apart: tuple[str, ...],
    binnen: str | None,
    vorm: str,
    modus: str,
    autonomieprijs: float,
    tijdslimiet: float,
    threads: int,
    robuust: bool,
    stabiliteit: int | None,
    trekkingen: int,
    tijdslimiet_trekking: float,
    kloof_trekking: float,
    workers: int | None,
    cluster: str | None,
    zaad: int,
    fmt: str,
) -> None:
    """Deel een gebied in aaneengesloten samenwerkingsgroepen in met maximale totale
    nettowaarde, met een bewezen bovengrens en de optimaliteitskloof."""
    ds = dataset_from(ctx)
    engine = SavingsEngine.from_dataset(ds, mode=cast(Mode, modus))
    codes = list(
        engine.taakvelden([p.strip() for t in taakvelden for p in t.split(",") if p.strip()])
    )
    scorer = engine_scorer(engine, codes, vorm, autonomieprijs)
    engine.form(vorm)  # a clear error for an unknown form before the long part
    console = Console(stderr=True)
    show = fmt == "tabel" and sys.stderr.isatty()
    busy = cli_text("Indeling berekenen")
    with console.status(f"{busy} …", spinner="dots") as status:

        def progress(message: str) -> None:
            if show:
                status.update(f"{busy}: {message}")

        partitioner = RegionPartitioner.from_region(
            ds,
            gebied,
            scorer,
            within=binnen,
            max_size=max_groep,
            min_size=min_groep,
            together=_pairs(samen, "--samen"),
            apart=_pairs(apart, "--apart"),
            time_limit=tijdslimiet,
            threads=threads,
            progress=progress,
        )
        if robuust or stabiliteit:
            draws = stabiliteit if stabiliteit and not robuust else trekkingen
            scenarios = engine_scenarios(
                engine, codes, vorm, autonomieprijs, draws=draws, seed=zaad
            )
            robust = robust_partitions(partitioner, scenarios) if robuust else None
            stable = None
            if stabiliteit:
                status.update(f"{busy}: " + cli_text("{n} trekkingen").format(n=_nl(stabiliteit)))
                if robust is not None and stabiliteit != trekkingen:
                    scenarios = engine_scenarios(
                        engine, codes, vorm, autonomieprijs, draws=stabiliteit, seed=zaad
                    )
                stable = stability_map(
                    partitioner,
                    scenarios,
                    reference=None if robust is None else robust.expected.result,
                    workers=workers,
                    executor=dask_executor(cluster) if cluster else None,
                    time_limit_per_draw=tijdslimiet_trekking,
                    tolerance=kloof_trekking,
                )
        else:
            result = partitioner.solve()
    names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
    source = cli_text(
        "Bron: CBS Iv3 jaarrekening {jaar}, CBS inwoners; besparingsmodel modus {modus}, "
        "vorm {vorm}; taakveld(en) {taakvelden}."
    ).format(jaar=engine.jaar, modus=engine.mode, vorm=vorm, taakvelden=", ".join(codes))
    if robuust or stabiliteit:
        source += " " + cli_text(
            "Trekkingen: besparingspercentages per taakveld uit de literatuurpriors "
            "(P10/P50/P90), zaad {zaad}."
        ).format(zaad=zaad)
        payload: dict[str, object] = {"gebied": gebied, "taakvelden": codes, "bron": source}
        tables = []
        if robust is not None:
            payload["robuust"] = robust_payload(robust, names)
            tables += robust_tables(robust, names, source)
        if stable is not None:
            payload["stabiliteit"] = stability_payload(stable, names)
            tables += stability_tables(stable, names, source)
        if fmt == "json":
            emit_json(payload)
            return
        emit_tables(
            tables,
            fmt,
            header=cli_text("Robuustheid van de indeling van {gebied}.").format(gebied=gebied),
        )
        return
    if fmt == "json":
        payload = dataclasses.asdict(result)
        payload["namen"] = [[names[c] for c in g] for g in result.groups]
        payload["gebied"] = gebied
        payload["taakvelden"] = codes
        payload["bron"] = source
        emit_json(payload)
        return
    header = cli_text(
        "Indeling van {gebied} voor taakveld(en) {taakvelden}: groepen van {min} tot {max} "
        "gemeenten{binnen}."
    ).format(
        gebied=gebied,
        taakvelden=", ".join(codes),
        min=min_groep,
        max=max_groep,
        binnen=cli_text(", binnen {regio}").format(regio=binnen) if binnen else "",
    )
    emit_tables(_tables(result, names, source), fmt, header=header)
